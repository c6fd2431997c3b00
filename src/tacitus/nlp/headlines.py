"""Headlines in the present tense, parsed again where the small model read the verb as a noun.

Headlines tell past acts in the present tense and drop articles: "Gondor invades Rohan",
"Arnor issues warrant for Rohan envoy". ``en_core_web_sm`` reads a verb in -s right after a
name as a plural noun ("Gondor invades" as one noun phrase, like "Gondor talks"), so the
headline has no clause and nothing in it can be coded. The same words in the past tense
parse as a clause ("Gondor invaded Rohan").

:func:`repair_headline` looks at a Doc's first sentence only (where the headline is). A word
is a candidate when the model tagged it a plural noun (NNS), or a verb (VBZ) with the name
before it as its compound ("as Gondor invades Rohan" read as "as [the] Gondor invades"), it is lower-case, it is its
lemma plus "s" or "es" (or the bare lemma after two names joined by "and": "Gondor and
Rohan seal trade deal"), that lemma is an English verb (spaCy's own lemma tables), a proper
noun comes right before it and a word that may open its object after it (a name, a noun,
a determiner, a number, an adjective or a pronoun: not "Gondor troops on standby", nor
"Gondor shares fall"), and no finite verb comes before it in its clause. The sentence is parsed again
with each candidate in the past tense; when every candidate is then a verb with a subject, the first
sentence's tags, morphology, heads and dependency labels are those of the new parse. The text,
lemmas, entities and every other sentence are untouched, so offsets and evidence stay the
article's own. "Gondor talks stall" has no candidate that becomes a verb and is left alone.

A headline drops the "was" of a passive ("Gondor praised by Rohan"): the subject of a root
participle with an agent is made the passive subject it is (:func:`passive_without_auxiliary`).

A headline also drops its object's article ("Gondor lodges trade complaint over Rohan tariffs"),
and the model may read the bare noun as a clause of the verb:
:func:`object_without_article` makes it the verb's object again, before the reparse.
"""

from __future__ import annotations

import functools

from spacy.attrs import DEP, HEAD, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

_ATTRS = [HEAD, DEP, TAG, POS, MORPH]
#: Parts of speech that may open a verb's object right after it. Not a verb: in "Gondor
#: shares fall", "Rohan talks continue" the word after is the headline's verb.
OBJECT_STARTS = frozenset({"PROPN", "NOUN", "DET", "NUM", "ADJ", "PRON"})
#: Where a verb form hangs when the parser took it for a noun ("as Gondor invades Rohan" read
#: as "as [the Gondor invades]"); as the root of its clause it is read right.
NOMINAL_DEPS = frozenset({"pobj", "nsubj", "nsubjpass", "dobj", "compound", "npadvmod", "appos", "attr", "conj"})
#: Finite verb tags: a headline has one clause before a subordinator ("as", "after").
FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})
#: Words that open a second clause in a headline ("Rebels seize town as Gondor invades Rohan").
SUBORDINATORS = frozenset({"as", "after", "before", "while", "when", "because", "since", "until", "amid", "but", "and"})


@functools.lru_cache(maxsize=4)
def _verbs(nlp: Language) -> frozenset[str]:
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, ValueError):
        return frozenset()
    return frozenset(table["verb"])


