"""Gradient checking: how the four functions' answers are compared with the reference.

Every one of them is compared with the reference; their cases (the grader's own
forward/backward fixtures, true and deliberately broken gradients) and known
mistakes are in grader.oracle.gradient_checking.
"""

from __future__ import annotations

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
