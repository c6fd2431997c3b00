"""The coder on the linguistic test set: one pytest case per sentence of tests/data/coder_cases.yaml.

The sentences were written for this project in the style of wire-news leads, one linguistic
case each (negation, intent, reported speech, passives, coordination, event choice ...), with
the events a careful CAMEO coder gives them (``expect``) and the ones it must not give
(``forbid``). Each sentence is coded by the real pipeline (spaCy parse, actor dictionaries,
patterns, stance rules), exactly as ``tacitus.code`` does; one pipeline per set of options is
loaded once and reused, so the whole file runs in seconds.

A case the coder gets wrong today carries ``xfail: "<stage>: <diagnosis>"`` in the YAML; it
becomes ``pytest.mark.xfail(strict=True)``, so a fix makes the test fail until the mark is
removed from the YAML.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

import tacitus
from tacitus.ingest import article_from_text

CASES_FILE = Path(__file__).parent / "data" / "coder_cases.yaml"
DATA = Path(tacitus.__file__).parent / "data"

#: The linguistic cases of the issue; every sentence belongs to one.
CASE_KINDS = frozenset({
    "negation", "negative_verb", "intent", "threat", "modality", "conditional", "question",
    "reported_speech", "quoted_speech", "passive_agent", "passive_agentless", "nominal",
    "coordination_actors", "coordination_verbs", "relative_clause", "apposition",
    "multiple_events", "specificity", "intent_vs_act", "self_event", "domestic", "plain",
    # added with issue 10: weapons, places, claims and warnings, acts named again
    "forces", "speech", "act_anaphora", "coreference",
    "generalised",
})
OPTION_KEYS = frozenset({"domestic", "monadic", "home"})
CASE_KEYS = frozenset({"id", "case", "sentence", "published", "options", "expect", "forbid",
                       "note", "xfail"})
ANY = "*"  # a forbid entry without a target matches any target, or none


@dataclass(frozen=True)
class Spec:
    """One expected or forbidden event: actors by country (or IGO code), code or root."""

    source: str
    target: str | None  # None: no target (monadic); ANY: whatever the target
    code: str
    negated: bool = False

    def __str__(self) -> str:
        neg = " (negated)" if self.negated else ""
        return f"{self.source} {self.code} {self.target or '-'}{neg}"


@cache
def _load() -> dict[str, Any]:
    with CASES_FILE.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@cache
def symmetric_codes() -> frozenset[str]:
    """Codes whose two actors play the same part (``symmetric: true`` in patterns.yaml)."""
    with (DATA / "patterns.yaml").open(encoding="utf-8") as f:
        book = yaml.safe_load(f)
    return frozenset(code for code, block in book.items() if isinstance(block, dict) and block.get("symmetric"))


@cache
def codebook_codes() -> frozenset[str]:
    with (DATA / "cameo_codebook.csv").open(encoding="utf-8", newline="") as f:
        return frozenset(row["code"] for row in csv.DictReader(f))


def spec(item: dict[str, Any], *, forbid: bool = False) -> Spec:
    target = item["target"] if "target" in item else (ANY if forbid else None)
    return Spec(str(item["source"]), target, str(item["code"]), bool(item.get("negated", False)))


def matches(event: tacitus.Event, s: Spec) -> bool:
    """The event is the one the spec describes (the negated flag is checked by the caller)."""
    # a code matches itself and its more specific children (CAMEO is a hierarchy: 0841
    # "Return, release person(s)" is a 084 "Return, release"); a root matches its family
    if not event.cameo.startswith(s.code):
        return False
    source = event.source.key if event.source else None
    target = event.target.key if event.target else None
    if s.target == ANY:
        return source == s.source
    if (source, target) == (s.source, s.target):
        return True
    return event.cameo in symmetric_codes() and (source, target) == (s.target, s.source)


@cache
def pipeline(domestic: bool, monadic: bool, home: str | None = None) -> tacitus.Pipeline:
    return tacitus.Pipeline(tacitus.Options(domestic=domestic, monadic=monadic, home=home))


def code(case: dict[str, Any], default_published: str) -> list[tacitus.Event]:
    """Code a case's sentence as ``tacitus.code`` does, on a pipeline loaded once per options."""
    options = case.get("options") or {}
    published = str(case.get("published", default_published))
    pipe = pipeline(bool(options.get("domestic")), bool(options.get("monadic")), options.get("home"))
    return pipe.code_article(article_from_text(case["sentence"], published=published)).events


def _params() -> list[Any]:
    data = _load()
    params = []
    for case in data["cases"]:
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


def describe(events: list[tacitus.Event]) -> str:
    return "; ".join(
        f"{'NOT ' if e.negated else ''}{e.source.key if e.source else '-'} {e.cameo} "
        f"{e.target.key if e.target else '-'} [{e.trigger}]" for e in events) or "no events"


@pytest.mark.parametrize("case", _params())
def test_events_linguistics_case(case: dict[str, Any]) -> None:
    events = code(case, str(_load()["published"]))
    missing = [s for s in map(spec, case.get("expect") or [])
               if not any(matches(e, s) and e.negated == s.negated for e in events)]
    present = [s for s in (spec(f, forbid=True) for f in case.get("forbid") or [])
               if any(matches(e, s) and not e.negated for e in events)]
    assert not missing and not present, (
        f"{case['sentence']}\n  coded: {describe(events)}"
        + (f"\n  missing: {', '.join(map(str, missing))}" if missing else "")
        + (f"\n  forbidden but coded: {', '.join(map(str, present))}" if present else ""))


def test_events_linguistics_cases_are_well_formed() -> None:
    """Every case has a known kind, codes from the codebook, an assertion and a note."""
    data = _load()
    cases = data["cases"]
    dt.date.fromisoformat(str(data["published"]))
    assert len(cases) >= 150, len(cases)
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate ids"
    codes = codebook_codes()
    problems = []
    for c in cases:
        where = c.get("id", c)
        if set(c) - CASE_KEYS:
            problems.append(f"{where}: unknown keys {sorted(set(c) - CASE_KEYS)}")
        if c.get("case") not in CASE_KINDS:
            problems.append(f"{where}: unknown case {c.get('case')!r}")
        if not c.get("note") or not c.get("sentence"):
            problems.append(f"{where}: a case needs a sentence and a note")
        if not (c.get("expect") or c.get("forbid")):
            problems.append(f"{where}: nothing to check (no expect, no forbid)")
        if set(c.get("options") or {}) - OPTION_KEYS:
            problems.append(f"{where}: unknown options {sorted(set(c['options']) - OPTION_KEYS)}")
        if "published" in c:
            dt.date.fromisoformat(str(c["published"]))
        for item in (c.get("expect") or []) + (c.get("forbid") or []):
            if not isinstance(item.get("code"), str) or item["code"] not in codes:
                problems.append(f"{where}: {item} has no CAMEO code (quote it: \"057\")")
            if not item.get("source"):
                problems.append(f"{where}: {item} has no source")
        if "xfail" in c and not (isinstance(c["xfail"], str) and ":" in c["xfail"]):
            problems.append(f"{where}: xfail must say '<stage>: <diagnosis>'")
    assert not problems, "\n".join(problems)
    assert {c["case"] for c in cases} == CASE_KINDS, "every linguistic case needs sentences"
