"""Parses the small English model gets wrong in known ways, told apart where they are read.

The coder and coreference ask these questions of a parse instead of each testing the shape
again; the parse itself is left as the model made it.
"""

from __future__ import annotations

from spacy.tokens import Token


def main_participle(verb: Token) -> bool:
    """Whether a past participle the parser hung on the sentence's root noun is the main verb:
    "Russia, which has troops there, called on both sides to ...". The small model, finding
    no verb for the subject, reads the verb after the comma as a participle ("agreements
    reached in ..."), which would make it a passive with no agent."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.dep_ == "ROOT" and \
        verb.head.pos_ in ("PROPN", "NOUN") and verb.i > 1 and verb.doc[verb.i - 1].text == "," and \
        not any(c.dep_ in ("auxpass", "agent") for c in verb.children)


def main_verb_in_clause(verb: Token) -> Token | None:
    """The subject of a main verb the parser hung inside the relative clause or apposition
    that stands between it and its subject: "Rohan, which depends on the river for all its
    water, called the move a threat" (the small model makes "Rohan" the root and "called" a
    clause on "water"). The verb is a finite past (VBD) right after a comma; the sentence's
    root is that noun, with a relative clause or an apposition around the verb's head."""
    if verb.dep_ != "acl" or verb.tag_ != "VBD" or verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return None
    root = verb.sent.root
    if root.pos_ not in ("PROPN", "NOUN") or root.i > verb.i:
        return None
    return root if any(c.dep_ in ("relcl", "appos") and c.left_edge.i < verb.i <= c.right_edge.i + 1
                       for c in root.children) else None


def finite_clause_on_noun(noun: Token) -> bool:
    """Whether the parser hung a sentence's main verb on its subject noun as a clause: "The
    four countries called on Rohan to ..." with "called" tagged a finite past (VBD) but read
    as a reduced relative on "countries", the root. The noun is the subject then."""
    return noun.dep_ == "ROOT" and noun.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "acl" and c.tag_ in ("VBD", "VBZ", "VBP") and c.i > noun.i for c in noun.children)


def finite_conjunct_of_infinitive(verb: Token) -> Token | None:
    """The verb a finite verb is really joined to when the parser joined it to an infinitive:
    "urged Rohan to withdraw and called on Gondor to act" has "called" (a past, VBD) hung on
    "withdraw"; a finite verb cannot continue an infinitive, so it continues the verb the
    infinitive completes ("urged"), with that verb's subject and frame. None otherwise."""
    head = verb.head
    if verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBZ", "VBP") and head.dep_ == "xcomp" and \
            head.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in head.children) and \
            head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return None


#: Verbs that judge as a copula does: "said the seizure amounted to piracy (and summoned ...)".
JUDGING_VERBS = frozenset({"amount", "constitute", "represent", "equal"})


def speaker_conjunct(verb: Token, speech_verbs: frozenset[str], asking_verbs: frozenset[str] = frozenset()) -> bool:
    """Whether a verb the parser joined to a reported clause is the speaker's next act: "the
    ministry said the law was unjust and called on Rohan to repeal it", "said the dam
    threatened their water and urged Rohan to wait". The small model hangs the second verb
    inside what was said, so its subject would be "the law", "the dam". After a copular
    clause ("was unjust", "is a violation", "were there as guards", "amounted to piracy":
    ``JUDGING_VERBS``): a judgement or a state of things has no agent to go on acting; after
    any clause when the joined verb is one of saying or asking (``asking_verbs``), which only
    a speaker does. "Said the rebels had attacked and killed ..." keeps its reading. The
    caller checks that the clause's subject names no actor."""
    head = verb.head
    if not reported_conjunct(verb, speech_verbs):
        return False
    # "be" as the clause's own verb, with a complement ("was unjust") or a place or role
    # ("the troops were there as peacekeepers"): a state of things, no agent
    return (head.lemma_ == "be" and any(c.dep_ in ("acomp", "attr", "advmod", "prep") for c in head.children)) or \
        head.lemma_.lower() in JUDGING_VERBS or verb.lemma_.lower() in asking_verbs


def reported_conjunct(verb: Token, speech_verbs: frozenset[str]) -> bool:
    """Whether the parser joined a verb to the clause a speech verb reports ("said the law
    was unjust and called on ...", "said Rohan appeared to back down and announced ..."):
    the shape :func:`speaker_conjunct` and the coder's self-act test read."""
    head = verb.head
    return verb.dep_ == "conj" and verb.pos_ == "VERB" and verb.i > head.i and head.dep_ == "ccomp" and \
        head.head.lemma_.lower() in speech_verbs and head.head.i < head.i


