"""The numerical checker itself, fed right and deliberately wrong derivatives."""

import numpy as np

from grader.gradcheck import directional_derivative, directions, numeric_derivatives, verdicts

A = np.array([[1.0, -2.0], [0.5, 3.0]])


def cost(params):
    return float(np.sum(np.sin(params["W"]) * A) + np.sum(params["b"] ** 2))


PARAMS = {"W": np.array([[0.1, 0.2], [-0.3, 0.4]]), "b": np.array([[1.0], [-2.0]])}
TRUE = {"dW": np.cos(PARAMS["W"]) * A, "db": 2 * PARAMS["b"]}
NAMES = {"dW": "W", "db": "b"}


def test_directional_derivative_matches_the_analytic_one():
    u = np.ones((2, 2)) / 2
    assert np.isclose(directional_derivative(cost, PARAMS, "W", u), np.vdot(TRUE["dW"], u), rtol=1e-8)


def test_true_gradients_pass():
    found = verdicts(numeric_derivatives(cost, PARAMS, NAMES), TRUE)
    assert [v.passed for v in found] == [True, True]


def test_a_wrong_gradient_is_named_with_its_ratio():
    wrong = dict(TRUE, db=TRUE["db"] * 2)
    found = verdicts(numeric_derivatives(cost, PARAMS, NAMES), wrong)
    assert [v.passed for v in found] == [True, False]
    assert "db disagrees" in found[1].message() and "ratio 2" in found[1].message()


def test_directions_are_unit_vectors_fixed_by_name_and_shape():
    first, again = directions("dW", (2, 2)), directions("dW", (2, 2))
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    assert all(np.isclose(np.linalg.norm(u), 1.0) for u in first)
    assert not np.array_equal(first[0], directions("db", (2, 2))[0])


def test_a_gradient_missing_from_the_answer_gets_no_verdict():
    found = verdicts(numeric_derivatives(cost, PARAMS, NAMES), {"dW": TRUE["dW"]})
    assert [v.name for v in found] == ["dW"]
