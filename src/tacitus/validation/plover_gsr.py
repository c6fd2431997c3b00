"""The PLOVER gold-standard sentences: a held-out check of tacitus on real wire news.

``shared/reference/gold/plover-gsr-cameo/PLOVER_GSR_CAMEO.txt`` holds 322 example sentences
of the CAMEO manual (turn-of-the-century wire stories), each hand-coded with one PLOVER event:
its type, source and target. tacitus was not tuned on them, and must not be: this module only
reads and scores, and nothing here may feed back into the coder or its dictionaries.

Reading (:func:`read_gold`): the records use PLOVER 0.5 labels, mapped to the current types
(:data:`LABEL_MAP`: DEMAND is REQUEST, DISAPPROVE and INVESTIGATE are ACCUSE, FIGHT is
ASSAULT). A record is *reciprocal* when its markup says ``(SRC/TAR: ...)``: the actors are
listed as sources and act on each other.

Scoring (:func:`score`), with the events tacitus coded from each sentence:

* type recall: a record is found when an event of its sentence has its PLOVER type;
* full recall: ... and that event's source and target are the record's (either way round for
  a reciprocal record; a record without a target accepts any). A gold actor code is an ISO-3
  country, matched to our actor's country, or an organisation, matched to a three-letter part
  of our IGO code as ``shared/tools/score_events.py`` does; the gold file's generic ``IGO``
  matches any IGO actor;
* precision: our events that match their sentence's record (type, source and target) over
  our events. Negated events are left out, and so are events with no PLOVER type (CAMEO 01
  and 02 statements, which PLOVER does not code); the report counts both.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tacitus.errors import DataFileError
from tacitus.evaluate import names
from tacitus.records import Actor, Event
from tacitus.validation.score import calibration, format_calibration

#: PLOVER 0.5 labels of the gold file that the current manual renames or merges.
LABEL_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
#: The current PLOVER event types (plover_event_types.csv in shared/reference).
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
#: Country codes the gold file spells other than ISO-3 ("JAP" Japan, "ITL" Italy).
GOLD_CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA"}
#: Gold codes that name a kind of organisation, not one: they match any actor whose code starts so.
GENERIC_CODES = frozenset({"IGO", "NGO", "IMG"})
#: The date every gold record carries; relative dates in the sentences resolve against it.
GOLD_DATE = "2000-01-01"
#: What the confusion table shows for a sentence where we coded no typed event.
NONE = "-"


@dataclass(frozen=True)
class GoldActor:
    text: str
    code: str
    sector: str | None = None


@dataclass(frozen=True)
class GoldRecord:
    """One hand-coded sentence.

    Attributes:
        id: "PLOVER-GSR01-AGREE-0001".
        text: the sentence.
        event: the current PLOVER type (after :data:`LABEL_MAP`).
        label: the type as written in the file (PLOVER 0.5).
        sources, targets: the gold actors (compound actors have several).
        reciprocal: the markup says SRC/TAR: the sources act on each other.
        markup: the sentence with its (SRC: ...) (EVT: ...) spans.
    """

    id: str
    text: str
    event: str
    label: str
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]
    reciprocal: bool
    markup: str = ""


def read_gold(path: str | Path) -> list[GoldRecord]:
    """Read ``PLOVER_GSR_CAMEO.txt`` (one JSON array); the DOCUMENT header is skipped.

    Raises:
        DataFileError: the file is not a JSON array of records, or a record has no text or
            an event type that is neither current PLOVER nor in :data:`LABEL_MAP`.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise DataFileError(str(path), f"cannot read the gold file: {err.strerror or err}",
                            hint="it is shared/reference/gold/plover-gsr-cameo/PLOVER_GSR_CAMEO.txt") from err
    except json.JSONDecodeError as err:
        raise DataFileError(str(path), f"not valid JSON: {err.msg}", err.lineno) from err
    if not isinstance(data, list):
        raise DataFileError(str(path), "expected one JSON array of records")
    out = []
    for item in data:
        if not isinstance(item, dict) or item.get("event") == "DOCUMENT":
            continue
        rid = str(item.get("id", "?"))
        label = str(item.get("event", ""))
        event = LABEL_MAP.get(label, label)
        if event not in PLOVER_TYPES:
            raise DataFileError(str(path), f"record {rid}: unknown event type {label!r}",
                                hint=f"known: {', '.join(PLOVER_TYPES)} and {', '.join(LABEL_MAP)}")
        if not item.get("text"):
            raise DataFileError(str(path), f"record {rid} has no text")
        info = item.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
        out.append(GoldRecord(id=rid, text=str(item["text"]), event=event, label=label,
                              sources=_actors(item.get("source")), targets=_actors(item.get("target")),
                              reciprocal="SRC/TAR:" in markup, markup=markup))
    return out


