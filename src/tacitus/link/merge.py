"""Merging event mentions into real-world events, one article at a time.

Two mentions report the same event when

1. they share the dyad: the same source and target (by country, or IGO code), either way round
   when either code is symmetric (meetings, agreements, cooperation: the coder's symmetric codes);
2. they share the CAMEO root (``04``: a visit and talks during it can be one event);
3. their dates are compatible: the same day give or take ``DATE_SLACK_DAYS``, or overlapping
   periods when one is coarser ("last week", "in November"); an undated mention only joins
   an event of its own article;
4. their places do not contradict each other (both known, in different countries);
5. their sentences agree on what happened (:mod:`tacitus.link.agreement`).

A new mention joins the best-agreeing existing event that passes all five, or starts a new one.
Events never merge with each other afterwards, so linking is incremental and order-stable: an
article is linked once (its mentions are stored), and linking it again changes nothing.
"""

from __future__ import annotations

import calendar
import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from tacitus.link import agreement

#: Day-precision dates this many days apart may still be one event: outlets in other time
#: zones, a wire dated the day before its print rewrite, "on Wednesday" read against a
#: publication date a day late. Two text dates that differ are reported as a disagreement.
#: One day, because in the examples and rewrites every same-event pair was within a day and
#: repeated acts of the same dyad (daily shelling, successive rounds of talks) are a day apart
#: at the least; a two-day slack would merge those.
DATE_SLACK_DAYS = 1


@dataclass
class Mention:
    """A coded event mention as the link stage reads it (one row of the ``events`` table)."""

    mention_id: str
    article_id: str
    sentence_index: int
    sentence: str
    cameo: str
    source: dict | None
    target: dict | None
    date: date | None
    date_precision: str | None
    date_source: str | None
    confidence: float
    symmetric: bool
    published: date | None = None
    publisher: str | None = None
    url: str | None = None
    article_path: str | None = None
    span: tuple[int, int] = (0, 0)
    trigger: str | None = None
    location: dict | None = None
    cameo_name: str = ""
    plover: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    event_id: int | None = None
    agreement: float | None = None
    _stems: set[str] | None = field(default=None, repr=False)

    @functools.cached_property
    def source_key(self) -> str:
        return _key(self.source)

    @functools.cached_property
    def target_key(self) -> str:
        return _key(self.target)

    @functools.cached_property
    def pair_key(self) -> str:
        """The unordered dyad: what candidate events are looked up by."""
        return "|".join(sorted((self.source_key, self.target_key)))

    @property
    def root(self) -> str:
        return self.cameo[:2]

    def stems(self) -> set[str]:
        if self._stems is None:
            names = [a.get(k) or "" for a in (self.source, self.target) if a for k in ("text", "name")]
            self._stems = agreement.content_stems(self.sentence, self.trigger, names)
        return self._stems

    @classmethod
    def from_event(cls, e: dict[str, Any], symmetric_codes: set[str]) -> Mention:
        """From a stored event dict (``Store.events``)."""
        return cls(
            mention_id=e["event_id"], article_id=e["article_id"], sentence_index=e["sentence_index"],
            sentence=e["sentence"], cameo=e["cameo"], source=e.get("source"), target=e.get("target"),
            date=_as_date(e.get("date")), date_precision=e.get("date_precision"),
            date_source=e.get("date_source"), confidence=float(e.get("confidence") or 0.0),
            symmetric=is_symmetric(e["cameo"], symmetric_codes), published=_as_date(e.get("published")),
            publisher=e.get("publisher"), url=e.get("url"), article_path=e.get("article_path"),
            span=(e["span"][0], e["span"][1]), trigger=e.get("trigger"), location=e.get("location"),
            cameo_name=e.get("cameo_name") or "", plover=e.get("plover"), quad_class=e.get("quad_class"),
            goldstein=e.get("goldstein"))


def _key(actor: dict | None) -> str:
    if not actor:
        return ""
    return actor.get("country") or actor.get("code") or ""


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def is_symmetric(cameo: str, symmetric_codes: set[str]) -> bool:
    return cameo in symmetric_codes or cameo[:3] in symmetric_codes


