"""The :class:`Store`: one DuckDB file, written an article or a batch at a time, read with filters.

Part of :mod:`tacitus.store`.
"""


from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from tacitus.errors import InputError, StoreError
from tacitus.records import ActorMention, Article, Event, Sentence
from tacitus.store.rows import TABLE_ORDER, Rows, _first_rows, pa_array
from tacitus.store.schema import (
    DEFAULT_PATH,
    SCHEMA,
    SCHEMA_VERSION,
    _event_filters,
    _mention_filters,
    serving,
    unflatten,
)


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
        return self._of_events("mentions", event_ids, "event_id, published NULLS LAST, article_id, sentence_index")

    def disagreements(self, event_ids: list[int] | None = None) -> list[dict[str, Any]]:
        """Claims where sources disagree, grouped by ``disagreement_id`` (one row per claim)."""
        return self._of_events("disagreements", event_ids, "disagreement_id, value, article_id")

    def _of_events(self, table: str, event_ids: list[int] | None, order: str) -> list[dict[str, Any]]:
        """The rows of a table keyed by merged event, of the given events (None: all), in order."""
        sql, params = f"SELECT * FROM {table}", []
        if event_ids is not None:
            if not event_ids:
                return []
            sql += f" WHERE event_id IN ({', '.join('?' for _ in event_ids)})"
            params = list(event_ids)
        return self.rows(f"{sql} ORDER BY {order}", params)

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
    (and code) nearest the trigger, else the first occurrence of its words, else (an actor
    taken from an earlier sentence, "the other side") the mention of its code nearest the trigger."""
    if not text:
        return None
    near = trigger[0] if trigger else 0

    def nearest(hits: list[dict], words: str | None) -> list[int] | None:
        if not hits:
            return None
        best = min(hits, key=lambda a: abs(a["start"] - start - near))
        s, e = best["start"] - start, best["end"] - start
        if 0 <= s < e <= len(sentence) and (words is None or sentence[s:e] == words):
            return [s, e]
        return None

    hits = [a for a in actors if a["text"] == text and a["start"] is not None]
    found = nearest([a for a in hits if a["code"] == code] or hits, text) or _word_at(sentence, text)
    return found or nearest([a for a in actors if code and a["code"] == code and a["start"] is not None], None)
