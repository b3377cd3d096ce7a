"""Regularization: the L2 cost and gradients, and dropout forward and backward.

Each function gets inputs the grader built itself (caches from a reference
forward pass with masks the grader drew), so a mistake in one cannot leak into
another's verdict. The backward functions are also checked numerically against
the course cost they differentiate, one verdict per gradient.
"""

from __future__ import annotations

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st

from grader import course, gradcheck, strategies
from grader.compare import Tolerance, array_diff
from grader.results import Check
from grader.rubrics.base import Case, Mistake, Returned, Rubric, against_reference, by_contract
from grader.rubrics.contracts import rate_within
from reference import regularization as ref

PARAMETER_GRADIENTS = {f"d{kind}{l}": f"{kind}{l}" for l in (1, 2, 3) for kind in ("W", "b")}
TOLERANCE = Tolerance(rtol=1e-7, atol=1e-10)
KINK_MARGIN = 1e-3  # numerical gradients are only meaningful away from relu's kink


def _squared_weights(parameters) -> float:
    return sum(float(np.sum(np.square(parameters[f"W{l}"]))) for l in (1, 2, 3))


def forward_with_masks(X, parameters, keep_prob, D1, D2):
    """The dropout forward pass with masks the grader chose: the course's cache layout."""
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = W1 @ X + b1
    A1 = course.relu(Z1) * D1 / keep_prob
    Z2 = W2 @ A1 + b2
    A2 = course.relu(Z2) * D2 / keep_prob
    Z3 = W3 @ A2 + b3
    A3 = course.sigmoid(Z3)
    return (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


# ---- compute_cost_with_regularization ---------------------------------------

@st.composite
def _cost_cases(draw):
    dims = draw(strategies.three_layer_dims())
    m = draw(strategies.examples_count())
    lambd = draw(strategies.positive_floats(low=0.01, high=5.0))
    rng = np.random.default_rng(draw(strategies.seeds()))
    return _cost_case(dims, m, lambd, rng)


def _cost_case(dims, m, lambd, rng) -> Case:
    A3 = course.sigmoid(rng.standard_normal((1, m)))
    return Case(args=(("A3", A3), ("Y", strategies.labels(m, rng)),
                      ("parameters", strategies.parameters(dims, rng)), ("lambd", lambd)))


def _l2_cost(coefficient, *, weights=("W1", "W2", "W3"), term=np.square, cross_entropy=True):
    def cost(A3, Y, parameters, lambd):
        m = Y.shape[1]
        penalty = sum(float(np.sum(term(parameters[name]))) for name in weights)
        return (compute_ce(A3, Y) if cross_entropy else 0.0) + coefficient(lambd, m) * penalty
    return cost


def compute_ce(A3, Y) -> float:
    return float(course.compute_cost(A3, Y))


COST = Rubric(
    name="compute_cost_with_regularization",
    cases=_cost_cases(),
    explicit=(_cost_case((3, 2, 2, 1), 5, 0.7, np.random.default_rng(1)),),
    judge=against_reference(
        ref.compute_cost_with_regularization,
        tolerance=Tolerance(rtol=1e-9, atol=1e-12),
        mistakes=(
            Mistake("the L2 term uses lambd/m instead of lambd/(2m)", _l2_cost(lambda lambd, m: lambd / m)),
            Mistake("the L2 term is missing the 1/m", _l2_cost(lambda lambd, m: lambd / 2)),
            Mistake("the L2 term uses lambd*m/2 instead of lambd/(2m)", _l2_cost(lambda lambd, m: lambd * m / 2)),
            Mistake("the L2 term sums the weights without squaring them",
                    _l2_cost(lambda lambd, m: lambd / (2 * m), term=lambda W: W)),
            Mistake("the L2 term uses the norms ||W|| instead of the squared norms",
                    _l2_cost(lambda lambd, m: lambd / (2 * m), term=lambda W: np.linalg.norm(W))),
            Mistake("the L2 term also includes the biases",
                    _l2_cost(lambda lambd, m: lambd / (2 * m), weights=("W1", "b1", "W2", "b2", "W3", "b3"))),
            Mistake("the L2 term leaves out W3",
                    _l2_cost(lambda lambd, m: lambd / (2 * m), weights=("W1", "W2"))),
            Mistake("the cross-entropy part of the cost is missing",
                    _l2_cost(lambda lambd, m: lambd / (2 * m), cross_entropy=False)),
        ),
    ),
)


# ---- backward_propagation_with_regularization -------------------------------

def _away_from_kinks(*Zs) -> bool:
    return all(np.min(np.abs(Z)) > KINK_MARGIN for Z in Zs)


def cross_entropy_from_logits(Z3, Y) -> float:
    """The course's cross-entropy of sigmoid(Z3), computed without rounding A3 first, so that
    central differences stay accurate for the numerical gradient check."""
    m = Y.shape[1]
    return float(np.sum(Y * np.logaddexp(0, -Z3) + (1 - Y) * np.logaddexp(0, Z3)) / m)


@st.composite
def _l2_backward_cases(draw):
    dims = draw(strategies.three_layer_dims())
    m = draw(strategies.examples_count())
    lambd = draw(strategies.positive_floats(low=0.01, high=5.0))
    case = _l2_backward_case(dims, m, lambd, np.random.default_rng(draw(strategies.seeds())))
    assume(case is not None)
    return case


def _l2_backward_case(dims, m, lambd, rng) -> Case | None:
    X, Y, parameters = strategies.network_inputs(dims, m, rng)
    _, cache = course.forward_propagation_n(X, Y, parameters)
    if not (_away_from_kinks(cache[0], cache[4]) and strategies.well_conditioned(cache[9])):
        return None
    return Case(args=(("X", X), ("Y", Y), ("cache", cache), ("lambd", lambd)),
                context={"parameters": parameters})


def _with_l2_change(change):
    """A mistake as a change of the reference's weight gradients: change(dW, W, lambd, m, layer)."""
    def compute(X, Y, cache, lambd):
        grads = dict(ref.backward_propagation_with_regularization(X, Y, cache, 0.0))
        weights = {1: cache[2], 2: cache[6], 3: cache[10]}
        m = X.shape[1]
        for layer, W in weights.items():
            grads[f"dW{layer}"] = change(grads[f"dW{layer}"], W, lambd, m, layer)
        return grads
    return compute


def _l2_gradients_numerically(case: Case, returned: Returned) -> list[Check]:
    X, Y, lambd = case.arg("X"), case.arg("Y"), case.arg("lambd")
    m = X.shape[1]

    def cost(parameters):
        Z3 = course.forward_propagation_n(X, Y, parameters)[1][8]
        return cross_entropy_from_logits(Z3, Y) + lambd / (2 * m) * _squared_weights(parameters)

    return _numerical_checks(cost, case.context["parameters"], returned)


def _numerical_checks(cost, parameters, returned: Returned) -> list[Check]:
    grads = returned.value
    usable = {k: v for k, v in PARAMETER_GRADIENTS.items()
              if isinstance(grads.get(k), np.ndarray) and grads[k].shape == parameters[v].shape}
    verdicts = gradcheck.check_gradients(cost, parameters, grads, usable, np.random.default_rng(0))
    return [Check(f"{v.name} numerically", v.passed, v.message()) for v in verdicts]


L2_BACKWARD = Rubric(
    name="backward_propagation_with_regularization",
    cases=_l2_backward_cases(),
    explicit=(_l2_backward_case((3, 4, 2, 1), 5, 0.7, np.random.default_rng(3)),),
    judge=against_reference(
        ref.backward_propagation_with_regularization,
        tolerance=TOLERANCE,
        mistakes=(
            Mistake("the L2 term of dW is lambd/(2m) * W instead of lambd/m * W",
                    _with_l2_change(lambda dW, W, lambd, m, l: dW + lambd / (2 * m) * W)),
            Mistake("the L2 term of dW is lambd * W, without the 1/m",
                    _with_l2_change(lambda dW, W, lambd, m, l: dW + lambd * W)),
            Mistake("the L2 term is missing from every dW",
                    _with_l2_change(lambda dW, W, lambd, m, l: dW)),
            *(Mistake(f"dW{layer} is missing its L2 term lambd/m * W{layer}",
                      _with_l2_change(lambda dW, W, lambd, m, l, skip=layer: dW + (l != skip) * lambd / m * W))
              for layer in (1, 2, 3)),
        ),
        extra=(_l2_gradients_numerically,),
    ),
)


# ---- forward_propagation_with_dropout ---------------------------------------

@st.composite
def _dropout_forward_cases(draw):
    # Enough hidden units times examples that the keep rate is measured precisely.
    dims = (draw(st.integers(1, 4)), draw(st.integers(5, 20)), draw(st.integers(5, 20)), 1)
    m = draw(strategies.examples_count(min_m=20, max_m=40))
    keep_prob = draw(strategies.keep_probs())
    return _dropout_forward_case(dims, m, keep_prob, np.random.default_rng(draw(strategies.seeds())))


def _dropout_forward_case(dims, m, keep_prob, rng) -> Case:
    X = rng.standard_normal((dims[0], m))
    return Case(args=(("X", X), ("parameters", strategies.parameters(dims, rng)), ("keep_prob", keep_prob)))


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
    cases=_dropout_forward_cases(),
    explicit=(_dropout_forward_case((3, 20, 15, 1), 40, 0.8, np.random.default_rng(2)),
              _dropout_forward_case((2, 16, 12, 1), 30, 0.25, np.random.default_rng(5))),
    judge=by_contract(_dropout_structure, _binary_masks, _consistent_forward, _keep_rate, _masks_vary),
    max_examples=6,
)


