"""Values as a person reads them in a report: shapes always, small arrays in full."""

from __future__ import annotations

import numpy as np

from grader.course import FIXTURES
from grader.results import InputView

SMALL = 30  # arrays with at most this many entries are shown in full
ITEMS = 20  # lists, tuples and dicts show at most this many items
NESTED_SMALL = 12  # the same, for arrays inside a dict, tuple or list
MAX_TEXT = 4000
np_print = dict(precision=5, suppress_small=True, max_line_width=100)


def summary(value) -> str:
    if isinstance(value, np.ndarray):
        return f"array {value.shape} {value.dtype}"
    if isinstance(value, dict):
        return "dict: " + ", ".join(f"{key} {_short(item)}" for key, item in value.items())
    if isinstance(value, (tuple, list)):
        return f"{type(value).__name__} of {len(value)}: " + ", ".join(_short(item) for item in value)
    return repr(value)


def _short(value) -> str:
    if isinstance(value, np.ndarray):
        return str(value.shape)
    if isinstance(value, (dict, tuple, list)):
        return f"{type(value).__name__}[{len(value)}]"
    return repr(value)


def render_value(value) -> str:
    """A readable rendering, with arrays in full when small and by shape otherwise."""
    text = _render(value, indent="")
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "\n... (truncated)"


def _render(value, indent: str) -> str:
    if isinstance(value, np.ndarray):
        if value.size <= (SMALL if not indent else NESTED_SMALL):
            body = np.array2string(value, **np_print)
            return body.replace("\n", "\n" + indent)
        return f"<array {value.shape} {value.dtype}, mean {_stat(value.mean())}, std {_stat(value.std())}>"
    if isinstance(value, dict):
        inner = indent + "  "
        lines = [f"{inner}{key!r}: {_render(item, inner)}" for key, item in list(value.items())[:ITEMS]]
        lines += _more(len(value), inner)
        return "{\n" + ",\n".join(lines) + "\n" + indent + "}" if lines else "{}"
    if isinstance(value, (tuple, list)) and len(value) <= ITEMS and all(_is_plain(item) for item in value):
        return repr(value)
    if isinstance(value, (tuple, list)):
        inner = indent + "  "
        lines = [f"{inner}{_render(item, inner)}" for item in value[:ITEMS]] + _more(len(value), inner)
        open_, close = ("(", ")") if isinstance(value, tuple) else ("[", "]")
        return open_ + "\n" + ",\n".join(lines) + "\n" + indent + close if lines else open_ + close
    if isinstance(value, float):
        return f"{value:.10g}"
    return repr(value)


def _more(count: int, indent: str) -> list[str]:
    return [f"{indent}... ({count - ITEMS} more)"] if count > ITEMS else []


def _stat(number) -> str:
    return f"{float(number):.4g}"


def input_views(args, bind=()) -> tuple[InputView, ...]:
    """The arguments of a call, for the 'minimal failing input' of a report, and the
    functions the grader bound into the module for it (as in gradient_check)."""
    views = [InputView(name=name, summary=f"the grader's {FIXTURES[name][variant].formula}, bound for this call")
             for name, variant in bind]
    for name, value in args:
        small = _is_small(value)
        shown = small and not _is_plain(value) and not (isinstance(value, (list, tuple)) and
                                                        all(_is_plain(item) for item in value))
        views.append(InputView(name=name, summary=summary(value), values=render_value(value) if shown else None))
    return tuple(views)


def _is_plain(value) -> bool:
    return isinstance(value, (int, float, bool, str)) or value is None


def _is_small(value) -> bool:
    if isinstance(value, np.ndarray):
        return value.size <= SMALL
    if isinstance(value, dict):
        return all(_is_small(item) for item in value.values()) and len(value) <= 12
    if isinstance(value, (tuple, list)):
        return all(_is_small(item) for item in value) and len(value) <= 14
    return True
