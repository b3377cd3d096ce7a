"""What the terminal and the HTML report show of the experiments: a row per run, in the
course's form (train and test accuracy), yours beside the reference's and the course's."""

from __future__ import annotations

import dataclasses

import numpy as np

from grader.experiments import catalog, training
from grader.report import plots
from grader.results import ExperimentFamily, ExperimentRun, Trained

# A gap in training or test accuracy, in percentage points, worth pointing out to the student.
NOTABLE_GAP = 2.0
# A cost curve whose median distance from the reference's, relative to it, is above this is another
# curve. The median, because rounding alone moves a few points of a chaotic run a long way: the large
# random initialization's early spikes land elsewhere when a correct solution rounds otherwise.
CURVE_TOLERANCE = 0.01
# Decision boundaries: predictions on a GRID x GRID lattice over the data, MARGIN wider on each side.
GRID, MARGIN = 100, 0.5


@dataclasses.dataclass(frozen=True)
class RunRow:
    run: ExperimentRun
    yours: tuple[str, str]  # train, test: "99.3%", or "—"
    reference: tuple[str, str]
    course: tuple[str, str]
    verdict: str  # how yours differs from the reference's ("training accuracy 8.3 points below ..."), else ""
    worse: bool  # the verdict is an accuracy below the reference's, not one above or another cost curve
    notes: tuple[str, ...]  # the stand-ins, or why yours did not run


def rows(family: ExperimentFamily) -> list[RunRow]:
    return [RunRow(run, _pair(run.student), _pair(run.reference), _course(run.course), *_verdict(run), _notes(run))
            for run in family.runs]


def joined(pair: tuple[str, str]) -> str:
    """The pair as "train / test", or only the training accuracy where there is no test set."""
    return pair[0] if pair[1] == "—" else " / ".join(pair)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _pair(trained: Trained | None) -> tuple[str, str]:
    if trained is None:
        return "—", "—"
    return _percent(trained.train_accuracy), _percent(trained.test_accuracy)


def _course(course: list[float | None] | None) -> tuple[str, str]:
    """The published figures as the course prints them: 50%, 99.33%."""
    return tuple("—" if value is None else f"{round(value * 100, 2):g}%" for value in (course or [None, None]))


def _verdict(run: ExperimentRun) -> tuple[str, bool]:
    """Where yours differs from the reference's: the larger accuracy gap, else the cost curve."""
    yours, reference = run.student, run.reference
    if yours is None:
        return "", False
    gaps = [(abs(gap), gap, which) for gap, which in (
        ((yours.train_accuracy - reference.train_accuracy) * 100, "training"),
        (((yours.test_accuracy or 0) - (reference.test_accuracy or 0)) * 100, "test"))]
    size, gap, which = max(gaps)
    if size >= NOTABLE_GAP:
        return f"{which} accuracy {size:.1f} points {'above' if gap > 0 else 'below'} the reference's", gap < 0
    if _curves_differ(yours.costs, reference.costs):
        return "the same accuracy, but another cost curve", False
    return "", False


def _curves_differ(yours: list[float], reference: list[float]) -> bool:
    return len(yours) != len(reference) or curve_distance(yours, reference) > CURVE_TOLERANCE


def curve_distance(yours: list[float], reference: list[float]) -> float:
    """The median over the recorded points of |yours - reference| / |reference|; a point where
    only one of them is finite counts as far apart, one where neither is as equal."""
    a, b = np.asarray(yours, dtype=float), np.asarray(reference, dtype=float)
    with np.errstate(all="ignore"):
        distance = np.where(np.isfinite(a) & np.isfinite(b), np.abs(a - b) / np.abs(b), np.inf)
    distance[(a == b) | (~np.isfinite(a) & ~np.isfinite(b))] = 0.0
    return float(np.median(distance)) if distance.size else 0.0


def _notes(run: ExperimentRun) -> tuple[str, ...]:
    stand_ins = tuple(f"The reference's {name} stands in: {why}." for name, why in run.stand_ins.items()
                      if run.student is not None)  # else the message says why it did not run
    return stand_ins + ((run.message.rstrip(".") + ".",) if run.message else ())


@dataclasses.dataclass(frozen=True)
class RunFigures:
    row: RunRow
    costs: plots.LineChart
    boundaries: tuple[plots.BoundaryMap, ...]  # yours (when it ran), then the reference's


@dataclasses.dataclass(frozen=True)
class FamilyView:
    family: ExperimentFamily
    has_test: bool
    figures: tuple[RunFigures, ...]


def views(families: list[ExperimentFamily]) -> list[FamilyView]:
    """Each family's table and figures, for the HTML report."""
    return [_view(family) for family in families]


def _view(family: ExperimentFamily) -> FamilyView:
    data = catalog.BY_NAME[family.name].dataset()
    low, high = data.train_X.min(axis=1) - MARGIN, data.train_X.max(axis=1) + MARGIN
    figures = []
    for row in rows(family):
        run = row.run
        trained = [("Your model", run.student)] if run.student else []
        boundaries = tuple(
            plots.boundary_map(training.decision_grid(_arrays(model.parameters), (low[0], high[0]), (low[1], high[1]),
                                                      GRID),
                               x_range=(low[0], high[0]), y_range=(low[1], high[1]), points=data.train_X,
                               labels=data.train_Y, title=f"{whose}: decision boundary")
            for whose, model in [*trained, ("The reference's model", run.reference)])
        figures.append(RunFigures(row, _costs(family, run), boundaries))
    return FamilyView(family, data.test_X is not None, tuple(figures))


def _costs(family: ExperimentFamily, run: ExperimentRun) -> plots.LineChart:
    series = [plots.Series("your run", _xs(run.student), run.student.costs, "student")] if run.student else []
    series.append(plots.Series("reference", _xs(run.reference), run.reference.costs, "reference"))
    return plots.line_chart(series, title=f"Cost, {run.title[0].lower()}{run.title[1:]}", x_label=family.x_label,
                            y_label="cost")


def _xs(trained: Trained) -> list[int]:
    return [i * trained.record_every for i in range(len(trained.costs))]


def _arrays(parameters: dict[str, list]) -> dict[str, np.ndarray]:
    return {name: np.asarray(value, dtype=float) for name, value in parameters.items()}
