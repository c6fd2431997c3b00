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

from tacitus.store.db import Store
from tacitus.store.rows import ROW_COLUMNS, TABLE_ORDER, Rows, arrow_schema, pa_array
from tacitus.store.schema import (
    ACTOR_FIELDS,
    DEFAULT_PATH,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    MERGED_COLUMNS,
    SCHEMA,
    SCHEMA_VERSION,
    SERVE_MARK,
    flatten,
    serving,
    unflatten,
)

__all__ = ["ACTOR_FIELDS", "DEFAULT_PATH", "EVENT_COLUMNS", "MENTION_COLUMNS", "MERGED_COLUMNS", "ROW_COLUMNS",
           "SCHEMA", "SCHEMA_VERSION", "SERVE_MARK", "TABLE_ORDER", "Rows", "Store", "arrow_schema", "flatten",
           "pa_array", "serving", "unflatten"]
