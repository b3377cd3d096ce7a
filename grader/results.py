"""The result model: one tree of plain dataclasses that every renderer reads.

Nothing here knows about processes, hypothesis or HTML; the engine fills it in
and report/ renders it. `Report.to_json()` is the documented JSON (schema 2).
"""

from __future__ import annotations

import dataclasses
import enum

from grader.catalog import MODULE_TITLES, MODULES

# 2: `assignments`, the score of each assignment graded (1 had only the total).
SCHEMA_VERSION = 2


class Status(str, enum.Enum):
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    TIMEOUT = "timeout"
    MISSING = "missing"


@dataclasses.dataclass(frozen=True)
class Check:
    """One property the grader verified, e.g. 'return structure' or 'dW2 numerically'."""

    name: str
    passed: bool
    message: str = ""


@dataclasses.dataclass(frozen=True)
class ArrayDiff:
    """Where one returned array misses the expected one."""

    path: str
    expected_shape: tuple[int, ...]
    got_shape: tuple[int, ...]
    n_differ: int
    n_total: int
    max_abs_error: float
    max_rel_error: float
    # A few (index, expected, got) triples, so a student sees concrete entries.
    samples: tuple[tuple[str, float, float], ...] = ()


@dataclasses.dataclass(frozen=True)
class InputView:
    """One argument of the failing call, summarised for a person."""

    name: str
    summary: str  # e.g. "array (3, 4) float64" or "0.7"
    values: str | None = None  # the full value when it is small enough to read


@dataclasses.dataclass(frozen=True)
class Failure:
    """The smallest failing case found (shrunk by hypothesis; in the student kit, the first
    recorded one), with what went wrong on it."""

    inputs: tuple[InputView, ...]
    expected: str | None = None
    got: str | None = None
    diffs: tuple[ArrayDiff, ...] = ()


@dataclasses.dataclass
class ExerciseResult:
    name: str
    module: str
    status: Status
    score: float
    max_score: float
    message: str
    checks: list[Check] = dataclasses.field(default_factory=list)
    failure: Failure | None = None
    stdout: str = ""
    traceback: str | None = None
    misconception: str | None = None  # the known mistake named in the message, e.g. "the L2 term uses lambd/m"
    file: str | None = None  # the submission's file the function was looked up in, by name
    line: int | None = None  # where the function is defined in it (in a notebook, in its cell), or where loading failed
    cell: dict | None = None  # in a notebook, the function's cell: {"label": "In [7]", "source": ...}
    examples: int = 0  # how many generated inputs the student's function was called on
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED


@dataclasses.dataclass
class Trained:
    """One trained model of an experiment."""

    costs: list[float]  # the cost every `record_every` iterations (or epochs), from the first
    record_every: int
    train_accuracy: float
    test_accuracy: float | None  # None: the dataset has no test set (the course's moons)
    parameters: dict[str, list]  # the trained W1, b1, ... as nested lists: the decision boundary's source


@dataclasses.dataclass
class ExperimentRun:
    """One of the course's runs, with the student's functions and with the reference's."""

    key: str
    title: str
    uses: list[str]  # the graded functions the run calls
    reference: Trained
    student: Trained | None  # None: not run with the student's code (`message` says why)
    stand_ins: dict[str, str] = dataclasses.field(default_factory=dict)  # function -> why the reference's was used
    course: list[float | None] | None = None  # the notebook's published [train, test] accuracy
    message: str = ""
    seconds: float = 0.0


@dataclasses.dataclass
class ExperimentFamily:
    name: str
    title: str
    dataset: str  # what the data is, in a sentence
    x_label: str
    runs: list[ExperimentRun]
    course_note: str = ""


