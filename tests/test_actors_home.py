"""The outlet's home state: "the government" named before any state is its government."""

from __future__ import annotations

import pytest

import tacitus
from tacitus.actors.home import home_state
from tacitus.errors import InputError

# Our own sentences, in the style of a national paper's first lines (no state named before
# the institution).
FIRST_LINE = "The foreign secretary has condemned Zimbabwe's elections as flawed."
NAMED_BEFORE = "Peru held early elections on Sunday. The government rejected the criticism from Chile."


@pytest.mark.parametrize(("publisher", "home", "expected"), [
    ("BBC News", None, "GBR"),
    ("www.bbc.co.uk", None, "GBR"),
    ("The Times of India", None, "IND"),
    ("Xinhua", None, "CHN"),
    ("Reuters", None, None),          # a wire service writes from nowhere in particular
    ("ABC News", None, None),         # two outlets of two states share the name
    ("Rabbcast", None, None),         # a name inside another word is no match
    (None, None, None),
    ("BBC News", "irl", "IRL"),       # the option wins over the outlet
])
def test_home_state_of_outlets(publisher: str | None, home: str | None, expected: str | None) -> None:
    assert home_state(publisher, home) == expected


def _pairs(events: list) -> set[tuple[str, str, str]]:
    return {(e.source.country or e.source.code, e.cameo[:3], e.target.country or e.target.code)
            for e in events if e.target is not None and not e.negated}


def test_institution_of_the_outlets_state() -> None:
    assert ("GBR", "111", "ZWE") in _pairs(tacitus.code(FIRST_LINE, published="2024-06-01", publisher="BBC News"))
    # no outlet, or one that writes for the world: nobody is named
    assert not _pairs(tacitus.code(FIRST_LINE, published="2024-06-01"))
    assert not _pairs(tacitus.code(FIRST_LINE, published="2024-06-01", publisher="Reuters"))


def test_a_state_named_before_wins_over_the_home_state() -> None:
    pairs = _pairs(tacitus.code(NAMED_BEFORE, published="2024-06-01", publisher="BBC News"))
    assert ("PER", "12", "CHL") in {(s, c[:2], t) for s, c, t in pairs}
    assert not any(s == "GBR" for s, _, _ in pairs)


def test_home_option() -> None:
    pipe = tacitus.Pipeline(tacitus.Options(home="gbr"))
    article = tacitus.ingest.article_from_text(FIRST_LINE, published="2024-06-01")
    assert ("GBR", "111", "ZWE") in _pairs(pipe.code_article(article).events)


def test_home_that_is_no_state_code() -> None:
    with pytest.raises(InputError, match="ISO 3166 alpha-3"):
        tacitus.Pipeline(tacitus.Options(home="UK"))
