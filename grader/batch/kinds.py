"""What kind of failure an exercise result is, so the class overview can count alike failures together.

Messages carry numbers and lines that differ from student to student; a kind does not:
"the L2 term uses lambd/m" (a named misconception), "check failed: weight scale",
"differs from the reference", "raised TypeError", "timed out".
"""

from __future__ import annotations

import re

from grader.results import ExerciseResult, Status

_RAISED = re.compile(r"Raised (\w+)")
_LOAD_ERROR = re.compile(r"(\w+) in \S+(, line \d+)?: ")


def failure_kind(result: ExerciseResult) -> str | None:
    """None for a pass; else a short phrase shared by every result that failed the same way."""
    if result.status is Status.PASSED:
        return None
    if result.misconception:
        return result.misconception
    message = result.message
    if result.status is Status.FAILED:
        failed = next((check.name for check in result.checks if not check.passed), None)
        if failed == "matches the reference":
            return "differs from the reference"
        return f"check failed: {failed}" if failed else "failed"
    if result.status is Status.TIMEOUT:
        return "not graded: out of time" if message.startswith("Not graded") else "timed out"
    if result.status is Status.MISSING:
        return "not attempted" if message.startswith("Not attempted") else "not submitted"
    if raised := _RAISED.match(message):
        return f"raised {raised.group(1)}"
    if loaded := _LOAD_ERROR.match(message):
        return f"{loaded.group(1)} when loading the file"
    if message.startswith("The process running the submission died"):
        return "crashed"
    if message.startswith("The grader could not judge"):
        return "grader error"
    return "error"
