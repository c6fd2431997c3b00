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

from tacitus.errors import InputError, StoreError
from tacitus.records import ActorMention, Article, Event, Sentence

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
            server = serving(self.path)
            if server and "lock" in str(err).lower():
                url = server.get("url", "")
                raise StoreError(
                    f"{self.path} is held by `tacitus serve` at {url} (process {server.get('pid')}): DuckDB lets "
                    "one process write a store file",
                    hint=f"add articles through the server: `tacitus code --server {url} PATH...` (token from "
                         f"TACITUS_TOKEN or --token); read through its API ({url}/api/events) or pages; or stop "
                         "the server first") from err
            raise StoreError(f"cannot open the store {self.path}: {err}",
                             hint="is it a DuckDB file, and is no other tacitus process using it? "
                                  "(DuckDB lets one process write a store file, or several read it)") from err
        try:
            # a missing table must be an error, not a Python variable of the same name
            self.db.execute("SET python_enable_replacements = false")
        except duckdb.Error:  # pragma: no cover - an older DuckDB without the setting
            pass
        if not read_only:
            self.db.execute(SCHEMA)
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    def reader(self) -> Store:
        """A view of this store on its own DuckDB cursor, for one thread (the server's
        requests): the same database, its own transaction state; ``close()`` closes only it."""
        view = object.__new__(Store)
        view.path = self.path
        view.db = self.db.cursor()
        return view

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
        rows = Rows(model)
        rows.add(article, sentences, mentions, events, quotes or [], figures or [])
        return bool(self.add_tables(rows.tables()))

    def add_tables(self, tables: dict[str, Any]) -> list[str]:
        """Store many coded articles, given as Arrow tables (:class:`Rows`), in one transaction.

        Articles already stored are left out, with all their rows. This is how a run writes: a
        batch of articles at a time, in bulk (DuckDB reads the Arrow tables directly), so one
        commit serves a batch instead of one article.

        Returns:
            The ids of the articles added, in the order of the ``articles`` table.

        Raises:
            StoreError: the write failed; the transaction was rolled back and nothing of the
                batch was stored.
        """
        import pyarrow.compute as pc

        articles = tables.get("articles")
        if articles is None or articles.num_rows == 0:
            return []
        ids = articles.column("id").to_pylist()
        marks = ", ".join("?" for _ in ids)
        stored = {r[0] for r in self.db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", ids).fetchall()}
        new = [i for i in dict.fromkeys(ids) if i not in stored]
        if not new:
            return []
        keep = pa_array(new)
        try:
            self.db.execute("BEGIN TRANSACTION")
            for name in TABLE_ORDER:
                table = tables.get(name)
                if table is None or table.num_rows == 0:
                    continue
                key = "id" if name == "articles" else "article_id"
                table = table.filter(pc.is_in(table.column(key), value_set=keep))
                if name == "events":  # one sentence can give the same event twice: stored once
                    table = table.take(pa_array(_first_rows(table.column("event_id").to_pylist())))
                if table.num_rows:
                    self.db.register("_tacitus_rows", table)
                    self.db.execute(f"INSERT INTO {name} SELECT * FROM _tacitus_rows")
                    self.db.unregister("_tacitus_rows")
            self.db.execute("COMMIT")
        except duckdb.Error as err:
            self.db.execute("ROLLBACK")
            where = ", ".join(str(p) for p in articles.column("path").to_pylist()[:3] if p) or ", ".join(ids[:3])
            raise StoreError(f"could not store the articles {where}{' ...' if len(ids) > 3 else ''}: {err}",
                             hint="the store kept everything stored before; run again to retry") from err
        return new

    def events(self, *, actor: str | None = None, dyad: tuple[str, str] | None = None,
               directed: bool = False, code: str | None = None, since: date | None = None,
               until: date | None = None, include_negated: bool = False,
               article_id: str | None = None, merged: bool = False,
               min_confidence: float | None = None, quad_class: int | None = None,
               text: str | None = None, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
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
            quad_class: only events of this quad class (1-4).
            text: only events whose evidence sentence holds this text (any case).
            limit, offset: a page of the results (in date order); all of them without ``limit``.
        """
        where, params = _mention_filters(actor=actor, dyad=dyad, directed=directed, code=code, since=since,
                                         until=until, include_negated=include_negated, article_id=article_id,
                                         min_confidence=min_confidence, quad_class=quad_class, text=text)
        order = "ORDER BY date NULLS LAST, article_id, sentence_index, event_id"
        page = ""
        if limit is not None:
            page = " LIMIT ? OFFSET ?"
            params = [*params, int(limit), int(offset)]
        rows = self.rows(f"SELECT * FROM events{where} {order}{page}", params)
        if merged:
            # a lookup rather than a join: the join costs as much again as the page itself
            merged_of: dict[str, int] = {}
            ids = [r["event_id"] for r in rows]
            for i in range(0, len(ids), 5000):
                merged_of.update(self.db.execute("SELECT mention_id, event_id FROM mentions WHERE mention_id = ANY(?)",
                                                 [ids[i:i + 5000]]).fetchall())
            return [{**unflatten(r), "merged_event_id": merged_of.get(r["event_id"])} for r in rows]
        return [unflatten(r) for r in rows]

    def count_events(self, **filters: Any) -> int:
        """How many events :meth:`events` returns with these filters (without limit and offset)."""
        where, params = _mention_filters(**filters)
        return self.db.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0]

    def event_facets(self, facets: list[str], *, size: int = 20, **filters: Any) -> dict[str, list[dict]]:
        """Counts of the filtered events by ``root`` (CAMEO root), ``actor`` (as source or
        target, by country or code) or ``month``, like datasette's ``_facet``: the ``size``
        largest values of each, as ``{"value": ..., "label": ..., "count": n}``.

        Raises:
            InputError: an unknown facet.
        """
        where, params = _mention_filters(**filters)
        out: dict[str, list[dict]] = {}
        for facet in facets:
            if facet == "root":
                sql = (f"SELECT cameo_root AS value, count(*) AS count FROM events{where} "
                       f"GROUP BY 1 ORDER BY count DESC, value LIMIT ?")
            elif facet == "month":
                sql = (f"SELECT strftime(date, '%Y-%m') AS value, count(*) AS count FROM events{where} "
                       f"GROUP BY 1 ORDER BY value NULLS LAST LIMIT ?")
            elif facet == "actor":
                sides = " UNION ALL ".join(
                    f"SELECT coalesce({s}_country, {s}_code) AS value FROM events{where}" for s in ("source", "target"))
                sql = (f"SELECT value, count(*) AS count FROM ({sides}) WHERE value IS NOT NULL "
                       f"GROUP BY 1 ORDER BY count DESC, value LIMIT ?")
                out[facet] = self.rows(sql, [*params, *params, size])
                continue
            else:
                raise InputError(f"no facet {facet!r}", hint="facet by root, actor or month")
            out[facet] = self.rows(sql, [*params, size])
        if "root" in out:
            from tacitus.events import codebook

            for row in out["root"]:
                row["label"] = codebook.describe(row["value"]).name if row["value"] else None
        return out

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

    def merged_event(self, event_id: int) -> dict[str, Any] | None:
        """One merged event with every mention and its disagreements, or None.

        Each mention carries ``offsets``: where its ``source``, ``trigger`` and ``target``
        stand in its sentence (``[start, end]`` character offsets into ``sentence``, or None),
        from the actor mentions the pipeline stored; the trigger is the first whole-word
        occurrence of the trigger word. ``span_start`` and ``span_end`` place the sentence in
        its article's cleaned text.
        """
        found = self.merged_events(event_ids=[int(event_id)])
        if not found:
            return None
        event = found[0]
        mentions = self.mentions([event["event_id"]])
        extra = {r["event_id"]: r for r in self.rows(
            "SELECT e.event_id, e.source_text, e.source_code, e.target_text, e.target_code, e.trigger, e.negated "
            "FROM events e JOIN mentions m ON m.mention_id = e.event_id WHERE m.event_id = ?", [event["event_id"]])}
        actors: dict[tuple[str, int], list[dict]] = {}
        for a in self.rows("SELECT a.* FROM actors a JOIN (SELECT DISTINCT article_id, sentence_index FROM mentions "
                           "WHERE event_id = ?) m USING (article_id, sentence_index) ORDER BY a.start",
                           [event["event_id"]]):
            actors.setdefault((a["article_id"], a["sentence_index"]), []).append(a)
        for m in mentions:
            info = extra.get(m["mention_id"], {})
            sentence, start = m["sentence"] or "", m["span_start"] or 0
            here = actors.get((m["article_id"], m["sentence_index"]), [])
            trigger = _word_at(sentence, info.get("trigger") or m["trigger"])
            m["offsets"] = {
                "source": _actor_at(sentence, start, here, info.get("source_text"), info.get("source_code"), trigger),
                "trigger": trigger,
                "target": _actor_at(sentence, start, here, info.get("target_text"), info.get("target_code"), trigger),
            }
            m["source_text"], m["target_text"] = info.get("source_text"), info.get("target_text")
        event["mentions"] = mentions
        event["disagreements"] = self.disagreements([event["event_id"]])
        return event

    def places(self, **filters: Any) -> list[dict[str, Any]]:
        """Located merged events grouped by place: name, country, lat, lon, events, quad classes
        and mean Goldstein value (filters as :meth:`merged_events`)."""
        where, params = _event_filters(filters.get("actor"), filters.get("dyad"), False, filters.get("code"),
                                       filters.get("since"), filters.get("until"))
        where.append("location_lat IS NOT NULL AND location_lon IS NOT NULL")
        return self.rows(
            "SELECT location_name AS name, location_country AS country, location_lat AS lat, location_lon AS lon, "
            "count(*) AS events, round(avg(goldstein), 2) AS goldstein_mean, "
            "mode(quad_class) AS quad_class FROM merged_events WHERE " + " AND ".join(where)
            + " GROUP BY ALL ORDER BY events DESC, name", params)

    def stories(self) -> list[dict[str, Any]]:
        """Story clusters, newest first, with their articles' ids."""
        return self.rows("SELECT s.*, list(a.article_id ORDER BY a.article_id) AS articles FROM stories s "
                         "JOIN article_stories a USING (story_id) GROUP BY ALL "
                         "ORDER BY s.last_date DESC NULLS LAST, s.story_id")

    def dump(self) -> str:
        """A short JSON summary (for debugging and the CLI's --verbose)."""
        return json.dumps(self.counts())


# --- bulk rows: what a batch of coded articles adds to each table -----------------------------

#: Tables a coded article writes, in the order they are written.
TABLE_ORDER = ("articles", "sentences", "actors", "events", "quotes", "figures")
#: Their columns and DuckDB types, in the tables' order (``events``: :data:`EVENT_COLUMNS`).
ROW_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [("id", "VARCHAR"), ("path", "VARCHAR"), ("url", "VARCHAR"), ("title", "VARCHAR"),
                 ("publisher", "VARCHAR"), ("published", "DATE"), ("text", "VARCHAR"),
                 ("coded_at", "TIMESTAMP"), ("tacitus_version", "VARCHAR"), ("model", "VARCHAR")],
    "sentences": [("article_id", "VARCHAR"), ("idx", "INTEGER"), ("start", "INTEGER"), ("end", "INTEGER"),
                  ("text", "VARCHAR")],
    "actors": [("article_id", "VARCHAR"), ("sentence_index", "INTEGER"), ("start", "INTEGER"),
               ("end", "INTEGER"), ("text", "VARCHAR"), ("name", "VARCHAR"), ("country", "VARCHAR"),
               ("role", "VARCHAR"), ("code", "VARCHAR"), ("via", "VARCHAR")],
    "events": [(n, t.split()[0]) for n, t in EVENT_COLUMNS],
    "quotes": [("quote_id", "VARCHAR"), ("article_id", "VARCHAR"), ("kind", "VARCHAR"), ("text", "VARCHAR"),
               ("start", "INTEGER"), ("end", "INTEGER"), ("sentence_index", "INTEGER"),
               ("speaker_text", "VARCHAR"), ("speaker_name", "VARCHAR"), ("speaker_country", "VARCHAR"),
               ("speaker_role", "VARCHAR"), ("speaker_code", "VARCHAR")],
    "figures": [("article_id", "VARCHAR"), ("sentence_index", "INTEGER"), ("start", "INTEGER"),
                ("end", "INTEGER"), ("text", "VARCHAR"), ("kind", "VARCHAR"), ("value", "DOUBLE"),
                ("unit", "VARCHAR"), ("measure", "VARCHAR"), ("change", "VARCHAR")],
}


def arrow_schema(table: str) -> Any:
    """The Arrow schema of one of :data:`TABLE_ORDER` (dates as ISO strings: DuckDB casts them)."""
    import pyarrow as pa

    types = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
             "DATE": pa.string(), "TIMESTAMP": pa.timestamp("us"), "VARCHAR[]": pa.list_(pa.string())}
    return pa.schema([(name, types[t]) for name, t in ROW_COLUMNS[table]])


