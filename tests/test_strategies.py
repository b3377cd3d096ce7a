import numpy as np
import pytest
from hypothesis import given, settings

from grader import inputs, strategies


@pytest.mark.parametrize("make, fragment", [
    (lambda: strategies.layer_dims(min_layers=1), "min_layers=1 must be at least 2"),
    (lambda: strategies.layer_dims(min_units=5, max_units=2), "min_units=5 must not exceed max_units=2"),
    (lambda: strategies.keep_probs(min_distance=0.6), "min_distance=0.6 must not exceed 0.45"),
    (lambda: strategies.positive_floats(low=0.0, high=1.0), "low=0.0 must be at least"),
])
def test_bounds_are_validated_with_the_parameter_named(make, fragment):
    with pytest.raises(ValueError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        make()


@settings(max_examples=50, database=None)
@given(strategies.keep_probs())
def test_keep_probs_stay_away_from_one_half(keep_prob):
    assert 0.05 <= keep_prob <= 0.95 and abs(keep_prob - 0.5) >= 0.15


@settings(max_examples=50, database=None)
@given(strategies.positive_floats(low=1e-8, high=1.0))
def test_positive_floats_respect_bounds(value):
    assert 1e-8 * (1 - 1e-12) <= value <= 1.0 * (1 + 1e-12)


def test_parameters_have_course_shapes_and_nonzero_biases():
    params = inputs.parameters([4, 3, 1], np.random.default_rng(0))
    assert params["W1"].shape == (3, 4) and params["b1"].shape == (3, 1) and params["W2"].shape == (1, 3)
    assert np.all(params["b1"] != 0)


def test_labels_hold_both_classes():
    Y = inputs.labels(5, np.random.default_rng(0))
    assert Y.shape == (1, 5) and set(np.unique(Y)) == {0.0, 1.0}
