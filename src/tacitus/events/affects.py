"""Feelings: an actor said to feel something about another's act.

"Peru was furious at Chile's decision" is Peru angry with Chile (110), "said it was pleased
with Chile's help" praise (051): feelings said of an actor are judgements as the words of a
speaker are (:mod:`tacitus.events.evaluation`), read in three forms:

- **a feeling of the subject** (``evaluation.affect``): the holder is the subject of the
  copula, the target the actor (or the act's owner) its preposition names
  (:meth:`AffectEvents._affects`);
- **a reaction with a feeling's adverb** ("reacted angrily to Chile's decision";
  :meth:`AffectEvents._felt_reactions`);
- **a feeling an act causes** (``evaluation.affect_causing``: "Chile's decision angered
  Peru"; :meth:`AffectEvents._caused_affects`): the one who feels it judges the cause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tacitus.events.acts import reacted_to
from tacitus.events.arguments import Arguments
from tacitus.events.candidates import DIRECT, Candidate, Found

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Span, Token

    from tacitus.events.candidates import ActorIndex
    from tacitus.events.patterns import PatternBook
    from tacitus.records import Actor

#: Verbs that link a feeling to its holder: "Peru was (seemed, remained) furious at ...".
COPULAS = frozenset({"be", "seem", "feel", "remain", "become", "appear", "grow", "look", "sound"})
#: Pronouns that name an act judged ("it is a stunt", "this is a violation", "it angered
#: Gondor"): the act coded last (``EvaluationEvents._last_doer``).
ACT_PRONOUNS = frozenset({"it", "this"})


class AffectEvents(Arguments):
    """Feelings said of actors about others' acts (the evaluation rules read them)."""

    # the evaluation rules' readers of a judged phrase (evaluation.py; the coder has both)
    _evaluated: Callable[[Token | None, ActorIndex, Found], list[tuple[Actor, str]]]
    _last_doer: Callable[[Token, ActorIndex, Found], list[tuple[Actor, str]]]
    _judgements: Callable[..., list[Candidate]]
    _negated: Callable[[Token], bool]

    def __init__(self, book: PatternBook) -> None:
        st = book.stance.get("evaluation") or {}
        self.affect = {str(k).lower(): str(v) for k, v in (st.get("affect") or {}).items()}
        self.affect_preps = book.stance_words("evaluation", "affect_prepositions")
        self.affect_causing = {str(k).lower(): str(v) for k, v in (st.get("affect_causing") or {}).items()}
        self.affect_clause = {str(k).lower(): str(v) for k, v in (st.get("affect_clause") or {}).items()}

    def _feelings(self, sent: Span, idx: ActorIndex, taken: set[tuple[str, str]]) -> list[Candidate]:
        """Every feeling of the three forms in a sentence, except pairs another rule coded."""
        return self._affects(sent, idx, taken) + self._caused_affects(sent, idx, taken) \
            + self._felt_reactions(sent, idx, taken)

    def _affects(self, sent: Span, idx: ActorIndex, taken: set[tuple[str, str]]) -> list[Candidate]:
        """Feelings said of an actor about another (``evaluation.affect``): "Peru was furious
        at Chile's decision", "said it was disappointed by Chile's vote", "Chile's minister was
        critical of the plan" (the plan's owner). The feeling's holder is the subject of the
        copula; the target is the actor its preposition names, or that phrase's owner."""
        out: list[Candidate] = []
        for adj in sent:
            code = self.affect.get(adj.lemma_.lower()) or self.affect.get(adj.lower_)
            # a passive: "Gondor was angered by ...", and a headline's with no "was" ("Gondor
            # angered by Rohan drills", see tacitus.nlp.headlines)
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in adj.children)
            if code is None and adj.pos_ == "VERB" and passive:
                code = self.affect_causing.get(adj.lemma_.lower())  # "Gondor was angered by ..."
            if code is None or adj.pos_ not in ("ADJ", "VERB") or adj.dep_ not in ("acomp", "oprd", "xcomp", "ROOT", "conj", "ccomp"):
                continue
            if adj.pos_ == "VERB" and not passive and adj.dep_ != "acomp":
                continue  # "it disappointed Peru" is no feeling of its subject's ("was deeply concerned" is)
            head = adj.head if adj.dep_ in ("acomp", "oprd", "xcomp", "conj") else adj
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None and head.dep_ in ("acomp", "conj"):
                subj = next((c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            holder = Found(self.group(subj, idx)) if subj is not None else Found([])
            if not holder:
                continue
            # "furious at X": the small model hangs the phrase on the adjective or on the copula;
            # "disappointed by X": the participle's agent
            hosts = [adj, *([head] if head is not adj and head.lemma_.lower() in COPULAS else [])]
            about = [c for h in hosts for p in h.children
                     if (p.dep_ == "prep" and p.lower_ in self.affect_preps) or p.dep_ == "agent"
                     for c in p.children if c.dep_ == "pobj"]
            # "disappointed that Chile had closed the border": the subject of the clause felt about
            clause = [c for h in hosts for p in h.children if p.dep_ == "ccomp" for c in p.children if c.dep_ == "nsubj"]
            objs = about + clause
            targets = next((found for o in objs if (found := self._evaluated(o, idx, holder))), [])
            if targets and clause and not about:
                # "worried that Rohan could cut exports": a comment on what may come
                # (evaluation.affect_clause), not disapproval of an act done
                code = self.affect_clause.get(adj.lemma_.lower()) or self.affect_clause.get(adj.lower_, code)
            if not targets and not objs and self.bystands(code):
                # "... Rohan's minister said he was deeply disappointed": a displeasure that names
                # nothing answers whoever just used force or coercion (arguments.bystander_roots)
                k = idx.sent_of[adj.i]
                targets = idx.aggressor(holder.actors, k) or idx.answered(holder.actors, k) or idx.judged(holder.actors, k)
            if not targets:
                continue
            out += self._judgements(code, holder, targets, adj, f"{code}:evaluation:{adj.lemma_.lower()} + "
                                    f"{objs[0].head.lower_ if objs else 'context'}", DIRECT, self._negated(head) or self._negated(adj),
                                    ("evaluation",), idx, taken)
        return out

    def _felt_reactions(self, sent: Span, idx: ActorIndex, taken: set[tuple[str, str]]) -> list[Candidate]:
        """A reaction told with a feeling's adverb: "Peru reacted angrily to Chile's decision",
        "responded furiously after Chile closed the border" (``arguments.response_verbs``; the
        adverb's adjective in ``evaluation.affect``): the one who reacts feels it about the act
        reacted to, its owner or the subject of the clause after "after" or "when"."""
        out: list[Candidate] = []
        for adv in sent:
            if adv.dep_ != "advmod" or not adv.lower_.endswith("ly") or adv.head.lemma_.lower() not in self.response_verbs:
                continue
            code = self.affect.get(adv.lower_[:-3] + "y" if adv.lower_.endswith("ily") else adv.lower_[:-2])
            verb = adv.head
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            holder = Found(self.group(subj, idx)) if subj is not None and code is not None else Found([])
            if not holder:
                continue
            objs = [g for p in verb.children if p.dep_ == "prep" and p.lower_ == "to" for g in p.children if g.dep_ == "pobj"]
            after = reacted_to(verb, self.response_verbs)
            objs += [g for g in after.children if g.dep_ == "nsubj"] if after is not None else []
            targets = next((found for o in objs if (found := self._evaluated(o, idx, holder))), [])
            out += self._judgements(code, holder, targets, verb, f"{code}:evaluation:{verb.lemma_.lower()} {adv.lower_}",
                                    DIRECT, self._negated(verb), ("evaluation",), idx, taken) if targets else []
        return out

    def _caused_affects(self, sent: Span, idx: ActorIndex, taken: set[tuple[str, str]]) -> list[Candidate]:
        """Feelings an act causes in another actor (``evaluation.affect_causing``): "Rohan's
        decision angered Gondor", "the deal angered Gondor" (its makers), "Rohan signed the
        deal, angering Gondor" (the participle's cause is the clause it hangs on: its doer).
        The one whose feeling it is (the object) judges the cause."""
        out: list[Candidate] = []
        for verb in sent:
            code = self.affect_causing.get(verb.lemma_.lower())
            if code is None or verb.pos_ != "VERB" or any(c.dep_ == "auxpass" for c in verb.children):
                continue
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            holder = Found(self.group(obj, idx)) if obj is not None else Found([])
            if not holder:
                continue
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
            if subj is None and verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG":
                cause = self.subject(verb.head, idx)  # "signed the deal, angering Gondor"
                own = {a.key for a, _ in holder.actors}
                targets = [a for a in cause.actors if a[0].key not in own]
            elif subj is not None and subj.lower_ in ACT_PRONOUNS:
                targets = self._last_doer(subj, idx, holder)  # "it angered Gondor"
            else:
                targets = self._evaluated(subj, idx, holder)
            if targets:
                out += self._judgements(code, holder, targets, verb, f"{code}:evaluation:{verb.lemma_.lower()} + object",
                                        DIRECT, self._negated(verb), ("evaluation",), idx, taken)
        return out
