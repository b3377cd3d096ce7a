"""Hypothesis strategies for the grader's inputs (Principle 5).

Hypothesis draws the structure (layer sizes, m, hyperparameters, a seed); the
arrays come from `np.random.default_rng(seed)` (grader.inputs), so a failing example
shrinks to small shapes and simple hyperparameters while staying cheap to generate.
Every strategy takes keyword-only bounds, validates them first, and has small defaults.
Only the full grader generates inputs: the student kit reads recorded ones.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

MAX_SEED = 2**32 - 1


def _check_bounds(name_low: str, low, name_high: str, high, minimum=None) -> None:
    if minimum is not None and low < minimum:
        raise ValueError(f"{name_low}={low!r} must be at least {minimum!r}")
    if low > high:
        raise ValueError(f"{name_low}={low!r} must not exceed {name_high}={high!r}")


def seeds() -> st.SearchStrategy[int]:
    """Seeds for `np.random.default_rng`; they shrink towards 0."""
    return st.integers(0, MAX_SEED)


def layer_dims(*, min_layers: int = 2, max_layers: int = 5, min_units: int = 1,
               max_units: int = 8) -> st.SearchStrategy[list[int]]:
    """`layers_dims` lists: input size first, then one size per layer.

    min_layers, max_layers: bounds on the list's length (a list of length L has L - 1 layers).
    min_units, max_units: bounds on each size.
    """
    _check_bounds("min_layers", min_layers, "max_layers", max_layers, minimum=2)
    _check_bounds("min_units", min_units, "max_units", max_units, minimum=1)
    return st.lists(st.integers(min_units, max_units), min_size=min_layers, max_size=max_layers)


def three_layer_dims(*, max_inputs: int = 5, max_hidden: int = 5) -> st.SearchStrategy[tuple[int, int, int, int]]:
    """Sizes (n_x, n_1, n_2, 1) of the course's LINEAR-RELU-LINEAR-RELU-LINEAR-SIGMOID network.

    max_inputs: largest n_x.
    max_hidden: largest n_1 and n_2.
    """
    if max_inputs < 1 or max_hidden < 1:
        raise ValueError(f"max_inputs={max_inputs!r} and max_hidden={max_hidden!r} must be at least 1")
    return st.tuples(st.integers(1, max_inputs), st.integers(1, max_hidden),
                     st.integers(1, max_hidden), st.just(1))


def examples_count(*, min_m: int = 1, max_m: int = 6) -> st.SearchStrategy[int]:
    """The number of examples m (columns of X).

    min_m, max_m: bounds on m.
    """
    _check_bounds("min_m", min_m, "max_m", max_m, minimum=1)
    return st.integers(min_m, max_m)


def keep_probs(*, min_distance: float = 0.15) -> st.SearchStrategy[float]:
    """keep_prob values at least `min_distance` away from 0.5, where a swapped mask
    (`rand > keep_prob`) shows.

    min_distance: smallest |keep_prob - 0.5|; at most 0.45.
    """
    _check_bounds("min_distance", min_distance, "0.45", 0.45, minimum=0.0)
    low = st.floats(0.05, 0.5 - min_distance)
    high = st.floats(0.5 + min_distance, 0.95)
    return st.one_of(high, low)


def positive_floats(*, low: float, high: float) -> st.SearchStrategy[float]:
    """Floats in [low, high], drawn on a log scale so every order of magnitude is reached.

    low, high: positive bounds.
    """
    _check_bounds("low", low, "high", high, minimum=np.finfo(float).tiny)
    return st.floats(np.log10(low), np.log10(high)).map(lambda exponent: float(10.0 ** exponent))
