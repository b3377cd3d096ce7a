"""GitHub Actions: an error annotation on each failing exercise's function, and a Markdown
table for the job's summary page.

Annotations are workflow commands printed to stdout (`::error file=...,line=...::message`);
their file is relative to the repository's root (GITHUB_WORKSPACE), so GitHub shows the
message on that line of the student's code.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from grader.report.summary import by_module, format_points, percent
from grader.results import ExerciseResult, Report

MESSAGE_CAP = 300  # characters of a message in the summary table


def annotations(report: Report, workspace: str) -> str:
    """One `::error` line per exercise that did not pass."""
    lines = []
    for result in report.exercises:
        if result.passed:
            continue
        where = {"title": f"{result.name}: {result.status.value}"}
        if (path := _source(report, result)) is not None:
            where = {"file": os.path.relpath(path, workspace), **({"line": str(result.line)} if result.line else {}),
                     **where}
        properties = ",".join(f"{key}={_escape(value, property=True)}" for key, value in where.items())
        lines.append(f"::error {properties}::{_escape(result.message)}")
    return "".join(line + "\n" for line in lines)


def _source(report: Report, result: ExerciseResult) -> Path | None:
    """The file the exercise's function was looked up in, or None if it was not handed in."""
    if result.file is None:
        return None
    submission = Path(report.submission)
    return submission if submission.is_file() else submission / result.file


def _escape(value: str, property: bool = False) -> str:
    """Workflow command escaping: %, CR and LF always; ':' and ',' in properties too."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property else value


def step_summary(report: Report) -> str:
    """A Markdown table (exercise, status, points, message) under the score."""
    lines = [f"### dlgrade: {format_points(report.score)}/{format_points(report.max_score)} points "
             f"({percent(report.score, report.max_score)}%)", "",
             "| Exercise | Status | Points | Message |", "| --- | --- | ---: | --- |"]
    for group in by_module(report):
        for result in group.exercises:
            mark = "✅" if result.passed else "❌"
            lines.append(f"| `{result.name}` | {mark} {result.status.value} | "
                         f"{format_points(result.score)}/{format_points(result.max_score)} | {_cell(result.message)} |")
    return "\n".join(lines) + "\n\n"


def _cell(text: str) -> str:
    """Text safe in a Markdown table cell: one line, pipes escaped, no HTML."""
    text = " ".join(text.split())
    text = text if len(text) <= MESSAGE_CAP else text[:MESSAGE_CAP - 1] + "…"
    return html.escape(text).replace("|", "\\|")
