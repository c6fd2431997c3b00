"""Commands that code and read coded events: code, events, eval, patterns, import, explain.

Part of :mod:`tacitus.cli`.
"""

from __future__ import annotations

import json
from contextlib import nullcontext
from datetime import date
from pathlib import Path

import click
from rich.table import Table

from tacitus.cli.base import (
    TABLE_MAX_ARTICLES,
    TABLE_MAX_EVENTS,
    _coder_data_options,
    _console,
    _date,
    _events_table,
    _has_merged,
    _print_events,
    cli,
)
from tacitus.errors import TacitusError


@cli.command("code")
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for articles that carry none.")
@click.option("--publisher", help="Publisher for articles that carry none.")
@click.option("--url", help="URL for articles that carry none.")
@click.option("--db", default="tacitus.duckdb", show_default=True, help="The DuckDB store to write to.")
@click.option("--out", "out", help="Also write this run's events to FILE.jsonl, .csv or .parquet ('-': JSON Lines to stdout).")
@click.option("--domestic", is_flag=True, help="Keep events whose source and target are the same country.")
@click.option("--monadic", is_flag=True, help="Keep events that have a source but no target.")
@click.option("--home", metavar="ISO3",
              help="The state the articles are written from (GBR for a British paper): 'the government' "
                   "named before any state is its government. Default: the publisher's, when data/outlets.yaml "
                   "lists it.")
@_coder_data_options
@click.option("--boilerplate", "boilerplate_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra boilerplate rules (YAML, same format as data/boilerplate.yaml); repeatable.")
@click.option("--dictionaries", type=click.Path(exists=True, file_okay=False),
              help="A folder of dictionaries (as `tacitus import` writes) that replaces the built-in ones.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary, not the events table.")
@click.option("--table", "table", is_flag=True,
              help=f"Print the events table whatever the run's size (by default only for runs of up to "
                   f"{TABLE_MAX_ARTICLES} articles).")
@click.option("--workers", type=click.IntRange(min=1), metavar="N",
              help="Processes that parse and code (default: the machine's cores; 1 for small runs).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Code on this machine, or on a Dask cluster (needs tacitus[dask]).")
@click.option("--scheduler", metavar="ADDR",
              help="With --engine dask: the scheduler's address (tcp://host:8786); a local cluster without it.")
@click.option("--shards", type=click.Path(file_okay=False),
              help="With --engine dask: the folder (shared with the workers) for the run's Parquet shards.")
@click.option("--server", metavar="URL",
              help="Have the running `tacitus serve` at URL code and store the articles (it holds the store).")
@click.option("--token", envvar="TACITUS_TOKEN", help="With --server: the server's token (default: $TACITUS_TOKEN).")
@click.option("--strict", is_flag=True,
              help="Exit with status 1 if any input was skipped or lost (a worker process that died), "
                   "after coding the rest.")
