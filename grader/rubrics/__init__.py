"""One rubric per graded exercise, keyed by function name, in course order.

Exercises graded by their contract are defined here in full. Those compared with the
reference are defined here only as far as the comparison goes (`COMPARING`); their
cases and answers come from grader.oracle (the reference itself) in the full grader,
and from the answer key in the student kit, which has no grader.oracle (grader.kit).
"""

from __future__ import annotations

from grader.catalog import EXERCISES
from grader.kit import IS_KIT
from grader.rubrics import gradient_checking, initialization, optimization, regularization
from grader.rubrics.base import Rubric

_MODULES = (initialization, regularization, gradient_checking, optimization)
CONTRACTS = {rubric.name: rubric for module in _MODULES for rubric in module.RUBRICS}
COMPARING = {name: comparing for module in _MODULES for name, comparing in module.COMPARING.items()}
_missing = [exercise.name for exercise in EXERCISES if exercise.name not in CONTRACTS.keys() | COMPARING.keys()]
if _missing:
    raise ImportError(f"no rubric for {', '.join(_missing)}")


def rubric(name: str, kit: bool = False) -> Rubric:
    """The rubric of exercise `name`. A compared one uses the reference, or the answer key when
    `kit` is asked for or there is no reference (the student kit); reading the key may raise
    answer_key.AnswerKeyError, which costs that exercise only."""
    if name in CONTRACTS:
        return CONTRACTS[name]
    if kit or IS_KIT:
        from grader.kit import answer_key
        return answer_key.rubric(name, COMPARING[name])
    from grader.oracle import RUBRICS
    return RUBRICS[name]


def rubrics(kit: bool = False) -> dict[str, Rubric]:
    """Every exercise's rubric, in course order."""
    return {exercise.name: rubric(exercise.name, kit) for exercise in EXERCISES}
