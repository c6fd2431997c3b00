"""Reports of the news dev gold (:mod:`tacitus.validation.news_gold`): a summary line, and the
full report with its tables (per root, per cause, calibration) and, for the half whose errors
may be read, the wrong and missed events with their sentences (read from the corpus at run
time, never stored)."""

from __future__ import annotations

from tacitus.records import Event
from tacitus.validation.news_gold import NewsScore

#: How many of the articles with most misses the report names (or, for the check half, counts).
ARTICLES_SHOWN = 5


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "   n/a"


def describe_event(event: Event) -> str:
    src = event.source.code if event.source else "-"
    tgt = event.target.code if event.target else "-"
    return f"{src} {event.cameo} {tgt}"


def summary_line(score: NewsScore) -> str:
    """One line: precision and recall with their counts."""
    return (f"news gold{' ' + score.label if score.label else ''}: precision {score.precision:.3f} "
            f"({score.right}/{len(score.judged)}), recall {score.recall:.3f} "
            f"({score.found_events}/{score.gold_events}); {len(score.sentences) - len(score.lost)}"
            f"/{len(score.sentences)} sentences found")


def format_report(score: NewsScore, title: str, *, listing: bool = True) -> str:
    """Precision, recall, a table per CAMEO root, the calibration table, and (``listing``) the
    wrong and missed events with their sentences, read from the corpus."""
    from tacitus.validation.score import calibration, format_calibration

    judged = score.judged
    n = len(score.sentences)
    lines = [title, "",
             f"precision: {_pct(score.right, len(judged))} ({score.right}/{len(judged)} events match a gold event)",
             f"recall:    {_pct(score.found_events, score.gold_events)} ({score.found_events}/{score.gold_events} "
             f"gold events found{'' if score.domestic else '; domestic ones not counted'})",
             f"sentences: {n - len(score.lost)}/{n} found by their hash; "
             f"{sum(s.negated for s in score.sentences)} negated events ignored",
             "", f"{'root':<5} {'gold':>5} {'found':>6} {'coded':>6} {'right':>6} {'precision':>9}"]
    for root, c in score.per_root().items():
        lines.append(f"{root:<5} {c.gold:>5} {c.found:>6} {c.emitted:>6} {c.right:>6} {_pct(c.right, c.emitted):>9}")
    causes = score.per_cause()
    lines += ["", "missed gold events by cause: " + ", ".join(f"{k} {v}" for k, v in causes.items())]
    articles = score.per_article()
    if articles:
        top = articles[:ARTICLES_SHOWN]
        lines.append(f"missed gold events by article: {len(articles)} articles; the {len(top)} with most hold "
                     f"{sum(r[1] for r in top)} of {sum(r[1] for r in articles)} "
                     f"({', '.join(f'{r[1]} ({r[2]} actor unknown)' for r in top)})")
        if listing:  # which articles, for the half whose errors may be read
            lines += [f"  {missed:3d} ({unknown} actor unknown)  {where}" for where, missed, unknown in top]
    if score.gaps:
        lines += ["", f"{len(score.gaps)} sentences of whole articles have no gold entry (annotate them):"]
        lines += [f"  {c} {a} #{i}" for c, a, i, _ in score.gaps[:20]]
    lines += ["", "calibration: our events by confidence, and how many were right",
              format_calibration(calibration((j.event.confidence, j.right) for j in judged))]
    if score.lost:
        lines += ["", "not found by their hash (the sentence splitter or the corpus may have changed):"]
        lines += [f"  {s.gold.where()} (line {s.gold.line}): {s.reason}" for s in score.lost]
    if listing:
        lines += ["", "wrong events (coded, not in the gold):"]
        for s in score.sentences:
            for j in s.events:
                if not j.right:
                    gold = "; ".join(g.describe() for g in s.gold.events) or "nothing"
                    lines.append(f"  {s.gold.where()}  coded {describe_event(j.event)}  gold: {gold}\n"
                                 f"      {' '.join(s.text.split())}")
        lines += ["", "missed gold events:"]
        for s in score.sentences:
            for g in s.missed:
                coded = "; ".join(describe_event(j.event) for j in s.events) or "nothing"
                lines.append(f"  {s.gold.where()}  gold {g.describe()}  coded: {coded}  [{s.cause(g)}]\n"
                             f"      {' '.join(s.text.split())}")
    return "\n".join(lines)
