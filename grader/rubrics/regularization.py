"""Regularization: dropout's forward pass by its contract, and how the answers of the
L2 cost, its gradients and dropout's backward pass are compared with the reference.

The backward functions are also checked numerically against the course cost they
differentiate, one verdict per gradient. Their cases (caches from a forward pass
with masks the grader drew) and known mistakes are in grader.oracle.regularization,
with dropout's generated cases.
"""

from __future__ import annotations

import numpy as np

from grader import course, inputs
from grader.compare import Tolerance, array_diff
from grader.results import Check
from grader.rubrics.base import Case, Comparing, Returned, Rubric, by_contract
from grader.rubrics.contracts import rate_within

TOLERANCE = Tolerance(rtol=1e-7, atol=1e-10)

COMPARING = {
    "compute_cost_with_regularization": Comparing(tolerance=Tolerance(rtol=1e-9, atol=1e-12)),
    "backward_propagation_with_regularization": Comparing(tolerance=TOLERANCE, numerically=True),
    "backward_propagation_with_dropout": Comparing(tolerance=TOLERANCE, numerically=True),
}


# ---- forward_propagation_with_dropout ---------------------------------------

def dropout_forward_case(dims, m, keep_prob, rng) -> Case:
    X = rng.standard_normal((dims[0], m))
    return Case(args=(("X", X), ("parameters", inputs.parameters(dims, rng)), ("keep_prob", keep_prob)))


CACHE_NAMES = ("Z1", "D1", "A1", "W1", "b1", "Z2", "D2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")


def _dropout_structure(case: Case, returned: Returned) -> Check:
    X, parameters = case.arg("X"), case.arg("parameters")
    m = X.shape[1]
    n1, n2 = parameters["W1"].shape[0], parameters["W2"].shape[0]
    shapes = {"Z1": (n1, m), "D1": (n1, m), "A1": (n1, m), "Z2": (n2, m), "D2": (n2, m),
              "A2": (n2, m), "Z3": (1, m), "A3": (1, m)}
    layout = "return A3, cache with cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)"
    value = returned.value
    if not (isinstance(value, (tuple, list)) and len(value) == 2 and isinstance(value[1], (tuple, list))):
        return Check("return structure", False, f"Expected a pair (A3, cache): {layout}")
    if len(value[1]) != len(CACHE_NAMES):
        return Check("return structure", False, f"The cache has {len(value[1])} items, expected 14: {layout}")
    for name, item in (("A3", value[0]), *zip(CACHE_NAMES, value[1])):
        expected = shapes.get(name) or parameters[name].shape
        got = np.shape(item) if isinstance(item, np.ndarray) else None
        if got != expected:
            where = "the returned A3" if name == "A3" and item is value[0] else f"{name} in the cache"
            return Check("return structure", False,
                         f"{where} is {_shape_text(item)}, expected shape {expected} ({layout})")
    return Check("return structure", True)


def _shape_text(item) -> str:
    return f"of shape {item.shape}" if isinstance(item, np.ndarray) else f"a {type(item).__name__}"


def _cache(returned: Returned) -> dict:
    return dict(zip(CACHE_NAMES, returned.value[1]))


def _binary_masks(case: Case, returned: Returned) -> Check:
    cache = _cache(returned)
    for name in ("D1", "D2"):
        if not np.all((cache[name] == 0) | (cache[name] == 1)):
            return Check("masks are 0/1", False,
                         f"{name} holds values other than 0 and 1: the mask is (np.random.rand(...) < keep_prob)")
    return Check("masks are 0/1", True)


