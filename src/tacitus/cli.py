"""The ``tacitus`` command: a thin layer over the library (tacitus.pipeline, store, export, evaluate).

Exit status: 0 success, 1 a failed run (nothing could be coded, a store or data error),
2 bad usage (click's convention).
"""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tacitus", prog_name="tacitus")
def cli() -> None:
    """tacitus: code news about international affairs into sourced CAMEO/PLOVER events.

    Example: tacitus code examples/articles.jsonl && tacitus events --dyad FRA-KAZ
    """


@cli.command("code")
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for articles that carry none.")
@click.option("--publisher", help="Publisher for articles that carry none.")
@click.option("--url", help="URL for articles that carry none.")
@click.option("--db", default="tacitus.duckdb", show_default=True, help="The DuckDB store to write to.")
@click.option("--out", "out", help="Also write this run's events to FILE.jsonl, .csv or .parquet ('-': JSON Lines to stdout).")
@click.option("--domestic", is_flag=True, help="Keep events whose source and target are the same country.")
@click.option("--monadic", is_flag=True, help="Keep events that have a source but no target.")
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
             db: str, out: str | None, domestic: bool, monadic: bool, actor_files: tuple[str, ...],
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
    options = Options(published=published, publisher=publisher, url=url, domestic=domestic, monadic=monadic)
    if server:
        if domestic or monadic or actor_files or pattern_files or stance_files or discard_files or dictionaries:
            raise click.UsageError("--server codes with the server's dictionaries and settings: leave out "
                                   "--domestic, --monadic and the dictionary options")
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


def _add_serve() -> None:
    # tacitus.serve.command imports click only: FastAPI and uvicorn load when the server runs
    from tacitus.serve.command import serve_cmd

    cli.add_command(serve_cmd)


_add_serve()


def main() -> None:
    cli(prog_name="tacitus")


if __name__ == "__main__":
    main()
