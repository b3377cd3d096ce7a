"""`dlgrade.check()` in real notebook kernels (ipykernel, driven by nbclient as Jupyter drives
it): the verdicts of `grade submit` on the same notebook, the function never called in the kernel."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from grader.grading import grade_submission
from grader.submission import find_submission
from tests.conftest import CORPUS

BASE = (CORPUS / "base" / "regularization.py").read_text()


def function(name: str, source: str = BASE) -> str:
    """The definition of `name` in `source`, as a student's cell holds it."""
    start = source.index(f"def {name}(")
    end = source.find("\ndef ", start)
    return source[start:] if end < 0 else source[start:end]


CORRECT_COST = function("compute_cost_with_regularization")
# Without 1/m: the course's most common mistake in this exercise.
WRONG_COST = CORRECT_COST.replace("(1 / m) * (lambd / 2)", "(lambd / 2)")
assert WRONG_COST != CORRECT_COST


def run(cells: list[str], folder, name: str = "executed.ipynb") -> nbformat.NotebookNode:
    """Execute a notebook of `cells` in a fresh kernel, told its name as Jupyter tells it; the
    executed notebook, also written to folder/name with its execution counts, as a student would
    save it."""
    notebook = new_notebook(cells=[new_code_cell(source) for source in cells])
    client = NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(folder)}})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JPY_SESSION_NAME", str(folder / name))  # the kernel inherits it
        client.execute()
    nbformat.write(notebook, folder / name)
    return notebook


def shown(cell) -> str:
    """What the cell shows: its result's plain text, what it printed, or its error."""
    texts = []
    for output in cell.outputs:
        if output.output_type in ("execute_result", "display_data"):
            texts.append(output.data.get("text/plain", ""))
        elif output.output_type == "stream":
            texts.append(output.text)
        elif output.output_type == "error":
            texts.append(f"{output.ename}: {output.evalue}")
    return "\n".join(texts)


def html_shown(cell) -> str:
    return "\n".join(output.data["text/html"] for output in cell.outputs if "text/html" in output.get("data", {}))


def verdicts(text: str) -> dict[str, str]:
    """name -> status, from a check's lines (✓ name: passed (2/2); ✗ name: failed)."""
    return {name: "passed" if mark == "✓" else status
            for mark, name, status in re.findall(r"^([✓✗]) (\w+): (\w+)", text, re.M)}


def test_a_check_gives_the_verdicts_of_grade_submit_on_the_same_notebook(tmp_path):
    """Correct, then redefined wrong, then broken: each check grades the definition the kernel
    has at that moment; the last check matches `grade submit` on the saved notebook."""
    executed = run([
        "import numpy as np\nimport dlgrade",
        "# GRADED FUNCTION: compute_cost_with_regularization\n\n" + CORRECT_COST,
        "dlgrade.check('compute_cost_with_regularization')",
        "# GRADED FUNCTION: compute_cost_with_regularization\n\n" + WRONG_COST,
        "dlgrade.check('compute_cost_with_regularization')",
        "# GRADED FUNCTION: backward_propagation_with_regularization\n\n"
        "def backward_propagation_with_regularization(X, Y, cache, lambd):\n    raise ValueError('<b>not yet</b>')\n",
        "dlgrade.check(assignment='regularization')",
    ], tmp_path)
    first, second, last = (shown(executed.cells[index]) for index in (2, 4, 6))
    assert verdicts(first) == {"compute_cost_with_regularization": "passed"}
    assert verdicts(second) == {"compute_cost_with_regularization": "failed"}
    assert "not divided by m" in second and "minimal failing input" in second
    assert "cell In [4] of executed.ipynb" in second  # the definition graded, named as Jupyter shows it
    submitted = grade_submission(find_submission(tmp_path / "executed.ipynb"))
    assert verdicts(last) == {result.name: result.status.value for result in submitted.exercises
                              if result.name in verdicts(last)}
    assert verdicts(last)["backward_propagation_with_regularization"] == "error"
    html = html_shown(executed.cells[6])  # Jupyter and Colab show the report's cards
    assert 'class="dlgrade-check"' in html and "st-failed" in html and "st-error" in html
    assert "&lt;b&gt;not yet&lt;/b&gt;" in html and "<b>not yet" not in html
    assert set(verdicts(last)) == {"compute_cost_with_regularization", "backward_propagation_with_regularization"}


def test_what_cannot_be_checked_is_said_in_the_cell(tmp_path):
    executed = run([
        "import dlgrade",
        "dlgrade.check('update_lr')",
        "dlgrade.check('compute_cost_with_regularisation')",
        "update_lr = eval('lambda learning_rate0, epoch_num, decay_rate: learning_rate0')\n"
        "dlgrade.check('update_lr')",
        "dlgrade.check()",
    ], tmp_path)
    not_yet, misspelt, no_source, nothing = (shown(executed.cells[index]) for index in (1, 2, 3, 4))
    assert "update_lr is not defined in this notebook yet" in not_yet
    assert "did you mean 'compute_cost_with_regularization'" in misspelt and "Error" not in misspelt
    assert "cannot find its source" in no_source
    assert "none of the exercises" in nothing


def test_outside_a_notebook_check_says_where_it_works():
    import dlgrade

    with pytest.raises(dlgrade.CheckError, match="running notebook"):
        dlgrade.check("update_lr")


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(path.name for path in (CORPUS / "notebooks").glob("*.ipynb")))
def test_the_corpus_notebooks_checked_in_a_kernel_get_the_verdicts_of_grade_submit(name, tmp_path):
    """Each public corpus notebook run top to bottom (its course modules missing here, so those
    cells fail, as they do not matter), then `dlgrade.check()`: every function it defines is
    checked, with the verdict `grade submit` gives the notebook saved after the run."""
    notebook = nbformat.read(CORPUS / "notebooks" / name, as_version=4)
    cells = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    executed = run([*cells, "import dlgrade\ndlgrade.check()"], tmp_path, name)
    checked = verdicts(shown(executed.cells[-1]))
    submitted = grade_submission(find_submission(tmp_path / name))
    assert checked == {result.name: result.status.value for result in submitted.exercises if result.name in checked}
    assert {result.name for result in submitted.exercises if result.status.value != "missing"} <= set(checked)
    assert checked
