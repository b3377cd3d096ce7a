"""`grade init DIR`: a student's workspace, ready for GitHub and GitHub Classroom.

It holds the exercise stubs, a short README for students, a GitHub Actions workflow that
installs dlgrade and grades the repository on every push, and a GitHub Classroom
autograding configuration with one test per exercise and its points.
"""

from __future__ import annotations

import importlib.resources
import json
from pathlib import Path

from grader import __version__
from grader.catalog import EXERCISES, MODULE_TITLES, MODULES
from grader.errors import GraderError
from grader.files import write_text
from grader.report.html import environment

GRADE_COMMAND = "grade submit . --junit dlgrade-junit.xml --gradescope dlgrade-results.json"
DEFAULT_INSTALL = f"dlgrade=={__version__}"
# Seconds GitHub Classroom gives one exercise's test (the first also installs dlgrade).
CLASSROOM_TIMEOUT_MINUTES = 5


def workspace_files(install: str = DEFAULT_INSTALL) -> dict[str, str]:
    """Relative path -> content of every file of a new workspace; `install` is what pip installs."""
    stubs = importlib.resources.files("exercises")
    files = {f"{module}.py": stubs.joinpath(f"{module}.py").read_text("utf-8") for module in MODULES}
    files["README.md"] = environment().get_template("init_readme.md.j2").render(
        modules=[(module, MODULE_TITLES[module]) for module in MODULES], install=install)
    files[".github/workflows/dlgrade.yml"] = environment().get_template("init_workflow.yml.j2").render(
        install=install, command=GRADE_COMMAND)
    files[".github/classroom/autograding.json"] = _classroom(install)
    files[".gitignore"] = "grade-report.html\ndlgrade-junit.xml\ndlgrade-results.json\n__pycache__/\n"
    return files


def _classroom(install: str) -> str:
    """GitHub Classroom's autograding tests: one command per exercise, scored by its exit code."""
    tests = [{
        "name": exercise.name,
        "setup": f'python -m pip install "{install}"' if index == 0 else "",
        "run": f"grade submit . --no-html --only {exercise.name}",
        "input": "", "output": "", "comparison": "included",
        "timeout": CLASSROOM_TIMEOUT_MINUTES,
        "points": exercise.points,
    } for index, exercise in enumerate(EXERCISES)]
    return json.dumps({"tests": tests}, indent=2) + "\n"


def create_workspace(folder: Path, install: str = DEFAULT_INSTALL) -> list[Path]:
    """Write a new workspace into `folder` (created if need be); never overwrites a file.
    Raises GraderError naming the files that are in the way."""
    files = {folder / name: text for name, text in workspace_files(install).items()}
    if in_the_way := [str(path) for path in files if path.exists()]:
        raise GraderError(f"not overwriting what is there: {', '.join(in_the_way)}")
    for path, text in files.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise GraderError(f"cannot create {path.parent}: {error.strerror}") from error
        write_text(path, text)
    return list(files)
