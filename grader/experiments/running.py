"""Run the course's experiments with a submission's functions, in the sandbox, beside the reference's.

The student's runs go to the workers (one training loop per request, in an exercise
process of its own), spread over the machine's cores; the reference's come from the
recording. A function that is missing, or could not be graded, is replaced by the
reference's in the student's run, and so is one that raises or returns what the model
cannot use during the run (the run is then trained again). A wrong function that runs
is kept: the point is to see what it does to the training.
"""

from __future__ import annotations

import dataclasses
import queue
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from grader.catalog import BY_NAME
from grader.experiments import recorded, training
from grader.experiments.catalog import FAMILIES, Family, Run
from grader.experiments.datasets import Dataset
from grader.results import ExerciseResult, ExperimentFamily, ExperimentRun, Status, Trained

# Seconds one run of the student's may take; the reference's slowest (Adam) takes about 3 on a
# quiet core, 9 with the machine busy.
RUN_TIMEOUT = 60.0
# Characters of a function's failure kept as the reason it was replaced.
REASON_CAP = 200
# Seconds after which no further run is started: slow code must not hold a batch for long.
BUDGET = 150.0
# How a function's grading decides whether the student's run keeps it.
_KEPT = (Status.PASSED, Status.FAILED)


@dataclasses.dataclass
class _Job:
    family: Family
    run: Run
    data: Dataset
    stand_ins: dict[str, str]  # function -> why the reference's stands in
    student: Trained | None = None
    message: str = ""
    seconds: float = 0.0


def run_experiments(workers: list, files: dict[str, Path], results: list[ExerciseResult], *,
                    stand_in_source: Callable[[str], str] | None, families: tuple[Family, ...] = FAMILIES,
                    reference: dict | None = None) -> list[ExperimentFamily]:
    """`workers`: Workers to share the runs between; `files`: module -> the file the worker loads;
    `stand_in_source`: the reference's source of a function, or None where there is no reference (the kit);
    `reference`: the reference's runs of `families` (by default, the recording)."""
    reference = recorded.read() if reference is None else reference
    for family in families:
        for run in family.runs:
            if _checked(reference.get((family.name, run.key)), run) is None:
                raise recorded.RecordingMissing(f"the reference's recorded runs have no whole {family.name}/{run.key}"
                                                ": record them again (`grade kit record`)")
    deadline = time.monotonic() + BUDGET
    graded = {result.name: result for result in results}
    jobs = []
    for family in families:
        data = family.dataset()
        for run in family.runs:
            stand_ins = {name: why for name in run.uses if (why := _replaced(name, graded.get(name), files))}
            jobs.append(_Job(family, run, data, stand_ins))
    wanted = [job for job in jobs if any(name not in job.stand_ins for name in job.run.uses)]
    _share(workers, wanted, lambda worker, job: _train_student(worker, job, files, stand_in_source, deadline))
    return [ExperimentFamily(family.name, family.title, family_jobs[0].data.description, family.x_label,
                             [_result(job, reference[family.name, job.run.key]) for job in family_jobs],
                             family.course_note)
            for family in families if (family_jobs := [job for job in jobs if job.family is family])]


def _replaced(name: str, result: ExerciseResult | None, files: dict[str, Path]) -> str:
    """Why the student's `name` cannot take part, or "" if it can."""
    if result is not None and result.status is Status.MISSING:
        return "yours is missing"
    if result is not None and result.status not in _KEPT:
        return f"yours could not be graded ({result.status.value})"
    if BY_NAME[name].module not in files:
        return f"the submission has no {BY_NAME[name].module}.py"
    return ""  # kept; or not graded (--only), and then tried


def _share(workers: list, jobs: list[_Job], work) -> None:
    """Do the jobs on the workers at once, one thread per worker; slowest first. A grader bug in
    any thread is raised here, as it would be without threads."""
    pending: queue.SimpleQueue = queue.SimpleQueue()
    for job in sorted(jobs, key=lambda job: -_cost(job.run)):
        pending.put(job)

    def drain(worker):
        while True:
            try:
                job = pending.get_nowait()
            except queue.Empty:
                return
            work(worker, job)

    with ThreadPoolExecutor(len(workers)) as pool:
        for done in [pool.submit(drain, worker) for worker in workers]:
            done.result()


def _cost(run: Run) -> int:
    """The run's training steps (an epoch of 300 examples is 5 mini-batches): enough to start the
    longest first."""
    return run.settings.get("iterations") or run.settings["epochs"] * 5


