"""Bulk rows: what a batch of coded articles adds to each table, gathered as Arrow columns.

Part of :mod:`tacitus.store`.
"""


from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from tacitus.records import ActorMention, Article, Event, Sentence
from tacitus.store.schema import EVENT_COLUMNS, flatten

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
