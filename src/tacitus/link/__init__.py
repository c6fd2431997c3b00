"""The link stage: merge what outlets repeat into one event, group articles into stories.

    store (events: one row per coded sentence event)
      -> link_article(store, article_id)
         merged_events (one row per real-world event), mentions (its evidence),
         stories / article_stories, disagreements

The pipeline calls :func:`link_article` once an article is stored. Linking is incremental (a
new article updates the events it reports) and idempotent (an article whose mentions are
stored is not linked again); each article is linked in its own transaction, so a failure
leaves what was linked before as it was, and :func:`link_pending` links it on a later run.
The rules and thresholds are in :mod:`tacitus.link.merge` (same event?),
:mod:`tacitus.link.agreement` (same act?) and :mod:`tacitus.link.stories`.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import duckdb

from tacitus.errors import StoreError
from tacitus.link import agreement, stories
from tacitus.link.merge import (
    DATE_SLACK_DAYS,
    Cluster,
    Mention,
    Merger,
    compatible,
    interval,
    lexically_sure,
    signature,
    source_of,
    summarise,
)

if TYPE_CHECKING:
    from tacitus.store import Store

__all__ = ["LinkResult", "link_article", "link_pending", "resume"]


@dataclass
class LinkResult:
    """What linking one article did."""

    article_id: str
    mentions: int = 0
    new_events: int = 0
    merged_into: list[int] = field(default_factory=list)  # existing events it added evidence to
    story_id: int | None = None


@functools.lru_cache(maxsize=1)
def symmetric_codes() -> frozenset[str]:
    """The codes whose two parties play the same part, from the pattern dictionary.

    Read from tacitus's cache after the first run: importing the events stage imports spaCy,
    which the process that only writes and links (``tacitus code --workers N``) never needs."""
    from tacitus.cache import cached

    def build() -> frozenset[str]:
        from tacitus.events.patterns import load

        return frozenset(getattr(load(), "symmetric_codes", set()) or set())

    return cached("symmetric-codes", [], build)


#: Articles linked in memory before their rows are written, in one transaction, by
#: :func:`link_pending`. A failure loses the linking of at most this many articles (never
#: the articles: they were stored before), and the next run links them again. 200 keeps a
#: flush under a second on the project's machines; per-article transactions cost about 30 ms
#: each in DuckDB's write-ahead log, which would make linking 5,000 mentions take minutes.
FLUSH_ARTICLES = 200


def link_pending(store: Store, embed: bool = True,
                 progress: Callable[[int, int], None] | None = None) -> list[LinkResult]:
    """Link every stored article that has events but no mentions yet, oldest first.

    Articles are linked in memory and written ``FLUSH_ARTICLES`` at a time, each batch in its
    own transaction; ``progress(done, total)`` is called after each batch.
    """
    todo = store.unlinked_articles()
    if not todo:
        return []
    linker = Linker(store, embed=embed)
    results: list[LinkResult] = []
    for i in range(0, len(todo), FLUSH_ARTICLES):
        results += linker.link(todo[i:i + FLUSH_ARTICLES])
        if progress is not None:
            progress(min(i + FLUSH_ARTICLES, len(todo)), len(todo))
    return results


def resume(store: Store) -> int:
    """Link what an earlier run stored but did not link (it was killed in between).

    ``tacitus code`` stores an article, then links it, in two transactions: a kill between
    them leaves the article's events out of ``merged_events`` (and so out of exports and
    ``tacitus dyad``) until it is linked. Every run calls this first.

    Returns:
        How many articles were linked.
    """
    return len(link_pending(store))


def link_article(store: Store, article_id: str, *, embed: bool = True) -> LinkResult | None:
    """Merge one stored article's event mentions into events, and update its story.

    Args:
        store: an open, writable store holding the article.
        article_id: the article to link.
        embed: ask the sentence model about pairs the lexical test cannot settle; without it
            such pairs stay apart (for tests and benchmarks of the mechanism alone).

    Returns:
        What was done, or None when the article was already linked or has no events.

    Raises:
        StoreError: the write failed; the transaction was rolled back.
    """
    done = Linker(store, embed=embed).link([article_id])
    return done[0] if done else None


class Linker:
    """Links articles in memory, then writes what changed in one transaction per call.

    It caches the candidate events it has read (by dyad and root, with the dates read), so
    a batch of articles reads each part of the store once.
    """

    def __init__(self, store: Store, *, embed: bool = True) -> None:
        self.store = store
        self.db = store.db
        self.sym = set(symmetric_codes())
        self.embed = embed
        self.vectors: dict[str, Any] = {}  # sentence vectors (numpy) read or encoded, by key
        self.merger = Merger(self._vectors if embed else (lambda sentences: {}))
        self.clusters: dict[int, Cluster] = {}
        self.by_key: dict[str, set[int]] = defaultdict(set)
        self.loaded: dict[str, tuple[date, date]] = {}
        self.story_of: dict[str, int] = {}   # articles whose story is known (read or linked)
        self.next_event = self.next_story = 0  # read from the store on first use
        self.pair_index: dict[str, list[tuple[str, date]]] = defaultdict(list)

    def link(self, article_ids: Sequence[str]) -> list[LinkResult]:
        """Link the articles (already linked ones are skipped) and write the result.

        Raises:
            StoreError: the write failed; nothing of this call was written.
        """
        results: list[LinkResult] = []
        snapshot = (self.next_event, self.next_story)
        pending: list[Mention] = []
        touched: set[int] = set()
        new_events: set[int] = set()
        joins: dict[int, int] = {}          # story -> the story it joined
        new_articles: dict[str, int] = {}
        try:
            if not self.next_event:
                self.next_event = _max(self.db, "merged_events", "event_id") + 1
                self.next_story = _max(self.db, "stories", "story_id") + 1
            ids = list(dict.fromkeys(article_ids))
            marks = ", ".join("?" for _ in ids)
            linked = {r[0] for r in self.db.execute(
                f"SELECT DISTINCT article_id FROM mentions WHERE article_id IN ({marks})", ids).fetchall()}
            todo = self._events([a for a in ids if a not in linked])
            batch = [m for ms in todo.values() for m in ms]
            self._prefetch_pairs(batch)
            self._candidates(batch)  # one read of the stored candidates for the whole batch
            if self.embed:
                self._encode_ahead(batch)
            for article_id, new in todo.items():
                result = LinkResult(article_id, mentions=len(new))
                candidates = self._candidates(new)
                for c in self.merger.assign(new, candidates, self._new_event_id):
                    if c.event_id not in self.clusters:
                        self.clusters[c.event_id] = c
                        self.by_key[_key_of(c.mentions[0])].add(c.event_id)
                        new_events.add(c.event_id)
                        result.new_events += 1
                    elif c.event_id not in new_events:
                        result.merged_into.append(c.event_id)
                    touched.add(c.event_id)
                pending += new
                result.story_id = self._story(article_id, new, joins, new_articles)
                results.append(result)
            if results:
                self._write(pending, touched, new_events, joins, new_articles)
        except duckdb.Error as err:
            self._forget(snapshot)
            raise StoreError(f"could not link article {article_ids[0] if len(article_ids) == 1 else 'batch'}: "
                             f"{err}", hint="its events are stored: `tacitus link --db FILE` links it again") \
                from err
        except BaseException:
            self._forget(snapshot)
            raise
        for r in results:
            r.story_id = self._final_story(r.story_id, joins)
        if joins:
            self.story_of = {a: self._final_story(s, joins) for a, s in self.story_of.items()}
        return results

    def _encode_ahead(self, batch: list[Mention]) -> None:
        """Encode, in one call, every sentence the batch may ask the model about.

        A superset: pairs with stored events and with the batch's other articles, whatever
        the order of linking; one large call uses the CPU much better than one per article.
        """
        same_key: dict[str, dict[tuple, Mention]] = defaultdict(dict)
        for m in batch:  # one mention per signature: a repeated paragraph is compared once
            same_key[_key_of(m)].setdefault(signature(m), m)
        needed: set[str] = set()
        for group in same_key.values():
            for m in group.values():
                stored = [x for c in self._candidates([m]) for x, _ in c.distinct()]
                for other in (*stored, *group.values()):
                    if compatible(m, other) and not lexically_sure(m, other):
                        needed.update((m.sentence, other.sentence))
        self._vectors(sorted(needed))

    def _vectors(self, sentences: Sequence[str]) -> dict[str, Any]:
        """Sentence vectors by key: from memory, the store's cache, or encoded in one batch (and cached)."""
        keys = {agreement.sentence_key(s): s for s in sentences}
        missing = [k for k in keys if k not in self.vectors]
        if missing:
            self.vectors.update(_vectors(self.store, [keys[k] for k in missing]))
        return {k: self.vectors[k] for k in keys if k in self.vectors}

    def _forget(self, snapshot: tuple[int, int]) -> None:
        """After a failure the cache may hold what was never written: start afresh."""
        self.clusters.clear()
        self.by_key.clear()
        self.loaded.clear()
        self.story_of.clear()
        self.next_event, self.next_story = snapshot

    def _new_event_id(self) -> int:
        self.next_event += 1
        return self.next_event - 1

    def _candidates(self, new: list[Mention]) -> list[Cluster]:
        """Events that could take the article's mentions: same pair and root, near dates."""
        dated = [m.date for m in new if m.date is not None]
        if not dated:
            return []  # undated mentions only join events of their own article
        # generous bounds: a coarse mention (a month, a year) spans more than its date
        lo = min(dated) - timedelta(days=366 + 2 * DATE_SLACK_DAYS)
        hi = max(dated) + timedelta(days=366 + 2 * DATE_SLACK_DAYS)
        keys = sorted({_key_of(m) for m in new if m.date is not None})
        todo = [k for k in keys if k not in self.loaded or not (self.loaded[k][0] <= lo and hi <= self.loaded[k][1])]
        if todo:
            self._load(todo, lo, hi)
        # only events whose days come near the article's: a busy dyad has years of them
        days = [interval(m.date, m.date_precision) for m in new if m.date is not None]
        near_lo = min(d[0] for d in days) - timedelta(days=DATE_SLACK_DAYS)
        near_hi = max(d[1] for d in days) + timedelta(days=DATE_SLACK_DAYS)
        ids = set()
        for k in keys:
            for i in self.by_key.get(k, ()):
                span = self.clusters[i].span()
                if span is not None and span[0] <= near_hi and near_lo <= span[1]:
                    ids.add(i)
        return [self.clusters[i] for i in sorted(ids)]

    def _load(self, keys: list[str], lo: date, hi: date) -> None:
        from tacitus.store import unflatten

        marks = ", ".join("?" for _ in keys)
        ids = [r[0] for r in self.db.execute(
            f"SELECT event_id FROM merged_events WHERE pair_key || '#' || cameo_root IN ({marks}) "
            "AND date BETWEEN ? AND ?", [*keys, lo, hi]).fetchall() if r[0] not in self.clusters]
        for k in keys:
            old = self.loaded.get(k)
            self.loaded[k] = (min(lo, old[0]), max(hi, old[1])) if old else (lo, hi)
        if not ids:
            return
        cur = self.db.execute(
            f"SELECT ev.*, m.event_id AS merged_id FROM mentions m JOIN events ev ON ev.event_id = m.mention_id "
            f"WHERE m.event_id IN ({', '.join('?' for _ in ids)})", ids)
        names = [d[0] for d in cur.description]
        for r in cur.fetchall():
            row = dict(zip(names, r, strict=True))
            m = Mention.from_event(unflatten(row), self.sym)
            m.event_id = row["merged_id"]
            if m.event_id not in self.clusters:
                self.clusters[m.event_id] = Cluster(m.event_id, [])
                self.by_key[_key_of(m)].add(m.event_id)
            self.clusters[m.event_id].mentions.append(m)

    def _story(self, article_id: str, new: list[Mention], joins: dict[int, int],
               new_articles: dict[str, int]) -> int:
        """The article's story: the stories of the articles it shares an event with, or two
        dyads within the window, joined; a new story when there are none."""
        others = {x.article_id for e in {m.event_id for m in new} for x in self.clusters[e].mentions} - {article_id}
        joined = {self._story_of(a, joins) for a in others}
        pairs = sorted({m.pair_key for m in new})
        dated = [m.date or m.published for m in new if (m.date or m.published)]
        if dated and len(pairs) >= stories.STORY_MIN_SHARED_DYADS:
            window = timedelta(days=stories.STORY_WINDOW_DAYS)
            lo, hi = min(dated) - window, max(dated) + window
            shared: dict[str, set[str]] = defaultdict(set)
            for pair in pairs:
                for a, day in self.pair_index.get(pair, ()):
                    if lo <= day <= hi:
                        shared[a].add(pair)
            shared.pop(article_id, None)
            joined |= {self._story_of(a, joins) for a, p in shared.items() if len(p) >= stories.STORY_MIN_SHARED_DYADS}
        joined.discard(None)
        if joined:
            story = min(joined)
            for other in joined - {story}:
                joins[other] = story
        else:
            story = self.next_story
            self.next_story += 1
        self.story_of[article_id] = story
        new_articles[article_id] = story
        for m in new:
            when = m.date or m.published
            if when is not None:
                self.pair_index[m.pair_key].append((article_id, when))
        return story

    def _events(self, article_ids: list[str]) -> dict[str, list[Mention]]:
        """The articles' (not negated) event mentions, read in one query, in the given order."""
        from tacitus.store import unflatten

        out: dict[str, list[Mention]] = {a: [] for a in article_ids}
        if not article_ids:
            return out
        for row in self.store.rows(
                f"SELECT * FROM events WHERE article_id IN ({', '.join('?' for _ in article_ids)}) AND NOT negated "
                f"ORDER BY article_id, sentence_index, event_id", article_ids):
            out[row["article_id"]].append(Mention.from_event(unflatten(row), self.sym))
        return {a: ms for a, ms in out.items() if ms}

    def _prefetch_pairs(self, mentions: list[Mention]) -> None:
        """Which stored articles have events of these dyads near these dates (for stories)."""
        self.pair_index: dict[str, list[tuple[str, date]]] = defaultdict(list)
        dated = [m.date or m.published for m in mentions if (m.date or m.published)]
        pairs = sorted({m.pair_key for m in mentions})
        if not dated or not pairs:
            return
        window = timedelta(days=stories.STORY_WINDOW_DAYS)
        for a, pair, day in self.db.execute(
                f"SELECT DISTINCT m.article_id, e.pair_key, coalesce(m.date, m.published) FROM mentions m "
                f"JOIN merged_events e ON e.event_id = m.event_id WHERE e.pair_key IN ({', '.join('?' for _ in pairs)}) "
                f"AND coalesce(m.date, m.published) BETWEEN ? AND ?",
                [*pairs, min(dated) - window, max(dated) + window]).fetchall():
            self.pair_index[pair].append((a, day))

    def _story_of(self, article_id: str, joins: dict[int, int]) -> int | None:
        if article_id not in self.story_of:
            row = self.db.execute("SELECT story_id FROM article_stories WHERE article_id = ?", [article_id]).fetchall()
            if not row:
                return None
            self.story_of[article_id] = row[0][0]
        return self._final_story(self.story_of[article_id], joins)

    @staticmethod
    def _final_story(story: int | None, joins: dict[int, int]) -> int | None:
        while story in joins:
            story = joins[story]
        return story

    def _write(self, pending: list[Mention], touched: set[int], new_events: set[int], joins: dict[int, int],
               new_articles: dict[str, int]) -> None:
        """One transaction: mentions, events, stories and disagreements of this call."""
        from tacitus.store import MENTION_COLUMNS, MERGED_COLUMNS

        db = self.db
        now = datetime.now(UTC).replace(tzinfo=None)
        old = sorted(touched - new_events)
        db.execute("BEGIN TRANSACTION")
        try:
            added = _added_at(db, old)
            _insert(db, "mentions", MENTION_COLUMNS, [
                {"mention_id": m.mention_id, "event_id": m.event_id, "article_id": m.article_id,
                 "publisher": m.publisher, "url": m.url, "article_path": m.article_path, "published": m.published,
                 "sentence_index": m.sentence_index, "span_start": m.span[0], "span_end": m.span[1],
                 "sentence": m.sentence, "trigger": m.trigger, "cameo": m.cameo, "date": m.date,
                 "date_precision": m.date_precision, "date_source": m.date_source, "confidence": m.confidence,
                 "agreement": m.agreement, "added_at": now} for m in pending])
            for story, target in joins.items():
                db.execute("UPDATE article_stories SET story_id = ? WHERE story_id = ?",
                           [self._final_story(target, joins), story])
            _insert(db, "article_stories", [("article_id", "VARCHAR"), ("story_id", "BIGINT")],
                    [{"article_id": a, "story_id": self._final_story(s, joins)} for a, s in new_articles.items()])
            stories_touched = {self._final_story(s, joins) for s in new_articles.values()}
            rows = []
            for i in sorted(touched):
                c = self.clusters[i]
                row = summarise(i, c.mentions, source_of)
                row["added_at"] = added.get(i, now)
                row["story_id"] = self._final_story(self._story_of(c.mentions[0].article_id, joins), joins)
                stories_touched.add(row["story_id"])
                rows.append(row)
            if old:
                db.execute(f"DELETE FROM merged_events WHERE event_id IN ({', '.join('?' for _ in old)})", old)
            _insert(db, "merged_events", MERGED_COLUMNS, rows)
            gone = sorted(joins)
            if gone:
                db.execute(f"DELETE FROM stories WHERE story_id IN ({', '.join('?' for _ in gone)})", gone)
                for story in gone:
                    db.execute("UPDATE merged_events SET story_id = ? WHERE story_id = ?",
                               [self._final_story(story, joins), story])
            _refresh_stories(self.store, sorted(s for s in stories_touched if s is not None))
            _refresh_disagreements(self.store, sorted(touched))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


