"""Loaded words: a speaker who names another's deed with a word that condemns it.

"Damascus said its army would deploy along the border to stop the Turkish aggression" is
Syria criticising Turkey (111), though the sentence's clause judges nobody: the speaker's
own noun for Turkey's deed ("aggression", "provocations", "crimes", "lies") is the
judgement. The rule, for what a speaker says (a speech verb's clause, a quoted sentence,
"according to X"):

1. **The noun.** One of ``evaluation.loaded_nouns`` (stance.yaml), not under a negation
   ("there was no aggression"); or a noun of an act (``arguments.act_nouns``: "decision",
   "occupation", "sanctions") under an adjective of judgement (``evaluation.negative`` and
   ``negative_adjectives`` used as adjectives): "Rohan's unwarranted decision", "the illegal
   Gondorian occupation".
2. **Whose deed.** The actors its adjective, its compound, its possessor or its "by" phrase
   names ("the Turkish aggression", "Rohan's lies", "provocations by Gondor"); not an "of"
   phrase (in "the oppression of the Kashmiris" they suffer it) and never the speaker's side.

A journalist's own narration is left alone: the word must be inside what a speaker says
(or what a subject cites as its reason: "recalled its envoy, citing Rohan's unwarranted
decision", ``evaluation.citing_verbs``).
The events carry ``how: evaluation, loaded`` and go through the speech's stance as others do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tacitus.events.acts import outside, own_states
from tacitus.events.arguments import Arguments

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from spacy.tokens import Token

    from tacitus.events.candidates import ActorIndex, Found
    from tacitus.events.patterns import PatternBook
    from tacitus.records import Actor

#: The relations through which a noun's own words name its doer ("the Turkish aggression",
#: "Gondor's lies"); "by" phrases are read as well.
DOER_RELATIONS = frozenset({"poss", "amod", "compound", "nmod"})


class LoadedWords(Arguments):
    """Criticism carried by the noun a speaker chose for another's deed."""

    def __init__(self, book: PatternBook) -> None:
        self.loaded_nouns = book.stance_words("evaluation", "loaded_nouns")
        #: adjectives that judge the act noun they modify ("an unwarranted decision")
        self.loaded_adjectives = book.stance_words("evaluation", "negative") | \
            book.stance_words("evaluation", "negative_adjectives")

    def loaded(self, noun: Token) -> bool:
        """Whether a noun, by itself or by its adjective, condemns the deed it names."""
        lemma = noun.lemma_.lower()
        return lemma in self.loaded_nouns or (lemma in self.act_nouns and any(
            c.dep_ == "amod" and c.pos_ == "ADJ" and c.lower_ in self.loaded_adjectives for c in noun.children))

    def loaded_doers(self, words: Iterable[Token], speaker: Found, idx: ActorIndex,
                     negated: Callable[[Token], bool]) -> list[tuple[Actor, str]]:
        """The actors whose deeds the speaker's ``words`` name with a loaded noun (see the
        module docstring), outside the speaker's side; ``negated`` says whether a word is
        denied."""
        own = own_states(speaker)
        found: dict[str, tuple[Actor, str]] = {}
        for noun in words:
            if noun.pos_ != "NOUN" or not self.loaded(noun) or negated(noun):
                continue
            named = [(a, m.via) for m in self.modifiers(noun, idx) for a in m.actors]
            for c in noun.children:
                if c.dep_ in DOER_RELATIONS and c.i in idx.np_at:
                    named += self.group(c, idx)  # "Rohan's lies"
                elif c.dep_ in ("prep", "agent") and c.lower_ == "by":
                    named += [a for g in c.children if g.dep_ == "pobj" for a in self.group(g, idx)]
            for actor, via in named:
                if outside(actor, own):
                    found.setdefault(actor.key, (actor, via))
        return list(found.values())
