"""Gradient checking, compared with the reference: the 1-D forward/backward, and the two gradient checks.

A gradient check is judged on correct AND deliberately wrong gradients, so a
check that always reports "fine" fails. `gradient_check` runs with the module's
forward_propagation/backward_propagation replaced by known fixtures (Principle 3);
`gradient_check_n` is handed true gradients or gradients with one tensor broken.
Large epsilons are drawn on purpose: they make one-sided differences visible.
"""

from __future__ import annotations

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st

from grader import course, inputs, strategies
from grader.rubrics.base import Case, Mistake, Rubric, against_reference
from grader.rubrics.gradient_checking import COMPARING, OWN_BACKWARD, OWN_BOTH, OWN_FORWARD
from reference import gradient_checking as ref
from reference import regularization as ref_regularization

# x and theta away from 0 so that theta * x, theta + x and x ** theta all differ.
_nonzero = st.one_of(st.floats(-10, -0.1), st.floats(0.1, 10)).map(lambda v: round(v, 3))


def _scalar_case(x, theta) -> Case:
    return Case(args=(("x", x), ("theta", theta)))


FORWARD = Rubric(
    name="forward_propagation",
    cases=st.builds(_scalar_case, _nonzero, _nonzero),
    explicit=(_scalar_case(2.0, 4.0), _scalar_case(-3.0, 0.5)),
    judge=against_reference(
        ref.forward_propagation,
        COMPARING["forward_propagation"],
        mistakes=(
            Mistake("J is theta + x instead of theta * x", lambda x, theta: theta + x),
            Mistake("J is x ** theta instead of theta * x", lambda x, theta: np.float_power(x, theta)),
        ),
    ),
)

BACKWARD = Rubric(
    name="backward_propagation",
    cases=st.builds(_scalar_case, _nonzero, _nonzero),
    explicit=(_scalar_case(2.0, 4.0), _scalar_case(-3.0, 0.5)),
    judge=against_reference(
        ref.backward_propagation,
        COMPARING["backward_propagation"],
        mistakes=(Mistake("dtheta is theta; the derivative of J = theta * x with respect to theta is x",
                          lambda x, theta: theta),),
    ),
)

# The grader's own forward/backward pairs: (forward fixture, backward fixture).
FIXTURE_PAIRS = (
    ("correct", "correct"), ("correct", "doubled"), ("correct", "offset"), ("correct", "negated"),
    ("quadratic", "quadratic"), ("quadratic", "quadratic_halved"), ("cubic", "cubic"),
)
_epsilons = st.sampled_from((1e-7, 1e-4, 1e-2, 0.5))


def _check_case(x, theta, epsilon, pair) -> Case:
    """print_msg is left at its default: the course's older signature has no such parameter."""
    forward, backward = pair
    return Case(args=(("x", x), ("theta", theta), ("epsilon", epsilon)),
                bind=(("forward_propagation", forward), ("backward_propagation", backward)))


def _norm(value) -> float:
    return float(np.linalg.norm(value))


def _relative(grad, approx) -> float:
    return _norm(grad - approx) / (_norm(grad) + _norm(approx))


# Slips in the final formula, the same in both gradient checks: description -> formula(grad, gradapprox).
FORMULA_SLIPS = {
    "it returns only the numerator ||grad - gradapprox||, without dividing by ||grad|| + ||gradapprox||":
        lambda g, a: _norm(g - a),
    "it divides by ||grad|| only, instead of ||grad|| + ||gradapprox||": lambda g, a: _norm(g - a) / _norm(g),
    "it divides by ||gradapprox|| only, instead of ||grad|| + ||gradapprox||": lambda g, a: _norm(g - a) / _norm(a),
    "the denominator is ||grad + gradapprox|| instead of ||grad|| + ||gradapprox||":
        lambda g, a: _norm(g - a) / _norm(g + a),
    "the numerator is ||grad|| - ||gradapprox|| instead of ||grad - gradapprox||":
        lambda g, a: (_norm(g) - _norm(a)) / (_norm(g) + _norm(a)),
}
THETA_MINUS_UNSHIFTED = ("theta_minus is theta itself, not theta - epsilon, so J_plus - J_minus spans one "
                         "epsilon and gradapprox is half the derivative")


