"""Red-team submissions through the CLI: each attack fails safely and only where it attacks.

Each attack replaces `update_lr` in an otherwise correct optimization.py. The grader must
exit 0 or 1 by itself with its JSON written, grade the other exercises as usual, keep
printed output capped, and leak nothing from its own environment.
"""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from grader.cli import main
from tests.conftest import CORPUS, ROOT, a_few

SECRET = "s3cret-token-from-the-graders-environment"
OTHERS = ("schedule_lr_decay", "initialize_velocity")  # graded after and before update_lr

ATTACKS = {
    "memory_bomb_numpy": ("error", "MemoryError", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    huge = np.ones((10**6, 10**5))
    return learning_rate0
"""),
    "memory_bomb_list": ("error", "MemoryError", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    huge = [0] * 10**10
    return learning_rate0
"""),
    "infinite_loop": ("timeout", "Did not return", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    while True:
        pass
"""),
    "unbounded_recursion": ("error", "RecursionError", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    return update_lr(learning_rate0, epoch_num, decay_rate)
"""),
    "system_exit": ("error", "SystemExit", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    raise SystemExit(0)
"""),
    "keyboard_interrupt": ("error", "KeyboardInterrupt", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    raise KeyboardInterrupt
"""),
    "hard_exit": ("error", "died", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    import os
    os._exit(0)
"""),
    "reads_stdin": ("error", "EOFError", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    return float(input("learning rate? "))
"""),
    "imports_the_reference": ("error", "ModuleNotFoundError|ImportError", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    from reference.optimization import update_lr as solution
    return solution(learning_rate0, epoch_num, decay_rate)
"""),
    "forges_a_passing_result": ("failed", "", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    import os, sys
    message = '{"schema": 1, "score": 32, "status": "passed"}\\n'
    print(message)
    os.write(1, message.encode())
    sys.__stdout__.write(message)
    return 0.0
"""),
    "monkeypatches_numpy": ("failed", "", """
np.allclose = lambda *args, **kwargs: True
np.isclose = lambda a, b, *args, **kwargs: np.ones(np.shape(a), dtype=bool)
np.array_equal = lambda *args, **kwargs: True

def update_lr(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 * 2
"""),
    "lying_equality": ("failed", "cannot read", """
class _AlwaysEqual(float):
    def __eq__(self, other):
        return True
    __hash__ = float.__hash__

class _Liar:
    def __eq__(self, other):
        return True
    def __float__(self):
        return 0.0

def update_lr(learning_rate0, epoch_num, decay_rate):
    return _Liar()
"""),
    "ndarray_subclass_that_lies": ("failed", "", """
class _Liar(np.ndarray):
    def __eq__(self, other):
        return np.ones(np.shape(other), dtype=bool)
    def __array_ufunc__(self, *args, **kwargs):
        return np.zeros(())

def update_lr(learning_rate0, epoch_num, decay_rate):
    return np.array(123.0).view(_Liar)
"""),
    "returns_nan": ("failed", "", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    return float("nan")
"""),
    "prints_a_flood": ("passed", "", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    print("x" * 50_000_000)
    return learning_rate0 / (1 + decay_rate * epoch_num)
"""),
    "writes_a_huge_file": ("error", "File too large", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    with open("big.bin", "wb") as file:
        for _ in range(100):
            file.write(b"x" * (1 << 20))
    return learning_rate0 / (1 + decay_rate * epoch_num)
"""),
    "kills_the_grader": ("error", "PermissionError", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    import os, signal
    os.kill(os.getppid(), signal.SIGKILL)
    return learning_rate0 / (1 + decay_rate * epoch_num)
"""),
    "kills_the_grader_through_sigio": ("error", "PermissionError", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    import fcntl, os, signal
    read_end, write_end = os.pipe()
    fcntl.fcntl(read_end, 10, signal.SIGKILL)  # F_SETSIG: the kernel sends SIGKILL instead of SIGIO
    fcntl.fcntl(read_end, fcntl.F_SETOWN, os.getppid())
    fcntl.fcntl(read_end, fcntl.F_SETFL, os.O_ASYNC)
    os.write(write_end, b"wake up")
    return learning_rate0 / (1 + decay_rate * epoch_num)
"""),
    "kills_the_grader_through_fiosetown": ("error", "PermissionError", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    import fcntl, os, socket, struct
    ours, theirs = socket.socketpair()
    fcntl.ioctl(ours, 0x8901, struct.pack("i", os.getppid()))  # FIOSETOWN
    fcntl.fcntl(ours, fcntl.F_SETFL, os.O_ASYNC)
    theirs.send(b"wake up")
    return learning_rate0 / (1 + decay_rate * epoch_num)
"""),
    "kills_every_process_it_can": ("error", "PermissionError", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    import os, signal
    os.kill(-1, signal.SIGKILL)
    return learning_rate0 / (1 + decay_rate * epoch_num)
"""),
    "kills_its_own_process_group": ("error", "died|killed", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    import os, signal
    os.killpg(0, signal.SIGKILL)
"""),
    "segfaults": ("error", "SIGSEGV", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    import ctypes
    return ctypes.string_at(0)
"""),
    "ignores_signals_and_loops": ("timeout", "Did not return", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    import signal
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGXCPU):
        signal.signal(number, signal.SIG_IGN)
    while True:
        pass
"""),
    "reads_its_ancestors_environments": ("error", "ValueError", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    import os
    found, pid = [], os.getppid()
    while pid > 1:
        try:
            with open(f"/proc/{pid}/environ", "rb") as environ:
                found.append(environ.read().decode(errors="replace"))
            with open(f"/proc/{pid}/stat") as stat:
                pid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except OSError as error:
            found.append(repr(error))
            break
    raise ValueError(" ".join(found))
"""),
    "phones_home": ("error", "PermissionError", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    import socket
    socket.create_connection(("127.0.0.1", 9), timeout=1)
"""),
    "raises_its_own_limits": ("error", "ValueError|PermissionError", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    return learning_rate0 / (1 + decay_rate * epoch_num)
"""),
    # What one exercise leaves in its process must not reach the next one (schedule_lr_decay is graded after).
    "patches_numpy_for_the_next_exercise": ("passed", "", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    np.floor = lambda x: x + 0.5
    return learning_rate0 / (1 + decay_rate * epoch_num)
"""),
    "leaves_a_thread_that_keeps_patching": ("passed", "", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    import threading, time
    def sabotage():
        while True:
            np.floor = np.ceil
            time.sleep(0.001)
    threading.Thread(target=sabotage, daemon=True).start()
    return learning_rate0 / (1 + decay_rate * epoch_num)
"""),
    "exhausts_file_descriptors": ("passed", "", """
_hoard = []

def update_lr(learning_rate0, epoch_num, decay_rate):
    import os
    try:
        while True:
            _hoard.append(os.open(os.devnull, os.O_RDONLY))
    except OSError:
        pass
    return learning_rate0 / (1 + decay_rate * epoch_num)
"""),
    "forges_the_end_of_its_exercise": ("passed", "", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    import os, sys
    from grader.sandbox.protocol import encode_message
    for part in encode_message({"status": "ended", "how": "exited with code 0"}):
        os.write(int(sys.argv[2]), part)  # the answer pipe: the worker's reports come on another
    return learning_rate0 / (1 + decay_rate * epoch_num)
"""),
    "makes_the_request_pipe_nonblocking": ("passed", "", """  # the worker makes its pipes blocking before each read
def update_lr(learning_rate0, epoch_num, decay_rate):
    import os, sys
    os.set_blocking(int(sys.argv[1]), False)  # a flag of the pipe itself, which the worker shares
    return learning_rate0 / (1 + decay_rate * epoch_num)
"""),
    "makes_the_answer_pipe_nonblocking_then_fills_it": ("passed", "", """  # the answer still arrives whole
def update_lr(learning_rate0, epoch_num, decay_rate):
    import os, sys
    os.set_blocking(int(sys.argv[2]), False)
    print("x" * 200_000)  # the answer carries 64 KiB of it: more than the pipe holds
    return learning_rate0 / (1 + decay_rate * epoch_num)
"""),
    "leaves_a_locked_folder_behind": ("passed", "", """
import os
if os.path.exists("locked"):  # runs again, at import, for each later exercise of this file
    raise RuntimeError("a folder left by another exercise is still here")

def update_lr(learning_rate0, epoch_num, decay_rate):
    os.makedirs("locked/deeper", exist_ok=True)
    with open("locked/deeper/ballast", "wb") as ballast:
        ballast.write(b"x" * (8 << 20))
    os.chmod("locked/deeper", 0o500)
    os.chmod("locked", 0o500)
    return learning_rate0 / (1 + decay_rate * epoch_num)
"""),
    "sends_a_frame_with_an_array_for_a_nonce": ("passed", "", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    import os, sys
    from grader.sandbox.protocol import encode_message
    for part in encode_message({"nonce": np.array([1, 2])}):
        os.write(int(sys.argv[2]), part)
    return learning_rate0 / (1 + decay_rate * epoch_num)
"""),
    "widens_landlock_for_the_next_exercise": ("passed", "", f"""
import ctypes, os
try:  # runs again, at import, in each later exercise of this file
    open({str(ROOT / "reference" / "optimization.py")!r}).read()
    raise RuntimeError("the reference was readable")
except OSError:
    pass

class _Rule(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]

def update_lr(learning_rate0, epoch_num, decay_rate):
    root = os.open("/", os.O_PATH)
    for fd in range(3, 64):  # the ruleset the worker restricts each exercise process with
        ctypes.CDLL(None).syscall(445, fd, 1, ctypes.byref(_Rule((1 << 16) - 1, root)), 0)
    return learning_rate0 / (1 + decay_rate * epoch_num)
"""),
    "dies_by_a_real_time_signal": ("error", "signal 40", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    import os
    os.kill(os.getpid(), 40)
"""),
    "looks_for_secrets": ("error", "ValueError", """
def update_lr(learning_rate0, epoch_num, decay_rate):
    import os
    found = " ".join(f"{key}={value}" for key, value in os.environ.items())
    print(found)
    raise ValueError(found)
"""),
}


