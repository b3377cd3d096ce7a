import json
import math

import pytest

from grader.report.html import render_html
from grader.report.json_report import render_json
from grader.results import Report, Status

STATUSES = {"passed", "failed", "error", "timeout", "missing"}


def strict_loads(text: str):
    """json.loads that rejects the NaN/Infinity tokens Python would otherwise accept."""

    def reject(token):
        raise ValueError(f"non-standard JSON token {token}")

    return json.loads(text, parse_constant=reject)


@pytest.fixture
def data(report):
    return strict_loads(render_json(report))


def test_schema_and_cli_contract_keys(data):
    assert data["schema"] == 2
    assert {"schema", "score", "max_score", "assignments", "seed", "exercises"} <= data.keys()
    assert [(a["name"], a["score"], a["max_score"]) for a in data["assignments"]] == [
        (module, sum(e["score"] for e in data["exercises"] if e["module"] == module),
         sum(e["max_score"] for e in data["exercises"] if e["module"] == module))
        for module in ("initialization", "regularization", "gradient_checking", "optimization")]
    assert sum(a["max_score"] for a in data["assignments"]) == data["max_score"]
    assert (data["score"], data["max_score"], data["seed"], data["mode"]) == (16.5, 32, 20240917, "reference")
    for exercise in data["exercises"]:
        assert {"name", "module", "status", "score", "max_score", "message", "checks"} <= exercise.keys()
        assert exercise["status"] in STATUSES
        for check in exercise["checks"]:
            assert check.keys() == {"name", "passed", "message"}


def test_every_status_and_exercise_round_trips(report, data):
    assert [e["name"] for e in data["exercises"]] == [e.name for e in report.exercises]
    assert {e["status"] for e in data["exercises"]} == {s.value for s in Status}


def test_non_finite_floats_become_strings(data):
    adam = next(e for e in data["exercises"] if e["name"] == "update_parameters_with_adam")
    v_corrected, s_corrected, _ = adam["failure"]["diffs"]
    assert v_corrected["max_abs_error"] == "NaN"
    assert s_corrected["max_rel_error"] == "Infinity"
    assert v_corrected["samples"][0] == ["[0, 0]", -0.87810789, "NaN"]
    assert math.isnan(float(v_corrected["max_abs_error"]))
    assert float(s_corrected["max_rel_error"]) == math.inf


def test_negative_infinity(report):
    report.exercises[3].score = -math.inf
    data = strict_loads(render_json(report))
    assert data["exercises"][3]["score"] == "-Infinity"


def test_output_is_indented_ascii_ending_in_newline(report):
    report.exercises[0].stdout = "héllo ✓ \udcff"
    text = render_json(report)
    assert text.isascii()
    assert text.endswith("}\n")
    assert text.startswith('{\n  "schema": 2,')
    assert strict_loads(text)["exercises"][0]["stdout"] == "héllo ✓ \udcff"


@pytest.mark.parametrize("mode", ["reference", "kit"])
def test_a_report_read_back_from_its_json_renders_the_same(report, mode):
    report.exercises[1].misconception = "the L2 term uses lambd/m"
    report.mode = mode
    stored = json.dumps(report.to_json())  # as a gradebook keeps it: NaN tokens and all
    again = Report.from_json(json.loads(stored))
    assert render_json(again) == render_json(report)
    assert render_html(again) == render_html(report)
