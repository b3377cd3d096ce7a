"""The student's side of the experiments, in real workers: their functions train the model,
a wrong one changes the curve, and one that cannot run is replaced by the reference's, saying so.

These use the course's He run and a short Adam run (200 epochs), about a second each;
tests/experiments/test_cli.py runs the full set."""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import pytest

from grader.experiments import datasets, running, training
from grader.experiments.catalog import BY_NAME, Family, Run
from grader.oracle.experiments import reference_functions, stand_in_source, train_reference
from grader.report import experiments
from grader.results import ExerciseResult, Status
from grader.sandbox.runner import Worker
from tests.conftest import CORPUS

HE = BY_NAME["initialization"].runs[2]  # the course's run: shorter ones have not learned enough to tell
ADAM = Run("adam", "Adam", ("random_mini_batches", "initialize_adam", "update_parameters_with_adam"),
           {"layers": [2, 5, 2, 1], "optimizer": "adam", "learning_rate": 0.0007, "mini_batch_size": 64,
            "epochs": 200, "record_every": 50, "decay": None})
SHORT = (Family("initialization", "Initialization", datasets.circles, "iterations", (HE,)),
         Family("optimization", "Optimization methods", datasets.moons, "epochs", (ADAM,)))


def reference_runs(families=SHORT) -> dict:
    functions = reference_functions()
    return {(family.name, run.key): training.train(family.name, {name: functions[name] for name in run.uses},
                                                  family.dataset().train_X, family.dataset().train_Y, run.settings)
            for family in families for run in family.runs}


@functools.cache
def short_reference() -> dict:
    """The reference's runs of SHORT, trained when a test first needs them, not at collection."""
    return reference_runs()


def submission(tmp_path: Path, *snippets: str) -> dict[str, Path]:
    """The correct base, each module with the snippets (module/name under tests/submissions) appended."""
    files = {}
    for module in ("initialization", "optimization"):
        text = (CORPUS / "base" / f"{module}.py").read_text()
        for snippet in snippets:
            if snippet.startswith(module + "/"):
                text += "\n\n" + (CORPUS / f"{snippet}.py").read_text()
        files[module] = tmp_path / f"{module}.py"
        files[module].write_text(text)
    return files


def experiment(files: dict[str, Path], results=(), *, kit: bool = False, families=SHORT):
    with Worker(files=tuple(map(str, files.values())), timeout=10.0) as worker:
        found = running.run_experiments([worker], files, list(results), families=families,
                                        stand_in_source=None if kit else stand_in_source,
                                        reference=reference_runs(families) if families is not SHORT else short_reference())
    return {run.key: run for family in found for run in family.runs}


def graded(name: str, status: Status) -> ExerciseResult:
    return ExerciseResult(name=name, module="optimization", status=status, score=0, max_score=1, message="")


def same(student, reference) -> bool:
    """The same curve up to rounding (a correct solution may compute sqrt(2 / n) another way)."""
    return student.costs == pytest.approx(reference.costs, rel=1e-9, nan_ok=True)


def test_correct_functions_train_as_the_reference(tmp_path):
    runs = experiment(submission(tmp_path))
    for run in runs.values():
        assert same(run.student, run.reference)
        assert run.student.train_accuracy == run.reference.train_accuracy
        assert run.stand_ins == {} and run.message == ""


def test_he_scaled_by_the_wrong_layer_visibly_changes_the_students_curve(tmp_path):
    runs = experiment(submission(tmp_path, "initialization/initialize_parameters_he__scaled_by_current_layer"))
    he = runs["he"]
    assert he.student.costs[0] != pytest.approx(he.reference.costs[0], rel=0.05)
    assert he.student.costs[-1] > he.reference.costs[-1] + 0.1  # it trains visibly worse
    assert he.student.train_accuracy < he.reference.train_accuracy - 0.1
    assert same(runs["adam"].student, runs["adam"].reference)  # a mistake changes its own runs only


def test_the_older_courses_three_item_adam_trains_as_the_reference(tmp_path):
    runs = experiment(submission(tmp_path, "optimization/update_parameters_with_adam__older_course_three_items"))
    assert same(runs["adam"].student, runs["adam"].reference) and runs["adam"].stand_ins == {}


