"""tacitus: code news about international affairs into sourced political events.

    >>> import tacitus
    >>> events = tacitus.code(text, published="2023-11-01", publisher="EURACTIV")
    >>> events[0].source.code, events[0].cameo, events[0].target.code, events[0].sentence

Stages, one module each, records flowing one way: ``ingest`` -> ``nlp`` -> ``actors`` ->
``events`` -> ``attributes`` -> ``store`` (and ``export``). ``pipeline`` joins them.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from tacitus.errors import DataFileError, InputError, ModelError, StoreError, TacitusError
from tacitus.records import (
    Actor,
    ActorMention,
    Article,
    Event,
    Location,
    Options,
    Sentence,
    Skipped,
)

if TYPE_CHECKING:
    from tacitus.pipeline import CodedArticle, Pipeline, RunReport, code, run

#: Loaded on first use: importing tacitus.pipeline imports spaCy (and thinc imports torch),
#: which a worker process, or a command that never parses, should not pay for.
_PIPELINE_NAMES = ("CodedArticle", "Pipeline", "RunReport", "code", "run")


def __getattr__(name: str) -> Any:
    if name in _PIPELINE_NAMES:
        from tacitus import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'tacitus' has no attribute {name!r}")


try:
    __version__ = version("tacitus")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

__all__ = [
    "Actor",
    "ActorMention",
    "Article",
    "CodedArticle",
    "DataFileError",
    "Event",
    "InputError",
    "Location",
    "ModelError",
    "Options",
    "Pipeline",
    "RunReport",
    "Sentence",
    "Skipped",
    "StoreError",
    "TacitusError",
    "__version__",
    "code",
    "run",
]
