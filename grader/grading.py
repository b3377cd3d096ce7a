"""Grade a whole submission: find each function, run its rubric, collect a Report.

One worker serves the whole submission, and each exercise runs in a process of
its own that the worker forks (`Worker.fresh`): whatever one exercise's code does
to its process (threads, patched modules, exhausted file descriptors, timers)
never reaches another exercise. The exercise's file is loaded there and inspected
first, so a syntax error or a missing function is reported without calling
anything, and one broken file never stops the others from being graded.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import grader
from grader.catalog import EXERCISES, Exercise
from grader.results import Check, ExerciseResult, Report, Status
from grader.sandbox import isolation
from grader.sandbox.limits import Limits
from grader.sandbox.runner import DEFAULT_TIMEOUT, Worker
from grader.submission import Submission

if TYPE_CHECKING:
    from grader.rubrics.base import Case


# The time all the calls of one exercise may take, in per-call timeouts (30 s by default).
EXERCISE_BUDGET_TIMEOUTS = 10
# The time a whole submission may take, in seconds: a correct one takes a few, but 19 exercises
# that each use their own budget would hold a batch for ten minutes.
DEFAULT_SUBMISSION_BUDGET = 180.0


def grade_submission(submission: Submission, *, seed: int = 0, timeout: float = DEFAULT_TIMEOUT,
                     only: tuple[str, ...] = (), limits: Limits = Limits(), isolate: str = "auto",
                     budget: float = DEFAULT_SUBMISSION_BUDGET, kit: bool = False) -> Report:
    """Raises isolation.IsolationUnavailable when `isolate` is "namespaces" and this machine has none.

    Exercises not reached within `budget` seconds are timeouts, and one that is reached gets
    at most what is left of it. `kit`: compare with the answer key, as the student kit does
    (it always does: it has no reference)."""
    started = time.monotonic()
    deadline = started + budget
    exercises = [e for e in EXERCISES if not only or e.name in only]
    sandboxed, why_not = isolation.choose(isolate)
    worker = Worker(timeout=timeout, limits=limits, sandboxed=sandboxed,
                    files=tuple(sorted(set(map(str, submission.files.values())))))
    try:
        worker.start()
        # Imported only now, so the worker's own start-up overlaps loading hypothesis and the rubrics.
        from grader.kit import IS_KIT
        from grader.kit.answer_key import AnswerKeyError
        from grader.rubrics import rubric

        kit = kit or IS_KIT

        results = []
        for exercise in exercises:
            if (absent := _absent(exercise, submission)) is not None:  # missing whatever the time left
                results.append(absent)
                continue
            left = deadline - time.monotonic()
            if left <= 0:
                results.append(_unattempted(exercise, Status.TIMEOUT, "Not graded: the exercises before it used "
                                            f"the whole time budget of the submission ({budget:g} s)"))
                continue
            exercise_budget = EXERCISE_BUDGET_TIMEOUTS * timeout
            allowance = ((exercise_budget, "the budget per exercise") if exercise_budget <= left
                         else (left, "the time left in the submission's budget"))
            try:
                chosen = rubric(exercise.name, kit)
            except AnswerKeyError as error:  # costs this exercise only, and is not the student's doing
                results.append(_unattempted(exercise, Status.ERROR, f"Not graded: {error}"))
                continue
            worker.fresh()
            results.append(_grade_one(worker, submission, exercise, chosen, seed, timeout,
                                      allowance))
    finally:
        worker.close()
    in_force = isolation.describe(sandboxed=sandboxed, why_not=why_not, worker_info=worker.info, limits=limits,
                                  timeout=timeout)
    return Report(submission=str(submission.path), seed=seed, exercises=results,
                  grader_version=grader.__version__, isolation=in_force,
                  seconds=time.monotonic() - started, mode="kit" if kit else "reference")


def _grade_one(worker, submission, exercise: Exercise, rubric, seed: int, timeout: float,
               allowance: tuple[float, str]) -> ExerciseResult:
    """`allowance`: the seconds all calls of this exercise may take, and what limits them."""
    from grader import engine  # late, like the rubrics: see grade_submission
    file = submission.file_for(exercise.module)
    inspected = worker.call_raw({"op": "inspect", "file": str(file), "module": file.stem, "names": [exercise.name]})
    if inspected["status"] == "load_error":
        error = inspected["error"]
        line = f", line {error['line']}" if error.get("line") else ""
        result = _unattempted(exercise, Status.ERROR,
                              f"{error['type']} in {error.get('file') or file.name}{line}: {error['message']}",
                              file=file.name, line=error.get("line"))
        result.traceback = error.get("traceback")
        return result
    if inspected["status"] == "timeout":
        return _unattempted(exercise, Status.TIMEOUT, f"Loading {file.name} did not finish within {timeout} s "
                            "(code at module level that never ends?)", file=file.name)
    if inspected["status"] != "ok":
        return _unattempted(exercise, Status.ERROR,
                            f"Loading {file.name} failed: {inspected.get('detail') or inspected['status']}",
                            file=file.name)
    # Present with no line (a decorated or imported function) still counts: calling it tells.
    if exercise.name not in inspected["functions"]:
        return _unattempted(exercise, Status.MISSING, f"{exercise.name} is not defined in {file.name}",
                            file=file.name)

    budget, limited_by = allowance
    spent = [0.0, 0]  # seconds in calls, calls

    def call(case: Case) -> dict:
        if spent[0] > budget:  # correct but slow code must not hold the grader for minutes
            return {"status": "timeout", "stdout": "", "seconds": 0.0, "over_budget": True,
                    "message": f"Its calls took {spent[0]:.1f} s in all, over {limited_by} ({budget:.3g} s; "
                               f"about {spent[0] / spent[1]:.1f} s per call)"}
        started = time.monotonic()
        response = worker.call_raw({
            "op": "call", "file": str(file), "module": file.stem, "function": exercise.name,
            "args": case.values, "kwargs": {}, "bind": dict(case.bind), "network": case.network,
        })
        spent[0] += time.monotonic() - started  # measured here: the worker's own figure could be forged
        spent[1] += 1
        if response["status"] == "timeout":
            response.setdefault("timeout", timeout)
        return response

    result = engine.grade(rubric, call, seed=seed, module=exercise.module, points=exercise.points)
    result.file, result.line = file.name, inspected["functions"][exercise.name]
    return result


def _absent(exercise: Exercise, submission: Submission) -> ExerciseResult | None:
    """The result of an exercise whose file was refused or not handed in; None if it is there."""
    if exercise.module in submission.refused:
        return _unattempted(exercise, Status.ERROR, submission.refused[exercise.module])
    if submission.file_for(exercise.module) is None:
        return _unattempted(exercise, Status.MISSING, f"No {exercise.module}.py in the submission")
    return None


def _unattempted(exercise: Exercise, status: Status, message: str, file: str | None = None,
                 line: int | None = None) -> ExerciseResult:
    """`file`, `line`: where the problem is, if it is in a file that was handed in."""
    return ExerciseResult(name=exercise.name, module=exercise.module, status=status, score=0.0,
                          max_score=exercise.points, message=message, checks=[Check("found", False, message)],
                          file=file, line=line)
