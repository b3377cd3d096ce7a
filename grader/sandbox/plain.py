"""Returned values turned into plain data, in the worker, before they cross the wire.

Arrays (subclasses included) become fresh C-contiguous base-class copies of a
numeric or bool dtype; numpy scalars become Python scalars; lists, tuples and
str-keyed dicts are rebuilt with their base classes' own methods. Anything else
is refused with a message that says where it is and what it is. Along the way
the places that are the same list, dict or array, or arrays that overlap in
memory, are noted as aliases, e.g. ['[0]', '[1]'] when `s = v` is returned as (v, s).
"""

from __future__ import annotations

import sys
import types

import numpy as np

from grader.sandbox.protocol import (
    ARRAY_KINDS,
    MAX_ARRAY_BYTES,
    MAX_DEPTH,
    MAX_JSON_BYTES,
    MAX_MESSAGE_BYTES,
    MAX_NDIM,
)

try:
    from numpy.lib.array_utils import byte_bounds
except ImportError:  # numpy < 2
    from numpy import byte_bounds

# Items (containers, scalars, arrays) in one returned value.
MAX_ITEMS = 1_000_000
# One level of the protocol's nesting is the response record around the value.
MAX_VALUE_DEPTH = MAX_DEPTH - 1
MAX_ALIASES = 1000


class InvalidReturn(Exception):
    """Raised when a returned value cannot be sent as plain data; the message names where."""


def describe(obj) -> str:
    """What `obj` is, for a message: "a generator", "a numpy.matrix object"."""
    kind = type(obj)
    if isinstance(obj, (types.GeneratorType, types.AsyncGeneratorType)):
        return "a generator"
    if issubclass(kind, (complex, np.complexfloating)):
        return "a complex number"
    name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
    article = "an" if name[0] in "aeiouAEIOU" else "a"
    if hasattr(kind, "__array__"):
        return f"{article} {name} object, which defines __array__ but is not an ndarray"
    return f"{article} {name} object"


