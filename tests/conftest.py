"""Shared helpers: grade through the real CLI (in-process click, separate worker)."""

from __future__ import annotations

import fcntl
import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader.cli import main

# pytester: tests/test_pytest_plugin.py runs pytest with the dlgrade plugin inside pytest.
# tree_guard: the run fails when a test wrote into the checkout.
pytest_plugins = ["pytester", "tests.tree_guard"]

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "submissions"


def a_few(values, kind) -> list:
    """`values` as test parameters, all but the first of each `kind(value)` marked slow: the quick
    loop (`make check`) tries one of each kind, `make test` every one."""
    seen, params = set(), []
    for value in values:
        params.append(pytest.param(value, marks=pytest.mark.slow) if kind(value) in seen else value)
        seen.add(kind(value))
    return params


def grade(path, *args: str) -> tuple[int, dict | None, str]:
    """Run `grade submit PATH --json - --no-html ARGS`; return (exit code, parsed JSON, stderr)."""
    result = CliRunner().invoke(main, ["submit", str(path), "--json", "-", "--no-html", *args])
    data = json.loads(result.stdout) if result.stdout.strip().startswith("{") else None
    return result.exit_code, data, result.stderr


def statuses(report: dict) -> dict[str, str]:
    return {exercise["name"]: exercise["status"] for exercise in report["exercises"]}


@pytest.fixture
def reference_copy(tmp_path) -> Path:
    """The reference solutions as a student submission folder."""
    folder = tmp_path / "reference_submission"
    folder.mkdir()
    for module in ("initialization", "regularization", "gradient_checking", "optimization"):
        shutil.copy(ROOT / "reference" / f"{module}.py", folder / f"{module}.py")
    return folder


@pytest.fixture(scope="session")
def recorded_now(tmp_path_factory, worker_id) -> tuple[Path, str]:
    """`grade kit record --into` a temporary folder: the answer key and the reference's runs as
    the reference gives them now, on this CPU. (folder, what the command printed.)

    It takes seconds, so it is made once for the whole run: the xdist workers share the folder
    (their base temporary folders have one parent), and a lock makes the others wait for the first."""
    root = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        root = root.parent
    folder, output = root / "recorded_now", root / "recorded_now.txt"
    with open(root / "recorded_now.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not output.exists():
            done = CliRunner().invoke(main, ["kit", "record", "--into", str(folder)])
            assert done.exit_code == 0, done.output
            output.write_text(done.output)
    return folder, output.read_text()


@pytest.fixture(scope="session")
def kit_wheel(tmp_path_factory) -> Path:
    """The student kit's wheel, as `grade kit build` writes it."""
    out = tmp_path_factory.mktemp("kit")
    done = CliRunner().invoke(main, ["kit", "build", str(out)])
    assert done.exit_code == 0, done.output
    (path,) = out.glob("dlgrade_kit-*-py3-none-any.whl")
    assert f"Student kit: {path}" in done.output
    return path


@pytest.fixture(scope="session")
def kit_env(kit_wheel, tmp_path_factory) -> Path:
    """A virtual environment with the kit installed by pip, and dlgrade's dependencies (not dlgrade)
    reachable through a .pth file: what a student's machine or CI has."""
    env = tmp_path_factory.mktemp("kitenv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    site = env / "lib" / "python3.11" / "site-packages"
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install", "--no-deps",
                    "--no-index", "-q", str(kit_wheel)], check=True, capture_output=True)
    return env
