"""The JSON API (/api/...), and the payloads its routes share with the pages.

Every route is a thin layer over the store and the library: the filters are the store's
(``Store.events``, ``count_events``, ``event_facets``), histories are ``tacitus.history``'s,
exports ``tacitus.export``'s, coding is ``tacitus.runner.code_and_store`` and explaining
``tacitus.explain``. All values reach DuckDB as bound parameters.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

import anyio
import orjson
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, Field

from tacitus.serve.app import APIError, Holder, check_token, holder

FACETS = ("root", "actor", "month")
ACTOR = r"^[A-Za-z0-9]{1,40}$"
DYAD = r"^[A-Za-z0-9]{1,40}-[A-Za-z0-9]{1,40}$"
CODE = r"^[0-9]{1,4}$"
#: the content types POST /api/articles reads, and the kind of body each is
BODY_TYPES = {"text/plain": "text", "text/html": "html", "application/x-ndjson": "jsonl",
              "application/jsonl": "jsonl", "application/json": "json"}


class FastJSON(Response):
    """JSON by orjson, handed to the client as is: FastAPI's own encoder walks every value of
    a page of events again, which costs more than the query (benchmarks/serve.py)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, default=_default, option=orjson.OPT_NON_STR_KEYS)


def _default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


router = APIRouter(prefix="/api", tags=["api"], default_response_class=FastJSON)


def plain(value: Any) -> Any:
    """A JSON-ready copy: dates as ISO strings, nested lists and dicts too."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


@dataclass
class EventFilters:
    """The filters of ``tacitus events``, as query parameters (the API's and the events page's)."""

    actor: str | None = None
    dyad: str | None = None
    code: str | None = None
    quad: int | None = None
    since: date | None = None
    until: date | None = None
    min_confidence: float | None = None
    negated: bool = False
    q: str | None = None

    def store_kwargs(self) -> dict[str, Any]:
        pair = tuple(self.dyad.upper().split("-", 1)) if self.dyad else None
        return {"actor": self.actor.upper() if self.actor else None, "dyad": pair, "code": self.code,
                "quad_class": self.quad, "since": self.since, "until": self.until,
                "min_confidence": self.min_confidence, "include_negated": self.negated, "text": self.q or None}

    def query(self) -> dict[str, Any]:
        """The filters that are set, as query parameters."""
        return {k: (str(v).lower() if isinstance(v, bool) else v) for k, v in asdict(self).items()
                if v not in (None, "", False)}


def event_filters(
    actor: Annotated[str | None, Query(pattern=ACTOR, description="Country or CAMEO actor code (prefix), "
                                                                  "as source or target: FRA, RUSGOV, IGOUNO")] = None,
    dyad: Annotated[str | None, Query(pattern=DYAD, description="Two actors, either way round: FRA-KAZ")] = None,
    code: Annotated[str | None, Query(pattern=CODE, description="CAMEO code or root (prefix): 04, 057")] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="Quad class: 1 verbal cooperation ... "
                                                              "4 material conflict")] = None,
    since: Annotated[date | None, Query(description="Events on or after this date")] = None,
    until: Annotated[date | None, Query(description="Events on or before this date")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description="Confidence at least this")] = None,
    negated: Annotated[bool, Query(description="Include events the text says did not happen")] = False,
    q: Annotated[str | None, Query(max_length=200, description="Text in the evidence sentence (any case)")] = None,
) -> EventFilters:
    return EventFilters(actor or None, dyad or None, code or None, quad, since, until, min_confidence, negated,
                        q or None)


Filters = Annotated[EventFilters, Depends(event_filters)]
Held = Annotated[Holder, Depends(holder)]


def events_payload(held: Holder, filters: EventFilters, limit: int, offset: int,
                   facets: list[str], base: str = "/api/events") -> dict[str, Any]:
    """A page of events with the total count, the next page's URL and the facet counts."""
    if limit > held.settings.max_page:
        raise APIError(422, "invalid_parameter", f"limit {limit} is over this server's page size cap "
                       f"({held.settings.max_page})", "ask for fewer events per page, and page with offset")
    bad = [f for f in facets if f not in FACETS]
    if bad:
        raise APIError(422, "invalid_parameter", f"no facet {bad[0]!r}", f"facet by {', '.join(FACETS)}")
    store = held.reader()
    kwargs = filters.store_kwargs()
    total = store.count_events(**kwargs)
    rows = store.events(**kwargs, merged=True, limit=limit, offset=offset)
    following = None
    if offset + limit < total:
        following = f"{base}?{urlencode({**filters.query(), 'limit': limit, 'offset': offset + limit})}"
    return {"total": total, "limit": limit, "offset": offset, "next": following, "filters": filters.query(),
            "events": rows, "facets": store.event_facets(facets, **kwargs) if facets else {}}


