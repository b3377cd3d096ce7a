"""The course's models: they train, and a graded function that fails is named, not the model."""

from __future__ import annotations

import numpy as np
import pytest

from grader.experiments import datasets, training
from grader.oracle.experiments import reference_functions

FUNCTIONS = reference_functions()
CIRCLES = datasets.circles()
MOONS = datasets.moons()
SHORT_OPTIMIZATION = {"layers": [2, 5, 2, 1], "optimizer": "adam", "learning_rate": 0.0007, "mini_batch_size": 64,
                      "epochs": 20, "record_every": 5}


def train_he(initializer=FUNCTIONS["initialize_parameters_he"], iterations=200):
    return training.train("initialization", {"initialize_parameters_he": initializer}, CIRCLES.train_X,
                          CIRCLES.train_Y, {"initializer": "initialize_parameters_he", "layers": [2, 10, 5, 1],
                                            "learning_rate": 0.01, "iterations": iterations, "record_every": 50})


def test_gradient_descent_lowers_the_cost_and_records_every_interval():
    run = train_he(iterations=1000)
    assert len(run["costs"]) == 1000 // 50
    assert run["costs"][-1] < run["costs"][0]
    assert set(run["parameters"]) == {"W1", "b1", "W2", "b2", "W3", "b3"}


def test_the_helpers_backward_pass_is_the_gradient_of_the_cost():
    """Central differences on one weight: the model's own gradient is what the curves rest on."""
    parameters = training.initialize_parameters([2, 4, 3, 1], "he")
    X, Y = MOONS.train_X[:, :30], MOONS.train_Y[:, :30]
    cache = training.forward(X, parameters)[1]
    grads = training.backward(X, Y, cache, scaled_first=True)
    for name, value in training.backward(X, Y, cache, scaled_first=False).items():  # the same up to rounding
        np.testing.assert_allclose(grads[name], value, rtol=1e-12, atol=1e-15)

    def cost(w):
        shifted = {**parameters, "W2": parameters["W2"].copy()}
        shifted["W2"][1, 2] = w
        return float(np.mean(-(Y * np.log(training.forward(X, shifted)[0])
                               + (1 - Y) * np.log(1 - training.forward(X, shifted)[0]))))
    w, eps = parameters["W2"][1, 2], 1e-6
    assert grads["dW2"][1, 2] == pytest.approx((cost(w + eps) - cost(w - eps)) / (2 * eps), rel=1e-5)


def test_a_function_that_raises_is_named():
    def broken(layers_dims):
        raise ValueError("no")
    with pytest.raises(training.FunctionFailed) as failed:
        train_he(broken)
    assert failed.value.function == "initialize_parameters_he"
    assert failed.value.reason == "raised ValueError: no"


@pytest.mark.parametrize("returned, reason", [
    (None, "returned NoneType, not a dict of parameters"),
    ({"W1": np.zeros((10, 2))}, "returned b1 as NoneType, where the model needs shape (10, 1)"),
    ({"W1": np.zeros((2, 10))}, "returned W1 as shape (2, 10), where the model needs shape (10, 2)"),
])
def test_parameters_the_model_cannot_use_are_blamed_on_the_function(returned, reason):
    with pytest.raises(training.FunctionFailed) as failed:
        train_he(lambda layers_dims: returned)
    assert (failed.value.function, failed.value.reason) == ("initialize_parameters_he", reason)


def test_an_update_that_changes_shapes_is_named():
    def flattening(parameters, grads, v, s, t, *args):
        updated = FUNCTIONS["update_parameters_with_adam"](parameters, grads, v, s, t, *args)
        return ({**updated[0], "b1": updated[0]["b1"].ravel()},) + updated[1:]
    functions = {**FUNCTIONS, "update_parameters_with_adam": flattening}
    with pytest.raises(training.FunctionFailed) as failed:
        training.train("optimization", functions, MOONS.train_X, MOONS.train_Y, SHORT_OPTIMIZATION)
    assert failed.value.function == "update_parameters_with_adam"
    assert "b1 as shape (5,)" in failed.value.reason


@pytest.mark.parametrize("batches, reason", [
    (lambda X, Y, size, seed: [(X, Y)][:0], "did not return a list"),
    (lambda X, Y, size, seed: [(X[:, :10], Y[:, :10])], "holding 10 examples in all, not 300"),
    (lambda X, Y, size, seed: [(X.T, Y)], "not a pair of arrays"),
])
def test_mini_batches_that_do_not_hold_the_data_are_named(batches, reason):
    functions = {**FUNCTIONS, "random_mini_batches": batches}
    with pytest.raises(training.FunctionFailed) as failed:
        training.train("optimization", functions, MOONS.train_X, MOONS.train_Y, SHORT_OPTIMIZATION)
    assert failed.value.function == "random_mini_batches" and reason in failed.value.reason


