"""Reading a notebook without nbformat: the cells nbformat reads, and nbformat's word where it must."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import nbformat
import pytest

from grader import ipynb
from grader.catalog import MODULES
from tests.conftest import CORPUS, ROOT
from tests.notebooks import course_notebook


def by_nbformat(path) -> list[tuple]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        notebook = nbformat.reads(path.read_text(encoding="utf-8-sig"), as_version=4)
    return [(cell.get("cell_type"), cell.get("source"), cell.get("execution_count")) for cell in notebook.cells]


def read(path) -> list[tuple]:
    return [(cell.get("cell_type"), cell.get("source"), cell.get("execution_count")) for cell in ipynb.cells(path)]


NOTEBOOKS = sorted((CORPUS / "notebooks").glob("*.ipynb")) + sorted(ROOT.glob("examples/**/*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_the_cells_are_those_nbformat_reads(path):
    assert read(path) == by_nbformat(path)


@pytest.mark.parametrize("module", MODULES)
def test_a_course_style_notebook_reads_as_nbformat_reads_it(module, tmp_path):
    path = tmp_path / f"{module}.ipynb"
    nbformat.write(course_notebook((CORPUS / "base" / f"{module}.py").read_text()), path)
    assert read(path) == by_nbformat(path) and any(kind == "code" for kind, _, _ in read(path))


def write(tmp_path, notebook) -> object:
    path = tmp_path / "odd.ipynb"
    path.write_text(json.dumps(notebook) if not isinstance(notebook, str) else notebook)
    return path


V4 = {"nbformat": 4, "nbformat_minor": 2, "metadata": {}}


@pytest.mark.parametrize("notebook", [
    {**V4, "cells": [{"source": ["x = 1\n", "y = 2"], "metadata": {}}]},  # no cell type: not code
    {**V4, "cells": [{"cell_type": "code", "source": 5, "metadata": {}}]},  # a source nbformat keeps as it is
    {**V4, "cells": [{"cell_type": "code", "source": ["a", 1], "metadata": {}}]},  # nbformat's to refuse
    {"nbformat": 4, "nbformat_minor": 2, "cells": []},  # no metadata: nbformat's to refuse
    {"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [
        {"cells": [{"cell_type": "code", "input": "def f():\n    return 1", "prompt_number": 4, "outputs": [],
                    "language": "python", "metadata": {}}], "metadata": {}}]},  # format 3: converted
], ids=["no-cell-type", "source-number", "source-list-with-number", "no-metadata", "format-3"])
def test_what_is_not_plain_format_4_is_read_or_refused_as_nbformat_does(notebook, tmp_path):
    path = write(tmp_path, notebook)
    try:
        expected = by_nbformat(path)
    except Exception as error:  # noqa: BLE001
        with pytest.raises(ipynb.NotebookError, match="is not a notebook nbformat can read") as refused:
            ipynb.cells(path)
        assert str(error).splitlines()[0] in str(refused.value)  # nbformat's reason
        return
    assert read(path) == expected


def test_text_that_is_not_json_or_not_utf8_is_refused_with_the_reason(tmp_path):
    with pytest.raises(ipynb.NotebookError, match="odd.ipynb is not a notebook: it is not JSON"):
        ipynb.cells(write(tmp_path, "def f(): pass"))
    (tmp_path / "odd.ipynb").write_bytes(b'{"cells": "\xff"}')
    with pytest.raises(ipynb.NotebookError, match="odd.ipynb is not UTF-8 text"):
        ipynb.cells(tmp_path / "odd.ipynb")


def test_grading_a_notebook_of_the_course_does_not_load_nbformat(tmp_path):
    notebook = CORPUS / "notebooks" / "Optimization_methods_v1b.ipynb"
    code = ("import sys; from grader import notebook; from grader.catalog import BY_NAME; from pathlib import Path; "
            f"notebook.extract(Path({str(notebook)!r}), set(BY_NAME)); print('nbformat' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
