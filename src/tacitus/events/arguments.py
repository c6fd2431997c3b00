"""Arguments: who acts on whom in a clause, read from the parse and the actor index.

The source is the clause's subject, followed through coordination, control ("refused to
recognise": the refuser recognises), participles, relative clauses and passives ("was
praised by X"); the target is the object or the preposition's object. An argument is read as
a noun phrase: its own actor, else its possessor ("Russia's annexation"), its adjective
("Western sanctions"), or its "of"/"with" complement. Coordinated actors give one event each
("Kazakhstan and Uzbekistan have refused"). General patterns fill their slots
(``_general_arguments``). ``_pairs`` (``pairs.py``) turns the sources and targets into
source/target pairs, with the confidence penalty of how their actors were found; symmetric
events with no explicit target take the other party from a coordinated subject, else from the
pair in focus. A capital after "in" names where people are, not its government ("analysts
in Nairobi"; ``arguments.placed_officials`` are the exception: "officials in Nairobi").
Acts named again by a noun ("the operation") take their doers from ``acts.py``; a use of
force that names no actor takes the state of the place it hit from ``places.py``. The coder
inherits :class:`Arguments`, which reads the parse, the actor index and the pattern book only.
"""

from __future__ import annotations

from spacy.tokens import Token

from tacitus.actors.groups import member_lists
from tacitus.actors.names import Descriptors
from tacitus.events.acts import NamedActs
from tacitus.events.candidates import ActorIndex, Found, Hit
from tacitus.events.matcher import is_time, post_domain
from tacitus.events.money import is_measure, is_money
from tacitus.events.objects import ObjectReading
from tacitus.events.pairs import PairMaking
from tacitus.events.parties import AgreementParties
from tacitus.events.patterns import Pattern, PatternBook
from tacitus.events.places import PlaceTargets
from tacitus.events.stance import accepted
from tacitus.events.unnamed import UnnamedParties
from tacitus.nlp.misparse import (
    finite_conjunct_of_infinitive,
    main_participle,
    main_verb_in_clause,
    origin_on_verb,
    reported_conjunct,
    series_verb,
    speaker_conjunct,
    subject_in_preposition,
    verb_read_as_noun,
)
from tacitus.records import Actor

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
#: Nouns of places: an adjective on them describes the place, it is not a party ("his first
#: visit to a Western capital" is no visit to the West).
PLACE_NOUNS = frozenset({"capital", "city", "town", "village", "region", "province", "port", "border", "state",
                         "country", "nation", "island", "kingdom", "republic", "airport", "base", "territory", "soil"})
#: Prepositions of where a thing or a person is ("a refinery in Rohan", "analysts near Edoras").
PLACE_PREPS = frozenset({"in", "inside", "near"})
#: Prepositions whose gerund shares the main clause's subject ("after meeting X, Y ...").
TEMPORAL_PREPS = frozenset({"after", "before", "while", "since", "upon", "on", "without", "when", "by"})


