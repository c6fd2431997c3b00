"""Matching general-form patterns around a head word (see :mod:`tacitus.events.patterns`).

A general pattern is a list of elements before its head and a list after it. Both are matched
in text order, like the patterns of TABARI and PETRARCH, but over the words the dependency
parse gives the head rather than over the whole sentence:

* after the head: its complements (objects, prepositional phrases, infinitive and ``that``
  clauses and what they contain), not its subject and not the clauses merely attached to it
  (adverbial clauses, relative clauses, coordinated verbs, parentheticals);
* before the head: its own left dependents (subject, auxiliaries, adverbs, negation) and the
  clauses that govern it ("said it would not *delay*"), not sibling clauses.

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
#: Dependents before the head that start another clause, not the head's own material.
SIBLING_CLAUSES = frozenset({"advcl", "parataxis", "relcl", "appos", "acl"})


@dataclass
class Binding:
    """What a successful match found: the tokens of each slot and the words it used."""

    slots: dict[str, list[Token]] = field(default_factory=dict)
    prep_objects: list[Token] = field(default_factory=list)  # objects of "(to)" with no words
    words: list[Token] = field(default_factory=list)

    def copy(self) -> Binding:
        return Binding({k: list(v) for k, v in self.slots.items()}, list(self.prep_objects), list(self.words))


def post_domain(head: Token) -> list[Token]:
    """The head's complements after it, in text order."""
    out: list[Token] = []
    stack = [c for c in head.children if c.i > head.i and c.dep_ not in NOT_COMPLEMENTS]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for c in tok.children:
            if c.dep_ in ATTACHED_CLAUSES or (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
                continue
            stack.append(c)
    return sorted((t for t in out if t.i > head.i), key=lambda t: t.i)


def pre_domain(head: Token) -> list[Token]:
    """The words before the head that belong to its clause or to the clauses governing it."""
    ancestors = {a.i for a in head.ancestors} | {head.i}
    out = []
    for tok in head.sent:
        if tok.i >= head.i:
            break
        cur, keep = tok, True
        while cur.i not in ancestors:
            if cur.dep_ in SIBLING_CLAUSES:
                keep = False
                break
            if cur.head is cur:
                break
            cur = cur.head
        if keep:
            out.append(tok)
    return out


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
            yield b, tok.i
        elif kind in ("source", "target", "group"):
            span = self.actor_span(tok.i)
            if span is not None:
                nb = b.copy()
                nb.slots.setdefault(kind, []).append(tok)
                yield nb, max(tok.i, span[1] - 1)
        elif kind == "prep":
            if tok.lower_ not in e.words:
                return
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
                yield found, _last(found, tok.i)
        elif kind == "np":
            head_el = e.children[-1]
            if not any(True for _ in self.at(head_el, tok, [tok], Binding())):
                return
            left = sorted((t for t in tok.subtree if t.i < tok.i), key=lambda t: t.i)
            nb = b.copy()
            nb.words.append(tok)
            for found in self.forward(e.children[:-1], 0, left, -1, nb):
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
