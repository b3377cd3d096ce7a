"""The course's two versions, and how a notebook shows which one it is.

The 2017-2020 notebooks (`Optimization_methods_v1b`, `Regularization_v2a`, `Gradient Checking
v1`) import the course's `testCases` and not `public_tests`, and the optimization one has no
learning-rate decay (`update_lr`, `schedule_lr_decay`); from 2021 every notebook imports
`public_tests`. The forms each version asks of a graded function are accepted by the rubrics
(the older Adam returns three items); what the version decides here is which exercises a
notebook of it has. A notebook that shows neither, and any .py file, is graded as the newer.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Iterable
from pathlib import PurePath

from grader.catalog import EXERCISES, NEWER, OLDER

# Exercises that only the newer version's notebooks have.
NEWER_ONLY = tuple(exercise.name for exercise in EXERCISES if OLDER not in exercise.versions)

# The older notebooks' names end in their revision: Optimization_methods_v1b, Gradient+Checking+v1.
_REVISED_NAME = re.compile(r"(?:^|[ _+\-])v[12][a-z]?(?:$|[ _+\-(.])", re.I)


@dataclasses.dataclass(frozen=True)
class Recognised:
    version: str  # OLDER or NEWER
    why: str  # what in the notebook says so, for the report


def recognise(notebook_name: str, imported: set[str]) -> Recognised | None:
    """The version a notebook is of, from the modules it imports (first) and its name; None if
    neither says."""
    if "public_tests" in imported:
        return Recognised(NEWER, "it imports public_tests")
    if _REVISED_NAME.search(PurePath(notebook_name).stem):
        return Recognised(OLDER, "its name is that version's")
    if "testCases" in imported:
        return Recognised(OLDER, "it imports testCases and not public_tests")
    return None


def imported_modules(trees: Iterable[ast.Module | None]) -> set[str]:
    """The top-level names of the modules the code imports anywhere (`from a.b import c` gives a)."""
    found = set()
    for tree in trees:
        for node in ast.walk(tree) if tree is not None else ():
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found