@router.get("/events", summary="Events (one per coded sentence event), filtered, paged, with facet counts")
def events(held: Held, filters: Filters,
           limit: Annotated[int, Query(ge=1, le=500, description="Events per page")] = 50,
           offset: Annotated[int, Query(ge=0, le=10_000_000, description="Events to skip")] = 0,
           facet: Annotated[list[str], Query(description="Count by root, actor or month (repeatable)")] = (),
           ) -> Response:
    key = (tuple(sorted(filters.query().items())), limit, offset, tuple(facet))
    body = held.cached(key, lambda: FastJSON(events_payload(held, filters, limit, offset, list(facet))).body)
    return Response(body, media_type="application/json")


def event_payload(held: Holder, event_id: int) -> dict[str, Any]:
    event = held.reader().merged_event(event_id)
    if event is None:
        raise APIError(404, "not_found", f"no event {event_id}",
                       "event ids are the merged_event_id of /api/events rows")
    return plain(event)


@router.get("/events/{event_id}", summary="A merged event with every mention (sentence, span, offsets of "
                                          "source, trigger and target) and its disagreements")
def event(held: Held, event_id: Annotated[int, Path(ge=0, le=2**62)]) -> FastJSON:
    return FastJSON(event_payload(held, event_id))


def dyad_payload(held: Holder, a: str, b: str, by: str, since: date | None, until: date | None) -> dict[str, Any]:
    from tacitus.history import dyad_history, history_json

    return history_json(dyad_history(held.reader(), a.upper(), b.upper(), by=by, since=since, until=until))


@router.get("/dyads/{a}/{b}", summary="A pair's history: periods by quad class and Goldstein, events with "
                                      "evidence (as tacitus dyad --format json)")
def dyad(held: Held, a: Annotated[str, Path(pattern=ACTOR)], b: Annotated[str, Path(pattern=ACTOR)],
         by: Annotated[str, Query(pattern="^(day|week|month)$")] = "month",
         since: date | None = None, until: date | None = None) -> FastJSON:
    return FastJSON(dyad_payload(held, a, b, by, since, until))


def actors_payload(held: Holder, top: int, network: bool) -> dict[str, Any]:
    from tacitus.history import actor_network, actor_table

    store = held.reader()
    rows = [{"key": r.key, "name": r.name, "events": r.events,
             "partners": [{"key": k, "events": n} for k, n in r.partners]} for r in actor_table(store, top=top)]
    out: dict[str, Any] = {"actors": rows}
    if network:
        import networkx as nx

        out["network"] = nx.node_link_data(actor_network(store), edges="links")
    return out


@router.get("/actors", summary="Actors by number of events with their main partners (as tacitus actors), "
                               "and the actor network as node-link JSON")
def actors(held: Held, top: Annotated[int, Query(ge=1, le=1000)] = 20, network: bool = True) -> FastJSON:
    return FastJSON(actors_payload(held, top, network))


@router.get("/stories", summary="Stories: articles that report the same events (as tacitus stories)")
def stories(held: Held) -> FastJSON:
    return FastJSON(held.reader().stories())


