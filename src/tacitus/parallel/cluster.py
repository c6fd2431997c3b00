"""The Dask engine: ``tacitus code --engine dask [--scheduler ADDR]``.

    client (this process)                      Dask workers (any number of machines)
    read articles lazily, in partitions   ->   PipelinePlugin: the pipeline, built once per worker
                                               code_partition: code, write Parquet shards
                                                 SHARDS/run-.../{articles,sentences,actors,
                                                 events,quotes,figures}/part-000042.parquet
    read each shard, in partition order   <-   (path, counts)
    Store.add_tables + link (one writer)

The shards are a Parquet dataset of the store's tables (one file per partition and table),
readable by DuckDB, pandas or Dask as they are. The client ingests them in input order, so the
store and its links are those of a local run on the same input. Without ``--scheduler`` a
LocalCluster on 127.0.0.1 runs ``--workers`` processes; with a remote scheduler the shard folder
must be one the workers and the client both see (a shared file system).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tacitus.errors import InputError, TacitusError
from tacitus.parallel import QUEUED_PER_WORKER, CodedBatch, PipelineSpec, code_batch
from tacitus.records import Article
from tacitus.store import TABLE_ORDER

PLUGIN_NAME = "tacitus-pipeline"


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


def code_partition(articles: list[Article], index: int, folder: str) -> dict[str, Any]:
    """Code one partition on a worker and write its rows as Parquet shards under ``folder``."""
    import pyarrow.parquet as pq
    from distributed import get_worker

    plugin = get_worker().plugins[PLUGIN_NAME]
    if plugin.error is not None:
        return {"index": index, "error": plugin.error}
    batch = code_batch(plugin.pipeline, articles, index)
    for name, table in batch.tables.items():
        path = Path(folder) / name / f"part-{index:06d}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, path)
    return {"index": index, "coded": batch.coded, "skipped": batch.skipped, "model": batch.model}


def read_shard(folder: str | Path, index: int) -> dict[str, Any]:
    """One partition's tables, read back from its shards."""
    import pyarrow.parquet as pq

    return {name: pq.read_table(Path(folder) / name / f"part-{index:06d}.parquet") for name in TABLE_ORDER}


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
                                               silence_logs=logging.ERROR)
            client = distributed.Client(cluster)
        base = Path(self.shards) if self.shards else Path(tempfile.mkdtemp(prefix="tacitus-shards-"))
        folder = base / f"run-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
        try:
            client.register_plugin(PipelinePlugin(self.spec), name=PLUGIN_NAME)
            in_flight = max(1, len(client.scheduler_info()["workers"])) * QUEUED_PER_WORKER
            pending: deque = deque()

            def collect() -> CodedBatch:
                done = pending.popleft().result()
                if done.get("error"):
                    raise TacitusError(done["error"])
                tables = read_shard(folder, done["index"])
                events = [event_from_dict(unflatten(row)) for row in tables["events"].to_pylist()]
                return CodedBatch(done["index"], tables, events, done["coded"], done["skipped"], done["model"])

            for index, batch in enumerate(partitions):
                pending.append(client.submit(code_partition, batch, index, str(folder), pure=False))
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
