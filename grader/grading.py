"""Grade a whole submission: find each function, run its rubric, collect a Report.

One worker serves the whole submission, and each exercise runs in a process of
its own that the worker forks (`Worker.fresh`): whatever one exercise's code does
to its process (threads, patched modules, exhausted file descriptors, timers)
never reaches another exercise. The exercise's file is loaded there and inspected
first, so a syntax error or a missing function is reported without calling
anything, and one broken file never stops the others from being graded. A notebook
is graded as the module of its graded code (grader.notebook), and every place a
result names in that module is put back into the notebook's cells.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import grader
from grader import course_versions, notebook, stubs
from grader.catalog import ASSIGNMENT, BY_NAME, EXERCISES, MODULE_TITLES, Exercise
from grader.kit import IS_KIT
from grader.results import Check, ExerciseResult, Report, Status
from grader.sandbox import isolation
from grader.sandbox.limits import Limits
from grader.sandbox.runner import DEFAULT_TIMEOUT, Worker
from grader.sandbox.view import SOLUTIONS
from grader.submission import Submission

if TYPE_CHECKING:
    from grader.rubrics.base import Case


# The time all the calls of one exercise may take, in per-call timeouts (30 s by default).
EXERCISE_BUDGET_TIMEOUTS = 10
# The time a whole submission may take, in seconds: a correct one takes a few, but 19 exercises
# that each use their own budget would hold a batch for ten minutes.
DEFAULT_SUBMISSION_BUDGET = 180.0


def grade_submission(submission: Submission, *, seed: int = 0, timeout: float = DEFAULT_TIMEOUT,
                     only: tuple[str, ...] = (), limits: Limits = Limits(), isolate: str = "auto",
                     budget: float = DEFAULT_SUBMISSION_BUDGET, kit: bool = False,
                     experiments: bool = False, plans: bool = True, lanes: int = 1, keep: bool = False) -> Report:
    """Raises isolation.IsolationUnavailable when `isolate` is "namespaces" and this machine has none.

    Exercises not reached within `budget` seconds are timeouts, and one that is reached gets
    at most what is left of it. `kit`: compare with the answer key, as the student kit does
    (it always does: it has no reference). `experiments`: then run the course's experiments
    with the submission's functions (grader.experiments), after the grading: the runs that use
    the functions graded. `plans`: try each exercise's case plan first (grader.plans), as
    grading does unless a test compares it with grading without. `lanes`: share the exercises
    among this many sandboxed workers, graded at once (`_grade_all`): for one submission on a
    machine with cores to spare; without the sandbox, one. `keep`: grade with the workers this
    process kept from its last submission, and keep them for its next (`_workers`), as a batch's
    grading process does."""
    started = time.monotonic()
    kit = kit or IS_KIT
    with tempfile.TemporaryDirectory(prefix="dlgrade-notebooks-") as scratch:
        loaded = _prepare(submission, Path(scratch))
        exercises, not_in_version = _chosen(submission, loaded, only)
        loaded.notes.extend(_version_notes(loaded, not_in_version))
        if submission.assignments is not None and not only:
            loaded.notes.append(_assignments_note(submission))
        sandboxed, why_not = isolation.choose(isolate)
        files = tuple(sorted(set(map(str, loaded.files.values()))))
        lanes = lanes if sandboxed else 1
        workers = _workers(max(lanes, lanes_for_one() if experiments else 1), keep, files=files, timeout=timeout,
                           limits=limits, sandboxed=sandboxed)
        try:
            for worker in workers:  # the others start up while the first grades
                worker.start()
            results = _grade_all(workers[:lanes], loaded, exercises, seed=seed, timeout=timeout, kit=kit,
                                 deadline=started + budget, budget=budget, plans=plans and not kit)
            families = _experiments(workers, loaded, results, kit, exercises) if experiments else []
        finally:
            for worker in workers:
                if keep:
                    worker.fresh()  # the submission's last exercise ends now, not when the next one's starts
                else:
                    worker.close()
    in_force = isolation.describe(sandboxed=sandboxed, why_not=why_not, worker_info=workers[0].info, limits=limits,
                                  timeout=timeout)
    return Report(submission=str(submission.path), seed=seed, exercises=results,
                  grader_version=grader.__version__, isolation=in_force,
                  seconds=time.monotonic() - started, mode="kit" if kit else "reference",
                  notes=loaded.notes, experiments=families)


# The workers a process keeps between submissions (`_workers`), by the settings they started with.
_KEPT: dict[tuple, list[Worker]] = {}


def _workers(count: int, keep: bool, *, files: tuple[str, ...], **settings) -> list[Worker]:
    """`count` workers given the submission's `files`: new ones; or with `keep`, those kept from
    the process's earlier submissions, started as needed. A worker is bound to no submission (the
    files travel in each exercise's fork request), and each exercise still gets a fresh process,
    which the worker kills everything of and empties the home folder after, so a kept worker only
    saves its start-up (Python and NumPy under bubblewrap, about a quarter of a submission's CPU)."""
    if not keep:
        return [Worker(files=files, **settings) for _ in range(count)]
    kept = _KEPT.setdefault(tuple(sorted(settings.items())), [])
    kept.extend(Worker(**settings) for _ in range(count - len(kept)))
    for worker in kept[:count]:
        worker.files = files
    return kept[:count]


def lanes_for_one() -> int:
    """Workers for one submission, when the machine has nothing else to do: one per core, two at
    most. The lanes (`grade_submission`): 19 exercises take under a second in two, and a third
    worker costs about as much to start as it saves; the experiments' runs are few and long."""
    return min(2, usable_cores())


def usable_cores() -> int:
    """The cores this process may run on (Linux can restrict them; macOS cannot tell), at least one."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _experiments(workers: list[Worker], loaded: _Loaded, results: list[ExerciseResult], kit: bool,
                 graded: list[Exercise]):
    """The course's experiments that use the functions graded (those of the assignments graded, or `--only`'s)."""
    from grader.experiments import catalog
    from grader.experiments.recorded import RecordingMissing
    from grader.experiments.running import run_experiments

    stand_in_source = None
    if not kit:
        from grader.oracle.experiments import stand_in_source
    try:
        return run_experiments(workers, loaded.files, results, stand_in_source=stand_in_source,
                               families=catalog.using([exercise.name for exercise in graded]))
    except RecordingMissing as error:  # the grades stand; only the experiments cannot be shown
        loaded.notes.append(f"The experiments were not run: {error}")
        return []


@dataclasses.dataclass
class _Loaded:
    """What the worker loads for each module: a .py file as it is, a notebook as its graded code."""

    files: dict[str, Path]  # notebook module -> the file the worker loads
    refused: dict[str, tuple[str, str | None]]  # notebook module -> why it is not graded, and the file at fault
    notebooks: dict[Path, notebook.Extracted]  # a file the worker loads -> the notebook it came from
    notes: list[str]


def _prepare(submission: Submission, scratch: Path) -> _Loaded:
    """Write each notebook's graded code into `scratch`, as a module of its own."""
    loaded = _Loaded({}, {module: (why, None) for module, why in submission.refused.items()}, {},
                     list(submission.notes))
    written: dict[Path, Path | notebook.NotebookError] = {}
    for module, file in submission.files.items():
        if file.suffix != ".ipynb":
            loaded.files[module] = file
            continue
        if file not in written:
            written[file] = _write_notebook(file, scratch / f"notebook_{len(written) + 1}.py", loaded)
        if isinstance(written[file], notebook.NotebookError):
            loaded.refused[module] = (str(written[file]), file.name)
        else:
            loaded.files[module] = written[file]
    return loaded


