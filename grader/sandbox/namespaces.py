"""Run the worker inside bubblewrap (`bwrap`), where the machine allows namespaces.

The worker then sees a world of its own: no network at all (not even loopback),
its own process ids (the grader cannot be named, let alone signalled), and a
file system made of read-only views of what it needs: the system's /usr, the
Python installation, the installed packages and the `grader` package; not even the
submission, whose files reach each exercise process in a request. The `reference`
package is not in that view, so not even a search of the disk finds it. /tmp is a private,
size-capped tmpfs that is also the worker's home and working directory; whatever the
submission writes vanishes with it.

When the grader runs as root, bubblewrap starts the worker as root with only the
capability to change user, and the worker itself becomes a user of its own
(`worker_user`: a uid no account has, different for every worker running at the
same time) before it runs anything else, so student code never runs as root, and
its process limit counts only its own processes, not another student's fork bomb.
"""

from __future__ import annotations

import functools
import itertools
import os
import shutil
import subprocess
from pathlib import Path

from grader.sandbox.view import SYSTEM_FILES, SYSTEM_LINKS

UNPRIVILEGED_USER = 65534  # nobody: the uid inside the sandbox when the grader is not root
# Uids given to workers started as root: far above those of accounts, one per (grader pid, worker).
WORKER_UID_BASE = 1 << 28
_WORKERS_PER_PROCESS = 64
_worker_count = itertools.count()


def worker_user() -> int:
    """A uid for the next worker of this grader process, distinct from any other live worker's."""
    return WORKER_UID_BASE + os.getpid() * _WORKERS_PER_PROCESS + next(_worker_count) % _WORKERS_PER_PROCESS
SCRATCH = "/tmp"


def bubblewrap() -> str | None:
    return shutil.which("bwrap")


def running_as_root() -> bool:
    return os.geteuid() == 0


@functools.cache
def unavailable_reason() -> str | None:
    """None when a sandbox can be started here; otherwise why not, for the report."""
    bwrap = bubblewrap()
    if bwrap is None:
        return "bubblewrap (bwrap) is not installed"
    try:
        probe = subprocess.run(sandbox_prefix(bwrap, scratch_bytes=1 << 20) + ["/usr/bin/true"],
                               stdin=subprocess.DEVNULL, capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bubblewrap could not be started: {error}"
    if probe.returncode != 0:
        detail = probe.stderr.decode(errors="replace").strip().splitlines()
        return "bubblewrap cannot create namespaces here" + (f": {detail[-1]}" if detail else "")
    return None


def sandbox_prefix(bwrap: str, *, scratch_bytes: int, trees: list[str] = (), hidden: list[str] = ()) -> list[str]:
    """The bwrap command line up to the command itself. The submission is not in the sandbox:
    its files reach each exercise process in the fork request (`runner.Worker.files`)."""
    args = [bwrap, "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
            "--unshare-cgroup-try", "--hostname", "sandbox", "--die-with-parent", "--new-session"]
    if running_as_root():
        args += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    else:
        args += ["--unshare-user", "--uid", str(UNPRIVILEGED_USER), "--gid", str(UNPRIVILEGED_USER)]
    args += ["--ro-bind", "/usr", "/usr"]
    for link in SYSTEM_LINKS:
        if os.path.islink(link):
            args += ["--symlink", os.readlink(link), link]
        elif os.path.isdir(link):
            args += ["--ro-bind", link, link]
    made = {SCRATCH}
    for file in SYSTEM_FILES:
        if os.path.exists(file):
            args += _parents(file, made) + ["--ro-bind", file, file]
    args += ["--proc", "/proc", "--dev", "/dev", "--size", str(scratch_bytes), "--perms", "1777", "--tmpfs", SCRATCH]
    for tree in trees:
        args += _parents(tree, made) + ["--ro-bind", tree, tree]
    for folder in hidden:
        args += ["--tmpfs", folder, "--remount-ro", folder]
    return args + ["--chdir", SCRATCH]


def _parents(path: str, made: set[str]) -> list[str]:
    """Create the folders above `path` readable by all: bwrap would make them 0700."""
    args = []
    for parent in reversed(Path(path).parents[:-1]):  # from the top, without "/"
        if str(parent) not in made:
            made.add(str(parent))
            args += ["--perms", "0755", "--dir", str(parent)]
    return args
