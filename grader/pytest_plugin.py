"""`pytest --grade PATH`: the exercises of a submission as pytest test items.

One item per exercise, named after its function, so pytest's own tools apply: `-v` lists
the exercises, `-k adam` selects some, `--junitxml` writes them out, and a failing item
shows what the HTML report shows. The submission is graded once, in the grader's own
sandboxed worker, for the items selected; registered with pytest through the `pytest11`
entry point, so installing dlgrade is enough.
"""

from __future__ import annotations

import pytest

from grader.catalog import EXERCISES

_SUBMISSION = pytest.StashKey[object]()
_REPORT = pytest.StashKey[object]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("dlgrade", "grade the exercises of 'Improving Deep Neural Networks'")
    group.addoption("--grade", metavar="PATH", help="Grade the submission at PATH: one test per exercise.")
    group.addoption("--grade-seed", metavar="N", type=int, default=0, help="Seed for the generated inputs (default 0).")


@pytest.hookimpl(tryfirst=True)  # before -k and -m deselect: they apply to the exercises too
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:
    path = config.getoption("grade")
    if path is None:
        return
    from grader.errors import GraderError
    from grader.submission import find_submission
    try:
        session.stash[_SUBMISSION] = find_submission(path)
    except GraderError as error:
        raise pytest.UsageError(f"dlgrade: {error}") from None
    # Named "dlgrade", not after the path: -k also matches the names of parents.
    submission = _Submission.from_parent(session, name="dlgrade", nodeid="dlgrade", path=session.path)
    items.extend(session.genitems(submission))  # reported as collected, like any test


class _Submission(pytest.Collector):
    """The submission being graded: one item per exercise."""

    def collect(self):
        return [_Exercise.from_parent(self, name=exercise.name) for exercise in EXERCISES]


class _NotPassed(Exception):
    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


class _Exercise(pytest.Item):
    def runtest(self) -> None:
        from grader.report.summary import failure_text

        report = _graded(self.session)
        result = next((e for e in report.exercises if e.name == self.name), None)
        if result is None:  # not in the submission's assignments, or its version of the course (a note says)
            pytest.skip(next((note for note in report.notes if self.name in note),
                             "not graded: it belongs to an assignment the submission does not hold"))
        if not result.passed:
            raise _NotPassed(f"{result.status.value}: {failure_text(result)}")

    def repr_failure(self, excinfo, style=None) -> str:
        if isinstance(excinfo.value, _NotPassed):
            return excinfo.value.text
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, f"dlgrade: {self.name}"


def _graded(session: pytest.Session):
    """The report for the selected exercises, graded on the first item that needs it."""
    if _REPORT not in session.stash:
        from grader.errors import GraderError
        from grader.grading import grade_submission

        only = tuple(item.name for item in session.items if isinstance(item, _Exercise))
        if len(only) == len(EXERCISES):  # all of them: those the submission's version does not have are left out
            only = ()
        try:
            session.stash[_REPORT] = grade_submission(session.stash[_SUBMISSION], only=only,
                                                      seed=session.config.getoption("grade_seed"))
        except GraderError as error:  # nothing can be graded here (Windows, say): each item says why
            session.stash[_REPORT] = error
    if isinstance(session.stash[_REPORT], Exception):
        raise _NotPassed(f"not graded: {session.stash[_REPORT]}")
    return session.stash[_REPORT]
