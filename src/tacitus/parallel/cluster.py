"""The Dask engine: ``tacitus code --engine dask [--scheduler ADDR]``.

    client (this process)                      Dask workers (any number of machines)
    read articles lazily, in partitions   ->   PipelinePlugin: the pipeline, built once per worker
                                               code_partition: code, write Parquet shards
                                                 SHARDS/run-.../{articles,sentences,actors,
                                                 events,quotes,figures}/part-000042.parquet
    read each shard, in partition order   <-   (path, counts)
    Store.add_tables + link (one writer)

The shards are a Parquet dataset of the store's tables (one file per partition and table),
readable by DuckDB, pandas or Dask as they are.

A worker that dies (a segfault, the out-of-memory killer, ``kill -9``) costs what it costs
the local pool (:mod:`tacitus.parallel.pool`): the scheduler gives up on its partition at once
(``allowed-failures`` 0 on a LocalCluster; a remote scheduler retries it as configured), the
partition's articles are coded again one at a time, and an article whose worker dies again
while coding it alone is **lost**: reported among the run's skipped inputs, the run going on.
The nanny starts a new worker in the dead one's place. A dying worker takes with it every task
it was given, begun or not; each task notes in the shard folder (``started/``) that it began,
so that only the one it was coding counts against its articles, and the others are given out
again. The client ingests them in input order, so the
store and its links are those of a local run on the same input. Without ``--scheduler`` a
LocalCluster on 127.0.0.1 runs ``--workers`` processes; with a remote scheduler the shard folder
must be one the workers and the client both see (a shared file system).
"""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import signal
import tempfile
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tacitus.errors import InputError, TacitusError
from tacitus.parallel import QUEUED_PER_WORKER, CodedBatch, PipelineSpec, code_batch
from tacitus.parallel.pool import KILL_ON_ENV, joined
from tacitus.records import Article
from tacitus.runner import LOST
from tacitus.store import TABLE_ORDER

log = logging.getLogger(__name__)

PLUGIN_NAME = "tacitus-pipeline"
#: Workers a LocalCluster's partition may kill before the scheduler gives up on it (Dask's
#: ``distributed.scheduler.allowed-failures``, 3 by default): none, as in the local pool,
#: where a batch whose worker dies is coded again article by article at once.
ALLOWED_FAILURES = 0
#: Why a worker process died, for the run's report: Dask does not tell the client how.
DASK_DEATH = "a Dask worker died"
#: The folder of a run's shards where each task notes that it began (see :func:`code_partition`).
STARTED = "started"
#: Beside it, the note a task leaves once all its shards are written: its result, pickled. A
#: task can finish and its worker die (killed by the next task) before the scheduler hears of
#: it; Dask then reports the finished task killed too, and the note says it was not.
FINISHED = "finished"
#: Times a task that a dying worker held but had not begun is given out again before the run
#: treats it as one that killed its worker (something is wrong with the workers, not the task).
RESUBMITS = 3


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as err:
        raise InputError("the Dask engine needs dask.distributed, which is not installed",
                         hint='pip install "tacitus[dask]"  (or: pip install "dask[distributed]")') from err
    return distributed


try:  # the module stays importable without Dask; the engine then says what to install
    from distributed import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover - dask is in the dev extras
    _WorkerPlugin = object  # type: ignore[assignment,misc]


class PipelinePlugin(_WorkerPlugin):
    """A Dask worker plugin that builds the pipeline once per worker, when the worker starts."""

    name = PLUGIN_NAME

    def __init__(self, spec: PipelineSpec) -> None:
        self.spec = spec
        self.pipeline: Any = None
        self.error: str | None = None

    def setup(self, worker: Any) -> None:
        try:
            self.pipeline = self.spec.build()
        except TacitusError as err:  # told to the client with the first partition
            self.error = str(err)

    def teardown(self, worker: Any) -> None:
        self.pipeline = None

    def __getstate__(self) -> dict:
        return {"spec": self.spec, "pipeline": None, "error": None}


def _shard_name(index: int, place: int | None) -> str:
    return f"part-{index:06d}.parquet" if place is None else f"part-{index:06d}-{place:05d}.parquet"


def code_partition(articles: list[Article], index: int, folder: str, place: int | None = None) -> dict[str, Any]:
    """Code one partition on a worker and write its rows as Parquet shards under ``folder``
    (``place``: the article's place in its partition, when it is coded alone)."""
    import pyarrow.parquet as pq
    from distributed import get_worker

    plugin = get_worker().plugins[PLUGIN_NAME]
    if plugin.error is not None:
        return {"index": index, "error": plugin.error}
    # a worker that dies takes with it the tasks it was given, begun or not: this tells the
    # client which one it was coding
    started = Path(folder) / STARTED / _shard_name(index, place)
    started.parent.mkdir(parents=True, exist_ok=True)
    started.touch()
    kill_on = os.environ.get(KILL_ON_ENV)  # the test hook of the local pool, here too
    if kill_on and any((a.path or "").endswith(kill_on) for a in articles):
        os.kill(os.getpid(), signal.SIGKILL)
    batch = code_batch(plugin.pipeline, articles, index)
    for name, table in batch.tables.items():
        path = Path(folder) / name / _shard_name(index, place)
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, path)
    result = {"index": index, "coded": batch.coded, "skipped": batch.skipped, "model": batch.model}
    finished = Path(folder) / FINISHED / _shard_name(index, place)
    finished.parent.mkdir(parents=True, exist_ok=True)
    partial = finished.with_name(f".{finished.name}.{os.getpid()}")
    partial.write_bytes(pickle.dumps(result))
    partial.replace(finished)  # whole or not at all
    return result


