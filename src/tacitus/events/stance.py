"""Stance: whether and how a trigger's act is reported (rules and words in ``data/stance.yaml``).

Walking up from a trigger: intent ("pledged to", "is likely to", "will") turns the act into
its 03x intent code; refusal ("refused to") into its 12x rejection; "threatened to" into 13x;
a demand ("demanded that Israel withdraw") makes it asked for, not done; negation ("not",
"without", "failed to", "denied that") marks it negated. Conditionals and modals of
possibility hedge it, a present-tense relative clause only describes. ``transform`` and
``negate`` give the code an act takes under its stance.

:class:`StanceRules` holds the words and the rules; the coder inherits it. It reads only the
parse and the stance file: no actors.
"""

from __future__ import annotations

from spacy.tokens import Token

from tacitus.events.patterns import PatternBook
from tacitus.nlp.misparse import finite_conjunct_of_infinitive, speaker_conjunct


def word_table(book: PatternBook, section: str, key: str) -> dict[str, str]:
    """A word -> code table of the stance file ("demand": "100")."""
    st = book.stance
    return {str(k): str(v) for k, v in ((st.get(section) or {}).get(key) or {}).items()}


def accepted(noun: Token, nouns: frozenset[str], verbs: frozenset[str]) -> bool:
    """Whether a noun of another's proposal is the object of its acceptance, with no owner of
    its own: "accepted an invitation to visit Rohan" (the accepter's intent to visit), not
    "accepted Rohan's offer to mediate" (Rohan mediates)."""
    return noun.lemma_.lower() in nouns and noun.dep_ == "dobj" and noun.head.lemma_.lower() in verbs \
        and not any(c.dep_ == "poss" for c in noun.children)


#: The root of appeals, whose codes mirror those of intents (03).
APPEAL_ROOT = "02"
#: Subjects of a reported clause that are the speaker's own voice: "said it would ...".
SPEAKER_PRONOUNS = frozenset({"it", "we", "they", "he", "she", "i"})


def summing_up(noun: Token) -> bool:
    """Whether a noun after a comma or dash at the end of a sentence sums up its main clause:
    "Rohan accused Gondor of arming rebels, a charge Gondor denies". It comes after the main
    verb and has a relative clause of its own; the small model hangs it on the verb, its
    subject or its object, so only its place is read."""
    root = noun.sent.root
    return root.pos_ == "VERB" and noun.i > root.i and noun.pos_ == "NOUN" and noun.left_edge.i > 0 \
        and noun.doc[noun.left_edge.i - 1].text in (",", "\u2014") and any(c.dep_ == "relcl" for c in noun.children)


