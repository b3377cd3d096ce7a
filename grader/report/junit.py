"""JUnit XML: one test case per exercise, as CI systems (GitLab, Jenkins, GitHub test reporters) read it.

The layout follows the JUnit schema those tools share (Jenkins' junit-10.xsd): `testsuites`
holding one `testsuite` per notebook module, each `testcase` with `classname` and `name`,
a `failure` for a wrong answer or a missing function and an `error` for code that raised,
crashed or timed out, each with a `message` and a `type`, the details as its text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from grader.report.summary import by_module, failure_text
from grader.results import ExerciseResult, Report, Status

ROOT = "dlgrade"  # the name of the whole, and the prefix of each module's suite
_ERRORS = {Status.ERROR, Status.TIMEOUT}
# XML 1.0 cannot hold most control characters, even escaped; student output can.
_NOT_XML = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF], "?")


def render_junit(report: Report) -> str:
    groups = by_module(report)
    totals = _counts(report.exercises, report.seconds)
    del totals["skipped"]  # the schema allows it on a testsuite, not on testsuites
    root = ElementTree.Element("testsuites", name=ROOT, **totals)
    for group in groups:
        suite = ElementTree.SubElement(root, "testsuite", name=f"{ROOT}.{group.module}",
                                       **_counts(group.exercises, sum(e.seconds for e in group.exercises)))
        properties = ElementTree.SubElement(suite, "properties")
        for name, value in (("seed", report.seed), ("mode", report.mode), ("grader_version", report.grader_version),
                            ("submission", report.submission)):
            ElementTree.SubElement(properties, "property", name=name, value=_text(str(value)))
        for result in group.exercises:
            suite.append(_testcase(result, group.module))
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _counts(results, seconds: float) -> dict[str, str]:
    results = list(results)
    errors = sum(result.status in _ERRORS for result in results)
    failures = sum(not result.passed and result.status not in _ERRORS for result in results)
    return {"tests": str(len(results)), "failures": str(failures), "errors": str(errors), "skipped": "0",
            "time": f"{seconds:.3f}"}


def _testcase(result: ExerciseResult, module: str) -> ElementTree.Element:
    case = ElementTree.Element("testcase", classname=f"{ROOT}.{module}", name=result.name,
                               time=f"{result.seconds:.3f}")
    if not result.passed:
        kind = "error" if result.status in _ERRORS else "failure"
        outcome = ElementTree.SubElement(case, kind, message=_text(result.message), type=result.status.value)
        outcome.text = _text(failure_text(result))
    if result.stdout:
        ElementTree.SubElement(case, "system-out").text = _text(result.stdout)
    return case


def _text(value: str) -> str:
    return value.translate(_NOT_XML)
