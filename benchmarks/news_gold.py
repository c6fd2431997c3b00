#!/usr/bin/env python3
"""Development check on real news: tacitus against the hand-coded dev gold of tests/data/news_gold/.

    python benchmarks/news_gold.py [--quiet] [--events FILE.jsonl]

Reads the gold files, codes the articles their sentences come from (Wikinews 2019-2020 and BBC
politics and business, read from ../shared/corpora) with ``tacitus.Pipeline()`` and again with the domestic
option on (events inside one country kept), and prints for each run:

* the **tune** half of the gold (articles chosen by a hash of their key,
  ``tacitus.validation.news_gold.half``): precision, recall, a table per CAMEO root, the missed
  events by cause (actor unknown, stance, other code, arguments, no trigger), the calibration,
  then every wrong and every missed event with its sentence, read from the corpus (the text is
  printed, never stored);
* the **check** half: the same figures, never its sentences or its errors. Read the errors of
  the tune half only; the gap between the halves is how much the coder fits what was read;
* both halves again for the whole articles alone (every sentence coded, none chosen because
  the coder fired there), each half by collection (Wikinews, BBC politics, BBC business:
  ``news_gold.collection``; the business articles were coded after the rules, so their first
  figures are those of unseen news), and the summary lines.

Never edit a gold entry to fit the coder. The floors in tests/test_validation_news_gold.py only
guard against regressions.

--quiet leaves out the lists of wrong and missed events of the tune half;
--events writes one JSON line per judged event of the tune half (run, confidence, right...).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "news_gold"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--quiet", action="store_true", help="leave out the lists of wrong and missed events")
    parser.add_argument("--events", metavar="FILE.jsonl", help="write every judged tune-half event with whether it was right")
    args = parser.parse_args(argv)

    import tacitus
    from tacitus.validation.news_gold import corpus_missing, judge, load_all
    from tacitus.validation.news_report import format_report, summary_line

    reason = corpus_missing()
    if reason:
        print(f"skipped: {reason}", file=sys.stderr)
        return 0
    gold = load_all(GOLD)
    runs = [judge(gold, tacitus.Pipeline(), label="default"),
            judge(gold, tacitus.Pipeline(tacitus.Options(domestic=True)), label="domestic")]
    for score in runs:
        title = ("tacitus.Pipeline(), built-in dictionaries" if score.label == "default"
                 else "tacitus.Pipeline with the domestic option (events inside one country kept)")
        tune, check = score.only("tune"), score.only("check")
        print(format_report(tune, f"News gold, TUNE half ({len(tune.sentences)} sentences): {title}",
                            listing=not args.quiet and score.label == "default"))
        print()
        print(format_report(check, f"News gold, CHECK half ({len(check.sentences)} sentences, figures only): "
                            f"{title}", listing=False))
        print()
    if args.events:
        with open(args.events, "w", encoding="utf-8") as fh:
            for score in runs:
                for j in score.only("tune").judged:
                    e = j.event
                    fh.write(json.dumps({
                        "run": score.label, "corpus": j.sentence.corpus, "article": j.sentence.article,
                        "sentence": j.sentence.sentence, "source": e.source.code if e.source else None,
                        "cameo": e.cameo, "target": e.target.code if e.target else None,
                        "confidence": round(e.confidence, 3), "how": e.how, "right": j.right}) + "\n")
    for score in runs:
        whole = score.whole_articles()
        for part in (score.only("tune"), score.only("check"), whole.only("tune"), whole.only("check")):
            print(summary_line(part))
        for half_name in ("tune", "check"):  # BBC business: coded after the rules, unseen at first
            for part in score.only(half_name).collections().values():
                print(summary_line(part))
        gap = score.only("tune").recall - score.only("check").recall
        print(f"news gold {score.label}: tune-check recall gap {gap:+.3f}, precision gap "
              f"{score.only('tune').precision - score.only('check').precision:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
