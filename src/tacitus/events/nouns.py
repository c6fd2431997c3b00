"""Noun events: "Russia's annexation of Crimea", "sanctions against Iran", "talks with France".

A noun that heads a noun pattern is an event when the sentence reports it happening
(``_reported_happening``: "announced sanctions", "talks were held"), not when it only
mentions it ("on his 2017 trip to Kenya"); the words are in ``stance.yaml`` (``nominal``).
Its source is its possessor, its adjective, its "by" phrase, else the subject of the verb
whose object it is; the stance of that verb applies to it ("ready to expand cooperation").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from tacitus.events.arguments import Arguments
from tacitus.events.candidates import DIRECT, INHERITED, NOMINAL, ActorIndex, Candidate
from tacitus.events.patterns import Pattern, PatternBook
from tacitus.events.stance import StanceRules
from tacitus.records import Actor

#: Visits: a noun "X's visit" with no destination takes the other state in focus as host.
VISIT_CODES = frozenset({"042"})



#: Prepositions whose noun is no act of the clause's subject: "protested over the arrests",
#: "left after the attack". "for" is a purpose before a cooperative act ("travels on for
#: talks with X") and a reason before a hostile one ("struck back for the killing of its
#: general": the killing was the other side's), so it passes only for roots 01-09.
REASON_PREPS = frozenset({"of", "over", "after", "before", "despite", "since", "against", "about",
                          "following", "amid", "because"})
#: ... of which these only say when: "after talks with X" is the subject's meeting.
TIME_PREPS = frozenset({"after", "following"})
#: Prepositions of the occasion an act is set in ("will raise it at a meeting with X", "during
#: a visit to Y", "will fly to Z for talks with W"): a noun event there is as far off as the act.
OCCASION_PREPS = frozenset({"at", "during", "on", "for"})

def headline_in(noun: Token) -> bool:
    """Whether a noun is the object of "in" on the root noun of a sentence with no verb: the
    headline form "India and Russia in energy talks", "Chile in trade row with Peru"."""
    prep = noun.head
    root = prep.head
    return prep.lower_ == "in" and prep.dep_ == "prep" and root.dep_ == "ROOT" and root.pos_ in ("PROPN", "NOUN") \
        and not any(t.pos_ in ("VERB", "AUX") for t in noun.sent)


def _coordinated_subject(verb: Token) -> bool:
    """Whether a verb's subject is two or more coordinated nouns ("Gondor and Rohan")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ == "conj" for g in c.children)
               for c in verb.children)


