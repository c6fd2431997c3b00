"""The store's tables and columns, and the event row (``flatten`` / ``unflatten``) and filters.

Part of :mod:`tacitus.store`.
"""


from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 2
#: ``tacitus serve`` writes ``<store>.serve.json`` (its pid and URL) while it holds a store.
SERVE_MARK = ".serve.json"
DEFAULT_PATH = "tacitus.duckdb"

EVENT_COLUMNS: list[tuple[str, str]] = [
    ("event_id", "VARCHAR PRIMARY KEY"), ("article_id", "VARCHAR"), ("article_path", "VARCHAR"),
    ("sentence_index", "INTEGER"), ("sentence", "VARCHAR"), ("span_start", "INTEGER"), ("span_end", "INTEGER"),
    ("date", "DATE"), ("date_source", "VARCHAR"), ("date_precision", "VARCHAR"),
    ("source_text", "VARCHAR"), ("source_name", "VARCHAR"), ("source_country", "VARCHAR"),
    ("source_role", "VARCHAR"), ("source_code", "VARCHAR"),
    ("target_text", "VARCHAR"), ("target_name", "VARCHAR"), ("target_country", "VARCHAR"),
    ("target_role", "VARCHAR"), ("target_code", "VARCHAR"),
    ("cameo", "VARCHAR"), ("cameo_root", "VARCHAR"), ("cameo_name", "VARCHAR"), ("plover", "VARCHAR"),
    ("quad_class", "INTEGER"), ("goldstein", "DOUBLE"), ("negated", "BOOLEAN"),
    ("location_name", "VARCHAR"), ("location_country", "VARCHAR"), ("location_lat", "DOUBLE"),
    ("location_lon", "DOUBLE"), ("confidence", "DOUBLE"), ("sectors", "VARCHAR[]"), ("pattern", "VARCHAR"),
    ("trigger", "VARCHAR"), ("publisher", "VARCHAR"), ("published", "DATE"), ("url", "VARCHAR"),
    ("figures", "VARCHAR"), ("quote_id", "VARCHAR"),
    ("speaker_text", "VARCHAR"), ("speaker_name", "VARCHAR"), ("speaker_country", "VARCHAR"),
    ("speaker_role", "VARCHAR"), ("speaker_code", "VARCHAR"),
]
ACTOR_FIELDS = ("text", "name", "country", "role", "code")

#: One row per real-world event (GDELT's event table): what its mentions agree on.
MERGED_COLUMNS: list[tuple[str, str]] = [
    ("event_id", "BIGINT PRIMARY KEY"), ("date", "DATE"), ("date_precision", "VARCHAR"),
    ("pair_key", "VARCHAR"), ("source_key", "VARCHAR"), ("target_key", "VARCHAR"), ("symmetric", "BOOLEAN"),
    ("source_code", "VARCHAR"), ("source_name", "VARCHAR"), ("source_country", "VARCHAR"),
    ("source_role", "VARCHAR"), ("target_code", "VARCHAR"), ("target_name", "VARCHAR"),
    ("target_country", "VARCHAR"), ("target_role", "VARCHAR"),
    ("cameo", "VARCHAR"), ("cameo_root", "VARCHAR"), ("cameo_name", "VARCHAR"), ("plover", "VARCHAR"),
    ("quad_class", "INTEGER"), ("goldstein", "DOUBLE"),
    ("location_name", "VARCHAR"), ("location_country", "VARCHAR"), ("location_lat", "DOUBLE"),
    ("location_lon", "DOUBLE"), ("num_mentions", "INTEGER"), ("num_articles", "INTEGER"),
    ("num_sources", "INTEGER"), ("first_seen", "DATE"), ("last_seen", "DATE"), ("story_id", "BIGINT"),
    ("sentence", "VARCHAR"), ("url", "VARCHAR"), ("confidence", "DOUBLE"), ("added_at", "TIMESTAMP"),
]
#: One row per coded event mention (GDELT's mentions table): which merged event it reports.
MENTION_COLUMNS: list[tuple[str, str]] = [
    ("mention_id", "VARCHAR PRIMARY KEY"), ("event_id", "BIGINT"), ("article_id", "VARCHAR"),
    ("publisher", "VARCHAR"), ("url", "VARCHAR"), ("article_path", "VARCHAR"), ("published", "DATE"),
    ("sentence_index", "INTEGER"), ("span_start", "INTEGER"), ("span_end", "INTEGER"), ("sentence", "VARCHAR"),
    ("trigger", "VARCHAR"), ("cameo", "VARCHAR"), ("date", "DATE"), ("date_precision", "VARCHAR"),
    ("date_source", "VARCHAR"), ("confidence", "DOUBLE"), ("agreement", "DOUBLE"), ("added_at", "TIMESTAMP"),
]

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, path VARCHAR, url VARCHAR, title VARCHAR, publisher VARCHAR,
    published DATE, text VARCHAR, coded_at TIMESTAMP, tacitus_version VARCHAR, model VARCHAR);
