"""How long `grade submit` takes on a full correct submission, against the NumPy start-up floor.

Prints the median wall time of grading the reference solutions (all 19 exercises, default
settings, the HTML report written) as a ratio of `python -c "import numpy"` measured in the
same run (runs interleaved, so load affects all alike):
- with the sandbox (or the strongest isolation here) and the case plans made: what every
  grading but a seed's first costs (target: at most 8x the floor);
- a seed's first grading, the plans made on the way (an empty plan cache each time);
- process isolation, plans made;
- the student kit's grading (`--kit`: every case of the answer key).
Then whether the verdicts (to the counterexamples) are those of grading without plans, and
the per-exercise grading time from the JSON. Bytecode is compiled first, as an installed
dlgrade's is. Run with `make bench`.
"""

from __future__ import annotations

import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reference_copy import ROOT, reference_submission

RUNS = 7
TARGET_RATIO = 8


def wall(command: list[str], cwd: Path, env: dict) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    return time.perf_counter() - started, done.stdout


def main() -> None:
    from grader.plans import CACHE_VARIABLE
    from grader.sandbox import namespaces

    for package in ("grader", "reference", "exercises"):
        compileall.compile_dir(ROOT / package, quiet=1)
    strongest = "namespaces" if namespaces.unavailable_reason() is None else "process"
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        submission = reference_submission(scratch)
        env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
        planned = {**env, CACHE_VARIABLE: str(scratch / "plans")}
        grade = [sys.executable, "-m", "grader", "submit", str(submission), "--json", "-"]
        variants = {  # name -> (options, environment, a fresh plan cache for each run)
            f"--isolation {strongest}": (["--isolation", strongest], planned, False),
            f"--isolation {strongest}, plans made on the way": (["--isolation", strongest], planned, True),
            "--isolation process": (["--isolation", "process"], planned, False),
            f"--isolation {strongest} --kit": (["--isolation", strongest, "--kit"], planned, False),
        }
        wall(grade, scratch, planned)  # the plans made, the bytecode written
        floor, runs = [], {name: [] for name in variants}
        for run in range(RUNS):
            floor.append(wall([sys.executable, "-c", "import numpy"], scratch, env)[0])
            for name, (options, environment, fresh) in variants.items():
                if fresh:
                    environment = {**environment, CACHE_VARIABLE: str(scratch / f"empty-{run}")}
                runs[name].append(wall(grade + options, scratch, environment))
        floor = statistics.median(floor)
        report = json.loads(runs[f"--isolation {strongest}"][-1][1])
        identical = _identical(report, submission)

    medians = {name: statistics.median(seconds for seconds, _ in timed) for name, timed in runs.items()}
    print(f"python -c 'import numpy', median of {RUNS}: {floor:.3f} s")
    for name, median in medians.items():
        print(f"grade submit {name + ':':<48} median of {RUNS}: {median:.2f} s = {median / floor:.1f}x the floor")
    main_ratio = medians[f"--isolation {strongest}"] / floor
    print(f"one full submission, {strongest}, plans made: {main_ratio:.1f}x the NumPy start-up "
          f"(target: at most {TARGET_RATIO}x): {'met' if main_ratio <= TARGET_RATIO else 'NOT met'}")
    if strongest != "namespaces":
        print(f"no sandbox here: {namespaces.unavailable_reason()}")
    print(f"verdicts with plans and without, to the counterexamples: {'identical' if identical else 'DIFFERENT'}")
    print(f"grading inside the process ({strongest}, from the JSON): {report['seconds']:.2f} s; per exercise:")
    for exercise in sorted(report["exercises"], key=lambda e: -e["seconds"]):
        print(f"  {exercise['name']:<42} {exercise['seconds'] * 1000:6.0f} ms  {exercise['examples']:3d} inputs")


def _identical(report: dict, submission: Path) -> bool:
    """Whether `report` (graded with plans) gives each exercise what grading without plans gives."""
    from grader.grading import grade_submission
    from grader.report.json_report import render_json
    from grader.submission import find_submission

    without = json.loads(render_json(grade_submission(find_submission(submission), plans=False)))
    return _results(report) == _results(without)


def _results(report: dict) -> list[dict]:
    return [{**exercise, "seconds": None} for exercise in report["exercises"]]


if __name__ == "__main__":
    main()
