"""Notebooks as submissions: the same code as a notebook or as .py files gets the same verdicts,
only graded code runs, errors point into the cells, and bad notebooks cost only themselves."""

from __future__ import annotations

import json
import shutil

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from grader.catalog import EXERCISES, MODULES
from grader.notebook import Cell
from grader.report.html import render_html
from grader.results import Report
from tests.conftest import CORPUS, ROOT, a_few, grade, statuses
from tests.notebooks import NEVER_RUN, course_notebook, write
from tests.test_corpus import SNIPPETS, header

TITLES = {"initialization": "Initialization", "regularization": "Regularization",
          "gradient_checking": "Gradient_Checking", "optimization": "Optimization_methods"}


def names_of(module: str) -> list[str]:
    return [exercise.name for exercise in EXERCISES if exercise.module == module]


def only(*names: str) -> list[str]:
    return [arg for name in names for arg in ("--only", name)]


@pytest.mark.parametrize("snippet", a_few(SNIPPETS, kind=lambda path: path.parent.name),
                         ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_each_corpus_snippet_as_a_notebook_gets_its_verdict(snippet, tmp_path):
    """Marked and unmarked notebooks in turn; every one has cells that fail if they run."""
    fields = header(snippet)
    module = snippet.parent.name
    marked = SNIPPETS.index(snippet) % 2 == 0
    notebook = course_notebook((CORPUS / "base" / f"{module}.py").read_text(), overlay=snippet.read_text(),
                               marked=marked, title=TITLES[module])
    write(notebook, tmp_path / f"{TITLES[module]}.ipynb")
    code, report, stderr = grade(tmp_path, *only(fields["exercise"]))
    assert report is not None, stderr
    (result,) = report["exercises"]
    assert result["status"] == fields["expect"], f"{fields['why']} -> {result['status']}: {result['message']}"
    assert result["file"] == f"{TITLES[module]}.ipynb"


def _same_verdicts(as_module: dict, as_notebook: dict) -> None:
    for module_result, notebook_result in zip(as_module["exercises"], as_notebook["exercises"], strict=True):
        for field in ("name", "status", "score", "misconception", "message", "failure", "examples"):
            assert module_result[field] == notebook_result[field], (module_result["name"], field)


@pytest.mark.slow
@pytest.mark.parametrize("submission", ["base", "demo"])
def test_a_notebook_per_module_gives_the_reports_of_the_modules(submission, tmp_path):
    folder = CORPUS / "base" if submission == "base" else ROOT / "examples" / "demo_submission"
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for module in MODULES:
        write(course_notebook((folder / f"{module}.py").read_text(), title=TITLES[module]),
              notebooks / f"{TITLES[module]}.ipynb")
    _, as_module, _ = grade(folder)
    _, as_notebook, stderr = grade(notebooks)
    assert as_notebook is not None, stderr
    _same_verdicts(as_module, as_notebook)


def test_one_notebook_with_every_function_is_graded_whole(tmp_path):
    source = "\n\n".join((CORPUS / "base" / f"{module}.py").read_text() for module in MODULES)
    path = write(course_notebook(source, marked=False), tmp_path / "all_my_work.ipynb")
    code, report, _ = grade(path)
    assert code == 0 and set(statuses(report).values()) == {"passed"}
    assert {exercise["file"] for exercise in report["exercises"]} == {"all_my_work.ipynb"}


def notebook_of(*cells: str, counts=None) -> nbformat.NotebookNode:
    counts = counts or range(1, len(cells) + 1)
    return new_notebook(cells=[new_code_cell(source, execution_count=count) for source, count in zip(cells, counts)])


UPDATE_LR = ("# GRADED FUNCTION: update_lr\n"
             "def update_lr(learning_rate0, epoch_num, decay_rate):\n"
             "    return learning_rate0 / (1 + decay_rate * epoch_num)\n")


def test_an_error_names_the_cell_and_its_line_and_the_report_shows_the_cell(tmp_path):
    broken = UPDATE_LR.replace("    return", "    scale = undefined_name\n    return")
    path = write(notebook_of("import numpy as np", NEVER_RUN, broken, counts=[3, None, 7]), tmp_path / "lr.ipynb")
    code, report, _ = grade(path, *only("update_lr"))
    (result,) = report["exercises"]
    assert result["status"] == "error"
    assert result["message"] == "Raised NameError: name 'undefined_name' is not defined (cell In [7], line 3)"
    assert 'File "lr.ipynb", cell In [7], line 3, in update_lr' in result["traceback"]
    assert (result["file"], result["line"], result["cell"]["label"]) == ("lr.ipynb", 2, "In [7]")
    assert result["cell"]["source"] == broken
    page = render_html(Report.from_json(report))
    assert "Cell In [7] of lr.ipynb" in page and "scale = undefined_name" in page


def test_a_cell_that_never_ran_is_named_by_its_place(tmp_path):
    broken = UPDATE_LR.replace("    return", "    return 1 / 0 +")
    path = write(notebook_of(NEVER_RUN, broken, counts=[None, None]), tmp_path / "lr.ipynb")
    _, report, _ = grade(path, *only("update_lr"))
    assert report["exercises"][0]["message"].endswith("(cell 2, line 3)")


def test_a_syntax_error_costs_the_functions_of_its_cell_only(tmp_path):
    schedule = ("# GRADED FUNCTION: schedule_lr_decay\n"
                "def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):\n"
                "    return learning_rate0 / (1 + decay_rate * (epoch_num // time_interval)\n")
    path = write(notebook_of(UPDATE_LR, schedule), tmp_path / "lr.ipynb")
    code, report, _ = grade(path, *only("update_lr", "schedule_lr_decay"))
    found = {exercise["name"]: exercise for exercise in report["exercises"]}
    assert found["update_lr"]["status"] == "passed"
    assert found["schedule_lr_decay"]["status"] == "error"
    assert found["schedule_lr_decay"]["message"].startswith("SyntaxError in lr.ipynb, cell In [2], line ")
    assert (found["schedule_lr_decay"]["line"], found["schedule_lr_decay"]["cell"]["label"]) == (3, "In [2]")


def test_magics_in_a_graded_cell_are_left_out_with_a_note(tmp_path):
    with_magics = UPDATE_LR.replace("    return", "    %time x = 1\n    !echo hello\n    return")
    path = write(notebook_of("%matplotlib inline\nimport numpy as np", with_magics), tmp_path / "lr.ipynb")
    code, report, _ = grade(path, *only("update_lr"))
    assert code == 0
    assert any("`%time x = 1` is IPython's" in note for note in report["notes"])
    assert any("`!echo hello` is IPython's" in note for note in report["notes"])


def test_a_helper_from_another_cell_comes_along_and_nothing_else_runs(tmp_path):
    helper = "RATE_FLOOR = 0.0\n" + NEVER_RUN.replace("raise", "def broken():\n    raise") + \
        "\ndef decayed(rate, times):\n    return max(rate / times, RATE_FLOOR)\n" + NEVER_RUN
    uses = ("# GRADED FUNCTION: update_lr\n"
            "def update_lr(learning_rate0, epoch_num, decay_rate):\n"
            "    return decayed(learning_rate0, 1 + decay_rate * epoch_num)\n"
            "update_lr_test(update_lr)\n")
    path = write(notebook_of(NEVER_RUN, helper, uses), tmp_path / "lr.ipynb")
    code, report, _ = grade(path, *only("update_lr"))
    assert code == 0, report["exercises"][0]["message"]
    assert any("`update_lr_test(update_lr)` is not a definition" in note for note in report["notes"])


WRONG_UPDATE_LR = UPDATE_LR.replace("(1 + decay_rate * epoch_num)", "(1 + decay_rate) * epoch_num")


@pytest.mark.parametrize("counts, expected, graded_cell, why", [
    ((1, 2), "passed", "cell In [2]", "the last of them to run, as the kernel held it"),
    ((2, 1), "failed", "cell In [2]", "the last of them to run, as the kernel held it"),  # the wrong one ran last
    ((None, None), "passed", "cell 2", "the last in the notebook, as Jupyter would run it"),
    ((5, None), "failed", "cell In [5]", "the last of them to run, as the kernel held it"),  # cell 2 never ran
])
def test_of_two_definitions_the_one_the_kernel_held_is_graded(counts, expected, graded_cell, why, tmp_path):
    """The wrong update_lr, then the right one: the kernel held the one that ran last; where no
    cell ran, the last in the notebook, as Jupyter would run it."""
    path = write(notebook_of(WRONG_UPDATE_LR, UPDATE_LR, counts=counts), tmp_path / "lr.ipynb")
    _, report, _ = grade(path, *only("update_lr"))
    assert report["exercises"][0]["status"] == expected
    assert any(f"update_lr is defined in {' and '.join(Cell(i, c, '').named for i, c in enumerate(counts))}; "
               f"the one in {graded_cell} is graded: {why}" in note for note in report["notes"]), report["notes"]


@pytest.mark.parametrize("own", [
    "def update_lr(learning_rate0, *rest, decay_rate):\n    return 0.0\n",  # decay_rate only by keyword
    "def update_lr(learning_rate0, epoch_num):\n    return 0.0\n",  # too few
    "def update_lr(learning_rate0, epoch_num, decay_rate, step):\n    return 0.0\n",  # too many
])
def test_a_later_definition_the_grader_cannot_call_gives_way(own, tmp_path):
    path = write(notebook_of(UPDATE_LR, own, counts=(1, 2)), tmp_path / "lr.ipynb")
    _, report, _ = grade(path, *only("update_lr"))
    assert report["exercises"][0]["status"] == "passed", report["exercises"][0]["message"]
    assert any("the one in cell In [1] is graded: the last to run of those that take the course's arguments "
               "(learning_rate0, epoch_num, decay_rate)" in note for note in report["notes"]), report["notes"]


@pytest.mark.parametrize("what", ["a constant", "a constant and a helper"])
@pytest.mark.parametrize("counts, expected", [((9, 4), "passed"), ((4, 9), "failed"), ((None, None), "failed")])
def test_a_helper_or_constant_set_in_two_cells_is_the_one_the_kernel_held(what, counts, expected, tmp_path):
    """`SCALE = 1` (and a right helper) in one cell, `SCALE = 2` (and a wrong one) further down: the
    graded code gets what ran last, else what comes last in the notebook."""
    graded = ("# GRADED FUNCTION: update_lr\n"
              "def update_lr(learning_rate0, epoch_num, decay_rate):\n"
              "    return SCALE * learning_rate0 / denominator(epoch_num, decay_rate)\n")
    helper = "def denominator(epoch, decay):\n    return 1 + decay * epoch\n"
    wrong_helper = "def denominator(epoch, decay):\n    return (1 + decay) * epoch\n"
    if what == "a constant":  # the helper is set once, beside the graded function
        cells = (graded + "\n" + helper, "SCALE = 1\n", "SCALE = 2\n")
    else:
        cells = (graded, "SCALE = 1\n\n" + helper, "SCALE = 2\n\n" + wrong_helper)
    path = write(notebook_of(*cells, counts=(10, *counts)), tmp_path / "lr.ipynb")
    _, report, _ = grade(path, *only("update_lr"))
    assert report["exercises"][0]["status"] == expected, report["exercises"][0]["message"]


def _dropout_notebook(course_count: int, own_count: int, own_marked: bool):
    """As a real Regularization notebook had it: the course's backward_propagation_with_dropout,
    marked, and in the next cell an unrelated one of the student's own, with other arguments."""
    base = (CORPUS / "base" / "regularization.py").read_text()
    course = base[base.index("def backward_propagation_with_dropout"):base.index("    return gradients", base.index(
        "def backward_propagation_with_dropout"))] + "    return gradients\n"
    own = ("def backward_propagation_with_dropout(dA3, cache, keep_prob=0.5):\n"
           "    Z, D, A = cache\n"
           "    return dA3 * D / keep_prob\n")
    marker = "# GRADED FUNCTION: backward_propagation_with_dropout\n\n"
    return notebook_of("import numpy as np", marker + course, (marker if own_marked else "") + own,
                       counts=[1, course_count, own_count])


@pytest.mark.parametrize("own_marked", [True, False], ids=["both marked", "own unmarked"])
@pytest.mark.parametrize("counts, why", [
    ((21, 19), "the last of them to run, as the kernel held it"),
    ((19, 21), "the last to run of those that take the course's arguments (X, Y, cache, keep_prob)"),
])
def test_a_definition_that_cannot_take_the_courses_arguments_gives_way(counts, why, own_marked, tmp_path):
    """The student's own function ran last, or was overwritten by the course's: either way the one
    that takes (X, Y, cache, keep_prob) is graded, and passes; the note says which and why."""
    path = write(_dropout_notebook(*counts, own_marked), tmp_path / "Regularization.ipynb")
    _, report, _ = grade(path, *only("backward_propagation_with_dropout"))
    assert report["exercises"][0]["status"] == "passed", report["exercises"][0]["message"]
    assert (f"Regularization.ipynb: backward_propagation_with_dropout is defined in cell In [{counts[0]}] and "
            f"cell In [{counts[1]}]; the one in cell In [{counts[0]}] is graded: {why}") in report["notes"]


def test_without_markers_the_cells_defining_graded_functions_are_taken(tmp_path):
    path = write(notebook_of("import numpy as np", UPDATE_LR.split("\n", 1)[1], NEVER_RUN), tmp_path / "lr.ipynb")
    code, report, _ = grade(path, *only("update_lr"))
    assert code == 0


@pytest.mark.parametrize("content, says", [
    ("{not json", "is not a notebook: it is not JSON"),
    (json.dumps({"nbformat": 5, "nbformat_minor": 0, "cells": [], "metadata": {}}),
     "is not a notebook nbformat can read"),
    (json.dumps({"cells": "no"}), "is not a notebook nbformat can read"),
])
def test_a_notebook_that_cannot_be_read_costs_its_module_only(content, says, tmp_path):
    (tmp_path / "Regularization.ipynb").write_text(content)
    shutil.copy(CORPUS / "base" / "optimization.py", tmp_path)
    code, report, stderr = grade(tmp_path)
    assert report is not None, stderr
    found = statuses(report)
    assert {found[name] for name in names_of("regularization")} == {"error"}
    assert {found[name] for name in names_of("optimization")} == {"passed"}
    failed = next(e for e in report["exercises"] if e["module"] == "regularization")
    assert failed["message"].startswith("Regularization.ipynb ") and says in failed["message"]
    assert failed["file"] == "Regularization.ipynb"


def test_a_notebook_without_graded_functions_is_passed_over_with_a_note(tmp_path):
    write(notebook_of("import numpy as np", "def my_own_helper():\n    return 1"), tmp_path / "scratch.ipynb")
    shutil.copy(CORPUS / "base" / "optimization.py", tmp_path)
    _, report, _ = grade(tmp_path)
    assert "scratch.ipynb defines none of the graded functions; it is not graded" in report["notes"]
    code, _, stderr = grade(tmp_path / "scratch.ipynb")  # on its own: nothing to grade
    assert code == 2 and "scratch.ipynb defines none of the graded functions" in stderr


def test_megabytes_of_outputs_are_not_read(tmp_path):
    notebook = course_notebook((CORPUS / "base" / "optimization.py").read_text())
    notebook.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="x" * (30 << 20))]
    path = write(notebook, tmp_path / "Optimization_methods.ipynb")
    code, report, _ = grade(path, *only(*names_of("optimization")))
    assert code == 0
    assert any("MiB, mostly cell outputs; outputs are not read" in note for note in report["notes"])