CREATE TABLE IF NOT EXISTS sentences (
    article_id VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, text VARCHAR,
    PRIMARY KEY (article_id, idx));
CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR, sentence_index INTEGER, start INTEGER, "end" INTEGER, text VARCHAR,
    name VARCHAR, country VARCHAR, role VARCHAR, code VARCHAR, via VARCHAR);
CREATE TABLE IF NOT EXISTS events ({", ".join(f'"{n}" {t}' for n, t in EVENT_COLUMNS)});
CREATE TABLE IF NOT EXISTS quotes (
    quote_id VARCHAR, article_id VARCHAR, kind VARCHAR, text VARCHAR, start INTEGER, "end" INTEGER,
    sentence_index INTEGER, speaker_text VARCHAR, speaker_name VARCHAR, speaker_country VARCHAR,
    speaker_role VARCHAR, speaker_code VARCHAR);
CREATE TABLE IF NOT EXISTS figures (
    article_id VARCHAR, sentence_index INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, kind VARCHAR,
    value DOUBLE, unit VARCHAR, measure VARCHAR, change VARCHAR);
CREATE TABLE IF NOT EXISTS merged_events ({", ".join(f'"{n}" {t}' for n, t in MERGED_COLUMNS)});
CREATE TABLE IF NOT EXISTS mentions ({", ".join(f'"{n}" {t}' for n, t in MENTION_COLUMNS)});
CREATE TABLE IF NOT EXISTS stories (
    story_id BIGINT PRIMARY KEY, title VARCHAR, first_date DATE, last_date DATE, num_articles INTEGER,
    num_events INTEGER, actors VARCHAR[]);
CREATE TABLE IF NOT EXISTS article_stories (article_id VARCHAR PRIMARY KEY, story_id BIGINT);
CREATE TABLE IF NOT EXISTS disagreements (
    disagreement_id VARCHAR, story_id BIGINT, event_id BIGINT, kind VARCHAR, subject VARCHAR,
    value DOUBLE, value_text VARCHAR, article_id VARCHAR, publisher VARCHAR, url VARCHAR,
    sentence_index INTEGER, sentence VARCHAR);