def _actors(value: Any) -> tuple[GoldActor, ...]:
    """A gold source/target: a list of actors; "" or a stray word means none."""
    if not isinstance(value, list):
        return ()
    return tuple(GoldActor(str(a.get("actorText", "")), str(a["code"]), a.get("sector"))
                 for a in value if isinstance(a, dict) and a.get("code"))


# ---------------------------------------------------------------------------- matching


def actor_matches(gold_code: str, actor: Actor | None) -> bool:
    """A gold actor code names our actor: its country, a part of its IGO code, or its kind."""
    if actor is None:
        return False
    code = GOLD_CODE_ALIASES.get(gold_code, gold_code)
    if code in GENERIC_CODES:
        return actor.code.startswith(code)
    return names(code, actor.to_dict())


def actors_match(record: GoldRecord, event: Event) -> bool:
    """The event's source and target are the record's (either way round when reciprocal)."""
    src, tgt = event.source, event.target
    if record.reciprocal:
        parties = record.sources + record.targets
        if len(parties) < 2:
            return any(actor_matches(p.code, src) for p in parties) and any(actor_matches(p.code, tgt) for p in parties)
        return any(actor_matches(a.code, src) and actor_matches(b.code, tgt)
                   for i, a in enumerate(parties) for j, b in enumerate(parties) if i != j)
    ok_source = not record.sources or any(actor_matches(a.code, src) for a in record.sources)
    ok_target = not record.targets or any(actor_matches(a.code, tgt) for a in record.targets)
    return ok_source and ok_target


def event_matches(record: GoldRecord, event: Event) -> bool:
    """Type, source and target all right."""
    return event.plover == record.event and actors_match(record, event)


# ---------------------------------------------------------------------------- scoring


@dataclass
class JudgedEvent:
    """One event we coded, and whether it was right (for calibration tables)."""

    record_id: str
    plover: str
    cameo: str
    source: str
    target: str
    confidence: float
    type_right: bool
    right: bool


@dataclass
class RecordResult:
    record: GoldRecord
    events: list[Event]
    type_found: bool
    full_found: bool
    predicted: str  # the record's type if found, else the type of our surest event, else NONE


@dataclass
class TypeCounts:
    """Per PLOVER type: gold records and what we found; events we coded and how many were right."""

    gold: int = 0
    type_found: int = 0
    full_found: int = 0
    emitted: int = 0
    right: int = 0


@dataclass
class GsrScore:
    records: list[RecordResult]
    judged: list[JudgedEvent]
    per_type: dict[str, TypeCounts]
    confusion: Counter[tuple[str, str]]
    negated: int = 0
    untyped: int = 0
    label: str = ""

    @property
    def type_found(self) -> int:
        return sum(r.type_found for r in self.records)

    @property
    def full_found(self) -> int:
        return sum(r.full_found for r in self.records)

    @property
    def type_recall(self) -> float:
        return self.type_found / len(self.records) if self.records else 0.0

    @property
    def full_recall(self) -> float:
        return self.full_found / len(self.records) if self.records else 0.0

    @property
    def precision(self) -> float:
        return sum(e.right for e in self.judged) / len(self.judged) if self.judged else 0.0

    @property
    def type_precision(self) -> float:
        return sum(e.type_right for e in self.judged) / len(self.judged) if self.judged else 0.0


