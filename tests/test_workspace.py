"""`grade init`: a student workspace whose workflow commands, run here as GitHub would run
them, fail on a wrong exercise with an annotation, a summary and result files, and pass once it is fixed."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from grader import GRADER_PYTHONS, KIT_PYTHONS
from grader.catalog import EXERCISES, MODULES
from grader.cli import main
from grader.workspace import CI_PYTHON
from tests.conftest import CORPUS, ROOT, statuses

WRONG_ADAM = CORPUS / "optimization" / "update_parameters_with_adam__no_bias_correction.py"


INSTALL = "dlgrade>=0.1,<0.2 ; python_version == '3.11'"  # every character YAML, shells or HTML treat specially


@pytest.fixture
def workspace(tmp_path) -> Path:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "ws"), "--install", INSTALL])
    assert result.exit_code == 0, result.output
    return tmp_path / "ws"


def workflow(workspace: Path, name: str) -> dict:
    return yaml.safe_load((workspace / ".github" / "workflows" / name).read_text())


def workflow_steps(workspace: Path) -> list[str]:
    """The `run:` commands of the generated grading workflow, in order."""
    return [step["run"] for step in workflow(workspace, "dlgrade.yml")["jobs"]["grade"]["steps"] if "run" in step]


def run_step(command: str, workspace: Path, summary: Path,
             installed: Path = Path(sys.executable).parent) -> subprocess.CompletedProcess:
    """Run a workflow command as GitHub would, with `installed` (where `grade` is) first on the PATH."""
    env = {**os.environ, "PATH": f"{installed}{os.pathsep}{os.environ['PATH']}",
           "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(workspace), "GITHUB_STEP_SUMMARY": str(summary)}
    return subprocess.run(command, shell=True, cwd=workspace, env=env, capture_output=True, text=True)


def test_the_workspace_holds_the_stubs_a_readme_and_the_ci_files(workspace):
    for module in MODULES:
        assert (workspace / f"{module}.py").read_text() == (ROOT / "exercises" / f"{module}.py").read_text()
    install_command = f"python -m pip install {shlex.quote(INSTALL)}"
    assert shlex.split(install_command)[-1] == INSTALL  # the shell passes pip the spec as it was given
    assert install_command in (workspace / "README.md").read_text()
    install, grade = workflow_steps(workspace)
    assert install == install_command
    classroom = json.loads((workspace / ".github" / "classroom" / "autograding.json").read_text())
    assert [test["name"] for test in classroom["tests"]] == [exercise.name for exercise in EXERCISES]
    assert sum(test["points"] for test in classroom["tests"]) == sum(exercise.points for exercise in EXERCISES)
    assert classroom["tests"][0]["setup"] == install_command


def test_the_workflows_set_up_the_newest_python_the_grader_and_the_kit_run_on(workspace):
    assert CI_PYTHON == GRADER_PYTHONS[-1] == KIT_PYTHONS[-1]
    steps = workflow(workspace, "dlgrade.yml")["jobs"]["grade"]["steps"]
    assert steps[1]["uses"].startswith("actions/setup-python@") and steps[1]["with"]["python-version"] == CI_PYTHON


def test_classroom_runs_its_tests_on_the_python_dlgrade_needs(workspace):
    steps = workflow(workspace, "classroom.yml")["jobs"]["build"]["steps"]
    assert [step.get("uses", "").split("@")[0] for step in steps] == [
        "actions/checkout", "actions/setup-python", "education/autograding"]
    assert steps[1]["with"]["python-version"] == CI_PYTHON


def test_an_existing_workspace_is_never_overwritten(workspace):
    (workspace / "optimization.py").write_text("my work")
    result = CliRunner().invoke(main, ["init", str(workspace), "--install", "dlgrade"])
    assert result.exit_code == 2 and "not overwriting what is there" in result.output
    assert (workspace / "optimization.py").read_text() == "my work"


@pytest.mark.slow
@pytest.mark.parametrize("grader", ["full", "kit"])
def test_the_workflow_fails_on_a_wrong_exercise_and_passes_once_it_is_fixed(grader, workspace, tmp_path, request):
    """With the full grader, and with the student kit a class's workflows would install."""
    installed = request.getfixturevalue("kit_env") / "bin" if grader == "kit" else Path(sys.executable).parent
    for module in MODULES:
        shutil.copy(ROOT / "reference" / f"{module}.py", workspace / f"{module}.py")
    with open(workspace / "optimization.py", "a") as file:
        file.write("\n\n" + WRONG_ADAM.read_text())
    _, grade = workflow_steps(workspace)  # the install step is what CI adds: dlgrade is installed here
    summary = tmp_path / "summary.md"

    failing = run_step(grade, workspace, summary, installed)
    assert failing.returncode == 1
    assert re.search(r"^::error file=optimization\.py,line=\d+,title=update_parameters_with_adam%3A failed::Looks like",
                     failing.stdout, re.M)
    assert "| `update_parameters_with_adam` | ❌ failed | 0/3 |" in summary.read_text()
    junit = ElementTree.parse(workspace / "dlgrade-junit.xml").getroot()
    assert [case.get("name") for case in junit.iter("testcase") if case.find("failure") is not None] == [
        "update_parameters_with_adam"]
    assert json.loads((workspace / "dlgrade-results.json").read_text())["score"] == 29
    gradescope = json.loads((workspace / "dlgrade-results.json").read_text())
    assert ("student kit's answer key" in gradescope["output"]) == (grader == "kit")

    shutil.copy(ROOT / "reference" / "optimization.py", workspace / "optimization.py")
    passing = run_step(grade, workspace, summary, installed)
    assert passing.returncode == 0 and "::error" not in passing.stdout
    assert json.loads((workspace / "dlgrade-results.json").read_text())["score"] == 32