def code_cmd(paths: tuple[str, ...], published: date | None, publisher: str | None, url: str | None,
             db: str, out: str | None, domestic: bool, monadic: bool, home: str | None, actor_files: tuple[str, ...],
             pattern_files: tuple[str, ...], boilerplate_files: tuple[str, ...], stance_files: tuple[str, ...],
             discard_files: tuple[str, ...], dictionaries: str | None, quiet: bool, table: bool,
             workers: int | None, engine: str, scheduler: str | None, shards: str | None,
             server: str | None, token: str | None, strict: bool) -> None:
    """Code articles (files, folders, JSON Lines, or - for stdin) into events, stored in --db.

    Bad inputs are skipped with a reason and the run goes on, and so does a run whose worker
    process dies (its articles are coded again; one that kills a worker twice is lost, and
    reported); the exit status is 1 only when nothing could be coded, or with --strict when
    anything was skipped or lost. Coding the same article again adds nothing to the store. A
    progress bar shows on standard error when it is a terminal.

    Example: tacitus code ../shared/seeds/000_d44e1bea3d174aff.txt --published 2023-11-01 --out events.jsonl
    """
    from tacitus.export import EventSink, format_for
    from tacitus.records import Options
    from tacitus.runner import run
    from tacitus.store import Store

    if (scheduler or shards) and engine != "dask":
        raise click.UsageError("--scheduler and --shards go with --engine dask")
    options = Options(published=published, publisher=publisher, url=url, domestic=domestic, monadic=monadic,
                      home=home)
    if server:
        if domestic or monadic or home or actor_files or pattern_files or stance_files or discard_files or dictionaries:
            raise click.UsageError("--server codes with the server's dictionaries and settings: leave out "
                                   "--domestic, --monadic, --home and the dictionary options")
        from tacitus.serve.command import code_on_server

        code_on_server(list(paths), server, token, options, out, quiet)
        return
    shown: list[dict] = []

    def on_events(events: list) -> None:
        rows = [e.to_dict() for e in events]
        if sink is not None:
            sink.write(rows)
        if table or len(shown) <= TABLE_MAX_EVENTS:  # a big run's events are not kept for a table
            shown.extend(rows)

    try:
        if out and out != "-":
            format_for(out)
        with Store(db) as store, (EventSink(out) if out else nullcontext()) as sink:
            report = run(list(paths), options, store, progress=None, actors=actor_files, patterns=pattern_files,
                         boilerplate=boilerplate_files, stance=stance_files, discards=discard_files,
                         dictionaries=dictionaries, workers=workers, engine=engine, scheduler=scheduler,
                         shards=shards, on_events=on_events, keep_events=False)
        click.echo(f"model: {report.model}", err=True)
        if report.relinked:
            click.echo(f"linked {report.relinked} articles an earlier run left unlinked", err=True)
        for skipped in report.skipped:
            click.echo(f"skipped {skipped}", err=True)
        if report.worker_deaths:
            click.echo(f"warning: {len(report.worker_deaths)} worker processes died "
                       f"({', '.join(sorted(set(report.worker_deaths)))}) and were replaced; their articles were "
                       f"coded again, {report.lost} lost", err=True)
        if report.undated:
            click.echo(f"warning: {report.undated} of {report.read} articles have no publication date, so "
                       "'on Wednesday' or 'last week' cannot be dated: pass --published YYYY-MM-DD, or give "
                       "each article a \"published\" field (JSON Lines)", err=True)
        if not out and not quiet:
            if table or report.read <= TABLE_MAX_ARTICLES:
                _print_events(shown, title=f"{len(shown)} events")
            else:
                click.echo(f"(the events are not listed for a run of more than {TABLE_MAX_ARTICLES} articles: "
                           f"pass --table, or see them with `tacitus events --db {db}`)", err=True)
    except TacitusError as err:
        raise click.ClickException(str(err)) from err
    new = report.coded - report.duplicates
    summary = (f"read {report.read}, coded {report.coded} ({new} new, {report.duplicates} already stored), "
               f"skipped {len(report.skipped)}" + (f" ({report.lost} lost: a worker died)" if report.lost else "")
               + f", events {report.output_events}"
               + (f" (stored in {db})" if report.stored else ""))
    click.echo(summary, err=out == "-")
    if report.coded == 0:
        raise click.ClickException("nothing could be coded: see the reasons above "
                                   "(tacitus reads English .txt, .html, .jsonl files, folders of them, or - for stdin)")
    if strict and report.skipped:
        raise click.ClickException(f"{len(report.skipped)} inputs were skipped or lost (see the reasons above), "
                                   "and --strict was given; the rest were coded and stored")


