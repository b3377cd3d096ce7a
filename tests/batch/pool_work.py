"""Stand-ins for grade_task that misbehave on purpose; module-level, so spawned processes import them."""

import os
import time

from grader.batch.task import Outcome, Task


def answer(task: Task) -> Outcome:
    """Graded at once; "dies" kills its process, "hangs" never answers."""
    if task.student == "dies":
        os._exit(3)
    if task.student == "killed":
        os.kill(os.getpid(), 9)
    if task.student == "hangs":
        time.sleep(3600)
    return Outcome(task.student, task.source, task.content_hash, {"pid": os.getpid()}, "<html>")


def grade_or_die(task: Task) -> Outcome:
    """Grades as a batch does, except that the grading of student "dies" kills its process."""
    from grader.batch.task import grade_task

    if task.student == "dies":
        os._exit(3)
    return grade_task(task)


def plans_held(task: Task) -> Outcome:
    """The case plans this grading process holds before it grades anything."""
    from grader import plans

    return Outcome(task.student, task.source, task.content_hash, {"plans": sorted(map(list, plans._made))}, "")
