import json
import math

from grader.report.json_report import render_json
from grader.results import ArrayDiff, Failure, Status

ALLOWED = {status.value for status in Status}


def test_schema_and_contract_keys(report):
    data = json.loads(render_json(report))
    assert data["schema"] == 1
    assert {"score", "max_score", "seed", "exercises"} <= set(data)
    for exercise in data["exercises"]:
        assert {"name", "module", "status", "score", "max_score", "message", "checks"} <= set(exercise)
        assert exercise["status"] in ALLOWED
    assert data["score"] == report.score and data["max_score"] == report.max_score


def test_nan_and_infinity_stay_valid_json_and_readable(report):
    diff = ArrayDiff("dW1", (2,), (2,), 1, 2, math.inf, math.nan, (("[0]", 1.0, math.nan),))
    report.exercises[0].failure = Failure(inputs=(), diffs=(diff,))
    text = render_json(report)
    data = json.loads(text)  # strict parsers reject bare NaN; this would raise on it too
    assert "NaN" not in text.replace('"NaN"', "")
    written = data["exercises"][0]["failure"]["diffs"][0]
    assert written["max_abs_error"] == "Infinity" and math.isnan(float(written["max_rel_error"]))
