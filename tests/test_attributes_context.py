"""Sectors, figures and quotes attached to events and articles."""

from __future__ import annotations

import pytest

from tacitus.attributes.figures import find_figures
from tacitus.attributes.sectors import find_sectors
from tacitus.ingest import article_from_text
from tacitus.pipeline import _pipeline


def test_attributes_sectors_longest_phrase_wins():
    words = "agreements on renewable energy , green hydrogen , civil nuclear power and rail transport".split()
    assert find_sectors(words) == ["renewables", "hydrogen", "nuclear", "rail"]
    assert find_sectors("a partnership on rare earths and critical raw materials".split()) == ["critical_minerals"]


@pytest.mark.parametrize("text,expected", [
    ("Japan has invested $18.7 billion in Vietnam's economy.", [("money", 18.7e9, "USD", "investment", None)]),
    ("Bilateral trade grew 30% to $4 billion last year.",
     [("percent", 30.0, "%", "trade", "increase"), ("money", 4e9, "USD", "trade", None)]),
    ("The EU pledged €2 bn in aid.", [("money", 2e9, "EUR", "aid", None)]),
    ("Exports fell 5 percent to 2.7 billion dollars.",
     [("percent", 5.0, "%", "exports", "decrease"), ("money", 2.7e9, "USD", "exports", None)]),
])
def test_attributes_figures_normalised(text, expected):
    assert [(f.kind, f.value, f.unit, f.measure, f.change) for f in find_figures(text)] == expected


ARTICLE = """Talks in Hanoi

Japanese Prime Minister Fumio Kishida met Vietnamese leaders in Hanoi on Monday, and the two countries signed agreements on rail transport, semiconductors and green hydrogen.

"We are partners for the next fifty years," Kishida told reporters. "Our ties have never been stronger."

"Japan is a friend we trust," the Vietnamese president said.

Kishida said Japan would lend Vietnam $2 billion for new railways.
"""


@pytest.fixture(scope="module")
def coded():
    return _pipeline(None).code_article(article_from_text(ARTICLE, published="2023-05-15", path="hanoi.txt"))


def test_attributes_agreement_carries_sectors(coded):
    deal = next(e for e in coded.events if e.cameo == "057")
    assert {"rail", "hydrogen"} <= set(deal.sectors)


def test_attributes_quotes_and_speakers(coded):
    direct = [q for q in coded.quotes if q.kind == "direct"]
    assert direct[0].speaker.name == "Fumio Kishida"
    assert "never been stronger" in direct[0].text, "two quotes of one speaker in a paragraph are one quote"
    reported = [q for q in coded.quotes if q.kind == "indirect"]
    assert any(q.speaker.name == "Fumio Kishida" and "lend Vietnam" in q.text for q in reported)


def test_attributes_event_inside_reported_speech_links_the_speaker(coded):
    loan = [e for e in coded.events if e.cameo.startswith("03") or e.cameo.startswith("07")]
    assert loan, [e.cameo for e in coded.events]
    assert loan[0].speaker is not None and loan[0].speaker.name == "Fumio Kishida" and loan[0].quote_id
    assert loan[0].figures and loan[0].figures[0]["value"] == 2e9


def test_attributes_seed_quotes_have_their_speakers(shared):
    text = (shared / "seeds" / "000_d44e1bea3d174aff.txt").read_text(encoding="utf-8")
    coded = _pipeline(None).code_article(article_from_text(text, published="2023-11-01", path="seed0"))
    speakers = [(q.speaker.name if q.speaker else None) for q in coded.quotes if q.kind == "direct" and len(q.text) > 20]
    assert speakers.count("Emmanuel Macron") == 3
    assert speakers.count("Dmitry Peskov") == 1
    short = {q.text.rstrip("."): q.speaker.name for q in coded.quotes if q.kind == "direct" and len(q.text) <= 20}
    assert short.get("historic") == "Kassym-Jomart Tokayev" and short.get("very highly") == "Dmitry Peskov"
    figures = {(f["text"], f["measure"]) for f in coded.figures}
    assert {("$18.7 billion", "investment"), ("30%", "trade"), ("$4 billion", "trade")} <= figures


