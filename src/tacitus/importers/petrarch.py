"""Read the dictionaries of TABARI, PETRARCH-1, PETRARCH-2 and UD-PETRARCH into typed records.

The readers are faithful structural parsers: they say what a file says (words, joins, codes,
dates, irregular forms) and give it no tacitus meaning. Regular plurals and verb forms are not
generated here; the translator does that from what is recorded (``{}``, ``{...}``, trailing
``_``).

    read_verbs(path)      -> VerbDictionary   CAMEO.2.0.txt (PETRARCH-2 syntax) or a
                                              TABARI / PETRARCH-1 .verbs file
    read_actors(path)     -> [ActorEntry]     *.actors.txt
    read_agents(path)     -> [AgentEntry]     *.agents.txt
    read_discards(path)   -> [Discard]        *.discards.txt
    read_ontology(path)   -> {code: OntologyEntry}   UD-PETRARCH's PICO file
    sniff(path)           -> "verbs" | "actors" | "agents" | "discards" | "ontology" | "issues"

Rules shared by the files (PETRARCH ``docs/source/dictionaries.rst``): ``#`` starts a comment
(except inside ``[...]``, so the TABARI code ``[###]`` survives), ``<!-- ... -->`` is a comment
that may span lines (``<! --`` is accepted too), ``;`` is the legacy KEDS/TABARI comment mark,
blank lines are skipped, tabs are spaces. The PICO file is the exception: there ``#``
separates the alternatives of a line (see :func:`read_ontology`).

Lines that cannot be read, or that read only by a guess, are reported rather than dropped in
silence: in ``VerbDictionary.problems``, and for the other readers in the optional
``problems`` list the caller passes. Each report is ``"path:line: why"``. A file that is not
the format at all raises :class:`tacitus.errors.DataFileError`.

Files are read as UTF-8 (all the shared PETRARCH files are); a file that is not UTF-8 is read
as Latin-1, as old TABARI files were written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

from tacitus.errors import DataFileError

__all__ = [
    "ActorCode", "ActorEntry", "AgentEntry", "Discard", "Element", "OntologyEntry", "Synset",
    "Transformation", "VerbBlock", "VerbDictionary", "VerbForm", "VerbPattern", "Where",
    "read_actors", "read_agents", "read_discards", "read_ontology", "read_verbs", "sniff",
]

KINDS = ("verbs", "actors", "agents", "discards", "ontology", "issues")

# YYMMDD dates: KEDS, TABARI and PETRARCH (PETRreader.dstr_to_ordate) read a two-digit year of
# 00-30 as 20YY and 31-99 as 19YY. A date string longer than 7 characters is YYYYMMDD.
YY_PIVOT = 30


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class Where:
    """Where an item is: the file as given and the 1-based line of the item in it."""

    path: str
    line: int


@dataclass(frozen=True)
class Element:
    """One element of a verb pattern or of a synset member.

    Attributes:
        kind: "word", "synset", "verb" (the ``*``), "source" (``$``), "target" (``+``),
            "compound" (``%``), "skip" (``^``), "prep_phrase" (``( ... )``) or
            "noun_phrase" (``{ ... }``).
        text: the word as written (without ``_``), or the synset name without ``&`` and
            without the label's trailing ``_``; empty for the other kinds.
        children: the elements inside a prep_phrase or noun_phrase, in order.
        joined_next: written with ``_`` to the next element (``IN_*``): the two must be
            adjacent.
        exact: written with a trailing ``_`` before a space or at the end (``IN_ *``, ``OFF_``,
            ``+CASH_``): TABARI's "whole word, not a stem" mark; in a synset member it means
            no automatic plural. PETRARCH-1 reads ``_ `` as a plain space.
    """

    kind: str
    text: str = ""
    children: tuple[Element, ...] = ()
    joined_next: bool = False
    exact: bool = False


@dataclass(frozen=True)
class VerbPattern:
    """One pattern line of a verb block, ``- PRE * POST [code]  # comment``.

    Attributes:
        pre: the elements before ``*``, in text order.
        post: the elements after ``*``, in text order.
        code: the event code as written ("042", "0579", "102b", "+++", "###"); None for
            ``[---]`` and for an empty active part (``[:173]``).
        second_code: the part after ``:`` in ``[a:b]`` (the code PETRARCH uses when the verb
            is passive), as written; None when there is no ``:`` or nothing after it.
        raw: the line as written.
        comment: the text of its ``#`` comment, stripped.
        where: file and line.
        verb: the ``*`` element itself; its ``joined_next`` says ``*_OUT``.
    """

    pre: tuple[Element, ...]
    post: tuple[Element, ...]
    code: str | None
    second_code: str | None
    raw: str
    comment: str
    where: Where
    verb: Element = field(default_factory=lambda: Element("verb"))


@dataclass(frozen=True)
class VerbForm:
    """One verb line of a block: ``HURRY {HURRIES HURRYING HURRIED }``, ``+GO_BY [020]``.

    Attributes:
        lemma: the words of the verb, space-separated ("PERMIT", "GO BY", "WIRE TAP").
        head_index: which word is the verb, as marked by ``+`` ("+GO_BY" 0, "WIRE_+TAP" 1,
            "KLM_NOP_+RST" 2); 0 when unmarked.
        forms: the irregular forms written in ``{...}``, same convention as ``lemma``.
        code: the verb's own ``[code]`` on its line, as written (``[---]`` gives "---"; the
            part before ``:`` of ``[a:b]``); None when the line has none (the block's code
            applies).
        where: file and line.
        forms_given: a ``{...}`` was written; ``{}`` (empty) means the verb has no other forms,
            no braces means the regular forms are to be made.
        head_marked: the verb word was marked with ``+``.
        second_code: the part after ``:`` when the verb's code is ``[a:b]`` ("LEFT [042:043]").
    """

    lemma: str
    head_index: int
    forms: tuple[str, ...]
    code: str | None
    where: Where
    forms_given: bool = False
    head_marked: bool = False
    second_code: str | None = None


@dataclass(frozen=True)
class VerbBlock:
    """A verb synonym block: the ``--- NAME [code] ---`` header, its verbs and its patterns.

    Attributes:
        name: the header text between the dashes, as written ("ACCELERATE", "LASH OUT").
        code: the header's code; None for ``[---]`` or when there is none.
        second_code: the part after ``:`` in the header's ``[a:b]``, else None.
        verbs: the block's verbs in file order (the primary first).
        patterns: the block's patterns in file order.
        where: file and line of the header.
    """

    name: str
    code: str | None
    second_code: str | None
    verbs: tuple[VerbForm, ...]
    patterns: tuple[VerbPattern, ...]
    where: Where


@dataclass(frozen=True)
class Synset:
    """A synonym set: the ``&NAME`` label and its ``+member`` lines.

    Attributes:
        name: the label without ``&`` and without a trailing ``_``.
        members: each member as a phrase of elements (words, synset references, prep phrases).
        no_plurals: the label ended with ``_``: no automatic plurals for any member.
        where: file and line of the label (of the first definition if it is defined twice).
    """

    name: str
    members: tuple[tuple[Element, ...], ...]
    no_plurals: bool
    where: Where


@dataclass(frozen=True)
class Transformation:
    """A ``~`` line: a verb acting on a verb, e.g. ``~ a (a b ATTACK) SAY = a b 015``.

    Attributes:
        raw: the line as written (without its comment).
        where: file and line.
        lhs: the part before ``=`` as words, a parenthesised group becoming a tuple:
            ``("a", ("a", "b", "ATTACK"), "SAY")``; None if it is not that simple.
        rhs: the words after ``=`` (``("a", "b", "015")``); None if not simple.
    """

    raw: str
    where: Where
    lhs: tuple[str | tuple[str, ...], ...] | None = None
    rhs: tuple[str, ...] | None = None


@dataclass(frozen=True)
class VerbDictionary:
    """A verb dictionary file.

    Attributes:
        dialect: "petrarch2" (CAMEO 2.0 syntax, with ``( ... )`` and ``{ ... }`` in patterns) or
            "tabari" (TABARI / PETRARCH-1 syntax).
        synsets: every synset by name, in order of first definition.
        blocks: the verb blocks in file order (a repeated header gives a second block).
        transformations: the ``~`` lines.
        problems: lines skipped or read by a guess, each ``"path:line: why"``.
    """

    dialect: str
    synsets: dict[str, Synset]
    blocks: tuple[VerbBlock, ...]
    transformations: tuple[Transformation, ...]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class ActorCode:
    """One code of an actor entry, with its date restriction.

    ``start`` and ``end`` are both inclusive: the PETRARCH documentation says the limits of a
    restriction are read "or equal to", so ``[X <d]`` gives ``end=d`` and ``[X >d]`` gives
    ``start=d``. A code with neither is the entry's default.

    Attributes:
        code: as written ("HOBGOV", "IGOCOPITP", "---", "+++", "FRO/BIL/SAM", "pse").
        start: first day the code applies (from ``>d`` or ``d1-d2``), or None.
        end: last day it applies (from ``<d`` or ``d1-d2``), or None.
        raw: the text inside the brackets, as written ("HOB < 950601").
        comment: the ``#`` comment of the code's line when the code is on its own line.
    """

    code: str
    start: date | None
    end: date | None
    raw: str = ""
    comment: str = ""


@dataclass(frozen=True)
class ActorEntry:
    """One actor: a primary phrase, its ``+`` synonyms and its codes.

    Attributes:
        phrases: primary first, then the ``+`` synonyms; words space-separated, as written.
            PETRARCH treats ``_`` and a space alike in actor phrases and matches upper case.
        exact: per phrase, written with a trailing ``_`` (no plural or other forms).
        codes: undated and dated codes in file order (same line or indented lines below).
        comment: the ``#`` comment of the primary line.
        where: file and line of the primary phrase.
    """

    phrases: tuple[str, ...]
    exact: tuple[bool, ...]
    codes: tuple[ActorCode, ...]
    comment: str
    where: Where


@dataclass(frozen=True)
class AgentEntry:
    """One agent: ``PHRASE {PLURAL} [~CODE]``. A substitution marker is expanded, one entry per
    item (``CONGRESS!PERSON!`` gives CONGRESSMAN, CONGRESSMEN, ...).

    Attributes:
        phrase: the words, space-separated, as written.
        plurals: None for automatic plurals (no braces); () for ``{}``; else the plural
            written in the braces (PETRARCH reads the whole brace text as one phrase).
            Expansions of a marker have () (the docs: "no additional plural formation").
        code: the code without ``~`` ("GOVFRM", "NGO").
        position: "suffix" for ``~GOV`` (appended to the actor's code), "prefix" for ``NGO~``
            (put before it).
        where: file and line.
        joined: per gap between two words, True if written with ``_`` (the words must be
            consecutive), False for a space (other words may come between).
        exact: written with a trailing ``_``.
        marker: the substitution marker this entry was expanded from ("PERSON"), else None.
    """

    phrase: str
    plurals: tuple[str, ...] | None
    code: str
    position: str
    where: Where
    joined: tuple[bool, ...] = ()
    exact: bool = False
    marker: str | None = None


@dataclass(frozen=True)
class Discard:
    """A discard phrase: a sentence (or, with a leading ``+``, the whole story) containing it is
    not coded.

    Attributes:
        phrase: the words, space-separated, as written (PETRARCH matches without case).
        scope: "sentence", or "story" for a leading ``+``.
        where: file and line.
        exact: written with a trailing ``_``: the match must end at a word boundary
            (otherwise the last word is a stem).
    """

    phrase: str
    scope: str
    where: Where
    exact: bool = False


@dataclass(frozen=True)
class OntologyEntry:
    """One line of the PICO file, ``110:0x1007f#0xFFFF+0x0080#0x7000#Disapprove``.

    Attributes:
        code: the CAMEO code as written ("110", "0211", "---").
        values: every numeric alternative, evaluated, its ``+``/``-`` hex terms summed:
            ``(0x1007f, 0xFFFF + 0x80, 0x7000)``; ``-0xFFFF`` gives -65535.
        name: the trailing label ("Disapprove"), or None.
        where: file and line.
    """

    code: str
    values: tuple[int, ...]
    name: str | None
    where: Where


# ---------------------------------------------------------------- reading lines


class _Line(NamedTuple):
    no: int          # 1-based line number
    raw: str         # the line as written, without the newline
    text: str        # the line with comments removed (not stripped)
    comment: str     # the text of a '#' or ';' comment, stripped


_XML_OPEN = re.compile(r"<!\s*--")
_COMMENT_CHARS = re.compile(r"[#;]")


#: Control characters (all but the tab): the Phoenix actors file has a few where an accented
#: letter was lost ("Z\x1aROUAL"), and YAML refuses them in any file tacitus writes.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _load(path: str | Path, problems: list[str] | None = None) -> tuple[str, list[str]]:
    """The file's name (as given) and its lines, newlines removed.

    Control characters are removed from the lines, each line where one was reported in
    ``problems`` (the rest of the line is read: dropping it would give its synonyms and codes
    to the entry above).
    """
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise DataFileError(name, f"cannot read the file ({err.strerror})",
                            hint="check the path of the PETRARCH dictionary") from err
    if b"\x00" in data:
        raise DataFileError(name, "this is a binary file, not a PETRARCH dictionary",
                            hint="give the plain-text dictionary (.txt) itself")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # old TABARI files; every byte is a character
    lines = [line.rstrip("\r") for line in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    for no, line in enumerate(lines, 1):
        if _CONTROL.search(line):
            found = ", ".join(sorted({f"U+{ord(c):04X}" for c in _CONTROL.findall(line)}))
            _report(problems, name, no, f"control character {found} removed from the line")
            lines[no - 1] = _CONTROL.sub("", line)
    return name, lines


def _comment_at(line: str, start: int) -> int:
    """Index of the first ``#`` or ``;`` at or after ``start`` that is not inside ``[...]``."""
    for m in _COMMENT_CHARS.finditer(line, start):
        i = m.start()
        if line.count("[", 0, i) <= line.count("]", 0, i):
            return i
    return -1


def _strip_comments(lines: list[str], notes: list[tuple[int, str]] | None = None) -> list[_Line]:
    """Remove ``#``, ``;`` and ``<!-- -->`` comments; keep line numbers.

    Comments are not nested and ``#`` inside square brackets is data (the ``[###]`` code).
    A ``<!--`` that is never closed is reported in ``notes`` and ends the file.
    """
    out: list[_Line] = []
    in_xml = False
    opened_at = 0
    for no, line in enumerate(lines, 1):
        pos = 0
        kept: list[str] = []
        comment = ""
        while pos <= len(line):
            if in_xml:
                end = line.find("-->", pos)
                if end < 0:
                    pos = len(line) + 1
                    break
                in_xml = False
                pos = end + 3
                continue
            xml = _XML_OPEN.search(line, pos)
            hash_at = _comment_at(line, pos)
            if hash_at >= 0 and (xml is None or hash_at < xml.start()):
                kept.append(line[pos:hash_at])
                comment = line[hash_at + 1:].strip()
                break
            if xml is not None:
                kept.append(line[pos:xml.start()])
                in_xml, opened_at = True, no
                pos = xml.end()
                continue
            kept.append(line[pos:])
            break
        out.append(_Line(no, line, "".join(kept), comment))
    if in_xml and notes is not None:
        notes.append((opened_at, "'<!--' is never closed with '-->': the rest of the file is a comment"))
    return out


def _significant(lines: Iterable[_Line]) -> Iterator[tuple[_Line, str]]:
    """The lines with something left after comments, with that text stripped."""
    for ln in lines:
        s = ln.text.strip()
        if s:
            yield ln, s


_WORD_GAP = re.compile(r"[\s_]+")


def _words(text: str) -> list[str]:
    """Words of a phrase written with spaces, tabs and/or underscores."""
    return [w for w in _WORD_GAP.split(text) if w]


def _report(problems: list[str] | None, path: str, line: int, why: str) -> None:
    if problems is not None:
        problems.append(f"{path}:{line}: {why}")


# ---------------------------------------------------------------- sniff

_ONTOLOGY_LINE = re.compile(r"^\s*[\w-]+\s*:\s*[+-]?\s*(0[xX][0-9A-Fa-f]+|\d+)")
_AGENT_CODE = re.compile(r"\[\s*(~\s*[\w/]+|[\w/]+\s*~)\s*[\]}]")
_MARKER_DEF = re.compile(r"^!([^!\s]+)!\s*=")
_HEADER = re.compile(r"^---.*(---|\[)")
_SYNSET_LABEL = re.compile(r"^&[\w]")
_SNIFF_LINES = 5000  # enough for every kind; the Phoenix files run to 54k lines


def _sniff_lines(lines: list[str]) -> str | None:
    """The kind of dictionary these lines are, or None if they are none of them."""
    head = lines[:_SNIFF_LINES]
    raw = [line for line in head if line.strip() and not line.lstrip().startswith("#")]
    if not raw:
        return None
    if any(line.lstrip().upper().startswith("<ISSUE") for line in raw):
        return "issues"
    onto = sum(1 for line in raw if _ONTOLOGY_LINE.match(line))
    if onto and onto * 2 >= len(raw):
        return "ontology"
    verbs = agents = actors = bare = 0
    for _ln, s in _significant(_strip_comments(head)):
        if _HEADER.match(s):
            verbs += 5
        elif _SYNSET_LABEL.match(s):
            verbs += 2
        elif s.startswith("~") and "=" in s:
            verbs += 2
        elif (s.startswith("-") or s.startswith("*")) and "*" in s:
            verbs += 1
        elif _MARKER_DEF.match(s):
            agents += 5
        elif _AGENT_CODE.search(s):
            agents += 1
        elif "[" in s:
            actors += 1
        elif not re.search(r"[,.!?;:]\s|[,!?;]$", s) and len(s.split()) <= 6:
            bare += 1  # a discard phrase: a few words, not a sentence of prose
    best = max(verbs, agents, actors)
    if best == 0:
        return "discards" if bare else None
    if verbs == best:
        return "verbs"
    return "agents" if agents == best else "actors"


def sniff(path: str | Path) -> str:
    """Which kind of PETRARCH file this is, from its content.

    Returns one of "verbs", "actors", "agents", "discards", "ontology" (the PICO file) and
    "issues" (the issue-coding file, which has no reader here).

    Raises:
        DataFileError: the file cannot be read or is none of these.
    """
    name, lines = _load(path)
    kind = _sniff_lines(lines)
    if kind is None:
        raise DataFileError(name, "this is not a PETRARCH or TABARI dictionary (verbs, actors, "
                            "agents, discards or PICO ontology)",
                            hint="give a dictionary file such as CAMEO.2.0.txt or Phoenix.agents.txt")
    return kind


def _expect(name: str, lines: list[str], kind: str, reader: str) -> None:
    """Refuse a file that reads as another kind of dictionary, naming the right reader."""
    found = _sniff_lines(lines)
    if found is None or found == kind:
        return
    first = next((i for i, line in enumerate(lines, 1)
                  if line.strip() and not line.lstrip().startswith(("#", "<!"))), None)
    right = f"read_{found}" if found != "issues" else "no reader (issue files are not imported)"
    raise DataFileError(name, f"this is not a {kind} file: it reads as a PETRARCH {found} file",
                        line=first, hint=f"use {right}, or check that the right file was given to {reader}")


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


# ---------------------------------------------------------------- actors


def _date(text: str) -> tuple[date | None, str | None]:
    """A YYMMDD or YYYYMMDD date as PETRARCH reads it, and a note when that took a guess."""
    if not text.isdigit() or len(text) < 6:
        return None, f"'{text}' is not a YYMMDD or YYYYMMDD date"
    note = None
    if len(text) > 7:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
        if len(text) > 8:
            note = f"date '{text}' has {len(text)} digits; read as {text[:8]} (YYYYMMDD), as PETRARCH does"
    else:
        yy = int(text[:2])
        year = 2000 + yy if yy <= YY_PIVOT else 1900 + yy
        month, day = int(text[2:4]), int(text[4:6])
        if len(text) == 7:
            note = f"date '{text}' has 7 digits; read as {text[:6]} (YYMMDD), as PETRARCH does"
    try:
        return date(year, month, day), note
    except ValueError:
        return None, f"'{text}' is not a valid date"


_RESTRICTION = re.compile(r"([<>])(\w+)|(\w+)-(\w+)")
_SPACES = re.compile(r"\s+")


def _actor_code(content: str, line: int, comment: str,
                report: Callable[[int, str], None]) -> ActorCode | None:
    """``HOBGOV 20121109-20130119`` -> ActorCode; None (reported) if it cannot be read."""
    parts = content.split(None, 1)
    if not parts:
        report(line, "empty [] code; skipped")
        return None
    code = parts[0]
    rest = _SPACES.sub("", parts[1]) if len(parts) > 1 else ""
    if not rest:
        return ActorCode(code, None, None, content.strip(), comment)
    m = _RESTRICTION.fullmatch(rest)
    if m is None:
        report(line, f"date restriction '{parts[1].strip()}' of {code} is not <d, >d or d1-d2; code skipped")
        return None
    start = end = None
    for text, side in ((m.group(2), m.group(1)), (m.group(3), ">"), (m.group(4), "<")):
        if text is None:
            continue
        day, note = _date(text)
        if day is None:
            report(line, f"{note}; code {code} skipped")
            return None
        if note:
            report(line, note)
        if side == ">":
            start = day
        else:
            end = day
    if start and end and start > end:
        report(line, f"{code} starts {start} after it ends {end}: it never applies; code skipped")
        return None
    return ActorCode(code, start, end, content.strip(), comment)


@dataclass
class _ActorBuilder:
    phrases: list[str]
    exact: list[bool]
    comment: str
    where: Where
    codes: list[ActorCode] = field(default_factory=list)


def read_actors(path: str | Path, problems: list[str] | None = None) -> list[ActorEntry]:
    """Read an actor dictionary.

    An entry is a primary phrase, optional ``+synonym`` lines and codes, on the primary line
    (``AFGHANISTAN_ [AFG]``, several allowed: ``[A 950701-951231][B]``) and/or on indented lines
    below (``\\t[AFGGOV >011222]``). Dates are ``<d`` (until d), ``>d`` (from d) or ``d1-d2``
    (spaces allowed), each d YYMMDD or YYYYMMDD; see :class:`ActorCode` and ``YY_PIVOT``.

    Args:
        path: the file, e.g. ``Phoenix.Countries.actors.txt``.
        problems: if given, lines skipped or read by a guess are appended, as
            ``"path:line: why"``.

    Raises:
        DataFileError: the file cannot be read or is another kind of PETRARCH file.
    """
    name, raw_lines = _load(path, problems)
    _expect(name, raw_lines, "actors", "read_actors")

    def report(line: int, why: str) -> None:
        _report(problems, name, line, why)

    notes: list[tuple[int, str]] = []
    entries: list[ActorEntry] = []
    current: _ActorBuilder | None = None

    def close() -> None:
        if current is not None:
            if not current.codes:
                report(current.where.line, f"actor '{current.phrases[0]}' has no code: PETRARCH gives it "
                                           "the null code (was a '+' left off a synonym below it?)")
            entries.append(ActorEntry(tuple(current.phrases), tuple(current.exact),
                                      tuple(current.codes), current.comment, current.where))

    def codes_of(body: str, line: int, comment: str) -> tuple[list[ActorCode], str]:
        """The codes in ``body`` and the phrase text before them; other text is reported."""
        matches = list(_BRACKETS.finditer(body))
        found = [c for m in matches if (c := _actor_code(m.group(1), line, comment, report)) is not None]
        phrase = body[:matches[0].start()] if matches else body
        left = _BRACKETS.sub(" ", body[matches[0].start():]) if matches else ""
        if "[" in phrase:
            report(line, "'[' without ']'; the text from it is ignored")
            phrase = phrase[:phrase.index("[")]
        if left.strip():
            report(line, f"text after the codes ignored: '{left.strip()}'")
        return found, phrase

    for ln, s in _significant(_strip_comments(raw_lines, notes=notes)):
        if s.startswith("["):
            found, _ = codes_of(s, ln.no, ln.comment)
            if current is None:
                report(ln.no, "codes before any actor phrase; line skipped")
            else:
                current.codes.extend(found)
            continue
        synonym = s.startswith("+")
        found, phrase_text = codes_of(s[1:] if synonym else s, ln.no, "")
        texts = [phrase_text]
        if synonym and re.search(r"\s\+\S", phrase_text):
            texts = [t for t in re.split(r"\s+\+(?=\S)", phrase_text) if t.strip()]
            report(ln.no, f"{len(texts)} synonyms on one line; read as separate synonyms")
        if not synonym:
            close()
            current = None
        for text in texts:
            words = _words(text)
            if not words:
                report(ln.no, "empty actor phrase; line skipped")
                continue
            if "]" in text:
                report(ln.no, f"stray ']' in the phrase '{text.strip()}'")
            exact = text.strip().endswith("_")
            phrase = " ".join(words)
            if not synonym:
                current = _ActorBuilder([phrase], [exact], ln.comment, Where(name, ln.no))
            elif current is None:
                report(ln.no, "'+' synonym before any actor phrase; line skipped")
            else:
                current.phrases.append(phrase)
                current.exact.append(exact)
        if current is not None and found:
            if synonym:
                report(ln.no, "codes on a '+' synonym line; added to the entry")
            current.codes.extend(found)
    close()
    for line, why in notes:
        report(line, why)
    return entries


# ---------------------------------------------------------------- agents


def _phrase_gaps(text: str) -> tuple[str, tuple[bool, ...], bool]:
    """Words of an agent phrase, whether each gap is a ``_``, and a trailing ``_``."""
    t = text.strip()
    parts = [p for p in re.split(r"([\s_]+)", t) if p]
    words: list[str] = []
    joined: list[bool] = []
    pending: bool | None = None
    for p in parts:
        if re.fullmatch(r"[\s_]+", p):
            if words:
                pending = (pending or False) or ("_" in p)
            continue
        if words:
            joined.append(bool(pending))
        words.append(p)
        pending = None
    return " ".join(words), tuple(joined), t.endswith("_")


def read_agents(path: str | Path, problems: list[str] | None = None) -> list[AgentEntry]:
    """Read an agent dictionary: ``PHRASE {PLURAL} [~CODE]`` lines and ``!MARKER! = A, B``
    substitution sets.

    A marker must be defined before it is used (PETRARCH reads the file in one pass); a line
    with an undefined marker, or without a code, is skipped and reported. Only the first marker
    of a phrase is expanded, as PETRARCH does; a second one stays in the phrase as written and
    is reported.

    Args:
        path: the file, e.g. ``Phoenix.agents.txt``.
        problems: if given, lines skipped or read by a guess are appended.

    Raises:
        DataFileError: the file cannot be read or is another kind of PETRARCH file.
    """
    name, raw_lines = _load(path, problems)
    _expect(name, raw_lines, "agents", "read_agents")

    def report(line: int, why: str) -> None:
        _report(problems, name, line, why)

    notes: list[tuple[int, str]] = []
    markers: dict[str, tuple[str, ...]] = {}
    out: list[AgentEntry] = []
    for ln, s in _significant(_strip_comments(raw_lines, notes=notes)):
        where = Where(name, ln.no)
        m = _MARKER_DEF.match(s)
        if m:
            items = tuple(i.strip() for i in s[m.end():].split(",") if i.strip())
            if not items:
                report(ln.no, f"substitution set !{m.group(1)}! has no items")
            markers[m.group(1)] = items
            continue
        if "[" not in s:
            report(ln.no, "agent without a [code]; line skipped")
            continue
        head, _, rest = s.partition("[")
        close = re.search(r"[\]}]", rest)
        if close is None:
            report(ln.no, "'[' without ']'; line skipped")
            continue
        if close.group() == "}":
            report(ln.no, "code closed with '}' instead of ']'; read as ']'")
        if rest[close.end():].strip():
            report(ln.no, f"text after the code ignored: '{rest[close.end():].strip()}'")
        code = re.sub(r"\s+", "", rest[:close.start()])
        if code.startswith("~") and not code.endswith("~"):
            code, position = code[1:], "suffix"
        elif code.endswith("~") and not code.startswith("~"):
            code, position = code[:-1], "prefix"
        else:
            report(ln.no, f"code [{code}] has no single '~' before or after it; line skipped")
            continue
        if not code:
            report(ln.no, "empty agent code; line skipped")
            continue
        plurals: tuple[str, ...] | None = None
        if "{" in head:
            open_at = head.index("{")
            close_at = head.find("}", open_at)
            if close_at < 0:
                report(ln.no, "'{' without '}'; line skipped")
                continue
            inside = " ".join(_words(head[open_at + 1:close_at]))
            plurals = (inside,) if inside else ()
            if head[close_at + 1:].strip():
                report(ln.no, f"text between the plural and the code ignored: '{head[close_at + 1:].strip()}'")
            head = head[:open_at]
        mk = re.search(r"!([^!\s]+)!", head)
        if mk is None:
            phrase, joined, exact = _phrase_gaps(head)
            if not phrase:
                report(ln.no, "agent without a phrase; line skipped")
                continue
            out.append(AgentEntry(phrase, plurals, code, position, where, joined, exact))
            continue
        marker = mk.group(1)
        if marker not in markers:
            report(ln.no, f"substitution marker !{marker}! is not defined above this line; line skipped")
            continue
        if plurals:
            report(ln.no, "plural given for a phrase with a substitution marker; ignored "
                          "(each item is used as written)")
        if re.search(r"!([^!\s]+)!", head[mk.end():]):
            report(ln.no, "second substitution marker in the phrase left as written (PETRARCH "
                          "expands only the first)")
        for item in markers[marker]:
            phrase, joined, exact = _phrase_gaps(head[:mk.start()] + item + head[mk.end():])
            out.append(AgentEntry(phrase, (), code, position, where, joined, exact, marker))
    for line, why in notes:
        report(line, why)
    return out


# ---------------------------------------------------------------- discards


def read_discards(path: str | Path, problems: list[str] | None = None) -> list[Discard]:
    """Read a discard list: one phrase a line, a leading ``+`` for the whole story.

    Args:
        path: the file, e.g. ``Phoenix.discards.txt``.
        problems: if given, lines skipped are appended.

    Raises:
        DataFileError: the file cannot be read or is another kind of PETRARCH file.
    """
    name, raw_lines = _load(path, problems)
    _expect(name, raw_lines, "discards", "read_discards")
    notes: list[tuple[int, str]] = []
    out: list[Discard] = []
    for ln, s in _significant(_strip_comments(raw_lines, notes=notes)):
        story = s.startswith("+")
        text = s[1:].strip() if story else s
        words = _words(text)
        if not words:
            _report(problems, name, ln.no, "empty discard phrase; line skipped")
            continue
        out.append(Discard(" ".join(words), "story" if story else "sentence", Where(name, ln.no),
                           exact=text.endswith("_")))
    for line, why in notes:
        _report(problems, name, line, why)
    return out


# ---------------------------------------------------------------- PICO ontology

_ONTO_CODE = re.compile(r"^\s*([^:\s]+)\s*:(.*)$")
_ONTO_VALUE = re.compile(r"^\s*[+-]?\s*(?:0[xX][0-9A-Fa-f]+|\d+)(?:\s*[+-]\s*(?:0[xX][0-9A-Fa-f]+|\d+))*\s*$")
_ONTO_TERM = re.compile(r"([+-]?)\s*(0[xX][0-9A-Fa-f]+|\d+)")


def _onto_value(text: str) -> int:
    total = 0
    for sign, number in _ONTO_TERM.findall(text):
        value = int(number, 16) if number[:2].lower() == "0x" else int(number)
        total += -value if sign == "-" else value
    return total


def read_ontology(path: str | Path, problems: list[str] | None = None) -> dict[str, OntologyEntry]:
    """Read the PETRARCH internal coding ontology (PICO) of UD-PETRARCH.

    Each line is ``CODE:ALT#ALT#...#Label``: the ``#``-separated alternatives are hex (or
    decimal) terms joined by ``+`` and ``-``; the first field that is not a number is the label
    when it follows ``#`` directly (``#Disapprove``), and a comment when a space follows the
    ``#`` (``# The 0x300 mask ...``); fields after it are ignored. A line whose first non-space
    character is ``#`` is a comment.

    Args:
        path: the file, e.g. ``PETR_Validate_Internal_Coding_Ontology_1_01.txt``.
        problems: if given, lines skipped are appended (and a code given twice: the later
            line wins).

    Raises:
        DataFileError: the file cannot be read or has no ``CODE:value`` line.
    """
    name, lines = _load(path, problems)
    _expect(name, lines, "ontology", "read_ontology")
    out: dict[str, OntologyEntry] = {}
    for no, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _ONTO_CODE.match(line)
        if m is None:
            _report(problems, name, no, "not a 'CODE:value' line; skipped")
            continue
        code, fields = m.group(1), m.group(2).split("#")
        values: list[int] = []
        label = None
        for k, part in enumerate(fields):
            if _ONTO_VALUE.match(part):
                values.append(_onto_value(part))
            elif part.strip():
                if k > 0 and not part[:1].isspace():
                    label = part.strip()
                break
        if not values:
            _report(problems, name, no, f"code {code} has no numeric value; skipped")
            continue
        if code in out:
            _report(problems, name, no, f"code {code} given again (first at line "
                                        f"{out[code].where.line}); this line wins")
        out[code] = OntologyEntry(code, tuple(values), label, Where(name, no))
    if not out:
        raise DataFileError(name, "no 'CODE:0xVALUE' line in the file",
                            hint="give the PICO file, e.g. PETR_Validate_Internal_Coding_Ontology_1_01.txt")
    return out
