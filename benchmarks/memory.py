#!/usr/bin/env python3
"""Peak memory of a whole ``tacitus code --workers N`` run: the process and every worker it starts.

    python benchmarks/memory.py [--limit N] [--corpus wikinews|bbc|both] [--workers 1,2]
                                [--interval S]

Codes the articles ``benchmarks/throughput.py`` reads (../shared/corpora) with ``tacitus code
FOLDER --workers N`` (store and linking included), and, as a baseline in the same run, a
Python process running bare ``nlp.pipe(n_process=N)`` on the same cleaned texts. Every
``--interval`` seconds it sums over the process and all its descendants, read from /proc
(Linux only): the resident set (RSS, which counts a library shared by two processes twice)
and the proportional set (PSS, which shares such pages out: the memory the run really
holds). It prints the peak of each sum, and of the largest single process. Nothing is
measured in the test suite.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import throughput  # noqa: E402 - the same corpora and the same bare baseline


def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids, for every process on the machine."""
    out: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        out.setdefault(ppid, []).append(int(entry))
    return out


def _tree(pid: int) -> list[int]:
    children = _children()
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, ()))
    return found


def _memory(pid: int) -> tuple[int, int]:
    """RSS and PSS of one process, in kB (0, 0 once it is gone)."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def measure(command: list[str], env: dict[str, str], cwd: str, interval: float) -> dict[str, float]:
    """Run a command; its wall time (s) and its tree's peak RSS, PSS and largest process (MB)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = {"rss": 0, "pss": 0, "largest": 0, "processes": 0}
    while proc.poll() is None:
        sizes = [_memory(p) for p in _tree(proc.pid)]
        peak["rss"] = max(peak["rss"], sum(r for r, _ in sizes))
        peak["pss"] = max(peak["pss"], sum(p for _, p in sizes))
        peak["largest"] = max(peak["largest"], max((r for r, _ in sizes), default=0))
        peak["processes"] = max(peak["processes"], sum(1 for r, _ in sizes if r))
        time.sleep(interval)
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        print(stderr[-2000:], file=sys.stderr)
        raise SystemExit(f"failed: {' '.join(command[:6])}")
    return {"seconds": time.perf_counter() - t0, **{k: v / 1024 for k, v in peak.items() if k != "processes"},
            "processes": peak["processes"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=100, help="articles per corpus (default 100)")
    parser.add_argument("--corpus", choices=["wikinews", "bbc", "both"], default="both")
    parser.add_argument("--workers", default="2", help="worker counts (default 2)")
    parser.add_argument("--interval", type=float, default=0.1, help="seconds between samples (default 0.1)")
    args = parser.parse_args(argv)
    if not throughput.SHARED.exists():
        print(f"skipped: {throughput.SHARED} is absent (the shared corpora are needed)", file=sys.stderr)
        return 0
    if not Path("/proc/self/smaps_rollup").exists():
        print("skipped: /proc/PID/smaps_rollup is needed (Linux)", file=sys.stderr)
        return 0
    from tacitus.ingest import article_from_text

    raw = (throughput.wikinews(args.limit) if args.corpus in ("wikinews", "both") else []) + \
        (throughput.bbc(args.limit) if args.corpus in ("bbc", "both") else [])
    articles = [article_from_text(text, path=f"bench/{i}", published=pub) for i, (text, pub) in enumerate(raw)]
    print(f"{len(articles)} articles; machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    env = throughput.child_env()
    with tempfile.TemporaryDirectory() as tmp:
        folder, texts = throughput.write_inputs(articles, tmp)
        print("run                              time (s)  peak RSS, tree (MB)  peak PSS, tree (MB)  "
              "largest process (MB)  processes")
        for n in (int(w) for w in args.workers.split(",")):
            runs = {f"bare nlp.pipe n_process={n}": [throughput.PYTHON, "-c", throughput.BARE, str(texts), str(n)],
                    f"tacitus code --workers {n}": [throughput.PYTHON, "-m", "tacitus", "code", str(folder),
                                                    "--workers", str(n), "--quiet", "--db",
                                                    str(Path(tmp) / f"w{n}.duckdb")]}
            for name, command in runs.items():
                m = measure(command, env, tmp, args.interval)
                print(f"{name:32} {m['seconds']:8.1f}  {m['rss']:19,.0f}  {m['pss']:19,.0f}  "
                      f"{m['largest']:20,.0f}  {m['processes']:9}", flush=True)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
