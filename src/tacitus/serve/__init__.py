"""``tacitus serve``: an HTTP API and a web workbench over the store (FastAPI on uvicorn).

    app.py      the app: settings, the held store, errors, limits, the token
    api.py      /api/... JSON routes, and the payloads they share with the pages
    pages.py    HTML pages (Jinja2 templates), the same payloads rendered
    charts.py   Vega-Lite / Vega specs for the pages' charts (drawn by the vendored Vega)
    client.py   ``tacitus code --server URL``: post articles to a running server
    command.py  the ``tacitus serve`` command

The server holds the store: one DuckDB connection for the life of the process (DuckDB lets
one process write a file), reads through a cursor per worker thread, writes (coding uploads)
one at a time. While it runs, ``tacitus code --db`` on the same file stops with a message that
names the server; ``tacitus code --server URL`` posts the articles to it instead.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Settings", "create_app", "serve"]


def __getattr__(name: str) -> Any:
    # FastAPI loads only when the server is used, not with every `tacitus` command
    if name in __all__:
        from tacitus.serve import app

        return getattr(app, name)
    raise AttributeError(name)
