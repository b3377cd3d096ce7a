import io
import re

import pytest

from grader.batch.progress import Progress, duration


@pytest.mark.parametrize("seconds, text", [(4.2, "4s"), (72, "1m12s"), (3725, "1h02m")])
def test_durations_read_as_a_person_writes_them(seconds, text):
    assert duration(seconds) == text


def shown(total: int, terminal: bool, *graded: tuple[str, str]) -> str:
    stream = io.StringIO()
    progress = Progress(total, stream, terminal=terminal)
    for student, result in graded:
        progress.advance(student, result)
    progress.close()
    return stream.getvalue()


def test_a_log_gets_one_plain_line_per_submission():
    text = shown(3, False, ("alice", "87%"), ("bob", "not graded: the grading process died"))
    lines = text.splitlines()
    assert len(lines) == 2 and "\r" not in text
    assert re.fullmatch(r"\[1/3\] alice: 87% \(\d+\.\d\d/s, ETA \w+\)", lines[0])
    assert lines[1].startswith("[2/3] bob: not graded: the grading process died (")


def test_a_terminal_gets_one_bar_redrawn_in_place_with_count_rate_and_eta():
    text = shown(4, True, ("alice", "87%"), ("bob", "100%"))
    frames = text.split("\r")[1:]
    assert len(frames) == 2 and text.endswith("\n")
    assert re.match(r"\[#{12}\.{12}\] 2/4  \d+\.\d\d/s  ETA \w+  bob: 100%", frames[1])
