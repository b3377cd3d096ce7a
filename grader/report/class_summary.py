"""summary.html: the class at a glance for an instructor, one self-contained page.

Like the student's report it holds only autoescaped text, no script and no outside
resource; the histogram is inline SVG drawn from the overview's bins.
"""

from __future__ import annotations

import dataclasses
import urllib.parse

from grader.batch.naming import report_filename
from grader.batch.overview import ClassOverview
from grader.report.html import environment

TEMPLATE = "class_summary.html.j2"
# The histogram's drawing area, in SVG user units (it scales with the page).
CHART_WIDTH, CHART_HEIGHT, CHART_MARGIN = 640, 200, 28
# Students listed by name under one failure; the rest are counted.
NAMED_STUDENTS = 12


@dataclasses.dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int


def render_class_summary(overview: ClassOverview, *, title: str, generated: str, grader_version: str,
                         seed: int | None, skipped: list[dict]) -> str:
    """`title`: what the class is (the batch's folder); `seed`: the seed of the grades, if all share one."""
    return environment().get_template(TEMPLATE).render(
        overview=overview, title=title, generated=generated, grader_version=grader_version, seed=seed,
        skipped=skipped, bars=_bars(overview), chart=(CHART_WIDTH, CHART_HEIGHT, CHART_MARGIN),
        named_students=NAMED_STUDENTS, report_link=report_link)


def report_link(student: str, exercise: str | None = None) -> str:
    """The relative link from summary.html to a student's report (and to one exercise in it)."""
    link = "reports/" + urllib.parse.quote(report_filename(student), safe="")
    return link + f"#ex-{exercise}" if exercise else link


def _bars(overview: ClassOverview) -> list[Bar]:
    tallest = max((bin.count for bin in overview.histogram), default=0) or 1
    slot = CHART_WIDTH / len(overview.histogram)
    bars = []
    for index, bin in enumerate(overview.histogram):
        height = (CHART_HEIGHT - CHART_MARGIN) * bin.count / tallest
        bars.append(Bar(x=index * slot + 3, y=CHART_HEIGHT - height, width=slot - 6, height=height,
                        label=f"{bin.low}–{bin.high}", count=bin.count))
    return bars
