import numpy as np

from grader.rubrics.contracts import no_shared_arrays, rate_within, scale_within, structure

RNG = np.random.default_rng(0)


def test_scale_within_accepts_the_right_scale_and_rejects_sqrt_2_off():
    samples = RNG.standard_normal((30, 30)) * 0.5
    assert scale_within(samples, 0.5)[0]
    ok, ratio = scale_within(samples, 0.5 * np.sqrt(2))
    assert not ok and abs(ratio - 1 / np.sqrt(2)) < 0.05


def test_rate_within_a_binomial_margin():
    assert rate_within(80, 100, 0.8)
    assert not rate_within(20, 100, 0.8)
    assert rate_within(100, 100, 1.0) and not rate_within(99, 100, 1.0)


def test_structure_names_what_is_wrong():
    shapes = {"W1": (2, 3), "b1": (2, 1)}
    assert structure(shapes, {"W1": np.zeros((2, 3)), "b1": np.zeros((2, 1))}).passed
    assert "transposed" in structure(shapes, {"W1": np.zeros((3, 2)), "b1": np.zeros((2, 1))}).message
    assert "missing the key(s) 'b1'" in structure(shapes, {"W1": np.zeros((2, 3))}).message
    assert "got a tuple" in structure(shapes, {"W1": (2, 3), "b1": np.zeros((2, 1))}).message
    assert "Expected a dict" in structure(shapes, [np.zeros((2, 3))]).message


def test_shared_arrays_are_named_with_the_returned_names():
    assert no_shared_arrays([], names=("v", "s")).passed
    check = no_shared_arrays([("[0]['dW1']", "[1]['dW1']")], names=("v", "s"))
    assert not check.passed and "v['dW1'] and s['dW1']" in check.message
    assert "v['dW1'] and v['db1']" in no_shared_arrays([("['dW1']", "['db1']")], names=("v",)).message
