"""Headlines in the present tense: a verb the small model read as a noun is parsed again
(tacitus.nlp.headlines). Sentences are our own."""

from __future__ import annotations

import pytest

import tacitus
from tacitus import nlp


def _coded(text: str) -> list[tuple[str, str, str]]:
    return [(e.source.code, e.cameo[:2], e.target.code if e.target else "-")
            for e in tacitus.code(text, published="2021-03-01") if not e.negated]


@pytest.mark.parametrize("text,expected", [
    ("Peru invades Chile\n\nPeruvian troops crossed the border on Monday.", ("PER", "19", "CHL")),
    ("Rebels seize town as Peru invades Chile\n\nThe fighting went on.", ("PER", "19", "CHL")),
    ("Peru sanctions Chilean officials\n\nThe row grew on Monday.", ("PER", "16", "CHLGOV")),
    # a verb form read right (the root of its clause) is left as it is
    ("Peru expels Chilean envoy\n\nThe row grew on Monday.", ("PER", "16", "CHLGOV")),
])
def test_nlp_headline_verb_read_as_a_noun_is_coded(text, expected):
    assert expected in _coded(text)


def test_nlp_headline_keeps_the_article_s_own_words_and_offsets():
    text = "Peru invades Chile\n\nPeruvian troops crossed the border on Monday."
    doc = next(nlp.parse([text]))
    assert doc.text == text
    assert [t.text for t in doc[:3]] == ["Peru", "invades", "Chile"]
    assert doc[1].pos_ == "VERB" and doc[1].lemma_ == "invade" and doc[0].dep_ == "nsubj"
    events = tacitus.code(text, published="2021-03-01")
    assert any(e.sentence == "Peru invades Chile" for e in events)


@pytest.mark.parametrize("text", [
    "Peru shares fall as Chile rallies",      # the word after is the headline's verb
    "UK troops on Chile standby",             # a preposition after: the noun reading
    "Peru hails Chile talks deal",            # the clause has its verb already
])
def test_nlp_headline_nouns_stay_nouns(text):
    doc = next(nlp.parse([text]))
    before = [t.pos_ for t in nlp.load().nlp(text)]
    assert [t.pos_ for t in doc] == before


@pytest.mark.parametrize("text,subject", [
    ("Peru praised by Chile for rescue effort\n\nThe rescue ended on Monday.", "Peru"),
    ("Chilean port hit by Peruvian shells\n\nThe shelling went on.", "port"),
])
def test_nlp_headline_passive_without_was_has_its_passive_subject(text, subject):
    doc = next(nlp.parse([text]))
    first = next(iter(doc.sents))
    root = first.root
    assert root.tag_ == "VBN" and [c.text for c in root.children if c.dep_ == "nsubjpass"] == [subject]
    assert [s.text.strip() for s in doc.sents][0] == text.split("\n")[0]  # still one headline


def test_nlp_headline_with_a_finite_verb_keeps_its_parse():
    text = "Peru says port was hit by Chilean shells\n\nThe shelling went on."
    doc = next(nlp.parse([text]))
    before = nlp.load().nlp(text)
    assert [(t.dep_, t.head.i) for t in doc] == [(t.dep_, t.head.i) for t in before]


def test_nlp_lead_after_a_headline_keeps_its_subject():
    # the small model may split the lead's subject off after a headline ("Peru" / "and" /
    # "Chile have agreed ..."); inside a paragraph a sentence starts only after an ending
    text = ("Nigeria and Niger agree to reopen border after long closure\n\nNigeria and Niger have agreed to "
            "reopen their shared border, ending a closure that crippled trade across the Sahel. Both sides "
            "welcomed the deal.")
    doc = next(nlp.parse([text]))
    sents = [s.text for s in nlp.sentence_spans(doc)]
    assert sents == ["Nigeria and Niger agree to reopen border after long closure",
                     "Nigeria and Niger have agreed to reopen their shared border, ending a closure that crippled "
                     "trade across the Sahel.",
                     "Both sides welcomed the deal."]
