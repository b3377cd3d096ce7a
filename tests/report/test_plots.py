"""Plots: the geometry plots.py computes, and the SVG the _plots.html.j2 macros draw from it."""

import importlib.resources
import math
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from grader.report.html import TEMPLATE_PACKAGE, environment
from grader.report.plots import Series, boundary_map, line_chart

SVG = "{http://www.w3.org/2000/svg}"
ITERATIONS = list(range(0, 15000, 1000))
DECAY = [0.6931 * math.exp(-i / 4000) + 0.1 for i in ITERATIONS]


def render(macro: str, plot) -> str:
    page = environment().from_string(
        '{% from "_plots.html.j2" import line_chart, boundary_map %}{{ ' + macro + "(plot) }}"
    ).render(plot=plot)
    assert page.count("<svg") == 1
    return page


def parse(page: str) -> ET.Element:
    """The page's one <svg> element, parsed as XML: it must be well-formed and in the SVG namespace."""
    svg = ET.fromstring(re.search(r"<svg\b.*</svg>", page, re.S).group(0))
    assert svg.tag == f"{SVG}svg"
    return svg


def chart(*series: Series, title: str = "Cost") -> ET.Element:
    return parse(render("line_chart", line_chart(series, title=title, x_label="iterations", y_label="cost")))


def polylines(svg: ET.Element) -> list[list[tuple[float, float]]]:
    return [[tuple(map(float, p.split(","))) for p in line.get("points").split()]
            for line in svg.iter(f"{SVG}polyline")]


def tick_value(label: str) -> float:
    return float(label[:-1]) * {"k": 1e3, "M": 1e6}[label[-1]] if label[-1] in "kM" else float(label)


def circles_grid(n: int) -> np.ndarray:
    """Predictions of a circular boundary on an n x n grid over [-1.5, 1.5]^2, row 0 at y = -1.5."""
    ticks = np.linspace(-1.5, 1.5, n)
    xs, ys = np.meshgrid(ticks, ticks)
    return xs**2 + (ys - 0.3) ** 2 < 0.6


def circles_data(m: int = 300) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    angle = rng.uniform(0, 2 * np.pi, m)
    labels = np.arange(m) % 2
    radius = np.where(labels == 1, 0.5, 1.0) + rng.normal(0, 0.08, m)
    return np.vstack([radius * np.cos(angle), radius * np.sin(angle)]), labels.reshape(1, m)


def a_map(grid: np.ndarray, **kwargs):
    points, labels = circles_data()
    arguments = dict(x_range=(-1.5, 1.5), y_range=(-1.5, 1.5), points=points, labels=labels, title="Boundary")
    return boundary_map(grid, **(arguments | kwargs))


@pytest.mark.parametrize("lo, hi", [(0, 14000), (1, 1500), (0, 0.6931), (-3, 7), (0, 2.5e-4), (0.5, 0.52)])
def test_ticks_are_nice_and_within_the_range(lo, hi):
    result = line_chart([Series("run", [lo, hi], [lo, hi], "student")], title="t", x_label="x", y_label="y")
    frame = result.frame
    axes = ((result.x_ticks, (frame.left, frame.right)), (result.y_ticks, (frame.bottom, frame.top)))
    for ticks, (start, end) in axes:
        values = [tick_value(tick.label) for tick in ticks]
        steps = {round(b - a, 12) for a, b in zip(values, values[1:])}
        assert 3 <= len(ticks) <= 6 and len(steps) == 1, values
        mantissa = steps.pop() / 10 ** math.floor(math.log10(values[1] - values[0]))
        assert round(mantissa, 9) in (1, 2, 5)
        assert all(min(start, end) <= tick.pos <= max(start, end) for tick in ticks)
    x_values = [tick_value(tick.label) for tick in result.x_ticks]
    assert lo - 1e-12 <= x_values[0] and x_values[-1] <= hi + 1e-12


