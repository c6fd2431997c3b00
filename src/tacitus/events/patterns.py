"""The event pattern dictionary: loading ``patterns.yaml`` and ``stance.yaml`` into match-ready records.

The file formats are documented at the top of each data file. A pattern comes in one of two
forms:

* the **simple form**, a verb (or noun) lemma followed by plain words, as in
  ``sign agreement|deal with``: :class:`Pattern` with ``head={"sign"}``,
  ``objects={"agreement", "deal"}`` and ``preps={"with"}``; the object must be the verb's
  direct object and the final preposition introduces the target;
* the **general form**, recognised by any of ``* ( ) { } $ + % ^ & _``, which can say more:
  words before the head (``heavily *criticise``), prepositional phrases that must be there
  (``*act (on resolution)``), noun phrases (``*abandon {diplomatic ties}``), where the source
  and the target sit (``+ *receive aid (from $)``), a subject group acting on itself
  (``% *postpone meeting``), word lists (``*contribute &currency``), adjacent words
  (``wire_*tap``). Its elements become :class:`Element` records matched in order around the
  head (see :mod:`tacitus.events.coder`).

A file may also define ``synsets:`` (named word lists used as ``&name``) and ``settings:``
(how its patterns are applied: ``match: forms`` when its words are inflected forms rather than
lemmas, as in dictionaries imported from PETRARCH; ``default_target`` and ``passive_source``
for the argument rules its patterns were written for).
"""

from __future__ import annotations

import functools
import re
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
    "between among near around off along through behind across outside inside beyond amid "
    "alongside within throughout".split()
)
#: Verb particles ("pull out", "crack down", "back down").
PARTICLES = frozenset("up down out off away back over ahead forward together apart in on home".split())
#: Of those, the ones that after a bare verb are its particle, never a preposition: in
#: "shrug off", "brush off", "call off" the object is what is shrugged off.
PARTICLE_ONLY = frozenset({"off"})
#: The code of a pattern that matches but means "no event" (it blocks less specific ones).
NULL_CODE = "---"
#: Characters that mark the general form of a pattern.
GENERAL_MARKS = set("*(){}$+%^&_")
#: A code: 2 to 4 digits (CAMEO, or a code of a user dictionary), or the null code.
CODE_RE = re.compile(r"^(\d{2,4}|---)$")

#: How the arguments of a file's patterns are found, and the defaults of built-in files.
SETTINGS = {
    # "lemma": a word matches a token's lemma or its form; "forms": only its form (imported
    # dictionaries list every inflected form themselves)
    "match": ("lemma", "forms"),
    # with no target slot: "object" = the direct object (or indirect object) and the phrases
    # that complement it; "first_actor" = the first actor after the verb (PETRARCH's rule)
    "default_target": ("object", "first_actor"),
    # a passive with no "by X": "none" = no source; "first_actor" = the first actor after the
    # verb is the source (PETRARCH's rule: "X was criticised over its dispute with Y")
    "passive_source": ("none", "first_actor"),
}
DEFAULT_SETTINGS = {key: values[0] for key, values in SETTINGS.items()}


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


def alternatives(position: str, *, forms: bool = False) -> frozenset[str]:
    words: set[str] = set()
    for w in position.split("|"):
        if w:
            words |= {w.lower()} if forms else spelling_variants(w.lower())
    return frozenset(words)


@dataclass(frozen=True)
class Element:
    """One element of a general-form pattern.

    Attributes:
        kind: ``word`` (a token whose lemma or form is one of ``words``), ``prep`` (a
            prepositional phrase: the preposition is one of ``words``, ``children`` match in
            its object), ``np`` (a noun phrase: the last child is its head noun, the others
            its modifiers), ``source`` / ``target`` (``$`` / ``+``: where that actor is),
            ``group`` (``%``: a group whose members act on each other), ``skip`` (``^``: any
            one word) or ``alt`` (a word list: one of ``options`` must match).
        adjacent: written joined to the element before it with ``_``: the two must touch.
    """

    kind: str
    words: frozenset[str] = frozenset()
    children: tuple[Element, ...] = ()
    options: tuple[tuple[Element, ...], ...] = ()
    adjacent: bool = False

    @property
    def weight(self) -> int:
        """How many words it asks for: what makes one pattern more specific than another."""
        if self.kind == "word":
            return 1
        if self.kind == "prep":
            return 1 + sum(c.weight for c in self.children)
        if self.kind == "np":
            return sum(c.weight for c in self.children)
        if self.kind == "alt":
            return min((sum(e.weight for e in o) for o in self.options), default=0)
        return 1 if self.kind in ("source", "target", "group") else 0

    def slots(self) -> Iterable[str]:
        if self.kind in ("source", "target", "group"):
            yield self.kind
        for c in self.children:
            yield from c.slots()
        for o in self.options:
            for e in o:
                yield from e.slots()


