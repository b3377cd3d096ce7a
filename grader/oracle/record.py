"""Record the student kit's answer key by asking the reference.

For each exercise: its explicit cases, then cases generated from the public kit seed
(more than a grading run tries, smallest first); for each compared with the reference,
with what the reference and every known mistake return on each case and, where gradients
are checked, the cost's numerical derivatives. Everything is computed on a copy of the
case, so what is recorded is the input the student's function will get.
"""

from __future__ import annotations

import copy
from pathlib import Path

import hypothesis
import numpy as np
from hypothesis import Phase, given, settings

from grader import engine, search
from grader.kit import answer_key
from grader.oracle import RUBRICS
from grader.rubrics import COMPARING
from grader.rubrics.base import Case, Rubric
from grader.sandbox.plain import to_plain

# The seed of the kit's generated cases. It is public, like the key itself: the instructor's
# grading uses the full grader, with a seed of their own.
KIT_SEED = 20261122
# Generated cases recorded per exercise, besides the explicit ones.
GENERATED = 24


def record(path: Path = answer_key.PATH) -> dict[str, list[answer_key.Entry]]:
    entries = {name: _entries(rubric) for name, rubric in RUBRICS.items()}
    answer_key.write(path, entries)
    return entries


def _entries(rubric: Rubric) -> list[answer_key.Entry]:
    generated = sorted(_generated(rubric), key=_size)
    return [answered(rubric, case, explicit=True) for case in rubric.explicit] + \
           [answered(rubric, case, explicit=False) for case in generated]


def _generated(rubric: Rubric) -> list[Case]:
    drawn: list[Case] = []

    @hypothesis.seed(engine.exercise_seed(KIT_SEED, rubric.name))
    @settings(search.BASE_SETTINGS, max_examples=GENERATED, phases=(Phase.generate,))
    @given(rubric.cases)
    def collect(case):
        drawn.append(case)

    collect()
    return drawn


def _size(case: Case) -> tuple[int, int]:
    """Array entries, then other values: the order in which a failure is worth reporting."""
    entries, others = 0, 0
    pending = [value for _, value in case.args]
    while pending:
        value = pending.pop()
        if isinstance(value, np.ndarray):
            entries += value.size
        elif isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, (list, tuple)):
            pending.extend(value)
        else:
            others += 1
    return entries, others


def answered(rubric: Rubric, case: Case, *, explicit: bool, mistakes: bool = True) -> answer_key.Entry:
    """The entry of `case`: what the reference says about it, and what the known mistakes give
    unless `mistakes` is False (a case plan names mistakes live: grader.plans)."""
    if rubric.name not in COMPARING:  # graded by its contract: the case is all the kit needs
        return answer_key.Entry(case, explicit=explicit)
    answers = rubric.judge.answers
    expected = answers.expected(copy.deepcopy(case))
    mistaken = answers.mistaken(copy.deepcopy(case)) if mistakes else ()
    wrong = tuple((description, _plain(value)) for description, value in mistaken)
    numeric = answers.numeric(copy.deepcopy(case)) if COMPARING[rubric.name].numerically else None
    return answer_key.Entry(case, _plain(expected), wrong, numeric, explicit)


def _plain(value):
    """What the worker would send back had the student's function returned `value`."""
    with np.errstate(all="ignore"):
        return to_plain(value)[0]