# ---- backward_propagation_with_dropout --------------------------------------

@st.composite
def _dropout_backward_cases(draw):
    dims = draw(strategies.three_layer_dims())
    m = draw(strategies.examples_count())
    keep_prob = draw(strategies.keep_probs())
    case = _dropout_backward_case(dims, m, keep_prob, np.random.default_rng(draw(strategies.seeds())))
    assume(case is not None)
    return case


def _dropout_backward_case(dims, m, keep_prob, rng) -> Case | None:
    X, Y, parameters = strategies.network_inputs(dims, m, rng)
    D1 = (rng.random((dims[1], m)) < keep_prob).astype(int)
    D2 = (rng.random((dims[2], m)) < keep_prob).astype(int)
    cache = forward_with_masks(X, parameters, keep_prob, D1, D2)
    if not (_away_from_kinks(cache[0], cache[5]) and strategies.well_conditioned(cache[11])):
        return None
    return Case(args=(("X", X), ("Y", Y), ("cache", cache), ("keep_prob", keep_prob)),
                context={"parameters": parameters})


def _dropout_scaled(factor):
    """A mistake where each dropout layer multiplies the backward signal by factor(keep_prob)
    instead of 1/keep_prob: every gradient below layer l scales accordingly."""
    def compute(X, Y, cache, keep_prob):
        grads = dict(ref.backward_propagation_with_dropout(X, Y, cache, keep_prob))
        once = factor(keep_prob) * keep_prob
        for key in ("dA2", "dZ2", "dW2", "db2"):
            grads[key] = grads[key] * once
        for key in ("dA1", "dZ1", "dW1", "db1"):
            grads[key] = grads[key] * once * once
        return grads
    return compute


