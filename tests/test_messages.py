"""A failure's message names the misconception, so a student knows what to fix."""

import shutil

from tests.conftest import CORPUS, ROOT, grade


def messages(report) -> dict[str, str]:
    return {exercise["name"]: exercise["message"] for exercise in report["exercises"] if exercise["status"] != "passed"}


def test_the_demo_submissions_mistakes_are_named():
    _, report, _ = grade(ROOT / "examples" / "demo_submission")
    found = messages(report)
    assert found["initialize_parameters_he"].startswith("The weights look scaled by sqrt(1/n_prev) (Xavier)")
    assert found["compute_cost_with_regularization"].startswith("Looks like the L2 term uses lambd/m instead of lambd/(2m)")
    assert "instead of the bias-corrected v_corrected and s_corrected" in found["update_parameters_with_adam"]
    assert "rounds epoch_num / time_interval instead of flooring it" in found["schedule_lr_decay"]
    assert found["gradient_check_n"].startswith("Not attempted")


def test_a_swapped_return_order_is_named(tmp_path):
    base = (CORPUS / "base" / "optimization.py").read_text()
    snippet = (CORPUS / "optimization" / "update_parameters_with_momentum__returns_v_first.py").read_text()
    (tmp_path / "optimization.py").write_text(base + "\n\n" + snippet)
    _, report, _ = grade(tmp_path, "--only", "update_parameters_with_momentum")
    assert messages(report)["update_parameters_with_momentum"] == (
        "The items are returned in the wrong order: return (parameters, v), got (v, parameters)")


def test_the_older_courses_three_item_adam_names_its_mistakes_and_says_how_it_was_read(tmp_path):
    """The 2017-2020 notebook's Adam returns (parameters, v, s): a mistake in it is named as in the newer
    form, not blamed on its length, and the report says which form it was graded as."""
    base = (CORPUS / "base" / "optimization.py").read_text()
    snippet = (CORPUS / "optimization" / "update_parameters_with_adam__older_course_epsilon_inside_sqrt.py").read_text()
    (tmp_path / "optimization.py").write_text(base + "\n\n" + snippet)
    for options in ((), ("--kit",)):
        _, report, _ = grade(tmp_path, "--only", "update_parameters_with_adam", *options)
        adam = report["exercises"][0]
        assert adam["misconception"] == "epsilon is added inside the square root: use sqrt(s_corrected) + epsilon"
        assert "items" not in adam["message"]
        assert any(check["name"] == "the 2017-2020 course's form" and check["passed"] for check in adam["checks"])


def test_a_syntax_error_message_gives_file_and_line(tmp_path):
    shutil.copy(CORPUS / "base" / "optimization.py", tmp_path / "optimization.py")
    with (tmp_path / "optimization.py").open("a") as file:
        file.write("\ndef broken(:\n")
    _, report, _ = grade(tmp_path, "--only", "update_lr")
    assert messages(report)["update_lr"].startswith("SyntaxError in optimization.py, line")


def test_a_gradient_check_with_the_course_example_written_in_points_at_the_line_of_j(tmp_path):
    """It is told that it does not call forward_propagation, at the line that computes J_plus, in a
    .py file and in a notebook, by the full grader and the kit alike."""
    from tests.notebooks import course_notebook, write
    base = (CORPUS / "base" / "gradient_checking.py").read_text()
    snippet = (CORPUS / "gradient_checking" / "gradient_check__hard_coded_j.py").read_text()
    (tmp_path / "gradient_checking.py").write_text(base + "\n\n" + snippet)
    line = next(number for number, text in enumerate((tmp_path / "gradient_checking.py").read_text().splitlines(), 1)
                if text.strip().startswith("J_plus = theta_plus * x"))
    notebook = write(course_notebook(base, overlay=snippet, title="Gradient_Checking"), tmp_path / "GC.ipynb")
    for options in ((), ("--kit",)):
        _, report, _ = grade(tmp_path / "gradient_checking.py", "--only", "gradient_check", *options)
        [check] = report["exercises"]
        assert check["misconception"].startswith("it does not call forward_propagation: J is computed in it")
        assert check["message"].endswith(f"(gradient_checking.py, line {line})") and check["line"] == line
        _, report, _ = grade(notebook, "--only", "gradient_check", *options)
        [check] = report["exercises"]
        cell_line = check["cell"]["source"].splitlines()[check["line"] - 1]
        assert cell_line.strip().startswith("J_plus = theta_plus * x"), check
        assert check["message"].endswith(f"(GC.ipynb, {check['cell']['place']}, line {check['line']})"), check["message"]
