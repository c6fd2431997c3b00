"""Cleaning article text: boilerplate lines out, hard-wrapped lines rejoined, whitespace normalised.

The cleaned text is the article's text for good: every offset tacitus reports points into it
and its hash is the article's id. Quote characters are kept as the article wrote them (they
are evidence); :func:`parse_text` gives the parser a same-length copy with straight quotes.

Boilerplate rules are data (``tacitus/data/boilerplate.yaml``); users add their own files with
the same format through the ``boilerplate`` argument of :func:`clean` (and of ``read``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from tacitus.datafiles import builtin_path, load_yaml
from tacitus.errors import DataFileError

#: Characters that are spaces for cleaning purposes (tab, no-break, thin, ideographic...).
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
#: Invisible characters dropped outright: zero-width spaces and joiners, byte-order marks,
#: soft hyphens, and C0/C1 control characters other than line breaks and tabs.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
#: Line breaks other than "\n" (form feed, vertical tab, NEL, line separator).
_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028]")
#: The line ends a sentence: final punctuation, then perhaps closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019\u00bb)\]]*$")
#: ...unless that final period belongs to an abbreviation that rarely ends a sentence.
_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Gov|Sen|Rep|Rev|St|Jr|Sr|No|vs|approx|"
    r"[A-Z]\.[A-Z])\.$")
#: The line stops mid-sentence: a comma, semicolon, dash or a word that cannot end one. (Not a
#: colon: a line ending "... commented:" is often followed by a block quote, its own paragraph.)
_UNFINISHED = re.compile(
    r"(?:[,;(\u2013\u2014]|\b(?:and|or|but|nor|of|the|a|an|to|in|on|for|with|by|at|from|into|"
    r"as|than|that|which|who|whom|whose|its|their|his|her|our|is|are|was|were|has|have|had|will|"
    r"would|said|says))$", re.IGNORECASE)
#: The line carries on a sentence: lower-case start, or punctuation that never starts one.
_CONTINUATION = re.compile(r"^(?:[a-z]|[,;:)\]\u2026%])")
#: A list item keeps its own line ("- energy", "• trade", "1. roads").
_BULLET = re.compile(r"^(?:[-\u2013\u2014\u2022\u25aa\u25ba\u00b7*]\s|\d{1,2}[.)]\s)")
#: Hard wrapping is recognised when lines are at most this long (e-mail and wire copy wrap
#: at 60-80 characters) and enough of them reach the wrap width.
_MAX_WRAP_WIDTH = 100
_WRAPPED_SHARE = 0.4

#: Same-length replacements for the parser (each maps one character to one character).
_PARSE_MAP = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u0060": "'", "\u2039": "'", "\u203a": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
    "\u00bb": '"',
    "\u00a0": " ", "\u1680": " ", "\u2000": " ", "\u2001": " ", "\u2002": " ", "\u2003": " ",
    "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2007": " ", "\u2008": " ", "\u2009": " ",
    "\u200a": " ", "\u202f": " ", "\u205f": " ", "\u3000": " ", "\t": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
})

#: A hyphen, or two, with a space on each side: a dash (the BBC's " - ", the wires' " -- ").
_SPACED_DASH = re.compile(r"(?<=\s)--?(?=\s)")

#: Ordinary news sentences that no boilerplate rule may drop; a rule that drops one of them
#: is too broad and is refused when the rules are loaded.
_CANARIES = (
    "The president met the prime minister in the capital on Monday.",
    "Officials said the photo was taken during the visit.",
    "Read more about the agreement in the joint statement, the ministry said.",
    "Follow-up talks are planned for next month",
    "Kazakhstan welcomes Macron under Moscow's disapproving gaze",
)


@functools.lru_cache(maxsize=16)
def _load_rules(paths: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    compiled: list[re.Pattern[str]] = []
    for path in paths:
        data = load_yaml(path, with_lines=True)
        rules = data.get("rules") if isinstance(data, dict) else None
        if not isinstance(rules, list):
            raise DataFileError(path, "expected a top-level 'rules:' list",
                                hint="see the comment at the top of tacitus/data/boilerplate.yaml")
        for rule in rules:
            line = rule.get("__line__") if isinstance(rule, dict) else None
            if not isinstance(rule, dict) or not isinstance(rule.get("pattern"), str):
                raise DataFileError(path, "each rule needs a 'pattern' (a quoted regular expression)", line)
            if not isinstance(rule.get("why"), str) or not rule["why"].strip():
                raise DataFileError(path, f"rule {rule['pattern']!r} needs a 'why' saying what it removes", line)
            try:
                pattern = re.compile(rule["pattern"], re.IGNORECASE)
            except re.error as err:
                raise DataFileError(path, f"bad regular expression {rule['pattern']!r}: {err}", line,
                                    hint="quote the pattern in single quotes and check its brackets") from err
            for canary in _CANARIES:
                if pattern.fullmatch(canary):
                    raise DataFileError(path, f"rule {rule['pattern']!r} would drop an ordinary sentence "
                                              f"({canary!r})", line, hint="make the pattern more specific")
            for example in rule.get("drops") or []:
                if not pattern.fullmatch(str(example).strip()):
                    raise DataFileError(path, f"rule {rule['pattern']!r} does not match its own example "
                                              f"{example!r}", line, hint="fix the pattern or the example")
            compiled.append(pattern)
    return tuple(compiled)


def boilerplate_rules(extra: Sequence[str | Path] = ()) -> tuple[re.Pattern[str], ...]:
    """The compiled boilerplate rules: the built-in file, then the user's files (loaded once).

    Args:
        extra: further YAML files in the format of ``tacitus/data/boilerplate.yaml``.

    Returns:
        The compiled patterns, each to be matched against a whole stripped line.

    Raises:
        DataFileError: a file is missing, is not valid YAML, or holds a bad rule (with its line).
    """
    return _load_rules((str(builtin_path("boilerplate.yaml")), *map(str, extra)))


def is_boilerplate(line: str, extra: Sequence[str | Path] = ()) -> bool:
    """True if a whole line is page furniture such as a photo caption or a comment form.

    Args:
        line: one line of text (surrounding spaces are ignored).
        extra: further rule files, as for :func:`boilerplate_rules`.
    """
    stripped = _SPACES.sub(" ", line).strip()
    return bool(stripped) and any(r.fullmatch(stripped) for r in boilerplate_rules(tuple(extra)))


#: A wire dateline at the start of a paragraph: "ASTANA, Nov 1 (Reuters) - ", "PARIS (AFP) -- ".
DATELINE = re.compile(
    r"(?m)^(?:[A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,3})"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?)?"
    r"(?:\s*\([A-Za-z .]+\))?\s*[-\u2013\u2014]{1,2}\s+")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of wire datelines ("ASTANA, Nov 1 (Reuters) - ") at paragraph starts."""
    return [m.span() for m in DATELINE.finditer(text)]