def test_a_notebook_past_the_size_limit_is_refused_with_a_message(tmp_path, monkeypatch):
    from grader import notebook
    monkeypatch.setattr(notebook, "MAX_NOTEBOOK_BYTES", 1 << 16)
    notebook_node = course_notebook((CORPUS / "base" / "optimization.py").read_text())
    notebook_node.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="x" * (1 << 17))]
    write(notebook_node, tmp_path / "Optimization_methods.ipynb")
    shutil.copy(CORPUS / "base" / "regularization.py", tmp_path)
    _, report, _ = grade(tmp_path)
    found = statuses(report)
    assert {found[name] for name in names_of("regularization")} == {"passed"}
    message = next(e["message"] for e in report["exercises"] if e["module"] == "optimization")
    assert "a notebook is graded up to" in message and "Clear Outputs" in message


def test_a_module_file_comes_before_a_notebook_of_the_same_functions(tmp_path):
    shutil.copy(CORPUS / "base" / "optimization.py", tmp_path)
    wrong = UPDATE_LR.replace("(1 + decay_rate * epoch_num)", "(1 + decay_rate) * epoch_num")
    write(notebook_of(wrong), tmp_path / "Optimization_methods.ipynb")
    _, report, _ = grade(tmp_path, *only(*names_of("optimization")))
    assert set(statuses(report).values()) == {"passed"}
    assert any(note.startswith("optimization: graded from optimization.py; Optimization_methods.ipynb")
               for note in report["notes"])


