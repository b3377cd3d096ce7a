"""The wire protocol between the grader and the worker that runs student code.

A message is a tree of dict (str keys) / list / tuple / str / int / float / bool /
None / numpy.ndarray. It travels as length-prefixed frames: one JSON skeleton,
then one `.npy` frame per array, referenced from the skeleton by index. Nothing
is ever pickled, and every frame is checked before it is loaded: the JSON's size
and depth, each array's header (numeric or bool dtype, capped ndim and shape) and
its byte count. This module imports only the standard library and numpy.
"""

from __future__ import annotations

import enum
import functools
import io
import json
import math
import struct
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, TypedDict

import numpy as np

if TYPE_CHECKING:  # in typing from Python 3.11 on; the student kit runs on 3.10 too
    from typing import NotRequired

MAX_JSON_BYTES = 16 * 2**20
MAX_ARRAY_BYTES = 64 * 2**20
MAX_MESSAGE_BYTES = 256 * 2**20
MAX_ARRAYS = 65536
MAX_NDIM = 8
# Levels of dict/list/tuple nesting in a message, the top level counting as one.
MAX_DEPTH = 32
ARRAY_KINDS = "fiub"
# What the worker keeps of printed output and of an error's text; the grader holds a forged
# answer to the same caps (`cap_texts`).
STDOUT_CAP = 64 * 1024
TRACEBACK_CAP = 16 * 1024
TRUNCATED = "\n... [output truncated]"
# The worker's exit status when it cannot decode the grader's request.
EXIT_BAD_CHANNEL = 70

_LENGTH = struct.Struct("!I")
_NPY_MAGIC = b"\x93NUMPY"
_NPY_MAX_HEADER = 10_000
_TUPLE, _ARRAY, _DICT = "__tuple__", "__array__", "__dict__"
_TAGS = frozenset({_TUPLE, _ARRAY, _DICT})


class ProtocolError(Exception):
    """Raised when a message cannot be encoded or a received one is malformed or too large."""


class ChannelClosed(EOFError):
    """Raised when the other end closed its pipe, before or in the middle of a message."""


class Status(str, enum.Enum):
    OK = "ok"
    EXCEPTION = "exception"
    NOT_IMPLEMENTED = "not_implemented"
    NOT_FOUND = "not_found"
    LOAD_ERROR = "load_error"
    INVALID_RETURN = "invalid_return"
    # The grader sent a request the worker cannot act on: a grader bug, never the student's.
    BAD_REQUEST = "bad_request"
    # Synthesised by the parent, never sent by the worker.
    TIMEOUT = "timeout"
    CRASHED = "crashed"


class ErrorInfo(TypedDict):
    type: str
    message: str
    line: int | None
    file: str
    traceback: str


class InspectRequest(TypedDict):
    op: Literal["inspect"]
    file: str
    module: str
    names: list[str]


class CallRequest(TypedDict):
    op: Literal["call"]
    file: str
    module: str
    function: str
    args: list
    kwargs: dict
    bind: dict[str, str]
    network: dict[str, list[int]] | None


class TrainRequest(TypedDict):
    """Train one of the course's models (grader.experiments.training) in the worker."""

    op: Literal["train"]
    file: str
    module: str
    family: str
    settings: dict
    student: list[str]  # the graded functions taken from the submission
    substitutes: dict[str, str]  # the others: name -> the source of a stand-in
    X: Any
    Y: Any


class Ready(TypedDict):
    """The worker's first message, sent once its imports are done."""

    status: Literal["ready"]
    pid: int
    python: str


