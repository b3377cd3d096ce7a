"""Gradescope's results.json: the total score and one test per exercise.

Fields as Gradescope's autograder specification names them: `score` and `max_score` at the
top and per test, `status` passed or failed, `name`, `output` (what the student reads) and
`visibility`. Every test is visible: the grade is built from the students' own results.
"""

from __future__ import annotations

import json

from grader.report.summary import ANSWERS, failure_text, format_points
from grader.results import Report

VISIBLE = "visible"


def render_gradescope(report: Report) -> str:
    document = {
        "score": report.score,
        "max_score": report.max_score,
        "execution_time": round(report.seconds, 3),
        "output": f"dlgrade {report.grader_version}, seed {report.seed}, compared with {ANSWERS[report.mode]}: "
                  f"{format_points(report.score)}/{format_points(report.max_score)} points",
        "visibility": VISIBLE,
        "stdout_visibility": VISIBLE,
        "tests": [{
            "name": result.name,
            "number": str(index),
            "score": result.score,
            "max_score": result.max_score,
            "status": "passed" if result.passed else "failed",
            "output": "Passed" if result.passed else failure_text(result),
            "tags": [result.module, result.status.value],
            "visibility": VISIBLE,
        } for index, result in enumerate(report.exercises, start=1)],
    }
    return json.dumps(document, indent=2) + "\n"


def render_not_graded(reason: str) -> str:
    """A results.json for a submission that could not be graded: no points, and why."""
    return json.dumps({"score": 0, "output": f"dlgrade could not grade this submission: {reason}",
                       "visibility": VISIBLE, "stdout_visibility": VISIBLE, "tests": []}, indent=2) + "\n"
