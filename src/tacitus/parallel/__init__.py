"""Coding on every core, and on a Dask cluster: the engines behind ``tacitus code --workers``.

    articles (read lazily, in input order)
      -> batches of BATCH_ARTICLES
      -> engine: code each batch (parse with nlp.pipe, actors, events, attributes) in
                 worker processes that load the pipeline once   -> CodedBatch (Arrow rows)
      -> one writer: Store.add_tables (one transaction per batch), link the batch

:class:`LocalEngine` runs the batches in this process (``workers=1``, unless the writer has
work to overlap: see ``apart``) or in worker processes
(:mod:`tacitus.parallel.pool`: forked from this process once it has built the pipeline, or
spawned when it may not fork; a worker that dies is replaced by a spawned one); results come
back in input order, so the store, the links and the output are those of a one-process run. The workers' sentence model runs in the parent
(:mod:`tacitus.parallel.encoder`).
:mod:`tacitus.parallel.cluster` does the same on Dask distributed, through Parquet shards.
Workers send back plain rows (Arrow tables) and :class:`~tacitus.records.Event` records.
The one exception is one worker apart (``apart``): it only parses, and sends its Docs
(:class:`ParsedBatch`, a spaCy DocBin) to this process, which codes them beside the parse.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from tacitus.records import Article, Event, Options, Skipped

__all__ = ["BATCH_ARTICLES", "CodedBatch", "LocalEngine", "ParsedBatch", "PipelineSpec", "batches",
           "code_batch", "default_workers", "parse_batch"]

#: Articles coded, written and linked together: one ``nlp.pipe`` call, one transaction. 32 is
#: nlp.BATCH_SIZE (no gain from larger parse batches on 2 cores); a batch of BBC articles is
#: about 60 events and a commit of well under 0.1 s (benchmarks/throughput.py).
BATCH_ARTICLES = 32
#: Batches given out per worker and not yet written: enough to keep each busy while the writer
#: commits, few enough that a run holds only a handful of batches in memory however long its input.
QUEUED_PER_WORKER = 2
#: Below this many articles a run codes in-process by default: starting a worker costs the
#: pipeline's load and the sentence model's (about 7 CPU-seconds on the project's machine,
#: with tacitus's cache filled), which a small run does not win back.
SMALL_RUN_ARTICLES = 64


@dataclass(frozen=True)
class PipelineSpec:
    """What a worker needs to build the same :class:`~tacitus.pipeline.Pipeline` as the parent."""

    options: Options = field(default_factory=Options)
    actors: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    stance: tuple[str, ...] = ()
    discards: tuple[str, ...] = ()
    dictionaries: str | None = None

    def build(self) -> Any:
        from tacitus.pipeline import Pipeline

        return Pipeline(self.options, actors=self.actors, patterns=self.patterns, stance=self.stance,
                        discards=self.discards, dictionaries=self.dictionaries)


@dataclass
class CodedBatch:
    """A batch of articles, coded: the store's rows as Arrow tables, and the events.

    Attributes:
        index: the batch's place in the run (batches are written in this order).
        tables: one Arrow table per store table (:class:`tacitus.store.Rows`).
        events: the events of the batch's articles, in article and sentence order.
        coded: articles coded.
        skipped: articles whose coding failed, with the reason.
        model: the spaCy model's description.
        error: set when the worker could not build its pipeline (a bad dictionary file): the
            run stops with this message.
    """

    index: int
    tables: dict[str, Any] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    coded: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    model: str = ""
    error: str | None = None


@dataclass
class ParsedBatch:
    """A batch of articles parsed, not yet coded (one worker apart: see :class:`LocalEngine`).

    Attributes:
        index: the batch's place in the run.
        docs: the Docs of the articles that parsed, in order (:func:`tacitus.nlp.docs_to_bytes`).
        failed: why each article whose parse failed failed, by its place in the batch.
        error: never set here (a worker that could not build its pipeline sends a
            :class:`CodedBatch` with the error); read by the pool like a coded batch's.
    """

    index: int
    docs: bytes = b""
    failed: dict[int, str] = field(default_factory=dict)
    error: str | None = None


def parse_batch(articles: Sequence[Article], index: int = 0) -> ParsedBatch:
    """Parse a batch for another process to code (:func:`code_batch` with ``parsed``)."""
    from tacitus import nlp
    from tacitus.ingest import parse_text

    docs, failed = nlp.parse_each([parse_text(a.text) for a in articles])
    return ParsedBatch(index, nlp.docs_to_bytes(d for d in docs if d is not None), failed)


def code_batch(pipeline: Any, articles: Sequence[Article], index: int = 0, parsed: ParsedBatch | None = None,
               ) -> CodedBatch:
    """Code a batch with a loaded pipeline, parsing it here or, given ``parsed``, from its
    Docs; an article whose coding fails is skipped with its reason."""
    from tacitus.pipeline import CodedArticle
    from tacitus.store import Rows

    rows = Rows(pipeline.model_description)
    out = CodedBatch(index, model=pipeline.model_description)
    if parsed is None:
        coded_articles = pipeline.code_many(articles)
    else:
        from tacitus import nlp

        docs = iter(nlp.docs_from_bytes(parsed.docs))
        coded_articles = pipeline.code_parsed(articles, [None if k in parsed.failed else next(docs)
                                                         for k in range(len(articles))], parsed.failed)
    for coded in coded_articles:
        if not isinstance(coded, CodedArticle):
            out.skipped.append(coded)
            continue
        rows.add(coded.article, coded.sentences, coded.mentions, coded.events, coded.quotes, coded.figures)
        out.events.extend(coded.events)
        out.coded += 1
    out.tables = rows.tables()
    return out


def batches(articles: Iterable[Article], size: int | None = None) -> Iterator[list[Article]]:
    size = size or BATCH_ARTICLES
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def default_workers(articles: int | None = None) -> int:
    """The machine's cores (those this process may use), or 1 for a small run."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        cores = os.cpu_count() or 1
    if articles is not None and articles < SMALL_RUN_ARTICLES:
        return 1
    return max(1, cores)


