"""How fast `grade batch` grades a class, with 1 and with 2 jobs, and how fast a rerun skips it.

A class of N students is made from the public corpus (tests/classroom.py: the correct base
with up to three snippets, mistakes or correct variants, per student). Each job count grades
it into a fresh output folder (runs interleaved 1, 2, 2, 1, ... so load affects both alike);
the figures are the median wall times of the whole command. The rerun is timed on a class of
1000 students whose submissions are already in the gradebook: copies of the N graded ones,
recorded with their reports, so nothing needs grading and only the rerun's own work is timed.

    python bench/batch.py [--students N] [--rounds R]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RERUN_CLASS = 1000


def grade_batch(folder: Path, out: Path, *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "grader", "batch", str(folder), "--out", str(out), *args],
                          cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"grade batch exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return seconds, done.stdout


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

    from tests.classroom import make_class

    with tempfile.TemporaryDirectory(prefix="dlgrade-bench-") as scratch:
        scratch = Path(scratch)
        make_class(scratch / "class", options.students)
        times: dict[int, list[float]] = {1: [], 2: []}
        order = [jobs for _ in range(options.rounds) for jobs in (1, 2)]
        order = [jobs for index, pair in enumerate(zip(order[::2], order[1::2]))
                 for jobs in (pair if index % 2 == 0 else pair[::-1])]
        for jobs in order:
            shutil.rmtree(scratch / "out", ignore_errors=True)
            seconds, _ = grade_batch(scratch / "class", scratch / "out", "--jobs", str(jobs))
            times[jobs].append(seconds)
            print(f"  {jobs} job{'s' if jobs > 1 else ' '}: {seconds:6.1f} s", flush=True)

        rate = {jobs: options.students / statistics.median(runs) for jobs, runs in times.items()}
        print(f"{options.students} submissions, median of {options.rounds} run(s) each:")
        for jobs in (1, 2):
            print(f"  {jobs} job{'s' if jobs > 1 else ' '}: {statistics.median(times[jobs]):6.1f} s, "
                  f"{rate[jobs]:.2f} submissions/s")
        print(f"  speed-up with 2 jobs: {rate[2] / rate[1]:.2f}x (target: at least 1.7x)")

        big, big_out = scratch / "big", scratch / "big-out"
        big.mkdir()
        fill_gradebook(scratch, big, big_out, RERUN_CLASS)
        reruns = []
        for _ in range(3):
            seconds, output = grade_batch(big, big_out)
            if f"Graded 0 submissions; {RERUN_CLASS} unchanged" not in output:
                sys.exit(f"the rerun graded something:\n{output}")
            reruns.append(seconds)
        print(f"rerun with nothing changed, {RERUN_CLASS} submissions: median {statistics.median(reruns):.2f} s "
              f"(target: under 1 s per 1000)")


if __name__ == "__main__":
    main()