def places_payload(held: Holder, filters: EventFilters) -> dict[str, Any]:
    kwargs = filters.store_kwargs()
    places = held.reader().places(actor=kwargs["actor"], dyad=kwargs["dyad"], code=kwargs["code"],
                                  since=kwargs["since"], until=kwargs["until"])
    return {"places": places, "events": sum(p["events"] for p in places)}


@router.get("/places", summary="Located merged events grouped by place (the map's data)")
def places(held: Held, filters: Filters) -> FastJSON:
    return FastJSON(places_payload(held, filters))


@router.get("/status", summary="The store's counts and whether the server takes writes")
def status(held: Held) -> FastJSON:
    from tacitus import __version__

    return FastJSON({"version": __version__, "store": str(held.settings.db), "writable": held.writable,
                     "max_body": held.settings.max_body, "max_page": held.settings.max_page,
                     "counts": held.reader().counts()})


@router.get("/export", summary="Merged events streamed as tacitus export writes them",
            response_class=StreamingResponse,
            responses={200: {"content": {"application/x-ndjson": {}, "text/tab-separated-values": {}}}})
def export(held: Held, format: Annotated[str, Query(pattern="^(events|gdelt|gdelt-mentions|plover)$")] = "events",
           since: date | None = None, until: date | None = None) -> StreamingResponse:
    from tacitus.export import export_lines

    store = held.store.reader()  # its own cursor: the stream is read across worker threads
    lines = export_lines(store, format, since=since, until=until)
    first = next(lines, "")  # errors surface before the response starts

    def stream():  # noqa: ANN202 - a generator of str
        try:
            yield first
            yield from lines
        finally:
            store.close()

    media = "application/x-ndjson" if format in ("events", "plover") else "text/tab-separated-values"
    name = {"events": "events.jsonl", "plover": "plover.jsonl", "gdelt": "events.export.tsv",
            "gdelt-mentions": "events.mentions.tsv"}[format]
    return StreamingResponse(stream(), media_type=media,
                             headers={"content-disposition": f'attachment; filename="{name}"'})


async def run_work(held: Holder, work: Any) -> Any:
    """Run a pipeline job (coding, explaining) in a worker thread, one at a time, within the
    server's time limit.

    Raises:
        APIError: 504 when the limit passes (what was stored before stays stored).
    """
    def locked() -> Any:
        with held.work:
            return work()

    try:
        with anyio.fail_after(held.settings.timeout + 5):
            return await anyio.to_thread.run_sync(locked)
    except TimeoutError:
        raise APIError(504, "timeout", f"the request took more than {held.settings.timeout:.0f} s",
                       "send fewer or shorter articles per request; what was stored stays stored") from None


def code_payload(held: Holder, body: bytes, kind: str, meta: dict[str, Any]) -> dict[str, Any]:
    """Code and store a request's articles; what ``POST /api/articles`` and the paste page return."""
    from tacitus.ingest import read_body
    from tacitus.pipeline import _pipeline
    from tacitus.runner import code_and_store

    deadline = time.monotonic() + held.settings.timeout
    items = list(read_body(body, kind, name="request", meta=meta))
    try:
        report = code_and_store(items, _pipeline(None), held.reader(), deadline=deadline)
    finally:
        held.changed()
    ids = [e.event_id for e in report.coded_events]
    merged = {}
    if ids:
        store = held.reader()
        marks = ", ".join("?" for _ in ids)
        merged = {r["mention_id"]: r["event_id"] for r in store.rows(
            f"SELECT mention_id, event_id FROM mentions WHERE mention_id IN ({marks})", ids)}
    skipped = [{"input": s.path, "line": s.line, "reason": s.reason} for s in report.skipped]
    if report.coded == 0:
        reasons = "; ".join(f"{s['input']}{':' + str(s['line']) if s['line'] else ''}: {s['reason']}"
                            for s in skipped[:5])
        raise APIError(422, "nothing_coded", f"nothing could be coded: {reasons or 'no article in the body'}",
                       "send English text, HTML, or JSON Lines with a \"text\" or \"html\" field per line")
    return {"read": report.read, "coded": report.coded, "stored": report.stored,
            "already_stored": report.duplicates, "skipped": skipped,
            "events": [{**e.to_dict(), "merged_event_id": merged.get(e.event_id)} for e in report.coded_events]}


