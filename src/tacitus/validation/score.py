"""Scoring a coder's output on PETRARCH validation records.

The coder under test turns each :class:`~tacitus.validation.records.ValidationRecord` into an
:class:`Outcome`: the ``(source, target, event code, confidence)`` events it emitted, or the
reason it discarded the sentence. :func:`score` compares them with the expected lines:

* events match exactly on ``(source, target, code)``, as a multiset per record (two expected
  ``ARN GON 064`` need two emitted ones); ``"---"`` is the null actor and codes are strings
  (``"010"`` is not ``"10"``);
* an expected quoted "new actor" code (``'"THE MINISTRY OF MAGIC"'``) matches an emitted code
  with the same words, ignoring case, quotes, spaces and underscores;
* a record is correct when nothing is missed and nothing extra; a record that expects no event
  is correct when nothing is emitted; a record that expects an error is correct when the
  outcome was discarded for that reason.

Outcomes are tied to records by id. Ids are not unique in the upstream files (AGENTS-18 and
AGENTS-19 twice in PETR.UnitTest.records.xml, DEMO-32 twice in the UD file), so the n-th
outcome with an id goes to the n-th record with it: give outcomes in file order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from tacitus.errors import InputError
from tacitus.validation.records import Expected, ValidationRecord

#: ``Outcome.discarded`` value for each expected ``error=`` reason.
DISCARD_REASONS = {"storydiscard": "story", "sentencediscard": "sentence",
                   "bad_input_parse": "bad_input_parse", "dateline": "dateline"}

#: Confidence bins of :func:`calibration` (lower edges).
CALIBRATION_EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)

Triple = tuple[str, str, str]


@dataclass
class Outcome:
    """What the coder did with one record.

    Attributes:
        record_id: the record's id.
        events: ``(source code, target code, event code, confidence)`` for each event emitted.
        discarded: why the sentence was not coded: ``"sentence"``, ``"story"``,
            ``"bad_input_parse"``, ``"dateline"``, or None when it was coded.
    """

    record_id: str
    events: list[tuple[str, str, str, float]]
    discarded: str | None = None


@dataclass
class EmittedEvent:
    """One emitted event and whether it matched an expected one (for calibration tables)."""

    record_id: str
    category: str
    source: str
    target: str
    code: str
    confidence: float
    matched: bool


@dataclass
class RecordResult:
    """The comparison for one record."""

    record: ValidationRecord
    outcome: Outcome
    matched: list[Triple] = field(default_factory=list)
    missed: list[Triple] = field(default_factory=list)
    extra: list[Triple] = field(default_factory=list)
    correct: bool = False

    @property
    def expects(self) -> str:
        """``events``, ``noevents`` or ``error``."""
        if self.record.error:
            return "error"
        return "events" if self.record.events else "noevents"

    def describe(self) -> str:
        """A few lines saying what was expected and what came out."""
        rec = self.record
        lines = [f"{rec.id} ({rec.category}, line {rec.line}): {rec.text}"]
        if rec.error:
            lines.append(f"  expected: discarded as {DISCARD_REASONS.get(rec.error, rec.error)}")
        elif not rec.events:
            lines.append("  expected: no event")
        else:
            lines.append("  expected: " + "; ".join(" ".join(_triple(e)) for e in rec.events))
        emitted = [" ".join(e[:3]) for e in self.outcome.events]
        lines.append("  emitted:  " + ("; ".join(emitted) if emitted else "nothing")
                     + (f" (discarded: {self.outcome.discarded})" if self.outcome.discarded else ""))
        if self.missed:
            lines.append("  missed:   " + "; ".join(" ".join(t) for t in self.missed))
        if self.extra:
            lines.append("  extra:    " + "; ".join(" ".join(t) for t in self.extra))
        return "\n".join(lines)


@dataclass
class Counts:
    """Tallies for a category, or for all records."""

    records: int = 0
    correct: int = 0
    expected: int = 0
    matched: int = 0
    missed: int = 0
    extra: int = 0
    emitted: int = 0

    def add(self, other: Counts) -> None:
        for name in ("records", "correct", "expected", "matched", "missed", "extra", "emitted"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Score:
    """Everything :func:`score` found.

    Attributes:
        categories: counts per record category, in order of first appearance.
        records: one result per scored record, in file order.
        emitted: every emitted event with whether it matched.
        without_outcome: ids of scored records that had no outcome (scored as coding nothing).
    """

    categories: dict[str, Counts]
    records: list[RecordResult]
    emitted: list[EmittedEvent]
    without_outcome: list[str] = field(default_factory=list)

    @property
    def total(self) -> Counts:
        out = Counts()
        for counts in self.categories.values():
            out.add(counts)
        return out


def _triple(e: Expected) -> Triple:
    return (e.source or "---", e.target or "---", e.code or "")


_FOLD = re.compile(r"[\s_\"]+")


def actor_matches(expected: str, emitted: str) -> bool:
    """Exact, except that a quoted "new actor" code matches the same words in any case/spacing."""
    if expected.startswith('"') and expected.endswith('"') and len(expected) > 1:
        return _FOLD.sub("", expected).upper() == _FOLD.sub("", emitted).upper()
    return expected == emitted


def _event_matches(expected: Triple, emitted: Triple) -> bool:
    return (expected[2] == emitted[2] and actor_matches(expected[0], emitted[0])
            and actor_matches(expected[1], emitted[1]))


def max_matching(n_left: int, n_right: int, ok: Callable[[int, int], bool]) -> dict[int, int]:
    """A maximum one-to-one matching of left to right items that ``ok(left, right)`` allows.

    Augmenting paths (Kuhn's algorithm) rather than first-come pairing, because a loose gold
    line and an exact one can both accept the same event. Returns {left index: right index}.
    """
    owner: dict[int, int] = {}  # right index -> left index

    def place(i: int, seen: set[int]) -> bool:
        for j in range(n_right):
            if j in seen or not ok(i, j):
                continue
            seen.add(j)
            if j not in owner or place(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(n_left):
        place(i, set())
    return {i: j for j, i in owner.items()}


def match_events(expected: Sequence[Triple], emitted: Sequence[Triple]) -> dict[int, int]:
    """A maximum one-to-one matching, emitted index -> expected index (multiset matching)."""
    return max_matching(len(emitted), len(expected), lambda i, j: _event_matches(expected[j], emitted[i]))


def _pair(records: Sequence[ValidationRecord], outcomes: Iterable[Outcome]) -> list[Outcome | None]:
    slots: dict[str, list[int]] = {}
    for n, rec in enumerate(records):
        slots.setdefault(rec.id, []).append(n)
    paired: list[Outcome | None] = [None] * len(records)
    used: Counter[str] = Counter()
    for outcome in outcomes:
        places = slots.get(outcome.record_id)
        if places is None:
            raise InputError(f"an outcome names record {outcome.record_id!r}, which is not among the records",
                             hint="give outcomes for the records read from the same file")
        if used[outcome.record_id] >= len(places):
            raise InputError(f"more outcomes than records for id {outcome.record_id!r}",
                             hint="give one outcome per record, in file order")
        paired[places[used[outcome.record_id]]] = outcome
        used[outcome.record_id] += 1
    return paired


def score(records: Sequence[ValidationRecord], outcomes: Iterable[Outcome], *,
          evaluated_only: bool = True) -> Score:
    """Compare outcomes with the records' expected lines.

    Args:
        records: as read by :func:`~tacitus.validation.records.read_records`.
        outcomes: one per record (a record without one counts as coding nothing).
        evaluated_only: leave out records marked ``evaluate="false"``.

    Raises:
        InputError: an outcome names a record that is not there.
    """
    paired = _pair(records, outcomes)
    categories: dict[str, Counts] = {}
    results: list[RecordResult] = []
    emitted_all: list[EmittedEvent] = []
    without: list[str] = []
    for rec, outcome in zip(records, paired, strict=True):
        if evaluated_only and not rec.evaluate:
            continue
        if outcome is None:
            without.append(rec.id)
            outcome = Outcome(rec.id, [])
        expected = [_triple(e) for e in rec.events]
        emitted = [(str(s or "---"), str(t or "---"), str(c)) for s, t, c, _ in outcome.events]
        pairs = match_events(expected, emitted)
        result = RecordResult(rec, outcome)
        result.matched = [expected[j] for i, j in sorted(pairs.items())]
        hit = set(pairs.values())
        result.missed = [e for j, e in enumerate(expected) if j not in hit]
        result.extra = [e for i, e in enumerate(emitted) if i not in pairs]
        if rec.error:
            result.correct = outcome.discarded == DISCARD_REASONS.get(rec.error, rec.error)
        else:
            result.correct = not result.missed and not result.extra
        results.append(result)
        for i, (event, raw) in enumerate(zip(emitted, outcome.events, strict=True)):
            emitted_all.append(EmittedEvent(rec.id, rec.category, *event, confidence=float(raw[3]),
                                            matched=i in pairs))
        counts = categories.setdefault(rec.category, Counts())
        counts.records += 1
        counts.correct += result.correct
        counts.expected += len(expected)
        counts.matched += len(result.matched)
        counts.missed += len(result.missed)
        counts.extra += len(result.extra)
        counts.emitted += len(emitted)
    return Score(categories, results, emitted_all, without)


def failures(score: Score) -> list[RecordResult]:
    """The records that were not coded correctly, in file order (``describe()`` prints one)."""
    return [r for r in score.records if not r.correct]


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def final_line(score: Score) -> str:
    t = score.total
    return (f"petrarch validation: matched {t.matched}/{t.expected} expected events, extra {t.extra}, "
            f"records correct {t.correct}/{t.records}")


def format_report(score: Score, title: str) -> str:
    """A table by category, the totals as percentages, and the one-line summary last."""
    header = f"{'category':<12} {'records':>7} {'expected':>8} {'matched':>7} {'missed':>6} {'extra':>5} {'correct':>9}"
    lines = [title, "", header, "-" * len(header)]

    def row(name: str, c: Counts) -> str:
        return (f"{name:<12} {c.records:>7} {c.expected:>8} {c.matched:>7} {c.missed:>6} {c.extra:>5} "
                f"{f'{c.correct}/{c.records}':>9}")

    for name, counts in score.categories.items():
        lines.append(row(name, counts))
    t = score.total
    lines += ["-" * len(header), row("total", t), "",
              f"expected events matched: {_pct(t.matched, t.expected)} ({t.matched}/{t.expected})",
              f"emitted events extra:    {_pct(t.extra, t.emitted)} ({t.extra}/{t.emitted})",
              f"records correct:         {_pct(t.correct, t.records)} ({t.correct}/{t.records})"]
    if score.without_outcome:
        lines.append(f"records without an outcome (scored as coding nothing): {len(score.without_outcome)}")
    lines.append(final_line(score))
    return "\n".join(lines)


def calibration(items: Iterable[tuple[float, bool]],
                edges: Sequence[float] = CALIBRATION_EDGES) -> list[tuple[float, int, int]]:
    """Bin ``(confidence, right)`` pairs by confidence: ``(lower edge, events, right)`` per bin.

    Use it on ``[(e.confidence, e.matched) for e in score.emitted]`` to see whether a higher
    confidence means a likelier match.
    """
    bins = [[edge, 0, 0] for edge in edges]
    for conf, right in items:
        k = max((n for n, edge in enumerate(edges) if conf >= edge), default=0)
        bins[k][1] += 1
        bins[k][2] += bool(right)
    return [(float(e), int(n), int(r)) for e, n, r in bins]


def format_calibration(table: Sequence[tuple[float, int, int]]) -> str:
    """The calibration table as text: one line per confidence bin."""
    lines = [f"{'confidence':>10} {'events':>6} {'right':>5} {'share':>6}"]
    for edge, n, right in table:
        lines.append(f"{f'>= {edge:.1f}':>10} {n:>6} {right:>5} {_pct(right, n):>6}")
    return "\n".join(lines)
