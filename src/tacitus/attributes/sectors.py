"""Sectors of cooperation: which fields an agreement or cooperation event is about.

The taxonomy and its signal words are data (``data/sectors.yaml``). A sentence is scanned word
by word for the longest phrase starting at each word (a final plural "s" allowed), so
"renewable energy" is renewables, not energy, and "renewable hydrogen production" is hydrogen.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tacitus.datafiles import builtin_path, load_yaml
from tacitus.errors import DataFileError

#: CAMEO roots of agreement and cooperation, whose events get sectors: intent to cooperate,
#: diplomatic cooperation and agreements, material cooperation, aid. Meetings (04) do not: a
#: sentence about a visit names the trip's context more often than what was agreed.
COOPERATION_ROOTS = frozenset({"03", "05", "06", "07"})


@dataclass(frozen=True)
class Sector:
    id: str
    label: str
    parent: str | None
    phrases: tuple[tuple[str, ...], ...]


@functools.lru_cache(maxsize=4)
def load(extra: tuple[str, ...] = ()) -> dict[tuple[str, ...], str]:
    """Phrase (tuple of lowercase words) -> sector id, from the built-in file and ``extra``."""
    index: dict[tuple[str, ...], str] = {}
    for path in (builtin_path("sectors.yaml"), *map(Path, extra)):
        data = load_yaml(path, with_lines=True) or {}
        lines = data.get("__keylines__", {})
        for sector, entry in data.items():
            if sector in ("__line__", "__keylines__"):
                continue
            if not isinstance(entry, dict) or not entry.get("words"):
                raise DataFileError(str(path), f"sector {sector!r} needs a list of words:", line=lines.get(sector))
            for phrase in entry["words"]:
                index[tuple(str(phrase).lower().split())] = str(sector)
    return index


def labels() -> dict[str, str]:
    data = load_yaml(builtin_path("sectors.yaml"))
    return {k: v["label"] for k, v in data.items()}


def find_sectors(words: Sequence[str], extra: tuple[str, ...] = ()) -> list[str]:
    """Sector ids named in a sequence of words, in order of first mention."""
    index = load(extra)
    longest = max((len(p) for p in index), default=1)
    lower = [w.lower() for w in words]
    found: list[str] = []
    i = 0
    while i < len(lower):
        hit = None
        for n in range(min(longest, len(lower) - i), 0, -1):
            gram = lower[i:i + n]
            key = tuple(gram)
            if key not in index and gram[-1].endswith("s"):
                key = (*gram[:-1], gram[-1][:-1])
            if key in index:
                hit = (n, index[key])
                break
        if hit:
            if hit[1] not in found:
                found.append(hit[1])
            i += hit[0]
        else:
            i += 1
    return found


def sectors_of_sentence(tokens: Iterable) -> list[str]:  # noqa: ANN001 - spaCy tokens
    return find_sectors([t.text for t in tokens if not t.is_punct])