def check_response(response, op: str) -> None:
    """Raise ProtocolError unless `response` is a well-formed answer to an `op` request.

    The worker's pipes are within reach of the student's code, so an answer may be
    forged: only its form can be trusted, and a malformed one counts as a crash.
    """
    if type(response) is not dict or type(response.get("status")) is not str \
            or response["status"] not in _WORKER_STATUSES:
        raise ProtocolError("the response is not a record with a known status")
    _expect(response, "stdout", str)
    for field in ("message", "detail"):
        if field in response:
            _expect(response, field, str)
    if op in ("call", "train"):
        seconds = _expect(response, "seconds", (int, float))
        if not 0 <= seconds < 1e6:  # NaN fails too
            raise ProtocolError(f"the response's seconds ({seconds!r}) are not a duration")
    status = response["status"]
    if status in (Status.EXCEPTION, Status.NOT_IMPLEMENTED, Status.LOAD_ERROR) or "error" in response:
        error = _expect(response, "error", dict)
        for field in ("type", "message", "file", "traceback"):
            _expect(error, field, str)
        if error.get("line") is not None:
            _expect(error, "line", int)
    if status == Status.OK and op == "inspect":
        functions = _expect(response, "functions", dict)
        if not all(line is None or type(line) is int for line in functions.values()):
            raise ProtocolError("the response's functions are not lines or None")
    if op == "fork":
        if status != Status.OK:
            raise ProtocolError("the worker did not start an exercise process")
        _expect(response, "pid", int)
        _expect(response, "seccomp", bool)
        _expect(response, "capabilities", (int, type(None)))
        _expect(response, "landlock", int)
    if op == "train" and response.get("function") is not None:
        _expect(response, "function", str)
    if status == Status.OK and op in ("call", "train"):
        if "value" not in response:
            raise ProtocolError("the response has no value")
        aliases = _expect(response, "aliases", list)
        if not all(type(group) is list and all(type(path) is str for path in group) for group in aliases):
            raise ProtocolError("the response's aliases are not lists of paths")


def cap_texts(response: dict) -> dict:
    """The answer with its texts held to the worker's own caps (a forged one may carry more)."""
    def capped(text: str, cap: int) -> str:
        return text if len(text) <= cap + len(TRUNCATED) else text[:cap] + TRUNCATED
    response["stdout"] = capped(response["stdout"], STDOUT_CAP)
    for field in ("message", "detail"):
        if field in response:
            response[field] = capped(response[field], TRACEBACK_CAP)
    if "error" in response:
        for field in ("message", "traceback", "type", "file"):
            response["error"][field] = capped(response["error"][field], TRACEBACK_CAP)
    return response


_WORKER_STATUSES = frozenset(status.value for status in Status) - {Status.TIMEOUT.value, Status.CRASHED.value}


def _expect(record: dict, field: str, kind):
    value = record.get(field)
    if type(value) not in (kind if isinstance(kind, tuple) else (kind,)):
        raise ProtocolError(f"the response's {field!r} is {type(value).__name__}, not the expected type")
    return value


class InspectResponse(TypedDict):
    status: str
    stdout: str
    functions: NotRequired[dict[str, int | None]]
    error: NotRequired[ErrorInfo]
    message: NotRequired[str]
    detail: NotRequired[str]


class CallResponse(TypedDict):
    status: str
    stdout: str
    seconds: float
    value: NotRequired[Any]
    aliases: NotRequired[list[list[str]]]
    error: NotRequired[ErrorInfo]
    message: NotRequired[str]
    detail: NotRequired[str]


# ---------------------------------------------------------------- encoding

def encode_message(obj) -> list:
    """The frames of `obj` as bytes-like parts, ready to be written in order."""
    arrays: list[np.ndarray] = []
    body = _skeleton(obj, arrays, "", 1)
    text = json.dumps({"arrays": len(arrays), "value": body}, separators=(",", ":"))
    skeleton = text.encode("ascii")
    if len(skeleton) > MAX_JSON_BYTES:
        raise ProtocolError(f"message skeleton is {len(skeleton)} bytes, over the cap of {MAX_JSON_BYTES}")
    parts: list = [_LENGTH.pack(len(skeleton)), skeleton]
    total = len(skeleton)
    for array in arrays:
        header, data = _npy_parts(array)
        total += len(header) + data.nbytes
        if total > MAX_MESSAGE_BYTES:
            raise ProtocolError(f"message is over the cap of {MAX_MESSAGE_BYTES} bytes")
        parts += [_LENGTH.pack(len(header) + data.nbytes), header, data]
    return parts


def write_message(stream: BinaryIO, obj) -> None:
    """Encode `obj` and write it to a binary stream, then flush."""
    for part in encode_message(obj):
        stream.write(part)
    stream.flush()


