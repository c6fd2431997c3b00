"""The event pattern dictionary: loading ``patterns.yaml`` and ``stance.yaml`` into match-ready records.

The file formats are documented at the top of each data file. A pattern string such as
``sign agreement|deal with`` becomes a :class:`Pattern` with ``head={"sign"}``,
``objects={"agreement", "deal"}`` and ``preps={"with"}``.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tacitus.datafiles import builtin_path, load_yaml
from tacitus.errors import DataFileError

#: Words that introduce the target of an event ("meet with X", "sanctions against X").
PREPOSITIONS = frozenset(
    "with to in at on against from for over about into toward towards by of upon onto "
    "between among near around off along through behind across".split()
)
#: Verb particles ("pull out", "crack down", "back down").
PARTICLES = frozenset("up down out off away back over ahead forward together apart in on".split())


def spelling_variants(word: str) -> set[str]:
    """British and American spellings of a lemma: recognise/recognize, defence/defense..."""
    found = {word}
    for a, b in (("ise", "ize"), ("isation", "ization"), ("our", "or"), ("ence", "ense"),
                 ("yse", "yze"), ("ogue", "og")):
        for w in list(found):
            if w.endswith(a):
                found.add(w[: -len(a)] + b)
            elif w.endswith(b):
                found.add(w[: -len(b)] + a)
    return found


def _alternatives(position: str) -> frozenset[str]:
    words: set[str] = set()
    for w in position.split("|"):
        if w:
            words |= spelling_variants(w.lower())
    return frozenset(words)


@dataclass(frozen=True)
class Pattern:
    """One way of expressing a CAMEO event.

    Attributes:
        code: the CAMEO code.
        kind: ``verb`` or ``noun``.
        head: lemmas of the verb (or the event noun).
        particles: verb particles that must be present ("out" in "pull out of").
        objects: for light verbs, lemmas of the object noun ("talks" in "hold talks").
        object_mods: words that must modify the object or noun ("humanitarian" in "humanitarian aid").
        preps: prepositions that introduce the target; empty means the direct object.
        object_kind: ``actor`` / ``thing`` / None: a condition on the direct object.
        symmetric: both actors play the same part.
        text: the pattern as written; where: file and line.
    """

    code: str
    kind: str
    head: frozenset[str]
    particles: tuple[str, ...] = ()
    objects: frozenset[str] = frozenset()
    object_mods: tuple[frozenset[str], ...] = ()
    preps: frozenset[str] = frozenset()
    object_kind: str | None = None
    symmetric: bool = False
    text: str = ""
    where: str = ""

    @property
    def specificity(self) -> int:
        """More matched words = more specific; used to choose between matching patterns."""
        return (1 + len(self.particles) + (1 if self.objects else 0) + len(self.object_mods)
                + (1 if self.preps else 0) + (1 if self.object_kind else 0))

    @property
    def id(self) -> str:
        return f"{self.code}:{self.kind}:{self.text}"


@dataclass
class PatternBook:
    """All patterns, indexed by head lemma, plus the stance rules."""

    verbs: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    symmetric_codes: set[str] = field(default_factory=set)
    stance: dict[str, Any] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def add(self, pattern: Pattern) -> None:
        index = self.verbs if pattern.kind == "verb" else self.nouns
        for lemma in pattern.head:
            index[lemma].append(pattern)

    def remove_code(self, code: str) -> None:
        for index in (self.verbs, self.nouns):
            for lemma in list(index):
                index[lemma] = [p for p in index[lemma] if p.code != code]

    def patterns(self) -> list[Pattern]:
        seen: dict[str, Pattern] = {}
        for index in (self.verbs, self.nouns):
            for plist in index.values():
                for p in plist:
                    seen.setdefault(p.id, p)
        return list(seen.values())

    def stance_words(self, section: str, key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in self.stance.get(section, {}).get(key, []) or [])


def parse_pattern(text: str, code: str, kind: str, *, object_kind: str | None = None,
                  symmetric: bool = False, where: str = "") -> Pattern:
    """Turn ``"sign agreement|deal with"`` into a :class:`Pattern` (see the module docstring)."""
    positions = text.split()
    if not positions:
        raise ValueError("empty pattern")
    preps: frozenset[str] = frozenset()
    last = positions[-1].split("|")
    if len(positions) > 1 and all(w in PREPOSITIONS for w in last):
        preps = frozenset(last)
        positions = positions[:-1]
    if kind == "noun":
        head = _alternatives(positions[-1])
        mods = tuple(_alternatives(p) for p in positions[:-1])
        return Pattern(code, kind, head, object_mods=mods, preps=preps, symmetric=symmetric,
                       text=text, where=where)
    head = _alternatives(positions[0])
    rest = positions[1:]
    particles: list[str] = []
    while rest and rest[0] in PARTICLES:
        particles.append(rest.pop(0))
    objects: frozenset[str] = frozenset()
    mods: tuple[frozenset[str], ...] = ()
    if rest:
        objects = _alternatives(rest[-1])
        mods = tuple(_alternatives(p) for p in rest[:-1])
    return Pattern(code, kind, head, tuple(particles), objects, mods, preps, object_kind,
                   symmetric, text, where)


def _read_patterns(book: PatternBook, path: Path) -> None:
    data = load_yaml(path, with_lines=True)
    if not isinstance(data, dict):
        raise DataFileError(str(path), "expected a mapping of CAMEO codes to pattern blocks",
                            hint='start each block with a quoted code, e.g. "042":')
    keylines = data.get("__keylines__", {})
    for code, block in data.items():
        if code in ("__line__", "__keylines__"):
            continue
        line = keylines.get(code)
        code = str(code)
        if not code.isdigit() or not 2 <= len(code) <= 4:
            raise DataFileError(str(path), f"{code!r} is not a CAMEO code", line=line,
                                hint='quote codes so the leading zero stays: "042"')
        if not isinstance(block, dict):
            raise DataFileError(str(path), f"block {code} must be a mapping with verbs:/nouns:", line=line)
        if block.get("replace"):
            book.remove_code(code)
        symmetric = bool(block.get("symmetric", False))
        if symmetric:
            book.symmetric_codes.add(code)
        for kind in ("verbs", "nouns"):
            items = block.get(kind) or []
            lines = getattr(items, "lines", [])
            for k, item in enumerate(items):
                item_line = lines[k] if k < len(lines) else line
                object_kind = None
                if isinstance(item, dict):
                    item_line = item.get("__line__", line)
                    object_kind = item.get("object")
                    item = item.get("pattern")
                    if object_kind not in (None, "actor", "thing"):
                        raise DataFileError(str(path), f"object: must be actor or thing, not {object_kind!r}",
                                            line=item_line)
                if not isinstance(item, str) or not item.strip():
                    raise DataFileError(str(path), f"a pattern of {code} is empty or not text", line=item_line)
                book.add(parse_pattern(item, code, kind[:-1], object_kind=object_kind,
                                       symmetric=symmetric, where=f"{path.name}:{item_line}"))
    book.files.append(str(path))


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k not in ("__line__", "__keylines__")}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def load(extra: Sequence[str | Path] = ()) -> PatternBook:
    """Load the built-in patterns and stance rules, then each user pattern file in ``extra``.

    A user file has the format of ``patterns.yaml``; its patterns are added to the built-in
    ones, and a block with ``replace: true`` first removes the built-in patterns of that code.

    Raises:
        DataFileError: a file is malformed (the message gives file and line).
    """
    book = PatternBook()
    _read_patterns(book, builtin_path("patterns.yaml"))
    book.stance = _strip_lines(load_yaml(builtin_path("stance.yaml")))
    for path in extra:
        _read_patterns(book, Path(path))
    return book


@functools.lru_cache(maxsize=1)
def default_book() -> PatternBook:
    return load()


def patterns_for(code: str, book: PatternBook | None = None) -> list[Pattern]:
    """Every pattern of a code (or of a root, with a 2-digit code)."""
    book = book or default_book()
    return sorted((p for p in book.patterns() if p.code.startswith(code)), key=lambda p: (p.code, p.kind, p.text))


def iter_codes(book: PatternBook) -> Iterable[str]:
    return sorted({p.code for p in book.patterns()})