def _key_of(m: Mention) -> str:
    return f"{m.pair_key}#{m.root}"


def _insert(db: duckdb.DuckDBPyConnection, table: str, columns: Sequence[tuple[str, str]],
            rows: list[dict[str, Any]]) -> None:
    """Many rows in one statement, through Arrow (DuckDB's executemany goes row by row)."""
    if not rows:
        return
    import pyarrow as pa

    data = pa.table({name: [r.get(name) for r in rows] for name, _ in columns})
    db.register("_tacitus_rows", data)
    try:
        names = ", ".join(f'"{n}"' for n, _ in columns)
        db.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _tacitus_rows")
    finally:
        db.unregister("_tacitus_rows")


def _max(db: duckdb.DuckDBPyConnection, table: str, column: str) -> int:
    return int(db.execute(f"SELECT coalesce(max({column}), 0) FROM {table}").fetchone()[0])


def _vectors(store: Store, sentences: Sequence[str]) -> dict[str, Any]:
    """Sentence vectors by key: from the cache, the missing ones encoded in one batch and cached."""
    import numpy as np

    keys = {agreement.sentence_key(s): s for s in sentences}
    have = {k: np.asarray(v, dtype=np.float32) for k, v in store.db.execute(
        f"SELECT key, vector FROM sentence_vectors WHERE key IN ({', '.join('?' for _ in keys)})",
        list(keys)).fetchall()} if keys else {}
    missing = [k for k in keys if k not in have]
    if missing:
        vectors = agreement.Embedder.encode([keys[k] for k in missing])
        _insert(store.db, "sentence_vectors", [("key", "VARCHAR"), ("vector", "FLOAT[]")],
                [{"key": k, "vector": v.tolist()} for k, v in zip(missing, vectors, strict=True)])
        have.update(zip(missing, vectors, strict=True))
    return have


