"""A cache of what is slow to build and pure, so that a run, and each of its workers, starts fast.

Compiled dictionaries (built-in and imported: :func:`compiled_dictionaries`), and, through
:func:`cached`, the generaliser's prototype vectors, the city index of places and the linker's
symmetric codes: each keyed by what it is made from, tacitus's code included.

Reading the Phoenix dictionaries that ``tacitus import`` writes (28,000 actors, 9,000
patterns) takes about 30 seconds: YAML read with line numbers, then every entry checked and
compiled. The compiled knowledge base, pattern book and discards are pickled under
:func:`cache_dir`, keyed by a hash of everything they are made from: the dictionary files'
contents, the built-in data files and tacitus's own code (a new version never reads an old
pickle). A cache that cannot be read or written is ignored: the dictionaries are compiled
again, never wrongly read.

The folder is ``$TACITUS_CACHE_DIR``, else ``$XDG_CACHE_HOME/tacitus``, else
``~/.cache/tacitus``. Delete it at any time.

Each version of tacitus (its code and data files, hashed) writes its own pickles, about 15 MB
in all, named ``KIND-VERSION-KEY.pickle``; reading one marks it used (its time stamp). Old
versions are pruned (:func:`prune`) whenever a pickle is written, which is when a new
version first runs: the current version's pickles stay, and so do those of the one other
version used most recently (a previous install still in use, another checkout sharing the
folder); older versions', and pickles named before versions were (``KIND-KEY.pickle``), are
deleted, as are temporary files a killed writer left behind.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)

#: Raise when what is pickled changes in a way the code hash would not show.
CACHE_FORMAT = 1
#: Versions of tacitus whose pickles are kept besides the current one: the most recently
#: used. One, so that going back to the previous install, or a second checkout sharing the
#: folder, does not rebuild everything; more would keep 15 MB a version for little use.
KEEP_OTHER_VERSIONS = 1
#: A temporary file older than this (seconds) was left by a writer that was killed.
STALE_TEMP = 3600
#: A pickle's name: its kind, the version of tacitus that wrote it, its key.
PICKLE_NAME = re.compile(r"^(?P<kind>.+)-(?P<version>[0-9a-f]{12})-(?P<key>[0-9a-f]{32})\.pickle$")
#: A pickle named before names carried the version (``KIND-KEY.pickle``).
OLD_PICKLE_NAME = re.compile(r"^.+-[0-9a-f]{32}\.pickle$")


def cache_dir() -> Path:
    """Where compiled dictionaries are kept."""
    if os.environ.get("TACITUS_CACHE_DIR"):
        return Path(os.environ["TACITUS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tacitus"


@functools.lru_cache(maxsize=1)
def _code_hash() -> str:
    """A hash of tacitus's modules and built-in data files: the compiler and its defaults."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted([*root.rglob("*.py"), *(root / "data").glob("*")]):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def version() -> str:
    """This version of tacitus, as the cache sees it: its code, data files and cache format."""
    return hashlib.sha256(f"{CACHE_FORMAT}|{_code_hash()}".encode()).hexdigest()[:12]


def prune(folder: Path | None = None, keep_other: int = KEEP_OTHER_VERSIONS) -> list[Path]:
    """Delete the pickles of old versions of tacitus (see the module docstring).

    Keeps every pickle of the current version and of the ``keep_other`` other versions used
    most recently (by the newest time stamp among their pickles). Files it does not recognise
    are left alone. Returns the files deleted; a file that cannot be deleted is skipped.
    """
    folder = folder or cache_dir()
    current = version()
    by_version: dict[str, list[Path]] = {}
    doomed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    now = time.time()
    for path in entries:
        try:
            if path.name.startswith(".tmp-"):
                if now - path.stat().st_mtime > STALE_TEMP:
                    doomed.append(path)
                continue
            m = PICKLE_NAME.match(path.name)
            if m is not None:
                by_version.setdefault(m.group("version"), []).append(path)
            elif OLD_PICKLE_NAME.match(path.name):
                doomed.append(path)
        except OSError:
            continue

    def last_used(paths: list[Path]) -> float:
        stamps = []
        for p in paths:
            try:
                stamps.append(p.stat().st_mtime)
            except OSError:
                pass
        return max(stamps, default=0.0)

    others = sorted((v for v in by_version if v != current), key=lambda v: last_used(by_version[v]), reverse=True)
    for v in others[keep_other:]:
        doomed.extend(by_version[v])
    deleted = []
    for path in doomed:
        try:
            path.unlink()
            deleted.append(path)
        except OSError:
            continue
    if deleted:
        log.info("pruned %d files of old tacitus versions from %s", len(deleted), folder)
    return deleted


def key_of(kind: str, files: Sequence[str | Path], extra: str = "") -> str:
    """The cache key of ``kind`` compiled from ``files`` (their contents, in order)."""
    h = hashlib.sha256(f"{kind}|{CACHE_FORMAT}|{_code_hash()}|{extra}".encode())
    for f in files:
        h.update(b"\0file\0")
        h.update(Path(f).read_bytes())
    return h.hexdigest()[:32]


def cached(kind: str, files: Sequence[str | Path], build: Callable[[], T], *, extra: str = "") -> T:
    """What ``build()`` returns, from the cache when ``files`` have not changed.

    Args:
        kind: a name for what is built (the pickle's file name starts with it).
        files: the files it is built from; their contents are the key.
        build: compiles it (and raises for a malformed file: errors are never cached).
        extra: anything else the result depends on (options), as text.
    """
    try:
        path = cache_dir() / f"{kind}-{version()}-{key_of(kind, files, extra)}.pickle"
    except OSError:
        return build()  # a file vanished: let build() report it
    if path.exists():
        try:
            with path.open("rb") as handle:
                value = pickle.load(handle)  # noqa: S301 - our own file, keyed by content
        except Exception as err:  # noqa: BLE001 - a broken or stale pickle is rebuilt
            log.warning("ignoring the dictionary cache %s: %s", path, err)
        else:
            try:
                os.utime(path)  # used now: prune() keeps the versions in use
            except OSError:
                pass
            return value
    value = build()
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as handle:
            tmp = handle.name
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a reader never sees half a pickle
    except Exception as err:  # noqa: BLE001 - no cache is slower, never wrong
        log.warning("cannot write the dictionary cache %s: %s", path, err)
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
    else:
        prune(path.parent)  # a new pickle: likely a new version, whose predecessors can go
    return value


def compiled_dictionaries(actors: Sequence[str], patterns: Sequence[str], stance: Sequence[str],
                          discards: Sequence[str], *, builtin: bool) -> tuple:
    """The knowledge base, pattern book and discards of these files, compiled or from the cache.

    Raises:
        DataFileError: a file is malformed (with its path and line).
    """
    from tacitus.actors.knowledge import KnowledgeBase
    from tacitus.events.discards import Discards
    from tacitus.events.patterns import load as load_patterns

    def build() -> tuple:
        return (KnowledgeBase.load(extra=actors, builtin=builtin),
                load_patterns(patterns, builtin=builtin, stance=stance),
                Discards.load(discards, builtin=builtin))

    groups = {"actors": actors, "patterns": patterns, "stance": stance, "discards": discards}
    files = [f for names in groups.values() for f in names]
    layout = f"builtin={builtin}|" + "|".join(f"{k}={len(v)}" for k, v in groups.items())
    return cached("dictionaries", files, build, extra=layout)
