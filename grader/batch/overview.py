"""The class at a glance, as data: score distribution, pass rate per exercise, the failures
the class shares, the slowest submissions. Built from the gradebook's rows; rendered by
grader.report.class_summary."""

from __future__ import annotations

import collections
import dataclasses
import statistics

from grader.batch.gradebook import ExerciseRow, StudentRow, graded_assignments
from grader.batch.kinds import failure_kind
from grader.catalog import Assignment
from grader.report.summary import percent
from grader.results import Status

HISTOGRAM_BINS = 10
SLOWEST = 10


@dataclasses.dataclass(frozen=True)
class FailureKind:
    """Students whose exercise failed the same way."""

    kind: str
    named: bool  # a misconception the grader recognised, not just a failed check
    students: tuple[str, ...]
    example: str  # one of their messages, to show what it looks like

    @property
    def count(self) -> int:
        return len(self.students)


@dataclasses.dataclass(frozen=True)
class ExerciseOverview:
    name: str
    module: str
    graded: int  # students graded on it
    passed: int
    statuses: dict[str, int]
    failures: tuple[FailureKind, ...]  # most common first

    @property
    def pass_rate(self) -> int:
        return percent(self.passed, self.graded)


@dataclasses.dataclass(frozen=True)
class AssignmentOverview:
    name: str
    title: str
    max_score: float
    graded: int  # students whose submission was graded as it
    mean_percent: float | None  # of those students' scores on it; None: nobody handed it in
    exercises: tuple[ExerciseOverview, ...]


@dataclasses.dataclass(frozen=True)
class Bin:
    low: int
    high: int  # inclusive
    count: int


@dataclasses.dataclass(frozen=True)
class SlowSubmission:
    student: str
    seconds: float
    timeouts: int


@dataclasses.dataclass(frozen=True)
class ClassOverview:
    students: int
    graded: int
    mean_percent: float | None
    median_percent: float | None
    histogram: tuple[Bin, ...]
    assignments: tuple[AssignmentOverview, ...]  # those the batch's submissions were graded as
    slowest: tuple[SlowSubmission, ...]
    timed_out: tuple[SlowSubmission, ...]  # every submission with a timeout, slowest first
    not_graded: tuple[tuple[str, str], ...]  # (student, why the grading failed)

    @property
    def exercises(self) -> tuple[ExerciseOverview, ...]:
        return tuple(exercise for assignment in self.assignments for exercise in assignment.exercises)

    @property
    def struggles(self) -> tuple[ExerciseOverview, ...]:
        """The exercises some students failed, the least passed first."""
        failed = [exercise for exercise in self.exercises if exercise.passed < exercise.graded]
        return tuple(sorted(failed, key=lambda exercise: (exercise.passed / exercise.graded, exercise.name)))


def overview(students: list[StudentRow]) -> ClassOverview:
    graded = [row for row in students if row.complete]
    percents = [row.score * 100 / row.max_score if row.max_score else 0.0 for row in graded]
    by_exercise: dict[str, list[tuple[str, ExerciseRow]]] = {}
    for row in graded:
        for result in row.exercises:
            by_exercise.setdefault(result.exercise, []).append((row.student, result))
    slow = sorted((_slow(row) for row in graded), key=lambda slow: (-slow.seconds, slow.student))
    return ClassOverview(
        students=len(students),
        graded=len(graded),
        mean_percent=statistics.fmean(percents) if percents else None,
        median_percent=statistics.median(percents) if percents else None,
        histogram=_histogram(graded),
        assignments=tuple(_assignment(assignment, graded, by_exercise) for assignment in graded_assignments(graded)),
        slowest=tuple(slow[:SLOWEST]),
        timed_out=tuple(submission for submission in slow if submission.timeouts),
        not_graded=tuple((row.student, row.problem or "") for row in students if not row.complete),
    )


def _assignment(assignment: Assignment, graded: list[StudentRow],
                by_exercise: dict[str, list[tuple[str, ExerciseRow]]]) -> AssignmentOverview:
    scores = [score for row in graded if (score := row.assignment_scores().get(assignment.name))]
    percents = [got * 100 / possible if possible else 0.0 for got, possible in scores]
    return AssignmentOverview(
        assignment.name, assignment.title, assignment.points,
        graded=len(scores), mean_percent=statistics.fmean(percents) if percents else None,
        exercises=tuple(_exercise(exercise.name, exercise.module, by_exercise.get(exercise.name, []))
                        for exercise in assignment.exercises))


def _slow(row: StudentRow) -> SlowSubmission:
    timeouts = sum(result.status == Status.TIMEOUT.value for result in row.exercises)
    return SlowSubmission(row.student, row.seconds or 0.0, timeouts)


def _histogram(graded: list[StudentRow]) -> tuple[Bin, ...]:
    """Students by whole percentage in bins of ten: 0-9, ..., 80-89, 90-100."""
    width = 100 // HISTOGRAM_BINS
    counts = collections.Counter(min(percent(row.score, row.max_score) // width, HISTOGRAM_BINS - 1)
                                 for row in graded)
    return tuple(Bin(index * width, index * width + width - 1 + (index == HISTOGRAM_BINS - 1), counts[index])
                 for index in range(HISTOGRAM_BINS))


def _exercise(name: str, module: str, results: list[tuple[str, ExerciseRow]]) -> ExerciseOverview:
    """`results`: (student, their result) for this exercise."""
    statuses = collections.Counter(result.status for _, result in results)
    by_kind: dict[str, list] = {}
    for student, result in results:
        kind = failure_kind(result.status, result.message, result.misconception, result.failed_check)
        if kind is not None:
            by_kind.setdefault(kind, []).append((student, result))
    failures = [FailureKind(kind, named=shared[0][1].misconception == kind,
                            students=tuple(student for student, _ in shared), example=shared[0][1].message)
                for kind, shared in by_kind.items()]
    failures.sort(key=lambda failure: (-failure.count, failure.kind))
    return ExerciseOverview(name, module, graded=len(results), passed=statuses[Status.PASSED.value],
                            statuses=dict(statuses), failures=tuple(failures))
