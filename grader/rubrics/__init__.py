"""One rubric per graded exercise, keyed by function name, in course order.

Exercises graded by their contract are defined here in full. Those compared with the
reference are defined here only as far as the comparison goes (`COMPARING`); their
cases and answers come from grader.oracle (the reference itself) in the full grader,
and from the answer key in the student kit, which has no grader.oracle (grader.kit).
"""

from __future__ import annotations

import functools
import importlib.util

from grader.catalog import EXERCISES
from grader.rubrics import gradient_checking, initialization, optimization, regularization
from grader.rubrics.base import Rubric

_MODULES = (initialization, regularization, gradient_checking, optimization)
CONTRACTS = {rubric.name: rubric for module in _MODULES for rubric in module.RUBRICS}
COMPARING = {name: comparing for module in _MODULES for name, comparing in module.COMPARING.items()}
# The student kit is this grader without grader.oracle (and without the reference).
HAS_REFERENCE = importlib.util.find_spec("grader.oracle") is not None


@functools.cache
def rubrics(kit: bool = False) -> dict[str, Rubric]:
    """Every exercise's rubric. Compared exercises use the reference, or the answer key
    when `kit` is asked for or there is no reference (the student kit)."""
    if kit or not HAS_REFERENCE:
        from grader.kit import answer_key
        compared = answer_key.rubrics(COMPARING)
    else:
        from grader.oracle import RUBRICS as compared
    found = {**CONTRACTS, **compared}
    missing = [exercise.name for exercise in EXERCISES if exercise.name not in found]
    if missing:
        raise ImportError(f"no rubric for {', '.join(missing)}")
    return {exercise.name: found[exercise.name] for exercise in EXERCISES}