def test_tick_labels_are_compact():
    result = line_chart([Series("run", ITERATIONS, DECAY, "student")], title="t", x_label="x", y_label="y")
    assert [tick.label for tick in result.x_ticks] == ["0", "5k", "10k"]
    assert [tick.label for tick in result.y_ticks] == ["0.0", "0.2", "0.4", "0.6", "0.8"]
    small = line_chart([Series("run", [0, 1500], [0, 0.25], "student")], title="t", x_label="x", y_label="y")
    assert [tick.label for tick in small.x_ticks] == ["0", "500", "1000", "1500"]
    assert [tick.label for tick in small.y_ticks] == ["0.00", "0.05", "0.10", "0.15", "0.20", "0.25"]


def test_non_finite_values_split_the_line_and_are_not_drawn():
    ys = [math.inf, 0.6, 0.5, math.nan, 0.4, 0.3, 0.25, -math.inf, 0.2]
    svg = chart(Series("your run", range(len(ys)), ys, "student"))
    lines = polylines(svg)
    assert [len(line) for line in lines] == [2, 3]
    assert len(list(svg.iter(f"{SVG}circle"))) == 1  # the lone 0.2 after -inf, as a dot
    text = ET.tostring(svg, encoding="unicode")
    assert "inf" not in text.replace("(inf or nan)", "") and "nan" not in text.replace("(inf or nan)", "")
    notes = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "plot-note"]
    assert notes == ["your run: 3 values not finite (inf or nan) or past ±1e100, not drawn"]


@pytest.mark.parametrize("ys", [
    [1e308, -1e308, 1e308, 0.5],  # a student's cost that swings to the ends of float64
    [-1.7e308, 0.4, 0.3],
    [5e-324, 5e-324, 5e-324],  # a span lost in rounding
    [1e99, 1e99 * (1 + 1e-15)],
])
def test_extreme_values_never_break_the_chart(ys):
    svg = chart(Series("your run", range(len(ys)), ys, "student"), Series("reference", range(3), [0.7, 0.5, 0.4],
                                                                       "reference"))
    assert svg.tag == f"{SVG}svg"
    ticks = [float(t.get("y1")) for t in svg.iter(f"{SVG}line") if t.get("y1") is not None]
    assert all(math.isfinite(value) for value in ticks)


def test_a_cost_of_inf_at_iteration_0_leaves_a_gap_at_the_start():
    result = line_chart([Series("run", ITERATIONS, [math.inf] + DECAY[1:], "student")],
                        title="t", x_label="x", y_label="y")
    assert result.x_ticks[0].label == "0" and result.x_ticks[0].pos == result.frame.left
    first_x = float(result.lines[0].polylines[0].split()[0].split(",")[0])
    assert first_x > result.frame.left + 20


def test_an_early_spike_is_clipped_at_the_top_edge_and_noted():
    spiky = [9.5, 4.0] + DECAY[2:]
    result = line_chart([Series("run", ITERATIONS, spiky, "student")], title="t", x_label="x", y_label="y")
    top = tick_value(result.y_ticks[-1].label)
    assert top < 1.5  # the rest of the curve keeps the chart's height
    assert len(result.lines[0].clipped) == 2 and result.lines[0].clipped[0] == result.frame.left
    top_label = result.y_ticks[-1].label
    assert [note.text for note in result.notes] == [f"▲ values above {top_label} are drawn at the top edge"]
    svg = parse(render("line_chart", result))
    points = [p for line in polylines(svg) for p in line]
    assert all(result.frame.top <= y <= result.frame.bottom for _, y in points)
    assert min(y for _, y in points) == result.frame.top  # the line leaves through the top edge
    assert len([p for p in svg.iter(f"{SVG}path") if p.get("class") == "plot-off"]) == 2


def test_a_plain_decay_is_not_clipped():
    result = line_chart([Series("run", ITERATIONS, DECAY, "student")], title="t", x_label="x", y_label="y")
    assert result.lines[0].clipped == () and result.notes == ()
    assert tick_value(result.y_ticks[-1].label) >= max(DECAY)


