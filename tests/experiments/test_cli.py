"""The experiments as students and instructors run them: the full set, through the CLI."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import xml.etree.ElementTree as ElementTree
import zlib

import pytest
from click.testing import CliRunner

from grader.cli import main
from grader.experiments.catalog import FAMILIES, using
from grader.report.html import render_html
from grader.results import Report
from tests.conftest import CORPUS

# Every test here runs the course's full experiments, or reads a fixture that did.
pytestmark = pytest.mark.slow

RUNS = sum(len(family.runs) for family in FAMILIES)
SVG = re.compile(r"<svg\b.*?</svg>", re.S)
# The reference's side is the recording, made on one CPU; this one may round otherwise. Measured on
# eight kernel sets, the accuracies agree exactly; a point is what rounding is allowed to move.
ROUNDING = 0.01


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def correct(correct_experiments):
    """The correct base graded with --experiments: (exit code, JSON, HTML, terminal)."""
    return correct_experiments


@pytest.fixture(scope="module")
def wrong_he(tmp_path_factory):
    """He scaled by the layer's own size, through `grade experiments`."""
    folder = tmp_path_factory.mktemp("wrong_he")
    for module in ("initialization", "regularization", "gradient_checking", "optimization"):
        shutil.copy(CORPUS / "base" / f"{module}.py", folder)
    snippet = CORPUS / "initialization" / "initialize_parameters_he__scaled_by_current_layer.py"
    with open(folder / "initialization.py", "a") as file:
        file.write("\n\n" + snippet.read_text())
    done = invoke("experiments", str(folder), "--only", "initialize_parameters_he", "--json", str(folder / "r.json"),
                  "--html", str(folder / "r.html"))
    return done.exit_code, json.loads((folder / "r.json").read_text()), (folder / "r.html").read_text(), done.stdout


def runs(report: dict) -> dict[str, dict]:
    return {f"{family['name']}/{run['key']}": run for family in report["experiments"] for run in family["runs"]}


def test_a_correct_submission_reproduces_the_reference_in_every_run(correct):
    code, report, _, _ = correct
    assert code == 0
    found = runs(report)
    assert len(found) == RUNS
    for key, run in found.items():
        if run["uses"]:
            assert run["student"]["train_accuracy"] == pytest.approx(run["reference"]["train_accuracy"], abs=ROUNDING), key
            assert run["stand_ins"] == {} and run["message"] == "", key
        else:  # the baseline uses no graded function, so there is no run of the student's
            assert run["student"] is None and run["message"].startswith("Uses none of the graded functions")


def test_the_terminal_shows_the_courses_table(correct):
    terminal = correct[3]
    assert "the reference's" not in terminal and "another cost curve" not in terminal  # no run differs
    assert "Experiments · training / test accuracy" in terminal
    assert re.search(r"He initialization\s+99\.3% / 96\.0%\s+99\.3% / 96\.0%\s+99\.33% / 96%", terminal)
    assert re.search(r"Adam\s+94\.3%\s+94\.3%\s+94%", terminal)


def test_every_plot_is_well_formed_svg_and_every_run_has_its_plots(correct):
    html = correct[2]
    plots = SVG.findall(html)
    for svg in plots:
        assert ElementTree.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"
    baselines = sum(1 for run in runs(correct[1]).values() if not run["uses"])
    # Each run: its cost curves and two decision boundaries; a baseline has only the reference's boundary.
    assert len(plots) == 3 * RUNS - baselines
    assert html.count('class="run"') == RUNS


def test_the_report_read_back_from_json_renders_the_same_page(correct):
    """A gradebook keeps the JSON and renders reports from it. (The JSON keeps the time to the
    millisecond, so its tenth of a second may round the other way.)"""
    _, report, html, _ = correct
    elapsed = re.compile(r'<span class="elapsed">[^<]*</span>')
    assert elapsed.sub("", render_html(Report.from_json(report))) == elapsed.sub("", html)


def test_a_wrong_he_initialization_shows_the_students_network_training_worse(wrong_he):
    code, report, html, terminal = wrong_he
    assert code == 0  # `grade experiments` ran them: that is its success, whatever the grades
    he = runs(report)["initialization/he"]
    assert he["student"]["train_accuracy"] < he["reference"]["train_accuracy"] - 0.2
    assert he["student"]["costs"][-1] > he["reference"]["costs"][-1] + 0.2
    assert re.search(r"He initialization .* points below the reference", terminal)
    assert 'class="num worse"' in html


