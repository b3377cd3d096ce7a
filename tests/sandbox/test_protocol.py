"""The wire protocol: round trips, and every malformed frame refused before it is loaded."""

import io
import json
import math
import struct

import numpy as np
import pytest

from grader.sandbox.protocol import (
    MAX_ARRAY_BYTES,
    MAX_DEPTH,
    MAX_JSON_BYTES,
    ChannelClosed,
    ProtocolError,
    encode_message,
    read_message,
    write_message,
)


def round_trip(obj):
    stream = io.BytesIO()
    write_message(stream, obj)
    stream.seek(0)
    return read_message(stream)


def assert_same(got, expected, path="value"):
    """Equal, of exactly the same container types, arrays equal in dtype, shape and values."""
    if isinstance(expected, np.ndarray):
        assert type(got) is np.ndarray, path
        assert got.dtype == expected.dtype and got.shape == expected.shape, path
        np.testing.assert_array_equal(got, expected, err_msg=path)
    elif isinstance(expected, float) and math.isnan(expected):
        assert type(got) is float and math.isnan(got), path
    elif isinstance(expected, (list, tuple)):
        assert type(got) is type(expected) and len(got) == len(expected), path
        for i, (a, b) in enumerate(zip(got, expected)):
            assert_same(a, b, f"{path}[{i}]")
    elif isinstance(expected, dict):
        assert type(got) is dict and list(got) == list(expected), path
        for key in expected:
            assert_same(got[key], expected[key], f"{path}[{key!r}]")
    else:
        assert type(got) is type(expected) and got == expected, path


def test_nested_containers_and_arrays_round_trip():
    message = {
        "scalars": [0, -7, 2**70, 1.5, float("nan"), float("inf"), -float("inf"), True, False, None, "é ü"],
        "arrays": (
            np.arange(12.0).reshape(3, 4),
            np.arange(5, dtype=np.int8),
            np.arange(6, dtype=np.uint16).reshape(2, 3),
            np.array([True, False, True]),
            np.array(3.25),
            np.zeros((0, 4)),
            np.zeros((2, 0, 3), dtype=np.float32),
            np.ones(3, dtype=np.float16),
            np.arange(8, dtype=np.int64).reshape(2, 2, 2),
        ),
        "nested": {"empty_list": [], "empty_tuple": (), "empty_dict": {}, "deep": [[({"x": [np.eye(2)]},)]]},
    }
    assert_same(round_trip(message), message)


def test_dicts_holding_the_tag_keys_are_escaped():
    message = {"__tuple__": [1, 2], "other": {"__array__": 0}, "__dict__": {"__dict__": (1,)}}
    assert_same(round_trip(message), message)


def test_non_contiguous_and_fortran_arrays_keep_their_values():
    base = np.arange(24.0).reshape(4, 6)
    for array in (base.T, base[::2, 1::3], np.asfortranarray(base), base[:, ::-1]):
        got = round_trip(array)
        assert type(got) is np.ndarray and got.shape == array.shape
        np.testing.assert_array_equal(got, array)


def test_decoded_arrays_are_fresh_and_writeable():
    original = np.arange(4.0)
    got = round_trip({"a": original})["a"]
    assert got.flags.writeable and got.flags.owndata
    got[0] = 99
    assert original[0] == 0


def test_numpy_scalars_travel_as_python_scalars():
    got = round_trip([np.float64(1.5), np.int32(3), np.bool_(True), np.float32(0.25)])
    assert_same(got, [1.5, 3, True, 0.25])


@pytest.mark.parametrize("value, fragment", [
    (np.array([object()]), "dtype object"),
    (np.array(["a"]), "dtype <U1"),
    (np.zeros(2, dtype=[("a", "f8")]), "only numeric and bool"),
    (np.array([1j]), "dtype complex128"),
    (np.arange(2.0).view(type("Sub", (np.ndarray,), {})), "Sub"),
    ({1: 2}, "key of type int"),
    ({1, 2}, "set"),
    (1j, "complex"),
    (np.zeros((1,) * 9), "9 dimensions"),
])
def test_encoding_refuses_what_is_not_plain_data(value, fragment):
    with pytest.raises(ProtocolError, match=fragment):
        encode_message({"x": [value]})


def test_encoding_names_where_the_bad_value_is():
    with pytest.raises(ProtocolError, match=r"value\['x'\]\[1\]"):
        encode_message({"x": [1, object()]})


# ---------------------------------------------------------------- hand-made frames

def frame(payload: bytes) -> bytes:
    return struct.pack("!I", len(payload)) + payload


def skeleton(value, arrays: int) -> bytes:
    return frame(json.dumps({"arrays": arrays, "value": value}).encode())


def npy_frame(descr, shape, data: bytes, fortran=False) -> bytes:
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": descr, "fortran_order": fortran, "shape": shape})
    return frame(header.getvalue() + data)


def one_array(descr, shape, data: bytes) -> io.BytesIO:
    return io.BytesIO(skeleton({"__array__": 0}, 1) + npy_frame(descr, shape, data))


def test_a_hand_made_frame_is_read():
    got = read_message(one_array("<f8", (2,), np.array([1.0, 2.0]).tobytes()))
    np.testing.assert_array_equal(got, [1.0, 2.0])


