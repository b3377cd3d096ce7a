"""`grade init DIR`: a student's workspace, ready for GitHub and GitHub Classroom.

It holds the exercise stubs (modules, or with `notebooks` the four exercise notebooks), a
short README for students, a GitHub Actions workflow that
installs dlgrade and grades the repository on every push, and GitHub Classroom's
autograding (its workflow, and a configuration with one test per exercise and its points).
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import shlex
from pathlib import Path

import jinja2

from grader import GRADER_PYTHONS
from grader.catalog import EXERCISES, MODULE_TITLES, MODULES
from grader.errors import GraderError
from grader.files import write_text
from grader.report.html import load_template
from grader.student_notebooks import NOTEBOOK_NAMES, notebook_text

JUNIT, GRADESCOPE, HTML_REPORT = "dlgrade-junit.xml", "dlgrade-results.json", "grade-report.html"
GRADE_STEP = f"grade submit . --junit {JUNIT} --gradescope {GRADESCOPE}"
# The Python the workflows set up: the newest both the full grader and the student kit run on.
CI_PYTHON = GRADER_PYTHONS[-1]
# Minutes GitHub Classroom gives one exercise's test (the first also installs dlgrade).
CLASSROOM_TIMEOUT_MINUTES = 5


def workspace_files(install: str, notebooks: bool = False) -> dict[str, str]:
    """Relative path -> content of every file of a new workspace; `install` is what pip
    installs (a requirement, a wheel's URL, a git URL)."""
    stubs = importlib.resources.files("exercises")
    install_command = f"python -m pip install {shlex.quote(install)}"
    if notebooks:
        files = {NOTEBOOK_NAMES[module]: notebook_text(module) for module in MODULES}
    else:
        files = {f"{module}.py": stubs.joinpath(f"{module}.py").read_text("utf-8") for module in MODULES}
    files["README.md"] = _templates().get_template("init_readme.md.j2").render(
        modules=[(name, MODULE_TITLES[module]) for module, name in zip(MODULES, files)],
        install=shlex.quote(install), notebooks=notebooks)
    files[".github/workflows/dlgrade.yml"] = _templates().get_template("init_workflow.yml.j2").render(
        install_step=_yaml_string(install_command), grade_step=_yaml_string(GRADE_STEP),
        outputs=[HTML_REPORT, JUNIT, GRADESCOPE], python=CI_PYTHON)
    files[".github/workflows/classroom.yml"] = _templates().get_template("init_classroom.yml.j2").render(
        python=CI_PYTHON)
    files[".github/classroom/autograding.json"] = _classroom(install_command)
    files[".gitignore"] = "".join(f"{name}\n" for name in (HTML_REPORT, JUNIT, GRADESCOPE, "__pycache__/",
                                                           ".ipynb_checkpoints/"))
    return files


@functools.cache
def _templates() -> jinja2.Environment:
    """Plain text, not HTML: nothing is escaped (the workflow's values are quoted as YAML instead)."""
    return jinja2.Environment(loader=jinja2.FunctionLoader(load_template), autoescape=False,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def _yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar (a JSON string is one), whatever it holds."""
    return json.dumps(text)


def _classroom(install_command: str) -> str:
    """GitHub Classroom's autograding tests: one command per exercise, scored by its exit code."""
    tests = [{
        "name": exercise.name,
        "setup": install_command if index == 0 else "",
        "run": f"grade submit . --no-html --only {exercise.name}",
        "input": "", "output": "", "comparison": "included",
        "timeout": CLASSROOM_TIMEOUT_MINUTES,
        "points": exercise.points,
    } for index, exercise in enumerate(EXERCISES)]
    return json.dumps({"tests": tests}, indent=2) + "\n"


def create_workspace(folder: Path, install: str, notebooks: bool = False) -> list[Path]:
    """Write a new workspace into `folder` (created if need be); never overwrites a file.
    Raises GraderError naming the files that are in the way."""
    files = {folder / name: text for name, text in workspace_files(install, notebooks).items()}
    if in_the_way := [str(path) for path in files if path.exists()]:
        raise GraderError(f"not overwriting what is there: {', '.join(in_the_way)}")
    for path, text in files.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise GraderError(f"cannot create {path.parent}: {error.strerror}") from error
        write_text(path, text)
    return list(files)
