import pytest

from grader.batch.kinds import failure_kind


@pytest.mark.parametrize("status, message, misconception, failed_check, kind", [
    ("passed", "", None, None, None),
    ("failed", "Looks like it decays exponentially: ...", "it decays exponentially", "matches the reference",
     "it decays exponentially"),
    ("failed", "W1 differs in 12 of 12 entries", None, "matches the reference", "differs from the reference"),
    ("failed", "std 0.31, expected 0.44", None, "weight scale", "check failed: weight scale"),
    ("error", "Raised ValueError: shapes (3,4) and (5,) not aligned (line 12)", None, "runs", "raised ValueError"),
    ("error", "SyntaxError in optimization.py, line 3: invalid syntax", None, "found",
     "SyntaxError when loading the file"),
    ("error", "IndentationError in Smith, John.py, line 3: unexpected indent", None, "found",
     "IndentationError when loading the file"),
    ("error", "The process running the submission died (killed by SIGSEGV)", None, "runs", "crashed"),
    ("error", "The grader could not judge this exercise; this is a bug in the grader", None, "runs", "grader error"),
    ("error", "optimization.py is 9.0 MiB; a module of solutions is far smaller", None, "found", "error"),
    ("timeout", "Did not return within 3.0 s", None, "runs", "timed out"),
    ("timeout", "Not graded: the exercises before it used the whole time budget", None, "found",
     "not graded: out of time"),
    ("missing", "Not attempted: the function still raises NotImplementedError", None, "runs", "not attempted"),
    ("missing", "update_lr is not defined in optimization.py", None, "found", "not submitted"),
])
def test_alike_failures_share_a_kind_whatever_their_numbers(status, message, misconception, failed_check, kind):
    assert failure_kind(status, message, misconception, failed_check) == kind
