"""What kind of failure an exercise result is, so the class overview can count alike failures together.

Messages carry numbers and lines that differ from student to student; a kind does not.
Kinds are worked out when a summary is made, from what the gradebook keeps, so a better
classification applies to every student graded so far:
"the L2 term uses lambd/m" (a named misconception), "check failed: weight scale",
"differs from the reference", "raised TypeError", "timed out".
"""

from __future__ import annotations

import re

from grader.results import Status

_RAISED = re.compile(r"Raised (\w+)")
_LOAD_ERROR = re.compile(r"(\w+) in .+?(, line \d+)?: ")


def failure_kind(status: str, message: str, misconception: str | None, failed_check: str | None) -> str | None:
    """None for a pass; else a short phrase shared by every result that failed the same way.
    `failed_check`: the name of the first check that failed, if one did."""
    if status == Status.PASSED.value:
        return None
    if misconception:
        return misconception
    if status == Status.FAILED.value:
        if failed_check == "matches the reference":
            return "differs from the reference"
        return f"check failed: {failed_check}" if failed_check else "failed"
    if status == Status.TIMEOUT.value:
        return "not graded: out of time" if message.startswith("Not graded") else "timed out"
    if status == Status.MISSING.value:
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