@pytest.mark.slow
def test_adam_without_bias_correction_trains_differently(tmp_path):
    runs = experiment(submission(tmp_path, "optimization/update_parameters_with_adam__no_bias_correction"))
    assert runs["adam"].student.costs[1:] != pytest.approx(runs["adam"].reference.costs[1:], rel=1e-3)
    assert runs["adam"].stand_ins == {}  # it runs, so it is kept: the point is to see what it does


def test_a_missing_function_is_replaced_by_the_reference_and_the_run_says_so(tmp_path):
    files = submission(tmp_path)
    text = files["optimization"].read_text().replace("def initialize_adam(", "def initialise_adam(")
    files["optimization"].write_text(text)
    runs = experiment(files, [graded("initialize_adam", Status.MISSING)])
    assert runs["adam"].stand_ins == {"initialize_adam": "yours is missing"}
    assert same(runs["adam"].student, runs["adam"].reference)


@pytest.mark.slow
def test_a_function_that_raises_during_the_run_is_replaced_and_the_run_trained_again(tmp_path):
    files = submission(tmp_path)
    files["optimization"].write_text(files["optimization"].read_text() + """
_calls = [0]
_correct = update_parameters_with_adam
def update_parameters_with_adam(parameters, grads, v, s, t, *args):
    _calls[0] += 1
    if _calls[0] == 30:
        raise FloatingPointError("step thirty")
    return _correct(parameters, grads, v, s, t, *args)
""")
    adam = experiment(files)["adam"]
    assert adam.stand_ins == {"update_parameters_with_adam": "yours raised FloatingPointError: step thirty"}
    assert same(adam.student, adam.reference)


@pytest.mark.slow
def test_a_run_that_never_ends_times_out_and_the_others_still_run(tmp_path, monkeypatch):
    monkeypatch.setattr(running, "RUN_TIMEOUT", 2.0)
    files = submission(tmp_path)
    files["optimization"].write_text(files["optimization"].read_text() + """
def initialize_adam(parameters):
    while True:
        pass
""")
    quick_he = dataclasses.replace(HE, settings={**HE.settings, "iterations": 200})  # well within the 2 s
    runs = experiment(files, families=(dataclasses.replace(SHORT[0], runs=(quick_he,)), SHORT[1]))
    assert runs["adam"].student is None
    assert runs["adam"].message == "Not run: the training with your functions did not finish within 2 s"
    assert same(runs["he"].student, runs["he"].reference)


@pytest.mark.slow
def test_the_kit_has_no_reference_to_stand_in_so_that_run_is_not_run(tmp_path):
    runs = experiment(submission(tmp_path), [graded("update_parameters_with_adam", Status.ERROR)], kit=True)
    assert runs["adam"].student is None
    assert runs["adam"].message == "Not run: the student kit has no reference to stand in for " \
        "update_parameters_with_adam: yours could not be graded (error)"
    assert runs["he"].student is not None


@pytest.mark.slow
def test_a_run_with_none_of_the_students_functions_is_not_run(tmp_path):
    files = submission(tmp_path)
    del files["optimization"]
    adam = experiment(files)["adam"]
    assert adam.student is None and adam.message == "Not run: none of its functions is yours to run (random_mini_batches, " \
        "initialize_adam, update_parameters_with_adam: the submission has no optimization.py)"
    assert set(adam.stand_ins.values()) == {"the submission has no optimization.py"}


@pytest.mark.slow
def test_two_workers_share_the_runs_and_give_the_same_results(tmp_path):
    files = submission(tmp_path, "initialization/initialize_parameters_he__scaled_by_current_layer")
    with Worker(files=tuple(map(str, files.values()))) as first, Worker(files=tuple(map(str, files.values()))) as second:
        found = running.run_experiments([first, second], files, [], families=SHORT, stand_in_source=stand_in_source,
                                        reference=short_reference())
    alone = experiment(files)
    assert {run.key: run.student.costs for family in found for run in family.runs} == \
        {key: run.student.costs for key, run in alone.items()}


def test_a_forged_answer_is_not_taken_for_a_trained_model():
    """Student code can write to the pipe the worker answers on: only the form can be trusted."""
    genuine = short_reference()["initialization", "he"]
    assert running._checked(genuine, HE) is genuine
    forged = [
        [],
        {**genuine, "costs": genuine["costs"] * 100},  # a report of megabytes, or a channel for the reference
        {**genuine, "costs": ["0.5"] * len(genuine["costs"])},
        {**genuine, "parameters": {**genuine["parameters"], "W1": "x"}},
        {**genuine, "parameters": {**genuine["parameters"], "W1": genuine["parameters"]["W1"].T}},
        {**genuine, "parameters": {name: value for name, value in genuine["parameters"].items() if name != "b3"}},
    ]
    assert all(running._checked(answer, HE) is None for answer in forged)


