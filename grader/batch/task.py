"""One submission graded, wherever it runs: in a process of this machine's pool or on a Dask worker.

A task carries everything needed (the snapshot's bytes, the settings) and its outcome is
plain data (the report as JSON, its HTML), so it can travel between machines and the
gradebook stays with the coordinating process. `grade_task` never raises: a failure of
the grading itself is an outcome too.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
import threading
from pathlib import Path

from grader.batch.entries import Snapshot
from grader.batch.version import grader_build
from grader.grading import DEFAULT_SUBMISSION_BUDGET
from grader.sandbox.limits import MIB, Limits
from grader.sandbox.runner import DEFAULT_TIMEOUT
from grader.submission import Submission


@dataclasses.dataclass(frozen=True)
class Settings:
    """What, besides the submission itself, decides its grades; a change regrades it."""

    seed: int = 0
    timeout: float = DEFAULT_TIMEOUT
    memory_mib: int = Limits().memory_bytes // MIB
    isolation: str = "auto"
    budget: float = DEFAULT_SUBMISSION_BUDGET
    kit: bool = False
    experiments: bool = False

    def key(self) -> str:
        return json.dumps(dataclasses.asdict(self), sort_keys=True)


@dataclasses.dataclass(frozen=True)
class Task:
    student: str
    source: str  # where the submission was read from, as the report names it
    snapshot: Snapshot
    content_hash: str
    settings: Settings
    build: str  # the coordinator's grader build: a worker running another one must not grade


@dataclasses.dataclass(frozen=True)
class Outcome:
    student: str
    source: str
    content_hash: str
    report: dict | None  # Report.to_json(); None when the grading itself failed
    html: str | None
    problem: str | None = None  # why the grading itself failed


def failed(task: Task, problem: str) -> Outcome:
    return Outcome(task.student, task.source, task.content_hash, None, None, problem)


# Grading sets process-wide state (a subreaper, limits on children), so a process grades one
# submission at a time even where its host runs tasks in threads (a Dask worker).
_ONE_AT_A_TIME = threading.Lock()


def grade_task(task: Task, shipped: dict | None = None) -> Outcome:
    """Grade `task` from a private copy of its files, with the case plans `shipped` by the batch
    (grader.plans); every failure becomes the outcome's problem."""
    try:
        if task.build != grader_build():
            return failed(task, f"this grading process runs dlgrade {grader_build()}, the batch {task.build}: "
                                "install the same dlgrade everywhere")
        if shipped:
            from grader import plans
            plans.adopt(shipped)
        with _ONE_AT_A_TIME:
            return _grade(task)
    except Exception as error:  # noqa: BLE001 - reported, not raised: one submission must not stop a batch
        return failed(task, f"grading failed: {type(error).__name__}: {error}")


def _grade(task: Task) -> Outcome:
    from grader.grading import grade_submission
    from grader.report.html import render_html

    with tempfile.TemporaryDirectory(prefix="dlgrade-batch-") as folder:
        root = Path(folder)
        for name, content in task.snapshot.files.items():
            (root / name).write_bytes(content)
        submission = Submission(root, {module: root / name for module, name in task.snapshot.modules.items()},
                                dict(task.snapshot.refused), task.snapshot.notes, task.snapshot.assignments)
        settings = task.settings
        report = grade_submission(submission, seed=settings.seed, timeout=settings.timeout,
                                  limits=Limits(memory_bytes=settings.memory_mib * MIB),
                                  isolate=settings.isolation, budget=settings.budget, kit=settings.kit,
                                  experiments=settings.experiments, keep=True)
    report.submission = task.source
    return Outcome(task.student, task.source, task.content_hash, report.to_json(), render_html(report))
