"""Typed records that flow one way through the pipeline.

    ingest      -> Article            (cleaned text, metadata, stable id)
    nlp         -> spaCy Doc          (sentences, parse)
    actors      -> Mention            (a span of the Doc resolved to one or more Actor)
    events      -> Event              (CAMEO code, source, target, evidence)
    attributes  -> Event              (date, location filled in)
    store/export

Field names follow ``shared/spec/events-jsonl.md`` (the export contract): ``Event.to_dict``
is exactly one line of the JSON Lines export.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any


def article_id_for(text: str) -> str:
    """The id of an article: a hash of its cleaned text, so the same article is stored once."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """One news article after ingest and cleaning.

    Attributes:
        id: hash of ``text`` (see :func:`article_id_for`).
        text: the cleaned text; every offset the pipeline reports points into it.
        path: the file or URL the article came from, as the user gave it (or None).
        title, url, publisher: metadata from flags or JSON Lines fields.
        published: the publication date, which anchors relative dates in the text.
        line: for JSON Lines input, the 1-based line number of the article.
    """

    id: str
    text: str
    path: str | None = None
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: date | None = None
    line: int | None = None

    @classmethod
    def from_text(cls, text: str, **meta: Any) -> Article:
        return cls(id=article_id_for(text), text=text, **meta)


@dataclass(frozen=True)
class Skipped:
    """An input that could not be coded, and why; reported at the end of a run."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Sentence:
    """A sentence of the cleaned article text: ``text == article.text[start:end]``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Actor:
    """A resolved political actor, as in the export's ``source``/``target`` objects.

    Attributes:
        text: the words in the article that named it ("French President Emmanuel Macron").
        name: canonical name ("Emmanuel Macron", "France", "the West").
        country: ISO 3166-1 alpha-3 code, or a CAMEO region code (WST, EUR...); None for IGOs.
        role: CAMEO role code (GOV, MIL, BUS...) or None.
        code: the full CAMEO actor code ("FRAGOV", "IGOEUREEC").
        kind: what the knowledge base knows it as: country, person, bloc, igo, group.
    """

    text: str
    name: str | None
    country: str | None
    role: str | None
    code: str
    kind: str = "country"

    @property
    def roles(self) -> frozenset[str]:
        """The three-letter CAMEO roles its role code joins: "REBMILGOV" -> REB, MIL, GOV."""
        role = self.role or ""
        return frozenset(role[i:i + 3].upper() for i in range(0, len(role), 3))

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "role": self.role,
            "code": self.code,
        }

    def with_text(self, text: str) -> Actor:
        return replace(self, text=text)

    def as_place(self) -> Actor:
        """The state a capital names as a place, not as its government: "analysts in
        Nairobi", "the Nairobi Securities Exchange" are Kenya's, not the Kenyan government."""
        if self.kind == "country" and self.role == "GOV" and self.country:
            return replace(self, role=None, code=self.country)
        return self

    @property
    def key(self) -> str:
        """What two actors must share to count as the same party (country, or IGO code)."""
        return self.country or self.code


@dataclass(frozen=True)
class ActorMention:
    """Where an actor is named in an article (one row of the store's ``actors`` table).

    ``start``/``end`` are character offsets into the cleaned article text; ``via`` says how
    it was resolved: ``dictionary`` (a name in the knowledge base), ``title`` (an unknown
    person with a known title and country), or ``coref`` ("the two countries", "Mr. Tokayev").
    """

    article_id: str
    sentence_index: int
    start: int
    end: int
    actor: Actor
    via: str = "dictionary"


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon}


@dataclass
class Event:
    """One coded event, with the sentence it was read from.

    Fields match ``shared/spec/events-jsonl.md``; ``pattern`` and ``trigger`` record which
    dictionary entry fired on which words, so a user can see why the event was coded.
    """

    article_id: str
    article_path: str | None
    sentence_index: int
    sentence: str
    span: tuple[int, int]
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_name: str = ""
    plover: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    negated: bool = False
    date: str | None = None
    date_source: str | None = None
    date_precision: str | None = None
    location: Location | None = None
    confidence: float = 0.5
    pattern: str | None = None
    trigger: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    sectors: list[str] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    quote_id: str | None = None
    speaker: Actor | None = None
    #: how the coder found it (features of its confidence); not exported
    how: list[str] = field(default_factory=list, repr=False, compare=False)

    @property
    def cameo_root(self) -> str:
        return self.cameo[:2]

    @property
    def event_id(self) -> str:
        """Stable: the same article coded twice gives the same ids."""
        parts = [
            self.article_id,
            str(self.sentence_index),
            self.cameo,
            self.source.code if self.source else "",
            self.source.text if self.source else "",
            self.target.code if self.target else "",
            self.target.text if self.target else "",
            "neg" if self.negated else "",
            self.trigger or "",
        ]
        return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:20]

    def to_dict(self) -> dict[str, Any]:
        """One line of the JSON Lines export (spec fields first, additions after)."""
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "article_path": self.article_path,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "span": [self.span[0], self.span[1]],
            "date": self.date,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "plover": self.plover,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "negated": self.negated,
            "location": self.location.to_dict() if self.location else None,
            "confidence": round(self.confidence, 3),
            # additions (the spec allows new fields, never renames)
            "cameo_name": self.cameo_name,
            "date_source": self.date_source,
            "date_precision": self.date_precision,
            "sectors": list(self.sectors),
            "figures": [dict(f) for f in self.figures],
            "quote_id": self.quote_id,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "pattern": self.pattern,
            "trigger": self.trigger,
            "publisher": self.publisher,
            "published": self.published,
            "url": self.url,
        }


@dataclass
class Options:
    """Settings that travel down the pipeline as one object (like trafilatura's Extractor).

    Attributes:
        published: default publication date for articles that carry none.
        publisher, url: default metadata for articles that carry none.
        domestic: keep events whose source and target are the same country.
        keep_negated: keep negated events (marked ``negated: true``) in the output.
        monadic: keep events with a source but no target ("Russia voiced concern").
        generalise: code a verb that no pattern names by the nearest pattern in meaning
            (``events/generalise.py``; built-in dictionaries only).
        home: the state (ISO alpha-3) the articles are written from: "the government" named
            before any state is its government. Default: the state of each article's
            publisher, when ``data/outlets.yaml`` lists it ("BBC News": GBR).
    """

    published: date | None = None
    publisher: str | None = None
    url: str | None = None
    domestic: bool = False
    keep_negated: bool = True
    monadic: bool = False
    generalise: bool = True
    home: str | None = None