@pytest.mark.slow
def test_a_name_that_is_not_a_function_is_replaced_as_missing(tmp_path):
    files = submission(tmp_path)
    files["optimization"].write_text(files["optimization"].read_text() + "\ninitialize_adam = 0.5\n")
    adam = experiment(files)["adam"]  # not graded first (as with --only): the run finds out
    assert adam.stand_ins == {"initialize_adam": "yours is missing"} and adam.student is not None


def test_runs_not_started_within_the_budget_say_so(tmp_path, monkeypatch):
    monkeypatch.setattr(running, "BUDGET", 0.0)
    runs = experiment(submission(tmp_path))
    assert {run.message for run in runs.values()} == \
        {"Not run: the runs before it used the experiments' time budget (0 s)"}


def test_the_regularization_family_trains_the_students_functions_in_the_worker(tmp_path):
    l2, dropout = (dataclasses.replace(run, settings={**run.settings, "iterations": 400})
                   for run in BY_NAME["regularization"].runs[1:])
    families = (dataclasses.replace(BY_NAME["regularization"], runs=(l2, dropout)),)
    files = submission(tmp_path)
    files["regularization"] = tmp_path / "regularization.py"
    files["regularization"].write_text((CORPUS / "base" / "regularization.py").read_text() + "\n\n" + (
        CORPUS / "regularization" / "compute_cost_with_regularization__lambda_over_m.py").read_text())
    runs = experiment(files, families=families)
    assert same(runs["dropout"].student, runs["dropout"].reference)
    assert runs["l2"].student.train_accuracy == runs["l2"].reference.train_accuracy  # the cost is only shown
    assert experiments.curve_distance(runs["l2"].student.costs, runs["l2"].reference.costs) > 0.01


@pytest.mark.slow
def test_in_the_worker_the_reference_trains_as_in_the_grader_to_the_bit():
    """The worker computes with the grader's BLAS kernels (a machine may pin them with
    OPENBLAS_CORETYPE): the chaotic large random initialization shows any rounding difference."""
    family = BY_NAME["initialization"]
    run = next(run for run in family.runs if run.key == "random")
    data = family.dataset()
    with Worker(timeout=60.0) as worker:
        response = worker.call_raw({
            "op": "train", "file": "", "module": "initialization", "family": family.name, "settings": run.settings,
            "student": [], "substitutes": {name: stand_in_source(name) for name in run.uses},
            "X": data.train_X, "Y": data.train_Y}, timeout=60.0)
    assert response["value"]["costs"] == train_reference(family.name, run.key)["costs"]


@pytest.mark.slow
@pytest.mark.parametrize("kernels", ["Prescott", "SandyBridge"])
def test_a_correct_run_rounded_otherwise_than_the_recording_is_told_nothing(kernels, tmp_path, monkeypatch):
    """The recording was made on one CPU; a correct student's worker on another rounds the
    last bits otherwise. On the runs that rounding moves most (the large random
    initialization's chaotic start: 5e-5 of median distance measured; L2's 30,000
    iterations), the report still finds nothing to say. At least one of the two kernel sets
    is not the recording's."""
    monkeypatch.setenv("OPENBLAS_CORETYPE", kernels)  # the worker computes with what the grader has
    picked = {"initialization": "random", "regularization": "l2"}
    families = tuple(dataclasses.replace(BY_NAME[name], runs=tuple(r for r in BY_NAME[name].runs if r.key == key))
                     for name, key in picked.items())
    files = submission(tmp_path)
    files["regularization"] = tmp_path / "regularization.py"
    files["regularization"].write_text((CORPUS / "base" / "regularization.py").read_text())
    with Worker(files=tuple(map(str, files.values())), timeout=10.0) as worker:
        found = running.run_experiments([worker], files, [], families=families, stand_in_source=stand_in_source)
    rows = [row for family in found for row in experiments.rows(family)]
    assert [row.run.key for row in rows] == list(picked.values())
    assert all(row.run.student is not None and row.verdict == "" for row in rows), [row.verdict for row in rows]