def _assignments_note(submission: Submission) -> str:
    titles = [MODULE_TITLES[module] for module in submission.assignments]
    points = sum(ASSIGNMENT[module].points for module in submission.assignments)
    listed = titles[0] if len(titles) == 1 else f"{', '.join(titles[:-1])} and {titles[-1]}"
    return (f"Graded as the {listed} assignment{'s' if len(titles) > 1 else ''}: "
            f"scored out of {'its' if len(titles) == 1 else 'their'} {points} points")


def _chosen(submission: Submission, loaded: _Loaded, only: tuple[str, ...]) -> tuple[list[Exercise], list[Exercise]]:
    """The exercises to grade: those `only` names; else those of the assignments the submission is
    graded as, but those its notebook's version of the course does not have (returned second)."""
    if only:
        return [e for e in EXERCISES if e.name in only], []
    held = [e for e in EXERCISES if submission.assignments is None or e.module in submission.assignments]
    not_in_version = [e for e in held if _not_in_its_version(e, loaded)]
    return [e for e in held if e not in not_in_version], not_in_version


def _not_in_its_version(exercise: Exercise, loaded: _Loaded) -> bool:
    """Whether the notebook handed in for the exercise's module is of the course's 2017-2020
    version, which does not have this exercise, and does not define it either."""
    extracted = loaded.notebooks.get(loaded.files.get(exercise.module))
    return (exercise.name in course_versions.NEWER_ONLY and extracted is not None
            and extracted.version is not None and extracted.version.version == course_versions.OLDER
            and exercise.name not in extracted.attempted)


