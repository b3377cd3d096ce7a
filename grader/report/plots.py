"""Geometry of the report's plots: cost curves and decision boundaries, student's run vs reference's.

Python decides where things go (numbers, coordinate strings, short labels) and
templates/_plots.html.j2 draws them, so a label from a student's run reaches the page
only through jinja2's autoescape. Positions are SVG user units rounded to 0.1: finer
is invisible at any zoom and only makes the page bigger.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import numpy as np

ROLES = ("student", "reference")
TICKS = 5  # an axis gets at most this many intervals between ticks
# Line chart: viewBox, and margins for the title and legend (top) and the tick and axis labels.
CHART_WIDTH, CHART_HEIGHT = 480, 300
CHART_LEFT, CHART_RIGHT, CHART_TOP, CHART_BOTTOM = 58, 18, 50, 44
# Boundary map: a square plot area; its axes carry tick labels only.
MAP_SIZE = 400  # as wide as a line chart, so that side by side their text is the same size
MAP_LEFT, MAP_RIGHT, MAP_TOP, MAP_BOTTOM = 40, 14, 50, 24
TITLE_Y, LEGEND_Y, NOTE_LINE = 17, 37, 15
# A legend character's width at 11 px, overestimated so that entries never overlap.
CHAR_WIDTH = 6.5
# Values more than SPIKE_RATIO times the largest one after the first HEAD of each run are an early
# spike, drawn at the top edge: the course's large initialisation starts the cost near 10 and would
# squeeze the rest of the curve into a few pixels. The y range then ends HEADROOM above the rest.
HEAD, SPIKE_RATIO, HEADROOM = 0.1, 4.0, 1.05
# Values past this are not drawn (a note says how many); the axes' arithmetic stays far from overflow.
PLOTTABLE = 1e100


@dataclasses.dataclass(frozen=True)
class Series:
    """One run's curve; `role` ("student" or "reference") says how it is drawn."""

    label: str
    xs: Sequence[float]
    ys: Sequence[float]
    role: str

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"Series role must be one of {ROLES}, got {self.role!r}")
        if len(self.xs) != len(self.ys):
            raise ValueError(f"Series {self.label!r}: xs has {len(self.xs)} values, ys {len(self.ys)}")


@dataclasses.dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str


@dataclasses.dataclass(frozen=True)
class Tick:
    pos: float  # along its axis
    label: str


@dataclasses.dataclass(frozen=True)
class Frame:
    """The viewBox (0 0 width height) and the plot area inside it."""

    width: float
    height: float
    left: float
    top: float
    right: float
    bottom: float


@dataclasses.dataclass(frozen=True)
class LegendEntry:
    role: str  # the CSS suffix of its swatch: student, reference, class-0, class-1
    x: float
    y: float
    label: str


@dataclasses.dataclass(frozen=True)
class Line:
    """One series as drawn: polylines between gaps, lone points as dots, clipped points at the top edge."""

    role: str
    label: str
    polylines: tuple[str, ...]  # "x,y x,y ..." for <polyline points>
    dots: tuple[tuple[float, float], ...]
    clipped: tuple[float, ...]  # x of each point above the y range


@dataclasses.dataclass(frozen=True)
class LineChart:
    title: Text
    frame: Frame
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    x_label: Text
    y_label: Text  # drawn rotated about (x, y)
    lines: tuple[Line, ...]
    legend: tuple[LegendEntry, ...]
    notes: tuple[Text, ...]  # below the chart: what is clipped or not drawn
    placeholder: Text | None  # centred in the plot area when there is nothing to draw


@dataclasses.dataclass(frozen=True)
class Region:
    label: int  # the class predicted there
    d: str  # one closed rectangle per run of equal cells in a grid row; "" when the class is nowhere


@dataclasses.dataclass(frozen=True)
class PointGroup:
    label: int
    centers: tuple[tuple[float, float], ...]


@dataclasses.dataclass(frozen=True)
class BoundaryMap:
    title: Text
    frame: Frame
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    regions: tuple[Region, Region]
    points: tuple[PointGroup, PointGroup]
    legend: tuple[LegendEntry, ...]
    notes: tuple[Text, ...]


