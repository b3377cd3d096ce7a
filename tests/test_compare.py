import numpy as np
import pytest

from grader.compare import Tolerance, array_diff, compare, diagnose

TOL = Tolerance(rtol=1e-7, atol=1e-12)


def test_equal_trees_compare_ok():
    value = {"W1": np.ones((2, 3)), "pair": (1.5, [np.zeros(2)])}
    assert compare(value, {"W1": np.ones((2, 3)), "pair": (1.5, [np.zeros(2)])}, TOL).ok


def test_rounding_differences_are_accepted():
    want = np.array([[0.1, 0.2], [0.3, 1e3]])
    assert compare(want, want * (1 + 1e-12), TOL).ok


@pytest.mark.parametrize("got, fragment", [
    ({"W1": np.ones((3, 2))}, "has shape (3, 2), expected (2, 3) (transposed?)"),
    ({}, "missing the key(s) 'W1'"),
    ({"W1": np.ones((2, 3)), "W0": np.ones(1)}, "unexpected key(s) 'W0'"),
    ({"W1": [[1, 1, 1], [1, 1, 1]]}, "should be an array of shape (2, 3), got a list"),
    ([np.ones((2, 3))], "should be a dict"),
])
def test_structural_problems_are_named(got, fragment):
    comparison = compare({"W1": np.ones((2, 3))}, got, TOL)
    assert not comparison.ok
    assert fragment in comparison.summary()


def test_tuple_arity_is_checked():
    assert "should have 3 items, got 2" in compare((1.0, 2.0, 3.0), (1.0, 2.0), TOL).summary()


def test_scalar_accepts_size_one_arrays_but_not_strings():
    assert compare(0.5, np.array([[0.5]]), TOL).ok
    assert "should be a number" in compare(0.5, "0.5", TOL).summary()


def test_array_diff_counts_and_samples_the_worst_entries():
    want = np.arange(6.0).reshape(2, 3)
    got = want.copy()
    got[1, 2] += 4
    got[0, 1] += 1
    diff = array_diff(want, got, TOL, "dW1")
    assert (diff.n_differ, diff.n_total) == (2, 6)
    assert diff.max_abs_error == 4
    assert diff.samples[0] == ("[1, 2]", 5.0, 9.0)


def test_nan_in_the_answer_is_a_difference():
    diff = array_diff(np.ones(3), np.array([1.0, np.nan, 1.0]), TOL)
    assert diff.n_differ == 1 and diff.max_abs_error == np.inf


@pytest.mark.parametrize("make, hint", [
    (lambda a: 2 * a, "off by a factor 2"),
    (lambda a: -a, "wrong sign"),
    (lambda a: a.T, "transpose"),
])
def test_diagnose_names_common_slips(make, hint):
    want = np.array([[1.0, 2.0], [3.0, 5.0]])
    assert hint in diagnose(want, make(want), TOL)


def test_diagnose_is_silent_for_unstructured_errors():
    assert diagnose(np.array([1.0, 2.0, 3.0]), np.array([1.0, 7.0, -2.0]), TOL) is None