def past(lemma: str) -> str:
    """A past form good enough for the parser: "invade" -> "invaded", "deny" -> "denied",
    "back" -> "backed" (doubling is left out: "baned" reads as a past form too)."""
    if lemma.endswith("e"):
        return lemma + "d"
    if len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _candidates(first: Span, verbs: frozenset[str]) -> list[Token]:
    doc = first.doc
    out = []
    for t in first[1:]:
        lemma = t.lemma_.lower()
        before = doc[t.i - 1]
        # a plural noun, or a verb form the name before it was made a compound of
        noun = t.tag_ == "NNS" or (t.tag_ == "VBZ" and before.dep_ == "compound" and before.head.i == t.i
                                   and t.dep_ in NOMINAL_DEPS)
        # ... or a bare verb after two names joined ("Gondor and Rohan seal trade deal"), which
        # the model hangs in the noun phrase
        bare = t.tag_ in ("VB", "VBP", "NN") and t.text == lemma and t.dep_ in NOMINAL_DEPS and \
            any(u.lower_ == "and" and u.head.pos_ == "PROPN" for u in doc[first.start:t.i])
        if not (noun or bare) or not t.is_lower or (t.text not in (lemma + "s", lemma + "es") and not bare) \
                or lemma not in verbs:
            continue
        # what follows must be able to open its object: "Gondor invades Rohan", "issues
        # warrant"; not "Gondor troops on standby", where the noun reading is the one
        if before.pos_ != "PROPN" or t.i + 1 >= first.end or doc[t.i + 1].pos_ not in OBJECT_STARTS:
            continue
        # a clause already has its verb: "Arnor hails Gondor-Rohan talks deal"
        verb = max((u.i for u in doc[first.start:t.i] if u.tag_ in FINITE), default=None)
        if verb is not None and not any(u.lower_ in SUBORDINATORS for u in doc[verb + 1:t.i]):
            continue
        out.append(t)
    return out


def object_without_article(first: Span) -> None:
    """A headline drops the article of its verb's object ("Gondor lodges trade complaint over
    Rohan tariffs"), and the small model may read the bare noun as a clause of the verb; a
    noun with no subject, auxiliary or verb of its own under a verb with no object is that
    verb's object again."""
    for tok in first:
        head = tok.head
        if tok.dep_ == "ccomp" and tok.pos_ == "NOUN" and head.pos_ == "VERB" and head.i < tok.i \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "cop", "mark", "dobj")
                            for c in tok.children) \
                and not any(c.dep_ in ("dobj", "dative") for c in head.children):
            tok.dep_ = "dobj"


def passive_without_auxiliary(first: Span) -> None:
    """A headline drops the "was" of a passive too ("Gondor praised by Rohan for rescue"): a
    past participle at the root with an agent and no auxiliary has its subject as the one
    acted on (``nsubjpass``), as with "was". With no finite verb in the headline the small
    model may hang the participle on the name ("Rohan port hit by Gondor missiles", the
    noun at the root): the participle is made the root, the noun its passive subject."""
    root = first.root
    if root.pos_ in ("NOUN", "PROPN") and not any(t.tag_ in FINITE for t in first):
        verb = next((c for c in root.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.i > root.i
                     and any(g.dep_ == "agent" for g in c.children)), None)
        if verb is not None:
            verb.head = verb
            verb.dep_ = "ROOT"
            root.head = verb
            root.dep_ = "nsubjpass"
            return
    for tok in first:
        if tok.dep_ == "ROOT" and tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children) \
                and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
            for c in tok.children:
                if c.dep_ == "nsubj":
                    c.dep_ = "nsubjpass"


def repair_headline(doc: Doc, nlp: Language) -> Doc:
    """The Doc, with its first sentence parsed again if a verb in it was read as a noun."""
    first = next(iter(doc.sents), None) if doc.has_annotation("DEP") else None
    if first is None:
        return doc
    object_without_article(first)
    passive_without_auxiliary(first)
    cands = _candidates(first, _verbs(nlp))
    if not cands:
        return doc
    at = {t.i: past(t.lemma_.lower()) for t in cands}
    end = first.end
    while end > first.start and doc[end - 1].is_space:
        end -= 1  # the blank line after a headline is no part of it
    first = doc[first.start:end]
    text = "".join(at.get(t.i, t.text) + (t.whitespace_ if t.i + 1 < end else "") for t in first)
    fixed = nlp(text)
    if len(fixed) != len(first) or any(fixed[i - first.start].pos_ != "VERB" or not any(
            c.dep_ == "nsubj" for c in fixed[i - first.start].children) for i in at):
        return doc
    rows = doc.to_array(_ATTRS)
    new = fixed.to_array(_ATTRS)
    rows[first.start:first.end] = new
    doc.from_array(_ATTRS, rows)
    return doc
