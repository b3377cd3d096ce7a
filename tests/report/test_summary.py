import pytest

from grader.report.summary import by_module, counts_phrase, format_points, percent, total_examples
from grader.results import ExerciseResult, Report, Status


def test_by_module_follows_the_course_order(report):
    report.exercises.reverse()
    groups = by_module(report)
    assert [g.module for g in groups] == [
        "initialization", "regularization", "gradient_checking", "optimization"
    ]
    assert [g.title for g in groups][-1] == "Optimization Methods"
    assert [e.name for e in groups[0].exercises] == [
        "initialize_parameters_zeros", "initialize_parameters_random", "initialize_parameters_he"
    ]
    assert (groups[1].score, groups[1].max_score) == (2.5, 9)


def test_unknown_exercises_and_modules_come_last_in_report_order(report):
    extra = [
        ExerciseResult("zeta", "extra", Status.PASSED, 1, 1, ""),
        ExerciseResult("alpha", "extra", Status.PASSED, 1, 1, ""),
        ExerciseResult("bonus", "initialization", Status.PASSED, 1, 1, ""),
    ]
    report.exercises[:0] = extra
    groups = by_module(report)
    assert groups[0].exercises[-1].name == "bonus"
    assert groups[-1].module == groups[-1].title == "extra"
    assert [e.name for e in groups[-1].exercises] == ["zeta", "alpha"]


def test_counts_phrase(report):
    assert counts_phrase(report) == "11 passed, 5 failed, 1 error, 1 timeout, 1 missing"


def test_total_examples(report):
    assert total_examples(report) == sum(e.examples for e in report.exercises) > 0


@pytest.mark.parametrize(
    ("points", "text"), [(2.0, "2"), (0, "0"), (1.5, "1.5"), (2 / 3, "0.67"), (16.5, "16.5")]
)
def test_format_points(points, text):
    assert format_points(points) == text


@pytest.mark.parametrize(
    ("score", "max_score", "pct"),
    [(27, 32, 84), (32, 32, 100), (31.99, 32, 99), (0.29, 1, 29), (0, 5, 0), (0, 0, 0)],
)
def test_percent_rounds_down(score, max_score, pct):
    assert percent(score, max_score) == pct


def test_empty_report_has_no_counts():
    assert counts_phrase(Report("s", 0, [], "v", "i")) == ""
