"""Writing the grader's own output files (reports, tables), whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from grader.errors import GraderError


def write_text(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step: a grader stopped mid-write leaves the old file
    (or none), never half a new one. Raises GraderError when it cannot be written."""
    if path.exists() and not path.is_file():  # /dev/stdout, a pipe: written as it is
        try:
            with open(path, "w", encoding="utf-8") as file:
                file.write(text)
            return
        except OSError as error:
            raise GraderError(f"cannot write {path}: {error.strerror}") from error
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".dlgrade-", suffix=".tmp")
    except OSError as error:
        raise GraderError(f"cannot write {path}: {error.strerror}") from error
    try:
        with open(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(temporary, _mode(path))
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise GraderError(f"cannot write {path}: {error.strerror}") from error
        raise


def _mode(path: Path) -> int:
    """The file's mode if it exists (a rerun keeps what the user set), else a new file's under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