def interval(when: date, precision: str | None) -> tuple[date, date]:
    """The days a date of this precision may stand for."""
    if precision == "week":
        start = when - timedelta(days=when.weekday())
        return start, start + timedelta(days=6)
    if precision == "month":
        return when.replace(day=1), when.replace(day=calendar.monthrange(when.year, when.month)[1])
    if precision == "year":
        return date(when.year, 1, 1), date(when.year, 12, 31)
    return when, when


def dates_compatible(a: Mention, b: Mention) -> bool:
    """Same day (give or take the slack), or overlapping periods; undated: the same article only."""
    if a.date is None or b.date is None:
        return a.date is None and b.date is None and a.article_id == b.article_id
    a0, a1 = interval(a.date, a.date_precision)
    b0, b1 = interval(b.date, b.date_precision)
    slack = timedelta(days=DATE_SLACK_DAYS)
    return a0 - slack <= b1 and b0 - slack <= a1


def places_compatible(a: Mention, b: Mention) -> bool:
    """Places contradict only when both are known and in different countries."""
    ca = (a.location or {}).get("country")
    cb = (b.location or {}).get("country")
    return not (ca and cb and ca != cb)


def same_dyad(a: Mention, b: Mention) -> bool:
    if (a.source_key, a.target_key) == (b.source_key, b.target_key):
        return True
    return (a.symmetric or b.symmetric) and a.pair_key == b.pair_key


def could_merge(a: Mention, b: Mention) -> bool:
    """Tests 1-4 (everything but the sentences).

    Two events the coder read in one sentence under different codes ("praised ... and signed")
    are two acts, however alike their (identical) sentences.
    """
    return not one_sentence_apart(a, b) and compatible(a, b)


def one_sentence_apart(a: Mention, b: Mention) -> bool:
    """Read in the same sentence under different 3-digit codes: two acts."""
    return a.article_id == b.article_id and a.sentence_index == b.sentence_index and a.cameo[:3] != b.cameo[:3]


def compatible(a: Mention, b: Mention) -> bool:
    """Tests 1-4 but for the same-sentence rule: dyad, root, dates, places."""
    return a.root == b.root and same_dyad(a, b) and dates_compatible(a, b) and places_compatible(a, b)


def signature(m: Mention) -> tuple:
    """Everything tests 1-5 read of a mention but its sentence's place in the article.

    Mentions with one signature (a paragraph an article repeats, a wire text pasted twice)
    compare alike with any other mention, so the merger compares one of them, not each:
    otherwise a long repetitive text costs the square of its length.
    """
    names = tuple((a or {}).get(k) for a in (m.source, m.target) for k in ("text", "name"))
    return (m.article_id, m.cameo, m.source_key, m.target_key, m.symmetric, m.date, m.date_precision,
            (m.location or {}).get("country"), m.sentence, m.trigger, names)


def key_of(m: Mention) -> tuple[str, str]:
    """The dyad and root: mentions with different keys never merge (tests 1 and 2)."""
    return m.pair_key, m.root


@dataclass
class Cluster:
    """A merged event being built: its id and its mentions (stored ones and new ones)."""

    event_id: int
    mentions: list[Mention]
    new: bool = False
    _span: tuple[int, tuple[date, date] | None] = (0, None)
    #: signature -> (a mention with it, how many of them are in each (article, sentence))
    _distinct: dict[tuple, tuple[Mention, Counter]] = field(default_factory=dict, repr=False)
    _indexed: int = 0

    def distinct(self) -> Iterable[tuple[Mention, Counter]]:
        """One mention per signature, with where its like stand (kept up to date as mentions are added)."""
        for m in self.mentions[self._indexed:]:
            _, where = self._distinct.setdefault(signature(m), (m, Counter()))
            where[(m.article_id, m.sentence_index)] += 1
        self._indexed = len(self.mentions)
        return self._distinct.values()

    def span(self) -> tuple[date, date] | None:
        """The days its dated mentions may stand for (cached until a mention is added)."""
        if self._span[0] != len(self.mentions):
            days = [interval(m.date, m.date_precision) for m in self.mentions if m.date is not None]
            self._span = (len(self.mentions), (min(d[0] for d in days), max(d[1] for d in days)) if days else None)
        return self._span[1]


