"""The gradebook: one SQLite file that holds every result, and the only state a batch keeps.

Each graded submission is written in one transaction (its row and one row per exercise),
so a batch killed at any moment leaves whole results or none. A student's latest
submission is their current one; earlier ones stay as history. A submission whose
grading itself failed is kept (`complete` 0, with the problem) and graded again next time.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import json
import sqlite3
import zlib
from collections.abc import Iterator
from pathlib import Path

from grader.catalog import ASSIGNMENTS, MODULES, Assignment
from grader.errors import GraderError
from grader.results import Report

try:
    import fcntl
except ImportError:  # Windows: two batches writing one gradebook are not kept apart there
    fcntl = None

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS students (id TEXT PRIMARY KEY, first_seen TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    ended TEXT,
    state TEXT NOT NULL CHECK (state IN ('running', 'finished', 'interrupted', 'failed')),
    source TEXT NOT NULL,
    grader_version TEXT NOT NULL,
    settings TEXT NOT NULL,
    workers TEXT NOT NULL,
    graded INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    skipped TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY,
    student TEXT NOT NULL REFERENCES students (id),
    run INTEGER NOT NULL REFERENCES runs (id),
    source TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    grader_version TEXT NOT NULL,
    seed INTEGER NOT NULL,
    settings TEXT NOT NULL,
    graded_at TEXT NOT NULL,
    complete INTEGER NOT NULL,
    problem TEXT,
    score REAL,
    max_score REAL,
    seconds REAL,
    report BLOB
);
CREATE INDEX IF NOT EXISTS submissions_by_student ON submissions (student, id);
CREATE TABLE IF NOT EXISTS results (
    submission INTEGER NOT NULL REFERENCES submissions (id),
    exercise TEXT NOT NULL,
    module TEXT NOT NULL,
    status TEXT NOT NULL,
    points REAL NOT NULL,
    max_points REAL NOT NULL,
    message TEXT NOT NULL,
    misconception TEXT,
    failed_check TEXT,
    seconds REAL NOT NULL,
    PRIMARY KEY (submission, exercise)
);
CREATE VIEW IF NOT EXISTS current AS
    SELECT submissions.* FROM submissions
    JOIN (SELECT max(id) AS id FROM submissions GROUP BY student) AS latest ON latest.id = submissions.id;
"""


@dataclasses.dataclass(frozen=True)
class Graded:
    """What a gradebook needs to record one submission."""

    student: str
    source: str
    content_hash: str
    report: Report | None  # None when the grading itself failed
    problem: str | None = None


@dataclasses.dataclass(frozen=True)
class ExerciseRow:
    exercise: str
    module: str
    status: str
    points: float
    max_points: float
    message: str
    misconception: str | None
    failed_check: str | None  # the first check that failed, if one did
    seconds: float


@dataclasses.dataclass(frozen=True)
class StudentRow:
    """A student's current submission and its results, as the tables and the overview read them."""

    student: str
    source: str
    content_hash: str
    grader_version: str
    seed: int
    graded_at: str
    complete: bool
    problem: str | None
    score: float | None
    max_score: float | None
    seconds: float | None
    exercises: tuple[ExerciseRow, ...]

    def assignment_scores(self) -> dict[str, tuple[float, float]]:
        """Each assignment the submission was graded as, in course order -> (its score, its points possible)."""
        scores: dict[str, tuple[float, float]] = {}
        for result in self.exercises:
            score, possible = scores.get(result.module, (0.0, 0.0))
            scores[result.module] = (score + result.points, possible + result.max_points)
        return {module: scores[module] for module in sorted(scores, key=_course_order)}


def graded_assignments(students: list[StudentRow]) -> tuple[Assignment, ...]:
    """The assignments some student's submission was graded as, in course order: a batch of
    Regularization notebooks is a Regularization gradebook. The whole course when none was."""
    graded = {result.module for row in students for result in row.exercises}
    return tuple(assignment for assignment in ASSIGNMENTS if assignment.name in graded) or ASSIGNMENTS


def _course_order(module: str) -> int:
    return MODULES.index(module) if module in MODULES else len(MODULES)


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


