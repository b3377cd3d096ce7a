"""Reusable contract checks: structure, statistics and aliasing of a returned value.

Statistical checks use a margin of SIGMAS standard errors, so a correct solution
fails by chance with probability far below one in a million per check, while
the strategies draw arrays large enough that real mistakes (a factor sqrt(2) in
a weight scale, a swapped keep probability) sit well outside the margin.
"""

from __future__ import annotations

import math

import numpy as np

from grader.compare import Tolerance, compare
from grader.results import Check

SIGMAS = 6.0


def structure(expected_shapes, got) -> Check:
    """The same keys, lengths and shapes as `expected_shapes` (values are ignored)."""
    zeros = _zeros_like(expected_shapes)
    comparison = compare(zeros, _zeros_like(got) if _readable(got) else got, Tolerance())
    if comparison.problems:
        return Check("return structure", False, comparison.problems[0])
    return Check("return structure", True)


def _readable(value) -> bool:
    if isinstance(value, np.ndarray):
        return True
    if isinstance(value, dict):
        return all(_readable(item) for item in value.values())
    if isinstance(value, (tuple, list)):
        return all(_readable(item) for item in value)
    return isinstance(value, (int, float))


def _zeros_like(value):
    if isinstance(value, np.ndarray):
        return np.zeros(value.shape)
    if isinstance(value, tuple) and all(isinstance(n, int) for n in value):
        return np.zeros(value)
    if isinstance(value, dict):
        return {key: _zeros_like(item) for key, item in value.items()}
    if isinstance(value, (tuple, list)):
        return type(value)(_zeros_like(item) for item in value)
    return 0.0


def no_shared_arrays(aliases, *, between: tuple[str, str] | None = None, names=("v", "s")) -> Check:
    """No two places of the returned value are the same object (or share memory).

    between: only pairs with one path under each of these prefixes count, e.g. ("[0]", "[1]").
    """
    for first, second in aliases:
        if between is None or (first.startswith(between[0]) and second.startswith(between[1])) \
                or (first.startswith(between[1]) and second.startswith(between[0])):
            shown = [_name_path(path, names) for path in (first, second)]
            return Check("separate arrays", False,
                         f"{shown[0]} and {shown[1]} are the same array: updating one would change "
                         "the other; create each with its own np.zeros")
    return Check("separate arrays", True)


def _name_path(path: str, names) -> str:
    for index, name in enumerate(names):
        prefix = f"[{index}]"
        if path.startswith(prefix):
            return name + path[len(prefix):]
    return path or "the return value"


def scale_within(samples: np.ndarray, expected_std: float) -> tuple[bool, float]:
    """Is the sample standard deviation (about a zero mean) consistent with `expected_std`?
    Returns the verdict and the observed ratio std / expected_std."""
    n = samples.size
    ratio = float(np.sqrt(np.mean(np.square(samples)))) / expected_std
    margin = SIGMAS / math.sqrt(2 * n)
    return abs(ratio - 1) <= margin, ratio


def mean_near_zero(samples: np.ndarray, std: float) -> bool:
    return abs(float(samples.mean())) <= SIGMAS * std / math.sqrt(samples.size)


def rate_within(observed_ones: int, total: int, p: float) -> bool:
    """Is a count of successes consistent with Binomial(total, p)?"""
    if p in (0.0, 1.0):
        return observed_ones == round(p * total)
    margin = SIGMAS * math.sqrt(p * (1 - p) / total) + 1 / total
    return abs(observed_ones / total - p) <= margin