class Rows:
    """The rows that coded articles add to the store, gathered as columns for Arrow.

    Built where the articles are coded (in a worker process, or on a Dask worker that writes
    them to Parquet), then written by :meth:`Store.add_tables` in one transaction.

    Args:
        model: the spaCy model's description, stored with each article.
    """

    def __init__(self, model: str = "") -> None:
        from tacitus import __version__

        self.model = model
        self.version = __version__
        self.ids: set[str] = set()
        self.columns: dict[str, dict[str, list]] = {t: {n: [] for n, _ in ROW_COLUMNS[t]} for t in TABLE_ORDER}

    def _row(self, table: str, values: list | tuple) -> None:
        for (name, _), value in zip(ROW_COLUMNS[table], values, strict=True):
            self.columns[table][name].append(value)

    def add(self, article: Article, sentences: list[Sentence], mentions: list[ActorMention],
            events: list[Event], quotes: list, figures: list[dict]) -> None:
        """Add one coded article's rows (an article already added is left out: same text, same id)."""
        if article.id in self.ids:
            return
        self.ids.add(article.id)
        self._row("articles", [article.id, article.path, article.url, article.title, article.publisher,
                               _iso(article.published), article.text, datetime.now(UTC).replace(tzinfo=None),
                               self.version, self.model])
        for s in sentences:
            self._row("sentences", [s.article_id, s.index, s.start, s.end, s.text])
        for m in mentions:
            self._row("actors", [m.article_id, m.sentence_index, m.start, m.end, m.actor.text, m.actor.name,
                                 m.actor.country, m.actor.role, m.actor.code, m.via])
        for e in events:
            row = flatten(e.to_dict())
            row["date"], row["published"] = _iso(row["date"]), _iso(row["published"])
            self._row("events", [row[n] for n, _ in EVENT_COLUMNS])
        for q in quotes:
            speaker = [getattr(q.speaker, k) for k in ("name", "country", "role", "code")] if q.speaker \
                else [None, None, None, None]
            self._row("quotes", [q.id, article.id, q.kind, q.text, q.start, q.end, q.sentence_index,
                                 q.speaker_text, *speaker])
        for f in figures:
            self._row("figures", [article.id, f["sentence_index"], f["start"], f["end"], f["text"], f["kind"],
                                  f["value"], f["unit"], f["measure"], f["change"]])

    def tables(self) -> dict[str, Any]:
        """The rows as one Arrow table per store table."""
        import pyarrow as pa

        return {t: pa.Table.from_pydict(self.columns[t], schema=arrow_schema(t)) for t in TABLE_ORDER}


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def _first_rows(keys: list) -> list[int]:
    """The index of the first row of each key."""
    seen: dict[Any, int] = {}
    for i, k in enumerate(keys):
        seen.setdefault(k, i)
    return sorted(seen.values())


def pa_array(values: list) -> Any:
    import pyarrow as pa

    return pa.array(values)


def _word_at(sentence: str, word: str | None) -> list[int] | None:
    """``[start, end]`` of the first whole-word occurrence of ``word`` in ``sentence``."""
    import re

    if not word:
        return None
    hit = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", sentence) or re.search(re.escape(word), sentence)
    return [hit.start(), hit.end()] if hit else None


def _actor_at(sentence: str, start: int, actors: list[dict], text: str | None, code: str | None,
              trigger: list[int] | None) -> list[int] | None:
    """Where an event's actor stands in its sentence: the stored actor mention with its words
    (and code) nearest the trigger, else the first occurrence of its words."""
    if not text:
        return None
    near = trigger[0] if trigger else 0
    hits = [a for a in actors if a["text"] == text and a["start"] is not None]
    hits = [a for a in hits if a["code"] == code] or hits
    if hits:
        best = min(hits, key=lambda a: abs(a["start"] - start - near))
        s, e = best["start"] - start, best["end"] - start
        if 0 <= s < e <= len(sentence) and sentence[s:e] == text:
            return [s, e]
    return _word_at(sentence, text)
