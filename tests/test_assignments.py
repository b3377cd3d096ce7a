"""A submission is graded as the assignments it holds: one notebook, one assignment's score."""

from __future__ import annotations

import shutil

from nbformat.v4 import new_code_cell

from grader.catalog import ASSIGNMENTS, EXERCISES
from tests.conftest import CORPUS, grade, statuses
from tests.notebooks import course_notebook, write

# The course's own helpers, as a student pastes them from reg_utils into a Regularization notebook.
PASTED_HELPERS = '''
def forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]  # (the course's goes on through three layers)
    return sigmoid(Z1), (Z1,)


def backward_propagation(X, Y, cache):
    raise NotImplementedError("the course's, from reg_utils")
'''


def notebook_of(module: str, title: str, tmp_path, **options):
    source = (CORPUS / "base" / f"{module}.py").read_text()
    return write(course_notebook(source, title=title, **options), tmp_path / f"{title}.ipynb")


def names_of(module: str) -> set[str]:
    return {exercise.name for exercise in EXERCISES if exercise.module == module}


def test_a_correct_notebook_is_scored_out_of_its_assignment(tmp_path):
    for assignment in ASSIGNMENTS:
        points = sum(exercise.points for exercise in EXERCISES if exercise.module == assignment.name)
        code, report, _ = grade(notebook_of(assignment.name, assignment.title.replace(" ", "_"), tmp_path))
        assert code == 0 and set(statuses(report)) == names_of(assignment.name)
        assert report["score"] == report["max_score"] == points
        assert f"Graded as the {assignment.title} assignment: scored out of its {points} points" in report["notes"]
    _, report, _ = grade(tmp_path / "Regularization.ipynb")
    assert (report["score"], report["max_score"]) == (9, 9)


def test_a_course_helper_pasted_into_a_notebook_is_not_another_assignments_exercise(tmp_path):
    """Regularization's notebook carries forward_propagation(X, parameters): it is not graded as Gradient
    Checking's forward_propagation(x, theta), so the notebook has no Gradient Checking results."""
    path = notebook_of("regularization", "Regularization", tmp_path, overlay=PASTED_HELPERS)
    code, report, _ = grade(path)
    assert code == 0 and set(statuses(report)) == names_of("regularization")


def test_a_helper_marked_as_graded_is_graded(tmp_path):
    """Marked `# GRADED FUNCTION: forward_propagation`, it is the student's answer to Gradient Checking."""
    source = (CORPUS / "base" / "regularization.py").read_text()
    notebook = course_notebook(source, title="Regularization")
    notebook.cells.append(new_code_cell("# GRADED FUNCTION: forward_propagation\n" + PASTED_HELPERS, execution_count=40))
    _, report, _ = grade(write(notebook, tmp_path / "Regularization.ipynb"))
    assert set(statuses(report)) == names_of("regularization") | names_of("gradient_checking")


def test_only_grades_what_it_names_whatever_the_notebook_holds(tmp_path):
    _, report, _ = grade(notebook_of("initialization", "Initialization", tmp_path), "--only", "update_lr")
    assert statuses(report) == {"update_lr": "missing"}


def test_a_py_file_is_scored_out_of_the_assignments_whose_functions_it_defines(tmp_path):
    (tmp_path / "my_solutions.py").write_text((CORPUS / "base" / "regularization.py").read_text() + PASTED_HELPERS)
    _, report, _ = grade(tmp_path / "my_solutions.py")
    assert set(statuses(report)) == names_of("regularization") and report["max_score"] == 9
    (tmp_path / "nothing.py").write_text("def my_own():\n    pass\n")  # no graded function: the whole course
    _, report, _ = grade(tmp_path / "nothing.py")
    assert len(report["exercises"]) == len(EXERCISES) and set(statuses(report).values()) == {"missing"}


def test_assignment_chooses_what_is_graded_and_scored(tmp_path):
    path = notebook_of("regularization", "Regularization", tmp_path)
    _, report, _ = grade(path, "--assignment", "gradient_checking", "--assignment", "regularization")
    assert set(statuses(report)) == names_of("regularization") | names_of("gradient_checking")
    assert report["max_score"] == 9 + 7
    assert "Graded as the Regularization and Gradient Checking assignments: scored out of their 16 points" \
        in report["notes"]
    code, _, stderr = grade(path, "--assignment", "calculus")
    assert code == 2 and "calculus" in stderr


def test_a_folder_is_scored_per_assignment_and_in_total(tmp_path):
    """A folder with two of the four assignments' files is graded as those two; with all four, as the course."""
    folder = tmp_path / "folder"
    folder.mkdir()
    notebook_of("regularization", "Regularization", folder)
    shutil.copy(CORPUS / "base" / "optimization.py", folder / "optimization.py")
    _, report, _ = grade(folder)
    assert set(statuses(report)) == names_of("regularization") | names_of("optimization")
    assert [(a["name"], a["score"], a["max_score"]) for a in report["assignments"]] == [
        ("regularization", 9, 9), ("optimization", 12, 12)]
    assert (report["score"], report["max_score"]) == (21, 21)
    assert "Graded as the Regularization and Optimization Methods assignments: scored out of their 21 points" in report["notes"]
    for module in ("initialization", "gradient_checking"):
        shutil.copy(CORPUS / "base" / f"{module}.py", folder / f"{module}.py")
    _, report, _ = grade(folder)
    assert len(report["exercises"]) == len(EXERCISES) and not any("Graded as" in note for note in report["notes"])
