"""The events stage's working records: what the coder passes between its steps.

``ActorIndex`` says where the article's actors are, by token; ``Found`` holds the actors found
for one argument; ``Pair`` a source/target pair; ``Hit`` a pattern that matched at a trigger;
``Candidate`` an event before the sentence-level choice (:func:`choose`) and before it
becomes an :class:`tacitus.records.Event`. The confidence constants below are the coder's own
first guess; the event's reported confidence comes from ``events/confidence.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Span, Token

from tacitus.actors.antecedents import salient_states
from tacitus.actors.groups import SIDE_WORDS
from tacitus.actors.mentions import Mention
from tacitus.events.matcher import Binding
from tacitus.events.patterns import Pattern
from tacitus.records import Actor

# Confidence, by how the event's arguments were found. Starting values, to be calibrated on
# the gold sets (issue 3); each lowers from DIRECT for what can go wrong on that path.
DIRECT = 0.85          # subject and object of the trigger itself, dictionary actors
INHERITED = 0.10       # minus: the source came through coordination/control/relative clause
COREF = 0.10           # minus: an actor came from coreference ("the two countries", "its")
NOMINAL = 0.10         # minus: a noun event ("a meeting with")
CONTEXT_PAIR = 0.15    # minus: a symmetric event whose parties come from the context
POSSIBLE = 0.15        # minus: under could/may/might
REPORTED = 0.05        # minus: inside reported speech
GENERIC = 0.10         # minus: an intent/refusal verb with no codable act inside


@dataclass
class Candidate:
    """An event before records are built: what, who to whom, and why."""

    code: str
    source: Actor
    target: Actor | None
    trigger: Token
    pattern: str
    confidence: float
    negated: bool = False
    notes: list[str] = field(default_factory=list)
    targets: tuple[int, ...] = ()  # token indices of the target phrase heads
    #: how the event was found, for its confidence: "noun", "inherited", "coref-source",
    #: "context-pair", "reported", "generic", "speech", "group", "reciprocal", "stance" ...
    how: tuple[str, ...] = ()


class Pair(NamedTuple):
    """A source/target pair and how its actors were found."""

    source: Actor
    target: Actor | None
    penalty: float
    how: tuple[str, ...] = ()


@dataclass
class Hit:
    """A pattern that matched at a trigger, with what it found there."""

    pattern: Pattern
    obj: Token | None
    targets: list[Token]          # target nouns of the simple form, objects of "(to)"
    binding: Binding | None       # general form: its slots and words

    @property
    def rank(self) -> tuple[int, int, int, int, int]:
        """Most specific first (for a general pattern, by the words it matched here: of
        "&currency" and "&hypercurr", "austrian gold florin" is matched best by the second);
        then a "no event" pattern that names its object's words ("highlight problem" over
        "highlight" + any thing); then a more specific code; then an event over "no event";
        then the pattern written first."""
        p = self.pattern
        specificity = p.specificity
        if self.binding is not None:
            specificity = 1 + len(self.binding.words) + sum(len(v) for v in self.binding.slots.values()) \
                + len(self.binding.prep_objects)
        named_null = p.is_null and bool(p.objects)
        return (specificity, 1 if named_null else 0, 0 if p.is_null else len(p.code), 0 if p.is_null else 1, -p.order)


@dataclass
class ActorIndex:
    """Where the article's actors are, by token."""

    np_at: dict[int, Mention]
    mods_of: dict[int, list[Mention]]
    mentions: list[Mention]
    sent_of: Sequence[int]
    mod_at: dict[int, Mention] = field(default_factory=dict)
    #: the acts coded so far in the article, in order: (sentence, CAMEO code, who did it, the
    #: trigger's lemma), for "the operation", "the agreement" named later (``Arguments.act_owners``)
    acts: list[tuple[int, str, tuple[Actor, ...], str]] = field(default_factory=list)
    #: sentence -> the speaker of the direct quote the sentence is, when no speech verb in it
    #: says who speaks (``tacitus.events.code_events``)
    speakers: dict[int, Actor] = field(default_factory=dict)
    #: the uses of force and coercion coded so far (sentence, who, against whom), for "both
    #: sides" named later (:meth:`sides_of_conflict`)
    conflicts: list[tuple[int, Actor, Actor]] = field(default_factory=list)
    #: the uses of force told so far, coded or with no doer named (sentence, CAMEO code, whom
    #: they struck), for a later claim of them ("claimed responsibility for the attacks",
    #: "said it carried out the strike": ``Arguments.act_victims``)
    victims: list[tuple[int, str, tuple[Actor, ...]]] = field(default_factory=list)
    #: the aid coded so far (sentence, giver, recipient), for a pledge with no recipient named
    #: later ("Gondor sent aid to Rohan ... Arnor pledged $5m": :meth:`recipient`)
    aid: list[tuple[int, Actor, Actor]] = field(default_factory=list)
    #: the events with a target coded so far (sentence, code, source, target), for a parallel
    #: act with no target named ("Gondor congratulated Rohan's king. Arnor also sent its
    #: congratulations": :meth:`parallel`)
    told: list[tuple[int, str, Actor, Actor]] = field(default_factory=list)

    def recipient(self, sources: list[tuple[Actor, str]], sent: int) -> list[tuple[Actor, str]]:
        """Whom aid with no recipient named goes to: the recipient of the last aid coded in the
        sentences before (``AID_SENTENCES``), when it is not the giver's own side; donors
        answering one need are told one after another. Marked ``via = "context"``."""
        same = own_keys(sources)
        for _s, _giver, to in recent(self.aid, sent, AID_SENTENCES):
            return [] if to.key in same or to.country in same else [(to, "context")]
        return []

    def parallel(self, code: str, sources: list[tuple[Actor, str]], sent: int) -> list[tuple[Actor, str]]:
        """Whom an act that another "also" did goes to, when it names no one: the target of the
        last event of the same root coded in the sentences before (``PARALLEL_SENTENCES``) by
        someone else, when it is not the source's own side ("Gondor congratulated Rohan's
        king. Arnor also sent its congratulations": to Rohan). Marked ``via = "context"``."""
        same = own_keys(sources)
        for _s, done, by, to in recent(self.told, sent, PARALLEL_SENTENCES):
            if done[:2] != code[:2] or by.key in same or by.country in same:
                continue
            return [] if to.key in same or to.country in same else [(to, "context")]
        return []

    def answered(self, sources: list[tuple[Actor, str]], sent: int) -> list[tuple[Actor, str]]:
        """Whom an act told as a response is aimed at: who did the last hostile act (root 10 or
        higher) to the source's side coded in the sentences before (``RESPONSE_SENTENCES``).
        Marked ``via = "context"``."""
        return self._hostile_party(sources, sent, either_way=False)

    def adversary(self, sources: list[tuple[Actor, str]], sent: int) -> list[tuple[Actor, str]]:
        """Whom a threat that names no one is aimed at: the other party of the last hostile act
        (root 10 or higher) between the source's side and another, either way, coded in the
        sentences before (``RESPONSE_SENTENCES``): "Rohan seized a Gondorian ship. Gondor
        condemned the seizure. ... Its minister warned of serious consequences" (Rohan).
        Marked ``via = "context"``."""
        return self._hostile_party(sources, sent, either_way=True)

    def _hostile_party(self, sources: list[tuple[Actor, str]], sent: int, *, either_way: bool) -> list[tuple[Actor, str]]:
        """The other party of the last hostile act (root 10 or higher) done to the source's
        side, or, ``either_way``, also by it, in the ``RESPONSE_SENTENCES`` before."""
        same = own_keys(sources)
        for _s, done, by, to in recent(self.told, sent, RESPONSE_SENTENCES):
            if done[:2] < "10":
                continue
            if (to.key in same or to.country in same) and by.country not in same:
                return [(by, "context")]
            if either_way and (by.key in same or by.country in same) and to.country not in same:
                return [(to, "context")]
        return []

    @classmethod
    def build(cls, mentions: Iterable[Mention], sent_of: Sequence[int]) -> ActorIndex:
        np_at: dict[int, Mention] = {}
        mods_of: dict[int, list[Mention]] = {}
        mod_at: dict[int, Mention] = {}
        ms = list(mentions)
        for m in ms:
            if m.role == "np":
                np_at.setdefault(m.head, m)
                for i in range(m.start, m.end):
                    np_at.setdefault(i, m)
            else:
                mods_of.setdefault(m.head, []).append(m)
                for i in range(m.start, m.end):
                    mod_at.setdefault(i, m)
        return cls(np_at, mods_of, ms, sent_of, mod_at)

    def span_at(self, i: int) -> tuple[int, int] | None:
        """The token span of the actor mention covering token ``i`` (a name or a modifier)."""
        m = self.np_at.get(i) or self.mod_at.get(i)
        return (m.start, m.end) if m is not None else None

    def countries(self) -> list[str]:
        """The states the article names, most named first (to rank places of the same name)."""
        counts: dict[str, int] = {}
        for m in self.mentions:
            for a in m.actors:
                if a.country and len(a.country) == 3:
                    counts[a.country] = counts.get(a.country, 0) + 1
        return sorted(counts, key=lambda c: -counts[c])

    def opponent(self, sources: list[tuple[Actor, str]], sent: int) -> list[tuple[Actor, str]]:
        """The other side of the last use of force or coercion one source took part in, coded
        in the sentences before (``CONFLICT_SENTENCES``): "Gondor attacked Rohan ... Gondor
        began a ground offensive" (against Rohan), "... Rohan retaliated with air strikes"
        (against Gondor). Marked ``via = "context"``; nothing for a group of sources."""
        if len(sources) != 1:
            return []
        who = sources[0][0]
        same = {who.key, who.country} - {None, ""}
        for _s, a, b in recent(self.conflicts, sent, CONFLICT_SENTENCES):
            if a.key in same or a.country in same:
                return [(b, "context")] if b.country not in same else []
            if b.key in same or b.country in same:
                return [(a, "context")] if a.country not in same else []
        return []

    def aggressor(self, sources: list[tuple[Actor, str]], sent: int) -> list[tuple[Actor, str]]:
        """Who did the last use of force or coercion coded in the sentences before
        (``RESPONSE_SENTENCES``), when the source is on neither side: whom a third party's
        concern or condemnation that names no one answers ("Gondor's ships rammed a Rohan boat
        ... Arnor voiced concern"). Marked ``via = "context"``."""
        same = own_keys(sources)
        for _s, a, b in recent(self.conflicts, sent, RESPONSE_SENTENCES):
            if {a.key, a.country, b.key, b.country} & same:
                return []
            return [(a, "context")]
        return []

    def judged(self, sources: list[tuple[Actor, str]], sent: int) -> list[tuple[Actor, str]]:
        """Whose deed the reactions told just before judged (criticism or rejection by another,
        ``JUDGING_ROOTS``, in the ``JUDGED_SENTENCES`` before): what a reaction in a row of
        them judges when it names nothing, or only "the move", "the decision" that no coded
        deed explains ("Rohan condemned Gondor's vote ... Arnor said the move was
        unacceptable ... Harad voiced concern": all Gondor; also after the source's own
        reaction: "... Arnor joined Rohan in criticising the move"). Not the source's own side;
        marked ``via = "context"``."""
        same = own_keys(sources)
        for _s, done, _by, to in recent(self.told, sent, JUDGED_SENTENCES):
            if done[:2] in JUDGING_ROOTS and not {to.key, to.country} & same:
                return [(to, "context")]
        return []

    def sides_of_conflict(self, sentence: Span, sent: int) -> None:
        """ "both sides", "the two parties" in this sentence are the two sides of the last use
        of force or coercion coded in the sentences before (``CONFLICT_SENTENCES``), when
        there was one: "Gondor shelled Rohan's border posts ... Arnor urged both sides to stop"
        (Gondor and Rohan, whoever was named most); so are "the two neighbours" and what
        names that pair again in the sentence ("... but both accused each other"). Coreference
        resolved them by salience alone, before any event was coded."""
        last = next(recent(self.conflicts, sent, CONFLICT_SENTENCES), None)
        if last is None:
            self._sides_of_last_act(sentence, sent)
            return
        replaced: set[frozenset[str]] = set()
        for tok in sentence:
            if tok.i not in self.np_at and tok.lemma_.lower() in SIDE_NOUNS and any(
                    c.dep_ == "det" and c.lower_ in DISTRIBUTIVE for c in tok.children):
                # "each side accused the other": the two sides, each acting on the other
                start = min(c.i for c in tok.children if c.dep_ == "det")
                self.np_at[tok.i] = Mention(start, tok.i + 1, tok.i, tuple(
                    a.with_text(sentence.doc[start: tok.i + 1].text) for a in last[1:]), "np", "coref")
                continue
            m = self.np_at.get(tok.i)
            if m is None or m.head != tok.i or m.via != "coref" or len(m.actors) != 2:
                continue
            # the side nouns; and what names the same pair again in this sentence ("the two
            # sides agreed to a truce, but both accused each other ...")
            if tok.lemma_.lower() not in SIDE_NOUNS and frozenset(a.key for a in m.actors) not in replaced:
                continue
            actors = tuple(a.with_text(m.actors[0].text) for a in last[1:])
            if {a.key for a in actors} == {a.key for a in m.actors}:
                continue
            replaced.add(frozenset(a.key for a in m.actors))
            sides = Mention(m.start, m.end, m.head, actors, m.role, m.via)
            for i in range(m.start, m.end):
                if self.np_at.get(i) is m:
                    self.np_at[i] = sides

    def _sides_of_last_act(self, sentence: Span, sent: int) -> None:
        """ "the two sides", "both parties" that coreference left unnamed (it pairs states
        only) are the two parties of the last act between two told in the
        ``SIDES_SENTENCES`` before, a body among them: "Gondor held talks with the Fund ... The
        two sides reached agreement on a loan" (Gondor and the Fund)."""
        for tok in sentence:
            if tok.i in self.np_at or tok.lemma_.lower() not in SIDE_WORDS or tok.tag_ != "NNS":
                continue
            marks = [c for c in tok.children if c.dep_ in ("det", "nummod", "predet") and c.lower_ in ("the", "two", "both")]
            if not any(c.lower_ in ("two", "both") for c in marks):
                continue
            told = next(((by, to) for _s, _code, by, to in recent(self.told, sent, SIDES_SENTENCES)
                         if by.key != to.key and (by.country or by.key) != (to.country or to.key)), None)
            if told is None:
                return
            start = min(c.i for c in marks)
            text = sentence.doc[start: tok.i + 1].text
            mention = Mention(start, tok.i + 1, tok.i, tuple(a.with_text(text) for a in told), "np", "coref")
            for i in range(start, tok.i + 1):
                self.np_at[i] = mention

    def warring(self, sources: list[tuple[Actor, str]], sent: int, disputes: bool = False) -> list[tuple[Actor, str]]:
        """The two sides of the last use of force or coercion coded in the sentences before
        (``CONFLICT_SENTENCES``), when the source is neither: whom a call for a ceasefire or
        for restraint that names no one is addressed to ("Gondor shelled Rohan's border posts
        ... Arnor called for an immediate ceasefire"). With ``disputes``, for a call for talks
        or an offer to mediate, also the two sides of a later dispute in words (an act of
        ``DISPUTE_ROOT`` or above: "Rohan accused Gondor of spying. Arnor urged dialogue").
        Marked ``via = "context"``."""
        same = own_keys(sources)
        last = next(recent(self.conflicts, sent, CONFLICT_SENTENCES), None)
        if disputes:
            told = next(((s, by, to) for s, done, by, to in recent(self.told, sent, CONFLICT_SENTENCES)
                         if done[:2] >= DISPUTE_ROOT), None)
            last = told if told is not None and (last is None or told[0] > last[0]) else last
        if last is None or any(k in same for a in last[1:] for k in (a.key, a.country)):
            return []
        return [(a, "context") for a in last[1:]]

    def pair_in_focus(self, sent: int) -> list[Actor]:
        """The two states most named up to this sentence (recent names count more)."""
        ranked = salient_states(((self.sent_of[m.start], m) for m in self.mentions), sent)
        return [actor for _, actor in ranked[:2]]


