"""Choosing the isolation level, and reporting only the layers that were in force."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from grader.sandbox import isolation, namespaces
from grader.sandbox.limits import Limits
from tests.conftest import CORPUS, grade
from tests.security.conftest import require_namespaces

ALL_LIMITS = {"limits": list(Limits().described()), "subreaper": True}  # what a Linux worker reports
READY_AS_ROOT_SANDBOXED = {"seccomp": True, "uid": 65534, "switched_user": True, "capabilities": 0, "landlock": 7,
                           **ALL_LIMITS}
READY_AS_ROOT_UNSANDBOXED = {"seccomp": True, "uid": 0, "switched_user": False, "capabilities": 0, "landlock": 0,
                             **ALL_LIMITS}


def describe(sandboxed, info, why_not=None):
    return isolation.describe(sandboxed=sandboxed, why_not=why_not, worker_info=info, limits=Limits(), timeout=3.0)


def test_a_sandboxed_worker_reports_every_layer():
    described = describe(True, READY_AS_ROOT_SANDBOXED)
    assert described["level"] == "namespaces" and described["missing"] == []
    assert any(layer.startswith("bubblewrap namespaces") for layer in described["layers"])
    assert any("an unprivileged user of its own, not as root" in layer for layer in described["layers"])


def test_without_a_sandbox_the_missing_layers_are_named():
    described = describe(False, READY_AS_ROOT_UNSANDBOXED, why_not="bubblewrap (bwrap) is not installed")
    assert described["level"] == "process"
    assert "namespaces: bubblewrap (bwrap) is not installed" in described["missing"]
    assert any("uid 0" in gap for gap in described["missing"])
    assert "Landlock: not available in this kernel" in described["missing"]
    assert any(layer.startswith("student code runs as uid 0 without root's capabilities")
               for layer in described["layers"])


def test_the_reason_for_no_sandbox_comes_from_the_choice(monkeypatch):
    monkeypatch.setattr(namespaces, "unavailable_reason", lambda: "bubblewrap (bwrap) is not installed")
    assert isolation.choose("auto") == (False, "bubblewrap (bwrap) is not installed")
    assert isolation.choose("process") == (False, "not asked for (--isolation process)")


def test_a_grader_without_root_says_so():
    described = describe(True, {**ALL_LIMITS, "seccomp": True, "uid": 65534, "switched_user": False, "capabilities": 0,
                                "landlock": 7})
    assert "student code runs without root privileges, as the grader's own user does" in described["layers"]
    assert described["missing"] == []


@pytest.mark.parametrize("sandboxed", [False, True])
def test_a_worker_that_never_started_claims_only_the_runners_layers(sandboxed):
    described = describe(sandboxed, None)
    assert described["missing"] == ["every other layer: the worker did not start"]
    assert len(described["layers"]) == 2
    assert not any(word in " ".join(described["layers"]) for word in ("seccomp", "bubblewrap", "limits", "user"))


def test_asking_for_namespaces_where_there_are_none_cannot_grade(monkeypatch, tmp_path):
    monkeypatch.setattr(namespaces, "unavailable_reason", lambda: "bubblewrap cannot create namespaces here")
    (tmp_path / "optimization.py").write_text("def update_lr(a, b, c):\n    return a\n")
    code, report, stderr = grade(tmp_path, "--isolation", "namespaces")
    assert code == 2 and report is None
    assert "namespace isolation was asked for, but bubblewrap cannot create namespaces here" in stderr
    assert "Traceback" not in stderr
    code, report, _ = grade(tmp_path, "--isolation", "auto", "--only", "update_lr")
    assert code == 1 and report["isolation"]["level"] == "process"  # auto falls back


@pytest.mark.parametrize("choice", ["auto", "namespaces"])
def test_where_bubblewrap_works_auto_and_namespaces_use_it(choice):
    from tests.security.conftest import require_namespaces
    require_namespaces()
    assert isolation.choose(choice) == (True, None)
    assert isolation.choose("process")[0] is False


def test_a_grader_started_through_a_path_with_dots_still_starts_its_sandboxed_worker(tmp_path):
    """`../.venv/bin/python -m grader ...` names the interpreter through folders the sandbox does
    not show; the worker is started by the interpreter's normalized path."""
    require_namespaces()
    python = os.path.relpath(sys.executable, tmp_path)  # Python keeps a relative path's dots in sys.executable
    done = subprocess.run([python, "-m", "grader", "submit", str(CORPUS / "base"), "--only", "update_lr",
                           "--no-html", "--isolation", "namespaces"], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
