"""The four exercise notebooks `grade init --notebooks` writes: explanations in Markdown, one
marked stub cell per graded function followed by a cell that checks it as the kernel has it
(`dlgrade.check`), and a last cell that grades the saved notebook.

They are made from the stubs in `exercises/`: each module's docstring introduces the
notebook, each function's docstring explains its exercise, and its stub is the cell.
"""

from __future__ import annotations

import ast
import importlib.resources

from grader.catalog import BY_NAME, MODULE_TITLES

# The notebook of each module, named as the course names them.
NOTEBOOK_NAMES = {module: f"{title.replace(' ', '_')}.ipynb" for module, title in MODULE_TITLES.items()}
_SETUP = ("import math\n\nimport numpy as np\n\n"
          "# Checks a function as this notebook has it, in the cell after its own: run both.\n"
          "import dlgrade\n\n"
          "# The course's helpers, which the grader binds for your functions as the course's notebooks do.\n"
          "from grader.course import (compute_cost, dictionary_to_vector, forward_propagation_n,\n"
          "                           gradients_to_vector, relu, sigmoid, vector_to_dictionary)\n")
_GRADE = ("# Grades this notebook's exercises as it is saved (save it first: Ctrl+S), the way your CI does.\n"
          "import subprocess\nimport sys\n\n"
          "graded = subprocess.run([sys.executable, '-m', 'grader', 'submit', {name!r}, *{only!r}],\n"
          "                        capture_output=True, text=True)\n"
          "print(graded.stdout, graded.stderr)\n")


def _as_markdown(docstring: str) -> str:
    """A function's docstring as Markdown: its first paragraph as text, the rest (formulas,
    argument lists, laid out by spaces) as a block that keeps its lines."""
    summary, _, rest = docstring.partition("\n\n")
    return summary + (f"\n\n```text\n{rest.strip()}\n```" if rest.strip() else "")


def notebook_text(module: str) -> str:
    """The exercise notebook of `module`, as the JSON of an nbformat 4 notebook."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    source = importlib.resources.files("exercises").joinpath(f"{module}.py").read_text("utf-8")
    tree = ast.parse(source)
    lines = source.split("\n")
    introduction = ast.get_docstring(tree).replace("your module", "your notebook")  # prose: Markdown as it is
    cells = [new_markdown_cell(f"# {MODULE_TITLES[module]}\n\n{introduction}"),
             new_code_cell(_SETUP)]
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name in BY_NAME]
    for number, function in enumerate(functions, start=1):
        points = BY_NAME[function.name].points
        cells.append(new_markdown_cell(f"## Exercise {number}: `{function.name}` ({points} point"
                                       f"{'s' if points != 1 else ''})\n\n{_as_markdown(ast.get_docstring(function))}"))
        stub = "\n".join(lines[function.lineno - 1:function.end_lineno])
        cells.append(new_code_cell(f"# GRADED FUNCTION: {function.name}\n\n{stub}\n"))
        cells.append(new_code_cell(f"dlgrade.check({function.name!r})"))
    cells.append(new_markdown_cell("## Grade your work\n\nSave the notebook, then run the cell below."))
    only = [arg for function in functions for arg in ("--only", function.name)]
    cells.append(new_code_cell(_GRADE.format(name=NOTEBOOK_NAMES[module], only=only)))
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nbformat.writes(notebook) + "\n"
