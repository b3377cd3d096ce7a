import re
import xml.etree.ElementTree as ElementTree

import pytest

from grader.batch.gradebook import Gradebook, Graded
from grader.batch.overview import overview
from grader.report.class_summary import render_class_summary
from tests.batch.conftest import make_report

L2 = ("failed", "Looks like the L2 term uses lambd/m: the result is 0.2, expected 0.1", "the L2 term uses lambd/m")
WRONG = ("failed", "dW1 differs in 3 of 12 entries", None)
TIMEOUT = ("timeout", "Did not return within 3.0 s", None)


@pytest.fixture
def rows(tmp_path):
    reports = {
        "alice": make_report("alice", seconds=1.5),
        "bob": make_report("bob", {"compute_cost_with_regularization": L2}, seconds=2.0),
        "carol": make_report("carol", {"compute_cost_with_regularization": L2,
                                       "backward_propagation_with_regularization": WRONG}, seconds=3.0),
        "<dave>": make_report("<dave>", {"update_lr": TIMEOUT, "compute_cost_with_regularization": WRONG},
                              seconds=40.0),
    }
    with Gradebook.open(tmp_path / "gradebook.sqlite") as book:
        run = book.start_run("/class", "v1", "{}")
        for student, report in reports.items():
            book.record(run, Graded(student, f"/class/{student}", student, report), grader_version="v1", seed=0,
                        settings="{}")
        book.record(run, Graded("erin", "/class/erin", "e", None, "the grading process died"),
                    grader_version="v1", seed=0, settings="{}")
        return book.students()


def test_scores_are_binned_by_percent_and_only_graded_students_count(rows):
    class_ = overview(rows)
    assert (class_.students, class_.graded) == (5, 4)
    # 32/32, 30/32, 26/32, 29/32 points: 100%, 93%, 81%, 90%
    assert [(b.low, b.high, b.count) for b in class_.histogram][-2:] == [(80, 89, 1), (90, 100, 3)]
    assert sum(b.count for b in class_.histogram) == 4
    assert class_.not_graded == (("erin", "the grading process died"),)


def test_each_exercise_counts_its_passes_and_groups_its_failures_by_kind(rows):
    exercises = {e.name: e for e in overview(rows).exercises}
    cost = exercises["compute_cost_with_regularization"]
    assert (cost.passed, cost.graded, cost.pass_rate) == (1, 4, 25)
    assert [(f.kind, f.named, f.students) for f in cost.failures] == [
        ("the L2 term uses lambd/m", True, ("bob", "carol")), ("differs from the reference", False, ("<dave>",))]
    assert exercises["initialize_parameters_he"].failures == ()


def test_the_struggles_are_the_exercises_some_failed_least_passed_first(rows):
    assert [e.name for e in overview(rows).struggles] == [
        "compute_cost_with_regularization", "backward_propagation_with_regularization", "update_lr"]


def test_the_slowest_and_the_timed_out_submissions_are_listed(rows):
    class_ = overview(rows)
    assert [(s.student, s.seconds) for s in class_.slowest] == [("<dave>", 40.0), ("carol", 3.0), ("bob", 2.0),
                                                                ("alice", 1.5)]
    assert [(s.student, s.timeouts) for s in class_.timed_out] == [("<dave>", 1)]


def test_the_summary_page_is_self_contained_escaped_and_links_to_the_reports(rows):
    page = render_class_summary(overview(rows), title="DL class <2026>", generated="2026-11-22 10:00 UTC",
                                grader_version="v1", seed=0, skipped=[{"name": "notes.txt",
                                                                       "reason": "not a folder, a .py file or a notebook"}])
    assert "<script" not in page and "<dave>" not in page and "&lt;dave&gt;" in page
    assert "DL class &lt;2026&gt;" in page
    assert 'href="reports/%3Cdave%3E.html#ex-update_lr"' in page
    assert 'href="reports/bob.html#ex-compute_cost_with_regularization"' in page
    assert re.search(r'<span class="badge named">known mistake</span>\s*<span class="kind">the L2 term uses '
                     r'lambd/m</span>', page)
    assert "erin</strong>: the grading process died" in page
    assert "<code>notes.txt</code>: not a folder, a .py file or a notebook" in page
    assert re.search(r"src=|url\(|@import", page) is None  # nothing loaded from elsewhere


def test_the_histogram_is_well_formed_svg_with_one_column_per_bin(rows):
    page = render_class_summary(overview(rows), title="class", generated="now", grader_version="v1", seed=0,
                                skipped=[])
    svg = ElementTree.fromstring(re.search(r"<svg.*?</svg>", page, re.S).group(0))
    columns = svg.findall("g/rect")
    assert len(columns) == 10
    heights = [float(column.get("height")) for column in columns]
    assert heights[-1] > heights[-2] > 0 and set(heights[:-2]) == {0.0}
    assert svg.find("title").text.endswith("80–89%: 1; 90–100%: 3")


def test_a_batch_of_one_notebook_submissions_is_summarised_per_assignment_handed_in(tmp_path):
    reports = {"ana": make_report("ana", assignments=("regularization",)),
               "ben": make_report("ben", {"compute_cost_with_regularization": L2}, assignments=("regularization",)),
               "cy": make_report("cy", {"update_lr": TIMEOUT}, assignments=("optimization",))}
    with Gradebook.open(tmp_path / "gradebook.sqlite") as book:
        run = book.start_run("/class", "v1", "{}")
        for student, report in reports.items():
            book.record(run, Graded(student, f"/class/{student}.ipynb", student, report), grader_version="v1",
                        seed=0, settings="{}")
        class_ = overview(book.students())
    # ana 9/9, ben 7/9, cy 11/12 on what each handed in
    assert [(a.name, a.max_score, a.graded, round(a.mean_percent, 1)) for a in class_.assignments] == [
        ("regularization", 9, 2, 88.9), ("optimization", 12, 1, 91.7)]
    assert {e.module for e in class_.exercises} == {"regularization", "optimization"}
    assert sum(b.count for b in class_.histogram[7:]) == 3
    page = render_class_summary(class_, title="class", generated="now", grader_version="v1", seed=0, skipped=[])
    assert re.search(r"Regularization <span class=\"muted num\">\(9 points\)</span></th>\s*"
                     r"<td class=\"wide\" colspan=\"2\">handed in by 2 · mean 89%", page)
    assert "Initialization" not in page and "initialize_parameters_he" not in page
