"""Leave nothing behind: processes a submission started that left their process group.

Killing a process group misses children that started a session of their own. The
grader and the worker therefore become child subreapers (Linux's
PR_SET_CHILD_SUBREAPER): such orphans are re-parented to them instead of to init,
and `kill_adopted` ends them (the worker does after each exercise, the grader after
a worker). Only children in another session than the grader's are
touched: the worker and everything it starts never share the grader's session, while
the grader's own helpers (a process pool, say) do.
"""

from __future__ import annotations

import os
import signal

from grader.sandbox.clib import c_function

_PR_SET_CHILD_SUBREAPER = 36


def signal_name(number: int) -> str:
    """SIGSEGV for 11; the number itself for a real-time signal, which has no name."""
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)


def become_subreaper() -> bool:
    """Adopt orphaned descendants; False where the kernel does not offer it."""
    prctl = c_function("prctl")
    return prctl is not None and prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0


def _children_in_other_sessions(any_session: bool = False) -> list[int]:
    found = []
    if not hasattr(os, "getsid"):  # no sessions (Windows): nothing was adopted either
        return found
    me, my_session = os.getpid(), os.getsid(0)
    try:
        entries = os.listdir("/proc")
    except OSError:  # no /proc (macOS): nothing was adopted either, without a subreaper
        return found
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        parent, session = int(fields[1]), int(fields[3])
        if parent == me and (any_session or session != my_session):  # zombies included: they need reaping too
            found.append(int(entry))
    return found


def kill_adopted(spare: frozenset[int] = frozenset(), any_session: bool = False) -> int:
    """Kill and reap the adopted orphans (except `spare`, e.g. live workers); how many there were.
    With `any_session`, children in our own session too: for a worker, whose children are all leftovers.

    Repeated until none is left, since a dying orphan's own children are adopted in turn.
    """
    total = 0
    for _ in range(100):
        orphans = [pid for pid in _children_in_other_sessions(any_session) if pid not in spare]
        if not orphans:
            break
        for pid in orphans:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for pid in orphans:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        total += len(orphans)
    return total
