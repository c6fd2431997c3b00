"""Reading PETRARCH validation ("unit test") record files.

Two dialects of one format exist, and :func:`read_records` reads both:

* ``PETR.UnitTest.records.xml`` (PETRARCH-1/2): well-formed XML with Penn Treebank parses.
  It is read with ``xml.etree``.
* ``PETR_Validate_records_2_02.xml`` (UniversalPetrarch): CoNLL-U parses, an ``evaluate``
  attribute, and ``<PLEvent {json}>`` lines that are not XML at all. ``xml.etree`` refuses it,
  so it is read by :func:`scan_records`, a scanner of the tags this format uses.

Either way XML comments are dropped first, so a record that is commented out does not exist.
``<Config option=... value=...>`` elements between records change coder options for the
records after them; each record carries the options in force where it stands (the
``<Environment>`` ones included). Values are kept as written ("FALSE", "True", "0"):
:func:`option_enabled` reads the boolean ones the way PETRARCH did.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tacitus.errors import DataFileError

#: The reasons an ``<EventCoding error=...>`` record may expect.
ERROR_KINDS = frozenset({"storydiscard", "sentencediscard", "bad_input_parse", "dateline"})

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SENTENCE_OPEN = re.compile(r"<Sentence\b(?!s)")
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True)
class Expected:
    """One ``<EventCoding>`` line of a record.

    Codes are as written, with XML entities decoded: ``"---"`` is the null actor, and a quoted
    code (``'"THE MINISTRY OF MAGIC"'``) expects a "new actor" named by its text. A line is
    either an event (``code`` set), ``noevents`` (the sentence must code nothing) or an
    ``error`` (the record must be discarded for that reason, see :data:`ERROR_KINDS`).
    """

    source: str | None
    target: str | None
    code: str | None
    noevents: bool = False
    error: str | None = None

    @property
    def is_event(self) -> bool:
        return self.code is not None


@dataclass(frozen=True)
class ValidationRecord:
    """One ``<Sentence>`` record.

    Attributes:
        id, category: as written ("DEMO-01", "DEMO").
        date: the story date; actor codes in the test dictionaries carry date ranges.
        text: the sentence, whitespace normalised to single spaces.
        parse: the parse as written (stripped of blank lines around it), or None.
        parse_format: ``"conllu"`` or ``"ptb"`` (Penn Treebank brackets).
        evaluate: False when the UD file says ``evaluate="false"`` (upstream bypassed it).
        expected: the ``<EventCoding>`` lines, in file order.
        config: coder options in force at this record.
        line: the line of ``<Sentence`` in the file.
        plevents: the ``<PLEvent {json}>`` records (UD file), which the upstream validator
            ignored: the PLOVER-style equivalent with compound actors as lists.
    """

    id: str
    category: str
    date: date
    text: str
    parse: str | None
    parse_format: str
    evaluate: bool
    expected: tuple[Expected, ...]
    config: dict[str, str]
    line: int
    plevents: tuple[Mapping[str, Any], ...] = ()

    @property
    def events(self) -> tuple[Expected, ...]:
        """The expected events (lines with a code)."""
        return tuple(e for e in self.expected if e.is_event)

    @property
    def noevents(self) -> bool:
        """The record expects the sentence to code nothing."""
        return any(e.noevents for e in self.expected) and not self.events

    @property
    def error(self) -> str | None:
        """The discard reason the record expects, if it expects one."""
        return next((e.error for e in self.expected if e.error), None)


@dataclass(frozen=True)
class Environment:
    """The ``<Environment>`` block: the dictionaries the records need, relative to ``folder``."""

    folder: Path
    verbfile: str | None
    actorfiles: tuple[str, ...]
    agentfiles: tuple[str, ...]
    discardfile: str | None
    ontologyfile: str | None
    include: tuple[str, ...]
    config: dict[str, str] = field(default_factory=dict)

    def path(self, name: str) -> Path:
        """A dictionary file named by the environment, as a path beside the records file."""
        return self.folder / name


def option_enabled(value: str | None) -> bool:
    """A boolean ``<Config>`` value as PETRARCH read it: "true" in any case is on."""
    return (value or "").strip().lower() == "true"


def read_records(path: str | Path) -> tuple[Environment, list[ValidationRecord]]:
    """Read a validation records file of either dialect.

    Well-formed files are read with ``xml.etree``; a file it refuses (the UD file's
    ``<PLEvent {json}>`` lines) is read by :func:`scan_records`.

    Raises:
        DataFileError: the file cannot be read, or a record lacks its id, date or text.
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as err:
        raise DataFileError(str(path), f"cannot read the records file: {err.strerror or err}",
                            hint="give the path of PETR.UnitTest.records.xml or a file of that format") from err
    try:
        root = ET.fromstring(raw)
    except ET.ParseError:
        return scan_records(path, raw)
    return _from_tree(path, raw, root)


