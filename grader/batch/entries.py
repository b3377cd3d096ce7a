"""What a class folder holds: one entry per student, read into a snapshot that can be hashed and shipped.

A snapshot holds the bytes of the files that are graded, so that what is hashed is exactly
what is graded, and a grading process on another machine needs no shared file system.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

from grader.batch.naming import printable
from grader.errors import SubmissionError
from grader.submission import MODULE_FILES, find_submission, gradable


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """One submission's graded files, read at one moment."""

    files: dict[str, bytes]  # file name -> content
    modules: dict[str, str]  # notebook module -> the file name its functions are looked up in
    refused: dict[str, str]  # notebook module -> why its file is not graded
    notes: tuple[str, ...] = ()  # how the files were read (a notebook passed over, ...)
    assignments: tuple[str, ...] | None = None  # what it is graded as (a lone notebook); None: the course

    @property
    def content_hash(self) -> str:
        digest = hashlib.sha256()
        digest.update(json.dumps([sorted(self.modules.items()), sorted(self.refused.items())]).encode())
        for name in sorted(self.files):
            digest.update(f"\0{name}\0{len(self.files[name])}\0".encode())
            digest.update(self.files[name])
        return digest.hexdigest()


@dataclasses.dataclass(frozen=True)
class Entry:
    """One student's submission: a folder, or a single .py file or notebook."""

    student: str
    path: Path

    def read(self) -> Snapshot:
        """The files as they are now; a folder without any graded module is an empty snapshot
        (every exercise missing). Raises SubmissionError when the entry or one of its files
        cannot be read: not the student's doing, so it is not graded rather than graded in part."""
        try:
            if self.path.is_dir() and (graded := gradable(self.path)).is_dir() and \
                    not any(name in MODULE_FILES or name.endswith(".ipynb") for name in os.listdir(graded)):
                return Snapshot({}, {}, {})
            submission = find_submission(self.path)
            files: dict[str, bytes] = {}
            for file in submission.files.values():
                files.setdefault(file.name, file.read_bytes())
        except OSError as error:
            raise SubmissionError(f"{self.path.name}: cannot be read ({error.strerror})") from error
        modules = {module: file.name for module, file in submission.files.items()}
        return Snapshot(files, modules, dict(submission.refused), submission.notes, submission.assignments)


_SUBMISSION_FILES = (".py", ".ipynb")


@dataclasses.dataclass(frozen=True)
class Skipped:
    """An entry of the class folder that is not a submission."""

    name: str
    reason: str


def scan(folder: Path, *, besides: tuple[Path, ...] = ()) -> tuple[list[Entry], list[Skipped]]:
    """The submissions in `folder`, by student id (the entry's name as printable text; a .py
    file's or a notebook's without its suffix).

    Hidden entries, __pycache__ and the paths in `besides` (the batch's own outputs, when
    they are inside the class folder) are passed over silently. Listed as skipped: what is
    not a folder, a .py file or a notebook, a link to outside the folder (a link from an unpacked archive
    could point at anything, the solutions included), and a file whose student also has a folder."""
    entries: dict[str, Entry] = {}
    skipped = []
    inside = os.path.realpath(folder)
    ours = {os.path.realpath(path) for path in besides}
    for item in sorted(os.scandir(folder), key=lambda item: item.name):
        real = os.path.realpath(item.path)  # unlike Path.resolve, never raises, even on a loop of links
        name = printable(item.name)
        if item.name.startswith(".") or item.name == "__pycache__" or real in ours:
            continue
        if item.is_symlink() and os.path.commonpath([inside, real]) != inside:
            skipped.append(Skipped(name, "a link to outside the class folder; copy the submission in instead"))
        elif os.path.isdir(item.path):  # unlike DirEntry.is_dir, False for a loop of links
            entries[name] = Entry(name, Path(item.path))
        elif os.path.isfile(item.path) and (stem := _stem(item.name)):
            student = printable(stem)
            if (folder / stem).is_dir():
                skipped.append(Skipped(name, f"{student}/ is graded as student {student}"))
            elif student in entries:
                skipped.append(Skipped(name, f"{printable(entries[student].path.name)} is graded as student {student}"))
            else:
                entries[student] = Entry(student, Path(item.path))
        else:
            skipped.append(Skipped(name, "not a folder, a .py file or a notebook"))
    return sorted(entries.values(), key=lambda entry: entry.student), skipped


def _stem(name: str) -> str | None:
    """The student id a file's name gives, if the file is a submission (.py or .ipynb)."""
    for suffix in _SUBMISSION_FILES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[:-len(suffix)]
    return None
