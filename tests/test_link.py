"""The link stage: merging mentions into events, stories, disagreements (real coding, real store)."""

from __future__ import annotations

from datetime import date

import pytest

from tacitus.errors import StoreError
from tacitus.link import link_article, link_pending
from tacitus.link.agreement import content_stems, lexical
from tacitus.link.merge import Mention, could_merge, dates_compatible, interval
from tacitus.link.stories import figure_disagreements
from tacitus.pipeline import run
from tacitus.records import Options
from tacitus.store import Store


def mention(article="a", sentence=0, cameo="042", source="FRA", target="KAZ", when="2023-11-01",
            precision="day", symmetric=False, location=None, text="Macron arrived in Kazakhstan."):
    return Mention(f"{article}-{sentence}-{cameo}", article, sentence, text, cameo,
                   {"code": source, "country": source, "name": source, "text": source},
                   {"code": target, "country": target, "name": target, "text": target},
                   date.fromisoformat(when) if when else None, precision, "text", 0.8, symmetric,
                   location=location, trigger="arrived")


def test_link_merge_dates_compatible_by_precision():
    day = mention(when="2023-11-01")
    assert dates_compatible(day, mention(article="b", when="2023-11-02"))  # a day's slack
    assert not dates_compatible(day, mention(article="b", when="2023-11-03"))
    assert dates_compatible(day, mention(article="b", when="2023-10-30", precision="week"))  # that week's Monday
    assert dates_compatible(day, mention(article="b", when="2023-11-01", precision="month"))
    assert not dates_compatible(day, mention(article="b", when="2023-12-01", precision="month"))
    assert interval(date(2023, 11, 15), "month") == (date(2023, 11, 1), date(2023, 11, 30))
    # undated mentions only join their own article's
    assert dates_compatible(mention(when=None), mention(sentence=3, when=None))
    assert not dates_compatible(mention(when=None), mention(article="b", when=None))


def test_link_merge_dyad_direction_root_place_and_sentence():
    visit = mention()
    assert could_merge(visit, mention(article="b"))
    assert not could_merge(visit, mention(article="b", source="KAZ", target="FRA"))  # 042 is directed
    talks = mention(article="b", cameo="040", source="KAZ", target="FRA", symmetric=True)
    assert could_merge(visit, talks)  # either way round when one code is symmetric; same root 04
    assert not could_merge(visit, mention(article="b", cameo="057"))  # another root
    astana = {"name": "Astana", "country": "KAZ"}
    assert not could_merge(mention(location=astana), mention(article="b", location={"name": "Paris", "country": "FRA"}))
    assert could_merge(mention(location=astana), mention(article="b", location=None))
    # two acts the coder read in one sentence are two events
    assert not could_merge(mention(cameo="042"), mention(cameo="040", symmetric=True))


def test_link_agreement_lexical_ignores_actor_names():
    a = content_stems("French President Emmanuel Macron arrived in Kazakhstan on Wednesday for a state visit.",
                      "arrived", ["French President Emmanuel Macron", "Kazakhstan"])
    b = content_stems("Emmanuel Macron arrived in Kazakhstan on Wednesday, starting a state visit.",
                      "arrived", ["Emmanuel Macron", "Kazakhstan"])
    c = content_stems("Macron praised Kazakhstan for refusing to side with Moscow.", "praised",
                      ["Macron", "Kazakhstan"])
    assert "kazak" not in a and "arriv" in a
    assert lexical(a, b) >= 0.75 and lexical(a, c) == 0.0


def test_link_figure_disagreements_pair_closest_values_across_articles():
    def claim(article, value, measure="trade"):
        return {"event_id": 1, "article_id": article, "kind": "money", "unit": "USD", "measure": measure,
                "change": None, "value": value}

    found = figure_disagreements([claim("a", 4e9), claim("a", 2.7e9), claim("b", 4.5e9), claim("c", 4e9),
                                  claim("c", 18.7e9, "investment"), claim("d", 18.7e9, "investment")])
    assert len(found) == 1
    assert sorted((c["article_id"], c["value"]) for c in found[0]) == [("a", 4e9), ("b", 4.5e9), ("c", 4e9)]
    # far apart: two quantities, not a disagreement
    assert figure_disagreements([claim("a", 4e9), claim("b", 9e9)]) == []


def _visit(store):
    rows = [e for e in store.merged_events(dyad=("FRA", "KAZ"), code="042") if e["source_country"] == "FRA"]
    return [e for e in rows if e["date"] == date(2023, 11, 1)]


def test_link_seeds_and_rewrites_give_one_visit_with_four_reports(linked_store):
    with Store(linked_store, read_only=True) as store:
        [visit] = _visit(store)
        assert (visit["num_mentions"], visit["num_articles"], visit["num_sources"]) == (4, 4, 4)
        mentions = store.mentions([visit["event_id"]])
        assert {m["publisher"] for m in mentions} == {"EURACTIV", "Steppe Wire", "Central Asia Monitor",
                                                      "Eurasia Daily Brief"}
        assert all("arrived in Kazakhstan" in m["sentence"] for m in mentions)
        assert all(m["sentence"] == m["sentence"].strip() and m["span_end"] > m["span_start"] for m in mentions)
        # the per-sentence level is untouched: one row per coded mention, all of them linked
        counts = store.counts()
        assert counts["mentions"] == store.db.execute("SELECT count(*) FROM events WHERE NOT negated").fetchone()[0]
        assert counts["merged_events"] < counts["mentions"]


