"""The numerical checker itself, fed right and deliberately wrong derivatives."""

import numpy as np

from grader.gradcheck import check_gradients, directional_derivative

A = np.array([[1.0, -2.0], [0.5, 3.0]])


def cost(params):
    return float(np.sum(np.sin(params["W"]) * A) + np.sum(params["b"] ** 2))


PARAMS = {"W": np.array([[0.1, 0.2], [-0.3, 0.4]]), "b": np.array([[1.0], [-2.0]])}
TRUE = {"dW": np.cos(PARAMS["W"]) * A, "db": 2 * PARAMS["b"]}


def test_directional_derivative_matches_the_analytic_one():
    u = np.ones((2, 2)) / 2
    assert np.isclose(directional_derivative(cost, PARAMS, "W", u), np.vdot(TRUE["dW"], u), rtol=1e-8)


def test_true_gradients_pass():
    verdicts = check_gradients(cost, PARAMS, TRUE, {"dW": "W", "db": "b"}, np.random.default_rng(0))
    assert [v.passed for v in verdicts] == [True, True]


def test_a_wrong_gradient_is_named_with_its_ratio():
    wrong = dict(TRUE, db=TRUE["db"] * 2)
    verdicts = check_gradients(cost, PARAMS, wrong, {"dW": "W", "db": "b"}, np.random.default_rng(0))
    assert [v.passed for v in verdicts] == [True, False]
    assert "db disagrees" in verdicts[1].message() and "ratio 2" in verdicts[1].message()
