import io
import re

import pytest

from grader.batch.progress import Progress, duration


@pytest.mark.parametrize("seconds, text", [(4.2, "4s"), (72, "1m12s"), (3725, "1h02m")])
def test_durations_read_as_a_person_writes_them(seconds, text):
    assert duration(seconds) == text


def test_a_log_gets_one_plain_line_per_submission():
    stream = io.StringIO()
    progress = Progress(3, stream, terminal=False)
    progress.advance("alice", "87%")
    progress.advance("bob", "not graded: the grading process died")
    progress.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2 and "\r" not in stream.getvalue()
    assert re.fullmatch(r"\[1/3\] alice: 87% \(\d+\.\d\d/s, ETA \w+\)", lines[0])
    assert lines[1].startswith("[2/3] bob: not graded: the grading process died (")


def test_a_terminal_gets_one_bar_redrawn_in_place_with_count_rate_and_eta():
    stream = io.StringIO()
    progress = Progress(4, stream, terminal=True)
    progress.advance("alice", "87%")
    progress.advance("bob", "100%")
    progress.close()
    frames = stream.getvalue().split("\r")[1:]
    assert len(frames) == 2 and stream.getvalue().endswith("\n")
    assert re.match(r"\[#{12}\.{12}\] 2/4  \d+\.\d\d/s  ETA \w+  bob: 100%", frames[1])