class Arguments(NamedActs, UnnamedParties, ObjectReading, AgreementParties, PlaceTargets, PairMaking):
    """Sources, targets and groups of a trigger."""

    def __init__(self, book: PatternBook, *, domestic: bool = False, monadic: bool = False) -> None:
        self.book = book
        self.domestic = domestic
        self.monadic = monadic
        w = book.stance_words
        # the word lists of stance.yaml `arguments` kept under their own names
        for key in ("event_nouns", "instrument_verbs", "place_target_roots", "place_target_codes",
                    "place_nouns", "act_target_roots", "opinion_place_verbs", "generic_heads",
                    "partitive_heads", "carrying_verbs", "decision_verbs", "announcing_verbs", "mourning_codes",
                    "mourning_nouns", "dying_verbs", "death_nouns", "truce_nouns", "dialogue_nouns", "intrusion_nouns",
                    "hosted_codes", "opponent_roots", "owned_objects", "host_passive_verbs",
                    "additive_adverbs", "additive_adjectives", "authority_acts", "release_codes", "claim_codes",
                    "clause_target_roots", "control_verbs", "captor_verbs", "statement_nouns",
                    "making_verbs", "giving_verbs", "stance_objects", "agent_nouns", "purpose_participles",
                    "group_nouns", "other_party_nouns", "response_verbs", "response_nouns", "response_adjectives", "joining_verbs",
                    "joint_objects", "content_nouns", "forum_nouns", "with_giving_verbs", "crowd_nouns",
                    "summoning_verbs", "asking_verbs", "internal_act_nouns", "bystander_roots", "answered_roots", "manner_nouns",
                    "of_phrase_heads", "venue_nouns", "placed_officials", "deescalation_codes",
                    "ending_codes", "promising_verbs", "promised_as", "promised_roots"):
            setattr(self, key, w("arguments", key))
        self._promised: dict[int, Pattern] = {}  # promised(): patterns of giving, as intents
        self.asked_as = str((book.stance.get("arguments") or {}).get("asked_as") or "request")
        self.place_preps = w("arguments", "place_prepositions")
        self.reason_preps = w("arguments", "reason_prepositions")
        args = book.stance.get("arguments") or {}
        self.act_nouns = {str(k): tuple(str(r) for r in v) for k, v in (args.get("act_nouns") or {}).items()}
        self.not_deeds = tuple(str(c) for c in args.get("not_deeds") or ())
        self.doer_only_roots = frozenset(str(c) for c in args.get("doer_only_roots") or ())
        self.struck_not_judged = w("arguments", "struck_not_judged_roots")
        self.envoy_nouns = Descriptors.load().envoy_nouns  # "the embassy in Rohan" is not Rohan's
        self.act_synonyms = {str(w).lower(): frozenset(str(x).lower() for x in group)
                             for group in args.get("act_synonyms") or () for w in group}
        self.naming_verbs = w("evaluation", "qualifying_verbs")
        self.accepted_nouns = w("intent", "accepted_nouns")
        self.accepting_verbs = w("intent", "accepting_verbs") | w("intent", "supporting_verbs")
        self.intent_nouns = w("intent", "nouns")
        self.expressing_verbs = w("intent", "expressing_verbs") | w("intent", "supporting_verbs")

    def opposes(self, code: str) -> bool:
        """Whether an act of this code with no victim named is against the other side of the
        conflict told before (``arguments.opponent_roots``: force, and de-escalation)."""
        return code[:2] in self.opponent_roots or code[:3] in self.opponent_roots

    def bystands(self, code: str) -> bool:
        """Whether a reaction of this code that names no one answers whoever just used force or
        coercion, or the deed just judged (``arguments.bystander_roots``: disapproval, a concern
        voiced): "... Arnor voiced concern", "... Rohan's minister said he was disappointed"."""
        return code[:2] in self.bystander_roots or code[:3] in self.bystander_roots

    def _on_itself(self, verb: Token, subject: Found, idx: ActorIndex) -> bool:
        """Whether every actor named after a verb is its subject's own state: the verb would
        be a self-act of the subject ("... Rohan ... announced sanctions on Rohan")."""
        own = {a.country or a.key for a, _ in subject.actors}
        named = [a for t in verb.subtree if t.i > verb.i and t.i in idx.np_at for a, _ in self.np_actors(t, idx)]
        return bool(named) and all((a.country or a.key) in own for a in named)

    def np_actors(self, tok: Token, idx: ActorIndex, depth: int = 0) -> list[tuple[Actor, str]]:
        """Actors a noun phrase names: its own; else an apposition that names it ("Ukraine's
        largest backer, the United States"); its possessor ("Russia's annexation"); its
        adjective ("Western sanctions"); a complement ("the government of France", "the attack
        on Israel", "the coup in Niger"); or the agent of a participle ("the proposal put
        forward by Egypt")."""
        m = idx.np_at.get(tok.i)
        if m is not None:
            return [(a, m.via) for a in m.actors]
        if tok.dep_ in ("compound", "nmod") and tok.pos_ == "PROPN" and tok.i in idx.mod_at:
            mod = idx.mod_at[tok.i]  # a name read as a modifier, asked for itself ("sent Rohan aid")
            return [(a, mod.via) for a in mod.actors]
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            return self.np_actors(tok.head.head, idx, depth + 1)
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "ccomp" and tok.head.head.dep_ == "relcl":
            # "Rohan, which he said was a reliable partner": the subject of what its speaker said
            return self.np_actors(tok.head.head.head, idx, depth + 1)
        if tok.lower_ == "whose" and tok.head.head.dep_ == "relcl":
            return self.np_actors(tok.head.head.head, idx, depth + 1)  # "Belarus, whose president"
        if depth > 2:
            return []
        # an apposition that is itself a name says who this is
        for child in tok.children:
            if child.dep_ == "appos" and child.i in idx.np_at:
                return self.np_actors(child, idx, depth + 1)
        if tok.lemma_.lower() in self.other_party_nouns:
            # "Brazil's rival", "the neighbours of India", "Russia's critics": the other side of
            # a tie is not who it is named by; only its adjective ("his Greek counterpart") or
            # an apposition ("Ukraine's largest backer, the United States", above) says who
            mods = idx.mods_of.get(tok.i) or ()
            found = [(a, m.via) for m in mods for a in m.actors]
            # ... or where they come from: "his counterparts from Rohan and Arnor" (the small
            # model may hang the phrase right after them on the verb)
            origins = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"] + origin_on_verb(tok)
            return found or [a for c in origins for g in c.children if g.dep_ == "pobj"
                             for a in self.group(g, idx, depth + 1)]
        possessors = [c for c in tok.children if c.dep_ == "poss"]
        # a named possessor first ("Russia's annexation"), then adjectives ("his Greek
        # counterparts" are Greek), then a possessive pronoun ("its state firm")
        for child in possessors:
            if child.pos_ != "PRON" or child.lower_ == "whose":
                found = self.np_actors(child, idx, depth + 1)
                if found:
                    return found
        mods = self.modifiers(tok, idx)
        # "a Western capital" is no visit to the West ("the Ukrainian city of Kherson" is Ukraine);
        # "the Swiss summit" is where it is held, not a party to it
        if mods and not (tok.lemma_.lower() in PLACE_NOUNS and all(
                a.kind in ("region", "bloc") for mm in mods for a in mm.actors)) and not self.held_in(tok, idx):
            return [(a, m.via) for m in mods for a in m.actors]
        # "Erik Lund, chief of Norway's coast guard": the apposition says who it is
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
        if lemma in self.agent_nouns:
            preps.insert(0, "for")  # "a spokesman for the Rwandan government"
        elif lemma in self.content_nouns:
            preps.append("for")  # "a proposal for talks with Rohan"
        if lemma in self.authority_acts:
            found = self.authority(tok, idx, depth)
            if found:
                return found
        if lemma not in self.book.nouns and lemma not in self.event_nouns and tok.tag_ != "VBG" \
                and lemma not in self.envoy_nouns:
            preps += sorted(PLACE_PREPS)
        children = [*tok.children, *self.named_phrases(tok)]
        for prep in preps:
            for child in children:
                if child.dep_ in ("prep", "agent") and child.lower_ == prep:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = self.group(pobj, idx, depth + 1)
                            if found and prep in PLACE_PREPS and lemma not in self.placed_officials:
                                # "analysts in Nairobi": a capital says where they are, the
                                # state, not its government (as it does for "officials in Nairobi")
                                found = [(a.as_place(), via) for a, via in found]
                            if found:
                                return found
        # a possessive pronoun after the complements: "its border with Belarus" is about Belarus,
        # "its state firm" about its state
        for child in possessors:
            if child.pos_ == "PRON":
                found = self.np_actors(child, idx, depth + 1)
                if found:
                    return found
        # "the proposal put forward by Egypt", "a pact signed between Rohan and Gondor", "the pact Rohan signed
        # with Gondor", "the way Rohan handled the crisis" (any verb after a manner noun)
        for child in tok.children:
            phrases = [a for a in child.children if a.dep_ == "agent" or (a.dep_ == "prep" and a.lower_ == "between")] \
                if child.dep_ == "acl" else []
            subjects = [a for a in child.children if a.dep_ == "nsubj" and a.lower_ not in RELATIVE_PRONOUNS] \
                if child.dep_ == "relcl" and (child.lemma_.lower() in self.making_verbs or lemma in self.manner_nouns) else []
            found = [a for p in phrases for g in p.children if g.dep_ == "pobj" for a in self.group(g, idx, depth + 1)]
            if subjects:
                found = [a for g in subjects for a in self.group(g, idx, depth + 1)]
                found += [a for p in child.children if found and p.dep_ == "prep" and p.lower_ == "with"
                          for g in p.children if g.dep_ == "pobj" for a in self.group(g, idx, depth + 1)]
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
        for child in tok.lefts:
            # "US President Joe Biden and French President Emmanuel Macron" read as one noun
            # phrase: a name before the "and" inside it is a member of the list
            if child.dep_ in ("compound", "nmod") and any(t.pos_ == "CCONJ" for t in child.subtree):
                members += [t for t in child.subtree if t.i in idx.np_at and idx.np_at[t.i].head == t.i
                            and idx.np_at[t.i] is not own and idx.np_at[t.i].actors[0].kind == "person"]
        for child in tok.children:
            if child.dep_ != "appos":
                continue
            m = idx.np_at.get(child.i)
            if is_name and m is not None and m.head == child.i and m.via == "dictionary":
                members.append(child)
            # "her Kenyan counterpart, Ruto, and the Ugandan leader,
            # Museveni": the parser hangs the next member of the list on the apposition
            members.extend(c for c in child.conjuncts if c.i > child.i)
        if depth < 2 and all(a.kind == "region" for a, _ in found):
            # "several countries, including Rohan and Gondor", "leaders such as the Rohirric
            # king", "critics, who include Rohan": a phrase that names nobody, or only a
            # region ("European states such as Rohan and Gondor"), stands for the members it lists
            listed: list[tuple[Actor, str]] = []
            for member in member_lists(tok):
                listed.extend(a for a in self.group(member, idx, depth + 1) if all(a[0].key != f[0].key for f in listed))
            found = listed or found
        for conj in members:
            for item in self.np_actors(conj, idx, depth):
                if all(item[0].key != f[0].key for f in found):
                    found.append(item)
        return found

    def subject(self, verb: Token, idx: ActorIndex, depth: int = 0) -> Found:
        """The agent of a verb, through passives, coordination, control and relative clauses."""
        stranded = subject_in_preposition(verb)
        if stranded is not None:
            return Found(self.group(stranded, idx))  # "... as Rohan closes Gondor's border"
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")] or [
            # "Gondor has been urging ...": the small model may hang the subject on "been"
            c for a in verb.children if a.dep_ in ("aux", "auxpass") for c in a.children if c.dep_ == "nsubj"]
        if subjects:
            child = subjects[0]
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return Found(self.group(verb.head, idx), inherited=True)
            found = self.group(child, idx)
            for other in subjects[1:]:
                # "Lions, tigers, and Gondor welcomed": a list the parser split in two
                found += [a for a in self.group(other, idx) if all(a[0].key != f[0].key for f in found)]
            return Found(found)
        if verb.pos_ in ("NOUN", "VERB"):
            # a headline verb the parser read as a noun phrase ("Gondor invades Arnor's north"),
            # or a verb of intent ("Gondor and Rohan plan to meet"): the name compounded before
            # it is its subject
            names = [c for c in verb.lefts if (c.dep_ == "compound" or c.dep_ == "nmod" and verb_read_as_noun(verb))
                     and (c.i in idx.np_at or c.i in idx.mods_of or c.i in idx.mod_at)]
            if names:
                # (names the parser made modifiers of the noun: each with its conjuncts)
                found = [a for c in names for a in self.group(c, idx)]
                found += [(a, m.via) for c in names for t in c.conjuncts if (m := idx.mod_at.get(t.i))
                          for a in m.actors if all(a.key != f[0].key for f in found)]
                return Found(found)
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return Found(self.group(pobj, idx))
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return Found([])  # passive without "by X": the agent is not in the clause
        first = series_verb(verb)
        if first is not None and depth <= 4:  # "Gondor visits Rohan, signs trade deals"
            found = self.subject(first, idx, depth + 1)
            found.inherited = True
            return found
        if depth > 4 or verb.head.i == verb.i:
            return Found([])
        head = verb.head
        dep = verb.dep_
        found = Found([])
        if finite_conjunct_of_infinitive(verb) is not None:
            # "urged Rohan to withdraw and called on Gondor to ...": the subject of "urged"
            found = self.subject(head.head, idx, depth + 1)
        elif dep == "conj" and head.pos_ in ("VERB", "AUX"):
            found = self.subject(head, idx, depth + 1)
            if not found.actors and speaker_conjunct(verb, self.speech_verbs, self.speaker_verbs):
                found = self.subject(head.head, idx, depth + 1)  # "said the law was unjust and called on"
            elif found.actors and reported_conjunct(verb, self.speech_verbs) and self._on_itself(verb, found, idx):
                # "said Rohan appeared to back down and announced new sanctions on Rohan": the
                # clause's subject would act on itself; the speaker goes on acting
                found = self.subject(head.head, idx, depth + 1)
        elif dep == "xcomp" or (dep == "advcl" and verb.tag_ in ("VBG", "VBN")):
            obj = next((c for c in head.children if c.dep_ == "dobj"), None) if dep == "xcomp" else None
            passive_subject = next((c for c in head.children if c.dep_ == "nsubjpass"), None) \
                if dep == "xcomp" else None
            if obj is not None and self.group(obj, idx) and head.lemma_.lower() not in self.summoning_verbs:
                # "urged Eriador to respond": the object does what it is urged to do (not "summoned
                # Rohan's envoy to protest": the one who summons protests)
                found = Found(self.group(obj, idx))
            elif obj is not None and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children):
                found = self.subject(head, idx, depth + 1)  # "ordered his staff to delay the aid": his own act
            elif passive_subject is not None:
                # "Gollum was seen to break into ...": the passive's subject breaks in
                found = Found(self.group(passive_subject, idx))
            elif head.pos_ in ("VERB", "AUX") or verb_read_as_noun(head):
                found = self.subject(head, idx, depth + 1)
            elif head.pos_ == "ADJ":  # "is likely to start", "was free to develop"
                found = self.subject(head.head, idx, depth + 1)
        elif dep == "pcomp" and head.dep_ == "prep" and head.lower_ in TEMPORAL_PREPS and \
                head.head.pos_ in ("VERB", "AUX"):
            # "After meeting Erdogan in Istanbul, Zelensky thanked Turkey": Zelensky met him
            found = self.subject(head.head, idx, depth + 1)
        elif dep == "pcomp" and head.dep_ == "prep" and head.lower_ in ("to", "on") and \
                self._prepositional_intent(head.head, head.lower_):
            found = self.subject(head.head, idx, depth + 1)  # "Gondor looks forward to working with Rohan"
        elif dep == "pcomp" and head.dep_ == "prep" and head.lower_ in ("for", "of"):
            # "praised Kazakhstan for refusing", "accused Russia of using civilians as shields":
            # the object is the one who refused, who used them
            gov = head.head
            obj = next((c for c in gov.children if c.dep_ == "dobj"), None)
            if obj is not None:
                found = Found(self.group(obj, idx))
        elif dep == "pcomp" and head.dep_ == "prep" and head.lower_ == "in":
            # "was quick in blaming Iran", "succeeded in brokering", "took the lead in
            # condemning": the one who is quick, who succeeds, whose lead it is
            gov = head.head
            if gov.pos_ in ("VERB", "AUX", "ADJ"):
                found = self.subject(gov, idx, depth + 1)
                partner = next((c for c in gov.children if c.dep_ == "dobj"), None)
                if gov.lemma_.lower() == "join" and partner is not None:  # "joined Rohan in condemning"
                    found = Found(found.actors + [a for a in self.group(partner, idx)
                                                  if all(a[0].key != f[0].key for f in found.actors)])
            elif gov.pos_ == "NOUN":
                found = Found(self.np_actors(gov, idx))
                if not found and gov.dep_ == "dobj" and gov.head.pos_ in ("VERB", "AUX"):
                    found = self.subject(gov.head, idx, depth + 1)
        elif dep == "relcl" and head.dep_ == "attr" and head.head.lemma_ == "be" and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            # "Gondor was the first to condemn the raid": who was the first
            found = self.subject(head.head, idx, depth + 1)
        elif dep == "acl":
            if main_participle(verb):
                found = Found(self.np_actors(head, idx))
            elif (subject := main_verb_in_clause(verb)) is not None:
                found = Found(self.group(subject, idx))  # "Rohan, which ... water, called the move"
            elif verb.tag_ == "VBN":
                found = Found([])  # "agreements reached": passive participle, agent unknown
            else:
                found = Found(self.np_actors(head, idx))  # "Kazakhstan's readiness to expand"
                if not found and (accepted(head, self.accepted_nouns, self.accepting_verbs)
                                  or accepted(head, self.intent_nouns, self.expressing_verbs)):
                    # "accepted an invitation to visit", "expressed willingness to resume talks"
                    found = self.subject(head.head, idx, depth + 1)
                holder = head
                if not found and holder.dep_ == "pobj" and holder.head.head.dep_ == "dobj":
                    holder = holder.head.head  # "posted a message on its website blaming Rohan"
                if not found and verb.tag_ == "VBG" and holder.dep_ == "dobj" and holder.head.pos_ == "VERB" \
                        and holder.head.lemma_.lower() in self.instrument_verbs:
                    # "Gondor launched rockets aimed at Mordor's forts": the weapon's user acts
                    found = self.subject(holder.head, idx, depth + 1)
        elif dep == "relcl":
            found = Found(self.group(head, idx))
        elif dep == "acomp" or dep == "ccomp" and head.pos_ == "AUX":
            found = self.subject(head, idx, depth + 1)
        found.inherited = True
        return found

    def _preps(self, tok: Token, preps: frozenset[str], *more: Token) -> list[Token]:
        """Objects of the given prepositions under a token (the target's noun), and under the
        tokens ``more`` (a verb's object). An "against" phrase names whom the act is aimed at;
        beside it, the other phrases name the forum or the addressee: "filed a complaint
        against Rohan with the trade body", "brought a case against Gondor to the court" (only
        Rohan, Gondor)."""
        out: list[Token] = []
        against: list[Token] = []
        # "a new round of talks with Rohan", "the issue of detainees with Rohan": the phrase
        # hangs on the noun of the partitive's (or ``of_phrase_heads``') "of"
        more = (*more, *(g for t in (tok, *more) if t.lemma_.lower() in self.partitive_heads | self.of_phrase_heads for c in t.children
                         if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"))
        # "duties of 25 percent on Rohirric wool": the phrase hangs on the measure; "aid
        # earmarked for Rohan", "arms that were destined for Gondor": on the participle of its purpose
        more = (*more, *(g for t in more for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                         for g in c.children if g.dep_ == "pobj" and is_measure(g)))
        more = (*more, *(c for t in (tok, *more) for c in t.children if c.dep_ in ("acl", "relcl")
                         and c.tag_ == "VBN" and c.lemma_.lower() in self.purpose_participles))
        for child in (c for t in (tok, *more) for c in t.children):
            if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
                # ("eased curbs on Monday": a time is no party)
                found = [c for c in child.children if c.dep_ in ("pobj", "pcomp") and not is_time(c)]
                out.extend(found)
                if child.lower_ == "against":
                    against.extend(found)
            elif child.dep_ in ("prt", "advmod") and child.lower_ in preps:
                # "pulled troops out of": prt then prep
                for sub in child.children:
                    if sub.dep_ == "prep" and sub.lower_ in preps:
                        out.extend(c for c in sub.children if c.dep_ == "pobj")
        if not out and "between" in preps:  # "a deal establishing ties between Rohan and Gondor"
            out = [p for t in (tok, *more) for acl in t.children if acl.dep_ == "acl" and acl.tag_ == "VBG"
                   for sub in (acl, *(c for c in acl.children if c.dep_ == "dobj")) for b in sub.children
                   if b.dep_ == "prep" and b.lower_ == "between" for p in b.children if p.dep_ == "pobj"]
        return against or out

    def _object(self, verb: Token) -> Token | None:
        children = list(verb.children)
        dobjs = [c for c in children if c.dep_ == "dobj"]
        if len(dobjs) > 1 and verb.lemma_.lower() in self.giving_verbs and dobjs[0].pos_ in ("PROPN", "NOUN", "PRON") \
                and dobjs[0].i + 1 < dobjs[1].i and not any(d.like_num or is_money(d) for d in dobjs):
            # "offered Rohan the help of two units": the small model may read both objects of
            # a verb of giving as direct ones; the first is the recipient (``recipients``)
            children = [c for c in children if c not in dobjs[:-1]]
        for child in children:
            if child.dep_ in ("dobj", "nsubjpass"):
                if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    return verb.head  # "the missiles that North Korea sent to Russia"
                if child.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") or child.like_num or is_money(child):
                    # "provided $300 million in military aid": what was provided is the aid (the
                    # parser may hang "in military aid" on the verb)
                    for prep in [*child.children, *(c for c in verb.children if c.i > child.i and c.lower_ == "in")]:
                        if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "worth"):
                            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                            if pobj is not None:
                                return pobj
                return child
        named = self.named_as(verb)
        if named is not None:
            return named
        if verb.dep_ == "relcl" and verb.head.pos_ == "NOUN" and verb.head.i < verb.i and \
                any(c.dep_ == "nsubj" for c in verb.children) and \
                not any(c.dep_ in ("dobj", "ccomp", "xcomp", "mark") or c.tag_ in ("WDT", "WP", "WRB")
                        for c in verb.children):
            return verb.head  # a relative clause with no pronoun: "the agreement they reached"
        if verb.lemma_.lower() in self.control_verbs:
            # "helped Rohan rebuild its army": the small model makes Rohan the subject of a
            # clause of the verb; it is the verb's object
            for comp in verb.children:
                if comp.dep_ == "ccomp" and comp.tag_ == "VB" and not any(c.dep_ == "mark" for c in comp.children):
                    subj = next((c for c in comp.children if c.dep_ == "nsubj"), None)
                    if subj is not None:
                        return subj
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return verb.head  # "agreements reached in ...", "sanctions imposed on ..."
        if verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.children) and \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            # "Gondor tested a missile and was condemned by Rohan": the first verb's subject
            # is what the passive second verb acts on
            return next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if verb.pos_ in ("NOUN", "VERB") and any(c.dep_ == "compound" for c in verb.lefts):
            # a headline verb read as a noun phrase: "Gondor invades Arnor" (Arnor an adverbial)
            return next((c for c in verb.rights if c.dep_ == "npadvmod" and c.pos_ == "PROPN"), None)
        return None

    def _clause_targets(self, verb: Token, idx: ActorIndex) -> list[tuple[Actor, str]]:
        """Who a verb acts on: its object, else the object of its with/to/on/against/at phrase."""
        obj = self._object(verb)
        if obj is not None and obj.dep_ == "dobj":
            found = self.group(obj, idx)
            if found:
                return found
        return [a for t in self._preps(verb, frozenset({"with", "to", "on", "against", "at"}))
                for a in self.group(t, idx)]

    def _slot(self, tok: Token, idx: ActorIndex) -> list[tuple[Actor, str]]:
        """The actors of a slot: the whole coordinated phrase its mention belongs to."""
        m = idx.np_at.get(tok.i)
        if m is None:
            mod = idx.mod_at.get(tok.i)
            if mod is None:
                # "with his Iranian counterpart": the slot's noun names no actor, its modifier does
                return self.group(tok, idx) if tok.pos_ == "NOUN" else []
            # "Eriadori and Calenardhon leaders": every name that modifies the same noun
            return [(a, x.via) for x in idx.mods_of.get(mod.head, [mod]) for a in x.actors]
        head = tok.doc[m.head]
        if head.dep_ == "poss" and (head.head.i in idx.np_at or head.head.pos_ == "NOUN"):
            head = head.head  # "Ithilen's president", "his Rohan counterpart": the president, not Ithilen
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
                    # "The decision drew criticism from Rohan": an act named again is its doer's
                    tgt = self.group(subj, idx) or self.act_owners(subj, idx, src)
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