VectorLookup = Callable[[Sequence[str]], dict[str, Any]]  # sentence key -> unit vector


class Merger:
    """Assigns an article's mentions to existing or new events.

    Args:
        vectors: gives the embedding of sentences (by :func:`agreement.sentence_key`),
            encoding and caching the missing ones; called once per article, with every
            sentence whose pairs the lexical test could not settle.
    """

    def __init__(self, vectors: VectorLookup) -> None:
        self.vectors = vectors

    def assign(self, mentions: list[Mention], candidates: list[Cluster], next_id: Callable[[], int]) -> list[Cluster]:
        """Give each mention an ``event_id``; returns the clusters touched (new ones included)."""
        # clusters by dyad and root, in the order given: a mention only ever joins its own key's
        clusters: dict[tuple[str, str], list[Cluster]] = defaultdict(list)
        for c in candidates:
            if c.mentions:
                clusters[key_of(c.mentions[0])].append(c)
        distinct: dict[tuple[str, str], dict[tuple, Mention]] = defaultdict(dict)
        for m in mentions:
            distinct[key_of(m)].setdefault(signature(m), m)
        # pairs that need the model: everything the lexical test does not settle (a superset:
        # the same-sentence rule is left to the merging itself)
        unsure: set[str] = set()
        for key, group in distinct.items():
            stored = [rep for c in clusters.get(key, ()) for rep, _ in c.distinct()]
            for m in group.values():
                for other in (*stored, *group.values()):
                    if compatible(m, other) and not self._lexically_sure(m, other):
                        unsure.update((m.sentence, other.sentence))
        vecs = self.vectors(sorted(unsure)) if unsure else {}
        touched: dict[int, Cluster] = {}
        for m in sorted(mentions, key=lambda x: (x.sentence_index, x.mention_id)):
            best, best_score = None, 0.0
            same_key = clusters[key_of(m)]
            for c in same_key:
                score = self._agreement(m, c, vecs)
                if score is not None and score > best_score:
                    best, best_score = c, score
            if best is None:
                best = Cluster(next_id(), [], new=True)
                same_key.append(best)
                best_score = 1.0
            m.event_id, m.agreement = best.event_id, round(best_score, 3)
            best.mentions.append(m)
            touched[best.event_id] = best
        return list(touched.values())

    @staticmethod
    def _lexically_sure(a: Mention, b: Mention) -> bool:
        return lexically_sure(a, b)

    def _agreement(self, m: Mention, cluster: Cluster, vecs: dict[str, Any]) -> float | None:
        """How well the mention agrees with the cluster's best-matching mention, or None."""
        best: float | None = None
        here = (m.article_id, m.sentence_index)
        for other, where in cluster.distinct():
            if (len(where) == 1 and here in where and m.cameo[:3] != other.cameo[:3]) or not compatible(m, other):
                continue  # every mention like ``other`` is in m's sentence under another code, or tests 1-4 fail
            score = sentences_agree(m, other, vecs)
            if score is not None and (best is None or score > best):
                best = score
        return best


def lexically_sure(a: Mention, b: Mention) -> bool:
    """Same 3-digit code and most content words shared: no need to ask the model."""
    return a.cameo[:3] == b.cameo[:3] and agreement.lexical(a.stems(), b.stems()) >= agreement.LEXICAL_SURE


