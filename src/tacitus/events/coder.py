"""The events stage: CAMEO events from the dependency parse, the actors and the pattern book.

For each sentence:

1. **Triggers.** Every verb whose lemma heads a verb pattern and every noun whose lemma heads
   a noun pattern is tried against those patterns (particles, light-verb objects, the
   preposition of the target, object conditions). The most specific match wins.
2. **Arguments.** The source is the clause's subject, followed through coordination,
   control ("refused to recognise": the refuser recognises), participles, relative clauses
   and passives ("was praised by X"); the target is the object or the preposition's object.
   An argument is read as a noun phrase: its own actor, else its possessor ("Russia's
   annexation"), its adjective ("Western sanctions"), or its "of"/"with" complement.
   Coordinated actors give one event each ("Kazakhstan and Uzbekistan have refused").
3. **Stance** (stance.yaml). Walking up from the trigger: intent ("pledged to", "is likely
   to", "will") turns the act into its 03x intent code; refusal ("refused to") into its 12x
   rejection; "threatened to" into 13x; negation ("not", "without") marks it negated.
   Conditionals and questions drop it. Reported speech keeps the reported act's own actors,
   and "X said Y was trying to ..." adds X accuses Y.
4. **Symmetric events** (meetings, agreements, cooperation) with no explicit target take
   the other party from a coordinated subject, else from the pair in focus.
5. **Choice.** One event per source, target and CAMEO root in a sentence (the most confident);
   an event whose source and target are the same state is dropped unless ``domestic``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Span, Token

from tacitus.actors.coref import salient_states
from tacitus.actors.mentions import Mention
from tacitus.events.matcher import Binding, Matcher, post_domain, pre_domain
from tacitus.events.patterns import Pattern, PatternBook
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

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
#: Nouns of places: an adjective on them describes the place, it is not a party ("his first
#: visit to a Western capital" is no visit to the West).
PLACE_NOUNS = frozenset({"capital", "city", "town", "village", "region", "province", "port", "border",
                         "airport", "base", "territory", "soil"})
#: Visits: a noun "X's visit" with no destination takes the other state in focus as host.
VISIT_CODES = frozenset({"042"})
#: A symmetric event among this many parties or fewer ("Cyprus, Greece and Israel signed")
#: is coded between every two of them, as the news gold's coders do (3 parties: 3 events, 4:
#: 6); among more (a summit of twenty), between the first named and each other, so that
#: one summit does not make hundreds of events.
ALL_PAIRS_MAX = 4
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
#: Prepositions whose gerund shares the main clause's subject ("after meeting X, Y ...").
TEMPORAL_PREPS = frozenset({"after", "before", "while", "since", "upon", "on", "without", "when", "by"})


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
    def rank(self) -> tuple[int, int, int, int]:
        """Most specific first (for a general pattern, by the words it matched here: of
        "&currency" and "&hypercurr", "austrian gold florin" is matched best by the second);
        then a more specific code; then an event over "no event"; then the pattern written first."""
        p = self.pattern
        specificity = p.specificity
        if self.binding is not None:
            specificity = 1 + len(self.binding.words) + sum(len(v) for v in self.binding.slots.values()) \
                + len(self.binding.prep_objects)
        return (specificity, 0 if p.is_null else len(p.code), 0 if p.is_null else 1, -p.order)


@dataclass
class ActorIndex:
    """Where the article's actors are, by token."""

    np_at: dict[int, Mention]
    mods_of: dict[int, list[Mention]]
    mentions: list[Mention]
    sent_of: Sequence[int]
    mod_at: dict[int, Mention] = field(default_factory=dict)

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

    def pair_in_focus(self, sent: int) -> list[Actor]:
        """The two states most named up to this sentence (recent names count more)."""
        ranked = salient_states(((self.sent_of[m.start], m) for m in self.mentions), sent)
        return [actor for _, actor in ranked[:2]]


@dataclass
class Found:
    """Actors found for one argument, and how."""

    actors: list[tuple[Actor, str]]  # (actor, via)
    inherited: bool = False

    def __bool__(self) -> bool:
        return bool(self.actors)


