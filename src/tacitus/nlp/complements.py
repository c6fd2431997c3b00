"""Clauses told to someone, which the small model hangs on the one told as a relative clause.

"Gondor warned Rohan that it would act" and "Gondor told the envoys they must leave" give the
verb of telling an object and a clause: what was said. ``en_core_web_sm`` often reads the
clause as a relative clause on the object ("the envoys [whom] they must leave"), mostly after a
common noun or a number ("warned the two that ...", "warned the two countries it would
act"), so the coder finds no warning, no demand and no accusation in it.

:func:`reattach_told_clauses` makes such a clause the complement (``ccomp``) of the verb again,
when the verb is one of telling (``object_clause_verbs`` in ``data/lemmas.yaml``: warn,
tell, remind ...), its object is no pronoun of things ("something"), and the clause cannot
be a relative clause on the object:

* it opens with "that" read as a subordinating mark: "warned the pair that it would act"
  (after other verbs such a "that" may be a relative pronoun the model misread, "hurt the
  families that it wants to help", or open a noun's complement, "read reviews that ...");
* or it has a subject of its own that is no relative pronoun, no relative pronoun anywhere
  among its words, no preposition left without its object (the gap of "the party he spoke
  for"), and is complete without a gap: an object, complement or predicate of its own
  ("told the envoys they must leave the city"; not "told the party he leads", a relative
  clause), or a modal when the one told is people or states ("warned the pair it would
  act"; not "told the story he would tell").

The text, tags, lemmas and entities are untouched; only the clause's head and label change.
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Token

#: Words that open a relative clause; a clause with one is a relative clause.
RELATIVE_WORDS = frozenset({"who", "whom", "whose", "which", "that", "where", "when"})
#: Modal auxiliaries: a clause with one is a statement of its own ("it would act").
MODALS = frozenset({"will", "would", "shall", "should", "must", "could", "can", "may", "might", "'ll", "'d"})
#: Dependents that make a clause's verb complete, so that no object is missing from it.
COMPLETING_DEPS = frozenset({"dobj", "attr", "acomp", "ccomp", "xcomp", "oprd", "dative"})
#: Pronouns of things, never the one told ("warned of something it could not stop").
THINGS = frozenset({"something", "anything", "everything", "nothing", "all", "much", "more", "this", "that"})
#: Tags of an object told that are people or states: names, plurals, pronouns, numbers ("the two").
PARTY_TAGS = frozenset({"NNP", "NNPS", "NNS", "PRP", "CD"})
#: ... and singular nouns of a group of them.
PARTY_NOUNS = frozenset({"pair", "duo", "trio", "couple"})
#: What the object of the verb of telling may be: its object, or its indirect object.
OBJECT_DEPS = frozenset({"dobj", "dative"})


@functools.cache
def _telling_verbs() -> frozenset[str]:
    from tacitus.datafiles import builtin_path, load_yaml

    data = load_yaml(builtin_path("lemmas.yaml")) or {}
    return frozenset(str(v).lower() for v in data.get("object_clause_verbs") or ())


def _told_clause(clause: Token) -> bool:
    """Whether a clause the parser read as relative, on the object of a verb, is what the verb
    told (see the module docstring)."""
    obj = clause.head
    verb = obj.head
    if clause.dep_ != "relcl" or obj.dep_ not in OBJECT_DEPS or verb.pos_ not in ("VERB", "AUX") \
            or clause.i < obj.i or any(c.dep_ == "ccomp" for c in verb.children):
        return False
    if verb.lemma_.lower() not in _telling_verbs() or obj.lower_ in THINGS:
        return False
    kids = list(clause.children)
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in kids):
        return True
    subject = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in RELATIVE_WORDS or subject.i < obj.i:
        return False
    words = [t for t in clause.subtree if t.i > obj.i]
    if any(t.lower_ in RELATIVE_WORDS and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "advmod") and t.head.i == clause.i
           for t in words):
        return False
    if any(t.dep_ == "prep" and not any(c.dep_ in ("pobj", "pcomp") for c in t.children) for t in words):
        return False  # "the party he spoke for": the preposition's object is the gap
    if any(c.dep_ in COMPLETING_DEPS for c in kids):
        return True
    # a modal with no object of its own: "warned the pair it would act", not "told the story
    # he would tell" (a thing, whose clause lacks its object), so only after people or states
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in kids) and (
        obj.tag_ in PARTY_TAGS or obj.lemma_.lower() in PARTY_NOUNS)


def reattach_told_clauses(doc: Doc) -> Doc:
    """The Doc with every told clause read as relative made the verb's complement again."""
    for clause in [t for t in doc if t.dep_ == "relcl" and _told_clause(t)]:
        clause.head = clause.head.head
        clause.dep_ = "ccomp"
    return doc
