"""Tests of whether an earlier mention may be what a pronoun or a name stands for, used by
coreference (:mod:`tacitus.actors.coref`): a person's mention, a surname's spelling variants,
the clause a pronoun is bound in ("him" is never its own clause's subject), the body a
spokesperson speaks for, a speaker no actor names.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from tacitus.actors.mentions import Mention

#: Head nouns of a title that names one person ("the Pakistani president", "Russia's foreign
#: minister"): "he"/"his" may refer to them as to a named leader.
PERSON_TITLES = frozenset("president premier chancellor minister secretary king queen emir sultan "
                          "prince leader envoy ambassador spokesman spokeswoman spokesperson "
                          "general commander senator governor mayor diplomat negotiator".split())
#: Nouns of a person who speaks: with no actor named, "he"/"she" in what they said is them.
SPEAKER_NOUNS = PERSON_TITLES | frozenset("head chief official analyst expert executive director chairman "
                                          "chairwoman lawyer researcher professor economist activist".split())

#: Shortest surname whose spelling variants are matched (shorter names differ by one letter
#: from too many others: "Kim", "Lee", "Shah").
MIN_VARIANT = 5


#: Nouns of those who speak for a body: "it" in what they say is the body.
SPOKES_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson"})


def spoken_for(doc: Doc, m: Mention) -> bool:
    """Whether ``m`` names the body a spokesperson who is a subject speaks for: "a spokesman
    for the Rohan government said it ...", "Gondor's army spokesman Hirgon said it ..." ("it"
    is the government, the army)."""
    head = doc[m.head]
    if head.dep_ == "pobj" and head.head.lower_ == "for":
        head = head.head.head
    return head.dep_ == "nsubj" and (head.lemma_.lower() in SPOKES_NOUNS or any(
        t.lemma_.lower() in SPOKES_NOUNS for t in doc[m.start:m.end]))


def own_subject(doc: Doc, tok: Token, m: Mention) -> bool:
    """Whether ``m`` is the subject of the clause whose object is the pronoun ``tok``.

    "Him" and "her" as an object never mean their own clause's subject (that would be
    "himself"): in "Putin congratulated him" the man is someone named before Putin.
    """
    if tok.tag_ != "PRP" or tok.dep_ not in ("dobj", "iobj", "dative", "pobj"):
        return False
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    head = doc[m.head]
    return head.dep_ in ("nsubj", "nsubjpass") and head.head.i == verb.i


def unknown_speaker(tok: Token, history: list[tuple[int, Mention]]) -> bool:
    """ "he"/"she" as the subject (or owner) in what a person said, when that person is named
    by no actor: "An analyst said he expected ...", "The head of the company, Juan Soto, said
    he was happy": the pronoun is the speaker, not the last known person named before."""
    if tok.dep_ not in ("nsubj", "nsubjpass", "poss"):
        return False
    clause = tok.head if tok.dep_ != "poss" else tok.head.head
    if clause.dep_ != "ccomp" or clause.head.pos_ not in ("VERB", "AUX"):
        return False
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if speaker is None or speaker.pos_ == "PRON":
        return False
    personal = speaker.ent_type_ == "PERSON" or speaker.lemma_.lower() in SPEAKER_NOUNS or any(
        c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in speaker.children)
    if not personal:
        return False
    # the speaker, or the name in apposition to them, is a known actor's mention
    own = {speaker.i} | {c.i for c in speaker.children if c.dep_ == "appos"}
    return not any(m.start <= i < m.end for _, m in history for i in own)


def variant(word: str, surname: str) -> bool:
    """Two spellings of one name: the same first three letters and one edit apart."""
    if word[:3] != surname[:3] or abs(len(word) - len(surname)) > 1 or len(surname) < MIN_VARIANT:
        return False
    if len(word) == len(surname):
        return sum(a != b for a, b in zip(word, surname, strict=True)) == 1
    short, long_ = sorted((word, surname), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def personal(doc: Doc, m: Mention) -> bool:
    """Whether a mention names one person: a known person, or a title ("the Pakistani
    president", "Uzbek Foreign Minister X" with an unknown name)."""
    if len(m.actors) != 1:
        return False
    if m.actors[0].kind == "person":
        return True
    head = doc[m.head]
    if head.tag_ in ("NN", "NNP") and head.lemma_.lower() in PERSON_TITLES:
        return True  # "the Pakistani president"
    return head.tag_ == "NNP" and any(t.lemma_.lower() in PERSON_TITLES for t in doc[m.start:m.head])
