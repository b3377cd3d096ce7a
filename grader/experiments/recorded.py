"""The reference's runs of every experiment, recorded once and shipped (grader/kit/reference_runs.npz).

Every run of the reference is the same for every student: the data, the seeds and the
functions are fixed. So it is recorded (`grade kit record`, which asks the reference)
rather than run again beside each submission, which halves an experiment's time and
gives the student kit, which has no reference, the same figures. A test trains every
run anew and fails when the recording is stale. The file is NumPy's .npz, read with
allow_pickle=False: arrays only, one `family/run/costs` and `family/run/W1`... per run.
"""

from __future__ import annotations

import functools
import zipfile
from pathlib import Path

import numpy as np

PATH = Path(__file__).parent.parent / "kit" / "reference_runs.npz"


class RecordingMissing(Exception):
    """Raised when the recording cannot be read; experiments then cannot show the reference."""


def write(path: Path, runs: dict[tuple[str, str], dict]) -> None:
    arrays = {}
    for (family, key), run in runs.items():
        arrays[f"{family}/{key}/costs"] = np.asarray(run["costs"], dtype=float)
        for name, value in run["parameters"].items():
            arrays[f"{family}/{key}/{name}"] = np.asarray(value, dtype=float)
    with open(path, "wb") as file:
        np.savez_compressed(file, **arrays)


@functools.cache
def read(path: Path | None = None) -> dict[tuple[str, str], dict]:
    """{(family, run): {"costs": [...], "parameters": {"W1": array, ...}}}, from `path` or PATH."""
    path = path or PATH
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
    except (OSError, ValueError, zipfile.BadZipFile) as error:
        raise RecordingMissing(f"the reference's recorded runs ({path.name}) cannot be read: {error}") from None
    runs: dict[tuple[str, str], dict] = {}
    for name, array in arrays.items():
        if name.count("/") != 2:
            raise RecordingMissing(f"the reference's recorded runs ({path.name}) hold an unknown array {name!r}")
        family, key, field = name.split("/")
        run = runs.setdefault((family, key), {"costs": [], "parameters": {}})
        if field == "costs":
            run["costs"] = array.tolist()
        else:
            run["parameters"][field] = array
    return runs
