"""The app: settings, the store the server holds, one error shape, the body limit and the token.

Errors, whatever raised them (a bad parameter, an unknown route, a store error, a bug), reach
the client in one JSON shape, ``{"status", "code", "message", "hint"}``, under ``/api``; pages
render the same fields as HTML.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from tacitus.errors import StoreError, TacitusError
from tacitus.history import QUADS
from tacitus.store import SERVE_MARK, Store

log = logging.getLogger(__name__)
HERE = Path(__file__).parent

#: Defaults of ``tacitus serve`` (each has its option; README lists them).
MAX_BODY = 5_000_000  # bytes: a long article as HTML is well under 1 MB; JSON Lines batches more
MAX_PAGE = 500  # events per page of /api/events
CODING_TIMEOUT = 120.0  # seconds for one coding request (articles not begun by then are skipped)
CACHE_SIZE = 1024  # answers of /api/events kept (a page of 50 events is about 60 kB: at most ~60 MB)


@dataclass
class Settings:
    """How ``tacitus serve`` runs.

    Attributes:
        db: the store file the server holds.
        host, port: where it listens (127.0.0.1 unless told).
        token: the token writes need; None makes the server read-only.
        max_body: largest request body in bytes (413 beyond it).
        max_page: largest page of events a client may ask for.
        timeout: seconds a coding or explain request may take.
        cache: answers of /api/events kept in memory until the store changes (0: none).
    """

    db: str = "tacitus.duckdb"
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    max_body: int = MAX_BODY
    max_page: int = MAX_PAGE
    timeout: float = CODING_TIMEOUT
    cache: int = CACHE_SIZE

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


class APIError(Exception):
    """An error for the client, in the one shape: status, code, message, hint."""

    def __init__(self, status: int, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.hint = status, code, message, hint

    def body(self) -> dict[str, Any]:
        return {"status": self.status, "code": self.code, "message": self.message, "hint": self.hint}


class Holder:
    """The store the server holds for its whole life, and the locks around it.

    A server with a token opens the store for writing (creating it if missing): it is then
    the one process that may write the file. Without a token it opens it read-only, so that
    ``tacitus events``, ``dyad``, ``export`` can read the same file meanwhile.

    Raises:
        StoreError: the store cannot be opened (missing for a read-only server, or held by
            another process).
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.writable = bool(settings.token)
        if not self.writable and not Path(settings.db).exists():
            raise StoreError(f"no store at {settings.db}",
                             hint="code articles into it first (`tacitus code PATH... --db FILE`), or start the "
                                  "server with --token so that it takes uploads into a new store")
        self.store = Store(settings.db, read_only=not self.writable)
        self.local = threading.local()
        #: the pipeline (spaCy is not shared between threads) and every write: one at a time
        self.work = threading.Lock()
        self.mark = Path(str(settings.db) + SERVE_MARK)
        #: answers of GET /api/events by query, valid while the store is unchanged: the server
        #: holds the store, so its own writes (which bump ``generation``) are the only changes
        self.generation = 0
        self.cache: OrderedDict[tuple, bytes] = OrderedDict()
        self.cache_lock = threading.Lock()

    def cached(self, key: tuple, make: Callable[[], bytes]) -> bytes:
        """The answer for ``key`` from the cache, or ``make()``'s (kept for the next ask)."""
        if self.settings.cache <= 0:
            return make()
        key = (self.generation, *key)
        with self.cache_lock:
            if key in self.cache:
                self.cache.move_to_end(key)
                return self.cache[key]
        value = make()
        with self.cache_lock:
            self.cache[key] = value
            while len(self.cache) > self.settings.cache:
                self.cache.popitem(last=False)
        return value

    def changed(self) -> None:
        """The store was written: forget the cached answers."""
        with self.cache_lock:
            self.generation += 1
            self.cache.clear()

    def reader(self) -> Store:
        """This thread's cursor on the store (reads see every committed write)."""
        view = getattr(self.local, "view", None)
        if view is None:
            view = self.local.view = self.store.reader()
        return view

    def warm(self) -> None:
        """Load the pipeline (spaCy, dictionaries) before the first coding or explain request."""
        from tacitus.pipeline import _pipeline

        with self.work:
            try:
                _pipeline(None)
            except Exception:  # noqa: BLE001 - the request that needs it reports the error
                log.exception("could not load the pipeline")

    def write_mark(self) -> None:
        info = {"pid": os.getpid(), "url": self.settings.url, "writes": self.writable}
        try:
            self.mark.write_text(json.dumps(info), encoding="utf-8")
        except OSError as err:  # a read-only folder: the lock message is less helpful, nothing worse
            log.warning("cannot write %s: %s", self.mark, err)

    def close(self) -> None:
        try:
            if json.loads(self.mark.read_text(encoding="utf-8")).get("pid") == os.getpid():
                self.mark.unlink()
        except (OSError, ValueError):
            pass
        self.store.close()


def holder(request: Request) -> Holder:
    return request.app.state.holder


