"""Gradient checking: how the four functions' answers are compared with the reference.

Every one of them is compared with the reference; their cases (the grader's own
forward/backward fixtures, true and deliberately broken gradients) and known
mistakes are in grader.oracle.gradient_checking. A gradient check that does not call the
functions it is given is a known mistake whose place in the code can be shown: the line
that computes J or grad itself (`written_in`).
"""

from __future__ import annotations

import ast
import re

from grader.compare import Tolerance
from grader.rubrics.base import Comparing

_EXACT = Comparing(tolerance=Tolerance(rtol=1e-12, atol=0))

COMPARING = {
    "forward_propagation": _EXACT,
    "backward_propagation": _EXACT,
    # A difference is a ratio in [0, 1]; values of about 1e-8 are rounding noise.
    "gradient_check": Comparing(tolerance=Tolerance(rtol=1e-6, atol=1e-7)),
    "gradient_check_n": Comparing(tolerance=Tolerance(rtol=1e-5, atol=1e-7)),
}

RUBRICS = ()

# gradient_check with the course's one example written in (J = theta * x, dtheta = x) instead of
# calls of the functions it is given: right on that example, blind to any other.
OWN_FORWARD = ("it does not call forward_propagation: J is computed in it as theta * x, the course's "
               "example, so it checks that example instead of the function it is given")
OWN_BACKWARD = ("it does not call backward_propagation: grad is x, the course's example, so it checks "
                "that example instead of the function it is given")
OWN_BOTH = ("it calls neither forward_propagation nor backward_propagation: J = theta * x and grad = x, "
            "the course's example, are written in it, so it checks that example instead of the functions "
            "it is given")
# misconception -> (the call it lacks, the names of what it computes itself instead)
_WRITTEN_IN = {OWN_FORWARD: ("forward_propagation", r"j\w*"), OWN_BOTH: ("forward_propagation", r"j\w*"),
               OWN_BACKWARD: ("backward_propagation", r"grad|dtheta|d_theta")}


def written_in(name: str, misconception: str, function: ast.FunctionDef) -> int | None:
    """The line of `function` (exercise `name`) that computes itself what `misconception` says it
    should get from a call; None when the misconception is not of that kind or no line shows it."""
    if name != "gradient_check" or misconception not in _WRITTEN_IN:
        return None
    call, target = _WRITTEN_IN[misconception]
    lines = [node.lineno for node in ast.walk(function)
             if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and node.value is not None
             and any(re.fullmatch(target, assigned, re.I) for assigned in _assigned(node))
             and not _calls(node.value, call)]
    return min(lines, default=None)


def _assigned(node: ast.Assign | ast.AugAssign | ast.AnnAssign) -> list[str]:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    return [target.id for target in targets if isinstance(target, ast.Name)]


def _calls(node: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Call) and getattr(n.func, "id", getattr(n.func, "attr", None)) == name
               for n in ast.walk(node))
