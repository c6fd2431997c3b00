"""Dyad histories, the actor network and the merged-level exports (GDELT, PLOVER, Parquet)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest
from click.testing import CliRunner

from tacitus.cli import cli
from tacitus.export import GDELT_EVENT_COLUMNS, plover_records, plover_schema
from tacitus.history import actor_network, actor_table, dyad_history, plot_dyad
from tacitus.store import Store

# GDELT 2.0's event table as its codebook publishes it (GDELT Event Codebook V2.0): the list a
# GDELT user passes to pandas. Written out here rather than imported, so the test checks ours.
GDELT_PUBLISHED = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name Actor1CountryCode "
    "Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code "
    "Actor1Type2Code Actor1Type3Code Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode "
    "Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources "
    "NumArticles AvgTone Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code "
    "Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID Actor2Geo_Type Actor2Geo_FullName "
    "Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long "
    "Actor2Geo_FeatureID ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code "
    "ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL").split()
GDELT_MENTIONS_PUBLISHED = (
    "GLOBALEVENTID EventTimeDate MentionTimeDate MentionType MentionSourceName MentionIdentifier SentenceID "
    "Actor1CharOffset Actor2CharOffset ActionCharOffset InRawText Confidence MentionDocLen MentionDocTone "
    "MentionDocTranslationInfo Extras").split()


def invoke(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result


def test_history_dyad_shows_2022_and_2023_visits_and_agreements_in_order(linked_store):
    with Store(linked_store, read_only=True) as store:
        history = dyad_history(store, "FRA", "KAZ", by="month")
    dated = [e for e in history.events if e["date"]]
    assert [e["date"] for e in dated] == sorted(e["date"] for e in dated)
    visits = [(e["date"].year, e["cameo"]) for e in dated if e["cameo_root"] == "04"]
    deals = [(e["date"].year, e["cameo"]) for e in dated if e["cameo"] == "057"]
    assert (2022, "042") in visits and (2023, "042") in visits  # Tokayev in Paris, Macron in Astana
    assert {y for y, _ in deals} == {2022, 2023}
    assert [p.start for p in history.periods] == [date(2022, 12, 1), date(2023, 11, 1)]
    assert sum(p.events for p in history.periods) == len(dated)
    assert all(-10 <= p.goldstein_mean <= 10 for p in history.periods)
    visit = next(e for e in dated if e["cameo"] == "042" and e["date"] == date(2023, 11, 1))
    assert len(visit["mentions"]) == 4 and visit["disagreements"]


def test_history_dyad_plot_is_a_png_chart(linked_store, tmp_path):
    with Store(linked_store, read_only=True) as store:
        history = dyad_history(store, "KAZ", "FRA", by="week", since=date(2022, 1, 1))
    png = plot_dyad(history, tmp_path / "fra-kaz.png")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1000, 600) and len(data) > 20_000


def test_history_cli_dyad_table_csv_json_and_plot(linked_store, tmp_path):
    table = invoke("dyad", "FRA", "KAZ", "--db", linked_store)
    assert table.exit_code == 0, table.output
    assert "2022-12" in table.output and "2023-11" in table.output and "042 Make a visit" in table.output
    assert "disagreement" in table.output and "Eurasia Daily Brief" in table.output
    csv_out = invoke("dyad", "fra", "kaz", "--db", linked_store, "--format", "csv", "--by", "month").output
    assert csv_out.splitlines()[0] == "period,events,quad1,quad2,quad3,quad4,goldstein_mean,goldstein_sum"
    assert [line.split(",")[0] for line in csv_out.splitlines()[1:]] == ["2022-12", "2023-11"]
    png = tmp_path / "chart.png"
    js = invoke("dyad", "FRA", "KAZ", "--db", linked_store, "--format", "json", "--since", "2023-01-01",
                "--plot", png)
    payload = json.loads(js.stdout)
    assert [p["period"] for p in payload["periods"]] == ["2023-11"]
    assert all(e["date"] >= "2023-01-01" for e in payload["events"]) and png.stat().st_size > 20_000
    bad = CliRunner().invoke(cli, ["dyad", "FRA", "KAZ", "--db", linked_store, "--plot", tmp_path / "c.pdf"])
    assert bad.exit_code == 1 and "name the chart FILE.png" in bad.output
    missing = CliRunner().invoke(cli, ["dyad", "FRA", "KAZ", "--db", tmp_path / "none.duckdb"])
    assert missing.exit_code == 1 and "no store at" in missing.output


def test_history_actors_and_network(linked_store, tmp_path):
    import networkx as nx

    with Store(linked_store, read_only=True) as store:
        rows = actor_table(store, top=3)
        graph = actor_network(store)
    assert {r.key for r in rows[:2]} == {"FRA", "KAZ"}
    kaz = next(r for r in rows if r.key == "KAZ")
    assert kaz.partners[0][0] == "FRA" and kaz.name == "Kazakhstan"
    assert graph["FRA"]["KAZ"]["weight"] == kaz.partners[0][1]
    out = invoke("actors", "--db", linked_store, "--top", "2", "--graph", tmp_path / "g.graphml")
    assert out.exit_code == 0 and "FRA (" in out.output
    loaded = nx.read_graphml(tmp_path / "g.graphml")
    assert loaded["FRA"]["KAZ"]["weight"] == graph["FRA"]["KAZ"]["weight"]
    invoke("actors", "--db", linked_store, "--graph", tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text())
    assert any({link["source"], link["target"]} == {"FRA", "KAZ"} for link in data["links"])


def test_export_gdelt_loads_with_pandas_and_the_published_columns(linked_store, tmp_path):
    import pandas as pd

    assert GDELT_EVENT_COLUMNS == GDELT_PUBLISHED and len(GDELT_PUBLISHED) == 61
    events, mentions = tmp_path / "x.export.tsv", tmp_path / "x.mentions.tsv"
    result = invoke("export", "--db", linked_store, "--format", "gdelt", "--out", events, "--mentions", mentions)
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(events, sep="\t", header=None, names=GDELT_PUBLISHED, dtype={"EventCode": str,
                        "EventBaseCode": str, "EventRootCode": str})
    assert frame.shape[1] == 61 and len(frame) > 10
    visit = frame[(frame.Actor1CountryCode == "FRA") & (frame.EventCode == "042") & (frame.SQLDATE == 20231101)]
    assert len(visit) == 1
    row = visit.iloc[0]
    assert (row.NumMentions, row.NumArticles, row.NumSources, row.QuadClass) == (4, 4, 4, 1)
    assert row.Actor2CountryCode == "KAZ" and row.EventRootCode == "04" and row.ActionGeo_CountryCode == "KZ"
    assert str(row.DATEADDED).isdigit() and len(str(row.DATEADDED)) == 14
    ments = pd.read_csv(mentions, sep="\t", header=None, names=GDELT_MENTIONS_PUBLISHED)
    assert len(ments) == frame.NumMentions.sum()
    mine = ments[ments.GLOBALEVENTID == row.GLOBALEVENTID]
    assert set(mine.MentionSourceName) == {"EURACTIV", "Steppe Wire", "Central Asia Monitor", "Eurasia Daily Brief"}
    assert (mine.ActionCharOffset >= 0).all() and (mine.SentenceID >= 1).all()
    # standard output, mentions table only
    out = invoke("export", "--db", linked_store, "--format", "gdelt-mentions").output
    assert all(len(line.split("\t")) == 16 for line in out.splitlines())


def test_export_plover_validates_against_the_schema(linked_store, tmp_path):
    import jsonschema

    schema = plover_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    with Store(linked_store, read_only=True) as store:
        records, left_out = plover_records(store)
    assert records and left_out >= 1  # CAMEO 010 statements have no PLOVER type
    validator = jsonschema.Draft202012Validator(schema)
    for r in records:
        validator.validate(r)
    visit = next(r for r in records if r["cameo"] == "042" and r["date"] == "2023-11-01")
    assert visit["event_type"] == "CONSULT" and visit["mode"] == "visit" and len(visit["source_text"]) == 4
    # the schema says what PLOVER says: a mode of another type, a made-up context, no recipient for AID
    for broken in ({**visit, "mode": "riot"}, {**visit, "context": ["gossip"]},
                   {**visit, "event_type": "AID", "mode": None,
                    "actors": {"actor": visit["actors"]["actor"], "recipient": None}}):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(broken)
    out = tmp_path / "p.jsonl"
    assert invoke("export", "--db", linked_store, "--format", "plover", "--out", out).exit_code == 0
    assert len(out.read_text().splitlines()) == len(records)


def test_export_plover_schema_follows_the_codebook(shared):
    script = [sys.executable, "scripts/build_plover_schema.py", "--shared", str(shared), "--check"]
    from pathlib import Path

    done = subprocess.run(script, cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    import csv

    with open(shared / "reference" / "plover_event_types.csv", encoding="utf-8") as fh:
        types = {r["event_type"] for r in csv.DictReader(fh)}
    assert set(plover_schema()["properties"]["event_type"]["enum"]) == types


def test_export_parquet_partitioned_by_month_and_merged_events(linked_store, tmp_path):
    import pyarrow.dataset as ds

    out = tmp_path / "pq"
    result = invoke("export", "--db", linked_store, "--format", "parquet", "--out", out)
    assert result.exit_code == 0, result.output
    months = sorted(p.name for p in (out / "events").iterdir())
    assert {"event_month=2022-12", "event_month=2023-11"} <= set(months)
    assert all(m == "event_month=undated" or len(m) == len("event_month=2023-11") for m in months)
    table = ds.dataset(out / "events", partitioning="hive").to_table()
    with Store(linked_store, read_only=True) as store:
        assert table.num_rows == store.counts()["merged_events"]
        assert ds.dataset(out / "mentions", partitioning="hive").to_table().num_rows == store.counts()["mentions"]
    again = CliRunner().invoke(cli, ["export", "--db", str(linked_store), "--format", "parquet", "--out", str(out)])
    assert again.exit_code == 1 and "not empty" in again.output
    lines = invoke("export", "--db", linked_store, "--since", "2023-11-01", "--until", "2023-11-01").output
    merged = [json.loads(x) for x in lines.splitlines()]
    visit = next(e for e in merged if e["cameo"] == "042" and e["source_country"] == "FRA")
    assert visit["num_articles"] == 4 and len(visit["mentions"]) == 4 and visit["disagreements"]


def test_history_cli_stories_and_link(linked_store, tmp_path):
    out = invoke("stories", "--db", linked_store)
    assert out.exit_code == 0 and "Make a visit" in out.output and "2023-11-01" in out.output
    stories = json.loads(invoke("stories", "--db", linked_store, "--format", "json").output)
    assert sorted(s["num_articles"] for s in stories) == [1, 4]
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(linked_store.read_bytes())
    linked = invoke("link", "--db", copy)
    assert linked.exit_code == 0 and linked.output.startswith("linked 0 articles")


def test_export_events_jsonl_names_the_merged_event(linked_store):
    lines = invoke("events", "--db", linked_store, "--dyad", "FRA-KAZ", "--code", "042", "--format", "jsonl").output
    rows = [json.loads(x) for x in lines.splitlines()]
    with Store(linked_store, read_only=True) as store:
        [visit] = [e for e in store.merged_events(dyad=("FRA", "KAZ"), code="042")
                   if e["source_country"] == "FRA" and e["date"] == date(2023, 11, 1)]
    assert sum(r["merged_event_id"] == visit["event_id"] for r in rows) == 4
    spec = {"event_id", "article_id", "sentence_index", "sentence", "span", "source", "target", "cameo"}
    assert all(spec <= set(r) for r in rows)


def test_history_cli_new_commands_have_help_with_an_example():
    for name in ("dyad", "actors", "stories", "export", "link"):
        result = invoke(name, "--help")
        assert result.exit_code == 0 and "Example: tacitus " + name in result.output
        assert "--db" in result.output


def test_history_cli_store_without_merged_tables(tmp_path):
    import duckdb

    old = tmp_path / "old.duckdb"
    duckdb.connect(str(old)).execute("CREATE TABLE events (event_id VARCHAR)").close()
    result = CliRunner().invoke(cli, ["dyad", "FRA", "KAZ", "--db", str(old)])
    assert result.exit_code == 1 and f"run `tacitus link --db {old}` once" in result.output
