"""Praise and criticism carried by the words of speech (events/evaluation.py), on sentences
written for these tests: the real pipeline through ``tacitus.code``."""

from __future__ import annotations

import pytest

import tacitus


def triples(text: str) -> set[tuple[str, str, str]]:
    return {(e.source.key, e.cameo, e.target.key if e.target else "")
            for e in tacitus.code(text, published="2024-03-15") if not e.negated}


@pytest.mark.parametrize("text, expected", [
    # bad words about the subject of the reported clause: criticism
    ("The Peruvian foreign minister said Chile's blockade of the port was illegal and provocative.",
     ("PER", "111", "CHL")),
    # good words: praise
    ("The president of Ghana said Togo had been a reliable partner for many years.", ("GHA", "051", "TGO")),
    # a good word under "not" counts as bad
    ("The Peruvian president said Chile's proposal was not helpful.", ("PER", "111", "CHL")),
    # "described X as Y": X is the one judged
    ("The Norwegian prime minister described Sweden as a reliable friend.", ("NOR", "051", "SWE")),
])
def test_evaluation_codes_the_judged_actor(text, expected):
    assert expected in triples(text)


def test_evaluation_of_an_act_named_again_judges_its_parties():
    found = triples("Chile signed a border agreement with Bolivia on Monday. "
                    "The Peruvian envoy called the agreement null and void.")
    assert {("PER", "111", "CHL"), ("PER", "111", "BOL")} <= found


@pytest.mark.parametrize("text", [
    # no judging word: a statement of fact is not praise
    "The Ghanaian president said Togo was the region's second largest exporter of cotton.",
    # "it was important to ...": of nobody
    "The Ghanaian president said it was important to hold elections on time.",
    # the speaker's own state is not its own target
    "The Peruvian president said Peru's economy was a great success.",
    # a question reports nothing
    "Did the Peruvian president say Chile's blockade was illegal?",
    # a speech verb under negation says nothing
    "The Peruvian president did not say that Chile's blockade was illegal.",
])
def test_evaluation_says_nothing_without_a_judgement_of_another(text):
    assert not {t for t in triples(text) if t[1] in ("051", "111")}


def test_evaluation_gives_way_to_an_accusation_of_the_same_pair():
    # an act of force reported by a speaker is an accusation (speech.py); bad words beside it
    # add no second event of the same pair
    found = triples("Peru said Chile's brutal soldiers killed five fishermen.")
    assert ("PER", "112", "CHL") in found
    assert ("PER", "111", "CHL") not in found


def test_evaluation_is_explained():
    events = tacitus.code("The Peruvian foreign minister said Chile's blockade was illegal.")
    event = next(e for e in events if e.cameo == "111")
    assert "evaluation" in event.how
    assert event.pattern.startswith("111:evaluation:say")


@pytest.mark.parametrize("text, expected", [
    ("The Ghanaian president said Togo needs to withdraw its troops from the border.", ("GHA", "020", "TGO")),
    ('"Togo has to stop the shelling now," the Ghanaian president said.', ("GHA", "020", "TGO")),
])
def test_semi_modal_in_speech_is_an_appeal(text, expected):
    # speech.semi_modals: "needs to", "has to" ask like "should"
    assert expected in triples(text)


def test_past_obligation_in_speech_is_no_appeal():
    assert not {t for t in triples("The Ghanaian president said Togo had to withdraw in 2010.") if t[1] == "020"}


def test_evaluation_reads_the_clause_inside_an_expletive():
    # "it is clear that X ...": the judged actors are in the inner clause
    found = triples("The Peruvian minister noted that it is clear that the agreement signed between "
                    "Chile and Bolivia violates Peru's rights.")
    assert {("PER", "111", "CHL"), ("PER", "111", "BOL")} <= found


@pytest.mark.parametrize("text, expected", [
    # feelings of an actor about another (evaluation.affect): the phrase's owner is the target
    ("Peru was furious at Chile's decision.", ("PER", "110", "CHL")),
    ("Peru said it was disappointed by Chile's decision.", ("PER", "110", "CHL")),
    ("Peru's foreign minister was critical of Chile's decision.", ("PER", "111", "CHL")),
    ("The Peruvian minister seemed pleased with Chile's help.", ("PER", "051", "CHL")),
])
def test_affect_of_an_actor_about_another(text, expected):
    assert expected in triples(text)


