"""Resource limits for the worker, applied by the worker itself before any student code runs.

The wall-clock timeout per call (in the runner) is the first guard; these are the
backstops the kernel enforces whatever the student's code does: CPU seconds over the
worker's life, address space (so a huge allocation is a MemoryError, not a machine
swapping), file size (writes past it fail with EFBIG instead of filling the disk),
open files, no core dumps, and, for a worker with a user of its own, processes
(a fork bomb). Thread counts are pinned to 1 in the environment, which also keeps
numpy's BLAS within the memory limit. Off Linux a platform may refuse one (macOS does not
take every address-space limit): the worker goes on without it, and the report says so.
"""

from __future__ import annotations

import dataclasses
import signal

try:
    import resource
except ImportError:  # no rlimits on this platform (Windows)
    resource = None

MIB = 1 << 20


@dataclasses.dataclass(frozen=True)
class Limits:
    cpu_seconds: int = 120
    memory_bytes: int = 2048 * MIB
    file_bytes: int = 64 * MIB
    open_files: int = 256
    processes: int = 64

    def described(self) -> dict[str, str]:
        """Each limit `apply` sets (but processes, which go with a user of its own), as the report names it."""
        return {"cpu": f"{self.cpu_seconds} s of CPU", "memory": f"{self.memory_bytes // MIB} MiB of memory",
                "file size": f"files up to {self.file_bytes // MIB} MiB", "open files": f"{self.open_files} open files",
                "core dumps": "no core dumps"}

    def apply(self, *, own_user: bool) -> list[str]:
        """Lower this process's limits (soft and hard, so student code cannot raise them); the
        names of those in force (of `described`, and "processes").

        The process limit counts every process of the user, so it is set only when
        the worker runs as a user of its own (`own_user`), never the grader's.
        """
        if resource is None:
            return []
        wanted = {
            # SIGXCPU at the soft limit, SIGKILL one second later if it is ignored.
            "cpu": ("RLIMIT_CPU", (self.cpu_seconds, self.cpu_seconds + 1)),
            "memory": ("RLIMIT_AS", (self.memory_bytes, self.memory_bytes)),
            "file size": ("RLIMIT_FSIZE", (self.file_bytes, self.file_bytes)),
            "open files": ("RLIMIT_NOFILE", (self.open_files, self.open_files)),
            "core dumps": ("RLIMIT_CORE", (0, 0)),
        }
        if own_user:
            wanted["processes"] = ("RLIMIT_NPROC", (self.processes, self.processes))
        applied = []
        for name, (kind, values) in wanted.items():
            try:
                resource.setrlimit(getattr(resource, kind), values)
            except (AttributeError, ValueError, OSError):
                continue  # not offered here: the report lists it as missing
            applied.append(name)
        if "file size" in applied:
            # A write past the limit then fails with an OSError the student sees,
            # instead of killing the worker with SIGXFSZ.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        return applied
