"""The course's three models, trained with whichever graded functions they are given.

Each `train_*` function is the course notebook's `model()`, step for step: the same
layers, initial parameters, learning rates, iterations and mini-batch seeds, so the
reference functions reproduce the course's figures. The graded functions come in
`functions` (the student's, or the reference's standing in for them); the rest of
the network (forward and backward passes without dropout or L2, the plain update,
the cost) is the course's helper code, written here.

This module runs inside the worker next to student code, so it imports only numpy
and grader.course. A graded function that raises, or returns something the model
cannot use, ends the run with FunctionFailed, which names it; the cost is computed
only where it is recorded, since it never changes the training.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from grader.course import compute_cost
from grader.course import three_layer_forward as forward


class FunctionFailed(Exception):
    """Raised when a graded function raised, or returned what the model cannot use."""

    def __init__(self, function: str, reason: str):
        super().__init__(f"{function} {reason}")
        self.function, self.reason = function, reason


def checked(name: str, function: Callable) -> Callable:
    """`function`, with whatever it raises turned into FunctionFailed naming it."""
    def call(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except FunctionFailed:
            raise
        except BaseException as error:  # the student's SystemExit too: it ends this run only
            raise FunctionFailed(name, f"raised {type(error).__name__}: {error}") from error
    return call


# ---------------------------------------------------------------- the course's network

def initialize_parameters(layers_dims: list[int], scale: str) -> dict:
    """The helpers' own initialisation: seed 3, then randn divided by sqrt(fan-in) ("xavier",
    reg_utils) or times sqrt(2 / fan-in) ("he", opt_utils), each computed as the course does."""
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        weights = np.random.randn(layers_dims[l], layers_dims[l - 1])
        if scale == "xavier":
            parameters[f"W{l}"] = weights / np.sqrt(layers_dims[l - 1])
        else:
            parameters[f"W{l}"] = weights * np.sqrt(2 / layers_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def backward(X, Y, cache, *, scaled_first: bool) -> dict:
    """The helpers' backward pass. init_utils and opt_utils scale dZ3 by 1/m first; reg_utils (like
    the graded backward functions) scales each dW and db. The same sums in another order give other
    last bits, which 30,000 iterations can grow into another result, so each family keeps its own."""
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = 1. / m * (A3 - Y) if scaled_first else A3 - Y
    scale = 1. if scaled_first else 1. / m  # times 1 is exact
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = dA2 * (A2 > 0)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = dA1 * (A1 > 0)
    return {"dW3": scale * np.dot(dZ3, A2.T), "db3": scale * np.sum(dZ3, axis=1, keepdims=True),
            "dW2": scale * np.dot(dZ2, A1.T), "db2": scale * np.sum(dZ2, axis=1, keepdims=True),
            "dW1": scale * np.dot(dZ1, X.T), "db1": scale * np.sum(dZ1, axis=1, keepdims=True)}


def update(parameters: dict, grads: dict, learning_rate: float) -> dict:
    return {name: value - learning_rate * grads["d" + name] for name, value in parameters.items()}


def predict(X, parameters: dict) -> np.ndarray:
    """The course's prediction: 1 where the output is above 0.5, as a (1, m) array."""
    return forward(X, parameters)[0] > 0.5


def shapes(layers_dims: list[int]) -> dict[str, tuple[int, int]]:
    """The parameters' shapes in the course's order: W1, b1, W2, b2, ..."""
    return {name: shape for l in range(1, len(layers_dims))
            for name, shape in ((f"W{l}", (layers_dims[l], layers_dims[l - 1])), (f"b{l}", (layers_dims[l], 1)))}


def arrays_from(name: str, value, expected: dict[str, tuple[int, int]], what: str = "parameters") -> dict:
    """`value` as plain float arrays of the `expected` shapes, or FunctionFailed saying why it cannot be."""
    if not isinstance(value, dict):
        raise FunctionFailed(name, f"returned {type(value).__name__}, not a dict of {what}")
    arrays = {}
    for key, shape in expected.items():
        entry = value.get(key)
        try:  # a matrix, or an array of objects, stops here; a plain float array is taken as it is
            array = entry if type(entry) is np.ndarray and entry.dtype == np.float64 else np.array(entry, dtype=float)
        except Exception:  # the student's own __float__ or __array__ may raise anything
            raise FunctionFailed(name, f"returned {key} as {type(entry).__name__}, not an array of numbers") from None
        if entry is None or array.shape != shape:
            got = f"shape {array.shape}" if isinstance(entry, np.ndarray) else type(entry).__name__
            raise FunctionFailed(name, f"returned {key} as {got}, where the model needs shape {shape}")
        arrays[key] = array
    return arrays


