"""A run killed at any point and run again leaves the store as one clean run would.

The articles are the project's own: the six examples and the three rewrites of one visit
(tests/fixtures/link), which the link stage merges into shared events and one story.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tacitus.cli import cli
from tacitus.ingest import read
from tacitus.pipeline import Pipeline
from tacitus.records import Article, Options
from tacitus.runner import _with_defaults
from tacitus.store import Store

ROOT = Path(__file__).resolve().parents[1]
#: Columns that say when a row was written, not what it holds.
VOLATILE = {"coded_at", "added_at"}
#: Kills per test run, and the seed of their delays.
KILLS = 4
SEED = 12


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """The inputs, as paths: the examples' and the rewrites' JSON Lines (with their metadata)."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ROOT / "examples", folder / "examples")
    shutil.copytree(ROOT / "tests" / "fixtures" / "link", folder / "link")
    return [str(folder / "examples" / "articles.jsonl"), str(folder / "link" / "articles.jsonl")]


@pytest.fixture(scope="module")
def clean_store(corpus, tmp_path_factory) -> dict:
    """The tables of one uninterrupted run."""
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    result = CliRunner().invoke(cli, ["code", *corpus, "--db", str(db), "--quiet"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return snapshot(db)


def snapshot(db: Path) -> dict[str, list]:
    """Every table's rows, sorted, without write times; merged events and stories named by
    their members (the mentions' ids, the articles' ids) rather than by their numbers."""
    with Store(db, read_only=True) as store:
        event_name = {}
        for event_id, members in store.db.execute(
                "SELECT event_id, list(mention_id ORDER BY mention_id) FROM mentions GROUP BY 1").fetchall():
            event_name[event_id] = tuple(members)
        story_name = {}
        for story_id, members in store.db.execute(
                "SELECT story_id, list(article_id ORDER BY article_id) FROM article_stories GROUP BY 1").fetchall():
            story_name[story_id] = tuple(members)
        out: dict[str, list] = {}
        for table in ("articles", "sentences", "actors", "events", "quotes", "figures", "mentions",
                      "merged_events", "stories", "article_stories", "disagreements"):
            rows = []
            for row in store.rows(f"SELECT * FROM {table}"):
                for key in VOLATILE & row.keys():
                    del row[key]
                if "event_id" in row and table != "events":
                    row["event_id"] = event_name.get(row["event_id"], ("unknown event", row["event_id"]))
                if "story_id" in row:
                    row["story_id"] = story_name.get(row["story_id"], ("unknown story", row["story_id"]))
                row.pop("disagreement_id", None)  # numbered by event: its content is the rest of the row
                rows.append(tuple(sorted((k, repr(v)) for k, v in row.items())))
            out[table] = sorted(rows)
        return out


def unlinked(db: Path) -> tuple[int, int]:
    """(articles stored, articles stored but not linked)."""
    with Store(db, read_only=True) as store:
        return len(store.rows("SELECT id FROM articles")), len(store.unlinked_articles())


def tacitus(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen([sys.executable, "-m", "tacitus", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def assert_same(got: dict, want: dict) -> None:
    for table in want:
        assert len(got[table]) == len(set(got[table])), f"{table}: duplicate rows"
        assert got[table] == want[table], f"{table} differs from a clean run's"


def test_pipeline_resume_links_what_a_killed_run_left_unlinked(corpus, clean_store, tmp_path):
    # what a kill between storing and linking leaves: two articles stored, not linked
    db = tmp_path / "t.duckdb"
    articles = [_with_defaults(a, Options()) for a in read(corpus) if isinstance(a, Article)]
    pipeline = Pipeline()
    with Store(db) as store:
        for article in articles[:2]:
            coded = pipeline.code_article(article)
            assert store.add(coded.article, coded.sentences, coded.mentions, coded.events,
                             model=pipeline.model_description, quotes=coded.quotes, figures=coded.figures)
    assert unlinked(db) == (2, 2)
    result = CliRunner().invoke(cli, ["code", *corpus, "--db", str(db), "--quiet"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "linked 2 articles an earlier run left unlinked" in result.output
    assert unlinked(db)[1] == 0
    assert_same(snapshot(db), clean_store)
    # nothing left to resume: the next run says nothing of it and changes nothing
    again = CliRunner().invoke(cli, ["code", *corpus, "--db", str(db), "--quiet"], catch_exceptions=False)
    assert "earlier run left unlinked" not in again.output
    assert_same(snapshot(db), clean_store)


def test_pipeline_resume_after_sigkill_at_random_points(corpus, clean_store, tmp_path):
    db = tmp_path / "killed.duckdb"
    started = time.monotonic()
    clean = tacitus("code", *corpus, "--db", str(tmp_path / "timing.duckdb"), "--quiet")
    clean.communicate(timeout=600)
    full = time.monotonic() - started  # a whole run on this machine, now: start-up and coding
    rng = random.Random(SEED)
    states = []
    for _ in range(KILLS):
        proc = tacitus("code", *corpus, "--db", str(db), "--quiet")
        # most of a run is loading the models: kill in its second half, where articles are
        # coded, stored and linked (each kill lands later in the work: earlier articles are
        # stored already and skipped)
        delay = rng.uniform(0.45, 1.0) * full
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        proc.communicate()
        states.append((round(delay, 1), proc.returncode, *(unlinked(db) if db.exists() else (0, 0))))
    before = unlinked(db) if db.exists() else (0, 0)
    final = tacitus("code", *corpus, "--db", str(db), "--quiet")
    out, err = final.communicate(timeout=600)
    assert final.returncode == 0, err
    print("kills (delay s, exit status, articles stored, unlinked):", states, "full run:", round(full, 1))
    if before[1]:
        assert f"linked {before[1]} articles an earlier run left unlinked" in err
    assert_same(snapshot(db), clean_store)
