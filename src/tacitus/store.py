"""The store stage: an embedded DuckDB file (``tacitus.duckdb`` unless told otherwise).

Tables: ``articles``, ``sentences``, ``actors`` (one row per actor mention), ``events``
(one row per coded event mention, the export's fields flattened), ``quotes`` (direct and
reported speech with speakers) and ``figures`` (money and percentages), plus ``meta`` with the
schema version. Each article is written in one transaction: all its rows or none, so a failure
never loses what was stored before. An article already stored (same id: same cleaned text) adds
nothing.

The link stage (``tacitus.link``) adds the merged level, like GDELT's two tables:
``merged_events`` (one row per real-world event, with ``num_mentions``, ``num_articles``,
``num_sources``), ``mentions`` (one row per coded event mention: which merged event it reports,
from which article, publisher and span), ``stories`` and ``article_stories`` (articles about
the same story), ``disagreements`` (one row per claim where sources differ on a figure or a
date) and ``sentence_vectors`` (cached sentence embeddings).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from tacitus.errors import StoreError
from tacitus.records import ActorMention, Article, Event, Sentence

SCHEMA_VERSION = 2
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


class Store:
    """The event store.

    Args:
        path: the DuckDB file (created if missing).
        read_only: open for queries only (several readers may share the file).

    Raises:
        StoreError: the file is not a DuckDB database, or another process holds it.
    """

    def __init__(self, path: str | Path = DEFAULT_PATH, *, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path}",
                             hint="run `tacitus code PATH...` first, or pass --db with the store's file")
        try:
            self.db = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as err:
            raise StoreError(f"cannot open the store {self.path}: {err}",
                             hint="is it a DuckDB file, and is no other tacitus process using it?") from err
        try:
            # a missing table must be an error, not a Python variable of the same name
            self.db.execute("SET python_enable_replacements = false")
        except duckdb.Error:  # pragma: no cover - an older DuckDB without the setting
            pass
        if not read_only:
            self.db.execute(SCHEMA)
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def unlinked_articles(self) -> list[str]:
        """Stored articles with events not yet merged by the link stage, oldest first.

        An article is linked when its (not negated) events have rows in ``mentions``; one
        whose run was killed between storing and linking it has none. Articles with no
        events, or only negated ones, have nothing to link.
        """
        return [r[0] for r in self.db.execute(
            "SELECT a.id FROM articles a WHERE EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id "
            "AND NOT e.negated) AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id) "
            "ORDER BY a.published NULLS LAST, a.coded_at, a.id").fetchall()]

    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def add(self, article: Article, sentences: list[Sentence], mentions: list[ActorMention],
            events: list[Event], *, model: str = "", quotes: list | None = None,
            figures: list[dict] | None = None) -> bool:
        """Store one coded article in one transaction.

        Returns:
            False (and adds nothing) when the article is already stored.

        Raises:
            StoreError: the write failed; the transaction was rolled back.
        """
        if self.has_article(article.id):
            return False
        from tacitus import __version__

        try:
            self.db.execute("BEGIN TRANSACTION")
            self.db.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [article.id, article.path, article.url, article.title, article.publisher, article.published,
                 article.text, datetime.now(UTC).replace(tzinfo=None), __version__, model])
            if sentences:
                self.db.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?, ?)",
                                    [[s.article_id, s.index, s.start, s.end, s.text] for s in sentences])
            if mentions:
                self.db.executemany(
                    "INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [[m.article_id, m.sentence_index, m.start, m.end, m.actor.text, m.actor.name,
                      m.actor.country, m.actor.role, m.actor.code, m.via] for m in mentions])
            if events:
                rows, seen = [], set()
                for e in events:
                    row = flatten(e.to_dict())
                    if row["event_id"] in seen:
                        continue
                    seen.add(row["event_id"])
                    rows.append([row[n] for n, _ in EVENT_COLUMNS])
                marks = ", ".join("?" for _ in EVENT_COLUMNS)
                self.db.executemany(f"INSERT INTO events VALUES ({marks})", rows)
            if quotes:
                self.db.executemany(
                    "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [[q.id, article.id, q.kind, q.text, q.start, q.end, q.sentence_index, q.speaker_text,
                      *((getattr(q.speaker, k) for k in ("name", "country", "role", "code")) if q.speaker
                        else (None, None, None, None))] for q in quotes])
            if figures:
                self.db.executemany(
                    "INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [[article.id, f["sentence_index"], f["start"], f["end"], f["text"], f["kind"], f["value"],
                      f["unit"], f["measure"], f["change"]] for f in figures])
            self.db.execute("COMMIT")
        except duckdb.Error as err:
            self.db.execute("ROLLBACK")
            raise StoreError(f"could not store article {article.path or article.id}: {err}") from err
        return True

    def events(self, *, actor: str | None = None, dyad: tuple[str, str] | None = None,
               directed: bool = False, code: str | None = None, since: date | None = None,
               until: date | None = None, include_negated: bool = False,
               article_id: str | None = None, merged: bool = False,
               min_confidence: float | None = None) -> list[dict[str, Any]]:
        """Stored events as export dicts, filtered.

        Args:
            actor: a country or region code (matches source or target), or a CAMEO actor code
                or its prefix ("RUSGOV", "IGOUNO").
            dyad: events between two actors, either way round unless ``directed``.
            code: a CAMEO code prefix ("04", "057").
            since, until: inclusive bounds on the event date.
            include_negated: also return events the text says did not happen.
            article_id: only this article's events.
            merged: add ``merged_event_id``, the merged event (``merged_events``) each belongs
                to, or None when its article is not linked (or it is negated).
            min_confidence: only events whose confidence is at least this.
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
        sql = "SELECT * FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date NULLS LAST, article_id, sentence_index, event_id"
        if merged:
            inner = sql.split(" ORDER BY ")[0]
            sql = (f"SELECT e.*, m.event_id AS merged_event_id FROM ({inner}) e LEFT JOIN mentions m "
                   f"ON m.mention_id = e.event_id ORDER BY e.date NULLS LAST, e.article_id, e.sentence_index, "
                   f"e.event_id")
        cur = self.db.execute(sql, params)
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r, strict=False)) for r in cur.fetchall()]
        if merged:
            return [{**unflatten(r), "merged_event_id": r["merged_event_id"]} for r in rows]
        return [unflatten(r) for r in rows]

    def counts(self) -> dict[str, int]:
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "sentences", "actors", "events", "quotes", "figures", "merged_events",
                          "mentions", "stories", "disagreements")}

    def rows(self, sql: str, params: list | None = None) -> list[dict[str, Any]]:
        """Run a query and return its rows as dicts (column name -> value)."""
        cur = self.db.execute(sql, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def merged_events(self, *, actor: str | None = None, dyad: tuple[str, str] | None = None,
                      code: str | None = None, since: date | None = None, until: date | None = None,
                      event_ids: list[int] | None = None) -> list[dict[str, Any]]:
        """Merged events (one per real-world event), in date order, filtered like :meth:`events`.

        A dyad matches either way round; an actor matches a country, or a CAMEO code or its prefix.
        """
        where, params = _event_filters(actor, dyad, False, code, since, until)
        if event_ids is not None:
            if not event_ids:
                return []
            where.append(f"event_id IN ({', '.join('?' for _ in event_ids)})")
            params.extend(event_ids)
        sql = "SELECT * FROM merged_events" + (" WHERE " + " AND ".join(where) if where else "")
        return self.rows(sql + " ORDER BY date NULLS LAST, event_id", params)

    def mentions(self, event_ids: list[int] | None = None) -> list[dict[str, Any]]:
        """Mentions (one per coded sentence event), of the given merged events or all."""
        sql, params = "SELECT * FROM mentions", []
        if event_ids is not None:
            if not event_ids:
                return []
            sql += f" WHERE event_id IN ({', '.join('?' for _ in event_ids)})"
            params = list(event_ids)
        return self.rows(sql + " ORDER BY event_id, published NULLS LAST, article_id, sentence_index", params)

    def disagreements(self, event_ids: list[int] | None = None) -> list[dict[str, Any]]:
        """Claims where sources disagree, grouped by ``disagreement_id`` (one row per claim)."""
        sql, params = "SELECT * FROM disagreements", []
        if event_ids is not None:
            if not event_ids:
                return []
            sql += f" WHERE event_id IN ({', '.join('?' for _ in event_ids)})"
            params = list(event_ids)
        return self.rows(sql + " ORDER BY disagreement_id, value, article_id", params)

    def stories(self) -> list[dict[str, Any]]:
        """Story clusters, newest first, with their articles' ids."""
        return self.rows("SELECT s.*, list(a.article_id ORDER BY a.article_id) AS articles FROM stories s "
                         "JOIN article_stories a USING (story_id) GROUP BY ALL "
                         "ORDER BY s.last_date DESC NULLS LAST, s.story_id")

    def dump(self) -> str:
        """A short JSON summary (for debugging and the CLI's --verbose)."""
        return json.dumps(self.counts())
