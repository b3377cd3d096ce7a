"""The seccomp filter: what it denies, what it must leave working, and its syscall table."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from grader.sandbox import seccomp

pytestmark = pytest.mark.skipif(not seccomp.supported(), reason="the filter knows x86_64 Linux only")

# Run in a fresh interpreter: a filter cannot be removed once installed.
PROBE = r'''
import ctypes, errno, fcntl, json, os, resource, signal, socket, struct, subprocess, termios, threading
import numpy as np
from grader.sandbox import seccomp

assert seccomp.Filter().install()
libc = ctypes.CDLL(None, use_errno=True)

def outcome(action):
    try:
        result = action()
    except OSError as error:
        return errno.errorcode[error.errno]
    if isinstance(result, int) and result == -1:  # a libc call through ctypes
        return errno.errorcode[ctypes.get_errno()]
    return "allowed"

signal.signal(signal.SIGUSR1, lambda *args: None)


def clone_child(flags):
    pid = libc.syscall(56, flags | signal.SIGCHLD, None, None, None, None)
    if pid == 0:
        os._exit(0)
    if pid > 0:
        os.waitpid(pid, 0)
    return pid
outcomes = {
    "kill the parent": outcome(lambda: os.kill(os.getppid(), 0)),
    "kill every process": outcome(lambda: os.kill(-1, 0)),
    "kill itself": outcome(lambda: os.kill(os.getpid(), 0)),
    "kill its group": outcome(lambda: os.kill(0, 0)),
    "raise a signal": outcome(lambda: signal.raise_signal(signal.SIGUSR1)),
    "trace the parent": outcome(lambda: libc.ptrace(16, os.getppid(), None, None)),
    "renice the parent": outcome(lambda: os.setpriority(os.PRIO_PROCESS, os.getppid(), 5)),
    "renice its user": outcome(lambda: os.setpriority(os.PRIO_USER, 0, 5)),
    "renice itself": outcome(lambda: os.setpriority(os.PRIO_PROCESS, 0, 1)),
    "limit the parent": outcome(lambda: resource.prlimit(os.getppid(), resource.RLIMIT_NOFILE, (64, 64))),
    "lower its own limit": outcome(lambda: resource.setrlimit(resource.RLIMIT_CORE, (0, 0))),
    "open an internet socket": outcome(lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM)),
    "open an IPv6 socket": outcome(lambda: socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)),
    "open a unix socket pair": outcome(lambda: socket.socketpair()),
    "open a unix socket": outcome(lambda: socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)),
    "new user namespace": outcome(lambda: libc.unshare(0x10000000)),
    "mount": outcome(lambda: libc.mount(b"none", b"/tmp", b"tmpfs", 0, None)),
    "signal the parent through F_SETOWN": outcome(lambda: fcntl.fcntl(os.pipe()[0], fcntl.F_SETOWN, os.getppid())),
    "own SIGIO through F_SETOWN": outcome(lambda: fcntl.fcntl(os.pipe()[0], fcntl.F_SETOWN, os.getpid())),
    "choose the SIGIO signal": outcome(lambda: fcntl.fcntl(os.pipe()[0], 10, signal.SIGUSR1)),  # F_SETSIG
    "signal the parent through FIOSETOWN": outcome(
        lambda: fcntl.ioctl(socket.socketpair()[0], 0x8901, struct.pack("i", os.getppid()))),
    "other ioctls": outcome(lambda: fcntl.ioctl(socket.socketpair()[0], termios.FIONREAD, b"\0" * 4)),
    "tgkill the parent": outcome(lambda: libc.syscall(234, os.getppid(), os.getppid(), 0)),
    "pidfd of the parent": outcome(lambda: libc.syscall(434, os.getppid(), 0)),
    "io priority of the parent": outcome(lambda: libc.syscall(251, 1, os.getppid(), 0)),
    "clone into a new namespace": outcome(lambda: clone_child(0x10000000)),  # CLONE_NEWUSER
    "clone a plain child": outcome(lambda: clone_child(0)),
    "clone3": outcome(lambda: libc.syscall(435, None, 0)),
    "System V shared memory": outcome(lambda: libc.syscall(29, 0, 4096, 0o1600)),  # IPC_PRIVATE, IPC_CREAT
    "a POSIX message queue": outcome(lambda: libc.mq_open(b"/dlgrade-probe", os.O_CREAT | os.O_RDWR, 0o600, None)),
    "numpy": "allowed" if float(np.linalg.inv(np.eye(3) * 2).sum()) == 1.5 else "broken",
    "start a thread": outcome(lambda: (lambda t: (t.start(), t.join()))(threading.Thread(target=lambda: None))),
    "run a program": outcome(lambda: subprocess.run(["true"], check=True)),
}
print(json.dumps(outcomes))
'''


@pytest.fixture(scope="module")
def outcomes() -> dict[str, str]:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("action", [
    "kill the parent", "kill every process", "trace the parent", "renice the parent", "renice its user",
    "limit the parent", "open an internet socket", "open an IPv6 socket", "open a unix socket",
    "new user namespace", "mount",
    "signal the parent through F_SETOWN", "signal the parent through FIOSETOWN", "tgkill the parent",
    "pidfd of the parent", "io priority of the parent", "clone into a new namespace", "System V shared memory",
    "a POSIX message queue",
])
def test_denied(outcomes, action):
    assert outcomes[action] == "EPERM"


@pytest.mark.parametrize("action", [
    "kill itself", "kill its group", "raise a signal", "renice itself", "lower its own limit",
    "open a unix socket pair", "numpy", "start a thread", "run a program", "own SIGIO through F_SETOWN",
    "choose the SIGIO signal", "other ioctls", "clone a plain child",
])
def test_still_works(outcomes, action):
    assert outcomes[action] == "allowed"


def test_clone3_says_it_does_not_exist_so_the_c_library_falls_back_to_clone(outcomes):
    assert outcomes["clone3"] == "ENOSYS"




HEADER = Path("/usr/include/x86_64-linux-gnu/asm/unistd_64.h")


@pytest.mark.skipif(not HEADER.exists(), reason=f"{HEADER} is not installed (linux-libc-dev)")
def test_syscall_numbers_match_the_kernel_headers():
    defined = {name: int(number) for name, number in re.findall(r"#define __NR_(\w+) (\d+)", HEADER.read_text())}
    table = {**seccomp.DENIED, **seccomp.ONLY_ON_ITSELF, **seccomp.ONLY_IN_ITSELF,
             **{name: number for name, (number, _) in seccomp.BY_WHICH_AND_WHO.items()},
             "clone": seccomp.CLONE, "clone3": seccomp.CLONE3, "socket": seccomp.SOCKET,
             "fcntl": seccomp.FCNTL, "ioctl": seccomp.IOCTL}
    assert {name: defined.get(name) for name in table} == table


def test_every_jump_lands_inside_the_program():
    instructions = seccomp.program(own_pid=os.getpid())
    for position, (code, jt, jf, _) in enumerate(instructions):
        if code & 0x07 == 0x05:  # BPF_JMP
            assert position + 1 + max(jt, jf) < len(instructions)
    assert instructions[-1] == (0x06, 0, 0, 0x7FFF0000)  # what no rule names is allowed