@dataclass(frozen=True)
class Pattern:
    """One way of expressing a CAMEO event.

    Attributes:
        code: the CAMEO code (``---`` for a pattern that blocks: "approve budget" is no event).
        kind: ``verb`` or ``noun``.
        head: lemmas (or forms) of the verb or the event noun.
        particles: verb particles that must be present ("out" in "pull out of").
        objects: for light verbs, lemmas of the object noun ("talks" in "hold talks").
        object_mods: words that must modify the object or noun ("humanitarian" in "humanitarian aid").
        preps: prepositions that introduce the target; empty means the direct object.
        object_kind: ``actor`` / ``body`` / ``person`` / ``state`` / ``thing`` / ``none`` / None: a
            condition on the direct object (``body``: an organisation or bloc, "joined NATO";
            ``person``: people, "beat the prisoners"; ``state``: a state itself, "suspended
            Mali"; ``none``: the verb has none).
        symmetric: both actors play the same part.
        before, after: general form: the elements before and after the head, in text order.
        general: the pattern is in the general form.
        reciprocal: also code the reverse event (target to source) with this code
            ("arrive in" 042 gives the host's 043).
        head_joined: the word before the head touches it ("wire_*tap").
        order: the pattern's rank in the files read (earlier first), the last tie-break.
        settings: how the pattern's file asks for it to be applied (see ``SETTINGS``).
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
    before: tuple[Element, ...] = ()
    after: tuple[Element, ...] = ()
    general: bool = False
    reciprocal: str | None = None
    settings: tuple[tuple[str, str], ...] = ()
    head_joined: bool = False
    order: int = 0

    @property
    def specificity(self) -> int:
        """More matched words = more specific; used to choose between matching patterns."""
        return (1 + len(self.particles) + (1 if self.objects else 0) + len(self.object_mods)
                + (1 if self.preps else 0) + (1 if self.object_kind in ("actor", "body", "person", "state", "thing") else 0)
                + sum(e.weight for e in self.before) + sum(e.weight for e in self.after))

    @property
    def id(self) -> str:
        return f"{self.code}:{self.kind}:{self.text}"

    @property
    def is_null(self) -> bool:
        return self.code == NULL_CODE

    def setting(self, key: str) -> str:
        return dict(self.settings).get(key, DEFAULT_SETTINGS[key])

    def slots(self) -> set[str]:
        return {s for e in (*self.before, *self.after) for s in e.slots()}


@dataclass
class PatternBook:
    """All patterns, indexed by head lemma, plus the stance rules."""

    verbs: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    symmetric_codes: set[str] = field(default_factory=set)
    stance: dict[str, Any] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    count: int = 0

    def add(self, pattern: Pattern) -> None:
        index = self.verbs if pattern.kind == "verb" else self.nouns
        for lemma in pattern.head:
            index[lemma].append(pattern)
        self.count += 1

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


# ---------------------------------------------------------------------------- simple form

def parse_pattern(text: str, code: str, kind: str, *, object_kind: str | None = None,
                  symmetric: bool = False, where: str = "", synsets: dict[str, Element] | None = None,
                  settings: dict[str, str] | None = None, reciprocal: str | None = None) -> Pattern:
    """Turn a pattern string into a :class:`Pattern` (see the module docstring).

    Raises:
        ValueError: the pattern is empty or malformed (the message says where).
    """
    if not text.split():
        raise ValueError("empty pattern")
    settings = dict(settings or {})
    items = tuple(sorted(settings.items()))
    text = _simple_word_lists(text, synsets or {})
    if GENERAL_MARKS & set(text):
        from tacitus.events.general_form import (
            parse_general,  # the reader needs Element and Pattern
        )

        return parse_general(text, code, kind, object_kind=object_kind, symmetric=symmetric,
                             where=where, synsets=synsets or {}, settings=items, reciprocal=reciprocal)
    forms = settings.get("match") == "forms"
    positions = text.split()
    preps: frozenset[str] = frozenset()
    last = positions[-1].split("|")
    if len(positions) > 1 and all(w in PREPOSITIONS for w in last) and \
            not (kind == "verb" and len(positions) == 2 and set(last) <= PARTICLE_ONLY):
        preps = frozenset(last)
        positions = positions[:-1]
    if kind == "noun":
        head = alternatives(positions[-1], forms=forms)
        mods = tuple(alternatives(p, forms=forms) for p in positions[:-1])
        return Pattern(code, kind, head, object_mods=mods, preps=preps, symmetric=symmetric,
                       text=text, where=where, reciprocal=reciprocal, settings=items)
    head = alternatives(positions[0], forms=forms)
    rest = positions[1:]
    particles: list[str] = []
    while rest and rest[0] in PARTICLES:
        particles.append(rest.pop(0))
    objects: frozenset[str] = frozenset()
    mods: tuple[frozenset[str], ...] = ()
    if rest:
        objects = alternatives(rest[-1], forms=forms)
        mods = tuple(alternatives(p, forms=forms) for p in rest[:-1])
    return Pattern(code, kind, head, tuple(particles), objects, mods, preps, object_kind,
                   symmetric, text, where, reciprocal=reciprocal, settings=items)


def _simple_word_lists(text: str, synsets: dict[str, Element]) -> str:
    """A simple-form pattern may name a word list of single words in any position
    ("supply|sell &arms to", "&arms supply|delivery to"): it stands for its words, so one list
    of a file serves every pattern that needs it. A pattern in the general form, or one naming
    a list of phrases, keeps its ``&`` and is read as the general form."""
    if "&" not in text or (GENERAL_MARKS - {"&"}) & set(text):
        return text
    out = []
    for position in text.split():
        words = []
        for alt in position.split("|"):
            if not alt.startswith("&"):
                words.append(alt)
                continue
            found = synsets.get(alt[1:].lower())
            if found is None or found.kind != "word":
                return text  # unknown or of phrases: the general form's reader says so, or reads it
            words.extend(sorted(found.words))
        out.append("|".join(words))
    return " ".join(out)


# ---------------------------------------------------------------------------- general form

# ---------------------------------------------------------------------------- files

def _settings(data: dict, path: Path, line: int | None) -> dict[str, str]:
    raw = data.get("settings") or {}
    if not isinstance(raw, dict):
        raise DataFileError(str(path), "settings: must be a mapping", line=line)
    out: dict[str, str] = {}
    for key, value in raw.items():
        if key in ("__line__", "__keylines__"):
            continue
        if key not in SETTINGS:
            raise DataFileError(str(path), f"unknown setting {key!r}", line=raw.get("__line__", line),
                                hint="settings are " + ", ".join(SETTINGS))
        if value not in SETTINGS[key]:
            raise DataFileError(str(path), f"{key}: must be one of {', '.join(SETTINGS[key])}, not {value!r}",
                                line=raw.get("__line__", line))
        out[key] = value
    return out


def _synsets(data: dict, path: Path, forms: bool) -> dict[str, Element]:
    raw = data.get("synsets") or {}
    if not isinstance(raw, dict):
        raise DataFileError(str(path), "synsets: must map names to lists of words", line=data.get("__line__"))
    from tacitus.events.general_form import parse_synset  # the reader needs Element and Pattern

    out: dict[str, Element] = {}
    lines = raw.get("__keylines__", {})
    for name, members in raw.items():
        if name in ("__line__", "__keylines__"):
            continue
        if "_" in str(name):
            raise DataFileError(str(path), f"synset name {name!r}: no \"_\" in a name",
                                line=lines.get(name), hint='"_" joins adjacent words in a pattern, so &a_b reads as &a then b')
        if isinstance(members, str):
            members = [members]
        if not isinstance(members, list) or not members:
            raise DataFileError(str(path), f"synset {name!r} must be a list of words or phrases",
                                line=lines.get(name))
        try:
            out[str(name).lower()] = parse_synset(str(name), [str(m) for m in members], out, forms)
        except ValueError as err:
            raise DataFileError(str(path), f"synset {name!r}: {err}", line=lines.get(name)) from err
    return out


def _read_patterns(book: PatternBook, path: Path, *, builtin: bool = False) -> None:
    data = load_yaml(path, with_lines=True)
    if not isinstance(data, dict):
        raise DataFileError(str(path), "expected a mapping of CAMEO codes to pattern blocks",
                            hint='start each block with a quoted code, e.g. "042":')
    keylines = data.get("__keylines__", {})
    settings = _settings(data, path, keylines.get("settings"))
    synsets = _synsets(data, path, settings.get("match") == "forms")
    for code, block in data.items():
        if code in ("__line__", "__keylines__", "settings", "synsets"):
            continue
        line = keylines.get(code)
        code = str(code)
        if not CODE_RE.match(code) or (builtin and code != NULL_CODE and not code.isdigit()):
            raise DataFileError(str(path), f"{code!r} is not a CAMEO code", line=line,
                                hint='quote codes so the leading zero stays: "042"; "---" blocks an event')
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
                reciprocal = None
                if isinstance(item, dict):
                    item_line = item.get("__line__", line)
                    object_kind = item.get("object")
                    reciprocal = item.get("reciprocal")
                    item = item.get("pattern")
                    if object_kind not in (None, "actor", "body", "person", "state", "thing", "none"):
                        raise DataFileError(str(path), "object: must be actor, body, person, state, thing or none, "
                                                       f"not {object_kind!r}",
                                            line=item_line)
                    if reciprocal is not None and not CODE_RE.match(str(reciprocal)):
                        raise DataFileError(str(path), f"reciprocal: {reciprocal!r} is not a code", line=item_line)
                if not isinstance(item, str) or not item.strip():
                    raise DataFileError(str(path), f"a pattern of {code} is empty or not text", line=item_line)
                try:
                    pattern = parse_pattern(item, code, kind[:-1], object_kind=object_kind,
                                            symmetric=symmetric, where=f"{path.name}:{item_line}",
                                            synsets=synsets, settings=settings,
                                            reciprocal=str(reciprocal) if reciprocal is not None else None)
                except ValueError as err:
                    raise DataFileError(str(path), f"pattern {item!r} of {code}: {err}", line=item_line,
                                        hint="see the syntax at the top of tacitus/data/patterns.yaml") from err
                book.add(_ordered(pattern, book.count))
    book.files.append(str(path))


def _ordered(p: Pattern, order: int) -> Pattern:
    from dataclasses import replace

    return replace(p, order=order)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k not in ("__line__", "__keylines__")}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def load_stance(extra: Sequence[str | Path] = ()) -> dict[str, Any]:
    """The built-in stance rules, with each section of each file in ``extra`` replacing the
    built-in section of the same name (a key present in a user section replaces that key)."""
    stance = _strip_lines(load_yaml(builtin_path("stance.yaml")))
    for path in extra:
        data = _strip_lines(load_yaml(path))
        if not isinstance(data, dict):
            raise DataFileError(str(path), "expected a mapping of stance sections (intent:, negation: ...)",
                                hint="see tacitus/data/stance.yaml")
        for section, values in data.items():
            if section not in stance:
                raise DataFileError(str(path), f"unknown stance section {section!r}",
                                    hint="sections: " + ", ".join(stance))
            if not isinstance(values, dict):
                raise DataFileError(str(path), f"{section}: must be a mapping")
            stance[section] = {**stance[section], **values}
    return stance


def load(extra: Sequence[str | Path] = (), *, builtin: bool = True,
         stance: Sequence[str | Path] = ()) -> PatternBook:
    """Load the built-in patterns and stance rules, then each user pattern file in ``extra``.

    A user file has the format of ``patterns.yaml``; its patterns are added to the built-in
    ones, and a block with ``replace: true`` first removes the built-in patterns of that code.

    Args:
        extra: user pattern files.
        builtin: load the built-in patterns first (False: only ``extra``, as when coding with
            a dictionary imported from another coder).
        stance: user stance files laid over the built-in ``stance.yaml``.

    Raises:
        DataFileError: a file is malformed (the message gives file and line).
    """
    book = PatternBook()
    if builtin:
        _read_patterns(book, builtin_path("patterns.yaml"), builtin=True)
    book.stance = load_stance(stance)
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