def _skeleton(obj, arrays: list, path: str, depth: int):
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, np.generic) and obj.dtype.kind in ARRAY_KINDS:
        return obj.item() if obj.dtype.kind != "f" else float(obj)
    if type(obj) is np.ndarray:
        _check_array(obj.dtype, obj.shape, f"value{path}")
        if len(arrays) == MAX_ARRAYS:
            raise ProtocolError(f"message holds more than {MAX_ARRAYS} arrays")
        arrays.append(obj)
        return {_ARRAY: len(arrays) - 1}
    if depth > MAX_DEPTH:
        raise ProtocolError(f"value{path} is nested more than {MAX_DEPTH} levels deep")
    if type(obj) is list:
        return [_skeleton(item, arrays, f"{path}[{i}]", depth + 1) for i, item in enumerate(obj)]
    if type(obj) is tuple:
        return {_TUPLE: [_skeleton(item, arrays, f"{path}[{i}]", depth + 1) for i, item in enumerate(obj)]}
    if type(obj) is dict:
        out = {}
        for key, value in obj.items():
            if not isinstance(key, str):
                raise ProtocolError(f"value{path} has a key of type {type(key).__name__}; keys must be str")
            out[key] = _skeleton(value, arrays, f"{path}[{key!r}]", depth + 1)
        return {_DICT: out} if _TAGS.intersection(out) else out
    raise ProtocolError(f"value{path} is a {type(obj).__name__}, which the protocol cannot carry")


def _npy_parts(array: np.ndarray):
    """The .npy header and the raw data (a view where the layout allows) of one array."""
    fortran = array.flags.f_contiguous and not array.flags.c_contiguous
    if fortran:
        data = array.T.reshape(-1).view(np.uint8)
    else:
        data = np.ascontiguousarray(array).reshape(-1).view(np.uint8)
    return _npy_header(np.lib.format.dtype_to_descr(array.dtype), fortran, array.shape), data


@functools.lru_cache(maxsize=1024)
def _npy_header(descr: str, fortran: bool, shape: tuple) -> bytes:
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": descr, "fortran_order": fortran, "shape": shape})
    return header.getvalue()


def _check_array(dtype: np.dtype, shape: tuple, what: str) -> int:
    """Raise unless an array of this dtype and shape may travel; return its byte count."""
    if dtype.kind not in ARRAY_KINDS or dtype.fields is not None or dtype.hasobject:
        raise ProtocolError(f"{what} has dtype {dtype}; only numeric and bool arrays may travel")
    if len(shape) > MAX_NDIM:
        raise ProtocolError(f"{what} has {len(shape)} dimensions; at most {MAX_NDIM} may travel")
    if any(type(n) is not int or not 0 <= n <= MAX_ARRAY_BYTES for n in shape):  # an empty array can claim any
        raise ProtocolError(f"{what} has an invalid shape {shape!r}")
    nbytes = math.prod(shape) * dtype.itemsize
    if nbytes > MAX_ARRAY_BYTES:
        raise ProtocolError(f"{what} holds {nbytes} bytes, over the cap of {MAX_ARRAY_BYTES} per array")
    return nbytes


# ---------------------------------------------------------------- decoding

def read_message(stream: BinaryIO):
    """Read one message from a binary stream (anything with `readinto`), checking it as it comes."""
    length = _read_length(stream, at_start=True)
    if length > MAX_JSON_BYTES:
        raise ProtocolError(f"message skeleton of {length} bytes is over the cap of {MAX_JSON_BYTES}")
    try:
        head = json.loads(_read_exact(stream, length))
    except RecursionError:
        raise ProtocolError("message skeleton is nested too deeply") from None
    except ValueError as exc:
        raise ProtocolError(f"message skeleton is not valid JSON: {exc}") from None
    if type(head) is not dict or set(head) != {"arrays", "value"} or type(head["arrays"]) is not int:
        raise ProtocolError("message skeleton does not have the form {'arrays': n, 'value': ...}")
    count = head["arrays"]
    if not 0 <= count <= MAX_ARRAYS:
        raise ProtocolError(f"message announces {count} arrays; at most {MAX_ARRAYS} may travel")
    total = length
    arrays = []
    for _ in range(count):
        array, size = _read_array(stream)
        total += size
        if total > MAX_MESSAGE_BYTES:
            raise ProtocolError(f"message is over the cap of {MAX_MESSAGE_BYTES} bytes")
        arrays.append(array)
    used = [False] * count
    value = _rebuild(head["value"], arrays, used, 1)
    if not all(used):
        raise ProtocolError("message carries arrays that its skeleton never refers to")
    return value


def _text(text: str) -> str:
    """The text, with lone surrogates (which JSON can carry and UTF-8 cannot) replaced."""
    return text if text.isascii() else text.encode("utf-8", "replace").decode("utf-8")


