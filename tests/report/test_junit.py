"""JUnit XML, parsed back and held to the layout of the JUnit schema CI systems read (Jenkins' junit-10.xsd)."""

import xml.etree.ElementTree as ElementTree

import pytest

from grader.report.junit import render_junit
from grader.results import Status

# Per element, from Jenkins' junit-10.xsd: the attributes it requires, those it allows, and the children it allows.
REQUIRED = {"testsuites": set(), "testsuite": {"name", "tests", "failures", "errors"}, "testcase": {"name"},
            "property": {"name", "value"}}
ALLOWED = {"testsuites": {"name", "time", "tests", "failures", "disabled", "errors"},
           "testsuite": {"name", "tests", "failures", "errors", "time", "disabled", "skipped", "timestamp",
                         "hostname", "id", "package", "file", "log", "url", "version"},
           "testcase": {"name", "assertions", "time", "classname", "status"},
           "failure": {"message", "type"}, "error": {"message", "type"}, "skipped": {"message"},
           "properties": set(), "property": {"name", "value"}, "system-out": set(), "system-err": set()}
CHILDREN = {"testsuites": {"testsuite"}, "testsuite": {"properties", "testcase", "system-out", "system-err"},
            "properties": {"property"}, "testcase": {"failure", "error", "skipped", "system-out", "system-err"}}


@pytest.fixture
def root(report):
    return ElementTree.fromstring(render_junit(report).encode())


def test_the_document_keeps_to_the_schema(root):
    for element in root.iter():
        assert REQUIRED.get(element.tag, set()) <= element.attrib.keys() <= ALLOWED[element.tag], element.tag
        assert {child.tag for child in element} <= CHILDREN.get(element.tag, set()), element.tag
        for count in ("tests", "failures", "errors", "skipped"):
            if count in element.attrib:
                assert int(element.get(count)) >= 0
        if "time" in element.attrib:
            assert float(element.get("time")) >= 0
    assert root.tag == "testsuites"


def test_one_test_case_per_exercise_grouped_by_module_and_counted(report, root):
    cases = root.findall("testsuite/testcase")
    assert [case.get("name") for case in cases] == [e.name for e in report.exercises]
    assert int(root.get("tests")) == len(report.exercises)
    errors = sum(e.status in (Status.ERROR, Status.TIMEOUT) for e in report.exercises)
    failures = sum(e.status in (Status.FAILED, Status.MISSING) for e in report.exercises)
    assert (int(root.get("errors")), int(root.get("failures"))) == (errors, failures)
    for suite in root.findall("testsuite"):
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert suite.find("properties/property[@name='seed']").get("value") == str(report.seed)


def test_a_failure_carries_its_message_and_minimal_failing_input(report, root):
    he = root.find("testsuite/testcase[@name='initialize_parameters_he']")
    failed = next(e for e in report.exercises if e.name == "initialize_parameters_he")
    failure = he.find("failure")
    assert failure.get("message") == failed.message and failure.get("type") == "failed"
    assert "minimal failing input:" in failure.text
    for view in failed.failure.inputs:
        assert f"{view.name} = " in failure.text


def test_code_that_raised_or_timed_out_is_an_error_and_passes_have_no_outcome(root):
    assert root.find("testsuite/testcase[@name='forward_propagation_with_dropout']/error").get("type") == "error"
    assert root.find("testsuite/testcase[@name='gradient_check_n']/error").get("type") == "timeout"
    passed = root.find("testsuite/testcase[@name='initialize_parameters_zeros']")
    assert passed.find("failure") is None and passed.find("error") is None


def test_control_characters_from_student_output_do_not_break_the_xml(report):
    report.exercises[0].stdout = "bell \x07 and escape \x1b[31m"
    root = ElementTree.fromstring(render_junit(report).encode())
    assert root.find("testsuite/testcase/system-out").text == "bell ? and escape ?[31m"
