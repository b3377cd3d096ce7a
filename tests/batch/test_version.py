import pytest

from grader.batch.version import fingerprint, grader_build


@pytest.fixture
def roots(tmp_path):
    files = {"grader/engine.py": "ENGINE", "grader/rubrics/optimization.py": "RUBRIC",
             "grader/report/html.py": "HTML", "grader/batch/run.py": "RUN", "grader/cli.py": "CLI",
             "reference/optimization.py": "REFERENCE"}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return {"grader": tmp_path / "grader", "reference": tmp_path / "reference"}


@pytest.mark.parametrize("changed", ["grader/engine.py", "grader/rubrics/optimization.py",
                                     "reference/optimization.py"])
def test_a_change_to_what_decides_grades_changes_the_build(roots, changed):
    before = fingerprint(roots)
    (roots["grader"].parent / changed).write_text("changed")
    assert fingerprint(roots) != before


@pytest.mark.parametrize("changed", ["grader/report/html.py", "grader/batch/run.py", "grader/cli.py"])
def test_a_change_to_how_grades_are_shown_keeps_the_build_so_nothing_is_regraded(roots, changed):
    before = fingerprint(roots)
    (roots["grader"].parent / changed).write_text("changed")
    assert fingerprint(roots) == before


def test_the_build_names_the_release():
    assert grader_build().startswith("0.1.0+")