@pytest.mark.parametrize("descr, shape, data, fragment", [
    ("|O", (1,), b"\0" * 8, "dtype object"),
    ([("a", "<f8")], (1,), b"\0" * 8, "only numeric and bool"),
    ("<U2", (1,), b"\0" * 8, "dtype <U2"),
    ("<c16", (1,), b"\0" * 16, "dtype complex128"),
    ("<f8", (2, 3), b"\0" * 40, "holds 40 data bytes"),
    ("<f8", (2,), b"\0" * 24, "holds 24 data bytes"),
    ("<f8", (1,) * 9, b"\0" * 8, "9 dimensions"),
    ("<f8", (MAX_ARRAY_BYTES // 8 + 1,), b"\0" * 8, "over the cap"),
    ("<f8", (2**40, 2**40), b"", "invalid shape"),
    ("<f8", (0, 2**63 - 1), b"", "invalid shape"),  # empty, yet numpy could not even allocate it
    ("<f8", (-1,), b"", "invalid shape"),
])
def test_tampered_npy_headers_are_refused(descr, shape, data, fragment):
    with pytest.raises(ProtocolError, match=fragment):
        read_message(one_array(descr, shape, data))


def test_a_frame_without_the_npy_magic_is_refused():
    stream = io.BytesIO(skeleton({"__array__": 0}, 1) + frame(b"PICKLE" + b"\0" * 20))
    with pytest.raises(ProtocolError, match="magic"):
        read_message(stream)


def test_an_unparseable_npy_header_is_refused():
    header = b"\x93NUMPY\x01\x00" + struct.pack("<H", 12) + b"__import__()"
    stream = io.BytesIO(skeleton({"__array__": 0}, 1) + frame(header))
    with pytest.raises(ProtocolError, match="invalid .npy header"):
        read_message(stream)


def test_an_oversized_skeleton_is_refused_before_it_is_read():
    stream = io.BytesIO(struct.pack("!I", MAX_JSON_BYTES + 1))
    with pytest.raises(ProtocolError, match="over the cap"):
        read_message(stream)


def test_a_deeply_nested_skeleton_is_refused():
    deep = "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)
    stream = io.BytesIO(frame(f'{{"arrays": 0, "value": {deep}}}'.encode()))
    with pytest.raises(ProtocolError, match="nested"):
        read_message(stream)
    very_deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(ProtocolError, match="nested"):
        read_message(io.BytesIO(frame(f'{{"arrays": 0, "value": {very_deep}}}'.encode())))


def test_encoding_refuses_deep_nesting():
    value = []
    for _ in range(MAX_DEPTH + 1):
        value = [value]
    with pytest.raises(ProtocolError, match="nested"):
        encode_message(value)


@pytest.mark.parametrize("value, arrays, fragment", [
    ({"__array__": 1}, 1, "refers to array 1"),
    ([{"__array__": 0}, {"__array__": 0}], 1, "refers to array 0"),
    ([], 1, "never refers"),
    ({"__tuple__": 3}, 0, "malformed tuple"),
    ({"__tuple__": [], "x": 1}, 0, "mixing tag keys"),
])
def test_inconsistent_skeletons_are_refused(value, arrays, fragment):
    data = skeleton(value, arrays) + b"".join(npy_frame("<f8", (1,), b"\0" * 8) for _ in range(arrays))
    with pytest.raises(ProtocolError, match=fragment):
        read_message(io.BytesIO(data))


@pytest.mark.parametrize("head", [b"not json", b'{"value": 1}', b'[0, 1]', b'{"arrays": -1, "value": 1}'])
def test_malformed_skeletons_are_refused(head):
    with pytest.raises(ProtocolError):
        read_message(io.BytesIO(frame(head)))


def test_end_of_file_is_a_closed_channel():
    with pytest.raises(ChannelClosed, match="closed the channel$"):
        read_message(io.BytesIO(b""))
    whole = io.BytesIO()
    write_message(whole, {"a": np.arange(3.0)})
    for cut in (2, 10, len(whole.getvalue()) - 1):
        with pytest.raises(ChannelClosed, match="middle of a message"):
            read_message(io.BytesIO(whole.getvalue()[:cut]))
    assert issubclass(ChannelClosed, EOFError)


def test_messages_follow_each_other_on_one_stream():
    stream = io.BytesIO()
    write_message(stream, {"n": 1, "a": np.arange(2)})
    write_message(stream, (2, np.zeros(1)))
    stream.seek(0)
    first, second = read_message(stream), read_message(stream)
    assert first["n"] == 1 and second[0] == 2
    with pytest.raises(ChannelClosed):
        read_message(stream)


def test_lone_surrogates_arrive_as_text_that_utf8_can_carry():
    """JSON carries "\\ud800", UTF-8 cannot: a report holding it could not be written."""
    stream = io.BytesIO(b"".join(encode_message({"message \ud800": ["bad \udfff value", "caf\u00e9"]})))
    (key, value), = read_message(stream).items()
    assert key == "message ?" and value == ["bad ? value", "caf\u00e9"]
    assert (key + "".join(value)).encode("utf-8")


def test_a_forged_answer_is_held_to_the_workers_text_caps():
    from grader.sandbox.protocol import STDOUT_CAP, TRACEBACK_CAP, cap_texts
    huge = "x" * (10 * STDOUT_CAP)
    answer = cap_texts({"status": "exception", "stdout": huge, "error": {
        "type": "E", "message": huge, "traceback": huge, "file": "f.py", "line": 1}})
    assert len(answer["stdout"]) < STDOUT_CAP + 100 and answer["stdout"].endswith("[output truncated]")
    assert len(answer["error"]["traceback"]) < TRACEBACK_CAP + 100 and answer["error"]["file"] == "f.py"
