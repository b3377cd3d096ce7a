"""Guarantees that only the bubblewrap sandbox gives, checked through the CLI.

Each submission is a correct optimization.py whose update_lr also attacks; the
attack must fail (or be contained) and the rest be graded as usual.
"""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

import pytest

from grader.sandbox import namespaces
from tests.conftest import CORPUS, ROOT, grade

CORRECT_RESULT = "    return learning_rate0 / (1 + decay_rate * epoch_num)\n"


def submit_attack(folder: Path, body: str, *args: str) -> dict:
    """Grade update_lr (the attack) and update_parameters_with_gd (innocent) in the sandbox."""
    base = (CORPUS / "base" / "optimization.py").read_text()
    (folder / "optimization.py").write_text(
        base + "\ndef update_lr(learning_rate0, epoch_num, decay_rate):\n" + body + CORRECT_RESULT)
    code, report, stderr = grade(folder, "--isolation", "namespaces", "--only", "update_lr",
                                 "--only", "update_parameters_with_gd", *args)
    assert code in (0, 1), stderr
    assert report["isolation"]["level"] == "namespaces"
    by_name = {exercise["name"]: exercise for exercise in report["exercises"]}
    assert by_name["update_parameters_with_gd"]["status"] == "passed"
    return by_name["update_lr"]


def test_no_file_is_created_outside_the_workers_own_space(sandboxed, tmp_path):
    marker = f"dlgrade-escape-{uuid.uuid4().hex}"
    submission = tmp_path / "submission"
    submission.mkdir()
    targets = [Path("/tmp"), Path("/var/tmp"), Path("/dev/shm"), Path.home(), Path.cwd(), submission,
               ROOT, ROOT / "grader", Path(namespaces.readable_trees()[0])]
    result = submit_attack(submission, (
        "    import os\n"
        "    written = []\n"
        f"    for folder in {[str(target) for target in targets]!r} + [os.getcwd(), os.path.expanduser('~')]:\n"
        "        try:\n"
        f"            open(os.path.join(folder, {marker!r}), 'w').write('x')\n"
        "            written.append(folder)\n"
        "        except OSError:\n"
        "            pass\n"
        "    raise ValueError(f'written inside the sandbox: {written}')\n"))
    # only its own private /tmp, which is also its working directory and home
    assert "written inside the sandbox: ['/tmp', '/tmp', '/tmp']" in result["message"]
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


def test_the_solutions_are_not_there_to_read(sandboxed, tmp_path):
    result = submit_attack(tmp_path, f"    print(open({str(ROOT / 'reference' / 'optimization.py')!r}).read())\n")
    assert result["status"] == "error" and "FileNotFoundError" in result["message"]


@pytest.mark.skipif(not namespaces.running_as_root(), reason="the worker switches user only when the grader is root")
def test_student_code_runs_as_nobody_with_few_processes(sandboxed, tmp_path):
    marker = f"dlgrade-bomb-{uuid.uuid4().hex}"
    result = submit_attack(tmp_path, (
        "    import os, sys, time\n"
        "    print('uid', os.getuid())\n"
        "    for _ in range(1000):\n"
        "        if os.fork() == 0:\n"
        f"            os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(300)', {marker!r}])\n"))
    assert result["status"] == "error" and "BlockingIOError" in result["message"]  # fork refused: too many
    assert "uid 65534" in result["stdout"]
    from tests.security.test_attacks import _processes_with
    assert not _processes_with(marker)
