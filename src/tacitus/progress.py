"""Progress of long runs on the terminal: done/total, rate and time left, on standard error.

The bar shows only when standard error is a terminal, whatever else a command prints
(``--quiet`` hides the events table, not the progress), and disappears when the run ends.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def count_inputs(paths: Sequence[str]) -> int | None:
    """How many articles the inputs hold, counted without reading them (None when unknown).

    A file counts one, a JSON Lines file one per non-blank line, a folder the readable files
    under it (as ``tacitus.ingest.read`` walks it); standard input cannot be counted.
    """
    from tacitus.ingest import SUPPORTED_SUFFIXES
    from tacitus.ingest.readers import JSONL_SUFFIXES

    def one(path: Path) -> int:
        if path.suffix.lower() in JSONL_SUFFIXES:
            try:
                with path.open("rb") as fh:
                    return sum(1 for line in fh if line.strip())
            except OSError:
                return 1
        return 1

    total = 0
    for given in paths:
        if given == "-":
            return None
        path = Path(given)
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                total += sum(one(Path(folder) / f) if Path(f).suffix.lower() in SUPPORTED_SUFFIXES else 1
                             for f in files if not f.startswith("."))
        else:
            total += one(path)
    return total


class Progress:
    """A progress bar on standard error, or nothing when it is not a terminal.

    Args:
        what: the noun counted ("articles").
        total: how many to expect (None: the bar shows the count and rate only).
        show: False never shows it (``None``: when standard error is a terminal).
    """

    def __init__(self, what: str, total: int | None = None, show: bool | None = None) -> None:
        self.bar: Any = None
        self.done = 0
        if show is None:
            show = sys.stderr.isatty()
        if not show:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        self.bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                       TextColumn("{task.fields[rate]}"), TextColumn("ETA"), TimeRemainingColumn(),
                       console=Console(stderr=True), transient=True)
        self.task = self.bar.add_task(what, total=total, rate="")
        self.what = what

    def __enter__(self) -> Progress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.bar is None or not n:
            return
        self.bar.advance(self.task, n)
        speed = self.bar.tasks[0].speed
        self.bar.update(self.task, rate=f"{speed:.1f} {self.what}/s" if speed else "")

    def total(self, total: int | None) -> None:
        """Correct the expected total (a folder's files counted, then read)."""
        if self.bar is not None:
            self.bar.update(self.task, total=total)
