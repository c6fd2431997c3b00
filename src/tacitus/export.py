"""Writing events: JSON Lines (the spec's nested records), CSV and Parquet (flattened columns).

JSON Lines follows ``shared/spec/events-jsonl.md`` exactly (one ``Event.to_dict()`` a line);
CSV and Parquet have the store's flat columns (``source_country``, ``span_start``...) in a
fixed order, with a typed Parquet schema so an empty export still has its columns.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tacitus.errors import InputError
from tacitus.store import EVENT_COLUMNS, flatten

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".parquet": "parquet"}


def _arrow_schema():  # noqa: ANN202 - pyarrow is imported lazily
    import pyarrow as pa

    types = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
             "DATE": pa.string(), "VARCHAR[]": pa.list_(pa.string())}
    return pa.schema([(name, types[t.split()[0]]) for name, t in EVENT_COLUMNS])


def to_jsonl_lines(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    for e in events:
        yield json.dumps(e, ensure_ascii=False)


def format_for(path: str | Path) -> str:
    fmt = FORMATS.get(Path(str(path)).suffix.lower())
    if fmt is None:
        raise InputError(f"cannot tell the export format of {path}",
                         hint="name the file .jsonl, .csv or .parquet")
    return fmt


def write_events(events: Iterable[dict[str, Any]], path: str | Path, fmt: str | None = None) -> int:
    """Write events to ``path`` ("-" for standard output); returns how many were written."""
    fmt = fmt or format_for(path)
    rows = list(events)
    if fmt == "jsonl":
        lines = "".join(line + "\n" for line in to_jsonl_lines(rows))
        if str(path) == "-":
            sys.stdout.write(lines)
        else:
            Path(path).write_text(lines, encoding="utf-8")
    elif fmt == "csv":
        columns = [n for n, _ in EVENT_COLUMNS]
        fh = sys.stdout if str(path) == "-" else open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
        try:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            for e in rows:
                row = flatten(e)
                row["sectors"] = ";".join(row["sectors"])
                writer.writerow(row)
        finally:
            if fh is not sys.stdout:
                fh.close()
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = _arrow_schema()
        flat = [flatten(e) for e in rows]
        table = pa.Table.from_pylist(flat, schema=schema) if flat else schema.empty_table()
        pq.write_table(table, str(path))
    else:
        raise InputError(f"unknown export format {fmt!r}", hint="use jsonl, csv or parquet")
    return len(rows)
