"""Shared fixtures: paths to ../shared (read, never copied) and a fresh store."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is absent: this test reads the shared seeds, gold or corpora")
    return SHARED


@pytest.fixture
def fresh_store(tmp_path):
    from tacitus.store import Store

    with Store(tmp_path / "test.duckdb") as store:
        yield store


@pytest.fixture(scope="session")
def linked_store(tmp_path_factory):
    """A store with the two seeds and the three rewrites of seed 000's visit, coded and linked.

    Seed 002 carries no publication date; it is coded as published on 2022-12-01 (the French
    presidency's statement came the day after the leaders met in Paris, 29-30 November 2022).
    """
    from datetime import date

    from tacitus.pipeline import run
    from tacitus.records import Options

    if not SHARED.exists():
        pytest.skip(f"{SHARED} is absent: the linked store codes the shared seeds")
    path = tmp_path_factory.mktemp("linked") / "seeds.duckdb"
    from tacitus.store import Store

    with Store(path) as store:
        run([str(SHARED / "seeds" / "000_d44e1bea3d174aff.txt")],
            Options(published=date(2023, 11, 1), publisher="EURACTIV"), store)
        run([str(SHARED / "seeds" / "002_c541ccf6d68556e6.txt")], Options(published=date(2022, 12, 1)), store)
        run([str(ROOT / "tests" / "fixtures" / "link" / "articles.jsonl")], Options(), store)
    return path


# --- tacitus serve: a store of the examples, and real servers on 127.0.0.1 -------------------

@pytest.fixture(scope="session")
def example_store(tmp_path_factory):
    """The six example articles (examples/articles.jsonl), coded and linked; copy it before
    serving it (a server holds its store)."""
    from tacitus.pipeline import run
    from tacitus.store import Store

    path = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    with Store(path) as store:
        run([str(ROOT / "examples" / "articles.jsonl")], None, store)
    return path


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``tacitus serve`` in its own process on 127.0.0.1, on a free port."""

    def __init__(self, db, *args: str, token: str | None = None) -> None:
        import os
        import subprocess
        import sys

        self.db, self.port, self.token = db, free_port(), token
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        env.pop("TACITUS_TOKEN", None)
        command = [sys.executable, "-m", "tacitus", "serve", "--db", str(db), "--port", str(self.port), *args]
        if token:
            command += ["--token", token]
        self.log = open(str(db) + ".log", "w+")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT, env=env)

    def wait(self, seconds: float = 90) -> Server:
        """Wait until the server answers; fail with its output if it does not."""
        import time

        import httpx

        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if self.process.poll() is not None:
                break
            try:
                if httpx.get(self.url + "/api/status", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.3)
        self.log.seek(0)
        output = self.log.read()
        self.stop()
        pytest.fail(f"tacitus serve did not start on {self.url}:\n{output}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except Exception:  # noqa: BLE001 - a server that ignores SIGTERM is killed
                self.process.kill()
                self.process.wait(5)
        self.log.close()


@pytest.fixture
def serve_store(example_store, tmp_path):
    """A fresh copy of the example store, for one server."""
    import shutil

    def copy(name: str = "served.duckdb"):
        path = tmp_path / name
        shutil.copy(example_store, path)
        return path

    return copy


@pytest.fixture(autouse=True, scope="session")
def _dictionary_cache(tmp_path_factory):
    """Compiled dictionaries are cached in a folder of the test session, not the user's."""
    import os

    old = os.environ.get("TACITUS_CACHE_DIR")
    os.environ["TACITUS_CACHE_DIR"] = str(tmp_path_factory.mktemp("tacitus-cache"))
    yield
    if old is None:
        os.environ.pop("TACITUS_CACHE_DIR", None)
    else:
        os.environ["TACITUS_CACHE_DIR"] = old
