"""The experiments' datasets, made in NumPy: nothing is downloaded.

`circles` and `moons` draw exactly what scikit-learn's make_circles and make_moons
draw from a RandomState (the course calls them after np.random.seed), so the
Initialization and Optimization experiments run on the course's own data. `wavy` stands
in for the Regularization notebook's data (football positions from a .mat file), which
is not public.
"""

from __future__ import annotations

import dataclasses

import numpy as np


@dataclasses.dataclass(frozen=True)
class Dataset:
    name: str
    description: str  # what it is, for the report
    train_X: np.ndarray  # (2, m)
    train_Y: np.ndarray  # (1, m)
    test_X: np.ndarray | None = None
    test_Y: np.ndarray | None = None


def _shuffled_with_noise(X: np.ndarray, y: np.ndarray, rng: np.random.RandomState, noise: float):
    """scikit-learn's shuffle, then Gaussian noise, drawn in its order from the same stream."""
    order = np.arange(len(y))
    rng.shuffle(order)
    X, y = X[order], y[order]
    X = X + rng.normal(scale=noise, size=X.shape)
    return X.T, y.reshape(1, -1)


def make_circles(n_samples: int, noise: float, seed: int, factor: float = 0.8):
    """An outer circle (label 0) around an inner one (label 1), as make_circles draws it."""
    outer, inner = n_samples // 2, n_samples - n_samples // 2
    angles_out = np.linspace(0, 2 * np.pi, outer, endpoint=False)
    angles_in = np.linspace(0, 2 * np.pi, inner, endpoint=False)
    X = np.vstack([np.append(np.cos(angles_out), np.cos(angles_in) * factor),
                   np.append(np.sin(angles_out), np.sin(angles_in) * factor)]).T
    y = np.hstack([np.zeros(outer, dtype=np.intp), np.ones(inner, dtype=np.intp)])
    return _shuffled_with_noise(X, y, np.random.RandomState(seed), noise)


def make_moons(n_samples: int, noise: float, seed: int):
    """Two interleaving half circles, as make_moons draws them."""
    outer, inner = n_samples // 2, n_samples - n_samples // 2
    X = np.vstack([np.append(np.cos(np.linspace(0, np.pi, outer)), 1 - np.cos(np.linspace(0, np.pi, inner))),
                   np.append(np.sin(np.linspace(0, np.pi, outer)),
                             1 - np.sin(np.linspace(0, np.pi, inner)) - 0.5)]).T
    y = np.hstack([np.zeros(outer, dtype=np.intp), np.ones(inner, dtype=np.intp)])
    return _shuffled_with_noise(X, y, np.random.RandomState(seed), noise)


def circles() -> Dataset:
    """init_utils.load_dataset: 300 training and 100 test points, noise 0.05."""
    train_X, train_Y = make_circles(300, 0.05, seed=1)
    test_X, test_Y = make_circles(100, 0.05, seed=2)
    return Dataset("circles", "the course's circles (make_circles, 300 training and 100 test points, noise 0.05)",
                   train_X, train_Y, test_X, test_Y)


def moons() -> Dataset:
    """opt_utils.load_dataset: 300 training points, noise 0.2 (the course has no test set here)."""
    train_X, train_Y = make_moons(300, 0.2, seed=3)
    return Dataset("moons", "the course's moons (make_moons, 300 training points, noise 0.2)", train_X, train_Y)


def wavy(seed: int = 5) -> Dataset:
    """The Regularization notebook's data is not public: points in a square on either side of a
    wavy line, with 5% of the labels flipped, which a network without regularization overfits."""
    rng = np.random.RandomState(seed)
    train, test = 211, 200  # the course's sizes
    X = rng.uniform(-0.8, 0.8, size=(2, train + test))
    Y = (X[1] > 0.5 * X[0] + 0.15 * np.sin(3 * X[0])).astype(np.intp)
    for part in (np.arange(train), np.arange(train, train + test)):
        flipped = rng.choice(part, round(0.05 * len(part)), replace=False)
        Y[flipped] = 1 - Y[flipped]
    return Dataset("wavy", "points drawn uniformly in [-0.8, 0.8]², labelled by the side of the wavy line "
                   "x2 = 0.5 x1 + 0.15 sin(3 x1) they fall on, with 5% of the labels flipped "
                   "(211 training and 200 test points, as in the course)",
                   X[:, :train], Y[None, :train], X[:, train:], Y[None, train:])
