"""The experiments in the HTML report when they partly failed: what a student's code wrote
reaches the page only escaped, and a run that did not run has no plots of the student's."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import grader
from grader.experiments import recorded
from grader.report.html import render_html
from grader.results import ExperimentFamily, ExperimentRun, Report, Trained

HOSTILE = "<script>alert('x')</script> & \x1b[31m"


def trained(key: str, record_every: int = 50) -> Trained:
    run = recorded.read()["optimization", key]
    return Trained(run["costs"], record_every, 0.9, None, {name: value.tolist() for name, value in
                                                          run["parameters"].items()})


def report() -> Report:
    runs = [
        ExperimentRun("adam", "Adam", ["update_parameters_with_adam"], reference=trained("adam"),
                      student=trained("gd"), stand_ins={"initialize_adam": f"yours raised ValueError: {HOSTILE}"}),
        ExperimentRun("gd", "Mini-batch gradient descent", ["update_parameters_with_gd"], reference=trained("gd"),
                      student=None, message=f"Not run: the training stopped with KeyError: {HOSTILE}"),
    ]
    family = ExperimentFamily("optimization", "Optimization methods", "moons", "epochs", runs)
    return Report(submission="s", seed=0, exercises=[], grader_version=grader.__version__,
                  isolation={"level": "process", "layers": [], "missing": []}, experiments=[family])


def test_what_the_students_code_wrote_is_escaped_and_the_plots_are_well_formed():
    html = render_html(report())
    assert "<script>" not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;" in html
    for svg in re.findall(r"<svg\b.*?</svg>", html, re.S):
        ElementTree.fromstring(svg)


def test_a_run_that_did_not_run_shows_why_and_only_the_references_plots():
    html = render_html(report())
    adam, gd = html.split('id="run-optimization-adam"')[1].split('id="run-optimization-gd"')
    assert "The reference&#39;s initialize_adam stands in: yours raised ValueError" in adam
    assert adam.count("decision boundary</title>") == 2
    assert "Not run: the training stopped with KeyError" in gd
    assert gd.count("decision boundary</title>") == 1 and "Your model" not in gd


def test_experiments_that_cannot_be_drawn_leave_the_rest_of_the_page_and_say_so():
    """A gradebook written by another dlgrade may hold a family this one does not know."""
    unknown = report()
    unknown.experiments[0].name = "pruning"
    html = render_html(unknown)
    assert "The experiments could not be drawn (KeyError: &#39;pruning&#39;); the grades are complete." in html
    assert 'id="experiments"' not in html and html.rstrip().endswith("</html>")