def sentences_agree(a: Mention, b: Mention, vecs: dict[str, Any]) -> float | None:
    """Test 5: how strongly the two sentences tell the same act, or None when they do not.

    Lexically sure pairs score above 1 (beating any cosine); the others score their cosine,
    which must reach ``EMBEDDING_MIN`` (same 3-digit code) or ``EMBEDDING_MIN_OTHER_CODE``.
    A pair whose vectors are missing (the model was not asked) does not agree.
    """
    if lexically_sure(a, b):
        return 1.0 + agreement.lexical(a.stems(), b.stems())
    va, vb = vecs.get(agreement.sentence_key(a.sentence)), vecs.get(agreement.sentence_key(b.sentence))
    if va is None or vb is None:
        return None
    score = agreement.cosine(va, vb)
    needed = agreement.EMBEDDING_MIN if a.cameo[:3] == b.cameo[:3] else agreement.EMBEDDING_MIN_OTHER_CODE
    return score if score >= needed else None


def summarise(event_id: int, mentions: Sequence[Mention], sources: Callable[[Mention], str]) -> dict[str, Any]:
    """The merged event row: what its mentions say, the most frequent and most specific first.

    Args:
        sources: the source (outlet) of a mention, for ``num_sources``.
    """
    codes = Counter(m.cameo for m in mentions)
    best_code = max(codes, key=lambda c: (codes[c], len(c), sum(m.confidence for m in mentions if m.cameo == c)))
    rep = max((m for m in mentions if m.cameo == best_code),
              key=lambda m: (m.confidence, -(m.published or date.max).toordinal(), -m.sentence_index))
    dated = [m for m in mentions if m.date is not None]
    when, precision = None, None
    if dated:
        rank = {"day": 0, "week": 1, "month": 2, "year": 3}
        told = [m for m in dated if m.date_source in ("text", "context")] or dated
        finest = min(rank.get(m.date_precision or "day", 0) for m in told)
        told = [m for m in told if rank.get(m.date_precision or "day", 0) == finest]
        counts = Counter(m.date for m in told)
        when = min(counts, key=lambda d: (-counts[d], d))
        precision = next(m.date_precision for m in told if m.date == when)
    places = Counter((m.location or {}).get("name") for m in mentions if m.location)
    loc = None
    if places:
        name = min(places, key=lambda n: (-places[n], n))
        loc = next(m.location for m in mentions if m.location and m.location.get("name") == name)
    seen = [m.published or m.date for m in mentions if (m.published or m.date)]
    confidence = 1.0
    for m in mentions:
        confidence *= 1.0 - min(m.confidence, 0.99)
    src, tgt = rep.source or {}, rep.target or {}
    return {
        "event_id": event_id, "date": when, "date_precision": precision, "pair_key": rep.pair_key,
        "source_key": rep.source_key, "target_key": rep.target_key,
        "symmetric": any(m.symmetric for m in mentions if m.cameo == best_code),
        "source_code": src.get("code"), "source_name": src.get("name"), "source_country": src.get("country"),
        "source_role": src.get("role"), "target_code": tgt.get("code"), "target_name": tgt.get("name"),
        "target_country": tgt.get("country"), "target_role": tgt.get("role"),
        "cameo": best_code, "cameo_root": best_code[:2], "cameo_name": rep.cameo_name, "plover": rep.plover,
        "quad_class": rep.quad_class, "goldstein": rep.goldstein,
        "location_name": (loc or {}).get("name"), "location_country": (loc or {}).get("country"),
        "location_lat": (loc or {}).get("lat"), "location_lon": (loc or {}).get("lon"),
        "num_mentions": len(mentions), "num_articles": len({m.article_id for m in mentions}),
        "num_sources": len({sources(m) for m in mentions}),
        "first_seen": min(seen) if seen else None, "last_seen": max(seen) if seen else None,
        "sentence": rep.sentence, "url": rep.url or rep.article_path,
        "confidence": round(min(1.0 - confidence, 0.999), 3),
    }


def source_of(m: Mention) -> str:
    """An outlet's name; without one, the URL's host; without that, the article itself."""
    if m.publisher:
        return m.publisher.strip().lower()
    if m.url and "//" in m.url:
        return m.url.split("//", 1)[1].split("/", 1)[0].lower()
    return f"article:{m.article_id}"


def flatten_pairs(mentions: Iterable[Mention]) -> set[tuple[str, str]]:
    """The (pair_key, root) lookups that find an article's candidate events."""
    return {(m.pair_key, m.root) for m in mentions}
