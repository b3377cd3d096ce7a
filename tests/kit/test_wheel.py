"""The student kit's wheel: no solution in it, and installed on its own it grades like the full grader."""

from __future__ import annotations

import ast
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader.cli import main
from grader.report.experiments import curve_distance
from tests.conftest import CORPUS, KIT_PYTHON, ROOT, grade, statuses, student_env
from tests.experiments.test_reference_runs import ACCURACY_AGREEMENT, CURVE_AGREEMENT
from tests.test_kernel_check import CORRECT_COST, WRONG_COST, html_shown, shown


def _functions(source: str) -> set[str]:
    """The body of each function in `source` that computes something, as a canonical AST dump,
    docstrings left out (`lambda ...: 1.0` is in both, and gives nothing away)."""
    bodies = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.Lambda)):
            body = node.body if isinstance(node.body, list) else [ast.Return(node.body)]
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                body = body[1:]
            if len(body) == 1 and isinstance(getattr(body[0], "value", None), (ast.Constant, ast.Name)):
                continue
            bodies.add(ast.dump(ast.Module(body=body, type_ignores=[])))
    return bodies


def test_the_kit_holds_no_reference_and_no_mistake_models(kit_wheel):
    names = zipfile.ZipFile(kit_wheel).namelist()
    assert not [name for name in names if name.startswith(("reference/", "grader/oracle/"))]
    assert not [name for name in names if name.endswith((".pyc", ".pyo")) or "__pycache__" in name]
    assert {"grader/kit/answer_key.zip", "grader/rubrics/base.py", "grader/templates/report.html.j2",
            "exercises/optimization.py", "grader/sandbox/worker.py", "dlgrade/__init__.py",
            "grader/kernel_check.py"} <= set(names)


def test_no_function_of_the_reference_or_of_the_mistake_models_is_in_the_kit(kit_wheel):
    solutions = set()
    for file in [*(ROOT / "reference").glob("*.py"), *(ROOT / "grader" / "oracle").glob("*.py")]:
        solutions |= _functions(file.read_text())
    with zipfile.ZipFile(kit_wheel) as archive:
        shipped = {name: archive.read(name).decode() for name in archive.namelist() if name.endswith(".py")}
    assert _functions("def forward(x, theta):\n    J = theta * x\n    return J\n") <= solutions  # it can see one
    leaked = {name: len(_functions(source) & solutions) for name, source in shipped.items()}
    assert not {name: count for name, count in leaked.items() if count}


def _imported_on_load(source: str) -> set[str]:
    """The modules `source` imports when it is loaded: not those imported inside a function
    (when it is called) or for type checkers only."""
    names, pending = set(), list(ast.parse(source).body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            pending += node.orelse
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            pending += [child for child in ast.iter_child_nodes(node) if isinstance(child, ast.stmt)]
    return names


def test_nothing_in_the_kit_needs_hypothesis(kit_wheel):
    """The kit grades on recorded cases: hypothesis is neither imported nor required, and what
    generates cases is not shipped (the installed kit's tests run without hypothesis)."""
    probe = ("import hypothesis\nfrom grader import search\nif TYPE_CHECKING:\n    import typed\n"
             "class A:\n    import inside_class\ndef f():\n    import later\n")
    assert _imported_on_load(probe) == {"hypothesis", "grader", "grader.search", "inside_class"}
    generating = ("hypothesis", "grader.search", "grader.strategies", "grader.oracle")
    with zipfile.ZipFile(kit_wheel) as archive:
        names = archive.namelist()
        loaded = {name: _imported_on_load(archive.read(name).decode()) for name in names if name.endswith(".py")}
        (metadata,) = [name for name in names if name.endswith(".dist-info/METADATA")]
        requires = [line for line in archive.read(metadata).decode().splitlines() if line.startswith("Requires-Dist")]
    assert not [name for name in names if name.removesuffix(".py").replace("/", ".").startswith(generating[1:])]
    assert not {name: modules for name, modules in loaded.items()
                if [module for module in modules if module.startswith(generating)]}
    assert requires and not [line for line in requires if "hypothesis" in line]


def test_the_record_lists_every_file_with_its_hash(kit_wheel):
    with zipfile.ZipFile(kit_wheel) as archive:
        (record,) = [name for name in archive.namelist() if name.endswith(".dist-info/RECORD")]
        rows = [line.split(",") for line in archive.read(record).decode().splitlines()]
        listed = {path for path, _, _ in rows}
        assert listed == set(archive.namelist())
        for path, digest, size in rows:
            if path != record:
                content = archive.read(path)
                expected = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
                assert (digest, int(size)) == (f"sha256={expected}", len(content)), path


def test_building_twice_gives_the_same_wheel(kit_wheel, tmp_path):
    assert CliRunner().invoke(main, ["kit", "build", str(tmp_path)]).exit_code == 0
    assert (tmp_path / kit_wheel.name).read_bytes() == kit_wheel.read_bytes()


def _kit(kit_env: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(kit_env / "bin" / "grade"), *args], cwd=cwd, capture_output=True, text=True)


