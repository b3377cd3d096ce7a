"""The answer key: every exercise's inputs and, for those compared with the reference, their answers.

One zip member per exercise, each a message in the worker's wire format (plain data and
`.npy` arrays, never pickles): a list of entries, each a case (its arguments, fixtures
and judge-only context) and, where the exercise is compared with the reference, what the
reference returned, what each known mistake returned (so a wrong answer is still named),
and the numerical derivatives of the cost where gradients are checked. An exercise graded
by its contract needs its cases only. The full grader records the key
(grader.oracle.record); both read it here. In the kit, a rubric tries every recorded case,
the explicit ones first and the generated ones from the smallest up, so the failure it
reports is the smallest recorded case that fails. The kit needs no hypothesis.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import zipfile
import zlib
from pathlib import Path
from typing import Any

from grader.rubrics.base import Against, Case, Comparing, Judge, Rubric
from grader.sandbox.protocol import ProtocolError, read_message, write_message

PATH = Path(__file__).with_name("answer_key.zip")
FORMAT = 1
_MEMBER_TIME = (2020, 1, 1, 0, 0, 0)  # fixed, so the same key is the same bytes


@dataclasses.dataclass(frozen=True)
class Entry:
    """One recorded case and what the reference said about it."""

    case: Case
    expected: Any = None  # None where the exercise is graded by its contract
    mistakes: tuple[tuple[str, Any], ...] = ()  # (description, value) of each mistake computable on the case
    numeric: dict | None = None  # directions and numerical derivatives, where gradients are checked (gradcheck)
    explicit: bool = False  # one of the rubric's hand-picked cases

    def to_plain(self) -> dict:
        return {"args": self.case.args, "bind": self.case.bind, "context": self.case.context,
                "expected": self.expected, "mistakes": self.mistakes, "numeric": self.numeric,
                "explicit": self.explicit}

    @classmethod
    def from_plain(cls, data: dict) -> Entry:
        case = Case(args=tuple(data["args"]), bind=tuple(data["bind"]), context=dict(data["context"]))
        return cls(case, data["expected"], tuple(data["mistakes"]), data["numeric"], data["explicit"])


def write(path: Path, entries: dict[str, list[Entry]]) -> None:
    """Write the key: the same entries always give the same bytes."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.comment = f"dlgrade answer key, format {FORMAT}".encode()
        for name in sorted(entries):
            stream = io.BytesIO()
            write_message(stream, {"format": FORMAT, "entries": [entry.to_plain() for entry in entries[name]]})
            member = zipfile.ZipInfo(f"{name}.msg", date_time=_MEMBER_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, stream.getvalue())


class AnswerKeyError(Exception):
    """Raised when the key for an exercise cannot be read: that exercise cannot be graded."""


def entries(name: str, path: Path | None = None) -> tuple[Entry, ...]:
    """The recorded cases of exercise `name` (from the installed key unless `path` is given),
    read on first use: one zip member each."""
    return _entries(name, path or PATH)


@functools.cache
def _entries(name: str, path: Path) -> tuple[Entry, ...]:
    try:
        with zipfile.ZipFile(path) as archive:
            message = read_message(io.BytesIO(archive.read(f"{name}.msg")))
        if message.get("format") != FORMAT:
            raise ValueError(f"format {message.get('format')!r}, this grader reads format {FORMAT}")
        found = tuple(Entry.from_plain(entry) for entry in message["entries"])
        if not found:
            raise ValueError("no cases")
    except (OSError, EOFError, zipfile.BadZipFile, zlib.error, ProtocolError, KeyError, TypeError,
            ValueError, AttributeError) as error:
        raise AnswerKeyError(f"The student kit's answer key for {name} cannot be read ({path.name}: "
                             f"{type(error).__name__}: {error}); reinstall the kit") from error
    return found


def read(path: Path | None = None) -> dict[str, list[Entry]]:
    """Every exercise's entries."""
    path = path or PATH
    with zipfile.ZipFile(path) as archive:
        names = [member.removesuffix(".msg") for member in archive.namelist()]
    return {name: list(entries(name, path)) for name in names}


class RecordedAnswers:
    """`Answers` read from the entry each kit case carries in its context."""

    def expected(self, case: Case):
        return case.context["entry"].expected

    def mistaken(self, case: Case):
        return case.context["entry"].mistakes

    def numeric(self, case: Case):
        return case.context["entry"].numeric


def against_key(comparing: Comparing) -> Judge:
    """Judge a compared exercise by the answers recorded with each case."""
    return Against(RecordedAnswers(), comparing)


def rubric(name: str, judge: Judge, recorded: tuple[Entry, ...]) -> Rubric:
    """The rubric of exercise `name` that tries every `recorded` case in order, judged by `judge`
    (`against_key`, or the exercise's contract): the kit's, with the key's entries; a case plan's."""
    cases = tuple(dataclasses.replace(entry.case, context={**entry.case.context, "entry": entry}) for entry in recorded)
    confirming = tuple(case for case, entry in zip(cases, recorded) if entry.explicit)
    return Rubric(name=name, explicit=cases, judge=judge, confirming=confirming)
