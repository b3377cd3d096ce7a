"""What the benchmarks grade: the reference solutions, copied as a student's submission."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ("initialization", "regularization", "gradient_checking", "optimization")


def reference_submission(scratch: Path) -> Path:
    """A folder in `scratch` holding the four reference modules."""
    submission = scratch / "submission"
    submission.mkdir()
    for module in MODULES:
        shutil.copy(ROOT / "reference" / f"{module}.py", submission)
    return submission