def test_names_set_without_calling_anything_come_along_and_a_test_cell_does_not_hide_a_helper(tmp_path):
    constants = ("EPS = 10 ** -8\nshrink = lambda rate, by=EPS: rate / (1 + by)\nfloor_of = np.floor\n"
                 "CONFIG = {'unused': 1}\n")
    helper = "def difference(a, b):\n    return a / b\n"
    test_cell = "difference = update_lr(0.5, 2, 1.0)\nCONFIG['unused'] = 2\n"
    schedule = ("# GRADED FUNCTION: schedule_lr_decay\n"
                "def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):\n"
                "    steps = floor_of(epoch_num / time_interval)\n"
                "    return shrink(difference(learning_rate0, 1 + decay_rate * steps), by=0) + 0 * CONFIG['unused']\n")
    path = write(notebook_of("import numpy as np", constants, helper, UPDATE_LR, test_cell, schedule),
                 tmp_path / "lr.ipynb")
    code, report, _ = grade(path, *only("update_lr", "schedule_lr_decay"))
    assert code == 0, report["exercises"]
    assert any("EPS (set in cell In [2])" in note and "floor_of" in note and "taken along" in note
               for note in report["notes"])
    assert any("CONFIG (in cell In [5]), changed there by code that does not run" in note for note in report["notes"])