def body_kind(content_type: str, given: str | None) -> str:
    if given:
        return given
    kind = BODY_TYPES.get(content_type.split(";")[0].strip().lower())
    if kind is None:
        raise APIError(415, "unsupported_media_type", f"cannot read a body of type {content_type or 'none'!r}",
                       "send text/plain, text/html, application/x-ndjson (JSON Lines) or application/json")
    return kind


_ARTICLE_BODY = {"required": True, "content": {
    "text/plain": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}},
    "application/x-ndjson": {"schema": {"type": "string", "description": "JSON Lines: one article a line, "
                                                                         "with text or html and metadata"}},
    "application/json": {"schema": {"type": "object", "properties": {
        "text": {"type": "string"}, "html": {"type": "string"}, "title": {"type": "string"},
        "url": {"type": "string"}, "publisher": {"type": "string"}, "published": {"type": "string"}}}}}}


@router.post("/articles", summary="Code articles (text, HTML, JSON Lines or one JSON object) and store them; "
                                  "needs the token", openapi_extra={"requestBody": _ARTICLE_BODY})
async def articles(request: Request, held: Held,
                   format: Annotated[str | None, Query(pattern="^(text|html|jsonl)$",
                                                       description="The body's kind, over its content type")] = None,
                   title: Annotated[str | None, Query(max_length=500)] = None,
                   url: Annotated[str | None, Query(max_length=2000)] = None,
                   publisher: Annotated[str | None, Query(max_length=200)] = None,
                   published: Annotated[str | None, Query(max_length=40, description="YYYY-MM-DD")] = None,
                   ) -> dict[str, Any]:
    check_token(request)
    kind = body_kind(request.headers.get("content-type", ""), format)
    body = await request.body()
    meta = {"title": title, "url": url, "publisher": publisher, "published": published}
    if kind == "json":
        import json

        try:
            obj = json.loads(body)
        except ValueError as err:
            raise APIError(400, "bad_request", f"the body is not JSON: {err}",
                           "send one JSON object, or JSON Lines as application/x-ndjson") from None
        if not isinstance(obj, dict):
            raise APIError(400, "bad_request", "the JSON body must be one object",
                           "send {\"text\": ..., \"published\": ...}, or JSON Lines as application/x-ndjson")
        body, kind = (json.dumps({**{k: v for k, v in meta.items() if v}, **obj}) + "\n").encode(), "jsonl"
    return await run_work(held, lambda: code_payload(held, body, kind, meta))


class ExplainRequest(BaseModel):
    text: str = Field(min_length=1, max_length=5000, description="One or a few sentences")
    published: date | None = Field(default=None, description="Date relative dates are read against")


def explain_payload(text: str, published: date | None) -> dict[str, Any]:
    from tacitus.explain import explain

    result = explain(text, published=published)
    return {"model": result.model, "sentences": [[asdict(t) for t in rows] for rows in result.tokens],
            "actors": [{"sentence": s, "text": w, "code": c, "how": h} for s, w, c, h in result.actors],
            "fired": [asdict(f) for f in result.fired], "events": [e.to_dict() for e in result.events]}


@router.post("/explain", summary="Why a sentence is coded as it is (as tacitus explain): parse, actors, "
                                 "patterns that fired, events")
async def explain(held: Held, request_body: ExplainRequest) -> dict[str, Any]:
    return await run_work(held, lambda: explain_payload(request_body.text, request_body.published))

