"""Each rubric, judged directly (no worker): its explicit cases expose every mistake it names,
it names them, odd answers never crash it, and correct answers pass."""

from __future__ import annotations

import copy
import dataclasses

import numpy as np
import pytest

from grader import engine
from grader.rubrics import rubrics
from grader.rubrics.base import Returned, call_with
from grader.sandbox.plain import to_plain
from reference import initialization as reference_initialization

RUBRICS = rubrics()
NAMED = [(rubric, mistake) for rubric in RUBRICS.values()
         for mistake in getattr(getattr(rubric.judge, "answers", None), "mistakes", ())]


def answer(function, case) -> Returned:
    """What the worker would send back for `function` on `case`."""
    with np.errstate(all="ignore"):
        value, aliases = to_plain(call_with(function, copy.deepcopy(case)))
    return Returned(value, tuple(map(tuple, aliases)))


@pytest.mark.parametrize("name", sorted(RUBRICS))
def test_explicit_cases_are_valid_and_few(name):
    assert all(case is not None for case in RUBRICS[name].explicit)
    assert len(RUBRICS[name].explicit) <= 7


@pytest.mark.parametrize("rubric, mistake", NAMED, ids=lambda item: getattr(item, "name", None)
                         or getattr(item, "description", "")[:40])
def test_every_named_mistake_is_caught_and_named_for_itself(rubric, mistake):
    """Graded as a student's function that makes it: named, and no look-alike with it."""
    judged = [rubric.judge(case, answer(mistake.compute, case)) for case in rubric.explicit]
    assert not all(judgement.passed for judgement in judged), \
        f"no explicit case of {rubric.name} exposes: {mistake.description}"
    result = engine.grade(rubric, _fake_call(mistake.compute), seed=0, module="any", points=1)
    assert result.misconception == mistake.description, result.message


ODD_ANSWERS = [None, "text", 10**2000, (3, 4), [], {}, float("nan"), np.zeros((2, 2)), True, -1.5,
               [[1.0, 2.0]], {"W1": None}, (np.zeros(1),) * 14]


@pytest.mark.parametrize("name", sorted(RUBRICS))
def test_odd_answers_fail_with_a_message_and_never_crash(name):
    rubric = RUBRICS[name]
    case = rubric.explicit[0]
    for odd in ODD_ANSWERS:
        judgement = rubric.judge(case, Returned(odd))
        assert not judgement.passed, f"{name} accepted {odd!r}"
        assert judgement.message


def _fake_call(function):
    def call(case):
        returned = answer(function, case)
        return {"status": "ok", "value": returned.value, "aliases": list(returned.aliases), "stdout": ""}
    return call


def test_generated_cases_alone_reject_xavier_scaling():
    def xavier(layers_dims):
        rng = np.random.default_rng(0)
        parameters = reference_initialization.initialize_parameters_zeros(layers_dims)
        for l in range(1, len(layers_dims)):
            parameters[f"W{l}"] = rng.standard_normal(parameters[f"W{l}"].shape) / np.sqrt(layers_dims[l - 1])
        return parameters

    generated_only = dataclasses.replace(RUBRICS["initialize_parameters_he"], explicit=())
    for seed in range(5):
        result = engine.grade(generated_only, _fake_call(xavier), seed=seed, module="initialization", points=1)
        assert not result.passed and "Xavier" in result.message
