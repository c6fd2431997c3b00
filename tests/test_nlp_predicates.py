"""Quoted predicates of verbs of calling, read by the small model as modifiers of the object
or with the object under them, are the verb's predicate again (tacitus.nlp.predicates).
Sentences are our own."""

from __future__ import annotations

import pytest

import tacitus
from tacitus import nlp


def _arcs(doc, words):  # noqa: ANN001
    return {t.text: (t.dep_, t.head.text) for t in doc if t.text in words}


@pytest.mark.parametrize("text,noun,adj,owner", [
    ('Erdogan called Macron\'s comments "unacceptable".', "comments", "unacceptable", "Macron"),
    ('Beijing called Canberra\'s inquiry "absurd".', "inquiry", "absurd", "Canberra"),
])
def test_object_hung_on_a_quoted_predicate_is_the_verb_s_object(text, noun, adj, owner):
    raw = nlp.load().nlp(text)
    assert _arcs(raw, {noun})[noun] == ("npadvmod", adj)   # the small model's reading
    arcs = _arcs(next(nlp.parse([text])), {noun, adj, owner})
    assert arcs[noun] == ("dobj", "called")
    assert arcs[adj] == ("oprd", "called")
    assert arcs[owner] == ("poss", noun)   # the object's own possessor goes with it


@pytest.mark.parametrize("text,noun,adj,verb", [
    ('Tehran called the new sanctions "illegal".', "sanctions", "illegal", "called"),
    ('Moscow branded the report "absurd".', "report", "absurd", "branded"),
])
def test_quoted_predicate_read_as_a_modifier_is_the_verb_s_predicate(text, noun, adj, verb):
    raw = nlp.load().nlp(text)
    assert _arcs(raw, {adj})[adj] == ("amod", noun)   # the small model's reading
    assert _arcs(next(nlp.parse([text])), {adj})[adj] == ("oprd", verb)


@pytest.mark.parametrize("text,word", [
    ('The minister called the "unacceptable" comments a provocation.', "unacceptable"),  # before its noun
    ('He said the comments were "unacceptable".', "unacceptable"),                       # no verb of calling
])
def test_other_quoted_adjectives_stay(text, word):
    raw = nlp.load().nlp(text)
    assert _arcs(next(nlp.parse([text])), {word}) == _arcs(raw, {word})


def test_a_judgement_in_a_quoted_predicate_is_coded():
    events = tacitus.code('Erdogan called Macron\'s comments "unacceptable".', published="2020-10-25")
    assert [(e.source.country, e.cameo, e.target.country) for e in events] == [("TUR", "111", "FRA")]
