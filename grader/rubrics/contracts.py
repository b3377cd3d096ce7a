"""Reusable contract checks: structure, statistics and aliasing of a returned value.

Statistical checks use a margin of SIGMAS standard errors, so a correct solution
fails by chance with probability far below one in a million per check, while
the strategies draw arrays large enough that real mistakes (a factor sqrt(2) in
a weight scale, a swapped keep probability) sit well outside the margin.
"""

from __future__ import annotations

import math

import numpy as np

from grader.compare import describe_type
from grader.results import Check

SIGMAS = 6.0


def structure(shapes: dict[str, tuple[int, ...]], got) -> Check:
    """A dict with exactly these keys, each an array of the given shape (values are ignored)."""
    if not isinstance(got, dict):
        return Check("return structure", False, f"Expected a dict of arrays, got {describe_type(got)}")
    missing = [key for key in shapes if key not in got]
    extra = [key for key in got if key not in shapes]
    if missing:
        return Check("return structure", False, f"The dict is missing the key(s) {', '.join(map(repr, missing))}")
    if extra:
        return Check("return structure", False, f"The dict has unexpected key(s) {', '.join(map(repr, extra))}")
    for key, shape in shapes.items():
        value = got[key]
        if not isinstance(value, np.ndarray):
            return Check("return structure", False, f"{key} should be an array of shape {shape}, "
                                                    f"got {describe_type(value)}")
        if value.shape != shape:
            hint = " (transposed?)" if value.shape == shape[::-1] else ""
            return Check("return structure", False, f"{key} has shape {value.shape}, expected {shape}{hint}")
    return Check("return structure", True)


def no_shared_arrays(aliases, *, names: tuple[str, ...]) -> Check:
    """No two places of the returned value are the same object or share memory.

    names: what to call the returned value in a message: one name for a single dict
        ("v"), or one per item of a returned tuple (("v", "s")).
    """
    for pair in aliases:
        first, second = (_name_path(path, names) for path in pair)
        return Check("separate arrays", False,
                     f"{first} and {second} are the same array: updating one would change "
                     "the other; create each with its own np.zeros")
    return Check("separate arrays", True)


def _name_path(path: str, names: tuple[str, ...]) -> str:
    if len(names) == 1:
        return names[0] + path
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
