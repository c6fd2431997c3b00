#!/usr/bin/env python3
"""Time and peak memory of `tacitus code` on one long text, against its length.

    python benchmarks/long_text.py [--sizes 0.1,0.5,1,5] [--kind repeated,distinct]

Each size is one input file coded by a fresh `tacitus code FILE --db NEW --quiet` process
(coding, storing and linking: the whole run), so that its peak resident memory is its own:

* ``repeated``: one paragraph written for this benchmark (about France, Kazakhstan and
  Russia), repeated up to the size: the worst case for anything that compares an article's
  events or sentences pairwise;
* ``distinct``: the BBC politics and world articles of ``../shared/corpora/bbc-news-2005``
  (read at run time, never copied), joined into one text up to the size: many different
  events in one input (skipped with a note when ../shared is absent).

It prints, per size, the wall time, the time less the start-up (loading spaCy, the
dictionaries and the sentence model, measured on a 1 kB text in the same run), the peak RSS,
and the ratios of time-per-MB and of memory to the smallest size's (1.00 per MB: linear).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PARAGRAPH = (
    "The foreign ministers of France and Kazakhstan met in Astana on Tuesday to discuss energy "
    "cooperation. France praised Kazakhstan for its neutrality, and the two governments signed an "
    "agreement on uranium supplies. Russia criticised the deal and accused the West of meddling in "
    "Central Asia.")


def repeated(size: int) -> str:
    return "\n\n".join([PARAGRAPH] * max(1, size // (len(PARAGRAPH) + 2)))


def distinct(size: int) -> str | None:
    folder = SHARED / "corpora" / "bbc-news-2005" / "bbc"
    if not folder.is_dir():
        return None
    texts = [p.read_text(encoding="utf-8", errors="replace").strip()
             for sub in ("politics", "business") for p in sorted((folder / sub).glob("*.txt"))]
    out, n = [], 0
    while n < size:
        for t in texts:
            out.append(t)
            n += len(t) + 2
            if n >= size:
                break
    return "\n\n".join(out)[:size]


def measure(text: str, workdir: Path, name: str) -> tuple[float, float, str]:
    """Wall time (s) and peak RSS (MB) of coding ``text``, and the run's summary line."""
    path = workdir / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    db = workdir / f"{name}.duckdb"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    # a tiny helper process measures its one child: RUSAGE_CHILDREN of this process would
    # keep the largest child seen so far
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, "
             "p.returncode); out = (p.stdout + p.stderr).strip().splitlines(); "
             "print(next((x for x in out if x.startswith('read ')), out[-1] if out else ''))")
    cmd = [sys.executable, "-c", probe, sys.executable, "-m", "tacitus", "code", str(path), "--db", str(db), "--quiet",
           "--published", "2023-11-01"]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    first, *rest = done.stdout.strip().splitlines()
    seconds, rss, code = first.split()
    summary = rest[-1] if rest else ""
    if code != "0":
        summary = f"exit {code}: {summary}"
    return float(seconds), float(rss), summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="0.1,0.5,1,5", help="sizes in MB (10^6 characters), comma-separated")
    parser.add_argument("--kind", default="repeated,distinct", help="repeated, distinct or both")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        base_time, base_rss, _ = measure(PARAGRAPH, workdir, "startup")
        print(f"start-up (one paragraph): {base_time:.1f} s, peak RSS {base_rss:.0f} MB", flush=True)
        for kind in args.kind.split(","):
            make = repeated if kind == "repeated" else distinct
            print(f"\n{kind}: MB  time(s)  less start-up(s)  s/MB ratio  peak RSS(MB)  RSS ratio  run", flush=True)
            first: tuple[float, float] | None = None
            for mb in sizes:
                text = make(int(mb * 1_000_000))
                if text is None:
                    print("  skipped: ../shared/corpora/bbc-news-2005 is absent")
                    break
                seconds, rss, summary = measure(text, workdir, f"{kind}-{mb}")
                work = max(seconds - base_time, 0.01)
                if first is None:
                    first = (work / mb, rss)
                print(f"  {mb:>4}  {seconds:8.1f}  {work:8.1f}  {work / mb / first[0]:6.2f}  {rss:8.0f}  "
                      f"{rss / first[1]:6.2f}  {summary}", flush=True)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