@pytest.mark.parametrize("value", [0.6931, 0.0, -2.0])
def test_a_constant_run_gets_a_y_range(value):
    result = line_chart([Series("run", ITERATIONS, [value] * len(ITERATIONS), "student")],
                        title="t", x_label="x", y_label="y")
    assert len(result.y_ticks) >= 3
    (line,) = polylines(parse(render("line_chart", result)))
    assert len({y for _, y in line}) == 1
    assert result.frame.top <= line[0][1] <= result.frame.bottom
    assert line[0][0] == result.frame.left and line[-1][0] == result.frame.right


@pytest.mark.parametrize("series", [
    [],
    [Series("run", [], [], "student")],
    [Series("run", [3], [math.nan], "student"), Series("ref", [], [], "reference")],
])
def test_nothing_to_plot_renders_a_placeholder(series):
    result = line_chart(series, title="t", x_label="x", y_label="y")
    svg = parse(render("line_chart", result))
    assert result.placeholder is not None and polylines(svg) == []
    assert "no values to plot" in ET.tostring(svg, encoding="unicode")


def test_a_single_point_is_a_dot():
    result = line_chart([Series("run", [5], [0.7], "student")], title="t", x_label="x", y_label="y")
    assert result.placeholder is None and result.lines[0].polylines == ()
    [(x, _)] = result.lines[0].dots
    assert x == (result.frame.left + result.frame.right) / 2


def test_student_and_reference_are_styled_apart_and_in_the_legend():
    svg = chart(Series("ref", ITERATIONS, DECAY, "reference"), Series("mine", ITERATIONS, DECAY, "student"))
    groups = [g.get("class") for g in svg.iter(f"{SVG}g") if "plot-series" in (g.get("class") or "")]
    assert groups == ["plot-series plot-student", "plot-series plot-reference"]  # the student's first, under
    legend = [t.text for t in svg.iter(f"{SVG}text") if t.text in ("ref", "mine")]
    assert legend == ["mine", "ref"]


def test_a_series_with_an_unknown_role_or_mismatched_lengths_is_refused():
    with pytest.raises(ValueError, match="'teacher'"):
        Series("x", [1], [1], "teacher")
    with pytest.raises(ValueError, match="xs has 2 values, ys 1"):
        Series("x", [1, 2], [1], "student")


def decode(d: str, shape: tuple[int, int], frame) -> np.ndarray:
    """How often a region's path covers each grid cell, from its M x0 y0 H x1 V y1 H x0 Z rectangles."""
    rows, cols = shape
    cell_w, cell_h = (frame.right - frame.left) / cols, (frame.bottom - frame.top) / rows
    covered = np.zeros(shape, dtype=int)
    rectangles = re.findall(r"M([\d.]+) ([\d.]+)H([\d.]+)V([\d.]+)H([\d.]+)Z", d)
    assert "".join(f"M{a} {b}H{c}V{e}H{f}Z" for a, b, c, e, f in rectangles) == d
    for x0, y_top, x1, y_bottom, x_back in rectangles:
        assert x_back == x0
        c0, c1 = round((float(x0) - frame.left) / cell_w), round((float(x1) - frame.left) / cell_w)
        r0, r1 = round((frame.bottom - float(y_bottom)) / cell_h), round((frame.bottom - float(y_top)) / cell_h)
        assert r1 == r0 + 1 and c1 > c0
        covered[r0, c0:c1] += 1
    return covered


@pytest.mark.parametrize("grid", [
    circles_grid(100),
    np.random.default_rng(1).random((37, 53)) < 0.5,
    np.ones((1, 1), dtype=bool),
    np.zeros((3, 4), dtype=bool),
], ids=["circle", "noise", "one-cell", "all-0"])
def test_regions_cover_exactly_their_cells(grid):
    result = a_map(grid)
    region_0, region_1 = result.regions
    assert np.array_equal(decode(region_1.d, grid.shape, result.frame), grid.astype(int))
    assert np.array_equal(decode(region_0.d, grid.shape, result.frame), (~grid).astype(int))


