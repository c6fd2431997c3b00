"""Firms the dictionaries do not know, named where the article describes them.

A news lead describes a business before or as it names it: "the Dutch chip maker Vellorix"
(the description right before the name: :func:`described_firm`), "a British company will lose
its farms ... the Hartley Group said" (the description a sentence before: :class:`UnnamedFirms`).
The open-world stage (:mod:`tacitus.actors.openworld`) asks these when a name has no state of
its own; the firm nouns are ``descriptors.firm_nouns``.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from tacitus.actors.antecedents import PERSON_NOUNS
from tacitus.actors.mentions import Mention
from tacitus.records import Actor

#: Those who speak about a firm from outside it ("an analyst at Brokerline").
VOICE_NOUNS = PERSON_NOUNS | frozenset({"analyst"})


#: Nouns of a firm that another owns ("X, a subsidiary of the British firm Y", "the local arm
#: of France's Y"), and verbs of owning one ("X, which is controlled by France's Y").
OWNED_NOUNS = frozenset({"subsidiary", "unit", "arm", "affiliate", "division", "offshoot", "branch"})
OWNING_VERBS = frozenset({"own", "control", "run"})


def owned_firm(tok: Token, np_of: dict[int, Mention], mods_of: dict[int, list[Mention]]) -> Actor | None:
    """The state whose business owns the name that ``tok`` describes: an apposition "a
    subsidiary of the British firm Hallam" (``OWNED_NOUNS``) or a clause "which is controlled
    by France's Vellard" (``OWNING_VERBS``), its owner a company or a state's firm. The name is
    that state's business (BUS), as news coders code a subsidiary by its owner."""
    lemma = tok.lemma_.lower()
    if tok.dep_ == "appos" and lemma in OWNED_NOUNS:
        link = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    elif tok.dep_ in ("acl", "relcl") and lemma in OWNING_VERBS and tok.tag_ == "VBN":
        link = next((c for c in tok.children if c.dep_ == "agent"), None)
    else:
        return None
    owner = next((c for c in link.children if c.dep_ == "pobj"), None) if link is not None else None
    if owner is None:
        return None
    found = [np_of[owner.i]] if owner.i in np_of else []
    found += [m for m in mods_of.get(owner.i, ()) if m.actors[0].kind == "country"]
    # "France's Vellard", "Vellard of France": the owner's state
    found += [np_of[g.i] for c in owner.children if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of")
              for g in (c, *c.children) if g.i in np_of and g.dep_ in ("poss", "pobj")]
    for m in found:
        a = m.actors[0]
        # (a state or its business: "a division of the Kenyan army" is no firm)
        if len(m.actors) == 1 and a.country and len(a.country) == 3 and a.role in (None, "BUS"):
            return Actor(a.text, a.name, a.country, "BUS", f"{a.country}BUS", "country")
    return None


def owned_after(doc: Doc, ent: Span, np_of: dict[int, Mention], mods_of: dict[int, list[Mention]]) -> Actor | None:
    """:func:`owned_firm` for the words right after a name and its comma, however the parser
    hung them: "Tierraverde, a subsidiary of ...", "X, which is controlled by ...", "X, owned by"."""
    i = ent.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    while i < len(doc) and (doc[i].pos_ in ("DET", "ADJ", "AUX") or doc[i].lower_ in ("which", "that", "majority",
                                                                                           "wholly", "partly")):
        i += 1
    return owned_firm(doc[i], np_of, mods_of) if i < len(doc) else None


