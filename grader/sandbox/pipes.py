"""The grader's ends of a worker's pipes, where every wait ends at the call's deadline.

`PolledPipes` is the fork server's: requests, answers and the worker's own reports on
three pipes passed to it, waited on with poll(2). `ThreadedPipes` is for platforms whose
pipes can neither be passed nor polled (Windows): the worker's standard input and
output, with a thread that reads the answers as they come and one per request that
writes it, so that a worker that stops reading or writing cannot hang the grader.
Both offer `readinto` (for `protocol.read_message`) and `send`.
"""

from __future__ import annotations

import math
import os
import queue
import select
import threading
import time

from grader.sandbox.protocol import ProtocolError, read_message

_CHUNK = 1 << 16
_IOV_MAX = 1024


class DeadlinePassed(Exception):
    """Raised when a wait reaches the deadline of the call it belongs to."""


class PolledPipes:
    """The grader's ends of the conversation with one worker, with deadlines on every wait.

    Requests go out on `write_fd`; answers (from the exercise process) come in on
    `read_fd`; the worker's own reports come in on `control_fd`, a pipe the
    exercise process never holds, so no student code can forge them. A report
    that arrives while an answer is awaited ends the wait with ExerciseEnded.
    """

    def __init__(self, read_fd: int, write_fd: int, control_fd: int):
        self.read_fd, self.write_fd, self.control_fd = read_fd, write_fd, control_fd
        os.set_blocking(write_fd, False)
        self._readable = select.poll()
        self._readable.register(read_fd, select.POLLIN)
        self._readable.register(control_fd, select.POLLIN)
        self._control = _ControlStream(self)
        self._writable = select.poll()
        self._writable.register(write_fd, select.POLLOUT)
        self._buffer = b""
        self._pos = 0
        self.deadline = math.inf

    def _wait(self, poller) -> list[tuple[int, int]]:
        remaining = self.deadline - time.monotonic()
        events = [] if remaining <= 0 else poller.poll(None if remaining == math.inf else math.ceil(remaining * 1000))
        if not events:
            raise DeadlinePassed
        return events

    def readinto(self, view) -> int:
        """Like a raw stream's readinto, waiting no later than `deadline`; 0 at end of file."""
        if self._pos == len(self._buffer):
            ready = {fd for fd, _ in self._wait(self._readable)}
            if self.read_fd not in ready:
                raise ExerciseEnded(self.report()["how"])
            if len(view) >= _CHUNK:  # a large array: straight into its memory
                return os.readv(self.read_fd, [view])
            self._buffer, self._pos = os.read(self.read_fd, _CHUNK), 0
            if not self._buffer:
                return 0
        count = min(len(view), len(self._buffer) - self._pos)
        view[:count] = self._buffer[self._pos:self._pos + count]
        self._pos += count
        return count

    def report(self) -> dict:
        """The worker's next report on the control pipe; ProtocolError if it is not one."""
        report = read_message(self._control)
        if type(report) is not dict or report.get("status") != "ended" or type(report.get("how")) is not str:
            raise ProtocolError("the worker's report is malformed")
        return report

    def discard_answers(self) -> None:
        """Drop whatever is left in the answer pipe: its writer is gone."""
        os.set_blocking(self.read_fd, False)
        try:
            while os.read(self.read_fd, _CHUNK):
                pass
        except BlockingIOError:
            pass
        finally:
            os.set_blocking(self.read_fd, True)
        self._buffer, self._pos = b"", 0

    def send(self, parts: list) -> None:
        """Write all parts, waiting no later than `deadline` whenever the pipe is full."""
        pending = [memoryview(part).cast("B") for part in parts if len(part)]
        while pending:
            try:
                written = os.writev(self.write_fd, pending[:_IOV_MAX])
            except BlockingIOError:
                self._wait(self._writable)
                continue
            while pending and written >= len(pending[0]):
                written -= len(pending[0])
                pending.pop(0)
            if written:
                pending[0] = pending[0][written:]


class _ControlStream:
    """Reads the control pipe under the same deadline as the answers."""

    def __init__(self, pipes: PolledPipes):
        self._pipes = pipes
        self._poller = select.poll()
        self._poller.register(pipes.control_fd, select.POLLIN)

    def readinto(self, view) -> int:
        self._pipes._wait(self._poller)
        return os.readv(self._pipes.control_fd, [view])


class ExerciseEnded(Exception):
    """Raised when the worker reports that the process serving the exercise has ended."""

    def __init__(self, how: str):
        super().__init__(how)
        self.how = how


class ThreadedPipes:
    """A worker's standard input (requests) and output (answers), with deadlines and no poll.

    A daemon thread reads the answers into a queue as they arrive; each `send` runs in a
    thread of its own that the caller waits for until the deadline. A thread left blocked
    by a worker that stopped reading or writing ends when the worker is killed.
    """

    def __init__(self, requests, answers):
        self._requests, self._answers = requests, answers
        self._chunks: queue.SimpleQueue[bytes] = queue.SimpleQueue()
        self._buffer = b""
        self._pos = 0
        self._at_end = False
        self.deadline = math.inf
        threading.Thread(target=self._read_all, name="dlgrade-answers", daemon=True).start()

    def _read_all(self) -> None:
        try:
            while chunk := self._answers.read(_CHUNK):
                self._chunks.put(chunk)
        except (OSError, ValueError):  # closed under it: the worker is being ended
            pass
        self._chunks.put(b"")

    def _remaining(self) -> float | None:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise DeadlinePassed
        return None if remaining == math.inf else remaining

    def readinto(self, view) -> int:
        """Like a raw stream's readinto, waiting no later than `deadline`; 0 at end of file."""
        if self._pos == len(self._buffer):
            if self._at_end:
                return 0
            try:
                self._buffer, self._pos = self._chunks.get(timeout=self._remaining()), 0
            except queue.Empty:
                raise DeadlinePassed from None
            if not self._buffer:
                self._at_end = True
                return 0
        count = min(len(view), len(self._buffer) - self._pos)
        view[:count] = self._buffer[self._pos:self._pos + count]
        self._pos += count
        return count

    def send(self, parts: list) -> None:
        """Write all parts, waiting no later than `deadline`; OSError if the worker's input is closed."""
        failures: list[OSError] = []

        def write() -> None:
            try:
                for part in parts:
                    pending = memoryview(part).cast("B")
                    while pending:
                        pending = pending[self._requests.write(pending):]
                self._requests.flush()
            except (OSError, ValueError) as error:
                failures.append(error if isinstance(error, OSError) else BrokenPipeError(str(error)))

        writer = threading.Thread(target=write, name="dlgrade-requests", daemon=True)
        writer.start()
        writer.join(self._remaining())
        if writer.is_alive():
            raise DeadlinePassed
        if failures:
            raise failures[0]
