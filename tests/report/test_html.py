"""The HTML report: a gold file, and the properties a gold file cannot promise."""

import dataclasses
import html.parser
import importlib.resources
import os
import re
from pathlib import Path

import pytest

from grader.report.html import TEMPLATE, TEMPLATE_PACKAGE, render_html
from grader.results import ArrayDiff, Check, Failure, InputView, Status

GOLD = Path(__file__).parent / "gold" / "report.html"
# Set DLGRADE_REGENERATE_GOLD=1 to rewrite the gold file after an intended change of the page,
# then look at the diff (and at the page in a browser) before committing it.
REGENERATE = os.environ.get("DLGRADE_REGENERATE_GOLD") == "1"
INJECTION = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
VOID_ELEMENTS = {"meta", "br", "wbr", "hr", "img", "input", "link"}


def scrub(page: str) -> str:
    """Blank what changes from run to run or release to release: timings and the version."""
    for span in ("version", "elapsed"):
        page = re.sub(f'<span class="{span}">[^<]*</span>', f'<span class="{span}">SCRUBBED</span>', page)
    return page


def test_matches_the_gold_file(report):
    page = scrub(render_html(report))
    if REGENERATE:
        GOLD.parent.mkdir(exist_ok=True)
        GOLD.write_text(page, encoding="utf-8")
    assert page == GOLD.read_text(encoding="utf-8")


def inject_everywhere(report):
    """Put the payload in every field that can carry text from student code."""
    failed = next(e for e in report.exercises if e.name == "backward_propagation_with_regularization")
    failed.stdout = f"printed {INJECTION}"
    failed.message = f"message {INJECTION}"
    failed.traceback = f"Traceback\n  {INJECTION}"
    failed.checks.append(Check(f"check {INJECTION}", False, f"check message {INJECTION}"))
    failed.failure = Failure(
        inputs=(InputView(f"name {INJECTION}", f"summary {INJECTION}", f"values {INJECTION}"),),
        expected=f"expected {INJECTION}",
        got=f"got {INJECTION}",
        diffs=(ArrayDiff(f"path {INJECTION}", (1,), (1,), 1, 1, 1.0, 1.0, ((INJECTION, 1.0, 2.0),)),),
    )
    report.submission = f"sub {INJECTION}"
    report.isolation = {"level": f"level {INJECTION}", "layers": [f"layer {INJECTION}"],
                        "missing": [f"missing {INJECTION}"]}
    return 16


def test_a_kit_report_says_what_it_compared_with(report):
    assert "student kit" not in render_html(report) and "compared with the reference" in render_html(report)
    report.mode = "kit"
    page = render_html(report)
    assert "Graded with the student kit" in page and "compared with the student kit&#39;s answer key" in page
    assert "generated input" not in page and "recorded inputs" in page and "Rerun with" not in page
    assert "The answer key's inputs are the same on every run, whatever the seed." in page


def test_student_text_is_escaped_everywhere(report):
    fields = inject_everywhere(report)
    page = render_html(report)
    assert "<script" not in page
    assert page.count(ESCAPED) >= fields


@pytest.mark.parametrize("field", ["stdout", "message", "traceback"])
def test_each_text_field_is_escaped(report, field):
    failed = next(e for e in report.exercises if e.status is Status.FAILED)
    setattr(failed, field, INJECTION)
    page = render_html(report)
    assert INJECTION not in page
    assert ESCAPED in page


def test_quotes_cannot_leave_an_attribute(report):
    report.exercises[0].name = 'x" onmouseover="alert(1)'
    page = render_html(report)
    assert 'onmouseover="' not in page
    assert 'id="ex-x&#34; onmouseover=&#34;alert(1)"' in page


def test_self_contained(report):
    page = render_html(report)
    assert not re.search(r"\ssrc\s*=", page)
    assert all(target.startswith("#") for target in re.findall(r'href="([^"]*)"', page))
    assert "http://" not in page and "https://" not in page
    assert "<script" not in page and "<link" not in page and "url(" not in page
    assert "<style>" in page and '<meta name="viewport"' in page
    assert "default-src 'none'" in page  # the CSP: nothing loads, nothing runs


