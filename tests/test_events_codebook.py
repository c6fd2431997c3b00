"""The package's CAMEO/PLOVER codebook table, its loader and the script that generates it."""

from __future__ import annotations

import csv
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from tacitus.errors import DataFileError, TacitusError
from tacitus.events import codebook

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "build_codebook.py"
SHARED = ROOT.parent / "shared"

# the 16 event types of the PLOVER manual (v2.0 draft)
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def _gdelt_quad(root: str) -> int:
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4


def _build_module():
    spec = importlib.util.spec_from_file_location("build_codebook", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_events_codebook_visit():
    visit = codebook.lookup("042")
    assert visit.name == "Make a visit"
    assert (visit.root, visit.parent, visit.quad_class, visit.goldstein) == ("04", "04", 1, 1.9)
    assert visit.plover == "CONSULT" and visit.plover_mode == "visit"


def test_events_codebook_plover_mapping_of_sample_codes():
    sign = codebook.lookup("057")
    assert (sign.name, sign.plover, sign.plover_context, sign.goldstein) == \
        ("Sign formal agreement", "SUPPORT", ("diplomatic",), 8.0)
    accuse = codebook.lookup("112")
    assert (accuse.plover, accuse.plover_mode, accuse.quad_class, accuse.goldstein) == \
        ("ACCUSE", "disapprove", 3, -2.0)
    crime = codebook.lookup("1121")
    assert (crime.parent, crime.plover, crime.plover_mode, crime.plover_context) == \
        ("112", "ACCUSE", "allege", ("crime", "corruption"))
    # PLOVER files CAMEO sanctions under COERCE (mode restrict), not under SANCTION
    sanction = codebook.lookup("163")
    assert (sanction.plover, sanction.plover_mode, sanction.quad_class, sanction.goldstein) == \
        ("COERCE", "restrict", 4, -8.0)
    force = codebook.lookup("190")
    assert (force.name, force.plover, force.quad_class, force.goldstein) == \
        ("Use conventional military force", "ASSAULT", 4, -10.0)
    # 08 has two PLOVER headings: easing is CONCEDE, returning and ceasefires are RETREAT
    assert codebook.lookup("081").plover == "CONCEDE"
    assert codebook.lookup("0871").plover == "RETREAT"


def test_events_codebook_roots_are_the_twenty():
    roots = codebook.roots()
    assert [r.code for r in roots] == [f"{i:02d}" for i in range(1, 21)]
    assert all(r.parent == "" and r.root == r.code for r in roots)
    assert codebook.lookup("04").name == "CONSULT"
    assert codebook.lookup("08").plover == "CONCEDE"
    assert codebook.lookup("19").plover == "ASSAULT"


def test_events_codebook_families_plover_leaves_out():
    statements = [c for c in codebook.all_codes() if c.root == "01"]
    appeals = [c for c in codebook.all_codes() if c.root == "02"]
    assert len(statements) == 11 and all(c.plover is None for c in statements)
    assert len(appeals) > 20 and all(c.plover == "REQUEST" for c in appeals)
    assert codebook.lookup("016").name == "Deny responsibility"


def test_events_codebook_every_code_is_consistent():
    codes = codebook.all_codes()
    assert len(codes) == 312
    table = {c.code: c for c in codes}
    for info in codes:
        assert info.quad_class == _gdelt_quad(info.root), info.code
        assert -10.0 <= info.goldstein <= 10.0, info.code
        assert info.root == info.code[:2] and info.name, info.code
        if len(info.code) > 2:
            assert info.parent == info.code[:-1] or info.parent == info.code[:2], info.code
            assert info.parent in table, info.code
        assert info.plover is None and info.root == "01" or info.plover in PLOVER_TYPES, info.code
        assert all(c and c == c.strip() for c in info.plover_context), info.code
        assert codebook.is_code(info.code)


def test_events_codebook_unknown_code_gives_a_helpful_error():
    with pytest.raises(TacitusError) as err:
        codebook.lookup("42")
    assert not isinstance(err.value, KeyError)
    assert "leading zero" in str(err.value) and '"042" (Make a visit)' in str(err.value)
    with pytest.raises(TacitusError, match="leading zero"):
        codebook.lookup(42)  # type: ignore[arg-type]
    with pytest.raises(TacitusError, match="nearest is 042"):
        codebook.lookup("0429")
    with pytest.raises(TacitusError, match="2 to 4 digits"):
        codebook.lookup("sanction")
    assert not codebook.is_code("42") and not codebook.is_code(42)  # type: ignore[arg-type]


def test_events_codebook_malformed_table_names_file_and_line():
    header = ",".join(codebook._COLUMNS)
    bad = f"{header}\n04,04,,CONSULT,1.0,1,CONSULT,,\n042,04,04,Make a visit,high,1,CONSULT,visit,\n"
    with pytest.raises(DataFileError) as err:
        codebook._parse(bad, "mine.csv")
    assert err.value.line == 3 and "mine.csv:3" in str(err.value) and "042" in str(err.value)
    twice = f"{header}\n04,04,,CONSULT,1.0,1,CONSULT,,\n04,04,,CONSULT,1.0,1,CONSULT,,\n"
    with pytest.raises(DataFileError, match="appears twice"):
        codebook._parse(twice, "mine.csv")
    with pytest.raises(DataFileError, match="header"):
        codebook._parse("code,name\n042,Make a visit\n", "mine.csv")


def test_events_codebook_table_matches_its_sources():
    if not (SHARED / "reference").is_dir():
        pytest.skip(f"{SHARED}/reference is absent: cannot compare the codebook with its sources")
    proc = subprocess.run([sys.executable, str(SCRIPT), "--check", "--shared", str(SHARED)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "up to date (312 codes)" in proc.stdout


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def test_events_codebook_build_inherits_and_fills_unmapped_families(tmp_path):
    """A small reference folder, written here: the rules of build_codebook.py on each case."""
    ref = tmp_path / "reference"
    ref.mkdir()
    _write(ref / "cameo_codes.csv",
           ["code", "root_code", "parent_code", "name", "goldstein", "goldstein_icews", "quad_class"],
           [["01", "01", "", "MAKE PUBLIC STATEMENT", "0.0", "0.0", "1"],
            ["02", "02", "", "APPEAL", "3.0", "3.0", "1"],
            ["021", "02", "02", "Appeal for material cooperation", "3.4", "3.4", "1"],
            ["08", "08", "", "YIELD", "5.0", "5.0", "2"],
            ["11", "11", "", "DISAPPROVE", "-2.0", "-2.0", "3"],
            ["112", "11", "11", "Accuse", "-2.0", "-2.0", "3"],
            ["1129", "11", "112", "Accuse of something new", "", "-2.5", "3"]])
    _write(ref / "cameo_to_plover.csv",
           ["cameo_code", "plover_event", "plover_mode", "plover_context", "row_type"],
           [["08", "CONCEDE", "", "", "root_header"],
            ["08", "RETREAT", "", "", "root_header"],
            ["11", "ACCUSE", "", "", "root_header"],
            ["112", "ACCUSE", "disapprove", "military;legal", "code"],
            ["01", "", "", "", "unmapped"]])
    rows = {r["code"]: r for r in csv.DictReader(_build_module().build(tmp_path).splitlines())}
    assert rows["1129"]["plover_event"] == "ACCUSE" and rows["1129"]["plover_mode"] == "disapprove"
    assert rows["1129"]["plover_context"] == "military;legal" and rows["1129"]["goldstein"] == "-2.5"
    assert rows["11"]["plover_event"] == "ACCUSE" and rows["11"]["plover_mode"] == ""
    assert rows["08"]["plover_event"] == "CONCEDE"
    assert rows["01"]["plover_event"] == "" and rows["021"]["plover_event"] == "REQUEST"
    assert [rows[c]["quad_class"] for c in ("01", "08", "11")] == ["1", "2", "3"]
    # the committed table is not what this folder gives: --check says so and fails
    proc = subprocess.run([sys.executable, str(SCRIPT), "--check", "--shared", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "differs" in proc.stdout


def test_events_codebook_build_reports_a_code_without_mapping(tmp_path):
    ref = tmp_path / "reference"
    ref.mkdir()
    _write(ref / "cameo_codes.csv",
           ["code", "root_code", "parent_code", "name", "goldstein", "goldstein_icews", "quad_class"],
           [["15", "15", "", "EXHIBIT FORCE POSTURE", "-7.2", "-7.2", "4"]])
    _write(ref / "cameo_to_plover.csv",
           ["cameo_code", "plover_event", "plover_mode", "plover_context", "row_type"], [])
    with pytest.raises(SystemExit, match="15: no PLOVER mapping"):
        _build_module().build(tmp_path)
