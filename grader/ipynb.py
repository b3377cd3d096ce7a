"""A notebook file's cells, as nbformat reads them, without nbformat where it is not needed.

nbformat takes a quarter of a second to import and a twentieth to set up its validator: more
than grading a notebook's exercises costs once their case plans are made. A notebook of the
current format (4, which both versions of the course use) is JSON whose code is in `cells`, each
cell's `source` a string or a list of strings; that is read here, as nbformat reads it (the lines
joined). Anything else (format 3, a cell that is not what format 4 says) is left to nbformat,
which converts what it can and says what is wrong.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path


class NotebookError(Exception):
    """Raised when a notebook cannot be read: not JSON, not a notebook, a version nbformat cannot read."""


def cells(path: Path) -> list[dict]:
    """The notebook's cells, each with its source as one string; raises NotebookError."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise NotebookError(f"{path.name} is not UTF-8 text ({error.reason} at byte {error.start})") from error
    try:
        notebook = json.loads(text)
    except ValueError as error:
        raise NotebookError(f"{path.name} is not a notebook: it is not JSON") from error
    if _current(notebook):
        return [{**cell, "source": "".join(cell["source"])} if isinstance(cell.get("source"), list) else cell
                for cell in notebook["cells"]]
    return _by_nbformat(text, path)


def _current(notebook) -> bool:
    """Whether `notebook` is of format 4, with the keys nbformat requires (without them it refuses
    the notebook, and says why) and cells as that format has them."""
    return (isinstance(notebook, dict) and notebook.get("nbformat") == 4
            and isinstance(notebook.get("nbformat_minor"), int) and isinstance(notebook.get("metadata"), dict)
            and isinstance(notebook.get("cells"), list)
            and all(isinstance(cell, dict) and _text(cell.get("source", "")) for cell in notebook["cells"]))


def _text(source) -> bool:
    return isinstance(source, str) or (isinstance(source, list) and all(isinstance(line, str) for line in source))


def _by_nbformat(text: str, path: Path) -> list:
    import nbformat

    try:
        with warnings.catch_warnings():  # nbformat warns of what it mends (cell ids); the student cannot act on it
            warnings.simplefilter("ignore")
            notebook = nbformat.reads(text, as_version=4)
    except Exception as error:  # nbformat raises many kinds
        raise NotebookError(f"{path.name} is not a notebook nbformat can read: {_first_line(error)}") from error
    return notebook.get("cells", [])


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0][:300] if text else type(error).__name__
