import pytest

from grader.catalog import MODULES
from grader.errors import SubmissionError
from grader.submission import MAX_SOURCE_BYTES, find_submission


def test_a_folder_maps_each_present_module_to_its_file(tmp_path):
    (tmp_path / "optimization.py").write_text("")
    (tmp_path / "notes.py").write_text("")
    submission = find_submission(tmp_path)
    assert submission.files == {"optimization": tmp_path / "optimization.py"}
    assert submission.file_for("initialization") is None


def test_a_single_file_serves_every_module(tmp_path):
    file = tmp_path / "all.py"
    file.write_text("")
    assert find_submission(file).files == {module: file for module in MODULES}


def test_paths_are_absolute_because_the_worker_runs_elsewhere(tmp_path, monkeypatch):
    (tmp_path / "optimization.py").write_text("")
    monkeypatch.chdir(tmp_path.parent)
    assert find_submission(tmp_path.name).files["optimization"].is_absolute()


@pytest.mark.parametrize("make, fragment", [
    (lambda root: root / "absent", "no such file or folder"),
    (lambda root: root, "no file to grade"),
    (lambda root: (root / "notes.txt").write_text("x") and root / "notes.txt", "not a Python file"),
])
def test_unusable_paths_raise_a_submission_error(tmp_path, make, fragment):
    with pytest.raises(SubmissionError, match=fragment):
        find_submission(make(tmp_path))


def test_a_link_out_of_the_submission_is_refused_and_the_rest_kept(tmp_path):
    outside = tmp_path / "elsewhere.py"
    outside.write_text("")
    folder = tmp_path / "submission"
    folder.mkdir()
    (folder / "optimization.py").symlink_to(outside)
    (folder / "initialization.py").write_text("")
    (folder / "regularization.py").symlink_to(folder / "initialization.py")  # inside: fine
    submission = find_submission(folder)
    assert "outside the submission" in submission.refused["optimization"]
    assert set(submission.files) == {"initialization", "regularization"}


def test_a_huge_file_is_refused_and_the_rest_kept(tmp_path):
    with (tmp_path / "optimization.py").open("wb") as file:
        file.truncate(MAX_SOURCE_BYTES + 1)  # sparse: no disk used
    (tmp_path / "initialization.py").write_text("")
    submission = find_submission(tmp_path)
    assert "optimization.py is 8.0 MiB" in submission.refused["optimization"]
    assert set(submission.files) == {"initialization"}
    with pytest.raises(SubmissionError, match="a module of solutions is far smaller"):
        find_submission(tmp_path / "optimization.py")


def test_an_upload_a_level_down_is_graded_where_it_is(tmp_path):
    """As Gradescope and a class folder get them: a folder handed in as a folder (or a zip of
    one, __MACOSX and all); the note says what was graded."""
    inner = tmp_path / "upload" / "my_work"
    inner.mkdir(parents=True)
    (inner / "optimization.py").write_text("")
    (tmp_path / "upload" / "__MACOSX").mkdir()
    (tmp_path / "upload" / ".DS_Store").write_text("")
    submission = find_submission(tmp_path / "upload")
    assert submission.files == {"optimization": inner / "optimization.py"}
    assert submission.notes[0] == "graded my_work/, the only folder to grade in upload/"


def test_the_only_python_file_of_a_folder_is_graded_whatever_its_name(tmp_path):
    (tmp_path / "my_solution.py").write_text("def update_lr(learning_rate0, epoch_num, decay_rate):\n    pass\n")
    (tmp_path / "README.txt").write_text("")
    submission = find_submission(tmp_path)
    assert set(submission.files.values()) == {tmp_path / "my_solution.py"}
    assert submission.assignments == ("optimization",)
    assert "graded my_solution.py, the only file to grade" in submission.notes[0]


@pytest.mark.parametrize("layout", ["two folders", "two python files", "a folder and a python file"])
def test_a_folder_with_nothing_clear_to_grade_says_so(tmp_path, layout):
    names = {"two folders": ("a/", "b/"), "two python files": ("a.py", "b.py"),
             "a folder and a python file": ("a/", "b.py")}[layout]
    for name in names:
        (tmp_path / name.rstrip("/")).mkdir() if name.endswith("/") else (tmp_path / name).write_text("")
    (tmp_path / "a").is_dir() and (tmp_path / "a" / "optimization.py").write_text("")
    with pytest.raises(SubmissionError, match="no file to grade"):
        find_submission(tmp_path)


def test_a_link_is_never_the_only_file_to_grade(tmp_path):
    """It could point at the solutions; a folder holding only a link has nothing to grade."""
    outside = tmp_path / "reference.py"
    outside.write_text("def update_lr(learning_rate0, epoch_num, decay_rate):\n    pass\n")
    (tmp_path / "upload").mkdir()
    (tmp_path / "upload" / "solution.py").symlink_to(outside)
    with pytest.raises(SubmissionError, match="no file to grade"):
        find_submission(tmp_path / "upload")