def test_a_student_system_exit_ends_the_run_only():
    def leaving(layers_dims):
        raise SystemExit(3)
    with pytest.raises(training.FunctionFailed, match="raised SystemExit"):
        train_he(leaving)


def test_dropout_uses_the_students_forward_and_backward_passes():
    calls = []

    def counting(name):
        def call(*args):
            calls.append(name)
            return FUNCTIONS[name](*args)
        return call
    names = ("forward_propagation_with_dropout", "backward_propagation_with_dropout")
    training.train("regularization", {name: counting(name) for name in names}, CIRCLES.train_X, CIRCLES.train_Y,
                   {"layers": [2, 20, 3, 1], "learning_rate": 0.3, "iterations": 3, "record_every": 1, "lambd": 0.0,
                    "keep_prob": 0.86})
    assert calls == [names[0], names[1]] * 3


def test_decision_grid_is_the_models_prediction_on_each_point():
    parameters = train_he(iterations=500)["parameters"]
    grid = training.decision_grid(parameters, (-1.0, 1.0), (-0.5, 0.5), 5)
    assert grid.shape == (5, 5)
    corner = np.array([[1.0], [-0.5]])  # last column, first row
    assert grid[0, -1] == training.predict(corner, parameters)[0, 0]


def test_moments_without_the_d_keys_are_blamed_on_the_function_that_made_them():
    """Not on the student's correct update, which then looks them up and fails."""
    def velocity(parameters):
        return {key: np.zeros_like(value) for key, value in parameters.items()}  # W1, not dW1
    functions = {**FUNCTIONS, "initialize_velocity": velocity}
    settings = {**SHORT_OPTIMIZATION, "optimizer": "momentum"}
    with pytest.raises(training.FunctionFailed) as failed:
        training.train("optimization", functions, MOONS.train_X, MOONS.train_Y, settings)
    assert failed.value.function == "initialize_velocity"
    assert failed.value.reason == "returned dW1 as NoneType, where the model needs shape (5, 2)"


class Stubborn:
    def __float__(self):
        raise RuntimeError("no float for you")


def test_values_that_refuse_to_be_numbers_are_blamed_on_their_function():
    with pytest.raises(training.FunctionFailed, match="returned W1 as ndarray, not an array of numbers"):
        train_he(lambda layers_dims: {**FUNCTIONS["initialize_parameters_he"](layers_dims),
                                      "W1": np.full((10, 2), Stubborn(), dtype=object)})
    functions = {**FUNCTIONS, "update_lr": lambda *args: Stubborn()}
    with pytest.raises(training.FunctionFailed) as failed:
        training.train("optimization", functions, MOONS.train_X, MOONS.train_Y,
                       {**SHORT_OPTIMIZATION, "optimizer": "gd", "decay": "update_lr"})
    assert (failed.value.function, failed.value.reason) == ("update_lr", "returned Stubborn, not a number")


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")  # np.matrix itself
def test_a_matrix_of_the_right_shape_is_numbers_and_trains():
    run = train_he(lambda layers_dims: {key: np.asmatrix(value) for key, value in
                                        FUNCTIONS["initialize_parameters_he"](layers_dims).items()})
    assert run["costs"] == train_he()["costs"]


def test_a_dropout_cache_without_the_masks_is_blamed_on_the_forward_pass():
    def maskless(X, parameters, keep_prob):
        A3, cache = FUNCTIONS["forward_propagation_with_dropout"](X, parameters, keep_prob)
        return A3, cache[:1] + cache[2:6] + cache[7:]  # D1 and D2 left out
    names = ("forward_propagation_with_dropout", "backward_propagation_with_dropout")
    with pytest.raises(training.FunctionFailed) as failed:
        training.train("regularization", {names[0]: maskless, names[1]: FUNCTIONS[names[1]]}, CIRCLES.train_X,
                       CIRCLES.train_Y, {"layers": [2, 20, 3, 1], "learning_rate": 0.3, "iterations": 3,
                                         "record_every": 1, "lambd": 0.0, "keep_prob": 0.86})
    assert failed.value.function == "forward_propagation_with_dropout"