def _train_student(worker, job: _Job, files: dict[str, Path], stand_in_source, deadline: float) -> None:
    """Train the student's run, standing the reference in for each function that fails in it."""
    started = time.monotonic()
    module = BY_NAME[job.run.uses[0]].module
    while job.student is None and not job.message:
        student = [name for name in job.run.uses if name not in job.stand_ins]
        if not student:
            break  # every function was replaced: `_result` says why
        if time.monotonic() > deadline:
            job.message = f"Not run: the runs before it used the experiments' time budget ({BUDGET:g} s)"
        elif job.stand_ins and stand_in_source is None:
            job.message = "Not run: the student kit has no reference to stand in for " + "; ".join(
                f"{name}: {why}" for name, why in job.stand_ins.items())
        else:
            _train_once(worker, job, files.get(module, ""), module, student, stand_in_source)
    job.seconds = time.monotonic() - started


def _train_once(worker, job: _Job, file, module: str, student: list[str], stand_in_source) -> None:
    """Train the run once; then it has its result, a stand-in for the function that failed in it,
    or the message that says why it did not run."""
    worker.fresh()
    response = worker.call_raw({
        "op": "train", "file": str(file), "module": module, "family": job.family.name,
        "settings": job.run.settings, "student": student,
        "substitutes": {name: stand_in_source(name) for name in job.stand_ins},
        "X": job.data.train_X, "Y": job.data.train_Y,
    }, timeout=RUN_TIMEOUT)
    failed = response.get("function")
    if response["status"] == "ok":
        job.student = _trained(job.data, _checked(response["value"], job.run), job.run.settings["record_every"])
        if job.student is None:
            job.message = "Not run: the worker's answer is not a trained model"
    elif failed in student:  # it raised, or gave the model what it cannot use: the reference's stands in
        reason = "is missing" if response["status"] == "not_found" else response.get("message") or "failed"
        job.stand_ins[failed] = "yours " + _first_line(reason)
    else:
        job.message = _not_run(response)


def _first_line(text: str) -> str:
    """A reason short enough to read, and to carry little: a run with a stand-in holds the reference's
    source, and a submission could try to raise it as its message."""
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= REASON_CAP else line[:REASON_CAP - 1] + "…"


def _not_run(response: dict) -> str:
    status = response["status"]
    if status == "timeout":
        return f"Not run: the training with your functions did not finish within {RUN_TIMEOUT:g} s"
    if status == "load_error":
        error = response["error"]
        return f"Not run: your module does not load ({_first_line(error['type'] + ': ' + error['message'])})"
    if "error" in response:
        error = response["error"]
        return f"Not run: the training stopped with {_first_line(error['type'] + ': ' + error['message'])}"
    return f"Not run: {_first_line(response.get('message') or response.get('detail') or status)}"


def _checked(value, run: Run) -> dict | None:
    """The worker's answer if it has the form of a trained model (the pipe is within the
    student's reach, so only the form can be trusted), else None."""
    expected = training.shapes(run.settings["layers"])
    if type(value) is not dict or type(value.get("costs")) is not list or type(value.get("parameters")) is not dict:
        return None
    costs = value["costs"]
    steps = run.settings.get("iterations") or run.settings["epochs"]
    if len(costs) != len(range(0, steps, run.settings["record_every"])) or \
            not all(type(cost) in (int, float) for cost in costs):
        return None
    parameters = value["parameters"]
    if set(parameters) != set(expected) or not all(
            type(parameters[name]) is np.ndarray and parameters[name].shape == shape for name, shape in expected.items()):
        return None
    return value


def _trained(data: Dataset, value: dict | None, record_every: int) -> Trained | None:
    if value is None:
        return None
    parameters = {name: np.asarray(array, dtype=float) for name, array in value["parameters"].items()}
    test = None if data.test_X is None else training.accuracy(data.test_X, data.test_Y, parameters)
    return Trained(costs=[float(cost) for cost in value["costs"]], record_every=record_every,
                   train_accuracy=training.accuracy(data.train_X, data.train_Y, parameters), test_accuracy=test,
                   parameters={name: array.tolist() for name, array in parameters.items()})


def _result(job: _Job, reference: dict) -> ExperimentRun:
    record_every = job.run.settings["record_every"]
    if not job.run.uses:
        job.message = "Uses none of the graded functions: the baseline the others are compared with"
    elif job.student is None and not job.message:
        reasons: dict[str, list[str]] = {}
        for name, why in job.stand_ins.items():
            reasons.setdefault(why, []).append(name)
        job.message = "Not run: none of its functions is yours to run (" + \
            "; ".join(f"{', '.join(names)}: {why}" for why, names in reasons.items()) + ")"
    return ExperimentRun(key=job.run.key, title=job.run.title, uses=list(job.run.uses),
                         reference=_trained(job.data, reference, record_every), student=job.student,
                         stand_ins=job.stand_ins, course=list(job.run.course) if job.run.course else None,
                         message=job.message, seconds=round(job.seconds, 3))