def test_row_0_is_at_the_bottom():
    grid = np.zeros((10, 10), dtype=bool)
    grid[0, :3] = True
    result = a_map(grid)
    assert (result.frame.left, result.frame.bottom, result.frame.right) == (40, 450, 440)
    assert result.regions[1].d == "M40 410H160V450H40Z"  # 3 of 10 columns, the lowest of 10 rows


@pytest.mark.parametrize("n", [10, 200])
def test_a_map_has_a_bounded_number_of_elements(n):
    svg = parse(render("boundary_map", a_map(circles_grid(n))))
    assert len(list(svg.iter(f"{SVG}path"))) == 2
    assert len(list(svg.iter(f"{SVG}rect"))) == 3  # the frame and two legend swatches


def test_a_100_by_100_map_with_300_points_is_small():
    page = render("boundary_map", a_map(circles_grid(100)))
    assert len(page.encode()) < 40_000
    svg = parse(page)
    groups = [g for g in svg.iter(f"{SVG}g") if "plot-points" in (g.get("class") or "")]
    assert [len(g.findall(f"{SVG}circle")) for g in groups] == [150, 150]


def test_points_outside_the_map_are_noted():
    points = np.array([[0.0, 5.0, 0.2], [0.0, 0.0, math.nan]])
    result = a_map(circles_grid(20), points=points, labels=np.array([0, 1, 1]))
    assert [len(group.centers) for group in result.points] == [1, 0]
    assert [note.text for note in result.notes] == ["2 points outside the plotted area not drawn"]


@pytest.mark.parametrize("kwargs, message", [
    (dict(grid=np.zeros(5, dtype=bool)), "2-D"),
    (dict(points=np.zeros((3, 300))), r"\(3, 300\)"),
    (dict(labels=np.zeros(299)), r"\(299,\)"),
    (dict(x_range=(1.0, 1.0)), "x_range"),
])
def test_a_map_of_bad_inputs_is_refused(kwargs, message):
    grid = kwargs.pop("grid", circles_grid(10))
    with pytest.raises(ValueError, match=message):
        a_map(grid, **kwargs)


NASTY = 'a<b & "c" \'d\' </svg>'


def test_labels_are_escaped():
    result = line_chart([Series(NASTY, ITERATIONS, DECAY, "student")], title=NASTY, x_label=NASTY, y_label=NASTY)
    svg = parse(render("line_chart", result))
    assert svg.get("aria-label") == NASTY and svg.find(f"{SVG}title").text == NASTY
    assert [t.text for t in svg.iter(f"{SVG}text")].count(NASTY) == 4  # title, legend, both axes
    map_svg = parse(render("boundary_map", a_map(circles_grid(10), title=NASTY)))
    assert map_svg.get("aria-label") == NASTY


def test_every_class_the_macros_use_is_styled():
    css = importlib.resources.files(TEMPLATE_PACKAGE).joinpath("_plots.css.j2").read_text("utf-8")
    spiky = [math.inf, 9.0] + DECAY[2:]
    pages = [
        render("line_chart", line_chart([Series("s", ITERATIONS, spiky, "student"),
                                         Series("r", [1, 2, 3], [1, math.nan, 2], "reference")],
                                        title="t", x_label="x", y_label="y")),
        render("line_chart", line_chart([], title="t", x_label="x", y_label="y")),
        render("boundary_map", a_map(circles_grid(10), points=np.array([[9.0], [0.0]]), labels=[1])),
    ]
    used = {name for page in pages for names in re.findall(r'class="([^"]+)"', page) for name in names.split()}
    assert {"plot-note", "plot-off", "plot-placeholder", "plot-class-0", "plot-region"} <= used
    assert not {name for name in used if f".{name}" not in css}
    assert "@media (prefers-color-scheme: dark)" in css
