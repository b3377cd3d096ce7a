"""How a student's run is said to differ from the reference's."""

from __future__ import annotations

import math

import pytest

from grader.experiments import recorded
from grader.report import experiments
from grader.results import ExperimentRun, Trained

RANDOM = recorded.read()["initialization", "random"]["costs"]


def run(costs, train=0.83, test=0.86) -> ExperimentRun:
    def trained(values, train_accuracy, test_accuracy):
        return Trained(list(values), 100, train_accuracy, test_accuracy, {})
    return ExperimentRun("random", "Large random initialization", ["initialize_parameters_random"],
                         reference=trained(RANDOM, 0.83, 0.86), student=trained(costs, train, test))


def verdict(student: ExperimentRun) -> tuple[str, bool]:
    (row,) = experiments.rows(experiments.ExperimentFamily("initialization", "Initialization", "", "iterations",
                                                           [student]))
    return row.verdict, row.worse


def test_the_same_run_is_not_remarked_on():
    assert verdict(run(RANDOM)) == ("", False)


def test_rounding_that_moves_a_chaotic_runs_early_spikes_is_not_another_curve():
    """A correct solution that rounds otherwise: the large random initialization's first spikes land elsewhere."""
    moved = list(RANDOM)
    moved[1:6] = [value * 3 for value in moved[1:6]]
    assert verdict(run(moved)) == ("", False)


def test_a_curve_higher_all_along_is_another_curve():
    higher = [value * 1.05 for value in RANDOM]  # the L2 term counted twice, say
    assert verdict(run(higher)) == ("the same accuracy, but another cost curve", False)


@pytest.mark.parametrize("train, test, said", [
    (0.55, 0.80, "training accuracy 28.0 points below the reference's"),
    (0.83, 0.80, "test accuracy 6.0 points below the reference's"),
])
def test_an_accuracy_gap_of_two_points_or_more_is_said_with_its_size(train, test, said):
    assert verdict(run(RANDOM, train, test)) == (said, True)


def test_an_accuracy_above_the_references_is_said_but_not_as_worse():
    assert verdict(run(RANDOM, 0.86, 0.86)) == ("training accuracy 3.0 points above the reference's", False)


def test_curve_distance_counts_only_one_side_being_infinite_as_far():
    assert experiments.curve_distance([math.inf, 1.0, 2.0], [math.inf, 1.0, 2.0]) == 0.0
    assert experiments.curve_distance([math.inf, math.inf, 2.0], [1.0, 1.0, 2.0]) == math.inf
    assert experiments.curve_distance([0.0, 0.0, 0.0], [0.0, 0.0, 0.0]) == 0.0
