"""The parties of an agreement that a clause does not name as its subject or object.

"The Danish minister signed a deal on Danish-Chinese tourism" (the other state of the pair
named), "signed a deal to import gas from Rohan" (the party the act it is for names), "the
agreement with Rohan was sealed on Monday" (an agentless passive: the state in focus with
Rohan, or the speaker in someone's words). :class:`AgreementParties` is mixed into
:class:`tacitus.events.arguments.Arguments`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from tacitus.events.acts import outside, own_states
from tacitus.events.candidates import ActorIndex, Found
from tacitus.records import Actor

if TYPE_CHECKING:
    from collections.abc import Callable


class AgreementParties:
    """The other party of a two-party act (a mixin of ``Arguments``)."""

    act_nouns: dict[str, tuple[str, ...]]
    speech_verbs: frozenset[str]
    np_actors: Callable[..., list[tuple[Actor, str]]]
    group: Callable[..., list[tuple[Actor, str]]]
    subject: Callable[..., Found]

    def pair_partner(self, verb: Token, idx: ActorIndex, src: Found) -> list[tuple[Actor, str]]:
        """The other state of a pair named after a two-party act's verb: "the Danish minister
        signed a deal on Danish-Chinese tourism" (with China), "Gondor ratified the
        Gondor-Rohan treaty" (with Rohan). The pair must name the source's own state; the
        others are its partners, marked ``via = "context"``."""
        if len(src.actors) != 1:
            return []
        own = own_states(src)
        for arg in verb.children:
            if arg.dep_ not in ("dobj", "prep", "dative", "attr"):
                continue
            for tok in arg.subtree:
                mods = [a for m in idx.mods_of.get(tok.i, ()) for a in m.actors]
                if len({a.country or a.key for a in mods}) < 2 or \
                        not any(a.key in own or a.country in own for a in mods):
                    continue
                others = [(a, "context") for a in mods if outside(a, own)]
                if others:
                    return others
        return []

    def deal_partners(self, obj: Token | None, idx: ActorIndex, src: Found) -> list[tuple[Actor, str]]:
        """The other party of an agreement, named in the act it is for: "signed a deal to
        import gas from Rohan", "an agreement to supply jets to Gondor", "to cooperate with
        Arnor" (the object, or a "from", "to" or "with" phrase of its infinitive; not the
        source's own state)."""
        own = own_states(src)
        # the infinitive on the noun, or on the verb when the small model hangs it there
        # ("signed a deal to buy gas from Rohan": "to buy" an adverbial clause of "signed")
        comps = [*(obj.children if obj is not None else ()),
                 *(c for c in (obj.head.children if obj is not None and obj.dep_ == "dobj" else ()) if c.dep_ == "advcl")]
        for comp in comps:
            if comp.dep_ not in ("acl", "relcl", "advcl") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in comp.children):
                continue
            for arg in comp.children:
                pobjs = [g for g in arg.children if g.dep_ == "pobj"] if arg.dep_ == "prep" and \
                    arg.lower_ in ("from", "to", "with") else [arg] if arg.dep_ in ("dobj", "dative") else []
                found = [(a, "context") for g in pobjs for a, _ in self.group(g, idx) if outside(a, own)]
                if found:
                    return found
        return []

    def agentless_party(self, verb: Token, obj: Token | None, named: Actor, idx: ActorIndex,
                        sent_index: int) -> list[tuple[Actor, str]]:
        """The hidden party of an agreement with one party named, in an agentless passive:
        "the agreement with Rohan was sealed on Monday" is the state in focus with Rohan's; in
        someone's words ("'a deal was reached with Rohan,' Arnor said") it is the speaker.
        Only an agreement (a noun of ``arguments.act_nouns`` with 057): "the unit was sold to
        Rohan" names no seller."""
        if verb.dep_ in ("relcl", "acl") or obj is None or "057" not in self.act_nouns.get(obj.lemma_.lower(), ()) \
                or any(c.dep_ == "agent" for c in verb.children):
            return []
        speech = next((a for a in verb.ancestors if a.lemma_.lower() in self.speech_verbs), None)
        if speech is not None:
            return [a for a in self.subject(speech, idx).actors if a[0].key != named.key]
        if '"' in verb.sent.text or "\u201c" in verb.sent.text:
            return []  # a quote whose speaker this clause does not say
        pair = idx.pair_in_focus(sent_index)
        if len(pair) == 2 and named.country in {a.country for a in pair}:
            return [(a, "context") for a in pair if a.country != named.country][:1]
        return []
