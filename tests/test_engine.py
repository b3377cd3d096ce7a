"""The engine with a fake worker: shrinking, aborting, naming, and the result it builds."""

import dataclasses
import subprocess
import sys

import pytest
from hypothesis import strategies as st

from grader import engine
from grader.compare import Tolerance
from grader.results import Status
from grader.rubrics.base import Case, Comparing, Mistake, Rubric, against_reference


def square(x):
    return x * x


RUBRIC = Rubric(
    name="square",
    cases=st.integers(0, 1000).map(lambda x: Case(args=(("x", float(x)),))),
    judge=against_reference(square, Comparing(tolerance=Tolerance()),
                            mistakes=(Mistake("it doubles instead of squaring", lambda x: 2 * x),)),
    max_examples=30,
)


def fake(function, status="ok"):
    calls = []

    def call(case):
        calls.append(case)
        if status != "ok":
            return {"status": status, "stdout": "", "detail": "signal 9"}
        return {"status": "ok", "value": function(*case.values), "stdout": "", "aliases": []}
    return call, calls


def test_a_correct_function_passes_on_every_example():
    call, calls = fake(square)
    result = engine.grade(RUBRIC, call, seed=0, module="m", points=2)
    assert result.status is Status.PASSED and result.score == 2 and result.examples == len(calls) > 10


def test_a_failure_is_shrunk_to_a_minimal_example():
    call, _ = fake(lambda x: x * x if x < 50 else x * x + 1)
    result = engine.grade(RUBRIC, call, seed=0, module="m", points=2)
    assert result.status is Status.FAILED and result.score == 0
    assert result.failure.inputs[0].summary == "50.0"


# Explicit cases on which doubling and squaring differ: they confirm a name before it is given.
NAMING = dataclasses.replace(RUBRIC, explicit=(Case(args=(("x", 3.0),)), Case(args=(("x", 5.0),))))


def test_a_known_mistake_is_named_when_it_explains_the_answers_on_the_confirming_cases():
    call, _ = fake(lambda x: 2 * x)
    result = engine.grade(NAMING, call, seed=0, module="m", points=2)
    assert result.message == "Looks like it doubles instead of squaring: the result is 6, expected 9"
    assert result.misconception == "it doubles instead of squaring"


def test_a_mistake_that_matches_one_answer_by_coincidence_is_not_named():
    """Right at 5 where doubling gives 10: the 6 at 3 is not doubling, whatever it is."""
    call, _ = fake(lambda x: 6.0 if x == 3 else x * x)
    result = engine.grade(NAMING, call, seed=0, module="m", points=2)
    assert result.message == "The result is 6, expected 9" and result.misconception is None


def test_a_mistake_is_not_named_without_a_case_to_confirm_it():
    call, _ = fake(lambda x: 2 * x)
    result = engine.grade(RUBRIC, call, seed=0, module="m", points=2)  # no explicit case
    assert result.status is Status.FAILED and result.misconception is None
    assert not result.message.startswith("Looks like")


def test_a_confirming_case_that_raises_costs_the_name_not_the_verdict():
    def call(case):
        if case.values == [5.0]:
            return {"status": "error", "stdout": "", "error": {"type": "ValueError", "message": "no"}}
        return {"status": "ok", "value": 2 * case.values[0], "stdout": "", "aliases": []}
    result = engine.grade(NAMING, call, seed=0, module="m", points=2)
    assert result.message == "The result is 6, expected 9" and result.misconception is None


def test_a_timeout_stops_at_once():
    call, calls = fake(square, status="timeout")
    result = engine.grade(RUBRIC, call, seed=0, module="m", points=2)
    assert result.status is Status.TIMEOUT and len(calls) == 1


def test_a_crash_is_an_error():
    call, _ = fake(square, status="crashed")
    result = engine.grade(RUBRIC, call, seed=0, module="m", points=2)
    assert result.status is Status.ERROR and "signal 9" in result.message


def test_the_seed_changes_the_inputs_but_not_between_runs():
    def inputs(seed):
        call, calls = fake(square)
        engine.grade(RUBRIC, call, seed=seed, module="m", points=1)
        return [case.values for case in calls]
    assert inputs(1) == inputs(1)
    assert inputs(1) != inputs(2)


