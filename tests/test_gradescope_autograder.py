"""`grade gradescope build`'s zip, run as Gradescope runs it: unpacked into /autograder/source
of a root of its own (bubblewrap binds a temporary folder at /autograder), `setup.sh` run once,
then `run_autograder` for each submission, and its results.json read as Gradescope reads it."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader.cli import main
from grader.sandbox import namespaces
from tests.conftest import CORPUS
from tests.report.test_gradescope import STATUSES, VISIBILITIES

BASE = {file.name: file.read_text() for file in (CORPUS / "base").glob("*.py")}
POINTS = 32


def as_gradescope(root: Path, command: str) -> subprocess.CompletedProcess:
    """Run `command` with `root` as /autograder, as root, the rest of the machine as it is."""
    return subprocess.run(["bwrap", "--dev-bind", "/", "/", "--bind", str(root), "/autograder", "bash", "-c", command],
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def gradescope_root(tmp_path_factory) -> Path:
    """/autograder as Gradescope's image has it once built: the zip unpacked into source/ (with
    its files' modes), setup.sh run, run_autograder copied beside it."""
    if namespaces.bubblewrap() is None or namespaces.unavailable_reason() is not None:
        pytest.skip("needs bubblewrap to give the autograder a root of its own")
    folder = tmp_path_factory.mktemp("gradescope")
    built = CliRunner().invoke(main, ["gradescope", "build", "--out", str(folder / "autograder.zip")])
    assert built.exit_code == 0, built.output
    root = folder / "autograder"
    source = root / "source"
    with zipfile.ZipFile(folder / "autograder.zip") as archive:
        assert sorted(archive.namelist())[-2:] == ["run_autograder", "setup.sh"]
        for member in archive.infolist():
            archive.extract(member, source)
            (source / member.filename).chmod(member.external_attr >> 16 & 0o777)
    setup = as_gradescope(root, "/autograder/source/setup.sh")
    assert setup.returncode == 0, setup.stdout + setup.stderr
    shutil.copy(source / "run_autograder", root / "run_autograder")
    return root


def graded(root: Path, files: dict[str, str | bytes]) -> dict:
    """Hand in `files` and run the autograder; its results.json, checked against Gradescope's fields."""
    for folder in ("submission", "results"):
        shutil.rmtree(root / folder, ignore_errors=True)
        (root / folder).mkdir()
    for name, content in files.items():
        path = root / "submission" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content)
    ran = as_gradescope(root, "/autograder/run_autograder")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    assert isinstance(results["score"], (int, float)) and isinstance(results["output"], str)
    assert results["visibility"] in VISIBILITIES and results["stdout_visibility"] in VISIBILITIES
    for test in results["tests"]:
        assert isinstance(test["name"], str) and test["status"] in STATUSES and test["visibility"] in VISIBILITIES
        assert 0 <= test["score"] <= test["max_score"] and isinstance(test["output"], str)
    if results["tests"]:
        assert results["score"] == sum(test["score"] for test in results["tests"])
        assert results["max_score"] == sum(test["max_score"] for test in results["tests"])
    return results


def by_name(results: dict) -> dict[str, dict]:
    return {test["name"]: test for test in results["tests"]}


@pytest.mark.slow
def test_a_correct_submission_gets_every_point(gradescope_root):
    results = graded(gradescope_root, BASE)
    assert results["score"] == results["max_score"] == POINTS
    assert all(test["status"] == "passed" for test in results["tests"])
    assert "student kit's answer key" in results["output"]
    assert "Student code ran with namespaces isolation" in results["output"] or \
        "Student code ran with process isolation" in results["output"]  # whatever the root allows, said


@pytest.mark.slow
def test_a_wrong_function_loses_its_points_and_says_why(gradescope_root):
    wrong = BASE["regularization.py"].replace("(1 / m) * (lambd / 2)", "(lambd / 2)")
    assert wrong != BASE["regularization.py"]
    results = graded(gradescope_root, {**BASE, "regularization.py": wrong})
    cost = by_name(results)["compute_cost_with_regularization"]
    assert (cost["status"], cost["score"], results["score"]) == ("failed", 0, POINTS - 2)
    assert "not divided by m" in cost["output"] and "minimal failing input" in cost["output"]


@pytest.mark.slow
def test_an_empty_submission_gets_no_points_and_a_reason(gradescope_root):
    results = graded(gradescope_root, {})
    assert (results["score"], results["tests"]) == (0, [])
    assert "could not grade" in results["output"]


@pytest.mark.slow
def test_a_hanging_function_costs_only_its_own_points(gradescope_root):
    hanging = BASE["optimization.py"] + \
        "\n\ndef update_lr(learning_rate0, epoch_num, decay_rate):\n    while True:\n        pass\n"
    results = graded(gradescope_root, {**BASE, "optimization.py": hanging})
    update_lr = by_name(results)["update_lr"]
    assert (update_lr["status"], update_lr["score"], results["score"]) == ("failed", 0, POINTS - 1)
    assert "did not return within" in update_lr["output"].lower()


@pytest.mark.slow
def test_a_notebook_that_cannot_be_read_or_a_file_that_is_none_gets_no_points_and_a_reason(gradescope_root):
    unreadable = graded(gradescope_root, {"Regularization.ipynb": b"\x00 not a notebook"})
    assert (unreadable["score"], unreadable["max_score"]) == (0, 9) and unreadable["tests"]  # its assignment's
    assert all("Regularization.ipynb is not a notebook" in test["output"] for test in unreadable["tests"])
    not_a_notebook = graded(gradescope_root, {"answers.pdf": b"%PDF-1.4"})
    assert (not_a_notebook["score"], not_a_notebook["tests"]) == (0, [])
    assert "no file to grade" in not_a_notebook["output"]


@pytest.mark.slow
def test_a_notebook_uploaded_in_a_folder_is_graded_as_its_assignment(gradescope_root):
    notebook = (CORPUS / "notebooks" / "Regularization_two_definitions.ipynb").read_bytes()
    results = graded(gradescope_root, {"my_work/Regularization_two_definitions.ipynb": notebook})
    assert results["score"] == results["max_score"] == 9
