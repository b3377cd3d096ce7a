import os
from pathlib import Path

import pytest

from grader.batch.entries import Entry, Skipped, scan
from grader.catalog import MODULES
from grader.errors import SubmissionError

BASE = "def update_lr(learning_rate0, epoch_num, decay_rate):\n    return learning_rate0\n"


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "alice").mkdir()
    (tmp_path / "alice" / "optimization.py").write_text(BASE)
    (tmp_path / "bob.py").write_text(BASE)
    (tmp_path / "carol").mkdir()  # nothing in it
    (tmp_path / "alice.py").write_text(BASE)  # alice has a folder too
    (tmp_path / "notes.txt").write_text("read me")
    (tmp_path / ".git").mkdir()
    (tmp_path / "__pycache__").mkdir()
    return tmp_path


def test_each_folder_or_py_file_is_a_student_and_the_rest_is_listed(folder):
    entries, skipped = scan(folder)
    assert [(entry.student, entry.path.name) for entry in entries] == [
        ("alice", "alice"), ("bob", "bob.py"), ("carol", "carol")]
    assert skipped == [Skipped("alice.py", "alice/ is graded as student alice"),
                       Skipped("notes.txt", "not a folder, a .py file or a notebook")]


def test_a_snapshot_holds_the_graded_files_and_its_hash_follows_their_content(folder):
    alice = Entry("alice", folder / "alice")
    first = alice.read()
    assert first.files == {"optimization.py": BASE.encode()}
    assert first.modules == {"optimization": "optimization.py"}
    (folder / "alice" / "notes.md").write_text("not graded")
    assert alice.read().content_hash == first.content_hash
    (folder / "alice" / "optimization.py").write_text(BASE + "# changed\n")
    assert alice.read().content_hash != first.content_hash


def test_a_single_file_serves_every_module(folder):
    snapshot = Entry("bob", folder / "bob.py").read()
    assert snapshot.files == {"bob.py": BASE.encode()}
    assert snapshot.modules == {module: "bob.py" for module in MODULES}


def test_an_empty_folder_is_an_empty_snapshot_so_every_exercise_is_missing(folder):
    snapshot = Entry("carol", folder / "carol").read()
    assert (snapshot.files, snapshot.modules, snapshot.refused) == ({}, {}, {})


def test_a_file_that_cannot_be_read_makes_the_submission_unreadable(folder, monkeypatch):
    def unreadable(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(Path, "read_bytes", unreadable)  # chmod 0 would not stop root
    with pytest.raises(SubmissionError, match=r"^alice: cannot be read \(Permission denied\)$"):
        Entry("alice", folder / "alice").read()


def test_a_folder_that_cannot_be_listed_is_unreadable_not_empty(folder, monkeypatch):
    def unlistable(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "listdir", unlistable)
    with pytest.raises(SubmissionError, match="cannot be read"):
        Entry("carol", folder / "carol").read()


def test_a_link_out_of_the_submission_is_refused_not_read(folder, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "optimization.py"
    outside.write_text("secret = 1\n")
    (folder / "alice" / "optimization.py").unlink()
    (folder / "alice" / "optimization.py").symlink_to(outside)
    snapshot = Entry("alice", folder / "alice").read()
    assert snapshot.files == {}
    assert "link to a file outside" in snapshot.refused["optimization"]


def test_the_batch_output_inside_the_class_folder_is_not_a_student(folder):
    (folder / "results").mkdir()
    (folder / "gradebook.sqlite").write_bytes(b"")
    entries, skipped = scan(folder, besides=(folder / "results", folder / "gradebook.sqlite"))
    assert "results" not in [entry.student for entry in entries]
    assert "gradebook.sqlite" not in [entry.name for entry in skipped]


def test_odd_names_become_printable_ids_and_links_out_of_the_folder_are_not_followed(tmp_path, tmp_path_factory):
    folder = tmp_path / "class"
    folder.mkdir()
    for name in (b"Jos\xe9", b"new\nline", b"x" * 250):
        (folder / os.fsdecode(name)).mkdir()
    outside = tmp_path_factory.mktemp("solutions")
    (folder / "cheat").symlink_to(outside)
    (folder / "loop-a").symlink_to(folder / "loop-b")
    (folder / "loop-b").symlink_to(folder / "loop-a")
    (folder / "inside").symlink_to(folder / "Jos\udce9")
    entries, skipped = scan(folder)
    assert [entry.student for entry in entries] == ["Jos\\xe9", "inside", "new\\nline", "x" * 250]
    assert {entry.name: entry.reason for entry in skipped} == {
        "cheat": "a link to outside the class folder; copy the submission in instead",
        "loop-a": "not a folder, a .py file or a notebook", "loop-b": "not a folder, a .py file or a notebook"}


def test_a_notebook_is_a_student_and_two_files_of_one_student_are_listed(tmp_path):
    (tmp_path / "dana.ipynb").write_text("{}")
    (tmp_path / "erin.ipynb").write_text("{}")
    (tmp_path / "erin.py").write_text(BASE)
    entries, skipped = scan(tmp_path)
    assert [(entry.student, entry.path.name) for entry in entries] == [("dana", "dana.ipynb"), ("erin", "erin.ipynb")]
    assert skipped == [Skipped("erin.py", "erin.ipynb is graded as student erin")]


def test_a_student_folder_handed_in_a_level_down_is_read_where_it_is(tmp_path):
    inner = tmp_path / "class" / "ada" / "ada_work"
    inner.mkdir(parents=True)
    (inner / "optimization.py").write_text("X = 1\n")
    (entry,), _ = scan(tmp_path / "class")
    snapshot = entry.read()
    assert snapshot.files == {"optimization.py": b"X = 1\n"} and snapshot.modules == {"optimization": "optimization.py"}
    assert "graded ada_work/" in snapshot.notes[0]
