"""Clauses told to someone, read by the small model as relative clauses on them, are made the
verb's complement again (tacitus.nlp.complements). Sentences are our own."""

from __future__ import annotations

import pytest

from tacitus import nlp


def _clause(text: str, verb: str, head: str) -> tuple[str, str]:
    """The label and the head of the verb ``head`` of the told clause in ``text``'s parse."""
    doc = next(nlp.parse([text]))
    tok = next(t for t in doc if t.text == head)
    assert any(t.text == verb for t in doc)
    return tok.dep_, tok.head.text


@pytest.mark.parametrize("text,verb,head", [
    ("It warned the two countries it would act.", "warned", "act"),
    ("The commission warned the two that it would act if their deficits grew.", "warned", "act"),
    ("Moscow warned the pair it would act.", "warned", "act"),
])
def test_told_clause_read_as_relative_is_the_verb_s_complement(text, verb, head):
    raw = nlp.load().nlp(text)
    before = next(t for t in raw if t.text == head)
    assert before.dep_ == "relcl"   # the small model's reading, which the repair undoes
    assert _clause(text, verb, head) == ("ccomp", verb)


@pytest.mark.parametrize("text,head", [
    ("Mr Lopes praised the party he leads.", "leads"),                 # not a verb of telling
    ("The minister told the story he would tell.", "tell"),            # ... the object is the gap
    ("She told the committee that had invited her about the plan.", "invited"),  # a relative "that"
    ("The envoy warned of something it could not stop.", "stop"),      # a thing, not the one told
])
def test_real_relative_clauses_stay(text, head):
    raw = nlp.load().nlp(text)
    before = next(t for t in raw if t.text == head)
    doc = next(nlp.parse([text]))
    after = next(t for t in doc if t.text == head)
    assert (after.dep_, after.head.i) == (before.dep_, before.head.i)


def test_told_clause_keeps_text_tags_and_entities():
    text = "Moscow warned the pair it would act."
    raw = nlp.load().nlp(text)
    doc = next(nlp.parse([text]))
    assert doc.text == text
    assert [(t.tag_, t.lemma_, t.ent_type_) for t in doc] == [(t.tag_, t.lemma_, t.ent_type_) for t in raw]
