import pytest

from grader.batch.kinds import failure_kind
from grader.results import Check, ExerciseResult, Status


def result(status: str, message: str = "", checks=(), misconception=None) -> ExerciseResult:
    return ExerciseResult(name="update_lr", module="optimization", status=Status(status), score=0.0,
                          max_score=1.0, message=message, checks=list(checks), misconception=misconception)


@pytest.mark.parametrize("outcome, kind", [
    (result("passed"), None),
    (result("failed", "Looks like it decays exponentially: ...", [Check("matches the reference", False)],
            misconception="it decays exponentially"), "it decays exponentially"),
    (result("failed", "W1 differs in 12 of 12 entries", [Check("matches the reference", False)]),
     "differs from the reference"),
    (result("failed", "std 0.31, expected 0.44", [Check("return structure", True), Check("weight scale", False)]),
     "check failed: weight scale"),
    (result("error", "Raised ValueError: shapes (3,4) and (5,) not aligned (line 12)"), "raised ValueError"),
    (result("error", "SyntaxError in optimization.py, line 3: invalid syntax", [Check("found", False)]),
     "SyntaxError when loading the file"),
    (result("error", "The process running the submission died (killed by SIGSEGV)"), "crashed"),
    (result("error", "The grader could not judge this exercise; this is a bug in the grader"), "grader error"),
    (result("error", "optimization.py is 9.0 MiB; a module of solutions is far smaller"), "error"),
    (result("timeout", "Did not return within 3.0 s"), "timed out"),
    (result("timeout", "Not graded: the exercises before it used the whole time budget"), "not graded: out of time"),
    (result("missing", "Not attempted: the function still raises NotImplementedError"), "not attempted"),
    (result("missing", "update_lr is not defined in optimization.py"), "not submitted"),
])
def test_alike_failures_share_a_kind_whatever_their_numbers(outcome, kind):
    assert failure_kind(outcome) == kind
