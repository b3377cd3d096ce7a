"""Numerical gradient checks: central differences along fixed random directions.

For each tensor we compare the analytic directional derivative <grad, u> with
(J(theta + eps u) - J(theta - eps u)) / (2 eps) for a few random unit directions
u, so the cost of a check does not grow with the parameter count. All in float64.

The two sides are computed apart: `numeric_derivatives` needs the cost (and so the
solution it encodes) but not the student's answer; `verdicts` needs only the answer
and those directions and numbers, so the student kit carries them as data, recorded
with the reference (and never draws a direction itself).
"""

from __future__ import annotations

import dataclasses
import zlib
from typing import Callable

import numpy as np

EPS = 1e-6
RTOL = 1e-5
ATOL = 1e-8
DIRECTIONS = 2

Cost = Callable[[dict[str, np.ndarray]], float]


@dataclasses.dataclass(frozen=True)
class GradientVerdict:
    name: str
    analytic: float
    numeric: float
    passed: bool

    def message(self) -> str:
        if self.passed:
            return f"{self.name} agrees with the numerical gradient"
        text = (f"{self.name} disagrees with the numerical gradient: directional derivative "
                f"{self.analytic:.6g}, numerically {self.numeric:.6g}")
        if self.numeric != 0 and self.analytic != 0:
            text += f" (ratio {self.analytic / self.numeric:.3g})"
        return text


def directions(name: str, shape: tuple[int, ...]) -> list[np.ndarray]:
    """The unit directions along which gradient `name` is checked: the same wherever they are drawn."""
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    drawn = [rng.standard_normal(shape) for _ in range(DIRECTIONS)]
    return [direction / np.linalg.norm(direction) for direction in drawn]


def directional_derivative(cost: Cost, params: dict[str, np.ndarray], name: str,
                           direction: np.ndarray, eps: float = EPS) -> float:
    """d/dt J(params with params[name] + t * direction) at t = 0, by central differences."""
    plus = dict(params)
    minus = dict(params)
    plus[name] = params[name] + eps * direction
    minus[name] = params[name] - eps * direction
    return float((cost(plus) - cost(minus)) / (2 * eps))


# Per gradient, (direction, the cost's derivative along it) for each of its directions.
Numeric = dict[str, list[tuple[np.ndarray, float]]]


def numeric_derivatives(cost: Cost, params: dict[str, np.ndarray], names: dict[str, str]) -> Numeric:
    """For each gradient in `names` ('dW1' -> 'W1'), its directions and the cost's derivative along each."""
    return {grad_name: [(direction, directional_derivative(cost, params, param_name, direction))
                        for direction in directions(grad_name, params[param_name].shape)]
            for grad_name, param_name in names.items()}


def verdicts(numeric: Numeric, grads: dict[str, np.ndarray]) -> list[GradientVerdict]:
    """One verdict per gradient of `grads` that `numeric` covers: the first direction it fails
    along, or the first direction when it fails along none."""
    found = []
    for grad_name, along in numeric.items():
        if grad_name not in grads or not along:
            continue
        grad = np.asarray(grads[grad_name], dtype=float)
        checked = [_verdict(grad_name, grad, direction, number) for direction, number in along]
        found.append(next((verdict for verdict in checked if not verdict.passed), checked[0]))
    return found


def _verdict(name: str, grad: np.ndarray, direction: np.ndarray, numeric: float) -> GradientVerdict:
    analytic = float(np.vdot(grad, direction))
    return GradientVerdict(name, analytic, numeric,
                           bool(abs(analytic - numeric) <= ATOL + RTOL * max(abs(analytic), abs(numeric))))