def line_chart(series: Sequence[Series], *, title: str, x_label: str, y_label: str) -> LineChart:
    """Curves of `series` on shared axes; the student's runs are drawn first, so a reference that
    matches them shows its dashes on top."""
    series = sorted(series, key=lambda s: ROLES.index(s.role))
    data = [(np.asarray(s.xs, dtype=float), _plottable(np.asarray(s.ys, dtype=float))) for s in series]
    shown = [np.isfinite(xs) & np.isfinite(ys) for xs, ys in data]
    # x spans every finite x, so a cost of inf at iteration 0 leaves a visible gap at the start.
    all_xs = np.concatenate([xs[np.isfinite(xs)] for xs, _ in data] + [np.empty(0)])
    x_lo, x_hi = (float(all_xs.min()), float(all_xs.max())) if all_xs.size else (0.0, 1.0)
    if x_lo == x_hi:
        x_lo, x_hi = x_lo - 1, x_hi + 1
    y_lo, y_hi, y_step = _widened(*_y_limits([np.where(ok, ys, np.nan) for (_, ys), ok in zip(data, shown)]))

    plot_bottom = CHART_HEIGHT - CHART_BOTTOM
    x_of = _scale(x_lo, x_hi, CHART_LEFT, CHART_WIDTH - CHART_RIGHT)
    y_of = _scale(y_lo, y_hi, plot_bottom, CHART_TOP)
    lines = tuple(_line(s, xs, ys, y_hi, x_of, y_of) for s, (xs, ys) in zip(series, data))

    notes = []
    if any(line.clipped for line in lines):
        top_label = _labels([y_hi], y_step)[0]
        notes.append(f"▲ values above {top_label} are drawn at the top edge")
    for s, ok in zip(series, shown):
        if hidden := int((~ok).sum()):
            notes.append(f"{s.label}: {hidden} value{'s' if hidden > 1 else ''} not finite (inf or nan) or past "
                         f"±{PLOTTABLE:.0e}, not drawn".replace("+", ""))
    note_texts = tuple(Text(CHART_LEFT, CHART_HEIGHT + NOTE_LINE * (i + 0.5), note) for i, note in enumerate(notes))

    centre = ((CHART_LEFT + CHART_WIDTH - CHART_RIGHT) / 2, (CHART_TOP + plot_bottom) / 2)
    nothing = not any(line.polylines or line.dots or line.clipped for line in lines)
    return LineChart(
        title=Text(CHART_LEFT, TITLE_Y, title),
        frame=Frame(CHART_WIDTH, CHART_HEIGHT + NOTE_LINE * len(notes), CHART_LEFT, CHART_TOP,
                    CHART_WIDTH - CHART_RIGHT, plot_bottom),
        x_ticks=_ticks(x_lo, x_hi, next(_steps(x_hi - x_lo)), x_of),
        y_ticks=_ticks(y_lo, y_hi, y_step, y_of),
        x_label=Text(_r(centre[0]), CHART_HEIGHT - 8, x_label),
        y_label=Text(14, _r(centre[1]), y_label),
        lines=lines,
        legend=_legend([(s.role, s.label) for s in series], CHART_LEFT),
        notes=note_texts,
        placeholder=Text(_r(centre[0]), _r(centre[1]), "no values to plot") if nothing else None,
    )


