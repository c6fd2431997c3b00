"""The web pages: the API's payloads rendered through Jinja2 templates (``templates/``).

Each page calls the same payload function as its API route (``api.events_payload`` for the
events table and ``/api/events``...), so what a page shows is what the API returns.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tacitus.history import QUADS
from tacitus.serve import api, charts
from tacitus.serve.app import APIError, check_token

router = APIRouter(include_in_schema=False)
PAGE = 50


def render(request: Request, name: str, **context: Any) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, {"quads": QUADS, **context})


def highlight(sentence: str, offsets: dict[str, list[int] | None]) -> list[tuple[str, str | None]]:
    """The sentence cut into pieces, each marked "source", "trigger", "target" or None."""
    marks = sorted((v[0], v[1], k) for k, v in offsets.items() if v)
    pieces, at = [], 0
    for start, end, role in marks:
        if start < at or end > len(sentence):  # overlapping or out of range: leave unmarked
            continue
        if start > at:
            pieces.append((sentence[at:start], None))
        pieces.append((sentence[start:end], role))
        at = end
    if at < len(sentence):
        pieces.append((sentence[at:], None))
    return pieces


@router.get("/")
def home() -> Response:
    return RedirectResponse("/events", status_code=307)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, held: api.Held, filters: api.Filters,
                offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> Response:
    payload = api.events_payload(held, filters, PAGE, offset, list(api.FACETS), base="/events")
    previous = None
    if offset > 0:
        from urllib.parse import urlencode

        previous = f"/events?{urlencode({**filters.query(), 'offset': max(0, offset - PAGE)})}"
    return render(request, "events.html", page="events", data=payload, filters=filters, previous=previous,
                  month_chart=charts.months(payload["facets"].get("month", [])))


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, held: api.Held, event_id: Annotated[int, Path(ge=0, le=2**62)]) -> Response:
    event = api.event_payload(held, event_id)
    for m in event["mentions"]:
        m["pieces"] = highlight(m["sentence"] or "", m["offsets"])
    outlets = sorted({m["publisher"] or m["url"] or m["article_path"] or m["article_id"] for m in event["mentions"]})
    return render(request, "event.html", page="event", event=event, outlets=outlets,
                  pair=_pair(event.get("source_country") or event.get("source_code"),
                             event.get("target_country") or event.get("target_code")))


def _pair(a: str | None, b: str | None) -> str | None:
    return f"/pairs/{a}/{b}" if a and b and a.isalnum() and b.isalnum() else None


@router.get("/pairs/{a}/{b}", response_class=HTMLResponse)
def pair_page(request: Request, held: api.Held, a: Annotated[str, Path(pattern=api.ACTOR)],
              b: Annotated[str, Path(pattern=api.ACTOR)],
              by: Annotated[str, Query(pattern="^(day|week|month)$")] = "month",
              since: date | None = None, until: date | None = None) -> Response:
    history = api.dyad_payload(held, a, b, by, since, until)
    chart = charts.dyad_timeline(history) if history["periods"] else None
    return render(request, "pair.html", page="pair", history=history, spec=chart)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, held: api.Held, top: Annotated[int, Query(ge=1, le=1000)] = 40) -> Response:
    payload = api.actors_payload(held, top, network=True)
    graph = payload["network"]
    keep = {r["key"] for r in payload["actors"]}
    graph = {"nodes": [n for n in graph["nodes"] if n["id"] in keep],
             "links": [e for e in graph["links"] if e["source"] in keep and e["target"] in keep]}
    return render(request, "actors.html", page="actors", data=payload,
                  spec=charts.network(graph) if graph["nodes"] else None)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, held: api.Held, filters: api.Filters) -> Response:
    payload = api.places_payload(held, filters)
    return render(request, "map.html", page="map", data=payload, filters=filters,
                  spec=charts.world_map(payload["places"]))


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, held: api.Held) -> Response:
    return render(request, "stories.html", page="stories", stories=api.plain(held.reader().stories()))


@router.get("/paste", response_class=HTMLResponse)
def paste_page(request: Request) -> Response:
    return render(request, "paste.html", page="paste", result=None, form={})


@router.post("/paste", response_class=HTMLResponse)
async def paste_post(request: Request, held: api.Held) -> Response:
    form = await request.form()
    fields = {k: str(form.get(k) or "").strip() for k in ("text", "title", "publisher", "published", "url", "token")}
    check_token(request, fields["token"] or None)
    kind = "html" if fields["text"].lstrip().startswith("<") else "text"
    meta = {k: fields[k] or None for k in ("title", "publisher", "published", "url")}
    body = fields["text"].encode()
    try:
        result = await api.run_work(held, lambda: api.code_payload(held, body, kind, meta))
    except APIError as err:
        if err.status in (401, 403):
            raise
        return render(request, "paste.html", page="paste", result=None, error=err.body(), form=fields)
    return render(request, "paste.html", page="paste", result=result, form={**fields, "text": ""})


@router.get("/explain", response_class=HTMLResponse)
async def explain_page(request: Request, held: api.Held,
                       text: Annotated[str | None, Query(max_length=5000)] = None,
                       published: date | None = None) -> Response:
    result = None
    if text and text.strip():
        result = await api.run_work(held, lambda: api.explain_payload(text, published))
    return render(request, "explain.html", page="explain", result=result, text=text or "", published=published)
