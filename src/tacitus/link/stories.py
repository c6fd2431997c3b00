"""Story clusters and disagreements between sources.

A **story** is a set of articles joined by what they share: an event (two articles reporting
the same merged event are about the same story), or at least ``STORY_MIN_SHARED_DYADS`` dyads
within ``STORY_WINDOW_DAYS`` of each other. Stories only ever grow or join, so they can be
kept up to date one article at a time.

A **disagreement** is a figure or a date that sources give differently for the same event:

* dates: mentions of one merged event whose text gives different days;
* figures: money and percentages of the same kind, unit and measure ("trade", "USD") that
  articles reporting the same event give for it, paired across articles by closest value
  (each the other's closest, within ``FIGURE_MATCH_MAX``). A figure belongs to an event when
  its sentence is a mention of it; a figure in a sentence with no event ("Mutual trade grew
  to $4 billion last year, Tokayev said") belongs to the article's most reported event whose
  parties the sentence names.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

#: Articles whose dates are at most this far apart may form a story through shared dyads:
#: a visit, the talks and the reactions to them are reported within a few days.
STORY_WINDOW_DAYS = 3
#: Shared dyads (unordered pairs of actors with an event) that make two articles one story
#: without a shared event. One shared dyad is too little: every article about France and
#: Russia would be one story. Two (France-Kazakhstan and Kazakhstan-Russia, say) tie the
#: coverage of one visit together in the examples without joining unrelated news.
STORY_MIN_SHARED_DYADS = 2
#: Two figures are the same claim told differently when they differ by at most this fraction
#: of the larger ($4 billion / $4.5 billion: 0.11). Past it they are different quantities
#: (this year's and last year's trade) that happen to share a measure.
FIGURE_MATCH_MAX = 0.35
#: Figures closer than this fraction are the same value, rounded ("about $18.7 billion").
FIGURE_SAME = 0.01


def figure_disagreements(claims: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Groups of claims about one quantity that do not all give the same value.

    Args:
        claims: figure claims, each with ``event_id``, ``article_id``, ``kind``, ``unit``,
            ``measure``, ``change`` and ``value``.

    Returns:
        One list of claims per disagreement (two values or more, from two articles or more).
    """
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for c in claims:
        if c.get("measure") and c.get("value") is not None:
            groups[(c["event_id"], c["kind"], c["unit"], c["measure"], c.get("change"))].append(c)
    found: list[list[dict]] = []
    for items in groups.values():
        parent = list(range(len(items)))
        root = functools.partial(_root, parent)
        by_article: dict[str, list[int]] = defaultdict(list)
        for i, c in enumerate(items):
            by_article[c["article_id"]].append(i)
        articles = sorted(by_article)
        for x, a in enumerate(articles):
            for b in articles[x + 1:]:
                for i in by_article[a]:
                    j = min(by_article[b], key=lambda k: _diff(items[i]["value"], items[k]["value"]))
                    back = min(by_article[a], key=lambda k: _diff(items[j]["value"], items[k]["value"]))
                    if back == i and _diff(items[i]["value"], items[j]["value"]) <= FIGURE_MATCH_MAX:
                        parent[root(i)] = root(j)
        clusters: dict[int, list[dict]] = defaultdict(list)
        for i, c in enumerate(items):
            clusters[root(i)].append(c)
        for members in clusters.values():
            if len({m["article_id"] for m in members}) < 2:
                continue
            values = sorted(m["value"] for m in members)
            if _diff(values[0], values[-1]) > FIGURE_SAME:
                found.append(sorted(members, key=lambda m: (m["value"], m["article_id"])))
    return found


def _root(parent: list[int], i: int) -> int:
    """Union-find: the representative of ``i``, halving paths on the way."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _diff(a: float, b: float) -> float:
    big = max(abs(a), abs(b))
    return abs(a - b) / big if big else 0.0
