"""The open coders' own test suite, run by the benchmark script, with floors on its figures.

UD-PETRARCH scored 68.27% of expected events matched with 22.95% of emitted events extra on
the UD record file (its README, 2018); the issue's target is >= 85% matched and <= 10% extra
with spaCy's parse. Reads ../shared/reference/petrarch2-validation (skipped when absent).

The floors are today's figures less a small margin; a change that lowers them is a regression
to look at, not a number to edit (run `python benchmarks/petrarch_validation.py --failures`).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VALIDATION = ROOT.parent / "shared" / "reference" / "petrarch2-validation"
UD = VALIDATION / "universalpetrarch-ud" / "PETR_Validate_records_2_02.xml"
CONSTITUENCY = VALIDATION / "PETR.UnitTest.records.xml"
SCRIPT = ROOT / "benchmarks" / "petrarch_validation.py"

#: The issue's target on the UD file with spaCy's parse (measured 2026-11-29: 90.6% / 9.1%).
UD_SPACY_MATCHED = 0.85
UD_SPACY_EXTRA = 0.10
#: With the record's own CoNLL-U parse (measured: 86.4% / 9.2%).
UD_CONLLU_MATCHED = 0.83
UD_CONLLU_EXTRA = 0.11
#: The constituency file, read with the PETRARCH-1 (TABARI) dictionaries (measured 67.7% / 16.8%).
PTB_MATCHED = 0.64
PTB_EXTRA = 0.19

LINE = re.compile(r"^petrarch validation: matched (\d+)/(\d+) expected events, extra (\d+), "
                  r"records correct (\d+)/(\d+)$")
EXTRA = re.compile(r"emitted events extra:\s+[\d.]+% \((\d+)/(\d+)\)")

needs_records = pytest.mark.skipif(not UD.exists(), reason=f"{VALIDATION} is absent: the records live there")


def run_script(path: Path) -> list[str]:
    proc = subprocess.run([sys.executable, str(SCRIPT), str(path)], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.rstrip("\n").splitlines()


def figures(lines: list[str]) -> list[tuple[float, float]]:
    """(matched share, extra share) of each run, in the order printed."""
    out = []
    emitted = [m for m in (EXTRA.search(line) for line in lines) if m]
    finals = [m for m in (LINE.match(line) for line in lines) if m]
    for final, extra in zip(finals, emitted, strict=True):
        matched, expected = int(final.group(1)), int(final.group(2))
        out.append((matched / expected, int(extra.group(1)) / int(extra.group(2))))
    return out


@needs_records
def test_validation_petrarch_ud_file_meets_the_target():
    lines = run_script(UD)
    # the last line is exactly the summary of the run with spaCy's parse
    assert LINE.match(lines[-1]), lines[-1]
    (conllu_matched, conllu_extra), (spacy_matched, spacy_extra) = figures(lines)
    assert spacy_matched >= UD_SPACY_MATCHED and spacy_extra <= UD_SPACY_EXTRA, lines[-6:]
    assert conllu_matched >= UD_CONLLU_MATCHED and conllu_extra <= UD_CONLLU_EXTRA
    assert any(line.startswith("failing records by category:") for line in lines)


@needs_records
def test_validation_petrarch_constituency_file():
    lines = run_script(CONSTITUENCY)
    assert LINE.match(lines[-1]), lines[-1]
    ((matched, extra),) = figures(lines)
    assert matched >= PTB_MATCHED and extra <= PTB_EXTRA, lines[-6:]
