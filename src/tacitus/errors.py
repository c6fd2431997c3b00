"""Every error tacitus raises, each saying what went wrong and what to do.

    TacitusError                  base class: message + hint
    ├── InputError                an input (file, line, flag) cannot be read or coded
    ├── DataFileError             a dictionary/data file is malformed (names file and line)
    ├── ModelError                no spaCy English model could be loaded
    └── StoreError                the DuckDB store cannot be opened or written
"""

from __future__ import annotations


class TacitusError(Exception):
    """Base class. ``str(err)`` is the message followed by the hint, if any."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  hint: {self.hint}" if self.hint else self.message


class InputError(TacitusError):
    """An article, a JSON Lines line or a command-line value cannot be used."""


class DataFileError(TacitusError):
    """A data file (actors, patterns, codebook) is malformed."""

    def __init__(self, path: str, message: str, line: int | None = None, hint: str | None = None) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}", hint)
        self.path = path
        self.line = line


class ModelError(TacitusError):
    """No spaCy English pipeline is installed."""


class StoreError(TacitusError):
    """The event store cannot be opened or written."""