def _consistent_forward(case: Case, returned: Returned) -> Check:
    """Each cached value follows from the previous ones, with the student's own masks."""
    X, parameters, keep_prob = case.arg("X"), case.arg("parameters"), case.arg("keep_prob")
    c = _cache(returned)
    steps = [
        ("W1", parameters["W1"], "W1 in the cache is not the W1 that was passed in"),
        ("b1", parameters["b1"], "b1 in the cache is not the b1 that was passed in"),
        ("W2", parameters["W2"], "W2 in the cache is not the W2 that was passed in"),
        ("b2", parameters["b2"], "b2 in the cache is not the b2 that was passed in"),
        ("W3", parameters["W3"], "W3 in the cache is not the W3 that was passed in"),
        ("b3", parameters["b3"], "b3 in the cache is not the b3 that was passed in"),
        ("Z1", parameters["W1"] @ X + parameters["b1"], "Z1 is not W1 X + b1"),
        ("A1", course.relu(c["Z1"]) * c["D1"] / keep_prob, _a_message(1, c, keep_prob)),
        ("Z2", parameters["W2"] @ c["A1"] + parameters["b2"], "Z2 is not W2 A1 + b2 (with A1 after dropout)"),
        ("A2", course.relu(c["Z2"]) * c["D2"] / keep_prob, _a_message(2, c, keep_prob)),
        ("Z3", parameters["W3"] @ c["A2"] + parameters["b3"], "Z3 is not W3 A2 + b3 (with A2 after dropout)"),
        ("A3", course.sigmoid(c["Z3"]),
         "A3 is not sigmoid(Z3): dropout applies to the hidden layers only, never to the output"),
    ]
    for name, expected, message in steps:
        if array_diff(expected, c[name], TOLERANCE) is not None:
            return Check("cache consistent with the forward pass", False, message)
    if array_diff(c["A3"], returned.value[0], TOLERANCE) is not None:
        return Check("cache consistent with the forward pass", False, "The returned A3 is not the A3 in the cache")
    return Check("cache consistent with the forward pass", True)


def _a_message(layer: int, cache: dict, keep_prob: float) -> str:
    Z, D, A = cache[f"Z{layer}"], cache[f"D{layer}"], cache[f"A{layer}"]
    candidates = {
        f"A{layer} is not scaled by 1/keep_prob after applying the mask (inverted dropout)": course.relu(Z) * D,
        f"A{layer} is multiplied by keep_prob instead of divided by it": course.relu(Z) * D * keep_prob,
        f"A{layer} is scaled by 1/0.5 instead of 1/keep_prob": course.relu(Z) * D / 0.5,
        f"A{layer} was not multiplied by the mask D{layer} returned in the cache "
        "(was a different random mask used?)": course.relu(Z) / keep_prob,
    }
    for message, candidate in candidates.items():
        if array_diff(candidate, A, TOLERANCE) is None:
            return message
    return f"A{layer} is not relu(Z{layer}) * D{layer} / keep_prob with the D{layer} returned in the cache"


def _keep_rate(case: Case, returned: Returned) -> Check:
    keep_prob = case.arg("keep_prob")
    cache = _cache(returned)
    masks = np.concatenate([cache["D1"].ravel(), cache["D2"].ravel()])
    kept = int(masks.sum())
    rate = kept / masks.size
    if rate_within(kept, masks.size, keep_prob):
        return Check("keep rate", True, f"kept {rate:.1%} of units with keep_prob = {keep_prob:.3g}")
    message = f"The masks keep {rate:.1%} of units, but keep_prob = {keep_prob:.3g}"
    if rate_within(kept, masks.size, 1 - keep_prob):
        message += ": the comparison is reversed (keep a unit when rand < keep_prob)"
    elif abs(rate - 0.5) < 0.03:
        message += ": is keep_prob hard-coded as 0.5?"
    return Check("keep rate", False, message)


def _masks_vary(case: Case, returned: Returned) -> Check:
    cache = _cache(returned)
    for name in ("D1", "D2"):
        D = cache[name]
        if not 0 < D.mean() < 1:
            continue
        if D.shape[1] > 1 and np.all(D == D[:, :1]):
            return Check("masks vary per unit and example", False,
                         f"Every column of {name} is the same: draw a mask entry per unit and example")
        if D.shape[0] > 1 and np.all(D == D[:1, :]):
            return Check("masks vary per unit and example", False,
                         f"Every row of {name} is the same, so an example keeps or drops all its units "
                         "together: draw a mask entry per unit and example")
    return Check("masks vary per unit and example", True)


DROPOUT_FORWARD = Rubric(
    name="forward_propagation_with_dropout",
    explicit=(dropout_forward_case((3, 20, 15, 1), 40, 0.8, np.random.default_rng(2)),
              dropout_forward_case((2, 16, 12, 1), 30, 0.25, np.random.default_rng(5))),
    judge=by_contract(_dropout_structure, _binary_masks, _consistent_forward, _keep_rate, _masks_vary),
)


RUBRICS = (DROPOUT_FORWARD,)
