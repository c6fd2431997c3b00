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
