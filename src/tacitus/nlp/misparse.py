"""Parses the small English model gets wrong in known ways, told apart where they are read.

The coder and coreference ask these questions of a parse instead of each testing the shape
again; the parse itself is left as the model made it.
"""

from __future__ import annotations

from spacy.tokens import Token


def main_participle(verb: Token) -> bool:
    """Whether a past participle the parser hung on the sentence's root noun is the main verb:
    "Russia, which has troops there, called on both sides to ...". The small model, finding
    no verb for the subject, reads the verb after the comma as a participle ("agreements
    reached in ..."), which would make it a passive with no agent."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.dep_ == "ROOT" and \
        verb.head.pos_ in ("PROPN", "NOUN") and verb.i > 1 and verb.doc[verb.i - 1].text == "," and \
        not any(c.dep_ in ("auxpass", "agent") for c in verb.children)
