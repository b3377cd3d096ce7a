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

from grader.report import experiments
from grader.report.summary import by_module, format_points, percent
from grader.results import ExerciseResult, Report

MESSAGE_CAP = 300  # characters of a message in the summary table
ANNOTATIONS = 10  # error annotations GitHub shows per step


def annotations(report: Report, workspace: str) -> str:
    """`::error` lines for the exercises that did not pass: one per place (a file that does not
    load fails all its exercises at one line), at most ANNOTATIONS (GitHub shows no more per step)."""
    places: dict[tuple, list[ExerciseResult]] = {}
    for result in report.exercises:
        if not result.passed:
            # A line in a notebook's cell is no line of the .ipynb file: the title names the cell instead.
            line, cell = (None, result.cell["place"]) if result.cell else (result.line, None)
            places.setdefault((_source(report, result, workspace), line, cell, result.message), []).append(result)
    lines = []
    for (path, line, cell, message), results in places.items():
        where = {"file": path, "line": str(line) if line and path else None,
                 "title": f"{', '.join(result.name for result in results)}: {results[0].status.value}"
                          + (f" ({cell}, line {results[0].line})" if cell else "")}
        properties = ",".join(f"{key}={_escape(value, property=True)}" for key, value in where.items() if value)
        lines.append(f"::error {properties}::{_escape(message)}")
    if len(lines) > ANNOTATIONS:
        lines[ANNOTATIONS - 1:] = [f"::error title=dlgrade::{len(lines) - ANNOTATIONS + 1} more exercises did not "
                                   "pass: the job's summary and the HTML report list them all"]
    return "".join(line + "\n" for line in lines)


def _source(report: Report, result: ExerciseResult, workspace: str) -> str | None:
    """The path, from the repository's root, of the file the exercise's function was looked
    up in; None if it was not handed in or lies outside the repository."""
    if result.file is None:
        return None
    submission = Path(report.submission)
    path = os.path.relpath(submission if submission.is_file() else submission / result.file,
                           os.path.realpath(workspace))
    return None if path.startswith("..") else path


def _escape(value: str, property: bool = False) -> str:
    """Workflow command escaping: %, CR and LF always; ':' and ',' in properties too."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property else value


def step_summary(report: Report) -> str:
    """A Markdown table (exercise, status, points, message) under the score, a row with each
    assignment's score above its exercises; with experiments, their accuracies too."""
    lines = [f"### dlgrade: {format_points(report.score)}/{format_points(report.max_score)} points "
             f"({percent(report.score, report.max_score)}%)", "",
             "| Exercise | Status | Points | Message |", "| --- | --- | ---: | --- |"]
    for group in by_module(report):
        lines.append(f"| **{_cell(group.title)}** | | **{format_points(group.score)}/{format_points(group.max_score)}** | |")
        for result in group.exercises:
            mark = "✅" if result.passed else "❌"
            lines.append(f"| `{result.name}` | {mark} {result.status.value} | "
                         f"{format_points(result.score)}/{format_points(result.max_score)} | {_cell(result.message)} |")
    if report.experiments:
        lines += ["", "#### Experiments: training / test accuracy", "",
                  "| Run | Yours | Reference | Course | |", "| --- | --- | --- | --- | --- |"]
        for family in report.experiments:
            for row in experiments.rows(family):
                lines.append(f"| {family.title}: {row.run.title} | {experiments.joined(row.yours)} | "
                             f"{experiments.joined(row.reference)} | {experiments.joined(row.course)} | "
                             f"{_cell(' '.join((row.verdict, *row.notes)))} |")
    return "\n".join(lines) + "\n\n"


def _cell(text: str) -> str:
    """Text safe in a Markdown table cell: one line, pipes escaped, no HTML."""
    text = " ".join(text.split())
    text = text if len(text) <= MESSAGE_CAP else text[:MESSAGE_CAP - 1] + "…"
    return html.escape(text).replace("|", "\\|")
