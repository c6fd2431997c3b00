#!/usr/bin/env python3
"""Do the sentences of two candidate mentions tell the same act? Lexical overlap vs the sentence model.

    python benchmarks/agreement.py [--pairs] [--write-labels]

Codes the example articles (``examples/``), the test rewrites (``tests/fixtures/link``) and
the two seeds (``../shared/seeds``; 000 as EURACTIV on 2023-11-01, 002 dated 2022-12-01),
then takes every pair of mentions that passes the other merging tests (same dyad, root,
compatible date and place: :func:`tacitus.link.merge.could_merge`). Each pair is labelled by
hand in ``benchmarks/agreement_labels.csv`` (same act: 1, another act: 0), by article file,
sentence index and CAMEO code: the file holds no text.

For each measure it prints precision, recall and F1 against the labels at several thresholds:
the lexical overlap (:func:`tacitus.link.agreement.lexical`), the cosine of the sentence
embeddings, each alone and with the CAMEO hierarchy (same 3-digit code), and the rule the
merger uses (:func:`tacitus.link.merge.sentences_agree`). ``--pairs`` lists every pair with
its scores; pairs with no label are listed as such (label them when the coder changes).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tacitus.link import agreement, symmetric_codes  # noqa: E402
from tacitus.link.merge import Mention, could_merge, sentences_agree  # noqa: E402
from tacitus.pipeline import run  # noqa: E402
from tacitus.records import Options  # noqa: E402
from tacitus.store import Store  # noqa: E402

LABELS = ROOT / "benchmarks" / "agreement_labels.csv"
SEEDS = ROOT.parent / "shared" / "seeds"


def mentions() -> list[Mention]:
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "a.duckdb") as store:
        if SEEDS.exists():
            run([str(SEEDS / "000_d44e1bea3d174aff.txt")], Options(published=date(2023, 11, 1), publisher="EURACTIV"),
                store)
            run([str(SEEDS / "002_c541ccf6d68556e6.txt")], Options(published=date(2022, 12, 1)), store)
        run([str(ROOT / "examples" / "articles.jsonl"), str(ROOT / "tests" / "fixtures" / "link" / "articles.jsonl")],
            Options(), store)
        sym = set(symmetric_codes())
        return [Mention.from_event(e, sym) for e in store.events()]


def ref(m: Mention) -> tuple[str, int, str]:
    return Path(m.article_path or m.article_id).name, m.sentence_index, m.cameo


def score(rows: list[tuple], pred) -> str:  # noqa: ANN001
    tp = sum(1 for r in rows if pred(r) and r[-1])
    fp = sum(1 for r in rows if pred(r) and not r[-1])
    fn = sum(1 for r in rows if not pred(r) and r[-1])
    p = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    return f"P {p:.2f}  R {rc:.2f}  F1 {f1:.2f}  (tp {tp}, fp {fp}, fn {fn})"


def main() -> int:
    parser = argparse.ArgumentParser(description="compare lexical and embedding agreement on labelled pairs")
    parser.add_argument("--pairs", action="store_true", help="list every pair with its scores and label")
    args = parser.parse_args()
    labels: dict[frozenset, int] = {}
    with open(LABELS, encoding="utf-8") as fh:
        for row in csv.DictReader(r for r in fh if not r.startswith("#")):
            a = (row["a_article"], int(row["a_sentence"]), row["a_cameo"])
            b = (row["b_article"], int(row["b_sentence"]), row["b_cameo"])
            labels[frozenset((a, b))] = int(row["same"])
    found = mentions()
    pairs = [(a, b) for a, b in itertools.combinations(found, 2) if could_merge(a, b)]
    sentences = sorted({m.sentence for p in pairs for m in p})
    vectors = dict(zip((agreement.sentence_key(s) for s in sentences), agreement.Embedder.encode(sentences),
                       strict=True))
    rows, unlabelled = [], 0
    for a, b in pairs:
        label = labels.get(frozenset((ref(a), ref(b))))
        lex = agreement.lexical(a.stems(), b.stems())
        cos = agreement.cosine(vectors[agreement.sentence_key(a.sentence)], vectors[agreement.sentence_key(b.sentence)])
        same3 = a.cameo[:3] == b.cameo[:3]
        rule = sentences_agree(a, b, vectors) is not None
        if args.pairs:
            print(f"{label if label is not None else '?'}  lex {lex:.2f}  cos {cos:.2f}  {a.cameo}/{b.cameo}  "
                  f"{ref(a)} | {ref(b)}")
            print(f"     {a.sentence[:110]}\n     {b.sentence[:110]}")
        if label is None:
            unlabelled += 1
            continue
        rows.append((lex, cos, same3, rule, label))
    print(f"candidate pairs {len(pairs)}, labelled {len(rows)} ({sum(r[-1] for r in rows)} same act), "
          f"unlabelled {unlabelled}")
    print(f"{'same 3-digit code alone':34} {score(rows, lambda r: r[2])}")
    for t in (0.2, 0.3, 0.5):
        print(f"{f'lexical >= {t}':34} {score(rows, lambda r, t=t: r[0] >= t)}")
        print(f"{f'lexical >= {t} and same code':34} {score(rows, lambda r, t=t: r[0] >= t and r[2])}")
    for t in (0.5, 0.6, 0.7, 0.8):
        print(f"{f'cosine >= {t}':34} {score(rows, lambda r, t=t: r[1] >= t)}")
        print(f"{f'cosine >= {t} and same code':34} {score(rows, lambda r, t=t: r[1] >= t and r[2])}")
    print(f"{'the merger (sentences_agree)':34} {score(rows, lambda r: r[3])}")
    asked = sum(1 for a, b in pairs if not (a.cameo[:3] == b.cameo[:3]
                                             and agreement.lexical(a.stems(), b.stems()) >= agreement.LEXICAL_SURE))
    print(f"pairs the lexical test settles: {len(pairs) - asked} of {len(pairs)}; the model is asked about {asked}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
