"""`grade gradescope build`: the autograder.zip an instructor uploads to Gradescope as it is.

Gradescope unpacks the zip into /autograder/source, runs its `setup.sh` as root once while
the image builds, then runs `run_autograder` for each submission (the student's files in
/autograder/submission), which must leave /autograder/results/results.json. The zip holds the
student kit's wheel (the grader and an answer key recorded now, no reference), so it lives
here, beside the kit's builder. `setup.sh` installs it into a virtual environment of its
own, leaving the system Python as Gradescope advises; `run_autograder` grades with limits
that fit the default container (768 MB, a 10-minute limit) and, whatever happens, leaves a
results.json that says what happened: never Gradescope's bare "autograder failed".
"""

from __future__ import annotations

import io
import shlex
import tempfile
import zipfile
from pathlib import Path

from grader.oracle import kit_wheel

# Where setup.sh puts dlgrade's virtual environment, outside /autograder/source.
VENV = "/autograder/dlgrade"
RESULTS = "/autograder/results/results.json"
# Gradescope's default container has 768 MB and stops an autograder after 10 minutes: the worker
# may use 512 MiB, and a submission 5 minutes, so the results are always written in time.
MEMORY_MIB = 512
BUDGET_SECONDS = 300
_TIME = (2020, 1, 1, 0, 0, 0)

SETUP = """#!/usr/bin/env bash
# Run by Gradescope as root, once, while the autograder's image is built: dlgrade's student kit
# (the grader and its answer key, no reference solutions) in a virtual environment of its own,
# so that the system Python stays as it is.
set -euo pipefail
cd "$(dirname "$0")"
if ! python3 -c 'import ensurepip' 2>/dev/null; then  # Ubuntu splits venv's pip out
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv
fi
# bubblewrap, for the strongest isolation the container allows (Docker often refuses it namespaces).
command -v bwrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q bubblewrap || true
python3 -m venv {venv}
{venv}/bin/pip install --quiet --disable-pip-version-check ./{wheel}
{venv}/bin/grade --version
"""

RUN = """#!/usr/bin/env bash
# Run by Gradescope for each submission: grades /autograder/submission into results.json. A
# grading that cannot even start still leaves a results.json that says why, with no points.
mkdir -p "$(dirname {results})"
rm -f {results}
{venv}/bin/grade submit /autograder/submission --no-html --gradescope {results} \\
  --memory {memory} --budget {budget}{assignments}
status=$?
if [ ! -s {results} ]; then
  cat > {results} <<EOF
{{"score": 0, "output": "dlgrade stopped without grading this submission (exit status $status): please tell your instructor.", "visibility": "visible", "stdout_visibility": "visible", "tests": []}}
EOF
fi
exit 0
"""


def build(out: Path, assignments: tuple[str, ...] = ()) -> Path:
    """Write the autograder zip to `out` (a file name; a folder gets autograder.zip); return its path.
    `assignments`: what every submission is graded and scored as (default: what it holds)."""
    if out.is_dir():
        out = out / "autograder.zip"
    with tempfile.TemporaryDirectory(prefix="dlgrade-autograder-") as scratch:
        wheel = kit_wheel.build(Path(scratch))
        chosen = "".join(f" --assignment {shlex.quote(name)}" for name in assignments)
        files = {
            "setup.sh": (SETUP.format(venv=VENV, wheel=wheel.name), 0o755),
            "run_autograder": (RUN.format(venv=VENV, results=RESULTS, memory=MEMORY_MIB, budget=BUDGET_SECONDS,
                                          assignments=chosen), 0o755),
            wheel.name: (wheel.read_bytes(), 0o644),
        }
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w") as archive:
            for name, (content, mode) in files.items():
                member = zipfile.ZipInfo(name, date_time=_TIME)
                member.compress_type = zipfile.ZIP_DEFLATED
                member.external_attr = (0o100000 | mode) << 16  # a regular file, and its permissions
                archive.writestr(member, content)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(stream.getvalue())
    return out
