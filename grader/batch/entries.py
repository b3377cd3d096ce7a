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

from grader.catalog import MODULES
from grader.errors import SubmissionError
from grader.submission import find_submission


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """One submission's graded files, read at one moment."""

    files: dict[str, bytes]  # file name -> content
    modules: dict[str, str]  # notebook module -> the file name its functions are looked up in
    refused: dict[str, str]  # notebook module -> why its file is not graded

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
    """One student's submission: a folder, or a single .py file."""

    student: str
    path: Path

    def read(self) -> Snapshot:
        """The files as they are now. A folder without any graded module is an empty snapshot
        (every exercise missing); one that cannot be read refuses every module, saying why."""
        try:
            submission = find_submission(self.path)
        except SubmissionError as error:
            if self.path.is_dir() and not any((self.path / f"{module}.py").exists() for module in MODULES):
                return Snapshot({}, {}, {})
            return Snapshot({}, {}, {module: str(error) for module in MODULES})
        files, refused = {}, dict(submission.refused)
        for module, file in submission.files.items():
            try:
                files.setdefault(file.name, file.read_bytes())
            except OSError as error:
                refused[module] = f"{file.name} cannot be read ({error.strerror})"
        modules = {module: file.name for module, file in submission.files.items() if module not in refused}
        return Snapshot(files, modules, refused)


@dataclasses.dataclass(frozen=True)
class Skipped:
    """An entry of the class folder that is not a submission."""

    name: str
    reason: str


def scan(folder: Path, *, besides: tuple[Path, ...] = ()) -> tuple[list[Entry], list[Skipped]]:
    """The submissions in `folder`, by student id (the entry's name; a .py file's without .py).

    Hidden entries, __pycache__ and the paths in `besides` (the batch's own output, when it
    is inside the class folder) are passed over silently; anything else that is not a
    folder or a .py file is listed as skipped, as is a file whose student also has a folder."""
    entries: dict[str, Entry] = {}
    skipped = []
    ours = {path.resolve() for path in besides}
    for item in sorted(os.scandir(folder), key=lambda item: item.name):
        path = Path(item.path)
        if item.name.startswith(".") or item.name == "__pycache__" or path.resolve() in ours:
            continue
        if item.is_dir():
            entries[item.name] = Entry(item.name, path)
        elif item.is_file() and item.name.endswith(".py") and len(item.name) > 3:
            student = item.name[:-3]
            if student in entries or (folder / student).is_dir():
                skipped.append(Skipped(item.name, f"{student}/ is graded as student {student}"))
            else:
                entries[student] = Entry(student, path)
        else:
            skipped.append(Skipped(item.name, "not a folder or a .py file"))
    return sorted(entries.values(), key=lambda entry: entry.student), skipped