def _moments(name: str, value, expected: dict[str, tuple[int, int]]) -> dict:
    """Momentum's v, or Adam's v or s: one array per parameter, keyed dW1, db1, ..."""
    return arrays_from(name, value, {"d" + key: shape for key, shape in expected.items()}, "moments (dW1, db1, ...)")


# ---------------------------------------------------------------- the three models

def train_initialization(functions: dict, X, Y, *, initializer: str, layers: list[int], learning_rate: float,
                         iterations: int, record_every: int) -> dict:
    """Initialization notebook: gradient descent from the parameters `initializer` gives."""
    expected = shapes(layers)
    parameters = arrays_from(initializer, functions[initializer](list(layers)), expected)
    costs = []
    for i in range(iterations):
        A3, cache = forward(X, parameters)
        if i % record_every == 0:
            costs.append(float(compute_cost(A3, Y)))
        parameters = update(parameters, backward(X, Y, cache, scaled_first=True), learning_rate)
    return {"costs": costs, "parameters": parameters}


def train_regularization(functions: dict, X, Y, *, layers: list[int], learning_rate: float, iterations: int,
                         record_every: int, lambd: float, keep_prob: float) -> dict:
    """Regularization notebook: no regularization, L2 (`lambd`) or dropout (`keep_prob` < 1)."""
    expected = shapes(layers)
    gradients = {"d" + key: shape for key, shape in expected.items()}
    parameters = initialize_parameters(layers, "xavier")
    costs = []
    for i in range(iterations):
        if keep_prob < 1:
            A3, cache = _forward_output(functions["forward_propagation_with_dropout"](X, parameters, keep_prob),
                                        "forward_propagation_with_dropout", Y.shape)
        else:
            A3, cache = forward(X, parameters)
        if i % record_every == 0:
            if lambd:
                cost = functions["compute_cost_with_regularization"](A3, Y, parameters, lambd)
                costs.append(_number(cost, "compute_cost_with_regularization"))
            else:
                costs.append(float(compute_cost(A3, Y)))
        if lambd:
            name = "backward_propagation_with_regularization"
            grads = arrays_from(name, functions[name](X, Y, cache, lambd), gradients, "gradients")
        elif keep_prob < 1:
            name = "backward_propagation_with_dropout"
            grads = arrays_from(name, functions[name](X, Y, cache, keep_prob), gradients, "gradients")
        else:
            grads = backward(X, Y, cache, scaled_first=False)
        parameters = update(parameters, grads, learning_rate)
    return {"costs": costs, "parameters": parameters}


def train_optimization(functions: dict, X, Y, *, layers: list[int], optimizer: str, learning_rate: float,
                       mini_batch_size: int, epochs: int, record_every: int, beta: float = 0.9,
                       beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8,
                       decay: str | None = None, decay_rate: float = 1.0) -> dict:
    """Optimization Methods notebook: mini-batch gd, momentum or Adam, with an optional decay."""
    expected = shapes(layers)
    m = X.shape[1]
    parameters = initialize_parameters(layers, "he")
    if optimizer == "momentum":
        v = _moments("initialize_velocity", functions["initialize_velocity"](parameters), expected)
    elif optimizer == "adam":
        v, s = (_moments("initialize_adam", moment, expected)
                for moment in _pair(functions["initialize_adam"](parameters), "initialize_adam"))
    update_name = f"update_parameters_with_{optimizer}"
    step = functions[update_name]
    learning_rate0, t, seed, costs = learning_rate, 0, 10, []
    for epoch in range(epochs):
        seed += 1
        batches = _mini_batches(functions["random_mini_batches"](X, Y, mini_batch_size, seed), X.shape, m)
        recording = epoch % record_every == 0
        cost_total = 0.0
        for batch_X, batch_Y in batches:
            A3, cache = forward(batch_X, parameters)
            if recording:
                cost_total += float(compute_cost(A3, batch_Y)) * batch_X.shape[1]
            grads = backward(batch_X, batch_Y, cache, scaled_first=True)
            if optimizer == "gd":
                parameters = step(parameters, grads, learning_rate)
            elif optimizer == "momentum":
                parameters, v = _pair(step(parameters, grads, v, beta, learning_rate), update_name)
                v = _moments(update_name, v, expected)
            else:
                t += 1
                answer = step(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon)
                if not isinstance(answer, tuple) or len(answer) < 3:
                    raise FunctionFailed(update_name, "did not return (parameters, v, s), nor (parameters, v, s, v_corrected, "
                                                  "s_corrected)")
                parameters, v, s = answer[0], _moments(update_name, answer[1], expected), \
                    _moments(update_name, answer[2], expected)
            parameters = arrays_from(update_name, parameters, expected)
        if recording:
            costs.append(cost_total / m)
        if decay:
            learning_rate = _number(functions[decay](learning_rate0, epoch, decay_rate), decay)
    return {"costs": costs, "parameters": parameters}


