"""Events of saying and wanting: appeals, demands, accusations, and intents with no act inside.

"X said Y was trying to ..." is X accusing Y (``speech.accusation``); "X said Y should ..." an
appeal or a demand (``speech.appeals``); "demanded that Y withdraw", "its call for Y to ..."
the asking of that act, from the asker to the clause's subject (``request.clause_verbs``,
``request.clause_nouns``). An intent, refusal or threat verb with nothing codable inside
("pledged to abide by Western sanctions") is coded as the general code of its kind.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from tacitus.actors.coref import QUOTE_MARKS
from tacitus.actors.groups import member_lists
from tacitus.actors.names import Descriptors
from tacitus.events.arguments import Arguments
from tacitus.events.candidates import (
    DIRECT,
    GENERIC,
    INHERITED,
    NOMINAL,
    POSSIBLE,
    ActorIndex,
    Candidate,
    Found,
)
from tacitus.events.charges import Charges
from tacitus.events.objects import conditions
from tacitus.events.patterns import PatternBook
from tacitus.events.stance import StanceRules, word_table
from tacitus.records import Actor

#: The end of the pattern label of a warning's threat ("warned Rohan that ... would"): the
#: coder drops the disapproval the same verb's pattern gave.
WARNING = " + that ... will"


def condition_subject(clause: Token) -> Token | None:
    """The subject of an "if" or "unless" clause on a clause or on its verb of saying: "said
    it would respond if Rohan attacked" (Rohan)."""
    for c in (*conditions(clause), *conditions(clause.head)):
        return next((s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def moved_to(tok: Token, verb: Token, moving: frozenset[str]) -> bool:
    """Whether a phrase is where a verb of moving (``threat.moving_verbs``) with a thing as
    object takes it: "Rohan" in "to move its factory to Rohan", "to take the case to Rohan" (a
    destination, not a party; "to cut off electricity to Rohan" is no move)."""
    if verb.lemma_.lower() not in moving:
        return False
    while tok.dep_ in ("compound", "amod", "nmod", "det") and tok.head.i != tok.i:
        tok = tok.head  # ("World" in "to the World Court": the phrase's head)
    things = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    return tok.dep_ == "pobj" and tok.head.lower_ in ("to", "into") and bool(things) \
        and tok.head.head.i in (verb.i, *(c.i for c in things))  # (the small model may hang it on the thing)


def subjunctive(verb: Token) -> bool:
    """A bare verb with a singular subject and no auxiliary: "(insisted that) Rohan pay"."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and not any(c.dep_ == "aux" for c in verb.children) and (
        verb.tag_ == "VB" or (verb.tag_ == "VBP" and subj.tag_ in ("NN", "NNP") and verb.lower_ == verb.lemma_.lower()))


class SpeechEvents(Charges, Arguments, StanceRules):
    """Speech, request and wrapper events, for the coder."""

    def __init__(self, book: PatternBook) -> None:
        st = book.stance
        w = book.stance_words
        self.verbal_verbs = w("speech", "verbal_attacks")
        self.verbal_code = str((st.get("speech") or {}).get("verbal_attack_code") or "")
        self.verbal_roles = frozenset(r.upper() for r in w("speech", "verbal_roles"))
        self.verbal_reasons = w("speech", "verbal_reasons")
        self.verbal_objects = w("speech", "verbal_objects")
        self.backing_participles = Descriptors.load().backing_participles
        self.verbal_unless_armed = w("speech", "verbal_unless_armed")
        self.verbal_force_roles = frozenset(r.upper() for r in w("speech", "verbal_force_roles"))
        self.outcomes = w("speech", "outcomes")
        self.outcome_adjs = w("speech", "outcome_adjectives")
        self.load_charges(st.get("speech", {}).get("accusation", {}))
        self.evidence_verbs = w("speech", "evidence_verbs")
        self.appeals = word_table(book, "speech", "appeals")
        self.semi_modals = word_table(book, "speech", "semi_modals")
        self.mandative = word_table(book, "speech", "mandative")
        self.hope_verbs = word_table(book, "speech", "hope_verbs")
        self.reliance_verbs = word_table(book, "speech", "reliance_verbs")
        self.wish_verbs = word_table(book, "speech", "wish_verbs")
        self.time_appeals = word_table(book, "speech", "time_appeals")
        self.states = book.stance_words("speech", "states")
        warnings = (st.get("speech") or {}).get("warnings") or {}
        self.warning_verbs = frozenset(str(v) for v in warnings.get("verbs") or ())
        self.warning_code = str(warnings.get("code") or "130")
        self.warning_force = frozenset(str(v) for v in warnings.get("force_words") or ())
        self.warning_force_code = str(warnings.get("force_code") or self.warning_code)
        self.warning_modals = frozenset(str(v) for v in warnings.get("modals") or ("will", "would"))
        self.response_objects = frozenset(str(v) for v in warnings.get("response_objects") or ())
        self.answering_verbs = frozenset(str(v) for v in warnings.get("answering_verbs") or ())
        due = (st.get("speech") or {}).get("comeuppance") or {}
        self.comeuppance_code = str(due.get("code") or "130")
        self.comeuppance_modals = frozenset(str(v) for v in due.get("modals") or ())
        self.comeuppance = {str(k): frozenset(str(o) for o in v or ()) for k, v in (due.get("verbs") or {}).items()}
        self.moving_verbs = w("threat", "moving_verbs")

    def _speech_event(self, trigger: Token, comp: Token, idx: ActorIndex, code: str, pattern: str, *,
                      speaker: Found | None = None, negated: bool | None = None,
                      minus: float = 0.0, to: Token | None = None, doers: bool = False,
                      answering: bool = False) -> list[Candidate]:
        """From the speaker (by default the subject of ``trigger``) to the subject of the
        clause ``comp`` (or to ``to``): an appeal ("said Y should ..."), a demand ("demanded
        that Y ..."), a warning ("warned Y that ..."); with ``doers``, to whoever did the act
        the clause's subject names again ("said the sanctions should be lifted"); with
        ``answering``, to whoever did the hostile act a response answers ("Rohan expelled two
        envoys. Gondor said it would respond in kind": ``ActorIndex.answered``)."""
        subj = to or next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and not answering:
            return []
        speaker = self.subject(trigger, idx) if speaker is None else speaker
        if answering:
            addressee = idx.answered(speaker.actors, idx.sent_of[trigger.i]) if speaker else []
        elif doers:
            # "said the sanctions should be lifted": asked of whoever imposed them
            addressee = self.act_owners(subj, idx, speaker) if speaker else []
        else:
            addressee = self.group(subj, idx) if to is not None or self._names_party(subj, idx) else []
            if not addressee and to is not None and speaker:
                addressee = self.act_owners(subj, idx, speaker)  # "... if the bill became law": whose bill
        negated = self._negated(trigger) if negated is None else negated
        conf = DIRECT - (INHERITED if speaker.inherited else 0) - minus
        return [Candidate(code, s, t, trigger, pattern, conf - penalty, negated,
                          how=("speech", *(("inherited",) if speaker.inherited else ()), *how))
                for s, t, penalty, how in self._pairs(speaker.actors, addressee, False, idx, 0)]

    def _names_party(self, subj: Token, idx: ActorIndex) -> bool:
        """Whether a clause's subject names who is to act: an actor itself, by its adjective or
        possessor ("the Gondorian government", "Rohan's leaders"), by "of", "from" or "for"
        ("the government of Rohan", "firms from Rohan"), or a list or group of them; not a
        thing whose topic is an actor ("the conference on Rohan should include ...", "the
        talks with Rohan should be held ...")."""
        if subj.i in idx.np_at or subj.i in idx.mods_of or subj.pos_ == "PRON":
            return True
        if any(c.dep_ in ("poss", "appos", "conj") for c in subj.children) or member_lists(subj):
            return True
        return any(c.dep_ == "prep" and c.lower_ in ("of", "from", "for") for c in subj.children) \
            and subj.lemma_.lower() not in self.book.nouns

    def _outcome(self, comp: Token) -> bool:
        """Whether a clause under "should", "needs to" says what will befall its subject
        (``speech.outcomes``: benefit, see growth, recover), or what it will be able or
        entitled to (``speech.outcome_adjectives``: "should be able to meet the target", "should
        be eligible for aid"), not what it is asked to do."""
        verb = comp
        if comp.lemma_.lower() in self.semi_modals:
            verb = next((c for c in comp.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), comp)
        return verb.lemma_.lower() in self.outcomes or verb.lemma_.lower() == "be" and any(
            c.dep_ == "acomp" and c.lemma_.lower() in self.outcome_adjs for c in verb.children)

    def backing_described(self, verb: Token, idx: ActorIndex) -> bool:
        """A participle of backing on an actor ("the militia backed by Rohan", ``descriptors.yaml``
        ``backing_participles``): a standing tie told to say who the actor is, no act."""
        return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.lower_ in self.backing_participles \
            and (verb.head.i in idx.np_at or verb.head.i in idx.mods_of)

    def verbal_attack(self, verb: Token, source: Actor, target: Actor | None) -> bool:
        """Whether a verb of force is said of words: one person attacking another ("the
        Gondorian president attacked his Rohan counterpart": leaders do not fight in person),
        or an attack "over" or "for" something ("attacked Rohan over its tariffs"; force
        is "on", "in", "near" a place; ``speech.verbal_reasons``), or on something only words
        can attack ("attacked Rohan's policy", ``speech.verbal_objects``)."""
        if source.kind == "person" and target is not None and target.kind == "person":
            return True
        if "MIL" in source.roles:
            return False  # "troops attacked the town over the weekend"
        if any(c.dep_ == "dobj" and c.lemma_.lower() in self.verbal_objects for c in verb.children):
            return True  # "attacked Rohan's record on human rights": words, not force
        return any(c.dep_ == "prep" and c.lower_ in self.verbal_reasons and
                   any(g.dep_ == "pcomp" or (g.dep_ == "pobj" and g.ent_type_ not in NOT_REASONS
                                             and g.lemma_.lower() not in TIME_NOUNS) for g in c.children)
                   for c in verb.children)

    def verbal(self, code: str, verb: Token, s: Actor, t: Actor | None) -> str:
        """A verb of force said of words keeps the code of words (``speech.verbal_attacks``): "a
        UKIP MEP attacked Germany" (a party attacks in words), "attacked Rohan over its tariffs"."""
        if self.verbal_code and verb.lemma_.lower() in self.verbal_verbs and code[:2] in ("18", "19", "20") \
                and (s.roles & self.verbal_roles or self.verbal_attack(verb, s, t)
                     or (verb.lemma_.lower() in self.verbal_unless_armed and not s.roles & self.verbal_force_roles)):
            return self.verbal_code
        return code

    def forbids(self, verb: Token) -> bool:
        """A verb of letting refused for the future: "will not allow Rohan to", "would never
        let Gondor" (``threat.forbidding_verbs`` with a negation and "will", "would" or "shall")."""
        return verb.lemma_.lower() in self.forbidding_verbs and any(
            c.dep_ == "neg" for c in verb.children) and any(
            c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "wo") for c in verb.children)

    def _wrapper_events(self, sent: Span, idx: ActorIndex, sent_index: int,
                        wrapped: set[int]) -> list[Candidate]:
        """Intent/refusal verbs with nothing codable inside: "pledged to abide by Western sanctions"."""
        out = []
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.i in wrapped or tok.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
                continue
            forbids = tok.pos_ in ("VERB", "AUX") and self.forbids(tok)
            if tok.pos_ in ("VERB", "AUX"):
                kind = "refusal" if lemma in self.generic_refusal else "intent" if lemma in self.generic_intent \
                    else "threat" if lemma in self.threat_verbs or forbids else None
            elif tok.pos_ == "ADJ":
                kind = "refusal" if lemma in self.refusal_adjs else None
            else:
                kind = "intent" if lemma in self.generic_intent else None
            if kind is None:
                continue
            comp = next((c for c in tok.children if c.dep_ in ("xcomp", "acl", *(("ccomp",) if forbids else ()))
                         and c.pos_ in ("VERB", "AUX")), None)
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
                if not near_argument(t, comp):
                    continue  # "agreed to buy a stake in Arnor Wines, the largest firm in Gondor"
                if self.heard_by(t, idx):
                    continue  # "agreed to drop its complaint at the WTO": where it is heard, not whom
                if kind == "threat" and moved_to(t, comp, self.moving_verbs):
                    continue  # "threatened to move its factory to Rohan": no threat to Rohan
                if t.i in idx.np_at or t.i in idx.mods_of:
                    # ("its WTO case": an organisation before a complaint is where it is heard too)
                    for a in self.np_actors(t, idx) if t.i in idx.np_at else \
                            [(a, m.via) for m in self.modifiers(t, idx) for a in m.actors]:
                        if a[0].key not in src_keys and all(a[0].key != x[0].key for x in tgt):
                            tgt.append(a)
                    if tgt:
                        break
            code = {"refusal": self.refusal_default, "intent": self.intent_default,
                    "threat": self.threat_default}[kind]
            if kind == "refusal" and comp.lemma_.lower() in self.refusal_comment_verbs:
                code = self.refusal_comment_code  # "declined to comment on ...": no act refused
            # "... Gondor vowed to retaliate", "vowed to respond": whoever last struck its side
            answered = idx.answered(src.actors, sent_index) if kind == "intent" and not tgt and \
                comp.lemma_.lower() in self.answering_verbs else []
            if kind == "intent" and any(t.lemma_.lower() in self.aid_purposes and t.pos_ == "VERB"
                                        for t in comp.subtree):
                code = self.intent_aid_code  # "offered to send engineers to help rebuild ..."
            elif kind == "intent" and (comp.lemma_.lower() in self.against_verbs or answered and not any(
                    c.dep_ == "prep" and c.lower_ == "to" for c in comp.children)):
                # "vowed to prevent Rohan from arming": against Rohan; "... Gondor vowed to
                # respond" after a hostile act on its side (not "vowed to respond to the floods")
                code = self.threat_default
                tgt = tgt or answered
            elif kind == "intent":
                # "agreed to continue consultations": the act its object names (036), when
                # a cooperative one (an intent of roots 01-09; not "agreed to keep the embargo")
                code = self.object_act(tok, lambda c: self.transform(c, "intent") if c[:2] <= "09" else None) or code
            outer, _, negated, possible, _ = self.stance(tok)
            if outer == "request":
                continue  # "demanded that its partners refuse to ...": asked for, not done
            negated = negated and not forbids  # the "not" of "will not allow" is the threat
            conf = DIRECT - GENERIC - (INHERITED if src.inherited else 0) - (POSSIBLE if possible else 0)
            # "the two presidents agreed to ...": an intent shared by a group is mutual
            mutual = kind == "intent" and not tgt and len(src.actors) >= 2
            for s, t, penalty, how in self._pairs(src.actors, tgt, mutual, idx, sent_index):
                out.append(Candidate(code, s, t, tok, f"{code}:stance:{kind} {lemma}", conf - penalty, negated,
                                     how=("generic", *(("inherited",) if src.inherited else ()), *how)))
                if mutual and t is not None:  # each of them intends it: "Kenya and Uganda agreed to ..."
                    out.append(Candidate(code, t, s, tok, f"{code}:stance:{kind} {lemma}", conf - penalty, negated,
                                         ["mutual"], how=out[-1].how))
        return out

    def _behests(self, sent: Span, idx: ActorIndex) -> list[Candidate]:
        """An act done "at the request of X", "at X's invitation": X asked the doer for it
        (``request.behest_nouns``), coded from X to the clause's subject."""
        out = []
        for prep in sent:
            if prep.lower_ != "at" or prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
                continue
            for noun in prep.children:
                code = self.behest_nouns.get(noun.lemma_.lower()) if noun.dep_ == "pobj" else None
                if code is None:
                    continue
                askers = self.np_actors(noun, idx)
                doers = self.subject(prep.head, idx)
                conf = DIRECT - NOMINAL - (INHERITED if doers.inherited else 0)
                for s, t, penalty, how in self._pairs(askers, doers.actors, False, idx, 0):
                    out.append(Candidate(code, s, t, noun, f"{code}:request:at + {noun.lemma_.lower()}",
                                         conf - penalty, self._negated(noun), how=("noun", "behest", *how)))
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

    def _speakers_own(self, comp: Token, verb: Token, idx: ActorIndex) -> bool:
        """Whether a passive clause's subject is the speaker or the speaker's: a pronoun ("it
        had been attacked"), a phrase a pronoun owns ("its border posts"), or a phrase naming
        the speaker's state ("Syrian positions")."""
        subj = next((c for c in comp.children if c.dep_ == "nsubjpass"), None)
        if subj is None:
            return False
        if subj.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subj.children):
            return True
        speaker = {a.country or a.key for a, _ in self.subject(verb, idx).actors}
        return bool(speaker) and any((a.country or a.key) in speaker for a, _ in self.np_actors(subj, idx))

    def _claimed(self, sent: Span) -> set[int]:
        """The tokens of clauses a claim verb reports ("claims Y ships arms to Z"): what is
        claimed is the accusation, not an act reported as done."""
        out: set[int] = set()
        for tok in sent:
            if tok.lemma_.lower() in self.claim_verbs:
                for comp in tok.children:
                    if comp.dep_ == "ccomp":
                        out |= {t.i for t in comp.subtree}
        return out

    def _comeuppance(self, comp: Token) -> bool:
        """Whether a reported clause says its subject will suffer for what it did ("Rohan
        would pay a heavy price", "will face the consequences", "will regret it": ``speech.comeuppance``)."""
        objects = self.comeuppance.get(comp.lemma_.lower())
        if objects is None or self._negated(comp) \
                or not any(c.dep_ == "aux" and c.lower_ in self.comeuppance_modals for c in comp.children):
            return False
        return not objects or any(c.dep_ == "dobj" and c.lemma_.lower() in objects for c in comp.children)

    def _modal(self, comp: Token) -> str | None:
        """The word that makes a clause an appeal or a demand to its subject ("Y should ...",
        "Y must ...", "Y needs to ...": ``speech.appeals``, ``speech.semi_modals``); "" when
        one is there but asks nothing of the subject; None when there is none."""
        modal = next((c.lower_ for c in comp.children if c.dep_ == "aux" and c.lower_ in self.appeals), None)
        if modal is None and comp.lemma_.lower() in self.semi_modals and comp.tag_ != "VBD" and any(
                c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in comp.children) and not (
                self._negated(comp) or any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll")
                                           for c in comp.children)):
            # "Y needs to withdraw", "Y has to stop"; not "had to", nor "will have to pay"
            # (a forecast) or "will not have to" (no duty at all)
            modal = comp.lemma_.lower()
        if modal is None:
            return None
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in comp.children):
            return ""  # "said the prisoners must be released": asked of whoever holds them, not of them
        if modal in self.appeals and comp.lemma_.lower() in self.states:
            return ""  # "ruled that Rohan should have sole rights to the name": a finding, no appeal
        if self._outcome(comp):
            return ""  # "said Rohan should benefit from the rules": a forecast, asked of nobody
        if modal in self.appeals and comp.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "have" for c in comp.children):
            return ""  # "said Rohan must have known": what is inferred of the past asks nothing
        return modal

    def _wanted_act(self, tok: Token, comp: Token, idx: ActorIndex) -> list[Candidate] | None:
        """Soft appeals, from the subject of ``tok`` to the actor it wants to act: "hoped Rohan
        would release the sailors" (``speech.hope_verbs``, a clause with "will"/"would"), "wants
        Rohan to reopen the border" (``wish_verbs``), "I count on Rohan to act with restraint"
        (``reliance_verbs``, an "on" phrase and a "to" clause). None when ``tok`` and ``comp``
        are none of these."""
        lemma = tok.lemma_.lower()
        if self._negated(tok):
            return None
        aux = {c.lower_ for c in comp.children if c.dep_ == "aux"}
        if comp.dep_ == "ccomp" and lemma in self.hope_verbs and aux & {"will", "would", "'ll"}:
            code = self.hope_verbs[lemma]
            return self._speech_event(tok, comp, idx, code, f"{code}:speech:{tok.lemma_} + will/would")
        if comp.dep_ == "ccomp" and lemma in self.wish_verbs and "to" in aux and any(
                c.dep_ == "nsubj" and c.i in idx.np_at for c in comp.children):
            code = self.wish_verbs[lemma]
            return self._speech_event(tok, comp, idx, code, f"{code}:speech:{tok.lemma_} + to")
        if comp.dep_ in ("advcl", "xcomp") and lemma in self.reliance_verbs and "to" in aux:
            on = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "on"
                       for p in c.children if p.dep_ == "pobj"), None)
            if on is None or on.i not in idx.np_at:
                return []  # not "relies on Rohan's gas to heat its homes"
            code = self.reliance_verbs[lemma]
            return self._speech_event(tok, comp, idx, code, f"{code}:speech:{tok.lemma_} on + to", to=on)
        return None

    def _quoted_appeals(self, sent: Span, idx: ActorIndex) -> list[Candidate]:
        """A quoted sentence with no verb of saying whose speaker the quote names ("'Rohan
        must reopen the border. We will not wait,' he said"): its speaker appeals to (or
        demands of) the subject of "should", "must", "needs to"."""
        quoted = idx.speakers.get(idx.sent_of[sent.root.i])
        root = sent.root
        # the clause itself must be quoted: not "His hope must be that ...: 'No pain, no gain.'"
        opened = sum(1 for t in sent if t.i < root.i and t.text in QUOTE_MARKS) % 2 == 1
        modal = self._modal(root) if quoted is not None and opened and root.pos_ in ("VERB", "AUX") else None
        if not modal:
            return []
        code = self.appeals.get(modal) or self.semi_modals[modal]
        return self._speech_event(root, root, idx, code, f"{code}:speech:quote + should/must {modal}",
                                  speaker=Found([(quoted, "quote")]), negated=False)

    def _accusations(self, sent: Span, idx: ActorIndex) -> list[Candidate]:
        """"X said Y was trying to ...", "X claims Y ships arms to Z": X accuses Y; "X said Y
        should/must ...": X appeals to Y, or demands of Y (``speech.appeals``)."""
        out = self._quoted_appeals(sent, idx)
        for tok in sent:
            if tok.pos_ not in ("VERB", "NOUN"):
                continue
            for comp in tok.children:
                comp = self._through_evidence(tok, comp)
                asked = self._request_clause(comp)
                if asked is not None:
                    out.extend(self._request_event(tok, comp, asked, idx))
                    continue
                # "said it would respond in kind if Rohan deployed missiles", "said it would
                # retaliate against Rohan": a warning
                responding = comp.dep_ == "ccomp" and tok.lemma_.lower() in self.speech_verbs \
                    and (comp.lemma_.lower() in self.response_verbs or (comp.lemma_.lower() == "take" and any(
                        c.dep_ == "dobj" and c.lemma_.lower() in self.response_objects for c in comp.children)))
                against = self._warned_against(comp, idx) if responding else None
                warning = tok.lemma_.lower() in self.warning_verbs
                # what is to come: "would be seized", or a present bound to a condition ("warned
                # Rohan that it faces sanctions unless it stops")
                if comp.dep_ == "ccomp" and (warning or responding) \
                        and (any(c.dep_ == "aux" and c.lower_ in self.warning_modals for c in comp.children)
                             or (warning and conditions(comp))):
                    # "warned Rohan that its ships would be seized": a threat to the one warned
                    warned = next((c for c in tok.children if c.dep_ in ("dobj", "dative")), None)
                    if warned is None:
                        # "warned that it would respond if Rohan deployed missiles": the threat
                        # is to whoever the condition is about; "warned that it would take
                        # measures against Rohan": to whom it would be done
                        warned = condition_subject(comp) or against or self._warned_against(comp, idx)
                    if warned is None and self._comeuppance(comp):
                        # "warned that Rohan would pay a heavy price": to the one who will pay
                        warned = next((c for c in comp.children if c.dep_ == "nsubj"), None)
                    # "Rohan expelled two envoys. Gondor said it would respond in kind": to Rohan
                    answering = warned is None and responding and comp.lemma_.lower() in self.answering_verbs
                    if warned is not None or answering:
                        # (the force threatened, not that of the condition: "if Rohan deployed missiles")
                        cond = {t.i for c in conditions(comp) for t in c.subtree}
                        force = any(t.lemma_.lower() in self.warning_force for t in comp.subtree if t.i not in cond)
                        code = self.warning_force_code if force else self.warning_code
                        out.extend(self._speech_event(tok, comp, idx, code, f"{code}:speech:{tok.lemma_}{WARNING}",
                                                      to=warned, answering=answering))
                    continue
                wanted = self._wanted_act(tok, comp, idx)
                if wanted is not None:
                    out.extend(wanted)  # "hoped Rohan would ...", "wants Rohan to ...", "counts on Rohan to ..."
                    continue
                mandated = self.mandative.get(tok.lemma_.lower()) if comp.dep_ == "ccomp" else None
                if mandated and subjunctive(comp):
                    # "insisted that Rohan pay for the damage": a subjunctive says what is asked
                    out.extend(self._speech_event(tok, comp, idx, mandated, f"{mandated}:speech:{tok.lemma_} that + subjunctive"))
                    continue
                if comp.dep_ != "ccomp" or tok.lemma_.lower() not in self.speech_verbs:
                    continue
                timed = next((r for a in comp.children if a.dep_ == "attr" and a.lemma_.lower() in self.time_appeals
                              for r in a.children if r.dep_ in ("relcl", "acl") and any(
                                  c.dep_ == "mark" and c.lower_ == "for" for c in r.children)), None)
                if comp.lemma_ == "be" and timed is not None and not self._negated(comp):
                    code = self.time_appeals[timed.head.lemma_.lower()]  # "said it was time for Rohan to act"
                    out.extend(self._speech_event(tok, timed, idx, code, f"{code}:speech:{tok.lemma_} + time for"))
                    continue
                if self._comeuppance(comp):
                    # "said Rohan would pay a heavy price": a threat to the one who will pay
                    code = self.comeuppance_code
                    out.extend(self._speech_event(tok, comp, idx, code, f"{code}:speech:{tok.lemma_} + {comp.lemma_}{WARNING}"))
                    continue
                modal = self._modal(comp)
                if modal:
                    code = self.appeals.get(modal) or self.semi_modals[modal]
                    out.extend(self._speech_event(tok, comp, idx, code, f"{code}:speech:{tok.lemma_} + should/must {modal}"))
                elif modal == "" and any(c.dep_ == "auxpass" for c in comp.children):
                    # "said the sanctions should be lifted": asked of whoever imposed them, when
                    # the act was told before (``_speech_event`` finds its doers)
                    passive = next((c.lower_ for c in comp.children if c.dep_ == "aux" and c.lower_ in self.appeals), None)
                    if passive is not None and not self._negated(comp):
                        code = self.appeals[passive]
                        out.extend(self._speech_event(tok, comp, idx, code,
                                                      f"{code}:speech:{tok.lemma_} + should/must be {passive}",
                                                      doers=True))
                if modal is not None:
                    continue
                if not self._accused_act(tok, comp, idx):
                    continue
                # the small model sometimes hangs the subject on the auxiliary ("that Y had armed")
                subj = next((c for h in (comp, *(a for a in comp.children if a.dep_ == "aux"))
                             for c in h.children if c.dep_ == "nsubj"), None)
                if subj is None and (tok.lemma_.lower() in self.claim_verbs or self._speakers_own(comp, tok, idx)):
                    # "claimed it had been attacked by Rohan", "alleged the arms were supplied
                    # by Rohan": a claim, or a speaker's complaint, accuses a passive's agent;
                    # a third party's plain report of it accuses nobody
                    subj = next((p for a in comp.children if a.dep_ == "agent"
                                 for p in a.children if p.dep_ == "pobj"), None)
                if subj is None:
                    continue
                speaker = self.subject(tok, idx)
                # "said the exercises violated international law": an act named again accuses its doer
                accused = self.group(subj, idx) or self.act_owners(subj, idx, speaker)
                negated = self._negated(comp) or self._negated(tok)
                conf = DIRECT - (INHERITED if speaker.inherited else 0)
                for s, t, penalty, how in self._pairs(speaker.actors, accused, False, idx, 0):
                    out.append(Candidate(self.accusation_code, s, t, tok,
                                         f"{self.accusation_code}:speech:{tok.lemma_} + {comp.lemma_}",
                                         conf - penalty, negated,
                                         how=("speech", *(("inherited",) if speaker.inherited else ()), *how)))
            out.extend(self._according(tok, idx))
        return out

    def _warned_against(self, comp: Token, idx: ActorIndex) -> Token | None:
        """The actor an "against" phrase of a warned clause names, outside its conditions: "would
        take measures against Rohan", "would retaliate against Gondor"."""
        cond = {t.i for c in conditions(comp) for t in c.subtree}
        return next((g for t in comp.subtree if t.dep_ == "prep" and t.lower_ == "against" and t.i not in cond
                     for g in t.children if g.dep_ == "pobj" and self.group(g, idx)), None)

    def _through_evidence(self, verb: Token, comp: Token) -> Token:
        """What a speech verb asserts through a verb of evidence (``speech.evidence_verbs``):
        in "said the raid proved that Rohan had armed the rebels" the speaker asserts the
        inner clause; a negated one asserts nothing ("did not mean that ...")."""
        if comp.dep_ != "ccomp" or comp.lemma_.lower() not in self.evidence_verbs \
                or verb.lemma_.lower() not in self.speech_verbs or self._negated(comp):
            return comp
        return next((c for c in comp.children if c.dep_ == "ccomp"), comp)

    def _according(self, verb: Token, idx: ActorIndex) -> list[Candidate]:
        """"Y shelled Z's border posts, according to X": X says so, as if "X said Y shelled
        ...", and accuses Y of a hostile act (``accusation.hostile_roots``)."""
        source = according_to(verb)
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if not source or subj is None or not any(
                h.pattern.code.startswith(self.hostile_roots) for h in self.match_verb(verb, idx)):
            return []
        speaker = [a for p in source for a in self.group(p, idx)]
        return [Candidate(self.accusation_code, s, t, source[0].head.head,
                          f"{self.accusation_code}:speech:according to + {verb.lemma_}", DIRECT - penalty,
                          self._negated(verb), how=("speech", *how))
                for s, t, penalty, how in self._pairs(speaker, self.group(subj, idx), False, idx, 0)]


