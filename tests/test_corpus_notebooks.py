"""The public corpus's notebooks: whole notebooks built like real ones, each graded on its own.

Each `tests/submissions/notebooks/*.ipynb` says in its metadata (`dlgrade`) why it is there,
the verdict each exercise of its notebook must get, and what the report's notes must say.
They are graded as a student hands them in, by the full grader and by the kit alike.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import CORPUS, grade, statuses

NOTEBOOKS = sorted((CORPUS / "notebooks").glob("*.ipynb"))


def expected(path) -> dict:
    return json.loads(path.read_text())["metadata"]["dlgrade"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
@pytest.mark.parametrize("mode", [(), ("--kit",)], ids=["reference", "kit"])
def test_each_notebook_gets_its_verdicts_and_notes(path, mode):
    wanted = expected(path)
    _, report, stderr = grade(path, *mode)
    assert report is not None, stderr
    found = statuses(report)
    assert {name: found.get(name) for name in wanted["expect"]} == wanted["expect"], \
        (wanted["why"], [(e["name"], e["message"]) for e in report["exercises"] if e["name"] in wanted["expect"]])
    for note in wanted["notes"]:
        assert any(note in text for text in report["notes"]), (note, report["notes"])


def test_the_corpus_has_the_real_habits_it_claims():
    assert {path.stem for path in NOTEBOOKS} >= {"Regularization_two_definitions", "Regularization_pytorch",
                                                 "Regularization_dropout_stub", "Optimization_methods_v1b"}
