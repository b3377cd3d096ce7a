"""What every human-facing renderer shows first: exercises grouped by module, counts, score.

The terminal summary and the HTML report read these views so both agree on order,
grouping, rounding and wording; only how they draw it differs.
"""

from __future__ import annotations

import dataclasses
import math

from grader.catalog import EXERCISES, MODULE_TITLES, MODULES
from grader.results import ExerciseResult, Report, Status

_COURSE_ORDER = {exercise.name: index for index, exercise in enumerate(EXERCISES)}
_MODULE_ORDER = {module: index for index, module in enumerate(MODULES)}


@dataclasses.dataclass(frozen=True)
class ModuleGroup:
    """The exercises of one notebook, in course order, with their subtotal."""

    module: str
    title: str
    exercises: tuple[ExerciseResult, ...]

    @property
    def score(self) -> float:
        return sum(e.score for e in self.exercises)

    @property
    def max_score(self) -> float:
        return sum(e.max_score for e in self.exercises)


def by_module(report: Report) -> list[ModuleGroup]:
    """Group the report's exercises by module, modules and exercises in course order.

    An exercise or module the catalog does not know goes after the known ones, in the
    order the report lists it, so nothing the engine reported is ever dropped.
    """
    unknown = len(_COURSE_ORDER)
    ordered = sorted(
        enumerate(report.exercises),
        key=lambda pair: (_COURSE_ORDER.get(pair[1].name, unknown), pair[0]),
    )
    groups: dict[str, list[ExerciseResult]] = {}
    for _, result in ordered:
        groups.setdefault(result.module, []).append(result)
    modules = sorted(groups, key=lambda m: _MODULE_ORDER.get(m, len(_MODULE_ORDER)))
    return [
        ModuleGroup(module, MODULE_TITLES.get(module, module), tuple(groups[module]))
        for module in modules
    ]


def status_counts(report: Report) -> list[tuple[Status, int]]:
    """How many exercises ended in each status, in the Status order, zero counts left out."""
    counts = {status: 0 for status in Status}
    for result in report.exercises:
        counts[result.status] += 1
    return [(status, n) for status, n in counts.items() if n]


def counts_phrase(report: Report) -> str:
    """'15 passed, 2 failed, 1 missing', the way pytest ends its run."""
    return ", ".join(f"{n} {status.value}" for status, n in status_counts(report))


def format_points(points: float) -> str:
    """2.0 -> '2', 1.5 -> '1.5', 2/3 -> '0.67': points as a person writes them."""
    return f"{round(points, 2):g}"


def percent(score: float, max_score: float) -> int:
    """The score as a whole percentage, rounded down so 100% always means full marks."""
    if max_score <= 0:
        return 0
    # The epsilon keeps 0.29 * 100 == 28.999... from showing as 28%.
    return min(100, math.floor(score * 100 / max_score + 1e-9))


def total_examples(report: Report) -> int:
    """How many generated inputs the student's functions were called on, in all."""
    return sum(e.examples for e in report.exercises)


def failure_text(result: ExerciseResult) -> str:
    """What the HTML report shows of a failure, as plain text for formats that hold only text:
    the message, the points, the minimal failing input, expected and got, the traceback."""
    lines = [result.message, f"points: {format_points(result.score)}/{format_points(result.max_score)}"]
    if result.failure is not None:
        lines.append("minimal failing input:")
        lines += [f"  {view.name} = {view.values or view.summary}" for view in result.failure.inputs]
        if result.failure.expected is not None:
            lines += ["expected:", result.failure.expected, "got:", result.failure.got or ""]
    if result.traceback:
        lines.append(result.traceback)
    return "\n".join(lines)


# What the results were compared with, for a report's header; and, in the kit, what that means.
ANSWERS = {"reference": "the reference", "kit": "the student kit's answer key"}
KIT_NOTE = ("Graded with the student kit: every exercise was checked on the inputs of its answer key, the "
            "same for everyone (--seed changes none of them). Your instructor grades with the reference, "
            "on inputs of their own.")
