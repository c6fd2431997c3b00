"""The example articles that `make demo` codes: well-formed, our own words, and coded."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def manifest() -> list[dict]:
    return [json.loads(x) for x in (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]


def test_examples_manifest_is_complete():
    lines = manifest()
    assert len(lines) >= 5
    for line in lines:
        path = EXAMPLES / line["path"]
        assert path.exists(), path
        words = len(path.read_text(encoding="utf-8").split())
        assert 100 <= words <= 400, (path, words)
        date.fromisoformat(line["published"])


def test_examples_are_not_copied_from_the_seeds(shared):
    seeds = " ".join(p.read_text(encoding="utf-8") for p in (shared / "seeds").glob("*.txt"))
    folded = re.sub(r"\s+", " ", seeds.replace("\u2019", "'"))
    for line in manifest():
        text = (EXAMPLES / line["path"]).read_text(encoding="utf-8").replace("\u2019", "'")
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            words = sentence.split()
            for i in range(0, max(1, len(words) - 8)):
                chunk = " ".join(words[i:i + 9])
                assert len(words) < 9 or chunk not in folded, (line["path"], chunk)


def test_examples_code_into_conflict_and_cooperation():
    from tacitus.pipeline import run

    report = run([str(EXAMPLES / "articles.jsonl")])
    assert report.coded == len(manifest()) and not report.skipped
    quads = {e.quad_class for e in report.coded_events if not e.negated}
    assert quads >= {1, 2, 3, 4}
    visit = [e for e in report.coded_events if e.cameo == "042" and e.source.country == "FRA"
             and e.target and e.target.country == "KAZ"]
    assert visit and visit[0].date == "2023-11-01"
