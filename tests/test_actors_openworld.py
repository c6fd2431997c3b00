"""Open-world actors: names no dictionary knows, tied to a state by the article itself.

Every sentence here is our own; the names are invented, so that no dictionary entry can be
what makes a case pass.
"""

from __future__ import annotations

import pytest

import tacitus

DAY = "2021-06-01"


def events(text: str) -> list[tuple[str, str, str, str]]:
    return [(e.source.code, e.cameo, e.target.code if e.target else "-", e.source.text)
            for e in tacitus.code(text, published=DAY) if not e.negated]


def pairs(text: str) -> set[tuple[str, str, str]]:
    return {(s, c, t) for s, c, t, _ in events(text)}


@pytest.mark.parametrize("text,expected", [
    # a nationality modifier before an unknown name, and the name repeated later
    ("Iranian carrier Varzan Air criticised Portugal. Varzan Air later apologised to Portugal.",
     {("IRN", "111", "PRT"), ("IRN", "055", "PRT")}),
    # "of Country", then the surname
    ("Ana Quintela of Portugal praised Brazil. Quintela later criticised Spain.",
     {("PRT", "051", "BRA"), ("PRT", "111", "ESP")}),
    # apposition after a title phrase, then the surname
    ("The Chilean president, Mario Ruzafa, met Peru's foreign minister. Ruzafa later condemned Bolivia.",
     {("CHLGOV", "040", "PERGOV"), ("CHLGOV", "111", "BOL")}),
    # an envoy "to" a country is the sender's, also through an apposition
    ("Spain's ambassador to Morocco, Ricardo Dolz, met Moroccan officials. Dolz later criticised Algeria.",
     {("ESPGOV", "040", "MARGOV"), ("ESPGOV", "111", "DZA")}),
    # an acronym in brackets comes back alone
    ("The Tamarind Liberation Front (TLF) of Myanmar accused Thailand of shelling villages. "
     "The TLF also criticised China.",
     {("MMR", "112", "THA"), ("MMR", "111", "CHN")}),
    # a definite description by the noun that introduced the name
    ("Kenyan carrier Jambo Skyways was banned by Uganda. The carrier protested to Uganda.",
     {("UGA", "172", "KEN"), ("KEN", "114", "UGA")}),
    # an organisation's name without its generic last word; what a claim says is not coded
    ("Germany banned Varzan Air of Iran on Monday. The US claims Varzan flies fighters to Syria.",
     {("DEU", "172", "IRN"), ("USA", "112", "IRN")}),
    # a definite description by the kind of organisation named before
    ("NATO ministers met in Brussels on Monday. The alliance later criticised Russia.",
     {("IGOWSTNAT", "111", "RUS")}),
])
def test_actors_openworld_first_and_later_mentions(text, expected):
    assert expected <= pairs(text)


def test_actors_openworld_backer_is_not_the_actor():
    # an Iran-backed group is not Iran: nothing may be coded with Iran as the attacker
    found = pairs("An Iran-backed militia, the Kataib Zawra, attacked a Saudi convoy on Monday.")
    assert not any(s.startswith("IRN") for s, _, _ in found)


@pytest.mark.parametrize("text", [
    "The UN-recognised Council of Tarsa signed a deal with Turkey on Monday.",
    "A Kremlin-funded television station criticised Estonia on Monday.",
])
def test_actors_openworld_recognised_and_funded_by_are_no_actor(text):
    # the state or body that recognises or funds a group does not act through it
    assert not any(s.startswith(("IGOUNO", "RUS")) for s, _, _ in pairs(text))


@pytest.mark.parametrize("text,expected", [
    ("A Norwegian-led coalition struck rebel positions in Mali on Monday.", ("NOR", "19", "MLI")),
    ("The Brazilian-led peacekeeping force thanked Haiti for its help on Monday.", ("BRA", "051", "HTI")),
    ("A Kenyan-led alliance criticised Somalia on Monday.", ("KEN", "111", "SOM")),
    # an abbreviation before the hyphen is a token of its own (nlp: "U.S." "-" "led")
    ("A U.S.-led coalition struck rebel positions in Mali on Monday.", ("USA", "19", "MLI")),
])
def test_actors_openworld_a_coalition_led_by_a_state_acts_as_that_state(text, expected):
    found = pairs(text)
    assert any(s.startswith(expected[0]) and c.startswith(expected[1]) and t.startswith(expected[2])
               for s, c, t in found), found


@pytest.mark.parametrize("text", [
    "A Norwegian-led inquiry criticised Mali on Monday.",
    "Norwegian-led talks angered Mali on Monday.",
])
def test_actors_openworld_an_inquiry_or_talks_led_by_a_state_are_no_actor(text):
    assert not any(s.startswith("NOR") for s, _, _ in pairs(text))