def _dropout_unmasked(X, Y, cache, keep_prob):
    """Forgot the masks: dA is W.T dZ / keep_prob; dZ and below are unchanged since A = 0 where D = 0."""
    grads = dict(ref.backward_propagation_with_dropout(X, Y, cache, keep_prob))
    W2, W3 = cache[8], cache[12]
    grads["dA2"] = W3.T @ grads["dZ3"] / keep_prob
    grads["dA1"] = W2.T @ grads["dZ2"] / keep_prob
    return grads


def _dropout_gradients_numerically(case: Case, returned: Returned) -> list[Check]:
    X, Y, keep_prob = case.arg("X"), case.arg("Y"), case.arg("keep_prob")
    cache = case.arg("cache")
    D1, D2 = cache[1], cache[6]

    def cost(parameters):
        Z3 = forward_with_masks(X, parameters, keep_prob, D1, D2)[10]
        return cross_entropy_from_logits(Z3, Y)

    return _numerical_checks(cost, case.context["parameters"], returned)


DROPOUT_BACKWARD = Rubric(
    name="backward_propagation_with_dropout",
    cases=_dropout_backward_cases(),
    explicit=(_dropout_backward_case((3, 4, 3, 1), 6, 0.8, np.random.default_rng(4)),),
    judge=against_reference(
        ref.backward_propagation_with_dropout,
        tolerance=TOLERANCE,
        mistakes=(
            Mistake("dA is not divided by keep_prob after applying the mask", _dropout_scaled(lambda kp: 1.0)),
            Mistake("dA is multiplied by keep_prob instead of divided by it", _dropout_scaled(lambda kp: kp)),
            Mistake("the masks D1, D2 are not applied to dA1, dA2", _dropout_unmasked),
        ),
        extra=(_dropout_gradients_numerically,),
    ),
)

RUBRICS = (COST, L2_BACKWARD, DROPOUT_FORWARD, DROPOUT_BACKWARD)
