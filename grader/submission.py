"""Find what to grade: a folder of the four notebook modules, or one .py file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from grader.catalog import MODULES
from grader.errors import SubmissionError

# A notebook module is tens of kilobytes; far more is not a solution, and would cost memory to load.
MAX_SOURCE_BYTES = 8 << 20


@dataclasses.dataclass(frozen=True)
class Submission:
    path: Path
    files: dict[str, Path]  # notebook module -> the file its functions are looked up in
    # notebook module -> why its file is not graded (a link to a file outside the submission)
    refused: dict[str, str] = dataclasses.field(default_factory=dict)

    def file_for(self, module: str) -> Path | None:
        return self.files.get(module)


def find_submission(path: str | Path) -> Submission:
    """A folder holding any of initialization.py, ..., optimization.py; or a single .py file,
    in which every graded function is looked up by name. File paths are absolute: the
    worker runs in a directory of its own."""
    if not str(path).strip():
        raise SubmissionError("the submission path is empty")
    root = Path(path).resolve()
    if not root.exists():
        raise SubmissionError(f"{path}: no such file or folder")
    if root.is_file():
        if root.suffix != ".py":
            raise SubmissionError(f"{path}: not a Python file (expected a .py file or a folder)")
        _check_readable(root)
        if too_large := _too_large(root):
            raise SubmissionError(too_large)
        return Submission(root, {module: root for module in MODULES})
    if not root.is_dir():
        raise SubmissionError(f"{path}: neither a file nor a folder")
    try:
        present = {module: root / f"{module}.py" for module in MODULES if (root / f"{module}.py").is_file()}
    except PermissionError as error:
        raise SubmissionError(f"{path}: cannot be read ({error.strerror})") from error
    if not present:
        expected = ", ".join(f"{module}.py" for module in MODULES)
        raise SubmissionError(f"{path}: no file to grade; expected any of {expected}")
    # A link out of the submission could point at anything, the solutions included.
    # Only the file itself can be a link: `root` is resolved already.
    refused = {module: f"{file.name} is a link to a file outside the submission; submit the file itself"
               for module, file in present.items() if file.is_symlink() and not file.resolve().is_relative_to(root)}
    for module, file in present.items():
        if module not in refused and (too_large := _too_large(file)):
            refused[module] = too_large
    files = {module: file for module, file in present.items() if module not in refused}
    for file in files.values():
        _check_readable(file)
    return Submission(root, files, refused)


def _too_large(file: Path) -> str | None:
    size = file.stat().st_size
    if size <= MAX_SOURCE_BYTES:
        return None
    return (f"{file.name} is {size / (1 << 20):.1f} MiB; a module of solutions is far smaller "
            f"(at most {MAX_SOURCE_BYTES >> 20} MiB)")


def _check_readable(file: Path) -> None:
    try:
        with file.open("rb"):
            pass
    except OSError as error:
        raise SubmissionError(f"{file}: cannot be read ({error.strerror})") from error
