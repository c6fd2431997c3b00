#!/usr/bin/env python3
"""How long merging takes, and how it grows, from 1,000 to 5,000 event mentions.

    python benchmarks/merge.py [--sizes 1000,2000,3000,4000,5000] [--no-embed] [--seed 7]

The mentions are built from real coded events: the example articles (``examples/``), the
test rewrites (``tests/fixtures/link``) and, when present, the seeds in ``../shared/seeds``
are coded once; then each synthetic story takes one real article's events, moves them to
another day (within two years), gives their parties to another pair of states (among 60), and
is reported by one to five synthetic outlets. Each outlet keeps most of the events and words
each sentence its own way (a fifth of the words dropped at random), so some pairs are settled
by the lexical test and the rest go to the sentence model, as with real rewrites.

For each size, a fresh store receives the articles (``Store.add``, not timed), then
``link_pending`` links them all (timed; the median of ``--repeat`` runs). The sentence
vectors are cached in the store, so each run starts cold and encodes what it needs. It prints the time,
the mentions per second, the events made, the sentences the model encoded and the time that
took (shown apart: it depends on the CPU and its load, and a sentence is encoded once, then
cached in the store), and the growth of the merge time per mention from the smallest size
(1.00: linear).
"""

from __future__ import annotations

import argparse
import functools
import random
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tacitus.link import agreement, link_pending  # noqa: E402
from tacitus.pipeline import run  # noqa: E402
from tacitus.records import Actor, Article, Event, Options  # noqa: E402
from tacitus.store import Store  # noqa: E402

STATES = ("USA CHN RUS FRA DEU GBR JPN IND BRA ZAF NGA EGY TUR IRN SAU ISR UKR POL ITA ESP CAN MEX ARG COL "
          "PER CHL KAZ UZB KGZ TJK AZE ARM GEO PAK AFG BGD IDN MYS THA VNM PHL KOR PRK AUS NZL KEN ETH SDN "
          "DZA MAR TUN LBY IRQ SYR JOR LBN QAT ARE OMN").split()


def real_articles(workdir: Path) -> list[list[Event]]:
    """Code the real articles once; their events grouped by article."""
    from tacitus.pipeline import event_from_dict

    paths = [str(ROOT / "examples" / "articles.jsonl"), str(ROOT / "tests" / "fixtures" / "link" / "articles.jsonl")]
    seeds = ROOT.parent / "shared" / "seeds" / "articles.jsonl"
    if seeds.exists():
        paths.append(str(seeds))
    with Store(workdir / "real.duckdb") as store:
        run(paths, Options(published=date(2023, 1, 1)), store)
        by_article: dict[str, list[Event]] = {}
        for d in store.events():
            if d["date"] and d["target"]:
                by_article.setdefault(d["article_id"], []).append(event_from_dict(d))
    return [events for events in by_article.values() if events]


def _moved(mapping: dict[str, str], a: Actor) -> Actor:
    """The actor given to another state (its role kept: FRAGOV -> DEUGOV)."""
    country = mapping.get(a.country, a.country)
    return replace(a, country=country, code=(country or "") + (a.role or ""))


def reword(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    kept = [w for i, w in enumerate(words) if i == 0 or rng.random() > 0.2]
    return " ".join(kept)


def synthetic(base: list[list[Event]], size: int, rng: random.Random) -> list[tuple[Article, list[Event]]]:
    """Articles with ``size`` mentions in all, as described in the module docstring."""
    out: list[tuple[Article, list[Event]]] = []
    total, story = 0, 0
    while total < size:
        story += 1
        events = rng.choice(base)
        shift = timedelta(days=rng.randrange(730))
        countries = sorted({c for e in events for c in (e.source.country, e.target.country) if c})
        mapping = dict(zip(countries, rng.sample(STATES, len(countries)), strict=True))
        for outlet in range(rng.randint(1, 5)):
            kept = [e for e in events if rng.random() < 0.8] or events[:1]
            aid = f"s{story:05d}o{outlet}"
            published = date.fromisoformat(kept[0].date) + shift + timedelta(days=rng.randint(0, 1))
            article = Article(id=aid, text=" ".join(e.sentence for e in kept), path=f"{aid}.txt",
                              publisher=f"outlet {outlet}", published=published)
            made = []
            for e in kept[: size - total]:
                actor = functools.partial(_moved, mapping)
                made.append(replace(e, article_id=aid, article_path=article.path,
                                    sentence=reword(e.sentence, rng) if outlet else e.sentence,
                                    date=(date.fromisoformat(e.date) + shift).isoformat(),
                                    source=actor(e.source), target=actor(e.target), location=None,
                                    publisher=article.publisher, published=published.isoformat()))
            total += len(made)
            out.append((article, made))
            if total >= size:
                break
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description="time the link stage on 1k..5k mentions")
    parser.add_argument("--sizes", default="1000,2000,3000,4000,5000")
    parser.add_argument("--no-embed", action="store_true", help="leave the sentence model out (mechanism only)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the median time is shown")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base = real_articles(work)
        print(f"real coded articles: {len(base)}, real mentions: {sum(len(b) for b in base)}")
        if not args.no_embed:
            agreement.Embedder.encode(["warm-up: load the sentence model before timing"])
        encoded, encoding = 0, 0.0
        original = agreement.Embedder.encode

        def counting(sentences):  # noqa: ANN001, ANN202
            nonlocal encoded, encoding
            started = time.perf_counter()
            vectors = original(sentences)
            encoding += time.perf_counter() - started
            encoded += len(sentences)
            return vectors

        agreement.Embedder.encode = counting  # type: ignore[method-assign]
        first = None
        print(f"{'mentions':>8} {'articles':>8} {'merge s':>8} {'per s':>7} {'events':>7} {'encoded':>8} "
              f"{'encode s':>9} {'growth':>7}")
        for size in sizes:
            rng = random.Random(args.seed)
            articles = synthetic(base, size, rng)
            runs = []
            for run_no in range(args.repeat):
                encoded, encoding = 0, 0.0
                with Store(work / f"bench-{size}-{run_no}.duckdb") as store:
                    for article, events in articles:
                        store.add(article, [], [], events)
                    started = time.perf_counter()
                    link_pending(store, embed=not args.no_embed)
                    runs.append((time.perf_counter() - started - encoding, encoding, encoded))
                    counts = store.counts()
            took, enc_time, enc_n = sorted(runs)[len(runs) // 2]
            first = first or (size, took)
            growth = (took / first[1]) / (size / first[0])
            print(f"{counts['mentions']:>8} {len(articles):>8} {took:>8.2f} {counts['mentions'] / took:>7.0f} "
                  f"{counts['merged_events']:>7} {enc_n:>8} {enc_time:>9.1f} {growth:>7.2f}")
        print("merge s: linking time without the sentence model's encoding; growth: merge time per mention "
              "relative to the smallest size (1.00 = linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
