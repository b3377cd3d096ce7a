"""Which grader graded a submission: the release and a fingerprint of the code that decides grades.

The release alone is not enough: a checkout whose rubrics changed keeps its version number,
and its gradebook must not keep grades the new rubrics would not give.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import platform
from pathlib import Path

import grader
from grader.kit import IS_KIT

# The packages whose code decides a grade: the grader and the reference it compares with
# (the student kit has none: its answer key, in the grader, stands in for it); less the parts
# that only present grades, whose changes must not regrade a class.
_GRADING_PACKAGES = ("grader", "reference")
_DATA = (".py", ".zip")  # source files, and the answer key
_PRESENTING = ("grader/batch/", "grader/report/", "grader/cli.py", "grader/__main__.py", "grader/files.py",
               "grader/pytest_plugin.py", "grader/workspace.py")
# ... except what in the batch decides what is graded and how: the files read, the settings passed.
_DECIDING = ("grader/batch/entries.py", "grader/batch/task.py")
# Hypothesis draws other inputs from the same seed in another release (the student kit draws
# none: it reads recorded ones); NumPy and Python compute them, and the student's results.
_LIBRARIES = ("numpy",) if IS_KIT else ("hypothesis", "numpy")


@functools.cache
def grader_build() -> str:
    """'0.1.0+3f2a9c1b04de': the release, then a hash of the code and library versions that decide grades."""
    specs = {package: importlib.util.find_spec(package) for package in _GRADING_PACKAGES}
    # A package without an origin is a folder of that name on sys.path, not ours.
    roots = {package: Path(spec.origin).parent for package, spec in specs.items() if spec is not None and spec.origin}
    libraries = [f"python {platform.python_version()}"] + [f"{name} {_release(name)}" for name in _LIBRARIES]
    return f"{grader.__version__}+{fingerprint(roots, libraries)}"


def _release(library: str) -> str:
    """The library's release, read from its own version.py without importing it (hypothesis takes
    a tenth of a second to import, and a submission whose plans are cached never needs it) nor
    importlib.metadata (as long again); its package metadata where it has no such file."""
    spec = importlib.util.find_spec(library)
    stated = Path(spec.origin).with_name("version.py") if spec is not None and spec.origin else None
    if stated is not None and stated.is_file():
        return hashlib.sha256(stated.read_bytes()).hexdigest()[:12]
        return metadata.version(library)


def fingerprint(roots: dict[str, Path], libraries: list[str] = ()) -> str:
    """A hash of the source and data files under each package's root, less the presenting
    ones, and of the libraries' versions."""
    return _digest(((name, file) for name, file in _sources(roots)
                    if name in _DECIDING or not name.startswith(_PRESENTING)), libraries)


@functools.cache
def presentation_build() -> str:
    """A hash of the code and templates that present grades: tables one build made, another rebuilds."""
    templates = Path(importlib.util.find_spec("grader.templates").origin).parent
    code = [(name, file) for name, file in _sources({"grader": Path(grader.__file__).parent})
            if name.startswith(_PRESENTING)]
    return _digest(code + [(f"templates/{file.name}", file) for file in sorted(templates.glob("*.j2"))])


def _sources(roots: dict[str, Path]) -> list[tuple[str, Path]]:
    """('grader/engine.py', its path) for every source or data file under each package's root,
    in a fixed order."""
    return [(f"{package}/{file.relative_to(root).as_posix()}", file)
            for package, root in sorted(roots.items()) for file in sorted(root.rglob("*"))
            if file.suffix in _DATA and file.is_file()]


def _digest(files, libraries=()) -> str:
    digest = hashlib.sha256("\n".join(libraries).encode())
    for name, file in files:
        digest.update(f"{name}\0".encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:12]
