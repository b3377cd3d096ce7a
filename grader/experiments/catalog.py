"""The course's experiments: three families of runs, each with the course's settings and figures."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from grader.experiments import datasets
from grader.experiments.datasets import Dataset


@dataclasses.dataclass(frozen=True)
class Run:
    key: str
    title: str
    uses: tuple[str, ...]  # the graded functions the run calls
    settings: dict  # the trainer's keyword arguments (grader.experiments.training)
    course: tuple[float, float | None] | None = None  # the notebook's published train (and test) accuracy


@dataclasses.dataclass(frozen=True)
class Family:
    name: str  # a module of the course, and its trainer in grader.experiments.training
    title: str
    dataset: Callable[[], Dataset]
    x_label: str  # what the cost curve's x axis counts
    runs: tuple[Run, ...]
    course_note: str = ""  # how the course's figures relate to ours


def _initialization(key: str, title: str, course: tuple[float, float]) -> Run:
    name = f"initialize_parameters_{key}"
    return Run(key, title, (name,), {"initializer": name, "layers": [2, 10, 5, 1], "learning_rate": 0.01,
                                     "iterations": 15000, "record_every": 100}, course)


def _regularization(key: str, title: str, uses: tuple[str, ...], lambd: float, keep_prob: float) -> Run:
    return Run(key, title, uses, {"layers": [2, 20, 3, 1], "learning_rate": 0.3, "iterations": 30000,
                                  "record_every": 200, "lambd": lambd, "keep_prob": keep_prob})


def _optimization(key: str, title: str, optimizer: str, learning_rate: float, course: float,
                  decay: str | None = None) -> Run:
    uses = {"gd": ("update_parameters_with_gd",),
            "momentum": ("initialize_velocity", "update_parameters_with_momentum"),
            "adam": ("initialize_adam", "update_parameters_with_adam")}[optimizer]
    return Run(key, title, ("random_mini_batches", *uses, *((decay,) if decay else ())),
               {"layers": [2, 5, 2, 1], "optimizer": optimizer, "learning_rate": learning_rate,
                "mini_batch_size": 64, "epochs": 5000, "record_every": 50, "decay": decay}, (course, None))


FAMILIES = (
    Family("initialization", "Initialization", datasets.circles, "iterations", (
        _initialization("zeros", "Zeros initialization", (0.50, 0.50)),
        _initialization("random", "Large random initialization", (0.83, 0.86)),
        _initialization("he", "He initialization", (0.9933, 0.96)),
    )),
    Family("regularization", "Regularization", datasets.football, "iterations", (
        _regularization("none", "No regularization", (), 0.0, 1.0),
        _regularization("l2", "L2 regularization (lambd = 0.7)",
                        ("compute_cost_with_regularization", "backward_propagation_with_regularization"), 0.7, 1.0),
        _regularization("dropout", "Dropout (keep_prob = 0.86)",
                        ("forward_propagation_with_dropout", "backward_propagation_with_dropout"), 0.0, 0.86),
    ), course_note="The course trains on its own dataset of football positions, which is not public; "
                   "this one is made to resemble it, so its figures are not the course's."),
    Family("optimization", "Optimization methods", datasets.moons, "epochs", (
        _optimization("gd", "Mini-batch gradient descent", "gd", 0.0007, 0.7167),
        _optimization("momentum", "Momentum", "momentum", 0.0007, 0.7167),
        _optimization("adam", "Adam", "adam", 0.0007, 0.9433),
        _optimization("gd_update_lr", "Gradient descent + update_lr", "gd", 0.1, 0.6533,
                      "update_lr"),
        _optimization("gd_schedule", "Gradient descent + schedule_lr_decay", "gd", 0.1,
                      0.9433, "schedule_lr_decay"),
    )),
)

BY_NAME = {family.name: family for family in FAMILIES}