def test_link_reports_the_trade_figure_disagreement_with_sources(linked_store):
    with Store(linked_store, read_only=True) as store:
        [visit] = _visit(store)
        claims = [d for d in store.disagreements([visit["event_id"]]) if d["kind"] == "figure"]
    assert {d["subject"] for d in claims} == {"trade (USD)"}
    told = {(d["value"], d["publisher"]) for d in claims}
    assert (4.5e9, "Eurasia Daily Brief") in told and (4e9, "EURACTIV") in told
    assert all(d["sentence"] and d["value_text"].startswith("$4") for d in claims)


def test_link_story_groups_the_visit_articles(linked_store):
    with Store(linked_store, read_only=True) as store:
        stories = store.stories()
        [visit] = _visit(store)
    [story] = [s for s in stories if s["story_id"] == visit["story_id"]]
    assert story["num_articles"] == 4 and {"FRA", "KAZ"} <= set(story["actors"])
    assert story["first_date"] <= date(2023, 11, 1) <= story["last_date"]
    # the 2022 Paris visit (seed 002) is another story
    assert len(stories) == 2


def test_link_recoding_changes_nothing_and_new_article_updates_events(tmp_path, shared):
    db = tmp_path / "s.duckdb"
    seed = str(shared / "seeds" / "000_d44e1bea3d174aff.txt")
    with Store(db) as store:
        run([seed], Options(published=date(2023, 11, 1), publisher="EURACTIV"), store)
        before = store.rows("SELECT * FROM merged_events ORDER BY event_id")
        run([seed], Options(published=date(2023, 11, 1), publisher="EURACTIV"), store)
        assert link_pending(store) == []
        assert store.rows("SELECT * FROM merged_events ORDER BY event_id") == before
        [visit] = _visit(store)
        assert visit["num_articles"] == 1
        wire = tmp_path / "wire.txt"
        wire.write_text("French President Emmanuel Macron arrived in Kazakhstan on Wednesday for a two-day visit.\n",
                        encoding="utf-8")
        run([str(wire)], Options(published=date(2023, 11, 1), publisher="Wire"), store)
        [after] = _visit(store)
        assert after["event_id"] == visit["event_id"]
        assert (after["num_mentions"], after["num_articles"], after["num_sources"]) == (2, 2, 2)
        assert store.counts()["merged_events"] == len(before)


def test_link_failure_keeps_what_was_stored_and_links_later(tmp_path):
    db = tmp_path / "f.duckdb"
    text = tmp_path / "a.txt"
    text.write_text("Peru praised Chile on Monday for its help after the floods.\n", encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text("Chile thanked Peru on Tuesday for its support.\n", encoding="utf-8")
    with Store(db) as store:
        run([str(text)], Options(published=date(2024, 1, 3)), store)
        linked = store.counts()
        assert linked["mentions"] >= 1
        store.db.execute("ALTER TABLE stories RENAME TO stories_gone")  # the next link fails mid-way
        from tacitus.ingest import article_from_text
        from tacitus.pipeline import Pipeline

        coded = Pipeline().code_article(article_from_text(other.read_text(), path=str(other), published="2024-01-03"))
        assert store.add(coded.article, coded.sentences, coded.mentions, coded.events)
        with pytest.raises(StoreError, match="could not link"):
            link_article(store, coded.article.id)
        def count(table):
            return store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

        assert count("mentions") == linked["mentions"] and count("merged_events") == linked["merged_events"]
        assert count("articles") == 2  # the article itself stays stored
        store.db.execute("ALTER TABLE stories_gone RENAME TO stories")
        [done] = link_pending(store)
        assert done.article_id == coded.article.id and store.counts()["mentions"] > linked["mentions"]


def test_link_records_a_date_disagreement_with_both_sources(tmp_path):
    (tmp_path / "a.txt").write_text("Peru and Chile signed a trade agreement in Lima on 12 March, officials said.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("Peru and Chile signed a trade agreement in Lima on 13 March, the foreign "
                                    "ministry said.\n", encoding="utf-8")
    with Store(tmp_path / "d.duckdb") as store:
        run([str(tmp_path / "a.txt")], Options(published=date(2024, 3, 15), publisher="Andes Wire"), store)
        run([str(tmp_path / "b.txt")], Options(published=date(2024, 3, 15), publisher="Pacific Post"), store)
        [signing] = store.merged_events(code="057")
        claims = store.disagreements([signing["event_id"]])
    assert signing["num_articles"] == 2 and signing["date"] in (date(2024, 3, 12), date(2024, 3, 13))
    assert {(c["kind"], c["value_text"], c["publisher"]) for c in claims} == {
        ("date", "2024-03-12", "Andes Wire"), ("date", "2024-03-13", "Pacific Post")}


def test_link_embedder_loads_without_scikit_learn_and_encodes_on_one_thread():
    # in a fresh interpreter: the model's load leaves scikit-learn out, a later import of
    # sklearn.metrics is the real module, sentence-transformers' helper still works, and
    # PyTorch's thread count is what it was after an encode
    import subprocess
    import sys

    script = """
import sys, numpy as np, torch
from tacitus.link.agreement import ENCODE_THREADS, Embedder
torch.set_num_threads(2)
Embedder.model()  # sentence-transformers itself (small requests are otherwise answered on NumPy)
a, b, c = Embedder.encode_here(["Macron visited Astana.", "Macron arrived in Kazakhstan.", "to sell grain"])
assert torch.get_num_threads() == 2 and ENCODE_THREADS == 1
assert "sklearn" not in sys.modules and "sklearn.metrics" not in sys.modules
assert float(a @ b) > float(a @ c)
from sentence_transformers.util import similarity
distances = similarity.pairwise_distances(np.eye(2))
import sklearn.metrics
assert type(sklearn.metrics).__name__ == "module" and hasattr(sklearn.metrics, "roc_auc_score")
assert abs(distances[0, 1] - 2 ** 0.5) < 1e-9
print("ok")
"""
    import os
    from pathlib import Path

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-2000:]
