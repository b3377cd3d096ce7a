"""The public corpus: each mistake fails its own exercise only; each correct variant passes.

A snippet in tests/submissions/<module>/ redefines one function; it is appended to
the correct base module (the later `def` wins) and the module is graded through
the CLI. Its header says which exercise it targets and the expected status.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from grader.catalog import EXERCISES, MODULES
from tests.conftest import CORPUS, a_few, grade, statuses

# `named`: the start of the known mistake its message must name; a snippet without it (or with
# "nothing", a look-alike of a known mistake) must be told what differs, and no name. `says`:
# the start of its message, where the hint must fit the failure.
HEADER = re.compile(r"^# (exercise|expect|why|named|says): (.*)$", re.M)


def header(snippet: Path) -> dict[str, str]:
    fields = dict(HEADER.findall(snippet.read_text()))
    fields["expect"] = fields["expect"].split()[0]
    return fields


SNIPPETS = sorted(path for module in MODULES for path in (CORPUS / module).glob("*.py"))


STOCHASTIC = {"initialize_parameters_random", "initialize_parameters_he", "forward_propagation_with_dropout",
              "random_mini_batches"}


def exercise(snippet: Path) -> str:
    """The exercise a snippet targets: `make check` tries one snippet of each."""
    return header(snippet)["exercise"]


@pytest.mark.parametrize("snippet", a_few(SNIPPETS, exercise), ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_snippet_gets_its_expected_verdict_and_nothing_else_changes(snippet, tmp_path):
    """Then, graded as the student kit grades, without the reference, the same verdict naming the
    same mistake: for the snippet's own exercise only (the reference's grading shows the others
    unchanged), where it is compared with the reference (those graded by contract are graded alike)."""
    module, target = snippet.parent.name, exercise(snippet)
    from_reference = expect_verdict(snippet, tmp_path, [e.name for e in EXERCISES if e.module == module])
    if target in STOCHASTIC:
        return
    from_key = expect_verdict(snippet, tmp_path, [target], "--kit")
    assert from_key["mode"] == "kit" and from_reference["mode"] == "reference"
    assert from_key["exercises"][0]["misconception"] == \
        next(e["misconception"] for e in from_reference["exercises"] if e["name"] == target)


def expect_verdict(snippet: Path, tmp_path: Path, names: list[str], *options: str) -> dict:
    """Grade `names` of the snippet's module (the base with the snippet appended); the report."""
    fields = header(snippet)
    module = snippet.parent.name
    base = (CORPUS / "base" / f"{module}.py").read_text()
    (tmp_path / f"{module}.py").write_text(base + "\n\n" + snippet.read_text())

    code, report, _ = grade(tmp_path, *options, *[arg for name in names for arg in ("--only", name)])

    found = statuses(report)
    target = found[fields["exercise"]]
    message = next(e["message"] for e in report["exercises"] if e["name"] == fields["exercise"])
    assert target == fields["expect"], f"{fields['why']} -> {target}: {message}"
    assert {name: status for name, status in found.items() if name != fields["exercise"]} == \
        {name: "passed" for name in names if name != fields["exercise"]}
    assert code == (0 if fields["expect"] == "passed" else 1)
    named = next(e["misconception"] for e in report["exercises"] if e["name"] == fields["exercise"])
    if fields.get("named", "nothing") == "nothing":
        assert named is None, message
    else:
        assert named and named.startswith(fields["named"]) and message.startswith(f"Looks like {named}"), message
    assert message.startswith(fields.get("says", "")), message
    return report


def test_every_exercise_has_mistakes_and_correct_variants():
    expected = Counter((header(path)["exercise"], header(path)["expect"] == "passed") for path in SNIPPETS)
    for exercise in EXERCISES:
        assert expected[(exercise.name, False)] >= 2, f"{exercise.name}: fewer than 2 mistakes"
        assert expected[(exercise.name, True)] >= 1, f"{exercise.name}: no correct variant"


@pytest.mark.parametrize("mode", [(), ("--kit",)], ids=["reference", "kit"])
@pytest.mark.parametrize("module", MODULES)
def test_each_base_solution_passes(module, mode, tmp_path):
    (tmp_path / f"{module}.py").write_text((CORPUS / "base" / f"{module}.py").read_text())
    names = [exercise.name for exercise in EXERCISES if exercise.module == module]
    code, report, _ = grade(tmp_path, *mode, *[arg for name in names for arg in ("--only", name)])
    assert statuses(report) == {name: "passed" for name in names}
    assert code == 0


CORRECT_STOCHASTIC = [path for path in SNIPPETS
                      if header(path)["exercise"] in STOCHASTIC and header(path)["expect"] == "passed"]


@pytest.mark.parametrize("seed", a_few(["1", "2", "3"], kind=lambda seed: "any"))
@pytest.mark.parametrize("snippet", CORRECT_STOCHASTIC, ids=lambda path: path.stem)
def test_correct_random_functions_pass_whatever_the_seed(snippet, seed, tmp_path):
    """Graded by contract, a correct random function passes on any inputs and any random stream."""
    fields = header(snippet)
    module = snippet.parent.name
    (tmp_path / f"{module}.py").write_text((CORPUS / "base" / f"{module}.py").read_text() + "\n\n"
                                           + snippet.read_text())
    _, report, _ = grade(tmp_path, "--only", fields["exercise"], "--seed", seed)
    assert statuses(report) == {fields["exercise"]: "passed"}, report["exercises"][0]["message"]
