"""Landlock on its own (no seccomp, no namespaces): what a restricted process can reach."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from grader.sandbox import landlock, view
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not landlock.abi(), reason="this kernel has no Landlock")

PROBE = r'''
import errno, json, os, signal, socket, sys
from grader.sandbox import landlock, view

scratch, forbidden, reference = sys.argv[1:4]
ruleset = landlock.Ruleset(view.allowed_paths([]), [scratch])
assert ruleset.restrict()

def outcome(action):
    try:
        action()
    except OSError as error:
        return errno.errorcode[error.errno]
    return "allowed"

def write(path):
    with open(path, "w") as file:
        file.write("x")

print(json.dumps({
    "read the reference": outcome(lambda: open(reference).read()),
    "read numpy": outcome(lambda: open(os.path.join(os.path.dirname(__import__("numpy").__file__), "__init__.py")).read()),
    "import a module not yet imported": outcome(lambda: __import__("fractions")),
    "write its scratch folder": outcome(lambda: write(os.path.join(scratch, "out.txt"))),
    "write elsewhere": outcome(lambda: write(forbidden)),
    "read its parent's environment": outcome(lambda: open(f"/proc/{os.getppid()}/environ", "rb").read()),
    "signal its parent": outcome(lambda: os.kill(os.getppid(), 0)),
    "write /dev/null": outcome(lambda: write(os.devnull)),
    "abi": ruleset.version,
}))
'''


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict:
    scratch = tmp_path_factory.mktemp("scratch")
    forbidden = tmp_path_factory.mktemp("elsewhere") / "escaped.txt"
    reference = ROOT / "reference" / "optimization.py"
    assert reference.exists()
    result = subprocess.run([sys.executable, "-c", PROBE, str(scratch), str(forbidden), str(reference)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert not forbidden.exists()
    return json.loads(result.stdout)


@pytest.mark.parametrize("action", ["read the reference", "write elsewhere", "read its parent's environment"])
def test_denied(outcomes, action):
    assert outcomes[action] == "EACCES"


def test_signals_stay_among_its_own_processes(outcomes):
    if outcomes["abi"] < 6:
        pytest.skip(f"signal scoping needs Landlock ABI 6, this kernel has {outcomes['abi']}")
    assert outcomes["signal its parent"] == "EPERM"


@pytest.mark.parametrize("action", ["read numpy", "import a module not yet imported", "write its scratch folder",
                                    "write /dev/null"])
def test_still_works(outcomes, action):
    assert outcomes[action] == "allowed"


def test_a_tree_holding_the_reference_is_allowed_around_it(tmp_path, monkeypatch):
    site = tmp_path / "site-packages"
    for name in ("grader", "numpy", "reference"):
        (site / name).mkdir(parents=True)
    (site / "six.py").write_text("")
    monkeypatch.setattr(view, "hidden_trees", lambda trees: [str(site / "reference")])
    monkeypatch.setattr(view, "readable_trees", lambda: [str(site)])
    allowed = view.allowed_paths([])
    assert {str(site / "grader"), str(site / "numpy"), str(site / "six.py")} <= set(allowed)
    assert not any(view.within(path, str(site / "reference")) or path == str(site) for path in allowed)
