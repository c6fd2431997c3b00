"""Matching general-form patterns around a head word (see :mod:`tacitus.events.patterns`).

A general pattern is a list of elements before its head and a list after it. Both are matched
in text order, like the patterns of TABARI and PETRARCH, but over the words the dependency
parse gives the head rather than over the whole sentence:

* after the head: its complements (objects, prepositional phrases, infinitive and ``that``
  clauses and what they contain), not its subject and not the clauses merely attached to it
  (adverbial clauses, relative clauses, coordinated verbs, parentheticals);
* before the head: its subject ("{death toll} *rise"), as PETRARCH reads the words before
  the verb.

Words may be skipped between elements unless an element is joined to the one before it with
``_``. A slot (``$`` source, ``+`` target, ``%`` group) takes the next actor named there.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from tacitus.events.patterns import Element, Pattern

#: Children of the head that are not its complements.
NOT_COMPLEMENTS = frozenset({
    "nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "advcl", "parataxis", "conj", "cc",
    "punct", "mark", "appos", "relcl", "preconj", "meta", "discourse", "intj", "dep",
})
#: Below the complements: clauses attached to a word, not part of what the head says.
ATTACHED_CLAUSES = frozenset({"relcl", "advcl", "parataxis", "appos"})
#: In a dictionary read by forms (imported from PETRARCH), the only words that may come between
#: the words of a prepositional phrase: articles, possessives, numbers, punctuation.
LOOSE_POS = frozenset({"DET", "PRON", "NUM", "PUNCT"})
#: Entity types of a time: a pattern's prepositional phrase is never one ("(over)" is what a
#: reaction is about, not "over the weekend"; a name the small model takes into a date, "out
#: of Niger last year", is still a name).
TIME_ENTITIES = frozenset({"DATE", "TIME"})
#: Names of days and months: a time even as a proper noun ("on Monday", "in March"), where
#: another name the small model takes into a date is still a name ("out of Niger last year").
CALENDAR_NAMES = frozenset("monday tuesday wednesday thursday friday saturday sunday january february "
                           "march april may june july august september october november december".split())


def is_time(tok: Token) -> bool:
    """Whether a preposition's object is a time: "on Monday", "over the weekend", not a party."""
    return tok.ent_type_ in TIME_ENTITIES and (tok.pos_ != "PROPN" or tok.lower_ in CALENDAR_NAMES)


@dataclass
class Binding:
    """What a successful match found: the tokens of each slot and the words it used."""

    slots: dict[str, list[Token]] = field(default_factory=dict)
    prep_objects: list[Token] = field(default_factory=list)  # objects of "(to)" with no words
    words: list[Token] = field(default_factory=list)

    def copy(self) -> Binding:
        return Binding({k: list(v) for k, v in self.slots.items()}, list(self.prep_objects), list(self.words))


#: Subordinators of a clause that states a proposition of its own ("allowed that Mordor is
#: not the neatest place"): its words are not the head's.
PROPOSITION_MARKS = frozenset({"that", "whether", "if"})