def _rebuild(node, arrays: list, used: list, depth: int):
    if isinstance(node, str):
        return _text(node)
    if node is None or isinstance(node, (bool, int, float)):
        return node
    if depth > MAX_DEPTH:
        raise ProtocolError(f"message is nested more than {MAX_DEPTH} levels deep")
    if type(node) is list:
        return [_rebuild(item, arrays, used, depth + 1) for item in node]
    if len(node) == 1:
        (tag, inner), = node.items()
        if tag == _ARRAY:
            if type(inner) is not int or not 0 <= inner < len(arrays) or used[inner]:
                raise ProtocolError(f"message refers to array {inner!r}, which it does not carry once")
            used[inner] = True
            return arrays[inner]
        if tag == _TUPLE:
            if type(inner) is not list:
                raise ProtocolError("message has a malformed tuple")
            return tuple(_rebuild(item, arrays, used, depth + 1) for item in inner)
        if tag == _DICT:
            if type(inner) is not dict:
                raise ProtocolError("message has a malformed escaped dict")
            return {_text(key): _rebuild(value, arrays, used, depth + 1) for key, value in inner.items()}
    if _TAGS.intersection(node):
        raise ProtocolError("message has a dict mixing tag keys with other keys")
    return {_text(key): _rebuild(value, arrays, used, depth + 1) for key, value in node.items()}


# Parsed .npy headers by their bytes: parsing one costs tens of microseconds and
# the same few shapes recur on every call.
_header_cache: dict[bytes, tuple[tuple, bool, np.dtype]] = {}


def _read_array(stream) -> tuple[np.ndarray, int]:
    """Read one .npy frame, validating its header before allocating or reading the data."""
    length = _read_length(stream)
    if length < 10:
        raise ProtocolError(f"array frame of {length} bytes is too short for a .npy header")
    preamble = _read_exact(stream, 10)
    if preamble[:6] != _NPY_MAGIC:
        raise ProtocolError("array frame does not start with the .npy magic string")
    if preamble[6:8] == b"\x01\x00":
        header_len = int.from_bytes(preamble[8:10], "little")
        prefix_len = 10
    elif preamble[6:8] == b"\x02\x00":
        preamble += _read_exact(stream, 2)
        header_len = int.from_bytes(preamble[8:12], "little")
        prefix_len = 12
    else:
        raise ProtocolError(f"array frame has unsupported .npy version {tuple(preamble[6:8])}")
    if header_len > _NPY_MAX_HEADER or prefix_len + header_len > length:
        raise ProtocolError(f"array frame has a .npy header of {header_len} bytes in a frame of {length}")
    header = preamble + _read_exact(stream, header_len)
    shape, fortran, dtype = _parse_header(header)
    nbytes = _check_array(dtype, shape, "array frame")
    if prefix_len + header_len + nbytes != length:
        raise ProtocolError(
            f"array frame holds {length - prefix_len - header_len} data bytes but its header "
            f"(shape {shape}, dtype {dtype}) needs {nbytes}")
    # Read straight into a fresh array; Fortran data is C data of the reversed shape.
    try:
        array = np.empty(shape[::-1] if fortran else shape, dtype=dtype)
    except (ValueError, MemoryError) as exc:
        raise ProtocolError(f"array frame of shape {shape} cannot be allocated: {exc}") from None
    if nbytes:
        _read_into(stream, memoryview(array.reshape(-1).view(np.uint8)))
    return (array.T if fortran else array), length


def _parse_header(header: bytes) -> tuple[tuple, bool, np.dtype]:
    parsed = _header_cache.get(header)
    if parsed is None:
        stream = io.BytesIO(header)
        try:
            version = np.lib.format.read_magic(stream)
            if version == (1, 0):
                parsed = np.lib.format.read_array_header_1_0(stream, max_header_size=_NPY_MAX_HEADER)
            else:
                parsed = np.lib.format.read_array_header_2_0(stream, max_header_size=_NPY_MAX_HEADER)
        except Exception as exc:  # numpy raises several types for a malformed header
            raise ProtocolError(f"array frame has an invalid .npy header: {exc}") from None
        if len(_header_cache) < 1024:
            _header_cache[header] = parsed
    return parsed


def _read_length(stream, at_start: bool = False) -> int:
    return _LENGTH.unpack(_read_exact(stream, _LENGTH.size, at_start))[0]


def _read_exact(stream, n: int, at_start: bool = False) -> bytes:
    buffer = bytearray(n)
    _read_into(stream, memoryview(buffer), at_start)
    return bytes(buffer)


def _read_into(stream, view: memoryview, at_start: bool = False) -> None:
    filled = 0
    while filled < len(view):
        got = stream.readinto(view[filled:])
        if not got:
            if at_start and filled == 0:
                raise ChannelClosed("the other end closed the channel")
            raise ChannelClosed("the other end closed the channel in the middle of a message")
        filled += got