def test_an_import_taken_along_never_replaces_a_graded_function(tmp_path):
    imports = "from gc_utils import relu, forward_propagation, backward_propagation\n"
    forward = "# GRADED FUNCTION: forward_propagation\ndef forward_propagation(x, theta):\n    return relu(theta * x) - relu(-theta * x)\n"
    backward = "# GRADED FUNCTION: backward_propagation\ndef backward_propagation(x, theta):\n    return x\n"
    path = write(notebook_of(forward, backward, imports), tmp_path / "gc.ipynb")
    code, report, _ = grade(path, *only("forward_propagation", "backward_propagation"))
    assert code == 0, report["exercises"]


def test_a_graded_function_without_its_marker_is_graded_with_a_note(tmp_path):
    marker_alone = "# GRADED FUNCTION: update_lr\n"
    schedule = ("# GRADED FUNCTION: schedule_lr_decay\n"
                "def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):\n"
                "    return learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))\n")
    path = write(notebook_of(marker_alone, UPDATE_LR.split("\n", 1)[1], schedule), tmp_path / "lr.ipynb")
    code, report, _ = grade(path, *only("update_lr", "schedule_lr_decay"))
    assert code == 0
    assert "lr.ipynb: update_lr is graded from cell In [2], which has no `# GRADED FUNCTION: update_lr` line" \
        in report["notes"]