def post_domain(head: Token, *, targets: bool = False) -> list[Token]:
    """The head's complements after it, in text order.

    With ``targets``, also the clauses where a target may be named though a pattern's words
    are not: "that"-clauses ("believes that Dagolath can cope"), infinitives of purpose
    ("signed an accord to supply Gondor") and relative clauses of its objects.
    """
    out: list[Token] = []
    stack = [c for c in head.children if c.i > head.i and (
        c.dep_ not in NOT_COMPLEMENTS or (targets and c.dep_ == "advcl" and _infinitive(c))
        # a predicate of the object the parser hangs as a clause: "held Iran responsible"
        or (c.dep_ == "advcl" and c.pos_ == "ADJ" and not any(g.dep_ in ("mark", "nsubj") for g in c.children)))]
    while stack:
        tok = stack.pop()
        if not targets and tok.dep_ == "ccomp" and any(
                c.dep_ == "mark" and c.lower_ in PROPOSITION_MARKS for c in tok.children):
            continue
        out.append(tok)
        for c in tok.children:
            if (c.dep_ in ATTACHED_CLAUSES and not (targets and c.dep_ == "relcl")) or \
                    (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
                continue
            stack.append(c)
    return sorted((t for t in out if t.i > head.i), key=lambda t: t.i)


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and \
        not any(c.dep_ == "mark" for c in verb.children)


def grammatical_subject(head: Token) -> Token | None:
    """The subject of a verb, or of the verb it depends on when it has none of its own
    ("was seen to break": Gollum; "met and signed": the subject of "met"; "are due to meet":
    the subject of "are", through the adjective)."""
    cur = head
    for _ in range(4):
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
        if subj is not None:
            return subj
        if cur.dep_ not in ("xcomp", "conj", "advcl", "acomp") or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def pre_domain(head: Token) -> list[Token]:
    """The words of the head's subject, before the head: what words before ``*`` match
    ("{death toll} *rise", "&military *mobilise"), as in PETRARCH. Not its determiners and
    coordinators ("neither ... nor", "both")."""
    subj = grammatical_subject(head)
    if subj is None:
        return []
    return sorted((t for t in subj.subtree if t.i < head.i and t.dep_ not in ("preconj", "cc", "det")),
                  key=lambda t: t.i)


class Matcher:
    """Matches general patterns around a head token.

    Args:
        actor_span: for a token index, the (start, end) token span of the actor mention that
            covers it, or None: what a slot can take.
        forms: words match token forms only, not lemmas (dictionaries that list their forms).
    """

    def __init__(self, actor_span, forms: bool = False) -> None:  # noqa: ANN001 - callable
        self.actor_span = actor_span
        self.forms = forms

    def word_ok(self, e: Element, tok: Token) -> bool:
        if self.forms:
            return tok.lower_ in e.words
        return tok.lower_ in e.words or tok.lemma_.lower() in e.words

    # -- after the head: left to right -----------------------------------------------------

    def forward(self, elements: Sequence[Element], k: int, tokens: list[Token], last: int,
                b: Binding) -> Iterator[Binding]:
        """Match elements[k:] against ``tokens`` after token index ``last``."""
        if k == len(elements):
            yield b
            return
        e = elements[k]
        for tok in tokens:
            if tok.i <= last:
                continue
            if e.adjacent and tok.i != last + 1:
                break
            for nb, end in self.at(e, tok, tokens, b):
                yield from self.forward(elements, k + 1, tokens, end, nb)
            if e.adjacent:
                break

    def at(self, e: Element, tok: Token, tokens: list[Token], b: Binding) -> Iterator[tuple[Binding, int]]:
        """Ways element ``e`` matches starting at ``tok``: (binding, index of its last token)."""
        kind = e.kind
        if kind == "word":
            if self.word_ok(e, tok):
                nb = b.copy()
                nb.words.append(tok)
                yield nb, tok.i
        elif kind == "skip":
            nb = b.copy()
            nb.words.append(tok)
            yield nb, tok.i
        elif kind in ("source", "target", "group"):
            span = self.actor_span(tok.i)
            if span is not None:
                nb = b.copy()
                nb.slots.setdefault(kind, []).append(tok)
                yield nb, max(tok.i, span[1] - 1)
        elif kind == "prep":
            if tok.lower_ not in e.words:
                return
            objects = [c for c in tok.children if c.dep_ in ("pobj", "pcomp")]
            if objects and all(is_time(c) for c in objects):
                return  # "(over)" is what about, not when: "came under fire over the weekend"
            nb = b.copy()
            nb.words.append(tok)
            if not e.children:
                nb.prep_objects.extend(c for c in tok.children if c.dep_ in ("pobj", "pcomp"))
                yield nb, tok.i
                return
            # the words of the phrase: the preposition's own subtree, or (for an infinitive
            # "to", which has no dependents) the words that follow it
            inner = sorted((t for t in tok.subtree if t.i > tok.i), key=lambda t: t.i) \
                if any(True for _ in tok.children) else tokens
            for found in self.forward(e.children, 0, inner, tok.i, nb):
                # inside a prepositional phrase only articles and the like come between its
                # words: (for asylum) is "for the asylum", not "for foreign asylum"
                words = sorted({t.i for t in found.words[len(nb.words):]})
                gaps = zip([tok.i, *words], words, strict=False)
                doc = tok.doc
                if self.forms and any(doc[k].pos_ not in LOOSE_POS for a, z in gaps for k in range(a + 1, z)):
                    continue
                yield found, _last(found, tok.i)
        elif kind == "np":
            head_el = e.children[-1]
            if not any(True for _ in self.at(head_el, tok, [tok], Binding())):
                return
            left = sorted((t for t in tok.subtree if t.i < tok.i), key=lambda t: t.i)
            nb = b.copy()
            nb.words.append(tok)
            mods = list(e.children[:-1])
            for found in self.forward(mods, 0, left, -1, nb):
                # the modifier next to the head must touch it: {economic memos} is not
                # "economic secret memos"
                if mods and not any(t.i == tok.i - 1 for t in found.words[len(nb.words):]):
                    continue
                yield found, tok.i
        elif kind == "alt":
            for option in e.options:
                for nb, end in self.at(option[0], tok, tokens, b):
                    for found in self.forward(option, 1, tokens, end, nb):
                        yield found, _last(found, end)

    # -- before the head: right to left ----------------------------------------------------

    def backward(self, elements: Sequence[Element], k: int, tokens: list[Token], first: int,
                 joined: bool, b: Binding) -> Iterator[Binding]:
        """Match elements[k], elements[k-1] ... against tokens before token index ``first``;
        ``joined``: elements[k] must end right before ``first``."""
        if k < 0:
            yield b
            return
        e = elements[k]
        for tok in reversed(tokens):
            if tok.i >= first:
                continue
            if joined and tok.i != first - 1:
                break
            for nb, start in self.ending_at(e, tok, tokens, b):
                yield from self.backward(elements, k - 1, tokens, start, e.adjacent, nb)
            if joined:
                break

    def ending_at(self, e: Element, tok: Token, tokens: list[Token], b: Binding) -> Iterator[tuple[Binding, int]]:
        """Ways element ``e`` matches ending at ``tok``: (binding, index of its first token)."""
        if e.kind in ("source", "target", "group"):
            span = self.actor_span(tok.i)
            if span is None:
                return
            nb = b.copy()
            nb.slots.setdefault(e.kind, []).append(tok)
            yield nb, min(tok.i, span[0])
            return
        if e.kind == "alt":
            for option in e.options:
                before = [t for t in tokens if t.i <= tok.i]
                for found in self.backward(option, len(option) - 1, before, tok.i + 1, True, b):
                    new = [t.i for t in found.words[len(b.words):]]
                    yield found, min(new) if new else tok.i
            return
        for nb, _end in self.at(e, tok, tokens, b):
            new = [t.i for t in nb.words[len(b.words):]]
            yield nb, min(new) if new else tok.i

    # -- the pattern ------------------------------------------------------------------------

    def match(self, p: Pattern, head: Token, pre: list[Token], post: list[Token]) -> Binding | None:
        """The first way the pattern matches around ``head`` (its domains given), or None."""
        for b in self.backward(p.before, len(p.before) - 1, pre, head.i, p.head_joined, Binding()):
            for full in self.forward(p.after, 0, post, head.i, b):
                return full
        return None


def _last(b: Binding, default: int) -> int:
    return max([t.i for t in b.words] + [t.i for ts in b.slots.values() for t in ts] + [default])


def acts_on_its_object(p: Pattern, verb: Token) -> bool:
    """Whether a general pattern whose subject is the one acted on ("+ *expel (from $)": "two
    envoys were expelled from Gondor") meets an active verb with a direct object ("Rohan
    expelled two envoys from Gondor"), whose subject acts: that reading is the plain verb's.
    Only for patterns with nothing but phrases after the head ("+ *receive aid (from $)" asks
    for its object itself)."""
    return any(e.kind == "target" for e in p.before) and all(e.kind == "prep" for e in p.after) \
        and not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) \
        and any(c.dep_ == "dobj" for c in verb.children)


def left_in_state(verb: Token) -> bool:
    """Whether "leave" says what state its object was left in, a result, not a departure:
    "clashed ..., leaving 20 soldiers dead", "the raid left three guards injured" (an
    adjective or participle after its object); not "Rohirric troops left Gondor"."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return verb.lemma_.lower() == "leave" and obj is not None and any(
        c.dep_ == "oprd" or (c.dep_ in ("advcl", "ccomp", "xcomp") and c.tag_ == "VBN" and c.i > obj.i)
        for c in verb.children)
