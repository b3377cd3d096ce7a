"""Off Linux: each of the sandbox's Linux layers absent, simulated here on Linux.

On macOS there are no namespaces, seccomp, Landlock, child subreaper or /proc, and some
rlimits are refused; Windows has no fork, no rlimits and no fcntl. dlgrade must then grade
with what is left (a worker process, a timeout that kills it, output caps), say in the
report what is missing, and never fail with an ImportError or AttributeError. Each layer's
absence is simulated where it is used, and once all together in a real worker.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import types

import pytest

from grader import grading
from grader.sandbox import isolation, landlock, limits, reaper, runner, seccomp
from grader.sandbox.limits import Limits
from tests.conftest import CORPUS, ROOT, grade, statuses


def fake_resource(refused: set[str]) -> tuple[types.SimpleNamespace, dict]:
    """A `resource` module that records the limits set and refuses those in `refused` (as macOS
    may refuse RLIMIT_AS), so the test process's own limits stay as they are."""
    set_limits: dict = {}

    def setrlimit(kind, values):
        if kind in refused:
            raise ValueError("not allowed on this platform")
        set_limits[kind] = values

    names = ("RLIMIT_CPU", "RLIMIT_AS", "RLIMIT_FSIZE", "RLIMIT_NOFILE", "RLIMIT_CORE", "RLIMIT_NPROC")
    return types.SimpleNamespace(setrlimit=setrlimit, **{name: name for name in names}), set_limits


@pytest.fixture
def no_signal_changes(monkeypatch):
    monkeypatch.setattr(limits.signal, "signal", lambda *args: None)


def test_without_a_resource_module_no_limit_is_set_or_claimed(monkeypatch, no_signal_changes):
    monkeypatch.setattr(limits, "resource", None)
    assert Limits().apply(own_user=True) == []


def test_a_limit_the_platform_refuses_is_left_out_and_the_others_are_set(monkeypatch, no_signal_changes):
    resource, set_limits = fake_resource(refused={"RLIMIT_AS"})
    monkeypatch.setattr(limits, "resource", resource)
    assert Limits().apply(own_user=False) == ["cpu", "file size", "open files", "core dumps"]
    assert "RLIMIT_AS" not in set_limits and set_limits["RLIMIT_CORE"] == (0, 0)


def test_the_report_claims_only_the_limits_in_force_and_names_what_this_platform_lacks(monkeypatch):
    monkeypatch.setattr(isolation, "ON_LINUX", False)
    monkeypatch.setattr(seccomp, "supported", lambda: False)
    info = {"seccomp": False, "landlock": 0, "uid": 501, "switched_user": False, "capabilities": None,
            "limits": ["cpu", "file size", "open files", "core dumps"], "subreaper": False}
    described = isolation.describe(sandboxed=False, why_not="bubblewrap (bwrap) is not installed", worker_info=info,
                                   limits=Limits(), timeout=3.0)
    assert described["level"] == "process"
    assert "resource limits: 120 s of CPU, files up to 64 MiB, 256 open files, no core dumps" in described["layers"]
    assert "resource limits on memory: not offered by this platform" in described["missing"]
    assert "seccomp: Linux only, and this is not Linux" in described["missing"]
    assert "Landlock: Linux only, and this is not Linux" in described["missing"]
    assert any(gap.startswith("killing what an exercise started that left its process group") for gap in described["missing"])
    assert any(layer.startswith("a timeout of 3 s per call that kills the worker") for layer in described["layers"])


def test_landlock_is_not_asked_for_off_linux(monkeypatch):
    """Its system call's number is another call's on other kernels: it must not even be tried."""
    def no_call(*args):
        raise AssertionError("a Linux system call was made off Linux")

    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(landlock, "_libc", no_call)
    assert landlock.abi() == 0
    assert landlock.Ruleset(["/usr"], ["/tmp"]).restrict() is False


def test_seccomp_is_not_installed_off_linux(monkeypatch):
    monkeypatch.setattr(seccomp.platform, "system", lambda: "Darwin")
    assert seccomp.supported() is False and seccomp.Filter().install() is False


