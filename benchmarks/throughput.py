#!/usr/bin/env python3
"""Throughput: articles per second of the whole pipeline, against bare ``nlp.pipe``.

    python benchmarks/throughput.py [--limit N] [--corpus wikinews|bbc|both]

Reads real news from ../shared/corpora (Wikinews 2019-2020 and BBC politics), then, in the
same run and on the same cleaned texts:

1. baseline: ``nlp.pipe`` over the texts with the same spaCy model (parse only);
2. tacitus: ingest cleaning + parse + actors + events + attributes (no store);
3. tacitus + store: the same, writing into a temporary DuckDB file.

It prints articles/s for each and the ratio of tacitus to the baseline; the ratio is what to
compare between machines. Nothing is timed in the test suite.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"


def wikinews(limit: int) -> list[tuple[str, str | None]]:
    out = []
    for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
        path = SHARED / "wikinews-2019-2020" / name
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["title"].startswith("TEST PAGE"):
                    continue
                out.append((row["title"] + "\n\n" + row["text"], row["date"]))
    return out[:limit]


def bbc(limit: int) -> list[tuple[str, str | None]]:
    out = []
    for path in sorted((SHARED / "bbc-news-2005" / "bbc" / "politics").glob("*.txt")):
        out.append((path.read_bytes().decode("utf-8", errors="replace"), None))
    return out[:limit]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="articles per corpus (default 300)")
    parser.add_argument("--corpus", choices=["wikinews", "bbc", "both"], default="both")
    args = parser.parse_args(argv)
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent (the shared corpora are needed)", file=sys.stderr)
        return 0

    from tacitus import nlp
    from tacitus.ingest import article_from_text, parse_text
    from tacitus.pipeline import Pipeline
    from tacitus.store import Store

    raw: list[tuple[str, str | None]] = []
    if args.corpus in ("wikinews", "both"):
        raw += wikinews(args.limit)
    if args.corpus in ("bbc", "both"):
        raw += bbc(args.limit)
    articles = [article_from_text(text, path=f"bench/{i}", published=pub) for i, (text, pub) in enumerate(raw)]
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles, {words:,} words")

    pipeline = Pipeline()
    print(f"model: {pipeline.model_description}")
    texts = [parse_text(a.text) for a in articles]
    list(nlp.parse(texts[:5]))  # warm up

    t0 = time.perf_counter()
    for _ in nlp.parse(texts):
        pass
    base = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_events = sum(len(c.events) for c in pipeline.code_articles(articles))
    full = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.duckdb")
        t0 = time.perf_counter()
        for coded in pipeline.code_articles(articles):
            store.add(coded.article, coded.sentences, coded.mentions, coded.events,
                      model=pipeline.model_description)
        stored = time.perf_counter() - t0
        store.close()

    n = len(articles)
    print(f"bare nlp.pipe       {n / base:7.2f} articles/s  ({base:6.1f} s)")
    print(f"tacitus             {n / full:7.2f} articles/s  ({full:6.1f} s)  {n_events} events")
    print(f"tacitus + DuckDB    {n / stored:7.2f} articles/s  ({stored:6.1f} s)")
    print(f"ratio tacitus / bare nlp.pipe: {base / full:.2f} (1.00 = no cost beyond parsing)")
    print(f"ratio tacitus+store / bare nlp.pipe: {base / stored:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