#: Nouns of "both sides", "the two parties": the sides of a conflict, not any two states.
SIDE_NOUNS = frozenset({"side", "party", "neighbour", "neighbor", "belligerent", "foe", "rival"})
#: How far back "the two sides" that coreference left unnamed (``actors.groups.SIDE_WORDS``)
#: look for the last act between two (:meth:`ActorIndex._sides_of_last_act`).
SIDES_SENTENCES = 3
#: Determiners that take the sides one at a time: "each side accused the other".
DISTRIBUTIVE = frozenset({"each", "either"})
#: Roots of a reaction to another's deed (criticism, rejection): reactions told one after
#: another judge the same deed (:meth:`ActorIndex.judged`).
JUDGING_ROOTS = frozenset({"11", "12"})
#: How many sentences back such a reaction may be.
JUDGED_SENTENCES = 4
#: The lowest root of a dispute between two sides that talks or a mediator may be asked to end
#: (disapproval, rejection, threats, protest and above; not a demand).
DISPUTE_ROOT = "11"
#: How far back the last use of force is looked for: an article's conflict is often told in
#: its first paragraph and the reactions to it (the appeals to "both sides") much later.
CONFLICT_SENTENCES = 15
#: How many sentences back the last aid's recipient receives a pledge that names none.
AID_SENTENCES = 8
#: How many sentences back an act that another "also" did may have been told.
PARALLEL_SENTENCES = 3
#: How many sentences back the act a response answers may have been told.
RESPONSE_SENTENCES = 3