def score(records: Sequence[GoldRecord], events: Sequence[Sequence[Event]], *, label: str = "") -> GsrScore:
    """Score the events coded from each record's sentence (``events[i]`` for ``records[i]``)."""
    if len(records) != len(events):
        raise ValueError(f"{len(records)} records but {len(events)} lists of events: give one list per record")
    per_type = {t: TypeCounts() for t in PLOVER_TYPES}
    confusion: Counter[tuple[str, str]] = Counter()
    results: list[RecordResult] = []
    judged: list[JudgedEvent] = []
    negated = untyped = 0
    for record, coded in zip(records, events, strict=True):
        scored = []
        for e in coded:
            if e.negated:
                negated += 1
            elif not e.plover:
                untyped += 1
            else:
                scored.append(e)
        type_found = any(e.plover == record.event for e in scored)
        full_found = any(event_matches(record, e) for e in scored)
        if type_found:
            predicted = record.event
        elif scored:
            predicted = str(max(scored, key=lambda e: e.confidence).plover)
        else:
            predicted = NONE
        results.append(RecordResult(record, list(coded), type_found, full_found, predicted))
        confusion[(record.event, predicted)] += 1
        counts = per_type[record.event]
        counts.gold += 1
        counts.type_found += type_found
        counts.full_found += full_found
        for e in scored:
            right = event_matches(record, e)
            judged.append(JudgedEvent(record.id, str(e.plover), e.cameo, e.source.code if e.source else "",
                                      e.target.code if e.target else "", e.confidence,
                                      e.plover == record.event, right))
            mine = per_type.setdefault(str(e.plover), TypeCounts())
            mine.emitted += 1
            mine.right += right
    return GsrScore(results, judged, per_type, confusion, negated, untyped, label)


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "   n/a"


def format_report(result: GsrScore, title: str, *, confusion: bool = True) -> str:
    """Recall and precision, a table per type, the confusion table and the calibration table."""
    n = len(result.records)
    judged = len(result.judged)
    right = sum(e.right for e in result.judged)
    type_right = sum(e.type_right for e in result.judged)
    lines = [title, "",
             f"event-type recall: {_pct(result.type_found, n)} ({result.type_found}/{n} gold records)",
             f"full recall:       {_pct(result.full_found, n)} ({result.full_found}/{n}: type, source and target)",
             f"precision:         {_pct(right, judged)} ({right}/{judged} events match their sentence's record)",
             f"type precision:    {_pct(type_right, judged)} ({type_right}/{judged} events have the record's type)",
             f"left out: {result.negated} negated events, {result.untyped} events with no PLOVER type (CAMEO 01/02)",
             "", f"{'type':<10} {'gold':>5} {'type found':>10} {'full found':>10} {'emitted':>8} {'right':>6}"]
    for name, c in result.per_type.items():
        if c.gold or c.emitted:
            lines.append(f"{name:<10} {c.gold:>5} {c.type_found:>10} {c.full_found:>10} {c.emitted:>8} {c.right:>6}")
    if confusion:
        cols = [t for t in PLOVER_TYPES if any(k[1] == t for k in result.confusion)] + [NONE]
        lines += ["", "confusion: gold type (rows) by our type (columns; the gold type when we found it,"
                  " else our surest event's; - none)",
                  f"{'':<10}" + "".join(f"{c[:5]:>6}" for c in cols)]
        for gold in PLOVER_TYPES:
            row = [result.confusion.get((gold, c), 0) for c in cols]
            if any(row):
                lines.append(f"{gold:<10}" + "".join(f"{v if v else '.':>6}" for v in row))
    lines += ["", "calibration: our events by confidence, and how many were right",
              format_calibration(calibration((e.confidence, e.right) for e in result.judged))]
    return "\n".join(lines)


def summary_line(result: GsrScore) -> str:
    """One line: the three figures."""
    return (f"plover gsr{' ' + result.label if result.label else ''}: type recall {result.type_recall:.3f}, "
            f"full recall {result.full_recall:.3f}, precision {result.precision:.3f} "
            f"({len(result.judged)} events, {len(result.records)} records)")


# ---------------------------------------------------------------------------- coding


def coder(*, domestic: bool = False) -> Callable[[str], list[Event]]:
    """A function that codes one gold sentence, dated :data:`GOLD_DATE`, as a user would.

    The default is ``tacitus.code`` itself. With ``domestic`` one :class:`tacitus.Pipeline`
    is built with that option and reused: ``tacitus.code(options=...)`` builds a new pipeline
    on every call, which would take minutes over 322 sentences. Both go through the same
    ``Pipeline.code_article`` with built-in dictionaries.
    """
    import tacitus
    from tacitus.ingest import article_from_text

    if not domestic:
        return lambda text: tacitus.code(text, published=GOLD_DATE)
    pipeline = tacitus.Pipeline(tacitus.Options(domestic=True))
    return lambda text: pipeline.code_article(article_from_text(text, published=GOLD_DATE)).events


def run(records: Sequence[GoldRecord], *, domestic: bool = False) -> GsrScore:
    """Code every gold sentence and score the events."""
    code = coder(domestic=domestic)
    return score(records, [code(r.text) for r in records], label="domestic" if domestic else "default")
