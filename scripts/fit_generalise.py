#!/usr/bin/env python3
"""Fit the generaliser's threshold and confidence prior on the TUNE half of the news gold.

    python scripts/fit_generalise.py [--write] [--halves]

The news gold (tests/data/news_gold.yaml) is split by article: an article is in the tune half
when int(sha1("CORPUS:ARTICLE"), 16) is even, else in the check half. Only the tune half is
fitted on (its generalised events are coded with no threshold and judged right or wrong);
the check half is never read here, except by --halves, which prints each half's precision
and recall with the constants as they are (summary lines only: no events, no errors).

The threshold (``THRESHOLD`` in src/tacitus/events/generalise.py) is the lowest cosine at
which the tune half's generalised events are right at least as often as the coder's other
events there, and of those the one of best F1; the prior (``PRIORS["generalised"]`` in
src/tacitus/events/confidence.py) makes the mean confidence of the generalised events kept
equal to the share of them that is right. --write puts both figures into those files.

Rerun it after changing the pattern book, the generaliser or the sentence model.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "news_gold"
GENERALISE = ROOT / "src" / "tacitus" / "events" / "generalise.py"
CONFIDENCE = ROOT / "src" / "tacitus" / "events" / "confidence.py"
SIMILARITY = re.compile(r"\((\d\.\d+)\)$")


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def fit_prior(zs: list[float], share: float) -> float:
    """The weight w with mean(sigmoid(z + w)) == share (bisection)."""
    share = min(max(share, 0.05), 0.95)
    lo, hi = -6.0, 6.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if sum(sigmoid(z + mid) for z in zs) / len(zs) < share:
            lo = mid
        else:
            hi = mid
    return round((lo + hi) / 2, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--write", action="store_true", help="write the fitted figures into the source files")
    parser.add_argument("--halves", action="store_true",
                        help="only print each half's precision and recall with the current constants")
    args = parser.parse_args(argv)

    import tacitus
    from tacitus.events.confidence import default_model
    from tacitus.validation.news_gold import corpus_missing, judge, load_all
    from tacitus.validation.news_report import summary_line

    reason = corpus_missing()
    if reason:
        print(f"skipped: {reason}", file=sys.stderr)
        return 0
    gold = load_all(GOLD)
    if args.halves:
        # the judge warms the generaliser's model before its timed coding
        for label, opts in (("default", tacitus.Options()), ("domestic", tacitus.Options(domestic=True))):
            score = judge(gold, tacitus.Pipeline(opts), label=label)
            for half in ("tune", "check"):
                print(summary_line(score.only(half)))
        return 0

    tune = [s for s in gold if s.half == "tune"]
    pipe = tacitus.Pipeline()
    assert pipe.coder.generaliser is not None
    pipe.coder.generaliser.threshold = -1.0  # every eligible verb: the threshold is fitted here
    score = judge(tune, pipe, label="tune")
    judged = score.judged
    general = [j for j in judged if "generalised" in j.event.how]
    others = [j for j in judged if "generalised" not in j.event.how]
    base_right, base_n = sum(j.right for j in others), len(others)
    base_precision = base_right / base_n if base_n else 0.0
    found_without = score.found_events - sum(j.right for j in general)
    gold_events = score.gold_events
    print(f"tune half: {len(tune)} sentences, {gold_events} gold events; without generalised events: "
          f"precision {base_precision:.3f} ({base_right}/{base_n}), recall {found_without / gold_events:.3f}")
    rows = sorted(((float(SIMILARITY.search(j.event.pattern).group(1)), j) for j in general),  # type: ignore[union-attr]
                  key=lambda r: -r[0])
    print(f"generalised events with no threshold: {len(rows)}")
    for sim, j in rows:
        e = j.event
        print(f"  {sim:.2f} {'right' if j.right else 'wrong'}  {e.source.code} {e.cameo} "
              f"{e.target.code if e.target else '-'}  {e.pattern}")
    # candidate thresholds: each event's similarity, and just above it
    candidates = sorted({round(sim, 2) for sim, _ in rows} | {round(sim + 0.01, 2) for sim, _ in rows})
    best: tuple[float, float] | None = None  # (F1, threshold): the best F1, then the lowest threshold
    for threshold in candidates:
        kept = [j for sim, j in rows if sim >= threshold]
        right = sum(j.right for j in kept)
        if kept and right / len(kept) < base_precision:
            continue  # the generalised events would lower the precision
        precision = (base_right + right) / (base_n + len(kept))
        recall = (found_without + right) / gold_events
        f1 = 2 * precision * recall / (precision + recall)
        print(f"  threshold {threshold:.2f}: {len(kept)} kept, {right} right; precision {precision:.3f}, "
              f"recall {recall:.3f}, F1 {f1:.4f}")
        if best is None or f1 > best[0] + 1e-12:
            best = (f1, threshold)
    if best is None:
        print("no generalised event on the tune half: nothing to fit, the constants are left as they are")
        return 0
    threshold = best[1]
    kept = [j for sim, j in rows if sim >= threshold]
    model = default_model()
    zs = [model.intercept + sum(model.weights.get(f, 0.0) for f in j.event.how if f != "generalised")
          for j in kept]
    prior = fit_prior(zs, sum(j.right for j in kept) / len(kept)) if kept else None
    print(f"fitted: THRESHOLD = {threshold:.2f} ({len(kept)} tune events kept, {sum(j.right for j in kept)} right); "
          + (f"PRIORS['generalised'] = {prior}" if prior is not None
             else "PRIORS['generalised'] not fitted (no tune event kept): left as it is"))
    if args.write:
        text = GENERALISE.read_text(encoding="utf-8")
        GENERALISE.write_text(re.sub(r"^THRESHOLD = [-\d.]+$", f"THRESHOLD = {threshold:.2f}", text, flags=re.M),
                              encoding="utf-8")
        if prior is not None:
            text = CONFIDENCE.read_text(encoding="utf-8")
            CONFIDENCE.write_text(re.sub(r'"generalised": [-\d.]+', f'"generalised": {prior}', text),
                                  encoding="utf-8")
        print(f"written to {GENERALISE.relative_to(ROOT)} and {CONFIDENCE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