class Gradebook:
    """An open gradebook: a batch's own (`writer`), or a reader's (an export)."""

    def __init__(self, path: Path, connection: sqlite3.Connection):
        self.path, self._db = path, connection

    @classmethod
    @contextlib.contextmanager
    def open(cls, path: Path, *, writer: bool = True) -> Iterator[Gradebook]:
        """A writer creates the gradebook if need be and locks it: two batches writing one
        gradebook would each take the other's work for its own. A reader needs no write
        access and does not wait for a running batch.

        Raises GraderError when `path` is not a gradebook or cannot be used, or is locked
        by another batch; and for any database error while it is open."""
        if path.exists() and not path.is_file():
            raise GraderError(f"{path} is not a file")
        if not writer and not path.exists():
            raise GraderError(f"{path}: no such gradebook")
        with contextlib.ExitStack() as stack:
            try:
                book = cls(path, stack.enter_context(contextlib.closing(cls._connect(path, writer, stack))))
                book._prepare(writer)
            except OSError as error:
                raise GraderError(f"cannot open the gradebook {path}: {error.strerror}") from error
            except sqlite3.OperationalError as error:  # e.g. a read-only folder: the file may be fine
                raise GraderError(f"cannot use the gradebook {path}: {error}") from error
            except sqlite3.DatabaseError as error:
                raise GraderError(f"{path} is not a dlgrade gradebook ({error})") from error
            try:
                yield book
            except sqlite3.Error as error:
                raise GraderError(f"the gradebook {path} failed: {error}") from error

    @staticmethod
    def _connect(path: Path, writer: bool, stack: contextlib.ExitStack) -> sqlite3.Connection:
        if writer:
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = stack.enter_context(open(path, "ab"))
            try:
                if fcntl is not None:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released when the batch ends, even killed
            except BlockingIOError:
                raise GraderError(f"{path} is in use by another batch; wait for it to end") from None
            return sqlite3.connect(path, isolation_level=None)
        uri = path.resolve().as_uri()
        if not path.with_name(path.name + "-wal").exists():
            # Nobody is writing it, and a read-only folder could not hold the lock file a
            # read-only connection to a WAL database needs.
            return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
        return sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)

    def _prepare(self, writer: bool) -> None:
        tables = {name for (name,) in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if (tables or not writer) and "meta" not in tables:
            raise GraderError(f"{self.path} is not a dlgrade gradebook")
        if tables:
            self._check_schema()  # before anything is written to it
        if writer:
            self._db.execute("PRAGMA journal_mode = WAL")  # readers (an export) never wait for the batch
            self._db.execute("PRAGMA synchronous = NORMAL")  # WAL stays consistent through a kill
            # One script, one transaction: a new gradebook gets all its tables or none.
            self._db.executescript(f"BEGIN IMMEDIATE; {_SCHEMA}; INSERT OR IGNORE INTO meta VALUES "
                                   f"('schema', '{SCHEMA_VERSION}'); COMMIT;")
        self._db.execute("PRAGMA foreign_keys = ON")

    def _check_schema(self) -> None:
        (version,) = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() or ("none",)
        if version != str(SCHEMA_VERSION):
            raise GraderError(f"{self.path} is a gradebook of schema {version}; this dlgrade reads {SCHEMA_VERSION}")

    @contextlib.contextmanager
    def _transaction(self):
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # ------------------------------------------------------------------ runs

    def start_run(self, source: str, grader_version: str, settings: str, *, force: bool = False) -> int:
        """A new run. Runs still 'running' were killed: this gradebook is locked, so they are not running.

        `force`: every submission graded before this run needs grading again, in this run or,
        if it is interrupted, in the next ones, until each has been."""
        with self._transaction():
            self._db.execute("UPDATE runs SET state = 'interrupted' WHERE state = 'running'")
            run = self._db.execute(
                "INSERT INTO runs (started, state, source, grader_version, settings, workers) "
                "VALUES (?, 'running', ?, ?, ?, '')", (_now(), source, grader_version, settings)).lastrowid
            if force:
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('regrade_from', ?)", (str(run),))
        return run

    def note_workers(self, run: int, workers: str) -> None:
        """Where the run's submissions are graded ('2 local processes', a Dask scheduler)."""
        with self._transaction():
            self._db.execute("UPDATE runs SET workers = ? WHERE id = ?", (workers, run))

    def end_run(self, run: int, *, state: str, unchanged: int, skipped: list[dict]) -> None:
        """`state`: finished, interrupted (Ctrl-C, SIGTERM) or failed (the batch itself could not go on)."""
        with self._transaction():
            self._db.execute("UPDATE runs SET ended = ?, state = ?, unchanged = ?, skipped = ? WHERE id = ?",
                             (_now(), state, unchanged, json.dumps(skipped), run))

    def revision(self) -> int:
        """Grows with every submission recorded: tables built at one revision stay right until the next."""
        return self._db.execute("SELECT coalesce(max(id), 0) FROM submissions").fetchone()[0]

    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def last_skipped(self) -> list[dict]:
        """The entries the latest run found not to be submissions."""
        row = self._db.execute("SELECT skipped FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return json.loads(row[0]) if row else []

    # ------------------------------------------------------------------ submissions

    def up_to_date(self, grader_version: str, seed: int, settings: str) -> dict[str, str]:
        """Student -> content hash of their current submission, for those graded completely by
        this grader with these settings (and since the latest forced run began): a snapshot
        with that hash needs no grading."""
        rows = self._db.execute(
            "SELECT student, content_hash FROM current WHERE complete = 1 AND grader_version = ? "
            "AND seed = ? AND settings = ? AND run >= ?",
            (grader_version, seed, settings, int(self.meta("regrade_from") or 0)))
        return dict(rows.fetchall())

    def record(self, run: int, graded: Graded, *, grader_version: str, seed: int, settings: str) -> None:
        """Store one graded submission and its results, all or nothing."""
        report = graded.report
        with self._transaction():
            self._db.execute("INSERT OR IGNORE INTO students VALUES (?, ?)", (graded.student, _now()))
            cursor = self._db.execute(
                "INSERT INTO submissions (student, run, source, content_hash, grader_version, seed, settings, "
                "graded_at, complete, problem, score, max_score, seconds, report) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (graded.student, run, graded.source, graded.content_hash, grader_version, seed, settings, _now(),
                 report is not None, graded.problem,
                 report.score if report else None, report.max_score if report else None,
                 report.seconds if report else None,
                 zlib.compress(json.dumps(report.to_json()).encode()) if report else None))
            if report is not None:
                self._db.executemany(
                    "INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(cursor.lastrowid, e.name, e.module, e.status.value, e.score, e.max_score, e.message,
                      e.misconception, next((c.name for c in e.checks if not c.passed), None), e.seconds)
                     for e in report.exercises])
            self._db.execute("UPDATE runs SET graded = graded + 1 WHERE id = ?", (run,))

    def report(self, student: str) -> Report | None:
        """The full report of `student`'s current submission, if it was graded completely."""
        row = self._db.execute("SELECT report FROM current WHERE student = ?", (student,)).fetchone()
        if row is None or row[0] is None:
            return None
        return Report.from_json(json.loads(zlib.decompress(row[0])))

    def students(self) -> list[StudentRow]:
        """Every student's current submission with its results, by student id."""
        results: dict[int, list[ExerciseRow]] = {}
        for submission, *fields in self._db.execute(
                "SELECT submission, exercise, module, status, points, max_points, message, misconception, failed_check, "
                "r.seconds FROM results AS r JOIN current ON current.id = r.submission"):
            results.setdefault(submission, []).append(ExerciseRow(*fields))
        rows = self._db.execute(
            "SELECT id, student, source, content_hash, grader_version, seed, graded_at, complete, problem, score, "
            "max_score, seconds FROM current ORDER BY student")
        return [StudentRow(student, source, content_hash, version, seed, graded_at, bool(complete), problem,
                           score, max_score, seconds, tuple(results.get(submission, ())))
                for submission, student, source, content_hash, version, seed, graded_at, complete, problem, score,
                max_score, seconds in rows]
