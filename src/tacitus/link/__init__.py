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
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import duckdb

from tacitus.errors import StoreError
from tacitus.link import agreement, stories
from tacitus.link.merge import DATE_SLACK_DAYS, Cluster, Mention, Merger, source_of, summarise

if TYPE_CHECKING:
    from tacitus.store import Store

__all__ = ["LinkResult", "link_article", "link_pending"]


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
    """The codes whose two parties play the same part, from the pattern dictionary."""
    from tacitus.events.patterns import load

    return frozenset(getattr(load(), "symmetric_codes", set()) or set())


def link_pending(store: Store, embed: bool = True) -> list[LinkResult]:
    """Link every stored article that has events but no mentions yet, oldest first."""
    todo = [r[0] for r in store.db.execute(
        "SELECT a.id FROM articles a WHERE EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND NOT e.negated) "
        "AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id) "
        "ORDER BY a.published NULLS LAST, a.coded_at, a.id").fetchall()]
    return [r for r in (link_article(store, a, embed=embed) for a in todo) if r is not None]


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
    db = store.db
    if db.execute("SELECT 1 FROM mentions WHERE article_id = ? LIMIT 1", [article_id]).fetchone():
        return None
    events = store.events(article_id=article_id)
    if not events:
        return None
    sym = set(symmetric_codes())
    new = [Mention.from_event(e, sym) for e in events]
    result = LinkResult(article_id, mentions=len(new))
    try:
        db.execute("BEGIN TRANSACTION")
        candidates = _candidates(store, new, sym)
        counter = iter(range(_max(db, "merged_events", "event_id") + 1, 1 << 62))
        lookup = functools.partial(_vectors, store) if embed else (lambda sentences: {})
        touched = Merger(lookup).assign(new, candidates, lambda: next(counter))
        now = datetime.now(UTC).replace(tzinfo=None)
        _write_mentions(db, new, now)
        added = _added_at(db, [c.event_id for c in touched if not c.new])
        for c in touched:
            row = summarise(c.event_id, c.mentions, source_of)
            row["added_at"] = added.get(c.event_id, now)
            _upsert_event(db, row, c.new)
            if c.new:
                result.new_events += 1
            else:
                result.merged_into.append(c.event_id)
        result.story_id = _update_story(store, article_id, new, [c.event_id for c in touched])
        db.execute("COMMIT")
    except duckdb.Error as err:
        db.execute("ROLLBACK")
        raise StoreError(f"could not link article {article_id}: {err}",
                         hint="its events are stored; the next `tacitus code` run links it again") from err
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return result


def _max(db: duckdb.DuckDBPyConnection, table: str, column: str) -> int:
    return int(db.execute(f"SELECT coalesce(max({column}), 0) FROM {table}").fetchone()[0])


def _candidates(store: Store, new: list[Mention], sym: set[str]) -> list[Cluster]:
    """Stored events that could take the article's mentions: same pair and root, near dates."""
    from tacitus.store import unflatten

    dated = [m.date for m in new if m.date is not None]
    if not dated:
        return []  # undated mentions only join events of their own article
    keys = sorted({f"{m.pair_key}#{m.root}" for m in new if m.date is not None})
    # generous bounds: a coarse mention (a month, a year) spans more than its date
    lo = min(dated) - timedelta(days=366 + 2 * DATE_SLACK_DAYS)
    hi = max(dated) + timedelta(days=366 + 2 * DATE_SLACK_DAYS)
    marks = ", ".join("?" for _ in keys)
    ids = [r[0] for r in store.db.execute(
        f"SELECT event_id FROM merged_events WHERE pair_key || '#' || cameo_root IN ({marks}) "
        "AND date BETWEEN ? AND ?", [*keys, lo, hi]).fetchall()]
    if not ids:
        return []
    cur = store.db.execute(
        f"SELECT ev.*, m.event_id AS merged_id FROM mentions m JOIN events ev ON ev.event_id = m.mention_id "
        f"WHERE m.event_id IN ({', '.join('?' for _ in ids)})", ids)
    names = [d[0] for d in cur.description]
    clusters: dict[int, Cluster] = {}
    for r in cur.fetchall():
        row = dict(zip(names, r, strict=True))
        m = Mention.from_event(unflatten(row), sym)
        m.event_id = row["merged_id"]
        clusters.setdefault(m.event_id, Cluster(m.event_id, [])).mentions.append(m)
    return list(clusters.values())


def _vectors(store: Store, sentences: Sequence[str]) -> dict[str, list[float]]:
    """Sentence vectors by key: from the cache, the missing ones encoded in one batch and cached."""
    keys = {agreement.sentence_key(s): s for s in sentences}
    have = {k: list(v) for k, v in store.db.execute(
        f"SELECT key, vector FROM sentence_vectors WHERE key IN ({', '.join('?' for _ in keys)})",
        list(keys)).fetchall()} if keys else {}
    missing = [k for k in keys if k not in have]
    if missing:
        vectors = agreement.Embedder.encode([keys[k] for k in missing])
        store.db.executemany("INSERT OR IGNORE INTO sentence_vectors VALUES (?, ?)",
                             [[k, v] for k, v in zip(missing, vectors, strict=True)])
        have.update(zip(missing, vectors, strict=True))
    return have


