"""The HTML report: one self-contained page a student can open on a laptop or a phone.

Everything a student's code produced (printed output, tracebacks, messages, values) is
untrusted text. It reaches the page only through jinja2's autoescape; no HTML is built
in Python and no template marks report data `|safe`. The page carries a Content
Security Policy that forbids scripts and every outside resource, so a mistake in
escaping would still not run anything.

Templates are read with importlib.resources from the package `grader.templates`, so the
same code finds them in a source checkout, an editable install or an installed wheel.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.resources
from collections.abc import Sequence

import jinja2

from grader.report import experiments
from grader.report.summary import (
    ANSWERS,
    KIT_NOTE,
    by_module,
    format_points,
    percent,
    status_counts,
    total_examples,
)
from grader.results import ExerciseResult, Report

TEMPLATE_PACKAGE = "grader.templates"
TEMPLATE = "report.html.j2"
CHECK_TEMPLATE = "check.html.j2"


def render_html(report: Report) -> str:
    """The full HTML document for `report`.

    Should the experiments fail to draw (a bug of ours, or a gradebook written by another
    dlgrade), the page is drawn without them and says so: the grades are never lost with them.
    """
    try:
        return _render(report, experiments.views(report.experiments))
    except Exception as error:  # noqa: BLE001 - the grades must still reach the student
        if not report.experiments:
            raise
        reason = f"{type(error).__name__}: {error}".splitlines()[0][:200]
        note = f"The experiments could not be drawn ({reason}); the grades are complete. Please tell your instructor."
        return _render(dataclasses.replace(report, notes=[*report.notes, note]), [])


def _render(report: Report, experiment_views: list[experiments.FamilyView]) -> str:
    return environment().get_template(TEMPLATE).render(
        report=report,
        groups=by_module(report),
        counts=status_counts(report),
        percent=percent(report.score, report.max_score),
        examples=total_examples(report),
        answers=ANSWERS[report.mode],
        kit_note=KIT_NOTE if report.mode == "kit" else None,
        experiments=experiment_views,
    )


def render_check_html(results: Sequence[ExerciseResult], problems: Sequence[str], notes: Sequence[str], *,
                      kit: bool) -> str:
    """What `dlgrade.check()` shows in a notebook cell: each exercise's card as the report draws
    it, open where it did not pass, then what could not be checked, and the notes."""
    return environment().get_template(CHECK_TEMPLATE).render(
        results=results, problems=problems, notes=notes, kit_note=KIT_NOTE if kit else None)


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(load_template),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        points=format_points,
        sig=_significant,
        shape=_shape,
        thousands=_thousands,
        percent=percent,
        joined=experiments.joined,
    )
    return env


def load_template(name: str) -> str | None:
    resource = importlib.resources.files(TEMPLATE_PACKAGE).joinpath(name)
    # None makes jinja2 raise TemplateNotFound, naming the template.
    return resource.read_text("utf-8") if resource.is_file() else None


def _significant(value: float, digits: int = 3) -> str:
    """A value to `digits` significant digits: 0.000123, 4.57e+06, nan, inf."""
    return f"{value:.{digits}g}"


def _shape(shape: Sequence[int]) -> str:
    """A shape the way NumPy prints it: (3, 4), (5,), ()."""
    dims = [str(int(n)) for n in shape]
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


def _thousands(n: int) -> str:
    return f"{n:,}"