def parse_text(text: str) -> str:
    """A same-length copy of ``text`` for the parser.

    Curly quotes and apostrophes become straight ones, no-break and other spaces plain
    spaces, dashes within a word hyphens ("2019-2020") and a dash or hyphen set off by spaces
    an em dash (" - " is punctuation, not a hyphen), and wire datelines are blanked (the parser
    would take "PARIS, Nov 30 - Tokayev held talks" for one noun phrase). The ellipsis "…"
    stays one character.
    Offsets into the result are offsets into ``text``.

    Args:
        text: the cleaned article text.

    Returns:
        A string of exactly ``len(text)`` characters.
    """
    out = text.translate(_PARSE_MAP)
    for start, end in dateline_spans(out):
        out = out[:start] + " " * (end - start) + out[end:]
    # a dash set off by spaces is punctuation, not a hyphen: the small model reads "Egypt -
    # which depends on the river - condemned" as "river-condemned" unless it is a dash
    return _SPACED_DASH.sub(lambda m: "\u2014".ljust(len(m.group())), out)


def _ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line)) and not _ABBREVIATION.search(line)


def _wrap_width(lines: list[str]) -> int | None:
    """The width the text was hard-wrapped at, or None if its lines are not hard-wrapped."""
    lengths = [len(line) for line in lines if line]
    if len(lengths) < 3 or max(lengths) > _MAX_WRAP_WIDTH:
        return None
    width = max(lengths)
    near = sum(1 for n in lengths if n >= width - 15)
    return width if near >= _WRAPPED_SHARE * len(lengths) else None


def _joins(previous: str, line: str, width: int | None) -> bool:
    """Does ``line`` carry on the sentence that ``previous`` left unfinished?"""
    if _BULLET.match(line) or _ends_sentence(previous):
        return False
    if _CONTINUATION.match(line) or _UNFINISHED.search(previous):
        return True
    # A capitalised line after one without final punctuation is a new paragraph (a headline,
    # a caption, a list) unless the text is hard-wrapped and its first word would not have
    # fitted on the line before: that is why the writer's editor broke the line there.
    first_word = line.split(" ", 1)[0]
    return width is not None and len(previous) + 1 + len(first_word) > width


def clean(text: str, *, boilerplate: Sequence[str | Path] = ()) -> str:
    """Clean an article's text.

    - normalises Unicode (NFC) and line breaks, drops zero-width and control characters;
    - drops whole lines that a boilerplate rule matches (``data/boilerplate.yaml``);
    - rejoins a line that does not end a sentence with the next line when that line carries
      the sentence on (starts in lower case, or the first ends with a comma, a conjunction,
      an article or a preposition, or the text is hard-wrapped); headlines and list items keep
      their own paragraph;
    - collapses runs of spaces, trims lines; paragraphs are separated by exactly one blank
      line ("\\n\\n") and there are no other line breaks.

    Args:
        text: raw article text.
        boilerplate: further boilerplate rule files (same format as the built-in one).

    Returns:
        The cleaned text (empty if nothing but boilerplate and spaces was given).

    Raises:
        DataFileError: a boilerplate rule file is malformed.
    """
    rules = boilerplate_rules(tuple(boilerplate))
    text = unicodedata.normalize("NFC", text).replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", _BREAKS.sub("\n", text))
    lines = [_SPACES.sub(" ", raw).strip() for raw in text.split("\n")]
    lines = [line for line in lines if not (line and any(r.fullmatch(line) for r in rules))]
    width = _wrap_width(lines)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if current and not _joins(current[-1], line, width):
            paragraphs.append(" ".join(current))
            current = []
        current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def split_parts(text: str, limit: int) -> list[str]:
    """``text`` cut into parts of at most ``limit`` characters that join back into it.

    Each cut falls after the last paragraph break (a blank line, else a line break) before
    the limit; a paragraph longer than the limit is cut after its last full stop and space,
    else its last space, else at the limit.
    """
    parts: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        for sep in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(sep)
            if cut > 0:
                cut += len(sep)
                break
        else:
            cut = limit
        parts.append(text[start:start + cut])
        start += cut
    parts.append(text[start:])
    return parts