# ---------------------------------------------------------------------------- shared helpers


def _blank_comments(raw: str) -> str:
    """The text with every comment blanked out, newlines kept so line numbers stay true."""
    return _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), raw)


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def _date(value: str | None, path: Path, line: int) -> date:
    try:
        return datetime.strptime((value or "").strip(), "%Y%m%d").date()
    except ValueError:
        raise DataFileError(str(path), f"record date {value!r} is not YYYYMMDD", line) from None


def _parse_text(parse: str | None) -> tuple[str | None, str]:
    """The parse stripped of surrounding blank lines, and its format."""
    if parse is None or not parse.strip():
        return None, "ptb"
    lines = [ln.rstrip("\r") for ln in parse.strip("\n").splitlines()]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    text = "\n".join(lines)
    first = text.lstrip()
    fmt = "conllu" if re.match(r"(#|\d+(?:[-.]\d+)?\t)", first) else "ptb"
    return (text.strip() if fmt == "ptb" else text), fmt


def _expected(attrs: Mapping[str, str], path: Path, line: int) -> Expected:
    if "error" in attrs:
        kind = attrs["error"].strip()
        if kind not in ERROR_KINDS:
            raise DataFileError(str(path), f"unknown expected error {kind!r}", line,
                                hint=f"use one of {', '.join(sorted(ERROR_KINDS))}")
        return Expected(None, None, None, error=kind)
    if "noevents" in attrs:
        return Expected(None, None, None, noevents=option_enabled(attrs["noevents"]))
    if "eventcode" not in attrs:
        raise DataFileError(str(path), "an <EventCoding> has neither eventcode, noevents nor error", line)
    return Expected(attrs.get("sourcecode"), attrs.get("targetcode"), attrs["eventcode"])


def _record(path: Path, line: int, attrs: Mapping[str, str], text: str | None, parse: str | None,
            expected: list[Expected], config: dict[str, str], plevents: list[Mapping[str, Any]]) -> ValidationRecord:
    rid = attrs.get("id", "").strip()
    if not rid:
        raise DataFileError(str(path), "a <Sentence> has no id", line)
    if text is None:
        raise DataFileError(str(path), f"record {rid} has no <Text>", line)
    parse_text, fmt = _parse_text(parse)
    return ValidationRecord(
        id=rid, category=attrs.get("category", "").strip(), date=_date(attrs.get("date"), path, line),
        text=_norm(text), parse=parse_text, parse_format=fmt,
        evaluate=attrs.get("evaluate", "true").strip().lower() != "false",
        expected=tuple(expected), config=dict(config), line=line, plevents=tuple(plevents))


def _environment(path: Path, values: list[tuple[str, str]], config: dict[str, str]) -> Environment:
    def first(tag: str) -> str | None:
        return next((v for t, v in values if t == tag), None)

    def every(tag: str) -> tuple[str, ...]:
        return tuple(v for t, v in values if t == tag)

    return Environment(folder=path.parent, verbfile=first("verbfile"), actorfiles=every("actorfile"),
                       agentfiles=every("agentfile"), discardfile=first("discardfile"),
                       ontologyfile=first("picofile"), include=tuple((first("include") or "").split()),
                       config=dict(config))


# ---------------------------------------------------------------------------- xml.etree reader


def _from_tree(path: Path, raw: str, root: ET.Element) -> tuple[Environment, list[ValidationRecord]]:
    # xml.etree keeps no line numbers: the n-th <Sentence outside comments is the n-th element
    blanked = _blank_comments(raw)
    lines = [blanked.count("\n", 0, m.start()) + 1 for m in _SENTENCE_OPEN.finditer(blanked)]
    env_el = root.find("Environment")
    env_config: dict[str, str] = {}
    values: list[tuple[str, str]] = []
    if env_el is not None:
        for child in env_el:
            if child.tag == "Config":
                env_config[child.get("option", "")] = child.get("value", "")
            else:
                values.append((child.tag.lower(), (child.text or "").strip()))
    env = _environment(path, values, env_config)
    config = dict(env_config)
    records: list[ValidationRecord] = []
    container = root.find("Sentences")
    elements = list(container) if container is not None else [e for e in root if e.tag != "Environment"]
    for el in elements:
        if el.tag == "Config":
            config[el.get("option", "")] = el.get("value", "")
            continue
        if el.tag != "Sentence":
            continue
        line = lines[len(records)] if len(records) < len(lines) else 0
        expected = [_expected(ec.attrib, path, line) for ec in el.findall("EventCoding")]
        text_el, parse_el = el.find("Text"), el.find("Parse")
        records.append(_record(path, line, el.attrib, text_el.text if text_el is not None else None,
                               parse_el.text if parse_el is not None else None, expected, config, []))
    return env, records