class LocalEngine:
    """Codes batches on this machine: in-process for one worker, else in a pool of processes.

    Args:
        spec: how to build the pipeline (in each worker, once).
        workers: processes that parse and code; 1 codes in this process, unless ``apart``.
        apart: with one worker, parse in one worker process forked from this one, and code
            here, so that this process's coding, storing and linking run beside the parse
            instead of between batches (a Doc sent as a DocBin costs about a tenth of its
            coding). Only where this process may fork
            (:func:`tacitus.parallel.pool.may_fork`); otherwise it codes in this process, as
            a spawned worker would first build its own pipeline. The runner asks for it when
            there is a store to write and more than one batch.
    """

    def __init__(self, spec: PipelineSpec, workers: int = 1, apart: bool = False) -> None:
        self.spec = spec
        self.workers = max(1, workers)
        self.apart = apart and self.workers == 1
        #: why each worker process that died during the run died ("killed by signal 9 (SIGKILL)")
        self.deaths: list[str] = []
        self._pool: Any = None      # tacitus.parallel.pool.WorkerPool, once started
        self._encoder: Any = None   # tacitus.parallel.encoder.EncoderService, likewise

    def start(self) -> None:
        """Start the worker processes now (:meth:`run` does if this was not called); nothing
        with one worker. Call it before this process starts threads of its own (a progress
        bar, the writer's model load): the workers are then forked from it, with the pipeline
        built once here (see :meth:`tacitus.parallel.pool.WorkerPool.start`). :meth:`close`
        stops them if :meth:`run` is never called."""
        if self._pool is not None or not self._pooled():
            return
        from tacitus.parallel.encoder import EncoderService
        from tacitus.parallel.pool import WorkerPool

        # the workers' sentence model is this process's (see tacitus.parallel.encoder): its
        # socket listens before they start, and is answered, in threads, once they have. A
        # worker that only parses (apart) never encodes: it gets no encoder
        self._encoder = None if self.apart else EncoderService()
        address = (self._encoder.address, self._encoder.authkey) if self._encoder is not None else None
        self._pool = WorkerPool(self.spec, self.workers, self.workers * QUEUED_PER_WORKER, address,
                                parse_only=self.apart)
        self.deaths = self._pool.deaths
        try:
            self._pool.start()
        finally:
            if self._encoder is not None:
                self._encoder.start()

    def _pooled(self) -> bool:
        """Whether the batches go to worker processes, to be coded there or, with one worker
        apart, parsed there and coded here (decided once, at the first ask)."""
        if self.workers > 1:
            return True
        if self.apart:
            from tacitus.parallel.pool import may_fork

            self.apart = may_fork()
        return self.apart

    def close(self) -> None:
        """Stop the workers and the encoder, if started."""
        if self._pool is not None:
            self._pool.close()
        if self._encoder is not None:
            self._encoder.close()

    def run(self, articles: Iterable[list[Article]]) -> Iterator[CodedBatch]:
        """Coded batches, in input order. The input is read only as far as the workers need.

        With several workers, a worker that dies costs at most the article it died on (see
        :mod:`tacitus.parallel.pool`): such an article is among the batch's ``skipped``, with
        the reason; the run goes on.
        """
        if self._pool is None and not self._pooled():
            pipeline = None  # built for the first batch: a run of stored articles needs none
            for index, batch in enumerate(articles):
                pipeline = pipeline or self.spec.build()
                yield code_batch(pipeline, batch, index)
            return
        self.start()
        try:
            yield from self._pool.run(articles)
        finally:
            self.close()