# The course's example, J = theta * x and its derivative x: the grader's "correct" fixtures.
_COURSE_FORWARD = course.FIXTURES["forward_propagation"]["correct"].function
_COURSE_BACKWARD = course.FIXTURES["backward_propagation"]["correct"].function


def _check_mistake(formula=_relative, *, one_sided=False, two=2.0, halved=False, own_forward=False,
                   own_backward=False):
    """A mistaken gradient_check: `formula(grad, gradapprox)` and how gradapprox is taken
    (`halved`: theta_minus left at theta, over 2 * epsilon); `own_forward`, `own_backward`: the
    course's example (J = theta * x, dtheta = x) written in instead of calling the function.

    It runs, like the student's, with call_with having bound the case's fixtures as this
    module's forward_propagation and backward_propagation.
    """
    def compute(x, theta, epsilon):
        forward = _COURSE_FORWARD if own_forward else globals()["forward_propagation"]
        backward = _COURSE_BACKWARD if own_backward else globals()["backward_propagation"]
        j_minus = forward(x, theta) if one_sided or halved else forward(x, theta - epsilon)
        approx = (forward(x, theta + epsilon) - j_minus) / ((1.0 if one_sided else two) * epsilon)
        return formula(backward(x, theta), approx)
    return compute


GRADIENT_CHECK = Rubric(
    name="gradient_check",
    cases=st.builds(_check_case, _nonzero, _nonzero, _epsilons, st.sampled_from(FIXTURE_PAIRS)),
    explicit=(
        _check_case(2.0, 4.0, 1e-7, ("correct", "correct")),
        _check_case(2.0, 4.0, 1e-7, ("correct", "doubled")),
        _check_case(-3.0, 1.5, 1e-7, ("correct", "offset")),
        _check_case(3.0, 2.0, 0.5, ("quadratic", "quadratic")),
        _check_case(2.0, 4.0, 1e-7, ("correct", "negated")),
        _check_case(2.0, 1.5, 0.5, ("cubic", "cubic")),
        _check_case(-1.5, 3.0, 1e-4, ("correct", "negated")),
    ),
    judge=against_reference(
        ref.gradient_check,
        COMPARING["gradient_check"],
        mistakes=(
            *(Mistake(description, _check_mistake(formula)) for description, formula in FORMULA_SLIPS.items()),
            Mistake("the denominator is grad + gradapprox without norms",
                    _check_mistake(lambda g, a: _norm(g - a) / (g + a))),
            Mistake("it uses a one-sided difference (J(theta + eps) - J(theta)) / eps instead of the centred one",
                    _check_mistake(one_sided=True)),
            Mistake("it divides by epsilon instead of 2 * epsilon when computing gradapprox", _check_mistake(two=1.0)),
            Mistake(THETA_MINUS_UNSHIFTED, _check_mistake(halved=True)),
            Mistake(OWN_FORWARD, _check_mistake(own_forward=True)),
            Mistake(OWN_BACKWARD, _check_mistake(own_backward=True)),
            Mistake(OWN_BOTH, _check_mistake(own_forward=True, own_backward=True)),
        ),
    ),
    max_examples=12,
)


# ---- gradient_check_n -------------------------------------------------------

BREAKS = ("none", "scaled", "offset", "one_entry")
_n_epsilons = st.sampled_from((1e-7, 1e-5, 1e-3, 1e-2))


def _true_gradients(X, Y, parameters):
    _, cache = course.forward_propagation_n(X, Y, parameters)
    return dict(ref_regularization.backward_propagation_with_regularization(X, Y, cache, 0.0))


