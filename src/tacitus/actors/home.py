"""The home state of a news outlet: whose institutions it names without naming the state.

A British paper writes "the government" and "the foreign secretary" for Britain's; an
article's first mention of one, before any state is named, is its outlet's home state's
(:meth:`tacitus.actors.coref.Coreference.resolve`). The outlets and their states are data
(``data/outlets.yaml``); ``Options.home`` names the state directly.
"""

from __future__ import annotations

import functools
import re

from tacitus.datafiles import builtin_path, load_yaml


@functools.cache
def _outlets() -> tuple[tuple[re.Pattern[str], str], ...]:
    data = load_yaml(builtin_path("outlets.yaml")) or {}
    entries = sorted(((str(k), str(v).upper()) for k, v in (data.get("outlets") or {}).items()),
                     key=lambda kv: -len(kv[0]))  # the longest name first: "ABC News Australia"
    return tuple((re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE), state) for name, state in entries)


def home_state(publisher: str | None, home: str | None = None) -> str | None:
    """The home state (ISO alpha-3) of an article: ``home`` when given, else that of the
    outlet ``publisher`` names (``data/outlets.yaml``), else None (a wire service, an outlet
    written for the world, or one not listed)."""
    if home:
        return home.strip().upper() or None
    if not publisher:
        return None
    return next((state for rx, state in _outlets() if rx.search(publisher)), None)
