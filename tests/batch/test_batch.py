"""`grade batch` end to end: a class with mistakes and attacks, graded as `grade submit` grades
each student; reruns that grade only what changed; interruptions that lose nothing."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader.batch.gradebook import Gradebook, Graded
from grader.catalog import BY_NAME, EXERCISES, MODULES
from grader.cli import main
from tests.classroom import make_class
from tests.conftest import ROOT, grade, statuses

HOSTILE = ("hard_exit", "memory_bomb_numpy", "forges_a_passing_result", "kills_the_grader")
GRADE = [sys.executable, "-m", "grader"]


def batch(folder, out, *args: str):
    return CliRunner().invoke(main, ["batch", str(folder), "--out", str(out), "--jobs", "2", *args])


def current(out) -> dict[str, dict]:
    """Student -> their current report, as the gradebook keeps it."""
    with sqlite3.connect(out / "gradebook.sqlite") as db:
        rows = db.execute("SELECT student, report FROM current").fetchall()
    return {student: json.loads(zlib.decompress(report)) for student, report in rows}


def submission_rows(out) -> list[tuple]:
    with sqlite3.connect(out / "gradebook.sqlite") as db:
        return db.execute("SELECT id, student, content_hash, complete FROM submissions ORDER BY id").fetchall()


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    expected = make_class(folder, 6, seed=4, hostile=HOSTILE)
    (folder / "README.txt").write_text("Submissions of the DL course, autumn term\n")
    out = tmp_path_factory.mktemp("out")
    result = batch(folder, out)
    return folder, out, expected, result


@pytest.mark.slow
def test_every_student_gets_the_verdicts_of_the_corpus(graded_class):
    folder, out, expected, result = graded_class
    assert result.exit_code == 0, result.output
    reports = current(out)
    assert sorted(reports) == sorted(expected)
    for student, targeted in expected.items():
        assert statuses(reports[student]) == {e.name: targeted.get(e.name, "passed") for e in EXERCISES}, student


@pytest.mark.slow
def test_every_verdict_is_the_one_grade_submit_gives(graded_class):
    folder, out, expected, _ = graded_class
    for student, report in current(out).items():
        _, alone, _ = grade(folder / student)
        assert _comparable(report) == _comparable(alone), student


def _comparable(report: dict) -> dict:
    """A report without what depends on the moment or the place: durations and the path graded."""
    exercises = [{key: value for key, value in exercise.items() if key != "seconds"}
                 for exercise in report["exercises"]]
    return {**report, "exercises": exercises, "seconds": None, "submission": None}


@pytest.mark.slow
def test_the_outputs_hold_every_student(graded_class):
    folder, out, expected, result = graded_class
    table = list(csv.DictReader(io.StringIO((out / "grades.csv").read_text())))
    reports = current(out)
    assert [row["student"] for row in table] == sorted(expected)
    for row in table:
        report = reports[row["student"]]
        assert float(row["score"]) == report["score"] and row["max_score"] == "32"
        assert {name: float(row[name]) for name in BY_NAME if row[name]} == \
            {e["name"]: e["score"] for e in report["exercises"]}
        assert {name: float(row[name]) for name in MODULES if row[name]} == \
            {a["name"]: a["score"] for a in report["assignments"]}
    assert sorted(path.stem for path in (out / "reports").iterdir()) == sorted(expected)
    assert "Submission <code>" + str(folder / "hostile-hard_exit") in (out / "reports" / "hostile-hard_exit.html").read_text()
    summary = (out / "summary.html").read_text()
    assert 'href="reports/hostile-hard_exit.html#ex-update_lr"' in summary
    assert "<code>README.txt</code>: not a folder, a .py file or a notebook" in summary
    assert "skipped: README.txt: not a folder, a .py file or a notebook" in result.output


@pytest.mark.slow
def test_export_rebuilds_the_tables_from_the_gradebook_alone(graded_class):
    _, out, expected, _ = graded_class
    exported = CliRunner().invoke(main, ["export", "--db", str(out / "gradebook.sqlite"), "--format", "csv"])
    assert exported.exit_code == 0
    assert exported.stdout == (out / "grades.csv").read_text()
    as_json = json.loads(CliRunner().invoke(
        main, ["export", "--db", str(out / "gradebook.sqlite"), "--format", "json"]).stdout)
    assert [student["student"] for student in as_json["students"]] == sorted(expected)


@pytest.mark.slow
def test_a_rerun_grades_only_what_changed(graded_class, tmp_path):
    folder, out, expected, _ = graded_class
    before = submission_rows(out)

    built = {name: (out / name).stat().st_mtime_ns for name in ("grades.csv", "summary.html")}
    again = batch(folder, out)
    assert again.exit_code == 0
    assert f"Graded 0 submissions; {len(expected)} unchanged" in again.output
    assert submission_rows(out) == before
    assert {name: (out / name).stat().st_mtime_ns for name in built} == built  # nothing to rebuild

    (out / "reports" / "student-0001.html").unlink()  # lost since: rendered again from the gradebook
    changed = sorted(expected)[0]
    with open(folder / changed / "optimization.py", "a") as file:
        file.write("\n# one more comment\n")
    third = batch(folder, out)
    assert "Graded 1 submission; " in third.output
    after = submission_rows(out)
    assert after[:len(before)] == before and [row[1] for row in after[len(before):]] == [changed]
    assert (out / "reports" / "student-0001.html").is_file()


def test_tables_left_behind_by_a_batch_killed_before_it_wrote_them_are_rebuilt(tmp_path):
    folder, out = tmp_path / "class", tmp_path / "out"
    make_class(folder, 1, seed=11)
    batch(folder, out)
    with Gradebook.open(out / "gradebook.sqlite") as book:  # recorded, then killed before the tables
        run = book.start_run(str(folder), "another build", "{}")
        book.record(run, Graded("late", "/class/late", "h", None, "the grading process died"),
                    grader_version="another build", seed=0, settings="{}")
    assert "Graded 0 submissions" in batch(folder, out).output
    assert "late,," in (out / "grades.csv").read_text()


@pytest.mark.slow
def test_force_and_a_new_seed_grade_everything_again(tmp_path):
    folder, out = tmp_path / "class", tmp_path / "out"
    make_class(folder, 2, seed=1)
    batch(folder, out)
    assert "Graded 2 submissions" in batch(folder, out, "--force").output
    assert "Graded 2 submissions" in batch(folder, out, "--seed", "7").output
    assert "Graded 0 submissions" in batch(folder, out, "--seed", "7").output
    assert len(submission_rows(out)) == 6


@pytest.mark.slow
def shortened_plan(monkeypatch, name: str = "update_lr", keep: int = 2) -> int:
    """Make the batch's coordinator ship a plan of exercise `name` cut to its first `keep` cases (the
    others as made): a report trying that many cases was graded with the plan shipped, not one the
    grading process made itself. The number of cases a full plan tries."""
    from grader import plans

    full = plans.plan(name, 0)
    prepared = plans.prepared
    monkeypatch.setattr(plans, "prepared", lambda seed: {**prepared(seed), (name, seed): full[:keep]})
    return len(full)


def test_the_jobs_grade_with_the_plans_the_batch_made_once(tmp_path, monkeypatch):
    full = shortened_plan(monkeypatch)
    (tmp_path / "class").mkdir()
    for student in ("alice", "bob"):
        shutil.copytree(ROOT / "tests" / "submissions" / "base", tmp_path / "class" / student)
    assert batch(tmp_path / "class", tmp_path / "out").exit_code == 0
    for report in current(tmp_path / "out").values():
        tried = {exercise["name"]: exercise["examples"] for exercise in report["exercises"]}
        assert tried["update_lr"] == 2 < full
        assert {exercise["status"] for exercise in report["exercises"]} == {"passed"}


def test_a_grading_that_fails_costs_that_student_only_and_is_tried_again(tmp_path, monkeypatch):
    from grader.batch import pool, run
    from tests.batch.pool_work import grade_or_die

    folder, out = tmp_path / "class", tmp_path / "out"
    make_class(folder, 2, seed=2)
    make_class(folder, 1, seed=2, prefix="dies")
    (folder / "dies-0000").rename(folder / "dies")
    monkeypatch.setattr(run, "_backend", lambda jobs, scheduler, settings, shipped: pool.LocalPool(2, 60, grade_or_die))

    (out / "reports").mkdir(parents=True)
    (out / "reports" / "dies.html").write_text("an earlier report, of another submission")
    result = batch(folder, out)
    assert result.exit_code == 1
    assert "not graded: dies: the grading process died (exit code 3)" in result.output
    assert not (out / "reports" / "dies.html").exists()
    table = {row["student"]: row for row in csv.DictReader(io.StringIO((out / "grades.csv").read_text()))}
    assert table["dies"]["score"] == "" and table["student-0000"]["score"] != ""
    assert "the grading process died (exit code 3)" in (out / "summary.html").read_text()

    monkeypatch.undo()
    retried = batch(folder, out)
    assert retried.exit_code == 0 and "Graded 1 submission; 2 unchanged" in retried.output


@pytest.mark.slow
def test_odd_entry_names_are_graded_under_printable_ids_with_working_links(tmp_path):
    folder, out = tmp_path / "class", tmp_path / "out"
    make_class(folder, 2, seed=8)
    (folder / "student-0000").rename(folder / os.fsdecode(b"Jos\xe9 M\xfcller"))
    (folder / "student-0001").rename(folder / ("y" * 250))
    result = batch(folder, out)
    assert result.exit_code == 0, result.output
    assert sorted(current(out)) == ["Jos\\xe9 M\\xfcller", "y" * 250]
    summary = (out / "summary.html").read_text()
    for link in re.findall(r'href="(reports/[^"#]+)', summary):
        assert (out / urllib.parse.unquote(link)).is_file(), link


@pytest.mark.slow
def test_a_submission_that_cannot_be_read_is_not_graded_and_the_others_are(tmp_path, monkeypatch):
    folder, out = tmp_path / "class", tmp_path / "out"
    make_class(folder, 2, seed=9)
    read_bytes = Path.read_bytes

    def unreadable_for_student_0001(path):
        if "student-0001" in str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", unreadable_for_student_0001)  # chmod 0 would not stop root
    result = batch(folder, out)
    assert result.exit_code == 1
    assert "not graded: student-0001: student-0001: cannot be read (Permission denied)" in result.output
    assert "Graded 1 submission; " in result.output
    monkeypatch.undo()
    assert "Graded 1 submission; 1 unchanged" in batch(folder, out).output


@pytest.mark.slow
def test_the_outputs_are_never_taken_for_students_nor_the_gradebook_for_an_output(tmp_path):
    make_class(tmp_path / "class", 1, seed=10)
    assert batch(tmp_path / "class", tmp_path / "class").exit_code == 0
    again = batch(tmp_path / "class", tmp_path / "class")
    assert "Graded 0 submissions; 1 unchanged" in again.output and "skipped" not in again.output
    clash = batch(tmp_path / "class", tmp_path / "out", "--db", str(tmp_path / "out" / "grades.csv"))
    assert clash.exit_code == 2 and "is where the batch writes its outputs" in clash.output


def test_an_interrupt_before_grading_begins_exits_130(tmp_path, monkeypatch):
    from grader.batch import run

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    make_class(tmp_path / "class", 1)
    monkeypatch.setattr(run, "scan", interrupted)
    result = batch(tmp_path / "class", tmp_path / "out")
    assert result.exit_code == 130
    assert result.output == "Interrupted: run the same command again to go on.\n"


@pytest.mark.slow
def test_an_interrupt_whose_exception_was_lost_still_stops_the_batch(tmp_path, monkeypatch):
    """Python only prints an exception raised while it runs a finalizer: the flag stops the batch."""
    from grader.batch import run

    record = run._Recorder.add

    def record_then_lose_an_interrupt(recorder, outcome):
        record(recorder, outcome)
        run._STOP.set()  # as the handler does, its KeyboardInterrupt swallowed by a finalizer

    make_class(tmp_path / "class", 3, seed=12)
    monkeypatch.setattr(run._Recorder, "add", record_then_lose_an_interrupt)
    result = batch(tmp_path / "class", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 130
    assert "Interrupted after grading 1 submission" in result.output
    assert len(submission_rows(tmp_path / "out")) == 1


def _start(folder, out, marker: str):
    """A batch in a process of its own, its temporary files in a folder of their own: `marker`."""
    os.makedirs(marker, exist_ok=True)
    env = {**os.environ, "DLGRADE_TEST_MARKER": marker, "TMPDIR": marker}
    return subprocess.Popen([*GRADE, "batch", str(folder), "--out", str(out), "--jobs", "2"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _wait_for_results(out, count: int, process) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if len(submission_rows(out)) >= count:
                return
        except sqlite3.OperationalError:
            pass  # not created yet
        time.sleep(0.2)
    pytest.fail(f"the batch did not record {count} results (exit {process.poll()})")


def _processes_with_marker(marker: str) -> list[int]:
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/environ", "rb") as environ:
                if f"DLGRADE_TEST_MARKER={marker}".encode() in environ.read().split(b"\0"):
                    found.append(int(entry))
        except OSError:
            pass
    return found


def _assert_resumed(folder, out, expected, graded_before: list[tuple]) -> None:
    result = batch(folder, out)
    assert result.exit_code == 0, result.output
    rows = submission_rows(out)
    assert rows[:len(graded_before)] == graded_before  # nothing lost
    assert sorted(row[1] for row in rows) == sorted(expected)  # nothing graded twice
    assert all(complete for *_, complete in rows)
    assert {student: statuses(report) for student, report in current(out).items()} == {
        student: {e.name: targeted.get(e.name, "passed") for e in EXERCISES} for student, targeted in expected.items()}


@pytest.mark.slow
def test_a_batch_killed_outright_loses_nothing_and_the_next_run_goes_on(tmp_path):
    folder, out = tmp_path / "class", tmp_path / "out"
    expected = make_class(folder, 8, seed=3)
    process = _start(folder, out, marker=str(tmp_path / "tmp"))
    _wait_for_results(out, 3, process)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    graded_before = submission_rows(out)
    assert 3 <= len(graded_before) < 8

    deadline = time.monotonic() + 10
    while _processes_with_marker(str(tmp_path / "tmp")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_with_marker(str(tmp_path / "tmp")) == []  # its grading processes died with it
    assert os.listdir(tmp_path / "tmp") == []  # and removed their copies of the submissions
    _assert_resumed(folder, out, expected, graded_before)


@pytest.mark.slow
@pytest.mark.parametrize("stop", ["ctrl-c", "sigterm"])
def test_ctrl_c_or_sigterm_stops_a_batch_cleanly_and_the_next_run_goes_on(tmp_path, stop):
    folder, out = tmp_path / "class", tmp_path / "out"
    expected = make_class(folder, 8, seed=5)
    process = _start(folder, out, marker=str(tmp_path / "tmp"))
    _wait_for_results(out, 2, process)
    if stop == "ctrl-c":
        os.killpg(process.pid, signal.SIGINT)  # as a terminal sends it: to the whole foreground group
    else:
        os.kill(process.pid, signal.SIGTERM)  # as a scheduler or a container stops it
    stdout, _ = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "run the same command again to go on" in stdout
    assert os.listdir(tmp_path / "tmp") == []
    graded_before = submission_rows(out)
    with sqlite3.connect(out / "gradebook.sqlite") as db:
        assert db.execute("SELECT state FROM runs").fetchall() == [("interrupted",)]
    assert (out / "grades.csv").read_text().count("\n") == 1 + len(graded_before)
    _assert_resumed(folder, out, expected, graded_before)


@pytest.mark.parametrize("arrange, message", [
    (lambda tmp: ([str(tmp / "nowhere")], ), "nowhere: no such folder"),
    (lambda tmp: ([str(tmp / "file.txt")], ), "file.txt: not a folder of submissions"),
    (lambda tmp: ([str(tmp), "--db", str(tmp / "file.txt")], ), "is not a dlgrade gradebook"),
])
def test_what_cannot_be_graded_exits_2_with_a_message(tmp_path, arrange, message):
    (tmp_path / "file.txt").write_text("not a gradebook")
    [args] = arrange(tmp_path)
    result = CliRunner().invoke(main, ["batch", *args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_export_of_what_is_not_a_gradebook_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["export", "--db", str(tmp_path / "missing.sqlite")])
    assert result.exit_code == 2 and "no such gradebook" in result.output


@pytest.mark.slow
def test_notebook_submissions_are_graded_as_grade_submit_grades_them(tmp_path):
    """A student's single notebook, and a folder of notebooks with one that cannot be read."""
    from tests.notebooks import course_notebook, write
    folder, out = tmp_path / "class", tmp_path / "out"
    (folder / "folder_student").mkdir(parents=True)
    demo = ROOT / "examples" / "demo_submission"
    write(course_notebook((demo / "optimization.py").read_text()), folder / "notebook_student.ipynb")
    write(course_notebook((demo / "initialization.py").read_text()), folder / "folder_student" / "Initialization.ipynb")
    (folder / "folder_student" / "Regularization.ipynb").write_text("{not json")
    result = batch(folder, out)
    assert result.exit_code == 0, result.output
    reports = current(out)
    for student in ("notebook_student", "folder_student"):
        path = folder / (f"{student}.ipynb" if student == "notebook_student" else student)
        _, alone, _ = grade(path)
        assert _comparable(reports[student]) == _comparable(alone), student
    assert reports["folder_student"]["notes"] == [
        "Graded as the Initialization and Regularization assignments: scored out of their 13 points"]
    regularization = [e for e in reports["folder_student"]["exercises"] if e["module"] == "regularization"]
    assert {e["status"] for e in regularization} == {"error"}
    assert regularization[0]["message"] == "Regularization.ipynb is not a notebook: it is not JSON"
    # The gradebook has a column group for each assignment handed in, and none for Gradient Checking.
    [header, *rows] = list(csv.reader(io.StringIO((out / "grades.csv").read_text())))
    groups = [name for name in header if name in MODULES]
    assert groups == ["initialization", "regularization", "optimization"]
    table = {row[0]: dict(zip(header, row)) for row in rows}
    scores = {student: {a["name"]: a["score"] for a in reports[student]["assignments"]} for student in reports}
    for student, row in table.items():
        assert {name: float(row[name]) for name in groups if row[name]} == scores[student]
        assert row["max_score"] == str(4 + 9 + 12)
    assert table["notebook_student"]["initialization"] == table["folder_student"]["optimization"] == ""
