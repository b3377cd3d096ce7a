import sqlite3

import pytest

from grader.batch.gradebook import Gradebook, Graded
from grader.errors import GraderError
from tests.batch.conftest import make_report

SETTINGS = '{"seed": 0}'


def record(book, run, student, content_hash="h1", report=None, problem=None, **key):
    book.record(run, Graded(student, f"/class/{student}", content_hash,
                            report if problem is None else None, problem),
                grader_version=key.get("version", "v1"), seed=key.get("seed", 0), settings=SETTINGS)


def rows(book, table: str) -> int:
    with sqlite3.connect(book.path) as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def book(tmp_path):
    with Gradebook.open(tmp_path / "gradebook.sqlite") as opened:
        yield opened


def test_a_student_current_submission_is_their_latest_and_history_is_kept(book):
    run = book.start_run("/class", "v1", SETTINGS)
    record(book, run, "alice", "h1", make_report("alice", {"update_lr": ("failed", "wrong", None)}))
    record(book, run, "alice", "h2", make_report("alice"))
    [alice] = book.students()
    assert (alice.content_hash, alice.score, alice.complete) == ("h2", 32.0, True)
    assert rows(book, "submissions") == 2 and rows(book, "results") == 2 * 19
    assert book.report("alice").score == 32.0


def test_up_to_date_needs_the_same_grader_seed_and_settings_and_a_complete_grading(book):
    run = book.start_run("/class", "v1", SETTINGS)
    record(book, run, "alice", "h1", make_report("alice"))
    record(book, run, "bob", "h2", problem="the grading process died (killed by SIGKILL)")
    assert book.up_to_date("v1", 0, SETTINGS) == {"alice": "h1"}  # bob is graded again
    assert book.up_to_date("v2", 0, SETTINGS) == {}
    assert book.up_to_date("v1", 1, SETTINGS) == {}
    assert book.up_to_date("v1", 0, '{"seed": 0, "timeout": 9}') == {}


def test_a_failed_grading_is_kept_with_its_problem_and_no_results(book):
    run = book.start_run("/class", "v1", SETTINGS)
    record(book, run, "bob", problem="the grading process died")
    [bob] = book.students()
    assert (bob.complete, bob.problem, bob.score, bob.exercises) == (False, "the grading process died", None, ())
    assert book.report("bob") is None


def test_a_result_that_cannot_be_written_leaves_nothing_behind(book):
    run = book.start_run("/class", "v1", SETTINGS)
    broken = make_report("alice")
    broken.exercises[5].name = broken.exercises[4].name  # the second row breaks the primary key
    with pytest.raises(sqlite3.IntegrityError):
        record(book, run, "alice", "h1", broken)
    assert (rows(book, "students"), rows(book, "submissions"), rows(book, "results")) == (0, 0, 0)


def test_a_second_batch_on_the_same_gradebook_is_refused(tmp_path):
    path = tmp_path / "gradebook.sqlite"
    with Gradebook.open(path), pytest.raises(GraderError, match="in use by another batch"):
        with Gradebook.open(path):
            pass


def test_reading_does_not_wait_for_a_batch_that_is_writing(tmp_path):
    path = tmp_path / "gradebook.sqlite"
    with Gradebook.open(path) as writer:
        record(writer, writer.start_run("/class", "v1", SETTINGS), "alice", "h1", make_report("alice"))
        writing = sqlite3.connect(path, timeout=0)
        writing.execute("BEGIN IMMEDIATE")  # a batch in the middle of recording bob
        writing.execute("INSERT INTO students VALUES ('bob', 'now')")
        with Gradebook.open(path, writer=False) as reader:
            assert [row.student for row in reader.students()] == ["alice"]
        writing.rollback()
        writing.close()


def test_a_forced_run_that_is_interrupted_leaves_the_rest_to_grade_again(book):
    first = book.start_run("/class", "v1", SETTINGS)
    record(book, first, "alice", "h1", make_report("alice"))
    record(book, first, "bob", "h2", make_report("bob"))
    forced = book.start_run("/class", "v1", SETTINGS, force=True)
    assert book.up_to_date("v1", 0, SETTINGS) == {}
    record(book, forced, "alice", "h1", make_report("alice"))
    book.end_run(forced, state="interrupted", unchanged=0, skipped=[])
    book.start_run("/class", "v1", SETTINGS)  # the same command without --force
    assert book.up_to_date("v1", 0, SETTINGS) == {"alice": "h1"}


def test_a_run_left_running_by_a_killed_batch_is_marked_interrupted(book):
    killed = book.start_run("/class", "v1", SETTINGS)
    book.start_run("/class", "v1", SETTINGS)
    with sqlite3.connect(book.path) as db:
        assert db.execute("SELECT state FROM runs WHERE id = ?", (killed,)).fetchone() == ("interrupted",)


@pytest.mark.parametrize("content, message", [
    (b"student,score\nalice,3\n", "not a dlgrade gradebook"),
    (None, "not a dlgrade gradebook"),  # another SQLite database
])
def test_a_file_that_is_not_a_gradebook_is_refused_and_left_alone(tmp_path, content, message):
    path = tmp_path / "grades.db"
    if content is None:
        sqlite3.connect(path).execute("CREATE TABLE marks (student TEXT)").connection.commit()
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    with pytest.raises(GraderError, match=message):
        with Gradebook.open(path):
            pass
    assert path.read_bytes() == before


def test_export_of_a_missing_gradebook_is_refused_without_creating_it(tmp_path):
    with pytest.raises(GraderError, match="no such gradebook"):
        with Gradebook.open(tmp_path / "nothing.sqlite", writer=False):
            pass
    assert not (tmp_path / "nothing.sqlite").exists()


def test_a_gradebook_of_another_schema_is_refused(tmp_path):
    path = tmp_path / "gradebook.sqlite"
    with Gradebook.open(path):
        pass
    connection = sqlite3.connect(path)
    connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    connection.commit()
    connection.close()
    with pytest.raises(GraderError, match="schema 99"):
        with Gradebook.open(path):
            pass
