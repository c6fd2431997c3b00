"""Evaluations in speech: a speaker who says something good or bad of another actor.

"The Arnorian minister said Gondor's blockade was illegal and provocative" is Arnor
criticising Gondor (111); "the president said Rohan had been a reliable partner" is praise
(051); "the envoy called the agreement null and void" criticises the agreement's parties.
No pattern names these: the act is in the words the speaker chose. The rule:

1. **Speaker.** The subject of a speech verb (``speech.verbs``) or of a verb that qualifies
   what it quotes (``speech.quote_verbs``: "called", "described").
2. **What is said.** The clause the verb reports (its ``ccomp``); for "called X Y" and
   "described X as Y", the qualifying words Y.
3. **Of whom.** The actors the clause's subject names (not the speaker's own state), else
   the owners of the act the subject names again ("the agreement": whoever made it,
   ``arguments.act_nouns``); for "called X Y", X in the same way.
4. **Good or bad.** The clause's words are counted against ``evaluation.positive`` and
   ``evaluation.negative`` (stance.yaml); a word under a negation counts for the other side.
   More bad than good is criticism, more good than bad is praise; a tie says nothing.

Feelings said of an actor work the same way (``evaluation.affect``, read in
:mod:`tacitus.events.affects`): "Peru was furious at Chile's decision" (110), "said it was
pleased with Chile's help" (051). A speaker's loaded noun for another's deed ("the Turkish
aggression") criticises its doer (:mod:`tacitus.events.loaded`).

Nothing is added where another rule already coded the speaker against that actor in the
sentence (an accusation, an appeal; a threat is another act): those say more. The events carry
``how: evaluation`` and the speech's stance (a hedge or a question drops them as any other).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from tacitus.actors.groups import MEETING_NOUNS
from tacitus.events.acts import (
    STRUCK_AT,
    VICTIM_OF_ACT,
    VICTIM_ROOTS,
    outside,
    own_states,
)
from tacitus.events.affects import ACT_PRONOUNS, AffectEvents
from tacitus.events.arguments import RELATIVE_PRONOUNS
from tacitus.events.candidates import DIRECT, INHERITED, ActorIndex, Candidate, Found
from tacitus.events.loaded import LoadedWords
from tacitus.events.patterns import PatternBook
from tacitus.events.speech import according_to
from tacitus.nlp.misparse import object_with_predicate
from tacitus.records import Actor

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

#: Gatherings, whose naming body or place is not judged with them (``_evaluated``).
GATHERINGS = MEETING_NOUNS | frozenset({"session", "forum", "negotiation", "congress"})
#: Roots of the speaker's own words about another's act (comment, disapprove, reject): a
#: pronoun judged after them is the act they answered, not these words.
REACTION_ROOTS = frozenset({"01", "11", "12"})
THREAT_ROOT = "13"  #: the root of threats, which a judgement in their sentence does not repeat
#: How far the words of a long clause are read: the evaluation of an actor is near its name.
MAX_CLAUSE_TOKENS = 40
#: How many sentences back such a pronoun's act may have been told.
LAST_ACT_SENTENCES = 2
#: Clauses inside a judged phrase that say something else: "happy with a weaker euro, which
#: makes exports cheaper in Rohan" judges nobody in Rohan.
OTHER_CLAUSES = frozenset({"relcl", "advcl", "ccomp", "parataxis"})
#: Clauses beside a quoted sentence's main one that say something of their own subject.
SUBJECT_CLAUSES = frozenset({"ccomp", "parataxis", "advcl", "conj"})


#: Relations through which a word's phrase completes a verb ("not a reliable partner", "not
#: behaving like a responsible country"): a "not" on that verb negates the word.
NEGATION_PATH = frozenset({"amod", "attr", "acomp", "pobj", "prep", "advmod", "compound", "oprd"})


def _own_words(head: Token) -> list[Token]:
    """The words of a phrase without the clauses of its own inside it (``OTHER_CLAUSES``, and
    participle clauses other than a passive's): "the way Gondor went to war in Rohan" judges
    no one in Rohan; "the proposal put forward by Rohan" and "the plan that Rohan tabled"
    (a relative clause's own subject) keep Rohan."""
    out: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for c in tok.children:
            if c.dep_ == "relcl":
                # "the plan that Rohan tabled": the relative's own subject is the owner
                stack.extend(s for s in c.children if s.dep_ == "nsubj" and s.lower_ not in RELATIVE_PRONOUNS)
                continue
            if c.dep_ in OTHER_CLAUSES or (c.dep_ == "acl" and c.tag_ != "VBN"):
                continue
            stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _pairs_of(candidates: list[Candidate]) -> set[tuple[str, str]]:
    """The (source, target) keys of candidates: a pair judged once is not judged again."""
    return {(c.source.key, c.target.key) for c in candidates if c.target is not None}


class EvaluationEvents(LoadedWords, AffectEvents):
    """Praise and criticism carried by the words of reported or quoted speech."""

    _through_evidence: Callable[[Token, Token], Token]  # speech.py (the coder has both)

    def __init__(self, book: PatternBook) -> None:
        LoadedWords.__init__(self, book)
        AffectEvents.__init__(self, book)
        st = book.stance.get("evaluation") or {}
        w = book.stance_words
        self.eval_positive = w("evaluation", "positive")
        self.eval_negative = w("evaluation", "negative")
        self.eval_negative_adjectives = w("evaluation", "negative_adjectives")
        self.eval_degree = w("evaluation", "degree")
        self.eval_norm_breaking = w("evaluation", "norm_breaking")
        self.eval_norm_nouns = w("evaluation", "norm_nouns")
        #: "politically motivated": (word, its modifier), negative together
        self.eval_negative_phrases = {tuple(reversed(p.split())) for p in w("evaluation", "negative_phrases")}
        self.eval_unentitled = w("evaluation", "unentitled")
        self.eval_validity = w("evaluation", "validity")
        self.eval_validity_phrases = {tuple(reversed(p.split())) for p in w("evaluation", "validity_phrases")}
        self.eval_validity_deniers = w("evaluation", "validity_deniers")
        self.eval_codes = {"positive": str(st.get("positive_code", "051")),
                           "negative": str(st.get("negative_code", "111")),
                           "blame": str(st.get("blame_code", "112"))}
        self.eval_blame = w("evaluation", "blame")
        self.eval_blame_idioms = w("evaluation", "blame_idioms")
        self.eval_blame_preps = w("evaluation", "blame_prepositions")
        self.eval_blame_in = w("evaluation", "blame_participation")
        self.eval_blame_nouns, self.eval_blame_noun_verbs = w("evaluation", "blame_nouns"), w("evaluation", "blame_noun_verbs")
        self.eval_blame_roots = w("evaluation", "blame_roots")
        self.eval_doer_nouns = w("evaluation", "doer_nouns")
        self.eval_judging = w("evaluation", "judging_verbs")
        self.eval_speech = w("speech", "verbs")
        self.eval_qualifying = w("speech", "quote_verbs") & w("evaluation", "qualifying_verbs")
        self.eval_opinion = w("evaluation", "opinion_verbs")
        self.eval_frame_neutral = w("evaluation", "frame_neutral")
        self.eval_performance = w("evaluation", "performance_nouns")
        self.eval_befalling = w("evaluation", "befalling_nouns")
        #: every verb whose subject may judge what follows it (computed once: read per token)
        self.eval_citing = w("evaluation", "citing_verbs")
        self.eval_verbs = self.eval_speech | self.eval_qualifying | self.eval_opinion | self.eval_citing
        self.eval_negators = w("negation", "words")

    def _word_negated(self, tok: Token) -> bool:
        """An evaluative word under "not" or a negator, on itself or on its head ("was not
        helpful", "no progress"), or under a verb that says it did not happen ("failed to
        honour", ``negation.wrappers``)."""
        if any(c.dep_ == "neg" or c.lower_ in self.eval_negators for c in (*tok.children, *tok.head.children)):
            return True
        # up the phrase to its verb: "was not a reliable partner", "is not behaving like a
        # responsible country" (the "not" is on the verb the word's phrase completes)
        cur = tok
        for _ in range(4):
            if cur.dep_ not in NEGATION_PATH or cur.head.i == cur.i:
                break
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                if any(c.dep_ == "neg" for c in cur.children):
                    return True
                break
        # under a verb that says it did not happen: "failed to honour its commitments"
        for n, anc in enumerate(tok.ancestors):
            if anc.lemma_.lower() in self.neg_wrappers:
                return True
            if n >= 2 or anc.dep_ in ("ccomp", "ROOT", "relcl", "advcl"):
                return False
        return False

    def _breaks_norm(self, tok: Token) -> bool:
        """A word that says a norm is broken, before the norm (``evaluation.norm_breaking``,
        ``norm_nouns``): "is contrary to international law", "incompatible with the charter";
        "against" and "counter" only after go, run or be ("goes against the law", "runs
        counter to the resolution"; not "voted against the resolution")."""
        if tok.lower_ not in self.eval_norm_breaking:
            return False
        if tok.lower_ in ("against", "counter") and tok.head.lemma_ not in ("go", "run", "be"):
            return False
        return any(t.lemma_.lower() in self.eval_norm_nouns for t in tok.subtree if t.i > tok.i)

    def _unentitled(self, tok: Token) -> bool:
        """"Rohan had no right to lecture us", "has no business telling us": a word of
        ``evaluation.unentitled`` with "no", held by "have", before "to" + a verb or a gerund."""
        return tok.lemma_.lower() in self.eval_unentitled and tok.head.lemma_ == "have" and tok.dep_ == "dobj" \
            and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children) \
            and any(c.dep_ in ("acl", "relcl", "xcomp") and c.pos_ in ("VERB", "AUX") for c in tok.children)

    def _invalid(self, tok: Token) -> bool:
        """A word of validity denied (``evaluation.validity``, ``validity_phrases``): "was not
        valid", "had no legal basis", "lacked legitimacy", "was without merit"
        (``validity_deniers``). Asserted, validity judges nobody."""
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX"):
            return False  # "not enough to merit an end to the embargo": no merit judged
        if lemma not in self.eval_validity and not any(
                (lemma, c.lower_) in self.eval_validity_phrases for c in tok.children):
            return False
        return self._word_negated(tok) or (tok.dep_ in ("dobj", "pobj") and tok.head.lemma_.lower() in self.eval_validity_deniers)

    def _blameworthy(self, noun: Token) -> bool:
        """Whether a noun names a hostile act (``arguments.act_nouns`` of ``evaluation.blame_roots``)."""
        return bool(set(self.act_nouns.get(noun.lemma_.lower(), ())) & self.eval_blame_roots)

    def _polarity(self, words: list[Token]) -> str | None:
        """``positive``, ``negative`` or None: the evaluative words of a clause, counted; or
        ``blame`` when it holds someone to account ("was responsible for the attack", "is
        guilty of war crimes": ``evaluation.blame`` with "for" or "of"; "was to blame":
        ``evaluation.blame_idioms`` after "be to"; "was behind the attack":
        ``evaluation.blame_prepositions`` before an act noun; "was involved in the attack":
        ``evaluation.blame_participation``; "bears responsibility for": ``evaluation.blame_nouns``)."""
        good = bad = 0
        for tok in words[:MAX_CLAUSE_TOKENS]:
            lemma = tok.lemma_.lower()
            if (lemma in self.eval_blame and any(c.dep_ == "prep" and c.lower_ in ("for", "of") for c in tok.children)) \
                    or (lemma in self.eval_blame_idioms and tok.head.lemma_ == "be" and tok.dep_ == "xcomp"
                        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)):
                return None if self._word_negated(tok) else "blame"  # not praise of a "responsible" state
            if tok.lower_ in self.eval_blame_preps and tok.dep_ == "prep" and tok.head.lemma_ == "be" and any(
                    c.dep_ == "pobj" and self._blameworthy(c) for c in tok.children):
                return None if self._word_negated(tok.head) else "blame"  # "was behind the attack"
            if lemma in self.eval_blame_nouns and tok.dep_ == "dobj" and \
                    tok.head.lemma_.lower() in self.eval_blame_noun_verbs and \
                    any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
                return None if self._word_negated(tok.head) else "blame"  # "bore responsibility for"
            if (lemma in self.eval_blame_in or tok.lower_ in self.eval_blame_in) and any(
                    c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pobj" and self._blameworthy(g) for g in c.children)
                    for c in (*tok.children, *(tok.head.children if tok.dep_ == "dobj" else ()))):  # "played a role in"
                return None if self._word_negated(tok) else "blame"  # "was involved in the attack"
            if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "on") and tok.tag_ == "NN" and \
                    not any(c.dep_ in ("det", "amod", "poss", "compound", "nummod") for c in tok.children):
                continue  # an adverbial idiom: "informed in advance", "on balance"
            if self._unentitled(tok):
                bad += 1  # "had no right to lecture us": the "no" is the rebuke, not its negation
                continue
            if self._invalid(tok):
                bad += 1  # "was not valid", "has no legal basis", "lacks legitimacy"
                continue
            side = 1 if lemma in self.eval_positive or tok.lower_ in self.eval_positive else \
                -1 if lemma in self.eval_negative or tok.lower_ in self.eval_negative or self._breaks_norm(tok) \
                or (tok.pos_ == "ADJ" and tok.lower_ in self.eval_negative_adjectives) \
                or any((lemma, c.lower_) in self.eval_negative_phrases for c in tok.children) else 0
            if side > 0 and lemma in self.eval_degree and tok.dep_ == "amod" and \
                    tok.head.lemma_.lower() in self.eval_negative:
                continue  # "a significant risk": how bad, not good
            if not side:
                continue
            if self._word_negated(tok):
                side = -side  # "was not helpful", "did not violate", "no progress"
            if side > 0:
                good += 1
            else:
                bad += 1
        if bad > good:
            return "negative"
        if good > bad:
            return "positive"
        return None

    def _evaluated(self, head: Token | None, idx: ActorIndex, speaker: Found) -> list[tuple[Actor, str]]:
        """The actors a phrase names (its own, a possessor, an adjective, a complement), else
        the owners of the act it names again; never the speaker or the speaker's state."""
        if head is None or head.lemma_.lower() in self.eval_performance:
            return []  # "said Rohan's economy was strong": a figure described, no one judged
        own = own_states(speaker)
        found: list[tuple[Actor, str]] = []
        if head.lower_ in RELATIVE_PRONOUNS:  # "Rohan, which he said was a reliable partner"
            found = [a for a in self.np_actors(head, idx) if outside(a[0], own)]
        words = _own_words(head)
        # "the attack on Rohan", "the offensive in Rohan": who was struck is not judged for it
        struck = {t.i for w in words if set(self.act_nouns.get(w.lemma_.lower(), ())) & VICTIM_ROOTS
                  for p in w.children if p.dep_ == "prep" and p.lower_ in VICTIM_OF_ACT | STRUCK_AT for t in p.subtree}
        # "the election of Rohan's president", "the arrest of Rohan's envoy": whom it befell
        struck |= {t.i for w in words if w.lemma_.lower() in self.eval_befalling
                   for p in w.children if p.dep_ == "prep" and p.lower_ == "of" for t in p.subtree}
        # "the EU summit was a success", "the talks in Lima were historic": the body or place
        # that names a gathering is where it met, not who did well ("talks with Rohan" keep
        # their party)
        struck |= {t.i for w in words if w.lemma_.lower() in GATHERINGS
                   for c in w.children if c.dep_ in ("compound", "nmod", "amod", "poss")
                   or (c.dep_ == "prep" and c.lower_ in ("in", "at", "of"))
                   for t in c.subtree}
        for tok in (w for w in words if w.i not in struck):
            named = tok.i in idx.mod_at and tok.dep_ in ("compound", "nmod") and tok.pos_ == "PROPN"
            modified = tok.i in idx.mods_of and tok.lemma_.lower() not in GATHERINGS
            if tok.i in idx.np_at or modified or named:
                actors = self.np_actors(tok, idx) if tok.i in idx.np_at or named else \
                    [(a, m.via) for m in idx.mods_of[tok.i] for a in m.actors]
                for a in actors:
                    if outside(a[0], own) and all(a[0].key != f[0].key for f in found):
                        found.append(a)
        if found or head.lemma_.lower() in GATHERINGS:
            return found  # a gathering judged is no one's deed: only a party named with it
        return [a for a in self.act_owners(head, idx, speaker) if a[0].country not in own]

    def _last_doer(self, pronoun: Token, idx: ActorIndex, speaker: Found) -> list[tuple[Actor, str]]:
        """"It is a propaganda stunt", "this violates our sovereignty": a pronoun judged with
        no act named in its clause is the act coded last, in this sentence's
        ``LAST_ACT_SENTENCES`` predecessors, by someone other than the speaker; its doer is
        judged (marked ``via = "context"``)."""
        clause = pronoun.head
        if pronoun.dep_ == "expl" or any(c.dep_ in ("ccomp", "xcomp", "csubj", "advcl") for c in clause.children) \
                or any(c.dep_ in ("xcomp", "ccomp") for t in clause.children if t.dep_ in ("acomp", "attr", "dobj")
                       for c in t.children):
            return []  # "it would make sense (for us) to ...", "it is vital that ...": no act meant
        sent = idx.sent_of[pronoun.i]
        own = own_states(speaker)
        blamed: list[tuple[Actor, str]] = []
        for s, code, owners, _ in reversed(idx.acts):  # the latest first
            if s >= sent:
                continue
            if sent - s > LAST_ACT_SENTENCES:
                break
            doer = owners[0] if owners else None
            if doer is not None and outside(doer, own):
                return [(doer, "context")]
            if code[:2] in REACTION_ROOTS:
                # "Gondor rejected the move. 'It is a stunt,' ...": the act reacted to; when it
                # was not told, the speaker's own criticism or rejection says whose it is
                # ("Gondor criticised Rohan over the law. 'This is a mistake,' ...")
                blamed = blamed or [(t, "context") for s2, code2, src, t in idx.told
                                    if s2 == s and code2 == code and code[:2] in ("11", "12")
                                    and not outside(src, own) and outside(t, own)][:1]
                continue
            return []  # the speaker's own act, or their partner's, named last
        return blamed

    def _judgements(self, code: str, speaker: Found, targets: list[tuple[Actor, str]], trigger: Token,
                    pattern: str, conf: float, negated: bool, how: tuple[str, ...],
                    idx: ActorIndex, taken: set[tuple[str, str]]) -> list[Candidate]:
        """One candidate per speaker and judged actor, except pairs another rule coded."""
        return [Candidate(code, s, t, trigger, pattern, conf - penalty, negated, how=(*how, *more))
                for s, t, penalty, more in self._pairs(speaker.actors, targets, False, idx, 0)
                if t is not None and (s.key, t.key) not in taken]

    def _spoken(self, code: str, label: str, speaker: Found, targets: list[tuple[Actor, str]], verb: Token,
                idx: ActorIndex, taken: set[tuple[str, str]]) -> list[Candidate]:
        """The judgements a speaker's words make, marked as such; a speaker inherited from
        another clause is less sure."""
        return self._judgements(code, speaker, targets, verb, f"{code}:evaluation:{label}",
                                DIRECT - (INHERITED if speaker.inherited else 0), False,
                                ("evaluation", *(("inherited",) if speaker.inherited else ())), idx, taken)

    def _reported_judgement(self, verb: Token) -> bool:
        """A clause whose own verb is someone's act of praise or blame ("said Gondor had
        praised its efforts"): its subject judges, and is not judged by the speaker; the
        coder codes the act itself (``evaluation.judging_verbs``)."""
        return verb.lemma_.lower() in self.eval_judging

    def _quoted(self, sent: Span, idx: ActorIndex, speaker: Found, taken: set[tuple[str, str]]) -> list[Candidate]:
        """A sentence that is a speaker's quoted words with no speech verb of its own ("'He
        made a great contribution to your country,'" after the speaker was named): the whole
        sentence is what is said, read as a speech verb's clause is."""
        root = sent.root
        if root.pos_ not in ("VERB", "AUX") or any(c.dep_ == "neg" for c in root.children) \
                or self._reported_judgement(root):
            return []
        about = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if about is None or about.lower_ in ("that", "there"):
            return []
        # the words of the subject's own clause: not those of a clause with a subject of its
        # own ("'We made great progress - Rohan recognised this'": Rohan is not praised)
        sub = {t.i for t in about.subtree} | {t.i for c in root.children if c.dep_ in SUBJECT_CLAUSES
                                              and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                                              for t in c.subtree}
        polarity = self._polarity([t for t in sent if t.i not in sub])
        if polarity is None:
            return []
        code = self.eval_codes[polarity]
        judged = self._last_doer(about, idx, speaker) if about.lower_ in ACT_PRONOUNS else \
            self._evaluated(about, idx, speaker)
        return self._judgements(code, speaker, judged, root,
                                f"{code}:evaluation:quoted + {polarity} words", DIRECT - INHERITED, False,
                                ("evaluation", "quote-speaker"), idx, taken)

    @staticmethod
    def _qualifies(verb: Token) -> bool:
        """An opinion verb that qualifies its object: "regards the deal as illegal", "found the
        blockade unacceptable" (not "found a way")."""
        if any(object_with_predicate(c) for c in verb.children):
            return True  # "called the filling a violation", parsed with the gerund a verb
        return any(c.dep_ == "dobj" for c in verb.children) and any(
            c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as")
            # "regards the ban as unjust" with "as unjust" read as a clause of its own
            or (c.dep_ == "advcl" and c.tag_ in ("JJ", "VBN") and any(g.lower_ == "as" for g in c.children))
            or (c.dep_ == "dobj" and any(g.dep_ == "prep" and g.lower_ == "as" for g in c.children))  # ... on the object
            for c in verb.children)

    def _qualified(self, verb: Token, speaker: Found, idx: ActorIndex, taken: set[tuple[str, str]]) -> list[Candidate]:
        """"Called the deal illegal", "described Gondor as a reliable partner", "regards the
        blockade as a provocation": the object is judged by the words that qualify it."""
        lemma = verb.lemma_.lower()
        # the small model may fold the words into the object ("the agreement null and void")
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None:
            # "called the expulsion unfounded" with the noun made a compound of the adjective
            # (the adjective the verb's "oprd"), or a name made a modifier of the noun that
            # judges it ("called Rohan a dictator", Rohan the dictator's "nmod")
            opr = next((c for c in verb.children if c.dep_ == "oprd"), None)
            obj = next((c for c in opr.children if c.dep_ in ("compound", "nmod") and c.pos_ in ("NOUN", "PROPN")
                        and c.i < opr.i), None) if opr is not None else None
            if obj is None and opr is not None and (opr.pos_ == "NOUN" and any(
                    c.dep_ == "amod" and c.i > opr.i for c in opr.children) or object_with_predicate(opr)):
                obj = opr  # "called Rohan's remarks 'unacceptable'": the word after read as the noun's
        if obj is None:
            return []
        if obj.lower_ in ("it", "them") and verb.dep_ in ("advcl", "xcomp", "conj"):
            # "commented on the Gondor-Rohan treaty, calling it illegal": "it" is what the
            # clause the participle hangs on is about, its object or its phrase's
            obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None) or \
                next((p for c in verb.head.children if c.dep_ == "prep" and c.i < verb.i
                      for p in c.children if p.dep_ == "pobj"), obj)
        polarity = self._polarity([t for t in verb.subtree if t.i > verb.i])
        if polarity is None:
            return []
        # ("branded the United States a terrorist state": the small model may make the judged a dative)
        abouts = [*(c for c in verb.children if c.dep_ == "dative"), obj, *(c for c in obj.children if c.dep_ == "compound")]
        targets = next((found for a in abouts if (found := self._evaluated(a, idx, speaker))), [])
        if not targets and obj.lower_ in ("what", "which") and verb.dep_ in ("pcomp", "relcl"):
            # "Rohan closed the border, in what Gondor called a breach of the treaty": the
            # act of the clause the phrase hangs on, whose subject did it
            main = verb.head.head if verb.dep_ == "pcomp" else verb.head
            own = own_states(speaker)
            targets = [a for a in self.subject(main, idx).actors if outside(a[0], own)] \
                if main.pos_ in ("VERB", "AUX") else []
        if not targets:
            return []
        return self._spoken(self.eval_codes[polarity], f"{lemma} + {polarity} words", speaker, targets, verb, idx, taken)

    def _said_clause(self, verb: Token) -> Token | None:
        """What a speech verb reports: its clause ("said the blockade was illegal"), or, for a
        verb set inside what it reports ("the blockade, Rohan argued, is illegal"), the clause
        it interrupts; an opinion verb's clause too ("Rohan considers the blockade a
        provocation", ``evaluation.opinion_verbs``)."""
        comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if comp is None and verb.dep_ == "parataxis" and verb.lemma_.lower() in self.eval_speech \
                and not any(c.dep_ in ("dobj", "xcomp") for c in verb.children) and verb.head.pos_ in ("VERB", "AUX"):
            comp = verb.head
        # "said the incident proved that Rohan could not be trusted": what the evidence shows
        return self._through_evidence(verb, comp) if comp is not None else None

    def _attributed(self, clause: Token, about: Token | None, idx: ActorIndex,
                    speaker: Found) -> list[tuple[Actor, str]]:
        """Whom a hostile act is said to be the work of: "the attack was the work of Rohan",
        "the bombing was Rohan's doing" (``evaluation.doer_nouns``, after "be", of a subject
        that names an act of ``evaluation.blame_roots``); never the speaker's own side."""
        if about is None or clause.lemma_ != "be" or not set(
                self.act_nouns.get(about.lemma_.lower(), ())) & self.eval_blame_roots:
            return []
        own = own_states(speaker)
        for attr in (c for c in clause.children if c.dep_ == "attr" and c.lemma_.lower() in self.eval_doer_nouns):
            named = [c for c in attr.children if c.dep_ == "poss"] + \
                [g for c in attr.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            found = [a for t in named for a in self.group(t, idx) if outside(a[0], own)]
            if found:
                return found
        return []

    def _clause_judgement(self, verb: Token, comp: Token, speaker: Found, idx: ActorIndex,
                          taken: set[tuple[str, str]]) -> list[Candidate]:
        """The speaker's judgement of whom a reported clause is about: its subject's actors,
        or the owners of the act its subject names; "it"/"this" alone is the act told last.
        A frame with no subject of its own ("it is important to say that ...", "it is clear
        that ...", "it was a mistake for Gondor to ...") is read through: the inner clause's
        subject is judged by the inner clause's words, else by the frame's ("it is regrettable
        that Gondor ..."), of which ``evaluation.frame_neutral`` judge nobody ("it is important
        that Gondor ...")."""
        if self._reported_judgement(comp):
            return []
        lemma = verb.lemma_.lower()
        about = next((c for h in (comp, *(a for a in comp.children if a.dep_ == "aux"))
                      for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        pronoun = about if about is not None and about.lower_ in ACT_PRONOUNS else None
        frame: list[Token] = []
        said = comp
        if about is None or about.lower_ in ("it", "this", "that", "there"):
            # "it was important to ...": of nobody, unless a clause inside names whom ("it
            # is clear that Gondor's claims violate ...", "it was a mistake for Rohan to ...")
            inner = next((t for t in comp.subtree if t.i != comp.i and (t.dep_ == "ccomp" or (
                t.dep_ in ("advcl", "acl", "relcl") and any(m.dep_ == "mark" and m.lower_ == "for" for m in t.children)))
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)), None)
            about = next((c for c in inner.children if c.dep_ in ("nsubj", "nsubjpass")), None) \
                if inner is not None else None
            if about is not None:
                said = inner
                inside = {t.i for t in inner.subtree}
                frame = [t for t in comp.subtree if t.i not in inside and t.lemma_.lower() not in self.eval_frame_neutral]
        agent = next((g for c in said.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is not None and about is not None and about.dep_ == "nsubjpass":
            about = agent  # "said they were betrayed by Rohan": the one who did it is judged
        doers = self._attributed(said, about, idx, speaker)
        if doers:  # "said the attack was the work of Rohan"
            return self._spoken(self.eval_codes["blame"], f"{lemma} + work of", speaker, doers, verb, idx, taken)
        sub = {t.i for t in about.subtree} if about is not None else set()
        # not the words of a clause inside with a subject of its own: in "the deal proved
        # claims of a clash were wrong" the deal is not what is wrong
        sub |= {t.i for c in said.subtree if c.i != said.i and c.dep_ in SUBJECT_CLAUSES
                and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for t in c.subtree}
        # the inner clause's own words first; else the frame's ("it is regrettable that ...")
        polarity = self._polarity([t for t in said.subtree if t.i not in sub]) or (
            self._polarity(frame) if frame else None)
        if polarity is None:
            return []
        targets = self._evaluated(about, idx, speaker)
        if not targets and pronoun is not None and about is None:
            targets = self._last_doer(pronoun, idx, speaker)  # "said it was a propaganda stunt"
        if not targets:
            return []
        return self._spoken(self.eval_codes[polarity], f"{lemma} + {polarity} words", speaker, targets, verb, idx, taken)

    def _evaluations(self, sent: Span, idx: ActorIndex, coded: list[Candidate]) -> list[Candidate]:
        """Praise and criticism in what speakers say (see the module docstring), and the
        feelings said of actors (:meth:`AffectEvents._feelings`), and loaded nouns."""
        # (a threat is another act: "called it unfounded and said Gondor would respond")
        taken = {(c.source.key, c.target.key) for c in coded if c.target is not None and c.code[:2] != THREAT_ROOT}
        out: list[Candidate] = self._feelings(sent, idx, taken)
        quoted = idx.speakers.get(idx.sent_of[sent.root.i])
        if quoted is not None:
            out.extend(self._quoted(sent, idx, Found([(quoted, "quote")]), taken))
            out += self._loaded(sent, Found([(quoted, "quote")]), sent.root, idx, taken | _pairs_of(out))
        for verb in sent:
            lemma = verb.lemma_.lower()
            if verb.pos_ not in ("VERB", "AUX") or lemma not in self.eval_verbs:
                continue
            if any(c.dep_ == "neg" for c in verb.children):
                continue  # "did not say that ...", "does not consider it illegal" evaluate nothing
            speaker = self.subject(verb, idx)
            if not speaker:
                continue
            if lemma in self.eval_qualifying or (lemma in self.eval_opinion and self._qualifies(verb)):
                out += self._qualified(verb, speaker, idx, taken)
                continue
            comp = self._said_clause(verb)
            if comp is not None and not (comp.lemma_.lower() in self.eval_opinion and self._qualifies(comp)):
                # ("said it sees the ban as unjust": the opinion verb judges its object, above)
                out += self._clause_judgement(verb, comp, speaker, idx, taken)
            if comp is not None and not self._reported_judgement(comp):
                out += self._loaded(comp.subtree, speaker, verb, idx, taken | _pairs_of(out))  # "the Turkish aggression"
            if lemma in self.eval_citing:
                # "recalled its envoy, citing Rohan's unwarranted decision": the reason it gives
                cited = [t for c in verb.children if c.dep_ == "dobj" for t in c.subtree]
                out += self._loaded(cited, speaker, verb, idx, taken | _pairs_of(out))
        for clause in sent:
            for source in according_to(clause) if clause.pos_ in ("VERB", "AUX") else ():
                speaker = Found(self.group(source, idx))
                if speaker:  # "according to Rohan, the blockade is illegal"
                    out += self._clause_judgement(source.head.head, clause, speaker, idx, taken)
        return out

    def _loaded(self, words: Iterable[Token], speaker: Found, trigger: Token, idx: ActorIndex,
                taken: set[tuple[str, str]]) -> list[Candidate]:
        """Criticism of whoever a speaker's loaded noun names as the doer (``loaded.py``)."""
        doers = self.loaded_doers(words, speaker, idx, self._word_negated)
        if not doers:
            return []
        code = self.eval_codes["negative"]
        return self._judgements(code, speaker, doers, trigger, f"{code}:evaluation:loaded noun",
                                DIRECT - INHERITED, False, ("evaluation", "loaded"), idx, taken)
