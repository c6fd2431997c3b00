"""The example articles that `make demo` codes: well-formed, in our own words, and coded."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
MANIFEST = EXAMPLES / "articles.jsonl"
CHUNK = 9  # words: a run this long shared with a seed would be copying, not coincidence


def manifest() -> list[dict]:
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _fold(text: str) -> str:
    """Text with curly quotes and dashes made plain and whitespace runs made one space."""
    table = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                           "\u2013": "-", "\u2014": "-", "\u00a0": " "})
    return re.sub(r"\s+", " ", text.translate(table)).strip().lower()


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?\"'])\s+|\n+", text) if s.strip()]


def test_examples_manifest_is_complete():
    lines = manifest()
    assert len(lines) == 6
    assert len({line["path"] for line in lines}) == len(lines)
    for line in lines:
        assert set(line) == {"path", "title", "publisher", "published"}, line
        assert line["publisher"] == "tacitus examples" and line["title"].strip()
        path = EXAMPLES / line["path"]
        assert path.is_file(), path
        text = path.read_text(encoding="utf-8")
        # wire style: the headline first, a blank line, then the body
        headline, blank, *_ = text.splitlines()
        assert headline == line["title"] and blank == "", path
        words = len(text.split())
        assert 100 <= words <= 400, (path, words)
        published = date.fromisoformat(line["published"])
        assert date(2019, 1, 1) <= published <= date(2024, 12, 31), line


def test_examples_every_article_file_is_listed():
    listed = {line["path"] for line in manifest()}
    on_disk = {f"articles/{p.name}" for p in (EXAMPLES / "articles").glob("*.txt")}
    assert listed == on_disk


def test_examples_are_not_copied_from_the_seeds(shared):
    seed_files = sorted((shared / "seeds").glob("*.txt"))
    if not seed_files:
        pytest.skip(f"{shared / 'seeds'} holds no article")
    seeds = " ".join(_fold(p.read_text(encoding="utf-8")) for p in seed_files)
    for line in manifest():
        text = (EXAMPLES / line["path"]).read_text(encoding="utf-8")
        for sentence in _sentences(text):
            folded = _fold(sentence)
            assert folded not in seeds, (line["path"], sentence)
            words = folded.split()
            for i in range(len(words) - CHUNK + 1):
                chunk = " ".join(words[i:i + CHUNK])
                assert chunk not in seeds, (line["path"], chunk)


def test_examples_code_into_conflict_and_cooperation():
    from tacitus.pipeline import run

    report = run([str(MANIFEST)])
    assert report.coded == len(manifest()) and not report.skipped
    by_article: dict[str, list] = {}
    for e in report.coded_events:
        by_article.setdefault(Path(e.article_path).name, []).append(e)
    assert len(by_article) == len(manifest()), sorted(by_article)
    quads = {e.quad_class for e in report.coded_events if not e.negated}
    assert quads == {1, 2, 3, 4}
    visit = [e for e in by_article["01_macron_astana_2023.txt"]
             if e.cameo == "042" and e.source.country == "FRA" and e.target and e.target.country == "KAZ"]
    assert visit and visit[0].date == "2023-11-01"
    # "The European Union and the United States imposed sanctions on Russia": one event each
    sanctions = {(e.source.code, e.target.country) for e in by_article["03_sanctions_russia_2022.txt"]
                 if e.cameo == "163" and e.date == "2022-02-22"}
    assert sanctions >= {("IGOEUREEC", "RUS"), ("USA", "RUS")}
