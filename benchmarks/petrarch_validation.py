#!/usr/bin/env python3
"""The open coders' own test suite: the PETRARCH validation records, coded by tacitus.

    python benchmarks/petrarch_validation.py [RECORDS.xml] [--failures] [--calibration]

RECORDS.xml is one of the record files in ../shared/reference/petrarch2-validation (default:
the UD file, universalpetrarch-ud/PETR_Validate_records_2_02.xml). The dictionaries its
<Environment> names are converted with the importer (`tacitus import`) into a temporary
folder and every evaluated record is coded with them (see tacitus.validation.petrarch);
nothing here knows the records' sentences or names.

For the UD file it runs twice: with the CoNLL-U parse each record provides (converted to
spaCy's labels), then with spaCy's own parse, so that parser and coder errors can be told
apart; the constituency file (PETR.UnitTest.records.xml) runs with spaCy's parse. Each run
prints a table by category, the failing categories, and a last line

    petrarch validation: matched M/E expected events, extra X, records correct R/N

the very last line being that of spaCy's parse. UD-PETRARCH's own figures on the UD file
(its README, 24 May 2018): 68.27% of expected events matched, 22.95% of emitted events extra.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "reference" / "petrarch2-validation"
UD_FILE = SHARED / "universalpetrarch-ud" / "PETR_Validate_records_2_02.xml"


def failing_categories(result) -> list[str]:  # noqa: ANN001 - ValidationRun
    """One line per category with misses or extras: what went wrong most there."""
    from tacitus.validation.score import failures

    lines = []
    by_cat: dict[str, list] = {}
    for r in failures(result.score):
        by_cat.setdefault(r.record.category, []).append(r)
    for cat, items in by_cat.items():
        kinds = Counter()
        for r in items:
            if r.record.error:
                kinds["expected discard not made"] += 1
            elif r.missed and not r.outcome.events:
                kinds["nothing coded"] += 1
            elif r.missed and r.extra:
                kinds["wrong actor or code"] += 1
            elif r.missed:
                kinds["some events missed"] += 1
            else:
                kinds["extra events"] += 1
        summary = ", ".join(f"{n} {k}" for k, n in kinds.most_common())
        ids = " ".join(r.record.id for r in items[:8]) + (" ..." if len(items) > 8 else "")
        lines.append(f"  {cat:<10} {len(items):>3} failing: {summary} ({ids})")
    return lines


def report(path: Path, parse: str, show_failures: bool, show_calibration: bool) -> None:
    from tacitus.validation.petrarch import run
    from tacitus.validation.score import calibration, failures, format_calibration, format_report

    started = time.perf_counter()
    result = run(path, parse=parse)
    took = time.perf_counter() - started
    print(f"dictionaries imported: {result.imported.counts} "
          f"({len(result.imported.problems)} lines the importer could not carry over)")
    lines = failing_categories(result)
    if lines:
        print("failing records by category:")
        print("\n".join(lines))
    if show_failures:
        for r in failures(result.score):
            print(r.describe())
    if show_calibration:
        table = calibration((e.confidence, e.matched) for e in result.score.emitted)
        print(format_calibration(table))
    print(f"coded {len(result.outcomes)} records in {took:.1f} s")
    print(format_report(result.score, f"{path.name} with {parse} parses"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("records", nargs="?", default=str(UD_FILE), help="a PETRARCH validation record file")
    parser.add_argument("--failures", action="store_true", help="print every failing record")
    parser.add_argument("--calibration", action="store_true", help="print the confidence calibration table")
    args = parser.parse_args(argv)
    path = Path(args.records)
    if not path.exists():
        print(f"{path} is absent: the records live in ../shared/reference/petrarch2-validation",
              file=sys.stderr)
        return 2
    from tacitus.validation.records import read_records

    _, records = read_records(path)
    if any(r.parse_format == "conllu" for r in records):
        report(path, "conllu", args.failures, args.calibration)
        print()
    report(path, "spacy", args.failures, args.calibration)
    return 0


if __name__ == "__main__":
    sys.exit(main())
