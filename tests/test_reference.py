"""The reference solutions, checked against the mathematics rather than against themselves.

Backward passes are compared with central differences of the course cost; the gradient
checkers are fed right and deliberately wrong gradients; the optimizers are compared with
their formulas written out by hand.
"""

import math

import numpy as np
import pytest

from grader.course import bound, compute_cost, fixture_bindings, network, relu, shapes_of, sigmoid
from reference import gradient_checking, initialization, optimization, regularization

EPS = 1e-6  # central-difference step, in float64
RTOL = 1e-5
ATOL = 1e-8
KINK_MARGIN = 1e-3  # every relu input at least this far from 0, far beyond EPS

GRADIENT_KEYS = ("dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1")
NODES = ("Z1", "A1", "Z2", "A2", "Z3")  # where a nudge enters the forward pass


def small_network(seed, layers_dims=(3, 4, 3, 1), m=5):
    """Parameters, X and Y of a 3-layer network whose relu inputs keep clear of the kink."""
    rng = np.random.default_rng(seed)
    while True:
        parameters = {}
        for l in range(1, len(layers_dims)):
            parameters[f"W{l}"] = rng.normal(size=(layers_dims[l], layers_dims[l - 1]))
            parameters[f"b{l}"] = rng.normal(size=(layers_dims[l], 1))
        X = rng.normal(size=(layers_dims[0], m))
        Y = (rng.random((1, m)) < 0.5).astype(float)
        Z1 = parameters["W1"] @ X + parameters["b1"]
        Z2 = parameters["W2"] @ relu(Z1) + parameters["b2"]
        if min(np.abs(Z1).min(), np.abs(Z2).min()) > KINK_MARGIN:
            return parameters, X, Y


def masked_cost(parameters, X, Y, D1, D2, keep_prob, nudges):
    """The course cost with fixed dropout masks; `nudges` are added at the NODES.

    The A nudges enter before the mask, because the course's dA1 and dA2 are the
    gradients with respect to relu(Z) (already masked and scaled).
    """
    Z1 = parameters["W1"] @ X + parameters["b1"] + nudges["Z1"]
    A1 = (relu(Z1) + nudges["A1"]) * D1 / keep_prob
    Z2 = parameters["W2"] @ A1 + parameters["b2"] + nudges["Z2"]
    A2 = (relu(Z2) + nudges["A2"]) * D2 / keep_prob
    Z3 = parameters["W3"] @ A2 + parameters["b3"] + nudges["Z3"]
    return compute_cost(sigmoid(Z3), Y)


def numerical_gradients(cost, parameters, nudges):
    """Central differences of cost(parameters, nudges) for every entry of both dicts."""
    gradients = {}
    for group in (parameters, nudges):
        for name, array in group.items():
            grad = np.zeros_like(array)
            for index in np.ndindex(array.shape):
                original = array[index]
                array[index] = original + EPS
                plus = cost(parameters, nudges)
                array[index] = original - EPS
                minus = cost(parameters, nudges)
                array[index] = original
                grad[index] = (plus - minus) / (2 * EPS)
            gradients["d" + name] = grad
    return gradients


def zero_nudges(parameters, m):
    rows = {"Z1": parameters["W1"].shape[0], "Z2": parameters["W2"].shape[0], "Z3": 1}
    rows.update(A1=rows["Z1"], A2=rows["Z2"])
    return {node: np.zeros((rows[node], m)) for node in NODES}


def assert_matches_numerical(analytic, numeric, m):
    assert set(analytic) == set(GRADIENT_KEYS)
    for key in GRADIENT_KEYS:
        # The course's dZ and dA are m times the derivative of the cost; dW and db are not.
        scale = 1 if key[1] in "Wb" else m
        np.testing.assert_allclose(analytic[key], scale * numeric[key], rtol=RTOL, atol=ATOL, err_msg=key)


# Initialization


def test_zeros_initialization_shapes_and_values():
    parameters = initialization.initialize_parameters_zeros([3, 2, 1])
    assert {k: v.shape for k, v in parameters.items()} == {"W1": (2, 3), "b1": (2, 1), "W2": (1, 2), "b2": (1, 1)}
    assert all(not value.any() for value in parameters.values())


def test_random_initialization_is_the_course_stream():
    parameters = initialization.initialize_parameters_random([3, 2, 1])
    np.random.seed(3)
    np.testing.assert_array_equal(parameters["W1"], np.random.randn(2, 3) * 10)
    np.testing.assert_array_equal(parameters["W2"], np.random.randn(1, 2) * 10)
    assert not parameters["b1"].any() and not parameters["b2"].any()


