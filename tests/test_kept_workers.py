"""A batch's grading process keeps its worker from one submission to the next
(`grade_submission(keep=True)`): the same reports, one worker start, and nothing of one
submission reaches the next."""

from __future__ import annotations

import json
import textwrap

import pytest

from grader import grading
from grader.report.json_report import render_json
from grader.sandbox import runner
from grader.sandbox.runner import Worker
from grader.submission import find_submission
from tests.classroom import make_class
from tests.security.conftest import require_namespaces


def comparable(report) -> dict:
    graded = json.loads(render_json(report))
    graded["exercises"] = [{**exercise, "seconds": None} for exercise in graded["exercises"]]
    return {key: graded[key] for key in ("exercises", "notes", "score", "isolation")}


@pytest.fixture
def worker_starts(monkeypatch) -> list[int]:
    """One entry per worker process started, whatever the isolation."""
    starts, start = [], runner._ForkServer.__init__

    def counted(self, *args, **kwargs):
        starts.append(1)
        start(self, *args, **kwargs)

    monkeypatch.setattr(runner._ForkServer, "__init__", counted)
    monkeypatch.setattr(grading, "_KEPT", {})
    yield starts
    for workers in grading._KEPT.values():
        for worker in workers:
            worker.close()


@pytest.mark.parametrize("isolate", ["namespaces", "process"])
def test_kept_workers_give_each_student_the_report_of_a_fresh_one(isolate, tmp_path, worker_starts):
    """Students of the corpus's class, with mistakes in several assignments, graded one after another."""
    if isolate == "namespaces":
        require_namespaces()
    students = sorted(make_class(tmp_path / "class", 3, seed=11))
    fresh = [comparable(grading.grade_submission(find_submission(tmp_path / "class" / name), isolate=isolate))
             for name in students]
    worker_starts.clear()
    kept = [comparable(grading.grade_submission(find_submission(tmp_path / "class" / name), isolate=isolate,
                                                keep=True))
            for name in students]
    assert kept == fresh
    assert len(worker_starts) == 1
    assert any(exercise["status"] != "passed" for report in kept for exercise in report["exercises"])


@pytest.mark.parametrize("sandboxed", [True, False], ids=["namespaces", "process"])
def test_what_one_submission_leaves_does_not_reach_the_next(sandboxed, tmp_path):
    """A file in the home folder, a process still running, a patched NumPy, the module itself:
    gone when the worker serves another submission."""
    if sandboxed:
        require_namespaces()
    first, second = tmp_path / "first.py", tmp_path / "second.py"
    first.write_text(textwrap.dedent("""
        import os, subprocess
        import numpy as np

        def leave():
            with open("left.txt", "w") as file:
                file.write("an answer")
            np.dot = None
            return subprocess.Popen(["sleep", "60"]).pid
    """))
    second.write_text(textwrap.dedent("""
        import os
        import numpy as np

        def look(pid):
            return os.path.exists("left.txt"), os.path.exists(f"/proc/{pid}"), np.dot is None
    """))

    def call(worker, file, function, *args):
        return worker.call_raw({"op": "call", "file": str(file), "module": file.stem, "function": function,
                                "args": list(args), "kwargs": {}, "bind": {}, "network": None})

    with Worker(timeout=10.0, sandboxed=sandboxed, files=(first,)) as worker:
        left = call(worker, first, "leave")
        assert left["status"] == "ok", left
        started = worker._process.popen.pid
        worker.fresh()
        worker.files = (second,)
        assert call(worker, second, "look", left["value"])["value"] == (False, False, False)
        gone = call(worker, first, "leave")
        assert gone["status"] == "load_error" and "not one of the submission's files" in gone["error"]["message"]
        assert worker._process.popen.pid == started  # one worker served both
