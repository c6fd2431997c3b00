"""Reading actor, agent, discard and PICO ontology dictionaries.

Part of :mod:`tacitus.importers.petrarch` (see its docstring for the rules the files share).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tacitus.errors import DataFileError
from tacitus.importers.petrarch.lines import (
    _MARKER_DEF,
    _expect,
    _load,
    _report,
    _significant,
    _strip_comments,
    _words,
)
from tacitus.importers.petrarch.records import (
    YY_PIVOT,
    ActorCode,
    ActorEntry,
    AgentEntry,
    Discard,
    OntologyEntry,
    Where,
)
from tacitus.importers.petrarch.verbs import _BRACKETS

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
