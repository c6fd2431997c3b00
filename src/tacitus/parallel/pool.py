"""Worker processes that code batches, and what happens when one dies.

The run's workers are forked from the parent (:meth:`WorkerPool.start`), which builds the
pipeline once for them all, with PyTorch kept out of it (:func:`build`), before it starts
any thread (the progress bar's, the sentence model's load, the encoder's): they share its
memory, copy on write, and code at once. Spawned, each worker imported spaCy and built the
pipeline itself, about 2 CPU-seconds a worker on the cores the others parse on. Measured on
2026-12-05 (200 articles, 100 Wikinews and 100 BBC, ``--workers 2``, the old code and the
new in turn with bare ``nlp.pipe(n_process=2)`` in every round, 5 rounds, load average
3.8-5.9 from other work on the 2 cores): a run took 38.7 s (median; 27.3-42.5) instead of
42.5 (40.6-45.6), faster in every round, and used 37.5 CPU-seconds (37.1-41.9) instead of
41.6 (40.1-42.3): 0.78 x bare parsing instead of 0.71, by the medians. A parent that
runs another thread, or has imported PyTorch (:func:`may_fork`), spawns its workers, and so
does the parent of a worker that replaces a dead one (it runs threads by then): a spawned
worker builds its own pipeline, the same way.

A pool of one worker that only parses (``parse_only``: one worker apart from the writer)
sends back each batch's Docs (:func:`tacitus.parallel.parse_batch`); the parent codes them
with the pipeline it built before forking, after giving the worker its next batch, so that
the parse and the coding run side by side. A spawned worker of such a pool loads only the
spaCy model. Deaths are handled the same way.

Each worker codes one batch at a time, sent and returned over its own pipe. The parent
knows which batch each worker holds, so a worker that dies (a segfault in a native
library, the kernel's out-of-memory killer, a ``kill -9``) costs no more than that batch, and
usually nothing:

1. the parent notices at once (it waits on the workers' pipes and their process sentinels
   together: nothing hangs), starts a new worker in its place, and tells why the old one
   died (``killed by signal 9 (SIGKILL)``, ``exit code 1``);
2. the dead worker's batch is coded again, one article at a time (in whichever workers are
   free), so that an article that kills a worker cannot take the rest of its batch along;
3. an article whose worker dies while coding it alone is **lost**: it is reported, with the
   reason, among the run's skipped inputs (``lost: the worker coding it died (killed by
   signal 11 (SIGSEGV)) twice``), and the run goes on. Nothing stored is lost, and the
   batches still come out in input order.

The run's exit status is not changed by a lost article unless the caller asks
(``tacitus code --strict``). A worker that dies before its pipeline is built is not blamed
on an article; ``MAX_RESTARTS`` of them in a row stop the run, with the reason (something is
wrong with the machine or the installation).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Any

from tacitus.errors import TacitusError
from tacitus.records import Article, Skipped
from tacitus.runner import LOST

log = logging.getLogger(__name__)

#: New workers that may die in a row while building their pipeline before the run stops:
#: something is wrong with the machine or the installation, not with an article.
MAX_RESTARTS = 3
#: For tests only: a worker that is about to code an article whose path ends with this text
#: kills itself with SIGKILL, as a segfault or the out-of-memory killer would.
KILL_ON_ENV = "TACITUS_TEST_KILL_WORKER_ON"


# --- the worker side ----------------------------------------------------------------------

_pipeline: Any = None
_error: str | None = None
_parse_only = False  # this worker parses, and its parent codes (one worker apart)


def build(spec: Any) -> tuple[Any, str | None]:
    """The pipeline for coding workers, or the error that stopped its build (a bad dictionary
    file: told to the parent with the first batch), built with PyTorch kept out. With no
    ``spec``, only the spaCy model is loaded (a worker that only parses).

    thinc imports torch if it can, for models this one does not use: keep it out while spaCy
    loads; the sentence model (on torch) runs in the writer, which encodes for the workers
    (tacitus.parallel.encoder), or, failing that, in the worker when first needed. The parent
    builds the pipeline this way too when it forks its workers (:meth:`WorkerPool.start`).
    """
    blocked = "torch" not in sys.modules
    if blocked:
        sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        if spec is None:  # a worker that only parses: the model, no pipeline
            from tacitus import nlp

            nlp.load()
            return None, None
        return spec.build(), None
    except TacitusError as err:
        return None, str(err)
    finally:
        if blocked and sys.modules.get("torch", False) is None:
            del sys.modules["torch"]


def _init_worker(built: tuple[Any, str | None] | None, spec: Any, encoder: tuple[str, bytes] | None,
                 parse_only: bool = False) -> None:
    global _pipeline, _error, _parse_only
    from tacitus.parallel.encoder import connect

    # a worker is one of N processes on N cores: torch (read when first imported) runs on
    # one thread, as spaCy parses on one; with its default of a thread per core, each
    # worker's idle OpenMP threads spin on the cores the other workers parse on. A forked
    # worker sets them here too: the parent has not imported torch (it forks only then)
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    _parse_only = parse_only
    # a spawned worker builds its pipeline; one that only parses needs the model only
    _pipeline, _error = built if built is not None else build(None if parse_only else spec)
    if encoder is not None:
        connect(*encoder)


def _code_in_worker(articles: list[Article], index: int) -> Any:
    from tacitus.parallel import CodedBatch, code_batch, parse_batch

    if _error is not None:
        return CodedBatch(index, error=_error)
    kill_on = os.environ.get(KILL_ON_ENV)
    if kill_on and any((a.path or "").endswith(kill_on) for a in articles):
        os.kill(os.getpid(), signal.SIGKILL)
    if _parse_only:
        return parse_batch(articles, index)
    return code_batch(_pipeline, articles, index)


#: What a worker sends once its pipeline is built, before its first batch.
READY = "ready"


def _worker_main(conn: Any, encoder: tuple[str, bytes] | None, spec: Any,
                 built: tuple[Any, str | None] | None = None, inherited: list[Any] | None = None,
                 parse_only: bool = False) -> None:
    """A worker's life: build the pipeline from ``spec`` (a spawned worker) or take the one its
    parent built (``built``, a forked worker), then code batches until told to stop.

    ``inherited``: the parent's ends of the pipes of the workers forked before this one, which
    a fork copies into it. Closed here: else, the parent gone, those workers would wait for
    their next batch as long as this one lived, never seeing their pipe closed.
    """
    for other in inherited or []:
        other.close()
    _init_worker(built, spec, encoder, parse_only)
    conn.send(READY)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            break  # the parent went away
        if task is None:
            break
        conn.send(_code_in_worker(*task))
    # end at once: the worker holds nothing to save, and tearing down an interpreter that
    # holds the parser (its modules and objects, collected one by one) takes 0.5-0.7 s, which
    # the parent, waiting for its workers to end, would add to every run
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    os._exit(0)


# --- the parent side -------------------------------------------------------------------------

@dataclass
class _Task:
    index: int             # the batch's place in the run
    articles: list[Article]
    alone: bool = False    # one article of a batch whose worker died
    place: int = 0         # that article's place in its batch


@dataclass
class _Split:
    """A batch coded again article by article: the parts come back in any order."""

    articles: list[Article]
    parts: dict[int, Any] = field(default_factory=dict)   # article's place -> CodedBatch
    lost: dict[int, str] = field(default_factory=dict)    # article's place -> why


class _Worker:
    def __init__(self, context: Any, spec: Any, encoder: tuple[str, bytes] | None,
                 built: tuple[Any, str | None] | None = None, inherited: list[Any] | None = None,
                 parse_only: bool = False) -> None:
        self.conn, child = context.Pipe()
        # a forked worker gets ``built`` as it is in memory (nothing pickled); Process.start
        # drops its arguments, so the parent keeps no reference to the pipeline through it
        self.process = context.Process(target=_worker_main,
                                       args=(child, encoder, spec, built, inherited or [], parse_only),
                                       daemon=True, name="tacitus-worker")
        self.process.start()
        child.close()
        self.task: _Task | None = None
        self.ready = False  # its pipeline is built

    def send(self, task: _Task) -> None:
        self.task = task
        try:
            self.conn.send((task.articles, task.index))
        except OSError:  # it died: its sentinel says so, and the task is given out again
            pass

    def stop(self) -> None:
        """Have the worker end: at once if it is coding (the run is being abandoned), else when
        it has read that there is nothing more. :meth:`join` waits for it."""
        if self.task is not None:
            self.process.kill()
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass

    def join(self) -> None:
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def may_fork() -> bool:
    """Whether this process may fork its workers: it can (Linux, not macOS or Windows), it runs
    no other Python thread (one that held a lock, the import lock of a module it was
    importing or a stream's, as it was forked would leave that lock held for good in the
    worker), and it has not imported PyTorch (whose thread pool does not survive a fork, and
    which the workers' pipeline is built without). DuckDB's and Arrow's native threads may be
    running: a worker never uses DuckDB, and Arrow's and the allocators' survive a fork."""
    return ("fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
            and "torch" not in sys.modules)


def death(exitcode: int | None) -> str:
    """Why a process ended, in words: ``killed by signal 9 (SIGKILL)``, ``exit code 1``."""
    if exitcode is None:
        return "it stopped answering"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = "unknown signal"
        return f"killed by signal {-exitcode} ({name})"
    return f"exit code {exitcode}"


class WorkerPool:
    """Codes batches in ``workers`` processes, in input order, surviving workers that die
    (see the module docstring).

    Args:
        spec: how to build the pipeline (a :class:`~tacitus.parallel.PipelineSpec`).
        workers: processes (at least 2 make sense; 1 codes in this process instead).
        window: batches given out and not yet yielded, at most (bounds the memory held).
        encoder: the address and key of the writer's sentence encoder
            (:class:`~tacitus.parallel.encoder.EncoderService`), or None.
        parse_only: the workers only parse (:func:`tacitus.parallel.parse_batch`), and this
            process codes each batch from their Docs, after giving the worker its next one:
            one worker then parses while this process codes, stores and links.
    """

    def __init__(self, spec: Any, workers: int, window: int, encoder: tuple[str, bytes] | None = None,
                 parse_only: bool = False) -> None:
        self.spec = spec
        self.parse_only = parse_only
        self.built: tuple[Any, str | None] | None = None  # this process's pipeline, when it codes
        self.size = workers
        self.window = max(window, workers)
        self.encoder = encoder
        # workers started once this process has threads (those that replace dead ones) are
        # spawned: forking a process with threads may copy a lock another thread holds
        self.context = multiprocessing.get_context("spawn")
        self.deaths: list[str] = []  # why each worker that died died (for the report)
        self.workers: list[_Worker] = []
        self.forked = False  # the workers were forked from this process (for tests and benchmarks)

    def start(self) -> None:
        """Start the workers (:meth:`run` does if this was not called).

        Call it before this process starts any thread of its own: then the pipeline is built
        here, once, and the workers are forked from this process, sharing its memory (copy on
        write), so that they start coding at once instead of each importing spaCy and
        building the pipeline (about 2 CPU-seconds a worker, on the cores they parse on).
        Otherwise (:func:`may_fork` says why not) they are spawned, and each builds its own.
        """
        if self.workers:
            return
        if not may_fork():
            self.workers = [self._new_worker() for _ in range(self.size)]
            return
        built = build(self.spec)
        if self.parse_only:
            self.built = built
        # the pipeline's objects live as long as the workers: keep them out of the garbage
        # collector's passes, which would write to (and so copy) every page that holds them
        # in each worker. Collected first, so that nothing of the caller's is frozen for good
        gc.collect()
        gc.freeze()
        try:
            fork = multiprocessing.get_context("fork")
            for _ in range(self.size):
                self.workers.append(_Worker(fork, None, self.encoder, built, [w.conn for w in self.workers],
                                            self.parse_only))
        finally:
            gc.unfreeze()  # this process drops its copy of the pipeline when it returns (kept to code, with parse_only)
        self.forked = True

    def _new_worker(self) -> _Worker:
        """A spawned worker (at the start when this process may not fork, or in place of a dead one)."""
        return _Worker(self.context, self.spec, self.encoder, parse_only=self.parse_only)

    def _coded(self, articles: list[Article], index: int, result: Any) -> Any:
        """A worker's result as a coded batch: coded here if the worker only parsed it."""
        from tacitus.parallel import ParsedBatch, code_batch

        if not isinstance(result, ParsedBatch):
            return result
        if self.built is None:  # the workers were spawned: this process has no pipeline yet
            self.built = build(self.spec)
        pipeline, error = self.built
        if error is not None:
            raise TacitusError(error)
        return code_batch(pipeline, articles, index, parsed=result)

    def close(self) -> None:
        """Stop the workers (those coding are killed: the run is being abandoned), and wait for them."""
        workers, self.workers = self.workers, []
        for w in workers:  # all told first: they end side by side
            w.stop()
        for w in workers:
            w.join()

    def run(self, batches: Iterable[list[Article]]) -> Iterator[Any]:
        """Coded batches (:class:`~tacitus.parallel.CodedBatch`), in input order."""
        source = enumerate(batches)
        exhausted = False
        retry: deque[_Task] = deque()      # articles of batches whose worker died, one by one
        splits: dict[int, _Split] = {}
        done: dict[int, Any] = {}           # coded (or parsed) batches waiting for their turn
        articles_of: dict[int, list[Article]] = {}  # the articles of each batch in ``done``
        next_out = 0
        given = 0                           # batches taken from the input
        failed_starts = 0                   # new workers that died in a row before they were ready
        self.start()
        workers = self.workers

        def give_out() -> None:  # give every idle worker something to do
            nonlocal exhausted, given
            for k, w in enumerate(workers):
                if w.task is not None:
                    continue
                if not w.process.is_alive():  # died between two batches: nothing of ours lost
                    w.process.join()
                    self.deaths.append(death(w.process.exitcode))
                    w.conn.close()
                    workers[k] = w = self._new_worker()
                if retry:
                    w.send(retry.popleft())
                elif not exhausted and given - next_out < self.window:
                    try:
                        index, batch = next(source)
                    except StopIteration:
                        exhausted = True
                        continue
                    given += 1
                    w.send(_Task(index, batch))

        try:
            while True:
                give_out()
                busy = [w for w in workers if w.task is not None]
                if not busy:
                    if exhausted and not retry:
                        break  # the input is read, and every batch given out came back
                    raise AssertionError("idle workers with batches left")  # pragma: no cover
                ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
                for k, w in enumerate(workers):
                    if w.task is None or (w.conn not in ready and w.process.sentinel not in ready):
                        continue
                    result = None
                    if w.conn in ready:
                        try:
                            result = w.conn.recv()
                        except (EOFError, OSError):
                            result = None
                    if result == READY:
                        w.ready = True
                        failed_starts = 0
                        continue
                    task = w.task
                    if result is not None:
                        w.task = None
                        if result.error is not None:
                            raise TacitusError(result.error)
                        if task.alone:  # a split batch's parts are joined coded
                            result = self._coded(task.articles, task.index, result)
                        else:
                            articles_of[task.index] = task.articles
                        self._finished(task, result, splits, done)
                        continue
                    # the worker died (its pipe closed, or its process ended) with this task
                    w.process.join()
                    why = death(w.process.exitcode)
                    self.deaths.append(why)
                    w.conn.close()
                    workers[k] = self._new_worker()
                    if not w.ready:  # it died starting: the task is not to blame
                        failed_starts += 1
                        if failed_starts >= MAX_RESTARTS:
                            raise TacitusError(f"{failed_starts} coding workers in a row died as they started "
                                               f"({why}): run with --workers 1 to see the error")
                        retry.appendleft(task)
                        continue
                    log.warning("a coding worker (pid %s) died, %s, coding %s", w.process.pid, why,
                                ", ".join(a.path or a.id for a in task.articles[:3]))
                    if not task.alone:  # code its batch again, article by article
                        splits[task.index] = _Split(task.articles)
                        retry.extendleft(reversed([_Task(task.index, [a], alone=True, place=k)
                                                   for k, a in enumerate(task.articles)]))
                    else:
                        self._lost(task, f"{LOST}the worker coding it died ({why}) twice, the second "
                                         "time with this article alone", splits, done)
                if next_out in done:
                    give_out()  # a worker that only parses starts its next batch as this one is coded
                while next_out in done:
                    yield self._coded(articles_of.pop(next_out, []), next_out, done.pop(next_out))
                    next_out += 1
        finally:
            self.close()

    @staticmethod
    def _finished(task: _Task, result: Any, splits: dict[int, _Split], done: dict[int, Any]) -> None:
        if not task.alone:
            done[task.index] = result
            return
        splits[task.index].parts[task.place] = result
        _complete(task.index, splits, done)

    @staticmethod
    def _lost(task: _Task, reason: str, splits: dict[int, _Split], done: dict[int, Any]) -> None:
        splits[task.index].lost[task.place] = reason
        _complete(task.index, splits, done)


def _complete(index: int, splits: dict[int, _Split], done: dict[int, Any]) -> None:
    """When every article of a split batch is coded or lost, join them into one batch."""
    split = splits[index]
    if len(split.parts) + len(split.lost) < len(split.articles):
        return
    del splits[index]
    done[index] = joined(index, split.articles, split.parts, split.lost)


def joined(index: int, articles: list[Article], parts: dict[int, Any], lost: dict[int, str]) -> Any:
    """One batch of a batch's articles coded one by one (``parts``: article's place -> its
    CodedBatch) or lost (place -> why), in the batch's order. Also for the Dask engine."""
    import pyarrow as pa

    from tacitus.parallel import CodedBatch

    out = CodedBatch(index)
    tables: dict[str, list[Any]] = {}
    for place, article in enumerate(articles):
        if place in lost:
            out.skipped.append(Skipped(article.path or article.id, lost[place], article.line))
            continue
        part = parts[place]
        out.model = out.model or part.model
        out.events.extend(part.events)
        out.coded += part.coded
        out.skipped.extend(part.skipped)
        for name, table in part.tables.items():
            tables.setdefault(name, []).append(table)
    out.tables = {name: pa.concat_tables(pieces) for name, pieces in tables.items()}
    return out
