"""The course helpers bound into every submission module."""

import numpy as np
import pytest

from grader import course
from grader.course import (
    COURSE_SHAPES,
    bound,
    compute_cost,
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    network,
    shapes_of,
    vector_to_dictionary,
)


def random_parameters(shapes, seed):
    rng = np.random.default_rng(seed)
    return {name: rng.normal(size=shape) for name, shape in shapes.items()}


def assert_same_parameters(got, expected):
    assert list(got) == list(expected)
    for name in expected:
        np.testing.assert_array_equal(got[name], expected[name])


OTHER_SHAPES = {
    "W1": (2, 7), "b1": (2, 1),
    "W2": (6, 2), "b2": (6, 1),
    "W3": (1, 6), "b3": (1, 1),
}


def test_round_trip_with_the_course_shapes_by_default():
    parameters = random_parameters(COURSE_SHAPES, 0)
    theta, keys = dictionary_to_vector(parameters)
    assert theta.shape == (47, 1)
    assert keys[:20] == ["W1"] * 20 and keys[20:25] == ["b1"] * 5 and keys[-1] == "b3"
    assert_same_parameters(vector_to_dictionary(theta), parameters)


def test_round_trip_inside_a_declared_network_and_restored_after():
    parameters = random_parameters(OTHER_SHAPES, 1)
    with network(shapes_of(parameters)):
        theta, _ = dictionary_to_vector(parameters)
        assert_same_parameters(vector_to_dictionary(theta), parameters)
    course_theta, _ = dictionary_to_vector(random_parameters(COURSE_SHAPES, 2))
    assert {k: v.shape for k, v in vector_to_dictionary(course_theta).items()} == COURSE_SHAPES


def test_network_is_restored_after_an_exception():
    with pytest.raises(RuntimeError):
        with network(OTHER_SHAPES):
            raise RuntimeError("student code failed")
    theta = np.arange(47.0).reshape(47, 1)
    assert {k: v.shape for k, v in vector_to_dictionary(theta).items()} == COURSE_SHAPES


def test_networks_nest():
    inner = dict(OTHER_SHAPES, W1=(2, 3))
    with network(OTHER_SHAPES):
        with network(inner):
            assert vector_to_dictionary(np.zeros((100, 1)))["W1"].shape == (2, 3)
        assert vector_to_dictionary(np.zeros((100, 1)))["W1"].shape == (2, 7)


def test_gradients_to_vector_follows_the_parameter_order_and_ignores_other_keys():
    parameters = random_parameters(OTHER_SHAPES, 3)
    gradients = {"d" + name: value for name, value in parameters.items()}
    gradients.update(dZ1=np.ones((2, 5)), dA2=np.ones((6, 5)), dZ3=np.ones((1, 5)))
    theta, _ = dictionary_to_vector(parameters)
    np.testing.assert_array_equal(gradients_to_vector(gradients), theta)


@pytest.mark.parametrize("shapes, m", [(COURSE_SHAPES, 3), (OTHER_SHAPES, 8)])
def test_forward_propagation_n_cost_is_compute_cost_of_its_output(shapes, m):
    parameters = random_parameters(shapes, 4)
    rng = np.random.default_rng(5)
    X = rng.normal(size=(shapes["W1"][1], m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    cost, cache = forward_propagation_n(X, Y, parameters)
    assert len(cache) == 12
    A3 = cache[9]
    assert A3.shape == (1, m) and np.all((A3 > 0) & (A3 < 1))
    assert cost == pytest.approx(compute_cost(A3, Y), rel=1e-12)


def test_bound_binds_then_restores_and_removes():
    namespace = {"relu": "students own relu", "untouched": 1}
    with bound(namespace, {"relu": course.relu, "forward_propagation": course.FIXTURES["forward_propagation"]["correct"].function}):
        assert namespace["relu"] is course.relu
        assert namespace["forward_propagation"](3, 4) == 12
    assert namespace == {"relu": "students own relu", "untouched": 1}


def test_bound_restores_after_an_exception():
    namespace = {"x": 1}
    with pytest.raises(ValueError):
        with bound(namespace, {"x": 2, "y": 3}):
            raise ValueError
    assert namespace == {"x": 1}


def test_fixture_bindings_resolve_variants():
    bindings = course.fixture_bindings({"backward_propagation": "doubled", "forward_propagation": "correct"})
    assert bindings["backward_propagation"](3, 4) == 6
    assert bindings["forward_propagation"](3, 4) == 12


def test_helpers_are_the_course_functions():
    assert set(course.HELPERS) == {
        "np", "math", "relu", "sigmoid", "compute_cost", "dictionary_to_vector",
        "vector_to_dictionary", "gradients_to_vector", "forward_propagation_n",
    }
    np.testing.assert_array_equal(course.relu(np.array([-1.0, 0.0, 2.0])), [0.0, 0.0, 2.0])
    assert course.sigmoid(0.0) == 0.5


def test_round_trip_when_the_parameters_dict_lists_weights_first():
    shapes = {name: OTHER_SHAPES[name] for name in ("W1", "W2", "W3", "b1", "b2", "b3")}
    parameters = random_parameters(shapes, 6)
    with network(shapes_of(parameters)):
        theta, _ = dictionary_to_vector(parameters)
        restored = vector_to_dictionary(theta)
    for name in parameters:
        np.testing.assert_array_equal(restored[name], parameters[name])
