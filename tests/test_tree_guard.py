"""The guard that fails a test run which changed the checkout (tests/tree_guard.py)."""

from __future__ import annotations

import subprocess

import pytest

TEST = """
from pathlib import Path

def test_writes(request):
    Path(request.config.rootpath, "{name}").write_text("{content}")
"""


@pytest.fixture
def checkout(pytester):
    """A git checkout holding one committed file, with the guard enabled."""
    pytester.makeconftest('pytest_plugins = ["tests.tree_guard"]')
    pytester.makefile(".txt", tracked="as committed\n")
    for command in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "c"]):
        subprocess.run(["git", *command], cwd=pytester.path, check=True)
    return pytester


def test_a_run_that_rewrites_a_tracked_file_fails_and_names_it(checkout):
    checkout.makepyfile(test_it=TEST.format(name="tracked.txt", content="rewritten"))
    result = checkout.runpytest()
    result.assert_outcomes(passed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*The tests changed the checkout*tracked.txt*"])


def test_a_run_that_leaves_a_new_file_fails(checkout):
    checkout.makepyfile(test_it=TEST.format(name="left.txt", content="x"))
    assert checkout.runpytest().ret == pytest.ExitCode.TESTS_FAILED


def test_what_was_already_changed_before_the_run_does_not_count(checkout):
    (checkout.path / "tracked.txt").write_text("edited by the developer\n")
    checkout.makepyfile(test_it="def test_nothing():\n    pass\n")
    assert checkout.runpytest().ret == pytest.ExitCode.OK


def test_a_run_that_leaves_an_ignored_file_fails_too(checkout):
    (checkout.path / ".gitignore").write_text("*.html\n")
    checkout.makepyfile(test_it=TEST.format(name="report.html", content="x"))
    result = checkout.runpytest()
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*The tests changed the checkout*report.html*"])
