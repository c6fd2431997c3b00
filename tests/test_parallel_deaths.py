"""A worker process that dies does not hang or sink a run (tacitus/parallel/pool.py).

Workers are killed for real: with SIGKILL from outside while the run goes on (nothing is
lost: their batches are coded again), and by the test hook that makes a worker kill itself
on one article (that article alone is lost, reported, and ``--strict`` turns it into exit
status 1). The six example articles, in batches of one or two.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles.jsonl"
#: The example article the hook kills its workers on.
VICTIM = "02_tokayev_paris_2022.txt"
EVENTS = "SELECT * FROM events ORDER BY event_id"
MERGED = "SELECT * EXCLUDE (added_at) FROM merged_events ORDER BY event_id"


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    from tacitus.pipeline import run
    from tacitus.store import Store

    with Store(tmp_path_factory.mktemp("one") / "one.duckdb") as store:
        report = run([str(EXAMPLES)], store=store, workers=1)
        assert report.stored == 6
        return store.rows(EVENTS), store.rows(MERGED)


def test_parallel_deaths_workers_killed_from_outside_lose_nothing(one_process, tmp_path, monkeypatch):
    import multiprocessing

    from tacitus import parallel
    from tacitus.pipeline import run
    from tacitus.store import Store

    monkeypatch.setattr(parallel, "BATCH_ARTICLES", 1)
    killed: list[int] = []

    def kill_workers(events: list) -> None:
        if killed:
            return
        # after the first batch is written: the workers hold the next batches (or their results)
        for child in multiprocessing.active_children():
            if child.name == "tacitus-worker":
                os.kill(child.pid, signal.SIGKILL)
                killed.append(child.pid)

    with Store(tmp_path / "killed.duckdb") as store:
        report = run([str(EXAMPLES)], store=store, workers=2, on_events=kill_workers)
        assert len(killed) == 2
        assert report.worker_deaths == ["killed by signal 9 (SIGKILL)"] * 2
        assert report.lost == 0 and not report.skipped
        assert report.stored == 6
        assert (store.rows(EVENTS), store.rows(MERGED)) == one_process


def test_parallel_deaths_a_worker_that_only_parses_killed_loses_nothing(tmp_path, monkeypatch):
    # one worker that only parses (one worker apart), killed after the first batch came back:
    # its batch is parsed again article by article by a new worker, this process codes the
    # parts, and the events are those of coding in one process, in order
    from tacitus.ingest.readers import read
    from tacitus.parallel import PipelineSpec, batches, code_batch
    from tacitus.parallel.pool import WorkerPool
    from tacitus.records import Article

    articles = [a for a in read([str(EXAMPLES)]) if isinstance(a, Article)]
    expected = [e.event_id for e in code_batch(PipelineSpec().build(), articles).events]
    pool = WorkerPool(PipelineSpec(), 1, 2, parse_only=True)
    got, killed = [], []
    for batch in pool.run(batches(articles, 2)):
        got.extend(e.event_id for e in batch.events)
        if not killed:
            killed.append(pool.workers[0].process.pid)
            os.kill(killed[0], signal.SIGKILL)
    assert killed and pool.deaths == ["killed by signal 9 (SIGKILL)"]
    assert got == expected and len(expected) > 5


def test_parallel_deaths_an_article_that_kills_its_worker_is_lost_alone(one_process, tmp_path):
    # batches of 32: the victim shares its batch with the five other articles, which are
    # coded again one by one and stored; the victim kills the worker again and is reported
    db, out = tmp_path / "lost.duckdb", tmp_path / "lost.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TACITUS_TEST_KILL_WORKER_ON": VICTIM}
    command = [sys.executable, "-m", "tacitus", "code", str(EXAMPLES), "--workers", "2", "--db", str(db),
               "--out", str(out), "--quiet"]
    proc = subprocess.run([*command, "--strict"], capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 1, proc.stderr
    assert (f"{VICTIM}:2: lost: the worker coding it died (killed by signal 9 (SIGKILL)) twice, the second time "
            "with this article alone") in proc.stderr
    assert "read 6, coded 5 (5 new, 0 already stored), skipped 1 (1 lost: a worker died)" in proc.stdout
    assert "1 inputs were skipped or lost (see the reasons above), and --strict was given" in proc.stderr
    from tacitus.store import Store

    with Store(db, read_only=True) as store:
        victim = store.rows("SELECT id FROM articles WHERE path LIKE ?", [f"%{VICTIM}"])
        assert victim == [] and len(store.rows("SELECT id FROM articles")) == 5
        events = store.rows(EVENTS)
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert events and len(written) == len(events)
    assert not any(e["article_path"].endswith(VICTIM) for e in written)
    # the other articles' events are those of a run where nothing died
    expected = [row for row in one_process[0] if not (row["article_path"] or "").endswith(VICTIM)]
    assert events == expected and len(expected) < len(one_process[0])
    # without --strict the same run is a success (nothing new to code: all five are stored)
    again = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert again.returncode == 0, again.stderr
    assert "skipped 1 (1 lost: a worker died)" in again.stdout


def test_parallel_deaths_dask_an_article_that_kills_its_worker_is_lost_alone(one_process, tmp_path):
    # the same on a two-worker Dask LocalCluster: the victim's partition (all six articles)
    # kills its worker, the scheduler gives up on it at once, its articles are coded again one
    # per task, and the victim kills a worker again, alone: reported lost, the others stored
    pytest.importorskip("distributed", reason="the Dask engine needs dask[distributed] (pip install -e '.[dev]')")
    db, out = tmp_path / "lost.duckdb", tmp_path / "lost.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TACITUS_TEST_KILL_WORKER_ON": VICTIM}
    command = [sys.executable, "-m", "tacitus", "code", str(EXAMPLES), "--engine", "dask", "--workers", "2",
               "--db", str(db), "--out", str(out), "--quiet", "--shards", str(tmp_path / "shards"), "--strict"]
    proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 1, proc.stderr
    assert (f"{VICTIM}:2: lost: the worker coding it died (a Dask worker died) twice, the second time "
            "with this article alone") in proc.stderr
    assert "read 6, coded 5 (5 new, 0 already stored), skipped 1 (1 lost: a worker died)" in proc.stdout
    assert "warning: 2 worker processes died (a Dask worker died) and were replaced" in proc.stderr
    assert "1 inputs were skipped or lost (see the reasons above), and --strict was given" in proc.stderr
    from tacitus.store import Store

    with Store(db, read_only=True) as store:
        assert store.rows("SELECT id FROM articles WHERE path LIKE ?", [f"%{VICTIM}"]) == []
        assert len(store.rows("SELECT id FROM articles")) == 5
        events = store.rows(EVENTS)
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert events and len(written) == len(events)
    # the other articles' events are those of a run where nothing died
    assert events == [row for row in one_process[0] if not (row["article_path"] or "").endswith(VICTIM)]
