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

Layout, one concern per module (records flow from ``candidates`` up to here, never back):
``candidates.py`` the working records (``Candidate``, ``Found``, ``ActorIndex`` ...);
``arguments.py`` step 2 and the pairs of step 4; ``stance.py`` step 3; ``nouns.py`` noun
events; ``speech.py`` speech, request and accusation events and intents with nothing codable
inside; ``evaluation.py`` praise and criticism in the words of what speakers say; ``generalise.py`` verbs no pattern names, coded by the nearest pattern in
meaning. This module matches the patterns (step 1), codes verb events, puts a sentence's
candidates together and makes the choice (step 5).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from tacitus.actors.names import Descriptors
from tacitus.events.acts import VICTIM_ROOTS, own_states
from tacitus.events.arguments import Arguments
from tacitus.events.candidates import (
    DIRECT,
    DISTRIBUTIVE,
    HOSTILE_ROOT,
    INHERITED,
    POSSIBLE,
    REPORTED,
    ActorIndex,
    Candidate,
    Found,
    Hit,
    choose,
    official,
    region_adjectives,
    upper_only,
)
from tacitus.events.evaluation import THREAT_ROOT, EvaluationEvents
from tacitus.events.generalise import FORCE_ROOTS, GeneralisedEvents
from tacitus.events.matcher import (
    Matcher,
    acts_on_its_object,
    left_in_state,
    post_domain,
    pre_domain,
)
from tacitus.events.money import is_money
from tacitus.events.nouns import NounEvents
from tacitus.events.objects import of_heads
from tacitus.events.patterns import Pattern, PatternBook
from tacitus.events.presence import PresenceEvents
from tacitus.events.speech import WARNING, SpeechEvents
from tacitus.events.stance import StanceRules, word_table
from tacitus.nlp.misparse import main_participle, relative_antecedent, series_verb
from tacitus.records import Actor

__all__ = ["ActorIndex", "Candidate", "Coder", "choose"]

#: The plain appeal, which the act it asks for makes specific ("urged Rohan to hold talks": 026).
PLAIN_APPEAL = "020"


def reciprocal(tok: Token) -> bool:
    """Whether a phrase is "each other" or "one another": the group of the subject acting on
    its own members ("Gondor and Rohan accused each other of breaking the truce"); or "the
    other" after a subject taken one at a time ("each side accused the other")."""
    near = {c.lower_ for c in tok.children}  # "one another": the parser may head it by "one"
    if tok.lower_ == "other" and near == {"the"}:
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        return any(c.dep_ == "nsubj" and any(d.dep_ == "det" and d.lower_ in DISTRIBUTIVE for d in c.children)
                   for c in verb.children)
    return tok.lower_ == "other" and "each" in near or {tok.lower_, *near} >= {"one", "another"}


#: The prepositions of what a revenge answers: "vowed revenge for the killing".
REVENGE_PREPS = frozenset({"for"})


