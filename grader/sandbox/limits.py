"""Resource limits for the worker, applied by the worker itself before any student code runs.

The wall-clock timeout per call (in the runner) is the first guard; these are the
backstops the kernel enforces whatever the student's code does: CPU seconds over the
worker's life, address space (so a huge allocation is a MemoryError, not a machine
swapping), file size (writes past it fail with EFBIG instead of filling the disk),
open files, no core dumps, and, for a worker with a user of its own, processes
(a fork bomb). Thread counts are pinned to 1 in the environment, which also keeps
numpy's BLAS within the memory limit.
"""

from __future__ import annotations

import dataclasses
import resource
import signal

MIB = 1 << 20


@dataclasses.dataclass(frozen=True)
class Limits:
    cpu_seconds: int = 120
    memory_bytes: int = 2048 * MIB
    file_bytes: int = 64 * MIB
    open_files: int = 256
    processes: int = 64

    def apply(self, *, own_user: bool) -> None:
        """Lower this process's limits (soft and hard, so student code cannot raise them).

        The process limit counts every process of the user, so it is set only when
        the worker runs as a user of its own (`own_user`), never the grader's.
        """
        # SIGXCPU at the soft limit, SIGKILL one second later if it is ignored.
        resource.setrlimit(resource.RLIMIT_CPU, (self.cpu_seconds, self.cpu_seconds + 1))
        resource.setrlimit(resource.RLIMIT_AS, (self.memory_bytes, self.memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (self.file_bytes, self.file_bytes))
        resource.setrlimit(resource.RLIMIT_NOFILE, (self.open_files, self.open_files))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if own_user:
            resource.setrlimit(resource.RLIMIT_NPROC, (self.processes, self.processes))
        # A write past the file-size limit then fails with an OSError the student sees,
        # instead of killing the worker with SIGXFSZ.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
