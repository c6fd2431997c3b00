"""Typed records of the PETRARCH and TABARI dictionaries, as the readers return them.

Part of :mod:`tacitus.importers.petrarch` (see its docstring for the rules the files share).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

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
