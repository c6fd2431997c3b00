"""The generated people file, the armed groups and the agencies: built, loaded and resolved.

scripts/build_people.py merges the PETRARCH-2 Phoenix dictionary's office holders with our
curated additions (people_curated.yaml) into people_generated.jsonl; these tests check that the
committed file is what the build gives, that the loader reports a bad line with its file and
line, and that names, groups and agencies resolve by date through the real pipeline, on
sentences written for these tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import tacitus
from tacitus.actors.knowledge import KnowledgeBase, default_kb
from tacitus.datafiles import builtin_path
from tacitus.errors import DataFileError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return default_kb()


def coded(text: str, published: str) -> list[tuple[str, tuple | None, tuple | None]]:
    return [(e.cameo, e.source and (e.source.code, e.source.name), e.target and (e.target.code, e.target.name))
            for e in tacitus.code(text, published=published)]


# -- the build --------------------------------------------------------------------------------


def test_build_people_committed_file_is_what_the_build_gives(shared):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_people.py"), "--check",
                           "--shared", str(shared)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_build_people_file_holds_both_sources_with_their_fields():
    lines = [json.loads(x) for x in builtin_path("people_generated.jsonl").read_text().splitlines()
             if x and not x.startswith("#")]
    sources = {e["source"] for e in lines}
    assert sources == {"petrarch", "curated"}
    for e in lines:
        assert e["name"] and e["country"] and e["role"] in ("GOV", "MIL", "REB") and e["from"], e
        if e["source"] == "petrarch":
            assert e["petrarch"].startswith(e["country"] + e["role"]), e
            assert e.get("until", "9999") >= "1990-01-01", e
    # a title and a country word are not a name: "President Karzai", "German Chancellor ..."
    phrases = {p.lower() for e in lines for p in [e["name"], *e.get("aliases", [])]}
    assert not {p for p in phrases if p.split()[0] in ("president", "german", "chancellor")}


def test_build_people_every_un_region_has_heads_since_2016(kb):
    """The curated additions reach beyond the G20: a sample of states from each region has a
    head of state or government on a date after 2016."""
    on = date(2023, 6, 1)
    sample = ["ESP", "SWE", "POL", "NGA", "KEN", "CHL", "COL", "THA", "VNM", "JOR", "QAT", "NZL"]
    heads = ("President", "Prime Minister", "King", "Emir", "Chancellor", "Taoiseach")
    missing = [c for c in sample if not any(
        p.get("country") == c and p.get("title") in heads and p["from"] <= on <= (p["until"] or date.max)
        for p in kb.people)]
    assert not missing, missing


# -- the loader -------------------------------------------------------------------------------


def test_build_people_loader_names_file_and_line_of_a_bad_jsonl_line(tmp_path):
    f = tmp_path / "extra.jsonl"
    f.write_text('# our own\n{"name": "A Minister", "country": "TKM", "role": "GOV", "from": "2001-07"}\n'
                 '{"name": "B Minister", "country": "TKM", "role": "GOV", "from": "2001-07",\n')
    with pytest.raises(DataFileError) as err:
        KnowledgeBase.load(extra=[f])
    assert f"{f}:3" in str(err.value) and "JSON" in str(err.value)
    f.write_text('{"name": "A Minister", "country": "TKM", "role": "GOV", "from": "2001-07"}\n'
                 '{"name": "B Minister", "country": "XYZ", "role": "GOV", "from": "2001-07"}\n')
    with pytest.raises(DataFileError) as err:
        KnowledgeBase.load(extra=[f])
    assert f"{f}:2" in str(err.value) and "XYZ" in str(err.value)


def test_build_people_loader_reads_a_good_jsonl_file(tmp_path):
    f = tmp_path / "extra.jsonl"
    f.write_text('{"name": "Amina Testova", "country": "TKM", "role": "GOV", "title": "Foreign Minister",'
                 ' "from": "2001-07", "until": "2004-02"}\n')
    kb = KnowledgeBase.load(extra=[f])
    found = kb.lookup("Amina Testova", date(2002, 1, 1))
    assert found[0].code == "TKMGOV" and found[0].valid_until == date(2004, 2, 29)


# -- resolution through the pipeline ------------------------------------------------------------


@pytest.mark.parametrize("text,published,who", [
    # people.yaml
    ("German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Monday.", "2023-05-01",
     ("DEUGOV", "Olaf Scholz")),
    # a former office holder is of the elite of the last state he served (ELI), as the Phoenix
    # dictionaries code people out of office (names.former)
    ("Olaf Scholz met French President Emmanuel Macron in Berlin on Monday.", "2025-06-02",
     ("DEUELI", "Olaf Scholz")),
    # people_curated.yaml
    ("Mariano Rajoy met Portuguese Prime Minister Antonio Costa in Madrid on Monday.", "2017-03-06",
     ("PRTGOV", "António Costa")),
    ("Alexander Stubb met Ulf Kristersson in Helsinki on Monday.", "2024-05-20", ("FINGOV", "Alexander Stubb")),
    ("Kristersson met Finnish President Sauli Niinisto in Stockholm on Monday.", "2023-05-22",
     ("SWEGOV", "Ulf Kristersson")),
    # the PETRARCH dictionary (CountryInfo): a prime minister of Vanuatu in 1999
    ("Donald Kalpokas met Australian officials in Port Vila on Monday.", "1999-05-03",
     ("VUTGOV", "Donald Kalpokas")),
    # a hyphenated name, found by the name lookup rather than the phrase matcher
    ("Jean-Yves Le Drian met Lavrov in Moscow on Monday.", "2019-06-03", ("FRAGOV", "Jean-Yves Le Drian")),
])
def test_build_people_names_resolve_by_date_in_the_pipeline(text, published, who):
    actors = [a for ev in coded(text, published) for a in ev[1:] if a]
    assert who in actors, actors


def test_build_people_same_name_two_offices_by_date(kb):
    assert kb.lookup("Sikorski", date(2024, 6, 1))[0].code == "POLGOV"
    assert kb.lookup("Schallenberg", date(2020, 6, 1))[0].title == "Foreign Minister"
    assert kb.lookup("Schallenberg", date(2021, 11, 1))[0].title == "Chancellor"


@pytest.mark.parametrize("text,published,source", [
    ("Hezbollah fired rockets at northern Israel on Tuesday.", "2024-01-09", ("LBNREB", "Hezbollah")),
    ("Houthi rebels attacked a British ship in the Red Sea on Friday.", "2024-01-12", ("YEMREB", "Houthis")),
    ("Al-Shabaab militants attacked Kenyan troops on Friday.", "2024-01-12", ("SOMREB", "al-Shabaab")),
    ("The Taliban met Chinese diplomats in Kabul on Monday.", "2023-05-08", ("AFGGOV", "Taliban")),
    ("The Department of State condemned Iran on Monday.", "2024-06-03", ("USAGOV", "United States")),
    ("The Quai d’Orsay summoned the Iranian ambassador on Monday.", "2024-06-03", ("FRAGOV", "France")),
])
def test_build_people_armed_groups_and_agencies_resolve(text, published, source):
    sources = [ev[1] for ev in coded(text, published)]
    assert source in sources, sources


def test_build_people_group_codes_change_with_the_date(kb):
    from tacitus.actors.mentions import ActorFinder
    from tacitus.nlp import load

    finder = ActorFinder(kb, load().nlp)
    doc = load().nlp("The Rapid Support Forces and the Taliban said so.")
    codes = {on: sorted(m.actors[0].code for m in finder.find(doc, on))
             for on in (date(2019, 6, 1), date(2024, 6, 1))}
    assert codes[date(2019, 6, 1)] == ["AFGREB", "SDNMIL"]
    assert codes[date(2024, 6, 1)] == ["AFGGOV", "SDNREB"]