def recent(rows: Sequence[tuple], sent: int, window: int) -> Iterator[tuple]:
    """Of records kept in sentence order (their first field the sentence), those of the
    ``window`` sentences before ``sent``, the latest first: what an act with no target named
    may point back to (``ActorIndex.recipient``, ``parallel``, ``answered``, ``opponent``)."""
    for row in reversed(rows):
        if sent - row[0] > window:
            return
        if sent - row[0] > 0:
            yield row


@dataclass
class Found:
    """Actors found for one argument, and how."""

    actors: list[tuple[Actor, str]]  # (actor, via)
    inherited: bool = False

    def __bool__(self) -> bool:
        return bool(self.actors)


def own_keys(sources: Iterable[tuple[Actor, str]]) -> set[str]:
    """The keys and states of the sources: what another party of their act may not be."""
    return {k for a, _ in sources for k in (a.key, a.country) if k}


def choose(candidates: list[Candidate], symmetric_codes: set[str]) -> list[Candidate]:
    """One event per source, target and 3-digit code in a sentence (either way round for
    symmetric codes): the most confident, then the most specific code."""
    best: dict[tuple, Candidate] = {}
    for c in candidates:
        tkey = c.target.key if c.target else ""
        key = (c.source.key, tkey, c.code[:3], c.negated)
        if c.code in symmetric_codes or c.code[:3] in symmetric_codes:
            key = (*sorted((c.source.key, tkey)), c.code[:3], c.negated)
        old = best.get(key)
        if old is None or (c.confidence, len(c.code)) > (old.confidence, len(old.code)):
            best[key] = c
    # a plain statement (010) is no event of its own beside what the same verb says the
    # statement was: "told Rohan it must withdraw" is a demand, not also a statement
    said = {(c.trigger.i, c.source.key, c.target.key if c.target else "") for c in best.values() if c.code != STATEMENT}
    # ... nor is what a verb of saying gives a root's plain code when the clause it says gives
    # a finer one between the same actors: "warned that it would impose sanctions if Rohan
    # ..." is one threat, of sanctions (a visit and a meeting in it are two acts)
    return sorted((c for c in best.values() if (c.code != STATEMENT or
                   (c.trigger.i, c.source.key, c.target.key if c.target else "") not in said) and not said_finer(c, best.values())),
                  key=lambda c: (c.trigger.i, c.code))


