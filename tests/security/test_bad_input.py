"""Bad files in a submission: each gets a clear message, the rest is graded, exit code 1.

Run at each isolation level: in the sandbox the files reach the worker as copies,
which must not change what the student is told.
"""

from __future__ import annotations

import pytest

from grader.submission import MAX_SOURCE_BYTES
from tests.conftest import CORPUS, grade

INNOCENT = ("initialize_parameters_zeros", "initialize_parameters_he")


def write_huge(path):
    with path.open("wb") as file:
        file.truncate(MAX_SOURCE_BYTES + 1)


BAD_FILES = {
    "empty": (lambda path: path.write_text(""), "missing", "update_lr is not defined in optimization.py"),
    "binary": (lambda path: path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe" * 100), "error", "not UTF-8 text"),
    "latin-1": (lambda path: path.write_bytes("# caf\xe9\n".encode("latin-1")), "error",
                "optimization.py is not UTF-8 text: byte 0xe9 on line 1"),
    "null bytes": (lambda path: path.write_bytes(b"x = 1\x00\n"), "error", "null bytes"),
    "huge": (write_huge, "error", "optimization.py is 8.0 MiB"),
    "raises at import": (lambda path: path.write_text("import numpy as np\nnp.load('data/train.h5')\n"), "error",
                         "FileNotFoundError in optimization.py, line 2"),
    "calls input() at import": (lambda path: path.write_text("name = input('your name? ')\n"), "error",
                                "EOFError in optimization.py, line 1"),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_bad_file_fails_only_its_own_exercises(kind, isolation, tmp_path):
    make, status, fragment = BAD_FILES[kind]
    make(tmp_path / "optimization.py")
    (tmp_path / "initialization.py").write_text((CORPUS / "base" / "initialization.py").read_text())
    code, report, stderr = grade(tmp_path, "--isolation", isolation, "--only", "update_lr",
                                 *[arg for name in INNOCENT for arg in ("--only", name)])
    assert code == 1, stderr
    by_name = {exercise["name"]: exercise for exercise in report["exercises"]}
    assert by_name["update_lr"]["status"] == status
    assert fragment in by_name["update_lr"]["message"]
    assert all(by_name[name]["status"] == "passed" for name in INNOCENT)


def test_text_utf8_cannot_carry_still_makes_a_report(isolation, tmp_path):
    """A lone surrogate in a message or in printed output once made the reports unwritable."""
    base = (CORPUS / "base" / "optimization.py").read_text()
    (tmp_path / "optimization.py").write_text(
        base + '\ndef update_lr(learning_rate0, epoch_num, decay_rate):\n'
               '    print("printed \\ud800")\n    raise ValueError("bad \\ud800 value")\n')
    code, report, stderr = grade(tmp_path, "--isolation", isolation, "--only", "update_lr")
    assert code == 1, stderr
    assert report["exercises"][0]["message"].startswith("Raised ValueError: bad ? value")
