"""Pure comparison of a student's returned value with the expected one.

Values are the plain data the worker sends back: nested dicts, lists, tuples,
Python scalars and base-class ndarrays. `compare` walks both trees and reports
structural problems (a missing key, a wrong shape) and numerical differences
(as `ArrayDiff`s). `diagnose` recognises the shapes of common slips (a factor,
a sign, a transpose) so the message can say more than "wrong".
"""

from __future__ import annotations

import dataclasses
import math
import numbers

import numpy as np

from grader.results import ArrayDiff

SAMPLES = 3


@dataclasses.dataclass(frozen=True)
class Tolerance:
    """Entries agree when |got - expected| <= atol + rtol * |expected| (as numpy.isclose)."""

    rtol: float = 1e-7
    atol: float = 1e-12


@dataclasses.dataclass
class Comparison:
    problems: list[str] = dataclasses.field(default_factory=list)  # structural, in words
    diffs: list[ArrayDiff] = dataclasses.field(default_factory=list)
    hints: list[str] = dataclasses.field(default_factory=list)  # from `diagnose`

    @property
    def ok(self) -> bool:
        return not self.problems and not self.diffs

    def summary(self) -> str:
        """One sentence for a student: the structural problem, or the first difference."""
        return _sentence(self._first())

    def _first(self) -> str:
        if self.problems:
            return self.problems[0]
        if self.hints:
            return self.hints[0]
        diff = self.diffs[0]
        where = diff.path or "the result"
        if diff.n_total == 1:
            return f"{where} is {diff.samples[0][2]:.10g}, expected {diff.samples[0][1]:.10g}"
        return (f"{where} differs in {diff.n_differ} of {diff.n_total} entries "
                f"(max abs error {diff.max_abs_error:.3g})")


def _sentence(text: str) -> str:
    """Capitalise prose ("the result is ..."), never a variable name ("dW1 is ...")."""
    return text[:1].upper() + text[1:] if text.startswith(("the ", "a ")) else text


def is_scalar(value) -> bool:
    return isinstance(value, numbers.Real) or (isinstance(value, np.ndarray) and value.size == 1)


def as_float(value) -> float:
    return float(np.asarray(value, dtype=float).reshape(()))


def compare(expected, got, tolerance: Tolerance, path: str = "") -> Comparison:
    result = Comparison()
    _walk(expected, got, tolerance, path, result)
    return result


def describe_type(value) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, (tuple, list)):
        return f"a {type(value).__name__} of length {len(value)}"
    if isinstance(value, dict):
        return "a dict"
    if value is None:
        return "None"
    return f"a {type(value).__name__}"


def _label(path: str) -> str:
    return path or "the return value"


def _walk(expected, got, tolerance, path, result: Comparison) -> None:
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            result.problems.append(f"{_label(path)} should be a dict, got {describe_type(got)}")
            return
        missing = [key for key in expected if key not in got]
        extra = [key for key in got if key not in expected]
        if missing:
            result.problems.append(f"{_label(path)} is missing the key(s) {', '.join(map(repr, missing))}")
        if extra:
            result.problems.append(f"{_label(path)} has unexpected key(s) {', '.join(map(repr, extra))}")
        for key in expected:
            if key in got:
                _walk(expected[key], got[key], tolerance, _join(path, key), result)
    elif isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            result.problems.append(
                f"{_label(path)} should be a {type(expected).__name__} of {len(expected)} items, "
                f"got {describe_type(got)}")
            return
        if len(got) != len(expected):
            result.problems.append(
                f"{_label(path)} should have {len(expected)} items, got {len(got)}")
            return
        for index, (want, have) in enumerate(zip(expected, got)):
            _walk(want, have, tolerance, f"{path}[{index}]", result)
    elif isinstance(expected, np.ndarray) and expected.ndim > 0:
        _compare_array(expected, got, tolerance, path, result)
    else:
        _compare_scalar(expected, got, tolerance, path, result)


def _join(path: str, key: str) -> str:
    return f"{path}['{key}']" if path else str(key)


