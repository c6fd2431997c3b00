"""Discards: phrases that mark a sentence, or a whole story, as not about political events.

Sports results, weather and the like use the words of conflict ("Italy beat France", "the
storm hit Manila"). A sentence containing a ``sentence`` phrase is not coded; an article
containing a ``story`` phrase is not coded at all (the run reports why). The built-in list is
``data/discards.yaml``; ``--discards FILE`` adds to it (same format), and dictionaries imported
from PETRARCH bring their own.

A phrase matches at the start of a word, case-insensitively ("typhoon" also matches
"typhoons"); a trailing ``_`` makes it end at a word end too ("ball_" is not "ballot").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tacitus.datafiles import builtin_path, load_yaml
from tacitus.errors import DataFileError

SCOPES = ("sentence", "story")


@dataclass
class Discards:
    """The discard phrases of both scopes, compiled."""

    phrases: dict[str, list[str]] = field(default_factory=lambda: {s: [] for s in SCOPES})
    _patterns: dict[str, re.Pattern[str] | None] = field(default_factory=dict)

    @classmethod
    def load(cls, extra: Sequence[str | Path] = (), *, builtin: bool = True) -> Discards:
        """The built-in discards (unless ``builtin`` is False) and each file of ``extra``.

        Raises:
            DataFileError: a file is not a mapping of ``sentence:``/``story:`` to phrase lists.
        """
        d = cls()
        if builtin:
            d.add_file(builtin_path("discards.yaml"))
        for path in extra:
            d.add_file(Path(path))
        return d

    def add_file(self, path: Path) -> None:
        data = load_yaml(path)
        if data is None:
            return
        if not isinstance(data, dict) or set(data) - set(SCOPES):
            raise DataFileError(str(path), "expected a mapping with sentence: and/or story: lists of phrases",
                                hint="see tacitus/data/discards.yaml")
        for scope in SCOPES:
            for phrase in data.get(scope) or []:
                if not isinstance(phrase, str) or not phrase.strip():
                    raise DataFileError(str(path), f"{scope}: every phrase must be non-empty text")
                self.phrases[scope].append(phrase.strip())
        self._patterns = {}

    def _regex(self, scope: str) -> re.Pattern[str] | None:
        if scope not in self._patterns:
            parts = []
            for p in self.phrases[scope]:
                exact = p.endswith("_")
                words = p.rstrip("_").replace("_", " ").split()
                body = r"\s+".join(re.escape(w) for w in words)
                parts.append(body + (r"(?!\w)" if exact else ""))
            # the word start is tested once per position, before the phrases (the same matches
            # as a test in each phrase, about six times faster on news sentences)
            self._patterns[scope] = re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.IGNORECASE) \
                if parts else None
        return self._patterns[scope]

    def verdict(self, text: str) -> tuple[str, str] | None:
        """("story" or "sentence", the phrase found) if ``text`` is to be discarded, else None.

        A story phrase wins over a sentence phrase: "story" means the whole article goes.
        """
        for scope in ("story", "sentence"):
            regex = self._regex(scope)
            if regex is not None:
                m = regex.search(text)
                if m is not None:
                    return scope, m.group(0)
        return None