def boundary_map(grid, *, x_range: tuple[float, float], y_range: tuple[float, float], points, labels,
                 title: str) -> BoundaryMap:
    """A classifier's predicted regions with the dataset on top.

    grid: 2-D bool predictions on a regular grid, each cell drawn as an equal share of
        x_range x y_range; row 0 is at y_range[0].
    points: (2, m) coordinates of the examples; labels: their 0/1 classes, shape (m,) or (1, m).
    """
    grid = np.asarray(grid, dtype=bool)
    points = np.asarray(points, dtype=float)
    labels = np.asarray(labels).ravel() != 0
    if grid.ndim != 2 or grid.size == 0:
        raise ValueError(f"grid must be a non-empty 2-D array, got shape {grid.shape}")
    if points.ndim != 2 or points.shape[0] != 2 or labels.shape != (points.shape[1],):
        raise ValueError(f"points must be (2, m) and labels (m,) or (1, m), got {points.shape} and "
                         f"{np.shape(labels)}")
    for name, (lo, hi) in (("x_range", x_range), ("y_range", y_range)):
        if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
            raise ValueError(f"{name} must be finite with low < high, got {(lo, hi)}")

    frame = Frame(MAP_LEFT + MAP_SIZE + MAP_RIGHT, MAP_TOP + MAP_SIZE + MAP_BOTTOM,
                  MAP_LEFT, MAP_TOP, MAP_LEFT + MAP_SIZE, MAP_TOP + MAP_SIZE)
    x_of = _scale(*x_range, frame.left, frame.right)
    y_of = _scale(*y_range, frame.bottom, frame.top)
    inside = ((points[0] >= x_range[0]) & (points[0] <= x_range[1])
              & (points[1] >= y_range[0]) & (points[1] <= y_range[1]))
    outside = int((~inside).sum())
    notes = [f"{outside} point{'s' if outside > 1 else ''} outside the plotted area not drawn"] if outside else []
    return BoundaryMap(
        title=Text(MAP_LEFT, TITLE_Y, title),
        frame=dataclasses.replace(frame, height=frame.height + NOTE_LINE * len(notes)),
        x_ticks=_ticks(*x_range, next(_steps(x_range[1] - x_range[0])), x_of),
        y_ticks=_ticks(*y_range, next(_steps(y_range[1] - y_range[0])), y_of),
        regions=_regions(grid, frame),
        points=tuple(PointGroup(label, tuple((_r(x_of(x)), _r(y_of(y)))
                                             for x, y in points[:, inside & (labels == label)].T))
                     for label in (0, 1)),
        legend=_legend([("class-0", "class 0"), ("class-1", "class 1")], MAP_LEFT),
        notes=tuple(Text(MAP_LEFT, frame.height + NOTE_LINE * (i + 0.5), note) for i, note in enumerate(notes)),
    )


def _plottable(ys: np.ndarray) -> np.ndarray:
    """ys with nan where a value is not finite or past ±PLOTTABLE: a student's cost of 1e308 is not
    a point on a chart, and the axis arithmetic would overflow on it."""
    with np.errstate(invalid="ignore"):
        return np.where(np.abs(ys) <= PLOTTABLE, ys, np.nan)


def _y_limits(runs: list[np.ndarray]) -> tuple[float, float]:
    """From 0 (or the lowest value) to the highest, or to a cap when an early spike dwarfs the rest.

    runs: each series' ys, nan where a point is not drawn.
    """
    values = np.concatenate(runs + [np.empty(0)])
    values = values[~np.isnan(values)]
    if not values.size:
        return 0.0, 1.0
    lo, hi = min(0.0, float(values.min())), max(0.0, float(values.max()))
    tails = np.concatenate([ys[math.ceil(HEAD * len(ys)):] for ys in runs] + [np.empty(0)])
    tails = tails[~np.isnan(tails)]
    if tails.size:
        limit = lo + SPIKE_RATIO * (float(tails.max()) - lo)
        if values.max() > limit:
            hi = lo + HEADROOM * (float(values[values <= limit].max()) - lo)
    # A constant run (all 0: the cost of a network that predicts exactly) still needs a range; so does
    # one whose span is lost in rounding.
    return (lo, hi) if hi - lo > 1e-9 * max(1.0, abs(lo)) else (lo, lo + 1.0)


def _line(series: Series, xs: np.ndarray, ys: np.ndarray, top: float, x_of, y_of) -> Line:
    """Split the run at non-finite values and cut it where it leaves the top of the y range."""
    runs, run, clipped, prev = [], [], [], None
    for x, y in zip(xs.tolist(), ys.tolist()):
        if not (math.isfinite(x) and math.isfinite(y)):
            runs.append(run)
            run, prev = [], None
            continue
        if prev is not None and (prev[1] > top) != (y > top):
            run.append((prev[0] + (top - prev[1]) / (y - prev[1]) * (x - prev[0]), top))
            if y > top:
                runs.append(run)
                run = []
        if y > top:
            clipped.append(x)
        else:
            run.append((x, y))
        prev = (x, y)
    runs.append(run)
    drawn = [_dedupe([(_r(x_of(x)), _r(y_of(y))) for x, y in run]) for run in runs]
    return Line(
        role=series.role,
        label=series.label,
        polylines=tuple(" ".join(f"{_n(x)},{_n(y)}" for x, y in run) for run in drawn if len(run) > 1),
        dots=tuple(run[0] for run in drawn if len(run) == 1),
        clipped=tuple(sorted({_r(x_of(x)) for x in clipped})),
    )


