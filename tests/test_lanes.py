"""Grading one submission in two lanes (two sandboxed workers at once) gives the report of one lane."""

from __future__ import annotations

import json
import shutil

import pytest

from grader.grading import grade_submission
from grader.report.json_report import render_json
from grader.submission import find_submission
from tests.classroom import make_class
from tests.conftest import CORPUS
from tests.security.conftest import require_namespaces


def report(folder, lanes: int) -> dict:
    graded = json.loads(render_json(grade_submission(find_submission(folder), lanes=lanes)))
    graded["exercises"] = [{**exercise, "seconds": None} for exercise in graded["exercises"]]
    return {key: graded[key] for key in ("exercises", "notes", "score", "isolation")}


@pytest.mark.parametrize("student", range(4))
def test_two_lanes_give_the_report_of_one(student, tmp_path):
    """Students of the corpus's class, with mistakes in several assignments: the same results, to
    the counterexamples and the mistakes named, the same notes in the same order."""
    require_namespaces()
    expected = make_class(tmp_path / "class", student + 1, seed=11)
    name = sorted(expected)[student]
    one, two = report(tmp_path / "class" / name, 1), report(tmp_path / "class" / name, 2)
    assert one == two
    assert {e["name"]: e["status"] for e in one["exercises"] if e["status"] != "passed"} == \
        {exercise: status for exercise, status in expected[name].items() if status != "passed"}


def test_two_lanes_keep_the_notes_of_notebooks_in_order(tmp_path):
    require_namespaces()
    for notebook in ("Regularization_pytorch.ipynb", "Optimization_methods_v1b_adam_stub.ipynb"):
        shutil.copy(CORPUS / "notebooks" / notebook, tmp_path)
    one, two = report(tmp_path, 1), report(tmp_path, 2)
    assert one == two and any("PyTorch" in note or "torch" in note for note in one["notes"])


def test_once_a_lane_fails_no_lane_takes_another_exercise(monkeypatch):
    """Ctrl-C reaches the first lane only: the others must stop too, not grade the rest."""
    from grader import grading
    from grader.catalog import EXERCISES, MODULES

    class Idle:
        def fresh(self):
            pass

    graded = []

    def grade_one(worker, loaded, exercise, *rest):
        graded.append(exercise.name)
        if len(graded) == 2:
            raise KeyboardInterrupt
        return None

    monkeypatch.setattr(grading, "_rubrics", lambda name, **options: (None, None))
    monkeypatch.setattr(grading, "_grade_one", grade_one)
    loaded = grading._Loaded({module: CORPUS / "base" / f"{module}.py" for module in MODULES}, {}, {}, [])
    with pytest.raises(KeyboardInterrupt):
        grading._grade_all([Idle(), Idle()], loaded, EXERCISES, seed=0, timeout=30.0, kit=False,
                           deadline=float("inf"), budget=180.0, plans=False)
    assert len(graded) <= 3  # the one that failed, and at most the other lane's exercise in hand
