"""Pairs: the events a trigger's sources and targets make.

Every source with every target (not itself, unless domestic events are kept); a symmetric
act among a group of parties ("Egypt, Greece and Cyprus met") between every two of them;
an agentless passive of a light verb ("agreements were signed") between the two states in
focus; with the ``monadic`` option, a source alone. Each pair carries the confidence penalty
of how its actors were found (coreference, context) and the ``how`` notes that say so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tacitus.events.candidates import CONTEXT_PAIR, COREF, ActorIndex, Pair

if TYPE_CHECKING:
    from tacitus.events.patterns import PatternBook
    from tacitus.records import Actor

#: A symmetric event among this many parties or fewer ("Cyprus, Greece and Israel signed")
#: is coded between every two of them, as the news gold's coders do (3 parties: 3 events, 4:
#: 6); among more (a summit of twenty), between the first named and each other, so that
#: one summit does not make hundreds of events.
ALL_PAIRS_MAX = 4


class PairMaking:
    """Source/target pairs of a trigger (a mixin of :class:`~tacitus.events.arguments.Arguments`)."""

    domestic: bool
    monadic: bool
    book: PatternBook

    def _pairs(self, sources: list[tuple[Actor, str]], targets: list[tuple[Actor, str]],
               symmetric: bool, idx: ActorIndex, sent_index: int,
               partner: bool = True, has_phrase: bool = True) -> list[Pair]:
        """Source/target pairs, with the confidence penalty of how they were found.

        ``partner``: an event with no party named may take the two states in focus (the
        caller allows it only for agentless passives of light verbs, and not when the target
        slot holds a phrase that names no actor: "the refinery was sold to an offshore firm").
        ``has_phrase``: with the ``monadic`` option, an event with no target actor is kept
        only when this is true (patterns read by PETRARCH's rules need a noun phrase where
        the target would be: "said on Saturday" is no event, "burned down its embassy" is).
        """
        def make(s: tuple[Actor, str], t: tuple[Actor, str] | None) -> Pair:
            how = []
            if s[1] in ("coref", "context"):
                how.append("coref-source")
            if t is not None and t[1] in ("coref", "context"):
                how.append("coref-target")
            if s[1] in ("role", "title") or (t is not None and t[1] in ("role", "title")):
                how.append("composed-actor")
            if t is not None and t[1] == "place":
                how.append("place-target")  # the state of the place a use of force hit
            if s[1] == "introduced" or (t is not None and t[1] == "introduced"):
                how.append("open-world-actor")  # a name no dictionary knows (actors/openworld.py)
            return Pair(s[0], t[0] if t else None, COREF * sum(x.startswith("coref") for x in how), tuple(how))

        out: list[Pair] = []
        if len(sources) >= 2 and not symmetric and all(t[1] == "coref" for t in targets) and \
                {t[0].key for t in targets} == {s[0].key for s in sources}:
            return []  # "A and B voiced concern about attacks on their ports": their own, not each other's
        if targets:
            for s in sources:
                for t in targets:
                    if s[0].key != t[0].key or self.domestic:
                        out.append(make(s, t))
            return out
        if symmetric:
            if len(sources) >= 2:
                # "Egypt, Greece and Cyprus met": one event between every two of them (among
                # more than ALL_PAIRS_MAX, between the first and each other)
                if len(sources) <= ALL_PAIRS_MAX:
                    return [make(a, b) for i, a in enumerate(sources) for b in sources[i + 1:]]
                return [make(sources[0], other) for other in sources[1:]]
            # "agreements were signed": an agentless passive of a light verb takes the two
            # states in focus. A single named party does not get a partner guessed for it
            # ("Chile has signed the convention" names no other party).
            pair = idx.pair_in_focus(sent_index)
            if len(pair) == 2 and not sources and partner:
                return [Pair(pair[0], pair[1], CONTEXT_PAIR, ("context-pair",))]
        if self.monadic and has_phrase:
            return [Pair(s[0], None, make(s, None).penalty, ("monadic", *make(s, None).how)) for s in sources]
        return []

    def _mutual(self, symmetric: bool, targets: list, target: Actor | None, code: str) -> bool:
        """Whether a pair from a group ("The two neighbours agreed to open talks") is also coded the
        other way round: a mutual act became each party's intent (036), which has a direction,
        and each of them expresses it."""
        return symmetric and not targets and target is not None and \
            code not in self.book.symmetric_codes and code[:3] not in self.book.symmetric_codes
