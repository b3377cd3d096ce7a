"""`pip install .` (not editable) gives a working `grade`, from any working directory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

import grader
from grader.sandbox import namespaces
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """Built from a copy of the checkout: setuptools writes build/ and *.egg-info where it builds."""
    out, source = tmp_path_factory.mktemp("wheel"), tmp_path_factory.mktemp("source") / "dlgrade"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv*", "build", "dist", "*.egg-info",
                                                                "__pycache__", ".hypothesis", ".pytest_cache"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(source)], check=True, capture_output=True)
    (path,) = out.glob("dlgrade-*.whl")
    return path


def test_wheel_ships_templates_stubs_and_reference(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "grader/templates/report.html.j2" in names
    assert {f"exercises/{m}.py" for m in ("initialization", "optimization")} <= names
    assert {"grader/sandbox/worker.py", "dlgrade/__init__.py"} <= names
    assert {"grader/oracle/optimization.py", "grader/kit/answer_key.zip", "reference/optimization.py"} <= names
    assert not any(name.startswith("tests/") for name in names)


def test_installed_wheel_grades_from_another_directory(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # The installed copy comes first on the path, ahead of the editable checkout.
    env = dict(os.environ, PYTHONPATH=str(target))
    submission = tmp_path / "submission"
    shutil.copytree(ROOT / "examples" / "demo_submission", submission)
    with (submission / "optimization.py").open("a") as file:  # an exercise that goes for the installed solutions
        file.write("\ndef initialize_velocity(parameters):\n"
                   f"    return open({str(target / 'reference' / 'optimization.py')!r}).read()\n")
    done = subprocess.run([str(target / "bin" / "grade"), "submit", str(submission), "--json", "report.json",
                           "--only", "update_lr", "--only", "schedule_lr_decay", "--only", "initialize_velocity"],
                          cwd=elsewhere, env=env, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    report = json.loads((elsewhere / "report.json").read_text())
    by_name = {exercise["name"]: exercise for exercise in report["exercises"]}
    assert by_name["update_lr"]["status"] == "passed"
    assert by_name["schedule_lr_decay"]["status"] == "failed"  # the demo's planted mistake
    assert (elsewhere / "grade-report.html").read_text().startswith("<!DOCTYPE html>")
    sandboxed = namespaces.unavailable_reason() is None
    assert report["isolation"]["level"] == ("namespaces" if sandboxed else "process")
    if sandboxed:  # the installed reference is hidden from the worker
        assert "FileNotFoundError" in by_name["initialize_velocity"]["message"]
    where = subprocess.run([sys.executable, "-c", "import grader; print(grader.__file__)"],
                           env=env, capture_output=True, text=True, cwd=elsewhere).stdout
    assert where.startswith(str(target))


def test_the_pythons_dlgrade_declares_are_those_it_says_it_runs_on(wheel, kit_wheel):
    """One list of supported Pythons (grader.GRADER_PYTHONS, KIT_PYTHONS); the metadata pip reads agrees."""
    def requires_python(path) -> str:
        with zipfile.ZipFile(path) as archive:
            (name,) = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
            (line,) = [line for line in archive.read(name).decode().splitlines() if line.startswith("Requires-Python:")]
        return line.split(":", 1)[1].strip()

    def clauses(specifier: str) -> set[str]:  # setuptools writes them in an order of its own
        return set(specifier.replace(" ", "").split(","))

    assert clauses(requires_python(wheel)) == clauses(grader.requires_python(grader.GRADER_PYTHONS)) \
        == {">=3.11", "<3.14"}
    assert clauses(requires_python(kit_wheel)) == clauses(grader.requires_python(grader.KIT_PYTHONS)) \
        == {">=3.10", "<3.14"}
