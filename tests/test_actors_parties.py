"""Political parties (data/parties.yaml): a party and its members act for their state."""

from __future__ import annotations

import pytest

import tacitus


def sources(text: str) -> set[str]:
    return {e.source.code for e in tacitus.code(text, published="2005-01-10")}


@pytest.mark.parametrize("text, country", [
    ("Tory leader Arthur Pendle criticised France on Monday.", "GBR"),
    ("Liberal Democrat leader Mary Stowe criticised the United States.", "GBR"),
    ("Likud lawmakers criticised Egypt on Sunday.", "ISR"),
    ("The ANC praised Cuba for its doctors.", "ZAF"),
])
def test_party_members_act_for_their_state(text, country):
    found = sources(text)
    assert any(code.startswith(country) and "PTY" in code for code in found), found


def test_names_shared_by_parties_of_several_states_are_left_out():
    # "the Greens" and "Social Democrats" name parties of many states: no actor
    assert not sources("The Greens criticised Brazil on Monday.")


def test_parties_file_entries_are_well_formed():
    from tacitus.datafiles import builtin_path, load_yaml

    entries = load_yaml(builtin_path("parties.yaml"))
    assert len(entries) >= 40
    for e in entries:
        assert e["role"] == "PTY" and e["code"] == f"{e['country']}PTY", e["name"]


def test_a_party_attacks_in_words_an_army_in_force():
    # speech.verbal_roles: an attack by a party or a legislator is criticism (111), not force
    party = {(e.source.code[:3], e.cameo) for e in tacitus.code("Likud lawmakers attacked Egypt on Sunday.")}
    army = {(e.source.code[:3], e.cameo) for e in tacitus.code("Israeli troops attacked Egypt on Sunday.")}
    assert ("ISR", "111") in party
    assert any(code.startswith("19") for _, code in army)