def described_firm(doc: Doc, ent: Span, np_of: dict[int, Mention], mods_of: dict[int, list[Mention]],
                   firm_nouns: frozenset[str]) -> tuple[Actor, None, str] | None:
    """A name right after a business's description that says whose it is: "the Dutch chip
    maker Vellorix", "Brazil's state oil company Petrosol" (the description's state), however
    the parser hung the name on it (an apposition, a second object, a compound). The words
    between the determiner or possessive and the name are nouns and adjectives, the last a
    firm noun; a person's title before a name is read by the open-world stage's titles."""
    end = ent.start - 1
    if end < 0 or doc[end].pos_ != "NOUN" or doc[end].lemma_.lower() not in firm_nouns:
        return None
    first = end
    while first > 0 and doc[first - 1].pos_ in ("NOUN", "ADJ", "PROPN") and not doc[first - 1].is_punct \
            and doc[first - 1].ent_type_ not in ("PERSON", "ORG"):
        first -= 1
    noun = doc[end].lemma_.lower()
    mods = [m for ms in mods_of.values() for m in ms if first <= m.start and m.end <= end]
    if len(mods) == 1 and len(mods[0].actors) == 1 and mods[0].actors[0].kind == "country" \
            and mods[0].actors[0].country:
        # "the Dutch chip maker": the modifier stays the description's own (a verb may
        # take the description, not the name, for its object)
        return mods[0].actors[0], None, noun
    owner = doc[first - 1] if first > 0 and doc[first - 1].tag_ == "POS" else None
    m = np_of.get(owner.head.i) if owner is not None else None
    if not mods and m is not None and len(m.actors) == 1 and m.actors[0].kind == "country" \
            and m.actors[0].country and m.end == owner.i:
        return m.actors[0], None, noun            # "Brazil's state oil company"
    return None


#: How many sentences after a firm described without its name ("a British company") the
#: first new company name may come and be that firm (not in the description's own sentence).
FIRM_NAME_REACH = 1


class UnnamedFirms:
    """Firms an article describes before it names them, the way a news lead does: "a British
    company will lose its land ... farms owned by the Hartley Group" (GBR), "Turkey's biggest
    mobile firm may pull out ... Vardacell said". The description is a role mention of a
    business (``descriptors.firm_nouns``) tied to a state, indefinite or possessed by the state,
    with no name of its own; the first organisation name the dictionaries do not know that
    comes after it, in the next sentence (one in its own sentence is mostly another party: "a
    British firm signed a deal with Sonatrix"), is that firm, when no other organisation is
    named between them nor in the sentence before the description (then the description is
    more likely of that one: "Air Arnor in London listing. Arnor's national airline is to ...").
    Each description names one firm."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], sent_of: Sequence[int],
                 nouns: frozenset[str]) -> None:
        self.open = [m for m in mentions if m.role == "np" and m.via in ("role", "dictionary") and len(m.actors) == 1
                     and m.actors[0].role == "BUS" and len(m.actors[0].country or "") == 3
                     and doc[m.head].tag_ == "NN" and doc[m.head].lemma_.lower() in nouns
                     and not any(doc[i].lower_ in ("the", "this", "that", "its", "their")
                                 for i in range(m.start, m.head))
                     and not any(c.dep_ == "appos" for c in doc[m.head].children)]
        # where organisations are named: spaCy's, and names the dictionaries know as a body
        self.named = sorted({e.start for e in doc.ents if e.label_ == "ORG" and not role_name(e)}
                            | {m.start for m in mentions if m.role == "np" and doc[m.head].pos_ == "PROPN"
                               and len(m.actors) == 1 and m.actors[0].kind != "person"
                               and doc[m.head].ent_type_ not in ("GPE", "LOC", "NORP")})
        self.doc, self.sent_of = doc, sent_of

    def name(self, ent: Span) -> tuple[Actor, None, str] | None:
        """The described firm the organisation name ``ent`` (with no state of its own) names."""
        doc, sent_of, at = self.doc, self.sent_of, ent.start
        gov = ent.root.head
        if role_name(ent) or ent.root.dep_ == "pobj" and (
                gov.lower_ == "to" and gov.head.lower_ == "according"
                or gov.head.lemma_.lower() in VOICE_NOUNS):
            return None  # "according to Brokerline", "an analyst at Brokerline": a voice, no party
        for m in reversed(self.open):
            if 1 <= sent_of[at] - sent_of[m.head] <= FIRM_NAME_REACH and not any(
                    m.head < i < at or (sent_of[m.head] - 1 <= sent_of[i] and i < m.start) for i in self.named):
                self.open.remove(m)
                return m.actors[0], None, doc[m.head].lemma_.lower()
        return None


def role_name(ent: Span) -> bool:
    """An "organisation" that is a role word the small model took for a name ("MPs")."""
    return ent.root.lower_.rstrip("s") in PERSON_NOUNS
