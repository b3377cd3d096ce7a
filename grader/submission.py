"""Find what to grade: a folder of the four notebook modules (.py files or Jupyter notebooks),
or one .py file or notebook."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from grader import notebook
from grader.catalog import ASSIGNMENT, BY_NAME, MODULES
from grader.errors import SubmissionError

MODULE_FILES = frozenset(f"{module}.py" for module in MODULES)
# A notebook module is tens of kilobytes; far more is not a solution, and would cost memory to load.
MAX_SOURCE_BYTES = 8 << 20


@dataclasses.dataclass(frozen=True)
class Submission:
    path: Path
    files: dict[str, Path]  # notebook module -> the file (.py or .ipynb) its functions are looked up in
    # notebook module -> why its file is not graded (a link to a file outside the submission)
    refused: dict[str, str] = dataclasses.field(default_factory=dict)
    notes: tuple[str, ...] = ()  # what the student should know of how the files were read
    # The assignments it is graded as, in course order; None: the whole course.
    assignments: tuple[str, ...] | None = None

    def file_for(self, module: str) -> Path | None:
        return self.files.get(module)


def find_submission(path: str | Path) -> Submission:
    """A folder holding any of initialization.py, ..., optimization.py and notebooks (each
    supplies the modules whose graded functions it defines; a module's .py file comes
    first); or a single .py file, in which every graded function is looked up by name; or
    a single notebook, which supplies the modules whose graded functions it defines. A folder
    without any of these is graded as what `gradable` finds in it (its only .py file, or its
    only folder), with a note. Each is graded as the assignments it holds. File paths are
    absolute: the worker runs in a directory of its own."""
    if not str(path).strip():
        raise SubmissionError("the submission path is empty")
    root = Path(path).resolve()
    if not root.exists():
        raise SubmissionError(f"{path}: no such file or folder")
    if root.is_file():
        if root.suffix not in (".py", ".ipynb"):
            raise SubmissionError(f"{path}: not a Python file or a notebook (expected a .py or .ipynb file, "
                                  "or a folder)")
        _check_readable(root)
        if too_large := _too_large(root):
            raise SubmissionError(too_large)
        if root.suffix == ".py":
            return _single_file(root)
        return _single_notebook(root)
    if not root.is_dir():
        raise SubmissionError(f"{path}: neither a file nor a folder")
    if (inner := gradable(root)) != root:
        found = find_submission(inner)
        what = "file" if inner.is_file() else "folder"
        graded = f"{inner.relative_to(root)}{'' if inner.is_file() else '/'}"
        return dataclasses.replace(found, notes=(f"graded {graded}, the only {what} to grade in {root.name}/",
                                                 *found.notes))
    try:
        present = {module: root / f"{module}.py" for module in MODULES if (root / f"{module}.py").is_file()}
        notebooks = sorted(file for file in root.glob("*.ipynb") if file.is_file())
    except PermissionError as error:
        raise SubmissionError(f"{path}: cannot be read ({error.strerror})") from error
    refused: dict[str, str] = {}
    notes: list[str] = []
    for file in notebooks:
        _add_notebook(file, root, present, refused, notes)
    if not present and not refused:
        expected = ", ".join(f"{module}.py" for module in MODULES)
        raise SubmissionError(f"{path}: no file to grade; expected any of {expected}, or notebooks "
                              f"with the graded functions{''.join(f' ({note})' for note in notes)}")
    # A link out of the submission could point at anything, the solutions included.
    # Only the file itself can be a link: `root` is resolved already.
    refused |= {module: f"{file.name} is a link to a file outside the submission; submit the file itself"
                for module, file in present.items() if _outside(file, root)}
    for module, file in present.items():
        if module not in refused and (too_large := _too_large(file)):
            refused[module] = too_large
    files = {module: file for module, file in present.items() if module not in refused}
    for file in files.values():
        _check_readable(file)
    return Submission(root, files, refused, tuple(notes), assignments=_held_by_folder(present, refused))


def gradable(folder: Path) -> Path:
    """What to grade of `folder`, as students hand work in (an upload of a folder, or of a zip of
    one, puts it a level down): the folder itself where it holds a module's .py file or a
    notebook; else its only .py file, where it has no folder; else what to grade of its only
    folder, where it has no .py file (hidden entries, __MACOSX and links left out); else the
    folder itself, which has nothing to grade."""
    try:
        entries = [entry for entry in folder.iterdir() if not entry.name.startswith((".", "__"))]
    except OSError:
        return folder  # find_submission says why it cannot be read
    files = [entry for entry in entries if entry.is_file()]
    if any(file.name in MODULE_FILES or file.suffix == ".ipynb" for file in files):
        return folder
    python = [file for file in files if file.suffix == ".py" and not file.is_symlink()]  # a link could be to anything
    folders = [entry for entry in entries if entry.is_dir() and not entry.is_symlink()]
    if len(python) == 1 and not folders:
        return python[0]
    return gradable(folders[0]) if len(folders) == 1 and not python else folder


def _held_by_folder(present: dict[str, Path], refused: dict[str, str]) -> tuple[str, ...] | None:
    """The assignments a folder has a file for; None (the whole course) when it has one for each."""
    held = tuple(module for module in MODULES if module in present or module in refused)
    return None if len(held) == len(MODULES) else held


def _single_file(file: Path) -> Submission:
    """A .py file on its own: every graded function is looked up in it by name; graded as the
    assignments whose functions it defines, or the whole course when it defines none."""
    try:
        defined = notebook.def_lines(file.read_text(encoding="utf-8", errors="replace")) & set(BY_NAME)
    except OSError as error:
        raise SubmissionError(f"{file}: cannot be read ({error.strerror})") from error
    held = tuple(module for module in MODULES if module in assignments_held(defined))
    return Submission(file, {module: file for module in MODULES}, assignments=held or None)


def _single_notebook(file: Path) -> Submission:
    """A notebook on its own: the modules whose graded functions it defines (a course notebook has
    one), graded as those assignments and no other."""
    present: dict[str, Path] = {}
    refused: dict[str, str] = {}
    notes: list[str] = []
    _add_notebook(file, file.parent, present, refused, notes)
    if not present and not refused:
        raise SubmissionError(notes[0] if notes else f"{file}: nothing to grade")
    held = tuple(module for module in MODULES if module in present or module in refused)
    return Submission(file, present, refused, tuple(notes), assignments=held)


def _outside(file: Path, root: Path) -> bool:
    return file.is_symlink() and not file.resolve().is_relative_to(root)


def _add_notebook(file: Path, root: Path, present: dict[str, Path], refused: dict[str, str], notes: list[str]) -> None:
    """Let the notebook `file` supply the modules whose graded functions it defines, where no
    .py file or earlier notebook does; one that cannot be read supplies the module its name
    says, which grading then reports with the reason."""
    if _outside(file, root):
        notes.append(f"{file.name} is a link to a file outside the submission and is not graded; submit the file itself")
        return
    try:
        extracted = notebook.extract(file, set(BY_NAME))
    except notebook.NotebookError as error:
        module = next((m for m in MODULES if m.replace("_", "") in file.stem.lower().replace("_", "")), None)
        if module and module not in present and module not in refused:
            present[module] = file
        else:
            notes.append(f"{error}; it is not graded")
        return
    except OSError as error:
        raise SubmissionError(f"{file}: cannot be read ({error.strerror})") from error
    modules = sorted(assignments_held(extracted.attempted, extracted.marked), key=MODULES.index)
    if not modules:
        notes.append(f"{file.name} defines none of the graded functions; it is not graded")
    for module in modules:
        if module in present:
            notes.append(f"{module}: graded from {present[module].name}; {file.name} defines some of its "
                         "functions too, and those are not graded")
        else:
            present[module] = file


def assignments_held(functions: set[str], marked: frozenset[str] = frozenset()) -> set[str]:
    """The assignments whose exercises a notebook defines. A course helper that the notebook of
    another of them carries (`forward_propagation(X, parameters)` pasted into Regularization)
    does not make its namesake's assignment one of them, unless a `# GRADED FUNCTION` line marks it."""
    def is_helper_of(name: str, modules: set[str]) -> bool:
        return any(name in ASSIGNMENT[module].helpers for module in modules)

    helpers = {name for assignment in ASSIGNMENT.values() for name in assignment.helpers}
    core = {BY_NAME[name].module for name in functions if name in marked or name not in helpers}
    return core | {BY_NAME[name].module for name in functions - marked
                   if name in helpers and not is_helper_of(name, core - {BY_NAME[name].module})}


def _too_large(file: Path) -> str | None:
    size = file.stat().st_size
    if file.suffix == ".ipynb":  # outputs (plots, printed arrays) make a notebook large
        if size <= notebook.MAX_NOTEBOOK_BYTES:
            return None
        return (f"{file.name} is {size / (1 << 20):.1f} MiB; a notebook is graded up to "
                f"{notebook.MAX_NOTEBOOK_BYTES >> 20} MiB (clear its outputs: Edit > Clear Outputs of All Cells)")
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
