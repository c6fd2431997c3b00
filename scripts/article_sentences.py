#!/usr/bin/env python3
"""Print every sentence of whole articles of the shared news corpora, for exhaustive hand-coding.

    python scripts/article_sentences.py --list [--corpus wikinews|bbc] [--min-states 2]
    python scripts/article_sentences.py --corpus wikinews --article URL [--article URL ...]

The news gold (tests/data/news_gold/) is grown by whole articles: every sentence of an article
is coded, ``events: []`` included, not only the sentences where tacitus fires. This script
shows what an annotator needs for that and nothing more:

--list   one line per article of the corpora: corpus, key, date, the number of different
         states and organisations the pipeline finds in it, whether the gold already has
         sentences of it, and its title; for choosing international-affairs articles.
--article KEY (repeatable, with --corpus): every sentence of the article, numbered as the
         pipeline splits it, with its hash (the two fields a gold entry names a sentence by).

tacitus' events are deliberately not shown, so that they cannot steer the annotation
(``scripts/news_sentences.py`` shows them, for reading errors). The text goes to standard
output only: nothing of the corpora may be written into the repository.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "news_gold"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--list", action="store_true", help="list the articles with their actor counts")
    parser.add_argument("--corpus", choices=("wikinews", "bbc"), action="append",
                        help="only this corpus (repeatable); default both")
    parser.add_argument("--article", action="append", default=[], help="print this article's sentences")
    parser.add_argument("--min-states", type=int, default=2,
                        help="--list: only articles naming at least this many states or organisations")
    args = parser.parse_args(argv)
    if not args.list and not args.article:
        parser.error("give --list or --article KEY")

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
    annotated = {(g.corpus, g.article) for g in load_all(GOLD)} if GOLD.exists() else set()
    wanted = set(args.article)

    def skipped(item, err) -> None:  # noqa: ANN001 - a corpus article, its timeout
        print(f"skipped {item.corpus} {item.key}: {err}", file=sys.stderr)

    pipeline = tacitus.Pipeline(tacitus.Options(domestic=True))
    for item, coded in code_corpora(pipeline, args.corpus or CORPORA, wanted, skipped):
        if args.list:
            parties = {m.actor.country or m.actor.code for m in coded.mentions}
            if len(parties) >= args.min_states:
                seen = "gold" if (item.corpus, item.key) in annotated else "-"
                print(f"{item.corpus}\t{item.key}\t{item.published}\t{len(parties)}\t{seen}\t{item.title}")
            continue
        print(f"== {item.corpus} {item.key} ({item.published}) {len(coded.sentences)} sentences")
        for s in coded.sentences:
            print(f"{s.index:3d} {sentence_hash(s.text)}  {' '.join(s.text.split())}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