def check_token(request: Request, given: str | None = None) -> None:
    """Writes need the server's token: ``Authorization: Bearer TOKEN`` (or a form's ``token``).

    Raises:
        APIError: 403 on a read-only server, 401 for a missing or wrong token.
    """
    expected = request.app.state.settings.token
    if not expected:
        raise APIError(403, "read_only", "this server is read-only: it was started without a token",
                       "restart it with --token TOKEN (or TACITUS_TOKEN set) to accept articles")
    header = request.headers.get("authorization", "")
    if given is None and header.lower().startswith("bearer "):
        given = header[7:].strip()
    if not given:
        raise APIError(401, "unauthorized", "writing needs the server's token",
                       "send the header 'Authorization: Bearer TOKEN' (the token given to tacitus serve)")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise APIError(401, "unauthorized", "wrong token", "use the token given to tacitus serve (--token)")


_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          413: "body_too_large", 415: "unsupported_media_type", 422: "invalid_parameter", 500: "internal_error",
          504: "timeout"}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path in ("/openapi.json",)


def _render_error(request: Request, err: APIError) -> Response:
    if _is_api(request) or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse(err.body(), status_code=err.status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"error": err.body(), "page": "error"},
                                      status_code=err.status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors()[:5]:
        where = " ".join(str(x) for x in e.get("loc", ()))
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install_errors(app: FastAPI) -> None:
    @app.exception_handler(APIError)
    async def api_error(request: Request, exc: APIError) -> Response:
        return _render_error(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = _CODES.get(exc.status_code, "error")
        hint = "see /docs for the API's routes" if exc.status_code in (404, 405) else None
        message = str(exc.detail) if exc.detail else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page or route: {request.url.path}"
        return _render_error(request, APIError(exc.status_code, code, message, hint))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _render_error(request, APIError(422, "invalid_parameter", _validation_message(exc),
                                               "see /docs for each parameter's type and range"))

    @app.exception_handler(TacitusError)
    async def tacitus_error(request: Request, exc: TacitusError) -> Response:
        status = 503 if isinstance(exc, StoreError) else 400
        return _render_error(request, APIError(status, "store_error" if status == 503 else "bad_input",
                                               exc.message, exc.hint))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return _render_error(request, APIError(500, "internal_error", f"the server failed: {type(exc).__name__}",
                                               "this is a bug in tacitus: please report it with the request"))


class BodyLimit:
    """ASGI middleware: a request body over ``limit`` bytes gets 413 before any route reads it."""

    def __init__(self, app: Callable[..., Awaitable[None]], limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        too_big = declared is not None and declared.isdigit() and int(declared) > self.limit
        chunks: list[bytes] = []
        size = 0
        if not too_big:
            more = True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.limit:
                    too_big = True
                    break
                chunks.append(chunk)
                more = message.get("more_body", False)
        if too_big:
            err = APIError(413, "body_too_large", f"the request body is over {self.limit:,} bytes",
                           "send fewer articles per request, or start the server with a larger --max-body")
            await JSONResponse(err.body(), status_code=413, headers={"connection": "close"})(scope, receive, send)
            return
        body = b"".join(chunks)
        sent = False

        async def replay() -> dict:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class DropEmptyQuery:
    """ASGI middleware: a page's form sends its empty fields (``?quad=&since=``); on pages,
    an empty parameter means "not given". The API takes parameters as they come."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/api") and scope.get("query_string"):
            from urllib.parse import parse_qsl, urlencode

            pairs = [(k, v) for k, v in parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
                     if v != ""]
            scope = {**scope, "query_string": urlencode(pairs).encode("latin-1")}
        await self.app(scope, receive, send)


def create_app(settings: Settings, holder_: Holder | None = None) -> FastAPI:
    """The FastAPI app over the store ``settings.db`` (opened now, held until shutdown).

    Raises:
        StoreError: the store cannot be opened.
    """
    from tacitus import __version__
    from tacitus.serve import api, pages

    held = holder_ or Holder(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # noqa: ANN202 - an async context manager
        held.write_mark()
        # import the pipeline's modules here, in one thread: tacitus imports spaCy lazily, and a
        # request importing it while the warm-up thread does fails half-way (spaCy's modules
        # are not safe to import from two threads at once)
        import tacitus.events.codebook  # noqa: F401
        import tacitus.pipeline  # noqa: F401

        if held.writable:  # a server that codes uploads loads the pipeline now, not on the first upload
            threading.Thread(target=held.warm, name="tacitus-warm", daemon=True).start()
        try:
            yield
        finally:
            held.close()

    app = FastAPI(title="tacitus", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Events coded from news (CAMEO/PLOVER), each with its evidence sentences. "
                              "Errors have one shape: {status, code, message, hint}. Writes need "
                              "'Authorization: Bearer TOKEN'.")
    app.state.settings = settings
    app.state.holder = held
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.templates.env.globals.update(writable=held.writable, version=__version__, quads=QUADS)
    install_errors(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        """Swagger UI over /openapi.json, from the package's own copy (no CDN)."""
        from fastapi.openapi.docs import get_swagger_ui_html

        return get_swagger_ui_html(openapi_url="/openapi.json", title="tacitus API",
                                   swagger_js_url="/static/vendor/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui.css", swagger_favicon_url="data:,")

    app.add_middleware(BodyLimit, limit=settings.max_body)
    app.add_middleware(DropEmptyQuery)
    return app


def serve(settings: Settings) -> None:
    """Run the server until interrupted (uvicorn)."""
    import uvicorn

    app = create_app(settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning", timeout_graceful_shutdown=5)
