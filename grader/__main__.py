"""`python -m grader`: the grade command.

For -m, Python puts the working folder first on sys.path, and a folder there named like one of
the grader's packages (a student's `reference/`) would be imported in its place where dlgrade is
installed in editable mode: the working folder is taken off, unless dlgrade itself is in it.
"""

import os
import sys
from pathlib import Path

import grader

_here = os.getcwd()
if sys.path and sys.path[0] in ("", _here) and Path(grader.__file__).resolve().parent.parent != Path(_here).resolve():
    del sys.path[0]

from grader.cli import main  # noqa: E402 - after the path is mended

main()
