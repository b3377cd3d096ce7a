"""The course: its assignments (one notebook each), their exercises in course order with
their points, and the versions of the course each exercise exists in.

Everything that names an assignment or an exercise reads it here: the CLI, grading, the
notebook extractor, the kit, the reports and the batch gradebook.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import importlib.resources

# The course's two versions: the 2017-2020 notebooks and those since 2021 (grader.course_versions).
OLDER, NEWER = "2017-2020", "2021"


@dataclasses.dataclass(frozen=True)
class Exercise:
    name: str
    module: str  # the assignment it belongs to
    points: int
    versions: tuple[str, ...] = (OLDER, NEWER)  # the versions of the course that have it


@dataclasses.dataclass(frozen=True)
class Assignment:
    name: str  # also the name of its module: regularization.py
    title: str  # as the course names it
    # The course's helpers its notebook defines or imports (from reg_utils, ...): a notebook of this
    # assignment that pastes one is not graded for the exercise of another assignment that shares its name.
    helpers: tuple[str, ...] = ()

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        return tuple(exercise for exercise in EXERCISES if exercise.module == self.name)

    @property
    def points(self) -> int:
        return sum(exercise.points for exercise in self.exercises)


ASSIGNMENTS = (
    Assignment("initialization", "Initialization", helpers=("forward_propagation", "backward_propagation")),
    Assignment("regularization", "Regularization", helpers=("forward_propagation", "backward_propagation")),
    Assignment("gradient_checking", "Gradient Checking"),
    Assignment("optimization", "Optimization Methods", helpers=("forward_propagation", "backward_propagation")),
)
ASSIGNMENT = {assignment.name: assignment for assignment in ASSIGNMENTS}
MODULES = tuple(assignment.name for assignment in ASSIGNMENTS)
MODULE_TITLES = {assignment.name: assignment.title for assignment in ASSIGNMENTS}

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
    Exercise("update_lr", "optimization", 1, versions=(NEWER,)),
    Exercise("schedule_lr_decay", "optimization", 1, versions=(NEWER,)),
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