@cli.command("events")
@click.option("--db", default="tacitus.duckdb", show_default=True, help="The DuckDB store to read.")
@click.option("--actor", help="Events with this actor as source or target (FRA, WST, RUSGOV, IGOUNO...).")
@click.option("--dyad", help="Events between two actors, either way round: A-B (e.g. FRA-KAZ).")
@click.option("--code", help="CAMEO code or prefix (04 = all consultations, 057 = agreements).")
@click.option("--since", callback=_date, help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=_date, help="Events on or before this date (YYYY-MM-DD).")
@click.option("--negated", is_flag=True, help="Include events the text says did NOT happen.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), metavar="P",
              help="Only events whose confidence (probability of being right, 0-1) is at least P.")
@click.option("--quad", type=click.IntRange(1, 4), help="Quad class: 1 verbal cooperation, 2 material cooperation, "
                                                      "3 verbal conflict, 4 material conflict.")
@click.option("--text", "text", help="Events whose evidence sentence holds this text (any case).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
def events_cmd(db: str, actor: str | None, dyad: str | None, code: str | None, since: date | None,
               until: date | None, negated: bool, min_confidence: float | None, quad: int | None,
               text: str | None, fmt: str) -> None:
    """List stored events (one per coded sentence event), filtered.

    JSON Lines add ``merged_event_id``: the merged event (see `tacitus dyad`, `tacitus export`)
    that each belongs to.

    Example: tacitus events --dyad FRA-KAZ --code 05 --format csv > agreements.csv
    """
    from tacitus.export import write_events
    from tacitus.store import Store

    pair = None
    if dyad:
        parts = dyad.split("-")
        if len(parts) != 2 or not all(parts):
            raise click.BadParameter(f"{dyad!r}: write two actor codes joined by '-', e.g. FRA-KAZ",
                                     param_hint="--dyad")
        pair = (parts[0].upper(), parts[1].upper())
    if not Path(db).exists():
        raise click.ClickException(f"no store at {db}: run `tacitus code PATH...` first, or pass --db")
    try:
        with Store(db, read_only=True) as store:
            rows = store.events(actor=actor.upper() if actor else None, dyad=pair, code=code,
                                since=since, until=until, include_negated=negated, merged=_has_merged(store),
                                min_confidence=min_confidence, quad_class=quad, text=text)
    except TacitusError as err:
        raise click.ClickException(str(err)) from err
    if fmt == "table":
        _print_events(rows, title=f"{len(rows)} events in {db}")
    else:
        write_events(rows, "-", fmt)


@cli.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--db", help="Score the events in this store.")
@click.option("--events", "events_file", type=click.Path(exists=True, dir_okay=False),
              help="Score the events in this JSON Lines export.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def eval_cmd(gold: str, db: str | None, events_file: str | None, as_json: bool) -> None:
    """Score coded events against a gold file (recall of required lines, precision).

    Example: tacitus eval ../shared/gold/seed-000.jsonl --events events.jsonl
    """
    from tacitus.evaluate import format_result, load_events, load_gold, score
    from tacitus.store import Store

    if bool(db) == bool(events_file):
        raise click.UsageError("give exactly one of --db FILE or --events FILE.jsonl")
    if events_file:
        events = load_events(events_file)
    else:
        try:
            with Store(db, read_only=True) as store:
                events = store.events(include_negated=True)
        except TacitusError as err:
            raise click.ClickException(str(err)) from err
    result = score(load_gold(gold), events)
    click.echo(json.dumps(result.to_dict(), indent=1) if as_json else format_result(result))


@cli.command("patterns")
@click.option("--code", "code", help="CAMEO code or root (057, 05); all codes without it.")
@click.option("--word", help="Only patterns with this word (e.g. sanction).")
@click.option("--patterns", "pattern_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Also list the patterns of this file; repeatable.")
@click.option("--dictionaries", type=click.Path(exists=True, file_okay=False),
              help="List the patterns of this folder of dictionaries instead of the built-in ones.")
def patterns_cmd(code: str | None, word: str | None, pattern_files: tuple[str, ...],
                 dictionaries: str | None) -> None:
    """List the verb and noun patterns of the dictionary, with a template example each.

    Example: tacitus patterns --code 057
    """
    from tacitus.events import codebook
    from tacitus.events.patterns import load
    from tacitus.pipeline import dictionary_folder

    try:
        if dictionaries:
            folder = dictionary_folder(dictionaries)
            book = load([*sorted(folder.glob("patterns*.yaml")), *pattern_files], builtin=False)
        else:
            book = load(pattern_files)
        if code and not dictionaries:
            codebook.lookup(code) if len(code) > 2 else None
    except TacitusError as err:
        raise click.ClickException(str(err)) from err
    rows = sorted((p for p in book.patterns() if not code or p.code.startswith(code)),
                  key=lambda p: (p.code, p.kind, p.text))
    if word:
        rows = [p for p in rows if word.lower() in p.text.lower()]
    if not rows:
        raise click.ClickException(f"no pattern for {code or ''} {word or ''}".strip()
                                   + ": see `tacitus patterns` for the codes in use")
    table = Table(header_style="bold")
    table.add_column("code", no_wrap=True)
    table.add_column("name", max_width=26)
    table.add_column("kind", no_wrap=True)
    table.add_column("pattern", overflow="fold", max_width=44)
    table.add_column("example", overflow="fold", max_width=40)
    table.add_column("where", no_wrap=True)
    for p in rows:
        table.add_row(p.code, codebook.describe(p.code).name or ("no event" if p.is_null else ""), p.kind,
                      p.text, _template(p), p.where)
    _console().print(table)


def _element_text(e) -> str:  # noqa: ANN001 - Element
    if e.kind == "word":
        return sorted(e.words, key=len)[0]
    if e.kind in ("source", "target"):
        return e.kind.upper()
    if e.kind == "group":
        return "EACH-OTHER"
    if e.kind == "skip":
        return "..."
    if e.kind == "alt":
        return " ".join(_element_text(x) for x in e.options[0])
    inner = " ".join(_element_text(c) for c in e.children)
    if e.kind == "prep":
        return f"{sorted(e.words)[0]} {inner}".strip()
    return inner


def _template(p) -> str:  # noqa: ANN001 - Pattern
    """A readable example of what a pattern matches: "SOURCE sign agreement with TARGET"."""
    head = sorted(p.head, key=len)[0]
    if p.general:
        slots = p.slots()
        before = " ".join(_element_text(e) for e in p.before)
        after = " ".join(_element_text(e) for e in p.after)
        if "group" in slots and any(e.kind == "group" for e in p.before):
            before = before.replace("EACH-OTHER", "SOURCES")
            after += " (each other)"
        elif not any(e.kind in ("source", "target") for e in p.before):
            before = ("SOURCE " + before).strip()
        if "target" not in slots and "group" not in slots:
            after += " TARGET"
        elif "source" not in slots and any(e.kind == "target" for e in p.before):
            after += " (by SOURCE)"
        return f"{before} {head} {after}".replace("  ", " ").strip()
    if p.kind == "noun":
        mods = " ".join(sorted(m)[0] for m in p.object_mods)
        prep = sorted(p.preps)[0] if p.preps else "of"
        return f"SOURCE's {mods + ' ' if mods else ''}{head} {prep} TARGET"
    words = [head, *p.particles]
    if p.objects:
        words += [sorted(m)[0] for m in p.object_mods] + [sorted(p.objects)[0]]
    if p.preps:
        words += [sorted(p.preps)[0], "TARGET"]
    elif not p.objects:
        words.append("TARGET")
    return "SOURCE " + " ".join(words)


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="The folder to write the converted dictionaries to (created if missing).")
@click.option("--dialect", type=click.Choice(["petrarch2", "tabari"]),
              help="Syntax of the verb file; read from the file when not given.")
def import_cmd(files: tuple[str, ...], out: str, dialect: str | None) -> None:
    """Convert TABARI / PETRARCH dictionaries into a folder of tacitus dictionaries.

    FILES are verb (.verbs, CAMEO.2.0.txt), actor, agent and discard files and the PICO
    ontology, in any order: each is recognised by its content. The folder then codes articles
    with `tacitus code ARTICLES --dictionaries FOLDER`; its YAML files can be read and edited
    like the built-in ones.

    Example: tacitus import CAMEO.2.0.txt Phoenix.Countries.actors.txt Phoenix.agents.txt --out phoenix/
    """
    from tacitus.importers.convert import import_dictionaries
    from tacitus.importers.petrarch import sniff

    kinds: dict[str, list[str]] = {"verbs": [], "actors": [], "agents": [], "discards": [], "ontology": []}
    try:
        for f in files:
            kind = sniff(f)
            if kind not in kinds:
                raise click.ClickException(f"{f}: a {kind} file; tacitus imports verbs, actors, agents, "
                                           "discards and ontology files")
            kinds[kind].append(f)
        if len(kinds["ontology"]) > 1:
            raise click.ClickException("give at most one ontology (PICO) file")
        result = import_dictionaries(out, verbs=kinds["verbs"], actors=kinds["actors"], agents=kinds["agents"],
                                     discards=kinds["discards"],
                                     ontology=kinds["ontology"][0] if kinds["ontology"] else None,
                                     dialect=dialect)
    except TacitusError as err:
        raise click.ClickException(str(err)) from err
    for problem in result.problems:
        click.echo(f"not carried over: {problem}", err=True)
    for name, path in result.files.items():
        click.echo(f"wrote {path} ({result.counts[name]} entries)")
    click.echo(f"code with it: tacitus code ARTICLES --dictionaries {out}")


@cli.command("explain")
@click.argument("text")
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for relative dates.")
@click.option("--dictionaries", type=click.Path(exists=True, file_okay=False),
              help="Explain with this folder of dictionaries instead of the built-in ones.")
@click.option("--domestic", is_flag=True, help="Keep events whose source and target are the same country.")
@_coder_data_options
def explain_cmd(text: str, published: date | None, dictionaries: str | None, domestic: bool,
                actor_files: tuple[str, ...], pattern_files: tuple[str, ...], stance_files: tuple[str, ...],
                discard_files: tuple[str, ...]) -> None:
    """Show why a sentence is coded as it is: parse, actors, patterns that fired, events.

    Example: tacitus explain "Kazakhstan and Uzbekistan have refused to recognise Russia's annexation."
    """
    from tacitus.explain import explain

    try:
        result = explain(text, published=published, dictionaries=dictionaries, domestic=domestic,
                         actors=actor_files, patterns=pattern_files, stance=stance_files,
                         discards=discard_files)
    except TacitusError as err:
        raise click.ClickException(str(err)) from err
    console = _console()
    console.print(f"model: {result.model}", highlight=False)
    for i, rows in enumerate(result.tokens):
        table = Table(title=f"sentence {i}: parse", header_style="bold")
        for name in ("#", "word", "lemma", "pos", "dep", "head"):
            table.add_column(name)
        for r in rows:
            table.add_row(str(r.i), r.text, r.lemma, r.pos, r.dep, str(r.head))
        console.print(table)
    actors = Table(title="actors", header_style="bold")
    for name in ("sentence", "words", "code", "how"):
        actors.add_column(name)
    for sent, words, code, how in result.actors:
        actors.add_row(str(sent), words, code, how)
    console.print(actors)
    fired = Table(title="patterns that fired", header_style="bold")
    for name in ("sentence", "trigger", "pattern", "stance", "how found", "code", "source", "target", "negated",
                 "kept"):
        fired.add_column(name, overflow="fold")
    for f in result.fired:
        fired.add_row(str(f.sentence_index), f.trigger, f.pattern, " ".join(f.notes), " ".join(f.how), f.code,
                      f.source, f.target, "yes" if f.negated else "",
                      "yes" if f.kept else "no: a more confident one for this dyad")
    console.print(fired)
    console.print(_events_table([e.to_dict() for e in result.events], title="events"))
