import os

import pytest

from grader.errors import GraderError
from grader.files import write_text


def test_a_file_is_replaced_whole_and_nothing_else_is_left(tmp_path):
    path = tmp_path / "grades.csv"
    path.write_text("old")
    write_text(path, "new")
    assert path.read_text() == "new"
    assert os.listdir(tmp_path) == ["grades.csv"]


def test_a_new_file_follows_the_umask_and_a_replaced_one_keeps_its_mode(tmp_path):
    previous = os.umask(0o077)
    try:
        write_text(tmp_path / "private.html", "report")
    finally:
        os.umask(previous)
    assert (tmp_path / "private.html").stat().st_mode & 0o777 == 0o600
    (tmp_path / "shared.csv").write_text("old")
    (tmp_path / "shared.csv").chmod(0o640)
    write_text(tmp_path / "shared.csv", "new")
    assert (tmp_path / "shared.csv").stat().st_mode & 0o777 == 0o640


def test_a_write_that_fails_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "summary.html"
    path.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        write_text(path, "\udcff")  # a lone surrogate cannot be written as UTF-8
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["summary.html"]


def test_a_folder_that_cannot_be_written_is_a_grader_error(tmp_path):
    with pytest.raises(GraderError, match="cannot write .*missing/report.html"):
        write_text(tmp_path / "missing" / "report.html", "text")


def test_a_pipe_is_written_as_it_is(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    write_text(fifo, "through the pipe")
    assert os.read(reader, 100) == b"through the pipe"
    os.close(reader)