#: Entity types of a phrase that says when or where, not why ("attacked it for two days",
#: "over the border").
NOT_REASONS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "QUANTITY"})
#: Nouns of a phrase that says how long, which the small model does not always tag as a date.
TIME_NOUNS = frozenset({"day", "week", "month", "year", "hour", "night", "time", "weekend", "decade", "period"})

#: Prepositions of place, which do not take an argument further from its act.
PLACE_PREPS = frozenset({"in", "inside", "across", "throughout", "within"})

#: Dependencies that leave the act's own arguments for a description or a clause of their own:
#: an apposition ("X, the largest firm in Gondor"), a relative or participle clause ("gas
#: supplied by Rohan"), a clause under a preposition ("a fine for bribing a Gondorian official").
DETOUR_DEPS = frozenset({"appos", "relcl", "acl", "pcomp", "parataxis"})


def according_to(verb: Token) -> list[Token]:
    """Whom a clause is said "according to": the phrases after "according to" on its verb."""
    return [p for a in verb.children if a.dep_ == "prep" and a.lower_ == "according"
            for to in a.children if to.lower_ == "to" for p in to.children if p.dep_ == "pobj"]


def near_argument(tok: Token, verb: Token) -> bool:
    """Whether ``tok`` is one of the verb's own arguments or their modifiers: reached from the
    verb through its own prepositional phrase and at most one more preposition (places aside:
    "to help the relief effort in Rohan"; "to respond to a demand from Rohan") and no
    :data:`DETOUR_DEPS` ("refused to play against a Gondorian player" yes; "promised
    an agenda to rival that of the Gondorian summit" no)."""
    preps = 0
    while tok.i != verb.i:
        if tok.dep_ in DETOUR_DEPS:
            return False
        if tok.dep_ in ("prep", "agent") and tok.lower_ not in PLACE_PREPS and tok.head.i != verb.i:
            preps += 1
            if preps > 1:
                return False
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return True
