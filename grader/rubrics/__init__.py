"""One rubric per graded exercise, keyed by function name, in course order.

What is checked needs no solution, so it is here, and the student kit carries it: the
contract of each exercise graded by its properties (`CONTRACTS`: its checks and hand-picked
cases), and for each one compared with the reference, how the comparison goes
(`COMPARING`). Where the cases and answers come from is elsewhere: in the full grader,
grader.oracle generates cases with hypothesis and asks the reference; in the student kit,
which has neither, the answer key holds recorded cases and answers (grader.kit).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from grader.catalog import EXERCISES
from grader.kit import IS_KIT
from grader.rubrics import gradient_checking, initialization, optimization, regularization
from grader.rubrics.base import Rubric

if TYPE_CHECKING:
    from grader.kit import answer_key

_MODULES = (initialization, regularization, gradient_checking, optimization)
CONTRACTS = {rubric.name: rubric for module in _MODULES for rubric in module.RUBRICS}
COMPARING = {name: comparing for module in _MODULES for name, comparing in module.COMPARING.items()}
_missing = [exercise.name for exercise in EXERCISES if exercise.name not in CONTRACTS.keys() | COMPARING.keys()]
if _missing:
    raise ImportError(f"no rubric for {', '.join(_missing)}")


def rubric(name: str, kit: bool = False) -> Rubric:
    """The rubric of exercise `name`: with generated cases and the reference, or from the answer
    key when `kit` is asked for or there is no reference (the student kit); reading the key may
    raise answer_key.AnswerKeyError, which costs that exercise only."""
    if kit or IS_KIT:
        from grader.kit import answer_key
        return recorded(name, answer_key.entries(name))
    from grader.oracle import RUBRICS
    return RUBRICS[name]


def recorded(name: str, entries: tuple[answer_key.Entry, ...]) -> Rubric:
    """The rubric of exercise `name` that tries `entries` (the answer key's, or a case plan's), in
    order, judged by the answers recorded with them or by the exercise's contract."""
    from grader.kit import answer_key
    judge = CONTRACTS[name].judge if name in CONTRACTS else answer_key.against_key(COMPARING[name])
    return answer_key.rubric(name, judge, entries)


def rubrics(kit: bool = False) -> dict[str, Rubric]:
    """Every exercise's rubric, in course order."""
    return {exercise.name: rubric(exercise.name, kit) for exercise in EXERCISES}


def written_in(name: str, misconception: str, function: ast.FunctionDef | ast.AsyncFunctionDef) -> int | None:
    """The line of `function`, the student's exercise `name`, that a misconception of the kind "it
    computes J itself instead of calling forward_propagation" points at; None when the
    misconception is of another kind or the line cannot be told."""
    return gradient_checking.written_in(name, misconception, function)