def test_without_proc_or_a_subreaper_nothing_is_adopted(monkeypatch):
    real_listdir = os.listdir

    def listdir(path="."):
        if os.fspath(path) == "/proc":
            raise FileNotFoundError(2, "No such file or directory", "/proc")
        return real_listdir(path)

    monkeypatch.setattr(reaper.os, "listdir", listdir)
    assert reaper.kill_adopted() == 0


def test_the_cores_are_counted_where_affinity_is_unknown(monkeypatch):
    monkeypatch.delattr(os, "sched_getaffinity")
    assert grading.usable_cores() == (os.cpu_count() or 1)


# A worker as it would start on macOS: no rlimits, no prctl or raw system calls (so no
# seccomp, Landlock, subreaper or dropped capabilities). What it may not do, it cannot.
MACOS_LIKE_START = (
    "import sys, ctypes; sys.modules['resource'] = None\n"
    "class _NoLinuxCalls(ctypes.CDLL):\n"
    "    def __getattr__(self, name):\n"
    "        if name in ('prctl', 'syscall', 'capset'):\n"
    "            raise AttributeError(name)\n"
    "        return super().__getattr__(name)\n"
    "ctypes.CDLL = _NoLinuxCalls\n")


def test_a_worker_without_the_linux_layers_grades_the_same_and_says_what_it_lacks(monkeypatch, tmp_path):
    shutil.copytree(CORPUS / "base", tmp_path / "submission")
    (tmp_path / "submission" / "optimization.py").write_text(
        (tmp_path / "submission" / "optimization.py").read_text()
        + "\n\ndef update_lr(learning_rate0, epoch_num, decay_rate):\n    while True:\n        pass\n")
    _, full, _ = grade(tmp_path / "submission", "--isolation", "process", "--timeout", "1")
    monkeypatch.setattr(runner, "_START", MACOS_LIKE_START + runner._START)
    code, report, _ = grade(tmp_path / "submission", "--isolation", "process", "--timeout", "1")
    assert code == 1 and statuses(report) == statuses(full)
    assert statuses(report)["update_lr"] == "timeout"  # the timeout still kills what never returns
    assert sum(status == "passed" for status in statuses(report).values()) == 18
    missing = report["isolation"]["missing"]
    assert any(gap.startswith("resource limits on cpu, memory, file size, open files, core dumps") for gap in missing)
    assert any(gap.startswith("seccomp") for gap in missing) and any(gap.startswith("Landlock") for gap in missing)
    assert any(gap.startswith("killing what an exercise started that left its process group") for gap in missing)
    assert not any(layer.startswith("resource limits") for layer in report["isolation"]["layers"])
    assert not any(gap.startswith("resource limits") for gap in full["isolation"]["missing"])


# What Windows lacks that dlgrade would otherwise use, taken away from a process here: fork, poll,
# process groups and sessions, uids, waitid, vectored and non-blocking pipe I/O (before Python
# 3.12), rlimits, fcntl, the C library as CDLL(None), and links for users who are not administrators.
MISSING_ON_WINDOWS = ("fork", "getuid", "geteuid", "getsid", "killpg", "setpgid", "waitid", "readv", "writev",
                      "set_blocking", "sched_getaffinity")
WINDOWS_LIKE_START = (
    "import os, select, sys, ctypes\n"
    "for name in MISSING:\n"
    "    delattr(os, name)\n"
    "del select.poll\n"
    "sys.modules['resource'] = sys.modules['fcntl'] = None\n"
    "class _NoCLibrary(ctypes.CDLL):\n"
    "    def __init__(self, name, *args, **kwargs):\n"
    "        if name is None:\n"
    "            raise TypeError('LoadLibrary() argument 1 must be str, not None')\n"
    "        super().__init__(name, *args, **kwargs)\n"
    "ctypes.CDLL = _NoCLibrary\n"
    "def _no_link(*args, **kwargs):\n"
    "    raise OSError(1314, 'A required privilege is not held by the client')\n"
    "os.symlink = _no_link\n")