class Coder:
    """Codes the sentences of one parsed article."""

    def __init__(self, book: PatternBook, *, domestic: bool = False, monadic: bool = False) -> None:
        self.book = book
        self.domestic = domestic
        self.monadic = monadic
        st = book.stance
        w = book.stance_words
        self.intent_verbs = w("intent", "verbs")
        self.intent_adjs = w("intent", "adjectives")
        self.intent_nouns = w("intent", "nouns")
        self.intent_modals = w("intent", "modals")
        self.intent_be_to = bool(st.get("intent", {}).get("be_to", False))
        self.intent_codes: dict[str, str] = st.get("intent", {}).get("intent_codes", {})
        self.intent_default = st.get("intent", {}).get("default", "030")
        # words that are an event by themselves, with nothing codable inside ("pledged to abide")
        self.generic_intent = w("intent", "generic")
        self.generic_refusal = w("refusal", "generic")
        self.refusal_verbs = w("refusal", "verbs")
        self.refusal_adjs = w("refusal", "adjectives")
        self.refusal_codes: dict[str, str] = st.get("refusal", {}).get("refusal_codes", {})
        self.refusal_default = st.get("refusal", {}).get("default", "120")
        self.threat_verbs = w("threat", "verbs")
        self.request_verbs = w("request", "verbs")

        def table(section: str, key: str) -> dict[str, str]:
            """A word -> code table of the stance file ("demand": "100")."""
            return {str(k): str(v) for k, v in ((st.get(section) or {}).get(key) or {}).items()}

        self.request_clause_verbs = table("request", "clause_verbs")
        self.request_clause_nouns = table("request", "clause_nouns")
        self.event_nouns = w("arguments", "event_nouns")
        self.instrument_verbs = w("arguments", "instrument_verbs")
        self.place_target_roots = w("arguments", "place_target_roots")
        self.nominal_objects = w("nominal", "object_of")
        self.nominal_not_subjects = w("nominal", "not_subject_of")
        self.nominal_preps = w("nominal", "prepositions")
        self.nominal_unrealised = w("nominal", "not_happened")
        self.nominal_called_off = w("nominal", "called_off")
        self.self_codes = frozenset(str(c) for c in st.get("choice", {}).get("self_codes", []) or [])
        self.threat_codes: dict[str, str] = st.get("threat", {}).get("threat_codes", {})
        self.threat_default = st.get("threat", {}).get("default", "130")
        self.neg_words = w("negation", "words")
        self.neg_governors = w("negation", "governors")
        self.neg_wrappers = w("negation", "wrappers")
        self.cancels = w("negation", "cancels")
        self.denials = w("negation", "denials")
        self.speech_verbs = w("speech", "verbs")
        self.verbal_verbs = w("speech", "verbal_attacks")
        self.verbal_code = str((st.get("speech") or {}).get("verbal_attack_code") or "")
        acc = st.get("speech", {}).get("accusation", {})
        self.accusation_code = str(acc.get("code", "112"))
        self.accusation_verbs = frozenset(str(v) for v in acc.get("verbs", []))
        self.conditionals = w("hedges", "conditionals")
        self.possibility = w("hedges", "possibility")
        self.appeals = table("speech", "appeals")
        self.subject_negation = w("negation", "subject_words")
        # negated code -> the code its negation is coded as (empty: negated events are kept,
        # marked negated); imported dictionaries bring their own table
        self.negation_codes = table("negation", "codes")
        self._matchers = {False: Matcher(None, forms=False), True: Matcher(None, forms=True)}
        self.keep_nested = str(st.get("nesting", {}).get("keep", "both"))

    # ------------------------------------------------------------------ arguments

    def np_actors(self, tok: Token, idx: ActorIndex, depth: int = 0) -> list[tuple[Actor, str]]:
        """Actors a noun phrase names: its own; else an apposition that names it ("Ukraine's
        largest backer, the United States"); its possessor ("Russia's annexation"); its
        adjective ("Western sanctions"); a complement ("the government of France", "the attack
        on Israel", "the coup in Niger"); or the agent of a participle ("the proposal put
        forward by Egypt")."""
        m = idx.np_at.get(tok.i)
        if m is not None:
            return [(a, m.via) for a in m.actors]
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            return self.np_actors(tok.head.head, idx, depth + 1)
        if tok.lower_ == "whose" and tok.head.head.dep_ == "relcl":
            return self.np_actors(tok.head.head.head, idx, depth + 1)  # "Belarus, whose president"
        if depth > 2:
            return []
        # an apposition that is itself a name says who this is
        for child in tok.children:
            if child.dep_ == "appos" and child.i in idx.np_at:
                return self.np_actors(child, idx, depth + 1)
        possessors = [c for c in tok.children if c.dep_ == "poss"]
        # a named possessor first ("Russia's annexation"), then adjectives ("his Greek
        # counterparts" are Greek), then a possessive pronoun ("its state firm")
        for child in possessors:
            if child.pos_ != "PRON" or child.lower_ == "whose":
                found = self.np_actors(child, idx, depth + 1)
                if found:
                    return found
        mods = idx.mods_of.get(tok.i)
        if mods and not (tok.lemma_.lower() in PLACE_NOUNS and all(
                a.kind in ("region", "bloc") for mm in mods for a in mm.actors)):
            # "a Western capital" is no visit to the West; "the Ukrainian city of Kherson" is Ukraine
            return [(a, m.via) for m in mods for a in m.actors]
        # "Qasem Soleimani, head of Iran's Quds Force": the apposition says who it is
        for child in tok.children:
            if child.dep_ == "appos":
                found = self.np_actors(child, idx, depth + 1)
                if found:
                    return found
        # "the attack by Somalia", "the government of France", "ties with Kazakhstan",
        # "flights to Cuba", "the attack on Israel"; and where a thing is, for a thing that is
        # not itself an event ("an oil refinery in southern Russia", not "talks in Geneva")
        preps = ["by", "of", "with", "between", "from", "to", "against", "on"]
        lemma = tok.lemma_.lower()
        if lemma not in self.book.nouns and lemma not in self.event_nouns and tok.tag_ != "VBG":
            preps += ["in", "inside", "near"]
        for prep in preps:
            for child in tok.children:
                if child.dep_ in ("prep", "agent") and child.lower_ == prep:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = self.group(pobj, idx, depth + 1)
                            if found:
                                return found
        # a possessive pronoun after the complements: "its border with Belarus" is about Belarus,
        # "its state firm" about its state
        for child in possessors:
            if child.pos_ == "PRON":
                found = self.np_actors(child, idx, depth + 1)
                if found:
                    return found
        # "the ceasefire proposal put forward by Egypt and Qatar"
        for child in tok.children:
            if child.dep_ == "acl":
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            if pobj.dep_ == "pobj":
                                found = self.group(pobj, idx, depth + 1)
                                if found:
                                    return found
        return []

    def group(self, tok: Token, idx: ActorIndex, depth: int = 0) -> list[tuple[Actor, str]]:
        """A noun phrase and its conjuncts: "Kazakhstan and Uzbekistan" -> both.

        A list the parser read as appositions ("Evil Mordor, the awful Arnor, and good
        Gondor") counts too, when the apposition is itself a name of another actor; an
        apposition that only describes ("Ukraine, a close ally of the US") does not.
        """
        found = list(self.np_actors(tok, idx, depth))
        members = [c for c in tok.conjuncts if c.i > tok.i]
        own = idx.np_at.get(tok.i)
        is_name = own is not None and own.head == tok.i and own.via == "dictionary"
        for child in tok.children:
            if child.dep_ != "appos":
                continue
            m = idx.np_at.get(child.i)
            if is_name and m is not None and m.head == child.i and m.via == "dictionary":
                members.append(child)
            # "his Israeli counterpart, Ariel Sharon, and the Palestinian leader, Mahmoud
            # Abbas": the parser hangs the next member of the list on the apposition
            members.extend(c for c in child.conjuncts if c.i > child.i)
        for conj in members:
            for item in self.np_actors(conj, idx, depth):
                if all(item[0].key != f[0].key for f in found):
                    found.append(item)
        return found

    def subject(self, verb: Token, idx: ActorIndex, depth: int = 0) -> Found:
        """The agent of a verb, through passives, coordination, control and relative clauses."""
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            child = subjects[0]
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return Found(self.group(verb.head, idx), inherited=True)
            found = self.group(child, idx)
            for other in subjects[1:]:
                # "Lions, tigers, and Gondor welcomed": a list the parser split in two
                found += [a for a in self.group(other, idx) if all(a[0].key != f[0].key for f in found)]
            return Found(found)
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return Found(self.group(pobj, idx))
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return Found([])  # passive without "by X": the agent is not in the clause
        if depth > 4 or verb.head.i == verb.i:
            return Found([])
        head = verb.head
        dep = verb.dep_
        found = Found([])
        if dep == "conj" and head.pos_ in ("VERB", "AUX"):
            found = self.subject(head, idx, depth + 1)
        elif dep == "xcomp" or (dep == "advcl" and verb.tag_ in ("VBG", "VBN")):
            obj = next((c for c in head.children if c.dep_ == "dobj"), None) if dep == "xcomp" else None
            passive_subject = next((c for c in head.children if c.dep_ == "nsubjpass"), None) \
                if dep == "xcomp" else None
            if obj is not None and self.group(obj, idx):
                # "urged Eriador to respond": the object does what it is urged to do
                found = Found(self.group(obj, idx))
            elif passive_subject is not None:
                # "Gollum was seen to break into ...": the passive's subject breaks in
                found = Found(self.group(passive_subject, idx))
            elif head.pos_ in ("VERB", "AUX"):
                found = self.subject(head, idx, depth + 1)
            elif head.pos_ == "ADJ":  # "is likely to start", "was free to develop"
                found = self.subject(head.head, idx, depth + 1)
        elif dep == "pcomp" and head.dep_ == "prep" and head.lower_ in TEMPORAL_PREPS and \
                head.head.pos_ in ("VERB", "AUX"):
            # "After meeting Erdogan in Istanbul, Zelensky thanked Turkey": Zelensky met him
            found = self.subject(head.head, idx, depth + 1)
        elif dep == "pcomp" and head.dep_ == "prep" and head.lower_ in ("for", "of"):
            # "praised Kazakhstan for refusing", "accused Russia of using civilians as shields":
            # the object is the one who refused, who used them
            gov = head.head
            obj = next((c for c in gov.children if c.dep_ == "dobj"), None)
            if obj is not None:
                found = Found(self.group(obj, idx))
        elif dep == "acl":
            if verb.tag_ == "VBN":
                found = Found([])  # "agreements reached": passive participle, agent unknown
            else:
                found = Found(self.np_actors(head, idx))  # "Kazakhstan's readiness to expand"
                if not found and verb.tag_ == "VBG" and head.dep_ == "dobj" and head.head.pos_ == "VERB" \
                        and head.head.lemma_.lower() in self.instrument_verbs:
                    # "Iran launched missiles targeting US troops": the weapon's user acts
                    found = self.subject(head.head, idx, depth + 1)
        elif dep == "relcl":
            found = Found(self.group(head, idx))
        elif dep == "acomp" or dep == "ccomp" and head.pos_ == "AUX":
            found = self.subject(head, idx, depth + 1)
        found.inherited = True
        return found

    def _preps(self, tok: Token, preps: frozenset[str]) -> list[Token]:
        """Objects of the given prepositions under a token (the target's noun)."""
        out = []
        for child in tok.children:
            if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
                out.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
            elif child.dep_ in ("prt", "advmod") and child.lower_ in preps:
                # "pulled troops out of": prt then prep
                for sub in child.children:
                    if sub.dep_ == "prep" and sub.lower_ in preps:
                        out.extend(c for c in sub.children if c.dep_ == "pobj")
        return out

    # ------------------------------------------------------------------ matching

    def _object(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    return verb.head  # "the missiles that North Korea sent to Russia"
                if child.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") or child.like_num:
                    # "provided $300 million in military aid": what was provided is the aid
                    for prep in child.children:
                        if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "worth"):
                            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                            if pobj is not None:
                                return pobj
                return child
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return verb.head  # "agreements reached in ...", "sanctions imposed on ..."
        return None

    def _has_mods(self, noun: Token, mods: tuple[frozenset[str], ...]) -> bool:
        words = {c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
        words |= {c.lower_ for c in noun.children}
        return all(words & m for m in mods)

    def match_verb(self, verb: Token, idx: ActorIndex) -> list[Hit]:
        """Patterns that match a verb, each with what it found (object, target tokens, slots)."""
        keys = {verb.lemma_.lower(), verb.lower_}
        patterns = {id(p): p for k in keys for p in self.book.verbs.get(k, ())}
        if not patterns:
            return []
        particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
        obj = self._object(verb)
        out: list[Hit] = []
        domains: tuple[list[Token], list[Token]] | None = None
        for p in patterns.values():
            if p.setting("match") == "forms" and verb.lower_ not in p.head:
                continue
            if p.general:
                if domains is None:
                    domains = (pre_domain(verb), post_domain(verb))
                matcher = self._matchers[p.setting("match") == "forms"]
                matcher.actor_span = idx.span_at
                binding = matcher.match(p, verb, *domains)
                if binding is None:
                    continue
                if p.object_kind and not self._object_ok(p, obj, idx):
                    continue
                if "group" in binding.slots and any(e.kind == "group" for e in p.before) \
                        and len(self.subject(verb, idx).actors) < 2:
                    continue  # "% *meet" needs a group: "Sunak met with Macron" is "meet with"'s
                out.append(Hit(p, obj, list(binding.prep_objects), binding))
                continue
            if any(pt not in particles for pt in p.particles):
                continue
            targets: list[Token] = []
            if p.objects:
                if obj is None or obj.lemma_.lower() not in p.objects or not self._has_mods(obj, p.object_mods):
                    continue
                if p.preps:
                    targets = self._preps(verb, p.preps) + self._preps(obj, p.preps)
                    if not targets:
                        continue
            elif p.preps:
                targets = self._preps(verb, p.preps)
                if not targets and obj is not None:
                    # "voiced concern at X" parsed under the noun; not a "from" of the noun's own
                    # ("demanded Russia's withdrawal from Ukraine": Ukraine is not asked)
                    targets = self._preps(obj, p.preps - {"from"})
                if not targets:
                    continue
            else:
                # the object, and an indirect object: "lend Vietnam $2 billion"
                targets = [c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON")]
                if obj is not None:
                    targets.insert(0, obj)
            if p.object_kind and not self._object_ok(p, obj, idx):
                continue
            out.append(Hit(p, obj, targets, None))
        return out

    def _object_ok(self, p: Pattern, obj: Token | None, idx: ActorIndex) -> bool:
        if p.object_kind == "none":
            return obj is None  # "Egypt and Greece met in Cairo", not "... met the deadline"
        # the object names an actor itself, by an adjective ("her Chinese counterpart") or by an
        # apposition ("her counterpart, Wang Yi"); not by a complement ("the deal with Iran")
        is_actor = obj is not None and (obj.i in idx.np_at or obj.i in idx.mods_of or any(
            c.dep_ == "appos" and c.i in idx.np_at for c in obj.children))
        if (p.object_kind == "actor") != is_actor:
            return False
        return not (p.object_kind == "thing" and obj is None)

    def match_noun(self, noun: Token) -> list[tuple[Pattern, list[Token]]]:
        patterns = self.book.nouns.get(noun.lemma_.lower())
        if not patterns:
            return []
        out = []
        for p in patterns:
            if not self._has_mods(noun, p.object_mods):
                continue
            targets: list[Token] = []
            if p.preps:
                targets = self._preps(noun, p.preps)
                if not targets:
                    continue
            out.append((p, targets))
        return out

    # ------------------------------------------------------------------ stance

    def _negated(self, tok: Token) -> bool:
        def negates(c: Token) -> bool:
            return c.dep_ == "neg" or (c.lower_ in self.neg_words and c.dep_ in ("neg", "advmod", "det", "preconj", "cc"))

        if any(negates(c) for c in tok.children):
            return True
        # "Neither Hungary nor Slovakia will send weapons": the subject's "neither" negates
        for subj in (c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")):
            if any(g.lower_ in self.subject_negation and g.i < subj.i for g in subj.children):
                return True
        # "did not even ever clash": the parser may hang "not" on an adverb of the verb
        if any(negates(g) for c in tok.children if c.dep_ == "advmod" and c.i < tok.i for g in c.children):
            return True
        if tok.dep_ == "conj" and any(c.lower_ == "nor" for c in tok.head.children if c.dep_ == "cc"):
            return True  # "neither backing Moscow nor joining ...": "nor" hangs on the first verb
        head = tok.head
        if tok.dep_ in ("pcomp", "pobj") and head.lower_ in self.neg_governors:
            return True
        return False

    def _hedged(self, tok: Token) -> bool:
        """Under "if"/"unless", or under a modal of possibility or obligation ("could invade",
        "should lift", "Should China attack, ..."): the act is not reported as happening."""
        cur = tok
        for _ in range(6):
            if any(c.dep_ == "mark" and c.lower_ in self.conditionals for c in cur.children):
                return True
            if any(c.dep_ == "aux" and c.lower_ in self.possibility for c in cur.children):
                return True
            if cur.head.i == cur.i or cur.dep_ in ("ccomp", "parataxis", "relcl", "advcl") and \
                    any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
                break  # the clause of a speech verb or another clause: its own modals only
            cur = cur.head
        return False

    @staticmethod
    def _description(tok: Token) -> bool:
        """A verb in the present tense in a relative clause describes its antecedent, it does
        not report news: "Turkey, which occupies northern Cyprus, ..."."""
        if tok.dep_ != "relcl":
            return False
        if tok.tag_ in ("VBZ", "VBP"):
            return not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
        # "Northern Cyprus, which is recognised only by Turkey": a present passive describes
        # too; "which is being shelled" (progressive) and "which was occupied" report
        aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        return tok.tag_ == "VBN" and len(aux) == 1 and aux[0].dep_ == "auxpass" and aux[0].tag_ in ("VBZ", "VBP")

    def stance(self, trigger: Token) -> tuple[str | None, Token | None, bool, bool, bool]:
        """Walk up from a trigger: (wrapper kind, wrapper token, negated, possible, reported)."""
        kind: str | None = None
        wrapper: Token | None = None
        negated = self._negated(trigger)
        possible = False
        reported = False
        cur = trigger
        for _ in range(8):
            for c in cur.children:
                if c.dep_ == "aux" and c.lower_ in self.intent_modals and kind is None:
                    kind, wrapper = "modal", c
                if c.dep_ == "aux" and c.lower_ in self.possibility:
                    possible = True
            dep = cur.dep_
            head = cur.head
            if head.i == cur.i:
                break
            if dep == "conj":
                if any(c.dep_ in ("aux", "nsubj", "nsubjpass") for c in cur.children):
                    break  # "have refused ... and have pledged": a new clause
                cur = head
                continue
            if self._request_clause(cur) is not None:
                kind, wrapper = "request", head  # "demanded that Israel withdraw": asked, not done
                break
            if dep in ("xcomp", "acl", "pcomp", "acomp"):
                lemma = head.lemma_.lower()
                if dep == "pcomp" and head.dep_ == "prep":
                    if head.lower_ in self.neg_governors:
                        negated = True
                    break
                if lemma in self.neg_wrappers:
                    negated = True  # "failed to agree", "was unable to negotiate": it did not happen
                elif head.pos_ in ("VERB", "AUX") and lemma in self.refusal_verbs:
                    kind, wrapper = "refusal", head
                elif head.pos_ == "ADJ" and lemma in self.refusal_adjs:
                    kind, wrapper = "refusal", head
                elif head.pos_ in ("VERB", "AUX") and lemma in self.threat_verbs:
                    kind, wrapper = "threat", head
                elif head.pos_ in ("VERB", "AUX") and lemma in self.intent_verbs:
                    kind, wrapper = "intent", head
                elif (head.pos_ == "ADJ" or head.tag_ == "VBN") and lemma in self.intent_adjs:
                    kind, wrapper = "intent", head  # "is likely to", "is set to" (a participle)
                elif lemma == "be" and dep == "xcomp" and self.intent_be_to and any(
                        c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
                    kind, wrapper = "intent", head  # "Straw is to visit Thailand": planned
                elif head.pos_ in ("VERB", "AUX") and lemma in self.request_verbs and dep == "xcomp":
                    kind, wrapper = "request", head  # "invited Macron to visit": not done, asked
                    break
                elif head.pos_ == "NOUN" and lemma in self.intent_nouns:
                    kind, wrapper = "intent", head
                if self._negated(head):
                    negated = True
                cur = head
                continue
            if dep == "ccomp" and head.lemma_.lower() in self.denials:
                negated = True  # "denied that it plans to invade": the denied act is not asserted
            if dep == "ccomp" and head.lemma_.lower() in self.speech_verbs:
                reported = True
            break
        return kind, wrapper, negated, possible, reported

    def _request_clause(self, comp: Token) -> tuple[str, Token] | None:
        """When ``comp`` is the clause of an act asked for, (the asking's code, the asking
        word): the "that"-clause of a demanding verb ("demanded that Israel withdraw"), or a
        clause after a demanding noun that is its verb's object ("reiterated its demand that
        Israel ease ...", "renewed its call for Ukraine to withdraw": spaCy hangs the clause
        on the verb)."""
        head = comp.head
        if head.i == comp.i:
            return None
        marks = {c.lower_ for c in comp.children if c.dep_ == "mark"}
        if head.pos_ == "NOUN" and head.lemma_.lower() in self.request_clause_nouns and head.i < comp.i \
                and comp.pos_ in ("VERB", "AUX") and comp.tag_ not in ("VBG", "VBN") and (comp.dep_ in ("acl", "ccomp") or (
                    comp.dep_ in ("relcl", "advcl") and marks & {"that", "for"})):
            return self.request_clause_nouns[head.lemma_.lower()], head  # "Russia's demand that NATO withdraw"
        if head.pos_ not in ("VERB", "AUX"):
            return None
        if comp.dep_ == "ccomp" and head.lemma_.lower() in self.request_clause_verbs:
            return self.request_clause_verbs[head.lemma_.lower()], head
        if comp.dep_ == "ccomp" or (comp.dep_ == "advcl" and "for" in marks):
            for obj in head.children:
                if obj.dep_ == "dobj" and obj.i < comp.i and obj.lemma_.lower() in self.request_clause_nouns:
                    return self.request_clause_nouns[obj.lemma_.lower()], obj
        return None

    def transform(self, code: str, kind: str | None) -> str:
        """The code of an act under a wrapper: its intent, refusal or threat code. The tables
        are keyed by root, and by code where a code has its own ("045" mediate -> "039" intent
        to mediate, "072" military aid -> "0332"); the code itself is looked up first."""
        root = code[:2]

        def look(table: dict[str, str], default: str) -> str:
            return table.get(code, table.get(code[:3], table.get(root, default)))

        if kind == "refusal":
            return look(self.refusal_codes, self.refusal_default)
        if kind == "threat":
            return look(self.threat_codes, self.threat_default)
        if kind == "intent":
            return look(self.intent_codes, code if root == "03" else self.intent_default) \
                if int(root) <= 9 else look(self.threat_codes, self.threat_default)
        if kind == "modal":
            if int(root) <= 9:
                return look(self.intent_codes, code if root == "03" else self.intent_default)
            if int(root) >= 15:
                return look(self.threat_codes, self.threat_default)
        return code

    def _speech_event(self, trigger: Token, comp: Token, idx: ActorIndex, code: str, pattern: str, *,
                      speaker: Found | None = None, negated: bool | None = None,
                      minus: float = 0.0) -> list[Candidate]:
        """From the speaker (by default the subject of ``trigger``) to the subject of the
        clause ``comp``: an appeal ("said Y should ..."), a demand ("demanded that Y ...")."""
        subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return []
        addressee = self.group(subj, idx)
        speaker = self.subject(trigger, idx) if speaker is None else speaker
        negated = self._negated(trigger) if negated is None else negated
        conf = DIRECT - (INHERITED if speaker.inherited else 0) - minus
        return [Candidate(code, s, t, trigger, pattern, conf - penalty, negated,
                          how=("speech", *(("inherited",) if speaker.inherited else ()), *how))
                for s, t, penalty, how in self._pairs(speaker.actors, addressee, False, idx, 0)]

    # ------------------------------------------------------------------ the sentence

    def code_sentence(self, sent: Span, idx: ActorIndex, sent_index: int) -> list[Candidate]:
        """All candidate events of one sentence, before the sentence-level choice."""
        if sent.text.rstrip().rstrip("\u201d\"'").endswith("?"):
            return []  # a question reports nothing as having happened
        out: list[Candidate] = []
        wrapped_triggers: set[int] = set()
        for tok in sent:
            # a noun with a subject or an object is a verb the tagger missed, as in headlines
            # ("Cairo summit denounces Turkish-Libyan agreement")
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and (
                    tok.tag_ == "VBG" or any(c.dep_ in ("dobj", "nsubj") for c in tok.children))):
                hits = self.match_verb(tok, idx)
                if hits and tok.lemma_.lower() in self.generic_intent and any(
                        c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in tok.children):
                    hits = []  # "agreed with Italy to push forward with plans": an intent, coded below
                if hits:
                    best = max(hits, key=lambda h: h.rank)
                    if not best.pattern.is_null:
                        out.extend(self._verb_events(tok, best, idx, sent_index, wrapped_triggers))
            if tok.pos_ in ("NOUN", "PROPN"):
                matches_n = self.match_noun(tok)
                if matches_n:
                    best = max(p.specificity for p, _ in matches_n)
                    for p, targets in matches_n:
                        if p.specificity == best:
                            out.extend(self._noun_events(tok, p, targets, idx, sent_index, wrapped_triggers))
        # a noun event that is the object of a coded verb is what that verb is about, not a
        # new event: "refused to recognise Russia's annexation of ..." codes the refusal only
        verb_objects: set[int] = set()
        nouns = {c.trigger.i: c for c in out if c.trigger.pos_ in ("NOUN", "PROPN")}
        for c in out:
            if c.trigger.pos_ in ("VERB", "AUX"):
                objs = {ch.i for ch in c.trigger.children if ch.dep_ in ("dobj", "nsubjpass")}
                for i in objs:
                    # "launched a drone attack on Ukraine": the noun's 195 is more specific
                    # than the verb's 190 of the same root
                    noun = nouns.get(i)
                    if noun is not None and noun.code[:2] == c.code[:2] and noun.code != c.code \
                            and c.code[2:] == "0":
                        c.code = noun.code
                verb_objects |= objs
                verb_objects |= set(c.targets)  # "withdrew from a treaty with Iran"
        out = [c for c in out if c.trigger.i not in verb_objects]
        if self.keep_nested == "upper":
            out = self._upper_only(out)
        out.extend(self._wrapper_events(sent, idx, sent_index, wrapped_triggers))
        out = [c for c in out if not self._hedged(c.trigger) and not self._description(c.trigger)]
        out.extend(self._accusations(sent, idx))
        # an actor acting on itself says nothing about a relation: kept only for the codes
        # that allow it (``choice.self_codes``); other actors of one state need ``domestic``
        return [c for c in out if c.target is None or c.source.code != c.target.code
                or c.code in self.self_codes or c.code[:3] in self.self_codes]

    def _mutual(self, symmetric: bool, targets: list, target: Actor | None, code: str) -> bool:
        """Whether a pair from a group ("Both sides agreed to begin talks") is also coded the
        other way round: a mutual act became each party's intent (036), which has a direction,
        and each of them expresses it."""
        return symmetric and not targets and target is not None and \
            code not in self.book.symmetric_codes and code[:3] not in self.book.symmetric_codes

    @staticmethod
    def _upper_only(candidates: list[Candidate]) -> list[Candidate]:
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

    def _pairs(self, sources: list[tuple[Actor, str]], targets: list[tuple[Actor, str]],
               symmetric: bool, idx: ActorIndex, sent_index: int,
               partner: bool = True, has_phrase: bool = True) -> list[Pair]:
        """Source/target pairs, with the confidence penalty of how they were found.

        ``partner``: an event with no party named may take the two states in focus (the
        caller allows it only for agentless passives of light verbs, and not when the target
        slot holds a phrase that names no actor: "Yugansk was sold to a shell company").
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
            return Pair(s[0], t[0] if t else None, COREF * sum(x.startswith("coref") for x in how), tuple(how))

        out: list[Pair] = []
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
            # ("Russia has signed the Charter" names no other party).
            pair = idx.pair_in_focus(sent_index)
            if len(pair) == 2 and not sources and partner:
                return [Pair(pair[0], pair[1], CONTEXT_PAIR, ("context-pair",))]
        if self.monadic and has_phrase:
            return [Pair(s[0], None, make(s, None).penalty, ("monadic", *make(s, None).how)) for s in sources]
        return []

    def _verb_events(self, verb: Token, hit: Hit, idx: ActorIndex, sent_index: int,
                     wrapped: set[int]) -> list[Candidate]:
        p, obj, targets = hit.pattern, hit.obj, hit.targets
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or \
            (verb.dep_ == "acl" and verb.tag_ == "VBN")
        group: list[tuple[Actor, str]] = []
        if hit.binding is not None:
            src, tgt, group = self._general_arguments(verb, hit, idx, passive)
        elif passive and not p.objects:
            # "Kazakhstan was praised by France": the subject is the target
            src = Found(self._agent(verb, idx))
            tgt = self.group(obj, idx) if obj is not None and not p.preps else []
            if p.preps:
                tgt = [a for t in targets for a in self.group(t, idx)]
        else:
            src = self.subject(verb, idx)
            tgt = [a for t in targets for a in self.group(t, idx)] if (p.preps or not p.objects) else []
        if not src and "between" in p.preps and len(tgt) >= 2 and p.symmetric:
            # "an agreement signed between Turkey and Libya"; not "a deal brokered between ...",
            # whose source is the unnamed mediator
            src, tgt = Found(tgt), []  # every two of them (ALL_PAIRS_MAX)
        elif p.symmetric and passive and not src:
            # "talks were held in Riyadh between US and Russian delegations": the parties
            between = [a for t in self._preps(verb, frozenset({"between"})) +
                       (self._preps(obj, frozenset({"between"})) if obj is not None else [])
                       for a in self.group(t, idx)]
            if len(between) >= 2:
                src, tgt = Found(between), []
        if src and not tgt and not p.preps and p.code[:2] in self.place_target_roots and obj is not None \
                and obj.pos_ in ("NOUN", "PRON"):
            # "Israeli troops killed 30 people in Gaza": the victims, named by no actor, are
            # in a place that names one
            own = {a.key for a, _ in src.actors}
            tgt = [a for t in self._preps(verb, frozenset({"in", "inside"})) for a in self.group(t, idx)
                   if a[0].key not in own]
        src_keys = {a.key for a, _ in src.actors}
        if src and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and \
                all(t[0].key in src_keys for t in tgt) and \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and \
                not any(c.dep_ == "prep" and c.lower_ in ("with", "to", "on", "against") for c in verb.children):
            # "met Albanese in Canberra and signed agreements", "protested to China and
            # demanded the release of its fishermen": the other party of the first verb
            tgt = [a for a in self._clause_targets(verb.head, idx) if a[0].key not in src_keys] or tgt
        kind, wrapper, negated, possible, reported = self.stance(verb)
        if kind == "request":
            return []  # the act asked for is the request's content, coded with the request
        code = self.transform(p.code, kind)
        if self.verbal_code and verb.lemma_.lower() in self.verbal_verbs and any(
                c.dep_ in ("advcl", "xcomp", "conj") and c.tag_ == "VBG" and c.lemma_.lower() in self.speech_verbs
                for c in verb.children):
            code = self.verbal_code  # "Mbeki attacked British imperialists, saying ...": words
        if kind in ("intent", "refusal", "threat") and wrapper is not None:
            wrapped.add(wrapper.i)
        symmetric = p.symmetric and kind not in ("refusal", "threat")
        if group:
            return self._group_events(code, group, verb, p, negated, possible, reported)
        if not src and (not passive or self._unresolved_subject(verb)) and hit.binding is None:
            # only an agentless passive ("agreements were signed") takes its parties from the
            # context; "I met with my family" or an active verb whose subject was not found
            # names nobody
            return []
        conf = DIRECT - (INHERITED if src.inherited else 0) - (POSSIBLE if possible else 0) \
            - (REPORTED if reported else 0)
        out = []
        slot_filled = bool(targets) and (bool(p.preps) or not p.objects)
        context_ok = passive and bool(p.objects) and not slot_filled and hit.binding is None
        code, negated = self.negate(code, negated)
        has_phrase = p.setting("default_target") != "first_actor" or any(
            t.dep_ in ("dobj", "pobj", "dative", "attr") and t.pos_ in ("NOUN", "PROPN", "PRON")
            and t.ent_type_ not in ("DATE", "TIME") for t in post_domain(verb))
        base_how = ["verb", "general" if p.general else "simple"]
        base_how += ["bare"] if p.specificity <= 1 else []
        base_how += ["inherited"] if src.inherited else []
        base_how += ["possible"] if possible else []
        base_how += ["reported"] if reported else []
        base_how += ["stance"] if kind else []
        base_how += ["passive"] if passive else []
        for s, t, penalty, how in self._pairs(src.actors, tgt, symmetric, idx, sent_index, partner=context_ok,
                                              has_phrase=has_phrase):
            notes = [f"stance={kind}"] if kind else []
            out.append(Candidate(code, s, t, verb, p.id, conf - penalty, negated, notes, tuple(x.i for x in targets),
                                 how=(*base_how, *how)))
            if self._mutual(symmetric, tgt, t, code):
                out.append(Candidate(code, t, s, verb, p.id, conf - penalty, negated, [*notes, "mutual"],
                                     tuple(x.i for x in targets), how=(*base_how, *how)))
            if p.reciprocal and t is not None:
                back, back_negated = self.negate(p.reciprocal, negated) if negated else (p.reciprocal, False)
                out.append(Candidate(back, t, s, verb, p.id, conf - penalty, back_negated,
                                     [*notes, "reciprocal"], tuple(x.i for x in targets),
                                     how=(*base_how, *how, "reciprocal")))
        return out

    def _clause_targets(self, verb: Token, idx: ActorIndex) -> list[tuple[Actor, str]]:
        """Who a verb acts on: its object, else the object of its with/to/on/against/at phrase."""
        obj = self._object(verb)
        if obj is not None and obj.dep_ == "dobj":
            found = self.group(obj, idx)
            if found:
                return found
        return [a for t in self._preps(verb, frozenset({"with", "to", "on", "against", "at"}))
                for a in self.group(t, idx)]

    def negate(self, code: str, negated: bool) -> tuple[str, bool]:
        """A negated act, recoded where the stance rules say what its negation is
        (``negation.codes``: "did not clash" is no conflict but cooperation in some
        codebooks); otherwise kept, marked negated."""
        if negated and code in self.negation_codes:
            return self.negation_codes[code], False
        return code, negated

    def _agent(self, verb: Token, idx: ActorIndex) -> list[tuple[Actor, str]]:
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self.group(pobj, idx)
        return []

    def _slot(self, tok: Token, idx: ActorIndex) -> list[tuple[Actor, str]]:
        """The actors of a slot: the whole coordinated phrase its mention belongs to."""
        m = idx.np_at.get(tok.i)
        if m is None:
            mod = idx.mod_at.get(tok.i)
            if mod is None:
                return []
            # "Eriadori and Calenardhon leaders": every name that modifies the same noun
            return [(a, x.via) for x in idx.mods_of.get(mod.head, [mod]) for a in x.actors]
        head = tok.doc[m.head]
        if head.dep_ == "poss" and head.head.i in idx.np_at:
            head = head.head  # "Ithilen's president": the president, not Ithilen
        while head.dep_ == "conj" and head.head.i != head.i and head.head.i < head.i:
            head = head.head
        return self.group(head, idx)

    def _first_actor(self, verb: Token, idx: ActorIndex, exclude: set[str]) -> list[tuple[Actor, str]]:
        """The first actor named among the verb's complements (PETRARCH's default target),
        other than the actors (by code) in ``exclude``."""
        for tok in post_domain(verb, targets=True):
            if idx.span_at(tok.i) is not None:
                found = [a for a in self._slot(tok, idx) if a[0].code not in exclude]
                if found:
                    return found
        return []

    def _general_arguments(self, verb: Token, hit: Hit, idx: ActorIndex,
                           passive: bool) -> tuple[Found, list[tuple[Actor, str]], list[tuple[Actor, str]]]:
        """Source, target and group of a general pattern: its slots first, then the file's rules."""
        p, binding = hit.pattern, hit.binding
        assert binding is not None
        slots = binding.slots
        before = {i for e in p.before for i in e.slots()}
        group: list[tuple[Actor, str]] = []
        if "group" in slots:
            group = self.subject(verb, idx).actors if "group" in before else \
                [a for t in slots["group"] for a in self._slot(t, idx)]
        src = Found([])
        tgt: list[tuple[Actor, str]] = []
        subject_is_target = "target" in before
        if "source" in slots:
            src = self.subject(verb, idx) if "source" in before and not passive else \
                Found([a for t in slots["source"] for a in self._slot(t, idx)])
        if "target" in slots:
            tgt = [a for t in slots["target"] for a in self._slot(t, idx)]
            if subject_is_target:
                subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    tgt = self.group(subj, idx)
        if passive and not tgt and "target" not in slots:
            subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            tgt = self.group(subj, idx) if subj is not None else []
        if not src and "source" not in slots:
            if passive or subject_is_target:
                src = Found(self._agent(verb, idx))
                if not src and p.setting("passive_source") == "first_actor":
                    src = Found(self._first_actor(verb, idx, {a.code for a, _ in tgt}))
            else:
                src = self.subject(verb, idx)
        if not tgt and "target" not in slots and not passive:
            if hit.targets:
                tgt = [a for t in hit.targets for a in self.group(t, idx)]
            elif p.setting("default_target") == "first_actor":
                tgt = self._first_actor(verb, idx, {a.code for a, _ in src.actors})
            else:
                objs = [c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON")]
                if hit.obj is not None:
                    objs.insert(0, hit.obj)
                tgt = [a for t in objs for a in self.group(t, idx)]
        return src, tgt, group

    def _group_events(self, code: str, group: list[tuple[Actor, str]], verb: Token, p: Pattern,
                      negated: bool, possible: bool, reported: bool) -> list[Candidate]:
        """"Gondor and Osgiliath postponed their meeting": each member acts on each other."""
        code, negated = self.negate(code, negated)
        conf = DIRECT - (POSSIBLE if possible else 0) - (REPORTED if reported else 0)
        out = []
        for s, _ in group:
            for t, _ in group:
                if s.key != t.key:
                    out.append(Candidate(code, s, t, verb, p.id, conf, negated, ["group"],
                                         how=("verb", "general" if p.general else "simple", "group")))
        return out

    def _unresolved_subject(self, verb: Token) -> bool:
        """The clause has a pronoun subject (or agent) that names no actor."""
        cur = verb
        for _ in range(4):
            for child in cur.children:
                if child.dep_ in ("nsubj", "nsubjpass", "agent"):
                    head = child
                    if child.dep_ == "agent":
                        head = next((c for c in child.children if c.dep_ == "pobj"), child)
                    if head.pos_ == "PRON" and head.lower_ not in RELATIVE_PRONOUNS:
                        return True
                    if child.dep_ != "nsubjpass":
                        return False
            if cur.dep_ not in ("conj", "xcomp", "advcl") or cur.head.i == cur.i:
                return False
            cur = cur.head
        return False

    def _reported_happening(self, noun: Token) -> bool:
        """Whether the sentence reports a noun event happening, not merely mentioning it.

        "announced sanctions against Iran", "opened a visit to Africa", "talks were held",
        "in talks with", a headline: yes. "details emerged about Trump's call with Zelensky",
        "during a 2018 trip to France", "the embargo is likely to be lifted": no (the event
        is a reference, told elsewhere or not at all). The verbs and prepositions are in
        ``stance.yaml`` (``nominal``).
        """
        if not self.nominal_objects:
            return True  # no rule given: every noun event counts
        cur = noun
        while cur.dep_ in ("conj", "appos", "compound") and cur.head.i != cur.i:
            cur = cur.head
        dep, head = cur.dep_, cur.head
        if dep == "ROOT" or head.i == cur.i:
            return True  # a headline or a fragment: "US troop withdrawal from Syria"
        lemma = head.lemma_.lower()
        if dep in ("dobj", "nsubjpass", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
            return lemma in self.nominal_objects
        if dep == "nsubj" and head.pos_ in ("VERB", "AUX"):
            if lemma not in self.nominal_not_subjects:
                return True
            # "Mr. Tokayev's visit is part of ...": an actor's own event, described as a fact,
            # has happened; "the visit will be short" and "the embargo is likely ..." have not
            described = [c for c in head.children if c.dep_ in ("attr", "acomp")]
            return (any(c.dep_ == "poss" and c.pos_ in ("PROPN", "PRON") for c in cur.children)
                    and head.tag_ in ("VBZ", "VBD", "VBP")
                    and not any(c.dep_ in ("aux", "xcomp") for c in head.children)
                    and not any(c.dep_ == "xcomp" for d in described for c in d.children))
        if dep == "pobj" and head.dep_ in ("prep", "agent"):
            return head.lower_ in self.nominal_preps and head.head.pos_ in ("VERB", "AUX")
        return dep in ("xcomp", "ccomp", "advcl") or (head.pos_ in ("NOUN", "PROPN") and head.dep_ == "ROOT")

    def _noun_events(self, noun: Token, p: Pattern, targets: list[Token], idx: ActorIndex,
                     sent_index: int, wrapped: set[int] | None = None) -> list[Candidate]:
        if not self._reported_happening(noun):
            return []
        sources: list[tuple[Actor, str]] = []
        tgt = [a for t in targets for a in self.group(t, idx)]
        for child in noun.children:
            if child.dep_ == "poss":
                sources = self.group(child, idx)
        if sources and not tgt and p.code in VISIT_CODES:
            # "Mr Straw's China trip": with the visitor named as the possessor, the place
            # named before the noun is where the visit goes
            own = {a.key for a, _ in sources}
            named = [(a, m.via) for m in idx.mods_of.get(noun.i, ()) for a in m.actors]
            named += [a for c in noun.children if c.dep_ == "compound" and c.i < noun.i
                      for a in self.np_actors(c, idx)]
            tgt = [a for a in named if a[0].key not in own]
        if not sources and noun.i in idx.mods_of:
            # "Western sanctions" names who sanctions; "the Lisbon summit", "the Minsk accords"
            # name where, not who
            sources = [(a, m.via) for m in idx.mods_of[noun.i] for a in m.actors
                       if not (m.aliases and m.aliases[0].kind == "capital")]
        if not sources:
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == "by":
                    sources = [a for c in child.children if c.dep_ == "pobj" for a in self.group(c, idx)]
        if not sources and p.preps and "of" not in p.preps and tgt:
            # "the visit of Uzbek President Mirziyoyev to Kazakhstan": "of" says who visits
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    sources = [a for c in child.children if c.dep_ == "pobj" for a in self.group(c, idx)]
        inherited = False
        if not sources and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
            # "Biden announced sanctions against two Russian banks"
            found = self.subject(noun.head, idx)
            sources, inherited = found.actors, True
        if not sources and noun.dep_ == "pobj" and noun.head.dep_ == "prep" \
                and noun.head.head.pos_ in ("VERB", "AUX") and noun.head.lower_ not in ("of",):
            found = self.subject(noun.head.head, idx)
            sources, inherited = found.actors, True
        if not tgt and not p.preps:
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ in ("with", "between", "of", "to", "against", "on"):
                    tgt = [a for c in child.children if c.dep_ == "pobj" for a in self.group(c, idx)]
                    if tgt:
                        break
        if p.preps and "between" in p.preps and len(tgt) >= 2 and (not sources or inherited):
            # "announced deals between Israel and Bahrain": the parties are the two named, not
            # whoever announced, welcomed or brokered them
            sources, tgt, inherited = (tgt, [], False) if p.symmetric else (tgt[:1], tgt[1:2], False)
        if len(sources) >= 2 and not tgt and p.symmetric:
            pass  # "Franco-Kazakh cooperation": _pairs makes the pair
        negated = self._negated(noun)
        code, kind = p.code, None
        # only for the object of a verb: "abide by Western sanctions" does not make the
        # sanctions intended, but "expand cooperation" makes the cooperation what is intended
        gov = noun.head if noun.dep_ in ("dobj", "nsubjpass") else None
        if gov is not None and gov.pos_ in ("VERB", "AUX"):
            # "ready to expand cooperation with France": the verb's stance applies to the noun;
            # so does the verb itself when it is one of intent or refusal ("vowed support for")
            kind, wrapper, gov_negated, _, _ = self.stance(gov)
            if kind in ("intent", "refusal", "threat") and wrapper is not None and wrapped is not None:
                wrapped.add(wrapper.i)  # "refused to attend talks with": the refusal is coded here
            if kind == "request":
                return []
            lemma = gov.lemma_.lower()
            if lemma in self.cancels and (lemma != "call" or any(c.lower_ == "off" for c in gov.children)):
                negated = True  # "cancelled a meeting with", "called off the talks"
            if lemma in self.intent_verbs:
                kind = "intent"
                if wrapped is not None:
                    wrapped.add(gov.i)
            elif lemma in self.refusal_verbs:
                kind = "refusal"
                if wrapped is not None:
                    wrapped.add(gov.i)
            negated = negated or gov_negated
            code = self.transform(p.code, kind)
        if kind is None and any(c.dep_ in ("amod", "compound") and c.lower_ in self.nominal_unrealised
                                for c in noun.children):
            # "announced Xi's upcoming visit to Moscow": reported, but not happened yet; an
            # intent ("Trump's planned trip" in a phrase that only mentions it is not coded)
            kind = "intent"
            code = self.transform(p.code, kind)
        if any(c.dep_ in ("amod", "compound") and c.lower_ in self.nominal_called_off for c in noun.children):
            negated = True  # "the cancelled visit to Warsaw"
        conf = DIRECT - NOMINAL - (INHERITED if inherited else 0)
        symmetric = p.symmetric and kind not in ("refusal", "threat")
        out = []
        if not sources and not tgt:
            return []  # "during the visit", "the signing of the bill": no party named at all
        if not tgt and len(sources) < 2:
            # a noun event names its other party, or it has none we can trust; except a visit
            # that is what the clause is about: "Mr. Tokayev's visit is part of ..." (the host
            # is the other state in focus), not "asked about Macron's visit"
            possessed = any(c.dep_ == "poss" for c in noun.children)
            if not (p.code in VISIT_CODES and possessed and noun.dep_ in ("nsubj", "nsubjpass", "ROOT")):
                return []
            partner = [a for a in idx.pair_in_focus(sent_index) if a.key != sources[0][0].key] if sources else []
            pair_keys = {a.key for a in idx.pair_in_focus(sent_index)}
            if not sources or sources[0][0].key not in pair_keys or len(partner) != 1:
                return []
            tgt = [(partner[0], "context")]
        for s, t, penalty, how in self._pairs(sources, tgt, symmetric, idx, sent_index):
            out.append(Candidate(code, s, t, noun, p.id, conf - penalty, negated,
                                 how=("noun", *(("inherited",) if inherited else ()),
                                      *(("stance",) if kind else ()), *how)))
            if self._mutual(symmetric, tgt, t, code):
                out.append(Candidate(code, t, s, noun, p.id, conf - penalty, negated, ["mutual"],
                                     how=out[-1].how))
        return out

    def _wrapper_events(self, sent: Span, idx: ActorIndex, sent_index: int,
                        wrapped: set[int]) -> list[Candidate]:
        """Intent/refusal verbs with nothing codable inside: "pledged to abide by Western sanctions"."""
        out = []
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.i in wrapped or tok.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
                continue
            if tok.pos_ in ("VERB", "AUX"):
                kind = "refusal" if lemma in self.generic_refusal else "intent" if lemma in self.generic_intent \
                    else "threat" if lemma in self.threat_verbs else None
            elif tok.pos_ == "ADJ":
                kind = "refusal" if lemma in self.refusal_adjs else None
            else:
                kind = "intent" if lemma in self.generic_intent else None
            if kind is None:
                continue
            comp = next((c for c in tok.children if c.dep_ in ("xcomp", "acl") and c.pos_ in ("VERB", "AUX")), None)
            if comp is None:
                continue
            if tok.pos_ == "NOUN":
                src = Found(self.np_actors(tok, idx)) if any(c.dep_ == "poss" for c in tok.children) else Found([])
                if not src:
                    gov = tok.head
                    src = self.subject(gov, idx) if gov.pos_ in ("VERB", "AUX") else Found([])
            else:
                src = self.subject(tok, idx)
            if not src:
                continue
            src_keys = {a.key for a, _ in src.actors}
            tgt: list[tuple[Actor, str]] = []
            for t in comp.subtree:
                if t.i in idx.np_at or t.i in idx.mods_of:
                    for a in self.np_actors(t, idx) if t.i in idx.np_at else \
                            [(a, m.via) for m in idx.mods_of[t.i] for a in m.actors]:
                        if a[0].key not in src_keys and all(a[0].key != x[0].key for x in tgt):
                            tgt.append(a)
                    if tgt:
                        break
            code = {"refusal": self.refusal_default, "intent": self.intent_default,
                    "threat": self.threat_default}[kind]
            outer, _, negated, possible, _ = self.stance(tok)
            if outer == "request":
                continue  # "demanded that its partners refuse to ...": asked for, not done
            conf = DIRECT - GENERIC - (INHERITED if src.inherited else 0) - (POSSIBLE if possible else 0)
            # "the two presidents agreed to ...": an intent shared by a group is mutual
            mutual = kind == "intent" and not tgt and len(src.actors) >= 2
            for s, t, penalty, how in self._pairs(src.actors, tgt, mutual, idx, sent_index):
                out.append(Candidate(code, s, t, tok, f"{code}:stance:{kind} {lemma}", conf - penalty, negated,
                                     how=("generic", *(("inherited",) if src.inherited else ()), *how)))
        return out

    def _request_event(self, verb: Token, comp: Token, asked: tuple[str, Token], idx: ActorIndex) -> list[Candidate]:
        """The asking of an act asked for in a clause (``_request_clause``): from the asker
        (the noun's possessor, else the verb's subject) to the clause's subject."""
        code, word = asked
        pattern = f"{code}:request:{word.lemma_} + clause"
        if word.pos_ != "NOUN":
            return self._speech_event(verb, comp, idx, code, pattern)
        poss = next((c for c in word.children if c.dep_ == "poss"), None)
        asker = Found(self.group(poss, idx)) if poss is not None else Found([])
        if not asker:
            # "reiterated its demand that ...": the subject of the verb whose object the noun is
            if not (word.dep_ == "dobj" and word.head.pos_ in ("VERB", "AUX")):
                return []
            verb = word.head
            asker = self.subject(verb, idx)
        return self._speech_event(word, comp, idx, code, pattern, speaker=asker,
                                  negated=self._negated(verb) or self._negated(word), minus=NOMINAL)

    def _accusations(self, sent: Span, idx: ActorIndex) -> list[Candidate]:
        """"X said Y was trying to ...": X accuses Y; "X said Y should/must ...": X appeals
        to Y, or demands of Y (``speech.appeals``)."""
        out = []
        for tok in sent:
            if tok.pos_ not in ("VERB", "NOUN"):
                continue
            for comp in tok.children:
                asked = self._request_clause(comp)
                if asked is not None:
                    out.extend(self._request_event(tok, comp, asked, idx))
                    continue
                if comp.dep_ != "ccomp" or tok.lemma_.lower() not in self.speech_verbs:
                    continue
                modal = next((c.lower_ for c in comp.children if c.dep_ == "aux" and c.lower_ in self.appeals), None)
                if modal is not None:
                    code = self.appeals[modal]
                    out.extend(self._speech_event(tok, comp, idx, code, f"{code}:speech:{tok.lemma_} + should/must {modal}"))
                    continue
                if comp.lemma_.lower() not in self.accusation_verbs:
                    continue
                subj = next((c for c in comp.children if c.dep_ == "nsubj"), None)
                if subj is None:
                    continue
                accused = self.group(subj, idx)
                speaker = self.subject(tok, idx)
                negated = self._negated(comp) or self._negated(tok)
                conf = DIRECT - (INHERITED if speaker.inherited else 0)
                for s, t, penalty, how in self._pairs(speaker.actors, accused, False, idx, 0):
                    out.append(Candidate(self.accusation_code, s, t, tok,
                                         f"{self.accusation_code}:speech:{tok.lemma_} + {comp.lemma_}",
                                         conf - penalty, negated,
                                         how=("speech", *(("inherited",) if speaker.inherited else ()), *how)))
        return out


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
    return sorted(best.values(), key=lambda c: (c.trigger.i, c.code))
