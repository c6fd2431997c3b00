"""Event dates from the text, relative to the publication date.

The expressions are found and resolved by this module's own rules: dateparser's search spans
are too loose to tell which words gave a date, and it returns a single day for "last week"
(dateparser reads free-text publication dates in ingest):

    "on Wednesday", "last Friday"      the latest such weekday on or before publication
                                       ("last" when publication falls on that weekday: a week
                                       before; "next Wednesday": the one after)
    "1 November", "November 1, 2023"   that day; without a year, the latest on or before
                                       publication, or up to FUTURE_DAYS after it when the
                                       event is told in the present or future tense
    "on Wednesday (1 November)"        the explicit date wins over the weekday
    "yesterday", "today", "tomorrow"
    "last week" / "this week"          the Monday of that ISO week, precision "week"
    "last month", "earlier this month" the first day of that month, precision "month"
    "in September 2024"                the first of the month, precision "month"
    "in 2022", "last year"             the first of January, precision "year"

When several expressions appear, the one nearest the event's trigger word wins. With no date
words the publication date is used (source "published"); with no publication date relative
expressions give nothing: a date is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

#: A day-month with no year is taken in the year that puts it at most this many days after
#: publication (news reports what happened, or what is scheduled for the coming weeks).
FUTURE_DAYS = 62

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("dmy", re.compile(r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MON + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")),
    ("mdy", re.compile(r"\b" + _MON + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?")),
    ("my", re.compile(r"\b(?:in|since|by|until|from|early|late|mid-?)\s+" + _MON + r"\s+(?P<year>(?:19|20)\d\d)\b")),
    ("weekday", re.compile(r"\b(?P<rel>last|next|this|on|since|until|by)?\s*(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("relday", re.compile(r"\b(?P<word>yesterday|today|tomorrow)\b", re.IGNORECASE)),
    ("week", re.compile(r"\b(?P<rel>last|this|next|earlier this|later this)\s+week\b", re.IGNORECASE)),
    ("month", re.compile(r"\b(?P<rel>last|this|next|earlier this|later this)\s+month\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(?P<rel>last|this|next|earlier this|later this)\s+year\b", re.IGNORECASE)),
    ("inyear", re.compile(r"\b(?:in|since|by|during)\s+(?P<year>(?:19|20)\d\d)\b")),
]


@dataclass(frozen=True)
class DateResolution:
    date: date | None
    precision: str | None
    source: str | None
    text: str | None = None
    start: int | None = None
    end: int | None = None


def _year_for(month: int, day: int, published: date, future: bool) -> date | None:
    """The year of a day-month: the latest on or before publication for a past event (a day
    of slack for time zones), up to FUTURE_DAYS after it for a present or future one."""
    ahead = timedelta(days=FUTURE_DAYS if future else 1)
    for year in (published.year + 1, published.year, published.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate <= published + ahead:
            return candidate
    return None


def _resolve(kind: str, m: re.Match[str], published: date | None, future: bool = False) -> tuple[date, str] | None:
    g = m.groupdict()
    if kind in ("dmy", "mdy"):
        month = MONTHS[g["mon"].lower().rstrip(".")]
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None
        if g.get("year"):
            try:
                return date(int(g["year"]), month, day), "day"
            except ValueError:
                return None
        if published is None:
            return None
        found = _year_for(month, day, published, future)
        return (found, "day") if found else None
    if kind == "my":
        return date(int(g["year"]), MONTHS[g["mon"].lower().rstrip(".")], 1), "month"
    if kind == "inyear":
        return date(int(g["year"]), 1, 1), "year"
    if published is None:
        return None
    if kind == "weekday":
        target = WEEKDAYS.index(g["wd"].lower())
        rel = (g.get("rel") or "").lower()
        back = (published.weekday() - target) % 7
        if rel == "next" or (future and rel != "last"):
            ahead = (target - published.weekday()) % 7
            if rel == "next" and ahead == 0:
                ahead = 7
            return published + timedelta(days=ahead), "day"
        if rel == "last" and back == 0:
            back = 7
        return published - timedelta(days=back), "day"
    if kind == "relday":
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[g["word"].lower()]
        return published + timedelta(days=shift), "day"
    rel = g["rel"].lower()
    step = -1 if rel == "last" else 1 if rel == "next" else 0
    if kind == "week":
        monday = published - timedelta(days=published.weekday())
        return monday + timedelta(weeks=step), "week"
    if kind == "month":
        month = published.month + step
        year = published.year + (month - 1) // 12
        return date(year, (month - 1) % 12 + 1, 1), "month"
    if kind == "year":
        return date(published.year + step, 1, 1), "year"
    return None


def find_dates(sentence: str, published: date | None, future: bool = False) -> list[DateResolution]:
    """Every date expression of a sentence that can be resolved, in order.

    ``future``: the event is told in the present or future tense ("Macron travels to
    Uzbekistan on Thursday"), so a bare weekday is the next one, not the last one.
    """
    found: list[DateResolution] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(sentence):
            start, end = m.span()
            if kind == "weekday" and m.group("rel") is None:
                start = m.start("wd")
            if any(s < end and start < e for s, e in taken):
                continue
            if kind == "dmy" and m.group("mon").lower() == "may" and not m.group("year") and \
                    not re.match(r"\s*\d", sentence[m.start():]):
                continue
            resolved = _resolve(kind, m, published, future)
            if resolved is None:
                continue
            taken.append((start, end))
            found.append(DateResolution(resolved[0], resolved[1], "text", sentence[start:end].strip(), start, end))
    found.sort(key=lambda d: d.start or 0)
    # "on Wednesday (1 November)": a weekday right before a bracketed date is the same day
    merged: list[DateResolution] = []
    for d in found:
        if merged and merged[-1].precision == "day" and d.precision == "day" and d.start is not None \
                and merged[-1].end is not None and re.fullmatch(r"\s*[(,]?\s*", sentence[merged[-1].end:d.start]):
            prev = merged.pop()
            d = DateResolution(d.date, "day", "text", sentence[prev.start:d.end], prev.start, d.end)
        merged.append(d)
    return merged


def resolve_date(sentence: str, published: date | None, *, anchor: int | None = None,
                 future: bool = False) -> DateResolution:
    """The date of an event whose trigger is at ``anchor`` (a character offset in ``sentence``).

    Returns the nearest date expression to the trigger, else the publication date (source
    ``published``), else an empty resolution.
    """
    found = find_dates(sentence, published, future)
    if found:
        if anchor is None:
            best = found[0]
        else:
            best = min(found, key=lambda d: min(abs((d.start or 0) - anchor), abs((d.end or 0) - anchor)))
        return best
    if published is not None:
        return DateResolution(published, "day", "published")
    return DateResolution(None, None, None)
