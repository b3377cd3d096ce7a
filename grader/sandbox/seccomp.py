"""A seccomp filter the worker puts on itself before it runs any student code.

It is a deny-list, so that NumPy, the interpreter and ordinary student code run
as usual, aimed at what a submission could use against the grader or the machine
when the other layers are thin (no namespaces, same user as the grader):

- signals, priorities and resource limits only for the worker itself: `kill`
  reaches only the worker's own pid or its process group (pid 0), so
  `os.kill(os.getppid(), 9)` and `os.kill(-1, 9)` fail with EPERM; nor can it
  make the kernel signal someone else for it (F_SETOWN, FIOSETOWN: SIGIO);
- no reading or writing another process's memory (ptrace, process_vm_*), no
  pidfds, kcmp or robust-list peeking;
- no network, and no reaching other processes' sockets: `socket()` is refused
  for every family, unix included; `socketpair()` (a private pair) still works;
- no new namespaces, mounts, modules, keyrings, BPF, perf events, io_uring,
  userfaultfd, clock changes, reboots or swap;
- no System V IPC objects or POSIX message queues, which would outlive it.

A denied call fails with EPERM (ENOSYS for clone3, so the C library falls back to
clone, whose flags the filter can read). The filter is classic BPF built here,
with no dependency; it knows x86_64 system calls only, and `Filter.install` says False
on any other machine. Once installed it cannot be removed, and every process the
worker starts inherits it.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import struct

from grader.sandbox.clib import c_function

# linux/audit.h, linux/seccomp.h, linux/filter.h, linux/prctl.h
_AUDIT_ARCH_X86_64 = 0xC000003E
_X32_SYSCALL_BIT = 0x40000000
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_RET_KILL_PROCESS = 0x80000000
_LD_W_ABS = 0x20            # BPF_LD | BPF_W | BPF_ABS
_JEQ_K = 0x15               # BPF_JMP | BPF_JEQ | BPF_K
_JGE_K = 0x35               # BPF_JMP | BPF_JGE | BPF_K
_JSET_K = 0x45              # BPF_JMP | BPF_JSET | BPF_K
_RET_K = 0x06               # BPF_RET | BPF_K
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2

# struct seccomp_data: int nr; u32 arch; u64 instruction_pointer; u64 args[6]
_NR, _ARCH = 0, 4


def _arg_low_word(index: int) -> int:
    return 16 + 8 * index  # little-endian: the low 32 bits come first


# x86_64 numbers, from asm/unistd_64.h (a test compares them with the header where it is installed).
DENIED = {
    "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311, "kcmp": 312,
    "pidfd_open": 434, "pidfd_getfd": 438, "pidfd_send_signal": 424, "get_robust_list": 274,
    "process_madvise": 440, "process_mrelease": 448, "migrate_pages": 256, "move_pages": 279,
    "tkill": 200, "perf_event_open": 298, "bpf": 321, "userfaultfd": 323,
    "keyctl": 250, "add_key": 248, "request_key": 249,
    "mount": 165, "umount2": 166, "pivot_root": 155, "chroot": 161, "fsopen": 430, "fsmount": 432,
    "fsconfig": 431, "move_mount": 429, "open_tree": 428, "fspick": 433, "mount_setattr": 442,
    "setns": 308, "unshare": 272, "swapon": 167, "swapoff": 168, "reboot": 169,
    "kexec_load": 246, "kexec_file_load": 320, "init_module": 175, "finit_module": 313,
    "delete_module": 176, "acct": 163, "settimeofday": 164, "clock_settime": 227,
    "clock_adjtime": 305, "adjtimex": 159, "syslog": 103, "quotactl": 179, "quotactl_fd": 443,
    "name_to_handle_at": 303, "open_by_handle_at": 304, "lookup_dcookie": 212, "iopl": 172,
    "ioperm": 173, "vhangup": 153, "uselib": 134, "nfsservctl": 180, "fanotify_init": 300,
    "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
    # System V and POSIX message IPC: objects that outlive the process (outside a sandbox's IPC namespace)
    "shmget": 29, "semget": 64, "msgget": 68, "mq_open": 240,
    # Landlock rulesets: none to make or widen (the worker's own is applied before this filter)
    "landlock_create_ruleset": 444, "landlock_add_rule": 445, "landlock_restrict_self": 446,
}
# Calls that name a process in argument 0: allowed for 0 (meaning "myself") and the worker's own pid.
ONLY_ON_ITSELF = {
    "kill": 62, "rt_sigqueueinfo": 129, "prlimit64": 302, "sched_setscheduler": 144,
    "sched_setparam": 142, "sched_setattr": 314, "sched_setaffinity": 203,
}
# tgkill(tgid, tid, sig): raise() in the worker passes its own pid as tgid.
ONLY_IN_ITSELF = {"tgkill": 234, "rt_tgsigqueueinfo": 297}
# setpriority(which, who, prio) and ioprio_set(which, who, prio): only "this process" (who 0 or own pid).
BY_WHICH_AND_WHO = {"setpriority": (141, 0), "ioprio_set": (251, 1)}  # PRIO_PROCESS, IOPRIO_WHO_PROCESS
CLONE, CLONE3, SOCKET, FCNTL, IOCTL = 56, 435, 41, 72, 16
F_SETOWN, F_SETOWN_EX = 8, 15
FIOSETOWN, SIOCSPGRP = 0x8901, 0x8902
# CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET (NEWTIME is not a clone flag)
CLONE_NEW_NAMESPACES = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000


def _op(code: int, k: int, jt: int = 0, jf: int = 0) -> tuple[int, int, int, int]:
    return code, jt, jf, k


def _deny(err: int = errno.EPERM) -> tuple:
    return _op(_RET_K, _RET_ERRNO | err)


_ALLOW = _op(_RET_K, _RET_ALLOW)


def _only_values(offset: int, allowed: tuple[int, ...]) -> list[tuple]:
    """A block that allows the call when the 32-bit word at `offset` is one of `allowed`."""
    block = [_op(_LD_W_ABS, offset)]
    for position, value in enumerate(allowed):
        # jump to the ALLOW after the remaining compares and the deny
        block.append(_op(_JEQ_K, value & 0xFFFFFFFF, jt=len(allowed) - position))
    return block + [_deny(), _ALLOW]


def program(own_pid: int) -> list[tuple[int, int, int, int]]:
    """The filter's instructions. Each rule is a block entered by `jeq nr` and ending in a return,
    so every jump is short and the syscall number stays in the accumulator between rules."""
    rules: list[tuple[int, list[tuple]]] = []
    rules += [(number, [_deny()]) for number in DENIED.values()]
    rules += [(number, _only_values(_arg_low_word(0), (0, own_pid))) for number in ONLY_ON_ITSELF.values()]
    rules += [(number, _only_values(_arg_low_word(0), (own_pid,))) for number in ONLY_IN_ITSELF.values()]
    for number, which in BY_WHICH_AND_WHO.values():
        who = _only_values(_arg_low_word(1), (0, own_pid))  # ends in deny, allow
        rules.append((number, [_op(_LD_W_ABS, _arg_low_word(0)), _op(_JEQ_K, which, jf=len(who) - 2)] + who))
    rules.append((CLONE, [_op(_LD_W_ABS, _arg_low_word(0)), _op(_JSET_K, CLONE_NEW_NAMESPACES, jf=1), _deny(), _ALLOW]))
    rules.append((CLONE3, [_deny(errno.ENOSYS)]))
    rules.append((SOCKET, [_deny()]))
    # fcntl(fd, F_SETOWN, pid): the owner gets SIGIO (or any signal, with F_SETSIG) when the file is ready
    owner = _only_values(_arg_low_word(2), (0, own_pid))
    rules.append((FCNTL, [_op(_LD_W_ABS, _arg_low_word(1)), _op(_JEQ_K, F_SETOWN_EX, jt=len(owner) - 1),
                          _op(_JEQ_K, F_SETOWN, jf=len(owner))] + owner))
    rules.append((IOCTL, [_op(_LD_W_ABS, _arg_low_word(1)), _op(_JEQ_K, FIOSETOWN, jt=2), _op(_JEQ_K, SIOCSPGRP, jt=1),
                          _ALLOW, _deny()]))

    instructions = [
        _op(_LD_W_ABS, _ARCH),
        _op(_JEQ_K, _AUDIT_ARCH_X86_64, jt=1),
        _op(_RET_K, _RET_KILL_PROCESS),
        _op(_LD_W_ABS, _NR),
        _op(_JGE_K, _X32_SYSCALL_BIT, jf=1),
        _deny(),
    ]
    for number, block in rules:
        instructions.append(_op(_JEQ_K, number, jf=len(block)))
        instructions += block
    return instructions + [_ALLOW]


class _SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint32)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def supported() -> bool:
    return platform.system() == "Linux" and platform.machine() == "x86_64" and struct.calcsize("P") == 8


class Filter:
    """The filter, built ahead (in the worker, before it forks) so that installing it in an
    exercise process costs only the system calls; the pid it allows is filled in then."""

    _PID_SLOT = 0x7FFFFFFE  # stands for the pid; no other constant of the program has this value

    def __init__(self):
        instructions = program(self._PID_SLOT)
        self._pid_slots = [index for index, (*_, k) in enumerate(instructions) if k == self._PID_SLOT]
        self._filters = (_SockFilter * len(instructions))(*[_SockFilter(*instruction) for instruction in instructions])
        self._fprog = _SockFprog(len(instructions), self._filters)
        self._prctl = c_function("prctl")
        if self._prctl is not None:
            self._prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]

    def install(self) -> bool:
        """Filter this process and its future children; False where that is not possible here."""
        if not supported() or self._prctl is None:
            return False
        for index in self._pid_slots:
            self._filters[index].k = os.getpid()
        if self._prctl(_PR_SET_NO_NEW_PRIVS, 1, None, 0, 0) != 0:
            return False
        return self._prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER,
                           ctypes.cast(ctypes.byref(self._fprog), ctypes.c_void_p), 0, 0) == 0
