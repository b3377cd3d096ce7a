"""The arrays of the grader's inputs, built from a NumPy Generator.

Hypothesis draws sizes and a seed (grader.strategies); these functions turn them into
arrays. They need no hypothesis, so hand-picked cases built at import time work in the
student kit, which has none.
"""

from __future__ import annotations

import numpy as np

SATURATION = 1e-4  # generated networks keep their output A3 in (SATURATION, 1 - SATURATION)


def parameters(dims, rng: np.random.Generator, *, bias_scale: float = 0.5) -> dict[str, np.ndarray]:
    """W1, b1, ..., WL, bL for layer sizes `dims`, with nonzero biases (so a mistake that
    treats b like W shows)."""
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) * np.sqrt(2.0 / dims[l - 1])
        params[f"b{l}"] = rng.standard_normal((dims[l], 1)) * bias_scale
    return params


def network_inputs(dims, m: int, rng: np.random.Generator):
    """X of shape (dims[0], m), labels Y of shape (1, m) and parameters for layer sizes `dims`."""
    X = rng.standard_normal((dims[0], m))
    return X, labels(m, rng), parameters(dims, rng)


def like(params: dict[str, np.ndarray], rng: np.random.Generator, *, prefix: str = "d",
         scale: float = 1.0, positive: bool = False) -> dict[str, np.ndarray]:
    """Random arrays keyed like `params` with a prefix ('W1' -> 'dW1'): gradients, v, s."""
    made = {}
    for key, value in params.items():
        array = rng.standard_normal(value.shape) * scale
        made[prefix + key] = array * array if positive else array
    return made


def labels(m: int, rng: np.random.Generator) -> np.ndarray:
    """A (1, m) row of 0/1 integer labels, as the course's data sets have, with both classes
    when m > 1 (integer labels expose code that truncates, e.g. np.zeros_like(Y))."""
    Y = (rng.random((1, m)) < 0.5).astype(np.int64)
    if m > 1:
        Y[0, 0], Y[0, 1] = 0, 1
    return Y


def well_conditioned(A3) -> bool:
    """Not saturated: near A3 = 1 the course cost -log(1 - A3) has lost its precision, and
    numerical gradients of it are noise."""
    return bool(np.all((A3 > SATURATION) & (A3 < 1 - SATURATION)))
