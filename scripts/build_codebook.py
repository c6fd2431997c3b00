#!/usr/bin/env python3
"""Generate src/tacitus/data/cameo_codebook.csv, the package's table of CAMEO codebook facts.

    python scripts/build_codebook.py [--shared PATH] [--check]

Reads ../shared/reference/cameo_codes.csv (names, GDELT Goldstein values and quad classes)
and ../shared/reference/cameo_to_plover.csv (the PLOVER project's CAMEO->PLOVER mapping,
CC BY-SA 4.0), and writes one row per CAMEO code:

    code, root, parent, name, goldstein, quad_class, plover_event, plover_mode, plover_context

Choices (see src/tacitus/data/CODEBOOK-NOTICE.md):
- quad_class follows GDELT: roots 01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4.
- A code with no mapping line takes its parent's PLOVER mapping (4-digit codes), then its
  root header's event type.
- PLOVER drops CAMEO 01 (statements) and 02 (appeals). Appeals are requests, so 02x is given
  PLOVER's REQUEST; statements have no PLOVER event type and stay empty.

--check exits 1 when the committed table differs from what the sources give (a test runs it).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "tacitus" / "data" / "cameo_codebook.csv"
COLUMNS = ["code", "root", "parent", "name", "goldstein", "quad_class", "plover_event", "plover_mode",
           "plover_context"]


def quad(root: str) -> int:
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4


def build(shared: Path) -> str:
    ref = shared / "reference"
    with (ref / "cameo_codes.csv").open(encoding="utf-8", newline="") as fh:
        codes = list(csv.DictReader(fh))
    mapping: dict[str, dict] = {}
    headers: dict[str, str] = {}
    with (ref / "cameo_to_plover.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["row_type"] == "code":
                mapping.setdefault(row["cameo_code"], row)
            elif row["row_type"] == "root_header":
                headers.setdefault(row["cameo_code"], row["plover_event"])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for c in codes:
        code, root = c["code"], c["root_code"]
        m = mapping.get(code) or mapping.get(c["parent_code"] or "") or mapping.get(code[:3])
        if m is not None:
            event, mode, context = m["plover_event"], m["plover_mode"], m["plover_context"]
        elif root == "02":
            event, mode, context = "REQUEST", "", ""
        else:
            event, mode, context = headers.get(root, ""), "", ""
        if root == "08" and m is None:
            event = "CONCEDE" if int(code[:3]) < 84 else "RETREAT"
        goldstein = c["goldstein"] or c["goldstein_icews"]
        writer.writerow([code, root, c["parent_code"], c["name"], goldstein, quad(root), event, mode, context])
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--check", action="store_true", help="compare with the committed table")
    args = parser.parse_args(argv)
    if not (args.shared / "reference" / "cameo_codes.csv").exists():
        print(f"{args.shared}/reference is absent: cannot build the codebook", file=sys.stderr)
        return 2
    table = build(args.shared)
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == table
        print("codebook table is up to date" if same else f"{OUT} differs from the sources: rerun the script")
        return 0 if same else 1
    OUT.write_text(table, encoding="utf-8")
    print(f"wrote {OUT} ({table.count(chr(10)) - 1} codes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
