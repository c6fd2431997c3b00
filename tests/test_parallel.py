"""Coding on several processes and on Dask: the same store as a one-process run, written in bulk.

The end-to-end runs code the six example articles in batches of two (so that several batches
are in flight at once): one process, a pool of two, and a two-worker Dask LocalCluster on
127.0.0.1. Each compares every stored row (events, actors, merged events, mentions) with the
one-process run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tacitus.records import Actor, Article, Event, Sentence

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles.jsonl"
#: Rows compared between runs: every table a run writes, without its timestamps.
TABLES = {
    "events": "SELECT * FROM events ORDER BY event_id",
    "actors": "SELECT * FROM actors ORDER BY article_id, start, code, via",
    "quotes": "SELECT * FROM quotes ORDER BY quote_id",
    "sentences": "SELECT * FROM sentences ORDER BY article_id, idx",
    "merged_events": "SELECT * EXCLUDE (added_at) FROM merged_events ORDER BY event_id",
    "mentions": "SELECT * EXCLUDE (added_at) FROM mentions ORDER BY mention_id",
    "stories": "SELECT * FROM stories ORDER BY story_id",
}


def _coded(tmp_path: Path, monkeypatch, name: str, **how) -> tuple[dict, list[str]]:
    from tacitus import parallel
    from tacitus.pipeline import run
    from tacitus.store import Store

    monkeypatch.setattr(parallel, "BATCH_ARTICLES", 2)
    with Store(tmp_path / f"{name}.duckdb") as store:
        report = run([str(EXAMPLES)], store=store, **how)
        assert report.coded == report.stored == 6 and not report.skipped
        rows = {t: store.rows(sql) for t, sql in TABLES.items()}
    return rows, [e.event_id for e in report.coded_events]


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        return _coded(tmp_path_factory.mktemp("one"), monkeypatch, "one", workers=1)


def test_parallel_two_workers_store_what_one_process_stores(one_process, tmp_path, monkeypatch):
    rows, order = _coded(tmp_path, monkeypatch, "two", workers=2)
    assert rows["events"] and rows["merged_events"]
    for table, expected in one_process[0].items():
        assert rows[table] == expected, table
    assert order == one_process[1]  # events come out in input order
    # run again: every input is stored, so no worker starts and no pipeline is built, and
    # the run reports the stored events
    from tacitus import parallel
    from tacitus.pipeline import run
    from tacitus.store import Store

    def refuse(*args, **kwargs):
        raise AssertionError("a rerun over stored inputs started its workers or built a pipeline")

    monkeypatch.setattr(parallel.LocalEngine, "start", refuse)
    monkeypatch.setattr(parallel.PipelineSpec, "build", refuse)
    with Store(tmp_path / "two.duckdb") as store:
        again = run([str(EXAMPLES)], store=store, workers=2)
    assert again.duplicates == again.coded == 6 and again.read == 6 and not again.skipped
    assert sorted(e.event_id for e in again.coded_events) == sorted(order)


#: A run with two workers in a fresh process, as ``tacitus code`` is when it starts them
#: (tacitus.runner, which imports neither spaCy nor PyTorch; tacitus.pipeline imports spaCy,
#: which imports PyTorch); with ``thread``, a thread of the caller's is running then. Prints
#: how its workers were started (forked or not, and whether PyTorch had been imported by
#: then) and the events, in order.
FRESH_RUN = """
import json, sys, threading
from tacitus import parallel
from tacitus.parallel import pool
from tacitus.runner import run

started = []


class Recording(pool.WorkerPool):
    def start(self):
        if not self.workers:
            super().start()
            started.append({"forked": self.forked, "torch": "torch" in sys.modules, "parse_only": self.parse_only})


if __name__ == "__main__":
    pool.WorkerPool = Recording
    parallel.BATCH_ARTICLES = 2
    if sys.argv[2] == "thread":
        threading.Thread(target=threading.Event().wait, daemon=True).start()
    if len(sys.argv) > 3:  # one worker and a store: coded apart from the writer
        from tacitus.store import Store

        with Store(sys.argv[3]) as store:
            report = run([sys.argv[1]], workers=1, store=store)
            stored = {t: store.rows(sql) for t, sql in json.loads(sys.argv[4]).items()}
    else:
        report = run([sys.argv[1]], workers=2)
        stored = []
    print(json.dumps({"started": started, "skipped": len(report.skipped), "stored": stored,
                      "events": [e.event_id for e in report.coded_events]}, default=str))