class _Converter:
    """Turns a returned value into plain data, noting which places in it are the same object."""

    def __init__(self):
        self.items = 0
        self.nbytes = 0
        self.first_path: dict[int, str] = {}   # id of a list, dict or array -> where first seen
        self.converted: dict[int, object] = {}
        self.open: set[int] = set()            # containers on the current path, to catch cycles
        self.arrays: list[tuple[str, np.ndarray]] = []
        self.aliases: list[list[str]] = []

    def convert(self, obj, path: str = "", depth: int = 1):
        self.items += 1
        if self.items > MAX_ITEMS:
            raise InvalidReturn(f"value holds more than {MAX_ITEMS} items")
        kind = type(obj)
        if obj is None or kind in (bool, float, str):
            return obj
        if kind is int:
            if obj.bit_length() > 10_000:
                raise InvalidReturn(f"value{path} is an int too large to send ({obj.bit_length()} bits)")
            return obj
        if issubclass(kind, np.generic):
            return self._scalar(obj, path)
        if issubclass(kind, np.ndarray):
            return self._array(obj, path)
        if issubclass(kind, (list, tuple, dict)):
            return self._container(obj, kind, path, depth)
        # Subclasses of the plain types (an IntEnum, say) travel as their plain value.
        if issubclass(kind, int):
            return self.convert(int.__int__(obj), path, depth)
        if issubclass(kind, float):
            return float.__float__(obj)
        if issubclass(kind, str):
            return str.__str__(obj)
        raise InvalidReturn(f"value{path} is {describe(obj)}")

    def _scalar(self, obj, path):
        dtype_kind = np.dtype(type(obj)).kind
        if dtype_kind == "f":
            return float(obj)
        if dtype_kind in "iub":
            return obj.item()
        if dtype_kind == "U":
            return str(obj)
        what = "a complex number" if dtype_kind == "c" else f"a numpy {type(obj).__name__} scalar"
        raise InvalidReturn(f"value{path} is {what}")

    def _array(self, obj, path):
        seen = self.first_path.get(id(obj))
        if seen is not None:
            self._alias(seen, path)
            return self.converted[id(obj)]
        masked = sys.modules.get("numpy.ma")
        if masked is not None and isinstance(obj, masked.MaskedArray) and masked.getmaskarray(obj).any():
            raise InvalidReturn(f"value{path} is a masked array with masked entries")
        where = f"value{path}"
        plain = obj
        if type(obj) is not np.ndarray:
            # A view as the base class reads the data without running any of the subclass's code.
            plain = np.ndarray.view(obj, np.ndarray)
            where += f" (a {type(obj).__name__}, an ndarray subclass)"
        if plain.dtype.kind not in ARRAY_KINDS or plain.dtype.fields is not None:
            raise InvalidReturn(
                f"{where} is an array of dtype {plain.dtype}; only numeric and bool arrays can be returned")
        if plain.ndim > MAX_NDIM:
            raise InvalidReturn(f"{where} has {plain.ndim} dimensions; at most {MAX_NDIM} can be returned")
        if plain.nbytes > MAX_ARRAY_BYTES:
            raise InvalidReturn(f"{where} holds {plain.nbytes} bytes; at most {MAX_ARRAY_BYTES} can be returned")
        self.nbytes += plain.nbytes
        if self.nbytes > MAX_MESSAGE_BYTES - MAX_JSON_BYTES:
            raise InvalidReturn(f"value holds more than {MAX_MESSAGE_BYTES - MAX_JSON_BYTES} bytes of arrays")
        copy = np.array(plain, dtype=plain.dtype.newbyteorder("="), order="C", copy=True)
        self.first_path[id(obj)] = path
        self.converted[id(obj)] = copy
        self.arrays.append((path, obj))
        return copy

    def _container(self, obj, kind, path, depth):
        key = id(obj)
        if key in self.open:
            raise InvalidReturn(f"value{path} contains itself")
        mutable = not issubclass(kind, tuple)
        if mutable and key in self.first_path:
            self._alias(self.first_path[key], path)
            return self.converted[key]
        if depth > MAX_VALUE_DEPTH:
            raise InvalidReturn(f"value{path} is nested more than {MAX_VALUE_DEPTH} levels deep")
        self.open.add(key)
        try:
            # The base classes' own methods, so a subclass's overrides play no part.
            if issubclass(kind, dict):
                out = {}
                for name, item in dict.items(obj):
                    if type(name) is not str:
                        raise InvalidReturn(
                            f"value{path} has a key of type {type(name).__name__}; dict keys must be str")
                    out[name] = self.convert(item, f"{path}[{name!r}]", depth + 1)
            else:
                base = list if mutable else tuple
                items = [self.convert(item, f"{path}[{i}]", depth + 1)
                         for i, item in enumerate(base.__iter__(obj))]
                out = items if mutable else tuple(items)
        finally:
            self.open.discard(key)
        if mutable:
            self.first_path[key] = path
            self.converted[key] = out
        return out

    def _alias(self, first: str, path: str) -> None:
        if len(self.aliases) < MAX_ALIASES:
            self.aliases.append([first, path])

    def shared_memory(self) -> None:
        """Add pairs of distinct returned arrays whose memory overlaps (np.may_share_memory's test)."""
        spans = sorted(
            (*byte_bounds(array), order) for order, (_, array) in enumerate(self.arrays) if array.size)
        active: list[tuple[int, int]] = []  # (end, order) of spans that may still overlap
        for low, high, order in spans:
            active = [(end, other) for end, other in active if end > low]
            for _, other in active:
                first, second = sorted((other, order))
                self._alias(self.arrays[first][0], self.arrays[second][0])
            active.append((high, order))


def to_plain(value) -> tuple[object, list[list[str]]]:
    """Convert a returned value to plain data and list the places in it that alias each other."""
    converter = _Converter()
    plain = converter.convert(value)
    converter.shared_memory()
    return plain, converter.aliases
