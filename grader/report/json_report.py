"""The JSON report: `Report.to_json()` (schema 2), written as strict, indented JSON.

JSON has no NaN or infinity, yet a student's array can hold them, and then so does a
diff's max error or sample. Such floats are written as the strings "NaN", "Infinity"
and "-Infinity": unlike null they keep which value it was, and `float()` in Python (and
`Number()` in JavaScript) reads each of them back. Every other number stays a number.
The text is ASCII (non-ASCII characters from student output are \\u-escaped), so it can
be written to any stream or file encoding.
"""

from __future__ import annotations

import json
import math

from grader.results import Report

NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def render_json(report: Report) -> str:
    """`report` as a JSON document (schema 2), two-space indented, ending in a newline."""
    # allow_nan=False: if a non-finite float ever slipped past _finite, fail loudly here
    # rather than write a file that strict parsers reject.
    return json.dumps(_finite(report.to_json()), indent=2, allow_nan=False) + "\n"


def _finite(value):
    """A copy of a JSON-ready tree with each non-finite float replaced by its string."""
    if isinstance(value, float) and not math.isfinite(value):
        return NON_FINITE[repr(float(value))]
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(item) for item in value]
    return value
