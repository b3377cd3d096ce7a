import json

from grader.report.gradescope import render_gradescope

STATUSES = {"passed", "failed"}
VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}


def test_gradescope_results_hold_the_score_and_one_test_per_exercise(report):
    data = json.loads(render_gradescope(report))
    assert (data["score"], data["max_score"]) == (report.score, report.max_score)
    assert data["visibility"] in VISIBILITIES
    assert [test["name"] for test in data["tests"]] == [e.name for e in report.exercises]
    for test, result in zip(data["tests"], report.exercises):
        assert {"name", "score", "max_score", "status", "output", "visibility"} <= test.keys()
        assert (test["score"], test["max_score"]) == (result.score, result.max_score)
        assert test["status"] == ("passed" if result.passed else "failed") and test["status"] in STATUSES
        assert test["visibility"] in VISIBILITIES
        if not result.passed:
            assert test["output"].startswith(result.message)
    assert sum(test["score"] for test in data["tests"]) == data["score"]


def test_tests_are_numbered_by_assignment_and_the_output_gives_each_ones_score(report):
    data = json.loads(render_gradescope(report))
    numbers = {test["name"]: test["number"] for test in data["tests"]}
    assert (numbers["initialize_parameters_zeros"], numbers["compute_cost_with_regularization"],
            numbers["schedule_lr_decay"]) == ("1.1", "2.1", "4.8")
    regularization = [e for e in report.exercises if e.module == "regularization"]
    assert f"Regularization {sum(e.score for e in regularization):g}/9" in data["output"]


def test_the_output_says_which_isolation_student_code_ran_with(report):
    output = json.loads(render_gradescope(report))["output"]
    assert f"Student code ran with {report.isolation['level']} isolation" in output
    assert all(missing in output for missing in report.isolation["missing"])
