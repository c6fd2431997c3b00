"""What the commands share: the ``tacitus`` group, options, date parsing, the events table.

Part of :mod:`tacitus.cli`.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from tacitus.errors import TacitusError


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


def _console(stderr: bool = False) -> Console:
    """A console as wide as the terminal, or 150 columns when the output is piped or captured."""
    stream = sys.stderr if stderr else sys.stdout
    return Console(stderr=stderr, width=None if stream.isatty() else 150)


def _events_table(events: list[dict], title: str | None = None) -> Table:
    table = Table(title=title, header_style="bold", expand=False)
    table.add_column("date", no_wrap=True, min_width=10)
    table.add_column("source", no_wrap=True)
    table.add_column("event", no_wrap=True)
    table.add_column("target", no_wrap=True)
    table.add_column("evidence", overflow="ellipsis", no_wrap=True, max_width=56)
    table.add_column("conf", justify="right", min_width=4)

    def who(a: dict | None) -> str:
        if not a:
            return "-"
        name = a.get("name") or a.get("text") or ""
        return f"{a['code']} {name[:18]}"

    for e in events:
        event = f"{e['cameo']} {(e.get('cameo_name') or '')[:24]}".strip()
        if e.get("negated"):
            event = f"NOT {event}"
        table.add_row(e.get("date") or "-", who(e.get("source")), event, who(e.get("target")),
                      e["sentence"], f"{e.get('confidence', 0):.2f}")
    return table


#: ``tacitus code`` lists the events of runs up to this many articles (``--table``: of any run).
TABLE_MAX_ARTICLES = 20
#: Events kept for that table at most, unless ``--table`` asks for all.
TABLE_MAX_EVENTS = 2000
#: The columns of events written as TSV when standard output is not a terminal.
TSV_COLUMNS = ("date", "source_code", "source_name", "cameo", "cameo_name", "target_code", "target_name",
               "confidence", "sentence")


def _print_events(events: list[dict], title: str | None = None) -> None:
    """The events as a table on a terminal, or as full-width TSV (a header line) when piped."""
    if sys.stdout.isatty():
        _console().print(_events_table(events, title=title))
        return
    if title:
        click.echo(title, err=True)
    click.echo("\t".join(TSV_COLUMNS))
    for e in events:
        row = [e.get("date"), *(_side(e.get("source"))), f"{'NOT ' if e.get('negated') else ''}{e['cameo']}",
               e.get("cameo_name"), *(_side(e.get("target"))), f"{e.get('confidence') or 0:.3f}", e["sentence"]]
        click.echo("\t".join(" ".join(str(v).split()) if v is not None else "" for v in row))


def _side(actor: dict | None) -> tuple[str | None, str | None]:
    if not actor:
        return None, None
    return actor.get("code"), actor.get("name") or actor.get("text")


def _coder_data_options(command):  # noqa: ANN001, ANN201 - a click command
    """The data files a user lays over the built-in ones (tacitus code and tacitus explain)."""
    def file_option(flag: str, dest: str, text: str):  # noqa: ANN202
        return click.option(flag, dest, multiple=True, type=click.Path(exists=True, dir_okay=False),
                            help=text + "; repeatable.")

    for option in reversed((
            file_option("--actors", "actor_files", "Extra actor dictionary (YAML, same format as the built-in ones)"),
            file_option("--patterns", "pattern_files", "Extra pattern file (YAML, same format as data/patterns.yaml)"),
            file_option("--stance", "stance_files", "Stance rules laid over data/stance.yaml (same format)"),
            file_option("--discards", "discard_files",
                        "Extra discard phrases (YAML, same format as data/discards.yaml)"))):
        command = option(command)
    return command


def _has_merged(store) -> bool:  # noqa: ANN001 - a Store
    """Whether the store has the link stage's tables (a store made by an older tacitus has not)."""
    return bool(store.db.execute("SELECT count(*) FROM information_schema.tables "
                                 "WHERE table_name = 'mentions'").fetchone()[0])


def _merged_store(db: str):  # noqa: ANN202 - a Store
    """The store, read-only, checked to have the link stage's tables."""
    from tacitus.store import Store

    if not Path(db).exists():
        raise click.ClickException(f"no store at {db}: run `tacitus code PATH...` first, or pass --db")
    try:
        store = Store(db, read_only=True)
    except TacitusError as err:
        raise click.ClickException(str(err)) from err
    try:
        store.db.execute("SELECT 1 FROM merged_events JOIN mentions USING (event_id) LIMIT 0").fetchall()
    except Exception:  # noqa: BLE001 - a store made before the link stage
        store.close()
        raise click.ClickException(f"{db} has no merged events (it was made by an older tacitus): "
                                   f"run `tacitus link --db {db}` once") from None
    return store


def _who(code: str | None, name: str | None) -> str:
    if not code:
        return "-"
    return f"{code} {(name or '')[:18]}".strip()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tacitus", prog_name="tacitus")
def cli() -> None:
    """tacitus: code news about international affairs into sourced CAMEO/PLOVER events.

    Example: tacitus code examples/articles.jsonl && tacitus events --dyad FRA-KAZ
    """