def series_verb(verb: Token) -> Token | None:
    """The first verb of a headline's series of acts joined by a comma: "Gondor's king visits
    Rohan, signs trade deals". The small model makes the first verb a clause (ccomp) of the
    second, which is left with no subject; both are the first verb's subject's acts."""
    if verb.pos_ != "VERB" or verb.i == 0 or verb.doc[verb.i - 1].text != "," or \
            any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i and c.pos_ == "VERB"
                 and any(g.dep_ == "nsubj" for g in c.children)), None)


def relative_antecedent(verb: Token, obj: Token | None, fits: frozenset[str]) -> Token | None:
    """What a relative clause's pronoun object stands for, when the small model hangs the
    clause on the nearest noun though a noun above it is meant: "a coalition to patrol the
    Gulf, which was joined by Rohan" (the coalition was joined, not the Gulf). The parsed
    antecedent if it fits (its lemma in ``fits``, what the verb's pattern takes), else the
    nearest noun above it in the sentence that does; with no object at all, the noun the
    clause is on when it fits ("a charge Rohan denies"); ``obj`` unchanged otherwise."""
    if obj is None and verb.dep_ == "relcl" and verb.head.pos_ == "NOUN" and verb.head.lemma_.lower() in fits \
            and any(c.dep_ == "nsubj" for c in verb.children):
        return verb.head  # "a charge Rohan denies": the clause's object is the noun it is on
    if obj is None or verb.dep_ != "relcl" or obj.i != verb.head.i or obj.lemma_.lower() in fits:
        return obj
    return next((a for a in obj.ancestors if a.pos_ == "NOUN" and a.lemma_.lower() in fits), obj)


def phrase_on_verb(noun: Token, word: str, *, through_prep: bool = False) -> list[Token]:
    """The ``word`` phrase right after a verb's object that the small model hangs on the verb,
    though it says where the object is or comes from: "hosted his counterparts from Rohan"
    ("from"), "urged the government in Minas Tirith to ..." ("in"). ``through_prep``: the noun
    may also be the object of the verb's preposition ("called on the government in ...")."""
    if noun.dep_ == "dobj":
        verb = noun.head
    elif through_prep and noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("VERB", "AUX"):
        verb = noun.head.head
    else:
        return []
    return [c for c in verb.children if c.dep_ == "prep" and c.lower_ == word and c.i == noun.right_edge.i + 1]


def place_on_verb(noun: Token) -> list[Token]:
    """The "in" phrase after a verb's object, or its preposition's, hung on the verb:
    "criticised the authorities in Gondor"."""
    return phrase_on_verb(noun, "in", through_prep=True)


def origin_on_verb(obj: Token) -> list[Token]:
    """The "from" phrase after a verb's object hung on the verb: "hosted his counterparts from Rohan"."""
    return phrase_on_verb(obj, "from")


#: Subordinators the small model reads as prepositions when a clause follows them.
CLAUSE_PREPOSITIONS = frozenset({"as", "after", "before", "while", "since", "until", "because", "once"})


def subject_in_preposition(verb: Token) -> Token | None:
    """The subject of a finite verb that the parser made the object of the subordinator before
    it: "Rebels sign a truce as Rohan closes Gondor's border" may have "Rohan" the object of
    "as" (and "truce", or nothing, the subject of "closes"). The noun ends right before the verb; a
    subject the parser gave the verb is overruled only when it stands before the subordinator."""
    if verb.tag_ not in ("VBZ", "VBD", "VBP") or verb.i == 0:
        return None
    noun = verb.doc[verb.i - 1]
    if noun.dep_ != "pobj" or noun.pos_ not in ("PROPN", "NOUN") or noun.head.lower_ not in CLAUSE_PREPOSITIONS \
            or noun.head.dep_ != "prep":
        return None
    given = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    return noun if all(c.i < noun.head.i for c in given) else None


def verb_read_as_noun(tok: Token) -> bool:
    """Whether a word the small model tagged a noun is the sentence's main verb: "Rohan and
    Gondor plan to meet" has "plan" a noun, the root, with "Rohan" its subject and "to meet"
    its complement, or the names before it its modifiers ("nmod", "compound"). A noun root
    with such a subject and a "to" infinitive is a verb."""
    return tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and any(
        c.dep_ == "nsubj" or c.dep_ in ("nmod", "compound") and c.pos_ == "PROPN" for c in tok.lefts) and any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.tag_ == "TO" for a in c.children) for c in tok.children)


def object_with_predicate(tok: Token) -> bool:
    """Whether the object of a verb of qualifying was given the words that qualify it as its
    own object: "called the filling a violation" (the gerund tagged a verb), "called the
    Gondorian ruling a threat" (the noun given an object). A determiner makes it a noun phrase,
    and the noun after it is what the verb calls it."""
    return tok.dep_ in ("dobj", "oprd") and (tok.tag_ == "VBG" or tok.pos_ == "NOUN") \
        and any(t.dep_ == "det" for t in tok.doc[tok.left_edge.i: tok.i]) \
        and any(c.dep_ in ("dobj", "attr") for c in tok.children)
