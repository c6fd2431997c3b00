"""Commands over the linked store: link, dyad, actors, stories, export.

Part of :mod:`tacitus.cli`.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click
from rich.table import Table

from tacitus.cli.base import _console, _date, _merged_store, _who, cli
from tacitus.errors import TacitusError


@cli.command("link")
@click.option("--db", default="tacitus.duckdb", show_default=True, help="The DuckDB store to link.")
def link_cmd(db: str) -> None:
    """Merge the mentions of stored articles not yet linked into events and stories.

    `tacitus code` links each article as it stores it; this command links what an earlier
    version of tacitus, or an interrupted run, left unlinked. Linking again changes nothing.

    Example: tacitus link --db tacitus.duckdb
    """
    from tacitus.link import link_pending
    from tacitus.progress import Progress
    from tacitus.store import Store

    if not Path(db).exists():
        raise click.ClickException(f"no store at {db}: run `tacitus code PATH...` first, or pass --db")
    try:
        with Store(db) as store, Progress("articles linked") as bar:
            done = link_pending(store, progress=lambda n, total: (bar.total(total), bar.advance(n - bar.done)))
            counts = store.counts()
    except TacitusError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"linked {len(done)} articles: {counts['mentions']} mentions in {counts['merged_events']} events, "
               f"{counts['stories']} stories")


@cli.command("dyad")
@click.argument("a")
@click.argument("b")
@click.option("--db", default="tacitus.duckdb", show_default=True, help="The DuckDB store to read.")
@click.option("--by", type=click.Choice(["day", "week", "month"]), default="month", show_default=True,
              help="Group the events per day, week (from Monday) or month.")
@click.option("--since", callback=_date, help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=_date, help="Events on or before this date (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="table: periods and events on the terminal; csv: the periods; json: periods and events "
                   "with their evidence.")
@click.option("--plot", "plot", type=click.Path(dir_okay=False),
              help="Also draw the timeline as a PNG chart (events per period by quad class, mean Goldstein).")
def dyad_cmd(a: str, b: str, db: str, by: str, since: date | None, until: date | None, fmt: str,
             plot: str | None) -> None:
    """The history of a pair of actors: events per period by quad class, Goldstein, evidence.

    Each real-world event counts once, however many articles reported it. A and B are country
    codes (FRA), region codes (WST) or CAMEO actor codes or prefixes (RUSGOV, IGOUNO); the
    pair is taken either way round.

    Example: tacitus dyad FRA KAZ --by month --plot fra-kaz.png
    """
    import csv as csv_module

    from tacitus.history import QUADS, dyad_history, history_json, history_rows, plot_dyad

    with _merged_store(db) as store:
        try:
            history = dyad_history(store, a.upper(), b.upper(), by=by, since=since, until=until)
            if plot:
                plot_dyad(history, plot)
        except TacitusError as err:
            raise click.ClickException(str(err)) from err
    if fmt == "csv":
        rows = history_rows(history)
        writer = csv_module.DictWriter(sys.stdout, fieldnames=["period", "events", "quad1", "quad2", "quad3",
                                                               "quad4", "goldstein_mean", "goldstein_sum"])
        writer.writeheader()
        writer.writerows(rows)
    elif fmt == "json":
        click.echo(json.dumps(history_json(history), ensure_ascii=False, indent=1))
    else:
        console = _console()
        periods = Table(title=f"{history.a}-{history.b}: {len(history.events)} events per {by}"
                              + (f" ({history.undated} undated)" if history.undated else ""), header_style="bold")
        periods.add_column(by, no_wrap=True)
        periods.add_column("events", justify="right")
        for q in QUADS.values():
            periods.add_column(q, justify="right")
        periods.add_column("Goldstein mean", justify="right")
        periods.add_column("sum", justify="right")
        for row in history_rows(history):
            periods.add_row(row["period"], str(row["events"]), *(str(row[f"quad{q}"]) for q in QUADS),
                            f"{row['goldstein_mean']:+.2f}", f"{row['goldstein_sum']:+.1f}")
        console.print(periods)
        events = Table(title="events and their evidence", header_style="bold")
        for name in ("date", "source", "event", "target", "reports", "evidence"):
            events.add_column(name, no_wrap=name != "evidence", overflow="fold")
        for e in history.events:
            lines = [f"{(m['publisher'] or m['article_path'] or m['article_id'])}: {_cut(m['sentence'], 100)}"
                     for m in e["mentions"]]
            for d in _disagreement_lines(e["disagreements"]):
                lines.append(f"[bold red]disagreement[/] {d}")
            events.add_row(e["date"].isoformat() if e["date"] else "undated", _who(e["source_code"], e["source_name"]),
                           f"{e['cameo']} {(e['cameo_name'] or '')[:24]}",
                           _who(e["target_code"], e["target_name"]),
                           f"{e['num_mentions']} in {e['num_articles']} art.", "\n".join(lines))
        console.print(events)
    if plot:
        click.echo(f"chart written to {plot}", err=fmt != "table")


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def _disagreement_lines(claims: list[dict]) -> list[str]:
    """'trade (USD): $4 billion (EURACTIV, Steppe Wire) vs $4.5 billion (Eurasia Daily Brief)'."""
    groups: dict[str, list[dict]] = {}
    for c in claims:
        groups.setdefault(c["disagreement_id"], []).append(c)
    lines = []
    for items in groups.values():
        values: dict[str, list[str]] = {}
        for c in items:
            values.setdefault(c["value_text"], []).append(c["publisher"] or c["url"] or c["article_id"])
        told = " vs ".join(f"{v} ({', '.join(dict.fromkeys(who))})" for v, who in values.items())
        lines.append(f"{items[0]['subject']}: {told}")
    return lines


@cli.command("actors")
@click.option("--db", default="tacitus.duckdb", show_default=True, help="The DuckDB store to read.")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, help="How many actors to list.")
@click.option("--graph", "graph", type=click.Path(dir_okay=False),
              help="Also write the weighted actor network to FILE.graphml (Gephi) or FILE.json (node-link).")
def actors_cmd(db: str, top: int, graph: str | None) -> None:
    """The actors by number of events, with their most frequent partners.

    Actors are states (by country code), regions and international organisations; each
    real-world event counts once, however many articles reported it.

    Example: tacitus actors --top 10 --graph actors.graphml
    """
    from tacitus.history import actor_network, actor_table, write_graph

    with _merged_store(db) as store:
        rows = actor_table(store, top=top)
        if graph:
            try:
                write_graph(actor_network(store), graph)
            except TacitusError as err:
                raise click.ClickException(str(err)) from err
    table = Table(title=f"top {len(rows)} actors in {db}", header_style="bold")
    for name in ("actor", "name", "events", "most frequent partners"):
        table.add_column(name, justify="right" if name == "events" else "left")
    for r in rows:
        table.add_row(r.key, r.name, str(r.events), ", ".join(f"{k} ({n})" for k, n in r.partners))
    _console().print(table)
    if graph:
        click.echo(f"network written to {graph}")


@cli.command("stories")
@click.option("--db", default="tacitus.duckdb", show_default=True, help="The DuckDB store to read.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table on the terminal, or JSON with each story's articles.")
def stories_cmd(db: str, fmt: str) -> None:
    """Stories: the articles that report the same events (or the same actors within days).

    Example: tacitus stories --format json
    """
    with _merged_store(db) as store:
        rows = store.stories()
    if fmt == "json":
        click.echo(json.dumps([{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()}
                               for r in rows], ensure_ascii=False, indent=1))
        return
    table = Table(title=f"{len(rows)} stories in {db}", header_style="bold")
    for name in ("story", "title", "from", "to", "articles", "events", "actors"):
        table.add_column(name, overflow="fold")
    for r in rows:
        table.add_row(str(r["story_id"]), r["title"] or "", str(r["first_date"] or "-"), str(r["last_date"] or "-"),
                      str(r["num_articles"]), str(r["num_events"]), " ".join(r["actors"] or []))
    _console().print(table)


@cli.command("export")
@click.option("--db", default="tacitus.duckdb", show_default=True, help="The DuckDB store to read.")
@click.option("--format", "fmt", type=click.Choice(["events", "gdelt", "gdelt-mentions", "plover", "parquet"]),
              default="events", show_default=True,
              help="events: merged events with evidence (JSON Lines); gdelt / gdelt-mentions: GDELT 2.0's event / "
                   "mentions table (tab-separated, no header); plover: PLOVER records (JSON Lines); parquet: "
                   "events and mentions partitioned by event month (--out is a folder).")
@click.option("--out", "out", help="Write to FILE (a folder for parquet); standard output without it.")
@click.option("--mentions", "mentions_out", type=click.Path(dir_okay=False),
              help="With --format gdelt: also write GDELT's mentions table to FILE.")
@click.option("--since", callback=_date, help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=_date, help="Events on or before this date (YYYY-MM-DD).")
def export_cmd(db: str, fmt: str, out: str | None, mentions_out: str | None, since: date | None,
               until: date | None) -> None:
    """Export the merged events (one per real-world event) for other event-data tools.

    Example: tacitus export --format gdelt --out events.export.tsv --mentions events.mentions.tsv
    """
    from tacitus import export

    if mentions_out and fmt != "gdelt":
        raise click.UsageError("--mentions goes with --format gdelt")
    if fmt == "parquet" and not out:
        raise click.UsageError("--format parquet needs --out FOLDER")
    filters = {"since": since, "until": until}
    with _merged_store(db) as store:
        try:
            if fmt in ("gdelt", "gdelt-mentions"):
                n = export.write_gdelt(store, out, mentions_out=mentions_out, mentions_only=fmt == "gdelt-mentions",
                                       **filters)
                what = "mentions" if fmt == "gdelt-mentions" else "events"
            elif fmt == "parquet":
                if since or until:
                    raise click.UsageError("--format parquet writes the whole store; leave out --since/--until")
                counts = export.write_parquet_months(store, out)
                click.echo(f"wrote {counts['events']} events and {counts['mentions']} mentions under {out}")
                return
            else:
                if fmt == "plover":
                    records, left_out = export.plover_records(store, **filters)
                    if left_out:
                        click.echo(f"left out {left_out} events with no PLOVER type (CAMEO 01) or no recipient "
                                   "where PLOVER needs one", err=True)
                else:
                    records = export.merged_records(store, **filters)
                fh = sys.stdout if not out else open(out, "w", encoding="utf-8")  # noqa: SIM115
                try:
                    for r in records:
                        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
                finally:
                    if fh is not sys.stdout:
                        fh.close()
                n, what = len(records), "events"
        except TacitusError as err:
            raise click.ClickException(str(err)) from err
    if out:
        click.echo(f"wrote {n} {what} to {out}" + (f" and their mentions to {mentions_out}" if mentions_out else ""))
