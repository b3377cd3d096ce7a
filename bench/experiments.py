"""How long the experiments take: the student's side, the reference's side, and both at once.

Prints, for the reference solutions submitted as a student's (median of RUNS, interleaved):
- `grade submit` with and without --experiments, and the difference: the experiments'
  wall time as a student sees it (the reference's runs come from the recording);
- the reference's side trained live on two processes (what `grade kit record` does);
- both sides live at once on this machine: `grade experiments` while the reference is
  recorded into a scratch file, the wall time until both have finished (the issue's budget:
  20 s);
- each run's time in the worker, from the JSON.
Run with `make bench`.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reference_copy import reference_submission

RUNS = 3
RECORD = [sys.executable, "-c", "import sys; from pathlib import Path; from grader.oracle.experiments import record; "
          "record(Path(sys.argv[1]))"]


def wall(*commands: list[str], cwd: Path) -> tuple[float, str]:
    """Start the commands together; the seconds until the last has finished, and the first's output."""
    started = time.perf_counter()
    processes = [subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                 for command in commands]
    output = processes[0].communicate()[0]
    for process in processes[1:]:
        process.wait()
    return time.perf_counter() - started, output


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        submission = reference_submission(scratch)
        grade = [sys.executable, "-m", "grader", "submit", str(submission), "--no-html", "--json", "-"]
        record = RECORD + [str(scratch / "runs.npz")]
        variants = {
            "grade submit": [grade],
            "grade submit --experiments": [grade + ["--experiments"]],
            "the reference's runs, live": [record],
            "both sides live at once": [grade + ["--experiments"], record],
        }
        timed = {name: [] for name in variants}
        for _ in range(RUNS):
            for name, commands in variants.items():
                timed[name].append(wall(*commands, cwd=scratch))
    medians = {name: statistics.median(seconds for seconds, _ in runs) for name, runs in timed.items()}
    for name, median in medians.items():
        print(f"{name + ':':<32} median of {RUNS}: {median:5.2f} s")
    experiments = medians["grade submit --experiments"] - medians["grade submit"]
    print(f"the experiments as a student waits for them: {experiments:.2f} s "
          f"({medians['grade submit --experiments'] / medians['grade submit']:.1f}x grading alone)")
    print(f"both sides live at once, beyond grading: {medians['both sides live at once'] - medians['grade submit']:.2f} s "
          "(budget: 20 s)")
    report = json.loads(timed["grade submit --experiments"][-1][1])
    print("each run of the student's side in the worker (two workers share them):")
    for family in report["experiments"]:
        for run in family["runs"]:
            print(f"  {family['name'] + '/' + run['key']:<36} {run['seconds']:5.2f} s")


if __name__ == "__main__":
    main()