def _dedupe(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop points that land on the one before: a long run has many per 0.1 unit."""
    return [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]


def _regions(grid: np.ndarray, frame: Frame) -> tuple[Region, Region]:
    """One path per class, a rectangle per run of equal cells in a row: a few hundred subpaths
    for a 100 x 100 grid rather than 10,000 cells."""
    n_rows, n_cols = grid.shape
    xs = [_n(frame.left + (frame.right - frame.left) * j / n_cols) for j in range(n_cols + 1)]
    ys = [_n(frame.bottom - (frame.bottom - frame.top) * i / n_rows) for i in range(n_rows + 1)]
    paths: dict[bool, list[str]] = {False: [], True: []}
    for i, row in enumerate(grid):
        cuts = [0, *(np.flatnonzero(row[1:] != row[:-1]) + 1).tolist(), n_cols]
        for a, b in zip(cuts, cuts[1:]):
            paths[bool(row[a])].append(f"M{xs[a]} {ys[i + 1]}H{xs[b]}V{ys[i]}H{xs[a]}Z")
    return Region(0, "".join(paths[False])), Region(1, "".join(paths[True]))


def _legend(entries: list[tuple[str, str]], left: float) -> tuple[LegendEntry, ...]:
    """(role, label) entries in a row from `left`; a swatch takes 24 units with its gap."""
    placed, x = [], left
    for role, label in entries:
        placed.append(LegendEntry(role, x, LEGEND_Y, label))
        x += 24 + CHAR_WIDTH * len(label) + 16
    return tuple(placed)


def _scale(lo: float, hi: float, start: float, end: float):
    return lambda v: start + (v - lo) / (hi - lo) * (end - start)


def _steps(span: float):
    """1-2-5 steps as (mantissa, exponent), from the smallest that cuts `span` into at most TICKS
    intervals upwards."""
    exponent = math.floor(math.log10(span / TICKS))
    while True:
        for mantissa in (1, 2, 5):
            if _multiple(mantissa, (1, exponent)) >= span / TICKS:
                yield mantissa, exponent
        exponent += 1


def _widened(lo: float, hi: float) -> tuple[float, float, tuple[int, int]]:
    """lo and hi out to whole steps, with the smallest step that keeps at most TICKS intervals."""
    steps = _steps(hi - lo)
    step = next(steps)
    while (_ceil(hi, step) - _floor(lo, step)) / _multiple(1, step) > TICKS + 1e-9:
        step = next(steps)
    return _floor(lo, step), _ceil(hi, step), step


def _multiple(k: int, step: tuple[int, int]) -> float:
    """k steps, exactly as the decimal reads (0.6, not 0.6000000000000001)."""
    mantissa, exponent = step
    return k * mantissa * 10**exponent if exponent >= 0 else k * mantissa / 10**-exponent


def _floor(value: float, step: tuple[int, int]) -> float:
    return _multiple(math.floor(value / _multiple(1, step) + 1e-9), step)


def _ceil(value: float, step: tuple[int, int]) -> float:
    return _multiple(math.ceil(value / _multiple(1, step) - 1e-9), step)


def _ticks(lo: float, hi: float, step: tuple[int, int], position) -> tuple[Tick, ...]:
    size = _multiple(1, step)
    values = [_multiple(k, step) for k in range(math.ceil(lo / size - 1e-9), math.floor(hi / size + 1e-9) + 1)]
    return tuple(Tick(_r(position(v)), label) for v, label in zip(values, _labels(values, step)))


def _labels(values: list[float], step: tuple[int, int]) -> list[str]:
    """Alike along an axis and short: 0.25, 1500, 0 5k 10k (past 9999), 2.5M."""
    biggest = max((abs(v) for v in values), default=0.0)
    power, suffix = (6, "M") if biggest >= 1e7 else (3, "k") if biggest >= 1e4 else (0, "")
    decimals = max(0, power - step[1])
    if decimals > 6:
        return [f"{v:.2g}" for v in values]
    return [f"{v / 10**power + 0.0:.{decimals}f}{suffix}" if v or not suffix else "0" for v in values]


def _r(value: float) -> float:
    return round(float(value), 1) + 0.0  # + 0.0 turns -0.0 into 0.0


def _n(value: float) -> str:
    """A coordinate as few characters as it takes: 48, 123.4."""
    return f"{_r(value):g}"
