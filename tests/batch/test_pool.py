import multiprocessing

from grader.batch.entries import Snapshot
from grader.batch.pool import LocalPool
from grader.batch.task import Settings, Task
from tests.batch.pool_work import answer, plans_held

SETTINGS = Settings(seed=0, timeout=3.0, memory_mib=2048, isolation="process", budget=180.0)


def tasks(*students: str) -> list[Task]:
    return [Task(student, f"/class/{student}", Snapshot({}, {}, {}), f"hash-{student}", SETTINGS, "build")
            for student in students]


def test_every_task_gets_one_outcome_from_as_many_processes_as_jobs():
    outcomes = list(LocalPool(2, task_seconds=60, work=answer).grade(tasks(*"abcdef")))
    assert sorted(outcome.student for outcome in outcomes) == list("abcdef")
    assert all(outcome.problem is None for outcome in outcomes)
    assert len({outcome.report["pid"] for outcome in outcomes}) == 2


def test_each_process_starts_with_the_plans_shipped_to_it():
    shipped = {("update_lr", 7): (), ("initialize_velocity", 7): ()}
    outcomes = LocalPool(1, task_seconds=60, work=plans_held, shipped=shipped).grade(tasks("a"))
    assert [outcome.report for outcome in outcomes] == [{"plans": [["initialize_velocity", 7], ["update_lr", 7]]}]


def test_a_process_that_dies_fails_its_own_task_only_and_is_replaced():
    outcomes = {o.student: o for o in LocalPool(1, task_seconds=60, work=answer).grade(
        tasks("a", "dies", "b", "killed", "c"))}
    assert outcomes["dies"].problem == "the grading process died (exit code 3)"
    assert outcomes["killed"].problem == "the grading process died (killed by SIGKILL)"
    assert all(outcomes[student].problem is None for student in "abc")


def test_a_task_that_overruns_is_stopped_and_the_rest_go_on():
    """A task's time starts when a process takes it: "a" is not charged for the start of the
    process that grades it, however loaded the machine, and takes milliseconds once taken."""
    outcomes = {o.student: o for o in LocalPool(2, task_seconds=2, work=answer).grade(
        tasks("hangs", "a", "b", "c"))}
    assert outcomes["hangs"].problem == "grading took over 2 s and was stopped"
    assert all(outcomes[student].problem is None for student in "abc")


def test_closing_the_outcomes_early_stops_the_processes_still_grading():
    outcomes = LocalPool(2, task_seconds=60, work=answer).grade(tasks("hangs", "a"))
    assert next(outcomes).student == "a"
    grading = [child for child in multiprocessing.active_children() if child.name == "dlgrade-grading"]
    assert len(grading) == 2 and all(child.is_alive() for child in grading)
    outcomes.close()  # as an interrupted batch does
    assert not any(child.is_alive() for child in grading)
    assert [child for child in multiprocessing.active_children() if child.name == "dlgrade-grading"] == []
