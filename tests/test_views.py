import numpy as np

from grader.views import input_views, render_value, summary


def test_small_arrays_in_full_large_ones_by_shape():
    assert render_value(np.array([[1.0, 2.0]])) == "[[1. 2.]]"
    assert render_value(np.zeros((40, 40))).startswith("<array (40, 40) float64")


def test_arrays_inside_containers_are_shown_in_full_only_when_tiny():
    text = render_value({"W1": np.ones((5, 5)), "b1": np.zeros((2, 1))})
    assert "'W1': <array (5, 5)" in text and "'b1': [[0.]" in text


def test_lists_of_numbers_stay_on_one_line():
    assert render_value([40, 20, 1]) == "[40, 20, 1]"
    assert summary([40, 20, 1]) == "list of 3: 40, 20, 1"


def test_input_views_give_values_for_small_arrays_only():
    views = input_views([("x", 2.0), ("A", np.ones((2, 2))), ("X", np.ones((50, 50)))])
    assert [view.values is not None for view in views] == [False, True, False]
    assert views[2].summary == "array (50, 50) float64"
