"""Guarantees of confinement, checked through the CLI: the bubblewrap sandbox gives them
all; Landlock gives the file-system ones at the process level too.

Each submission is a correct optimization.py whose update_lr also attacks; the
attack must fail (or be contained) and the rest be graded as usual.
"""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

import pytest

from grader.sandbox import landlock, namespaces, view
from tests.conftest import CORPUS, ROOT, grade
from tests.security.conftest import require_namespaces

CORRECT_RESULT = "    return learning_rate0 / (1 + decay_rate * epoch_num)\n"


@pytest.fixture(params=["process", "namespaces"])
def confined(request) -> str:
    """The levels that confine the file system: namespaces, or the process level with Landlock."""
    if request.param == "namespaces":
        require_namespaces()
    elif not landlock.abi():
        pytest.skip("the process level confines files only with Landlock, which this kernel lacks")
    return request.param


def submit_attack(folder: Path, body: str, isolation: str = "namespaces", *options: str) -> dict:
    """Grade update_lr (the attack) and update_parameters_with_gd (innocent) at `isolation`."""
    base = (CORPUS / "base" / "optimization.py").read_text()
    (folder / "optimization.py").write_text(
        base + "\ndef update_lr(learning_rate0, epoch_num, decay_rate):\n" + body + CORRECT_RESULT)
    code, report, stderr = grade(folder, "--isolation", isolation, "--only", "update_lr",
                                 "--only", "update_parameters_with_gd", *options)
    assert code in (0, 1), stderr
    assert report["isolation"]["level"] == isolation
    by_name = {exercise["name"]: exercise for exercise in report["exercises"]}
    assert by_name["update_parameters_with_gd"]["status"] == "passed"
    return by_name["update_lr"]


def test_no_file_is_created_outside_the_workers_own_space(confined, tmp_path):
    marker = f"dlgrade-escape-{uuid.uuid4().hex}"
    submission = tmp_path / "submission"
    submission.mkdir()
    targets = [Path("/tmp"), Path("/var/tmp"), Path("/dev/shm"), Path.home(), Path.cwd(), submission,
               ROOT, ROOT / "grader", Path(view.readable_trees()[0])]
    result = submit_attack(submission, (
        "    import os\n"
        "    written = []\n"
        f"    for folder in {[str(target) for target in targets]!r} + [os.getcwd(), os.path.expanduser('~')]:\n"
        "        try:\n"
        f"            open(os.path.join(folder, {marker!r}), 'w').write('x')\n"
        "            written.append(folder)\n"
        "        except OSError:\n"
        "            pass\n"
        "    raise ValueError(f'written: {written}')\n"), confined)
    assert "written: [" in result["message"]  # its own working directory (in the sandbox: its private /tmp)
    assert not [target for target in targets if (target / marker).exists()]


def test_no_connection_reaches_a_server_on_loopback(sandboxed, tmp_path):
    """Through the CLI; seccomp refuses the socket too, so tests/sandbox/test_namespaces.py
    checks the network namespace on its own."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        result = submit_attack(tmp_path, (
            "    import socket\n"
            f"    socket.create_connection(('127.0.0.1', {server.getsockname()[1]}), timeout=1).sendall(b'hi')\n"))
        with pytest.raises(BlockingIOError):
            server.accept()
    assert result["status"] == "error"


@pytest.mark.parametrize("solutions", ["reference/optimization.py", "grader/oracle/optimization.py",
                                       "grader/kit/answer_key.zip"])
def test_the_solutions_are_out_of_reach(confined, solutions, tmp_path):
    """The reference, the grader's models of known mistakes (each a solution with one slip),
    and the answer key (whose answers a submission could look up)."""
    result = submit_attack(tmp_path, f"    print(open({str(ROOT / solutions)!r}).read())\n", confined)
    expected = "FileNotFoundError" if confined == "namespaces" else "PermissionError"  # not there, or not allowed
    assert result["status"] == "error" and expected in result["message"]


@pytest.mark.slow
@pytest.mark.skipif(not namespaces.running_as_root(), reason="the worker switches user only when the grader is root")
def test_student_code_runs_as_a_user_of_its_own_with_few_processes(sandboxed, tmp_path):
    marker = f"dlgrade-bomb-{uuid.uuid4().hex}"
    result = submit_attack(tmp_path, (
        "    import os, sys, time\n"
        "    print('uid', os.getuid())\n"
        "    for _ in range(1000):\n"
        "        if os.fork() == 0:\n"
        f"            os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(300)', {marker!r}])\n"),
        # The children's 63 interpreter start-ups compete with the loop: on a loaded machine
        # it once took more than the default 3 s, so the refusal alone is timed generously.
        "namespaces", "--timeout", "60")
    assert result["status"] == "error" and "BlockingIOError" in result["message"]  # fork refused: too many
    uid = int(result["stdout"].split("uid ", 1)[1].split()[0])
    assert uid >= namespaces.WORKER_UID_BASE
    from tests.security.test_attacks import _processes_with
    assert not _processes_with(marker)
