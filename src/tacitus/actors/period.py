"""The date a sentence is set in, for who held an office then.

News tells history in passing: "In 1978, President Carter brought Egypt and Israel to Camp
David", "Reagan met Thatcher in Washington in 1985". Who a name is (a head of government,
or a former one) depends on the date of what the sentence tells, not on the article's date.
A sentence that names one past year with "in" or "during" ("In 1978,", "in March 1985",
"during 1956") on its main verb is set then; otherwise it is set on the article's date (the
year of something told inside, "the ban, imposed after the riots in 1989, was ...", is not
the sentence's).

Only a year at least :data:`MIN_YEARS_BACK` before the article's counts (last year's events
are told with the article's officials), and only one: a sentence naming two years ("from 1979
to 1989", "in 1990, and again in 2004") is left on the article's date.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span

#: Prepositions that set what a sentence tells in a year: "in 1978", "during 1956".
PERIOD_PREPOSITIONS = frozenset({"in", "during"})
#: A year this many years before the article's, or earlier, sets its sentence in the past.
MIN_YEARS_BACK = 2
#: Years before this are not read as dates of events a name's office could matter for.
FIRST_YEAR = 1800
MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}


def sentence_dates(doc: Doc, published: date | None) -> dict[int, date]:
    """For each sentence set in a past year, its first token's index -> the date it is set on:
    the 15th of the month named with the year, else 1 July of the year."""
    if published is None:
        return {}
    out: dict[int, date] = {}
    for sent in doc.sents:
        when = _set_in(sent, published)
        if when is not None:
            out[sent.start] = when
    return out


def _set_in(sent: Span, published: date) -> date | None:
    found: set[date] = set()
    for tok in sent:
        if not (tok.like_num and len(tok.text) == 4 and tok.text.isdigit()):
            continue
        year = int(tok.text)
        if not FIRST_YEAR <= year <= published.year - MIN_YEARS_BACK or tok.ent_type_ != "DATE":
            continue
        # the year, or the month it qualifies ("in March 1985"), is the object of "in"/"during"
        phrase = tok.head if tok.dep_ in ("nummod", "npadvmod", "appos") and tok.head.lower_ in MONTHS else tok
        if phrase.dep_ != "pobj" or phrase.head.lower_ not in PERIOD_PREPOSITIONS:
            continue
        if phrase.head.head.i != sent.root.i:
            continue  # the year of something told inside ("the ban, imposed after the crackdown in 1989, ...")
        month = MONTHS.get(phrase.lower_)
        found.add(date(year, month, 15) if month else date(year, 7, 1))
    return found.pop() if len(found) == 1 else None
