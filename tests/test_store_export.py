"""The store (DuckDB) and the exports (JSON Lines, CSV, Parquet)."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest

import tacitus
from tacitus.errors import StoreError
from tacitus.export import write_events
from tacitus.ingest import article_from_text
from tacitus.pipeline import _pipeline
from tacitus.store import Store

TEXT = ("Egyptian President Abdel Fattah el-Sisi met Kenyan officials in Cairo on Monday. "
        "Egypt and Kenya signed an agreement on water. Egypt condemned Ethiopia on Tuesday.")


@pytest.fixture(scope="module")
def coded():
    return _pipeline(None).code_article(article_from_text(TEXT, path="a.txt", published="2024-02-07"))


def test_store_add_is_idempotent(fresh_store, coded):
    assert fresh_store.add(coded.article, coded.sentences, coded.mentions, coded.events)
    assert not fresh_store.add(coded.article, coded.sentences, coded.mentions, coded.events)
    counts = fresh_store.counts()
    assert counts["articles"] == 1 and counts["events"] == len(coded.events) > 0
    assert counts["sentences"] == 3 and counts["actors"] >= 4


def test_store_events_round_trip_and_filters(fresh_store, coded):
    fresh_store.add(coded.article, coded.sentences, coded.mentions, coded.events)
    stored = fresh_store.events()
    assert {e["event_id"] for e in stored} == {e.event_id for e in coded.events if not e.negated}
    assert stored[0] == next(e.to_dict() for e in coded.events if e.event_id == stored[0]["event_id"])
    assert all(e["cameo"].startswith("05") for e in fresh_store.events(code="05"))
    between = fresh_store.events(dyad=("KEN", "EGY"))
    assert between and all({e["source"]["country"], e["target"]["country"]} == {"EGY", "KEN"} for e in between)
    assert fresh_store.events(dyad=("EGY", "ETH"), directed=True)
    assert not fresh_store.events(dyad=("ETH", "EGY"), directed=True)
    assert fresh_store.events(since=date(2024, 2, 6), until=date(2024, 2, 6)) == \
        [e for e in stored if e["date"] == "2024-02-06"]


def test_store_failed_article_keeps_earlier_ones(tmp_path, coded):
    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        store.add(coded.article, coded.sentences, coded.mentions, coded.events)
        other = _pipeline(None).code_article(article_from_text("Peru praised Chile on Monday.", published="2024-01-01"))
        broken = other.events + other.events[:1]  # the same event twice breaks nothing: duplicates are skipped
        assert store.add(other.article, other.sentences, other.mentions, broken)
        store.db.execute("DROP TABLE sentences")  # make the next write fail mid-way
        third = _pipeline(None).code_article(article_from_text("Chile thanked Peru.", published="2024-01-02"))
        with pytest.raises(StoreError):
            store.add(third.article, third.sentences, third.mentions, third.events)
        assert store.counts is not None
        assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_store_not_a_database(tmp_path):
    bad = tmp_path / "notes.duckdb"
    bad.write_text("this is not a database")
    with pytest.raises(StoreError) as err:
        Store(bad)
    assert "cannot open the store" in str(err.value)


def test_export_jsonl_csv_parquet(tmp_path, coded):
    events = [e.to_dict() for e in coded.events]
    assert write_events(events, tmp_path / "e.jsonl") == len(events)
    lines = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert lines == events
    write_events(events, tmp_path / "e.csv")
    rows = list(csv.DictReader(open(tmp_path / "e.csv", encoding="utf-8")))
    assert len(rows) == len(events) and rows[0]["source_country"] == events[0]["source"]["country"]
    assert int(rows[0]["span_start"]) == events[0]["span"][0]
    import pyarrow.parquet as pq

    write_events(events, tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == len(events) and "target_code" in table.column_names
    write_events([], tmp_path / "empty.parquet")
    assert "cameo" in pq.read_table(tmp_path / "empty.parquet").column_names


def test_export_spec_fields_present(coded):
    spec = {"event_id", "article_id", "article_path", "sentence_index", "sentence", "span", "date", "source",
            "target", "cameo", "cameo_root", "plover", "quad_class", "goldstein", "negated", "location", "confidence"}
    for e in coded.events:
        d = e.to_dict()
        assert spec <= set(d)
        assert set(d["source"]) == {"text", "name", "country", "role", "code"}
        assert d["quad_class"] in (1, 2, 3, 4) and -10 <= d["goldstein"] <= 10


def test_export_event_ids_are_stable(coded):
    again = tacitus.code(TEXT, path="a.txt", published="2024-02-07")
    assert [e.event_id for e in again] == [e.event_id for e in coded.events]
