"""Case plans: grading with them gives the verdicts of grading without, and they are kept safely.

A plan (grader.plans) holds the cases a seed tries and the reference's answers; grading tries it
first and searches with hypothesis only once a case fails. The same report is the claim, to the
counterexample and the misconception, checked on the public corpus; and the student's function
is called no more often than without a plan (a failing case's earlier calls are replayed).
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from grader import grading, plans
from grader.batch.version import grader_build
from grader.sandbox import runner
from grader.sandbox.protocol import encode_message
from grader.submission import find_submission
from tests.conftest import CORPUS
from tests.test_corpus import SNIPPETS, a_few, exercise, header


@dataclasses.dataclass
class Graded:
    exercises: str  # the report's exercises as JSON, but for the time they took
    calls: int  # the student's function was called this often


def graded(folder: Path, monkeypatch, *, planned: bool, only: tuple[str, ...] = ()) -> Graded:
    calls = Counter()
    call_raw = runner.Worker.call_raw

    def counted(self, request, timeout=None):
        calls[request["op"]] += 1
        return call_raw(self, request, timeout)

    with monkeypatch.context() as patched:
        patched.setattr(runner.Worker, "call_raw", counted)
        patched.setattr(plans, "_made", {})  # read from the cache folder, as another process would
        report = grading.grade_submission(find_submission(folder), only=only, plans=planned)
    exercises = [{**dataclasses.asdict(result), "seconds": None} for result in report.exercises]
    return Graded(json.dumps(exercises, default=str, sort_keys=True), calls["call"])


def with_snippet(snippet: Path, folder: Path) -> Path:
    module = snippet.parent.name
    (folder / f"{module}.py").write_text((CORPUS / "base" / f"{module}.py").read_text() + "\n\n" + snippet.read_text())
    return folder


@pytest.mark.parametrize("snippet", a_few(SNIPPETS, exercise), ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_a_plan_gives_the_report_of_grading_without_one(snippet, tmp_path, monkeypatch):
    folder = with_snippet(snippet, tmp_path)
    only = (header(snippet)["exercise"],)
    without = graded(folder, monkeypatch, planned=False, only=only)
    planned = graded(folder, monkeypatch, planned=True, only=only)
    assert planned == without  # code drawing from an unseeded stream too: each grading starts it alike


def test_a_plan_made_now_and_one_read_back_grade_a_whole_submission_alike(tmp_path, monkeypatch):
    monkeypatch.setenv(plans.CACHE_VARIABLE, str(tmp_path / "cache"))
    folder = CORPUS / "base"
    made = graded(folder, monkeypatch, planned=True)
    kept = sorted(path.relative_to(tmp_path / "cache") for path in (tmp_path / "cache").rglob("*.plan"))
    assert kept == sorted(Path("plans", grader_build(), "0", f"{name}.plan")
                          for name in (result["name"] for result in json.loads(made.exercises)))
    read = graded(folder, monkeypatch, planned=True)
    without = graded(folder, monkeypatch, planned=False)
    assert made == read == without
    assert {result["status"] for result in json.loads(made.exercises)} == {"passed"}


def test_each_seed_has_its_own_plan(tmp_path, monkeypatch):
    monkeypatch.setenv(plans.CACHE_VARIABLE, str(tmp_path))
    monkeypatch.setattr(plans, "_made", {})
    first, other = plans.plan("update_lr", 0), plans.plan("update_lr", 1)
    assert [entry.case.args for entry in first] != [entry.case.args for entry in other]
    assert {path.parent.name for path in tmp_path.rglob("update_lr.plan")} == {"0", "1"}


def test_a_plan_that_cannot_be_read_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setenv(plans.CACHE_VARIABLE, str(tmp_path))
    monkeypatch.setattr(plans, "_made", {})
    made = plans.plan("compute_cost_with_regularization", 0)
    (file,) = tmp_path.rglob("*.plan")
    file.write_bytes(file.read_bytes()[:100])  # cut short, as by a full disk
    monkeypatch.setattr(plans, "_made", {})
    again = plans.plan("compute_cost_with_regularization", 0)
    assert _plain(again) == _plain(made)
    monkeypatch.setattr(plans, "_made", {})
    assert _plain(plans._read(file, "compute_cost_with_regularization", 0)) == _plain(made)  # written whole again


def test_another_builds_plans_are_removed_when_this_one_keeps_its_first(tmp_path, monkeypatch):
    monkeypatch.setenv(plans.CACHE_VARIABLE, str(tmp_path))
    monkeypatch.setattr(plans, "_made", {})
    stale = tmp_path / "plans" / "0.0.9+000000000000" / "0" / "update_lr.plan"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"from an older grader")
    plans.plan("update_lr", 0)
    assert [path.name for path in (tmp_path / "plans").iterdir()] == [grader_build()]


def test_grading_goes_on_where_the_cache_cannot_be_written(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv(plans.CACHE_VARIABLE, str(blocked))
    report = graded(CORPUS / "base", monkeypatch, planned=True, only=("update_lr", "schedule_lr_decay"))
    assert {result["status"] for result in json.loads(report.exercises)} == {"passed"}
    assert blocked.read_text() == ""


def _make_plan(folder: str) -> list:
    import os
    os.environ[plans.CACHE_VARIABLE] = folder
    return [entry.to_plain()["args"][0][0] for entry in plans.plan("initialize_velocity", 0)]


def test_jobs_making_the_same_plan_at_once_leave_one_whole_plan(tmp_path):
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        made = pool.map(_make_plan, [str(tmp_path)] * 2)
    assert made[0] == made[1]
    (file,) = tmp_path.rglob("*.plan")
    assert [path.name for path in file.parent.iterdir()] == [file.name]  # no partial file left
    assert plans._read(file, "initialize_velocity", 0) is not None


def _plain(entries) -> bytes:
    """The entries as the wire format writes them: equal bytes, equal plans."""
    return b"".join(bytes(part) for part in encode_message([entry.to_plain() for entry in entries]))


LOADED = """
import sys
from grader.grading import grade_submission
from grader.submission import find_submission
report = grade_submission(find_submission(sys.argv[1]))
print(sorted({"hypothesis", "reference", "grader.oracle"} & set(sys.modules)), sorted({e.status.value for e in report.exercises}))
"""


def test_only_a_failing_function_loads_hypothesis_and_the_reference(tmp_path):
    """Once its plans are made, a correct submission is graded without either (they take a tenth
    of a second to load); a wrong function is searched with both."""
    env = {**os.environ, plans.CACHE_VARIABLE: str(tmp_path / "cache")}
    wrong = with_snippet(CORPUS / "optimization" / "update_lr__times_epoch.py", tmp_path)

    def loaded(folder: Path) -> str:
        done = subprocess.run([sys.executable, "-c", LOADED, str(folder)], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert loaded(CORPUS / "base") == "['grader.oracle', 'hypothesis', 'reference'] ['passed']"  # making the plans
    assert loaded(CORPUS / "base") == "[] ['passed']"
    assert loaded(wrong) == "['grader.oracle', 'hypothesis', 'reference'] ['failed', 'passed']"


def test_an_exercise_whose_plan_cannot_be_made_is_graded_without_it_and_says_so(monkeypatch, capsys):
    def broken(name, seed):
        raise TypeError("a bug of the grader's")

    monkeypatch.setattr(plans, "_made", {})
    monkeypatch.setattr(plans, "_told", set())
    monkeypatch.setattr(plans, "make", broken)
    monkeypatch.setattr(plans, "_read", lambda *args: None)
    report = grading.grade_submission(find_submission(CORPUS / "base"), only=("update_lr",))
    assert [result.status.value for result in report.exercises] == ["passed"]
    assert capsys.readouterr().err == ("dlgrade: update_lr is graded without its case plan, more slowly "
                                       "(TypeError: a bug of the grader's); please report it\n")
    monkeypatch.setenv("DLGRADE_DEBUG", "1")
    with pytest.raises(TypeError, match="a bug of the grader's"):
        plans.planned("update_lr", 0)
