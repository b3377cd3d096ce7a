"""Which isolation a submission gets, and how the report names the layers in force.

`choose` turns the user's choice (`auto`, `namespaces`, `process`) into whether the
worker runs inside bubblewrap; `describe` reports what was actually in force, from
the worker's own ready message, so a layer that could not be set up is never
claimed.
"""

from __future__ import annotations

import os
import sys

from grader.errors import GraderError
from grader.sandbox import namespaces, seccomp
from grader.sandbox.limits import Limits

CHOICES = ("auto", "namespaces", "process")
# The layers past process isolation are Linux's; elsewhere (macOS) the report says so.
ON_LINUX = sys.platform.startswith("linux")
ON_POSIX = os.name == "posix"  # process groups and sessions; not Windows
_NOT_HERE = "Linux only, and this is not Linux"


class IsolationUnavailable(GraderError):
    """Raised when namespaces were asked for and this machine cannot provide them."""


def choose(choice: str) -> tuple[bool, str | None]:
    """(True, None) to run the worker inside bubblewrap; else (False, why not)."""
    if choice == "process":
        return False, "not asked for (--isolation process)"
    if not ON_LINUX and choice == "auto":
        return False, _NOT_HERE
    reason = namespaces.unavailable_reason()
    if choice == "namespaces" and reason is not None:
        raise IsolationUnavailable(f"namespace isolation was asked for, but {reason}")
    return reason is None, reason


def describe(*, sandboxed: bool, why_not: str | None, worker_info: dict | None, limits: Limits,
             timeout: float) -> dict:
    """{"level": "namespaces" | "process", "layers": [...], "missing": [...]} for the report.

    Only the runner's own layers are claimed when no worker ever answered (`worker_info`
    None): the others are taken on by the worker, and only its answers show them.
    """
    layers = [
        f"a separate worker process in a {'session' if ON_POSIX else 'process group'} of its own, with an "
        "environment built from scratch",
        f"a timeout of {timeout:g} s per call that kills the worker and everything it started",
    ]
    level = "namespaces" if sandboxed else "process"
    if worker_info is None:
        return {"level": level, "layers": layers, "missing": ["every other layer: the worker did not start"]}
    info = worker_info
    described = limits.described()
    applied = [name for name in described if name in info.get("limits", ())]  # claimed only if reported
    missing = []
    if info.get("forks", True):
        layers.append("a process of its own for each exercise, forked by the worker; what it leaves behind is killed")
    elif ON_POSIX:
        layers.append("a worker of its own for each exercise (no fork here), killed with its process group "
                      "when the exercise ends")
    else:
        layers.append("a worker of its own for each exercise, killed when the exercise ends")
        missing.append("killing the processes an exercise started itself: Windows kills only the worker")
    if ON_POSIX and not info.get("subreaper"):
        missing.append("killing what an exercise started that left its process group (Linux's child subreaper): "
                       + ("refused by this kernel" if ON_LINUX else _NOT_HERE))
    if applied:
        layers.append(f"resource limits: {', '.join(described[name] for name in applied)}")
    if len(applied) < len(described):
        missing.append(f"resource limits on {', '.join(name for name in described if name not in applied)}: "
                       "not offered by this platform")
    layers.append("output captured and capped, from Python and from file descriptors 1 and 2")
    if info.get("seccomp"):
        layers.append("a seccomp filter: no signals to other processes, no ptrace, no sockets (but private "
                      "pairs), no new namespaces or mounts")
    else:
        missing.append("seccomp: " + ("the filter could not be installed" if seccomp.supported() else
                                      "not available on this machine" if ON_LINUX else _NOT_HERE))
    if info.get("landlock"):
        layers.append(f"Landlock (ABI {info['landlock']}): reads only the interpreter, its packages, the grader "
                      "and the submission's files; writes only its working directory; no TCP; signals and "
                      "abstract unix sockets only among its own processes")
    else:
        missing.append("Landlock: " + ("not available in this kernel" if ON_LINUX else _NOT_HERE))
    if sandboxed:
        layers.append("bubblewrap namespaces: no network, a read-only view without the reference solutions, "
                      "a private /tmp, process ids of its own")
    else:
        missing.append(f"namespaces: {why_not}")
    if info.get("switched_user"):
        # not the uid itself: it differs from run to run, and the report should not
        layers.append(f"student code runs as an unprivileged user of its own, not as root, "
                      f"with at most {limits.processes} processes")
    elif info.get("uid") not in (None, 0):
        layers.append("student code runs without root privileges, as the grader's own user does")
    elif info.get("uid") == 0:
        if info.get("capabilities") == 0:
            layers.append("student code runs as uid 0 without root's capabilities (it can still read and "
                          "write the files root owns)")
        missing.append("an unprivileged user: student code runs as uid 0, which only a sandbox can change")
    return {"level": level, "layers": layers, "missing": missing}
