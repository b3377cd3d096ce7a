"""Which grader graded a submission: the release and a fingerprint of the code that decides grades.

The release alone is not enough: a checkout whose rubrics changed keeps its version number,
and its gradebook must not keep grades the new rubrics would not give.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
from pathlib import Path

import grader

# The packages whose code decides a grade: the grader and the reference it compares with;
# less the parts that only present grades, whose changes must not regrade a class.
_GRADING_PACKAGES = ("grader", "reference")
_PRESENTING = ("grader/batch/", "grader/report/", "grader/cli.py", "grader/__main__.py")


@functools.cache
def grader_build() -> str:
    """'0.1.0+3f2a9c1b04de': the release, then a hash of the code that decides grades."""
    roots = {package: Path(importlib.util.find_spec(package).origin).parent for package in _GRADING_PACKAGES}
    return f"{grader.__version__}+{fingerprint(roots)}"


def fingerprint(roots: dict[str, Path]) -> str:
    """A hash of the .py files under each package's root, less the presenting ones."""
    digest = hashlib.sha256()
    for package, root in sorted(roots.items()):
        for file in sorted(root.rglob("*.py")):
            name = f"{package}/{file.relative_to(root).as_posix()}"
            if not name.startswith(_PRESENTING):
                digest.update(f"{name}\0".encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:12]
