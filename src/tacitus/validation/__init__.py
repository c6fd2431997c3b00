"""Measuring instruments: third-party test suites read and scored, never tuned on.

    records     PETRARCH validation record files (both dialects) -> ValidationRecord
    score       a coder's Outcome per record -> Score, report, failures, calibration
    plover_gsr  the PLOVER gold-standard sentences (the outside check, never fitted on) -> recall, precision, confusion

The data files live in ../shared/reference and are read from there, never copied.
"""

from __future__ import annotations

from tacitus.validation.records import Environment, Expected, ValidationRecord, read_records
from tacitus.validation.score import Outcome, Score, failures, format_report, score

__all__ = [
    "Environment",
    "Expected",
    "Outcome",
    "Score",
    "ValidationRecord",
    "failures",
    "format_report",
    "read_records",
    "score",
]
