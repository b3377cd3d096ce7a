import csv
import io
import json

from grader.batch.gradebook import Gradebook, Graded
from grader.batch.tables import grades_csv, grades_json
from grader.catalog import ASSIGNMENTS, EXERCISES
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
    assert table[0] == ["student", "score", "max_score",
                        *(name for a in ASSIGNMENTS for name in (a.name, *exercises_of(a.name)))]
    assert [row[:3] for row in table[1:]] == [["alice", "32", "32"], ["bob", "31", "32"]]
    bob = dict(zip(table[0], table[2]))
    assert (bob["update_lr"], bob["initialize_parameters_he"], bob["update_parameters_with_adam"]) == ("0", "2", "3")
    assert (bob["initialization"], bob["regularization"], bob["gradient_checking"], bob["optimization"]) == \
        ("4", "9", "7", "11")


def exercises_of(module: str) -> list[str]:
    return [exercise.name for exercise in EXERCISES if exercise.module == module]


def test_a_batch_of_one_notebook_submissions_has_a_column_group_per_assignment_handed_in(tmp_path):
    rows = students(tmp_path,
                    Graded("ana", "/class/ana.ipynb", "h1", make_report("ana", assignments=("regularization",))),
                    Graded("ben", "/class/ben.ipynb", "h2", make_report(
                        "ben", {"update_lr": ("failed", "x", None)}, assignments=("optimization",))),
                    Graded("cy", "/class/cy", "h3", make_report("cy", assignments=("regularization", "optimization"))))
    [header, *table] = list(csv.reader(io.StringIO(grades_csv(rows))))
    assert header == ["student", "score", "max_score", "regularization", *exercises_of("regularization"),
                      "optimization", *exercises_of("optimization")]
    ana, ben, cy = (dict(zip(header, row)) for row in table)
    assert (ana["score"], ana["max_score"], ana["regularization"], ana["optimization"]) == ("9", "21", "9", "")
    assert {ana[name] for name in exercises_of("optimization")} == {""}
    assert (ben["score"], ben["regularization"], ben["optimization"], ben["update_lr"]) == ("11", "", "11", "0")
    assert (cy["score"], cy["regularization"], cy["optimization"]) == ("21", "9", "12")
    data = json.loads(grades_json(rows))
    assert [(a["name"], a["max_score"]) for a in data["assignments"]] == [("regularization", 9), ("optimization", 12)]
    assert data["max_score"] == 21
    assert [s["assignments"] for s in data["students"]] == [
        [{"name": "regularization", "score": 9, "max_score": 9}],
        [{"name": "optimization", "score": 11, "max_score": 12}],
        [{"name": "regularization", "score": 9, "max_score": 9}, {"name": "optimization", "score": 12, "max_score": 12}]]


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
    assert (data["schema"], data["max_score"]) == (2, 32)
    assert (alice["student"], alice["score"], alice["complete"], alice["content_hash"], alice["seed"]) == \
        ("alice", 30.0, True, "h1", 0)
    cost = next(e for e in alice["exercises"] if e["name"] == "compute_cost_with_regularization")
    assert (cost["status"], cost["points"], cost["misconception"]) == ("failed", 0.0, "the L2 term uses lambd/m")
