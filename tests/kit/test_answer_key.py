"""The answer key: current with the reference, and as good a judge as the reference on its cases."""

from __future__ import annotations

import dataclasses
import importlib
import math
import zipfile

import numpy as np
import pytest
from click.testing import CliRunner

from grader import engine, gradcheck
from grader.catalog import BY_NAME, EXERCISES
from grader.cli import main
from grader.compare import Tolerance
from grader.experiments import recorded
from grader.experiments.catalog import FAMILIES
from grader.kit import answer_key
from grader.oracle import RUBRICS as ORACLE
from grader.oracle.record import GENERATED, record
from grader.oracle.record import _size as size
from grader.rubrics import COMPARING, CONTRACTS, rubrics
from grader.rubrics.base import Returned
from grader.views import input_views
from tests.conftest import CORPUS, grade
from tests.test_rubrics import NAMED, _fake_call, answer

KIT = rubrics(kit=True)

def same(a, b, tolerance: Tolerance) -> bool:
    """Equal in structure and, for floats, within `tolerance` (as the grader compares, numpy.isclose)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape \
            and a.dtype.kind == b.dtype.kind \
            and np.allclose(b, a, rtol=tolerance.rtol, atol=tolerance.atol, equal_nan=True)
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or abs(b - a) <= tolerance.atol + tolerance.rtol * abs(a)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[key], b[key], tolerance) for key in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y, tolerance) for x, y in zip(a, b))
    return type(a) is type(b) and a == b

def interchangeable(old: answer_key.Entry, new: answer_key.Entry, name: str) -> bool:
    """Two recordings of a case agree where the grader can tell them apart: every value within
    the tolerance the exercise is judged with, the numerical derivatives within gradcheck's.
    Closer is not promised: on another CPU, BLAS rounds the last bits otherwise, and a
    gradient-check difference of 4.5e-9 is rounding noise, read only as "below 1e-7"."""
    old, new = old.to_plain(), new.to_plain()
    numeric = Tolerance(rtol=gradcheck.RTOL, atol=gradcheck.ATOL)
    # An exercise graded by its contract has inputs only, made without BLAS: rounding at most.
    tolerance = COMPARING[name].tolerance if name in COMPARING else Tolerance()
    return same(old.pop("numeric"), new.pop("numeric"), numeric) and same(old, new, tolerance)

@pytest.fixture(scope="module")
def key_now(recorded_now):
    return answer_key.read(recorded_now[0] / answer_key.PATH.name)

@pytest.mark.slow
def test_the_committed_answer_key_is_what_the_reference_gives_now(key_now):
    """Fails after a change to a rubric or the reference: run `grade kit record`."""
    committed = answer_key.read()
    assert committed.keys() == key_now.keys() == {exercise.name for exercise in EXERCISES}
    for name, entries in committed.items():
        assert len(entries) == len(key_now[name]), name
        for index, (old, new) in enumerate(zip(entries, key_now[name])):
            assert interchangeable(old, new, name), f"{name}, entry {index}"

def shifted(value):
    """`value` with every float moved by a thousandth (and at least 1e-3): a visible change."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return value + 1e-3 * (1 + np.abs(value))
    if isinstance(value, float):
        return value + 1e-3 * (1 + abs(value))
    if isinstance(value, dict):
        return {key: shifted(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(map(shifted, value))
    return value

@pytest.mark.parametrize("name", sorted(COMPARING))
def test_the_comparison_of_recordings_sees_a_changed_answer(name):
    """What the check of the committed key would see had the reference's answers changed."""
    case = KIT[name].explicit[0]
    entry = case.context["entry"]
    assert not KIT[name].judge(case, Returned(shifted(entry.expected))).passed
    assert not interchangeable(entry, dataclasses.replace(entry, expected=shifted(entry.expected)), name)

@pytest.mark.slow
def test_recording_again_gives_the_same_bytes(recorded_now, tmp_path):
    record(tmp_path / "again.zip")
    assert (tmp_path / "again.zip").read_bytes() == (recorded_now[0] / answer_key.PATH.name).read_bytes()

@pytest.mark.parametrize("name", sorted(ORACLE))
def test_explicit_cases_come_first_then_generated_ones_smallest_first(name):
    entries = answer_key.read()[name]
    explicit = len(ORACLE[name].explicit)
    assert [entry.explicit for entry in entries] == [True] * explicit + [False] * (len(entries) - explicit)
    assert len(entries) - explicit >= GENERATED * 0.8  # hypothesis may draw a case twice
    sizes = [size(entry.case) for entry in entries[explicit:]]
    assert sizes == sorted(sizes)

@pytest.mark.parametrize("rubric, mistake", NAMED, ids=lambda item: getattr(item, "name", None)
                         or getattr(item, "description", "")[:40])
def test_every_named_mistake_is_caught_and_named_for_itself_from_the_key(rubric, mistake):
    kit = KIT[rubric.name]
    assert kit.confirming_cases == tuple(case for case in kit.explicit if case.context["entry"].explicit)
    result = engine.grade(kit, _fake_call(mistake.compute), seed=0, module="any", points=1)
    assert result.misconception == mistake.description, result.message

@pytest.mark.parametrize("name", sorted(COMPARING))
def test_the_reference_passes_every_recorded_case(name):
    kit = KIT[name]
    reference = ORACLE[name].judge.answers.reference
    for case in kit.explicit:
        judgement = kit.judge(case, answer(reference, case))
        assert judgement.passed, judgement.message

@pytest.mark.parametrize("name", sorted(CONTRACTS))
def test_the_reference_meets_the_contract_on_every_recorded_case(name):
    """Exercises graded by their contract are graded on recorded cases in the kit, as compared ones are."""
    kit = KIT[name]
    reference = getattr(importlib.import_module(f"reference.{BY_NAME[name].module}"), name)
    assert len(kit.explicit) > len(CONTRACTS[name].explicit)
    for case in kit.explicit:
        judgement = kit.judge(case, answer(reference, case))
        assert judgement.passed, judgement.message

def test_in_the_kit_the_seed_changes_no_input(tmp_path):
    """Contract-graded exercises too are tried on the key's cases, whatever --seed says (the
    kit's report says so): a mistake the hand-picked cases miss fails on the same recorded case."""
    base = (CORPUS / "base" / "initialization.py").read_text()
    (tmp_path / "initialization.py").write_text(base + """

def initialize_parameters_he(layers_dims):  # Xavier's scale, but on the rubric's hand-picked sizes
    hand_picked = layers_dims in ([40, 20, 30, 1], [10, 60, 5])
    parameters = {}
    for l in range(1, len(layers_dims)):
        scale = np.sqrt((2 if hand_picked else 1) / layers_dims[l - 1])
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * scale
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
""")

    def graded(seed: str) -> dict:
        _, report, _ = grade(tmp_path, "--kit", "--seed", seed, "--only", "initialize_parameters_he")
        (exercise,) = report["exercises"]
        assert exercise["status"] == "failed" and "Xavier" in exercise["message"]
        return exercise

    recorded = [[dataclasses.asdict(view) for view in input_views(case.args, case.bind)]
                for case in KIT["initialize_parameters_he"].explicit
                if not case.context["entry"].explicit]
    for seed in ("1", "2"):
        exercise = graded(seed)
        assert exercise["failure"]["inputs"] == recorded[0]
        assert exercise["examples"] == len(CONTRACTS["initialize_parameters_he"].explicit) + 1  # no search, no shrinking


def test_the_kit_reports_the_first_recorded_case_that_fails():
    """Explicit cases first, then the smallest: the failure shown is the smallest the key has."""
    kit = KIT["update_lr"]

    def late_decay(learning_rate0, epoch_num, decay_rate):  # wrong only from epoch 1000 on
        return learning_rate0 / (1 + decay_rate * epoch_num) * (2 if epoch_num >= 1000 else 1)

    failing = [case for case in kit.explicit if not kit.judge(case, answer(late_decay, case)).passed]
    assert failing and failing[0] is not kit.explicit[0]
    result = engine.grade(kit, _fake_call(late_decay), seed=0, module="optimization", points=1)
    assert not result.passed
    assert result.failure.inputs == input_views(failing[0].args, failing[0].bind)

@pytest.mark.slow
def test_grade_kit_record_into_a_folder_writes_the_key_and_the_runs_there(recorded_now):
    folder, output = recorded_now
    key, runs = answer_key.read(folder / "answer_key.zip"), recorded.read(folder / "reference_runs.npz")
    assert f"Answer key: {folder / 'answer_key.zip'} ({sum(map(len, key.values()))} cases of 19 exercises)" in output
    assert f"Reference runs: {folder / 'reference_runs.npz'} ({len(runs)} runs)" in output
    assert set(runs) == {(family.name, run.key) for family in FAMILIES for run in family.runs}

def test_grade_kit_record_says_when_it_cannot_write(tmp_path):
    (tmp_path / "file").write_text("")
    done = CliRunner().invoke(main, ["kit", "record", "--into", str(tmp_path / "file" / "below")])
    assert done.exit_code == 2 and "cannot write" in done.output

@pytest.mark.parametrize("damage", ["truncated", "missing", "a member gone"])
def test_a_damaged_key_costs_the_exercises_it_cannot_give(damage, tmp_path, monkeypatch):
    """Not the student's doing: those exercises are not graded, and say why; the rest are."""
    key = tmp_path / "answer_key.zip"
    if damage == "truncated":
        key.write_bytes(answer_key.PATH.read_bytes()[:100_000])
    elif damage == "a member gone":
        with zipfile.ZipFile(answer_key.PATH) as old, zipfile.ZipFile(key, "w") as new:
            for member in old.namelist():
                if member != "update_lr.msg":
                    new.writestr(member, old.read(member))
    monkeypatch.setattr(answer_key, "PATH", key)
    answer_key._entries.cache_clear()
    try:
        code, report, _ = grade(CORPUS / "base", "--kit", "--only", "update_lr", "--only", "random_mini_batches")
    finally:
        answer_key._entries.cache_clear()
    assert code == 1
    found = {exercise["name"]: exercise for exercise in report["exercises"]}
    lost = ["update_lr"] if damage == "a member gone" else ["update_lr", "random_mini_batches"]
    for name in lost:
        assert found[name]["status"] == "error"
        assert f"answer key for {name} cannot be read" in found[name]["message"]
        assert "reinstall the kit" in found[name]["message"]
    assert {name for name, exercise in found.items() if exercise["status"] == "passed"} == \
        {"update_lr", "random_mini_batches"} - set(lost)

def test_grade_kit_build_wants_a_folder(tmp_path):
    (tmp_path / "file").write_text("")
    done = CliRunner().invoke(main, ["kit", "build", str(tmp_path / "file")])
    assert done.exit_code == 2 and "is not a folder" in done.output
