"""tacitus's cache of compiled data: read back, marked used, and pruned of old versions."""

from __future__ import annotations

import os
import time

import pytest

from tacitus import cache

OLDER = "a" * 12
OLD = "b" * 12
KEY = "0123456789abcdef" * 2


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("TACITUS_CACHE_DIR", str(tmp_path))
    return tmp_path


def _file(folder, name: str, age: float) -> None:
    path = folder / name
    path.write_bytes(b"old pickle")
    stamp = time.time() - age
    os.utime(path, (stamp, stamp))


def test_cache_a_new_pickle_prunes_all_but_the_last_other_version(folder):
    _file(folder, f"dictionaries-{OLDER}-{KEY}.pickle", 3 * 86400)
    _file(folder, f"symmetric-codes-{OLDER}-{KEY}.pickle", 2 * 86400)
    _file(folder, f"dictionaries-{OLD}-{KEY}.pickle", 86400)
    _file(folder, f"symmetric-codes-{OLD}-{KEY}.pickle", 5 * 86400)  # its version was used a day ago
    _file(folder, f"cities-{KEY}.pickle", 60)                  # named before versions were
    _file(folder, ".tmp-killed", 2 * cache.STALE_TEMP)          # a writer killed long ago
    _file(folder, ".tmp-writing", 1)                            # another process writing now
    _file(folder, "notes.txt", 10 * 86400)                      # not ours
    assert cache.cached("unit", [], lambda: {"built": 1}) == {"built": 1}
    now = cache.version()
    assert sorted(p.name for p in folder.iterdir()) == sorted([
        f"dictionaries-{OLD}-{KEY}.pickle", f"symmetric-codes-{OLD}-{KEY}.pickle", ".tmp-writing",
        "notes.txt", f"unit-{now}-{cache.key_of('unit', [])}.pickle"])

    def fail() -> dict:
        raise AssertionError("read from the cache, not built again")

    assert cache.cached("unit", [], fail) == {"built": 1}


def test_cache_reading_a_pickle_marks_its_version_used(folder):
    cache.cached("unit", [], lambda: [1, 2])
    (mine,) = folder.glob("unit-*.pickle")
    stamp = time.time() - 7 * 86400
    os.utime(mine, (stamp, stamp))
    _file(folder, f"unit-{OLD}-{KEY}.pickle", 86400)
    assert cache.cached("unit", [], lambda: [3]) == [1, 2]
    assert mine.stat().st_mtime > time.time() - 60
    # with no other version kept, the other goes; the current one always stays
    assert cache.prune(folder, keep_other=0) == [folder / f"unit-{OLD}-{KEY}.pickle"]
    assert [p.name for p in folder.iterdir()] == [mine.name]