CREATE TABLE IF NOT EXISTS sentence_vectors (key VARCHAR PRIMARY KEY, vector FLOAT[]);
CREATE INDEX IF NOT EXISTS merged_pair ON merged_events (pair_key, cameo_root);
CREATE INDEX IF NOT EXISTS mentions_event ON mentions (event_id);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_id);
"""


def serving(path: str | Path) -> dict[str, Any] | None:
    """The running ``tacitus serve`` that holds the store at ``path`` (its pid, url and whether it
    takes writes), from the mark file it writes beside the store, or None."""
    import os

    mark = Path(str(path) + SERVE_MARK)
    try:
        info = json.loads(mark.read_text(encoding="utf-8"))
        os.kill(int(info["pid"]), 0)  # signal 0: is the process alive?
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return info


def flatten(event: dict[str, Any]) -> dict[str, Any]:
    """An event dict (``Event.to_dict()``) as one flat row: the store's and CSV's columns."""
    row: dict[str, Any] = {}
    for name, _ in EVENT_COLUMNS:
        if name in ("span_start", "span_end"):
            span = event.get("span") or [None, None]
            row[name] = span[0 if name == "span_start" else 1]
        elif name.startswith(("source_", "target_", "speaker_")) and name.split("_", 1)[1] in ACTOR_FIELDS:
            side, key = name.split("_", 1)
            row[name] = (event.get(side) or {}).get(key)
        elif name == "figures":
            row[name] = json.dumps(event.get("figures") or [], ensure_ascii=False)
        elif name.startswith("location_"):
            row[name] = (event.get("location") or {}).get(name.split("_", 1)[1])
        elif name == "sectors":
            row[name] = list(event.get("sectors") or [])
        else:
            row[name] = event.get(name)
    return row


def unflatten(row: dict[str, Any]) -> dict[str, Any]:
    """A flat row back into the export's nested event dict."""
    def actor(side: str) -> dict | None:
        if not row.get(f"{side}_code"):
            return None
        return {k: row.get(f"{side}_{k}") for k in ACTOR_FIELDS}

    loc = None
    if row.get("location_name"):
        loc = {"name": row["location_name"], "country": row.get("location_country"),
               "lat": row.get("location_lat"), "lon": row.get("location_lon")}
    out: dict[str, Any] = {
        "event_id": row["event_id"], "article_id": row["article_id"], "article_path": row["article_path"],
        "sentence_index": row["sentence_index"], "sentence": row["sentence"],
        "span": [row["span_start"], row["span_end"]],
        "date": row["date"].isoformat() if isinstance(row["date"], date) else row["date"],
        "source": actor("source"), "target": actor("target"), "cameo": row["cameo"],
        "cameo_root": row["cameo_root"], "plover": row["plover"], "quad_class": row["quad_class"],
        "goldstein": row["goldstein"], "negated": bool(row["negated"]), "location": loc,
        "confidence": row["confidence"], "cameo_name": row["cameo_name"], "date_source": row["date_source"],
        "date_precision": row["date_precision"], "sectors": list(row["sectors"] or []),
        "pattern": row["pattern"], "trigger": row["trigger"], "publisher": row["publisher"],
        "published": row["published"].isoformat() if isinstance(row["published"], date) else row["published"],
        "url": row["url"], "figures": json.loads(row.get("figures") or "[]"), "quote_id": row.get("quote_id"),
        "speaker": actor("speaker"),
    }
    return out


def _event_filters(actor: str | None, dyad: tuple[str, str] | None, directed: bool, code: str | None,
                   since: date | None, until: date | None) -> tuple[list[str], list[Any]]:
    """SQL conditions and their parameters for the filters shared by events and merged events.

    An actor matches a country, or a CAMEO code or its prefix, as source or target; a dyad
    matches either way round unless ``directed``; a code is a CAMEO prefix; dates are inclusive.
    """
    where: list[str] = []
    params: list[Any] = []

    def side(prefix: str, value: str) -> str:
        params.extend([value, value + "%"])
        return f"({prefix}_country = ? OR {prefix}_code LIKE ?)"

    if actor:
        where.append(f"({side('source', actor)} OR {side('target', actor)})")
    if dyad:
        a, b = dyad
        forward = f"({side('source', a)} AND {side('target', b)})"
        if directed:
            where.append(forward)
        else:
            backward = f"({side('source', b)} AND {side('target', a)})"
            where.append(f"({forward} OR {backward})")
    if code:
        where.append("cameo LIKE ?")
        params.append(code + "%")
    if since:
        where.append("date >= ?")
        params.append(since)
    if until:
        where.append("date <= ?")
        params.append(until)
    return where, params


def _mention_filters(*, actor: str | None = None, dyad: tuple[str, str] | None = None, directed: bool = False,
                     code: str | None = None, since: date | None = None, until: date | None = None,
                     include_negated: bool = False, article_id: str | None = None,
                     min_confidence: float | None = None, quad_class: int | None = None,
                     text: str | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause (with its leading " WHERE ", or "") and parameters of the events filters.

    Every value is a bound parameter; ``text`` is matched literally (``%`` and ``_`` in it
    are plain characters).
    """
    where, params = _event_filters(actor, dyad, directed, code, since, until)
    if not include_negated:
        where.append("NOT negated")
    if min_confidence is not None:
        where.append("confidence >= ?")
        params.append(min_confidence)
    if article_id:
        where.append("article_id = ?")
        params.append(article_id)
    if quad_class is not None:
        where.append("quad_class = ?")
        params.append(int(quad_class))
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("sentence ILIKE ? ESCAPE '\\'")
        params.append(f"%{escaped}%")
    return (" WHERE " + " AND ".join(where) if where else ""), params