def test_the_installed_kit_has_no_way_to_the_solutions(kit_env, tmp_path):
    probe = ("import importlib.util, sys, grader.kit\n"
             "print(importlib.util.find_spec('reference'), importlib.util.find_spec('grader.oracle'),"
             " importlib.util.find_spec('hypothesis'), grader.kit.IS_KIT, sys.version_info[:2] == (%d, %d))\n")
    wanted = subprocess.run([KIT_PYTHON or sys.executable, "-c", "import sys; print(*sys.version_info[:2])"],
                            capture_output=True, text=True, check=True).stdout.split()
    seen = subprocess.run([str(kit_env / "bin" / "python"), "-c", probe % tuple(map(int, wanted))], cwd=tmp_path,
                          capture_output=True, text=True, check=True).stdout
    assert seen.split() == ["None", "None", "None", "True", "True"]
    assert "(student kit)" in _kit(kit_env, "--version", cwd=tmp_path).stdout
    refused = _kit(kit_env, "kit", "build", str(tmp_path / "out"), cwd=tmp_path)
    assert refused.returncode == 2 and "this is the student kit" in refused.stderr


@pytest.mark.slow
@pytest.mark.parametrize("submission", ["base", "demo"])
def test_the_installed_kit_gives_the_full_graders_verdicts(kit_env, submission, tmp_path):
    folder = CORPUS / "base" if submission == "base" else ROOT / "examples" / "demo_submission"
    shutil.copytree(folder, tmp_path / "submission")
    done = _kit(kit_env, "submit", "submission", "--json", "report.json", "--junit", "junit.xml", cwd=tmp_path)
    assert done.returncode == (0 if submission == "base" else 1), done.stderr
    assert "Graded with the student kit" in done.stdout
    kit_report = json.loads((tmp_path / "report.json").read_text())
    _, full_report, _ = grade(tmp_path / "submission")
    assert kit_report["mode"] == "kit" and full_report["mode"] == "reference"
    assert statuses(kit_report) == statuses(full_report)
    named = {e["name"]: e["misconception"] for e in kit_report["exercises"]}
    assert named == {e["name"]: e["misconception"] for e in full_report["exercises"]}
    assert 'name="mode" value="kit"' in (tmp_path / "junit.xml").read_text()


def in_kernel(env: Path, cells: list[str], folder: Path):
    """Run a notebook of `cells` in an ipykernel kernel of the environment `env`, driven as
    Jupyter drives it, in `folder`; the executed notebook."""
    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell, new_notebook

    spec = folder / "jupyter" / "kernels" / "student"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(env / "bin" / "python"), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "a student's Python", "language": "python"}))
    notebook = new_notebook(cells=[new_code_cell(source) for source in cells])
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(folder / "jupyter"))
        NotebookClient(notebook, timeout=300, kernel_name="student",
                       resources={"metadata": {"path": str(folder)}}).execute()
    return notebook


