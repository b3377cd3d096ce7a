"""The summary a student reads in a terminal: one line per exercise, then the score.

Details (inputs, diffs, output, tracebacks) live in the HTML report; a line here says
only whether an exercise passed and, if not, the first words of why. Messages can carry
text from student code, so control characters are made visible before anything is
printed: with color=False the output holds no escape sequence at all.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata

import click

from grader.report import experiments
from grader.report.summary import KIT_NOTE, by_module, counts_phrase, format_points, percent
from grader.results import ExerciseResult, Report, Status

DEFAULT_WIDTH = 100
# Below this many columns a message is not worth truncating into; let the line run long.
_MIN_MESSAGE_WIDTH = 24

_MARKS = {
    Status.PASSED: ("✓", "green"),
    Status.FAILED: ("✗", "red"),
    Status.ERROR: ("!", "red"),
    Status.TIMEOUT: ("⏱", "yellow"),
    Status.MISSING: ("·", None),
}

_WHITESPACE = re.compile(r"\s+")


def render_terminal(
    report: Report, *, color: bool, html_path: str | None, width: int = DEFAULT_WIDTH
) -> str:
    """The terminal summary of `report`, lines no wider than `width` columns where possible.

    color: style marks, titles and the score with ANSI escapes (click.style); when False
        the text holds no escape sequence.
    html_path: where the HTML report was written, named on the last line; None leaves it out.
    width: the line budget; a message is cut with '…' to fit it (the full text is in the HTML).
    """

    def style(text: str, **styles) -> str:
        # Falsy styles are dropped: click.style(dim=False) would still emit a reset code.
        styles = {key: value for key, value in styles.items() if value}
        return click.style(text, **styles) if color and styles else text

    name_width = max((len(e.name) for e in report.exercises), default=0)
    points_width = max((len(_points(e)) for e in report.exercises), default=0)
    prefix_width = len("  ✓ ") + name_width + 2 + points_width
    message_width = max(width - prefix_width - 2, _MIN_MESSAGE_WIDTH)

    lines = [
        " · ".join(
            [
                style(f"dlgrade {_clean(report.grader_version)}", bold=True),
                f"submission: {_clean(report.submission)}",
                f"seed {report.seed}",
                f"isolation: {_clean(report.isolation['level'])}",
            ]
        )
    ]
    if report.mode == "kit":
        lines += [style(line, dim=True) for line in textwrap.wrap(KIT_NOTE, max(width, 40))]
    for note in report.notes:
        lines += [style(line, dim=True) for line in textwrap.wrap(_clean(f"Note: {note}"), max(width, 40),
                                                                   subsequent_indent="  ")]
    for group in by_module(report):
        subtotal = f"{format_points(group.score)}/{format_points(group.max_score)}"
        # The assignment's own score, in the exercises' points column.
        lines += ["", style(group.title.ljust(prefix_width - len(subtotal)), bold=True) + subtotal]
        for result in group.exercises:
            mark, mark_color = _MARKS[result.status]
            line = "  {} {}  {}".format(
                style(mark, fg=mark_color, dim=mark_color is None),
                result.name.ljust(name_width),
                _points(result).rjust(points_width),
            )
            if not result.passed and result.message:
                message = _truncate(_clean(result.message), message_width)
                line += "  " + style(message, dim=result.status is Status.MISSING)
            lines.append(line)

    lines += _experiment_lines(report, style, width)

    fraction = f"{format_points(report.score)}/{format_points(report.max_score)}"
    score = f"Score: {fraction} ({percent(report.score, report.max_score)}%)"
    full_marks = bool(report.exercises) and report.all_passed
    summary = [style(score, bold=True, fg="green" if full_marks else "yellow")]
    if report.exercises:
        summary.append(counts_phrase(report))
    elapsed = f"{report.seconds:.1f} s"
    # The time is the first thing to give up on a narrow terminal.
    if _columns(click.unstyle(" · ".join([*summary, elapsed]))) <= width:
        summary.append(elapsed)
    lines += ["", " · ".join(summary)]
    if html_path is not None:
        lines.append(f"HTML report: {_clean(html_path)}")
    return "\n".join(lines) + "\n"


def _experiment_lines(report: Report, style, width: int) -> list[str]:
    """The experiments' accuracies in the course's form: yours, the reference's, the course's."""
    if not report.experiments:
        return []
    title_width = max(len(run.title) for family in report.experiments for run in family.runs) + 2
    lines = ["", style("Experiments", bold=True) + style(" · training / test accuracy", dim=True),
             " " * (title_width + 4) + "".join(f"{column:<17}" for column in ("yours", "reference", "course")).rstrip()]
    for family in report.experiments:
        heading, *rest = textwrap.wrap(f"{family.title} · {_clean(family.dataset)}", max(width - 2, 40),
                                       subsequent_indent="    ")
        title, dataset = heading.split(" · ", 1) if " · " in heading else (heading, "")
        lines.append("  " + style(title, bold=True) + style(f" · {dataset}" if dataset else "", dim=True))
        lines += [style(f"  {line}", dim=True) for line in rest]
        for row in experiments.rows(family):
            cells = "".join(f"{experiments.joined(pair):<17}" for pair in (row.yours, row.reference, row.course))
            line = f"    {row.run.title:<{title_width}}{cells}".rstrip()
            lines.append(line + (style(f"  {row.verdict}", fg="yellow") if row.verdict else ""))
            for note in row.notes:
                lines += [style(text, dim=True) for text in textwrap.wrap(_clean(note), max(width - 6, 40),
                                                                           initial_indent="      ",
                                                                           subsequent_indent="        ")]
    return lines


def _points(result: ExerciseResult) -> str:
    return f"{format_points(result.score)}/{format_points(result.max_score)}"


def _clean(text: str) -> str:
    """One line of printable text: whitespace runs become one space, control characters
    (an ESC from student code above all) are shown as escapes instead of acting."""
    text = _WHITESPACE.sub(" ", text).strip()
    return "".join(
        ascii(ch)[1:-1] if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text
    )


def _truncate(text: str, columns: int) -> str:
    """Cut `text` to `columns` display columns (wide characters count two), ending in '…'."""
    if _columns(text) <= columns:
        return text
    kept, used = [], 0
    for ch in text:
        used += _columns(ch)
        if used > columns - 1:
            break
        kept.append(ch)
    cut = "".join(kept)
    # End on a word boundary when that loses little, so the line does not stop mid-word.
    space = cut.rfind(" ")
    if not text[len(cut)].isspace() and space >= columns * 2 // 3:
        cut = cut[:space]
    return cut.rstrip() + "…"


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
