"""The C library's functions, where this process has a C library to load by name.

Windows has none (ctypes.CDLL(None) is a TypeError there) and macOS lacks Linux's
calls (prctl, capset): every use of them goes through `c_function`, which answers None.
"""

from __future__ import annotations

import ctypes


def c_function(name: str, *, use_errno: bool = True):
    """The C library's function `name`, or None where there is no such library or function."""
    try:
        return getattr(ctypes.CDLL(None, use_errno=use_errno), name)
    except (OSError, AttributeError, TypeError):
        return None
