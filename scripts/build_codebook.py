#!/usr/bin/env python3
"""Generate src/tacitus/data/cameo_codebook.csv, the package's table of CAMEO codebook facts.

    python scripts/build_codebook.py [--shared PATH] [--check]

Reads ``reference/cameo_codes.csv`` (CAMEO 1.1b3 names, GDELT Goldstein values) and
``reference/cameo_to_plover.csv`` (the PLOVER project's CAMEO->PLOVER mapping, CC BY-SA 4.0)
under ``--shared`` (default: ../shared next to the repository), and writes one row per CAMEO
code, in the order of cameo_codes.csv:

    code, root, parent, name, goldstein, quad_class, plover_event, plover_mode, plover_context

How each column is filled (also in src/tacitus/data/CODEBOOK-NOTICE.md):

- ``name``: the CAMEO 1.1b3 name (ICEWS table), GDELT's where ICEWS has none.
- ``goldstein``: GDELT's value; ICEWS's for 1213, the one code GDELT lacks.
- ``quad_class``: GDELT's convention by root: 01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4.
  Computed here from the root, and checked against the source's column.
- PLOVER columns: the code's own mapping line; else (4-digit codes) its 3-digit parent's line;
  else (2-digit roots) the event type of the root's heading, without mode or context. 08 has
  two headings (CONCEDE for 081-083, RETREAT for 084-087); root 08 takes the first, CONCEDE,
  as does its "080 Yield" line.
- PLOVER leaves out CAMEO 01 (statements) and 02 (appeals). Appeals are requests, and later
  PLOVER codes them as REQUEST, so the 02 family gets REQUEST (no mode, no context). A
  statement is not an event in PLOVER: the 01 family has an empty PLOVER event type.

``--check`` exits 1 when the committed table differs from what the sources give (a test runs it).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "tacitus" / "data" / "cameo_codebook.csv"
COLUMNS = ["code", "root", "parent", "name", "goldstein", "quad_class", "plover_event",
           "plover_mode", "plover_context"]
# PLOVER drops these CAMEO families; what this table gives them instead
UNMAPPED_FAMILIES = {"01": "", "02": "REQUEST"}


def quad_class(root: str) -> int:
    """GDELT's QuadClass of a CAMEO root ("01".."20")."""
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4


def _read(path: Path, required: set[str]) -> list[dict[str, str]]:
    if not path.exists():
        raise SystemExit(f"{path} is missing: pass --shared with the folder that holds reference/")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    missing = required - set(reader.fieldnames or ())
    if missing:
        raise SystemExit(f"{path}: columns {sorted(missing)} are missing; has the file's format changed?")
    return rows


def build(shared: Path) -> str:
    """The codebook table, as CSV text, from the reference files under ``shared``.

    Raises:
        SystemExit: a source file is missing or inconsistent (with what to look at).
    """
    ref = shared / "reference"
    codes = _read(ref / "cameo_codes.csv",
                  {"code", "root_code", "parent_code", "name", "goldstein", "goldstein_icews", "quad_class"})
    plover = _read(ref / "cameo_to_plover.csv",
                   {"cameo_code", "plover_event", "plover_mode", "plover_context", "row_type"})
    mapping: dict[str, dict[str, str]] = {}
    headings: dict[str, str] = {}
    for row in plover:
        if row["row_type"] == "code":
            mapping.setdefault(row["cameo_code"], row)
        elif row["row_type"] == "root_header":
            headings.setdefault(row["cameo_code"], row["plover_event"])  # 08: CONCEDE comes first

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    problems: list[str] = []
    for c in codes:
        code, root, parent = c["code"], c["root_code"], c["parent_code"]
        line = mapping.get(code) or (mapping.get(parent) if len(code) == 4 else None)
        if root in UNMAPPED_FAMILIES:
            event, mode, context = UNMAPPED_FAMILIES[root], "", ""
        elif line is not None:
            event, mode, context = line["plover_event"], line["plover_mode"], line["plover_context"]
        elif code == root and root in headings:
            event, mode, context = headings[root], "", ""
        else:
            problems.append(f"{code}: no PLOVER mapping line, parent line or heading")
            continue
        goldstein = c["goldstein"] or c["goldstein_icews"]
        if not goldstein:
            problems.append(f"{code}: no Goldstein value in either table")
        quad = quad_class(root)
        if c["quad_class"] and int(c["quad_class"]) != quad:
            problems.append(f"{code}: quad_class {c['quad_class']} in the source, {quad} by GDELT's rule")
        writer.writerow([code, root, parent, c["name"], f"{float(goldstein or 0):.1f}", quad,
                         event, mode, context])
    if problems:
        raise SystemExit("the reference files are inconsistent:\n  " + "\n  ".join(problems))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="folder holding reference/cameo_codes.csv and reference/cameo_to_plover.csv")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the committed table differs from the sources")
    args = parser.parse_args(argv)
    if not (args.shared / "reference").is_dir():
        print(f"{args.shared / 'reference'} is absent: pass --shared PATH (the folder that holds "
              "reference/)", file=sys.stderr)
        return 2
    table = build(args.shared)
    rows = table.count("\n") - 1
    if args.check:
        if OUT.exists() and OUT.read_text(encoding="utf-8") == table:
            print(f"{OUT.name} is up to date ({rows} codes)")
            return 0
        print(f"{OUT} differs from what the sources give: run scripts/build_codebook.py to regenerate it")
        return 1
    OUT.write_text(table, encoding="utf-8")
    print(f"wrote {OUT} ({rows} codes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
