import dataclasses

from grader.report.terminal import render_terminal
from grader.results import Status


def test_no_escape_codes_without_colour_and_some_with(report):
    plain = render_terminal(report, color=False, html_path=None)
    assert "\x1b[" not in plain
    assert "\x1b[" in render_terminal(report, color=True, html_path=None)


def test_one_line_per_exercise_with_mark_and_points(report):
    text = render_terminal(report, color=False, html_path="/tmp/r.html")
    for exercise in report.exercises:
        (line,) = [line for line in text.splitlines() if f" {exercise.name} " in line + " "]
        assert f"{exercise.score:g}/{exercise.max_score:g}" in line
        assert line.lstrip()[0] in "✓✗!⏱·"
    assert "Score: " in text
    assert text.rstrip().endswith("HTML report: /tmp/r.html")


def test_long_messages_are_cut_to_the_width(report):
    failed = next(e for e in report.exercises if e.status is Status.FAILED)
    failed.message = "word " * 100
    text = render_terminal(report, color=False, html_path=None, width=100)
    (line,) = [line for line in text.splitlines() if failed.name in line]
    assert len(line) <= 100 and line.endswith("…")


def test_control_characters_from_student_code_cannot_act(report):
    report.exercises[0] = dataclasses.replace(report.exercises[0], status=Status.FAILED,
                                              message="\x1b[2Jcleared\x07")
    text = render_terminal(report, color=False, html_path=None)
    assert "\x1b" not in text and "\x07" not in text
    assert "cleared" in text