def _version_notes(loaded: _Loaded, not_in_version: list[Exercise]) -> list[str]:
    """For each notebook whose version shows: which it was read as, why, and what it left ungraded."""
    notes = []
    for file, extracted in loaded.notebooks.items():
        if extracted.version is None:
            continue
        note = f"{extracted.name} is read as the course's {extracted.version.version} notebook ({extracted.version.why})"
        if left := [e.name for e in not_in_version if loaded.files.get(e.module) == file]:
            note += f"; that version has no {' or '.join(left)}, so {'they are' if len(left) > 1 else 'it is'} not graded"
        notes.append(note)
    return notes


def _write_notebook(file: Path, target: Path, loaded: _Loaded) -> Path | notebook.NotebookError:
    """The module of the notebook's graded code, readable by a worker of another user; or why
    the notebook cannot be read."""
    try:
        extracted = notebook.extract(file, set(BY_NAME))
    except notebook.NotebookError as error:
        return error
    target.write_text(extracted.source, encoding="utf-8")
    os.chmod(target.parent, 0o755)
    os.chmod(target, 0o644)
    loaded.notebooks[target] = extracted
    loaded.notes.extend(extracted.notes)
    return target


def _grade_all(workers: list[Worker], loaded: _Loaded, exercises, *, seed, timeout, kit, deadline, budget,
               plans: bool) -> list[ExerciseResult]:
    """Each exercise, within the submission's `deadline`, in course order by the first of `workers`
    that is free: with more than one, each in a thread of its own (the parent mostly waits on its
    worker; what is not safe to do at once, hypothesis and the reference, takes turns: grader.search,
    rubrics.base.call_with). The results, and the notes they add, are in course order all the same."""
    # Imported only now, so the worker's own start-up overlaps loading the rubrics (and hypothesis).
    from grader.kit.answer_key import AnswerKeyError

    results: list[ExerciseResult | None] = [None] * len(exercises)

    def grade(worker: Worker, index: int) -> None:
        exercise = exercises[index]
        if (absent := _absent(exercise, loaded)) is not None:  # missing whatever the time left
            results[index] = absent
            return
        left = deadline - time.monotonic()
        if left <= 0:
            results[index] = _unattempted(exercise, Status.TIMEOUT, "Not graded: the exercises before it used "
                                          f"the whole time budget of the submission ({budget:g} s)")
            return
        exercise_budget = EXERCISE_BUDGET_TIMEOUTS * timeout
        allowance = ((exercise_budget, "the budget per exercise") if exercise_budget <= left
                     else (left, "the time left in the submission's budget"))
        try:
            chosen = _rubrics(exercise.name, kit=kit, seed=seed if plans else None)
        except AnswerKeyError as error:  # costs this exercise only, and is not the student's doing
            results[index] = _unattempted(exercise, Status.ERROR, f"Not graded: {error}")
            return
        worker.fresh()
        results[index] = _grade_one(worker, loaded, exercise, chosen, seed, timeout, allowance)

    _in_lanes(grade, workers, range(len(exercises)))
    return [_library_missing(result, loaded.notes) for result in results]