def test_affect_under_negation_is_negated():
    events = tacitus.code("Peru was not happy with Chile's decision.")
    assert all(e.negated for e in events if e.cameo == "051")


@pytest.mark.parametrize("text, expected", [
    # idioms of criticism and complaint (patterns.yaml 111, 114)
    ("Peru took aim at Chile's border policy.", ("PER", "111", "CHL")),
    ("Peru poured scorn on Chile's proposal.", ("PER", "111", "CHL")),
    ("Peru chided Chile for its tariffs.", ("PER", "111", "CHL")),
    ("Peru complained about Chile's tariffs.", ("PER", "114", "CHL")),
    # aid "for", and wanting closer ties (070, 030)
    ("Peru announced aid for Chile.", ("PER", "070", "CHL")),
    ("Peru seeks closer ties with Chile.", ("PER", "030", "CHL")),
])
def test_idioms_of_criticism_aid_and_intent(text, expected):
    assert expected in triples(text)


def test_a_call_named_again_points_at_its_caller():
    # arguments.act_nouns: "the call" is the last appeal's
    assert ("BRA", "051", "CHL") in triples(
        "Chile called on Peru to withdraw its troops. The call was backed by Brazil.")


@pytest.mark.parametrize("text, expected", [
    # arguments.act_nouns: a seizure, tariffs, a recall named again point at who did them
    ("Peru seized a Chilean trawler on Friday. Bolivia condemned the seizure.", ("BOL", "111", "PER")),
    ("Peru imposed tariffs on Chilean copper. Bolivia criticised the tariffs.", ("BOL", "111", "PER")),
    ("Peru recalled its ambassador to Chile. Brazil regretted the recall.", ("BRA", "11", "PER")),
])
def test_an_act_named_again_points_at_its_doer(text, expected):
    assert any(s == expected[0] and c.startswith(expected[1]) and t == expected[2] for s, c, t in triples(text))


@pytest.mark.parametrize("text", [
    "Peru defended its right to attack rebel camps in Chile.",
    "Brazil defended the right of Peruvian troops to fire on rebels in Chile.",
])
def test_an_act_only_allowed_is_not_done(text):
    # negation.unasserted_nouns: the "to"-infinitive of a right or a power did not happen
    events = tacitus.code(text, published="2024-03-15")
    assert [e for e in events if e.cameo[:2] == "19" and e.source.key == "PER" and e.negated]
    assert not [e for e in events if e.cameo[:2] == "19" and not e.negated]


def test_naming_a_tie_is_no_praise():
    # "partner", "ally", "friend" say what the relation is, not how good its conduct was
    found = triples("Peru and Bolivia, while calling both Chile and Brazil their strategic partners, "
                    "refused to join the bloc.")
    assert not {t for t in found if t[1] == "051"}


def test_a_quoted_sentence_with_no_speech_verb_is_its_speakers():
    # the second sentence of a quote says nothing of who speaks: the quote's speaker does;
    # "he" in it is the person named before who is not the speaker
    text = ("Former Ghanaian President Jerry Rawlings died on Friday. The Togolese president said in a statement: "
            "\"Many pages of Ghana's history carry his name. He made a great contribution to the peace of our region.\"")
    events = [(e.source.code[:3], e.cameo, e.target.code[:3] if e.target else "", e.how)
              for e in tacitus.code(text, published="2024-03-15")]
    assert any(s == "TGO" and c == "051" and t == "GHA" and "quote-speaker" in how for s, c, t, how in events), events


def test_a_quoted_sentence_with_a_speech_verb_keeps_its_own_rules():
    # "we" is the speaker's state; a quoted sentence that says who speaks is read as usual
    found = triples('"We will never accept this," the Chilean minister said. "Peru\'s plan is a dangerous provocation."')
    assert ("CHL", "111", "PER") in found
