"""Initialization: zeros compared exactly; random and He graded by their contract.

Random and He initialization may draw numbers any way they like (the course's
np.random.seed(3) stream, default_rng, normal(0, scale)); what must hold is the
structure, zero biases, weights centred on zero with the right scale, and rows
that differ (symmetry broken). Scales are checked layer by layer, against
candidates for the usual wrong scales so the message can name the slip.
Zeros are compared with the reference: its cases and known mistakes are in
grader.oracle.initialization, with the generated cases of all three.
"""

from __future__ import annotations

import math

import numpy as np

from grader.compare import Tolerance
from grader.results import Check
from grader.rubrics.base import Case, Comparing, Returned, Rubric, by_contract
from grader.rubrics.contracts import mean_near_zero, scale_within, structure


def dims_case(dims) -> Case:
    return Case(args=(("layers_dims", list(dims)),))


def _shapes(dims) -> dict:
    shapes = {}
    for l in range(1, len(dims)):
        shapes[f"W{l}"] = (dims[l], dims[l - 1])
        shapes[f"b{l}"] = (dims[l], 1)
    return shapes


COMPARING = {"initialize_parameters_zeros": Comparing(tolerance=Tolerance(rtol=0, atol=0))}


# Wrong scales students use, as functions of (n_prev, n_this); used to name a slip.
_HE_SLIPS = {
    "sqrt(1/n_prev) (Xavier) instead of sqrt(2/n_prev)": lambda n_prev, n: math.sqrt(1 / n_prev),
    "sqrt(2/n) of the layer's own size instead of the previous layer's": lambda n_prev, n: math.sqrt(2 / n),
    "2/n_prev without the square root": lambda n_prev, n: 2 / n_prev,
    "sqrt(2)/n_prev instead of sqrt(2/n_prev)": lambda n_prev, n: math.sqrt(2) / n_prev,
    "the factor 10 of random initialization": lambda n_prev, n: 10.0,
    "no scaling at all (plain randn)": lambda n_prev, n: 1.0,
}
_RANDOM_SLIPS = {
    "no factor 10 (plain randn)": lambda n_prev, n: 1.0,
    "a factor 0.01 instead of 10": lambda n_prev, n: 0.01,
    "the He scale sqrt(2/n_prev) instead of 10": lambda n_prev, n: math.sqrt(2 / n_prev),
}


def _weights(returned: Returned, dims):
    return [(l, returned.value[f"W{l}"]) for l in range(1, len(dims))]


def _zero_biases(case: Case, returned: Returned) -> Check:
    dims = case.arg("layers_dims")
    for l in range(1, len(dims)):
        if np.any(returned.value[f"b{l}"] != 0):
            return Check("biases are zero", False, f"b{l} is not all zeros: biases start at zero")
    return Check("biases are zero", True)


def _symmetry_broken(case: Case, returned: Returned) -> Check:
    for l, W in _weights(returned, case.arg("layers_dims")):
        if not np.any(W):
            return Check("symmetry broken", False,
                         f"W{l} is all zeros (an integer division such as 2 // n is 0 in Python 3)")
        if W.shape[0] > 1 and np.all(W == W[0]):
            return Check("symmetry broken", False,
                         f"Every row of W{l} is the same: all units of layer {l} would learn the same thing")
        if W.size > 1 and np.unique(W).size < 0.9 * W.size:
            return Check("symmetry broken", False,
                         f"W{l} repeats values: draw every weight independently")
    return Check("symmetry broken", True)


def _scale_check(expected_scale, slips: dict, label: str):
    """Weights centred on zero, with std `expected_scale(n_prev, n)` in every layer."""

    def check(case: Case, returned: Returned) -> Check:
        dims = case.arg("layers_dims")
        weights = _weights(returned, dims)
        for l, W in weights:
            if not mean_near_zero(W, float(np.std(W))):
                return Check("weight scale", False,
                             f"W{l} has mean {W.mean():.3g}; weights must be centred on 0 "
                             "(np.random.randn draws from a standard normal; np.random.rand is uniform on [0, 1))")
        verdicts = [(l, W, *scale_within(W, expected_scale(dims[l - 1], dims[l]))) for l, W in weights]
        bad = [(l, W, ratio) for l, W, ok, ratio in verdicts if not ok]
        if not bad:
            return Check("weight scale", True, f"every layer's std matches {label}")
        slip = _name_slip(weights, dims, slips)
        l, W, ratio = bad[0]
        observed = float(np.sqrt(np.mean(np.square(W))))
        message = f"W{l} has std {observed:.4g}, expected about {expected_scale(dims[l - 1], dims[l]):.4g}"
        if "n_prev" in label:
            message += f" = {label} with n_prev = {dims[l - 1]}"
        if slip:
            message = f"The weights look scaled by {slip}: {message}"
        return Check("weight scale", False, message)

    return check


def _name_slip(weights, dims, slips: dict) -> str | None:
    for description, scale in slips.items():
        if all(scale_within(W, scale(dims[l - 1], dims[l]))[0] for l, W in weights):
            return description
    return None


def _structure(case: Case, returned: Returned) -> Check:
    return structure(_shapes(case.arg("layers_dims")), returned.value)


# Every layer has at least 20 x 20 weights (the generated cases too, grader.oracle): then a
# scale off by sqrt(2) (Xavier instead of He) lies outside the 6-sigma margin in every layer.
_WIDE_EXAMPLES = (dims_case([40, 20, 30, 1]), dims_case([10, 60, 5]))

RANDOM = Rubric(
    name="initialize_parameters_random",
    explicit=_WIDE_EXAMPLES,
    judge=by_contract(_structure, _zero_biases, _symmetry_broken,
                      _scale_check(lambda n_prev, n: 10.0, _RANDOM_SLIPS, "10")),
)

HE = Rubric(
    name="initialize_parameters_he",
    explicit=_WIDE_EXAMPLES,
    judge=by_contract(_structure, _zero_biases, _symmetry_broken,
                      _scale_check(lambda n_prev, n: math.sqrt(2 / n_prev), _HE_SLIPS, "sqrt(2/n_prev)")),
)

RUBRICS = (RANDOM, HE)
