"""Ambiguous names: the words around a name pick what it means.

Some names the knowledge base knows mean more than one thing: "Georgia" is a state in the
Caucasus and a US state, "Congo" two countries, "Washington" the US government, a US state,
a newspaper and a president, "Jordan" a kingdom, a river and a basketball player. The rules
are data (``tacitus/data/ambiguity.yaml``, format in its header); this module only applies
them. For a matched name with a rule, it looks for cues in this order:

    1. the words right before or after the name ("the Washington Post", "Jordan River"),
       or a longer person's name around it ("Michael Jordan");
    2. cue words anywhere in the same sentence ("Atlanta", "Kinshasa");
    3. cue words anywhere in the article;
    4. the rule's default.

At steps 2 and 3 the reading with the most cues wins (ties go to the reading listed first),
so one stray word does not beat several. A reading either names an actor code (a country or
an IGO of the knowledge base) or ``none``: the name is then not an actor at all.

The knowledge base (``knowledge.py``) holds the rules and applies the reading this module
picks (``KnowledgeBase.disambiguate``); this module does not know the knowledge base.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from tacitus.errors import DataFileError

if TYPE_CHECKING:
    from spacy.tokens import Span

#: The code of a reading that is not an actor ("the Jordan River").
NONE = "none"


class Named(Protocol):
    """What a rule reads of a candidate reading of a name (``knowledge.Alias`` is one)."""

    @property
    def phrase(self) -> str: ...

    @property
    def kind(self) -> str: ...


def _cue_pattern(cues: Sequence[str]) -> re.Pattern[str] | None:
    """One regex for a list of cue phrases: whole words, case-insensitive, except short
    all-capital cues ("DRC" but not "drc") which must be written as listed."""
    if not cues:
        return None
    parts = []
    for cue in sorted(cues, key=len, reverse=True):
        body = re.escape(cue)
        parts.append(body if cue.isupper() and len(cue) <= 5 else f"(?i:{body})")
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


@dataclass(frozen=True)
class Reading:
    """One meaning of an ambiguous name and the cues that pick it.

    ``code`` is an actor code of the knowledge base, or ``none`` (not an actor).
    """

    code: str
    label: str
    next: tuple[str, ...] = ()
    previous: tuple[str, ...] = ()
    person: bool = False
    sentence: re.Pattern[str] | None = None
    article: re.Pattern[str] | None = None
    example: str = ""

    @property
    def is_actor(self) -> bool:
        return self.code != NONE


@dataclass(frozen=True)
class Rule:
    """The readings of one ambiguous phrase; ``default`` applies when no cue fires."""

    phrase: str
    default: Reading
    readings: tuple[Reading, ...]

    def all_readings(self) -> tuple[Reading, ...]:
        return (self.default, *self.readings)


@dataclass(frozen=True)
class Choice:
    """What a rule decided for one occurrence, and why (for ``explain`` and tests)."""

    reading: Reading
    cue: str


def _words(value: Any) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    return (str(value),) if isinstance(value, str) else tuple(str(v) for v in value)


def _reading(entry: Any, where: str, line: int | None, phrase: str) -> Reading:
    if isinstance(entry, str):
        return Reading(code=entry, label=entry)
    if not isinstance(entry, dict) or not entry.get("code"):
        raise DataFileError(where, f"{phrase!r}: each reading needs a code: (an actor code or none)",
                            line=entry.get("__line__", line) if isinstance(entry, dict) else line)
    return Reading(code=str(entry["code"]), label=str(entry.get("label") or entry["code"]),
                   next=tuple(w.lower() for w in _words(entry.get("next"))),
                   previous=tuple(w.lower() for w in _words(entry.get("previous"))),
                   person=bool(entry.get("person")),
                   sentence=_cue_pattern(_words(entry.get("sentence"))),
                   article=_cue_pattern(_words(entry.get("article"))),
                   example=str(entry.get("example") or ""))


class Ambiguity:
    """The ambiguity rules of a knowledge base, keyed by phrase (as the data lists it)."""

    def __init__(self) -> None:
        self.rules: dict[str, Rule] = {}
        self._where: dict[str, tuple[str, int | None]] = {}

    def add(self, data: dict, where: str) -> None:
        """Add (or replace) the rules of one file's mapping ``phrase -> {default, readings}``."""
        for phrase, entry in data.items():
            if phrase in ("__line__", "__keylines__"):
                continue
            line = data["__keylines__"].get(phrase)
            if not isinstance(entry, dict) or not entry.get("default"):
                raise DataFileError(where, f"{phrase!r} needs a default: reading", line=line,
                                    hint="see the comments at the top of tacitus/data/ambiguity.yaml")
            readings = entry.get("readings") or []
            if not isinstance(readings, list):
                raise DataFileError(where, f"{phrase!r}: readings: must be a list", line=line)
            self.rules[str(phrase)] = Rule(str(phrase), _reading(entry["default"], where, line, str(phrase)),
                                           tuple(_reading(r, where, line, str(phrase)) for r in readings))
            self._where[str(phrase)] = (where, line)

    def check(self, known: Callable[[str], bool]) -> None:
        """Every reading's code must be an actor code that ``known`` accepts (the knowledge
        base's codes), or ``none``.

        Raises:
            DataFileError: a reading names an unknown code (file and line in the message).
        """
        for phrase, rule in self.rules.items():
            for reading in rule.all_readings():
                if reading.is_actor and not known(reading.code):
                    where, line = self._where[phrase]
                    raise DataFileError(where, f"{phrase!r}: unknown actor code {reading.code!r}", line=line,
                                        hint="use a code of countries.yaml or blocs.yaml (a country code may end "
                                             "with a role of roles.yaml: USAGOV), or none")

    def __contains__(self, phrase: str) -> bool:
        return phrase in self.rules

    # -- deciding ---------------------------------------------------------------------------

    def rule_for(self, span: Span, cands: Sequence[Named]) -> Rule | None:
        for phrase in [*(a.phrase for a in cands if a.kind != "person"), span.text]:
            rule = self.rules.get(phrase)
            if rule is not None:
                return rule
        return None

    def decide(self, rule: Rule, span: Span) -> Choice:
        """The reading of ``rule`` that the context of ``span`` picks."""
        doc = span.doc
        for reading in rule.all_readings():
            for cue in reading.next:
                n = len(cue.split())
                if " ".join(t.text.lower() for t in doc[span.end: span.end + n]) == cue:
                    return Choice(reading, f"followed by {cue!r}")
            for cue in reading.previous:
                n = len(cue.split())
                if span.start >= n and " ".join(t.text.lower() for t in doc[span.start - n: span.start]) == cue:
                    return Choice(reading, f"preceded by {cue!r}")
            if reading.person:
                for ent in doc.ents:
                    if ent.label_ == "PERSON" and ent.start <= span.start and span.end <= ent.end \
                            and len(ent) > len(span):
                        return Choice(reading, f"part of the name {ent.text!r}")
        sentence = span.sent if doc.has_annotation("SENT_START") else doc[max(0, span.start - 30): span.end + 30]
        for scope, text, offset in (("sentence", sentence.text, sentence.start_char), ("article", doc.text, 0)):
            best: tuple[int, Reading, str] | None = None
            for reading in rule.all_readings():
                pattern = reading.sentence if scope == "sentence" else reading.article
                if pattern is None:
                    continue
                hits = [m for m in pattern.finditer(text)
                        # the name itself is no cue ("Congo" inside "Congo" cues)
                        if not (m.start() + offset < span.end_char and span.start_char < m.end() + offset)]
                if hits and (best is None or len(hits) > best[0]):
                    best = (len(hits), reading, hits[0].group(0))
            if best is not None:
                return Choice(best[1], f"{scope} cue {best[2]!r}")
        return Choice(rule.default, "default")

    def reading(self, span: Span, cands: Sequence[Named]) -> Reading | None:
        """The reading the context of ``span`` picks for a matched name with candidate
        readings ``cands``; None when no rule covers the name."""
        if not cands:
            return None
        rule = self.rule_for(span, cands)
        return self.decide(rule, span).reading if rule is not None else None
