"""Regularization, compared with the reference: the L2 cost and its gradients, and dropout's
backward pass; and the generated cases of dropout's forward pass, graded by its contract.

Each function gets inputs the grader built itself (caches from a forward pass with
masks the grader drew), so a mistake in one cannot leak into another's verdict.
The costs the backward functions differentiate are here too: they are solutions.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st

from grader import course, inputs, strategies
from grader.rubrics.base import Case, Mistake, Rubric, against_reference
from grader.rubrics import regularization as contract
from grader.rubrics.regularization import COMPARING
from reference import regularization as ref

PARAMETER_GRADIENTS = {f"d{kind}{l}": f"{kind}{l}" for l in (1, 2, 3) for kind in ("W", "b")}
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
    return Case(args=(("A3", A3), ("Y", inputs.labels(m, rng)),
                      ("parameters", inputs.parameters(dims, rng)), ("lambd", lambd)))


def _mistaken_cost(coefficient, *, weights=("W1", "W2", "W3"), term=np.square, cross_entropy=True):
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
    explicit=(_cost_case((3, 2, 2, 1), 5, 0.7, np.random.default_rng(1)),
              _cost_case((4, 3, 2, 1), 3, 2.5, np.random.default_rng(5))),
    judge=against_reference(
        ref.compute_cost_with_regularization,
        COMPARING["compute_cost_with_regularization"],
        mistakes=(
            Mistake("the L2 term uses lambd/m instead of lambd/(2m)", _mistaken_cost(lambda lambd, m: lambd / m)),
            Mistake("the L2 term is not divided by m, the number of examples (Y.shape[1])",
                    _mistaken_cost(lambda lambd, m: lambd / 2)),
            Mistake("the L2 term uses lambd*m/2 instead of lambd/(2m)", _mistaken_cost(lambda lambd, m: lambd * m / 2)),
            Mistake("the L2 term sums the weights without squaring them",
                    _mistaken_cost(lambda lambd, m: lambd / (2 * m), term=lambda W: W)),
            Mistake("the L2 term uses the norms ||W|| instead of the squared norms",
                    _mistaken_cost(lambda lambd, m: lambd / (2 * m), term=lambda W: np.linalg.norm(W))),
            Mistake("the L2 term also includes the biases",
                    _mistaken_cost(lambda lambd, m: lambd / (2 * m), weights=("W1", "b1", "W2", "b2", "W3", "b3"))),
            Mistake("the L2 term leaves out W3",
                    _mistaken_cost(lambda lambd, m: lambd / (2 * m), weights=("W1", "W2"))),
            Mistake("the cross-entropy part of the cost is missing",
                    _mistaken_cost(lambda lambd, m: lambd / (2 * m), cross_entropy=False)),
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
    X, Y, parameters = inputs.network_inputs(dims, m, rng)
    _, cache = course.forward_propagation_n(X, Y, parameters)
    if not (_away_from_kinks(cache[0], cache[4]) and inputs.well_conditioned(cache[9])):
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


def _regularized_cost(case: Case):
    """The L2-regularized cost of the case's network, as a function of its parameters."""
    X, Y, lambd = case.arg("X"), case.arg("Y"), case.arg("lambd")
    m = X.shape[1]

    def cost(parameters):
        Z3 = course.forward_propagation_n(X, Y, parameters)[1][8]
        return cross_entropy_from_logits(Z3, Y) + lambd / (2 * m) * _squared_weights(parameters)

    return cost


L2_BACKWARD = Rubric(
    name="backward_propagation_with_regularization",
    cases=_l2_backward_cases(),
    explicit=(_l2_backward_case((3, 4, 2, 1), 5, 0.7, np.random.default_rng(3)),
              _l2_backward_case((2, 3, 3, 1), 4, 1.8, np.random.default_rng(6))),
    judge=against_reference(
        ref.backward_propagation_with_regularization,
        COMPARING["backward_propagation_with_regularization"],
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
        cost=_regularized_cost,
        gradients=PARAMETER_GRADIENTS,
    ),
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
    X, Y, parameters = inputs.network_inputs(dims, m, rng)
    D1 = (rng.random((dims[1], m)) < keep_prob).astype(int)
    D2 = (rng.random((dims[2], m)) < keep_prob).astype(int)
    cache = forward_with_masks(X, parameters, keep_prob, D1, D2)
    if not (_away_from_kinks(cache[0], cache[5]) and inputs.well_conditioned(cache[11])):
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


def _dropout_cost(case: Case):
    """The cost of the case's network with the case's dropout masks, as a function of its parameters."""
    X, Y, keep_prob = case.arg("X"), case.arg("Y"), case.arg("keep_prob")
    cache = case.arg("cache")
    D1, D2 = cache[1], cache[6]

    def cost(parameters):
        Z3 = forward_with_masks(X, parameters, keep_prob, D1, D2)[10]
        return cross_entropy_from_logits(Z3, Y)

    return cost


DROPOUT_BACKWARD = Rubric(
    name="backward_propagation_with_dropout",
    cases=_dropout_backward_cases(),
    explicit=(_dropout_backward_case((3, 4, 3, 1), 6, 0.8, np.random.default_rng(4)),
              _dropout_backward_case((2, 3, 4, 1), 5, 0.6, np.random.default_rng(7))),
    judge=against_reference(
        ref.backward_propagation_with_dropout,
        COMPARING["backward_propagation_with_dropout"],
        mistakes=(
            Mistake("dA is not divided by keep_prob after applying the mask", _dropout_scaled(lambda kp: 1.0)),
            Mistake("dA is multiplied by keep_prob instead of divided by it", _dropout_scaled(lambda kp: kp)),
            Mistake("the masks D1, D2 are not applied to dA1, dA2", _dropout_unmasked),
        ),
        cost=_dropout_cost,
        gradients=PARAMETER_GRADIENTS,
    ),
)

@st.composite
def _dropout_forward_cases(draw):
    # Enough hidden units times examples that the keep rate is measured precisely.
    dims = (draw(st.integers(1, 4)), draw(st.integers(5, 20)), draw(st.integers(5, 20)), 1)
    m = draw(strategies.examples_count(min_m=20, max_m=40))
    keep_prob = draw(strategies.keep_probs())
    return contract.dropout_forward_case(dims, m, keep_prob, np.random.default_rng(draw(strategies.seeds())))


DROPOUT_FORWARD = dataclasses.replace(contract.DROPOUT_FORWARD, cases=_dropout_forward_cases(), max_examples=6)

RUBRICS = (DROPOUT_FORWARD, COST, L2_BACKWARD, DROPOUT_BACKWARD)
