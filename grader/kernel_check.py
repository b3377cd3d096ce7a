"""`dlgrade.check()` in a running notebook (Jupyter, Colab): the functions as the kernel has
them, graded as `grade submit` grades them, with the verdicts shown in the cell.

The kernel's functions are never called in the kernel. What the kernel ran, cell by cell in
the order it ran them (IPython's input history), is graded as a notebook whose cells carry
those execution counts: the notebook extractor takes each graded function's latest
definition and what it uses, as it does for a notebook handed in, and the sandboxed worker
runs them. The worker is kept between checks (`grade_submission(keep=True)`), so a check
after the first costs the grading alone.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import tempfile
from pathlib import Path, PurePath

from grader.catalog import BY_NAME, EXERCISES, MODULES
from grader.errors import GraderError
from grader.results import ExerciseResult

# The name of the notebook the kernel's history is written to, where the kernel is not told its own.
NOTEBOOK = "notebook.ipynb"


class CheckError(GraderError):
    """Raised when nothing can be checked: not in a notebook, or an exercise or assignment dlgrade
    does not know (`check` says the latter in its result)."""


@dataclasses.dataclass
class Checked:
    """What a check found, shown by the notebook as the cell's result."""

    results: list[ExerciseResult]
    problems: list[str]  # the names asked for that could not be graded, and why
    notes: list[str]
    kit: bool = False  # judged from the student kit's answer key

    def _repr_html_(self) -> str:
        """Jupyter and Colab show this: the report's card of each exercise."""
        from grader.report.html import render_check_html

        return render_check_html(self.results, self.problems, self.notes, kit=self.kit)

    def __repr__(self) -> str:
        from grader.report.summary import failure_text, format_points

        lines = []
        for result in self.results:
            points = f"{format_points(result.score)}/{format_points(result.max_score)}"
            if result.passed:
                lines.append(f"✓ {result.name}: passed ({points})")
            else:
                lines.append(f"✗ {result.name}: {result.status.value}")
                if result.cell is not None:
                    lines.append(f"  graded from {result.cell['place']} of {result.file}")
                lines += [f"  {line}" for line in failure_text(result).splitlines()]
        lines += [f"✗ {problem}" for problem in self.problems]
        lines += [f"Note: {note}" for note in self.notes]
        return "\n".join(lines)


def check(name: str | None = None, *, assignment: str | None = None) -> Checked:
    """Grade the exercise `name` as this notebook's kernel has it; without a name, every graded
    function the kernel has run a definition of (of `assignment` only, when it is given)."""
    shell = _shell()
    try:
        wanted = _wanted(name, assignment)
    except CheckError as error:  # a misspelt name: said in the cell, without a traceback
        return Checked([], [str(error)], [])
    with tempfile.TemporaryDirectory(prefix="dlgrade-check-") as folder:
        notebook = Path(folder) / _notebook_name(shell.user_ns)
        notebook.write_text(json.dumps(_as_notebook(shell.history_manager.input_hist_raw)), encoding="utf-8")
        try:
            return _graded(notebook, wanted, shell.user_ns, explicit=name is not None)
        except GraderError as error:  # what stops `grade submit` too (no isolation here, say), said in the cell
            return Checked([], [f"not checked: {error}"], [])


def _shell():
    """The running IPython shell (Jupyter's or Colab's kernel): its input history holds the source of
    each cell it ran, in order, the first at index 1 (its In [1])."""
    try:
        from IPython import get_ipython
    except ImportError:
        get_ipython = None
    shell = get_ipython() if get_ipython is not None else None
    if shell is None or getattr(shell, "history_manager", None) is None:
        raise CheckError("dlgrade.check() grades the functions of a running notebook (Jupyter or Colab); "
                         "in a terminal, run `grade submit` on your files")
    return shell


def _notebook_name(namespace: dict) -> str:
    """The notebook's file name where the front end tells the kernel (JupyterLab and Notebook 7 set
    `__session__`, VS Code `__vsc_ipynb_file__`; Colab tells nothing), for messages and for the
    course's version, which a notebook's name may show."""
    told = [namespace.get(key) for key in ("__session__", "__vsc_ipynb_file__")]
    named = [PurePath(path).name for path in told if isinstance(path, str) and path.endswith(".ipynb")]
    return named[0] if named else NOTEBOOK


def _wanted(name: str | None, assignment: str | None) -> list[str] | None:
    """The exercises asked for, by name; None: each the kernel defines."""
    if name is not None:
        if name not in BY_NAME:
            close = difflib.get_close_matches(name, BY_NAME, n=1)
            suggestion = f"; did you mean {close[0]!r}?" if close else ""
            raise CheckError(f"there is no exercise named {name!r}{suggestion}")
        if assignment is not None and BY_NAME[name].module != assignment:
            raise CheckError(f"{name} is an exercise of {BY_NAME[name].module}, not of {assignment}")
        return [name]
    if assignment is not None and assignment not in MODULES:
        raise CheckError(f"there is no assignment named {assignment!r}: the assignments are {', '.join(MODULES)}")
    return None if assignment is None else [e.name for e in EXERCISES if e.module == assignment]


def _as_notebook(cells: list[str]) -> dict:
    """A notebook of the kernel's history: one code cell per input, with its execution count."""
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
            "cells": [{"cell_type": "code", "id": f"in-{count}", "execution_count": count, "metadata": {},
                       "outputs": [], "source": source} for count, source in enumerate(cells) if count and source]}


def _graded(notebook: Path, wanted: list[str] | None, namespace: dict, *, explicit: bool) -> Checked:
    from grader import notebook as notebooks
    from grader.grading import grade_submission
    from grader.submission import find_submission

    defined = notebooks.extract(notebook, set(BY_NAME)).attempted
    names = [e.name for e in EXERCISES if e.name in defined and (wanted is None or e.name in wanted)]
    problems = [_not_defined(name, namespace) for name in (wanted or []) if name not in defined] if explicit else []
    if not names:
        if not problems:
            problems = ["none of the exercises asked for is defined in this notebook yet: run the cells "
                        "that define them, then check again"]
        return Checked([], problems, [])
    report = grade_submission(find_submission(notebook), only=tuple(names), keep=True)
    return Checked(report.exercises, problems, report.notes, kit=report.mode == "kit")


def _not_defined(name: str, namespace: dict) -> str:
    """Why `name` cannot be graded although it was asked for by name (`namespace`: the kernel's)."""
    if callable(namespace.get(name)):
        return (f"{name}: dlgrade cannot find its source. It exists in the kernel, but no cell that ran "
                "defines it with `def` (it was made by exec, a lambda or a loop). Define it with `def` "
                "in a cell, run that cell, and check again.")
    return f"{name} is not defined in this notebook yet: run the cell that defines it, then check again"
