"""The answer key: current with the reference, and as good a judge as the reference on its cases."""

from __future__ import annotations

import math
import zipfile

import numpy as np
import pytest
from click.testing import CliRunner

from grader import engine
from grader.cli import main
from grader.kit import answer_key
from grader.oracle import RUBRICS as ORACLE
from grader.oracle.record import GENERATED, record
from grader.oracle.record import _size as size
from grader.rubrics import COMPARING, rubrics
from grader.views import input_views
from tests.conftest import CORPUS, grade
from tests.test_rubrics import NAMED, _fake_call, answer

KIT = rubrics(kit=True)


def same(a, b) -> bool:
    """Equal in structure and, for floats, to within what another CPU's arithmetic may change."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape \
            and a.dtype.kind == b.dtype.kind and np.allclose(a, b, rtol=1e-7, atol=1e-12, equal_nan=True)
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-7, abs_tol=1e-12)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[key], b[key]) for key in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(same, a, b))
    return type(a) is type(b) and a == b


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    path = tmp_path_factory.mktemp("key") / "answer_key.zip"
    record(path)
    return answer_key.read(path)


def test_the_committed_answer_key_is_what_the_reference_gives_now(recorded):
    """Fails after a change to a rubric or the reference: run `grade kit record`."""
    committed = answer_key.read()
    assert committed.keys() == recorded.keys() == COMPARING.keys()
    for name, entries in committed.items():
        assert len(entries) == len(recorded[name]), name
        for index, (old, new) in enumerate(zip(entries, recorded[name])):
            assert same(old.to_plain(), new.to_plain()), f"{name}, entry {index}"


def test_recording_twice_gives_the_same_bytes(recorded, tmp_path):
    record(tmp_path / "again.zip")
    record(tmp_path / "once_more.zip")
    assert (tmp_path / "again.zip").read_bytes() == (tmp_path / "once_more.zip").read_bytes()


@pytest.mark.parametrize("name", sorted(COMPARING))
def test_explicit_cases_come_first_then_generated_ones_smallest_first(name):
    entries = answer_key.read()[name]
    explicit = len(ORACLE[name].explicit)
    assert [entry.explicit for entry in entries] == [True] * explicit + [False] * (len(entries) - explicit)
    assert len(entries) - explicit >= GENERATED * 0.8  # hypothesis may draw a case twice
    sizes = [size(entry.case) for entry in entries[explicit:]]
    assert sizes == sorted(sizes)


@pytest.mark.parametrize("rubric, mistake", NAMED, ids=lambda item: getattr(item, "name", None)
                         or getattr(item, "description", "")[:40])
def test_every_named_mistake_is_caught_and_named_from_the_key(rubric, mistake):
    kit = KIT[rubric.name]
    hand_picked = [case for case in kit.explicit if case.context["entry"].explicit]
    judged = [kit.judge(case, answer(mistake.compute, case)) for case in hand_picked]
    failed = [judgement for judgement in judged if not judgement.passed]
    assert failed, f"no recorded case of {rubric.name} exposes: {mistake.description}"
    assert any(mistake.description in judgement.message for judgement in failed), failed[0].message


@pytest.mark.parametrize("name", sorted(COMPARING))
def test_the_reference_passes_every_recorded_case(name):
    kit = KIT[name]
    reference = ORACLE[name].judge.answers.reference
    for case in kit.explicit:
        judgement = kit.judge(case, answer(reference, case))
        assert judgement.passed, judgement.message


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


def test_grade_kit_record_writes_the_key(tmp_path, monkeypatch):
    monkeypatch.setattr(answer_key, "PATH", tmp_path / "key.zip")
    done = CliRunner().invoke(main, ["kit", "record"])
    assert done.exit_code == 0, done.output
    assert f"{sum(len(e) for e in answer_key.read(tmp_path / 'key.zip').values())} cases of 15 exercises" in done.output


@pytest.mark.parametrize("damage", ["truncated", "missing", "a member gone"])
def test_a_damaged_key_costs_the_compared_exercises_only(damage, tmp_path, monkeypatch):
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
    assert found["random_mini_batches"]["status"] == "passed"
    assert found["update_lr"]["status"] == "error"
    assert "answer key for update_lr cannot be read" in found["update_lr"]["message"]
    assert "reinstall the kit" in found["update_lr"]["message"]


def test_grade_kit_build_wants_a_folder(tmp_path):
    (tmp_path / "file").write_text("")
    done = CliRunner().invoke(main, ["kit", "build", str(tmp_path / "file")])
    assert done.exit_code == 2 and "is not a folder" in done.output
