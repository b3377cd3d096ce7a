"""A graded function still as the course handed it out: its code regions left empty.

The course's stubs mark where the student writes (`### START CODE HERE ###` ... `### END
CODE HERE ###` until 2020, `# YOUR CODE STARTS HERE` ... `# YOUR CODE ENDS HERE` since),
around placeholders (`dA2 = None`) or nothing at all. Run as it is, such a stub computes
something, and comparing that with the reference would blame a formula nobody wrote ("dZ2
is off by a factor 0.8"); it is reported as not attempted instead.
"""

from __future__ import annotations

import ast
import re

from grader.notebook import last_definition

_START = re.compile(r"^\s*#+\s*(?:START CODE HERE|YOUR CODE STARTS HERE)", re.I)
_END = re.compile(r"^\s*#+\s*(?:END CODE HERE|YOUR CODE ENDS HERE)", re.I)


def unfilled(source: str, name: str) -> bool:
    """Whether the last top-level definition of `name` in `source` has code regions and nothing
    in any of them but blank lines, comments, `pass` and `= None` placeholders."""
    definition = last_definition(source, name)
    if definition is None:
        return False
    lines = source.split("\n")[definition.lineno - 1:definition.end_lineno]
    regions, inside = 0, False
    for line in lines:
        if _START.match(line):
            regions, inside = regions + 1, True
        elif _END.match(line):
            inside = False
        elif inside and not _placeholder(line):
            return False
    return regions > 0


def _placeholder(line: str) -> bool:
    """A line that is no answer: blank, a comment, `pass`, `...` or `name = None` (any targets)."""
    code = line.strip()
    if not code or code.startswith("#"):
        return True
    try:
        statements = ast.parse(code).body
    except (SyntaxError, ValueError):
        return False  # a line of a longer statement: code was written
    return all(_no_answer(statement) for statement in statements)


def _no_answer(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.Pass) or (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)):
        return True
    if not isinstance(statement, ast.Assign):
        return False
    value = statement.value
    items = value.elts if isinstance(value, ast.Tuple) else [value]
    return all(isinstance(item, ast.Constant) and item.value is None for item in items)
