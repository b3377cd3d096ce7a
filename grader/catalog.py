"""The 19 graded exercises of the course, in course order, with their points."""

from __future__ import annotations

import ast
import dataclasses
import functools
import importlib.resources

MODULES = ("initialization", "regularization", "gradient_checking", "optimization")

MODULE_TITLES = {
    "initialization": "Initialization",
    "regularization": "Regularization",
    "gradient_checking": "Gradient Checking",
    "optimization": "Optimization Methods",
}


@dataclasses.dataclass(frozen=True)
class Exercise:
    name: str
    module: str
    points: int


EXERCISES = (
    Exercise("initialize_parameters_zeros", "initialization", 1),
    Exercise("initialize_parameters_random", "initialization", 1),
    Exercise("initialize_parameters_he", "initialization", 2),
    Exercise("compute_cost_with_regularization", "regularization", 2),
    Exercise("backward_propagation_with_regularization", "regularization", 2),
    Exercise("forward_propagation_with_dropout", "regularization", 3),
    Exercise("backward_propagation_with_dropout", "regularization", 2),
    Exercise("forward_propagation", "gradient_checking", 1),
    Exercise("backward_propagation", "gradient_checking", 1),
    Exercise("gradient_check", "gradient_checking", 2),
    Exercise("gradient_check_n", "gradient_checking", 3),
    Exercise("update_parameters_with_gd", "optimization", 1),
    Exercise("random_mini_batches", "optimization", 2),
    Exercise("initialize_velocity", "optimization", 1),
    Exercise("update_parameters_with_momentum", "optimization", 2),
    Exercise("initialize_adam", "optimization", 1),
    Exercise("update_parameters_with_adam", "optimization", 3),
    Exercise("update_lr", "optimization", 1),
    Exercise("schedule_lr_decay", "optimization", 1),
)

BY_NAME = {exercise.name: exercise for exercise in EXERCISES}


@functools.cache
def course_arguments(name: str) -> tuple[str, ...]:
    """The arguments every call of the exercise `name` passes: its stub's in `exercises/`
    without a default (`gradient_check`'s print_msg, which 2017-2020 did not have, is not one)."""
    module = BY_NAME[name].module
    tree = ast.parse(importlib.resources.files("exercises").joinpath(f"{module}.py").read_text("utf-8"))
    function = next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == name)
    positional = [argument.arg for argument in function.args.args]
    return tuple(positional[:len(positional) - len(function.args.defaults)])
