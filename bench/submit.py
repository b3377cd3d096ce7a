"""How long `grade submit` takes on a full correct submission, and where the time goes.

Prints the median wall time of grading the reference solutions (all 19 exercises,
default settings) at each isolation level the machine offers and as the student kit
grades it (`--kit`: every case of the answer key; runs interleaved, so load affects all
alike), the sandbox's overhead against the 2-second budget,
the start-up floor of `python -c "import numpy"`, and the per-exercise grading
time from the JSON. Run with `make bench`.
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

RUNS = 7


def wall(command: list[str], cwd: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - started, done.stdout


def main() -> None:
    from grader.sandbox import namespaces

    levels = ["process"] + (["namespaces"] if namespaces.unavailable_reason() is None else [])
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        submission = reference_submission(scratch)
        # Default settings (the HTML report is written, to the scratch folder); JSON on stdout for the breakdown.
        grade = [sys.executable, "-m", "grader", "submit", str(submission), "--json", "-"]
        variants = {level: ["--isolation", level] for level in levels}
        variants["kit"] = ["--isolation", levels[-1], "--kit"]
        floor = statistics.median(wall([sys.executable, "-c", "import numpy"], scratch)[0] for _ in range(RUNS))
        runs = {name: [] for name in variants}
        for _ in range(RUNS):
            for name, options in variants.items():
                runs[name].append(wall(grade + options, scratch))
    medians = {name: statistics.median(seconds for seconds, _ in timed) for name, timed in runs.items()}
    report = json.loads(runs[levels[-1]][-1][1])

    for name, median in medians.items():
        print(f"grade submit {' '.join(variants[name]) + ':':<30} reference solutions, median of {RUNS}: "
              f"{median:.2f} s ({median / floor:.1f}x the numpy start-up floor)")
    print(f"the kit against the reference, both --isolation {levels[-1]}: "
          f"{medians['kit'] / medians[levels[-1]]:.2f}x the time")
    print(f"python -c 'import numpy', median of {RUNS}: {floor:.2f} s")
    if "namespaces" in medians:
        overhead = medians["namespaces"] - medians["process"]
        print(f"sandbox overhead: {overhead:+.2f} s ({medians['namespaces'] / medians['process']:.2f}x); "
              f"sandboxed total {medians['namespaces']:.2f} s against a budget of 2 s")
    else:
        print(f"no sandbox here: {namespaces.unavailable_reason()}")
    print(f"grading inside the process ({levels[-1]}, from the JSON): {report['seconds']:.2f} s; per exercise:")
    for exercise in sorted(report["exercises"], key=lambda e: -e["seconds"]):
        print(f"  {exercise['name']:<42} {exercise['seconds'] * 1000:6.0f} ms  {exercise['examples']:3d} inputs")


if __name__ == "__main__":
    main()