def windows_like(*args: str, cwd, pytest_main: bool = False) -> subprocess.CompletedProcess:
    """Run the CLI (or pytest) in a process without what Windows lacks, and its workers too.

    Under pytest the uids stay: its plugins' dependencies (platformdirs) take this process for
    the Unix it is and import them, as they would not on Windows.
    """
    missing = tuple(name for name in MISSING_ON_WINDOWS if not (pytest_main and name in ("getuid", "geteuid")))
    worker_start = f"MISSING = {MISSING_ON_WINDOWS!r}\n" + WINDOWS_LIKE_START
    script = (f"MISSING = {missing!r}\n" + WINDOWS_LIKE_START + "from grader.sandbox import runner\n"
              f"runner._START = {worker_start!r} + runner._START\n"
              + ("import pytest\nsys.exit(pytest.main(sys.argv[1:]))\n" if pytest_main else
                 "from grader.cli import main\nmain(sys.argv[1:])\n"))
    return subprocess.run([sys.executable, "-c", script, *args], cwd=cwd, capture_output=True, text=True)


def test_on_windows_each_exercise_gets_a_worker_of_its_own_with_the_same_verdicts(tmp_path):
    """No fork: a worker per exercise, spoken to over its standard streams and read by threads,
    grades the corpus's submission as the fork server does; a timeout still kills what never returns."""
    shutil.copytree(CORPUS / "base", tmp_path / "submission")
    (tmp_path / "submission" / "optimization.py").write_text(
        (tmp_path / "submission" / "optimization.py").read_text()
        + "\n\ndef update_lr(learning_rate0, epoch_num, decay_rate):\n    while True:\n        pass\n")
    _, forked, _ = grade(tmp_path / "submission", "--isolation", "process", "--timeout", "1")
    done = windows_like("submit", str(tmp_path / "submission"), "--isolation", "process", "--timeout", "1",
                        "--json", str(tmp_path / "windows.json"), "--no-html", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    report = json.loads((tmp_path / "windows.json").read_text())
    assert statuses(report) == statuses(forked)
    assert statuses(report)["update_lr"] == "timeout"
    assert sum(status == "passed" for status in statuses(report).values()) == 18
    layers, missing = report["isolation"]["layers"], report["isolation"]["missing"]
    assert any(layer.startswith("a worker of its own for each exercise (no fork here)") for layer in layers)
    assert not any(layer.startswith("a process of its own for each exercise, forked") for layer in layers)
    assert any(gap.startswith("resource limits on cpu") for gap in missing)


def test_on_windows_every_command_loads_and_batch_and_pytest_grade(tmp_path):
    assert windows_like("--version", cwd=tmp_path).returncode == 0
    shutil.copytree(CORPUS / "base", tmp_path / "class" / "base")
    batch = windows_like("batch", str(tmp_path / "class"), "--out", str(tmp_path / "out"), "--isolation", "process",
                         cwd=tmp_path)
    assert batch.returncode == 0 and "base: 100%" in batch.stderr + batch.stdout, batch.stderr
    under_pytest = windows_like("--grade", str(ROOT / "examples" / "demo_submission"), "-q", "-p",
                                "no:cacheprovider", "-k", "update_lr", cwd=tmp_path, pytest_main=True)
    assert under_pytest.returncode == 0 and "1 passed" in under_pytest.stdout, under_pytest.stdout + under_pytest.stderr


def test_off_linux_namespaces_asked_for_are_refused_with_the_reason(monkeypatch):
    monkeypatch.setattr(isolation, "ON_LINUX", False)
    monkeypatch.setattr(isolation.namespaces, "bubblewrap", lambda: None)
    isolation.namespaces.unavailable_reason.cache_clear()
    try:
        assert isolation.choose("auto") == (False, "Linux only, and this is not Linux")
        assert isolation.choose("process") == (False, "not asked for (--isolation process)")
        with pytest.raises(isolation.IsolationUnavailable, match="bubblewrap"):
            isolation.choose("namespaces")
    finally:
        isolation.namespaces.unavailable_reason.cache_clear()
