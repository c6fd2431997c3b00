#!/usr/bin/env python3
"""Throughput: articles per second of tacitus, against bare spaCy ``nlp.pipe`` in the same run.

    python benchmarks/throughput.py [--limit N] [--corpus wikinews|bbc|both] [--repeats R]
                                    [--mode inprocess|process|both] [--workers 1,2] [--no-dask]

Reads real news from ../shared/corpora (Wikinews 2019-2020 and BBC politics). Two parts:

* in-process (``--mode inprocess``): on the same cleaned texts, (1) bare ``nlp.pipe``,
  (2) tacitus (ingest cleaning + parse + actors + events + attributes, no store), (3) tacitus
  writing its rows in bulk into DuckDB (``Store.add_tables``, one transaction per batch) and
  linking them.
* whole-process (``--mode process``): what a user waits for, start-up included: a Python
  process running bare ``nlp.pipe(n_process=N)`` on the cleaned texts, against
  ``tacitus code FOLDER --workers N`` (store and linking included) and
  ``tacitus code FOLDER --engine dask --workers N`` (a LocalCluster of N workers), for each N
  of ``--workers``.

Passes are interleaved (in-process: slice by slice of the articles; whole-process: one run of
each in turn) and repeated ``--repeats`` times, so drifting load on a shared machine falls on
all of them alike; each line prints the median and the spread (min-max) of the repeats. The
ratios (tacitus / bare, at the same N) are what to compare between machines. Nothing is timed
in the test suite.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
PYTHON = sys.executable
#: The bare baseline as a whole process: load the model, parse the texts, nothing else.
BARE = """
import json, sys, spacy
from tacitus import nlp
texts = json.load(open(sys.argv[1], encoding="utf-8"))
model = nlp.load().nlp
n = int(sys.argv[2])
for _ in model.pipe(texts, batch_size=nlp.BATCH_SIZE, n_process=n):
    pass
"""


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


def spread(times: list[float], n: int) -> str:
    """Articles/s at the median time, and the range over the repeats."""
    med = statistics.median(times)
    return (f"{n / med:7.2f} articles/s  (median {med:6.1f} s, spread {min(times):.1f}-{max(times):.1f} s, "
            f"{len(times)} runs)")


def in_process(articles: list, repeats: int, slices: int) -> None:
    from tacitus import nlp
    from tacitus.ingest import parse_text
    from tacitus.link import Linker
    from tacitus.parallel import batches, code_batch
    from tacitus.pipeline import Pipeline
    from tacitus.store import Store

    pipeline = Pipeline()
    print(f"model: {pipeline.model_description}")
    texts = [parse_text(a.text) for a in articles]
    list(nlp.parse(texts[:5]))  # warm up
    size = -(-len(articles) // slices)
    parts = [(articles[i:i + size], texts[i:i + size]) for i in range(0, len(articles), size)]
    totals: dict[str, list[float]] = {"bare": [], "tacitus": [], "store": []}
    events = 0
    for r in range(repeats):
        run = dict.fromkeys(totals, 0.0)
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "bench.duckdb")
            linker = Linker(store)
            for part, part_texts in parts:
                t0 = time.perf_counter()
                for _ in nlp.parse(part_texts):
                    pass
                run["bare"] += time.perf_counter() - t0
                t0 = time.perf_counter()
                events = sum(len(c.events) for c in pipeline.code_articles(part))
                run["tacitus"] += time.perf_counter() - t0
                t0 = time.perf_counter()
                for batch in batches(part):
                    coded = code_batch(pipeline, batch)
                    new = store.add_tables(coded.tables)
                    if new:
                        linker.link(new)
                run["store"] += time.perf_counter() - t0
            store.close()
        for k, v in run.items():
            totals[k].append(v)
        print(f"  repeat {r + 1}: " + ", ".join(f"{k} {v:.1f} s" for k, v in run.items()), flush=True)
    n = len(articles)
    print(f"bare nlp.pipe            {spread(totals['bare'], n)}")
    print(f"tacitus                  {spread(totals['tacitus'], n)}")
    print(f"tacitus + DuckDB + link  {spread(totals['store'], n)}")
    med = {k: statistics.median(v) for k, v in totals.items()}
    print(f"ratio tacitus / bare nlp.pipe: {med['bare'] / med['tacitus']:.2f} (1.00 = no cost beyond parsing)")
    print(f"ratio tacitus+store+link / bare nlp.pipe: {med['bare'] / med['store']:.2f}")
    del events


def write_inputs(articles: list, tmp: str) -> tuple[Path, Path]:
    """The inputs of the whole-process runs, under ``tmp``: a folder of the articles as text
    files (for ``tacitus code``) and their cleaned texts as JSON (for the bare baseline)."""
    from tacitus.ingest import parse_text

    folder = Path(tmp) / "articles"
    folder.mkdir()
    for i, a in enumerate(articles):
        (folder / f"{i:05d}.txt").write_text(a.text, encoding="utf-8")
    texts = Path(tmp) / "texts.json"
    texts.write_text(json.dumps([parse_text(a.text) for a in articles]), encoding="utf-8")
    return folder, texts


def child_env() -> dict[str, str]:
    """The environment of a child process: this checkout's tacitus first on the path."""
    return {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}


