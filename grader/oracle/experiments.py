"""The reference's side of the experiments: its runs, to record, and its functions as stand-ins.

A student's function that is missing or cannot run is replaced, in the student's run
only, by the reference's: the worker cannot import the reference (Principle 1), so it is
sent that function's source, and only for a run that needs it, after grading is over.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import multiprocessing
import textwrap
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from grader.catalog import BY_NAME
from grader.experiments import catalog, recorded, training


@functools.cache
def stand_in_source(function: str) -> str:
    """The reference's source of a graded function, to be compiled beside the course helpers."""
    module = importlib.import_module(f"reference.{BY_NAME[function].module}")
    return textwrap.dedent(inspect.getsource(getattr(module, function)))


def reference_functions() -> dict:
    return {name: getattr(importlib.import_module(f"reference.{exercise.module}"), name)
            for name, exercise in BY_NAME.items()}


def train_reference(family_name: str, key: str) -> dict:
    """One run of the reference, in this process: {"costs", "parameters"}."""
    family = catalog.BY_NAME[family_name]
    run = next(r for r in family.runs if r.key == key)
    data = family.dataset()
    functions = {name: function for name, function in reference_functions().items() if name in run.uses}
    return training.train(family.name, functions, data.train_X, data.train_Y, run.settings)


def record(path: Path = recorded.PATH, jobs: int = 2) -> dict[tuple[str, str], dict]:
    """Train every run with the reference (on `jobs` processes) and write the recording."""
    keys = [(family.name, run.key) for family in catalog.FAMILIES for run in family.runs]
    # Spawned, not forked: a fork of a process that runs threads (a test runner's) may deadlock.
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        runs = dict(zip(keys, pool.map(train_reference, *zip(*keys))))
    recorded.write(path, runs)
    recorded.read.cache_clear()
    return runs