def finished_result(folder: str | Path, index: int, place: int | None = None) -> dict[str, Any] | None:
    """The result a task left once its shards were all written, or None if it did not finish."""
    note = Path(folder) / FINISHED / _shard_name(index, place)
    return pickle.loads(note.read_bytes()) if note.exists() else None


def read_shard(folder: str | Path, index: int, place: int | None = None) -> dict[str, Any]:
    """One partition's tables (or one article's of it, coded alone), read back from its shards."""
    import pyarrow.parquet as pq

    return {name: pq.read_table(Path(folder) / name / _shard_name(index, place)) for name in TABLE_ORDER}


class DaskEngine:
    """Codes batches on a Dask cluster, yielding them in input order (see the module docstring).

    Args:
        spec: how to build the pipeline (once per worker, by :class:`PipelinePlugin`).
        scheduler: the scheduler's address ("tcp://10.0.0.5:8786"); None starts a LocalCluster.
        workers: the LocalCluster's worker processes (one thread each).
        shards: the folder for the run's shards; a temporary folder, deleted after the run,
            when None. Given, the shards stay in ``SHARDS/run-<time>-<id>/``.
    """

    def __init__(self, spec: PipelineSpec, *, scheduler: str | None = None, workers: int = 1,
                 shards: str | None = None) -> None:
        self.spec = spec
        self.scheduler = scheduler
        self.workers = max(1, workers)
        self.shards = shards
        #: why each worker process that died during the run died (for the run's report)
        self.deaths: list[str] = []
        self._dead: set[str] = set()  # the dead workers' addresses (a restarted one has a new one)

    def run(self, partitions: Iterable[list[Article]]) -> Iterator[CodedBatch]:
        from tacitus.runner import event_from_dict
        from tacitus.store import unflatten

        distributed = _distributed()
        cluster = None
        if self.scheduler:
            client = distributed.Client(self.scheduler)
        else:
            cluster = distributed.LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                               host="127.0.0.1", dashboard_address=None, memory_limit=0,
                                               silence_logs=logging.ERROR,
                                               scheduler_kwargs={"allowed_failures": ALLOWED_FAILURES})
            client = distributed.Client(cluster)
        base = Path(self.shards) if self.shards else Path(tempfile.mkdtemp(prefix="tacitus-shards-"))
        folder = base / f"run-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
        try:
            client.register_plugin(PipelinePlugin(self.spec), name=PLUGIN_NAME)
            in_flight = max(1, len(client.scheduler_info()["workers"])) * QUEUED_PER_WORKER
            pending: deque[tuple[int, list[Article], Any]] = deque()

            def read(done: dict[str, Any], place: int | None = None) -> CodedBatch:
                if done.get("error"):
                    raise TacitusError(done["error"])
                tables = read_shard(folder, done["index"], place)
                events = [event_from_dict(unflatten(row)) for row in tables["events"].to_pylist()]
                return CodedBatch(done["index"], tables, events, done["coded"], done["skipped"], done["model"])

            def submit(articles: list[Article], index: int, place: int | None = None) -> Any:
                return client.submit(code_partition, articles, index, str(folder), place, pure=False)

            def outcome(future: Any, articles: list[Article], index: int,
                        place: int | None = None) -> CodedBatch | Any:
                """The task's coded batch, or Dask's KilledWorker if its worker died coding it
                (a task its dying worker held but had not begun is given out again)."""
                killed: Any = None
                for _ in range(RESUBMITS + 1):
                    try:
                        return read(future.result(), place)
                    except distributed.KilledWorker as err:
                        self._died(err, index, articles)
                        left = finished_result(folder, index, place)
                        if left is not None:  # done before its worker died of the next task
                            return read(left, place)
                        if (folder / STARTED / _shard_name(index, place)).exists():
                            return err
                        killed = err
                    future = submit(articles, index, place)
                return killed

            def collect() -> CodedBatch:
                index, articles, future = pending.popleft()
                done = outcome(future, articles, index)
                if isinstance(done, CodedBatch):
                    return done
                # its worker died coding it: its articles again, one per task
                alone = [submit([a], index, place) for place, a in enumerate(articles)]
                parts: dict[int, CodedBatch] = {}
                lost: dict[int, str] = {}
                for place, task in enumerate(alone):
                    done = outcome(task, articles[place:place + 1], index, place)
                    if isinstance(done, CodedBatch):
                        parts[place] = done
                        continue
                    lost[place] = (f"{LOST}the worker coding it died ({DASK_DEATH}) "
                                   + ("twice, the second time" if done.allowed_failures == 0 else
                                      f"with its partition, then {done.allowed_failures + 1} times")
                                   + " with this article alone")
                return joined(index, articles, parts, lost)

            for index, batch in enumerate(partitions):
                pending.append((index, batch, submit(batch, index)))
                if len(pending) >= in_flight:
                    yield collect()
            while pending:
                yield collect()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
            if not self.shards:
                shutil.rmtree(base, ignore_errors=True)
            else:  # the shards stay, a dataset of the store's tables; the notes go
                shutil.rmtree(folder / STARTED, ignore_errors=True)
                shutil.rmtree(folder / FINISHED, ignore_errors=True)

    def _died(self, err: Any, index: int, articles: list[Article]) -> None:
        """A worker died with a task of ours (``err``: Dask's KilledWorker): note the death once."""
        address = getattr(err.last_worker, "address", str(err.last_worker))
        if address not in self._dead:
            self._dead.add(address)
            self.deaths.append(DASK_DEATH)
        log.warning("a Dask worker (%s) died coding %s", address,
                    ", ".join(a.path or a.id for a in articles[:3]) or f"partition {index}")
