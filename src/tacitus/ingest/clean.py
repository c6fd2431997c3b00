"""Cleaning article text: boilerplate lines out, hard-wrapped lines rejoined, whitespace normalised.

The cleaned text is the article's text for good: every offset tacitus reports points into it
and its hash is the article's id. Quote characters are kept as the article wrote them (they
are evidence); :func:`parse_text` gives the parser a same-length copy with straight quotes.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from tacitus.datafiles import builtin_path, load_yaml
from tacitus.errors import DataFileError

#: Characters that are spaces for cleaning purposes (no-break, thin, zero-width...).
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
#: A line ending like this is unfinished: the next line continues the sentence.
_CONTINUES = re.compile(r"(,|;|:|\b(and|or|but|of|the|a|an|to|in|on|for|with|by|at|from|that|which|who)|[a-z0-9])$")
_ENDS = re.compile(r"[.!?\u2026\"'\u201d\u2019)\]]$")
#: Same-length replacements for the parser (each maps one character to one character).
_PARSE_MAP = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u2013": "-", "\u2014": "-", "\u2212": "-",
})


@functools.lru_cache(maxsize=8)
def _rules(extra: tuple[str, ...] = ()) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for path in (builtin_path("boilerplate.yaml"), *map(Path, extra)):
        data = load_yaml(path, with_lines=True) or {}
        for rule in data.get("rules", []):
            try:
                compiled.append(re.compile(rule["pattern"], re.IGNORECASE))
            except (re.error, KeyError, TypeError) as err:
                raise DataFileError(str(path), f"bad boilerplate rule: {err}", line=rule.get("__line__")
                                    if isinstance(rule, dict) else None) from err
    return tuple(compiled)


def is_boilerplate(line: str) -> bool:
    """True if a whole (stripped) line is page furniture such as a caption or a comment form."""
    return any(r.match(line) for r in _rules())


#: A wire dateline at the start of a paragraph: "ASTANA, Nov 1 (Reuters) - ", "PARIS (AFP) -- ".
DATELINE = re.compile(
    r"(?m)^(?:[A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,3})"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?)?"
    r"(?:\s*\([A-Za-z .]+\))?\s*[-\u2013\u2014]{1,2}\s+")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of wire datelines ("ASTANA, Nov 1 (Reuters) - ") at paragraph starts."""
    return [m.span() for m in DATELINE.finditer(text)]


def parse_text(text: str) -> str:
    """A same-length copy of ``text`` for the parser: straight quotes, plain spaces and dashes,
    and datelines blanked (the parser would take "PARIS, Nov 30 - Tokayev held talks" for one
    noun phrase)."""
    out = text.translate(_PARSE_MAP)
    for start, end in dateline_spans(out):
        out = out[:start] + " " * (end - start) + out[end:]
    return out


def _starts_continuation(line: str) -> bool:
    first = line[:1]
    return first.islower() or first in ",;:)"


def clean(text: str) -> str:
    """Clean an article's text.

    - normalises Unicode (NFC) and line endings, drops zero-width characters;
    - drops boilerplate lines (rules in ``data/boilerplate.yaml``);
    - rejoins a line that does not end a sentence with the next line when that line continues
      it (starts in lower case, or the first ends with a comma, conjunction or article);
    - collapses runs of spaces, trims lines; paragraphs are separated by one blank line and
      there are no other line breaks.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if is_boilerplate(line):
            continue
        if current and not _ENDS.search(current[-1]) and (
                _starts_continuation(line) or _CONTINUES.search(current[-1]) and len(current[-1]) > 60):
            current.append(line)
            continue
        if current:
            # a new line that does not continue the sentence starts a new paragraph
            paragraphs.append(" ".join(current))
            current = []
        current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(p for p in paragraphs if p)