def _in_lanes(work, workers: list[Worker], items) -> None:
    """`work(worker, item)` for each of `items`, in order, by the first of `workers` that is free:
    the first worker in this thread, the others in threads of their own. Once one raises (Ctrl-C
    reaches this thread only), no lane takes another item; the first exception is raised here once
    the others have finished the item they hold."""
    waiting, failures, turn = iter(items), [], threading.Lock()

    def lane(worker: Worker) -> None:
        while True:
            with turn:
                item = next(waiting, None) if not failures else None
            if item is None:
                return
            try:
                work(worker, item)
            except BaseException as error:  # noqa: BLE001 - raised again in the calling thread
                with turn:
                    failures.append(error)
                return

    threads = [threading.Thread(target=lane, args=(worker,), name="dlgrade-lane", daemon=True)
               for worker in workers[1:]]
    for thread in threads:
        thread.start()
    try:
        lane(workers[0])
    finally:
        for thread in threads:
            thread.join()
    if failures:
        raise failures[0]


def _rubrics(name: str, *, kit: bool, seed: int | None):
    """What grades exercise `name`: (the rubric tried, and None; or its case plan for `seed`, tried
    first, and what makes the rubric that searches once a planned case fails). The rubric of the
    full grader, its hypothesis and its reference are loaded only then: a submission whose plans
    pass needs none of them."""
    from grader.rubrics import rubric

    if not kit and seed is not None:
        from grader.plans import planned
        if (plan := planned(name, seed)) is not None:
            return plan, lambda: rubric(name)
    return rubric(name, kit), None


def _grade_one(worker, loaded: _Loaded, exercise: Exercise, rubrics, seed: int, timeout: float,
               allowance: tuple[float, str]) -> ExerciseResult:
    """`rubrics`: what grades the exercise (`_rubrics`); `allowance`: the seconds all calls of
    this exercise may take, and what limits them."""
    file = loaded.files[exercise.module]
    extracted = loaded.notebooks.get(file)
    if extracted is None:
        return _graded(worker, file, exercise, rubrics, seed, timeout, allowance)
    if exercise.name in extracted.errors:
        message, cell, line = extracted.errors[exercise.name]
        result = _unattempted(exercise, Status.ERROR, message, file=extracted.name, line=line)
        result.cell = cell.as_json()
        return result
    return _in_notebook(_graded(worker, file, exercise, rubrics, seed, timeout, allowance), extracted, file.name)


# How a module that is not there shows in a result: at load ("ModuleNotFoundError in Regularization.ipynb,
# cell In [1], line 2: ...") or in a call ("Raised ModuleNotFoundError: ...").
_NO_MODULE = re.compile(r"(?:Raised )?ModuleNotFoundError(?: in [^\n]*?)?: No module named '([\w.]+)'")


def _library_missing(result: ExerciseResult, notes: list[str]) -> ExerciseResult:
    """A result that failed for a library the grader does not have (a notebook written with
    PyTorch) points to one note about it, instead of each repeating the traceback."""
    shown = result.file  # the file handed in that needs it: a .py file or a notebook
    match = _NO_MODULE.match(result.message) if result.status is Status.ERROR and shown else None
    if match is None:
        return result
    library = match.group(1).split(".")[0]
    if library in {package.split(".")[0] for package in SOLUTIONS}:  # the solutions, hidden on purpose: as it is
        return result
    note = (f"{shown}: the graded code imports {library}, which is not installed where dlgrade grades; the "
            f"course's exercises are written with NumPy, so what needs {library} cannot be graded")
    if note not in notes:
        notes.append(note)
    result.message = f"Not graded: it needs {library}, which dlgrade does not have (see the note at the top)"
    result.checks = [Check("found", False, result.message)]
    result.traceback = None
    return result


def _in_notebook(result: ExerciseResult, extracted: notebook.Extracted, loaded: str) -> ExerciseResult:
    """The result with every place in the module made a place in the notebook, and the cell's source."""
    result.message = notebook.localize(result.message, extracted, loaded)
    result.checks = [dataclasses.replace(check, message=notebook.localize(check.message, extracted, loaded))
                     for check in result.checks]
    if result.traceback:
        result.traceback = notebook.localize(result.traceback, extracted, loaded)
    result.file = extracted.name
    # The line is the def's, or where loading failed: in the module, so in one of the cells.
    if origin := extracted.origin(result.line):
        cell, result.line = origin
        result.cell = cell.as_json()
    else:
        result.line = None
    return result