class NounEvents(Arguments, StanceRules):
    """Events of nouns, for the coder: arguments and stance as for verbs."""

    def __init__(self, book: PatternBook) -> None:
        w = book.stance_words
        self.nominal_objects = w("nominal", "object_of")
        self.nominal_not_subjects = w("nominal", "not_subject_of")
        nominal = book.stance.get("nominal") or {}
        self.nominal_held = {str(k): frozenset(str(r) for r in v or ()) for k, v in (nominal.get("held") or {}).items()}
        self.nominal_described_roots = frozenset(str(r) for r in nominal.get("described_roots") or ())
        self.nominal_preps = w("nominal", "prepositions")
        self.nominal_unrealised = w("nominal", "not_happened")
        self.nominal_called_off = w("nominal", "called_off")
        self.nominal_happening = w("nominal", "happening_verbs")
        self.nominal_arrangers = w("nominal", "arranged_by")
        self.joint_verbs = w("nominal", "joint_verbs")
        self.nominal_ready = w("nominal", "ready_adjectives")
        nominal = book.stance.get("nominal") or {}
        self.reactions = {str(k).lower(): str(v) for k, v in (nominal.get("reactions") or {}).items()}
        self.reaction_not_after = w("nominal", "reaction_not_after")
        self.reaction_phrases = frozenset(tuple(w for w in str(x).lower().split() if w not in ("the", "a", "an"))
                                          for x in nominal.get("reaction_phrases") or ())

    def match_noun(self, noun: Token) -> list[tuple[Pattern, list[Token]]]:
        """The noun patterns a noun heads whose conditions hold, each with the tokens its
        preposition names as targets ("talks with Rohan": Rohan)."""
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
                if not targets and noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.nominal_objects \
                        and not any(c.i != noun.i and c.dep_ in ("dobj", "dative", "oprd", "attr", "ccomp", "xcomp")
                                    for c in noun.head.children):
                    # the small model hangs a phrase after a longer object on the verb:
                    # "increased cooperation in recent years with Gondor's navy"; not when the
                    # verb has a second object ("made trade with Rohan an issue")
                    targets = [t for t in self._preps(noun.head, p.preps) if t.i > noun.i]
                if not targets and "between" in p.preps and headline_in(noun):
                    targets = [noun.head.head]  # "India and Iran in gas deal": a deal between them
                if not targets and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in self.nominal_happening:
                    # "talks have begun with Rohan", "negotiations resumed with Gondor on Monday":
                    # the small model hangs the event's phrase on the verb that says it happens
                    targets = [t for t in self._preps(noun.head, p.preps) if t.i > noun.i]
                if not targets and "between" in p.preps and noun.dep_ == "nsubj":
                    # "fighting broke out between Gondor and Rohan": the small model hangs the
                    # parties on the verb the event is the subject of
                    targets = self._preps(noun.head, frozenset({"between"}))
                if not targets and not (p.symmetric and noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.joint_verbs
                                        and _coordinated_subject(noun.head)):
                    continue  # ("Gondor and Rohan are seeking a deal": each is the other's party)
            out.append((p, targets))
        return out

    def _ready_for(self, noun: Token) -> bool:
        """A noun event after an adjective of readiness ("open to talks with Rohan", "ready
        for dialogue with Gondor": ``nominal.ready_adjectives``) said of the clause's subject,
        or after a passive participle of a timetable ("is set for talks with Rohan")."""
        prep = noun.head
        if not (noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in ("to", "for")):
            return False
        word = prep.head
        if word.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in word.children):
            return word.lower_ in self.nominal_ready  # "Modi is set for talks with Xi"
        return word.pos_ == "ADJ" and word.lemma_.lower() in self.nominal_ready and word.dep_ in ("acomp", "oprd", "xcomp")

    def _judged(self, verb: Token) -> bool:
        """Whether a verb is one of judging ("condemned the attack on Rohan": a pattern of
        ``arguments.struck_not_judged_roots``): the judge did not do the act its object names."""
        return any(p.code[:2] in self.struck_not_judged for p in self.book.verbs.get(verb.lemma_.lower(), ()))

    def _reported_happening(self, noun: Token, code: str = "") -> bool:
        """Whether the sentence reports a noun event happening, not merely mentioning it.

        "announced sanctions against Iran", "opened a visit to Africa", "talks were held",
        "in talks with", a headline: yes. "a report described Scholz's call with Macron",
        "on his 2017 trip to Kenya", "the ban may well be eased": no (the event
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
        if self._due_to_happen(cur):
            return True  # "talks are due to resume", "the summit is expected to open": intended
        if dep in ("dobj", "nsubjpass", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
            # "had talks with Rohan" reports talks; "has large investments in Rohan", "have
            # close ties" tell what is held (``nominal.held``: only these roots are done)
            held = self.nominal_held.get(lemma)
            return lemma in self.nominal_objects and (held is None or code[:2] in held)
        if dep == "nsubj" and head.pos_ in ("VERB", "AUX"):
            if lemma not in self.nominal_not_subjects:
                return True
            if code[:2] not in self.nominal_described_roots:
                return False  # "Gondor's trade with Rohan was worth $3bn": a standing state
            # "Mr. Tokayev's visit is part of ...": an actor's own event, described as a fact,
            # has happened; "the visit will be short" and "the embargo is likely ..." have not
            described = [c for c in head.children if c.dep_ in ("attr", "acomp")]
            return (any(c.dep_ == "poss" and c.pos_ in ("PROPN", "PRON") for c in cur.children)
                    and head.tag_ in ("VBZ", "VBD", "VBP")
                    and not any(c.dep_ in ("aux", "xcomp") for c in head.children)
                    and not any(c.dep_ == "xcomp" for d in described for c in d.children))
        if dep == "pobj" and headline_in(cur):
            return True  # "India and Russia in energy talks": headlinese for "are in talks"
        if dep == "pobj" and head.dep_ in ("prep", "agent"):
            if self._ready_for(cur):
                return True  # "is open to talks with Rohan": an intent, coded as one
            return head.lower_ in self.nominal_preps and head.head.pos_ in ("VERB", "AUX")
        return dep in ("xcomp", "ccomp", "advcl") or (head.pos_ in ("NOUN", "PROPN") and head.dep_ == "ROOT")

    def _due_to_happen(self, noun: Token) -> bool:
        """A noun event whose subject phrase says it is to happen: "talks are due to resume",
        "the summit is set to open", "the meeting is expected to take place" (an adjective or
        verb of intent, then a verb of ``nominal.happening_verbs``)."""
        if noun.dep_ not in ("nsubj", "nsubjpass"):
            return False
        head = noun.head
        frames = [c for c in head.children if c.dep_ == "acomp" and c.lemma_.lower() in self.intent_adjs]
        if head.lemma_.lower() in self.intent_verbs or head.lemma_.lower() in self.intent_adjs:
            frames.append(head)  # "is expected to", "is scheduled to" (read as verbs)
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in self.nominal_happening
                   for f in frames for c in f.children)

    def object_act(self, wrapper: Token, code_of: Callable[[str], str | None]) -> str | None:
        """The code (by ``code_of``: an intent, an appeal) of the act noun that a verb under a
        wrapper takes as its object, when the noun names acts of one kind only: "urged Rohan
        to resume talks", "to return to talks" (an appeal to negotiate, 026), "agreed to
        continue consultations" (intent to meet, 036): every pattern of "talk" and
        "consultation" is a meeting. The verb must carry the act out or on
        (``arguments.carrying_verbs``): "agreed to lift the embargo" intends no embargo. A noun
        with its party named ("talks with Gondor") is coded as an event of its own instead."""
        for comp in wrapper.children:
            if comp.dep_ not in ("xcomp", "acl") or comp.pos_ not in ("VERB", "AUX") or \
                    comp.lemma_.lower() not in self.carrying_verbs:
                continue  # (only a verb that carries the act out: "lift the embargo" does not)
            # its object, or what it goes to or takes part in ("to return to talks", "to
            # take part in negotiations")
            objs = [c for c in comp.children if c.dep_ == "dobj"] + [
                g for c in comp.children if c.dep_ == "prep" and c.lower_ in ("to", "in")
                for g in c.children if g.dep_ == "pobj"]
            for obj in objs:
                codes = {code_of(p.code) for p in self.book.nouns.get(obj.lemma_.lower(), ())}
                if len(codes) == 1 and None not in codes:
                    return codes.pop()
        return None

    def _noun_events(self, noun: Token, p: Pattern, targets: list[Token], idx: ActorIndex,
                     sent_index: int, wrapped: set[int] | None = None) -> list[Candidate]:
        # "Modi, in Paris for talks with Macron, said ...", "Modi, on a visit to France, ...":
        # a meeting or visit a phrase on a named person says he is at
        holder = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in ("for", "on") else None
        at = holder is not None and p.code[:2] == "04" and holder.pos_ == "PROPN" and holder.i in idx.np_at \
            and holder.dep_ in ("nsubj", "nsubjpass")
        # the stance of the verb whose object the noun is, read once (used again below)
        head_stance = self.stance(noun.head) if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" else None
        if head_stance is not None and head_stance[0] == "request":
            self.asked(head_stance[1], p.code)  # "urged Rohan to resume talks": an appeal to negotiate
        if not at and not self._reported_happening(noun, p.code):
            return []
        sources: list[tuple[Actor, str]] = self.group(holder, idx) if at and holder is not None else []
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
        if not sources and noun.i in idx.mods_of and not self.held_in(noun, idx) and not (
                noun.dep_ == "dobj" and self.recipients(noun.head, noun, idx)):
            # "Western sanctions" names who sanctions; "the Lisbon summit", "the Minsk accords"
            # name where, not who
            # (not a body a complaint or a case is brought to: "Brazil's WTO case": modifiers)
            sources = [(a, m.via) for m in self.modifiers(noun, idx) for a in m.actors
                       if not (m.aliases and m.aliases[0].kind == "capital")]
        if not sources:
            # "a visit by X"; "the meeting was attended by X, Y and Z": the passive's agent
            bys = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"]
            if noun.dep_ == "nsubjpass" and noun.head.pos_ in ("VERB", "AUX"):
                bys += [c for c in noun.head.children if c.dep_ == "agent"]
            for child in bys:
                sources = [a for c in child.children if c.dep_ == "pobj" for a in self.group(c, idx)]
                if sources:
                    break
        if not sources and p.preps and "of" not in p.preps and tgt:
            # "the visit of Uzbek President Mirziyoyev to Kazakhstan": "of" says who visits
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    sources = [a for c in child.children if c.dep_ == "pobj" for a in self.group(c, idx)]
        inherited = False
        ready = self._ready_for(noun)
        if not sources and ready:
            # "Rohan is open to talks with Gondor": the one said to be ready
            found = self.subject(noun.head.head.head, idx)
            sources, inherited = found.actors, True
        if not sources and noun.dep_ == "dobj" and noun.head.pos_ == "VERB" \
                and noun.head.lemma_.lower() not in self.nominal_arrangers and not self._judged(noun.head):
            # "Biden announced sanctions against two Russian banks"; not "Norway arranged a
            # meeting with ...": who arranges a meeting is not one of its parties
            found = self.subject(noun.head, idx)
            sources, inherited = found.actors, True
        # "after talks with Rohan, Gondor's minister said ...": a meeting with someone, which
        # the clause's act follows, is the subject's own (an attack after which it acted is not)
        met_before = p.symmetric and noun.head.lower_ in TIME_PREPS and any(
            c.dep_ == "prep" and c.lower_ == "with" for c in noun.children)
        if not sources and noun.dep_ == "pobj" and headline_in(noun):
            # "India and Iran in gas deal", "Gondor in row with Rohan": the parties the verbless
            # headline names are in the act
            sources = self.group(noun.head.head, idx)
            tgt = [a for a in tgt if a not in sources]  # (a pattern "between" named them as targets)
        if not sources and noun.dep_ == "pobj" and noun.head.dep_ == "prep" \
                and noun.head.head.pos_ in ("VERB", "AUX") and (noun.head.lower_ not in REASON_PREPS or met_before) \
                and not (noun.head.lower_ == "for" and int(p.code[:2]) >= 10) \
                and not any(c.dep_ in ("acomp", "oprd") and c.lemma_.lower() in self.affect for c in noun.head.head.children):
            # (not "was furious at the attack on Rohan": what a feeling is about is no act of
            # whoever has it)
            verb = noun.head.head
            found = self.subject(verb, idx)
            sources, inherited = found.actors, True
            if not sources and not any(c.dep_ == "agent" for c in verb.children):
                # "X has been locked in talks with Y", "was engaged in talks": a stative
                # passive's subject takes part
                sources = [a for c in verb.children if c.dep_ == "nsubjpass" for a in self.group(c, idx)]
        if not sources and tgt and p.symmetric:
            # "talks with Rohan have begun, the Gondorian government said": talks, a deal, a
            # meeting the speaker reports with no one else named as their party are its own
            keys = {a.key for a, _ in tgt}
            sources = [(a, via) for a, via in self._reporter(noun, idx) if a.key not in keys]
            inherited = inherited or bool(sources)
        if not tgt and not p.preps:
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ in ("with", "between", "of", "to", "against", "on"):
                    tgt = [a for c in child.children if c.dep_ == "pobj" for a in self.group(c, idx)]
                    if tgt:
                        break
        if p.preps and "between" in p.preps and len(tgt) >= 2 and (not sources or inherited) \
                and any(t.head.lower_ == "between" for t in targets):
            # "announced accords between Peru and Chile": the parties are the two named, not
            # whoever announced, welcomed or brokered them
            sources, tgt, inherited = (tgt, [], False) if p.symmetric else (tgt[:1], tgt[1:2], False)
        if p.symmetric and len(tgt) >= 2 and (not sources or inherited) and any(
                c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
            # "a trilateral meeting of Ghana, Togo and Benin": a group's meeting is among its
            # members, whoever the clause's subject is
            sources, tgt, inherited = tgt, [], False
        if len(sources) >= 2 and not tgt and p.symmetric:
            pass  # "Franco-Kazakh cooperation": _pairs makes the pair
        negated = self._negated(noun)
        code, kind = p.code, None
        # the verb whose object the noun is ("expand cooperation" makes the cooperation what is
        # intended), or the verb of an "in" phrase that says what the subject takes part in
        # ("will take part in talks", "refused to take part in talks"); not any verb over it:
        # "abide by Western sanctions" does not make the sanctions intended
        gov, is_object = None, False
        if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
            gov, is_object = noun.head, True
        elif noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ == "in" \
                and noun.head.head.pos_ in ("VERB", "AUX"):
            gov = noun.head.head
        elif noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ == "for" \
                and noun.head.head.pos_ == "VERB" and noun.head.head.lemma_.lower() in self.intent_verbs:
            # "are preparing for the summit with Rohan", "hopes for talks with Gondor": the
            # verb of intent makes the event what is intended, as its object would be
            gov, is_object = noun.head.head, True
        elif noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.lemma_.lower() in self.request_verbs:
            self.asked(noun.head.head, p.code)  # "called for talks with Rohan": an appeal to negotiate
            return []  # "called for an investigation into ...": asked for, not done
        if ready:
            kind = "intent"
            code = self.transform(p.code, kind)
        if gov is not None:
            # "ready to expand cooperation with France": the verb's stance applies to the noun;
            # so does the verb itself when it is one of intent or refusal ("vowed support for")
            kind, wrapper, gov_negated, _, _ = head_stance if head_stance is not None and gov.i == noun.head.i \
                else self.stance(gov)
            if kind in ("intent", "refusal", "threat") and wrapper is not None and wrapped is not None:
                wrapped.add(wrapper.i)  # "refused to attend talks with": the refusal is coded here
            if kind == "request":
                return []
            lemma = gov.lemma_.lower() if is_object else ""
            if lemma in self.cancels and (lemma != "call" or any(c.lower_ == "off" for c in gov.children)) \
                    and not (lemma == "end" and p.code in VISIT_CODES):  # "ended his visit": it took place
                negated = True  # "cancelled a meeting with", "called off the talks"
            ended = self.ended(p.code, lemma)
            if ended:
                negated = False  # "halted trade with Rohan", "suspended aid to": relations cut (cessation.codes)
            if lemma in self.intent_verbs:
                kind = "intent"
                if wrapped is not None:
                    wrapped.add(gov.i)
            elif lemma in self.refusal_verbs:
                kind = "refusal"
                if wrapped is not None:
                    wrapped.add(gov.i)
            elif self.refused(gov, p.code, kind):
                kind, gov_negated = "refusal", False  # "will not attend the summit with"
            negated = negated or gov_negated
            code = ended or self.transform(p.code, kind)
        elif noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in OCCASION_PREPS \
                and noun.head.head.pos_ in ("VERB", "AUX"):
            # "will raise it at a meeting with Rohan", "plans to sign it during a visit to
            # Gondor": the occasion the verb's act is set in is as far off as the act; only
            # its intent carries over ("did not raise it during the talks": they were held),
            # and only to an occasion ("pledged to abide by Western sanctions": in force)
            time_kind = self.stance(noun.head.head)[0]
            if time_kind in ("intent", "modal"):
                kind, code = time_kind, self.transform(p.code, time_kind)
        elif noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX") \
                and noun.head.lemma_.lower() in self.nominal_happening:
            # "talks between Rohan and Gondor will take place on Monday": the verb that says
            # the event happens says when; a future one makes it intended
            time_kind = self.stance(noun.head)[0]
            if time_kind in ("intent", "modal"):
                kind, code = time_kind, self.transform(p.code, time_kind)
        if kind in (None, "modal") and self._due_to_happen(noun):
            kind, code = "intent", self.transform(p.code, "intent")  # "talks are due to resume"
        if kind is None and any(c.dep_ in ("amod", "compound") and c.lower_ in self.nominal_unrealised
                                for c in noun.children):
            # "announced Xi's upcoming visit to Moscow": reported, but not happened yet; an
            # intent ("Trump's planned trip" in a phrase that only mentions it is not coded)
            kind = "intent"
            code = self.transform(p.code, kind)
        # a relative clause of calling off, on the noun or, as the small model hangs it, on the
        # place or party its phrase names ("a trip to Warsaw, which was cancelled")
        hosts = [noun, *(g for c in noun.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj")]
        if any(c.dep_ in ("amod", "compound") and c.lower_ in self.nominal_called_off for c in noun.children) or any(
                c.dep_ in ("relcl", "acl") and c.lemma_.lower() in self.cancels and not self._negated(c)
                and any(a.dep_ == "auxpass" for a in c.children)
                and not any(a.dep_ == "aux" and a.lower_ in self.intent_modals for a in c.children)
                for h in hosts for c in h.children):
            negated = True  # "the cancelled visit to Warsaw", "a visit, which was later cancelled"
        if not code:
            return []  # an act ended that has no code of its own
        conf = DIRECT - NOMINAL - (INHERITED if inherited else 0)
        symmetric = p.symmetric and kind not in ("refusal", "threat")
        out = []
        if not sources and not tgt:
            return []  # "during the visit", "the signing of the bill": no party named at all
        if not tgt and sources and self.opposes(p.code):
            tgt = idx.opponent(sources, sent_index)  # "Gondor began a ground offensive" in a war told before
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

    def _reporter(self, noun: Token, idx: ActorIndex) -> list[tuple[Actor, str]]:
        """Who reports the clause a noun is in, when a speech verb reports it ("talks with
        Rohan have begun, Gondor said": Gondor); none when the noun is in a clause of its own
        under the reported one (a relative or adverbial clause)."""
        verb = noun
        while verb.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "prep", "compound", "conj", "appos") \
                and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX") or not self._told(verb):
            return []
        return list(self.subject(verb.head, idx).actors)

    def _reaction_verb(self, noun: Token) -> Token | None:
        """The verb a reaction noun is met by, when the noun sits in one of
        ``nominal.reaction_phrases`` on it ("went ahead despite opposition from",
        "pressed on in the face of objections"): the words from the verb down to the noun
        must be one of the phrases."""
        words: list[str] = []
        cur = noun
        for _ in range(6):
            if cur.dep_ != "pobj" or cur.head.dep_ != "prep":
                return None
            words.insert(0, cur.head.lower_)
            gov = cur.head.head
            if gov.pos_ in ("VERB", "AUX") or (gov.tag_ == "VBG" and gov.dep_ == "xcomp"):
                while gov.dep_ == "xcomp" and gov.head.pos_ in ("VERB", "AUX"):
                    gov = gov.head  # "resumed whaling in the face of ...": who resumed
                return gov if tuple(words) in self.reaction_phrases else None
            if gov.pos_ != "NOUN" or gov.i > noun.i:
                return None
            words.insert(0, gov.lower_)  # "in the face of": face
            cur = gov
        return None

    def _reactions(self, sent: Span, idx: ActorIndex, sent_index: int, taken: set[int]) -> list[Candidate]:
        """Disapproval an act met: "Gondor went ahead despite opposition from Rohan" is Rohan's
        opposition to Gondor (``nominal.reactions``). The reacting side is the noun's "from"
        or "by" phrase, its adjective or its possessor; the other is the subject of the verb
        the phrase hangs on. A passive with no agent ("the plan was adopted over objections
        from Rohan") names nobody who acted, and gives nothing."""
        out: list[Candidate] = []
        for noun in sent:
            code = self.reactions.get(noun.lemma_.lower())
            if code is None or noun.pos_ != "NOUN" or noun.i in taken:
                continue
            verb = self._reaction_verb(noun)
            if verb is None or verb.lemma_.lower() in self.reaction_not_after or self._negated(noun):
                continue
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
                continue  # "despite criticism of Rohan": the noun names its own target
            sources = [a for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                       for p in c.children if p.dep_ == "pobj" for a in self.group(p, idx)]
            sources = sources or [a for c in noun.children if c.dep_ == "poss" for a in self.group(c, idx)]
            sources = sources or [(a, m.via) for m in idx.mods_of.get(noun.i, ()) for a in m.actors
                                  if not (m.aliases and m.aliases[0].kind == "capital")]
            whole = idx.np_at.get(noun.i)
            if not sources and whole is not None and whole.start < noun.i:
                # "British objections" read as one mention; "Chinese opposition" as a party of
                # the opposition is no state reacting
                sources = [(a, whole.via) for a in whole.actors if not a.roles & {"OPP"}]
            found = self.subject(verb, idx)
            if not sources or not found:
                continue
            own = {a.key for a, _ in sources}
            targets = [t for t in found.actors if t[0].key not in own]
            for s, t, penalty, how in self._pairs(sources, targets, False, idx, sent_index):
                out.append(Candidate(code, s, t, noun, f"{code}:reaction:{noun.lemma_.lower()}",
                                     DIRECT - NOMINAL - (INHERITED if found.inherited else 0) - penalty, False, ["reaction"],
                                     how=("noun", "reaction", *how)))
        return out
