"""Amounts of money in a parse: "$20m", "50 million euros", "£4bn"; and amounts of anything
(:func:`is_measure`: "80 percent", "two million tonnes"), whose phrase measures another noun.
The small model's entity tags miss many of them; the patterns' object word ``money`` stands for
any (``pledged $20m to``, ``gave 50 million euros to``). What counts as money is what the figures of the
attributes stage read (:func:`tacitus.attributes.figures.find_figures`: its currencies and
scales), so an event's object and its ``figures`` agree.
"""

from __future__ import annotations

from spacy.tokens import Token

from tacitus.attributes.figures import find_figures


def is_money(tok: Token) -> bool:
    """Whether the phrase a token heads is an amount of money ("$20m", "50 million euros")."""
    if tok.ent_type_ == "MONEY" and tok.pos_ in ("NOUN", "NUM", "SYM", "PROPN"):
        return True
    if not any(t.like_num for t in tok.subtree):
        return False  # no number, no amount: most objects stop here
    phrase = tok.doc[tok.left_edge.i: tok.right_edge.i + 1].text
    return any(f.kind == "money" for f in find_figures(phrase))


#: Entity labels of amounts.
MEASURE_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
#: Units a number counts when the model tags no amount ("80 percent", "two million tonnes").
MEASURE_UNITS = frozenset({"percent", "per", "%", "tonne", "ton", "barrel", "point"})


def is_measure(tok: Token) -> bool:
    """Whether a noun is only an amount ("80 percent", "$2bn", "two million tonnes"): the
    phrase it heads measures another noun ("duties of 80 percent on ..."), and what hangs on
    it belongs to that noun."""
    if tok.like_num or tok.ent_type_ in MEASURE_LABELS:
        return True
    counted_unit = tok.lemma_.lower() in MEASURE_UNITS and any(c.dep_ == "nummod" for c in tok.children)
    return counted_unit or is_money(tok)


def measured(tok: Token) -> Token:
    """What an amount measures, by its "of" ("7.5 million tonnes of gas": gas); else the noun itself."""
    if not is_measure(tok):
        return tok
    return next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                 if g.dep_ == "pobj"), tok)