@pytest.mark.parametrize("text,expected", [
    # the acronym follows the whole name, though the actor is read from its first word
    ("Peru's Council of National Renewal (CNR) signed a deal with Chile. Later, the CNR asked "
     "Bolivia for help.", ("PER", "02", "BOL")),
    # a known name composed from a role word ("Workers Union") keeps its acronym too
    ("The Moroccan Workers Union (MWU) condemned France. Later, the MWU praised Spain.",
     ("MAR", "051", "ESP")),
])
def test_actors_openworld_an_acronym_after_a_composed_name_comes_back(text, expected):
    found = pairs(text)
    assert any(s.startswith(expected[0]) and c.startswith(expected[1]) and t == expected[2]
               for s, c, t in found), found


def test_actors_openworld_an_acronym_the_article_defines_is_not_the_dictionary_s():
    # "FSA" is the Free Syrian Army in the dictionaries; here the article says it is a regulator
    text = ("Britain's regulator, the Financial Services Authority (FSA), criticised Germany on "
            "Monday. Later, the FSA praised France.")
    assert not any(s.startswith("SYR") for s, _, _ in pairs(text))
    assert ("SYRREB", "112", "RUS") in pairs("The FSA accused Russia of bombing Idlib on Monday.")
    # the same body under a spelling of its own keeps the dictionary's code
    assert ("IGOUNOLABILO", "111", "QAT") in pairs(
        "The International Labor Office (ILO) criticised Qatar over its treatment of migrant workers.")


def test_actors_openworld_known_names_joined_by_a_hyphen_are_no_new_actor():
    # "Chile-Peru trade" names two known states: no organisation called so is introduced
    pipeline = tacitus.Pipeline()
    article = tacitus.ingest.article_from_text("Chile's minister praised the growth of Chile-Peru trade on Monday.",
                                               published=DAY)
    coded = pipeline.code_article(article)
    assert not [m for m in coded.mentions if m.via == "introduced"]


def test_actors_openworld_unknown_name_without_a_state_stays_unknown():
    # nothing in the sentence says whose the company is: no actor, no event with it
    assert not any(s.startswith("PRT") or t.startswith("PRT")
                   for s, _, t in pairs("Velmora Holdings criticised the decision on Monday."))


def test_actors_openworld_says_how_it_was_found():
    pipeline = tacitus.Pipeline()
    article = tacitus.ingest.article_from_text("Ana Quintela of Portugal praised Brazil on Monday.",
                                               path="t", published=DAY)
    coded = pipeline.code_article(article)
    vias = {m.via for m in coded.mentions if m.actor.name == "Ana Quintela"}
    assert vias == {"introduced"}
    event = next(e for e in coded.events if e.cameo == "051")
    assert "open-world-actor" in event.how


@pytest.mark.parametrize("text,expected", [
    ('"I condemn Kenya\'s decision," the Ugandan president said on Monday.', ("UGAGOV", "111", "KEN")),
    ('"I will visit Brazil next month," Portuguese President Rui Quintela said.', ("PRTGOV", "036", "BRA")),
])
def test_actors_first_person_in_a_quote_is_the_speaker(text, expected):
    assert expected in pairs(text)


def test_actors_openworld_a_claimed_act_is_not_coded_as_done():
    found = pairs("Germany banned Varzan Air of Iran on Monday. The US claims Varzan flies fighters to Syria.")
    assert not any(t.startswith("SYR") for _, _, t in found)


def test_actors_openworld_title_before_a_name_names_the_sender():
    # the title's state is the one before its title word, not the one it is "for"
    for text, sender, first, second in [
        ("At a briefing in Ottawa, Canadian Special Representative for Haiti Robert Miller criticised "
         "Venezuela. He later praised Haiti.", "CAN", "VEN", "HTI"),
        ("In Paris, French Special Adviser for Africa Jean Moreau criticised Mali on Monday. "
         "He later praised Niger.", "FRA", "MLI", "NER"),
    ]:
        found = pairs(text)
        assert any(s.startswith(sender) and c == "111" and t.startswith(first) for s, c, t in found), found
        assert any(s.startswith(sender) and c == "051" and t.startswith(second) for s, c, t in found), found



@pytest.mark.parametrize("text, expected", [
    # a capital in a name the model labels is where the body is, not the government (the
    # London exchange is a company of organisations.yaml now: its business, still not GOV)
    ("The London Stock Exchange (LSE) is planning a takeover. The LSE later criticised Germany over the tariffs.",
     ("GBRBUS", "111", "DEU")),
    # a capital with a role word composes that role alone ("Lima officials" would be GOV)
    ("The Lima Chamber of Commerce criticised Chile over the tariffs.", ("PERBUS", "111", "CHL")),
    # the capital alone is still its government
    ("Lima criticised Chile over the tariffs.", ("PERGOV", "111", "CHL")),
])
def test_actors_openworld_a_capital_in_a_name_is_a_place_not_a_government(text, expected):
    assert expected in pairs(text)
