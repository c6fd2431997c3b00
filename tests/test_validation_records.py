"""PETRARCH validation records: the reader (both dialects) and the scorer.

The real files are read from ../shared; the quirks are pinned on small record files written
for these tests (tests/fixtures/validation/, invented countries Valdoria, Norland, Kestria).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from tacitus.errors import DataFileError, InputError
from tacitus.validation import Outcome, failures, format_report, read_records, score
from tacitus.validation.records import Expected, ValidationRecord, option_enabled, scan_records
from tacitus.validation.score import calibration, match_events

FIXTURES = Path(__file__).parent / "fixtures" / "validation"
PTB = FIXTURES / "records.xml"
UD = FIXTURES / "records_ud.xml"


def petr(shared):
    return shared / "reference" / "petrarch2-validation" / "PETR.UnitTest.records.xml"


def petr_ud(shared):
    return shared / "reference" / "petrarch2-validation" / "universalpetrarch-ud" / "PETR_Validate_records_2_02.xml"


# ---------------------------------------------------------------------------- the real files


def test_validation_records_reads_the_petrarch_unit_test_file(shared):
    env, records = read_records(petr(shared))
    # the README's counts, exactly: 284 records, 359 expected events, 19 noevents, 7 errors
    assert len(records) == 284
    assert sum(len(r.events) for r in records) == 359
    assert sum(r.noevents for r in records) == 19
    assert sum(r.error is not None for r in records) == 7
    assert sum(1 for r in records if r.events) == 257
    # 257 + 19 + 7 = 283: PATTERN-06 has no <EventCoding> line at all, so it expects nothing
    # without saying noevents; the scorer treats both the same way
    assert [r.id for r in records if not r.expected] == ["PATTERN-06"]
    categories = Counter(r.category for r in records)
    assert (categories["DEMO"], categories["COMPOUND"], categories["SYNSET"], categories["ERROR"]) == (36, 42, 52, 7)
    assert {r.parse_format for r in records} == {"ptb"} and all(r.evaluate for r in records)
    assert sum(1 for r in records for e in r.events if e.source.startswith('"') or e.target.startswith('"')) == 5
    assert env.verbfile == "PETR.Validate.verbs.txt" and env.path(env.verbfile).exists()
    assert env.config == {"stop_on_error": "True"}
    first = records[0]
    assert (first.id, first.date, first.line, first.expected) == (
        "DEMO-00", date(1995, 1, 1), 61, (Expected("ARN", "GON", "064"),))
    assert first.text.startswith("Arnor is about to restore full diplomatic ties with Gondor almost five")
    assert records[-1].id == "FINAL-RECORD"
    assert Counter(r.id for r in records)["AGENTS-18"] == 2  # ids are not unique upstream
    # options set between records hold for the records after them
    assert option_enabled(next(r for r in records if r.id == "COMPOUND-03").config["require_dyad"]) is False
    # the tag scanner reads the well-formed file to the same records as xml.etree
    assert scan_records(petr(shared)) == (env, records)


def test_validation_records_reads_the_universalpetrarch_ud_file(shared):
    with pytest.raises(ET.ParseError):
        ET.parse(petr_ud(shared))  # the <PLEvent {json}> lines are not XML
    env, records = read_records(petr_ud(shared))
    # the README's counts, exactly: 274 records, 264 evaluated, 322 events in 247 records,
    # 20 noevents, 7 errors, 38 PLEvent lines
    assert len(records) == 274
    assert sum(r.evaluate for r in records) == 264
    assert sum(len(r.events) for r in records) == 322
    assert sum(1 for r in records if r.events) == 247
    assert (sum(r.noevents for r in records), sum(r.error is not None for r in records)) == (20, 7)
    assert sum(len(r.plevents) for r in records) == 38
    assert {r.parse_format for r in records} == {"conllu"}
    assert env.ontologyfile == "PETR_Validate_Internal_Coding_Ontology_1_01.txt"
    first = records[0]
    assert (first.id, first.line, first.events) == ("DEMO-01", 63, (Expected("ARN", "GON", "050"),))
    assert first.parse.splitlines()[0].split("\t")[:4] == ["1", "Arnor", "Arnor", "PROPN"]
    # upstream ids are not unique: the scorer pairs outcomes with records in file order
    assert Counter(r.id for r in records)["DEMO-32"] == 2


# ---------------------------------------------------------------------------- quirks, on fixtures


def test_validation_records_ptb_fixture_quirks():
    env, records = read_records(PTB)
    assert [r.id for r in records] == ["DEMO-01", "DEMO-02", "ACTOR-01", "ERROR-01"]  # GHOST-01 is in a comment
    assert env.actorfiles == ("test.actors.txt", "test.more-actors.txt")
    assert (env.discardfile, env.ontologyfile, env.include) == ("test.discards.txt", None, ("DEMO", "ACTOR", "ERROR"))
    demo, quiet, actor, error = records
    # text over two lines with runs of spaces becomes one line
    assert demo.text == "Valdoria will restore full diplomatic relations with Norland, the foreign ministry said on Monday."
    assert demo.parse.startswith("(ROOT (S (S (NP (NNP Valdoria))") and demo.parse_format == "ptb"
    assert (demo.line, demo.date) == (20, date(2023, 3, 1))
    # <Config> is cumulative, starting from the environment's, and as written
    assert demo.config == {"stop_on_error": "False"}
    assert quiet.config == {"stop_on_error": "False", "require_dyad": "false"}
    assert error.config == {"stop_on_error": "False", "require_dyad": "TRUE", "new_actor_length": "4"}
    # 'noevents = "True"' with spaces, and 'date = "..."'
    assert quiet.noevents and quiet.events == () and quiet.date == date(2023, 3, 2)
    # a quoted new-actor code in single-quoted markup; &amp; decoded in text and parse
    assert actor.events == (Expected('"THE HARBOUR AUTHORITY"', "NRL", "112"), Expected("KES", "NRL", "112"))
    assert "Authority & Kestria" in actor.text and "(CC &)" in actor.parse
    assert error.error == "sentencediscard" and not error.noevents


def test_validation_records_ud_fixture_quirks():
    with pytest.raises(ET.ParseError):
        ET.parse(UD)
    env, records = read_records(UD)
    assert [r.id for r in records] == ["COMPOUND-01", "DEMO-01", "DEMO-02", "DEMO-02"]  # no GHOST-02
    assert env.ontologyfile == "test_ontology.txt" and env.config == {}
    compound, bypassed, quiet, discard = records
    assert compound.plevents == ({"event": "043", "source": [{"code": "VAL"}, {"code": "NRL"}],
                                  "target": [{"code": "KES", "sector": "GOV"}]},)
    assert compound.parse_format == "conllu" and compound.parse.count("\n") == 6
    assert compound.parse.splitlines()[1].split("\t") == ["2", "and", "and", "CONJ", "CC", "_", "1", "cc", "_", "_"]
    assert compound.config == {} and bypassed.config == {"new_actor_length": "4"}
    assert not bypassed.evaluate and compound.evaluate
    assert bypassed.events == (Expected('"THE HARBOUR AUTHORITY"', "NRL", "040"),)  # &quot; decoded
    assert quiet.noevents and quiet.text == "Rain fell on Valdoria & Norland."
    assert "\t&\t&\tCONJ" in quiet.parse
    assert discard.error == "storydiscard"
    assert [r.line for r in records] == [19, 48, 64, 79]


def test_validation_records_scanner_and_etree_agree_on_the_well_formed_fixture():
    assert scan_records(PTB) == read_records(PTB)


@pytest.mark.parametrize(("change", "message"), [
    (('id="DEMO-01" ', ""), "has no id"),
    (('date="20230301"', 'date="2023-03-01"'), "not YYYYMMDD"),
    (('error="sentencediscard"', 'error="spam"'), "unknown expected error 'spam'"),
    (("<EventCoding noevents = \"True\"></EventCoding>", "<EventCoding></EventCoding>"), "neither eventcode"),
])
def test_validation_records_malformed_records_name_the_line(tmp_path, change, message):
    path = tmp_path / "bad.xml"
    path.write_text(PTB.read_text(encoding="utf-8").replace(*change, 1), encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as err:
        read_records(path)
    assert err.value.path == str(path) and err.value.line


def test_validation_records_unclosed_record_and_missing_file(tmp_path):
    path = tmp_path / "bad_ud.xml"
    path.write_text(UD.read_text(encoding="utf-8").replace("</Parse></Sentence>\n\n</Sentences>", "</Parse>\n</Sentences>"),
                    encoding="utf-8")
    with pytest.raises(DataFileError, match="DEMO-02 is not closed"):
        read_records(path)
    with pytest.raises(DataFileError, match="cannot read the records file"):
        read_records(tmp_path / "absent.xml")


# ---------------------------------------------------------------------------- the scorer


def record(rid: str, *expected: Expected, category: str = "DEMO", evaluate: bool = True) -> ValidationRecord:
    return ValidationRecord(id=rid, category=category, date=date(2023, 1, 1), text=f"Sentence {rid}.", parse=None,
                            parse_format="ptb", evaluate=evaluate, expected=tuple(expected), config={}, line=1)


def test_validation_score_matches_events_as_a_multiset():
    twice = record("M-1", Expected("VAL", "NRL", "064"), Expected("VAL", "NRL", "064"), Expected("NRL", "VAL", "064"))
    once = score([twice], [Outcome("M-1", [("VAL", "NRL", "064", 0.9), ("VAL", "KES", "064", 0.4)])])
    result = once.records[0]
    assert result.matched == [("VAL", "NRL", "064")]
    assert result.missed == [("VAL", "NRL", "064"), ("NRL", "VAL", "064")]
    assert result.extra == [("VAL", "KES", "064")] and not result.correct
    thrice = score([twice], [Outcome("M-1", [("VAL", "NRL", "064", 0.9)] * 3 + [("NRL", "VAL", "064", 0.8)])])
    assert (thrice.total.matched, thrice.total.missed, thrice.total.extra) == (3, 0, 1)
    exact = score([twice], [Outcome("M-1", [("NRL", "VAL", "064", 0.8), ("VAL", "NRL", "064", 0.9),
                                            ("VAL", "NRL", "064", 0.7)])])
    assert exact.records[0].correct and exact.total.correct == 1
    # codes are strings: "64" is not "064", and "---" is the null actor
    assert score([twice], [Outcome("M-1", [("VAL", "NRL", "64", 1.0)])]).total.matched == 0
    null = record("N-1", Expected("---GOV", "VAL", "120"))
    assert score([null], [Outcome("N-1", [("---GOV", "VAL", "120", 0.5)])]).records[0].correct


def test_validation_score_quoted_new_actor_codes():
    _, records = read_records(PTB)
    actor = next(r for r in records if r.id == "ACTOR-01")
    for emitted in ['"THE HARBOUR AUTHORITY"', "the harbour  authority", "THE_HARBOUR_AUTHORITY", "TheHarbourAuthority"]:
        result = score([actor], [Outcome("ACTOR-01", [(emitted, "NRL", "112", 0.7), ("KES", "NRL", "112", 0.7)])])
        assert result.records[0].correct, emitted
    wrong = score([actor], [Outcome("ACTOR-01", [("HARBOUR AUTHORITY", "NRL", "112", 0.7)])])
    assert wrong.total.matched == 0
    # an unquoted expected code is exact: case matters
    assert score([record("C-1", Expected("VAL", "NRL", "064"))],
                 [Outcome("C-1", [("val", "NRL", "064", 1.0)])]).total.matched == 0
    # one emitted event that both a quoted and an exact expected code accept goes where it
    # leaves the other emitted event a partner
    pairs = match_events([('"KES"', "NRL", "112"), ("KES", "NRL", "112")],
                         [("KES", "NRL", "112"), ("kes", "NRL", "112")])
    assert sorted(pairs.items()) == [(0, 1), (1, 0)]


def test_validation_score_noevents_and_error_records():
    _, records = read_records(PTB)
    perfect = [Outcome("DEMO-01", [("VAL", "NRL", "064", 0.9)]), Outcome("DEMO-02", []),
               Outcome("ACTOR-01", [('"THE HARBOUR AUTHORITY"', "NRL", "112", 0.6), ("KES", "NRL", "112", 0.8)]),
               Outcome("ERROR-01", [], discarded="sentence")]
    assert score(records, perfect).total.correct == 4
    # something coded where nothing should be: extra, and the record is wrong
    noisy = score(records, [*perfect[:1], Outcome("DEMO-02", [("VAL", "---", "040", 0.3)]), *perfect[2:]])
    assert (noisy.total.extra, noisy.total.correct) == (1, 3)
    assert noisy.categories["DEMO"].extra == 1 and not noisy.records[1].correct
    # an error record is right only when discarded for its reason
    for discarded, right in [("sentence", True), ("story", False), (None, False)]:
        result = score(records, [*perfect[:3], Outcome("ERROR-01", [], discarded=discarded)])
        assert result.records[3].correct is right
    # a record that expects nothing without saying noevents (upstream PATTERN-06)
    assert score([record("P-6")], [Outcome("P-6", [])]).records[0].correct


def test_validation_score_pairs_outcomes_by_id_in_file_order():
    _, records = read_records(UD)
    outcomes = [Outcome("COMPOUND-01", [("VAL", "KES", "043", 0.8), ("NRL", "KES", "043", 0.8)]),
                Outcome("DEMO-02", []), Outcome("DEMO-02", [], discarded="story")]
    result = score(records, outcomes)
    assert [r.record.id for r in result.records] == ["COMPOUND-01", "DEMO-02", "DEMO-02"]  # DEMO-01 not evaluated
    assert result.total.correct == 3 and result.total.records == 3
    everything = score(records, outcomes, evaluated_only=False)
    assert everything.total.records == 4 and everything.without_outcome == ["DEMO-01"]
    with pytest.raises(InputError, match="'DEMO-99'"):
        score(records, [Outcome("DEMO-99", [])])
    with pytest.raises(InputError, match="more outcomes than records"):
        score(records, [*outcomes, Outcome("DEMO-02", [])])


def test_validation_score_report_failures_and_calibration():
    _, records = read_records(PTB)
    outcomes = [Outcome("DEMO-01", [("VAL", "NRL", "064", 0.9)]),
                Outcome("DEMO-02", [("VAL", "---", "040", 0.35)]),
                Outcome("ACTOR-01", [("KES", "NRL", "112", 0.75)]),
                Outcome("ERROR-01", [])]
    result = score(records, outcomes)
    report = format_report(result, "fixture records")
    lines = report.splitlines()
    assert lines[0] == "fixture records"
    assert lines[-1] == "petrarch validation: matched 2/3 expected events, extra 1, records correct 1/4"
    assert any(line.split()[:7] == ["DEMO", "2", "1", "1", "0", "1", "1/2"] for line in lines)
    assert any(line.split()[:7] == ["ACTOR", "1", "2", "1", "1", "0", "0/1"] for line in lines)
    assert "expected events matched: 66.7% (2/3)" in report and "emitted events extra:    33.3% (1/3)" in report
    failed = failures(result)
    assert [f.record.id for f in failed] == ["DEMO-02", "ACTOR-01", "ERROR-01"]
    text = failed[1].describe()
    assert 'expected: "THE HARBOUR AUTHORITY" NRL 112; KES NRL 112' in text
    assert 'missed:   "THE HARBOUR AUTHORITY" NRL 112' in text and "emitted:  KES NRL 112" in text
    assert "expected: discarded as sentence" in failed[2].describe()
    assert [(e.record_id, e.confidence, e.matched) for e in result.emitted] == [
        ("DEMO-01", 0.9, True), ("DEMO-02", 0.35, False), ("ACTOR-01", 0.75, True)]
    table = calibration((e.confidence, e.matched) for e in result.emitted)
    assert [(edge, n, right) for edge, n, right in table if n] == [(0.0, 1, 0), (0.7, 1, 1), (0.9, 1, 1)]