"""


@pytest.mark.parametrize("caller", ["alone", "thread"])
def test_parallel_workers_are_forked_only_from_a_process_without_threads(one_process, tmp_path, caller):
    import os
    import subprocess
    import sys

    script = tmp_path / "fresh_run.py"
    script.write_text(FRESH_RUN, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, str(script), str(EXAMPLES), caller], capture_output=True, text=True,
                          env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.splitlines()[-1])
    # forked from a parent that built the pipeline once, with PyTorch kept out of it as a
    # spawned worker keeps it out; with a thread running, spawned: the same events either way
    assert result["started"] == [{"forked": caller == "alone", "torch": False, "parse_only": False}]
    assert result["skipped"] == 0 and result["events"] == one_process[1]


def test_parallel_one_worker_with_a_store_parses_apart_from_the_writer(one_process, tmp_path):
    # three batches and a store: the one worker is forked and only parses; the writer codes
    # its Docs, stores and links beside it. Every stored row, and the events in their order,
    # are those of coding in the one process
    import os
    import subprocess
    import sys

    script = tmp_path / "fresh_run.py"
    script.write_text(FRESH_RUN, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, str(script), str(EXAMPLES), "alone", str(tmp_path / "apart.duckdb"),
                           json.dumps(TABLES)], capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.splitlines()[-1])
    assert result["started"] == [{"forked": True, "torch": False, "parse_only": True}]
    assert result["skipped"] == 0 and result["events"] == one_process[1]
    expected = json.loads(json.dumps(one_process[0], default=str))
    assert result["stored"]["events"] and result["stored"]["mentions"]
    for table, rows in expected.items():
        assert result["stored"][table] == rows, table


def test_parallel_parsed_docs_code_as_the_text_does():
    # what a worker that only parses sends (a DocBin of the batch) codes to the same rows
    # and events as parsing and coding in one go, and an article whose parse failed there is
    # skipped with the reason, its neighbours coded
    from tacitus.ingest.readers import read
    from tacitus.parallel import ParsedBatch, PipelineSpec, code_batch, parse_batch

    pipeline = PipelineSpec().build()
    articles = [a for a in read([str(EXAMPLES)]) if isinstance(a, Article)][:3]
    whole = code_batch(pipeline, articles)
    parsed = parse_batch(articles, 4)
    assert parsed.index == 4 and not parsed.failed and len(parsed.docs) > 1000
    again = code_batch(pipeline, articles, 4, parsed=parsed)
    assert again.index == 4 and again.coded == 3 and again.events and not again.skipped
    assert [e.to_dict() for e in again.events] == [e.to_dict() for e in whole.events]
    for name, table in whole.tables.items():  # all but the time of coding
        keep = [c for c in table.column_names if c != "coded_at"]
        assert again.tables[name].select(keep).equals(table.select(keep)), name
    from tacitus import nlp

    docs = nlp.docs_from_bytes(parsed.docs)
    broken = ParsedBatch(5, nlp.docs_to_bytes([docs[0], docs[2]]), {1: "the parser ran out of memory"})
    partly = code_batch(pipeline, articles, 5, parsed=broken)
    assert partly.coded == 2 and [s.reason for s in partly.skipped] == ["coding failed: the parser ran out of memory"]
    assert [e.to_dict() for e in partly.events] == [e.to_dict() for e in whole.events
                                                    if e.article_id != articles[1].id]


def test_parallel_one_worker_codes_in_process_for_a_single_batch_or_without_fork(monkeypatch):
    from tacitus.parallel import LocalEngine, PipelineSpec, pool
    from tacitus.records import Options

    spec = PipelineSpec(Options(), (), (), (), (), None)
    assert not LocalEngine(spec, 1)._pooled()
    monkeypatch.setattr(pool, "may_fork", lambda: False)
    engine = LocalEngine(spec, 1, apart=True)
    assert not engine._pooled() and not engine.apart
    monkeypatch.setattr(pool, "may_fork", lambda: True)
    assert LocalEngine(spec, 1, apart=True)._pooled() and LocalEngine(spec, 2)._pooled()


def test_parallel_may_fork_not_with_a_thread_running_or_pytorch_imported(monkeypatch):
    import sys
    import threading

    from tacitus.parallel import pool

    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setitem(sys.modules, "torch", None)  # as if imported: only its name is looked up
    assert not pool.may_fork()
    monkeypatch.delitem(sys.modules, "torch")
    assert pool.may_fork()
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert not pool.may_fork()


def test_parallel_dask_local_cluster_stores_what_one_process_stores(one_process, tmp_path, monkeypatch):
    pytest.importorskip("distributed", reason="the Dask engine needs dask[distributed] (pip install -e '.[dev]')")
    shards = tmp_path / "shards"
    rows, order = _coded(tmp_path, monkeypatch, "dask", workers=2, engine="dask", shards=str(shards))
    for table, expected in one_process[0].items():
        assert rows[table] == expected, table
    assert order == one_process[1]
    import pyarrow.parquet as pq

    run_dir = next(shards.iterdir())
    assert sorted(p.name for p in (run_dir / "events").iterdir()) == [f"part-00000{i}.parquet" for i in range(3)]
    assert sum(pq.read_table(p).num_rows for p in (run_dir / "events").iterdir()) == len(rows["events"])


def test_parallel_workers_code_a_verb_the_generaliser_codes(tmp_path):
    # the workers once kept torch out for good, so an article with a verb no pattern names
    # was skipped ("coding failed: import of torch halted") with --workers 2, and coded with 1
    from tacitus.pipeline import run

    path = tmp_path / "bombarded.jsonl"
    path.write_text(json.dumps({"text": "Portugal bombarded Spain's border towns on Tuesday.",
                                "published": "2024-03-15"}) + "\n", encoding="utf-8")
    report = run([str(path)], workers=2)
    assert not report.skipped and report.coded == 1
    assert [e.cameo for e in report.coded_events if "generalised" in e.how] == ["195"]


def _event(article: Article, i: int, cameo: str) -> Event:
    return Event(article.id, article.path, i, f"Sentence {i}.", (0, 11), Actor("France", "France", "FRA", None, "FRA"),
                 Actor("Kazakhstan", "Kazakhstan", "KAZ", None, "KAZ"), cameo, date="2024-05-03", published="2024-05-03")


def test_store_add_tables_writes_a_batch_once_and_all_or_nothing(fresh_store):
    from tacitus.errors import StoreError
    from tacitus.store import Rows

    one = Article.from_text("France and Kazakhstan met.", path="one.txt")
    two = Article.from_text("France praised Kazakhstan.", path="two.txt")
    rows = Rows("model")
    for a in (one, two, one):  # the same text twice in a batch is stored once
        rows.add(a, [Sentence(a.id, 0, 0, len(a.text), a.text)], [], [_event(a, 0, "040")], [], [])
    assert fresh_store.add_tables(rows.tables()) == [one.id, two.id]
    assert fresh_store.counts()["articles"] == 2 and fresh_store.counts()["events"] == 2
    assert fresh_store.add_tables(rows.tables()) == []  # already stored: nothing added

    three = Article.from_text("France criticised Kazakhstan.", path="three.txt")
    bad = Rows("model")
    bad.add(three, [Sentence(three.id, 0, 0, len(three.text), three.text)], [], [_event(three, 0, "112")], [], [])
    # an event id already stored: the insert fails, and the batch is stored as a whole or not at all
    bad.columns["events"]["event_id"][0] = fresh_store.rows("SELECT event_id FROM events LIMIT 1")[0]["event_id"]
    with pytest.raises(StoreError, match="three.txt"):
        fresh_store.add_tables(bad.tables())
    assert fresh_store.counts()["articles"] == 2 and not fresh_store.has_article(three.id)


def test_export_event_sink_streams_batches(tmp_path):
    import pyarrow.parquet as pq

    from tacitus.export import EventSink

    a = Article.from_text("France and Kazakhstan met.", path="one.txt")
    events = [_event(a, i, "040").to_dict() for i in range(3)]
    for suffix in ("parquet", "jsonl", "csv"):
        with EventSink(tmp_path / f"out.{suffix}") as sink:
            sink.write(events[:2])
            sink.write([])
            sink.write(events[2:])
        assert sink.count == 3
    assert pq.read_table(tmp_path / "out.parquet").num_rows == 3
    assert [json.loads(x)["sentence_index"] for x in (tmp_path / "out.jsonl").read_text().splitlines()] == [0, 1, 2]
    assert len((tmp_path / "out.csv").read_text().splitlines()) == 4


def test_progress_count_inputs_counts_files_and_jsonl_lines(tmp_path):
    from tacitus.progress import count_inputs

    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n')
    (tmp_path / ".hidden.txt").write_text("x")
    assert count_inputs([str(tmp_path)]) == 3
    assert count_inputs([str(tmp_path / "a.txt"), "-"]) is None


def test_parallel_default_workers_is_one_for_a_small_run():
    from tacitus.parallel import SMALL_RUN_ARTICLES, default_workers

    assert default_workers(SMALL_RUN_ARTICLES - 1) == 1
    assert default_workers(None) >= 1 and default_workers(10_000) == default_workers(None)
