#!/usr/bin/env python3
"""Fit the confidence model (src/tacitus/data/confidence.yaml) on the development gold sets.

    python scripts/fit_confidence.py [--check] [--l2 2.0]

Codes every development gold set (tacitus.validation.calibration: the seed gold, the
linguistic cases, the hand-coded real news of tests/data/news_gold/ (its tune half), and the PETRARCH
validation records), judges each event right or wrong, fits an L2-regularised logistic model
of right/wrong on how each event was found (on the sets coded with the built-in dictionaries),
writes it with its calibration table in the file's header, and prints the tables of every set
and of the held-out PLOVER gold sentences (which are never fitted on).

Rerun it after changing the coder or its dictionaries; --check only prints the tables of the
current model and writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TARGET = ROOT / "src" / "tacitus" / "data" / "confidence.yaml"
GSR = SHARED / "reference" / "gold" / "plover-gsr-cameo" / "PLOVER_GSR_CAMEO.txt"


def main(argv: list[str] | None = None) -> int:
    from tacitus.events.confidence import load
    from tacitus.validation.calibration import (
        FIT_SETS,
        L2,
        above,
        development_sets,
        fit,
        format_table,
        gsr_set,
        rescore,
    )

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="print the current model's tables, write nothing")
    parser.add_argument("--l2", type=float, default=L2, help="L2 penalty of the fit")
    args = parser.parse_args(argv)
    if not SHARED.exists():
        print(f"{SHARED} is absent: the gold sets live there", file=sys.stderr)
        return 2
    sets = development_sets(ROOT, SHARED)
    held = gsr_set(GSR) if GSR.exists() else []
    dev = [j for name, items in sets.items() if name in FIT_SETS for j in items]
    model = load() if args.check else fit(dev, l2=args.l2)
    lines = []
    for name, items in [*sets.items(), ("plover-gsr (not fitted on)", held)]:
        lines.append(format_table(name, rescore(items, model)))
    report = "\n".join(lines)
    print(report)
    if args.check:
        return 0
    n, right = above(rescore(dev, model))
    header = [
        "# tacitus confidence: a logistic model of how likely a coded event is right, from how it was",
        "# found (tacitus/events/confidence.py). Written by scripts/fit_confidence.py on "
        f"{date.today().isoformat()}: do not edit",
        "# by hand, rerun the script after changing the coder. Fitted on: "
        + ", ".join(f"{k} ({len(v)} events)" for k, v in sets.items() if k in FIT_SETS) + f"; L2 = {args.l2}.",
        f"# Above 0.8 on them: {right}/{n} right. Calibration (events and right per confidence bin) on",
        "# every set, the PETRARCH records and the held-out PLOVER sentences included:",
        *("#   " + line for line in report.splitlines()),
        "",
        f"intercept: {model.intercept:.3f}",
        "weights:",
        *(f"  {name}: {w:.3f}" for name, w in sorted(model.weights.items())),
        "",
    ]
    TARGET.write_text("\n".join(header), encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