class Coder(NounEvents, SpeechEvents, EvaluationEvents, GeneralisedEvents, PresenceEvents):
    """Codes the sentences of one parsed article.

    The concerns are inherited, each from its module: :class:`Arguments` (``arguments.py``:
    who acts on whom), :class:`StanceRules` (``stance.py``: negation, intent, refusal,
    hedges), :class:`NounEvents` (``nouns.py``), :class:`SpeechEvents` (``speech.py``:
    appeals, demands, accusations, intents with no act inside), :class:`EvaluationEvents`
    (``evaluation.py``: praise and criticism in what speakers say),
    :class:`GeneralisedEvents` (``generalise.py``: verbs no pattern names) and
    :class:`PresenceEvents` (``presence.py``: an official "in" another state visits it). This class
    matches the patterns, codes verb events and puts a sentence's candidates together.

    ``generalise``: code a verb no pattern names by its nearest pattern in meaning.
    """

    def __init__(self, book: PatternBook, *, domestic: bool = False, monadic: bool = False,
                 generalise: bool = True) -> None:
        Arguments.__init__(self, book, domestic=domestic, monadic=monadic)
        StanceRules.__init__(self, book)
        NounEvents.__init__(self, book)
        SpeechEvents.__init__(self, book)
        EvaluationEvents.__init__(self, book)
        GeneralisedEvents.__init__(self, book, generalise=generalise)
        PresenceEvents.__init__(self, book)
        st = book.stance
        self.self_codes = frozenset(str(c) for c in st.get("choice", {}).get("self_codes", []) or [])
        self.military_codes = word_table(book, "choice", "military_codes")
        self.official_codes = word_table(book, "choice", "official_codes")
        self._matchers = {False: Matcher(None, forms=False), True: Matcher(None, forms=True)}
        self.keep_nested = str(st.get("nesting", {}).get("keep", "both"))
        self.measure_nouns = Descriptors.load().measure_nouns
        self.aid_codes = tuple(sorted(book.stance_words("arguments", "aid_codes")))
        self.disaster_nouns = book.stance_words("arguments", "disaster_nouns")
        self.person_objects = book.stance_words("arguments", "person_objects")
        self.revenge_nouns = book.stance_words("arguments", "revenge_nouns")

    # ------------------------------------------------------------------ matching

    def _has_mods(self, noun: Token, mods: tuple[frozenset[str], ...]) -> bool:
        words = {c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
        words |= {c.lower_ for c in noun.children}
        if mods:  # "the withdrawal of its troops" as "a troop withdrawal", "the supply of arms" as "arms supply"
            words |= of_heads(noun)
        return all(words & m for m in mods)

    def match_verb(self, verb: Token, idx: ActorIndex) -> list[Hit]:
        """Patterns that match a verb, each with what it found (object, target tokens, slots)."""
        keys = {verb.lemma_.lower(), verb.lower_}
        patterns = {id(p): p for k in keys for p in self.book.verbs.get(k, ())}
        asked = self.asked_for(verb)  # "asked Rohan for arms": as "requested arms from Rohan"
        if asked is not None:
            patterns.update((id(p), p) for p in self.book.verbs.get(self.asked_as, ())
                            if not p.general and p.objects and "from" in p.preps)
        obj = self._object(verb)
        patterns.update(self.promised(verb, obj))  # "pledged medical supplies to Rohan"
        if not patterns or self.backing_described(verb, idx):
            return []
        particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
        out: list[Hit] = []
        domains: tuple[list[Token], list[Token]] | None = None
        for p in patterns.values():
            if p.setting("match") == "forms" and verb.lower_ not in p.head:
                continue
            if p.general:
                if domains is None:  # once per verb: its domains and what its slots can take
                    domains = (pre_domain(verb), post_domain(verb))
                    spans = self._slot_spans(verb, idx)
                matcher = self._matchers[p.setting("match") == "forms"]
                matcher.actor_span = spans
                binding = matcher.match(p, verb, *domains)
                if binding is None:
                    continue
                if (p.object_kind and not self.object_ok(p, obj, idx)) or acts_on_its_object(p, verb) \
                        or left_in_state(verb):
                    continue
                if "group" in binding.slots and any(e.kind == "group" for e in p.before) \
                        and len(self.subject(verb, idx).actors) < 2:
                    continue  # "% *meet" needs a group: "Sunak met with Macron" is "meet with"'s
                out.append(Hit(p, obj, list(binding.prep_objects), binding))
                continue
            if any(pt not in particles for pt in p.particles):
                continue
            targets: list[Token] = []
            if asked is not None and not (keys & p.head):
                if self.object_words(asked[0]) & p.objects and self._has_mods(asked[0], p.object_mods):
                    out.append(Hit(p, asked[0], asked[1], None))
                continue
            if p.objects:
                # "a coalition to patrol the Gulf, which ... joined": the noun the pattern takes
                what = relative_antecedent(verb, obj, p.objects)
                given = self.given_with(verb, obj) if what is obj and obj is not None \
                    and obj.lemma_.lower() not in p.objects else None
                if given is not None:
                    what = given  # "supplied Rohan with arms": Rohan is the recipient
                if what is None or not (self.object_words(what) & p.objects or (
                        "money" in p.objects and is_money(what))) or not self._has_mods(what, p.object_mods):
                    continue
                if p.preps:
                    targets = self._preps(verb, p.preps, what)
                    if not targets and given is not None and p.preps & {"to", "for"}:
                        targets = [obj]
                    if not targets and p.preps & {"to", "for"}:
                        targets = self.recipients(verb, what, idx)
                    if not targets and ("from" in p.preps and p.code[:2] == "02" or "of" in p.preps and p.code[:2] != "01"):
                        # "sought Rohan's help" is "sought help from Rohan": its giver owns it;
                        # "wrote off Rohan's debt" is "wrote off the debt of Rohan" (a claim's
                        # "of" says what it claims: "denied Rohan's claims" is another act)
                        targets = [c for c in what.children if c.dep_ == "poss" and (c.pos_ == "PROPN" or c.i in idx.np_at)]
                    if not targets:
                        continue
                if what is not obj:
                    if not (p.object_kind and not self.object_ok(p, what, idx)):
                        out.append(Hit(p, what, targets, None))
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
            if p.object_kind and not self.object_ok(p, obj, idx):
                continue
            out.append(Hit(p, obj, targets, None))
        return out

    def _slot_spans(self, verb: Token, idx: ActorIndex):  # noqa: ANN202 - a span lookup
        """What a general pattern's slot can take: an actor mention, or the verb's subject when
        it names an act again ("The decision drew criticism from Rohan": whose decision it was
        is found by :meth:`act_owners`)."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.i in idx.np_at or subj.lemma_.lower() not in self.act_nouns:
            return idx.span_at
        start = subj.left_edge.i
        return lambda i: idx.span_at(i) or ((start, subj.i + 1) if start <= i <= subj.i else None)

    def _joins_made(self, verb: Token, obj: Token | None) -> bool:
        """Whether the verb joins something another made ("joined the coalition"): an act
        towards its maker, not between those who join; "joined forces" is between them."""
        return verb.lemma_.lower() in self.joining_verbs and obj is not None and obj.lemma_.lower() not in self.joint_objects

    # ------------------------------------------------------------------ the sentence

    def code_sentence(self, sent: Span, idx: ActorIndex, sent_index: int) -> list[Candidate]:
        """All candidate events of one sentence, before the sentence-level choice."""
        if sent.text.rstrip().rstrip("\u201d\"'").endswith("?"):
            return []  # a question reports nothing as having happened
        self.note_need(sent, idx, sent_index)
        out: list[Candidate] = []
        wrapped_triggers: set[int] = set()
        self._asked.clear()
        for tok in sent:
            # a noun with a subject or an object is a verb the tagger missed, as in headlines
            # ("Lima talks condemn Chilean-Bolivian pact")
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and (
                    tok.tag_ == "VBG" or any(c.dep_ in ("dobj", "nsubj") for c in tok.children))):
                hits = self.match_verb(tok, idx)
                if hits and tok.lemma_.lower() in self.generic_intent and any(
                        c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in tok.children):
                    hits = []  # "agreed with Norway to go ahead with a study": an intent, coded below
                if hits:
                    best = max(hits, key=lambda h: h.rank)
                    if not best.pattern.is_null:
                        out.extend(self._verb_events(tok, best, idx, sent_index, wrapped_triggers))
                elif tok.pos_ == "VERB":
                    # a verb no pattern names: its nearest pattern in meaning (generalise.py)
                    out.extend(self._generalised_events(tok, idx, sent_index))
            if tok.pos_ in ("NOUN", "PROPN"):
                matches_n = self.match_noun(tok)
                if matches_n:
                    best = max(p.specificity for p, _ in matches_n)
                    for p, targets in matches_n:
                        if p.specificity == best:
                            out.extend(self._noun_events(tok, p, targets, idx, sent_index, wrapped_triggers))
        out.extend(self._reactions(sent, idx, sent_index, {c.trigger.i for c in out}))
        out.extend(self._presence(sent, idx, sent_index))
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
                    elif noun is not None and c.code == PLAIN_APPEAL and (appeal := self.appeal(noun.code)):
                        c.code = appeal  # "called for talks with Rohan": 026
                if c.code == PLAIN_APPEAL:
                    # "urged Rohan to hold talks", "to resume talks": 026
                    c.code = self._asked.get(c.trigger.i) or self.object_act(c.trigger, self.appeal) or c.code
                if c.code[:3] == self.mediation_code:
                    continue  # "brokered a deal between Rohan and Gondor": their deal is coded too
                verb_objects |= objs
                verb_objects |= set(c.targets)  # "withdrew from a treaty with Iran"
        out = [c for c in out if c.trigger.i not in verb_objects]
        if self.keep_nested == "upper":
            out = upper_only(out)
        out.extend(self._wrapper_events(sent, idx, sent_index, wrapped_triggers))
        out = [c for c in out if not self._hedged(c.trigger) and not self._description(c.trigger)]
        claimed = self._claimed(sent)
        out = [c for c in out if c.trigger.i not in claimed]
        said = self._accusations(sent, idx) + self._behests(sent, idx)
        for c in (c for c in said if c.code == PLAIN_APPEAL):
            c.code = self._asked.get(c.trigger.i, c.code)  # "called for Rohan to withdraw": 0256
        # "warned Rohan that its ships would be seized" is a threat, not also a disapproval
        warned = {c.trigger.i for c in said if c.pattern.endswith(WARNING)}
        out = [c for c in out if not (c.trigger.i in warned and c.code[:2] == "11")] + said
        out.extend(c for c in self._evaluations(sent, idx, out) if not self._hedged(c.trigger))
        for c in out:
            if c.code in self.military_codes and c.target is not None and "MIL" in (c.target.role or ""):
                c.code = self.military_codes[c.code]  # cooperation with an army is military cooperation
            if c.code in self.official_codes and official(c.source, sent, idx):
                c.code = self.official_codes[c.code]  # a state's protest is an official complaint
        # "European exports", "a Latin American network": a region named only by its
        # adjective on a thing is where the thing is from, no party to a statement or to
        # cooperation; threats and force against "Western shipping" do target the West
        if any(c.target is not None and c.target.kind == "region" for c in out):
            adjectives = region_adjectives(sent, idx, self.book.nouns, self.act_nouns)
            out = [c for c in out if c.target is None or c.target.key not in adjectives or c.code[:2] >= "13"]
        # an actor acting on itself says nothing about a relation: kept only for the codes
        # that allow it (``choice.self_codes``); other actors of one state need ``domestic``
        return [c for c in out if c.target is None or c.source.code != c.target.code
                or c.code in self.self_codes or c.code[:3] in self.self_codes]

    def _verb_events(self, verb: Token, hit: Hit, idx: ActorIndex, sent_index: int,
                     wrapped: set[int]) -> list[Candidate]:
        p, obj, targets = hit.pattern, hit.obj, hit.targets
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or \
            (verb.dep_ == "acl" and verb.tag_ == "VBN" and not main_participle(verb))
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
            if tgt and p.code[:2] in self.struck_not_judged:
                # "condemned the attack on Rohan": Rohan was struck, the attacker is condemned
                # (a pattern's own preposition names its target: "blamed the attack on Rohan")
                struck = {k for t in (targets if p.preps else [obj] if obj is not None else [])
                          for k in self.struck_by(t, idx)}
                tgt = [a for a in tgt if a[0].key not in struck]
            if not tgt and len(src.actors) >= 2 and any(reciprocal(t) for t in [*targets, *verb.children]):
                tgt = [(a, "reciprocal") for a, _ in src.actors]  # "accused each other": each the others
            if passive and not src and obj is not None and obj.dep_ == "nsubjpass" and \
                    obj.lemma_.lower() in self.owned_objects and not any(c.dep_ == "agent" for c in verb.children):
                # "Peru's ambassador to Chile was recalled": a state's own envoys and troops
                # are recalled and withdrawn by that state
                src = Found([a for a in self.group(obj, idx) if all(a[0].key != t[0].key for t in tgt)])
        if passive and not src and verb.lemma_.lower() in self.host_passive_verbs:
            src = Found(self.host(verb, tgt, idx))  # "was summoned to the foreign ministry in Moscow"
        elif not src:
            src = Found(self.crowd_source(verb, obj, idx))  # "Protesters stormed the embassy in Tehran"
        if not src and "between" in p.preps and len(tgt) >= 2 and p.symmetric:
            # "a treaty signed between Peru and Chile"; not "a deal brokered between ...",
            # whose source is the unnamed mediator
            src, tgt = Found(tgt), []  # every two of them (pairs.ALL_PAIRS_MAX)
        elif p.symmetric and passive and not src:
            # "talks were held in Riyadh between US and Russian delegations": the parties
            between = [a for t in self._preps(verb, frozenset({"between"})) +
                       (self._preps(obj, frozenset({"between"})) if obj is not None else [])
                       for a in self.group(t, idx)]
            if len(between) >= 2:
                src, tgt = Found(between), []
        if src and p.code in self.release_codes:
            # "demanded the release of two Rohirrim held by Gondor": the one asked is the holder
            # (the captives, when the slot is their adjective: "two Chilean sailors detained in ...")
            slots = targets or (hit.binding.slots.get("target", []) if hit.binding is not None else [])
            captives = [t.head if t.dep_ in ("amod", "compound") and t.head.pos_ == "NOUN" else t for t in slots]
            tgt = self.holder(captives, idx, src) or tgt
            if not tgt and p.code[:2] in ("02", "10"):
                # "Rohan seized three Gondorian boats. Gondor demanded the release of the crews":
                # asked of whoever last struck the asker's side
                tgt = idx.answered(src.actors, sent_index)
        if src and tgt and not passive and (p.code[:2] in self.place_target_codes or p.code[:3] in self.place_target_codes):
            own = own_states(src)
            if all(t[0].key in own or t[0].country in own for t in tgt):
                # "visited French troops in Mali", "sent aid to the Peruvian community in Chile":
                # the source's own people, visited or helped abroad, stand for the place's state
                tgt = [a for a in self.place_targets(verb, obj, src, idx) if a[0].country not in own] or tgt
        if src and not tgt and p.code[:2] in self.place_target_roots:
            tgt = self.place_targets(verb, obj, src, idx)
        elif src and not tgt and not passive and (p.code[:2] in self.place_target_codes or
                                                  p.code[:3] in self.place_target_codes):
            tgt = self.place_targets(verb, obj, src, idx, targets)
        if src and not tgt and p.code[:2] in self.act_target_roots and not p.preps and \
                not (p.symmetric and len(src.actors) >= 2 and not self._joins_made(verb, obj)):
            # (a group that signs "the agreement" is its parties: "was signed by the ministers";
            # a group that joins "the coalition" joins its maker)
            tgt = self.act_owners(obj, idx, src)
            if not tgt and p.objects and obj is not None:
                tgt = self.object_owner(obj, idx, src, verb)  # "denied the Somali claims"
        if src and not tgt and p.code[:2] in self.act_target_roots and not p.symmetric:
            tgt = self.reason_owner(verb, obj, idx, src)  # "protested over the remarks of a Rohan envoy"
        if src and not tgt and (p.code[:2] in self.clause_target_roots or p.code[:3] in self.clause_target_roots):
            tgt = self.clause_subject(verb, obj, idx, src)  # "voiced concern that Rohan is arming ..."
        if src and not tgt and p.code in self.claim_codes:
            # "claimed responsibility for the attack": whom the act told before struck
            tgt = self.act_victims(next((t for t in targets if t.lemma_.lower() in self.act_nouns), None), idx, src)
        if src and not tgt and not passive:
            tgt = self.conditioned(verb, p.code, idx, src)  # "would cut aid if Rohan resumed the tests"
        if src and not tgt and p.code.startswith(self.aid_codes):
            # "gave $5m to help flood victims in Rohan", "pledged $5m to help rebuild Rohan"
            tgt = self.purpose_targets(verb, obj, idx, src)
        if src and not tgt and p.symmetric:
            # "signed a deal on Danish-Chinese tourism", "signed a deal to import gas from Rohan"
            tgt = self.pair_partner(verb, idx, src) or self.deal_partners(obj, idx, src)
        if src and not tgt and p.code.startswith(self.aid_codes):
            tgt = idx.recipient(src.actors, sent_index)  # "... Arnor pledged $5m in assistance"
        if src and not tgt and (any(c.dep_ == "advmod" and c.lower_ in self.additive_adverbs for c in verb.children) or (
                obj is not None and any(c.dep_ == "amod" and c.lower_ in self.additive_adjectives for c in obj.children))):
            tgt = idx.parallel(p.code, src.actors, sent_index)  # "... Arnor also congratulated him", "similar sanctions"
        if src and not tgt and p.code in self.ending_codes and hit.binding is not None:
            # "called for an end to the offensive": whoever wages it
            tgt = self.waged_by(hit.binding.words, idx, src) or idx.answered(src.actors, sent_index)
        asked = {t.lemma_.lower() for t in (obj, *targets) if t is not None} if p.code[:2] == PLAIN_APPEAL[:2] else set()
        if src and not tgt and (p.code == self.mediation_code or p.code in self.deescalation_codes or
                                asked & (self.truce_nouns | self.dialogue_nouns)):
            # "... Arnor called for a ceasefire", "offered to mediate", "urged dialogue"
            tgt = idx.warring(src.actors, sent_index, p.code == self.mediation_code or bool(asked & self.dialogue_nouns))
        if src and not tgt and (obj is None or obj.lemma_.lower() in p.objects) and not targets \
                and self.bystands(p.code):
            # "... Arnor voiced concern" (012), "Rohan lodged a protest"
            tgt = idx.aggressor(src.actors, sent_index) or idx.answered(src.actors, sent_index) \
                or idx.judged(src.actors, sent_index)  # "... Harad too voiced concern": the deed judged before
        if src and not tgt:  # "The Sultan died ... India sent condolences", "... Rohan recalled its envoy"
            tgt = self.unnamed_party(p.code, obj, bool(p.preps), idx, src, sent_index)
        if src and not tgt and self.opposes(p.code):
            tgt = idx.opponent(src.actors, sent_index)  # "... then Gondor began a ground offensive"
        if src and p.code[:2] >= "10" and not {t[0].country for t in tgt} - own_states(src) and self.responds(verb):
            tgt = idx.answered(src.actors, sent_index) or tgt  # "... Rohan responded by recalling its envoy"
        if src and not tgt and p.code[:2] == THREAT_ROOT and (revenge := next((
                w for w in (obj, *(hit.binding.words if hit.binding is not None else ()))
                if w is not None and w.lemma_.lower() in self.revenge_nouns), None)) is not None:
            # "vowed revenge for the killing": on the doer of the act avenged; "vowed revenge",
            # "warned of serious consequences": on the other side of the last hostility
            tgt = self.reason_owner(verb, revenge, idx, src, REVENGE_PREPS) or idx.adversary(src.actors, sent_index)
        src_keys = {a.key for a, _ in src.actors}
        # (a participle of words too: "cut ties with Rohan, accusing it of ..."; not one of force,
        # which tells what the act before did: "shelled the town, killing 20")
        first = verb.head if (verb.dep_ == "conj" or verb.dep_ == "advcl" and verb.tag_ == "VBG"
                              and p.code[:2] not in FORCE_ROOTS) and verb.head.pos_ in ("VERB", "AUX") else series_verb(verb)
        if src and first is not None and \
                all(t[0].key in src_keys for t in tgt) and \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and \
                not any(c.dep_ == "prep" and c.lower_ in ("with", "to", "on", "against") for c in verb.children) and \
                not (p.code[:2] in self.act_target_roots and obj is not None and
                     any(r[:2] >= HOSTILE_ROOT for r in self.act_nouns.get(obj.lemma_.lower(), ()))):
            # "met Albanese in Canberra and signed agreements", "protested to China and
            # demanded the release of its fishermen", "visits Rohan, signs trade deals": the
            # other party of the first verb (not when it judges a hostile act it names:
            # "shared Rohan's view and condemned the attack" does not condemn Rohan)
            tgt = [a for a in self._clause_targets(first, idx) if a[0].key not in src_keys] or tgt
        kind, wrapper, negated, possible, reported = self.stance(verb)
        if kind == "request":
            # the act asked for is the request's content, coded with the request: it names
            # the kind of appeal ("urged Rohan to hold talks" is an appeal to negotiate, 026)
            self.asked(wrapper, p.code)
            return []
        if kind == "modal" and wrapper is not None and wrapper.lower_ in self.possibility:
            # "China warned that Chinese consumers could boycott ...": what a warning says may
            # happen is threatened only by the warner's own side ("the US warned that Russia
            # could invade" is no Russian threat)
            warner = {a.country or a.key for a, _ in self.subject(verb.head, idx).actors}
            if not warner or not any((a.country or a.key) in warner for a, _ in src.actors):
                return []
        if self.refused(verb, p.code, kind):
            kind, negated = "refusal", False
        code = self.transform(self.mediated(verb, p.code), kind)
        if not code:
            return []  # an act ended that has no code of its own ("stopped criticising")
        if self.verbal_code and verb.lemma_.lower() in self.verbal_verbs and any(
                c.dep_ in ("advcl", "xcomp", "conj") and c.tag_ == "VBG" and c.lemma_.lower() in self.speech_verbs
                for c in verb.children):
            code = self.verbal_code  # "Mbeki attacked British imperialists, saying ...": words
        # the wrapper ("agreed to ...") is coded by this event when it gives one; an inner act
        # with no party found leaves it to the generic intent (speech._wrapper_events)
        wraps = kind in ("intent", "refusal", "threat") and wrapper is not None
        # joining something another made is no act between those who join ("the coalition was
        # joined by Peru and Chile"); "joined forces" still is
        symmetric = p.symmetric and kind not in ("refusal", "threat") and not self._joins_made(verb, obj)
        if group:
            grouped = self._group_events(code, group, verb, p, negated, possible, reported)
            if wraps and grouped:
                wrapped.add(wrapper.i)
            return grouped
        if not src and not group and not negated and not kind and code[:2] in VICTIM_ROOTS:
            self._unclaimed(code, verb, obj, tgt, passive, idx, sent_index)
        if not src and passive and p.symmetric and len(tgt) == 1:
            src = Found(self.agentless_party(verb, obj, tgt[0][0], idx, sent_index))  # "the deal with Rohan was sealed"
        if not src and (not passive or self._unresolved_subject(verb)) and hit.binding is None:
            # only an agentless passive ("agreements were signed") takes its parties from the
            # context; "I met with my neighbours" or an active verb whose subject was not found
            # names nobody
            return []
        conf = DIRECT - (INHERITED if src.inherited else 0) - (POSSIBLE if possible else 0) \
            - (REPORTED if reported else 0)
        out = []
        slot_filled = bool(targets) and (bool(p.preps) or not p.objects)
        # (not in a relative clause or a participle: "the deal that was signed in 2015", "the
        # treaty, signed in 1929," describe an act told elsewhere, whose parties the states in
        # focus need not be)
        context_ok = passive and bool(p.objects) and not slot_filled and hit.binding is None \
            and verb.dep_ not in ("relcl", "acl")
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
        # what the verb is about, no event of its own: its slots, and the nouns a general
        # pattern's words matched ("called for the release of ...": the release asked for)
        about = tuple(x.i for x in targets) + tuple(
            w.i for w in (hit.binding.words if hit.binding is not None else ()) if w.pos_ == "NOUN")
        for s, t, penalty, how in self._pairs(src.actors, tgt, symmetric, idx, sent_index, partner=context_ok,
                                              has_phrase=has_phrase):
            notes = [f"stance={kind}"] if kind else []
            pair_code = self.verbal(code, verb, s, t)
            out.append(Candidate(pair_code, s, t, verb, p.id, conf - penalty, negated, notes, about,
                                 how=(*base_how, *how)))
            if self._mutual(symmetric, tgt, t, code):
                out.append(Candidate(code, t, s, verb, p.id, conf - penalty, negated, [*notes, "mutual"],
                                     about, how=(*base_how, *how)))
            if p.reciprocal and t is not None:
                back, back_negated = self.negate(p.reciprocal, negated) if negated else (p.reciprocal, False)
                out.append(Candidate(back, t, s, verb, p.id, conf - penalty, back_negated,
                                     [*notes, "reciprocal"], about,
                                     how=(*base_how, *how, "reciprocal")))
        if not out and not negated and not kind and src.actors and code[:2] in self.doer_only_roots:
            # "Gondorian guards fired across the border ... Rohan condemned the shooting": the
            # deed, with no party struck named, is still the one a later noun names again
            idx.acts.append((sent_index, code, tuple(a for a, _ in src.actors), verb.lemma_.lower()))
        if wraps and (out or self.monadic):
            wrapped.add(wrapper.i)
        return out

    def _unclaimed(self, code: str, verb: Token, obj: Token | None, tgt: list[tuple[Actor, str]], passive: bool,
                   idx: ActorIndex, sent_index: int) -> None:
        """Remember whom a use of force with no doer named struck ("Gondor's border posts were
        shelled", "drones hit two oil plants in Gondor"), for whoever later claims it
        (``ActorIndex.victims``): the passive's subject or the first actor named in it, else
        the actors or the place the act names."""
        struck = tgt
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None) if passive else None
        if not struck and subj is not None:
            struck = self.group(subj, idx)
            # "facilities belonging to Gondor's oil company", "the depots of Rohan": the first
            # actor named in the subject owns what was hit
            first = min((m for i in (t.i for t in subj.subtree) for m in (idx.np_at.get(i), *idx.mods_of.get(i, ()))
                         if m is not None), key=lambda m: m.start, default=None)
            struck = struck or ([(a, "context") for a in first.actors] if first is not None else [])
        if not struck:
            struck = self.place_targets(verb, None if passive else obj, Found([]), idx)
        if struck:
            idx.victims.append((sent_index, code, tuple(a for a, _ in struck)))

    def _group_events(self, code: str, group: list[tuple[Actor, str]], verb: Token, p: Pattern,
                      negated: bool, possible: bool, reported: bool) -> list[Candidate]:
        """"Gondor and Osgiliath postponed their meeting": each member acts on each other."""
        code, negated = self.negate(code, negated)
        conf = DIRECT - (POSSIBLE if possible else 0) - (REPORTED if reported else 0)
        out = []
        for s, _ in group:
            for t, _ in group:
                if s.key != t.key:
                    pair_code = self.verbal(code, verb, s, t)  # "Rohan and Gondor clashed over tariffs"
                    out.append(Candidate(pair_code, s, t, verb, p.id, conf, negated, ["group"],
                                         how=("verb", "general" if p.general else "simple", "group")))
        return out
