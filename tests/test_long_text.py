"""Long and repetitive texts: parsed in parts, coded and linked in time that grows linearly.

The paragraph is written for these tests. Time itself is measured by benchmarks/long_text.py;
these tests check the mechanisms: the parts, and how many comparisons linking makes.
"""

from __future__ import annotations

from datetime import date

from tacitus import nlp
from tacitus.link import merge
from tacitus.pipeline import Pipeline, run
from tacitus.records import Article, Options
from tacitus.store import Store

PARAGRAPH = ("The foreign ministers of France and Kazakhstan met in Astana on Tuesday to discuss energy "
             "cooperation. France praised Kazakhstan for its neutrality, and the two governments signed an "
             "agreement on uranium supplies. Russia criticised the deal.")


def test_nlp_split_parts_cuts_at_paragraph_breaks_and_joins_back():
    text = "\n\n".join(f"{k}. {PARAGRAPH}" for k in range(40))
    parts = nlp.split_parts(text, limit=1000)
    assert "".join(parts) == text
    assert all(len(p) <= 1000 for p in parts) and len(parts) > 5
    assert all(p.endswith("\n\n") for p in parts[:-1])  # whole paragraphs
    # one paragraph longer than the limit is cut after a full stop
    long_paragraph = " ".join([PARAGRAPH] * 20)
    parts = nlp.split_parts(long_paragraph, limit=1000)
    assert "".join(parts) == long_paragraph and all(p.endswith(". ") for p in parts[:-1])


def test_nlp_parse_in_parts_is_the_parse_of_the_whole(monkeypatch):
    text = "\n\n".join([PARAGRAPH] * 30)
    [whole] = nlp.parse([text])
    monkeypatch.setattr(nlp, "MAX_PART_CHARS", 1500)
    [joined] = nlp.parse([text])
    assert joined.text == text
    assert [(t.idx, t.dep_, t.head.i, t.ent_type_) for t in joined] == \
        [(t.idx, t.dep_, t.head.i, t.ent_type_) for t in whole]
    assert [s.start_char for s in joined.sents] == [s.start_char for s in whole.sents]


def test_pipeline_codes_a_text_over_the_parsers_limit(monkeypatch, tmp_path):
    # spaCy's limit made small, as the parts: a text over it is coded, offsets into the whole text
    model = nlp.load().nlp
    monkeypatch.setattr(model, "max_length", 5000)
    monkeypatch.setattr(nlp, "MAX_PART_CHARS", 2000)
    paragraphs = [PARAGRAPH.replace("Tuesday", day) for day in ("Monday", "Tuesday", "Wednesday", "Thursday")] * 6
    text = "\n\n".join(paragraphs)
    assert len(text) > 5000
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    with Store(tmp_path / "t.duckdb") as store:
        report = run([str(path)], Options(published=date(2023, 11, 2)), store)
        stored = store.rows("SELECT text FROM articles")[0]["text"]
        events = store.events()
    assert report.coded == 1 and not report.skipped and report.events > 0
    for e in events:
        assert stored[e["span"][0]:e["span"][1]] == e["sentence"]


def test_link_compares_a_repeated_paragraph_once(monkeypatch, tmp_path):
    calls = {"n": 0}
    compatible = merge.compatible

    def counting(a, b):  # noqa: ANN001, ANN202
        calls["n"] += 1
        return compatible(a, b)

    for module in ("tacitus.link.merge", "tacitus.link"):
        monkeypatch.setattr(f"{module}.compatible", counting)
    text = "\n\n".join([PARAGRAPH] * 60)
    with Store(tmp_path / "t.duckdb") as store:
        run_report = run_text(store, text)
        mentions = store.rows("SELECT count(*) AS n FROM mentions")[0]["n"]
        merged = store.rows("SELECT num_mentions FROM merged_events ORDER BY event_id")
    assert run_report.events >= 120 and mentions == run_report.events
    # each act of the paragraph is one event, reported by each of the 60 copies
    assert merged and all(m["num_mentions"] % 60 == 0 for m in merged) and len(merged) * 60 <= mentions
    # pairwise comparison would be mentions ** 2 (14,400 and more); one per kind is linear
    assert calls["n"] < 10 * mentions


def run_text(store: Store, text: str):  # noqa: ANN201
    from tacitus.link import link_article
    from tacitus.pipeline import RunReport

    pipeline = Pipeline(Options(published=date(2023, 11, 1)))
    coded = pipeline.code_article(Article.from_text(text, published=date(2023, 11, 1)))
    store.add(coded.article, coded.sentences, coded.mentions, coded.events, quotes=coded.quotes,
              figures=coded.figures)
    link_article(store, coded.article.id, embed=False)
    return RunReport(events=len(coded.events))


def test_places_read_the_tokens_entity():
    # "met in Astana": the place is the entity around the token, found from its IOB tags
    pipeline = Pipeline(Options(published=date(2023, 11, 1)))
    events = pipeline.code_article(Article.from_text(PARAGRAPH, published=date(2023, 11, 1))).events
    assert any(e.location and e.location.name == "Astana" for e in events)


def test_ingest_input_over_the_article_limit_is_numbered_articles(monkeypatch, tmp_path):
    from tacitus.ingest import readers

    monkeypatch.setattr(readers, "MAX_ARTICLE_CHARS", 2000)
    paragraphs = [f"{PARAGRAPH} It was meeting number {k}." for k in range(30)]
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    articles = list(readers.read([str(path)], Options(published=date(2023, 11, 1))))
    n = len(articles)
    assert n > 3 and all(isinstance(a, Article) and len(a.text) <= 2000 for a in articles)
    assert [a.path for a in articles] == [f"{path} (part {k} of {n})" for k in range(1, n + 1)]
    assert "\n\n".join(a.text for a in articles) == "\n\n".join(paragraphs)  # cut at paragraph breaks
    assert len({a.id for a in articles}) == n and all(a.published == date(2023, 11, 1) for a in articles)