def _compare_array(expected, got, tolerance, path, result) -> None:
    if not isinstance(got, np.ndarray):
        result.problems.append(
            f"{_label(path)} should be an array of shape {expected.shape}, got {describe_type(got)}")
        return
    if got.shape != expected.shape:
        hint = ""
        if got.shape == expected.shape[::-1]:
            hint = " (transposed?)"
        elif got.size == expected.size:
            hint = " (same entries, wrong shape: keep the column-vector shape?)"
        result.problems.append(
            f"{_label(path)} has shape {got.shape}, expected {expected.shape}{hint}")
        return
    diff = array_diff(expected, got, tolerance, path)
    if diff is not None:
        result.diffs.append(diff)
        hint = diagnose(expected, got, tolerance)
        if hint:
            result.hints.append(f"{_label(path)} {hint}")


def _compare_scalar(expected, got, tolerance, path, result) -> None:
    if not is_scalar(got) or isinstance(got, bool) and not isinstance(expected, bool):
        result.problems.append(f"{_label(path)} should be a number, got {describe_type(got)}")
        return
    try:
        got_float = as_float(got)
    except OverflowError:
        result.problems.append(f"{_label(path)} is an integer too large for a float")
        return
    diff = array_diff(np.asarray(as_float(expected)), np.asarray(got_float), tolerance, path)
    if diff is not None:
        result.diffs.append(diff)


def array_diff(expected: np.ndarray, got: np.ndarray, tolerance: Tolerance, path: str = "") -> ArrayDiff | None:
    """The entries of `got` that miss `expected` beyond the tolerance, or None if all agree."""
    want = np.asarray(expected, dtype=float)
    have = np.asarray(got, dtype=float)
    if np.array_equal(have, want):  # the usual case, five times quicker to tell than isclose
        return None
    close = np.isclose(have, want, rtol=tolerance.rtol, atol=tolerance.atol, equal_nan=True)
    if close.all():
        return None
    with np.errstate(all="ignore"):  # inf and NaN in a student's answer are reported, not warned about
        error = np.abs(have - want)
        error = np.where(np.isnan(error), np.inf, error)
        relative = error / np.maximum(np.abs(want), np.finfo(float).tiny)
    worst = np.argsort(-np.where(close, -1, error), axis=None)[:SAMPLES]
    samples = tuple(
        (_index_text(np.unravel_index(flat, want.shape)), float(want.flat[flat]), float(have.flat[flat]))
        for flat in worst if not close.flat[flat])
    return ArrayDiff(
        path=path,
        expected_shape=tuple(want.shape),
        got_shape=tuple(have.shape),
        n_differ=int((~close).sum()),
        n_total=int(close.size),
        max_abs_error=float(error[~close].max()),
        max_rel_error=float(relative[~close].max()),
        samples=samples,
    )


def _index_text(index) -> str:
    return "[" + ", ".join(str(int(i)) for i in index) + "]" if index else "[]"


def diagnose(expected, got, tolerance: Tolerance) -> str | None:
    """Name the shape of a numerical slip, e.g. 'is off by a factor 2', when one fits."""
    want = np.asarray(expected, dtype=float)
    have = np.asarray(got, dtype=float)
    if not np.all(np.isfinite(have)):
        return "contains NaN or inf"
    if want.ndim == 2 and want.shape[0] == want.shape[1] and want.size > 1 and _close(have.T, want, tolerance):
        return "is the transpose of the expected array"
    norm = float(np.vdot(want, want))
    if norm == 0 or want.size < 2:
        return None
    factor = float(np.vdot(want, have)) / norm
    if factor != 0 and _close(have, factor * want, tolerance):
        if math.isclose(factor, -1.0, rel_tol=1e-6):
            return "has the wrong sign"
        return f"is off by a factor {factor:.4g}"
    return None


def _close(a, b, tolerance: Tolerance) -> bool:
    return bool(np.allclose(a, b, rtol=max(tolerance.rtol, 1e-9), atol=tolerance.atol))