def test_ipython_help_in_a_graded_cell_is_left_out(tmp_path):
    with_help = UPDATE_LR.replace("    return", "    np.floor?\n    return") + "?math.floor\nupdate_lr??\n"
    path = write(notebook_of("import numpy as np", with_help), tmp_path / "lr.ipynb")
    code, report, _ = grade(path, *only("update_lr"))
    assert code == 0
    assert sum("is IPython's, not Python" in note for note in report["notes"]) == 3


def test_values_from_test_cells_and_values_that_replace_a_helper_or_a_function_stay_out(tmp_path):
    """The course's test cell sets inputs beside the call it tests; a reset cell sets a function's
    name and one of the course's helpers to None. None of them runs."""
    reads_global = UPDATE_LR.replace("learning_rate0 / (1", "scale(learning_rate) * learning_rate0 / (1")
    helper = "def scale(value):\n    return 1.0\n"
    test_cell = "learning_rate = 0.5\nprint(update_lr(learning_rate, 2, 1.0))\n"
    uses_helpers = ("# GRADED FUNCTION: schedule_lr_decay\n"
                    "def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):\n"
                    "    steps = np.floor(epoch_num / time_interval)\n"
                    "    return relu(learning_rate0) / (1 + decay_rate * steps) * scale(1)\n")
    resets = "scale = None\nrelu = None\n"
    path = write(notebook_of("import numpy as np", helper, reads_global, test_cell, uses_helpers, resets),
                 tmp_path / "lr.ipynb")
    _, report, _ = grade(path, *only("update_lr", "schedule_lr_decay"))
    found = {exercise["name"]: exercise for exercise in report["exercises"]}
    assert found["update_lr"]["status"] == "error"
    assert "name 'learning_rate' is not defined" in found["update_lr"]["message"]
    assert found["schedule_lr_decay"]["status"] == "passed", found["schedule_lr_decay"]["message"]
    assert any("learning_rate (set in cell In [4]), set by code that does not run" in note for note in report["notes"])