def said_finer(plain: Candidate, others: Iterable[Candidate]) -> bool:
    """Whether a speech event of a root's plain code ("130" of "warned that ...") has beside it
    an event of a finer code of that root between the same actors, from an act inside what
    was said ("would impose sanctions": 1312)."""
    if "speech" not in plain.how or plain.code[2:] != "0":
        return False
    pair = (plain.source.key, plain.target.key if plain.target else "", plain.negated)
    return any(o.code[:2] == plain.code[:2] and o.code != plain.code and o.trigger in plain.trigger.subtree
               and o.trigger.i != plain.trigger.i and (o.source.key, o.target.key if o.target else "", o.negated) == pair
               for o in others)


#: The first root of hostile acts (threats, protests, coercion, force): one named as the object
#: of a judgement has a doer of its own, not the partner of the verb before; a condition on
#: one aims it at the condition's subject (``objects.ObjectReading.conditioned``).
HOSTILE_ROOT = "13"
#: The code of a statement that says nothing more ("told Rohan ...").
STATEMENT = "010"


def official(actor: Actor, sent: Span, idx: ActorIndex) -> bool:
    """Whether an actor speaks for a state: a government or official (role GOV), or the
    state itself named by its name, capital or seat; not its people named by a demonym
    ("thousands of Israelis"), nor a group of it (students, unions)."""
    if "GOV" in (actor.role or ""):
        return True
    if actor.role or actor.kind != "country":
        return False
    named = [m for m in idx.mentions if sent.start <= m.start < sent.end
             and any(a.key == actor.key for a in m.actors)]
    return any(not m.aliases or m.aliases[0].kind != "adjective" for m in named)


