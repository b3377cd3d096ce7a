"""A pytest plugin: the run fails when the tests changed the checkout they run in.

Tests write into temporary folders only; one that rewrote a tracked file (the answer key,
the reference's recorded runs) once left every clean clone dirty after `make test`. The
check compares `git status` (and the content of whatever was already dirty, so a
developer's own edits do not count) before and after the session. It runs in the
controlling process only, after every xdist worker is done; outside a git checkout it
does nothing.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest

_BEFORE = pytest.StashKey[dict]()


# Ignored by git and written by every run, by Python and pytest themselves or by `make`.
_CACHES = (".venv/", "__pycache__/", ".pytest_cache/", ".hypothesis/", ".egg-info/")


def _state(root: Path) -> dict[str, str] | None:
    """{path: status and content digest} of every file git reports as changed or untracked, and
    of every ignored file or folder (a folder as a whole) but the caches."""
    try:
        changed = _porcelain(root, "--untracked-files=all")
        ignored = [line for line in _porcelain(root, "--untracked-files=normal", "--ignored=traditional")
                   if line.startswith("!!") and not line.endswith(_CACHES)]
    except (OSError, subprocess.CalledProcessError):
        return None
    state = {}
    for line in changed + ignored:
        path = root / line[3:]
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-"
        state[line[3:]] = f"{line[:2]} {digest}"
    return state


def _porcelain(root: Path, *options: str) -> list[str]:
    done = subprocess.run(["git", "status", "--porcelain=v1", "-z", *options], cwd=root, capture_output=True,
                          check=True)
    return [line for line in done.stdout.decode(errors="replace").split("\0") if line]


def _controller(config) -> bool:
    return not hasattr(config, "workerinput")


def pytest_sessionstart(session):
    if _controller(session.config):
        session.config.stash[_BEFORE] = _state(session.config.rootpath)


def pytest_sessionfinish(session, exitstatus):
    before = session.config.stash.get(_BEFORE, None)
    if not _controller(session.config) or before is None:
        return
    after = _state(session.config.rootpath) or {}
    changed = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    if changed:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"The tests changed the checkout (tests must write to tmp_path): "
                                f"{', '.join(changed)}", red=True, bold=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

