"""Presence abroad as a visit: "the Gondorian foreign minister was in Rohan on Thursday".

News often says where an official is instead of saying that they visited: "Mr Falastur is in
Edoras for talks", "the minister, who was in Rohan this week, ...". An official of one state
(an actor with a role of ``presence.roles``, as people resolved by their office are) said to
*be* in another state or its capital makes a visit (``presence.code``, 042) to that state;
the tense and the stance of the copula apply ("will be in Rohan next week" is an intent to
visit). Anyone else "in" a state (a firm, a citizen, the troops) makes no visit.
"""

from __future__ import annotations

from spacy.tokens import Span

from tacitus.events.arguments import Arguments
from tacitus.events.candidates import DIRECT, INHERITED, NOMINAL, ActorIndex, Candidate
from tacitus.events.patterns import PatternBook
from tacitus.events.stance import StanceRules


class PresenceEvents(Arguments, StanceRules):
    """Visits told as presence (a mixin of the coder)."""

    def __init__(self, book: PatternBook) -> None:
        presence = book.stance.get("presence") or {}
        self.presence_code = str(presence.get("code", "042"))
        self.presence_roles = frozenset(str(r) for r in presence.get("roles") or ())
        self.presence_preps = frozenset(str(p).lower() for p in presence.get("prepositions") or ())

    def _presence(self, sent: Span, idx: ActorIndex, sent_index: int) -> list[Candidate]:
        """"X was in Y", "X is in Y for talks": a visit of X to Y (see the module docstring)."""
        out: list[Candidate] = []
        if not self.presence_roles:
            return out
        for be in sent:
            if be.lemma_ != "be" or be.dep_ not in ("ROOT", "conj", "ccomp", "relcl") or be.tag_ == "VBG":
                continue
            places = [p for c in be.children if c.dep_ == "prep" and c.lower_ in self.presence_preps
                      for p in c.children if p.dep_ == "pobj"]
            if not places:
                continue
            src = self.subject(be, idx)
            officials = [a for a in src.actors if a[0].roles & self.presence_roles and a[0].country]
            if not officials or len(officials) != len(src.actors):
                continue
            home = {a.country for a, _ in officials}
            # the place itself names the state ("in Rohan", "in Edoras"), not a phrase about
            # it ("in talks with Rohan")
            named = [m for p in places for t in (p, *p.conjuncts) if (m := idx.np_at.get(t.i)) is not None]
            hosts = [(a, m.via) for m in named for a in m.actors
                     if a.kind == "country" and a.country and a.country not in home]
            if not hosts:
                continue
            kind, _, negated, possible, reported = self.stance(be)
            if kind == "request" or possible:
                continue
            code = self.transform(self.presence_code, kind)
            if not code:
                continue
            conf = DIRECT - NOMINAL - (INHERITED if src.inherited else 0)
            for s, t, penalty, how in self._pairs(officials, hosts, False, idx, sent_index):
                out.append(Candidate(code, s, t, be, f"{code}:presence:be in", conf - penalty, negated,
                                     how=("presence", *(("reported",) if reported else ()), *how)))
        return out
