import pytest

from grader.report.github import annotations, step_summary
from grader.results import Status


@pytest.fixture
def located(report, tmp_path):
    report.submission = str(tmp_path / "repo" / "solutions")
    for result in report.exercises:
        result.file, result.line = f"{result.module}.py", 10
    report.exercises[1].file = None  # its module was not handed in
    return report


def test_each_exercise_that_did_not_pass_is_an_error_on_its_function(located, tmp_path):
    lines = annotations(located, workspace=str(tmp_path / "repo")).splitlines()
    failing = [e for e in located.exercises if not e.passed]
    assert len(lines) == len(failing)
    he = next(line for line in lines if "initialize_parameters_he" in line)
    assert he.startswith("::error file=solutions/initialization.py,line=10,title=initialize_parameters_he%3A failed::")


def test_messages_and_properties_are_escaped_as_workflow_commands_require(located, tmp_path):
    located.exercises[2].message = "100% wrong\nsecond line"
    located.exercises[2].name = "a,b:c"
    line = next(line for line in annotations(located, str(tmp_path)).splitlines() if "a%2Cb%3Ac" in line)
    assert line.endswith("::100%25 wrong%0Asecond line")


def test_an_exercise_whose_file_was_not_handed_in_is_annotated_without_a_file(located, tmp_path):
    missing = located.exercises[1]
    missing.status, missing.score = Status.MISSING, 0.0
    line = next(line for line in annotations(located, str(tmp_path)).splitlines() if missing.name in line)
    assert line.startswith(f"::error title={missing.name}%3A missing::")


def test_the_summary_is_a_table_of_every_exercise_with_safe_cells(located):
    located.exercises[3].message = "a | b\n<script>x</script>"
    table = step_summary(located)
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert len(rows) == len(located.exercises)
    assert "a \\| b &lt;script&gt;x&lt;/script&gt;" in table
    assert table.startswith("### dlgrade: 16.5/32 points (51%)")
    headings = [line for line in table.splitlines() if line.startswith("| **")]
    assert [line.split("**")[1] for line in headings] == ["Initialization", "Regularization", "Gradient Checking",
                                                         "Optimization Methods"]


def test_a_file_that_fails_to_load_is_one_annotation_for_all_its_exercises(located, tmp_path):
    for result in located.exercises:
        result.status, result.score, result.message, result.line = Status.ERROR, 0.0, "SyntaxError in x.py", 3
        result.file = "initialization.py"
    [line] = annotations(located, str(tmp_path / "repo")).splitlines()
    assert line.startswith("::error file=solutions/initialization.py,line=3,title=initialize_parameters_zeros%2C ")


def test_past_the_ten_annotations_github_shows_one_says_how_many_more(located, tmp_path):
    for index, result in enumerate(located.exercises):
        result.status, result.score, result.message = Status.FAILED, 0.0, f"wrong {index}"
    lines = annotations(located, str(tmp_path / "repo")).splitlines()
    assert len(located.exercises) > 10 and len(lines) == 10
    assert lines[-1] == (f"::error title=dlgrade::{len(located.exercises) - 9} more exercises did not pass: "
                         "the job's summary and the HTML report list them all")


def test_a_file_outside_the_repository_is_not_named(located, tmp_path):
    lines = annotations(located, str(tmp_path / "elsewhere")).splitlines()
    assert lines and not any("file=" in line for line in lines)


def test_an_exercise_in_a_notebook_is_annotated_on_the_file_with_its_cell_in_the_title(report, tmp_path):
    report.submission = str(tmp_path)
    for result in report.exercises:
        result.file, result.line = "Optimization_methods.ipynb", 3
        result.cell = {"label": "In [7]", "place": "cell In [7]", "source": ""}
    first = annotations(report, str(tmp_path)).splitlines()[0]
    assert first.startswith("::error file=Optimization_methods.ipynb,title=")
    assert "line=" not in first.split("::")[1] and "(cell In [7]%2C line 3)" in first


def test_with_experiments_the_summary_adds_their_accuracies_with_safe_cells(located):
    from grader.results import ExperimentFamily, ExperimentRun, Trained

    def trained(accuracy):
        return Trained([0.7, 0.5], 1000, accuracy, None, {})
    located.experiments = [ExperimentFamily("optimization", "Optimization methods", "moons", "epochs", [
        ExperimentRun("adam", "Adam", ["update_parameters_with_adam"], reference=trained(0.9433),
                      student=trained(0.72), stand_ins={"initialize_adam": "yours raised ValueError: a | <b>"},
                      course=[0.94, None])])]
    table = step_summary(located)
    assert "#### Experiments: training / test accuracy" in table
    row = next(line for line in table.splitlines() if line.startswith("| Optimization methods: Adam"))
    assert row.startswith("| Optimization methods: Adam | 72.0% | 94.3% | 94% | training accuracy 22.3 points below")
    assert "a \\| &lt;b&gt;" in row
    located.experiments = []
    assert "Experiments" not in step_summary(located)