def _added_at(db: duckdb.DuckDBPyConnection, ids: list[int]) -> dict[int, datetime]:
    if not ids:
        return {}
    return dict(db.execute(f"SELECT event_id, added_at FROM merged_events WHERE event_id IN "
                           f"({', '.join('?' for _ in ids)})", ids).fetchall())


def _refresh_stories(store: Store, ids: list[int]) -> None:
    """Recompute the rows of these stories: dates, counts, main actors, title."""
    if not ids:
        return
    db = store.db
    marks = ", ".join("?" for _ in ids)
    stats = {r[0]: r[1:] for r in db.execute(
        f"SELECT s.story_id, min(coalesce(m.date, m.published)), max(coalesce(m.date, m.published)), "
        f"count(DISTINCT m.article_id), count(DISTINCT m.event_id) FROM mentions m "
        f"JOIN article_stories s USING (article_id) WHERE s.story_id IN ({marks}) GROUP BY 1", ids).fetchall()}
    actors: dict[int, Counter[str]] = defaultdict(Counter)
    main: dict[int, dict] = {}
    for e in store.rows(f"SELECT * FROM merged_events WHERE story_id IN ({marks}) ORDER BY num_articles DESC, "
                        f"num_mentions DESC, date NULLS LAST, event_id", ids):
        main.setdefault(e["story_id"], e)
        for side in ("source", "target"):
            if e[f"{side}_key"]:
                actors[e["story_id"]][e[f"{side}_key"]] += e["num_mentions"]
    titles = dict(db.execute(
        f"SELECT s.story_id, arg_min(a.title, coalesce(a.published, DATE '9999-12-31')) FROM articles a "
        f"JOIN article_stories s ON s.article_id = a.id WHERE s.story_id IN ({marks}) AND a.title IS NOT NULL "
        f"GROUP BY 1", ids).fetchall())
    db.execute(f"DELETE FROM stories WHERE story_id IN ({marks})", ids)
    rows = []
    for story in ids:
        first, last, n_articles, n_events = stats.get(story, (None, None, 0, 0))
        rows.append({"story_id": story, "title": titles.get(story) or _describe(main.get(story)), "first_date": first,
                     "last_date": last, "num_articles": n_articles, "num_events": n_events,
                     "actors": [a for a, _ in actors[story].most_common(6)]})
    _insert(db, "stories", [("story_id", "BIGINT"), ("title", "VARCHAR"), ("first_date", "DATE"),
                            ("last_date", "DATE"), ("num_articles", "INTEGER"), ("num_events", "INTEGER"),
                            ("actors", "VARCHAR[]")], rows)