def test_odd_cells_cost_nothing_they_should_not(tmp_path):
    """Lone-CR line endings; statements sharing a line with `;`; a graded cell that sets a value and
    tests the function; a value reading a graded function; a student's own `max`; a long chain."""
    chain = "a0 = 1\na1 = 1\n" + "".join(f"a{k} = a{k - 1} + a{k - 2}\n" for k in range(2, 60))
    graded = ("# GRADED FUNCTION: update_lr\r"
              "FLOOR = 0.0\r"
              "def update_lr(learning_rate0, epoch_num, decay_rate):\r"
              "    return max(learning_rate0 / (1 + decay_rate * epoch_num), FLOOR + 0 * a59)\r"
              "print(update_lr(1, 2, 3))\r")
    shared = "import numpy as np; print('RAN'); raise SystemExit(3)\nstep = update_lr\n"
    own_max = "def max(a, b):\n    return a if a > b else b\n"
    path = write(notebook_of(shared, chain, own_max, graded), tmp_path / "lr.ipynb")
    code, report, _ = grade(path, *only("update_lr"))
    assert code == 0, report["exercises"]
    assert "RAN" not in report["exercises"][0]["stdout"]
    assert any("step" not in note for note in report["notes"])


# What the 2017-2020 notebooks import: the course's utilities and testCases, never public_tests.
OLDER_IMPORTS = {
    "optimization": "from opt_utils import load_params_and_grads, initialize_parameters, forward_propagation\n"
                    "from opt_utils import backward_propagation, compute_cost, predict, load_dataset\n"
                    "from testCases import *",
    "gradient_checking": "from testCases import *\n"
                         "from gc_utils import sigmoid, relu, dictionary_to_vector, vector_to_dictionary, "
                         "gradients_to_vector",
}
NEWER_ONLY = ("update_lr", "schedule_lr_decay")


def snippets(module: str, *names: str) -> str:
    return "\n\n".join((CORPUS / module / f"{name}.py").read_text() for name in names)


def graded_both_ways(path) -> dict:
    """The report of the full grader; the kit's gives the same verdicts and names the same mistakes."""
    _, report, _ = grade(path)
    _, from_key, _ = grade(path, "--kit")
    for field in ("status", "misconception"):
        assert [e[field] for e in from_key["exercises"]] == [e[field] for e in report["exercises"]], field
    assert from_key["notes"] == report["notes"]
    return report


@pytest.mark.parametrize("adam, verdict", [("older_course_three_items", "passed"),
                                           ("older_course_epsilon_inside_sqrt", "failed")])
def test_a_2017_2020_optimization_notebook_is_graded_as_that_version(adam, verdict, tmp_path):
    """Built like Optimization_methods_v1b: its imports, its 3-item Adam, no learning-rate decay.
    Its six exercises are graded (a wrong Adam named as in the newer form), the decay is not asked
    of it, and the report says which version it was read as and why."""
    notebook = course_notebook((CORPUS / "base" / "optimization.py").read_text(), title="Optimization Methods",
                               overlay=snippets("optimization", f"update_parameters_with_adam__{adam}"),
                               imports=OLDER_IMPORTS["optimization"], without=NEWER_ONLY)
    report = graded_both_ways(write(notebook, tmp_path / "Optimization_methods_v1b.ipynb"))
    found = {e["name"]: e for e in report["exercises"] if e["module"] == "optimization"}
    assert {name: e["status"] for name, e in found.items()} == {
        name: verdict if name == "update_parameters_with_adam" else "passed"
        for name in names_of("optimization") if name not in NEWER_ONLY}
    if verdict == "failed":
        assert found["update_parameters_with_adam"]["misconception"].startswith("epsilon is added inside the square root")
    assert ("Optimization_methods_v1b.ipynb is read as the course's 2017-2020 notebook (its name is that "
            "version's); that version has no update_lr or schedule_lr_decay, so they are not graded") in report["notes"]


