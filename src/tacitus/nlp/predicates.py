"""Quoted predicates of verbs of calling, which the small model hangs on the object.

"Erdogan called Macron's comments "unacceptable"" and "called the move "a provocation"" give
the verb of calling an object and what the object is called. With the predicate in quotes,
``en_core_web_sm`` often reads the quoted adjective as a modifier of the object ("the
comments [unacceptable]", ``amod``), or the object as an adverbial of the adjective
(``npadvmod``), so the coder's evaluation of the object (events/evaluation.py) finds no
judgement in it.

:func:`reattach_quoted_predicates` makes such an adjective the verb's predicate (``oprd``) and
the noun its object (``dobj``) again, when the verb is one of calling (``qualifying_verbs``
in ``data/stance.yaml``: call, describe, brand ...), the adjective comes after the noun, and
a quotation mark opens right before it. An adjective before its noun ("called the
"unacceptable" comments ...") or with no quotation mark is left as parsed.

The text, tags, lemmas and entities are untouched; only heads and labels change.
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Token

#: Opening quotation marks.
OPENING_QUOTES = frozenset({'"', "\u201c", "'", "\u2018", "``"})


@functools.cache
def _calling_verbs() -> frozenset[str]:
    from tacitus.datafiles import builtin_path, load_yaml

    data = load_yaml(builtin_path("stance.yaml")) or {}
    return frozenset(str(v).lower() for v in (data.get("evaluation") or {}).get("qualifying_verbs") or ())


def _quoted(adj: Token) -> bool:
    return adj.i > 0 and adj.doc[adj.i - 1].text in OPENING_QUOTES


def _calling(verb: Token) -> bool:
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in _calling_verbs()


def reattach_quoted_predicates(doc: Doc) -> Doc:
    """The Doc with every quoted predicate of a verb of calling read as one again."""
    for adj in [t for t in doc if t.pos_ == "ADJ" and _quoted(t)]:
        head = adj.head
        if adj.dep_ == "amod" and head.pos_ in ("NOUN", "PROPN") and head.i < adj.i \
                and head.dep_ == "dobj" and _calling(head.head):
            # "called the comments "unacceptable"": the adjective is what they are called
            verb = head.head
            adj.head = verb
            adj.dep_ = "oprd"
        elif adj.dep_ in ("oprd", "acomp") and _calling(head):
            # "called Macron's comments "unacceptable"" with the comments under the adjective
            for noun in [c for c in adj.children if c.dep_ == "npadvmod" and c.i < adj.i
                         and c.pos_ in ("NOUN", "PROPN")]:
                if not any(c.dep_ == "dobj" for c in head.children):
                    # (the noun's own modifiers hung on the adjective go with it: "Macron's")
                    own = [c for c in adj.children if c.i < noun.i and c.dep_ in ("poss", "det", "amod", "compound", "nummod")]
                    noun.head = head
                    noun.dep_ = "dobj"
                    for c in own:
                        c.head = noun
    return doc
