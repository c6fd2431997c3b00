"""The attributes stage: event dates relative to publication, and event places."""

from __future__ import annotations

from datetime import date

import pytest

from tacitus.attributes.dates import resolve_date
from tacitus.attributes.places import geocode

WED = date(2023, 11, 1)  # a Wednesday


@pytest.mark.parametrize("sentence,expected,precision", [
    ("The minister arrived in Riga on Wednesday (1 November) for talks.", date(2023, 11, 1), "day"),
    ("The minister arrived in Riga on Monday.", date(2023, 10, 30), "day"),
    ("The talks were held last Wednesday.", date(2023, 10, 25), "day"),
    ("Officials met on 28 October in Geneva.", date(2023, 10, 28), "day"),
    ("Officials met on October 28, 2022 in Geneva.", date(2022, 10, 28), "day"),
    ("The deal was signed on 30 December.", date(2022, 12, 30), "day"),
    ("The envoy spoke yesterday.", date(2023, 10, 31), "day"),
    ("The minister said last week the plan had failed.", date(2023, 10, 23), "week"),
    ("Trade grew earlier this month.", date(2023, 11, 1), "month"),
    ("Talks resumed in September 2023.", date(2023, 9, 1), "month"),
    ("The treaty was ratified last year.", date(2022, 1, 1), "year"),
])
def test_attributes_dates_relative_to_publication(sentence, expected, precision):
    found = resolve_date(sentence, WED)
    assert (found.date, found.precision, found.source) == (expected, precision, "text")


def test_attributes_dates_nearest_to_the_trigger():
    s = "While on Wednesday, Peskov said Kazakhstan was free, Lavrov said last week the West was trying."
    lavrov = s.index("Lavrov said") + len("Lavrov ")
    peskov = s.index("Peskov said") + len("Peskov ")
    assert resolve_date(s, WED, anchor=lavrov).precision == "week"
    assert resolve_date(s, WED, anchor=peskov).date == WED


def test_attributes_dates_fall_back_to_publication_or_null():
    assert resolve_date("The two leaders met.", WED) .source == "published"
    assert resolve_date("The two leaders met on Monday.", None).date is None
    assert resolve_date("They met on 1 November 2023.", None).date == date(2023, 11, 1)


def test_attributes_dates_future_weekday():
    assert resolve_date("Macron travels to Tashkent on Thursday.", WED, future=True).date == date(2023, 11, 2)


def test_attributes_dates_may_the_verb_is_not_a_date():
    assert resolve_date("Officials said talks may 5 times fail.", WED).source in ("published", "text")
    assert resolve_date("Sanctions may follow, officials said.", WED).source == "published"


def test_attributes_places_geocode():
    paris = geocode("Paris", context_countries=["FRA", "KAZ"])
    assert (paris.country, round(paris.lat)) == ("FRA", 49)
    # a city of the article's states wins when it is notable itself ("Birmingham" in an
    # article about the United States is Alabama's); a small town there does not outrank a
    # notable city abroad ("Paris" is not the Texan town of 25,000, "Geneva" not New York's)
    assert geocode("Birmingham", context_countries=["USA"]).country == "USA"
    assert geocode("Birmingham").country == "GBR"
    assert geocode("Paris", context_countries=["USA"]).country == "FRA"
    assert geocode("Geneva", context_countries=["IRN", "USA"]).country == "CHE"
    astana = geocode("Astana")
    assert (astana.name, astana.country) == ("Astana", "KAZ")
    kaz = geocode("Kazakhstan")
    assert kaz.country == "KAZ" and 40 < kaz.lat < 56 and 46 < kaz.lon < 88
    assert geocode("Central Asia").country == "CAS"
    assert geocode("Narnia") is None


def test_attributes_event_location_in_pipeline():
    import tacitus

    events = tacitus.code("Japanese Prime Minister Fumio Kishida arrived in Hanoi on Monday and met Vietnam's president.",
                          published="2023-11-01")
    visit = [e for e in events if e.cameo == "042"][0]
    assert visit.location.name == "Hanoi" and visit.location.country == "VNM"
    assert visit.date == "2023-10-30"
