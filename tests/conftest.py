"""Shared helpers: grade through the real CLI (in-process click, separate worker)."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader.cli import main
from grader.plans import CACHE_VARIABLE

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


def once_per_run(tmp_path_factory, worker_id: str, name: str, make) -> tuple[Path, str]:
    """`make(folder)` (which returns text to keep) run once for the whole test run, however many
    xdist workers ask: they share the folder (their base temporary folders have one parent), and
    a lock makes the others wait for the first. (folder, the text `make` returned.)"""
    root = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        root = root.parent
    folder, kept = root / name, root / f"{name}.txt"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not kept.exists():  # made by none, or by one that failed (it is tried again)
            folder.mkdir(exist_ok=True)
            kept.write_text(make(folder))
    return folder, kept.read_text()


@pytest.fixture(scope="session", autouse=True)
def plan_cache(tmp_path_factory, worker_id) -> Path:
    """The case plans (grader.plans) of this test run, shared by its xdist workers, and kept out of
    the user's cache folder."""
    root = tmp_path_factory.getbasetemp()
    folder = (root if worker_id == "master" else root.parent) / "plans"
    os.environ[CACHE_VARIABLE] = str(folder)
    return folder


def _invoked(*args: str) -> str:
    done = CliRunner().invoke(main, list(args))
    assert done.exit_code in (0, 1), done.output
    return json.dumps({"exit_code": done.exit_code, "stdout": done.stdout})


@pytest.fixture(scope="session")
def recorded_now(tmp_path_factory, worker_id) -> tuple[Path, str]:
    """`grade kit record --into` a temporary folder: the answer key and the reference's runs as
    the reference gives them now, on this CPU. (folder, what the command printed.)"""
    folder, kept = once_per_run(tmp_path_factory, worker_id, "recorded_now",
                                lambda folder: _invoked("kit", "record", "--into", str(folder)))
    done = json.loads(kept)
    assert done["exit_code"] == 0, done["stdout"]
    return folder, done["stdout"]


@pytest.fixture(scope="session")
def correct_experiments(tmp_path_factory, worker_id) -> tuple[int, dict, str, str]:
    """The correct base graded with --experiments by the full grader: (exit code, JSON, HTML,
    terminal). It takes seconds, and several tests read it."""
    def make(folder: Path) -> str:
        return _invoked("submit", str(CORPUS / "base"), "--experiments", "--json", str(folder / "r.json"),
                        "--html", str(folder / "r.html"))
    folder, kept = once_per_run(tmp_path_factory, worker_id, "correct_experiments", make)
    done = json.loads(kept)
    return (done["exit_code"], json.loads((folder / "r.json").read_text()), (folder / "r.html").read_text(),
            done["stdout"])


@pytest.fixture(scope="session")
def kit_wheel(tmp_path_factory) -> Path:
    """The student kit's wheel, as `grade kit build` writes it."""
    out = tmp_path_factory.mktemp("kit")
    done = CliRunner().invoke(main, ["kit", "build", str(out)])
    assert done.exit_code == 0, done.output
    (path,) = out.glob("dlgrade_kit-*-py3-none-any.whl")
    assert f"Student kit: {path}" in done.output
    return path


# `make test-all` sets it to run the installed kit's tests on another Python (3.10), the tests
# themselves (and the full grader they compare with) on this one.
KIT_PYTHON = os.environ.get("DLGRADE_KIT_PYTHON")


@pytest.fixture(scope="session")
def kit_env(kit_wheel, tmp_path_factory) -> Path:
    """A student's environment with the kit installed by pip (`student_env`), with pytest, for
    the plugin, and ipykernel, for a notebook kernel."""
    return student_env(tmp_path_factory.mktemp("kitenv") / "venv", str(kit_wheel), "pytest", "ipykernel")


def student_env(env: Path, *requirements: str) -> Path:
    """A virtual environment at `env` as a student's machine or CI has it, with `requirements`
    installed by pip. Without DLGRADE_KIT_PYTHON, the kit's dependencies (and pytest, ipykernel)
    are reachable through a .pth file: this environment's packages, less dlgrade and hypothesis
    (the kit must not need it), linked into one folder, and only wheels among `requirements` are
    installed. With DLGRADE_KIT_PYTHON, the environment is that Python's, and pip installs every
    requirement as a student does, the kit's dependencies from the package index."""
    if KIT_PYTHON:
        subprocess.run([KIT_PYTHON, "-m", "venv", str(env)], check=True)
        if requirements:
            subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                            *requirements], check=True, capture_output=True)
        return env
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    site = env / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    dependencies = env.parent / "dependencies"
    dependencies.mkdir()
    for item in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if not item.name.lower().startswith(("hypothesis", "_hypothesis", "dlgrade", "__editable__")):
            (dependencies / item.name).symlink_to(item)
    (site / "dependencies.pth").write_text(f"{dependencies}\n")
    if wheels := [requirement for requirement in requirements if requirement.endswith(".whl")]:
        subprocess.run([sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install", "--no-deps",
                        "--no-index", "-q", *wheels], check=True, capture_output=True)
    return env
