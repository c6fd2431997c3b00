#!/usr/bin/env python3
"""Development check on real news: tacitus against the hand-coded sentences of tests/data/news_gold.yaml.

    python benchmarks/news_gold.py [--quiet] [--events FILE.jsonl]

Reads the gold file, codes the articles its sentences come from (Wikinews 2019-2020 and BBC
politics, read from ../shared/corpora) with ``tacitus.Pipeline()`` and again with the domestic
option on (events inside one country kept), and prints for each run: precision, recall, a
table per CAMEO root, how often our events were right at each confidence, the sentences no
longer found by their hash, then every wrong event and every missed gold event with its
sentence, read from the corpus (the text is printed, never stored).

This is a development set: read its errors to improve the coder, and never edit a gold entry
to fit the coder. The floors in tests/test_validation_news_gold.py only guard against regressions.

--quiet leaves out the lists of wrong and missed events;
--events writes one JSON line per judged event (run, confidence, right...), for calibration.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "news_gold.yaml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--quiet", action="store_true", help="leave out the lists of wrong and missed events")
    parser.add_argument("--events", metavar="FILE.jsonl", help="write every judged event with whether it was right")
    args = parser.parse_args(argv)

    import tacitus
    from tacitus.validation.news_gold import (
        corpus_missing,
        format_report,
        judge,
        load,
        summary_line,
    )

    reason = corpus_missing()
    if reason:
        print(f"skipped: {reason}", file=sys.stderr)
        return 0
    gold = load(GOLD)
    pipelines = [tacitus.Pipeline(), tacitus.Pipeline(tacitus.Options(domestic=True))]
    for pipe in pipelines:
        if pipe.coder.generaliser is not None:
            pipe.coder.generaliser.warm()  # the per-article time limit is for coding, not loading
    runs = [judge(gold, pipelines[0], label="default"), judge(gold, pipelines[1], label="domestic")]
    for score in runs:
        title = ("tacitus.Pipeline(), built-in dictionaries" if score.label == "default"
                 else "tacitus.Pipeline with the domestic option (events inside one country kept)")
        print(format_report(score, f"News gold sentences ({len(gold)}): {title}", listing=not args.quiet))
        print()
    if args.events:
        with open(args.events, "w", encoding="utf-8") as fh:
            for score in runs:
                for j in score.judged:
                    e = j.event
                    fh.write(json.dumps({
                        "run": score.label, "corpus": j.sentence.corpus, "article": j.sentence.article,
                        "sentence": j.sentence.sentence, "source": e.source.code if e.source else None,
                        "cameo": e.cameo, "target": e.target.code if e.target else None,
                        "confidence": round(e.confidence, 3), "how": e.how, "right": j.right}) + "\n")
    for score in runs:
        print(summary_line(score))
    return 0


if __name__ == "__main__":
    sys.exit(main())
