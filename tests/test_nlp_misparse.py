"""Parses the small model gets wrong, read by nlp/misparse.py: built by hand as the model makes
them, so that the reading is tested whatever the model does with a given sentence today."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from tacitus.nlp.misparse import subject_in_preposition, verb_read_as_noun

VOCAB = spacy.blank("en").vocab  # English lexical attributes ("lower_"), no model


def parsed(words, heads, deps, tags, pos):
    return Doc(VOCAB, words=words, heads=heads, deps=deps, tags=tags, pos=pos)


def test_misparse_the_object_of_as_right_before_a_finite_verb_is_its_subject():
    # "Rebels sign truce as Chile closes Peru's border", parsed with "as" a preposition on
    # "truce", "Chile" its object, and "truce" the subject of "closes"
    doc = parsed(["Rebels", "sign", "truce", "as", "Chile", "closes", "Peru", "'s", "border"],
                 [1, 1, 5, 2, 3, 1, 8, 6, 5],
                 ["nsubj", "ROOT", "nsubj", "prep", "pobj", "ccomp", "poss", "case", "dobj"],
                 ["NNS", "VBP", "NN", "IN", "NNP", "VBZ", "NNP", "POS", "NN"],
                 ["NOUN", "VERB", "NOUN", "ADP", "PROPN", "VERB", "PROPN", "PART", "NOUN"])
    assert subject_in_preposition(doc[5]) == doc[4]
    # a subject the parser placed after the subordinator is kept: "as" ... "Chile" its own
    doc = parsed(["Talks", "stalled", "as", "Chile", "closed", "the", "border"],
                 [1, 1, 4, 4, 1, 6, 4],
                 ["nsubj", "ROOT", "mark", "nsubj", "advcl", "det", "dobj"],
                 ["NNS", "VBD", "IN", "NNP", "VBD", "DT", "NN"],
                 ["NOUN", "VERB", "SCONJ", "PROPN", "VERB", "DET", "NOUN"])
    assert subject_in_preposition(doc[4]) is None


def test_misparse_a_noun_root_with_a_subject_and_an_infinitive_is_a_verb():
    # "Chile and Peru plan to meet", with "plan" a noun and the root
    doc = parsed(["Chile", "and", "Peru", "plan", "to", "meet"],
                 [3, 0, 0, 3, 5, 3],
                 ["nsubj", "cc", "conj", "ROOT", "aux", "xcomp"],
                 ["NNP", "CC", "NNP", "NN", "TO", "VB"],
                 ["PROPN", "CCONJ", "PROPN", "NOUN", "PART", "VERB"])
    assert verb_read_as_noun(doc[3])
    # "the plan to meet" is a noun with its infinitive, no verb
    doc = parsed(["the", "plan", "to", "meet"], [1, 1, 3, 1], ["det", "ROOT", "aux", "acl"],
                 ["DT", "NN", "TO", "VB"], ["DET", "NOUN", "PART", "VERB"])
    assert not verb_read_as_noun(doc[1])
