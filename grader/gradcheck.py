"""Numerical gradient checks: central differences along random directions.

For each tensor we compare the analytic directional derivative <grad, u> with
(J(theta + eps u) - J(theta - eps u)) / (2 eps) for a few random unit directions
u, so the cost of a check does not grow with the parameter count. All in float64.
"""

from __future__ import annotations

import dataclasses
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


def directional_derivative(cost: Cost, params: dict[str, np.ndarray], name: str,
                           direction: np.ndarray, eps: float = EPS) -> float:
    """d/dt J(params with params[name] + t * direction) at t = 0, by central differences."""
    plus = dict(params)
    minus = dict(params)
    plus[name] = params[name] + eps * direction
    minus[name] = params[name] - eps * direction
    return (cost(plus) - cost(minus)) / (2 * eps)


def check_gradients(cost: Cost, params: dict[str, np.ndarray], grads: dict[str, np.ndarray],
                    names: dict[str, str], rng: np.random.Generator) -> list[GradientVerdict]:
    """One verdict per gradient; `names` maps a gradient's key to its parameter ('dW1' -> 'W1')."""
    verdicts = []
    for grad_name, param_name in names.items():
        grad = np.asarray(grads[grad_name], dtype=float)
        worst = None
        for _ in range(DIRECTIONS):
            direction = rng.standard_normal(params[param_name].shape)
            direction /= np.linalg.norm(direction)
            analytic = float(np.vdot(grad, direction))
            numeric = float(directional_derivative(cost, params, param_name, direction))
            passed = bool(abs(analytic - numeric) <= ATOL + RTOL * max(abs(analytic), abs(numeric)))
            verdict = GradientVerdict(grad_name, analytic, numeric, passed)
            if worst is None or not passed:
                worst = verdict
            if not passed:
                break
        verdicts.append(worst)
    return verdicts
