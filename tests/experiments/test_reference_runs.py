"""The reference's recorded runs are what the reference trains now, and they tell the course's story."""

from __future__ import annotations

import pytest

from grader.experiments import recorded, training
from grader.experiments.catalog import FAMILIES
from grader.oracle.experiments import reference_functions, train_reference
from grader.report.experiments import curve_distance

RUNS = [(family, run) for family in FAMILIES for run in family.runs]
# The course's figures hold within this many percentage points where the data is the course's own.
COURSE_TOLERANCE = 3.0


def accuracies(family_name: str) -> dict[str, tuple[float, float | None]]:
    family = next(f for f in FAMILIES if f.name == family_name)
    data = family.dataset()
    runs = recorded.read()
    return {run.key: (training.accuracy(data.train_X, data.train_Y, runs[family.name, run.key]["parameters"]),
                      None if data.test_X is None else
                      training.accuracy(data.test_X, data.test_Y, runs[family.name, run.key]["parameters"]))
            for run in family.runs}


@pytest.mark.parametrize("family, run", RUNS, ids=[f"{family.name}/{run.key}" for family, run in RUNS])
def test_the_recording_is_what_the_reference_trains_now(family, run):
    """Fails after a change to the reference, the models or the data: `grade kit record` then.

    Where BLAS picks other kernels (another CPU), rounding differs, and the large random
    initialization's chaotic start moves a few points of its curve (median distance 5e-5
    measured); any change to what is trained moves far more."""
    now = train_reference(family.name, run.key)
    kept = recorded.read()[family.name, run.key]
    data = family.dataset()
    assert len(kept["costs"]) == len(now["costs"]), "stale: run `grade kit record`"
    assert curve_distance(now["costs"], kept["costs"]) < 1e-3, "stale: run `grade kit record`"
    for X, Y in ((data.train_X, data.train_Y), (data.test_X, data.test_Y)):
        if X is not None:
            assert training.accuracy(X, Y, now["parameters"]) == training.accuracy(X, Y, kept["parameters"])


def test_the_check_of_the_recording_sees_a_change_in_what_is_trained():
    family, run = RUNS[2]  # He: the smoothest run, so the one where a change shows least
    settings = {**run.settings, "learning_rate": run.settings["learning_rate"] * 1.01}
    changed = training.train(family.name, {"initialize_parameters_he": reference_functions()["initialize_parameters_he"]},
                             family.dataset().train_X, family.dataset().train_Y, settings)
    assert curve_distance(changed["costs"], recorded.read()[family.name, run.key]["costs"]) > 1e-3


def test_every_run_is_recorded():
    assert set(recorded.read()) == {(family.name, run.key) for family, run in RUNS}


@pytest.mark.parametrize("family", [f for f in FAMILIES if f.dataset().name in ("circles", "moons")],
                         ids=lambda family: family.name)
def test_on_the_courses_own_data_the_reference_lands_near_the_courses_figures(family):
    measured = accuracies(family.name)
    for run in family.runs:
        for published, got in zip(run.course or (), measured[run.key]):
            if published is not None:
                assert abs(got - published) * 100 <= COURSE_TOLERANCE, (run.key, got, published)


def test_initialization_zeros_then_large_random_then_he():
    train = {key: pair[0] for key, pair in accuracies("initialization").items()}
    assert train["zeros"] < train["random"] < train["he"]
    assert train["zeros"] == 0.5  # symmetry is never broken: every unit learns the same


def test_adam_beats_gradient_descent_and_momentum_and_decay_lifts_gradient_descent():
    train = {key: pair[0] for key, pair in accuracies("optimization").items()}
    assert train["adam"] > max(train["gd"], train["momentum"]) + 0.1
    assert train["gd_schedule"] > train["gd"] + 0.1


def test_regularization_trades_training_accuracy_for_test_accuracy():
    measured = accuracies("regularization")
    (none_train, none_test) = measured["none"]
    for key in ("l2", "dropout"):
        train, test = measured[key]
        assert train < none_train and test > none_test, (key, measured)
