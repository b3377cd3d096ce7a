"""`grade batch`: grade every new or changed submission of a class folder, record each as it
finishes, and rebuild the tables and the class summary from the gradebook.

Whatever stops a batch (Ctrl-C, SIGTERM, a kill) loses at most the submissions being graded
at that moment: every finished one is in the gradebook, and the next run of the same command
grades only what is not there yet.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import os
from collections.abc import Iterator
from pathlib import Path

from grader.batch.entries import Entry, Skipped, scan
from grader.batch.gradebook import Gradebook, Graded
from grader.batch.kinds import failure_kind
from grader.batch.overview import overview
from grader.batch.progress import Progress
from grader.batch.tables import grades_csv
from grader.batch.task import Outcome, Settings, Task
from grader.batch.version import grader_build
from grader.errors import GraderError
from grader.report.summary import percent
from grader.results import Report

GRADEBOOK = "gradebook.sqlite"
# Past the submission's own budget, what a grading process may take (starting its worker, say)
# before it is stopped for good.
OVERRUN_SECONDS = 60.0


@dataclasses.dataclass(frozen=True)
class BatchResult:
    graded: int  # submissions graded in this run
    unchanged: int  # submissions already in the gradebook, not graded again
    not_graded: tuple[tuple[str, str], ...]  # (student, problem) whose grading failed in this run
    skipped: tuple[Skipped, ...]
    interrupted: bool
    gradebook: Path
    out: Path


def run_batch(folder: Path, out: Path, *, settings: Settings, jobs: int, scheduler: str | None = None,
              gradebook: Path | None = None, force: bool = False, progress_stream=None,
              terminal: bool = False) -> BatchResult:
    """Raises GraderError when the folder, the output folder or the gradebook cannot be used."""
    if not folder.is_dir():
        raise GraderError(f"{folder}: not a folder of submissions (`grade submit` grades one)" if folder.exists()
                          else f"{folder}: no such folder")
    gradebook = gradebook or out / GRADEBOOK
    try:
        (out / "reports").mkdir(parents=True, exist_ok=True)
        entries, skipped = scan(folder, besides=(out, gradebook))
    except OSError as error:
        raise GraderError(f"{error.filename}: {error.strerror}") from error
    build = grader_build()
    with Gradebook.open(gradebook) as book:
        current = {} if force else book.up_to_date(build, settings.seed, settings.key())
        todo = []
        for entry in entries:
            if current.get(entry.student) == entry.read().content_hash:
                _ensure_report(book, out, entry.student)
            else:
                todo.append(entry)
        backend = _backend(jobs, scheduler, settings)
        run = book.start_run(str(folder), build, settings.key(), backend.description)
        progress = Progress(len(todo), progress_stream, terminal=terminal) if progress_stream else None
        graded, not_graded, interrupted = 0, [], False
        try:
            with contextlib.closing(backend.grade(_tasks(todo, settings, build))) as outcomes:
                for outcome in outcomes:
                    report = _record(book, run, outcome, settings, build)
                    graded += 1
                    if report is not None:
                        _write(out / "reports" / f"{outcome.student}.html", outcome.html)
                    else:
                        not_graded.append((outcome.student, outcome.problem))
                    if progress:
                        progress.advance(outcome.student, f"{percent(report.score, report.max_score)}%"
                                         if report else f"not graded: {outcome.problem}")
        except KeyboardInterrupt:
            interrupted = True
        finally:
            if progress:
                progress.close()
            book.end_run(run, interrupted=interrupted, unchanged=len(entries) - len(todo),
                         skipped=[dataclasses.asdict(entry) for entry in skipped])
        write_outputs(book, out, title=folder.name)
    return BatchResult(graded=graded, unchanged=len(entries) - len(todo), not_graded=tuple(not_graded),
                       skipped=tuple(skipped), interrupted=interrupted, gradebook=gradebook, out=out)


def _backend(jobs: int, scheduler: str | None, settings: Settings):
    if scheduler:
        from grader.batch.cluster import Cluster
        return Cluster(scheduler)
    from grader.batch.pool import LocalPool
    return LocalPool(jobs, task_seconds=settings.budget + OVERRUN_SECONDS)


def _tasks(entries: list[Entry], settings: Settings, build: str) -> Iterator[Task]:
    """Each entry read again as it is sent, so what is graded and what is recorded are one snapshot."""
    for entry in entries:
        snapshot = entry.read()
        yield Task(entry.student, str(entry.path), snapshot, snapshot.content_hash, settings, build)


def _record(book: Gradebook, run: int, outcome: Outcome, settings: Settings, build: str) -> Report | None:
    report = Report.from_json(outcome.report) if outcome.report is not None else None
    book.record(run, Graded(outcome.student, report.submission if report else "", outcome.content_hash,
                            report, outcome.problem),
                grader_version=build, seed=settings.seed, settings=settings.key(),
                kinds={e.name: failure_kind(e) for e in report.exercises} if report else None)
    return report


def _ensure_report(book: Gradebook, out: Path, student: str) -> None:
    """A report lost since its submission was graded (or never written: the batch was killed
    between the two) is rendered again from the gradebook."""
    path = out / "reports" / f"{student}.html"
    if not path.exists() and (report := book.report(student)) is not None:
        from grader.report.html import render_html
        _write(path, render_html(report))


def write_outputs(book: Gradebook, out: Path, *, title: str) -> None:
    """grades.csv and summary.html, from the gradebook alone."""
    from grader.report.class_summary import render_class_summary

    students = book.students()
    seeds = {row.seed for row in students}
    versions = sorted({row.grader_version for row in students})
    _write(out / "grades.csv", grades_csv(students))
    _write(out / "summary.html", render_class_summary(
        overview(students), title=title, seed=seeds.pop() if len(seeds) == 1 else None,
        grader_version=", ".join(versions) or grader_build(), skipped=book.last_skipped(),
        generated=datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")))


def _write(path: Path, text: str) -> None:
    """Replace `path` whole: a batch killed mid-write leaves the old file, never half a new one."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise GraderError(f"cannot write {path}: {error.strerror}") from error
