"""The PETRARCH / TABARI dictionary readers: exact records on our own fixtures (every quirk of
the real files, with invented words and codes), then counts on the real files in ../shared."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pytest

from tacitus.errors import DataFileError
from tacitus.importers.petrarch import (
    ActorCode,
    ActorEntry,
    AgentEntry,
    Discard,
    Element,
    OntologyEntry,
    Synset,
    Transformation,
    VerbForm,
    Where,
    read_actors,
    read_agents,
    read_discards,
    read_ontology,
    read_verbs,
    sniff,
)

FIXTURES = Path(__file__).parent / "fixtures" / "petrarch"


def fx(name: str) -> str:
    return str(FIXTURES / name)


def W(text: str, joined: bool = False, exact: bool = False) -> Element:
    return Element("word", text, joined_next=joined, exact=exact)


def S(name: str, joined: bool = False) -> Element:
    return Element("synset", name, joined_next=joined)


def PP(*children: Element) -> Element:
    return Element("prep_phrase", children=children)


def NP(*children: Element) -> Element:
    return Element("noun_phrase", children=children)


VERB, SOURCE, TARGET = Element("verb"), Element("source"), Element("target")
COMPOUND, SKIP = Element("compound"), Element("skip")


def by_line(patterns):
    return {p.where.line: p for p in patterns}


# ---------------------------------------------------------------- verbs, PETRARCH-2 syntax


def test_importers_petrarch_verbs_cameo2_synsets():
    d = read_verbs(fx("verbs_cameo2.txt"))
    assert d.dialect == "petrarch2"
    path = fx("verbs_cameo2.txt")
    assert d.synsets == {
        "PARCEL": Synset("PARCEL", ((W("CRATE"),), (W("BALE", exact=True),), (W("GRAIN", joined=True), W("SACK"))),
                         no_plurals=True, where=Where(path, 8)),
        # defined twice: merged as PETRARCH-2 does, the repeated ENVOY kept once
        "ENVOY": Synset("ENVOY", ((W("ENVOY"),), (PP(W("TO"), W("THE"), W("SUMMIT")),), (S("PARCEL"),),
                                  (W("TRADE", joined=True), W("ATTACHE", exact=True)), (W("MEDIATOR"),)),
                        no_plurals=False, where=Where(path, 13)),
    }


def test_importers_petrarch_verbs_cameo2_verb_lines():
    d = read_verbs(fx("verbs_cameo2.txt"))
    path = fx("verbs_cameo2.txt")
    first, second = d.blocks
    assert (first.name, first.code, first.second_code, first.where.line) == ("SHIP", "070", None, 25)
    assert first.verbs == (
        VerbForm("SHIP", 0, (), None, Where(path, 26)),
        VerbForm("SEND OFF", 0, ("SENT OFF", "SENDS OFF", "SENDING OFF"), "071", Where(path, 27),
                 forms_given=True, head_marked=True),
        VerbForm("KRAL VORN TESK", 2, (), "072", Where(path, 28), head_marked=True),
        VerbForm("FERRY", 0, ("FERRIES", "FERRIED", "FERRYING"), None, Where(path, 29), forms_given=True),
        VerbForm("DISPATCH", 0, (), "---", Where(path, 30)),
        VerbForm("HAUL", 0, (), None, Where(path, 31), forms_given=True),  # {}: no other forms
        VerbForm("CONVEY", 0, (), "073", Where(path, 32), second_code="074"),
        VerbForm("RELAY", 0, (), "075", Where(path, 33)),
    )
    # the header repeated: a second block, reported
    assert (second.name, second.code, second.where.line) == ("SHIP", "073", 47)
    assert second.verbs == (VerbForm("TOW", 0, (), None, Where(path, 48)),)  # ';' comment removed
    assert [p.where.line for p in second.patterns] == [49]


def test_importers_petrarch_verbs_cameo2_patterns():
    d = read_verbs(fx("verbs_cameo2.txt"))
    got = by_line(d.blocks[0].patterns)
    assert sorted(got) == [34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44]  # 45 is malformed
    expect = {
        34: ((), (PP(W("TO"), W("BORDER")),), "042", "043"),
        35: ((), (NP(W("RELIEF"), S("PARCEL")),), "0579", None),
        36: ((S("ENVOY"),), (PP(W("FROM"), SOURCE), PP(W("TO"), TARGET)), None, "173"),
        37: ((), (PP(W("AT"), SKIP, SKIP), TARGET), "102b", None),
        38: ((COMPOUND,), (), None, None),
        39: ((), (PP(W("TO"), W("QUESTION")),), "110", None),  # written without '- '
        40: ((), (W("PERMIT"),), "+++", None),
        41: ((), (W("GRAIN"),), "xxy", None),
        42: ((), (W("GRAIN", joined=True), W("SACK")), "###", None),
        43: ((), (PP(W("IN"), NP(W("DEVELOPMENT"))),), "071", None),
        44: ((), (S("CARGO"),), "080", None),  # undefined synset: kept, reported
    }
    for line, (pre, post, code, second) in expect.items():
        p = got[line]
        assert (p.pre, p.post, p.code, p.second_code, p.verb) == (pre, post, code, second, VERB), line
    assert got[34].comment == "SHIP" and got[34].raw.startswith("- * (TO BORDER)")
    assert got[42].comment == "the ### is a code, not a comment"


def test_importers_petrarch_verbs_cameo2_transformations_and_problems():
    d = read_verbs(fx("verbs_cameo2.txt"))
    path = fx("verbs_cameo2.txt")
    assert d.transformations == (
        Transformation("~ a (a b SHIP) SAY = a b 015", Where(path, 52),
                       ("a", ("a", "b", "SHIP"), "SAY"), ("a", "b", "015")),
        Transformation("~ nothing to see =", Where(path, 53), None, None),
    )
    assert d.problems == (
        f"{path}:19: synset &ENVOY is defined again (first at line 13); the members are merged, as PETRARCH-2 does",
        f"{path}:39: pattern without the leading '- '; read as a pattern",
        f"{path}:44: synset &CARGO is not defined in this file",
        f"{path}:45: unbalanced ')'; pattern skipped",
        f"{path}:47: block header 'SHIP' repeats the one at line 25; read as a second block (PETRARCH merged them)",
        f"{path}:53: transformation not of the form '~ a (b c VERB) VERB = a b code'; kept raw only",
    )


# ---------------------------------------------------------------- verbs, TABARI syntax


def test_importers_petrarch_verbs_tabari_joins_and_exact_words():
    d = read_verbs(fx("verbs_tabari.txt"))
    assert d.dialect == "tabari"
    got = by_line(d.blocks[0].patterns)
    expect = {
        17: ((W("IN", joined=True),), VERB, ()),                                      # IN_*
        18: ((W("IN", exact=True),), VERB, ()),                                       # IN_ *
        19: ((), Element("verb", joined_next=True), (W("OUT"),)),                     # *_OUT
        20: ((W("SO"), W("IN", joined=True), W("AND", joined=True)), Element("verb", joined_next=True),
             (W("OUT", joined=True), W("AGAIN"), W("NOW"))),
        21: ((W("MOST", joined=True), W("CERTAINLY", joined=True), S("NEGAUX", joined=True), W("EVER")),
             VERB, ()),
        22: ((W("SUGGESTED", joined=True), TARGET), VERB, ()),                        # SUGGESTED_+ *
        23: ((TARGET, W("KNOWN", exact=True)), VERB, (W("IN", exact=True), SOURCE)),
        24: ((COMPOUND,), VERB, (W("WITH"), SKIP, TARGET)),
        25: ((W("NEW", joined=True), S("HEDGE", joined=True), W("TALKS")), VERB, ()),
        26: ((), VERB, (W("OFF", exact=True),)),
        27: ((), VERB, (W("SCALES"),)),
    }
    assert sorted(got) == sorted(expect)  # line 28 is commented out
    for line, (pre, verb, post) in expect.items():
        assert (got[line].pre, got[line].verb, got[line].post) == (pre, verb, post), line
    assert (got[24].code, got[24].second_code, got[27].code) == ("048", "049", "abc")


def test_importers_petrarch_verbs_tabari_blocks_synsets_problems():
    d = read_verbs(fx("verbs_tabari.txt"))
    path = fx("verbs_tabari.txt")
    talk, delay, talk_again = d.blocks
    assert talk.verbs == (
        VerbForm("TALK", 0, (), None, Where(path, 13)),
        VerbForm("LASH OUT", 0, (), None, Where(path, 14)),
        VerbForm("TALK BACK", 0, (), "110", Where(path, 15), head_marked=True),
        VerbForm("WIRE TAP", 1, ("WIRE TAPPED", "WIRE TAPPING"), None, Where(path, 16),
                 forms_given=True, head_marked=True),
    )
    assert (delay.name, delay.code, delay.second_code) == ("DELAY", "120", None)
    [sceptical] = delay.patterns
    assert (sceptical.pre, sceptical.post, sceptical.code) == ((), (W("SCEPTICAL"),), "012")
    assert (talk_again.name, talk_again.code) == ("TALK", None)
    # PETRARCH-1 replaces a synset defined again; the label's trailing '_' means no plurals
    assert d.synsets["NEGAUX"].members == ((W("CA"), W("N'T")),)
    assert d.synsets["HEDGE"].no_plurals and not d.synsets["NEGAUX"].no_plurals
    assert d.problems == (
        f"{path}:30: block header has 2 codes; the first, [120], is kept as PETRARCH does",
        f"{path}:32: '*' is written against other text in '*SCEPTICAL'; read as separate elements",
        f"{path}:33: pattern has 2 '*' verb marks outside brackets, not one; line skipped",
        f"{path}:34: pattern without a [code]; line skipped",
        f"{path}:36: synset &NEGAUX is defined again (first at line 8); this definition replaces it, as PETRARCH-1 does",
        f"{path}:39: block header 'TALK' repeats the one at line 12; read as a second block (PETRARCH merged them)",
    )


def test_importers_petrarch_verbs_dialect_can_be_forced():
    tabari = read_verbs(fx("verbs_tabari.txt"), dialect="petrarch2")
    assert tabari.dialect == "petrarch2"
    # PETRARCH-2 merges a synset defined twice
    assert tabari.synsets["NEGAUX"].members == ((W("DID"), W("N'T")), (W("WILL"), W("NOT")), (W("CA"), W("N'T")))
    cameo = read_verbs(fx("verbs_cameo2.txt"), dialect="tabari")
    assert cameo.dialect == "tabari"
    assert any(":35: '{' in a TABARI pattern" in p for p in cameo.problems)
    with pytest.raises(ValueError):
        read_verbs(fx("verbs_tabari.txt"), dialect="petrarch3")


# ---------------------------------------------------------------- actors, agents, discards, PICO


def test_importers_petrarch_actors_fixture():
    path = fx("actors.txt")
    problems: list[str] = []
    entries = read_actors(path, problems)
    assert entries == [
        ActorEntry(("ZORVANIA", "ZORVANIAN", "VELDT CITY", "ZORVANIANS"), (True, True, False, False),
                   (ActorCode("ZRV", None, None, "ZRV"),), "", Where(path, 6)),
        ActorEntry(("MARTA KELLEN", "PRESIDENT KELLEN"), (True, True), (
            ActorCode("ZRVGOV", date(2015, 3, 1), date(2021, 2, 28), "ZRVGOV 20150301-20210228"),
            ActorCode("ZRVOPP", None, date(2015, 3, 1), "ZRVOPP < 150301"),
            ActorCode("ZRVELI", date(2021, 2, 28), None, "ZRVELI >210228"),
            ActorCode("ZRV", None, None, "ZRV")), "invented head of state", Where(path, 11)),
        ActorEntry(("OSK RIVER FRONT",), (False,),
                   (ActorCode("OSKREB", date(1995, 6, 1), date(1999, 8, 15), "OSKREB 950601 - 990815"),),
                   "", Where(path, 18)),
        # YYMMDD: 31 is 1931, 30 is 2030 (PETRARCH's pivot)
        ActorEntry(("OLD GUARD",), (False,),
                   (ActorCode("ZRVOLD", date(1931, 1, 1), date(2030, 12, 31), "ZRVOLD 310101-301231"),),
                   "", Where(path, 19)),
        ActorEntry(("BRANT HOLLOWAY",), (False,), (
            ActorCode("BRNGOV", date(1999, 1, 1), date(2004, 12, 31), "BRNGOV 19990101-20041231", "YYYYMMDD"),
            ActorCode("BRNGOV", date(2005, 1, 1), None, "BRNGOV >050101")), "a legacy comment", Where(path, 20)),
        ActorEntry(("DORRIN SHIPPING", "DORRIN LINES", "DORRIN FREIGHT"), (True, True, True),
                   (ActorCode("MNCZRV", None, None, "MNCZRV"),), "tab separated", Where(path, 24)),
        ActorEntry(("QUELL TRIBUNAL",), (False,), (
            ActorCode("IGOQTL", date(1990, 1, 1), date(1996, 12, 31), "IGOQTL 900101-961231"),
            ActorCode("IGOQTL", date(1997, 1, 1), None, "IGOQTL >970101"),
            ActorCode("---", None, None, "---")), "", Where(path, 26)),
        ActorEntry(("THE SHIRE COUNCIL",), (False,), (ActorCode("FRO/BIL/SAM", None, None, "FRO/BIL/SAM"),),
                   "", Where(path, 27)),
        ActorEntry(("NORTH VEL",), (False,), (ActorCode("nvl", None, None, "nvl"),), "", Where(path, 28)),
        # VELGOV 20121207-20120802 ends before it starts: reported, not kept
        ActorEntry(("RESTLESS BAND", "RESTLESS BRIGADE"), (False, False), (
            ActorCode("+++", None, None, "+++"),), "", Where(path, 29)),
        ActorEntry(("HARLO VANCE",), (False,), (ActorCode("ZRVMIL", None, None, "ZRVMIL"),), "", Where(path, 35)),
        ActorEntry(("CODELESS ENTRY",), (False,), (), "", Where(path, 37)),
    ]
    assert problems == [
        f"{path}:25: 2 synonyms on one line; read as separate synonyms",
        f"{path}:32: '2010' is not a YYMMDD or YYYYMMDD date; code BADCODE skipped",
        f"{path}:33: '20100230' is not a valid date; code VELGOV skipped",
        f"{path}:34: VELGOV starts 2012-12-07 after it ends 2012-08-02: it never applies; code skipped",
        f"{path}:35: text after the codes ignored: 'Harbour Authority'",
        f"{path}:36: empty [] code; skipped",
        f"{path}:37: actor 'CODELESS ENTRY' has no code: PETRARCH gives it the null code "
        "(was a '+' left off a synonym below it?)",
    ]


def test_importers_petrarch_agents_fixture():
    path = fx("agents.txt")
    problems: list[str] = []
    agents = read_agents(path, problems)
    dock = [AgentEntry(p, (), "LAB", "suffix", Where(path, 5), marker="WORKER")
            for p in ("DOCKHAND", "DOCKHANDS", "DOCKWORKER", "DOCKWORKERS")]
    bureau = [AgentEntry(p, (), "GOV", "suffix", Where(path, 6), (True, True), marker="OFFICE")
              for p in ("BUREAU OF CANALS", "BUREAUS OF CANALS")]
    second_marker = [AgentEntry(p, (), "GOV", "suffix", Where(path, 13), (False, True), marker="OFFICE")
                     for p in ("BUREAU FOR AD!OFFICE!TRATION", "BUREAUS FOR AD!OFFICE!TRATION")]
    assert agents == dock + bureau + [
        AgentEntry("PORT WARDEN", ("PORT WARDENS",), "GOV", "suffix", Where(path, 7), (True,)),
        AgentEntry("CUSTOMS POLICE", (), "COP", "suffix", Where(path, 8), (True,)),      # {} and [ ~COP]
        AgentEntry("RELIEF AGENCY", None, "NGO", "prefix", Where(path, 9), (True,)),
        AgentEntry("HARBOUR PILOT", None, "CVL", "suffix", Where(path, 10), (False,), exact=True),
        AgentEntry("SALT FARMER", None, "AGR", "suffix", Where(path, 11), (True,)),
        AgentEntry("MINE INSPECTOR", None, "GOV", "suffix", Where(path, 12), (True,)),
    ] + second_marker
    assert problems == [
        f"{path}:12: code closed with '}}' instead of ']'; read as ']'",
        f"{path}:13: second substitution marker in the phrase left as written (PETRARCH expands only the first)",
        f"{path}:14: substitution marker !UNKNOWN! is not defined above this line; line skipped",
        f"{path}:15: agent without a [code]; line skipped",
        f"{path}:16: code [GOV] has no single '~' before or after it; line skipped",
    ]


def test_importers_petrarch_discards_fixture():
    path = fx("discards.txt")
    assert read_discards(path) == [
        Discard("REGATTA FINAL", "sentence", Where(path, 2)),
        Discard("CHESS OLYMPIAD", "story", Where(path, 3)),
        Discard("ROWING DERBY", "story", Where(path, 4)),
        Discard("QUARTER FINAL", "sentence", Where(path, 5), exact=True),
        Discard("Grand Prix", "sentence", Where(path, 6)),
    ]


def test_importers_petrarch_ontology_fixture():
    path = fx("ontology.txt")
    problems: list[str] = []
    onto = read_ontology(path, problems)
    assert list(onto.values()) == [
        OntologyEntry("010", (0x1000,), "Make Public Statement", Where(path, 3)),
        OntologyEntry("011", (0x1000 - 0xFFFF,), None, Where(path, 4)),
        OntologyEntry("110", (0x1007F, 0xFFFF + 0x80, 0x7000), "Disapprove", Where(path, 5)),
        OntologyEntry("120", (-65535,), "Reject", Where(path, 7)),
        OntologyEntry("122", (-0xFFFF + 0x2040 + 0x300,), None, Where(path, 8)),  # '# the mask' is a comment
        OntologyEntry("---", (0,), None, Where(path, 10)),
    ]
    assert problems == [f"{path}:11: not a 'CODE:value' line; skipped"]


# ---------------------------------------------------------------- sniff and wrong files


@pytest.mark.parametrize(("name", "kind"), [
    ("verbs_cameo2.txt", "verbs"), ("verbs_tabari.txt", "verbs"), ("actors.txt", "actors"),
    ("agents.txt", "agents"), ("discards.txt", "discards"), ("ontology.txt", "ontology"),
    ("issues.txt", "issues")])
def test_importers_petrarch_sniff_fixtures(name, kind):
    assert sniff(fx(name)) == kind


def test_importers_petrarch_sniff_refuses_non_dictionaries(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("# only a comment\n\n")
    with pytest.raises(DataFileError, match="not a PETRARCH or TABARI dictionary"):
        sniff(empty)
    binary = tmp_path / "model.bin"
    binary.write_bytes(b"\x00\x01\x02 not text")
    with pytest.raises(DataFileError, match="binary file"):
        sniff(binary)
    with pytest.raises(DataFileError, match="cannot read the file"):
        sniff(tmp_path / "missing.txt")


def test_importers_petrarch_readers_refuse_another_kind():
    with pytest.raises(DataFileError) as err:
        read_verbs(fx("actors.txt"))
    assert err.value.line == 6
    assert "not a verbs file: it reads as a PETRARCH actors file" in str(err.value)
    assert "use read_actors" in str(err.value)
    with pytest.raises(DataFileError, match="not a actors file: it reads as a PETRARCH verbs file"):
        read_actors(fx("verbs_cameo2.txt"))
    with pytest.raises(DataFileError, match="reads as a PETRARCH issues file"):
        read_discards(fx("issues.txt"))
    with pytest.raises(DataFileError, match="reads as a PETRARCH agents file"):
        read_ontology(fx("agents.txt"))


# ---------------------------------------------------------------- the real files in ../shared


def _ref(shared: Path, name: str) -> str:
    for folder in ("petrarch2-dictionaries", "petrarch2-validation", "petrarch2-validation/universalpetrarch-ud"):
        path = shared / "reference" / folder / name
        if path.exists():
            return str(path)
    pytest.skip(f"{name} is not in {shared}/reference")


def _lines(path: str) -> list[str]:
    return Path(path).read_text(encoding="utf-8").split("\n")


def _problem_lines(problems) -> list[int]:
    return sorted({int(re.match(r"^.*?\.txt:(\d+): ", p).group(1)) for p in problems})


def test_importers_petrarch_real_cameo2(shared):
    path = _ref(shared, "CAMEO.2.0.txt")
    start = time.perf_counter()
    d = read_verbs(path)
    seconds = time.perf_counter() - start
    assert seconds < 20  # about 0.2 s on the 2-core dev machine
    assert d.dialect == "petrarch2"
    # README: 40 synsets, 397 verb blocks, 4,668 patterns, 8 transformations
    assert (len(d.synsets), len(d.blocks), len(d.transformations)) == (40, 397, 8)
    patterns = sum(len(b.patterns) for b in d.blocks)
    written = sum(1 for line in _lines(path) if line.startswith("- "))
    assert written == 4668
    # two pattern lines carry a stray word and ')' before the code ("... (WITH VISIT) VISIT)[042:043]",
    # line 2374; "... (ON ^) ^)[111]", line 7606): PETRARCH-2 itself read their code as garbage
    assert patterns == 4666 == written - 2
    assert sum(len(b.verbs) for b in d.blocks) == 1817
    # every problem is a genuinely malformed line: '*SCEPTICAL' (1735), the two above, &FIGHT_CRIM and
    # &FIGHT_GAMES (2406, 3887: no such synsets, read as &FIGHT + word), &WEATHER and &DEMONSTRATION
    # (8443, 8444: never defined)
    assert _problem_lines(d.problems) == [1735, 2374, 2406, 3887, 7606, 8443, 8444]
    ask = next(b for b in d.blocks if b.name == "ASK")
    assert ask.verbs[0] == VerbForm("ASK FOR", 0, ("ASKED FOR", "ASKING FOR", "ASKS FOR"), "020",
                                    ask.verbs[0].where, forms_given=True, head_marked=True)


def test_importers_petrarch_real_validation_verbs(shared):
    tabari = read_verbs(_ref(shared, "PETR.Validate.verbs.txt"))
    assert tabari.dialect == "tabari"
    assert (len(tabari.synsets), len(tabari.blocks), len(tabari.transformations)) == (17, 261, 0)
    assert sum(len(b.patterns) for b in tabari.blocks) == 474
    # the DELAY header with two codes (447) and the repeated SHOT header (1093)
    assert _problem_lines(tabari.problems) == [447, 1093]

    ud = read_verbs(_ref(shared, "PETR_Validate_verbs_2_02.txt"))
    assert ud.dialect == "petrarch2"
    # 31 labels, &PREPOSIT1 twice (merged); 358 '- ' lines plus '* (TO QUESTION) [110]' (463)
    assert (len(ud.synsets), len(ud.blocks), sum(len(b.patterns) for b in ud.blocks)) == (30, 69, 359)
    # 117 &PREPOSIT1 again, 359 ALLOW header again, 463 no '- ', and synsets the file never defines:
    # &DEFENSE 390, &PKO 400 402, &REFUGEE 425, &SECURITY 808
    assert _problem_lines(ud.problems) == [117, 359, 390, 400, 402, 425, 463, 808]


@pytest.mark.parametrize(("name", "entries", "synonyms", "codes", "dated", "problem_count"), [
    # README: about 18.4k main entries and 7.5k '+' synonyms
    # (a code that ends before it starts is skipped; two lines with a control character reported)
    ("Phoenix.Countries.actors.txt", 18390, 7528, 28386, 26107, 49),
    ("Phoenix.International.actors.txt", 7841, 66, 7895, 451, 8),   # README: about 7.8k entries
    ("Phoenix.MilNonState.actors.txt", 1021, 772, 1021, 1, 0),       # README: about 1k entries
    ("PETR.Validate.actors.txt", 128, 33, 138, 13, 0),
    ("PETR_Validate_actors_2_02.txt", 133, 34, 143, 13, 0),
])
def test_importers_petrarch_real_actors(shared, name, entries, synonyms, codes, dated, problem_count):
    path = _ref(shared, name)
    problems: list[str] = []
    start = time.perf_counter()
    got = read_actors(path, problems)
    assert time.perf_counter() - start < 30  # Countries: about 1 s on the 2-core dev machine
    all_codes = [c for e in got for c in e.codes]
    assert (len(got), sum(len(e.phrases) - 1 for e in got), len(all_codes),
            sum(1 for c in all_codes if c.start or c.end), len(problems)) == (
        entries, synonyms, codes, dated, problem_count)
    # cross-check against the raw text: one '+' line each (Countries has one line with two
    # synonyms), one code per [...] outside comments (Countries skips two bare-date codes,
    # [MNEGOV 20121204] and [USAGOV 19820101], and each file one code that ends before it starts;
    # the validation files have one [...] inside '<!-- -->')
    text = [line.split("#")[0] for line in _lines(path)]
    plus = sum(1 for line in text if line.strip().startswith("+"))
    brackets = sum(len(re.findall(r"\[[^\]]*\]", line)) for line in text)
    extra_synonym, skipped = {"Phoenix.Countries.actors.txt": (1, 3),
                              "Phoenix.International.actors.txt": (0, 1)}.get(name, (0, 0))
    assert synonyms == plus + extra_synonym
    assert codes == brackets - skipped - (1 if "Validate" in name else 0)


def test_importers_petrarch_real_countries_problems_are_malformed_lines(shared):
    problems: list[str] = []
    read_actors(_ref(shared, "Phoenix.Countries.actors.txt"), problems)
    reasons = [p.split(": ", 1)[1] for p in problems]
    # 37 entries without a code: mostly synonyms whose '+' was left off (LEONID_ILYICH_BREZHNEV ...)
    assert sum(r.endswith("(was a '+' left off a synonym below it?)") for r in reasons) == 37
    others = sorted(r for r in reasons if "has no code" not in r)
    assert len(others) == 12
    assert sum("control character U+001A removed" in r for r in others) == 2  # Z\x1aROUAL, STRASK\x1aY
    assert sum("digits; read as" in r for r in others) == 5          # 1920030320 (twice), 9008223, ...
    assert sum("is not <d, >d or d1-d2" in r for r in others) == 2   # a bare date
    assert sum("after it ends" in r for r in others) == 1
    assert sum("synonyms on one line" in r for r in others) == 1     # +TAIOAN_ +TAWIAN_
    assert sum("stray ']'" in r for r in others) == 1                # +FAEROYENE]_


def test_importers_petrarch_real_agents(shared):
    problems: list[str] = []
    agents = read_agents(_ref(shared, "Phoenix.agents.txt"), problems)
    # README: about 2.2k entries; 2244 lines, 3302 phrases once the !PERSON!/!MINIST! markers expand
    assert (len({a.where.line for a in agents}), len(agents)) == (2244, 3302)
    assert sum(1 for a in agents if a.position == "prefix") == 3
    # [~ENV} (544), six !MINIST! phrases with a second marker inside ADMINISTRATIVE (904 ...),
    # and ISLAMIC_EXTREMIST without a code (1927)
    assert _problem_lines(problems) == [544, 904, 925, 930, 1041, 1065, 1069, 1927]
    for name in ("PETR.Validate.agents.txt", "PETR_Validate_agents_2_02.txt"):
        problems = []
        agents = read_agents(_ref(shared, name), problems)
        assert (len({a.where.line for a in agents}), len(agents), problems) == (88, 95, [])
        assert AgentEntry("POLICE", (), "COP", "suffix", Where(agents[0].where.path, 56)) in agents


def test_importers_petrarch_real_discards_and_ontology(shared):
    discards = read_discards(_ref(shared, "Phoenix.discards.txt"))
    assert (len(discards), sum(d.scope == "story" for d in discards), sum(d.exact for d in discards)) == (506, 64, 8)
    for name in ("PETR.Validate.discards.txt", "PETR_Validate_discards_2_02.txt"):
        small = read_discards(_ref(shared, name))
        assert (len(small), sum(d.scope == "story" for d in small)) == (9, 4)
    problems: list[str] = []
    onto = read_ontology(_ref(shared, "PETR_Validate_Internal_Coding_Ontology_1_01.txt"), problems)
    assert (len(onto), problems) == (266, [])
    assert onto["110"].values == (0x1007F, 0xFFFF + 0x80, 0x7000) and onto["110"].name == "Disapprove"
    assert onto["170"].values == (0x10086, 0x87 + 0xFFFF, 0x9000) and onto["170"].name == "Coerce"
    assert onto["1222"].values == (-0xFFFF + 0x2046 + 0x300,) and onto["1222"].name is None


@pytest.mark.parametrize(("name", "kind"), [
    ("CAMEO.2.0.txt", "verbs"), ("PETR.Validate.verbs.txt", "verbs"), ("PETR_Validate_verbs_2_02.txt", "verbs"),
    ("Phoenix.Countries.actors.txt", "actors"), ("Phoenix.International.actors.txt", "actors"),
    ("Phoenix.MilNonState.actors.txt", "actors"), ("PETR.Validate.actors.txt", "actors"),
    ("PETR_Validate_actors_2_02.txt", "actors"), ("Phoenix.agents.txt", "agents"),
    ("PETR.Validate.agents.txt", "agents"), ("Phoenix.discards.txt", "discards"),
    ("PETR.Validate.discards.txt", "discards"), ("Phoenix.IssueCoding.txt", "issues"),
    ("PETR_Validate_Internal_Coding_Ontology_1_01.txt", "ontology")])
def test_importers_petrarch_real_sniff(shared, name, kind):
    assert sniff(_ref(shared, name)) == kind


def test_importers_petrarch_crlf_latin1_and_unclosed_comment(tmp_path):
    # an old TABARI-style file: Windows line ends, Latin-1 bytes, a comment never closed
    path = tmp_path / "old.verbs"
    path.write_bytes("--- CRITIQUE [111] ---\r\nCRITIQUE\r\n- * R\xc9GIME [112]\r\n<!-- to the end\r\n- * LOST [113]\r\n"
                     .encode("latin-1"))
    d = read_verbs(path)
    [block] = d.blocks
    assert [v.lemma for v in block.verbs] == ["CRITIQUE"]
    assert [(p.post, p.code) for p in block.patterns] == [((W("RÉGIME"),), "112")]
    assert d.problems == (f"{path}:4: '<!--' is never closed with '-->': the rest of the file is a comment",)