# ---------------------------------------------------------------------------- tag scanner

_TAG = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z]\w*)(?P<rest>[^<>]*?)(?P<empty>/?)>")
_PLEVENT = re.compile(r"<PLEvent\s+(?P<json>\{.*\})\s*>")
_ENV_TAGS = {"verbfile", "actorfile", "agentfile", "discardfile", "picofile", "include", "errorfile", "pause"}


def _scan(text: str) -> Iterator[tuple[int, str, re.Match[str]]]:
    """Tags and PLEvent lines of a comment-free text, in order: (offset, kind, match)."""
    pos = 0
    while True:
        lt = text.find("<", pos)
        if lt == -1:
            return
        m = _PLEVENT.match(text, lt)
        if m is not None:
            yield lt, "plevent", m
            pos = m.end()
            continue
        m = _TAG.match(text, lt)
        if m is not None:
            yield lt, "tag", m
            pos = m.end()
            continue
        pos = lt + 1  # a lone "<" in text: not markup


def scan_records(path: str | Path, raw: str | None = None) -> tuple[Environment, list[ValidationRecord]]:
    """Read a records file with a tag scanner instead of an XML parser.

    This is how the UD file must be read (its ``<PLEvent {json}>`` lines are not XML); it
    reads the well-formed dialect to the same records, which the tests check.
    """
    path = Path(path)
    if raw is None:
        raw = path.read_text(encoding="utf-8")
    text = _blank_comments(raw)

    def line_of(offset: int) -> int:
        return text.count("\n", 0, offset) + 1

    env_values: list[tuple[str, str]] = []
    env_config: dict[str, str] = {}
    config: dict[str, str] = {}
    records: list[ValidationRecord] = []
    in_env = False
    current: dict[str, Any] | None = None
    capture: tuple[str, int] | None = None  # (element, offset where its text starts)
    for offset, kind, m in _scan(text):
        if kind == "plevent":
            if current is not None:
                try:
                    current["plevents"].append(json.loads(html.unescape(m.group("json"))))
                except json.JSONDecodeError as err:
                    raise DataFileError(str(path), f"<PLEvent> is not valid JSON: {err.msg}",
                                        line_of(offset)) from None
            continue
        name, closing, empty = m.group("name"), bool(m.group("close")), bool(m.group("empty"))
        attrs = {k: html.unescape(v1 if v1 or not v2 else v2)
                 for k, v1, v2 in _ATTR.findall(m.group("rest"))}
        low = name.lower()
        if capture is not None:
            if closing and low == capture[0]:
                value = html.unescape(text[capture[1]:offset])
                if in_env:
                    env_values.append((low, value.strip()))
                elif current is not None:
                    current[low] = value
                capture = None
            continue  # inside <Text>/<Parse>: everything up to the closing tag is content
        if low == "environment":
            in_env = not closing
        elif low == "config" and not closing:
            target = env_config if in_env else config
            target[attrs.get("option", "")] = attrs.get("value", "")
            if in_env:
                config[attrs.get("option", "")] = attrs.get("value", "")
        elif in_env and low in _ENV_TAGS and not closing and not empty:
            capture = (low, m.end())
        elif low == "sentence" and not closing:
            current = {"attrs": attrs, "line": line_of(offset), "expected": [], "plevents": [],
                       "text": None, "parse": None}
        elif low == "sentence" and closing and current is not None:
            if current["text"] is None and current["parse"] is None and not current["expected"]:
                raise DataFileError(str(path), "a <Sentence> record is empty", current["line"])
            records.append(_record(path, current["line"], current["attrs"], current["text"], current["parse"],
                                   current["expected"], config, current["plevents"]))
            current = None
        elif current is not None and low == "eventcoding" and not closing:
            current["expected"].append(_expected(attrs, path, line_of(offset)))
        elif current is not None and low in ("text", "parse") and not closing and not empty:
            capture = (low, m.end())
    if current is not None:
        raise DataFileError(str(path), f"record {current['attrs'].get('id', '?')} is not closed", current["line"],
                            hint="end each record with </Sentence>")
    return _environment(path, env_values, env_config), records