@pytest.mark.parametrize("layers_dims", [[400, 300, 1], [50, 200, 100]])
def test_he_initialization_scale(layers_dims):
    parameters = initialization.initialize_parameters_he(layers_dims)
    for l in range(1, len(layers_dims)):
        ratio = parameters[f"W{l}"].std() / math.sqrt(2 / layers_dims[l - 1])
        assert abs(ratio - 1) < 0.05
        assert parameters[f"b{l}"].shape == (layers_dims[l], 1) and not parameters[f"b{l}"].any()


# Regularization


@pytest.mark.parametrize("lambd", [0.0, 0.7])
def test_regularized_cost(lambd):
    parameters, X, Y = small_network(0)
    A3 = np.full(Y.shape, 0.3)
    squares = sum(np.sum(parameters[f"W{l}"] ** 2) for l in (1, 2, 3))
    cost = regularization.compute_cost_with_regularization(A3, Y, parameters, lambd)
    assert isinstance(cost, float)
    assert cost == pytest.approx(compute_cost(A3, Y) + lambd / (2 * Y.shape[1]) * squares, rel=1e-12)


@pytest.mark.parametrize("seed, layers_dims, m, lambd", [
    (1, (3, 4, 3, 1), 5, 0.0),
    (2, (2, 5, 2, 1), 4, 0.7),
    (3, (4, 3, 6, 1), 7, 2.5),
])
def test_backward_with_regularization_matches_numerical_gradients(seed, layers_dims, m, lambd):
    parameters, X, Y = small_network(seed, layers_dims, m)
    ones1, ones2 = np.ones((layers_dims[1], m)), np.ones((layers_dims[2], m))

    def cost(parameters, nudges):
        squares = sum(np.sum(parameters[f"W{l}"] ** 2) for l in (1, 2, 3))
        return masked_cost(parameters, X, Y, ones1, ones2, 1.0, nudges) + lambd / (2 * m) * squares

    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = relu(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = relu(Z2)
    Z3 = parameters["W3"] @ A2 + parameters["b3"]
    cache = (Z1, A1, parameters["W1"], parameters["b1"], Z2, A2, parameters["W2"], parameters["b2"],
             Z3, sigmoid(Z3), parameters["W3"], parameters["b3"])

    analytic = regularization.backward_propagation_with_regularization(X, Y, cache, lambd)
    numeric = numerical_gradients(cost, parameters, zero_nudges(parameters, m))
    assert_matches_numerical(analytic, numeric, m)


@pytest.mark.parametrize("keep_prob", [0.86, 0.5, 0.2])
def test_dropout_forward_cache_is_consistent(keep_prob):
    parameters, X, _ = small_network(4, (3, 40, 30, 1), 50)
    A3, cache = regularization.forward_propagation_with_dropout(X, parameters, keep_prob)
    Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3_cached, W3, b3 = cache
    assert set(np.unique(D1)) <= {0, 1} and set(np.unique(D2)) <= {0, 1}
    np.testing.assert_allclose(A1, relu(W1 @ X + b1) * D1 / keep_prob)
    np.testing.assert_allclose(A2, relu(W2 @ A1 + b2) * D2 / keep_prob)
    np.testing.assert_allclose(A3, sigmoid(W3 @ A2 + b3))
    np.testing.assert_array_equal(A3, A3_cached)
    kept = np.concatenate([D1.ravel(), D2.ravel()]).mean()
    assert abs(kept - keep_prob) < 0.05


def test_dropout_forward_uses_the_course_seed():
    parameters, X, _ = small_network(5)
    _, cache = regularization.forward_propagation_with_dropout(X, parameters, 0.7)
    np.random.seed(1)
    np.testing.assert_array_equal(cache[1], np.random.rand(*cache[1].shape) < 0.7)
    np.testing.assert_array_equal(cache[6], np.random.rand(*cache[6].shape) < 0.7)


@pytest.mark.parametrize("seed, layers_dims, m, keep_prob", [
    (6, (3, 4, 3, 1), 5, 0.5),
    (7, (2, 6, 4, 1), 6, 0.8),
    (8, (5, 3, 5, 1), 4, 0.3),
])
def test_backward_with_dropout_matches_numerical_gradients(seed, layers_dims, m, keep_prob):
    parameters, X, Y = small_network(seed, layers_dims, m)
    _, cache = regularization.forward_propagation_with_dropout(X, parameters, keep_prob)
    D1, D2 = cache[1], cache[6]

    def cost(parameters, nudges):
        return masked_cost(parameters, X, Y, D1, D2, keep_prob, nudges)

    analytic = regularization.backward_propagation_with_dropout(X, Y, cache, keep_prob)
    numeric = numerical_gradients(cost, parameters, zero_nudges(parameters, m))
    assert_matches_numerical(analytic, numeric, m)


# Gradient checking


def test_one_dimensional_forward_and_backward():
    assert gradient_checking.forward_propagation(2, 4) == 8
    assert gradient_checking.backward_propagation(2, 4) == 2


@pytest.mark.parametrize("x, theta", [(3, 4), (-2.5, 0.7), (10.0, -3.0)])
def test_gradient_check_accepts_the_correct_backward(x, theta, capsys):
    difference = gradient_checking.gradient_check(x, theta, print_msg=True)
    assert difference < 1e-7
    assert "works perfectly fine" in capsys.readouterr().out


@pytest.mark.parametrize("variant", ["doubled", "offset", "negated", "quadratic_halved"])
def test_gradient_check_rejects_a_wrong_backward(variant, capsys):
    with bound(vars(gradient_checking), fixture_bindings({"backward_propagation": variant})):
        difference = gradient_checking.gradient_check(3, 4, print_msg=True)
    assert difference > 1e-2
    assert "There is a mistake" in capsys.readouterr().out
    assert gradient_checking.gradient_check(3, 4) < 1e-7  # the module's own backward is back


def true_gradients(parameters, X, Y):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = relu(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = relu(Z2)
    Z3 = parameters["W3"] @ A2 + parameters["b3"]
    cache = (Z1, A1, parameters["W1"], parameters["b1"], Z2, A2, parameters["W2"], parameters["b2"],
             Z3, sigmoid(Z3), parameters["W3"], parameters["b3"])
    # Checked against central differences above; lambd = 0 leaves the plain gradients.
    return regularization.backward_propagation_with_regularization(X, Y, cache, 0.0)


@pytest.mark.parametrize("seed, layers_dims, m", [(9, (3, 2, 4, 1), 4), (10, (6, 5, 2, 1), 7)])
def test_gradient_check_n_separates_true_from_wrong_gradients(seed, layers_dims, m, capsys):
    parameters, X, Y = small_network(seed, layers_dims, m)
    gradients = true_gradients(parameters, X, Y)
    doubled = dict(gradients, dW2=2 * gradients["dW2"])
    shifted = dict(gradients, db1=gradients["db1"] + 0.01)

    with network(shapes_of(parameters)):
        assert gradient_checking.gradient_check_n(parameters, gradients, X, Y, print_msg=True) < 2e-7
        assert "works perfectly fine" in capsys.readouterr().out
        assert gradient_checking.gradient_check_n(parameters, doubled, X, Y, print_msg=True) > 1e-2
        assert "There is a mistake" in capsys.readouterr().out
        assert gradient_checking.gradient_check_n(parameters, shifted, X, Y) > 1e-3


# Optimization


def make_parameters(seed, layers_dims=(3, 4, 2)):
    rng = np.random.default_rng(seed)
    parameters, grads = {}, {}
    for l in range(1, len(layers_dims)):
        for name, shape in ((f"W{l}", (layers_dims[l], layers_dims[l - 1])), (f"b{l}", (layers_dims[l], 1))):
            parameters[name] = rng.normal(size=shape)
            grads["d" + name] = rng.normal(size=shape)
    return parameters, grads


def snapshot(*dicts):
    return [{key: value.copy() for key, value in d.items()} for d in dicts]


def assert_unchanged(dicts, copies):
    for d, copy in zip(dicts, copies):
        for key in copy:
            np.testing.assert_array_equal(d[key], copy[key])


def test_gradient_descent_step():
    parameters, grads = make_parameters(11)
    before = snapshot(parameters)
    updated = optimization.update_parameters_with_gd(parameters, grads, 0.1)
    for name in parameters:
        np.testing.assert_allclose(updated[name], parameters[name] - 0.1 * grads["d" + name])
    assert_unchanged([parameters], before)


@pytest.mark.parametrize("m, size", [(12, 4), (13, 4), (3, 64), (64, 64), (65, 64)])
def test_mini_batches_partition_the_examples(m, size):
    X = np.vstack([np.arange(m), -np.arange(m)]).astype(float)
    Y = np.arange(m, dtype=float).reshape(1, m) + 0.5  # each label names its column
    batches = optimization.random_mini_batches(X, Y, size, seed=7)

    sizes = [batch_X.shape[1] for batch_X, _ in batches]
    expected = [size] * (m // size) + ([m % size] if m % size else [])
    assert sizes == expected and 0 not in sizes

    columns = np.concatenate([batch_X[0] for batch_X, _ in batches])
    assert sorted(columns) == list(range(m))
    for batch_X, batch_Y in batches:
        np.testing.assert_array_equal(batch_Y, batch_X[:1] + 0.5)
        np.testing.assert_array_equal(batch_X[1], -batch_X[0])


def test_mini_batches_use_the_seeded_permutation():
    X = np.arange(10, dtype=float).reshape(1, 10)
    batches = optimization.random_mini_batches(X, X.copy(), 4, seed=3)
    np.random.seed(3)
    np.testing.assert_array_equal(np.concatenate([b[0] for b in batches], axis=1)[0], np.random.permutation(10))


def test_velocity_and_adam_start_at_zero_in_separate_arrays():
    parameters, _ = make_parameters(12)
    v = optimization.initialize_velocity(parameters)
    v_adam, s_adam = optimization.initialize_adam(parameters)
    for moments in (v, v_adam, s_adam):
        assert set(moments) == {"d" + name for name in parameters}
        for name in parameters:
            assert moments["d" + name].shape == parameters[name].shape and not moments["d" + name].any()
    assert all(v_adam[key] is not s_adam[key] for key in v_adam)


def test_momentum_step():
    parameters, grads = make_parameters(13)
    _, old = make_parameters(14)
    v = {key: 0.1 * value for key, value in old.items()}
    before = snapshot(parameters, v)
    beta, lr = 0.9, 0.05
    updated, v_new = optimization.update_parameters_with_momentum(parameters, grads, v, beta, lr)
    for name in parameters:
        velocity = beta * v["d" + name] + (1 - beta) * grads["d" + name]
        np.testing.assert_allclose(v_new["d" + name], velocity)
        np.testing.assert_allclose(updated[name], parameters[name] - lr * velocity)
    assert_unchanged([parameters, v], before)


@pytest.mark.parametrize("t", [1, 10])
def test_adam_step_with_bias_correction(t):
    parameters, grads = make_parameters(15)
    _, v_old = make_parameters(16)
    v = {key: 0.1 * value for key, value in v_old.items()}
    s = {key: 0.01 * value ** 2 for key, value in v_old.items()}
    before = snapshot(parameters, v, s)
    lr, beta1, beta2, eps = 0.02, 0.8, 0.99, 1e-6

    updated, v_new, s_new, v_hat, s_hat = optimization.update_parameters_with_adam(
        parameters, grads, v, s, t, lr, beta1, beta2, eps)

    for name in parameters:
        g = grads["d" + name]
        first = beta1 * v["d" + name] + (1 - beta1) * g
        second = beta2 * s["d" + name] + (1 - beta2) * g * g
        first_hat = first / (1 - beta1 ** t)
        second_hat = second / (1 - beta2 ** t)
        np.testing.assert_allclose(v_new["d" + name], first)
        np.testing.assert_allclose(s_new["d" + name], second)
        np.testing.assert_allclose(v_hat["d" + name], first_hat)
        np.testing.assert_allclose(s_hat["d" + name], second_hat)
        np.testing.assert_allclose(updated[name], parameters[name] - lr * first_hat / (np.sqrt(second_hat) + eps))
    assert_unchanged([parameters, v, s], before)


def test_update_lr():
    assert optimization.update_lr(0.5, 2, 1) == pytest.approx(0.5 / 3)
    assert optimization.update_lr(0.3, 0, 0.7) == pytest.approx(0.3)


@pytest.mark.parametrize("epoch, expected_steps", [(0, 0), (999, 0), (1000, 1), (1700, 1), (2000, 2)])
def test_schedule_lr_decay_floors(epoch, expected_steps):
    assert optimization.schedule_lr_decay(0.5, epoch, 0.3, 1000) == pytest.approx(0.5 / (1 + 0.3 * expected_steps))


def test_schedule_lr_decay_with_a_custom_interval():
    assert optimization.schedule_lr_decay(0.5, 100, 1, time_interval=10) == pytest.approx(0.5 / 11)
