import csv
import io
import json

from grader.batch.gradebook import Gradebook, Graded
from grader.batch.tables import grades_csv, grades_json
from grader.catalog import EXERCISES
from tests.batch.conftest import make_report


def students(tmp_path, *graded: Graded):
    with Gradebook.open(tmp_path / "gradebook.sqlite") as book:
        run = book.start_run("/class", "v1", "{}")
        for entry in graded:
            book.record(run, entry, grader_version="v1", seed=0, settings="{}")
        return book.students()


def test_one_row_per_student_with_the_points_of_each_exercise_in_course_order(tmp_path):
    rows = students(tmp_path,
                    Graded("bob", "/class/bob", "h2", make_report("bob", {"update_lr": ("failed", "x", None)})),
                    Graded("alice", "/class/alice", "h1", make_report("alice")))
    table = list(csv.reader(io.StringIO(grades_csv(rows))))
    assert table[0] == ["student", "score", "max_score", *(exercise.name for exercise in EXERCISES)]
    assert [row[:3] for row in table[1:]] == [["alice", "32", "32"], ["bob", "31", "32"]]
    bob = dict(zip(table[0], table[2]))
    assert (bob["update_lr"], bob["initialize_parameters_he"], bob["update_parameters_with_adam"]) == ("0", "2", "3")


def test_a_student_whose_grading_failed_has_empty_cells_not_zeros(tmp_path):
    rows = students(tmp_path, Graded("carol", "/class/carol", "h3", None, "the grading process died"))
    [header, carol] = list(csv.reader(io.StringIO(grades_csv(rows))))
    assert carol[:3] == ["carol", "", "32"]
    assert set(carol[3:]) == {""}


def test_a_student_id_a_spreadsheet_would_run_is_written_as_text(tmp_path):
    rows = students(tmp_path, Graded("=HYPERLINK(\"http://x\")", "/class/x", "h", make_report("x")))
    assert list(csv.reader(io.StringIO(grades_csv(rows))))[1][0] == "'=HYPERLINK(\"http://x\")"


def test_the_json_export_holds_each_exercise_result_and_how_it_was_graded(tmp_path):
    report = make_report("alice", {"compute_cost_with_regularization": (
        "failed", "Looks like the L2 term uses lambd/m: ...", "the L2 term uses lambd/m")})
    rows = students(tmp_path, Graded("alice", "/class/alice", "h1", report))
    data = json.loads(grades_json(rows))
    [alice] = data["students"]
    assert (data["schema"], data["max_score"]) == (1, 32)
    assert (alice["student"], alice["score"], alice["complete"], alice["content_hash"], alice["seed"]) == \
        ("alice", 30.0, True, "h1", 0)
    cost = next(e for e in alice["exercises"] if e["name"] == "compute_cost_with_regularization")
    assert (cost["status"], cost["points"], cost["misconception"]) == ("failed", 0.0, "the L2 term uses lambd/m")
