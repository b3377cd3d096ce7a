"""Gradescope's results.json: the total score and one test per exercise.

Fields as Gradescope's autograder specification names them: `score` and `max_score` at the
top and per test, `status` passed or failed, `name`, `output` (what the student reads) and
`visibility`. Every test is visible: the grade is built from the students' own results.
A test's `number` is its assignment's and its own (`2.3`), which Gradescope groups by, and
the top `output` gives each assignment's score and the isolation student code ran with.
"""

from __future__ import annotations

import json

from grader.report.summary import ANSWERS, by_module, failure_text, format_points
from grader.results import Report

VISIBLE = "visible"


def render_gradescope(report: Report) -> str:
    numbered = [(f"{group_number}.{number}", result) for group_number, group in enumerate(by_module(report), start=1)
                for number, result in enumerate(group.exercises, start=1)]
    per_assignment = "; ".join(f"{group.title} {format_points(group.score)}/{format_points(group.max_score)}"
                               for group in by_module(report))
    document = {
        "score": report.score,
        "max_score": report.max_score,
        "execution_time": round(report.seconds, 3),
        "output": f"dlgrade {report.grader_version}, seed {report.seed}, compared with {ANSWERS[report.mode]}: "
                  f"{format_points(report.score)}/{format_points(report.max_score)} points ({per_assignment}). "
                  f"{_isolation(report.isolation)}",
        "visibility": VISIBLE,
        "stdout_visibility": VISIBLE,
        "tests": [{
            "name": result.name,
            "number": number,
            "score": result.score,
            "max_score": result.max_score,
            "status": "passed" if result.passed else "failed",
            "output": "Passed" if result.passed else failure_text(result),
            "tags": [result.module, result.status.value],
            "visibility": VISIBLE,
        } for number, result in numbered],
    }
    return json.dumps(document, indent=2) + "\n"


def _isolation(isolation: dict) -> str:
    """The isolation student code ran with, for the instructor: a Docker container (Gradescope's)
    often refuses bubblewrap its namespaces, and the grading then falls back to processes."""
    missing = isolation.get("missing") or []
    return f"Student code ran with {isolation['level']} isolation" + \
        (f"; not in force here: {'; '.join(missing)}." if missing else ".")


def render_not_graded(reason: str) -> str:
    """A results.json for a submission that could not be graded: no points, and why."""
    return json.dumps({"score": 0, "output": f"dlgrade could not grade this submission: {reason}",
                       "visibility": VISIBLE, "stdout_visibility": VISIBLE, "tests": []}, indent=2) + "\n"