def _write_mentions(db: duckdb.DuckDBPyConnection, mentions: list[Mention], now: datetime) -> None:
    db.executemany(
        "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [[m.mention_id, m.event_id, m.article_id, m.publisher, m.url, m.article_path, m.published,
          m.sentence_index, m.span[0], m.span[1], m.sentence, m.trigger, m.cameo, m.date, m.date_precision,
          m.date_source, m.confidence, m.agreement, now] for m in mentions])


def _added_at(db: duckdb.DuckDBPyConnection, ids: list[int]) -> dict[int, datetime]:
    if not ids:
        return {}
    return dict(db.execute(f"SELECT event_id, added_at FROM merged_events WHERE event_id IN "
                           f"({', '.join('?' for _ in ids)})", ids).fetchall())


def _upsert_event(db: duckdb.DuckDBPyConnection, row: dict[str, Any], new: bool) -> None:
    from tacitus.store import MERGED_COLUMNS

    names = [n for n, _ in MERGED_COLUMNS]
    if new:
        db.execute(f"INSERT INTO merged_events VALUES ({', '.join('?' for _ in names)})",
                   [row.get(n) for n in names])
    else:
        sets = [n for n in names if n not in ("event_id", "story_id")]
        assignments = ", ".join(f'"{n}" = ?' for n in sets)
        db.execute(f"UPDATE merged_events SET {assignments} WHERE event_id = ?",
                   [row.get(n) for n in sets] + [row["event_id"]])


def _update_story(store: Store, article_id: str, new: list[Mention], touched: list[int]) -> int:
    """Put the article in a story (joining the stories it bridges), then refresh the story."""
    db = store.db
    marks = ", ".join("?" for _ in touched)
    joined = {r[0] for r in db.execute(
        f"SELECT DISTINCT s.story_id FROM mentions m JOIN article_stories s USING (article_id) "
        f"WHERE m.event_id IN ({marks}) AND m.article_id <> ?", [*touched, article_id]).fetchall()}
    pairs = sorted({m.pair_key for m in new})
    dated = [m.date or m.published for m in new if (m.date or m.published)]
    if dated and len(pairs) >= stories.STORY_MIN_SHARED_DYADS:
        window = timedelta(days=stories.STORY_WINDOW_DAYS)
        joined |= {r[0] for r in db.execute(
            f"SELECT s.story_id FROM mentions m JOIN merged_events e ON e.event_id = m.event_id "
            f"JOIN article_stories s ON s.article_id = m.article_id "
            f"WHERE e.pair_key IN ({', '.join('?' for _ in pairs)}) AND m.article_id <> ? "
            f"AND coalesce(m.date, m.published) BETWEEN ? AND ? "
            f"GROUP BY s.story_id, m.article_id HAVING count(DISTINCT e.pair_key) >= ?",
            [*pairs, article_id, min(dated) - window, max(dated) + window,
             stories.STORY_MIN_SHARED_DYADS]).fetchall()}
    if joined:
        story = min(joined)
        others = sorted(joined - {story})
        if others:
            om = ", ".join("?" for _ in others)
            db.execute(f"UPDATE article_stories SET story_id = ? WHERE story_id IN ({om})", [story, *others])
            db.execute(f"DELETE FROM stories WHERE story_id IN ({om})", others)
    else:
        story = _max(db, "stories", "story_id") + 1
    db.execute("INSERT INTO article_stories VALUES (?, ?)", [article_id, story])
    db.execute("UPDATE merged_events SET story_id = ? WHERE event_id IN (SELECT DISTINCT m.event_id FROM mentions m "
               "JOIN article_stories s USING (article_id) WHERE s.story_id = ?)", [story, story])
    _refresh_story(store, story)
    _refresh_disagreements(store, touched)
    return story


def _refresh_story(store: Store, story: int) -> None:
    db = store.db
    first, last, n_articles, n_events = db.execute(
        "SELECT min(coalesce(m.date, m.published)), max(coalesce(m.date, m.published)), "
        "count(DISTINCT m.article_id), count(DISTINCT m.event_id) FROM mentions m "
        "JOIN article_stories s USING (article_id) WHERE s.story_id = ?", [story]).fetchone()
    actors: Counter[str] = Counter()
    main = None
    for e in store.rows("SELECT * FROM merged_events WHERE story_id = ? ORDER BY num_articles DESC, "
                        "num_mentions DESC, date NULLS LAST, event_id", [story]):
        main = main or e
        for side in ("source", "target"):
            if e[f"{side}_key"]:
                actors[e[f"{side}_key"]] += e["num_mentions"]
    titled = db.execute("SELECT a.title FROM articles a JOIN article_stories s ON s.article_id = a.id "
                        "WHERE s.story_id = ? AND a.title IS NOT NULL ORDER BY a.published NULLS LAST, a.id "
                        "LIMIT 1", [story]).fetchone()
    title = titled[0] if titled else _describe(main)
    db.execute("DELETE FROM stories WHERE story_id = ?", [story])
    db.execute("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?)",
               [story, title, first, last, n_articles, n_events, [a for a, _ in actors.most_common(6)]])


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
            mine = [e for (art, e) in first_seen if art == a
                    and parties & {events[e]["source_key"], events[e]["target_key"]}]
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
