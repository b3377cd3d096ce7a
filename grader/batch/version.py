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

# The packages whose code decides a grade: the grader and the reference it compares with.
_GRADING_PACKAGES = ("grader", "reference")


@functools.cache
def grader_build() -> str:
    """'0.1.0+3f2a9c1b04de': the release, then a hash of every .py file of the grading packages."""
    digest = hashlib.sha256()
    for package in _GRADING_PACKAGES:
        spec = importlib.util.find_spec(package)
        root = Path(spec.origin).parent
        for file in sorted(root.rglob("*.py")):
            digest.update(f"{package}/{file.relative_to(root).as_posix()}\0".encode())
            digest.update(file.read_bytes())
    return f"{grader.__version__}+{digest.hexdigest()[:12]}"
