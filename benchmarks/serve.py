#!/usr/bin/env python3
"""Load on ``tacitus serve``: concurrent clients on /api/events with mixed filters.

    python benchmarks/serve.py [--db FILE] [--articles 1000] [--clients 20] [--seconds 30]

Builds (once; ``--db`` keeps it for the next run) a store of at least ``--articles`` real
articles coded from ../shared/corpora (Wikinews 2019-2020, then BBC politics and world), starts
``tacitus serve`` on 127.0.0.1 on a free port, and runs ``--clients`` concurrent clients for
``--seconds`` seconds, each asking /api/events with a filter mix (none, actor, dyad, code,
quad class, dates, confidence, text search, facets, deep pages). It prints requests/s, p50 and
p99 latency and errors, once with the server's answer cache off (``--cache 0``: every request
queries the store) and once with it on (the default), and, as a baseline measured in the same
run, the same figures for /api/status (a request that does no event query), so that the
ratios can be compared between machines. Bounded in time and in count; only 127.0.0.1 is targeted.

Target (issue 11): p99 under 200 ms and no errors with 20 clients.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
sys.path.insert(0, str(ROOT / "tests"))


def corpus(limit: int) -> list[tuple[str, str | None]]:
    out = []
    for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
        with (SHARED / "wikinews-2019-2020" / name).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if not row["title"].startswith("TEST PAGE"):
                    out.append((row["title"] + "\n\n" + row["text"], row["date"]))
    for topic in ("politics", "world", "business"):
        for path in sorted((SHARED / "bbc-news-2005" / "bbc" / topic).glob("*.txt")):
            out.append((path.read_bytes().decode("utf-8", errors="replace"), "2005-06-01"))
    return out[:limit]


def build(db: Path, articles: int) -> None:
    from tacitus.ingest import article_from_text
    from tacitus.pipeline import _pipeline, code_and_store
    from tacitus.store import Store

    with Store(db) as store:
        have = store.counts()["articles"]
        if have >= articles:
            return
        items = []
        for text, published in corpus(articles + 200):
            try:
                items.append(article_from_text(text, published=published[:10] if published else None))
            except Exception:  # noqa: BLE001 - an article the ingest rejects is simply not used
                continue
        started = time.monotonic()
        print(f"coding {len(items)} articles into {db} (once; reused with --db)...", file=sys.stderr)
        report = code_and_store(items, _pipeline(None), store, progress=sys.stderr.isatty())
        print(f"stored {report.stored} articles, {report.events} events in {time.monotonic() - started:.0f} s",
              file=sys.stderr)


def queries(rng: random.Random, actors: list[str]) -> str:
    a, b = rng.sample(actors, 2)
    mix = [
        "", f"actor={a}", f"dyad={a}-{b}", f"code={rng.choice(['01', '04', '05', '11', '12', '17', '19', '042'])}",
        f"quad={rng.randint(1, 4)}", "since=2019-06-01&until=2020-06-30", "min_confidence=0.8",
        f"q={rng.choice(['minister', 'talks', 'president', 'police', 'election'])}",
        "facet=root&facet=actor&facet=month", f"offset={rng.randint(0, 2000)}&limit=100",
        f"actor={a}&quad={rng.randint(1, 4)}&facet=month",
    ]
    return "/api/events?" + rng.choice(mix)


async def load(url: str, clients: int, seconds: float, paths) -> dict:  # noqa: ANN001 - a callable
    import httpx

    latencies: list[float] = []
    errors = 0
    end = time.monotonic() + seconds

    async def client(i: int) -> None:
        nonlocal errors
        rng = random.Random(i)
        async with httpx.AsyncClient(base_url=url, timeout=30) as http:
            while time.monotonic() < end:
                path = paths(rng)
                start = time.perf_counter()
                try:
                    response = await http.get(path)
                    if response.status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append(time.perf_counter() - start)

    started = time.monotonic()
    await asyncio.gather(*(client(i) for i in range(clients)))
    took = time.monotonic() - started
    latencies.sort()
    return {"requests": len(latencies), "rps": len(latencies) / took, "p50": statistics.median(latencies) * 1000,
            "p99": latencies[int(0.99 * (len(latencies) - 1))] * 1000, "errors": errors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="the store to build or reuse (default: a temporary file)")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args(argv)
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent (the shared corpora are needed)", file=sys.stderr)
        return 0
    db = args.db or Path(tempfile.mkdtemp()) / "serve-bench.duckdb"
    build(db, args.articles)
    from conftest import (
        Server,  # the test suite's server runner: tacitus serve on 127.0.0.1, free port
    )

    from tacitus.store import Store

    with Store(db, read_only=True) as store:
        counts = store.counts()
        actors = [r[0] for r in store.db.execute(
            "SELECT source_country FROM events WHERE source_country IS NOT NULL GROUP BY 1 "
            "ORDER BY count(*) DESC LIMIT 30").fetchall()]
    results = {}
    for cache in ("0", "1024"):
        server = Server(db, "--cache", cache).wait()
        try:
            if cache == "0":
                results["/api/status (baseline: no query)"] = asyncio.run(
                    load(server.url, args.clients, min(10.0, args.seconds), lambda rng: "/api/status"))
            results[f"/api/events, mixed filters, --cache {cache}"] = asyncio.run(
                load(server.url, args.clients, args.seconds, lambda rng: queries(rng, actors)))
        finally:
            server.stop()
    print(f"store: {counts['articles']} articles, {counts['events']} events, {counts['merged_events']} merged events")
    print(f"{args.clients} clients, {args.seconds:.0f} s each, on 127.0.0.1")
    print("| requests | done | requests/s | p50 (ms) | p99 (ms) | errors |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, r in results.items():
        print(f"| {name} | {r['requests']} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} |")
    base = results["/api/status (baseline: no query)"]
    for name, r in list(results.items())[1:]:
        print(f"{name}: p99 {r['p99'] / base['p99']:.1f}x the baseline's; target p99 < 200 ms: "
              + ("met" if r["p99"] < 200 and not r["errors"] else "NOT met"))
    return 0 if not any(r["errors"] for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
