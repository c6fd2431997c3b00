"""Officials and institutions named with no state: "the government", "the prime minister",
"the Treasury", "parliament", "MPs". Whose they are: the person of that office who was just
the subject, else the state most in focus (the last subject's, for a subject), else the
outlet's own state; never a state the clause itself acts on ("Iran seized a British tanker.
The government condemned Iran": Britain's). Read by coreference (:mod:`tacitus.actors.coref`).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from tacitus.actors.antecedents import (
    INSTITUTIONS,
    LEGISLATORS,
    OFFICIAL_HEADS,
    PERSON_TITLES,
    previous_subject_state,
)
from tacitus.actors.mentions import Mention

#: Heads that name the government only in the plural: "the authorities" (not "the authority",
#: a port's or a regulator's).
PLURAL_HEADS = frozenset({"authority"})
#: Words that may stand between "the" and such a head ("the prime minister", "the foreign secretary").
OFFICE_WORDS = frozenset("prime foreign defence defense interior finance deputy vice home "
                         "supreme constitutional high national upper lower".split())
#: Words that may stand before legislators named with no state ("senior MPs", "some lawmakers").
SOME_WORDS = frozenset("the senior some many several most leading other".split())
#: Words that make "the court" the state's highest, not a trial's.
HIGH_COURTS = frozenset({"supreme", "constitutional", "high"})


def acted_on(tok: Token, named: dict[int, list[Mention]]) -> frozenset[str]:
    """The states a subject's clause acts on, named as its verb's objects ("condemned Iran",
    "summoned the Iranian ambassador", "protested to Beijing"): a state-level actor (the
    state, its government or forces), not its opposition, rebels or people."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.pos_ not in ("VERB", "AUX"):
        return frozenset()
    verbs = [tok.head, *(c for c in tok.head.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    heads = [g for v in verbs for c in v.children if c.dep_ in ("dobj", "dative", "prep") for g in c.subtree]
    return frozenset(a.country for h in heads for m in named.get(h.i, ()) for a in m.actors
                     if a.country and len(a.country) == 3 and a.kind == "country" and a.role in (None, "GOV", "MIL"))


def state_official(doc: Doc, tok: Token, sent: int, history: list[tuple[int, Mention]], salience: Callable,
                   title_states: dict[str, frozenset[str]], institution: Callable[..., Mention],
                   home: str | None = None, named: dict[int, list[Mention]] | None = None) -> Mention | None:
    """ "the government", "the prime minister", "the foreign minister" with no state named:
    the person of that state who was the subject just before ("Blair met Bush. The prime
    minister urged ..."), else the government of the state most in focus, else, before
    any state is named, that of the outlet's own state (``home``: "the government" of a
    British paper's first line is Britain's). Never of a state its own clause acts on, among
    the mentions ``named`` by head (:func:`acted_on`: "Iran seized a British tanker. The
    government condemned Iran" is Britain's)."""
    lemma = tok.lemma_.lower()
    plural_name = tok.tag_ in ("NNP", "NNPS") and lemma.endswith("s") and lemma[:-1] in LEGISLATORS
    if plural_name:
        lemma = lemma[:-1]  # "MPs" tagged as a name keeps its plural as its lemma
    role = "LEG" if lemma in LEGISLATORS else INSTITUTIONS.get(lemma, "GOV")
    tags = ("NNS",) if lemma in PLURAL_HEADS else ("NNS", "NNPS") if lemma in LEGISLATORS \
        else ("NN", "NNP", "NNPS") if lemma in INSTITUTIONS else ("NN", "NNP")
    if not (lemma in OFFICIAL_HEADS or lemma in INSTITUTIONS or lemma in LEGISLATORS) \
            or (tok.tag_ not in tags and not plural_name) or tok.dep_ in ("compound", "poss"):
        return None
    lefts = list(tok.lefts)
    if lemma in LEGISLATORS:
        if not all(t.lower_ in SOME_WORDS for t in lefts) or any(
                c.dep_ == "prep" and c.lower_ in ("of", "from", "in") for c in tok.rights):
            return None  # "Labour MPs", "lawmakers from Rohan": whose they are is said
        lefts = [lefts[0] if lefts else tok]  # "MPs voted ...", "senior lawmakers said ..."
    elif lemma in INSTITUTIONS and not lefts and tok.text[:1].isupper():
        lefts = [tok]  # "Parliament", "Congress" as a name of their own
    elif not lefts or lefts[0].lower_ != "the" or any(
            t.lower_ not in OFFICE_WORDS for t in lefts[1:]) or any(c.dep_ == "prep" and c.lower_ in ("of", "in")
                                                                    for c in tok.rights):
        return None
    if lemma == "court" and not any(t.lower_ in HIGH_COURTS for t in lefts):
        return None  # "the court" of a trial is any court; "the Supreme Court" is the state's
    if tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ in ("of", "in") and doc[tok.i + 2].pos_ == "PROPN":
        return None  # "the government in Caracas": the place says whose (the parser may hang it on the verb)
    start, text = lefts[0].i, doc[lefts[0].i: tok.i + 1].text
    if lemma in PERSON_TITLES:
        for s, m in reversed(history):
            if sent - s > 1:
                break
            head = doc[m.head]
            if m.role == "np" and len(m.actors) == 1 and m.actors[0].kind == "person" \
                    and m.actors[0].role == "GOV" and head.dep_ in ("nsubj", "nsubjpass"):
                return Mention(start, tok.i + 1, tok.i, (m.actors[0].with_text(text),), "np", "coref")
    not_of = acted_on(tok, named or {})  # (read only for a head that names an official)
    ranked = [r for r in salience(sent) if r[0] not in not_of]
    users = title_states.get(" ".join([*(t.lower_ for t in lefts[1:]), lemma]))
    if users is not None:
        # "the foreign secretary", "the chancellor": a title only some states use is the
        # one of them most in focus, else the outlet's own, never a state without it
        ranked = [r for r in ranked if r[0] in users]
        if not ranked:
            return institution(home, role, doc, start, tok) if home in users else None
    if not ranked:
        # (not a court: the courts of other states are in the news as often as one's own)
        return institution(home, role, doc, start, tok) if home and role != "JUD" and home not in not_of \
            else None
    country, like = ranked[0]
    if tok.dep_ in ("nsubj", "nsubjpass"):
        # a subject continues the state that was the last sentence's subject: "Britain
        # summoned Rohan's envoy. The ministry said ..." (Britain's), whoever was named more
        previous = previous_subject_state(doc, sent, history)
        if previous is not None and previous not in not_of and (users is None or previous in users):
            country = previous
    return institution(country, role, doc, start, tok)
