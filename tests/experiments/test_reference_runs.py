"""The reference's recorded runs are what the reference trains now, on this CPU, and both tell
the course's story.

BLAS picks its kernels by CPU, and each set rounds the last bits otherwise. Every claim here
was measured to hold, with margin, on the recording and on fresh runs with OPENBLAS_CORETYPE
forced to Prescott, Nehalem, SandyBridge, Haswell, Zen, SkylakeX and Cooperlake: the
accuracies came out the same on all of them, and the curves within 5e-5 of the recording.
"""

from __future__ import annotations

import pytest

from grader.experiments import recorded, training
from grader.experiments.catalog import FAMILIES
from grader.oracle.experiments import reference_functions
from grader.report.experiments import curve_distance

RUNS = [(family, run) for family in FAMILIES for run in family.runs]
# The course's figures hold within this many percentage points where the data is the course's own.
COURSE_TOLERANCE = 3.0
# What rounding may move: a run's median distance from the recording, and an accuracy (one point
# is two test points of 200). A change to what is trained moves far more.
CURVE_AGREEMENT, ACCURACY_AGREEMENT = 1e-3, 0.01


def recording(family_name: str, key: str) -> dict:
    return recorded.read()[family_name, key]


@pytest.fixture(scope="module")
def trained_now(recorded_now):
    """The runs as the reference trains them now, on this CPU (`grade kit record --into`)."""
    runs = recorded.read(recorded_now[0] / recorded.PATH.name)
    return lambda family_name, key: runs[family_name, key]


@pytest.fixture(params=["recording", "this CPU"])
def source(request, trained_now):
    return recording if request.param == "recording" else trained_now


def accuracies(family_name: str, source=recording) -> dict[str, tuple[float, float | None]]:
    """{run: (training accuracy, test accuracy or None)}, of the recording or of a fresh run."""
    family = next(f for f in FAMILIES if f.name == family_name)
    data = family.dataset()
    found = {}
    for run in family.runs:
        parameters = source(family.name, run.key)["parameters"]
        found[run.key] = (training.accuracy(data.train_X, data.train_Y, parameters),
                          None if data.test_X is None else training.accuracy(data.test_X, data.test_Y, parameters))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("family, run", RUNS, ids=[f"{family.name}/{run.key}" for family, run in RUNS])
def test_the_recording_is_what_the_reference_trains_now(family, run, trained_now):
    """Fails after a change to the reference, the models or the data: `grade kit record` then."""
    now, kept = trained_now(family.name, run.key), recording(family.name, run.key)
    assert len(kept["costs"]) == len(now["costs"]), "stale: run `grade kit record`"
    assert curve_distance(now["costs"], kept["costs"]) < CURVE_AGREEMENT, "stale: run `grade kit record`"
    for ours, theirs in zip(accuracies(family.name, trained_now)[run.key], accuracies(family.name)[run.key]):
        assert (ours is None) == (theirs is None)
        if ours is not None:
            assert abs(ours - theirs) <= ACCURACY_AGREEMENT, "stale: run `grade kit record`"


def test_the_check_of_the_recording_sees_a_change_in_what_is_trained():
    family, run = RUNS[2]  # He: the smoothest run, so the one where a change shows least
    settings = {**run.settings, "learning_rate": run.settings["learning_rate"] * 1.01}
    changed = training.train(family.name, {"initialize_parameters_he": reference_functions()["initialize_parameters_he"]},
                             family.dataset().train_X, family.dataset().train_Y, settings)
    assert curve_distance(changed["costs"], recording(family.name, run.key)["costs"]) > CURVE_AGREEMENT


def test_every_run_is_recorded():
    assert set(recorded.read()) == {(family.name, run.key) for family, run in RUNS}


@pytest.mark.slow
@pytest.mark.parametrize("family", [f for f in FAMILIES if f.dataset().name in ("circles", "moons")],
                         ids=lambda family: family.name)
def test_on_the_courses_own_data_the_reference_lands_near_the_courses_figures(family, source):
    measured = accuracies(family.name, source)
    for run in family.runs:
        for published, got in zip(run.course or (), measured[run.key]):
            if published is not None:
                assert abs(got - published) * 100 <= COURSE_TOLERANCE, (run.key, got, published)


@pytest.mark.slow
def test_initialization_zeros_then_large_random_then_he(source):
    train = {key: pair[0] for key, pair in accuracies("initialization", source).items()}
    assert train["zeros"] + 0.1 < train["random"] < train["he"] - 0.1
    assert train["zeros"] == 0.5  # symmetry is never broken: every unit learns the same


@pytest.mark.slow
def test_adam_beats_gradient_descent_and_momentum_and_decay_lifts_gradient_descent(source):
    train = {key: pair[0] for key, pair in accuracies("optimization", source).items()}
    assert train["adam"] > max(train["gd"], train["momentum"]) + 0.1
    assert train["gd_schedule"] > train["gd"] + 0.1


@pytest.mark.slow
def test_regularization_trades_training_accuracy_for_test_accuracy(source):
    """By more than a point each way (measured: 3.3 and 2.5 at the least), so that no kernel set's
    rounding can turn it around."""
    measured = accuracies("regularization", source)
    (none_train, none_test) = measured["none"]
    for key in ("l2", "dropout"):
        train, test = measured[key]
        assert train < none_train - 0.01 and test > none_test + 0.01, (key, measured)