@pytest.mark.slow
def test_the_installed_kit_checks_in_a_notebook_kernel_of_its_python(kit_env, tmp_path):
    """`dlgrade.check()` in a kernel of the kit's environment (on DLGRADE_KIT_PYTHON's Python
    where it is set): judged from the answer key."""
    cells = ["import numpy as np\nimport dlgrade", CORRECT_COST, "dlgrade.check('compute_cost_with_regularization')",
             WRONG_COST, "dlgrade.check('compute_cost_with_regularization')"]
    notebook = in_kernel(kit_env, cells, tmp_path)
    assert "✓ compute_cost_with_regularization: passed" in shown(notebook.cells[2])
    assert "✗ compute_cost_with_regularization: failed" in shown(notebook.cells[4])
    assert "not divided by m" in shown(notebook.cells[4])
    assert "recorded input" in html_shown(notebook.cells[4])  # the answer key's, as the kit's card says


@pytest.mark.slow
def test_the_kit_installed_from_a_running_kernel_checks_without_a_restart(kit_wheel, tmp_path):
    """A kernel of an environment without dlgrade: `%pip install` of the kit in one cell, then
    `import dlgrade` and a check in the next ones, the kernel never restarted."""
    env = student_env(tmp_path / "venv", "ipykernel")
    install = f"%pip install -q {kit_wheel}" + ("" if KIT_PYTHON else " --no-deps --no-index")
    cells = ["import importlib.util\nprint(importlib.util.find_spec('dlgrade'))", install,
             "import numpy as np\nimport dlgrade", CORRECT_COST, "dlgrade.check('compute_cost_with_regularization')"]
    notebook = in_kernel(env, cells, tmp_path)
    assert shown(notebook.cells[0]).strip() == "None"
    assert "✓ compute_cost_with_regularization: passed" in shown(notebook.cells[4])


@pytest.mark.slow
def test_the_installed_kit_grades_through_pytest_too(kit_env, tmp_path):
    shutil.copytree(ROOT / "examples" / "demo_submission", tmp_path / "submission")
    done = subprocess.run([str(kit_env / "bin" / "python"), "-m", "pytest", "--grade", "submission", "-q",
                           "-p", "no:cacheprovider", "-k", "update_lr or schedule_lr_decay"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 1 and "1 failed, 1 passed" in done.stdout, done.stdout + done.stderr


@pytest.mark.slow
def test_the_installed_kit_runs_the_experiments_without_the_reference(kit_env, correct_experiments, tmp_path):
    """The reference's side comes from the recording the kit ships, and the student's runs are
    the full grader's; a run that would need the reference to stand in for a function that is
    not there is not run, and says why."""
    shutil.copytree(CORPUS / "base", tmp_path / "submission")
    with open(tmp_path / "submission" / "optimization.py", "a") as file:  # a stub again: not attempted
        file.write("\n\ndef update_lr(learning_rate0, epoch_num, decay_rate):\n    raise NotImplementedError\n")
    done = _kit(kit_env, "experiments", "submission", "--json", "kit.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    kit_runs, full_runs = ({f"{family['name']}/{run['key']}": run for family in report["experiments"]
                            for run in family["runs"]}
                           for report in (json.loads((tmp_path / "kit.json").read_text()), correct_experiments[1]))
    assert kit_runs.keys() == full_runs.keys()
    for key, run in full_runs.items():
        assert kit_runs[key]["reference"] == run["reference"]
        if "update_lr" in run["uses"]:
            assert kit_runs[key]["student"] is None, key
            assert kit_runs[key]["message"].startswith("Not run: the student kit has no reference to stand in"), key
        else:
            assert same_run(kit_runs[key]["student"], run["student"]), key


def same_run(kit: dict, full: dict) -> bool:
    """The same training run: exactly, on this Python and NumPy; with DLGRADE_KIT_PYTHON (another
    Python, another NumPy and its BLAS), the same curve and accuracies within the agreement a
    recording must keep with a fresh run (tests/experiments/test_reference_runs.py)."""
    if not KIT_PYTHON or full is None:
        return kit == full
    accuracies = [key for key in full if key.endswith("_accuracy")]
    return curve_distance(kit["costs"], full["costs"]) < CURVE_AGREEMENT and all(
        (kit[key] is None) == (full[key] is None) and (full[key] is None or abs(kit[key] - full[key]) <= ACCURACY_AGREEMENT)
        for key in accuracies)
