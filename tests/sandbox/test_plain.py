"""Returned values to plain data, in process: copies, refusals and aliases."""

import numpy as np
import pytest

from grader.sandbox.plain import MAX_VALUE_DEPTH, InvalidReturn, describe, to_plain
from grader.sandbox.protocol import encode_message


def test_arrays_become_fresh_native_c_contiguous_base_class_copies():
    original = np.arange(6.0).reshape(2, 3)
    for array in (original, original.T, original.astype(">f8"), original[:, ::2]):
        (copy,), aliases = to_plain([array])
        assert type(copy) is np.ndarray and copy.flags.c_contiguous and copy.dtype.isnative
        assert not np.shares_memory(copy, original)
        np.testing.assert_array_equal(copy, array)


def test_plain_scalars_and_numpy_scalars():
    value, _ = to_plain((1, 2.5, True, None, "s", np.float32(0.5), np.int8(-3), np.bool_(False), np.str_("k")))
    assert value == (1, 2.5, True, None, "s", 0.5, -3, False, "k")
    assert [type(item) for item in value[5:]] == [float, int, bool, str]


def test_the_same_array_twice_is_one_alias_and_not_two_copies():
    array = np.zeros(3)
    (first, second), aliases = to_plain((array, array))
    assert aliases == [["[0]", "[1]"]]
    assert first is second  # one copy, sent twice


def test_overlapping_views_are_aliases_and_disjoint_ones_are_not():
    base = np.arange(10.0)
    _, aliases = to_plain({"a": base[:5], "b": base[5:], "c": base[4:6]})
    assert aliases == [["['a']", "['c']"], ["['b']", "['c']"]]


def test_a_nested_alias_names_both_paths():
    grads = {"dW1": np.ones(2)}
    _, aliases = to_plain({"v": [grads], "s": [grads]})
    assert aliases == [["['v'][0]", "['s'][0]"]]


@pytest.mark.parametrize("value, message", [
    ([[1j]], "value[0][0] is a complex number"),
    ({"k": np.datetime64("2020-01-01")}, "value['k'] is a numpy datetime64 scalar"),
    ({"k": np.zeros((1,) * 9)}, "value['k'] has 9 dimensions; at most 8 can be returned"),
])
def test_refusals_say_where_and_what(value, message):
    with pytest.raises(InvalidReturn) as raised:
        to_plain(value)
    assert str(raised.value) == message


def test_a_huge_int_is_refused():
    with pytest.raises(InvalidReturn, match=r"value\[0\] is an int too large to send \(20001 bits\)"):
        to_plain([2 ** 20_000])


def test_deep_nesting_is_refused_and_the_deepest_allowed_value_can_be_sent():
    value = 0
    for _ in range(MAX_VALUE_DEPTH):
        value = [value]
    plain, _ = to_plain(value)
    encode_message({"status": "ok", "value": plain})
    with pytest.raises(InvalidReturn, match="nested more than"):
        to_plain([value])


def test_describe_uses_the_right_article():
    assert describe(3) == "an int object"
    assert describe(object()) == "an object object"
    assert describe(set()) == "a set object"