def test_only_the_runs_that_use_the_chosen_functions_are_trained(wrong_he):
    """`--only`: the He run alone (initialization has no baseline), and only He is graded."""
    _, report, _, terminal = wrong_he
    assert list(runs(report)) == ["initialization/he"]
    assert [exercise["name"] for exercise in report["exercises"]] == ["initialize_parameters_he"]
    assert "Zeros initialization" not in terminal and "Adam" not in terminal


def test_a_family_keeps_its_baseline_when_one_of_its_runs_is_chosen():
    (regularization,) = using(["compute_cost_with_regularization"])
    assert [run.key for run in regularization.runs] == ["none", "l2"]
    assert using(["forward_propagation", "gradient_check"]) == ()


def test_submit_with_experiments_still_exits_as_submit_does(tmp_path):
    snippet = (CORPUS / "initialization" / "initialize_parameters_zeros__transposed_shape.py").read_text()
    (tmp_path / "initialization.py").write_text((CORPUS / "base" / "initialization.py").read_text() + "\n\n" + snippet)
    optimization = (CORPUS / "base" / "optimization.py").read_text()
    (tmp_path / "optimization.py").write_text(optimization.replace("def update_parameters_with_adam(", "def adam("))
    done = invoke("submit", str(tmp_path), "--experiments", "--json", "-", "--no-html")
    assert done.exit_code == 1
    zeros = runs(json.loads(done.stdout))["initialization/zeros"]
    # Transposed weights cannot go into the model: the reference's stands in, and the run says why.
    assert list(zeros["stand_ins"]) == ["initialize_parameters_zeros"]
    assert "where the model needs shape" in zeros["stand_ins"]["initialize_parameters_zeros"]
    missing = runs(json.loads(done.stdout))["optimization/adam"]
    assert missing["stand_ins"]["update_parameters_with_adam"] == "yours is missing"
    # The folder holds no Regularization or Gradient Checking: it is not graded as them, nor are their runs.
    assert {family["name"] for family in json.loads(done.stdout)["experiments"]} == {"initialization", "optimization"}


def test_batch_runs_experiments_only_when_asked(tmp_path):
    students = tmp_path / "class"
    shutil.copytree(CORPUS / "base", students / "ada")
    plain = invoke("batch", str(students), "--out", str(tmp_path / "plain"), "--jobs", "1")
    asked = invoke("batch", str(students), "--out", str(tmp_path / "asked"), "--jobs", "1", "--experiments")
    assert plain.exit_code == asked.exit_code == 0, asked.output
    for out, expected in (("plain", 0), ("asked", RUNS)):
        with sqlite3.connect(tmp_path / out / "gradebook.sqlite") as db:
            (kept,), = db.execute("SELECT report FROM current").fetchall()
        assert len(runs(json.loads(zlib.decompress(kept)))) == expected
    assert 'id="experiments"' in (tmp_path / "asked" / "reports" / "ada.html").read_text()
    assert 'id="experiments"' not in (tmp_path / "plain" / "reports" / "ada.html").read_text()


@pytest.mark.parametrize("content, why", [
    (None, "the reference's recorded runs (runs.npz) cannot be read: [Errno 2] No such file or directory"),
    (b"PK\x03\x04 not a zip", "the reference's recorded runs (runs.npz) cannot be read"),
    ("one array", "the reference's recorded runs have no whole initialization/zeros: record them again"),
])
def test_without_the_reference_recording_the_grades_stand_and_a_note_says_why(tmp_path, monkeypatch, content, why):
    from grader.experiments import recorded
    path = tmp_path / "runs.npz"
    if content == "one array":
        recorded.write(path, {("optimization", "adam"): {"costs": [0.5], "parameters": {}}})
    elif content is not None:
        path.write_bytes(content)
    monkeypatch.setattr(recorded, "PATH", path)
    recorded.read.cache_clear()
    try:
        done = invoke("submit", str(CORPUS / "base"), "--experiments", "--json", "-", "--no-html",
                      "--only", "initialize_parameters_zeros")
    finally:
        recorded.read.cache_clear()
    report = json.loads(done.stdout)
    assert done.exit_code == 0 and report["score"] == report["max_score"] and report["experiments"] == []
    (note,) = report["notes"]
    assert note.startswith("The experiments were not run: " + why)


def test_an_unknown_name_for_only_is_a_usage_error():
    done = invoke("experiments", str(CORPUS / "base"), "--only", "initialise_parameters_he")
    assert done.exit_code == 2 and "unknown exercise initialise_parameters_he" in done.output