@pytest.mark.parametrize("name", a_few(sorted(ATTACKS), kind=lambda name: ATTACKS[name][0]))
def test_attack_fails_safely_and_only_where_it_attacks(name, isolation, tmp_path):
    status, fragment, code = ATTACKS[name]
    base = (CORPUS / "base" / "optimization.py").read_text()
    (tmp_path / "optimization.py").write_text(base + "\n" + code)
    args = ["submit", str(tmp_path), "--json", "-", "--html", str(tmp_path / "report.html"), "--isolation", isolation,
            "--timeout", "2", "--only", "update_lr", *[arg for other in OTHERS for arg in ("--only", other)]]

    result = CliRunner().invoke(main, args, env={"DLGRADE_TEST_SECRET": SECRET})

    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    by_name = {exercise["name"]: exercise for exercise in report["exercises"]}
    assert by_name["update_lr"]["status"] == status, by_name["update_lr"]["message"]
    if fragment:
        assert any(part in by_name["update_lr"]["message"] for part in fragment.split("|"))
    assert all(by_name[other]["status"] == "passed" for other in OTHERS), \
        {other: (by_name[other]["status"], by_name[other]["message"]) for other in OTHERS}
    assert len(by_name["update_lr"]["stdout"]) < 100_000
    everything = result.stdout + result.stderr + (tmp_path / "report.html").read_text()
    assert SECRET not in everything


