"""Grading on a Dask distributed cluster (`grade batch --scheduler ADDRESS`), for classes one machine
cannot grade in time. Tasks carry their files, so workers need no shared file system, only the
same dlgrade installed (`pip install 'dlgrade[dask]'`). The gradebook stays with this process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from grader.batch.task import Outcome, Task, failed, grade_task
from grader.errors import GraderError

# Tasks sent ahead per worker thread: enough to keep workers busy, few enough that a class of
# tens of thousands is not held in the scheduler's memory at once.
AHEAD_PER_THREAD = 2
CONNECT_SECONDS = 10


class Cluster:
    """`shipped`: the batch's case plans (grader.plans.prepared), sent to each worker once."""

    def __init__(self, address: str, shipped: dict | None = None):
        try:
            from distributed import Client
        except ImportError:
            raise GraderError("--scheduler needs Dask: pip install 'dlgrade[dask]'") from None
        try:
            self._client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
        except Exception as error:  # noqa: BLE001 - what a wrong address raises varies: OSError, MemoryError, ...
            raise GraderError(f"cannot reach the Dask scheduler at {address}: "
                              f"{error or type(error).__name__}") from None
        threads = sum(self._client.nthreads().values())
        self.description = f"Dask scheduler {address} ({threads} worker thread{'s' if threads != 1 else ''})"
        self._ahead = max(1, threads) * AHEAD_PER_THREAD
        self._shipped = shipped or {}

    def grade(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        """Outcomes in the order they finish; closing the iterator cancels what is left."""
        from distributed import as_completed

        waiting = iter(tasks)
        sent = {}
        running = as_completed(loop=self._client.loop)
        try:
            # One copy to each worker (a dict scattered would be scattered item by item).
            shipped = self._client.scatter([self._shipped], broadcast=True)[0] if self._shipped else None
            for task in waiting:
                self._send(task, shipped, sent, running)
                if len(sent) >= self._ahead:
                    break
            for future in running:
                task = sent.pop(future.key)
                try:
                    outcome = future.result()
                except Exception as error:  # noqa: BLE001 - a lost worker costs this submission, not the batch
                    outcome = failed(task, f"the Dask task failed: {type(error).__name__}: {error}")
                if (task := next(waiting, None)) is not None:
                    self._send(task, shipped, sent, running)
                yield outcome
        finally:
            self._client.cancel(list(running.futures), force=True)
            self._client.close()

    def _send(self, task: Task, shipped, sent: dict, running) -> None:
        future = self._client.submit(grade_task, task, shipped, pure=False)
        sent[future.key] = task
        running.add(future)
