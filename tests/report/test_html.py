"""The HTML report: a gold file, and the properties a gold file cannot promise."""

import os
import re
from pathlib import Path

import pytest

from grader.report.html import render_html
from grader.results import Status

GOLD = Path(__file__).parent / "gold" / "report.html"
# Set DLGRADE_REGENERATE_GOLD=1 to rewrite the gold file after an intended change of the page.
REGENERATE = os.environ.get("DLGRADE_REGENERATE_GOLD") == "1"
INJECTION = "<script>alert(1)</script>"


def scrub(html: str) -> str:
    return re.sub(r"\d+(\.\d+)? s\b", "N s", html)


def test_matches_the_gold_file(report):
    html = scrub(render_html(report))
    if REGENERATE:
        GOLD.parent.mkdir(exist_ok=True)
        GOLD.write_text(html, encoding="utf-8")
    assert html == GOLD.read_text(encoding="utf-8")


@pytest.mark.parametrize("field", ["stdout", "message", "traceback"])
def test_student_text_is_escaped(report, field):
    failed = next(e for e in report.exercises if e.status is Status.FAILED)
    setattr(failed, field, INJECTION)
    html = render_html(report)
    assert INJECTION not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_self_contained(report):
    html = render_html(report)
    assert not re.search(r"\ssrc\s*=", html)
    assert all(target.startswith("#") for target in re.findall(r'href="([^"]*)"', html))
    assert "http://" not in html and "https://" not in html
    assert "<style" in html and '<meta name="viewport"' in html


def test_every_exercise_and_its_status_appear(report):
    html = render_html(report)
    for exercise in report.exercises:
        assert exercise.name in html
    for status in {e.status for e in report.exercises}:
        assert status.value in html.lower()
