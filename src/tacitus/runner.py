"""Runs: read articles, code them (in this process or in workers), store and link them.

:func:`run` is what ``tacitus code`` calls; :func:`code_and_store` codes with a loaded
pipeline in this process (the server). This module imports neither spaCy nor the stages:
the process that only writes and links (the parent of ``tacitus code --workers N``) never
loads the parser; :class:`~tacitus.pipeline.Pipeline` is imported where a process parses.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tacitus.errors import InputError
from tacitus.ingest import read
from tacitus.records import Actor, Article, Event, Location, Options, Skipped

if TYPE_CHECKING:
    from tacitus.pipeline import Pipeline
    from tacitus.store import Store

log = logging.getLogger(__name__)

#: How the reason of an article lost to a worker that died begins (tacitus.parallel.pool).
LOST = "lost: "


@dataclass
class RunReport:
    """What a run did: counts, the reasons for every skipped input, and the events coded."""

    read: int = 0
    coded: int = 0
    stored: int = 0
    duplicates: int = 0
    events: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    model: str = ""
    coded_events: list[Event] = field(default_factory=list)
    #: events the run gave out (coded, or already stored), whether kept in coded_events or not
    output_events: int = 0
    #: articles with no publication date (relative dates in them cannot be resolved)
    undated: int = 0
    workers: int = 1
    #: articles an earlier (killed) run stored but had not linked, linked at the start of this one
    relinked: int = 0
    #: articles lost because the worker process coding them died (also in ``skipped``, with
    #: the reason: see tacitus.parallel.pool)
    lost: int = 0
    #: why each worker process that died during the run died ("killed by signal 9 (SIGKILL)")
    worker_deaths: list[str] = field(default_factory=list)


def _with_defaults(article: Article, options: Options) -> Article:
    from dataclasses import replace

    return replace(article,
                   published=article.published or options.published,
                   publisher=article.publisher or options.publisher,
                   url=article.url or options.url)


def run(paths: Sequence[str], options: Options | None = None, store: Store | None = None,
        progress: bool | None = False, *, actors: Sequence[str] = (), patterns: Sequence[str] = (),
        boilerplate: Sequence[str] = (), stance: Sequence[str] = (), discards: Sequence[str] = (),
        dictionaries: str | None = None, workers: int | None = 1, engine: str = "local",
        scheduler: str | None = None, shards: str | None = None,
        on_events: Callable[[list[Event]], None] | None = None, keep_events: bool = True) -> RunReport:
    """Read, code, store and link articles; bad inputs are skipped and reported, never fatal.

    Articles stream through: they are read lazily, coded in batches of
    ``tacitus.parallel.BATCH_ARTICLES`` (by ``workers`` processes, or on a Dask cluster), and
    each batch is written in one transaction and linked in another, in input order. A failure
    loses nothing stored before.
    A run first links what an earlier run stored but did not link (``report.relinked``), so a
    run killed at any point and run again leaves the store as one clean run would.

    Args:
        paths: files, directories, or "-" for standard input.
        options: run settings and default metadata.
        store: where to store; None codes without storing.
        progress: show a progress bar on standard error (None: when it is a terminal).
        actors, patterns, stance, discards: extra dictionary files.
        boilerplate: extra boilerplate rule files (format of ``data/boilerplate.yaml``).
        dictionaries: a folder of dictionaries that replaces the built-in ones (see
            :class:`Pipeline`).
        workers: processes that parse and code (1: this process; None: the machine's cores,
            or 1 for a small run). With ``engine="dask"``, the local cluster's workers.
        engine: ``"local"`` or ``"dask"`` (:mod:`tacitus.parallel.cluster`).
        scheduler: the Dask scheduler's address; a local cluster is started without it.
        shards: the folder the Dask workers write their Parquet shards to.
        on_events: called with each batch's events, in input order (to write them out as
            they come).
        keep_events: keep every event in ``RunReport.coded_events`` (a long run may not want to).
    """
    from tacitus.parallel import BATCH_ARTICLES, LocalEngine, PipelineSpec, batches, default_workers
    from tacitus.progress import Progress, count_inputs

    options = options or Options()
    spec = PipelineSpec(options, tuple(actors), tuple(patterns), tuple(stance), tuple(discards), dictionaries)
    report = RunReport()
    if store is not None:
        from tacitus.link import resume

        report.relinked = resume(store)  # what a killed run stored but did not link
    # the count also decides whether one worker codes apart from the writer (below)
    total = count_inputs(paths) if progress is not False or workers is None or store is not None else None
    report.workers = workers = workers if workers is not None else default_workers(total)
    if engine == "dask":
        from tacitus.parallel.cluster import DaskEngine

        coder = DaskEngine(spec, scheduler=scheduler, workers=workers, shards=shards)
    elif engine == "local":
        # one worker codes apart from this process when there is a store to write and more
        # than one batch: reading, storing and linking then overlap its parsing
        coder = LocalEngine(spec, workers, apart=store is not None and total is not None and total > BATCH_ARTICLES)
    else:
        raise InputError(f"unknown engine {engine!r}", hint="use local or dask")

    def emit(events: list[Event]) -> None:
        report.output_events += len(events)
        if keep_events:
            report.coded_events.extend(events)
        if on_events is not None and events:
            on_events(events)

    seen: set[str] = set()

    def new_article(item: Article | Skipped) -> Article | None:
        """The article to code, or None for an input skipped or already stored (told here)."""
        report.read += 1
        if isinstance(item, Skipped):
            report.skipped.append(item)
            return None
        article = _with_defaults(item, options)
        report.undated += article.published is None
        if store is not None and (article.id in seen or store.has_article(article.id)):
            report.duplicates += 1
            report.coded += 1
            emit(_stored_events(store, article) if article.id not in seen else [])
            return None
        seen.add(article.id)
        return article

    source = read(paths, options, boilerplate=boilerplate)
    first: Article | None = None
    if store is not None:
        # read up to the first article not yet stored: a rerun over stored inputs (a finished
        # run, or the part a killed run finished) then starts no worker and builds no pipeline
        for item in source:
            first = new_article(item)
            if first is not None:
                break
    idle = store is not None and first is None  # nothing to code
    # a local engine's workers start first, before the progress bar's thread and the writer's
    # (its model load, the encoder): they are forked from this process then, which builds the
    # pipeline once for them all (tacitus.parallel.pool)
    with _started(None if idle else coder), Progress("articles", total, show=progress) as bar:
        bar.advance(report.read - (first is not None))  # the inputs dealt with before it was up

        def todo() -> Iterator[Article]:
            if first is not None:
                yield first
            for item in source:
                article = new_article(item)
                if article is None:
                    bar.advance()
                else:
                    yield article

        writer = _Writer(store)
        if store is not None and not idle and (workers > 1 or engine == "dask" or getattr(coder, "apart", False)):
            writer.warm_up()  # this process only writes: load the linker's model while workers parse
        for batch in [] if idle else coder.run(batches(todo())):
            report.model = report.model or batch.model
            report.skipped += batch.skipped
            report.lost += sum(s.reason.startswith(LOST) for s in batch.skipped)
            new = writer.write(batch, report) if store is not None else None
            report.coded += batch.coded
            report.events += len(batch.events) if new is None else \
                sum(e.article_id in new for e in batch.events)
            emit(batch.events)
            bar.advance(batch.coded + len(batch.skipped))
        report.worker_deaths = list(getattr(coder, "deaths", []))
    if not report.model:  # nothing parsed (every article already stored): say what would parse
        from tacitus import nlp

        report.model = nlp.describe()
    return report


def code_and_store(items: Iterable[Article | Skipped], pipeline: Pipeline, store: Store | None = None, *,
                   progress: bool = False, deadline: float | None = None) -> RunReport:
    """Code articles (as :func:`~tacitus.ingest.read` or :func:`~tacitus.ingest.read_body`
    yields them) with a loaded pipeline in this process, store and link each; bad inputs are
    reported. The server codes uploads with it; it stores through the run's own writer
    (:func:`run` with one worker, an article per batch), so that its deadline is checked
    between articles.

    Args:
        items: articles, and Skipped inputs (carried into the report).
        pipeline: a loaded :class:`Pipeline`; its options give the default metadata.
        store: where to store; None codes without storing.
        progress: show a progress bar on the terminal.
        deadline: a ``time.monotonic()`` value; articles not begun by then are skipped with the
            reason "time limit" (the server's limit on a coding request).
    """
    import time

    from tacitus.parallel import code_batch
    from tacitus.progress import Progress

    options = pipeline.options
    report = RunReport(model=pipeline.model_description)
    articles: list[Article] = []
    for item in items:
        if isinstance(item, Skipped):
            report.skipped.append(item)
        else:
            articles.append(_with_defaults(item, options))
    report.read = len(articles) + len(report.skipped)
    todo = []
    for article in articles:
        if store is not None and store.has_article(article.id):
            report.duplicates += 1
            report.coded += 1
            report.coded_events.extend(_stored_events(store, article))
        else:
            todo.append(article)
    writer = _Writer(store)
    with Progress("articles", len(todo), show=None if progress else False) as bar:
        for article in todo:
            if deadline is not None and time.monotonic() > deadline:
                report.skipped.append(Skipped(article.path or article.id, "time limit of the request reached "
                                              "before this article: send it again", article.line))
                continue
            batch = code_batch(pipeline, [article])
            report.skipped += batch.skipped
            new = writer.write(batch, report) if store is not None else None
            report.coded += batch.coded
            report.events += len(batch.events) if new is None else \
                sum(e.article_id in new for e in batch.events)
            report.coded_events.extend(batch.events)
            bar.advance()
    return report


@contextmanager
def _started(coder: object) -> Iterator[None]:
    """Start a local engine's workers (:meth:`~tacitus.parallel.LocalEngine.start`), and stop
    them however the run ends; the Dask engine starts its cluster as it runs."""
    from tacitus.parallel import LocalEngine

    if not isinstance(coder, LocalEngine):
        yield
        return
    coder.start()
    try:
        yield
    finally:
        coder.close()


class _Writer:
    """The one writer of a run: stores each coded batch in one transaction, then links it."""

    def __init__(self, store: Store | None) -> None:
        self.store = store
        self.linker = None  # built on first use: linking loads the sentence model lazily

    def warm_up(self) -> None:
        """Load the sentence model in a background thread.

        Linking asks the model about the pairs of sentences the lexical test cannot settle;
        a run of more than a few articles nearly always has some. The model's loader holds a
        lock, so the first batch's linking waits for this load instead of starting another.
        What is loaded is the NumPy copy (``Embedder.small_model``, about 0.3 s); the run
        loads sentence-transformers (seconds) only if it asks for many vectors at once.
        """
        import threading

        from tacitus.link.agreement import Embedder

        def load() -> None:
            try:
                Embedder.small_model()
            except Exception:  # noqa: BLE001 - the linker loads it again and reports the error
                log.debug("sentence model not preloaded", exc_info=True)

        threading.Thread(target=load, name="tacitus-embedder", daemon=True).start()

    def write(self, batch, report: RunReport) -> set[str]:  # noqa: ANN001 - parallel.CodedBatch
        """Store and link a batch; returns the ids of the articles it added to the store."""
        from tacitus.errors import StoreError
        from tacitus.link import Linker

        assert self.store is not None
        articles = batch.tables.get("articles")
        try:
            new = self.store.add_tables(batch.tables)
        except StoreError as err:  # reported; earlier batches stay stored
            report.skipped += [Skipped(p or i, f"could not store: {err.message}")
                               for i, p in zip(articles.column("id").to_pylist(),
                                               articles.column("path").to_pylist(), strict=True)]
            batch.coded = 0
            return set()
        report.stored += len(new)
        report.duplicates += batch.coded - len(new)
        if new:
            self.linker = self.linker or Linker(self.store)
            try:
                self.linker.link(new)  # merge its mentions into events and stories
            except StoreError as err:
                report.skipped.append(Skipped(", ".join(new[:3]), f"stored, but not linked ({err.message}): "
                                                                  "`tacitus link` links it"))
        return set(new)


def _stored_events(store: Store, article: Article) -> list[Event]:
    """Events already stored for an article, as records (for --out on a re-run)."""
    return [event_from_dict(d) for d in store.events(article_id=article.id, include_negated=True)]


def event_from_dict(d: dict) -> Event:
    """Rebuild an Event from its ``to_dict()`` form (the store and the JSON Lines export)."""

    def actor(a: dict | None) -> Actor | None:
        if not a:
            return None
        return Actor(a.get("text") or "", a.get("name"), a.get("country"), a.get("role"), a.get("code") or "")

    loc = d.get("location")
    return Event(
        article_id=d["article_id"], article_path=d.get("article_path"),
        sentence_index=int(d["sentence_index"]), sentence=d["sentence"],
        span=(int(d["span"][0]), int(d["span"][1])), source=actor(d.get("source")),
        target=actor(d.get("target")), cameo=d["cameo"], cameo_name=d.get("cameo_name") or "",
        plover=d.get("plover"), quad_class=d.get("quad_class"), goldstein=d.get("goldstein"),
        negated=bool(d.get("negated")), date=d.get("date"), date_source=d.get("date_source"),
        date_precision=d.get("date_precision"),
        location=Location(loc["name"], loc.get("country"), loc.get("lat"), loc.get("lon")) if loc else None,
        confidence=float(d.get("confidence") or 0.0), pattern=d.get("pattern"), trigger=d.get("trigger"),
        publisher=d.get("publisher"), published=d.get("published"), url=d.get("url"),
        sectors=list(d.get("sectors") or []), figures=list(d.get("figures") or []),
        quote_id=d.get("quote_id"), speaker=actor(d.get("speaker")),
    )
