"""The answer key: for each exercise compared with the reference, inputs and their answers.

One zip member per exercise, each a message in the worker's wire format (plain data and
`.npy` arrays, never pickles): a list of entries, each a case (its arguments, fixtures
and judge-only context) and what the reference returned, what each known mistake
returned (so a wrong answer is still named), and the numerical derivatives of the cost
where gradients are checked. The full grader records it (grader.oracle.record); both
read it here. In the kit, a rubric tries every recorded case, the explicit ones first
and the generated ones from the smallest up, so the failure it reports is the smallest
recorded case that fails.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from grader.rubrics.base import Case, Comparing, Rubric, against
from grader.sandbox.protocol import read_message, write_message

PATH = Path(__file__).with_name("answer_key.zip")
FORMAT = 1
_MEMBER_TIME = (2020, 1, 1, 0, 0, 0)  # fixed, so the same key is the same bytes


@dataclasses.dataclass(frozen=True)
class Entry:
    """One recorded case and what the reference said about it."""

    case: Case
    expected: Any
    mistakes: tuple[tuple[str, Any], ...]  # (description, value) of each mistake computable on the case
    numeric: dict[str, list[float]] | None = None  # numerical derivatives, where gradients are checked
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


def read(path: Path = PATH) -> dict[str, list[Entry]]:
    with zipfile.ZipFile(path) as archive:
        found = {}
        for member in archive.namelist():
            message = read_message(io.BytesIO(archive.read(member)))
            if message["format"] != FORMAT:
                raise ValueError(f"{path}: answer key format {message['format']}, this grader reads {FORMAT}")
            found[member.removesuffix(".msg")] = [Entry.from_plain(entry) for entry in message["entries"]]
        return found


class RecordedAnswers:
    """`Answers` read from the entry each kit case carries in its context."""

    def expected(self, case: Case):
        return case.context["entry"].expected

    def mistaken(self, case: Case):
        return case.context["entry"].mistakes

    def numeric(self, case: Case):
        return case.context["entry"].numeric


def rubrics(comparing: dict[str, Comparing], path: Path = PATH) -> dict[str, Rubric]:
    """The kit's rubric of each compared exercise: its recorded cases, judged against the key."""
    found = {}
    for name, entries in read(path).items():
        cases = tuple(dataclasses.replace(entry.case, context={**entry.case.context, "entry": entry})
                      for entry in entries)
        found[name] = Rubric(name=name, cases=st.sampled_from(cases), explicit=cases,
                             judge=against(RecordedAnswers(), comparing[name]), max_examples=1, generates=False)
    return found
