import dataclasses
import re
import unicodedata

from grader.catalog import EXERCISES
from grader.report.terminal import DEFAULT_WIDTH, render_terminal
from grader.results import ExerciseResult, Report, Status

# An exercise line: two spaces, a status mark, a space, the function name, a space.
EXERCISE_LINE = re.compile(r"^  (?P<mark>[✓✗!⏱·]) (?P<name>\w+) ")


def exercise_lines(text: str) -> dict[str, str]:
    lines = {}
    for line in text.splitlines():
        match = EXERCISE_LINE.match(line)
        if match:
            assert match["name"] not in lines, f"{match['name']} has two lines"
            lines[match["name"]] = line
    return lines


def columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)


def test_no_escape_codes_without_color(report):
    assert "\x1b" not in render_terminal(report, color=False, html_path="/tmp/r.html")


def test_escape_codes_with_color(report):
    text = render_terminal(report, color=True, html_path=None)
    assert "\x1b[32m✓\x1b[0m" in text
    assert "\x1b[31m✗\x1b[0m" in text


def test_one_line_per_exercise_in_course_order(report):
    report.exercises.reverse()
    lines = exercise_lines(render_terminal(report, color=False, html_path=None))
    assert list(lines) == [e.name for e in EXERCISES]


def test_marks_follow_status(report):
    lines = exercise_lines(render_terminal(report, color=False, html_path=None))
    marks = {"passed": "✓", "failed": "✗", "error": "!", "timeout": "⏱", "missing": "·"}
    for result in report.exercises:
        assert lines[result.name].startswith(f"  {marks[result.status.value]} ")


def test_points_right_aligned_and_messages_only_when_not_passed(report):
    lines = exercise_lines(render_terminal(report, color=False, html_path=None))
    assert lines["initialize_parameters_zeros"].endswith(" 1/1")
    assert " 0.5/2  dW1, dW2 and dW3 are off" in lines["backward_propagation_with_regularization"]
    ends = {line.index("/") for line in lines.values()}
    assert len(ends) == 1, "the '/' of every points column should line up"


def test_module_titles_in_course_order(report):
    text = render_terminal(report, color=False, html_path=None)
    titles = ["Initialization", "Regularization", "Gradient Checking", "Optimization Methods"]
    positions = [text.index(f"\n{title} ") for title in titles]
    assert positions == sorted(positions)


def test_each_assignment_shows_its_score_in_the_points_column(report):
    lines = render_terminal(report, color=False, html_path=None).splitlines()
    heading = next(line for line in lines if line.startswith("Regularization "))
    regularization = [e for e in report.exercises if e.module == "regularization"]
    assert heading.split()[-1] == f"{sum(e.score for e in regularization):g}/{sum(e.max_score for e in regularization):g}"
    assert heading.index("/") == exercise_lines("\n".join(lines))["initialize_parameters_zeros"].index("/")


def test_header_and_score_and_html_path(report):
    text = render_terminal(report, color=False, html_path="out/report.html")
    lines = text.splitlines()
    assert lines[0] == "dlgrade 0.1.0 · submission: submissions/ada_lovelace · seed 20240917 · isolation: namespaces"
    assert lines[-2] == "Score: 16.5/32 (51%) · 11 passed, 5 failed, 1 error, 1 timeout, 1 missing · 14.3 s"
    assert lines[-1] == "HTML report: out/report.html"


def test_the_kit_says_what_it_compared_with(report):
    assert "student kit" not in render_terminal(report, color=False, html_path=None)
    report.mode = "kit"
    text = render_terminal(report, color=False, html_path=None, width=80)
    assert "Graded with the student kit" in text and "inputs of their own" in text.replace("\n", " ")
    assert max(map(len, text.splitlines()[1:4])) <= 80


def test_no_html_line_without_path(report):
    assert "HTML report" not in render_terminal(report, color=False, html_path=None)


def test_lines_fit_the_width(report):
    for width in (DEFAULT_WIDTH, 80):
        text = render_terminal(report, color=False, html_path=None, width=width)
        for line in text.splitlines()[1:]:
            assert columns(line) <= width, line


def test_narrow_terminal_drops_the_time_before_the_counts(report):
    text = render_terminal(report, color=True, html_path=None, width=80)
    assert text.splitlines()[-1].endswith("1 timeout, 1 missing")


def test_long_message_truncated_on_a_word(report):
    result = report.exercises[2]
    result.message = "word " * 60
    line = exercise_lines(render_terminal(report, color=False, html_path=None))[result.name]
    assert line.endswith("word…")
    assert columns(line) <= DEFAULT_WIDTH


def test_short_message_kept_whole(report):
    lines = exercise_lines(render_terminal(report, color=False, html_path=None, width=200))
    assert lines["schedule_lr_decay"].endswith(
        "not attempted: the function still raises NotImplementedError"
    )


def test_student_control_characters_are_made_visible(report):
    result = report.exercises[5]
    result.message = "boom\x1b[2J\x1b]0;pwned\x07\nsecond line\u202e"
    text = render_terminal(report, color=False, html_path=None, width=200)
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    line = exercise_lines(text)[result.name]
    assert line.endswith(r"boom\x1b[2J\x1b]0;pwned\x07 second line\u202e")


def test_full_marks_is_green_and_100_percent(report):
    for result in report.exercises:
        result.status, result.score = Status.PASSED, result.max_score
    text = render_terminal(report, color=True, html_path=None)
    assert "\x1b[32m\x1b[1mScore: 32/32 (100%)\x1b[0m · 19 passed" in text


def test_partial_credit_never_rounds_up_to_100(report):
    for result in report.exercises:
        result.score = result.max_score
    report.exercises[0].score = 0.99
    text = render_terminal(report, color=False, html_path=None)
    assert "Score: 31.99/32 (99%)" in text


def test_report_with_one_exercise_outside_the_catalog():
    stray = ExerciseResult("helper", "extra", Status.FAILED, 0, 1, "not graded here")
    report = Report("sub.py", 1, [stray], "0.1.0", {"level": "process", "layers": [], "missing": []})
    text = render_terminal(report, color=False, html_path=None)
    assert "\nextra       0/1\n  ✗ helper  0/1  not graded here\n" in text


def test_empty_report():
    report = Report("sub.py", 1, [], "0.1.0", {"level": "process", "layers": [], "missing": []})
    text = render_terminal(report, color=False, html_path=None)
    assert text.splitlines()[-1] == "Score: 0/0 (0%) · 0.0 s"


def test_rendering_does_not_change_the_report(report):
    before = dataclasses.replace(report, exercises=list(report.exercises))
    render_terminal(report, color=True, html_path="x")
    assert report == before
