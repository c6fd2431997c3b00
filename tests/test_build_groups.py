"""Armed groups: groups.yaml (ours) and groups_generated.jsonl (built).

scripts/build_groups.py turns the non-state armed groups of the PETRARCH-2 Phoenix dictionary
into groups_generated.jsonl; these tests check that the committed file is what the build gives,
what it keeps and leaves out, and that the groups act in the pipeline. Sentences are our own.
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


def _generated() -> list[dict]:
    return [json.loads(x) for x in builtin_path("groups_generated.jsonl").read_text().splitlines()
            if x and not x.startswith("#")]


def test_build_groups_committed_file_is_what_the_build_gives(shared):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_groups.py"), "--check",
                           "--shared", str(shared)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_build_groups_file_holds_states_rebels_and_leaves_ours_to_us():
    lines = _generated()
    assert len(lines) > 500
    states = set(load_yaml(builtin_path("countries.yaml")))
    ours = {p.lower() for f in ("groups.yaml", "parties.yaml") for e in load_yaml(builtin_path(f))
            for p in [e["name"], *(e.get("aliases") or [])]}
    for e in lines:
        assert e["kind"] == "actor" and e["role"] == "REB", e
        # a state's rebels carry the state; a transnational group its IMG code and no state
        assert (e["code"] == f"{e.get('country')}REB" and e["country"] in states) or \
            (e["code"].startswith("IMG") and "country" not in e), e
        for p in [e["name"], *e.get("aliases", [])]:
            assert p.lower() not in ours, p
            assert " " in p or (p.isupper() and len(p) >= 4), p


@pytest.mark.parametrize("phrase,code", [
    ("Shining Path", "PERREB"), ("New People's Army", "PHLREB"), ("Ansar Dine", "MLIREB"),
    ("Tupac Amaru Revolutionary Movement", "PERREB"),
    # ours: today's Kurdish parties are no rebels, Libya's rival authorities have their roles
    ("Patriotic Union of Kurdistan", "IRQPTY"), ("Libyan National Army", "LBYMIL"),
])
def test_build_groups_names_resolve(kb, phrase, code):
    assert code in {a.code for a in kb.lookup(phrase)}


def test_build_groups_a_generated_group_acts_in_the_pipeline():
    events = tacitus.code("The Shining Path accused Bolivia of arming the police.", published="2021-03-01")
    assert [(e.source.code, e.cameo[:2], e.target.code) for e in events] == [("PERREB", "11", "BOL")]


def test_build_groups_a_rival_government_holds_only_in_its_years():
    before = tacitus.code("The GNA asked Turkey for help.", published="2020-01-10")
    after = tacitus.code("The GNA asked Turkey for help.", published="2023-01-10")
    assert [(e.source.code, e.cameo[:2]) for e in before] == [("LBYGOV", "02")]
    assert not [e for e in after if e.source.code.startswith("LBY")]


@pytest.mark.parametrize("text,day,source", [
    # a UN envoy speaks for the UN, a group's leader for the group, in their years only
    ("Geir Pedersen criticised Turkey on Monday.", "2020-02-03", "IGOUNO"),
    ("Hassan Nasrallah criticised Israel on Monday.", "2020-02-03", "LBNREB"),
    ("Mullah Baradar criticised Pakistan on Monday.", "2020-02-03", "AFGREB"),
    ("Tsai Ing-wen criticised China on Monday.", "2020-02-03", "TWNGOV"),
])
def test_build_groups_envoys_and_leaders_speak_for_their_body(text, day, source):
    assert [e.source.code for e in tacitus.code(text, published=day)] == [source]
