"""Charges: when what a speaker says another did is an accusation (112) against that other.

"X said Y had shelled the border", "X claims Y ships arms to Z", "X said Y was trying to
destabilise the region", "said Y was harbouring rebels", "said Y was preparing an invasion",
"said Y had become a haven for militants", "said Y was illegally fishing in its waters": the
clause's subject is accused
(``speech.accusation`` in ``stance.yaml``). The speech rules (``events/speech.py``) ask
:meth:`Charges._accused_act` of each clause a speech verb reports.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from spacy.tokens import Token

from tacitus.events.candidates import ActorIndex


class Charges:
    """The reading of a reported clause as a charge (a mixin of ``SpeechEvents``)."""

    act_nouns: dict[str, tuple[str, ...]]
    match_verb: Callable[..., list[Any]]

    def load_charges(self, acc: Mapping[str, Any]) -> None:
        """The word lists of ``speech.accusation``."""
        def words(key: str) -> frozenset[str]:
            return frozenset(str(v) for v in acc.get(key, []))

        self.accusation_code = str(acc.get("code", "112"))
        self.accusation_verbs = words("verbs")
        self.claim_verbs = words("claim_verbs")
        self.abetting_verbs = words("abetting_verbs")
        self.armed_nouns = words("armed_nouns")
        self.haven_nouns = words("haven_nouns")
        self.preparing_verbs = words("preparing_verbs")
        self.wrong_manner = words("wrong_manner")
        # roots ("19") or codes ("128"), matched as prefixes of a pattern's code
        self.hostile_roots = tuple(str(v) for v in acc.get("hostile_roots", []))

    def _accused_act(self, verb: Token, comp: Token, idx: ActorIndex) -> bool:
        """Whether the clause a speech verb reports is an accusation against its subject: a
        claim or allegation of anything ("claims Y ships arms to Z", ``accusation.claim_verbs``),
        or a statement of a hostile act ("said Y had shelled ...": a pattern of one of
        ``accusation.hostile_roots``) or of plotting ("said Y was trying to ...",
        ``accusation.verbs``)."""
        lemma = comp.lemma_.lower()
        if lemma in self.accusation_verbs or lemma in self.abetting_verbs and self._abets(comp):
            return True
        if lemma in self.preparing_verbs and any(c.dep_ == "dobj" and any(
                r.startswith(self.hostile_roots) for r in self.act_nouns.get(c.lemma_.lower(), ())) for c in comp.children):
            return True  # "said Rohan was preparing an invasion", "was planning attacks"
        if self._haven(comp):
            return True  # "said Rohan had become a haven for militants"
        if any(c.dep_ == "advmod" and c.lower_ in self.wrong_manner for c in comp.children):
            return True  # "said Rohan was illegally fishing in its waters": any act done wrongly
        if comp.pos_ not in ("VERB", "AUX") and not any(c.dep_ == "nsubj" for c in comp.children):
            return False  # a clause, even when the tagger took its verb for a noun ("Y ships arms")
        if verb.lemma_.lower() in self.claim_verbs:
            return True
        return any(h.pattern.code.startswith(self.hostile_roots) for h in self.match_verb(comp, idx))

    def _abets(self, verb: Token) -> bool:
        """Whether what a verb of sheltering or arming acts on is armed men (``accusation.
        armed_nouns``): "was harbouring rebels", "arms the militias", "shelters leaders of the
        rebel group" (the object, its conjuncts, its "of" phrase, or a word compounded on them)."""
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        objs += [g for o in list(objs) for g in o.conjuncts] + [
            p for o in list(objs) for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children if p.dep_ == "pobj"]
        return any(self._armed(o) for o in objs)

    def _armed(self, noun: Token) -> bool:
        """Whether a noun names armed men, itself or by a word on it ("rebels", "the rebel
        group", "armed groups": ``accusation.armed_nouns``)."""
        return any(w.lemma_.lower() in self.armed_nouns
                   for w in (noun, *(c for c in noun.children if c.dep_ in ("compound", "amod"))))

    def _haven(self, verb: Token) -> bool:
        """Whether a copula calls its subject a refuge for armed men (``accusation.haven_nouns``
        with a "for" phrase of ``armed_nouns``, or of a noun they modify): "had become a haven
        for militants", "was a sanctuary for armed groups"."""
        return any(a.dep_ in ("attr", "oprd") and a.lemma_.lower() in self.haven_nouns and any(
            self._armed(o) for p in a.children if p.dep_ == "prep" and p.lower_ == "for"
            for o in p.children if o.dep_ == "pobj") for a in verb.children)