def test_attributes_seed2_agreement_has_six_sectors(shared):
    text = (shared / "seeds" / "002_c541ccf6d68556e6.txt").read_text(encoding="utf-8")
    coded = _pipeline(None).code_article(article_from_text(text, path="seed2"))
    deal = next(e for e in coded.events if e.cameo == "057")
    assert deal.sectors == ["renewables", "hydrogen", "nuclear", "water", "rail", "agriculture"]


def test_attributes_dateline_places_the_lead_and_dates_carry_in_a_paragraph():
    text = ("Leaders meet\n\nNAIROBI, March 3 (Reuters) - Kenyan President William Ruto met Tanzanian officials "
            "on Friday. The two countries signed a deal on rail transport.\n\nEthiopia praised Kenya.")
    events = _pipeline(None).code_article(article_from_text(text, published="2023-03-03")).events
    meeting = next(e for e in events if e.cameo == "040")
    deal = next(e for e in events if e.cameo == "057")
    praise = next(e for e in events if e.cameo == "051")
    assert meeting.location.name == "Nairobi" and meeting.date == "2023-03-03" and meeting.date_source == "text"
    assert (deal.date, deal.date_source) == ("2023-03-03", "context")
    assert praise.location is None and praise.date_source == "published"


def test_attributes_date_relative_to_another_event():
    text = ("Indian Prime Minister Narendra Modi met Japanese Prime Minister Fumio Kishida in Delhi on 20 March.\n\n"
            "The day after their meeting, India and Japan signed an agreement on rail transport.")
    events = _pipeline(None).code_article(article_from_text(text, published="2023-03-25")).events
    meeting = next(e for e in events if e.cameo == "040")
    deal = next(e for e in events if e.cameo == "057")
    assert meeting.date == "2023-03-20"
    assert (deal.date, deal.date_source, deal.date_precision) == ("2023-03-21", "context", "day")


def test_attributes_places_data_regions_and_renamed():
    from tacitus.attributes.places import geocode

    assert geocode("Nur-Sultan").name == "Astana"
    assert geocode("Kiev").name == "Kyiv"
    region = geocode("Central Asia")
    assert (region.country, region.lat is not None) == ("CAS", True)


def test_attributes_country_centres_match_their_source():
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "build_places.py"
    proc = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


REPORTED_THEN_QUOTED = """Chile's foreign minister, Ana Rojas, said on Monday that the border talks had failed.

"We condemn the conduct of Bolivia."

The talks will resume in March, officials in both capitals said.
"""


def _direct(text: str) -> list:
    coded = _pipeline(None).code_article(article_from_text(text, published="2020-03-02", path="rojas.txt"))
    return coded, [q for q in coded.quotes if q.kind == "direct"]


def test_attributes_a_quote_paragraph_after_reported_speech_is_the_same_speakers():
    coded, direct = _direct(REPORTED_THEN_QUOTED)
    assert len(direct) == 1 and direct[0].speaker is not None and direct[0].speaker.code == "CHLGOV"
    assert "Ana Rojas" in direct[0].speaker_text
    # the quote's condemnation is hers: "we" is Chile
    assert any(e.cameo.startswith("11") and e.source.country == "CHL" and e.target.country == "BOL"
               and e.quote_id == direct[0].id for e in coded.events)


@pytest.mark.parametrize("text", [
    # no speech in the paragraph before: the quote stays without a speaker
    "Chile's foreign minister, Ana Rojas, arrived in Lima on Monday.\n\n\"We condemn the conduct of Bolivia.\"\n",
    # the quote does not open its paragraph: not a continuation
    "Chile's foreign minister, Ana Rojas, said on Monday that the talks had failed.\n\n"
    "Officials later added a line: \"We condemn the conduct of Bolivia.\"\n",
    # two paragraphs back: too far
    "Chile's foreign minister, Ana Rojas, said on Monday that the talks had failed.\n\n"
    "The talks began in May.\n\n\"We condemn the conduct of Bolivia.\"\n",
])
def test_attributes_a_quote_paragraph_continues_only_the_speech_right_before_it(text):
    _, direct = _direct(text)
    quote = next(q for q in direct if "condemn" in q.text)
    assert quote.speaker is None
