"""Figures in the text: money amounts and percentages, normalised, with what they measure.

    "$18.7 billion"          -> 18.7e9 USD
    "€2 bn", "2.7 billion dollars", "US$400m"
    "grew 30% to $4 billion" -> 30 percent (change: increase) and 4e9 USD, both measuring trade

What a figure measures is read from the words of its sentence (``MEASURES``: "invested" ->
investment, "trade" -> trade...), the nearest such word winning; whether it is a change from
the verb before it ("grew", "fell").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP",
    "¥": "JPY", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB", "tenge": "KZT", "rupee": "INR", "rupees": "INR",
}
SCALES = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6, "mn": 1e6,
          "m": 1e6, "mln": 1e6, "thousand": 1e3, "k": 1e3}
#: Words that say what a figure measures, by stem, and the name recorded.
MEASURES = {
    "invest": "investment", "trade": "trade", "turnover": "trade", "export": "exports", "import": "imports",
    "aid": "aid", "assistance": "aid", "loan": "loan", "credit": "loan", "lend": "loan", "grant": "aid",
    "budget": "budget", "spend": "spending", "gdp": "GDP", "econom": "economy", "deal": "deal value",
    "contract": "deal value", "sanction": "sanctions", "debt": "debt", "inflation": "inflation",
    "tariff": "tariffs", "price": "price",
}
INCREASE = ("grew", "grow", "rose", "rise", "increase", "jump", "climb", "surge", "up")
DECREASE = ("fell", "fall", "drop", "decline", "decrease", "shrank", "shrink", "down", "slump", "plunge")

_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s?(?P<scale>trillion|billion|million|thousand|tn|bn|mln|mn|m|b|k)\b)?"
MONEY_BEFORE = re.compile(r"(?P<cur>US\$|\$|€|£|¥|\b(?:USD|EUR|GBP)\s?)" + _NUM + _SCALE, re.IGNORECASE)
MONEY_AFTER = re.compile(r"\b" + _NUM + r"(?:\s?(?P<scale>trillion|billion|million|thousand|bn|mn))?\s+"
                         r"(?P<cur>dollars|euros|pounds|yuan|roubles|rubles|yen|tenge|rupees|USD|EUR|GBP)\b",
                         re.IGNORECASE)
PERCENT = re.compile(r"\b" + _NUM + r"\s?(?:%|percent\b|per cent\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """A number the text gives, normalised. Offsets are into the sentence given to :func:`find_figures`."""

    text: str
    kind: str               # money | percent
    value: float
    unit: str               # ISO 4217 currency code, or "%"
    measure: str | None     # investment, trade, aid... (what the sentence says it measures)
    change: str | None      # increase | decrease | None
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"text": self.text, "kind": self.kind, "value": self.value, "unit": self.unit,
                "measure": self.measure, "change": self.change}


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _measure(sentence: str, start: int, end: int) -> str | None:
    best: tuple[int, str] | None = None
    for m in re.finditer(r"[A-Za-z]+", sentence):
        word = m.group().lower()
        for stem, name in MEASURES.items():
            if word.startswith(stem):
                distance = min(abs(m.start() - end), abs(m.end() - start))
                if best is None or distance < best[0]:
                    best = (distance, name)
    return best[1] if best else None


def _change(sentence: str, start: int) -> str | None:
    before = sentence[max(0, start - 25):start].lower()
    words = re.findall(r"[a-z]+", before)[-3:]
    if any(w.startswith(INCREASE) for w in words):
        return "increase"
    if any(w.startswith(DECREASE) for w in words):
        return "decrease"
    return None


def find_figures(sentence: str) -> list[Figure]:
    """Money amounts and percentages in a sentence, in order."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in ((MONEY_BEFORE, "money"), (MONEY_AFTER, "money"), (PERCENT, "percent")):
        for m in pattern.finditer(sentence):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            value = _number(m.group("num"))
            if kind == "money":
                scale = (m.group("scale") or "").lower()
                value *= SCALES.get(scale, 1.0)
                unit = CURRENCIES.get(m.group("cur").strip().lower(), m.group("cur").strip().upper())
            else:
                unit = "%"
            taken.append((start, end))
            # a percentage after "grew" is a change; an amount is a level ("to $4 billion")
            # unless it is the size of the change ("rose by $2 billion")
            change = _change(sentence, start)
            if kind == "money" and not re.search(r"\bby\s*$", sentence[:start]):
                change = None
            found.append(Figure(sentence[start:end].strip(), kind, value, unit,
                                _measure(sentence, start, end), change, start, end))
    return sorted(found, key=lambda f: f.start)
