"""The case plan: an exercise's cases for a seed and the reference's answers on them, made once.

Grading a correct function is the same work for every student: hypothesis draws the same
cases from the same seed in the same order, and the reference gives the same answers. The
plan records them the first time, as the answer key is recorded (grader.oracle.record), and
keeps them on disk, keyed by the grader's build (the code and library releases that decide
grades: grader.batch.version), the seed and the exercise. Grading then calls the student's
function on the planned cases and compares; only once one fails does hypothesis search
again, from the start, to find and shrink the failure as it would have (grader.engine), so
the verdicts are those of an unplanned grading.

The cache is a folder of one file per plan, written whole and renamed into place, so jobs
grading at once may share it; a plan that cannot be read or written is made again, in memory.
"""

from __future__ import annotations

import copy
import io
import os
import shutil
import sys
import tempfile
from pathlib import Path

from grader.kit.answer_key import Entry
from grader.rubrics.base import Rubric
from grader.sandbox.protocol import ProtocolError, read_message, write_message

FORMAT = 1
# Where plans are kept: this variable's folder, else the user's cache folder.
CACHE_VARIABLE = "DLGRADE_CACHE_DIR"

_made: dict[tuple[str, int], tuple[Entry, ...]] = {}  # this process's plans, by (exercise, seed)
_told: set[str] = set()  # exercises said to be graded without their plan


def cache_root() -> Path:
    if folder := os.environ.get(CACHE_VARIABLE):
        return Path(folder)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dlgrade"


def planned(name: str, seed: int) -> Rubric | None:
    """The rubric of exercise `name` that tries its plan for `seed` (read, or made and kept), judged
    by the recorded answers; None where no plan can be made (a grader bug costs the speed, never
    a verdict: the exercise is then graded without one, and `_unplanned` says so)."""
    from grader.rubrics import recorded

    try:
        return recorded(name, plan(name, seed))
    except Exception as error:  # noqa: BLE001
        _unplanned(name, error)
        return None


def prepared(seed: int) -> dict[tuple[str, int], tuple[Entry, ...]]:
    """Every exercise's plan for `seed`, made where the cache has none: what a batch makes once,
    before its jobs start, and ships to them (`adopt`). An exercise whose plan cannot be made is
    left out: it is graded without one."""
    from grader.catalog import EXERCISES

    shipped = {}
    for exercise in EXERCISES:
        try:
            shipped[exercise.name, seed] = plan(exercise.name, seed)
        except Exception as error:  # noqa: BLE001 - as in `planned`
            _unplanned(exercise.name, error)
    return shipped


def _unplanned(name: str, error: Exception) -> None:
    """Say, once per exercise and process, on stderr, that `name` is graded without its plan: slower,
    and a bug of the grader's to report (with DLGRADE_DEBUG=1, raised instead, with its traceback)."""
    if os.environ.get("DLGRADE_DEBUG") == "1":
        raise error
    if name not in _told:
        _told.add(name)
        print(f"dlgrade: {name} is graded without its case plan, more slowly ({type(error).__name__}: {error}); "
              "please report it", file=sys.stderr)


def adopt(shipped: dict[tuple[str, int], tuple[Entry, ...]]) -> None:
    """Grade with the plans `shipped` (a batch's, made once by its coordinator) in this process."""
    _made.update(shipped)


def plan(name: str, seed: int) -> tuple[Entry, ...]:
    """The planned entries of exercise `name` for `seed`: from this process, the cache, or made now."""
    if (name, seed) not in _made:
        file = _file(name, seed)
        entries = _read(file, name, seed)
        if entries is None:
            entries = make(name, seed)
            _write(file, name, seed, entries)
        _made[name, seed] = entries
    return _made[name, seed]


def make(name: str, seed: int) -> tuple[Entry, ...]:
    """The cases a grading with `seed` tries on a function that passes them all, in the order it
    tries them, each with the reference's answer (not the mistakes': they are looked for only
    once a case fails, and then the search starts over)."""
    from grader import engine, search
    from grader.oracle import RUBRICS
    from grader.oracle.record import answered

    rubric = RUBRICS[name]
    tried: list = []
    if rubric.cases is None:
        tried.extend(rubric.explicit)
    else:  # a copy: what the student's function would get, before anything judged it
        search.run(rubric.cases, rubric.explicit, lambda case: tried.append(copy.deepcopy(case)),
                   max_examples=rubric.max_examples, seed=engine.exercise_seed(seed, name))
    # The explicit cases come first, as they are tried first.
    return tuple(answered(rubric, case, explicit=index < len(rubric.explicit), mistakes=False)
                 for index, case in enumerate(tried))


def _file(name: str, seed: int) -> Path:
    from grader.batch.version import grader_build

    return cache_root() / "plans" / grader_build() / str(seed) / f"{name}.plan"


def _read(file: Path, name: str, seed: int) -> tuple[Entry, ...] | None:
    try:
        with file.open("rb") as stream:
            message = read_message(stream)
        if message["format"] != FORMAT or message["exercise"] != name or message["seed"] != seed:
            return None
        return tuple(Entry.from_plain(entry) for entry in message["entries"])
    except (OSError, EOFError, ProtocolError, KeyError, TypeError, ValueError):
        return None


def _write(file: Path, name: str, seed: int, entries: tuple[Entry, ...]) -> None:
    """Keep the plan, replacing any other build's plans (they are never read again); quietly
    not, where the cache cannot be written."""
    stream = io.BytesIO()
    write_message(stream, {"format": FORMAT, "exercise": name, "seed": seed,
                           "entries": [entry.to_plain() for entry in entries]})
    build = file.parent.parent
    partial = None
    try:
        if not build.exists():
            for other in build.parent.glob("*"):
                shutil.rmtree(other, ignore_errors=True)
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.")
        with os.fdopen(handle, "wb") as written:
            written.write(stream.getvalue())
        os.replace(partial, file)
    except OSError:
        if partial is not None:
            Path(partial).unlink(missing_ok=True)
