"""The worker runs under the limits it was given, before any student code."""

import resource

from grader.sandbox.limits import MIB, Limits
from grader.sandbox.runner import Worker


def test_the_worker_runs_under_its_limits(tmp_path):
    student = tmp_path / "probe.py"
    student.write_text(
        "import resource\n"
        "def limits():\n"
        "    names = ('RLIMIT_CPU', 'RLIMIT_AS', 'RLIMIT_FSIZE', 'RLIMIT_NOFILE', 'RLIMIT_CORE')\n"
        "    return [list(resource.getrlimit(getattr(resource, name))) for name in names]\n")
    limits = Limits(cpu_seconds=50, memory_bytes=1024 * MIB, file_bytes=2 * MIB, open_files=64)
    with Worker(timeout=5, limits=limits, files=(str(student),)) as worker:
        response = worker.call_raw({"op": "call", "file": str(student), "module": "probe", "function": "limits",
                                    "args": [], "kwargs": {}, "bind": {}, "network": None})
    assert response["status"] == "ok"
    assert response["value"] == [[50, 51], [1024 * MIB] * 2, [2 * MIB] * 2, [64, 64], [0, 0]]
    assert resource.getrlimit(resource.RLIMIT_AS)[0] != 1024 * MIB  # the grader itself is untouched
