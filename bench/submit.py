"""How long `grade submit` takes on a full correct submission, and where the time goes.

Prints the median wall time of grading the reference solutions (all 19 exercises,
default settings) next to the start-up floor of `python -c "import numpy"`, and
the per-exercise grading time from the JSON. Run with `make bench`.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7


def wall(command: list[str], cwd: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - started, done.stdout


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        submission = scratch / "reference"
        submission.mkdir()
        for module in ("initialization", "regularization", "gradient_checking", "optimization"):
            shutil.copy(ROOT / "reference" / f"{module}.py", submission)
        # Default settings (the HTML report is written, to the scratch folder); JSON on stdout for the breakdown.
        grade = [sys.executable, "-m", "grader", "submit", str(submission), "--json", "-"]
        floor = statistics.median(wall([sys.executable, "-c", "import numpy"], scratch)[0] for _ in range(RUNS))
        runs = [wall(grade, scratch) for _ in range(RUNS)]
        median = statistics.median(seconds for seconds, _ in runs)
        report = json.loads(runs[-1][1])

    print(f"grade submit, reference solutions (19 exercises), median of {RUNS}: {median:.2f} s")
    print(f"python -c 'import numpy', median of {RUNS}:                      {floor:.2f} s")
    print(f"ratio: {median / floor:.1f}x the numpy start-up floor")
    print(f"grading inside the process (from the JSON): {report['seconds']:.2f} s; per exercise:")
    for exercise in sorted(report["exercises"], key=lambda e: -e["seconds"]):
        print(f"  {exercise['name']:<42} {exercise['seconds'] * 1000:6.0f} ms  {exercise['examples']:3d} inputs")


if __name__ == "__main__":
    main()