def test_every_exercise_has_a_section_with_its_status(report):
    page = render_html(report)
    for exercise in report.exercises:
        status = exercise.status.value
        opening = f'<details class="exercise st-{status}" id="ex-{exercise.name}"'
        # Passed exercises start collapsed; the others open, since that is what needs reading.
        assert opening + ("" if exercise.passed else " open") + ">" in page
        assert exercise.name.replace("_", "_<wbr>") in page
        assert f'<span class="badge st-{status}">{status}</span>' in page


def test_sections_in_course_order(report):
    report.exercises.reverse()
    page = render_html(report)
    ids = re.findall(r'<details class="exercise [^"]*" id="ex-(\w+)"', page)
    assert ids[:3] == ["initialize_parameters_zeros", "initialize_parameters_random", "initialize_parameters_he"]
    assert ids[-1] == "schedule_lr_decay"
    modules = re.findall(r'<section class="module" id="mod-(\w+)">', page)
    assert modules == ["initialization", "regularization", "gradient_checking", "optimization"]


def test_score_counts_and_footer(report):
    page = render_html(report)
    assert '<span class="got">16.5</span>' in page and "51%" in page
    assert 'style="width: 51%"' in page
    for text in ("11 passed", "5 failed", "1 error", "1 timeout", "1 missing"):
        assert text in page
    footer = page[page.index("<footer>"):]
    for text in ("0.1.0", "20240917", "isolation: namespaces", "bubblewrap namespaces: no network",
                 "not in force: an unprivileged user", "1,247 generated inputs"):
        assert text in footer


def test_numbers_are_formatted_for_people(report):
    page = render_html(report)
    assert '<td class="num" data-label="Max abs error"><div>0.342</div></td>' in page
    assert '<td class="num" data-label="Max abs error"><div>nan</div></td>' in page
    assert '<td class="num" data-label="Max rel error"><div>inf</div></td>' in page
    assert '<td class="num" data-label="Max abs error"><div>1.2e-05</div></td>' in page
    assert "<li><code>[0, 0]</code>: 1.46041 → 1.78863</li>" in page
    assert "expected <code>(1, 3)</code><br>got <code>(3, 1)</code>" in page


def test_passed_exercise_without_failure_or_output_renders(report):
    passed = report.exercises[0]
    assert passed.failure is None and passed.traceback is None and not passed.stdout
    section = re.search(r'id="ex-initialize_parameters_zeros".*?</details>', render_html(report), re.S)
    assert "Minimal failing input" not in section.group()
    assert "Traceback" not in section.group()


def test_failure_details_hidden_once_passed(report):
    """A stale failure on a passed exercise is not shown as if it had failed."""
    report.exercises[0].failure = Failure(inputs=(InputView("layers_dims", "[1]"),))
    section = re.search(r'id="ex-initialize_parameters_zeros".*?</details>', render_html(report), re.S)
    assert "Minimal failing input" not in section.group()


def test_empty_report(report):
    page = render_html(dataclasses.replace(report, exercises=[]))
    assert "<span class=\"got\">0</span>" in page and "0%" in page


def test_elements_are_balanced(report):
    class Checker(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack = []

        def handle_starttag(self, tag, attrs):
            if tag not in VOID_ELEMENTS:
                self.stack.append(tag)

        def handle_endtag(self, tag):
            assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
            self.stack.pop()

    checker = Checker()
    checker.feed(render_html(report))
    checker.close()
    assert checker.stack == []


def test_renders_from_any_working_directory(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert render_html(report).startswith("<!DOCTYPE html>")


def test_templates_ship_as_package_resources():
    templates = importlib.resources.files(TEMPLATE_PACKAGE)
    assert templates.joinpath(TEMPLATE).is_file()
