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