def test_the_version_shows_in_the_imports_when_the_name_does_not(tmp_path):
    """A renamed older notebook is known by importing testCases and not public_tests; a 2021 one that
    leaves out the decay is told it is missing, as before."""
    base = (CORPUS / "base" / "optimization.py").read_text()
    older = course_notebook(base, imports=OLDER_IMPORTS["optimization"], without=NEWER_ONLY)
    _, report, _ = grade(write(older, tmp_path / "my work.ipynb"), *only("update_lr"))  # asked for by name: graded
    assert statuses(report) == {"update_lr": "missing"}
    _, report, _ = grade(tmp_path / "my work.ipynb")
    assert not set(NEWER_ONLY) & set(statuses(report))
    assert "my work.ipynb is read as the course's 2017-2020 notebook (it imports testCases and not public_tests); " \
           "that version has no update_lr or schedule_lr_decay, so they are not graded" in report["notes"]
    newer = course_notebook(base, imports="from testCases import *\nfrom public_tests import *", without=NEWER_ONLY)
    _, report, _ = grade(write(newer, tmp_path / "Optimization_methods.ipynb"))
    assert {statuses(report)[name] for name in NEWER_ONLY} == {"missing"}
    assert "Optimization_methods.ipynb is read as the course's 2021 notebook (it imports public_tests)" in report["notes"]


OLDER_CHECKS = ("gradient_check__older_signature_without_print_msg", "gradient_check_n__older_signature_without_print_msg")


@pytest.mark.parametrize("replaced, failing", [
    ((), None),
    (("gradient_check__older_signature_one_sided",), "gradient_check"),
    (("gradient_check_n__older_signature_denominator_without_norms",), "gradient_check_n"),
])
def test_a_2017_2020_gradient_checking_notebook_is_graded_as_that_version(replaced, failing, tmp_path):
    """Gradient Checking v1's checks take no print_msg: their right forms pass, and a mistake in
    either fails its own exercise only."""
    chosen = [next((name for name in replaced if name.split("__")[0] == right.split("__")[0]), right)
              for right in OLDER_CHECKS]
    notebook = course_notebook((CORPUS / "base" / "gradient_checking.py").read_text(), title="Gradient Checking",
                               overlay=snippets("gradient_checking", *chosen), imports=OLDER_IMPORTS["gradient_checking"])
    report = graded_both_ways(write(notebook, tmp_path / "Gradient Checking v1.ipynb"))
    found = {e["name"]: e["status"] for e in report["exercises"] if e["module"] == "gradient_checking"}
    assert found == {name: "failed" if name == failing else "passed" for name in names_of("gradient_checking")}
    assert "Gradient Checking v1.ipynb is read as the course's 2017-2020 notebook (its name is that version's)" \
        in report["notes"]


TORCH_CELLS = (
    "import numpy as np\nimport torch\n",
    "# GRADED FUNCTION: compute_cost_with_regularization\n"
    "def compute_cost_with_regularization(A3, Y, parameters, lambd):\n"
    "    A3, Y = torch.tensor(A3), torch.tensor(Y)\n"
    "    return float(torch.nn.functional.binary_cross_entropy(A3, Y))\n",
    "# GRADED FUNCTION: backward_propagation_with_dropout\n"
    "def backward_propagation_with_dropout(X, Y, cache, keep_prob):\n"
    "    import torch.autograd\n"
    "    return torch.autograd.grad(cache, X)\n",
)


@pytest.mark.parametrize("cells, names", [
    (TORCH_CELLS, ("compute_cost_with_regularization", "backward_propagation_with_dropout")),
    (TORCH_CELLS[2:], ("backward_propagation_with_dropout",)),
], ids=["imported at load", "imported in a call"])
def test_a_notebook_written_with_a_library_the_grader_lacks_gets_one_note(cells, names, tmp_path):
    """A real submission wrote every function with PyTorch: one note says so, and each exercise points
    to it instead of repeating the traceback, whether the import is at the top or in the function."""
    path = write(notebook_of(*cells), tmp_path / "Regularization.ipynb")
    _, report, _ = grade(path, *only(*names))
    assert len(report["exercises"]) == len(names)
    notes = [note for note in report["notes"] if "torch" in note]
    assert notes == ["Regularization.ipynb: the graded code imports torch, which is not installed where dlgrade "
                     "grades; the course's exercises are written with NumPy, so what needs torch cannot be graded"]
    for exercise in report["exercises"]:
        assert exercise["status"] == "error"
        assert exercise["message"] == ("Not graded: it needs torch, which dlgrade does not have "
                                       "(see the note at the top)")
        assert exercise["traceback"] is None
