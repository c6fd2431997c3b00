"""The other party of an act that names none, found by what the act is.

Some acts name no other party because the story already has: "The emir died on Tuesday.
Tributes were paid by Qatar and Egypt" (to the emir), "Colombia accused Venezuela of
sheltering rebels. It recalled its ambassador" (from Venezuela). :class:`UnnamedParties`,
mixed into :class:`tacitus.events.arguments.Arguments`, reads them: tributes and condolences
go to the one whose death was told (``stance.yaml`` ``arguments.mourning_codes``,
``mourning_nouns``, ``dying_verbs``, ``death_nouns``), an envoy recalled is recalled from the
state on the other side of the last hostility (``arguments.owned_objects``,
``ActorIndex.adversary``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from tacitus.events.acts import outside, own_states
from tacitus.events.candidates import ActorIndex, Found
from tacitus.records import Actor

if TYPE_CHECKING:
    from collections.abc import Callable

#: The root of reducing relations, whose envoy recalled with no post named is recalled from the
#: other side of the last hostility (:meth:`UnnamedParties.unnamed_party`).
RECALL_ROOT = "16"
#: How far back the death a tribute answers may have been told.
DEATH_SENTENCES = 8


def owners(noun: Token) -> list[Token]:
    """Whose a noun is: its possessor and its "of" phrase ("X's death", "the death of X")."""
    return [c for c in noun.children if c.dep_ == "poss"] + \
        [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


class UnnamedParties:
    """The other party of an act that names none (a mixin of ``Arguments``)."""

    mourning_codes: frozenset[str]
    mourning_nouns: frozenset[str]
    dying_verbs: frozenset[str]
    death_nouns: frozenset[str]
    owned_objects: frozenset[str]
    group: Callable[..., list[tuple[Actor, str]]]

    def unnamed_party(self, code: str, obj: Token | None, named: bool, idx: ActorIndex, src: Found,
                      sent: int) -> list[tuple[Actor, str]]:
        """The other party of an act that names none (``named``: its pattern has a slot for one),
        by what the act is: a tribute or condolences are for the dead (:meth:`deceased`,
        ``arguments.mourning_codes``); an envoy recalled is recalled from the state on the
        other side of the last hostility ("... Rohan recalled its ambassador":
        ``ActorIndex.adversary``)."""
        if not named and code[:3] in self.mourning_codes:
            return self.deceased(obj, idx, src)
        if code[:2] == RECALL_ROOT and obj is not None and obj.lemma_.lower() in self.owned_objects:
            return [a for a in idx.adversary(src.actors, sent) if a[0].kind == "country"]
        return []

    def deceased(self, noun: Token | None, idx: ActorIndex, src: Found) -> list[tuple[Actor, str]]:
        """Whom a tribute or condolences that name no one are for (``arguments.mourning_nouns``):
        the one whose death the ``DEATH_SENTENCES`` before told, the subject of a verb of dying
        or the owner of a noun of death ("the death of X", "X's funeral"), the latest first;
        for a death mourned, that noun's owner ("mourned his death"). Not the source's own;
        marked ``via = "context"``."""
        if noun is None:
            return []
        sent, own = idx.sent_of[noun.i], own_states(src)
        if noun.lemma_.lower() in self.death_nouns:  # "mourned the death of X", "mourned his passing"
            return [(a, "context") for d in owners(noun) for a, _ in self.group(d, idx) if outside(a, own)]
        if noun.lemma_.lower().removesuffix("s") not in self.mourning_nouns:
            return []
        for tok in reversed(noun.doc[:noun.i]):
            if sent - idx.sent_of[tok.i] > DEATH_SENTENCES:
                break
            lemma = tok.lemma_.lower()
            forms = {lemma, *(f"{lemma} {c.lower_}" for c in tok.children if c.dep_ == "prt")}  # "passed away"
            if tok.pos_ == "VERB" and forms & self.dying_verbs:
                dead = [c for c in tok.children if c.dep_ == "nsubj"]
            elif tok.pos_ == "NOUN" and lemma in self.death_nouns:
                dead = owners(tok)
            else:
                continue
            found = [(a, "context") for d in dead for a, _ in self.group(d, idx) if outside(a, own)]
            if found:
                return found
        return []
