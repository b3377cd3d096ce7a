"""How fast `grade batch` grades a class, with 1, 2 and all cores, how much memory a job takes,
and how fast a rerun skips it.

A class of N students is made from the public corpus (tests/classroom.py: the correct base
with up to three snippets, mistakes or correct variants, per student). Each job count grades
it into a fresh output folder (runs interleaved 1, 2, 2, 1, ... so load affects both alike),
with the case plans of the seed already made (a seed's first batch makes them once, about a
second); the figures are the median wall times of the whole command (target: 4 submissions/s
with 2 jobs). While it runs, the proportional memory (PSS) of all the batch's processes is
sampled: its peak, less the coordinating process's, shared by the jobs is the memory per job.
The rerun is timed on a class of 1000 students whose submissions are already in the gradebook:
copies of the N graded ones, recorded with their reports, so nothing needs grading and only the
rerun's own work is timed (target: under 1 s).

    python bench/batch.py [--students N] [--rounds R]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RERUN_CLASS = 1000
# The batches' environment: bytecode written, as an installed dlgrade has it; the plans in the scratch folder.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def grade_batch(folder: Path, out: Path, *args: str) -> tuple[float, str, float]:
    """(wall seconds, output, peak MB of all its processes less the coordinator's)."""
    started = time.perf_counter()
    batch = subprocess.Popen([sys.executable, "-m", "grader", "batch", str(folder), "--out", str(out), *args],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=ENV)
    sampler = PeakMemory(batch.pid)
    sampler.start()
    output = batch.communicate()[0]
    seconds = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    if batch.returncode != 0:
        sys.exit(f"grade batch exited {batch.returncode}:\n{output}")
    return seconds, output, sampler.peak_jobs_mb


class PeakMemory(threading.Thread):
    """Samples the PSS of a process and its descendants every 50 ms: the peak of their sum, less
    the root's own (the coordinator's), in MB."""

    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root, self.stop, self.peak_jobs_mb = root, threading.Event(), 0.0

    def run(self) -> None:
        while not self.stop.wait(0.05):
            sizes = {pid: _pss_mb(pid) for pid in _tree(self.root)}
            self.peak_jobs_mb = max(self.peak_jobs_mb, sum(sizes.values()) - sizes.get(self.root, 0.0))


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending += children.get(pid, [])
    return found


def _pss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def fill_gradebook(graded: Path, folder: Path, out: Path, size: int) -> None:
    """`size` students, each a copy of a graded one, recorded in a new gradebook with its report
    (and given its HTML report, as grading would have)."""
    from grader.batch.entries import Entry, scan
    from grader.batch.gradebook import Gradebook, Graded
    from grader.batch.task import Settings
    from grader.batch.version import grader_build

    settings = Settings()  # grade batch's defaults
    originals, _ = scan(graded / "class")
    with Gradebook.open(graded / "out" / "gradebook.sqlite", writer=False) as source:
        reports = {entry.student: source.report(entry.student) for entry in originals}
    with Gradebook.open(out / "gradebook.sqlite") as book:
        run = book.start_run(str(folder), grader_build(), settings.key())
        for index in range(size):
            original = originals[index % len(originals)]
            student = f"copy-{index:04d}"
            shutil.copytree(original.path, folder / student)
            report = reports[original.student]
            (out / "reports").mkdir(parents=True, exist_ok=True)
            shutil.copy(graded / "out" / "reports" / f"{original.student}.html", out / "reports" / f"{student}.html")
            content_hash = Entry(student, folder / student).read().content_hash
            book.record(run, Graded(student, str(folder / student), content_hash, report),
                        grader_version=grader_build(), seed=0, settings=settings.key())
        book.end_run(run, state="finished", unchanged=0, skipped=[])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=1, help="runs of each job count (interleaved)")
    options = parser.parse_args()

    from grader.grading import usable_cores
    from grader.plans import CACHE_VARIABLE
    from tests.classroom import make_class

    with tempfile.TemporaryDirectory(prefix="dlgrade-bench-") as scratch:
        scratch = Path(scratch)
        ENV[CACHE_VARIABLE] = str(scratch / "plans")
        make_class(scratch / "class", options.students)
        cores = usable_cores()
        counts = sorted({1, 2, cores})
        times: dict[int, list[float]] = {jobs: [] for jobs in counts}
        memory: dict[int, list[float]] = {jobs: [] for jobs in counts}
        grade_batch(scratch / "class", scratch / "warm-up", "--jobs", "2")  # the plans made, bytecode written
        order = [jobs for round_ in range(options.rounds) for jobs in (counts if round_ % 2 == 0 else counts[::-1])]
        for jobs in order:
            shutil.rmtree(scratch / "out", ignore_errors=True)
            seconds, _, peak = grade_batch(scratch / "class", scratch / "out", "--jobs", str(jobs))
            times[jobs].append(seconds)
            memory[jobs].append(peak)
            print(f"  {jobs} job{'s' if jobs > 1 else ' '}: {seconds:6.1f} s, {peak:5.0f} MB", flush=True)

        rate = {jobs: options.students / statistics.median(runs) for jobs, runs in times.items()}
        print(f"{options.students} submissions, median of {options.rounds} run(s) each ({cores} usable cores):")
        for jobs in counts:
            print(f"  {jobs} job{'s' if jobs > 1 else ' '}: {statistics.median(times[jobs]):6.1f} s, "
                  f"{rate[jobs]:.2f} submissions/s, speed-up {rate[jobs] / rate[1]:.2f}x, "
                  f"memory {max(memory[jobs]) / jobs:.0f} MB per job (peak {max(memory[jobs]):.0f} MB)")
        print(f"  with 2 jobs: {rate[2]:.2f} submissions/s (target: at least 4): "
              f"{'met' if rate[2] >= 4 else 'NOT met'}")

        big, big_out = scratch / "big", scratch / "big-out"
        big.mkdir()
        fill_gradebook(scratch, big, big_out, RERUN_CLASS)
        reruns = []
        for _ in range(3):
            seconds, output, _ = grade_batch(big, big_out)
            if f"Graded 0 submissions; {RERUN_CLASS} unchanged" not in output:
                sys.exit(f"the rerun graded something:\n{output}")
            reruns.append(seconds)
        print(f"rerun with nothing changed, {RERUN_CLASS} submissions: median {statistics.median(reruns):.2f} s "
              f"(target: under 1 s per 1000)")


if __name__ == "__main__":
    main()