def whole_process(articles: list, repeats: int, workers: list[int], dask: bool) -> None:
    env = child_env()
    with tempfile.TemporaryDirectory() as tmp:
        folder, texts = write_inputs(articles, tmp)
        runs: dict[str, list[str]] = {}
        for n in workers:
            runs[f"bare nlp.pipe n_process={n}"] = [PYTHON, "-c", BARE, str(texts), str(n)]
            runs[f"tacitus --workers {n}"] = [PYTHON, "-m", "tacitus", "code", str(folder), "--workers", str(n),
                                             "--quiet", "--db"]
            if dask:
                runs[f"tacitus --engine dask --workers {n}"] = [
                    PYTHON, "-m", "tacitus", "code", str(folder), "--engine", "dask", "--workers", str(n),
                    "--quiet", "--db"]
        times: dict[str, list[float]] = {k: [] for k in runs}
        events: dict[str, str] = {}
        for r in range(repeats):
            for name, cmd in runs.items():
                if cmd[-1] == "--db":
                    cmd = [*cmd, str(Path(tmp) / f"run{r}-{len(times[name])}-{name.replace(' ', '_')}.duckdb")]
                t0 = time.perf_counter()
                proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=tmp)
                times[name].append(time.perf_counter() - t0)
                if proc.returncode != 0:
                    print(proc.stderr[-2000:], file=sys.stderr)
                    raise SystemExit(f"{name} failed")
                if "tacitus" in name:
                    events[name] = proc.stdout.strip().splitlines()[-1]
                print(f"  repeat {r + 1}: {name}: {times[name][-1]:.1f} s", flush=True)
    n = len(articles)
    for name in runs:
        print(f"{name:34} {spread(times[name], n)}")
    for name, summary in events.items():
        print(f"  {name}: {summary}")
    med = {k: statistics.median(v) for k, v in times.items()}
    for n_ in workers:
        bare = med[f"bare nlp.pipe n_process={n_}"]
        line = f"N={n_}: tacitus / bare = {bare / med[f'tacitus --workers {n_}']:.2f}"
        if dask:
            line += f", tacitus dask / bare = {bare / med[f'tacitus --engine dask --workers {n_}']:.2f}"
        print(line + " (1.00 = as fast as bare parsing)")
    if len(workers) > 1:
        lo, hi = workers[0], workers[-1]
        for label, fmt in (("bare", "bare nlp.pipe n_process={}"), ("tacitus", "tacitus --workers {}"),
                           *((("dask", "tacitus --engine dask --workers {}"),) if dask else ())):
            speedup = med[fmt.format(lo)] / med[fmt.format(hi)]
            print(f"{label}: speed-up {hi} vs {lo} workers {speedup:.2f}, scaling efficiency "
                  f"{speedup / (hi / lo):.0%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="articles per corpus (default 300)")
    parser.add_argument("--corpus", choices=["wikinews", "bbc", "both"], default="both")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each pass (default 3)")
    parser.add_argument("--slices", type=int, default=4, help="in-process: interleaved slices (default 4)")
    parser.add_argument("--mode", choices=["inprocess", "process", "both"], default="both")
    parser.add_argument("--workers", default="1,2", help="whole-process: worker counts (default 1,2)")
    parser.add_argument("--no-dask", action="store_true", help="whole-process: leave out the Dask engine")
    args = parser.parse_args(argv)
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent (the shared corpora are needed)", file=sys.stderr)
        return 0

    from tacitus.ingest import article_from_text

    raw: list[tuple[str, str | None]] = []
    if args.corpus in ("wikinews", "both"):
        raw += wikinews(args.limit)
    if args.corpus in ("bbc", "both"):
        raw += bbc(args.limit)
    articles = [article_from_text(text, path=f"bench/{i}", published=pub) for i, (text, pub) in enumerate(raw)]
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles, {words:,} words; machine: {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")
    if args.mode in ("inprocess", "both"):
        in_process(articles, args.repeats, args.slices)
    if args.mode in ("process", "both"):
        whole_process(articles, args.repeats, [int(w) for w in args.workers.split(",")], not args.no_dask)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