def _forward_output(value, name: str, y_shape) -> tuple:
    """(A3, cache) from the dropout forward pass, its cache the course's 14 entries, so that a wrong
    one is blamed here and not on the backward pass that unpacks it."""
    if not isinstance(value, tuple) or len(value) != 2 or not isinstance(value[0], np.ndarray) \
            or value[0].shape != y_shape:
        raise FunctionFailed(name, f"did not return (A3, cache) with A3 of shape {y_shape}")
    if not isinstance(value[1], (tuple, list)) or len(value[1]) != 14:
        raise FunctionFailed(name, "did not return the course's cache (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, "
                                   "Z3, A3, W3, b3)")
    return value


def _pair(value, name: str) -> tuple:
    if not isinstance(value, tuple) or len(value) != 2:
        raise FunctionFailed(name, "did not return a pair")
    return value


def _number(value, name: str) -> float:
    try:
        number = float(value)
    except Exception:  # the student's own __float__ may raise anything
        raise FunctionFailed(name, f"returned {type(value).__name__}, not a number") from None
    return number


def _mini_batches(value, x_shape: tuple, m: int) -> list:
    """The mini-batches, or FunctionFailed unless they are (X, Y) pairs that hold m examples in all."""
    name = "random_mini_batches"
    if not isinstance(value, (list, tuple)) or not value:
        raise FunctionFailed(name, "did not return a list of (mini_batch_X, mini_batch_Y) pairs")
    total = 0
    for batch in value:
        if not isinstance(batch, tuple) or len(batch) != 2 or not all(isinstance(a, np.ndarray) for a in batch) \
                or batch[0].ndim != 2 or batch[0].shape[0] != x_shape[0] or batch[1].shape != (1, batch[0].shape[1]):
            raise FunctionFailed(name, "returned a mini-batch that is not a pair of arrays (n_x, k) and (1, k)")
        total += batch[0].shape[1]
    if total != m:
        raise FunctionFailed(name, f"returned mini-batches holding {total} examples in all, not {m}")
    return value


TRAINERS = {
    "initialization": train_initialization,
    "regularization": train_regularization,
    "optimization": train_optimization,
}


def train(family: str, functions: dict[str, Callable], X, Y, settings: dict) -> dict:
    """One run of a family's model: {"costs": [...], "parameters": {...}}.

    Overflow in the sigmoid and log(0) in the cost are part of what the course shows
    (a large random initialization starts at an infinite cost), not errors."""
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        return TRAINERS[family]({name: checked(name, f) for name, f in functions.items()}, X, Y, **settings)


def accuracy(X, Y, parameters: dict) -> float:
    """The fraction of examples the trained model labels right."""
    return float(np.mean(predict(X, parameters) == Y))


def decision_grid(parameters: dict, x_range: tuple[float, float], y_range: tuple[float, float],
                  size: int) -> np.ndarray:
    """The model's predictions on a size x size grid, row 0 at y_range[0]: a decision boundary."""
    xs = np.linspace(*x_range, size)
    ys = np.linspace(*y_range, size)
    grid_x, grid_y = np.meshgrid(xs, ys)
    points = np.vstack([grid_x.ravel(), grid_y.ravel()])
    with np.errstate(all="ignore"):
        return predict(points, parameters).reshape(size, size)

