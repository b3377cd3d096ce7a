"""`grade batch --scheduler`: the same grades from a Dask cluster, here a local one on loopback."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from grader.batch import cluster
from grader.catalog import EXERCISES
from grader.cli import main
from tests.batch.test_batch import current, shortened_plan
from tests.classroom import make_class
from tests.conftest import CORPUS, statuses

distributed = pytest.importorskip("distributed")  # the test extra installs it: CI runs this


@pytest.fixture(scope="module")
def scheduler():
    # Two threads in one worker process, as Dask runs by default: the verdicts must not suffer.
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
def test_a_class_graded_on_a_dask_cluster_gets_the_corpus_verdicts(scheduler, tmp_path):
    folder, out = tmp_path / "class", tmp_path / "out"
    expected = make_class(folder, 3, seed=6, hostile=("hard_exit",))
    result = CliRunner().invoke(main, ["batch", str(folder), "--out", str(out), "--scheduler", scheduler])
    assert result.exit_code == 0, result.output
    assert {student: statuses(report) for student, report in current(out).items()} == {
        student: {e.name: targeted.get(e.name, "passed") for e in EXERCISES} for student, targeted in expected.items()}
    assert (out / "summary.html").is_file() and len(list((out / "reports").iterdir())) == 4

    again = CliRunner().invoke(main, ["batch", str(folder), "--out", str(out), "--scheduler", scheduler])
    assert "Graded 0 submissions; 4 unchanged" in again.output


@pytest.mark.slow
def test_the_workers_grade_with_the_plans_the_coordinator_made_once(scheduler, tmp_path, monkeypatch):
    full = shortened_plan(monkeypatch)
    shutil.copytree(CORPUS / "base", tmp_path / "class" / "alice")
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "class"), "--out", str(tmp_path / "out"),
                                       "--scheduler", scheduler])
    assert result.exit_code == 0, result.output
    (report,) = current(tmp_path / "out").values()
    assert {exercise["name"]: exercise["examples"] for exercise in report["exercises"]}["update_lr"] == 2 < full


def test_a_scheduler_that_cannot_be_reached_exits_2(tmp_path, monkeypatch):
    # Nothing listens on port 9: Dask retries the refused connection until its timeout, which
    # only decides how long the refusal takes to come.
    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 1)
    (tmp_path / "class" / "alice").mkdir(parents=True)
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "class"), "--out", str(tmp_path / "out"),
                                       "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
