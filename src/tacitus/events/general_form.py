"""The general form of an event pattern: reading ``+ *receive aid (from $)``,
``*abandon {diplomatic ties}``, ``wire_*tap`` or ``&currency`` into the :class:`Element`
records that :mod:`tacitus.events.matcher` matches around the head (the forms are documented
in :mod:`tacitus.events.patterns` and at the top of ``data/patterns.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tacitus.events.patterns import Element, Pattern, alternatives

_TOKEN = re.compile(r"\s*(\(|\)|\{|\}|[^\s(){}]+)")


def _tokens(text: str) -> list[str]:
    out = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise ValueError(f"cannot read {text[pos:]!r}")
        out.append(m.group(1))
        pos = m.end()
    return out


class _Reader:
    """A recursive reader of general-form pattern text into elements."""

    def __init__(self, text: str, synsets: dict[str, Element], forms: bool) -> None:
        self.toks = _tokens(text)
        self.pos = 0
        self.synsets = synsets
        self.forms = forms
        self.head_at: int | None = None  # index of the head element in the top-level list
        self.head: frozenset[str] | None = None

    def elements(self, closing: str | None, top: bool) -> list[Element]:
        out: list[Element] = []
        while self.pos < len(self.toks):
            tok = self.toks[self.pos]
            self.pos += 1
            if tok == closing:
                return out
            if tok in (")", "}"):
                raise ValueError(f"unbalanced {tok!r}")
            if tok in ("(", "{"):
                inner = self.elements(")" if tok == "(" else "}", top=False)
                if tok == "(":
                    if not inner or inner[0].kind != "word":
                        raise ValueError("a prepositional phrase starts with its preposition: (with +)")
                    out.append(Element("prep", inner[0].words, tuple(inner[1:])))
                else:
                    if not inner:
                        raise ValueError("empty noun phrase {}")
                    out.append(Element("np", children=tuple(inner)))
                continue
            out.extend(self.run(tok, top, out))
        if closing is not None:
            raise ValueError(f"missing {closing!r}")
        return out

    def run(self, tok: str, top: bool, so_far: list[Element]) -> list[Element]:
        """One whitespace-free run such as ``wire_*tap``, ``cease-fire`` or ``$``."""
        parts = tok.split("_")
        out: list[Element] = []
        for k, part in enumerate(parts):
            if not part:
                continue
            adjacent = k > 0
            if part.startswith("*"):
                if not top:
                    raise ValueError("the head (*) cannot be inside () or {}")
                if self.head is not None:
                    raise ValueError("two heads (*) in one pattern")
                word = part[1:]
                if "|" in word and "-" in word:
                    # "*re-examine|reexamine": a hyphenated spelling among others; the head is
                    # the last piece of each (spaCy splits re, -, examine), without the prefix
                    word = "|".join(w.rsplit("-", 1)[-1] or w for w in word.split("|"))
                head_el = self.word(word) if word else None
                if isinstance(head_el, list):
                    # a hyphenated head ("*co-operate", "*cease-fire"): spaCy splits it into
                    # co, -, operate; the last piece is the head, the others must come right before it
                    *before, head_el = head_el
                    if adjacent and before:
                        before[0] = _with_adjacent(before[0])
                    out.extend(before)
                    adjacent = adjacent or bool(before)
                if head_el is None or head_el.kind not in ("word", "alt"):
                    raise ValueError("* must be joined to the head word: *sign, *&verbs")
                self.head = head_el.words if head_el.kind == "word" else \
                    frozenset(w for o in head_el.options for e in o[:1] for w in e.words)
                self.head_at = len(so_far) + len(out)
                out.append(Element("head", self.head, adjacent=adjacent))
                continue
            elements = self.symbol(part) or self.word(part)
            els = [elements] if isinstance(elements, Element) else list(elements)
            if adjacent and els:
                els[0] = _with_adjacent(els[0])
            out.extend(els)
        return out

    def symbol(self, part: str) -> Element | None:
        return {"$": Element("source"), "+": Element("target"), "%": Element("group"),
                "^": Element("skip")}.get(part)

    def word(self, part: str) -> Element | list[Element]:
        if part.startswith("&"):
            name = part[1:].lower()
            if name not in self.synsets:
                raise ValueError(f"unknown word list &{name}: define it under synsets:")
            return self.synsets[name]
        if "|" in part and "-" in part.strip("-"):
            # "co-operate|cooperate": one option a sequence of pieces, another one word
            options = []
            for alt in filter(None, part.split("|")):
                found = self.word(alt)
                options.append(tuple(found) if isinstance(found, list) else (found,))
            return Element("alt", frozenset(w for o in options for w in o[0].words), options=tuple(options))
        if "-" in part.strip("-") and not self.forms:
            # spaCy splits "cease-fire" into cease, -, fire: match the three, adjacent
            bits = [b for b in re.split(r"(-)", part) if b]
            return [Element("word", alternatives(b), adjacent=k > 0) for k, b in enumerate(bits)]
        if "-" in part.strip("-"):
            bits = [b for b in re.split(r"(-)", part) if b]
            return [Element("word", frozenset({b.lower()}), adjacent=k > 0) for k, b in enumerate(bits)]
        return Element("word", alternatives(part, forms=self.forms))


def _with_adjacent(e: Element) -> Element:
    return Element(e.kind, e.words, e.children, e.options, True)


def parse_synset(name: str, members: Sequence[str], synsets: dict[str, Element], forms: bool) -> Element:
    """A named word list: each member a word, a phrase or a prepositional phrase."""
    options: list[tuple[Element, ...]] = []
    for member in members:
        reader = _Reader(str(member), synsets, forms)
        els = reader.elements(None, top=False)
        if not els:
            raise ValueError(f"&{name}: empty member")
        options.append(tuple(els))
    if all(len(o) == 1 and o[0].kind == "word" and not o[0].adjacent for o in options):
        return Element("word", frozenset(w for o in options for w in o[0].words))
    # flatten nested word lists
    flat: list[tuple[Element, ...]] = []
    for o in options:
        if len(o) == 1 and o[0].kind == "alt":
            flat.extend(o[0].options)
        elif len(o) == 1 and o[0].kind == "word" and len(o[0].words) > 1:
            flat.extend((Element("word", frozenset({w})),) for w in o[0].words)
        else:
            flat.append(o)
    return Element("alt", frozenset(w for o in flat for w in o[0].words), options=tuple(flat))


def parse_general(text: str, code: str, kind: str, *, object_kind: str | None, symmetric: bool,
                   where: str, synsets: dict[str, Element], settings: tuple[tuple[str, str], ...],
                   reciprocal: str | None) -> Pattern:
    forms = dict(settings).get("match") == "forms"
    reader = _Reader(text, synsets, forms)
    elements = reader.elements(None, top=True)
    if reader.head is None:
        # no *: the first word is the head ("sign (with +)")
        first = next((k for k, e in enumerate(elements) if e.kind in ("word", "alt")), None)
        if first is None:
            raise ValueError("a pattern needs a head word")
        e = elements[first]
        head = e.words if e.kind == "word" else frozenset(w for o in e.options for w in o[0].words)
        elements[first] = Element("head", head)
        reader.head_at, reader.head = first, head
    at = reader.head_at
    assert at is not None and reader.head is not None
    before = tuple(elements[:at])
    after = list(elements[at + 1:])
    head_joined = elements[at].adjacent and bool(before)
    kind_ok = kind in ("verb", "noun")
    if not kind_ok:
        raise ValueError(f"unknown pattern kind {kind!r}")
    slots = [s for e in (*before, *after) for s in e.slots()]
    for s in ("source", "target"):
        if slots.count(s) > 1:
            raise ValueError(f"the {s} ({'$' if s == 'source' else '+'}) is marked twice")
    return Pattern(code, kind, reader.head, object_kind=object_kind, symmetric=symmetric, text=text,
                   where=where, before=before, after=tuple(after), general=True, reciprocal=reciprocal,
                   settings=settings, head_joined=head_joined)
