"""The gradebook's tables: grades.csv for a spreadsheet or an LMS, and the same as JSON.

Both are built from the gradebook alone (`grade export` needs nothing else). A student whose
grading itself failed has empty cells, not zeros: that is the grader's doing, not theirs.
"""

from __future__ import annotations

import csv
import io
import json

from grader.batch.gradebook import StudentRow
from grader.batch.kinds import failure_kind
from grader.catalog import EXERCISES
from grader.report.summary import format_points

EXPORT_SCHEMA = 1
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def grades_csv(students: list[StudentRow]) -> str:
    """One row per student: student, score, max_score, then the points of each exercise, in course order."""
    max_score = format_points(sum(exercise.points for exercise in EXERCISES))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", "score", "max_score", *(exercise.name for exercise in EXERCISES)])
    for row in students:
        points = {result.exercise: result.points for result in row.exercises}
        cells = [format_points(points[e.name]) if e.name in points else "" for e in EXERCISES]
        score = format_points(row.score) if row.complete else ""
        writer.writerow([_inert(row.student), score, max_score, *cells])
    return out.getvalue()


def _inert(cell: str) -> str:
    """A student id as text a spreadsheet shows, never runs (OWASP's advice: a leading quote)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def grades_json(students: list[StudentRow]) -> str:
    """Every student's current submission, its grading and each exercise's result."""
    document = {
        "schema": EXPORT_SCHEMA,
        "max_score": sum(exercise.points for exercise in EXERCISES),
        "students": [{
            "student": row.student, "source": row.source, "complete": row.complete, "problem": row.problem,
            "score": row.score, "max_score": row.max_score, "seconds": row.seconds, "graded_at": row.graded_at,
            "content_hash": row.content_hash, "grader_version": row.grader_version, "seed": row.seed,
            "exercises": [{
                "name": result.exercise, "module": result.module, "status": result.status,
                "points": result.points, "max_points": result.max_points, "message": result.message,
                "misconception": result.misconception,
                "kind": failure_kind(result.status, result.message, result.misconception, result.failed_check),
            } for result in row.exercises],
        } for row in students],
    }
    return json.dumps(document, indent=2) + "\n"
