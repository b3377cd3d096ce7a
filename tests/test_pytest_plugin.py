"""`pytest --grade PATH` through pytest's own pytester: items, selection, reports, errors.

Each run is a subprocess: an in-process run would unload the modules it imported
(hypothesis among them) when it ends, and the next run would mix two copies of them."""

import shutil
import xml.etree.ElementTree as ElementTree

import pytest

from tests.conftest import ROOT

DEMO = ROOT / "examples" / "demo_submission"  # update_lr right, schedule_lr_decay wrong


@pytest.mark.slow
def test_each_exercise_is_an_item_that_k_selects_and_v_lists(pytester):
    result = pytester.runpytest_subprocess("--grade", str(DEMO), "-v", "-k", "lr", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1, deselected=17)
    result.stdout.fnmatch_lines(["*dlgrade::update_lr PASSED*", "*dlgrade::schedule_lr_decay FAILED*"])
    result.stdout.fnmatch_lines(["failed: Looks like it rounds epoch_num / time_interval*",
                                 "minimal failing input:"])
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_junitxml_holds_one_test_case_per_selected_exercise(pytester):
    pytester.runpytest_subprocess("--grade", str(DEMO), "-k", "lr or zeros", "--junitxml=report.xml", "-p", "no:cacheprovider")
    root = ElementTree.parse(pytester.path / "report.xml").getroot()
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert set(cases) == {"initialize_parameters_zeros", "update_lr", "schedule_lr_decay"}
    assert cases["schedule_lr_decay"].find("failure") is not None
    assert cases["update_lr"].find("failure") is None


def test_all_exercises_are_collected_without_grading_anything(pytester):
    result = pytester.runpytest_subprocess("--grade", str(DEMO), "--collect-only", "-q", "-p", "no:cacheprovider")
    assert sum(line.startswith("dlgrade::") for line in result.outlines) == 19
    result.stdout.fnmatch_lines(["19 tests collected*"])


def test_k_matches_exercise_names_not_the_submission_path(pytester):
    submission = pytester.path / "madam"  # "adam" in the path must not select everything
    shutil.copytree(DEMO, submission)
    result = pytester.runpytest_subprocess("--grade", str(submission), "-k", "adam", "--collect-only", "-q",
                                           "-p", "no:cacheprovider")
    assert [line for line in result.outlines if line.startswith("dlgrade::")] == [
        "dlgrade::initialize_adam", "dlgrade::update_parameters_with_adam"]


def test_a_path_that_is_not_a_submission_is_a_usage_error(pytester):
    result = pytester.runpytest_subprocess("--grade", "nowhere", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*dlgrade: nowhere: no such file or folder*"])


def test_without_grade_the_plugin_adds_nothing(pytester):
    pytester.makepyfile("def test_own(): pass")
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_exercises_a_2017_2020_notebook_does_not_have_are_skipped_saying_why(pytester):
    from tests.notebooks import course_notebook, write
    from tests.test_notebooks import NEWER_ONLY, OLDER_IMPORTS
    source = (ROOT / "tests" / "submissions" / "base" / "optimization.py").read_text()
    notebook = course_notebook(source, imports=OLDER_IMPORTS["optimization"], without=NEWER_ONLY)
    path = write(notebook, pytester.path / "Optimization_methods_v1b.ipynb")
    result = pytester.runpytest_subprocess("--grade", str(path), "-rs", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*SKIPPED*Optimization_methods_v1b.ipynb is read as the course's 2017-2020*"])
    # The six of its notebook pass; the other assignments' eleven are not its own, and skipped too;
    # asked for by name (-k lr), the decay is graded and missing, as with `grade submit --only`.
    result.assert_outcomes(passed=6, skipped=13)
    asked = pytester.runpytest_subprocess("--grade", str(path), "-k", "lr", "-p", "no:cacheprovider")
    asked.assert_outcomes(failed=2, deselected=17)
