"""Grading processes on this machine: each grades one submission at a time, and is replaced
when it dies or overruns, with that submission's outcome saying so.

concurrent.futures' process pool cannot do either: a process that dies breaks the whole
pool without saying whose submission killed it, and a task that hangs cannot be stopped.
Processes are started with "spawn": never a fork of a coordinator that holds the gradebook.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator

from grader.batch.task import Outcome, Task, failed, grade_task
from grader.sandbox.clib import c_function
from grader.sandbox.reaper import signal_name

_PR_SET_PDEATHSIG = 1
# Seconds a grading process has to clean up (stop its worker, remove its copies) when stopped.
STOP_GRACE = 5.0
# Seconds a new grading process has to start (import the grader) before its first task's time
# begins, which a loaded machine must not charge to the submission.
START_SECONDS = 60.0
# What a grading process sends when it takes a task: the task's time starts then.
_STARTED = "started"


def _die_with_parent(parent: int) -> None:
    """A grading process must not outlive the batch, even one killed outright (SIGKILL)."""
    prctl = c_function("prctl")
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the batch ended before the line above ran
        os._exit(1)


def _exit_cleanly(signum, frame) -> None:
    sys.exit(128 + signum)  # unwinds: the worker is stopped, temporary copies and folders removed


def _serve(connection, parent: int, work: Callable[[Task], Outcome], shipped: dict) -> None:
    signal.signal(signal.SIGTERM, _exit_cleanly)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the coordinator's to handle
    _die_with_parent(parent)
    if shipped:
        from grader import plans
        plans.adopt(shipped)
    while True:
        try:
            task = connection.recv()
        except EOFError:
            return
        connection.send(_STARTED)
        connection.send(work(task))


@dataclasses.dataclass
class _Slot:
    process: multiprocessing.process.BaseProcess
    connection: multiprocessing.connection.Connection
    task: Task | None = None
    deadline: float = 0.0

    def stop(self) -> None:
        """End the process, letting it clean up: an idle one sees the pipe close, a busy one
        gets SIGTERM; one that has not ended after STOP_GRACE seconds is killed."""
        self.connection.close()
        if self.task is not None:
            self.process.terminate()
        self.process.join(STOP_GRACE)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


class LocalPool:
    """`jobs` grading processes; a task that runs past `task_seconds` (counted from when a
    process takes it, so never the time a new process takes to start) is stopped and failed.
    `work` grades a task (a module-level function: it is sent to the processes by name), with the
    case plans `shipped` (grader.plans.prepared), which each process is given once, when it starts."""

    def __init__(self, jobs: int, task_seconds: float, work: Callable[[Task], Outcome] = grade_task,
                 shipped: dict | None = None):
        self.jobs, self.task_seconds, self.work, self.shipped = jobs, task_seconds, work, shipped or {}
        self._context = multiprocessing.get_context("spawn")
        self.description = f"{jobs} local process{'es' if jobs != 1 else ''}"

    def _start(self) -> _Slot:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(theirs, os.getpid(), self.work, self.shipped),
                                        name="dlgrade-grading", daemon=True)
        process.start()
        theirs.close()
        return _Slot(process, ours)

    def grade(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        """Outcomes in the order they finish. Closing the iterator (or an interrupt) kills the processes."""
        waiting = iter(tasks)
        slots: list[_Slot] = []
        try:
            while True:
                for index in range(self.jobs):
                    if index < len(slots) and slots[index].task is not None:
                        continue
                    if (task := next(waiting, None)) is None:
                        break
                    if index == len(slots):
                        slots.append(self._start())
                    slots[index] = self._assign(slots[index], task)
                busy = [slot for slot in slots if slot.task is not None]
                if not busy:
                    return
                wait = max(0.0, min(slot.deadline for slot in busy) - time.monotonic())
                multiprocessing.connection.wait(
                    [slot.connection for slot in busy] + [slot.process.sentinel for slot in busy], timeout=wait)
                for index, slot in enumerate(slots):
                    if slot.task is None:
                        continue
                    outcome, dead = self._collect(slot)
                    if outcome is None:
                        continue
                    if dead:
                        slots[index] = self._start()
                    slot.task = None
                    yield outcome
        finally:
            for slot in slots:
                slot.stop()

    def _assign(self, slot: _Slot, task: Task) -> _Slot:
        """Send `task` to `slot`, or to a new process if that one is gone while it was idle."""
        try:
            slot.connection.send(task)
        except OSError:
            slot.stop()
            slot = self._start()
            slot.connection.send(task)
        slot.task, slot.deadline = task, time.monotonic() + START_SECONDS + self.task_seconds
        return slot

    def _collect(self, slot: _Slot) -> tuple[Outcome | None, bool]:
        """(the slot's outcome, whether its process is gone): a failure if it died or overran,
        None while it is still grading."""
        task = slot.task
        try:
            while slot.connection.poll():
                message = slot.connection.recv()
                if message != _STARTED:
                    return message, False
                slot.deadline = time.monotonic() + self.task_seconds
        except (EOFError, OSError):
            pass  # died while answering: below
        if not slot.process.is_alive():
            slot.stop()
            code = slot.process.exitcode
            how = f"killed by {signal_name(-code)}" if code and code < 0 else f"exit code {code}"
            return failed(task, f"the grading process died ({how})"), True
        if time.monotonic() > slot.deadline:
            slot.stop()
            return failed(task, f"grading took over {self.task_seconds:g} s and was stopped"), True
        return None, False
