"""Course-style notebooks made from Python modules, for the tests.

A notebook has what the course's have: a title in Markdown, a cell of imports (the course's
utilities, matplotlib, a `%matplotlib inline`), a cell that loads the data and plots it,
one cell per function (the graded ones marked `# GRADED FUNCTION: name`, unless the
notebook is made unmarked) each followed by the notebook's own test of it, and cells that
fail if they ever run. Graded as notebooks, they must get the verdicts the modules get.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from grader.catalog import BY_NAME

# Cells that must never run when graded: each fails at once if it does.
DATA_CELL = ("train_X, train_Y, test_X, test_Y = load_dataset()\n"
             "plt.scatter(train_X[0, :], train_X[1, :], c=train_Y, s=40)\n")
NEVER_RUN = 'raise RuntimeError("this cell must not run when the notebook is graded")\n'


def course_notebook(source: str, *, overlay: str = "", marked: bool = True, title: str = "Notebook",
                    imports: str = "", without: tuple[str, ...] = ()):
    """The module `source` as a course-style notebook; the functions of `overlay` (a corpus
    snippet) replace those of the same name, in place, and its other functions come just before.
    `imports` open the cell of imports (a version's test modules); the functions `without` are left out."""
    base = [(kind, name, code) for kind, name, code in _statements(source) if name not in without]
    extra = _statements(overlay) if overlay else []
    replaced = {name for kind, name, _ in extra if kind == "def"}
    helpers = [code for kind, name, code in extra if kind == "def" and name not in _defined(base)]
    setup = [code for kind, _, code in base + extra if kind == "import"]
    loose = [code for kind, _, code in extra if kind == "other"]

    cells = [new_markdown_cell(f"# {title}\n\nThe course's explanations would be here."),
             new_code_cell("\n".join(([imports] if imports else []) + setup + ["%matplotlib inline"]) + "\n",
                           execution_count=1),
             new_code_cell(DATA_CELL, execution_count=2),
             new_code_cell(NEVER_RUN, execution_count=None)]
    if loose:
        cells.append(new_code_cell("\n".join(loose) + "\n", execution_count=3))
    count = 4
    for kind, name, code in base:
        if kind != "def":
            continue
        if name in replaced:
            code = next(code for kind, other, code in extra if kind == "def" and other == name)
            if helpers:
                cells.append(new_code_cell("\n\n".join(helpers) + "\n", execution_count=count))
                count, helpers = count + 1, []
        graded = name in BY_NAME
        if graded:
            cells.append(new_markdown_cell(f"## {name}\n\nImplement `{name}`."))
        marker = f"# GRADED FUNCTION: {name}\n\n" if graded and marked else ""
        cells.append(new_code_cell(marker + code + "\n", execution_count=count))
        if graded:
            cells.append(new_code_cell(f"print({name}_test({name}))\n", execution_count=count + 1))
        count += 2
    cells.append(new_code_cell("!pip install --quiet something\n" + NEVER_RUN, execution_count=None))
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


def write(notebook, path: Path) -> Path:
    nbformat.write(notebook, str(path))
    return path


def _statements(source: str) -> list[tuple[str, str, str]]:
    """(kind, name, source) of each top-level statement: "import", "def" or "other"."""
    tree = ast.parse(source)
    lines = source.split("\n")
    found = []
    for statement in tree.body:
        first = min([statement.lineno, *(d.lineno for d in getattr(statement, "decorator_list", []))])
        code = "\n".join(lines[first - 1:statement.end_lineno])
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            found.append(("import", "", code))
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.append(("def", statement.name, code))
        else:
            found.append(("other", "", code))
    return found


def _defined(statements) -> set[str]:
    return {name for kind, name, _ in statements if kind == "def"}
