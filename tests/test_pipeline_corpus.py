"""End to end on real news from ../shared/corpora: nothing crashes, evidence and dates hold."""

from __future__ import annotations

import csv
from datetime import date, timedelta

from tacitus.ingest import article_from_text
from tacitus.pipeline import Pipeline


def test_pipeline_wikinews_articles_code_cleanly(shared):
    """The whole Wikinews corpus (293 articles): no crash, evidence spans hold, dates plausible."""
    rows = []
    for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
        with (shared / "corpora" / "wikinews-2019-2020" / name).open(encoding="utf-8", newline="") as fh:
            rows += [r for r in csv.DictReader(fh) if not r["title"].startswith("TEST PAGE")]
    articles = [article_from_text(r["title"] + "\n\n" + r["text"], path=r["url"], published=r["date"]) for r in rows]
    coded = list(Pipeline().code_articles(articles))
    assert len(coded) == len(articles)
    events = [e for c in coded for e in c.events]
    assert len(events) > 10
    for c in coded:
        for e in c.events:
            assert c.article.text[e.span[0]:e.span[1]] == e.sentence
            assert e.source is not None and e.target is not None and e.source.key != e.target.key
            if e.date and e.date_source in ("text", "context") and e.date[:4] not in e.sentence:
                # a date the text gives without its year is near the publication date
                published, when = c.article.published, date.fromisoformat(e.date)
                if e.date_precision == "year":
                    assert abs(when.year - published.year) <= 1, e
                else:
                    assert published - timedelta(days=400) <= when <= published + timedelta(days=70), e
