"""The bubblewrap layer on its own (no seccomp, no worker): what the sandboxed process can see and do."""

from __future__ import annotations

import importlib.machinery
import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

import grader
from grader.sandbox import namespaces, view
from tests.conftest import ROOT
from tests.security.conftest import require_namespaces

# The docstrings of the reference and of the grader's mistake models, in their source and
# their bytecode; the probes look for them everywhere.
DISTINCTIVE = "Reference solutions for the Optimization Methods notebook"
ORACLE_DISTINCTIVE = "Optimization methods, compared with the reference"


def run_sandboxed(code: str, **prefix) -> dict:
    """Run Python `code` in the sandbox (as nobody when we are root, becoming it the way the
    worker becomes its own user); its printed JSON."""
    require_namespaces()
    trees = prefix.pop("trees", view.readable_trees())
    command = namespaces.sandbox_prefix(namespaces.bubblewrap(), scratch_bytes=8 << 20, trees=trees,
                                        hidden=prefix.pop("hidden", view.hidden_trees(trees)))
    become = "from grader.sandbox.privileges import become_user; become_user(65534)\n" \
        if namespaces.running_as_root() else ""
    result = subprocess.run(command + [sys.executable, "-s", "-P", "-c", become + code],
                            capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin"})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_no_network_not_even_loopback():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        port = server.getsockname()[1]
        seen = run_sandboxed(
            "import json, socket\n"
            "try:\n"
            f"    socket.create_connection(('127.0.0.1', {port}), timeout=2); outcome = 'connected'\n"
            "except OSError as error:\n"
            "    outcome = type(error).__name__\n"
            "print(json.dumps({'outcome': outcome, 'interfaces': [name for _, name in socket.if_nameindex()]}))\n")
        with pytest.raises(BlockingIOError):
            server.accept()
    assert seen["outcome"] != "connected"
    assert seen["interfaces"] == ["lo"]  # a network namespace of its own, with only a loopback that is down


def search_disk(start: str) -> str:
    """Probe code: every .py or .pyc file (and any file in a folder named reference) holding a DISTINCTIVE."""
    return (
        "import json, os\n"
        "found = []\n"
        f"for top, folders, files in os.walk({start!r}):\n"
        "    if top in ('/proc', '/sys', '/dev'):\n"
        "        folders[:] = []\n"
        "    for name in files:\n"
        "        if not name.endswith(('.py', '.pyc')) and 'reference' not in top:\n"
        "            continue\n"
        "        try:\n"
        "            with open(os.path.join(top, name), 'rb') as file:\n"
        "                content = file.read(1 << 22)\n"
        f"                if {DISTINCTIVE.encode()!r} in content or {ORACLE_DISTINCTIVE.encode()!r} in content:\n"
        "                    found.append(os.path.join(top, name))\n"
        "        except OSError:\n"
        "            pass\n")


@pytest.mark.slow
def test_the_search_finds_the_reference_where_it_is_visible():
    """Without this, the test below could pass with a search that finds nothing anywhere."""
    reference, oracle = str(ROOT / "reference"), str(ROOT / "grader" / "oracle")
    seen = run_sandboxed(search_disk("/") + "print(json.dumps(found))",
                         trees=[*view.readable_trees(), reference], hidden=[])
    assert f"{reference}/optimization.py" in seen and f"{oracle}/optimization.py" in seen


@pytest.mark.slow
def test_the_solutions_are_not_on_disk_and_the_grader_is():
    seen = run_sandboxed(
        search_disk("/") +
        "import importlib.util, grader.course\n"
        "print(json.dumps({'found': found, 'spec': repr(importlib.util.find_spec('reference')),\n"
        f"                  'folder': os.path.exists({str(ROOT / 'reference')!r}), 'uid': os.getuid()}}))\n")
    assert seen == {"found": [], "spec": "None", "folder": False, "uid": 65534}


def test_the_view_is_read_only_and_tmp_is_private():
    marker = f"dlgrade-private-{uuid.uuid4().hex}"
    grader_folder = str(Path(grader.__file__).resolve().parent.parent)  # the checkout or site-packages
    seen = run_sandboxed(
        "import json, os\n"
        "outcomes = {}\n"
        f"for folder in ('/tmp', {str(ROOT / 'grader')!r}, {sys.prefix!r}, '/usr', {grader_folder!r}):\n"
        "    try:\n"
        f"        open(os.path.join(folder, {marker!r}), 'w').write('x'); outcomes[folder] = 'written'\n"
        "    except OSError as error:\n"
        "        outcomes[folder] = type(error).__name__\n"
        "print(json.dumps(outcomes))\n")
    assert seen.pop("/tmp") == "written"
    assert set(seen.values()) <= {"OSError", "PermissionError"}
    assert not os.path.exists(f"/tmp/{marker}")


def test_the_submission_is_not_in_the_sandbox(tmp_path):
    """Its files travel in the exercise's fork request (tests/sandbox/test_worker.py loads one
    from a private folder); on disk, the sandbox has none of them."""
    file = tmp_path / "optimization.py"
    file.write_text("ANSWER = 42\n")
    file.chmod(0o644)
    seen = run_sandboxed(f"import json, os; print(json.dumps(os.path.exists({str(file)!r})))")
    assert seen is False


def test_a_reference_inside_a_visible_tree_is_hidden(tmp_path, monkeypatch):
    """As after a wheel install, where reference/ sits in site-packages next to grader/."""
    site = tmp_path / "site-packages"
    (site / "reference").mkdir(parents=True)
    (site / "reference" / "optimization.py").write_text(f'"""{DISTINCTIVE}"""\n')
    (site / "reference" / "optimization.py").chmod(0o644)
    for folder in (tmp_path, site, site / "reference"):
        folder.chmod(0o755)
    spec = importlib.machinery.ModuleSpec("reference", None, is_package=True)
    spec.submodule_search_locations = [str(site / "reference")]
    monkeypatch.setattr(view.importlib.util, "find_spec", lambda name: spec if name == "reference" else None)
    trees = [*view.readable_trees(), str(site)]
    hidden = view.hidden_trees(trees)
    assert hidden == [str(site / "reference")]
    seen = run_sandboxed(f"import json, os; print(json.dumps(os.listdir({str(site)!r}) + os.listdir({hidden[0]!r})))",
                         trees=trees, hidden=hidden)
    assert seen == ["reference"]  # the folder is there, empty


def test_a_reference_installed_under_usr_is_hidden_too(monkeypatch):
    """/usr is always visible, so a reference a root pip put in /usr/local must be covered."""
    spec = importlib.machinery.ModuleSpec("reference", None, is_package=True)
    spec.submodule_search_locations = ["/usr/local/lib/python3.11/site-packages/reference"]
    monkeypatch.setattr(view.importlib.util, "find_spec", lambda name: spec if name == "reference" else None)
    assert view.hidden_trees(view.readable_trees()) == spec.submodule_search_locations


def test_without_root_the_sandbox_maps_the_user_instead_of_switching(monkeypatch):
    monkeypatch.setattr(namespaces, "running_as_root", lambda: False)
    args = namespaces.sandbox_prefix("bwrap", scratch_bytes=1 << 20)
    assert "--cap-add" not in args
    at = args.index("--unshare-user")
    assert args[at:at + 5] == ["--unshare-user", "--uid", "65534", "--gid", "65534"]


def test_system_files_are_readable_by_any_user():
    """bwrap would create /etc as 0700, and the dynamic loader's cache would be out of reach."""
    assert run_sandboxed("import json, os; print(json.dumps(os.access('/etc/ld.so.cache', os.R_OK)))")


def test_each_worker_gets_a_user_of_its_own():
    """Their process limits must not add up: one student's fork bomb would stop another's fork."""
    users = [namespaces.worker_user() for _ in range(3)]
    assert len(set(users)) == 3 and min(users) >= namespaces.WORKER_UID_BASE and max(users) < 2**31
