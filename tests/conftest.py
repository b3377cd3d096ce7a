"""Shared helpers: grade through the real CLI (in-process click, separate worker)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader.cli import main

# pytester: tests/test_pytest_plugin.py runs pytest with the dlgrade plugin inside pytest.
pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "submissions"


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
