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
import json
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

from grader.batch.entries import Entry, Skipped, scan
from grader.batch.gradebook import Gradebook, Graded
from grader.batch.naming import printable, report_filename
from grader.batch.overview import overview
from grader.batch.progress import Progress
from grader.batch.tables import grades_csv
from grader.batch.task import Outcome, Settings, Task
from grader.batch.version import grader_build, presentation_build
from grader.errors import GraderError, SubmissionError
from grader.files import write_text
from grader.report.summary import percent
from grader.results import Report

GRADEBOOK = "gradebook.sqlite"
TABLES = ("grades.csv", "summary.html")
TABLES_STAMP = ".dlgrade-tables"  # what the tables were built from
# Past what grading a submission may take (its budget, and one call's timeout more for the
# call under way when the budget ran out), what a grading process may take (starting its
# worker, loading the file) before it is stopped for good.
OVERRUN_SECONDS = 60.0


# Set by Ctrl-C or SIGTERM under `interruptible`: see there.
_STOP = threading.Event()


@contextlib.contextmanager
def interruptible():
    """Ctrl-C and SIGTERM (a scheduler's or a container's stop) end a batch, after the result
    being recorded. Each raises KeyboardInterrupt and also sets a flag that the batch checks
    after every result: an exception raised while Python runs a finalizer is only printed,
    and the batch would go on."""
    def interrupt(signum, frame):
        _STOP.set()
        raise KeyboardInterrupt

    _STOP.clear()
    previous = {number: signal.signal(number, interrupt) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@dataclasses.dataclass(frozen=True)
class BatchResult:
    graded: int  # submissions graded in this run
    unchanged: int  # submissions already in the gradebook, not graded again
    not_graded: tuple[tuple[str, str], ...]  # (student, problem) whose grading failed in this run
    skipped: tuple[Skipped, ...]
    state: str  # finished or interrupted
    forced: bool
    gradebook: Path
    out: Path


@dataclasses.dataclass
class _Recorder:
    """Writes each outcome to the gradebook and the student's report, and counts them."""

    book: Gradebook
    run: int
    out: Path
    settings: Settings
    build: str
    progress: Progress | None
    graded: int = 0
    not_graded: list[tuple[str, str]] = dataclasses.field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        report = Report.from_json(outcome.report) if outcome.report is not None else None
        self.book.record(self.run, Graded(outcome.student, outcome.source, outcome.content_hash, report,
                                          outcome.problem),
                         grader_version=self.build, seed=self.settings.seed, settings=self.settings.key())
        path = self.out / "reports" / report_filename(outcome.student)
        if report is not None:
            self.graded += 1
            write_text(path, outcome.html)
        else:
            self.not_graded.append((outcome.student, outcome.problem))
            path.unlink(missing_ok=True)  # an earlier report is not this submission's
        if self.progress:
            self.progress.advance(outcome.student, f"{percent(report.score, report.max_score)}%" if report
                                  else f"not graded: {outcome.problem}")


def run_batch(folder: Path, out: Path, *, settings: Settings, jobs: int, scheduler: str | None = None,
              gradebook: Path | None = None, force: bool = False, progress_stream=None,
              terminal: bool = False) -> BatchResult:
    """Raises GraderError when the folder, the output folder or the gradebook cannot be used;
    KeyboardInterrupt before grading began or after it ended."""
    folder, out = folder.resolve(), out.resolve()
    gradebook = (gradebook or out / GRADEBOOK).resolve()
    _check_places(folder, out, gradebook)
    try:
        (out / "reports").mkdir(parents=True, exist_ok=True)
        outputs = (out, out / "reports", *(out / name for name in TABLES), *_gradebook_files(gradebook))
        entries, skipped = scan(folder, besides=outputs)
    except OSError as error:
        raise GraderError(f"{printable(str(error.filename))}: {error.strerror}") from error
    build = grader_build()
    with Gradebook.open(gradebook) as book:
        run = book.start_run(printable(str(folder)), build, settings.key(), force=force)
        todo, unreadable = _plan(book, out, entries, book.up_to_date(build, settings.seed, settings.key()))
        unchanged = len(entries) - len(todo) - len(unreadable)
        progress = Progress(len(todo) + len(unreadable), progress_stream, terminal=terminal) \
            if progress_stream else None
        recorder = _Recorder(book, run, out, settings, build, progress)
        state = "failed"
        try:
            for outcome in unreadable:
                recorder.add(outcome)
            if todo:
                backend = _backend(jobs, scheduler, settings, shipped=_plans(settings))
                book.note_workers(run, backend.description)
                with contextlib.closing(backend.grade(_tasks(todo, settings, build, recorder))) as outcomes:
                    for outcome in outcomes:
                        recorder.add(outcome)
                        if _STOP.is_set():
                            raise KeyboardInterrupt
            state = "finished"
        except KeyboardInterrupt:
            state = "interrupted"
        finally:
            if progress:
                progress.close()
            book.end_run(run, state=state, unchanged=unchanged, skipped=[dataclasses.asdict(e) for e in skipped])
        _refresh_outputs(book, out, title=printable(folder.name))
    return BatchResult(graded=recorder.graded, unchanged=unchanged,
                       not_graded=tuple(recorder.not_graded), skipped=tuple(skipped), state=state, forced=force,
                       gradebook=gradebook, out=out)


def _plan(book: Gradebook, out: Path, entries: list[Entry],
          current: dict[str, str]) -> tuple[list[Entry], list[Outcome]]:
    """The entries to grade (new or changed since `current`), and the outcomes of those that
    cannot be read. The reports of the others are made sure of on the way."""
    todo, unreadable = [], []
    for entry in entries:
        try:
            content_hash = entry.read().content_hash
        except SubmissionError as error:
            unreadable.append(_unreadable(entry, error))
            continue
        if current.get(entry.student) == content_hash:
            _ensure_report(book, out, entry.student)
        else:
            todo.append(entry)
    return todo, unreadable


def _check_places(folder: Path, out: Path, gradebook: Path) -> None:
    if not folder.is_dir():
        raise GraderError(f"{folder}: not a folder of submissions (`grade submit` grades one)" if folder.exists()
                          else f"{folder}: no such folder")
    if gradebook in {out / name for name in TABLES} or gradebook.is_relative_to(out / "reports"):
        raise GraderError(f"{gradebook} is where the batch writes its outputs; give the gradebook another name")


def _gradebook_files(gradebook: Path) -> tuple[Path, ...]:
    return gradebook, gradebook.with_name(gradebook.name + "-wal"), gradebook.with_name(gradebook.name + "-shm")


def _plans(settings: Settings) -> dict:
    """The case plans of the batch's seed (grader.plans), made here once for every job; none
    for the kit's grading, which has its answer key."""
    if settings.kit:
        return {}
    from grader import plans
    return plans.prepared(settings.seed)


def _backend(jobs: int, scheduler: str | None, settings: Settings, shipped: dict):
    if scheduler:
        from grader.batch.cluster import Cluster
        return Cluster(scheduler, shipped)
    from grader.batch.pool import LocalPool
    return LocalPool(jobs, task_seconds=settings.budget + settings.timeout + OVERRUN_SECONDS, shipped=shipped)


def _unreadable(entry: Entry, error: SubmissionError) -> Outcome:
    return Outcome(entry.student, printable(str(entry.path)), "", None, None, printable(str(error)))


def _tasks(entries: list[Entry], settings: Settings, build: str, recorder: _Recorder) -> Iterator[Task]:
    """Each entry read again as it is sent, so what is graded and what is recorded are one snapshot."""
    for entry in entries:
        try:
            snapshot = entry.read()
        except SubmissionError as error:  # changed since it was hashed
            recorder.add(_unreadable(entry, error))
            continue
        yield Task(entry.student, printable(str(entry.path)), snapshot, snapshot.content_hash, settings, build)


def _ensure_report(book: Gradebook, out: Path, student: str) -> None:
    """A report lost since its submission was graded (or never written: the batch was killed
    between the two) is rendered again from the gradebook."""
    path = out / "reports" / report_filename(student)
    if not path.exists() and (report := book.report(student)) is not None:
        from grader.report.html import render_html
        write_text(path, render_html(report))


def _refresh_outputs(book: Gradebook, out: Path, *, title: str) -> None:
    """Rebuild the tables unless those in `out` were built from this gradebook as it is now,
    by this dlgrade: a rerun with nothing to grade then costs little more than reading the
    submissions. What they were built from is kept beside them, in `out`."""
    stamp = out / TABLES_STAMP
    built_from = json.dumps([str(book.path), book.revision(), book.last_skipped(), title, grader_build(),
                             presentation_build()])
    try:
        current = stamp.read_text(encoding="utf-8") == built_from
    except OSError:
        current = False
    if not current or not all((out / name).is_file() for name in TABLES):
        stamp.unlink(missing_ok=True)  # the tables may be half rewritten until the new stamp is there
        write_outputs(book, out, title=title)
        write_text(stamp, built_from)


def write_outputs(book: Gradebook, out: Path, *, title: str) -> None:
    """grades.csv and summary.html, from the gradebook alone."""
    from grader.report.class_summary import render_class_summary

    students = book.students()
    seeds = {row.seed for row in students}
    versions = sorted({row.grader_version for row in students})
    write_text(out / "grades.csv", grades_csv(students))
    write_text(out / "summary.html", render_class_summary(
        overview(students), title=title, seed=seeds.pop() if len(seeds) == 1 else None,
        grader_version=", ".join(versions) or grader_build(), skipped=book.last_skipped(),
        generated=datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")))