def _describe(e: dict | None) -> str:
    if not e:
        return ""
    who = e.get("source_name") or e.get("source_key") or "?"
    whom = e.get("target_name") or e.get("target_key") or ""
    when = e["date"].isoformat() if isinstance(e.get("date"), date) else ""
    return f"{who}: {e.get('cameo_name') or e.get('cameo')} {whom} {when}".strip()


def _refresh_disagreements(store: Store, touched: list[int]) -> None:
    """Recompute the disagreements of the events that the touched events' articles report."""
    db = store.db
    tm = ", ".join("?" for _ in touched)
    articles = [r[0] for r in db.execute(
        f"SELECT DISTINCT article_id FROM mentions WHERE event_id IN ({tm})", touched).fetchall()]
    am = ", ".join("?" for _ in articles)
    scope = sorted({r[0] for r in db.execute(
        f"SELECT DISTINCT event_id FROM mentions WHERE article_id IN ({am})", articles).fetchall()})
    sm = ", ".join("?" for _ in scope)
    readers = [r[0] for r in db.execute(
        f"SELECT DISTINCT article_id FROM mentions WHERE event_id IN ({sm})", scope).fetchall()]
    rm = ", ".join("?" for _ in readers)
    db.execute(f"DELETE FROM disagreements WHERE event_id IN ({sm})", scope)
    meta = {r[0]: r[1:] for r in db.execute(
        f"SELECT id, publisher, url, path FROM articles WHERE id IN ({rm})", readers).fetchall()}
    texts = {(r[0], r[1]): r[2] for r in db.execute(
        f"SELECT article_id, idx, text FROM sentences WHERE article_id IN ({rm})", readers).fetchall()}
    events = {r["event_id"]: r for r in store.rows(
        f"SELECT event_id, num_articles, source_key, target_key, story_id FROM merged_events WHERE event_id IN "
        f"(SELECT DISTINCT event_id FROM mentions WHERE article_id IN ({rm}))", readers)}
    in_sentence: dict[tuple[str, int], set[int]] = defaultdict(set)
    first_seen: dict[tuple[str, int], int] = {}
    for a, i, ev in db.execute(f"SELECT article_id, sentence_index, event_id FROM mentions WHERE article_id IN ({rm})",
                               readers).fetchall():
        in_sentence[(a, i)].add(ev)
        first_seen[(a, ev)] = min(first_seen.get((a, ev), i), i)
    named: dict[tuple[str, int], set[str]] = defaultdict(set)
    for a, i, country, code in db.execute(
            f"SELECT article_id, sentence_index, country, code FROM actors WHERE article_id IN ({rm})", readers).fetchall():
        named[(a, i)].add(country or code)

    events_of: dict[str, list[int]] = defaultdict(list)  # each article's events, looked up per figure
    for a, ev in first_seen:
        events_of[a].append(ev)

    def rank(a: str, ev: int) -> tuple:
        return (-events[ev]["num_articles"], first_seen.get((a, ev), 1 << 30), ev)

    rows: list[list[Any]] = []
    claims = []
    for a, i, text, kind, value, unit, measure, change in db.execute(
            f"SELECT article_id, sentence_index, text, kind, value, unit, measure, change FROM figures "
            f"WHERE article_id IN ({rm})", readers).fetchall():
        here = in_sentence.get((a, i))
        if here:
            ev = min(here, key=lambda e: rank(a, e))
        else:
            parties = named.get((a, i), set())
            mine = [e for e in events_of[a] if parties & {events[e]["source_key"], events[e]["target_key"]}]
            if not mine:
                continue
            ev = min(mine, key=lambda e: rank(a, e))
        if ev in scope:
            claims.append({"event_id": ev, "article_id": a, "sentence_index": i, "text": text, "kind": kind,
                           "value": value, "unit": unit, "measure": measure, "change": change})
    for n, group in enumerate(stories.figure_disagreements(claims)):
        ev = group[0]["event_id"]
        subject = f"{group[0]['measure']} ({group[0]['unit'] or group[0]['kind']})"
        for c in group:
            publisher, url, path = meta.get(c["article_id"], (None, None, None))
            rows.append([f"{ev}-figure-{n}", events[ev]["story_id"], ev, "figure", subject, c["value"], c["text"],
                         c["article_id"], publisher, url or path, c["sentence_index"],
                         texts.get((c["article_id"], c["sentence_index"]))])
    told = defaultdict(list)
    for ev, a, i, when, sentence in db.execute(
            f"SELECT event_id, article_id, sentence_index, date, sentence FROM mentions WHERE event_id IN ({sm}) "
            f"AND date_source = 'text' AND date_precision = 'day'", scope).fetchall():
        told[ev].append((when, a, i, sentence))
    for ev, items in told.items():
        if len({w for w, *_ in items}) < 2 or len({a for _, a, *_ in items}) < 2:
            continue
        seen = set()
        for when, a, i, sentence in sorted(items):
            if (when, a) in seen:
                continue
            seen.add((when, a))
            publisher, url, path = meta.get(a, (None, None, None))
            rows.append([f"{ev}-date", events[ev]["story_id"], ev, "date", "date", float(when.toordinal()),
                         when.isoformat(), a, publisher, url or path, i, sentence])
    if rows:
        db.executemany("INSERT INTO disagreements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