def region_adjectives(sent: Span, idx: ActorIndex, event_nouns: Mapping[str, object],
                      act_nouns: Mapping[str, object]) -> set[str]:
    """The regions (the West, Europe, Latin America) the sentence names only as adjectives
    on a noun with no role and no act ("European exports"; not "European leaders",
    "Western sanctions", "Europe")."""
    named: set[str] = set()
    modifiers: set[str] = set()
    doc = sent.doc
    here = {id(m): m for i in range(sent.start, sent.end) for m in (idx.np_at.get(i), idx.mod_at.get(i)) if m}
    for m in here.values():
        if m.kind != "region":
            continue
        head = doc[m.head].lemma_.lower()
        thing = m.role != "np" and head not in event_nouns and head not in act_nouns
        for a in m.actors:
            if not a.role:
                (modifiers if thing else named).add(a.key)
    return modifiers - named


def upper_only(candidates: list[Candidate]) -> list[Candidate]:
    """Drop the events of verbs inside the complement of an earlier coded verb."""
    coded = {c.trigger.i for c in candidates if c.trigger.pos_ in ("VERB", "AUX")}

    def governed(tok: Token) -> bool:
        cur = tok
        for _ in range(6):
            if cur.dep_ not in ("xcomp", "ccomp") or cur.head.i == cur.i:
                return False
            cur = cur.head
            if cur.i in coded and cur.i < tok.i:
                return True
        return False

    return [c for c in candidates if not governed(c.trigger)]