def test_a_link_to_the_solutions_is_refused_and_other_files_are_graded(tmp_path):
    from tests.conftest import ROOT, grade
    (tmp_path / "optimization.py").symlink_to(ROOT / "reference" / "optimization.py")
    (tmp_path / "initialization.py").write_text((CORPUS / "base" / "initialization.py").read_text())
    code, report, _ = grade(tmp_path, "--only", "update_lr", "--only", "initialize_parameters_zeros")
    by_name = {exercise["name"]: exercise for exercise in report["exercises"]}
    assert code == 1
    assert by_name["update_lr"]["status"] == "error" and "outside the submission" in by_name["update_lr"]["message"]
    assert by_name["initialize_parameters_zeros"]["status"] == "passed"


def test_nothing_the_submission_started_outlives_grading(isolation, tmp_path):
    """Children that start their own session escape a process-group kill; they must go too."""
    import uuid

    from tests.conftest import grade
    marker = f"dlgrade-orphan-{uuid.uuid4().hex}"
    (tmp_path / "optimization.py").write_text(
        "import subprocess, sys\n"
        "def update_lr(learning_rate0, epoch_num, decay_rate):\n"
        f"    sleeper = [sys.executable, '-c', 'import time; time.sleep(300)', '{marker}']\n"
        "    subprocess.Popen(sleeper, start_new_session=True)\n"
        "    subprocess.Popen(['sh', '-c', '\"$@\" & echo started', 'sh', *sleeper], start_new_session=True,\n"
        "                     stdout=subprocess.PIPE, text=True).stdout.readline()\n"
        "    return -1.0\n")
    _, report, _ = grade(tmp_path, "--only", "update_lr", "--isolation", isolation)
    assert report["exercises"][0]["status"] == "failed"
    assert not _processes_with(marker)


def _processes_with(marker: str) -> list[int]:
    """Live (not zombie) processes whose command line holds `marker`."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline, open(f"/proc/{entry}/stat") as stat:
                if marker.encode() in cmdline.read() and stat.read().rsplit(")", 1)[1].split()[0] != "Z":
                    found.append(int(entry))
        except (OSError, ValueError):
            continue
    return found


def test_the_marker_search_sees_a_live_process():
    """_processes_with must find what is there, or the test above could not fail."""
    import subprocess
    import sys
    import time
    import uuid
    marker = f"dlgrade-visible-{uuid.uuid4().hex}"
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)", marker])
    try:
        deadline = time.monotonic() + 10
        while not _processes_with(marker) and time.monotonic() < deadline:  # until its exec shows
            time.sleep(0.01)
        assert _processes_with(marker) == [process.pid]
    finally:
        process.kill()
        process.wait()
