"""Privileges: what the worker gives up, and what the grader keeps to itself.

Without a sandbox the worker runs as the grader's user. Two measures keep it from
using that against the grader:

- the grader makes itself non-dumpable (`shield_grader`): another process of the
  same user then needs CAP_SYS_PTRACE to read its /proc entries (environ, mem,
  cwd...) or to trace it, so the grader's secrets stay in the grader (the
  grader's own ancestors, a CI shell say, are not covered: only a sandbox hides them);
- a worker running as root drops every capability (`drop_capabilities`), for
  itself and anything it starts: it stays uid 0 (without a sandbox it cannot
  become anyone else: the interpreter may live under /root, out of any other
  user's reach) and loses what capabilities give: reading other users' files, tracing,
  reading the grader's /proc, raising its limits. Uid 0 still owns root's files,
  which it can read and write; the seccomp filter, not this, keeps its signals home.

In a sandbox started as root, the worker becomes a user of its own (`become_user`).
"""

from __future__ import annotations

import ctypes
import os

from grader.sandbox.clib import c_function

_PR_SET_DUMPABLE = 4
_PR_CAPBSET_DROP = 24
_PR_SET_SECUREBITS = 28
# SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP | ..._LOCKED | SECBIT_KEEP_CAPS_LOCKED:
# executing a program as root no longer grants capabilities, and that cannot be undone.
_SECURE_BITS = 0x01 | 0x02 | 0x04 | 0x08 | 0x20
_CAPABILITY_VERSION_3 = 0x20080522
_LAST_CAPABILITY = 63


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def shield_grader() -> bool:
    """Make this process non-dumpable; False where that is not possible."""
    prctl = c_function("prctl")
    return prctl is not None and prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0) == 0


def drop_capabilities() -> bool:
    """Give up every capability for good, this process and its children; True if none is left."""
    prctl, capset = c_function("prctl"), c_function("capset")
    if prctl is None or capset is None:
        return False
    prctl(_PR_SET_SECUREBITS, _SECURE_BITS, 0, 0, 0)
    for capability in range(_LAST_CAPABILITY + 1):
        prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0)  # EINVAL past the kernel's last one
    empty = (_CapData * 2)()
    if capset(ctypes.byref(_CapHeader(_CAPABILITY_VERSION_3, 0)), empty) != 0:
        return False
    return effective_capabilities() == 0


def effective_capabilities() -> int | None:
    """This process's effective capability set as a bit mask, from /proc; None if unknown."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("CapEff:"):
                    return int(line.split()[1], 16)
    except OSError:
        pass
    return None


def become_user(uid: int) -> None:
    """Switch every user and group id to `uid` for good (the capabilities go with root)."""
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