class StanceRules:
    """The stance words of a pattern book and the rules that read them on a parse."""

    def __init__(self, book: PatternBook) -> None:
        st = book.stance
        w = book.stance_words
        self.intent_verbs = w("intent", "verbs")
        # the appeal verbs of the sentence being coded -> the appeal code of what each asks for
        self._asked: dict[int, str] = {}
        med = st.get("mediation") or {}
        self.mediation_wrappers = w("mediation", "wrappers")
        self.mediation_codes = frozenset(str(c) for c in med.get("codes") or ())
        self.mediation_code = str(med.get("code") or "045")
        self.intent_adjs = w("intent", "adjectives")
        self.intent_prepositional = {str(k).lower(): str(v or "").lower() for k, v in
                                     ((book.stance.get("intent") or {}).get("prepositional") or {}).items()}
        self.intent_nouns = w("intent", "nouns")
        self.intent_on = w("intent", "on_gerund")
        self.accepted_nouns = w("intent", "accepted_nouns")
        self.accepting_verbs = w("intent", "accepting_verbs") | w("intent", "supporting_verbs")
        self.intent_modals = w("intent", "modals")
        self.consider_verbs = w("consideration", "verbs")
        self.consider_code = str((st.get("consideration") or {}).get("code", "014"))
        self.future_dates = w("intent", "future_dates")
        self.intent_be_to = bool(st.get("intent", {}).get("be_to", False))
        self.be_to_idioms = frozenset(str(w) for w in st.get("intent", {}).get("be_to_idioms", []))
        self.intent_codes: dict[str, str] = st.get("intent", {}).get("intent_codes", {})
        self.intent_default = st.get("intent", {}).get("default", "030")
        self.aid_purposes = w("intent", "aid_purposes")
        self.intent_aid_code = str(st.get("intent", {}).get("aid_code") or self.intent_default)
        # words that are an event by themselves, with nothing codable inside ("pledged to abide")
        self.generic_intent = w("intent", "generic")
        self.generic_refusal = w("refusal", "generic")
        self.refusal_comment_verbs = w("refusal", "comment_verbs")
        self.refusal_comment_code = str((st.get("refusal") or {}).get("comment_code", "011"))
        self.refusal_verbs = w("refusal", "verbs")
        self.refusal_adjs = w("refusal", "adjectives")
        self.refusal_modals = w("refusal", "modals")
        self.reported_refusal_modals = w("refusal", "reported_modals")
        self.intent_denied = w("intent", "when_denied")
        self.refusal_codes: dict[str, str] = st.get("refusal", {}).get("refusal_codes", {})
        cessation = st.get("cessation") or {}
        self.cessation_verbs = frozenset(str(v).lower() for v in cessation.get("verbs") or ())
        self.cessation_codes = {str(k): str(v) for k, v in (cessation.get("codes") or {}).items()}
        self.cessation_done = frozenset(str(c) for c in cessation.get("done") or ())
        self.refusal_default = st.get("refusal", {}).get("default", "120")
        self.threat_verbs = w("threat", "verbs")
        self.forbidding_verbs, self.against_verbs = w("threat", "forbidding_verbs"), w("threat", "against_verbs")
        # verbs of warning (speech.warnings): what they say "could" happen is to come, not hedged
        self.warn_verbs = self.threat_verbs | frozenset(
            str(v).lower() for v in ((st.get("speech") or {}).get("warnings") or {}).get("verbs") or ())
        self.threat_codes: dict[str, str] = st.get("threat", {}).get("threat_codes", {})
        self.threat_default = st.get("threat", {}).get("default", "130")
        self.request_verbs = w("request", "verbs")
        self.request_clause_verbs = word_table(book, "request", "clause_verbs")
        self.request_clause_nouns = word_table(book, "request", "clause_nouns")
        self.behest_nouns = word_table(book, "request", "behest_nouns")
        self.neg_words = w("negation", "words")
        self.neg_governors = w("negation", "governors")
        self.neg_wrappers = w("negation", "wrappers")
        self.blocks = w("negation", "blocks")
        self.unasserted_nouns = w("negation", "unasserted_nouns")
        self.cancels = w("negation", "cancels")
        self.denials = w("negation", "denials")
        self.not_meaning = w("negation", "not_meaning")
        self.denied_nouns = w("negation", "denied_nouns")
        self.alleged_nouns = w("negation", "alleged_nouns")
        self.alleged_verbs = w("negation", "alleged_verbs")
        self.alleged_adverbs = w("negation", "alleged_adverbs")
        self.subject_negation = w("negation", "subject_words")
        # negated code -> the code its negation is coded as (empty: negated events are kept,
        # marked negated); imported dictionaries bring their own table
        self.negation_codes = word_table(book, "negation", "codes")
        self.speech_verbs = w("speech", "verbs")
        # verbs only a speaker does, joined to what was said (nlp/misparse.speaker_conjunct)
        self.speaker_verbs = self.speech_verbs | self.request_verbs
        self.conditionals = w("hedges", "conditionals")
        self.possibility = w("hedges", "possibility")
        self.infinitive_marks = w("hedges", "infinitive_subject_marks")
        self.obligations = w("hedges", "obligation_verbs")
        self.obliged = w("hedges", "obligation_words")
        self.counterfactual = w("hedges", "counterfactual")
        self.pending = w("hedges", "pending")
        self.pending_modals = w("hedges", "pending_modals")

    def _negated(self, tok: Token) -> bool:
        def negates(c: Token) -> bool:
            return c.dep_ == "neg" or (c.lower_ in self.neg_words and c.dep_ in ("neg", "advmod", "det", "preconj", "cc"))

        if any(negates(c) for c in tok.children):
            return True
        # "Neither Hungary nor Slovakia will send weapons": the subject's "neither" negates
        for subj in (c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")):
            if any(g.lower_ in self.subject_negation and g.i < subj.i for g in subj.children):
                return True
        # "No agreement was reached", "no talks took place", "sent no troops": "no" on the
        # subject or the object names an act that did not happen
        if any(g.dep_ == "det" and g.lower_ == "no" for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
               for g in c.children):
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

    def _told(self, verb: Token) -> bool:
        """Whether a verb heads the clause a speech verb reports ("said it could not ...")."""
        return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.speech_verbs

    def _told_cannot(self, verb: Token) -> bool:
        """Whether a verb is what a speaker says it "could not" do ("said it could not support
        the plan"): a refusal (:meth:`refused`), not a possibility."""
        return self._told(verb) and self._negated(verb) \
            and any(c.dep_ == "aux" and c.lower_ in self.reported_refusal_modals for c in verb.children)

    def _hedged(self, tok: Token) -> bool:
        """Under "if"/"unless", or under a modal of possibility or obligation ("could invade",
        "should lift", "needs to withdraw", "Should China attack, ..."): the act is not
        reported as happening."""
        cur = tok
        finite = False  # come up from a finite verb joined to this one: its modals are not ours
        for _ in range(6):
            if any(c.dep_ == "mark" and c.lower_ in self.conditionals for c in cur.children):
                return True
            if self._for_infinitive(cur):
                return True  # "paved the way for Rohan to join the alliance": a possibility
            if any(c.dep_ == "aux" and c.lower_ in self.counterfactual for c in cur.children) and any(
                    c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in self.conditionals for g in c.children)
                    for c in cur.children) and not self._backshifted(cur):
                return True  # "If Gondor attacks, Rohan would join ...": the consequence of a hypothesis
            if any(c.dep_ == "aux" and c.lower_ in self.possibility for c in cur.children) and not finite and not (
                    cur.dep_ == "ccomp" and cur.head.lemma_.lower() in self.warn_verbs) and not (
                    cur is tok and self._told_cannot(cur)):
                return True  # (what a warning says "could" happen is threatened: the threat is coded)
            if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in self.pending for c in cur.children) \
                    and any(c.dep_ == "aux" and c.lower_ in self.pending_modals for c in cur.head.children):
                return True  # "could not join until it recognised Cyprus": a condition, not an act
            if cur.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in self.counterfactual
                                         for c in cur.children) and any(
                    c.dep_ == "aux" and c.lower_ in ("have", "'ve") for c in cur.children):
                return True  # "would have attacked": a counterfactual, it did not happen
            if cur.dep_ == "xcomp" and cur.head.lemma_.lower() in self.obligations and cur.head.tag_ != "VBD":
                return True  # "Gondor needs to withdraw", "has to pay": asked, not done ("had to": done)
            if cur.dep_ == "xcomp" and cur.head.lower_ in self.obliged and not any(
                    c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in cur.head.children):
                return True  # "Gondor is bound by treaty to defend Rohan": owed, not done ("was obliged to": done)
            if any(c.dep_ == "advmod" and c.lower_ in self.alleged_adverbs for c in cur.children):
                return True  # "allegedly killed by Gondorian troops": alleged, not reported
            if cur.dep_ in ("acl", "ccomp", "advcl") and self._alleged(cur):
                return True  # "allegations that Gondor pressured Rohan": alleged, not reported
            if (cur.dep_ == "acl" or (cur.dep_ == "relcl" and any(c.dep_ == "mark" for c in cur.children))) \
                    and cur.head.pos_ == "NOUN" and any(
                    c.dep_ == "det" and c.lower_ == "no" for c in cur.head.children):
                return True  # "there is no evidence that Gondor attacked": not reported either
            if cur.dep_ in ("acl", "ccomp", "relcl") and cur.head.pos_ == "NOUN" and \
                    cur.head.lemma_.lower() in self.denied_nouns and self._unconfirmed(cur.head):
                return True  # "declined to comment on reports that Gondor had met Rohan"
            if cur.dep_ == "pcomp" and cur.head.lower_ in ("of", "for") and \
                    cur.head.head.lemma_.lower() in self.alleged_verbs:
                return True  # "accused Gondor of shelling Rohan": the shelling is alleged
            if cur.head.i == cur.i or cur.dep_ in ("ccomp", "parataxis", "relcl", "advcl") and \
                    any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
                break  # the clause of a speech verb or another clause: its own modals only
            # "said it could not bear the cost and urged Rohan to ...": "urged" has no "could"
            finite = cur.dep_ == "conj" and cur.tag_ in ("VBD", "VBZ", "VBP")
            cur = cur.head
        return False

    def _backshifted(self, clause: Token) -> bool:
        """Whether a clause's "would" is the speaker's own "will" told in the past: "Gondor said
        (warned) it would impose sanctions if Rohan resumed the tests" is a threat with its
        condition, not a hypothesis; the clause's subject is a pronoun (the speaker's), under a
        verb of saying or warning in the past tense. "said Rohan would attack if ..." is a
        prediction about another, and stays hedged."""
        head = clause.head
        return clause.dep_ == "ccomp" and head.tag_ == "VBD" and \
            head.lemma_.lower() in (self.speech_verbs | self.warn_verbs) and \
            any(c.dep_ == "nsubj" and c.lower_ in SPEAKER_PRONOUNS for c in clause.children)

    def _unconfirmed(self, noun: Token) -> bool:
        """Whether reports or claims are what someone would not confirm or comment on:
        "declined to comment on reports that ...", "would not confirm the claims that ...",
        "refused to be drawn on reports ..." (the verb they are the object of, or whose "on"
        or "about" phrase they are in, is negated or what a refusal verb refuses)."""
        verb = noun.head
        if noun.dep_ == "pobj" and verb.lower_ in ("on", "about"):
            verb = verb.head
        elif noun.dep_ != "dobj":
            return False
        if verb.pos_ not in ("VERB", "AUX"):
            return False
        return self._negated(verb) or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.refusal_verbs)

    def _alleged(self, clause: Token) -> bool:
        """Whether a clause is the content of an allegation noun: its head ("allegations that
        ..."), or, when the small model hangs a clause without "that" on the verb, the word
        just before it ("stemmed from allegations Gondor tried to ...")."""
        head = clause.head
        if clause.dep_ == "acl" and head.pos_ == "NOUN" and head.lemma_.lower() in self.alleged_nouns:
            return True
        first = clause.left_edge.i
        before = clause.doc[first - 1] if first > 0 else None
        return clause.dep_ in ("ccomp", "advcl") and before is not None and before.pos_ == "NOUN" \
            and before.lemma_.lower() in self.alleged_nouns

    @staticmethod
    def _description(tok: Token) -> bool:
        """A verb in the present tense in a relative clause describes its antecedent, it does
        not report news: "Morocco, which controls most of Western Sahara, ..."."""
        if tok.dep_ != "relcl":
            return False
        if summing_up(tok.head):
            return False  # "accused Gondor of it, a charge Gondor denies": a stance on the news told
        if tok.tag_ in ("VBZ", "VBP"):
            return not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
        # "Northern Cyprus, which is recognised only by Turkey": a present passive describes
        # too; "which is being shelled" (progressive) and "which was occupied" report
        aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        return tok.tag_ == "VBN" and len(aux) == 1 and aux[0].dep_ == "auxpass" and aux[0].tag_ in ("VBZ", "VBP")

    def _dated_ahead(self, verb: Token) -> bool:
        """A verb in the present whose own date is still to come ("visits Gondor next month",
        "meets Rohan's king tomorrow"): a date phrase on it with a word of ``intent.future_dates``."""
        if verb.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            return False
        return any(t.lower_ in self.future_dates and (t.ent_type_ == "DATE" or t.lower_ == "tomorrow")
                   for c in verb.children if c.dep_ in ("npadvmod", "prep", "advmod")
                   for t in c.subtree)

    def stance(self, trigger: Token) -> tuple[str | None, Token | None, bool, bool, bool]:
        """Walk up from a trigger: (wrapper kind, wrapper token, negated, possible, reported)."""
        kind: str | None = None
        wrapper: Token | None = None
        negated = self._negated(trigger)
        possible = False
        reported = False
        cur = trigger
        if self._dated_ahead(trigger):
            kind, wrapper = "modal", trigger  # "travels to Rohan next week": still to come
        for _ in range(8):
            warned = cur.dep_ == "ccomp" and cur.head.lemma_.lower() in self.warn_verbs
            for c in cur.children:
                if c.dep_ == "aux" and (c.lower_ in self.intent_modals or warned and c.lower_ in self.possibility) \
                        and kind is None:
                    kind, wrapper = "modal", c  # (what a warning says "could" happen is to come)
                if c.dep_ == "aux" and c.lower_ in self.possibility:
                    possible = True
            dep = cur.dep_
            head = cur.head
            if head.i == cur.i:
                break
            if dep == "conj":
                governor = finite_conjunct_of_infinitive(cur)
                if governor is not None:
                    cur = governor  # "urged Rohan to withdraw and called on ...": as "urged" is
                    continue
                if any(c.dep_ in ("aux", "nsubj", "nsubjpass") and c.tag_ != "TO" for c in cur.children) or \
                        speaker_conjunct(cur, self.speech_verbs, self.speaker_verbs) or (cur.tag_ == "VBD" and head.tag_ == "VB"):
                    # "have refused ... and have pledged", "said X was unjust and urged": a new
                    # clause; so is a past tense after a bare verb ("said it would not cooperate
                    # and expelled ten aid agencies": the expulsion happened)
                    break
                # ("agreed to strengthen ties and to meet again": a second infinitive, same frame)
                cur = head
                continue
            if self._request_clause(cur) is not None:
                kind, wrapper = "request", head  # "demanded that Israel withdraw": asked, not done
                break
            if dep == "ccomp" and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in self.request_verbs \
                    and (head.lemma_.lower() == "let" or any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)):
                kind, wrapper = "request", head  # "will allow Rohan to invest" (read as a clause): not done
                break
            if dep in ("acl", "ccomp") and head.pos_ == "NOUN" and head.lemma_.lower() in self.denied_nouns \
                    and head.dep_ == "dobj" and head.head.lemma_.lower() in self.denials:
                negated = True  # "rejected claims that it attacked": the claimed act is denied
                break
            if dep in ("acl", "relcl") and head.pos_ == "NOUN" and head.dep_ in ("dobj", "nsubjpass") \
                    and head.head.lemma_.lower() in self.blocks:
                negated = True  # "blocked a statement criticising Rohan": the criticism never came
                break
            if dep in ("xcomp", "acl", "pcomp", "acomp"):
                lemma = head.lemma_.lower()
                if dep == "pcomp" and head.dep_ == "prep":
                    if head.lower_ in self.neg_governors:
                        negated = True
                    gov = head.head
                    if gov.lower_ == "short" and gov.head.lemma_.lower() == "stop":
                        negated = True  # "stopped short of recognising"
                    elif gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in self.neg_wrappers \
                            and gov.lemma_.lower() != "stop":
                        negated = True  # "refrained from condemning", "abstained from voting"
                    elif head.lower_ in ("to", "on") and kind is None and self._prepositional_intent(gov, head.lower_):
                        kind, wrapper = "intent", gov  # "looks forward to working with", "is committed to expanding"
                        cur = gov
                        continue
                    break
                if head.pos_ in ("VERB", "AUX") and lemma in self.cessation_verbs and dep == "xcomp" \
                        and cur.tag_ == "VBG" and kind is None:
                    kind, wrapper = "cessation", head  # "stopped supplying weapons": ended, not done
                elif lemma in self.neg_wrappers and lemma != "stop":
                    negated = True  # "failed to agree", "was unable to negotiate": it did not happen
                elif dep == "xcomp" and lemma in self.denials and cur.tag_ == "VBG":
                    negated = True  # "denied sending troops", "denied accusing Gondor"
                elif head.pos_ in ("VERB", "AUX") and lemma in self.refusal_verbs:
                    kind, wrapper = "refusal", head
                elif head.pos_ == "ADJ" and lemma in self.refusal_adjs:
                    kind, wrapper = "refusal", head
                elif head.pos_ in ("VERB", "AUX") and lemma in self.intent_denied and self._negated(head):
                    # "would not hesitate to use force": meant; "did not hesitate to criticise": done
                    if any(c.dep_ == "aux" and c.lower_ in self.intent_modals for c in head.children):
                        kind, wrapper = "intent", head
                    cur = head  # (its "not" is no negation of the act)
                    continue
                elif head.pos_ in ("VERB", "AUX") and lemma in self.threat_verbs:
                    kind, wrapper = "threat", head
                elif head.pos_ in ("VERB", "AUX") and lemma in self.intent_verbs:
                    kind, wrapper = "intent", head
                elif head.pos_ == "VERB" and lemma in self.consider_verbs and kind is None:
                    kind, wrapper = "consider", head  # "is considering sending troops": an option
                elif (head.pos_ == "ADJ" or head.tag_ == "VBN") and lemma in self.intent_adjs:
                    kind, wrapper = "intent", head  # "is likely to", "is set to" (a participle)
                elif lemma == "be" and dep == "xcomp" and self.intent_be_to and any(
                        c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
                    if cur.lemma_.lower() in self.be_to_idioms:
                        negated = True  # "Gondor is to blame": a judgement of it, not its act
                        break
                    kind, wrapper = "intent", head  # "Ms Baerbock is to visit Chile": planned
                elif head.pos_ in ("VERB", "AUX") and lemma in self.request_verbs and dep == "xcomp":
                    kind, wrapper = "request", head  # "invited Macron to visit": not done, asked
                    break
                elif head.pos_ == "NOUN" and lemma in self.intent_nouns:
                    kind, wrapper = "intent", head
                elif head.pos_ == "NOUN" and dep == "acl" and accepted(head, self.accepted_nouns, self.accepting_verbs):
                    kind, wrapper = "intent", head.head  # "accepted an invitation to visit Rohan"
                elif head.pos_ == "NOUN" and dep == "acl" and lemma in self.unasserted_nouns:
                    negated = True  # "defended its right to strike": allowed, not done
                    break
                if self._negated(head):
                    negated = True
                cur = head
                continue
            if dep in ("dobj", "nsubjpass") and cur.pos_ == "NOUN" and head.pos_ in ("VERB", "AUX") \
                    and any(c.dep_ == "acl" and (c.i == trigger.i or c in trigger.ancestors) for c in cur.children):
                # "failed to adopt a resolution condemning Rohan": what the participle says
                # the object does stands or falls with the verb that makes the object
                if self._negated(head):
                    negated = True
                cur = head
                continue
            if dep == "ccomp" and head.lemma_.lower() in self.denials and not (cur.i < head.i and any(
                    c.dep_ in ("nsubj", "dobj") and c.lemma_.lower() in self.denied_nouns for c in head.children)):
                # "denied that it plans to invade": the denied act is not asserted; but in "Gondor
                # accused Rohan of ..., a charge Rohan denied" (the noun read as the denial's
                # subject or object) the charge was made
                negated = True
            if dep == "ccomp" and head.lemma_.lower() in self.not_meaning and self._negated(head):
                negated = True  # "did not mean that it had cut ties": not asserted either
            if dep == "ccomp" and head.lemma_.lower() in self.speech_verbs:
                reported = True
            break
        return kind, wrapper, negated, possible, reported

    def _prepositional_intent(self, gov: Token, prep: str = "to") -> bool:
        """A verb whose "to" + gerund is intended (``intent.prepositional``: "look forward to
        working with", "is committed to expanding"), with its particle when one is listed; or
        whose "on" + gerund is (``intent.on_gerund``: "agreed on holding talks")."""
        lemma = gov.lemma_.lower()
        if prep == "on":
            return gov.pos_ in ("VERB", "AUX") and lemma in self.intent_on
        if gov.pos_ not in ("VERB", "AUX", "ADJ") or lemma not in self.intent_prepositional:
            return False
        particle = self.intent_prepositional[lemma]
        return not particle or any(c.lower_ == particle for c in gov.children)

    def refused(self, trigger: Token, code: str, kind: str | None) -> bool:
        """A cooperative act negated under its own modal of the future, or of "can", is a
        refusal: "Gondor will not sign the treaty", "Rohan won't attend the talks", "said it
        could not approve the plan" (12x), while "did not sign" is only not done, and "could not
        attend because of the storm" is inability."""
        modals = self.refusal_modals | (self.reported_refusal_modals if self._told(trigger) else frozenset())
        if kind not in (None, "modal") or not "03" <= code[:2] <= "08" or not self._negated(trigger):
            return False
        return any(c.dep_ == "aux" and c.lower_ in modals for c in trigger.children) \
            and not any(t.lower_ == "because" for c in trigger.children for t in (c, *c.children))

    def _for_infinitive(self, clause: Token) -> bool:
        """Whether a verb heads an infinitive with its own subject after "for"
        (``hedges.infinitive_subject_marks``): "the way for Rohan to join", "called for Rohan
        to withdraw"."""
        return any(c.dep_ == "mark" and c.lower_ in self.infinitive_marks for c in clause.children) and \
            any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)

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
        if (comp.dep_ == "ccomp" or comp.dep_ == "advcl" and self._for_infinitive(comp)) \
                and head.lemma_.lower() in self.request_clause_verbs:
            # "demanded that Israel withdraw", "called for Russia to withdraw"
            return self.request_clause_verbs[head.lemma_.lower()], head
        if comp.dep_ == "ccomp" or (comp.dep_ == "advcl" and "for" in marks):
            for obj in head.children:
                if obj.dep_ == "dobj" and obj.i < comp.i and obj.lemma_.lower() in self.request_clause_nouns:
                    return self.request_clause_nouns[obj.lemma_.lower()], obj
        return None

    def ended(self, code: str, verb: str) -> str | None:
        """The code of an act going on that a verb of cessation ends, named by its noun ("halted
        trade with Rohan" 160, "suspended aid to Gondor" 162, "suspended talks with" 164):
        ``cessation.codes``; not a visit or a meeting, which "ends" when done."""
        if verb not in self.cessation_verbs or code[:3] in self.cessation_done or code[:2] == "04" and verb == "end":
            return None
        return next((self.cessation_codes[k] for k in (code, code[:3], code[:2]) if k in self.cessation_codes), None)

    def mediated(self, trigger: Token, code: str) -> str:
        """A negotiation someone helps with is their mediation ("helped negotiate the deal")."""
        if code[:3] in self.mediation_codes and trigger.dep_ == "xcomp" and \
                trigger.head.lemma_.lower() in self.mediation_wrappers:
            return self.mediation_code
        return code

    def transform(self, code: str, kind: str | None) -> str:
        """The code of an act under a wrapper: its intent, refusal or threat code. The tables
        are keyed by root, and by code where a code has its own ("045" mediate -> "039" intent
        to mediate, "072" military aid -> "0332"); the code itself is looked up first."""
        root = code[:2]

        def look(table: dict[str, str], default: str) -> str:
            return table.get(code, table.get(code[:3], table.get(root, default)))

        if kind == "consider":
            return self.consider_code
        if kind == "cessation":
            return look(self.cessation_codes, "")  # "": an act ended that CAMEO does not code
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

    def appeal(self, code: str) -> str | None:
        """The appeal for an act asked of another: CAMEO's appeals (02x) mirror its intents
        (03x), so the code is the intent code of the act with the root of an appeal ("urged
        Rohan to hold talks": 046 -> intent 036 -> appeal 026; "to release the sailors":
        0353 -> 0253). None when the act has no intent of its own (the plain appeal stands)."""
        if int(code[:2]) > 9:
            return None
        intent = self.transform(code, "intent")
        return APPEAL_ROOT + intent[2:] if intent[:2] == "03" and "1" <= intent[2:3] <= "8" else None

    def asked(self, wrapper: Token | None, code: str) -> None:
        """Remember that an appeal verb asks for an act of ``code`` (the first act it asks for
        names the appeal's kind; see :meth:`appeal`)."""
        appeal = self.appeal(code)
        if wrapper is not None and appeal:
            self._asked.setdefault(wrapper.i, appeal)

    def negate(self, code: str, negated: bool) -> tuple[str, bool]:
        """A negated act, recoded where the stance rules say what its negation is
        (``negation.codes``: "did not clash" is no conflict but cooperation in some
        codebooks); otherwise kept, marked negated."""
        if negated and code in self.negation_codes:
            return self.negation_codes[code], False
        return code, negated
