"""The gradebook's tables: grades.csv for a spreadsheet or an LMS, and the same as JSON.

Both are built from the gradebook alone (`grade export` needs nothing else). A student whose
grading itself failed has empty cells, not zeros: that is the grader's doing, not theirs.
"""

from __future__ import annotations

import csv
import io
import json

from grader.batch.gradebook import StudentRow, graded_assignments
from grader.batch.kinds import failure_kind
from grader.catalog import Assignment
from grader.report.summary import format_points

# 2: `assignments`, the batch's and each student's (1 had only the totals).
EXPORT_SCHEMA = 2
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def grades_csv(students: list[StudentRow]) -> str:
    """One row per student: student, score, max_score (the points of the batch's assignments),
    then a column group per assignment: its score, then the points of each of its exercises.
    An assignment the student's submission was not graded as has empty cells."""
    assignments = graded_assignments(students)
    max_score = format_points(sum(assignment.points for assignment in assignments))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", "score", "max_score",
                     *(name for a in assignments for name in (a.name, *(e.name for e in a.exercises)))])
    for row in students:
        score = format_points(row.score) if row.complete else ""
        writer.writerow([_inert(row.student), score, max_score, *_cells(row, assignments)])
    return out.getvalue()


def _cells(row: StudentRow, assignments: tuple[Assignment, ...]) -> list[str]:
    """A student's column groups: each assignment's score, then its exercises' points."""
    points = {result.exercise: result.points for result in row.exercises}
    scores = row.assignment_scores()
    cells = []
    for assignment in assignments:
        cells.append(format_points(scores[assignment.name][0]) if assignment.name in scores else "")
        cells.extend(format_points(points[e.name]) if e.name in points else "" for e in assignment.exercises)
    return cells


def _inert(cell: str) -> str:
    """A student id as text a spreadsheet shows, never runs (OWASP's advice: a leading quote)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def grades_json(students: list[StudentRow]) -> str:
    """Every student's current submission, its grading, each assignment's score and each exercise's result."""
    assignments = graded_assignments(students)
    document = {
        "schema": EXPORT_SCHEMA,
        "max_score": sum(a.points for a in assignments),
        "assignments": [{"name": a.name, "title": a.title, "max_score": a.points,
                         "exercises": [e.name for e in a.exercises]} for a in assignments],
        "students": [{
            "student": row.student, "source": row.source, "complete": row.complete, "problem": row.problem,
            "score": row.score, "max_score": row.max_score, "seconds": row.seconds, "graded_at": row.graded_at,
            "content_hash": row.content_hash, "grader_version": row.grader_version, "seed": row.seed,
            "assignments": [{"name": name, "score": score, "max_score": max_score}
                            for name, (score, max_score) in row.assignment_scores().items()],
            "exercises": [{
                "name": result.exercise, "module": result.module, "status": result.status,
                "points": result.points, "max_points": result.max_points, "message": result.message,
                "misconception": result.misconception,
                "kind": failure_kind(result.status, result.message, result.misconception, result.failed_check),
            } for result in row.exercises],
        } for row in students],
    }
    return json.dumps(document, indent=2) + "\n"
