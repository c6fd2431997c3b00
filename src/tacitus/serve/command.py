"""The command-line side of the server: ``tacitus serve``, and ``tacitus code --server URL``.

Kept apart from ``tacitus.cli`` so that the CLI package stays small; it imports only click, the
server's modules (FastAPI, uvicorn) load when the server runs.
"""

from __future__ import annotations

import click

from tacitus.errors import TacitusError
from tacitus.records import Options


def code_on_server(paths: list[str], server: str, token: str | None, options: Options, out: str | None,
                   quiet: bool) -> None:
    """tacitus code --server: read here, code and store on the running server."""
    from tacitus.cli.base import _console, _events_table
    from tacitus.export import format_for, write_events
    from tacitus.serve.client import post_articles

    try:
        if out and out != "-":
            format_for(out)
        report = post_articles(paths, server, token, options)
    except TacitusError as err:
        raise click.ClickException(str(err)) from err
    for skipped in report.skipped:
        click.echo(f"skipped {skipped}", err=True)
    events = [{k: v for k, v in e.items() if k != "merged_event_id"} for e in report.events]
    if out:
        write_events(events, out, "jsonl" if out == "-" else None)
    elif not quiet:
        _console().print(_events_table(events, title=f"{len(events)} events"))
    click.echo(f"read {report.read}, coded {report.coded} ({report.stored} new, {report.duplicates} already stored), "
               f"skipped {len(report.skipped)}, events {len(events)} (stored by the server at {server})",
               err=out == "-")
    if report.coded == 0:
        raise click.ClickException("nothing could be coded: see the reasons above")


@click.command("serve")
@click.option("--db", default="tacitus.duckdb", show_default=True, help="The DuckDB store the server holds.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--token", envvar="TACITUS_TOKEN",
              help="Token that writes (POST /api/articles, the paste page) need; without it the server is "
                   "read-only. Default: $TACITUS_TOKEN.")
@click.option("--max-body", type=click.IntRange(min=1), default=5_000_000, show_default=True, metavar="BYTES",
              help="Largest request body; larger ones get 413.")
@click.option("--max-page", type=click.IntRange(1, 500), default=500, show_default=True,
              help="Most events a client may ask for per page.")
@click.option("--timeout", type=click.FloatRange(min=1), default=120.0, show_default=True, metavar="SECONDS",
              help="Time limit of a coding or explain request.")
@click.option("--cache", type=click.IntRange(min=0), default=1024, show_default=True, metavar="N",
              help="Answers of /api/events kept in memory until the store changes (0: none).")
def serve_cmd(db: str, host: str, port: int, token: str | None, max_body: int, max_page: int,
              timeout: float, cache: int) -> None:
    """Serve the store: a JSON API (/api, docs at /docs) and web pages (/events).

    The server holds the store while it runs (DuckDB lets one process write a file): add
    articles through it with `tacitus code --server URL PATH...` or the paste page.

    Example: TACITUS_TOKEN=secret tacitus serve --db tacitus.duckdb --port 8000
    """
    from tacitus.serve import Settings, serve

    settings = Settings(db=db, host=host, port=port, token=token or None, max_body=max_body, max_page=max_page,
                        timeout=timeout, cache=cache)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: other machines can reach this server", err=True)
    click.echo(f"tacitus serve: {settings.url}/events (API docs: {settings.url}/docs), store {db}, "
               + ("takes uploads with the token" if token else "read-only (no --token)"), err=True)
    try:
        serve(settings)
    except TacitusError as err:
        raise click.ClickException(str(err)) from err
