"""`grade submit` and `grade list` against the CLI contract."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from grader.catalog import EXERCISES, MODULES
from grader.cli import main
from tests.conftest import CORPUS, ROOT, grade, statuses

ALL = {exercise.name for exercise in EXERCISES}
TOTAL = sum(exercise.points for exercise in EXERCISES)


def test_reference_scores_full_marks(reference_copy):
    code, report, _ = grade(reference_copy)
    assert code == 0
    assert statuses(report) == {name: "passed" for name in ALL}
    assert report["score"] == report["max_score"] == TOTAL
    assert all(exercise["examples"] > 0 for exercise in report["exercises"])


def test_untouched_stubs_score_zero_and_are_not_attempted():
    code, report, _ = grade(ROOT / "exercises")
    assert code == 1
    assert statuses(report) == {name: "missing" for name in ALL}
    assert report["score"] == 0
    assert all("not attempted" in exercise["message"].lower() for exercise in report["exercises"])


def test_json_follows_the_contract(reference_copy):
    _, report, _ = grade(reference_copy, "--only", "update_lr")
    assert report["schema"] == 2
    assert {"score", "max_score", "seed", "exercises"} <= set(report)
    (exercise,) = report["exercises"]
    assert {"name", "module", "status", "score", "max_score", "message", "checks"} <= set(exercise)


def test_syntax_error_names_file_and_line_and_other_files_are_graded(tmp_path):
    shutil.copy(CORPUS / "base" / "initialization.py", tmp_path / "initialization.py")
    (tmp_path / "regularization.py").write_text("import numpy as np\n\ndef compute_cost_with_regularization(A3, Y\n")
    code, report, _ = grade(tmp_path)
    assert code == 1
    by_name = {exercise["name"]: exercise for exercise in report["exercises"]}
    for exercise in EXERCISES:
        if exercise.module == "initialization":
            assert by_name[exercise.name]["status"] == "passed"
        elif exercise.module == "regularization":
            assert by_name[exercise.name]["status"] == "error"
            assert "SyntaxError" in by_name[exercise.name]["message"]
            assert "regularization.py, line 3" in by_name[exercise.name]["message"]
        else:  # the folder has no file for its assignment: graded as the two it holds
            assert exercise.name not in by_name


def test_absent_function_is_missing(tmp_path):
    base = (CORPUS / "base" / "optimization.py").read_text()
    (tmp_path / "optimization.py").write_text(base.replace("def update_lr(", "def update_lr_renamed("))
    _, report, _ = grade(tmp_path, "--only", "update_lr", "--only", "schedule_lr_decay")
    by_name = {exercise["name"]: exercise for exercise in report["exercises"]}
    assert by_name["update_lr"]["status"] == "missing"
    assert "not defined" in by_name["update_lr"]["message"]
    assert by_name["schedule_lr_decay"]["status"] == "passed"


def test_timeout_and_crash_fail_only_their_exercise(tmp_path):
    base = (CORPUS / "base" / "optimization.py").read_text()
    (tmp_path / "optimization.py").write_text(base + """

def update_lr(learning_rate0, epoch_num, decay_rate):
    while True:
        pass

def initialize_velocity(parameters):
    import os
    os._exit(3)