@dataclasses.dataclass
class Report:
    submission: str
    seed: int
    exercises: list[ExerciseResult]
    grader_version: str
    isolation: dict  # {"level", "layers", "missing"}: see grader.sandbox.isolation.describe
    seconds: float = 0.0
    # "reference": compared with the reference on inputs drawn from `seed`; "kit": with the
    # student kit's answer key, on the inputs it holds (exercises graded by contract use `seed`).
    mode: str = "reference"
    notes: list[str] = dataclasses.field(default_factory=list)  # how the files were read (notebooks' cells, ...)
    experiments: list[ExperimentFamily] = dataclasses.field(default_factory=list)  # empty: not run

    @property
    def score(self) -> float:
        return sum(e.score for e in self.exercises)

    @property
    def max_score(self) -> float:
        return sum(e.max_score for e in self.exercises)

    @property
    def all_passed(self) -> bool:
        return all(e.passed for e in self.exercises)

    def assignments(self) -> list[dict]:
        """The score of each assignment graded, in course order: {"name", "title", "score", "max_score"}."""
        graded = list(dict.fromkeys(e.module for e in self.exercises))
        modules = [module for module in MODULES if module in graded] + [m for m in graded if m not in MODULES]
        return [{"name": module, "title": MODULE_TITLES.get(module, module),
                 "score": sum(e.score for e in self.exercises if e.module == module),
                 "max_score": sum(e.max_score for e in self.exercises if e.module == module)}
                for module in modules]

    def to_json(self) -> dict:
        return {
            "schema": SCHEMA_VERSION,
            "grader_version": self.grader_version,
            "submission": self.submission,
            "score": self.score,
            "max_score": self.max_score,
            "assignments": self.assignments(),
            "seed": self.seed,
            "mode": self.mode,
            "notes": self.notes,
            "isolation": self.isolation,
            "seconds": round(self.seconds, 3),
            "exercises": [_exercise_json(e) for e in self.exercises],
            "experiments": [dataclasses.asdict(family) for family in self.experiments],
        }

    @classmethod
    def from_json(cls, data: dict) -> Report:
        """The Report that `to_json` described (a gradebook keeps reports as this JSON)."""
        return cls(submission=data["submission"], seed=data["seed"], grader_version=data["grader_version"],
                   isolation=data["isolation"], seconds=data["seconds"], mode=data.get("mode", "reference"),
                   notes=data.get("notes", []), exercises=[_exercise_from_json(e) for e in data["exercises"]],
                   experiments=[_family_from_json(family) for family in data.get("experiments", [])])


def _exercise_json(result: ExerciseResult) -> dict:
    data = dataclasses.asdict(result)
    data["status"] = result.status.value
    data["seconds"] = round(result.seconds, 4)
    return data


def _exercise_from_json(data: dict) -> ExerciseResult:
    failure = data["failure"]
    if failure is not None:
        failure = Failure(
            inputs=tuple(InputView(**view) for view in failure["inputs"]),
            expected=failure["expected"], got=failure["got"],
            diffs=tuple(ArrayDiff(**{**diff, "expected_shape": tuple(diff["expected_shape"]),
                                     "got_shape": tuple(diff["got_shape"]),
                                     "samples": tuple(map(tuple, diff["samples"]))})
                        for diff in failure["diffs"]))
    return ExerciseResult(**{"cell": None, **data, "status": Status(data["status"]), "failure": failure,
                             "checks": [Check(**check) for check in data["checks"]]})


def _family_from_json(data: dict) -> ExperimentFamily:
    """JSON writes non-finite floats as strings ("Infinity"); float() reads both forms back."""
    def trained(run: dict | None) -> Trained | None:
        if run is None:
            return None
        return Trained(**{**run, "costs": [float(cost) for cost in run["costs"]],
                          "parameters": {name: _floats(value) for name, value in run["parameters"].items()}})
    runs = [ExperimentRun(**{**run, "reference": trained(run["reference"]), "student": trained(run["student"])})
            for run in data["runs"]]
    return ExperimentFamily(**{**data, "runs": runs})


def _floats(value):
    return [_floats(item) for item in value] if isinstance(value, list) else float(value)
