"""The course's helper functions, which notebook code uses without importing them.

Every submission module runs with `HELPERS` already bound as globals, so pasted
notebook code works as it is; `from grader.course import relu` works as well.

The course's `vector_to_dictionary(theta)` hard-codes one network's shapes. Ours
rebuilds whichever network is under test: the grader declares it with
`network(shapes)` around each call, so course-style code works on generated
networks of any size. This module imports only numpy and the standard library,
because the worker process loads it next to student code.
"""

from __future__ import annotations

import contextlib
import math
from typing import Callable, NamedTuple

import numpy as np

# The course's 3-layer network, used when no network has been declared.
COURSE_SHAPES = {
    "W1": (5, 4), "b1": (5, 1),
    "W2": (3, 5), "b2": (3, 1),
    "W3": (1, 3), "b3": (1, 1),
}

_current_shapes: dict[str, tuple[int, ...]] = dict(COURSE_SHAPES)


@contextlib.contextmanager
def network(shapes):
    """Declare the parameter shapes that `vector_to_dictionary` rebuilds, for one call."""
    global _current_shapes
    previous = _current_shapes
    # In dictionary_to_vector's order (W1, b1, W2, b2, ...), whatever order `shapes` has.
    names = [f"{kind}{l}" for l in range(1, _layer_count(shapes) + 1) for kind in ("W", "b")]
    _current_shapes = {name: tuple(int(n) for n in shapes[name]) for name in names}
    try:
        yield
    finally:
        _current_shapes = previous


def shapes_of(parameters) -> dict[str, tuple[int, ...]]:
    """The shapes of a parameters dict, in the form `network` takes."""
    return {name: tuple(np.shape(value)) for name, value in parameters.items()}


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(0, x)


def compute_cost(a3, Y):
    """Cross-entropy cost, as reg_utils.compute_cost computes it."""
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1.0 / m * np.nansum(logprobs)


def _layer_count(keys) -> int:
    return sum(1 for key in keys if key.startswith("W"))


def dictionary_to_vector(parameters):
    """Stack W1, b1, W2, b2, ... into one column vector; also return each entry's key."""
    names = [f"{kind}{l}" for l in range(1, _layer_count(parameters) + 1) for kind in ("W", "b")]
    pieces = [np.reshape(parameters[name], (-1, 1)) for name in names]
    keys = [name for name, piece in zip(names, pieces) for _ in range(piece.shape[0])]
    return np.concatenate(pieces, axis=0), keys


def vector_to_dictionary(theta):
    """Unroll a column vector into the parameters of the network under test."""
    parameters = {}
    start = 0
    for name, shape in _current_shapes.items():
        size = math.prod(shape)
        parameters[name] = np.reshape(theta[start:start + size], shape)
        start += size
    return parameters


def gradients_to_vector(gradients):
    """Stack dW1, db1, dW2, db2, ... into one column vector (other keys are ignored)."""
    layers = sum(1 for key in gradients if key.startswith("dW"))
    names = [f"{kind}{l}" for l in range(1, layers + 1) for kind in ("dW", "db")]
    return np.concatenate([np.reshape(gradients[name], (-1, 1)) for name in names], axis=0)


def three_layer_forward(X, parameters):
    """LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID: A3, and the course's cache."""
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def forward_propagation_n(X, Y, parameters):
    """The forward pass, and the cross-entropy cost."""
    m = X.shape[1]
    A3, cache = three_layer_forward(X, parameters)
    log_probs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    cost = 1.0 / m * np.sum(log_probs)
    return cost, cache


HELPERS = {
    "np": np,
    "math": math,
    "relu": relu,
    "sigmoid": sigmoid,
    "compute_cost": compute_cost,
    "dictionary_to_vector": dictionary_to_vector,
    "vector_to_dictionary": vector_to_dictionary,
    "gradients_to_vector": gradients_to_vector,
    "forward_propagation_n": forward_propagation_n,
}

# The course's utility modules; `from gc_utils import relu` in pasted code resolves here.
COURSE_MODULE_NAMES = (
    "gc_utils", "reg_utils", "init_utils", "opt_utils", "opt_utils_v1a",
    "testCases", "testCases_v2", "public_tests", "test_utils",
)


@contextlib.contextmanager
def bound(namespace: dict, names: dict):
    """Bind `names` into a module's globals for one call, then restore what was there."""
    missing = object()
    saved = {name: namespace.get(name, missing) for name in names}
    namespace.update(names)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is missing:
                namespace.pop(name, None)
            else:
                namespace[name] = value


# Stand-ins the grader binds into a submission for one call, so `gradient_check`
# is judged against a known-correct and known-wrong forward/backward pair
# rather than the student's own (Principle 3). Keyed by the name they replace.
class Fixture(NamedTuple):
    formula: str  # shown in a report, so a student can reproduce the failing call
    function: Callable


# The quadratic pair J = theta^2 x makes one-sided differences visible: central
# differences are exact for it, (J(theta + eps) - J(theta)) / eps is off by eps * x.
# The cubic pair makes epsilon itself visible: its central difference is off by eps^2 x,
# so a check that ignores the epsilon it is given returns another difference.
FIXTURES = {
    "forward_propagation": {
        "correct": Fixture("J = theta * x", lambda x, theta: theta * x),
        "quadratic": Fixture("J = theta**2 * x", lambda x, theta: theta * theta * x),
        "cubic": Fixture("J = theta**3 * x", lambda x, theta: theta ** 3 * x),
    },
    "backward_propagation": {
        "correct": Fixture("dtheta = x (correct)", lambda x, theta: x),
        "doubled": Fixture("dtheta = 2 * x (wrong on purpose)", lambda x, theta: 2 * x),
        "offset": Fixture("dtheta = x + 1 (wrong on purpose)", lambda x, theta: x + 1),
        "negated": Fixture("dtheta = -x (wrong on purpose)", lambda x, theta: -x),
        "quadratic": Fixture("dtheta = 2 * theta * x (correct)", lambda x, theta: 2 * theta * x),
        "quadratic_halved": Fixture("dtheta = theta * x (wrong on purpose)", lambda x, theta: theta * x),
        "cubic": Fixture("dtheta = 3 * theta**2 * x (correct)", lambda x, theta: 3 * theta ** 2 * x),
    },
}


def fixture_bindings(bind: dict[str, str]) -> dict:
    """Resolve {'backward_propagation': 'doubled'} into the functions to bind."""
    return {name: FIXTURES[name][variant].function for name, variant in bind.items()}
