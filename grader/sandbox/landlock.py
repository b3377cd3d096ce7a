"""Landlock: which files an exercise process may touch, by path, where the kernel offers it.

Unlike bubblewrap it needs no namespaces and no privilege, so it holds at the
process isolation level too. The exercise process may read (and execute) only
what its interpreter needs, the grader and the submission's files; it may write
only in its working directory (and /dev/null); with ABI 4 it may not bind or
connect TCP sockets; with ABI 6 its signals and abstract unix sockets reach only
its own processes. Everything else, the reference, /proc of other processes
(the environment of the shell that started the grader), the grader's checkout,
is out of reach.

The ruleset is built once, in the worker, and each exercise process restricts
itself with it (`Ruleset.restrict`) right after the fork. Linux-only, through
the raw system calls (x86_64 and aarch64 share their numbers).
"""

from __future__ import annotations

import ctypes
import os
import sys

from grader.sandbox.clib import c_function

_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

_EXECUTE, _WRITE_FILE, _READ_FILE, _READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
_FS_ABI1 = (1 << 13) - 1                   # execute ... make_sym
_REFER, _TRUNCATE, _IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15  # ABI 2, 3, 5
_FILE_RIGHTS = _EXECUTE | _WRITE_FILE | _READ_FILE | _TRUNCATE | _IOCTL_DEV
_READ = _EXECUTE | _READ_FILE | _READ_DIR
_NET_TCP = (1 << 0) | (1 << 1)             # bind, connect (ABI 4)
_SCOPE_ABSTRACT_UNIX_SOCKET, _SCOPE_SIGNAL = 1 << 0, 1 << 1  # ABI 6

DEVICES_READ = ("/dev/urandom", "/dev/random", "/dev/zero")
DEVICES_WRITE = ("/dev/null",)


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def abi() -> int:
    """The kernel's Landlock ABI version; 0 where there is none (off Linux, the system call's
    number would be another call's)."""
    if not sys.platform.startswith("linux"):
        return 0
    syscall = c_function("syscall")
    return 0 if syscall is None else max(syscall(_CREATE_RULESET, None, 0, _CREATE_RULESET_VERSION), 0)


class Ruleset:
    """The access rules of an exercise process; `version` is 0 when Landlock is unavailable."""

    def __init__(self, readable: list[str], writable: list[str]):
        self.version = abi()
        self._fd = -1
        if not self.version:
            return
        handled_fs = _FS_ABI1 | (_REFER if self.version >= 2 else 0) | (_TRUNCATE if self.version >= 3 else 0) \
            | (_IOCTL_DEV if self.version >= 5 else 0)
        attr = _RulesetAttr(handled_fs, _NET_TCP if self.version >= 4 else 0,
                            _SCOPE_ABSTRACT_UNIX_SOCKET | _SCOPE_SIGNAL if self.version >= 6 else 0)
        size = 24 if self.version >= 6 else 16 if self.version >= 4 else 8
        libc = _libc()
        self._fd = libc.syscall(_CREATE_RULESET, ctypes.byref(attr), size, 0)
        if self._fd < 0:
            self.version = 0
            return
        for path in readable:
            self._allow(libc, path, _READ & handled_fs)
        for path in [*DEVICES_READ]:
            self._allow(libc, path, _READ_FILE)
        for path in [*writable, *DEVICES_WRITE]:
            self._allow(libc, path, handled_fs)

    def _allow(self, libc, path: str, access: int) -> None:
        try:
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except OSError:
            return  # nothing there, nothing to allow
        try:
            if not os.path.isdir(path):
                access &= _FILE_RIGHTS  # directory rights on a file are refused
            rule = _PathBeneathAttr(access, fd)
            libc.syscall(_ADD_RULE, self._fd, _RULE_PATH_BENEATH, ctypes.byref(rule), 0)
        finally:
            os.close(fd)

    def restrict(self) -> bool:
        """Bind this process and its future children to the rules, for good, and close the
        ruleset here (with it, student code could add rules for the next exercise's process);
        False if not possible."""
        if not self.version:
            return False
        libc = _libc()
        try:
            if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
                return False
            return libc.syscall(_RESTRICT_SELF, self._fd, 0) == 0
        finally:
            os.close(self._fd)
