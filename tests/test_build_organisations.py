"""NGOs and companies: organisations.yaml (ours) and organisations_generated.jsonl (built).

scripts/build_organisations.py turns the NGOs of the PETRARCH-2 Phoenix dictionary into
organisations_generated.jsonl; these tests check that the committed file is what the build
gives, what it keeps and leaves out, and how one-word names match. Sentences are our own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import tacitus
from tacitus.actors.knowledge import KnowledgeBase, default_kb
from tacitus.datafiles import builtin_path, load_yaml

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return default_kb()


def test_build_organisations_committed_file_is_what_the_build_gives(shared):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_organisations.py"), "--check",
                           "--shared", str(shared)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_build_organisations_file_holds_ngos_only_and_leaves_ours_to_us():
    lines = [json.loads(x) for x in builtin_path("organisations_generated.jsonl").read_text().splitlines()
             if x and not x.startswith("#")]
    assert len(lines) > 1000
    ours = {p.lower() for e in load_yaml(builtin_path("organisations.yaml"))
            for p in [e["name"], *(e.get("aliases") or [])]}
    for e in lines:
        assert e["kind"] == "actor" and e["role"] == "NGO" and e["code"].startswith("NGO"), e
        assert "country" not in e, e
        for p in [e["name"], *e.get("aliases", [])]:
            assert p.lower() not in ours, p
            # one word is kept only as a capitalised acronym, not an English word
            assert " " in p or (p.isupper() and len(p) >= 4), p


@pytest.mark.parametrize("phrase,code", [
    ("Amnesty International", "NGOHRIAMN"), ("human rights watch", "NGOHRI"), ("Oxfam", "NGODEV"),
    ("CARE", "NGODEV"), ("Gazprom", "RUSBUS"), ("Norwegian Refugee Council", "NGOREF"),
])
def test_build_organisations_names_resolve(kb, phrase, code):
    assert code in {a.code for a in kb.lookup(phrase)}


@pytest.mark.parametrize("text", [
    "Farmers in Malawi said they needed care and clean water after the floods.",
    "Peru said its apple exports to Chile fell last year.",
])
def test_build_organisations_a_common_word_in_lower_case_is_no_organisation(text):
    # a capitalised alias ("CARE", "Apple") names the organisation only when capitalised
    coded = tacitus.Pipeline().code_article(tacitus.ingest.article_from_text(text, published="2021-03-01"))
    assert not [m for m in coded.mentions if m.actor.role in ("NGO", "BUS")]


def test_build_organisations_an_ngo_acts_under_its_own_code_in_the_pipeline():
    events = tacitus.code("Greenpeace accused Brazil of ignoring illegal logging in the Amazon.",
                          published="2021-03-01")
    assert [(e.source.code, e.cameo[:2], e.target.code) for e in events] == [("NGOENV", "11", "BRA")]
