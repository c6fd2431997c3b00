"""One sentence model per run: the writer process encodes for its coding workers.

A worker of ``tacitus code --workers N`` needs the sentence model (all-MiniLM-L6-v2, on
PyTorch) only for the few verbs its coder generalises (:mod:`tacitus.events.generalise`: a
handful of short phrases in 200 news articles), yet loading it costs about 5 CPU-seconds per
process (importing sentence-transformers and PyTorch), paid by every worker of every run on
the cores the workers parse on. The writer, the ``tacitus`` process itself, loads the model
anyway to link. So the writer serves encodings: :class:`EncoderService` listens on a local
socket (a Unix socket in a private temporary folder, with a random key), and a worker's
:class:`~tacitus.link.agreement.Embedder` sends it the phrases to encode
(:func:`connect`) instead of loading the model. The vectors are those the writer's own model
gives, sent back as they are.

A worker whose writer cannot be reached (it went away) loads the model itself.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Sequence
from multiprocessing.connection import Client, Connection, Listener
from typing import Any

log = logging.getLogger(__name__)


class EncoderService:
    """Encodes sentences for the workers of a run, in threads of the writer process.

    :attr:`address` and :attr:`authkey` go to the workers. It listens from the start, and
    answers once :meth:`start` is called (entering it as a context manager calls it): the
    workers may be forked in between, from a process with no thread yet
    (:meth:`tacitus.parallel.pool.WorkerPool.start`); a worker that asks before then waits.
    :meth:`close` when done.
    """

    def __init__(self) -> None:
        self.authkey = secrets.token_bytes(32)
        self._listener = Listener(family="AF_UNIX", authkey=self.authkey)
        self.address = self._listener.address
        self._closed = False
        self._started = False

    def start(self) -> None:
        """Answer the workers (in threads of this process)."""
        if not self._started:
            self._started = True
            threading.Thread(target=self._accept, name="tacitus-encoder", daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                conn = self._listener.accept()
            except Exception:  # noqa: BLE001 - a client that failed the handshake, or the listener closed
                continue
            if self._closed:
                conn.close()
                return
            threading.Thread(target=self._serve, args=(conn,), name="tacitus-encoder-client", daemon=True).start()

    @staticmethod
    def _serve(conn: Connection) -> None:
        from tacitus.link.agreement import Embedder

        with conn:
            while True:
                try:
                    texts = conn.recv()
                except (EOFError, OSError):
                    return  # the worker finished (or died)
                try:
                    reply: tuple[str, Any] = ("ok", Embedder.encode_here(texts))
                except Exception as err:  # noqa: BLE001 - told to the worker, which raises it
                    reply = ("error", f"{type(err).__name__}: {err}")
                try:
                    conn.send(reply)
                except (EOFError, OSError):
                    return

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._started:
            try:  # wake the accepting thread so that it ends
                Client(self.address, authkey=self.authkey).close()
            except Exception:  # noqa: BLE001 - it is ending anyway
                pass
        self._listener.close()

    def __enter__(self) -> EncoderService:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class RemoteEncoder:
    """A worker's side: sends texts to the writer's :class:`EncoderService`, one request at a time."""

    def __init__(self, address: str, authkey: bytes) -> None:
        self.address = address
        self.authkey = authkey
        self._conn: Connection | None = None
        self._lock = threading.Lock()

    def __call__(self, texts: Sequence[str]) -> list[Any]:
        """The unit vectors of the texts, encoded by the writer.

        Raises:
            ConnectionError: the writer cannot be reached (the caller loads the model itself).
            RuntimeError: the writer's model failed on these texts.
        """
        with self._lock:
            try:
                if self._conn is None:
                    self._conn = Client(self.address, authkey=self.authkey)
                self._conn.send(list(texts))
                status, value = self._conn.recv()
            except (OSError, EOFError) as err:
                self._conn = None
                raise ConnectionError(f"the run's sentence encoder at {self.address} cannot be reached: {err}") \
                    from err
        if status != "ok":
            raise RuntimeError(f"the run's sentence encoder failed: {value}")
        return list(value)


def connect(address: str | None, authkey: bytes | None) -> None:
    """Have this process's :class:`~tacitus.link.agreement.Embedder` encode through the writer."""
    from tacitus.link.agreement import Embedder

    if address is not None and authkey is not None:
        Embedder.remote = RemoteEncoder(address, authkey)