def _graded(worker, file: Path, exercise: Exercise, rubrics, seed: int, timeout: float,
            allowance: tuple[float, str]) -> ExerciseResult:
    from grader import engine  # late, like the rubrics: see grade_submission
    from grader.rubrics import written_in
    inspected = worker.call_raw({"op": "inspect", "file": str(file), "module": file.stem, "names": [exercise.name]})
    if inspected["status"] == "load_error":
        error = inspected["error"]
        line = f", line {error['line']}" if error.get("line") else ""
        result = _unattempted(exercise, Status.ERROR,
                              f"{error['type']} in {error.get('file') or file.name}{line}: {error['message']}",
                              file=file.name, line=error.get("line"))
        result.traceback = error.get("traceback")
        return result
    if inspected["status"] == "timeout":
        return _unattempted(exercise, Status.TIMEOUT, f"Loading {file.name} did not finish within {timeout} s "
                            "(code at module level that never ends?)", file=file.name)
    if inspected["status"] != "ok":
        return _unattempted(exercise, Status.ERROR,
                            f"Loading {file.name} failed: {inspected.get('detail') or inspected['status']}",
                            file=file.name)
    # Present with no line (a decorated or imported function) still counts: calling it tells.
    if exercise.name not in inspected["functions"]:
        return _unattempted(exercise, Status.MISSING, f"{exercise.name} is not defined in {file.name}",
                            file=file.name)

    budget, limited_by = allowance
    spent = [0.0, 0]  # seconds in calls, calls

    def call(case: Case) -> dict:
        if spent[0] > budget:  # correct but slow code must not hold the grader for minutes
            return {"status": "timeout", "stdout": "", "seconds": 0.0, "over_budget": True,
                    "message": f"Its calls took {spent[0]:.1f} s in all, over {limited_by} ({budget:.3g} s; "
                               f"about {spent[0] / spent[1]:.1f} s per call)"}
        started = time.monotonic()
        response = worker.call_raw({
            "op": "call", "file": str(file), "module": file.stem, "function": exercise.name,
            "args": case.values, "kwargs": {}, "bind": dict(case.bind), "network": case.network,
        })
        spent[0] += time.monotonic() - started  # measured here: the worker's own figure could be forged
        spent[1] += 1
        if response["status"] == "timeout":
            response.setdefault("timeout", timeout)
        return response

    tried, then = rubrics
    result = engine.grade(tried, call, seed=seed, module=exercise.module, points=exercise.points, then=then)
    line = inspected["functions"][exercise.name]
    if result.status in (Status.FAILED, Status.ERROR) and stubs.unfilled(_text(file), exercise.name):
        return _unattempted(exercise, Status.MISSING, f"Not attempted: the code regions of {exercise.name} (from "
                            "START CODE HERE to END CODE HERE) hold no code yet, so what it returns is the stub's",
                            file=file.name, line=line)
    result.file, result.line = file.name, line
    if result.misconception and (function := notebook.last_definition(_text(file), exercise.name)) \
            and (written := written_in(exercise.name, result.misconception, function)):
        _point_at(result, f"{file.name}, line {written}")  # a notebook's cell and line once localized
        result.line = written
    return result


def _point_at(result: ExerciseResult, place: str) -> None:
    """Add where the mistake is written to the failure's message, in the result and its check."""
    message = result.message
    result.message = f"{message} ({place})"
    result.checks = [dataclasses.replace(check, message=result.message) if check.message == message else check
                     for check in result.checks]


def _text(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8", errors="replace")
    except OSError:  # gone since the worker read it: nothing to say about it
        return ""


def _absent(exercise: Exercise, loaded: _Loaded) -> ExerciseResult | None:
    """The result of an exercise whose file was refused or not handed in; None if it is there."""
    if exercise.module in loaded.refused:
        why, file = loaded.refused[exercise.module]
        return _unattempted(exercise, Status.ERROR, why, file=file)
    if exercise.module not in loaded.files:
        return _unattempted(exercise, Status.MISSING,
                            f"No {exercise.module}.py in the submission, and no notebook with its functions")
    return None


def _unattempted(exercise: Exercise, status: Status, message: str, file: str | None = None,
                 line: int | None = None) -> ExerciseResult:
    """`file`, `line`: where the problem is, if it is in a file that was handed in."""
    return ExerciseResult(name=exercise.name, module=exercise.module, status=status, score=0.0,
                          max_score=exercise.points, message=message, checks=[Check("found", False, message)],
                          file=file, line=line)
