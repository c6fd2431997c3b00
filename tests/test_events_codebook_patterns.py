"""The codebook table and the pattern dictionary: complete, consistent, readable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tacitus.errors import DataFileError, TacitusError
from tacitus.events import codebook
from tacitus.events.patterns import NULL_CODE, load, parse_pattern, patterns_for

ROOT = Path(__file__).resolve().parents[1]


def test_events_codebook_facts():
    visit = codebook.lookup("042")
    assert (visit.name, visit.root, visit.quad_class, visit.goldstein, visit.plover) == \
        ("Make a visit", "04", 1, 1.9, "CONSULT")
    assert codebook.lookup("057").plover == "SUPPORT"
    assert codebook.lookup("190").quad_class == 4
    assert len(codebook.roots()) == 20


def test_events_codebook_quad_class_convention():
    for info in codebook.all_codes():
        root = int(info.root)
        assert info.quad_class == (1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4), info.code


def test_events_codebook_unknown_code_says_what_to_do():
    with pytest.raises(TacitusError) as err:
        codebook.lookup("42")
    assert "leading zero" in str(err.value)


def test_events_codebook_table_matches_its_sources(shared):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_codebook.py"), "--check",
                           "--shared", str(shared)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_events_patterns_cover_every_root_with_known_codes():
    book = load()
    codes = {p.code for p in book.patterns() if p.code != NULL_CODE}
    assert {c[:2] for c in codes} == {f"{r:02d}" for r in range(1, 21)}
    assert all(codebook.is_code(c) for c in codes)
    stance = book.stance
    for table in ("intent_codes", "refusal_codes", "threat_codes"):
        section = {"intent_codes": "intent", "refusal_codes": "refusal", "threat_codes": "threat"}[table]
        assert all(codebook.is_code(c) for c in stance[section][table].values())


def test_events_pattern_syntax():
    p = parse_pattern("sign agreement|deal with", "057", "verb")
    assert p.head == {"sign"} and p.objects == {"agreement", "deal"} and p.preps == {"with"}
    q = parse_pattern("pull out of", "166", "verb")
    assert q.particles == ("out",) and q.preps == {"of"}
    r = parse_pattern("recognise", "054", "verb")
    assert r.head == {"recognise", "recognize"}
    assert [x.code for x in patterns_for("057")] and all(x.code == "057" for x in patterns_for("057"))


def test_events_simple_patterns_name_word_lists(tmp_path):
    """A word list of single words stands for its words in a simple-form pattern, in any
    position; a list of phrases keeps the pattern in the general form, an unknown one is an error."""
    extra = tmp_path / "lists.yaml"
    extra.write_text('synsets:\n  boats: [ferry, barge]\n  ways: [by sea, by air]\n'
                     '"061":\n  verbs:\n    - lease|rent &boats to\n  nouns:\n    - \"&boats lease to\"\n'
                     '"062":\n  verbs:\n    - "*ship cargo &ways (to +)"\n')
    book = load([extra], builtin=False)
    verb = next(p for p in book.verbs["lease"])
    assert not verb.general and verb.objects == {"ferry", "barge"} and verb.preps == {"to"}
    noun = next(p for p in book.nouns["lease"])
    assert noun.object_mods == ({"ferry", "barge"},)
    assert next(p for p in book.verbs["ship"]).general
    built = load()
    sale = next(p for p in built.verbs["sell"] if p.code == "072")
    assert {"frigate", "missile", "submarine", "weapon"} <= sale.objects
    bad = tmp_path / "bad_list.yaml"
    bad.write_text('"061":\n  verbs:\n    - lease &vessels to\n')
    with pytest.raises(DataFileError, match="vessels"):
        load([bad], builtin=False)
    underscore = tmp_path / "underscore.yaml"
    underscore.write_text('synsets:\n  small_boats: [dinghy]\n"061":\n  verbs:\n    - lease &small_boats to\n')
    with pytest.raises(DataFileError, match="no .?_.? in a name"):
        load([underscore], builtin=False)


def test_events_user_patterns_extend_and_report_errors(tmp_path):
    import tacitus
    from tacitus.records import Options

    extra = tmp_path / "mine.yaml"
    extra.write_text('"043":\n  verbs:\n    - roll out welcome mat for\n"051":\n  verbs:\n    - felicitate\n')
    book = load([extra])
    assert any(p.text == "felicitate" for p in book.verbs["felicitate"])
    assert "felicitate" not in load().verbs
    bad = tmp_path / "bad.yaml"
    bad.write_text('"042":\n  verbs:\n    - visit\n42x:\n  verbs: [go]\n')
    with pytest.raises(DataFileError) as err:
        load([bad])
    assert f"{bad}:4" in str(err.value)
    from tacitus.pipeline import Pipeline

    pipe = Pipeline(Options(), patterns=[str(extra)])
    from tacitus.ingest import article_from_text

    events = pipe.code_article(article_from_text("Chile felicitated Peru on Monday.", published="2024-01-10")).events
    assert [(e.source.country, e.cameo, e.target.country) for e in events] == [("CHL", "051", "PER")]
    # the built-in patterns do not know "felicitate": only the generaliser (nearest pattern in
    # meaning, events/generalise.py) may code it, and says so
    assert all("generalised" in e.how for e in tacitus.code("Chile felicitated Peru on Monday."))


def test_events_patterns_cover_the_three_digit_codes():
    codes = {p.code for p in load().patterns()}
    three = {c.code for c in codebook.all_codes() if len(c.code) == 3}
    missing = three - codes
    # 044 (meet at a third location) and 184 (human shields) need an adjunct the pattern
    # syntax cannot state yet ("on the sidelines of", "as human shields")
    assert missing <= {"044", "184"}, sorted(missing)
