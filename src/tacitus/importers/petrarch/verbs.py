"""Reading verb dictionaries: CAMEO.2.0.txt (PETRARCH-2) and TABARI / PETRARCH-1 ``.verbs`` files.

Part of :mod:`tacitus.importers.petrarch` (see its docstring for the rules the files share).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from tacitus.errors import DataFileError
from tacitus.importers.petrarch.lines import (
    _expect,
    _Line,
    _load,
    _significant,
    _strip_comments,
    _words,
)
from tacitus.importers.petrarch.records import (
    Element,
    Synset,
    Transformation,
    VerbBlock,
    VerbDictionary,
    VerbForm,
    VerbPattern,
    Where,
)

# ---------------------------------------------------------------- verbs: elements

_SPECIAL = {"*": "verb", "$": "source", "+": "target", "%": "compound", "^": "skip"}


class _Tok(NamedTuple):
    kind: str   # "atom", "join", "space", "(", ")", "{", "}"
    text: str


def _tokens(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            j = i
            while j < n and text[j].isspace():
                j += 1
            toks.append(_Tok("space", " "))
            i = j
        elif ch == "_":
            j = i
            while j < n and text[j] == "_":
                j += 1
            toks.append(_Tok("join", "_"))
            i = j
        elif ch in "(){}":
            toks.append(_Tok(ch, ch))
            i += 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in "_(){}":
                j += 1
            toks.append(_Tok("atom", text[i:j]))
            i = j
    return toks


class _ElementParser:
    """Parses the element text of one pattern or synset member.

    ``synsets`` are the names defined anywhere in the file: a synset reference written with
    ``_`` after it (``&TIETYPES_RELATIONS``) is the longest defined name, then a join.
    """

    def __init__(self, synsets: set[str], dialect: str, notes: list[str]) -> None:
        self.synsets = synsets
        self.dialect = dialect
        self.notes = notes

    def parse(self, text: str) -> list[Element]:
        self.toks = _tokens(text)
        self.i = 0
        return self._seq(None)

    def _peek(self, k: int = 0) -> _Tok | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def _seq(self, closer: str | None) -> list[Element]:
        items: list[Element] = []
        while self.i < len(self.toks):
            tok = self.toks[self.i]
            if tok.kind in (")", "}"):
                if closer == tok.kind:
                    self.i += 1
                    return items
                self.notes.append(f"unbalanced '{tok.text}'")
                self.i += 1
                continue
            if tok.kind in ("space", "join"):
                self.i += 1  # a join here has nothing before it: it joins nothing
                continue
            if tok.kind in ("(", "{"):
                self.i += 1
                children = self._seq(")" if tok.kind == "(" else "}")
                kind = "prep_phrase" if tok.kind == "(" else "noun_phrase"
                items.append(self._joins(Element(kind, children=tuple(children))))
                continue
            self.i += 1
            for el in self._atom(tok.text):
                items.append(el)
            if items:
                items[-1] = self._joins(items[-1])
        if closer is not None:
            self.notes.append(f"'{'(' if closer == ')' else '{'}' is never closed")
        return items

    def _joins(self, el: Element) -> Element:
        """Apply a ``_`` that follows ``el``: a join to the next element, or an exact mark."""
        tok = self._peek()
        if tok is None or tok.kind != "join":
            return el
        self.i += 1
        nxt = self._peek()
        if nxt is not None and nxt.kind in ("atom", "(", "{"):
            return Element(el.kind, el.text, el.children, True, el.exact)
        return Element(el.kind, el.text, el.children, el.joined_next, True)

    def _atom(self, text: str) -> list[Element]:
        if text in _SPECIAL:
            return [Element(_SPECIAL[text])]
        if text.startswith("&") and len(text) > 1:
            return [self._synset(text[1:])]
        if "*" in text:
            # "*SCEPTICAL": the verb written against a word; read as two elements
            self.notes.append(f"'*' is written against other text in '{text}'; read as separate elements")
            out: list[Element] = []
            for k, part in enumerate(text.split("*")):
                if k:
                    out.append(Element("verb"))
                if part:
                    out.extend(self._atom(part))
            return out
        return [Element("word", text)]

    def _synset(self, first: str) -> Element:
        parts = [first]
        j = self.i
        while (j + 1 < len(self.toks) and self.toks[j].kind == "join"
               and self.toks[j + 1].kind == "atom"):
            parts.append(self.toks[j + 1].text)
            j += 2
        best = 0
        for k in range(len(parts), 0, -1):
            if "_".join(parts[:k]) in self.synsets:
                best = k
                break
        if best == 0:
            best = len(parts) if self.dialect == "petrarch2" else 1
            self.notes.append(f"synset &{'_'.join(parts[:best])} is not defined in this file")
        elif best < len(parts) and self.dialect == "petrarch2":
            self.notes.append(f"synset &{'_'.join(parts)} is not defined; read as &{'_'.join(parts[:best])} "
                              f"joined to {'_'.join(parts[best:])} (PETRARCH-2 looks up the whole name)")
        self.i += 2 * (best - 1)
        return Element("synset", "_".join(parts[:best]))


# ---------------------------------------------------------------- verbs: lines

_BRACKETS = re.compile(r"\[([^\]]*)\]")


def _split_code(content: str) -> tuple[str, str | None]:
    """``"042:043"`` -> ("042", "043"); ``"070"`` -> ("070", None); parts stripped."""
    if ":" in content:
        a, b = content.split(":", 1)
        return a.strip(), (b.strip() or None)
    return content.strip(), None


def _event_code(content: str) -> tuple[str | None, str | None]:
    code, second = _split_code(content)
    return (None if code in ("", "---") else code), second


@dataclass
class _BlockBuilder:
    name: str
    code: str | None
    second_code: str | None
    where: Where
    verbs: list[VerbForm] = field(default_factory=list)
    patterns: list[VerbPattern] = field(default_factory=list)

    def freeze(self) -> VerbBlock:
        return VerbBlock(self.name, self.code, self.second_code, tuple(self.verbs),
                         tuple(self.patterns), self.where)


@dataclass
class _SynsetBuilder:
    name: str
    no_plurals: bool
    where: Where
    members: list[tuple[Element, ...]] = field(default_factory=list)


def _is_pattern(s: str) -> bool:
    return (s.startswith("-") and not s.startswith("---")) or "*" in s


def _detect_dialect(lines: list[_Line]) -> str:
    for _ln, s in _significant(lines):
        if _is_pattern(s) and not s.startswith(("~", "&", "+")):
            body = _BRACKETS.sub(" ", s)
            if "(" in body or "{" in body:
                return "petrarch2"
    return "tabari"


def _parse_transformation(s: str) -> tuple[tuple[str | tuple[str, ...], ...] | None, tuple[str, ...] | None]:
    body = s[1:]
    if body.count("=") != 1:
        return None, None
    left, right = body.split("=")
    lhs: list[str | tuple[str, ...]] = []
    group: list[str] | None = None
    for tok in re.findall(r"\(|\)|[^\s()]+", left):
        if tok == "(":
            if group is not None:
                return None, None
            group = []
        elif tok == ")":
            if group is None:
                return None, None
            lhs.append(tuple(group))
            group = None
        elif group is not None:
            group.append(tok)
        else:
            lhs.append(tok)
    rhs = tuple(right.split())
    if group is not None or not lhs or not rhs:
        return None, None
    return tuple(lhs), rhs


def read_verbs(path: str | Path, dialect: str | None = None) -> VerbDictionary:
    """Read a verb dictionary: synsets, verb blocks (verbs and patterns), transformations.

    Args:
        path: the file, e.g. ``CAMEO.2.0.txt`` or ``PETR.Validate.verbs.txt``.
        dialect: "petrarch2" or "tabari" to force the pattern syntax; by default it is
            "petrarch2" when any pattern uses ``( ... )`` or ``{ ... }``, else "tabari".

    Returns:
        The dictionary. Synsets may be defined anywhere in the file and be used before their
        definition. A synset defined twice is merged (PETRARCH-2) or replaced by the later
        definition (PETRARCH-1), and reported. A repeated block header gives a second block
        and is reported (PETRARCH merged the two under one verb).

    Raises:
        DataFileError: the file cannot be read, is another kind of PETRARCH file, or has no
            verb block and no synset.
    """
    if dialect not in (None, "petrarch2", "tabari"):
        raise ValueError(f"dialect must be 'petrarch2' or 'tabari', not {dialect!r}")
    problems: list[str] = []
    name, raw_lines = _load(path, problems)
    _expect(name, raw_lines, "verbs", "read_verbs")
    notes: list[tuple[int, str]] = []
    lines = _strip_comments(raw_lines, notes=notes)
    dialect = dialect or _detect_dialect(lines)

    def problem(line: int, why: str) -> None:
        problems.append(f"{name}:{line}: {why}")

    defined = set()
    for _ln, s in _significant(lines):
        if s.startswith("&"):
            label = s[1:].split()[0] if s[1:].split() else ""
            defined.add(label[:-1] if label.endswith("_") else label)

    def elements(text: str, line: int, what: str) -> list[Element] | None:
        """The elements of ``text``; None (reported) if its brackets do not balance."""
        found: list[str] = []
        items = _ElementParser(defined, dialect, found).parse(text)
        fatal = [w for w in found if "unbalanced" in w or "never closed" in w]
        for why in found:
            if why not in fatal:
                problem(line, why)
        if fatal:
            problem(line, f"{'; '.join(fatal)}; {what} skipped")
            return None
        return items

    synsets: dict[str, _SynsetBuilder] = {}
    blocks: list[_BlockBuilder] = []
    headers: dict[str, int] = {}
    transformations: list[Transformation] = []
    block: _BlockBuilder | None = None
    synset: _SynsetBuilder | None = None

    for ln, s in _significant(lines):
        where = Where(name, ln.no)
        if s.startswith("---"):
            synset = None
            codes = list(_BRACKETS.finditer(s))
            title = _BRACKETS.sub(" ", s).strip("- \t")
            code = second = None
            if codes:
                code, second = _event_code(codes[0].group(1))
                if len(codes) > 1:
                    problem(ln.no, f"block header has {len(codes)} codes; the first, "
                                   f"[{codes[0].group(1)}], is kept as PETRARCH does")
            key = re.sub(r"\s+", " ", title)
            if key in headers:
                problem(ln.no, f"block header '{title}' repeats the one at line {headers[key]}; "
                               "read as a second block (PETRARCH merged them)")
            else:
                headers[key] = ln.no
            block = _BlockBuilder(title, code, second, where)
            blocks.append(block)
        elif s.startswith("&"):
            label = s[1:].split()
            if not label:
                problem(ln.no, "'&' without a synset name; line skipped")
                synset = None
                continue
            if len(label) > 1:
                problem(ln.no, f"text after the synset label &{label[0]} ignored")
            no_plurals = label[0].endswith("_")
            sname = label[0][:-1] if no_plurals else label[0]
            if sname in synsets:
                first = synsets[sname]
                if dialect == "petrarch2":
                    problem(ln.no, f"synset &{sname} is defined again (first at line {first.where.line}); "
                                   "the members are merged, as PETRARCH-2 does")
                    synset = first
                else:
                    problem(ln.no, f"synset &{sname} is defined again (first at line {first.where.line}); "
                                   "this definition replaces it, as PETRARCH-1 does")
                    first.members.clear()
                    first.no_plurals = no_plurals
                    synset = first
            else:
                synset = _SynsetBuilder(sname, no_plurals, where)
                synsets[sname] = synset
        elif s.startswith("+") and synset is not None:
            member = elements(s[1:], ln.no, "member")
            if member is None:
                continue
            if not member:
                problem(ln.no, "empty synset member; line skipped")
                continue
            odd = [e.kind for e in member if e.kind not in ("word", "synset", "prep_phrase", "noun_phrase")]
            if odd:
                problem(ln.no, f"synset member holds {', '.join(odd)}; PETRARCH allows only words")
            if tuple(member) not in synset.members:  # a merged definition repeats members
                synset.members.append(tuple(member))
        elif s.startswith("~"):
            synset = None
            lhs, rhs = _parse_transformation(s)
            if lhs is None:
                problem(ln.no, "transformation not of the form '~ a (b c VERB) VERB = a b code'; kept raw only")
            transformations.append(Transformation(ln.text.strip(), where, lhs, rhs))
        elif _is_pattern(s):
            synset = None
            if block is None:
                problem(ln.no, "pattern before any '--- VERB ---' block header; line skipped")
                continue
            if s.startswith("-"):
                body = s[1:]
            else:
                problem(ln.no, "pattern without the leading '- '; read as a pattern")
                body = s
            codes = list(_BRACKETS.finditer(body))
            if not codes:
                problem(ln.no, "pattern without a [code]; line skipped")
                continue
            last = codes[-1]
            if len(codes) > 1:
                problem(ln.no, "pattern has more than one [code]; the last is kept")
            if body[last.end():].strip():
                problem(ln.no, f"text after the code ignored: '{body[last.end():].strip()}'")
            if dialect == "tabari" and "{" in body[:last.start()]:
                problem(ln.no, "'{' in a TABARI pattern (a disjunctive set, which PETRARCH-1 skipped)")
            text = _BRACKETS.sub(" ", body[:last.start()])
            items = elements(text, ln.no, "pattern")
            if items is None:
                continue
            verbs_at = [k for k, e in enumerate(items) if e.kind == "verb"]
            if len(verbs_at) != 1:
                problem(ln.no, f"pattern has {len(verbs_at)} '*' verb marks outside brackets, "
                               "not one; line skipped")
                continue
            k = verbs_at[0]
            code, second = _event_code(last.group(1))
            block.patterns.append(VerbPattern(tuple(items[:k]), tuple(items[k + 1:]), code, second,
                                              ln.raw, ln.comment, where, verb=items[k]))
        else:
            synset = None
            if block is None:
                problem(ln.no, f"'{s}' is outside any verb block or synset; line skipped")
                continue
            form = _verb_form(s, where, problem)
            if form is not None:
                block.verbs.append(form)

    for line, why in notes:
        problem(line, why)
    if not blocks and not synsets:
        raise DataFileError(name, "no verb block ('--- VERB [code] ---') and no synset ('&NAME') in the file",
                            hint="give a PETRARCH or TABARI .verbs dictionary such as CAMEO.2.0.txt")
    return VerbDictionary(
        dialect=dialect,
        synsets={k: Synset(b.name, tuple(b.members), b.no_plurals, b.where) for k, b in synsets.items()},
        blocks=tuple(b.freeze() for b in blocks),
        transformations=tuple(transformations),
        problems=tuple(problems),
    )


def _verb_form(s: str, where: Where, problem: Callable[[int, str], None]) -> VerbForm | None:
    """One verb line: words with an optional ``+`` head, ``{forms}`` and ``[code]``."""
    codes = list(_BRACKETS.finditer(s))
    code = second = None
    if codes:
        code, second = _split_code(codes[0].group(1))
        if len(codes) > 1:
            problem(where.line, "verb line has more than one [code]; the first is kept")
    text = _BRACKETS.sub(" ", s)
    forms: tuple[str, ...] = ()
    forms_given = False
    if "{" in text:
        open_at = text.index("{")
        close_at = text.find("}", open_at)
        if close_at < 0:
            problem(where.line, "'{' without '}' in the verb's forms; read to the end of the line")
            close_at = len(text)
        inside = text[open_at + 1:close_at]
        rest = text[close_at + 1:]
        if rest.strip():
            problem(where.line, f"text after the verb's forms ignored: '{rest.strip()}'")
        text = text[:open_at]
        forms_given = True
        forms = tuple(" ".join(w.lstrip("+") for w in _words(f) if w.lstrip("+"))
                      for f in re.split(r"[\s,]+", inside) if f.strip("+_"))
    elif "}" in text:
        problem(where.line, "'}' without '{' in a verb line")
        text = text.replace("}", " ")
    words = _words(text)
    if not words:
        problem(where.line, "verb line without a verb; line skipped")
        return None
    marked = [k for k, w in enumerate(words) if w.startswith("+")]
    if len(marked) > 1:
        problem(where.line, "more than one word marked with '+' as the verb; the first is kept")
    clean = [w.lstrip("+") for w in words]
    if any(not w for w in clean):
        problem(where.line, "a lone '+' in the verb line ignored")
    return VerbForm(" ".join(w for w in clean if w), marked[0] if marked else 0, forms, code or None,
                    where, forms_given=forms_given, head_marked=bool(marked), second_code=second)