def _broken(gradients, how: str, key: str):
    gradients = dict(gradients)
    if how == "scaled":
        gradients[key] = gradients[key] * 2
    elif how == "offset":
        gradients[key] = gradients[key] + 0.1
    elif how == "one_entry":
        gradients[key] = gradients[key].copy()
        gradients[key].flat[0] += 0.5
    return gradients


@st.composite
def _check_n_cases(draw):
    dims = draw(strategies.three_layer_dims(max_inputs=4, max_hidden=4))
    m = draw(strategies.examples_count(max_m=5))
    epsilon = draw(_n_epsilons)
    how = draw(st.sampled_from(BREAKS))
    key = draw(st.sampled_from(("dW1", "db1", "dW2", "db2", "dW3", "db3")))
    case = _check_n_case(dims, m, epsilon, how, key, np.random.default_rng(draw(strategies.seeds())))
    _, cache = course.forward_propagation_n(case.arg("X"), case.arg("Y"), case.arg("parameters"))
    assume(inputs.well_conditioned(cache[9]))  # a saturated cost is inf or NaN
    return case


def _check_n_case(dims, m, epsilon, how, key, rng) -> Case:
    """print_msg is left at its default: the course's older signature has no such parameter."""
    X, Y, parameters = inputs.network_inputs(dims, m, rng)
    gradients = _broken(_true_gradients(X, Y, parameters), how, key)
    return Case(args=(("parameters", parameters), ("gradients", gradients), ("X", X), ("Y", Y),
                      ("epsilon", epsilon)),
                context={"network": course.shapes_of(parameters)})


def _n_mistake(formula=_relative, *, one_sided=False, two=2.0, halved=False):
    """A mistaken gradient_check_n, as `_check_mistake` for gradient_check."""
    def compute(parameters, gradients, X, Y, epsilon=1e-7):
        theta, _ = course.dictionary_to_vector(parameters)
        grad = course.gradients_to_vector(gradients)
        approx = np.zeros_like(theta)
        base, _ = course.forward_propagation_n(X, Y, parameters)
        for i in range(theta.shape[0]):
            plus, minus = theta.copy(), theta.copy()
            plus[i] += epsilon
            minus[i] -= epsilon
            j_plus, _ = course.forward_propagation_n(X, Y, course.vector_to_dictionary(plus))
            j_minus = base if one_sided or halved else \
                course.forward_propagation_n(X, Y, course.vector_to_dictionary(minus))[0]
            approx[i] = (j_plus - j_minus) / ((1.0 if one_sided else two) * epsilon)
        return formula(grad, approx)
    return compute


GRADIENT_CHECK_N = Rubric(
    name="gradient_check_n",
    cases=_check_n_cases(),
    explicit=(
        _check_n_case((4, 5, 3, 1), 3, 1e-7, "none", "dW1", np.random.default_rng(1)),
        _check_n_case((3, 2, 4, 1), 4, 1e-7, "scaled", "dW2", np.random.default_rng(2)),
        _check_n_case((2, 3, 2, 1), 3, 1e-2, "none", "db1", np.random.default_rng(3)),
        _check_n_case((2, 3, 3, 1), 2, 1e-7, "one_entry", "db3", np.random.default_rng(4)),
        _check_n_case((3, 2, 2, 1), 3, 1e-2, "scaled", "dW3", np.random.default_rng(5)),
    ),
    judge=against_reference(
        ref.gradient_check_n,
        COMPARING["gradient_check_n"],
        mistakes=(
            *(Mistake(description, _n_mistake(formula)) for description, formula in FORMULA_SLIPS.items()),
            Mistake("it uses a one-sided difference (J_plus - J) / epsilon instead of the centred one",
                    _n_mistake(one_sided=True)),
            Mistake("it divides by epsilon instead of 2 * epsilon when computing gradapprox", _n_mistake(two=1.0)),
            Mistake(THETA_MINUS_UNSHIFTED, _n_mistake(halved=True)),
        ),
    ),
    max_examples=8,
)

RUBRICS = (FORWARD, BACKWARD, GRADIENT_CHECK, GRADIENT_CHECK_N)