@pytest.mark.slow
def test_a_classroom_test_grades_its_own_exercise(workspace, tmp_path):
    shutil.copy(ROOT / "reference" / "optimization.py", workspace / "optimization.py")
    tests = {test["name"]: test for test in json.loads(
        (workspace / ".github" / "classroom" / "autograding.json").read_text())["tests"]}
    assert run_step(tests["update_lr"]["run"], workspace, tmp_path / "s.md").returncode == 0
    assert run_step(tests["initialize_adam"]["run"], workspace, tmp_path / "s.md").returncode == 0
    assert run_step(tests["initialize_parameters_he"]["run"], workspace, tmp_path / "s.md").returncode == 1


@pytest.mark.slow
def test_notebooks_hold_a_marked_stub_per_function_and_grade_themselves(tmp_path):
    import ast

    import nbformat
    from nbclient import NotebookClient

    from grader.student_notebooks import NOTEBOOK_NAMES
    result = CliRunner().invoke(main, ["init", str(tmp_path / "ws"), "--install", INSTALL, "--notebooks"])
    assert result.exit_code == 0, result.output
    workspace = tmp_path / "ws"
    assert not list(workspace.glob("*.py"))
    fresh = run_step("grade submit . --no-html --json -", workspace, tmp_path / "s.md")
    assert set(statuses(json.loads(fresh.stdout)).values()) == {"missing"}  # every stub found, none attempted
    for module in MODULES:
        notebook = nbformat.read(workspace / NOTEBOOK_NAMES[module], as_version=4)
        nbformat.validate(notebook)
        solutions = {node.name: ast.get_source_segment(source, node) for source in
                     [(CORPUS / "base" / f"{module}.py").read_text()] for node in ast.parse(source).body
                     if isinstance(node, ast.FunctionDef)}
        marked = []
        for cell, after in zip(notebook.cells, notebook.cells[1:]):
            if cell.cell_type == "code" and cell.source.startswith("# GRADED FUNCTION: "):
                name = cell.source.split("\n", 1)[0].removeprefix("# GRADED FUNCTION: ")
                marked.append(name)
                cell.source = f"# GRADED FUNCTION: {name}\n\n{solutions[name]}\n"
                assert after.source == f"dlgrade.check({name!r})"  # a check of it, in the cell after
        assert marked == [exercise.name for exercise in EXERCISES if exercise.module == module]
        assert notebook.cells[-2].cell_type == "markdown" and "Grade your work" in notebook.cells[-2].source
        nbformat.write(notebook, workspace / NOTEBOOK_NAMES[module])
        # The last cell, run as Jupyter would run it, in the workspace.
        ran = run_step(f"python -c {shlex.quote(notebook.cells[-1].source)}", workspace, tmp_path / "s.md")
        points = sum(exercise.points for exercise in EXERCISES if exercise.module == module)
        assert f"Score: {points}/{points} (100%)" in ran.stdout, ran.stdout + ran.stderr
    # A notebook run in a kernel, as the student runs it: every check cell passes its function.
    notebook = nbformat.read(workspace / NOTEBOOK_NAMES["regularization"], as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(workspace)}}).execute()
    checks = [cell for cell in notebook.cells if cell.cell_type == "code" and cell.source.startswith("dlgrade.check(")]
    assert len(checks) == 4
    for cell in checks:
        name = cell.source.split("'")[1]
        assert any(f"✓ {name}: passed" in output.get("data", {}).get("text/plain", "") for output in cell.outputs)
