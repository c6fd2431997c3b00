#!/usr/bin/env python3
"""List the sentences of the shared news corpora worth hand-coding for tests/data/news_gold/.

    python scripts/news_sentences.py [--seed 2024] [--sample N] [--corpus wikinews|bbc]
                                     [--context] [--only-new]

Codes the Wikinews 2019-2020 articles and the BBC politics and business articles (../shared/corpora) with
the real pipeline, domestic events kept (``tacitus.Pipeline(tacitus.Options(domestic=True))``),
and prints two kinds of candidate sentences:

  (a) every sentence where tacitus codes an event (domestic ones included, so that the
      domestic run can be judged too);
  (b) a seeded random sample of the other sentences that name at least two different states or
      organisations (the pipeline's actor mentions, ``CodedArticle.mentions``), as many as (a)
      unless ``--sample`` says otherwise.

For each sentence: the corpus, the article key (Wikinews URL, or ``politics/NNN.txt``, ``business/NNN.txt``), the
sentence index, its hash (``sha1(" ".join(sentence.split()))[:12]``), the text, and what tacitus
coded (source code, CAMEO code, target code; ``neg`` for a negated event, ``dom`` for a
domestic one). ``--context`` also prints the sentence before (for pronouns) and the article's
date; ``--only-new`` leaves out the sentences tests/data/news_gold/ already has.

The text goes to standard output only: nothing of the corpora may be written into the repository.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "news_gold"


def describe(event) -> str:  # noqa: ANN001 - tacitus.Event
    src = event.source.code if event.source else "-"
    tgt = event.target.code if event.target else "-"
    flags = " neg" if event.negated else ""
    if event.source and event.target and event.source.key == event.target.key:
        flags += " dom"
    return f"{src} {event.cameo} {tgt}{flags}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--seed", type=int, default=2024, help="seed of the random sample (b)")
    parser.add_argument("--sample", type=int, default=None, help="size of sample (b); default: as many as (a)")
    parser.add_argument("--corpus", choices=("wikinews", "bbc"), action="append",
                        help="only this corpus (repeatable); default both")
    parser.add_argument("--context", action="store_true", help="print the sentence before and the date")
    parser.add_argument("--only-new", action="store_true", help="leave out sentences already in the gold file")
    args = parser.parse_args(argv)

    import tacitus
    from tacitus.validation.news_gold import (
        CORPORA,
        code_corpora,
        corpus_missing,
        load_all,
        sentence_hash,
    )

    reason = corpus_missing()
    if reason:
        print(f"skipped: {reason}", file=sys.stderr)
        return 0
    known = {(g.corpus, g.article, g.hash) for g in load_all(GOLD)} if args.only_new and GOLD.exists() else set()

    def skipped(item, err) -> None:  # noqa: ANN001 - a corpus article, its timeout
        print(f"skipped {item.corpus} {item.key}: {err}", file=sys.stderr)

    pipeline = tacitus.Pipeline(tacitus.Options(domestic=True))
    coded_rows: list[tuple] = []
    other_rows: list[tuple] = []
    # one article at a time, with a time limit: a few articles make the coder loop
    for item, coded in code_corpora(pipeline, args.corpus or CORPORA, on_skip=skipped):
        corpus = item.corpus
        events: dict[int, list] = {}
        for e in coded.events:
            events.setdefault(e.sentence_index, []).append(e)
        parties: dict[int, set[str]] = {}
        for m in coded.mentions:
            parties.setdefault(m.sentence_index, set()).add(m.actor.key)
        for s in coded.sentences:
            prev = coded.sentences[s.index - 1].text if s.index else ""
            row = (corpus, item.key, s.index, sentence_hash(s.text), s.text, events.get(s.index, []),
                   prev, item.published)
            if s.index in events:
                coded_rows.append(row)
            elif len(parties.get(s.index, ())) >= 2:
                other_rows.append(row)
    size = len(coded_rows) if args.sample is None else args.sample
    sample = random.Random(args.seed).sample(other_rows, min(size, len(other_rows)))
    rows = sorted([(*r, "a") for r in coded_rows] + [(*r, "b") for r in sample],
                  key=lambda r: (r[0], r[1], r[2]))
    shown = 0
    for corpus, key, index, digest, text, events, prev, published, kind in rows:
        if (corpus, key, digest) in known:
            continue
        shown += 1
        print(f"== {corpus} {key} {index} {digest} ({kind}{', ' + published if args.context else ''})")
        if args.context and prev:
            print("   before: " + " ".join(prev.split()))
        print("   " + " ".join(text.split()))
        print("   tacitus: " + ("; ".join(describe(e) for e in events) or "nothing"))
    print(f"\n{len(coded_rows)} sentences with events (a), {len(sample)} sampled of {len(other_rows)} "
          f"naming two or more parties (b); {shown} shown", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