def test_a_judge_that_raises_costs_one_exercise_and_says_it_is_the_graders_fault():
    def broken_judge(case, returned):
        raise KeyError("oops")
    call, _ = fake(square)
    result = engine.grade(Rubric(name="broken", cases=RUBRIC.cases, judge=broken_judge), call,
                          seed=0, module="m", points=1)
    assert result.status is Status.ERROR and "bug in the grader" in result.message


def test_shrinking_is_bounded_by_calls_so_slow_code_reports_the_same_example():
    import time

    def slow_wrong(x):
        time.sleep(0.001)
        return x * x + 1

    fast = engine.grade(RUBRIC, fake(lambda x: x * x + 1)[0], seed=3, module="m", points=1)
    slow = engine.grade(RUBRIC, fake(slow_wrong)[0], seed=3, module="m", points=1)
    assert fast.failure.inputs == slow.failure.inputs and fast.examples == slow.examples


def test_a_budget_that_runs_out_while_shrinking_keeps_the_failure_found():
    wrong_from_50, _ = fake(lambda x: x * x if x < 50 else x * x + 1)
    wrong_given = []

    def call(case):
        if wrong_given:  # the time is up once a wrong answer was given
            return {"status": "timeout", "stdout": "", "over_budget": True, "message": "over the budget"}
        response = wrong_from_50(case)
        if response["value"] != case.values[0] ** 2:
            wrong_given.append(case)
        return response

    result = engine.grade(RUBRIC, call, seed=0, module="m", points=1)
    assert result.status is Status.FAILED and float(result.failure.inputs[0].summary) > 50  # not shrunk to 50
    assert result.message.endswith("(shrinking stopped when the exercise's time budget ran out: "
                                   "the input shown may not be minimal)")


def test_a_budget_that_runs_out_before_any_failure_is_a_timeout():
    _, calls = fake(square)

    def call(case):
        calls.append(case)
        return {"status": "timeout", "stdout": "", "over_budget": True, "message": "over the budget"}

    result = engine.grade(RUBRIC, call, seed=0, module="m", points=1)
    assert result.status is Status.TIMEOUT and result.message == "over the budget"


@pytest.mark.slow
def test_the_inputs_a_seed_gives_do_not_depend_on_the_modules_imported(tmp_path):
    """Hypothesis draws literals from the source of "local" modules it finds imported; the grader
    turns that off, or a checkout, a wheel, `grade submit` and `grade batch` would draw other inputs."""
    # Fewer than the 1024 literals past which hypothesis ignores a module.
    literals = [*range(101, 10_000, 50), *(round(0.001 * k, 6) for k in range(1, 1000, 5))]
    (tmp_path / "literals.py").write_text(f"VALUES = {literals!r}\n")
    script = (
        "import hashlib, io, sys\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "if sys.argv[1] != 'no':\n"
        "    import literals\n"
        "from grader.oracle import RUBRICS\n"
        "if sys.argv[1] == 'drawn before':  # draws before the engine is imported cache the constants seen\n"
        "    from hypothesis import given, settings\n"
        "    assert 'grader.engine' not in sys.modules\n"
        "    for rubric in RUBRICS.values():\n"
        "        given(rubric.cases)(settings(max_examples=20, database=None)(lambda case: None))()\n"
        "from grader.oracle.record import _generated\n"
        "from grader.sandbox.protocol import write_message\n"
        "digest = hashlib.sha256()\n"
        "for rubric in RUBRICS.values():\n"
        "    stream = io.BytesIO()\n"
        "    write_message(stream, [case.args for case in _generated(rubric)])\n"
        "    digest.update(stream.getvalue())\n"
        "print(digest.hexdigest())\n")
    drawn = [subprocess.run([sys.executable, "-c", script, flag], capture_output=True, text=True, check=True,
                            cwd=tmp_path).stdout for flag in ("no", "yes", "drawn before")]
    assert drawn[0] == drawn[1] == drawn[2]
