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


def _regularization(key: str, title: str, uses: tuple[str, ...], lambd: float, keep_prob: float,
                    course: tuple[float, float]) -> Run:
    return Run(key, title, uses, {"layers": [2, 20, 3, 1], "learning_rate": 0.3, "iterations": 30000,
                                  "record_every": 200, "lambd": lambd, "keep_prob": keep_prob}, course)


def _optimization(key: str, title: str, optimizer: str, learning_rate: float, course: float | None,
                  decay: str | None = None) -> Run:
    uses = {"gd": ("update_parameters_with_gd",),
            "momentum": ("initialize_velocity", "update_parameters_with_momentum"),
            "adam": ("initialize_adam", "update_parameters_with_adam")}[optimizer]
    return Run(key, title, ("random_mini_batches", *uses, *((decay,) if decay else ())),
               {"layers": [2, 5, 2, 1], "optimizer": optimizer, "learning_rate": learning_rate,
                "mini_batch_size": 64, "epochs": 5000, "record_every": 50, "decay": decay},
               None if course is None else (course, None))


# The course's figures: the Initialization notebook's printed accuracies; the Regularization
# notebook's (on its own data); the Optimization notebook's tables (">71%", ">94%", ">94.6%"),
# which have no figure for update_lr.
FAMILIES = (
    Family("initialization", "Initialization", datasets.circles, "iterations", (
        _initialization("zeros", "Zeros initialization", (0.50, 0.50)),
        _initialization("random", "Large random initialization", (0.83, 0.86)),
        _initialization("he", "He initialization", (0.9933, 0.96)),
    )),
    Family("regularization", "Regularization", datasets.wavy, "iterations", (
        _regularization("none", "No regularization", (), 0.0, 1.0, (0.948, 0.915)),
        _regularization("l2", "L2 regularization (lambd = 0.7)",
                        ("compute_cost_with_regularization", "backward_propagation_with_regularization"), 0.7, 1.0,
                        (0.938, 0.93)),
        _regularization("dropout", "Dropout (keep_prob = 0.86)",
                        ("forward_propagation_with_dropout", "backward_propagation_with_dropout"), 0.0, 0.86,
                        (0.929, 0.95)),
    ), course_note="The course's figures are on its own data (football positions), which is not public: "
                   "compare the trade-off, not the numbers."),
    Family("optimization", "Optimization methods", datasets.moons, "epochs", (
        _optimization("gd", "Mini-batch gradient descent", "gd", 0.0007, 0.71),
        _optimization("momentum", "Momentum", "momentum", 0.0007, 0.71),
        _optimization("adam", "Adam", "adam", 0.0007, 0.94),
        _optimization("gd_update_lr", "Gradient descent + update_lr", "gd", 0.1, None, "update_lr"),
        _optimization("gd_schedule", "Gradient descent + schedule_lr_decay", "gd", 0.1, 0.946, "schedule_lr_decay"),
    )),
)

BY_NAME = {family.name: family for family in FAMILIES}


def using(names) -> tuple[Family, ...]:
    """The runs that use any of the graded functions `names`, with their family's baseline (a
    run that uses none, which is recorded and costs nothing); families with no such run left out."""
    chosen = []
    for family in FAMILIES:
        runs = tuple(run for run in family.runs if set(run.uses) & set(names))
        if runs:
            chosen.append(dataclasses.replace(family, runs=tuple(run for run in family.runs
                                                                   if run in runs or not run.uses)))
    return tuple(chosen)
