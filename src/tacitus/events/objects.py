"""What the object of a verb is and what it says: whether it fits a pattern's object
condition, the words it is matched by, the gift and recipient of a verb of giving, what a
verb of asking asks for, whom aid is for, who holds captives, and whom a conditional act is
aimed at.

:class:`ObjectReading`, mixed into :class:`tacitus.events.arguments.Arguments`, reads the
object slot of a trigger for the coder (``coder.py``): "joined NATO" (an organisation:
``object: body``), "beat the prisoners" (people: ``object: person``), "a round of talks"
(matched by "talks"), "supplied Rohan with arms" (the arms are the gift, Rohan the
recipient), "asked Gondor for loans", "gave $5m to help flood victims in Rohan" (for
Rohan), "two Rohirrim held by Gondor" (Gondor holds them), "would cut aid if Rohan resumed
the tests" (aimed at Rohan). The word lists are data (``stance.yaml``, ``arguments``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from tacitus.actors.groups import member_lists
from tacitus.events.acts import outside, own_states
from tacitus.events.candidates import ActorIndex, Found, recent
from tacitus.events.money import measured
from tacitus.records import Actor

if TYPE_CHECKING:
    from collections.abc import Callable

    from tacitus.events.patterns import Pattern, PatternBook

#: Kinds of actor a pattern with ``object: body`` takes as its object ("joined NATO").
BODY_KINDS = frozenset({"igo", "bloc"})
#: Codes of taking people (arrest, detention, seizure, abduction) and how many sentences back
#: one may be told for a release asked of its doer (``ObjectReading.holder``).
HOLDING_CODES = ("17", "181")
HOLDING_SENTENCES = 4
#: Subordinators of a condition: "would cut aid if Rohan resumed the tests", "rejected talks
#: until Rohan drops its claims".
CONDITION_MARKS = frozenset({"if", "unless", "until", "till"})
#: The lowest root of an act a condition aims at another: a refusal ("rejected talks until
#: Rohan drops its claims"), a threat, a sanction, force.
REFUSAL_ROOT = "12"


def of_heads(noun: Token) -> set[str]:
    """The lemmas of the nouns its "of" phrase names: "troop" in "the withdrawal of its troops",
    "talk" in "a round of talks"."""
    return {g.lemma_.lower() for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"}


def conditions(head: Token) -> list[Token]:
    """The "if" and "unless" clauses on a verb."""
    return [c for c in head.children if c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children)]


class ObjectReading:
    """The object slot of a trigger (a mixin of ``Arguments``; see the module docstring)."""

    book: PatternBook
    act_nouns: dict[str, tuple[str, ...]]
    event_nouns: frozenset[str]
    measure_nouns: frozenset[str]
    person_objects: frozenset[str]
    stance_objects: frozenset[str]
    group_nouns: frozenset[str]
    generic_heads: frozenset[str]
    partitive_heads: frozenset[str]
    with_giving_verbs: frozenset[str]
    giving_verbs: frozenset[str]
    asking_verbs: frozenset[str]
    promising_verbs: frozenset[str]
    promised_as: frozenset[str]
    promised_roots: frozenset[str]
    transform: Callable[[str, str | None], str]  # stance.py (the coder has both)
    aid_purposes: frozenset[str]
    captor_verbs: frozenset[str]
    np_actors: Callable[..., list[tuple[Actor, str]]]
    group: Callable[..., list[tuple[Actor, str]]]
    subject: Callable[..., Found]
    authority: Callable[..., list[tuple[Actor, str]]]

    def object_ok(self, p: Pattern, obj: Token | None, idx: ActorIndex) -> bool:
        """Whether a verb's object fits its pattern's object condition (``object:`` in
        patterns.yaml): none, people, an actor, an organisation or bloc, a state, a thing."""
        if p.object_kind == "none":
            return obj is None  # "Egypt and Greece met in Cairo", not "... met the deadline"
        if p.object_kind == "person":  # "beat the prisoners", "abused him"; not "beat Rohan 2-1"
            return obj is not None and (obj.lemma_.lower() in self.person_objects or (
                bool(found := self.group(obj, idx)) and all(a.kind == "person" for a, _ in found)))
        # the object names an actor itself, by an adjective ("her Chinese counterpart") or by an
        # apposition ("her counterpart, Wang Yi"); not by a complement ("the deal with Iran");
        # an adjective makes no act an actor ("welcomed the Spanish decision"), nor, for meeting
        # and hosting, "received Iranian assistance" ("received the Iranian delegation" does)
        by_adjective = obj is not None and obj.i in idx.mods_of and obj.lemma_.lower() not in self.act_nouns and not (
            p.code[:2] == "04" and (obj.lemma_.lower() in self.book.nouns or obj.lemma_.lower() in self.event_nouns)) \
            and obj.lemma_.lower() not in self.measure_nouns  # "pushed Gondorian steel prices up"
        is_actor = obj is not None and (obj.i in idx.np_at or by_adjective or any(
            c.dep_ == "appos" and c.i in idx.np_at for c in obj.children) or (
            # "supported Rohan's position": a stance owned by an actor stands for it, for
            # approval and disapproval ("welcomed Rohan's decision" is no hosting of Rohan)
            p.object_kind == "actor" and p.code[:2] in ("05", "11", "12")
            and obj.lemma_.lower() in self.stance_objects and (obj.i in idx.mods_of or any(
                c.dep_ == "poss" and self.np_actors(c, idx) for c in obj.children))) or (
            # "encouraged allies such as Rohan to ...": a group noun stands for the members it lists
            obj.lemma_.lower() in self.group_nouns and bool(member_lists(obj)) and bool(self.group(obj, idx))))
        if p.object_kind == "body":
            # "joined NATO", "left the African Union": the object is an organisation or a bloc
            return is_actor and bool(found := self.group(obj, idx)) and all(a.kind in BODY_KINDS for a, _ in found)
        if p.object_kind == "state":  # "suspended Mali", not "suspended the Malian flights"
            return obj is not None and obj.i in idx.np_at and all(a.kind == "country" for a, _ in self.group(obj, idx))
        if (p.object_kind == "actor") != is_actor:
            return False
        return not (p.object_kind == "thing" and obj is None)

    def holder(self, captives: list[Token], idx: ActorIndex, src: Found) -> list[tuple[Actor, str]]:
        """Who holds the people a release is asked of or promised for: the "by Y" of a
        participle of holding on them ("two Rohirrim held by Gondor"), else the state where
        they are held ("detained in Gondor", ``arguments.captor_verbs``); else whoever was told
        taking them shortly before ("Gondorian troops detained four Rohirric soldiers. Rohan
        demanded the release of the soldiers": an arrest or a seizure coded on their actor in
        the last ``HOLDING_SENTENCES``). Not the source's own."""
        own = own_states(src)
        for tok in captives:
            for acl in tok.children:
                if acl.dep_ != "acl" or acl.lemma_.lower() not in self.captor_verbs:
                    continue
                by = [g for c in acl.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                found = [a for g in by for a in self.group(g, idx)] or self.authority(acl, idx, 0)
                found = [a for a in found if outside(a[0], own)]
                if found:
                    return found
        held = {a.key for tok in captives for a, _ in self.group(tok, idx)}
        if held:
            for _s, code, by, to in recent(idx.told, idx.sent_of[captives[0].i] + 1, HOLDING_SENTENCES):
                if code.startswith(HOLDING_CODES) and to.key in held and outside(by, own):
                    return [(by, "context")]
        return []

    def object_words(self, noun: Token) -> set[str]:
        """The words an object is matched by: its lemma, and for a generic head
        (``arguments.generic_heads``: "missile systems", "an aid package") its compound's, for
        a partitive (``arguments.partitive_heads``: "a round of talks") its "of" phrase's."""
        lemma = noun.lemma_.lower()
        words = {lemma}
        if noun.pos_ == "PROPN" and noun.i == noun.sent.start and lemma.endswith("s"):
            # a plural noun opening a sentence that the small model makes a name, lemma and
            # all: "Tributes were paid by ..."
            words |= {lemma[:-1]}
        if lemma in self.generic_heads:
            words |= {c.lemma_.lower() for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"}
        if lemma in self.partitive_heads:
            words |= of_heads(noun)
        return words

    def given_with(self, verb: Token, obj: Token) -> Token | None:
        """The gift a verb of giving names after "with", its object the recipient ("supplied
        Rohan with arms", "provided Gondor with two frigates": ``arguments.with_giving_verbs``);
        the small model hangs "with" on the verb or on the object."""
        if verb.lemma_.lower() not in self.with_giving_verbs:
            return None
        gift = next((g for h in (verb, obj) for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
                     for g in c.children if g.dep_ == "pobj"), None)
        return measured(gift) if gift is not None else None  # "with 7.5 million tonnes of gas": the gas

    def recipients(self, verb: Token, obj: Token, idx: ActorIndex) -> list[Token]:
        """The first object of a verb of giving (``arguments.giving_verbs``), which "to" would
        name: "offered the Gondorian government assistance", "sent Rohan aid" (the small model
        may read the name as a modifier of the second object: "Rohan aid"); after any verb of
        a pattern that gives "to" or "for", a state's name compounded on the thing given, after
        other modifiers: "pledged fresh Rohan aid", "approved new Gondor funding" (not an
        adjective: "American aid" is America's own)."""
        if obj.i <= verb.i:
            return []
        if verb.lemma_.lower() not in self.giving_verbs:
            return _named_on(verb, obj, idx)
        found = [c for c in verb.children if c.dep_ in ("dative", "dobj") and c.pos_ in ("PROPN", "NOUN", "PRON")
                 and c.i < obj.i]
        if not found:
            first = next((t for t in verb.doc[verb.i + 1: obj.i] if t.dep_ != "det"), None)
            if first is not None and first.head.i == obj.i and first.dep_ in ("compound", "nmod") \
                    and first.pos_ == "PROPN" and (first.i in idx.np_at or first.i in idx.mod_at):
                found = [first]
        return found or _named_on(verb, obj, idx)

    def asked_for(self, verb: Token) -> tuple[Token, list[Token]] | None:
        """What a verb of asking (``arguments.asking_verbs``) asks for after "for", and whom of:
        its object, or the object of "to", "on" or "from" ("asked Rohan for arms", "appealed to
        Gondor for food aid", "called on Arnor for loans", "asked for loans from Arnor"). None
        when it names no "for" phrase or no one asked."""
        if verb.lemma_.lower() not in self.asking_verbs:
            return None
        heads = (verb, *(c for c in verb.children if c.dep_ in ("prt", "dobj")))
        thing = next((g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "for"
                      for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
        if thing is None:
            return None
        asked = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("PROPN", "NOUN", "PRON")]
        asked += [g for h in heads for c in h.children if c.dep_ in ("prep", "prt") and c.lower_ in ("to", "on", "from")
                  for g in c.children if g.dep_ == "pobj"]
        return (thing, asked) if asked else None

    def promised(self, verb: Token, obj: Token | None) -> dict[int, Pattern]:
        """The patterns by which a verb of promising gives its object
        (``arguments.promising_verbs``): the simple ones of the verbs ``promised_as`` that
        name an object, of the roots ``promised_roots``, each coded as the intent of its act
        ("pledged medical supplies to Rohan" as "send medical supply to" 073, coded 0333)."""
        if obj is None or verb.lemma_.lower() not in self.promising_verbs:
            return {}
        out: dict[int, Pattern] = {}
        for lemma in sorted(self.promised_as):
            for p in self.book.verbs.get(lemma, ()):
                if p.general or not p.objects or p.particles or p.code[:2] not in self.promised_roots:
                    continue
                if id(p) not in self._promised:
                    self._promised[id(p)] = replace(p, code=self.transform(p.code, "intent"))
                out[id(p)] = self._promised[id(p)]
        return out

    def purpose_targets(self, verb: Token, obj: Token | None, idx: ActorIndex, src: Found) -> list[tuple[Actor, str]]:
        """Whom aid is for when its clause says so instead of "to X": "gave $5m to help flood
        victims in Gondor", "sent engineers to help rebuild Rohan's bridges" (an infinitive of
        ``intent.aid_purposes`` on the verb or its object; that verb's object, its owner or
        its place)."""
        own = own_states(src)
        for head in (verb, *([obj] if obj is not None else [])):
            for comp in head.children:
                if comp.dep_ not in ("xcomp", "advcl", "acl") or comp.lemma_.lower() not in self.aid_purposes \
                        or not any(c.dep_ == "aux" and c.lower_ == "to" for c in comp.children):
                    continue
                inner = [c for c in comp.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
                # "to help flood victims in Rohan": the parser may hang the place on the verb
                inner += [p for c in comp.children if c.dep_ == "prep" and c.lower_ in ("in", "inside")
                          for p in c.children if p.dep_ == "pobj"]
                # ... or on the people helped, whom their place names ("victims" name nobody
                # by their "in" phrase: arguments.other_party_nouns)
                inner += [p for o in inner if o.dep_ == "dobj" for c in o.children
                          if c.dep_ == "prep" and c.lower_ in ("in", "inside") for p in c.children if p.dep_ == "pobj"]
                for tok in inner:
                    # "to help rebuild Rohan's bridges": that verb's object; "to help Rohan adapt": its subject
                    tok = next((c for d in ("nsubj", "dobj") for c in tok.children if c.dep_ == d), tok) \
                        if tok.dep_ in ("ccomp", "xcomp") else tok
                    # "to help victims of the floods in Rohan": the place of what befell them
                    for toward in (tok, *(g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                                          for g in c.children if g.dep_ == "pobj")):
                        found = [a for a in self.group(toward, idx) if outside(a[0], own)]
                        if found:
                            return found
        return []

    def conditioned(self, verb: Token, code: str, idx: ActorIndex, src: Found) -> list[tuple[Actor, str]]:
        """Whom a refusal or a hostile act with no target is aimed at when an "if", "unless" or
        "until" clause on it says what another must do or not do: "said it would cut aid if
        Rohan resumed the tests", "will impose sanctions unless Gondor withdraws", "rejected
        talks until Arnor drops its claims" (the condition's subject, named, not a pronoun;
        not the source's own side; for a passive, its "by" agent or the owner of the troops
        or envoys it names)."""
        if code[:2] < REFUSAL_ROOT:
            return []
        own = own_states(src)
        for clause in conditions(verb):
            subj = next((c for c in clause.children if c.dep_ == "nsubj" or c.dep_ == "nsubjpass"
                         and c.lemma_.lower() in self.owned_objects), None)
            if subj is None:
                # a passive names the thing done to, not who must do it: "if the ship is not
                # released" asks its holder; "if the ship is not released by Rohan", Rohan
                # (a state's own troops and envoys are withdrawn by that state)
                agent = next((c for c in clause.children if c.dep_ == "agent"), None)
                subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if subj is None or subj.pos_ == "PRON":
                continue  # ("if they default, we will fight them": whose "they" is too loose a guess)
            found = [a for a in self.group(subj, idx) if outside(a[0], own)]
            if found:
                return found
        return []


def _named_on(verb: Token, obj: Token, idx: ActorIndex) -> list[Token]:
    """The state's name (not its adjective) compounded on a thing given after ``verb``:
    "Rohan" in "pledged fresh Rohan aid" (:meth:`ObjectReading.recipients`)."""
    return [c for c in obj.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i > verb.i
            and any(m.aliases and m.aliases[0].kind in ("name", "region") for m in idx.mods_of.get(obj.i, ())
                    if m.start <= c.i < m.end)][:1]
