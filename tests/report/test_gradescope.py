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