""")
    code, report, _ = grade(tmp_path, "--timeout", "0.5")
    found = statuses(report)
    assert code == 1
    assert found["update_lr"] == "timeout"
    assert found["initialize_velocity"] == "error"
    others = {exercise.name for exercise in EXERCISES if exercise.module == "optimization"} - {
        "update_lr", "initialize_velocity"}
    assert {name: found[name] for name in others} == {name: "passed" for name in others}


def test_a_single_file_is_searched_for_every_function(tmp_path):
    single = tmp_path / "everything.py"
    single.write_text("\n\n".join((CORPUS / "base" / f"{module}.py").read_text() for module in MODULES))
    code, report, _ = grade(single)
    assert code == 0
    assert statuses(report) == {name: "passed" for name in ALL}


def test_same_seed_gives_the_same_verdicts_and_messages():
    first = grade(ROOT / "examples" / "demo_submission", "--seed", "7")[1]
    second = grade(ROOT / "examples" / "demo_submission", "--seed", "7")[1]
    strip = lambda report: [{k: v for k, v in e.items() if k != "seconds"} for e in report["exercises"]]  # noqa: E731
    assert strip(first) == strip(second)
    assert first["seed"] == 7


@pytest.mark.slow
def test_verdicts_do_not_depend_on_the_ci_variable(tmp_path):
    """hypothesis loads another settings profile when CI is set; ours are explicit."""
    def run(ci: bool) -> list:
        env = {k: v for k, v in os.environ.items() if k != "CI"}
        if ci:
            env["CI"] = "true"
        out = subprocess.run([sys.executable, "-m", "grader", "submit", str(ROOT / "examples" / "demo_submission"),
                              "--json", "-", "--no-html"], capture_output=True, text=True, env=env, cwd=tmp_path)
        return [{k: v for k, v in e.items() if k != "seconds"} for e in json.loads(out.stdout)["exercises"]]
    assert run(ci=True) == run(ci=False)


def test_bad_input_exits_2_with_a_message(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(main, ["submit", str(tmp_path / "nope")])
    assert missing.exit_code == 2
    assert "Error:" in missing.output and "no such file" in missing.output
    empty = runner.invoke(main, ["submit", str(tmp_path)])
    assert empty.exit_code == 2
    assert "no file to grade" in empty.output
    unknown = runner.invoke(main, ["submit", str(tmp_path), "--only", "initialise_everything"])
    assert unknown.exit_code == 2
    assert "unknown exercise" in unknown.output


def test_html_report_goes_to_the_current_directory_by_default(tmp_path, monkeypatch, reference_copy):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["submit", str(reference_copy), "--only", "update_lr"])
    assert result.exit_code == 0
    assert (tmp_path / "grade-report.html").is_file()
    assert str(tmp_path / "grade-report.html") in result.stdout
    assert "\x1b[" not in result.stdout  # no colour when not on a terminal


def test_list_shows_every_exercise_and_the_total():
    result = CliRunner().invoke(main, ["list"])
    assert result.exit_code == 0
    for exercise in EXERCISES:
        assert exercise.name in result.output
    assert f"Total: {TOTAL} points" in result.output


@pytest.mark.slow
def test_a_module_that_never_finishes_loading_times_out_and_others_are_graded(tmp_path):
    shutil.copy(CORPUS / "base" / "initialization.py", tmp_path / "initialization.py")
    (tmp_path / "optimization.py").write_text("while True:\n    pass\n")
    code, report, _ = grade(tmp_path, "--timeout", "0.5")
    found = statuses(report)
    assert code == 1
    assert {found[e.name] for e in EXERCISES if e.module == "optimization"} == {"timeout"}
    assert {found[e.name] for e in EXERCISES if e.module == "initialization"} == {"passed"}


def test_a_relative_path_is_graded(monkeypatch, reference_copy):
    monkeypatch.chdir(reference_copy.parent)
    code, report, _ = grade(reference_copy.name, "--only", "update_lr")
    assert code == 0 and statuses(report) == {"update_lr": "passed"}


class _Terminal:
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    from grader.cli import _use_color
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert _use_color(_Terminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not _use_color(_Terminal())


@pytest.mark.slow
def test_memory_option_limits_the_students_code(tmp_path):
    (tmp_path / "optimization.py").write_text(
        "import numpy as np\n"
        "def update_lr(learning_rate0, epoch_num, decay_rate):\n"
        "    block = np.ones(400 * 2**20 // 8)  # 400 MiB: fine by default, not within 300 MiB\n"
        "    return learning_rate0 / (1 + decay_rate * epoch_num)\n")
    # Each call writes 400 MiB: a generous timeout keeps a busy machine from making it a timeout.
    assert statuses(grade(tmp_path, "--only", "update_lr", "--timeout", "30")[1]) == {"update_lr": "passed"}
    _, report, _ = grade(tmp_path, "--only", "update_lr", "--memory", "300")
    assert report["exercises"][0]["status"] == "error" and "MemoryError" in report["exercises"][0]["message"]


def test_a_bug_in_the_grader_exits_2_with_one_line_not_a_traceback(monkeypatch, tmp_path):
    import grader.grading
    monkeypatch.setattr(grader.grading, "grade_submission", lambda *args, **kwargs: 1 / 0)
    (tmp_path / "optimization.py").write_text("")
    result = CliRunner().invoke(main, ["submit", str(tmp_path)])
    assert result.exit_code == 2
    assert "internal error in dlgrade, please report it: ZeroDivisionError" in result.output
    assert "Traceback" not in result.output


def _slow_but_correct(folder, module: str, redefined: str) -> None:
    """The correct base `module` in `folder`, with one function `redefined`, slowly (0.3 s a call)."""
    base = (CORPUS / "base" / f"{module}.py").read_text()
    (folder / f"{module}.py").write_text(base + "\nimport time\n" + redefined)


SLOW_UPDATE_LR = ("def update_lr(learning_rate0, epoch_num, decay_rate):\n"
                  "    time.sleep(0.3)\n"
                  "    return learning_rate0 / (1 + decay_rate * epoch_num)\n")


def test_correct_but_slow_code_runs_out_of_its_exercise_budget(tmp_path, monkeypatch):
    import grader.grading
    monkeypatch.setattr(grader.grading, "EXERCISE_BUDGET_TIMEOUTS", 2)  # 1 s with --timeout 0.5
    _slow_but_correct(tmp_path, "optimization", SLOW_UPDATE_LR)
    code, report, _ = grade(tmp_path, "--timeout", "0.5", "--only", "update_lr", "--only", "schedule_lr_decay")
    by_name = {exercise["name"]: exercise for exercise in report["exercises"]}
    assert by_name["update_lr"]["status"] == "timeout"
    assert "over the budget per exercise (1 s; about 0.3 s per call)" in by_name["update_lr"]["message"]
    assert by_name["schedule_lr_decay"]["status"] == "passed"


# The base's own functions, made slow (0.3 s a call).
SLOW_FIRST_TWO = ("_quick_gd, _quick_velocity = update_parameters_with_gd, initialize_velocity\n\n\n"
                  "def update_parameters_with_gd(parameters, grads, learning_rate):\n"
                  "    time.sleep(0.3)\n"
                  "    return _quick_gd(parameters, grads, learning_rate)\n\n\n"
                  "def initialize_velocity(parameters):\n"
                  "    time.sleep(0.3)\n"
                  "    return _quick_velocity(parameters)\n")


@pytest.mark.slow
def test_a_slow_submission_runs_out_of_its_own_budget_and_the_rest_is_not_graded(tmp_path):
    """Two slow exercises first, so that the budget runs out in each lane `grade submit` grades
    in (one, or two at once): the exercise after them is not reached."""
    _slow_but_correct(tmp_path, "optimization", SLOW_FIRST_TWO)
    code, report, _ = grade(tmp_path, "--budget", "1.5", "--only", "update_parameters_with_gd",
                            "--only", "initialize_velocity", "--only", "update_lr")
    by_name = {exercise["name"]: exercise for exercise in report["exercises"]}
    assert code == 1
    assert {name: exercise["status"] for name, exercise in by_name.items()} == dict.fromkeys(by_name, "timeout")
    assert "over the time left in the submission's budget" in by_name["update_parameters_with_gd"]["message"]
    assert by_name["update_lr"]["message"] == (
        "Not graded: the exercises before it used the whole time budget of the submission (1.5 s)")


def test_the_same_submission_gets_the_same_isolation_report_twice(reference_copy):
    first, second = (grade(reference_copy, "--only", "update_lr")[1]["isolation"] for _ in range(2))
    assert first == second


def test_a_traceback_names_the_file_not_where_it_was_graded_from(tmp_path):
    (tmp_path / "optimization.py").write_text(
        "def update_lr(learning_rate0, epoch_num, decay_rate):\n    return 1 / 0\n")
    _, report, _ = grade(tmp_path, "--only", "update_lr")
    traceback = report["exercises"][0]["traceback"]
    assert 'File "optimization.py", line 2, in update_lr' in traceback
    assert str(tmp_path) not in traceback


@pytest.mark.slow
def test_a_module_not_handed_in_is_missing_even_after_the_budget_ran_out(tmp_path):
    _slow_but_correct(tmp_path, "initialization", "_he = initialize_parameters_he\n"
                                                   "def initialize_parameters_he(layers_dims):\n"
                                                   "    time.sleep(0.3)\n"
                                                   "    return _he(layers_dims)\n")
    _, report, _ = grade(tmp_path, "--budget", "1.5", "--only", "initialize_parameters_he", "--only", "update_lr")
    assert statuses(report) == {"initialize_parameters_he": "timeout", "update_lr": "missing"}


ADAM_AND_LR = ("--only", "update_parameters_with_adam", "--only", "update_lr")  # 3 + 1 points


@pytest.fixture
def adam_wrong(tmp_path):
    """update_lr right, Adam wrong: 1 point of 4, 25%."""
    (tmp_path / "optimization.py").write_text(
        (CORPUS / "base" / "optimization.py").read_text() + "\n\n"
        + (CORPUS / "optimization" / "update_parameters_with_adam__no_bias_correction.py").read_text())
    return tmp_path


@pytest.mark.parametrize("threshold, code", [("25", 0), ("26", 1), ("0", 0), ("100", 1)])
def test_fail_under_gates_on_the_score_as_a_percentage(adam_wrong, threshold, code):
    assert grade(adam_wrong, *ADAM_AND_LR, "--fail-under", threshold)[0] == code


def test_junit_and_gradescope_files_are_written(adam_wrong, tmp_path):
    junit, gradescope = tmp_path / "junit.xml", tmp_path / "results.json"
    grade(adam_wrong, *ADAM_AND_LR, "--junit", str(junit), "--gradescope", str(gradescope))
    assert junit.read_text().count("<testcase ") == 2 and "<failure " in junit.read_text()
    assert json.loads(gradescope.read_text())["score"] == 1


def test_in_github_actions_a_failing_exercise_is_annotated_and_summarised(adam_wrong, tmp_path, monkeypatch):
    summary = tmp_path / "step-summary.md"
    summary.write_text("earlier steps\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = CliRunner().invoke(main, ["submit", str(adam_wrong), "--no-html", *ADAM_AND_LR])
    line = next(line for line in result.stdout.splitlines() if line.startswith("::error"))
    defined = [number for number, text in enumerate((adam_wrong / "optimization.py").read_text().splitlines(), 1)
               if text.startswith("def update_parameters_with_adam")][-1]  # the later definition wins
    assert line.startswith(f"::error file=optimization.py,line={defined},title=update_parameters_with_adam%3A failed::")
    assert summary.read_text().startswith("earlier steps\n### dlgrade: 1/4 points (25%)")
    assert "| `update_lr` | ✅ passed | 1/1 |  |" in summary.read_text()


def test_annotations_keep_out_of_the_json_on_stdout(adam_wrong, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(adam_wrong))
    code, report, stderr = grade(adam_wrong, *ADAM_AND_LR)
    assert report is not None and "::error file=optimization.py," in stderr


def test_a_folder_named_reference_where_the_grader_runs_is_not_taken_for_the_reference(tmp_path):
    """`python -m grader` puts the working folder on sys.path: a student's `reference/` there must
    not stand in for the solutions (an editable install, as `make demo` makes, finds them last)."""
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "optimization.py").write_text("def update_lr(learning_rate0, epoch_num, decay_rate):\n"
                                                           "    return 0.0\n")
    (tmp_path / "submission").mkdir()
    (tmp_path / "submission" / "optimization.py").write_text(
        (CORPUS / "base" / "optimization.py").read_text()
        + "\n\ndef update_lr(learning_rate0, epoch_num, decay_rate):\n    return 0.0\n")
    done = subprocess.run([sys.executable, "-m", "grader", "submit", "submission", "--only", "update_lr", "--json", "-",
                           "--no-html"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert statuses(json.loads(done.stdout)) == {"update_lr": "failed"}
