"""Where a name is not the actor it names: inside another name, a surname, a former holder.

:mod:`tacitus.actors.mentions` finds every name the knowledge base knows; these rules say
when the words only look like a state: a country or capital inside another proper name ("New
Jersey", "the Washington Post", "the Lisbon agenda"), a surname after a title ("Mr German"),
and an office its holder has left ("former president X" is one of the state's elites, ELI).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from spacy.tokens import Span

from tacitus.actors.knowledge import Alias
from tacitus.records import Actor

#: Alias kinds that name a state, used with a role noun ("French troops", "Kremlin spokesman").
COUNTRY_KINDS = frozenset({"name", "adjective", "prefix", "capital", "seat"})
#: Entity labels of proper names that merely contain a place ("Washington Post", "Paris Agreement").
OTHER_NAMES = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
PLACE_KINDS = frozenset({"name", "capital"})
#: Nouns after a capital's name that keep it a place ("Washington state", "the Moscow region").
AREA_NOUNS = frozenset({"state", "region", "area", "province", "district", "oblast", "city"})


#: Titles before a surname: a state's name or adjective after one is a person's surname
#: ("Mr German", "Mrs England", "Dr Israel"), not the state.
SURNAME_TITLES = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "lord",
                            "lady", "dame", "baroness", "professor", "prof", "prof."})


def inside_other_name(span: Span, kind: str, roles: dict[int, str]) -> bool:
    """A country or capital that is only part of another proper name: "New Jersey",
    "the Washington Post", "China Daily", "the Paris Agreement"; or a surname ("Mr German")."""
    doc = span.doc
    if kind in COUNTRY_KINDS and span.start > 0 and doc[span.start - 1].lower_ in SURNAME_TITLES \
            and span[0].text[:1].isupper():
        return True
    if kind not in PLACE_KINDS:
        return False
    if span.start > 0 and doc[span.start - 1].text in ("New", "Nova", "Nueva", "Nouvelle"):
        return True
    head = span.root.head
    if span.root.dep_ == "compound" and head.i >= span.end and head.pos_ == "PROPN" \
            and head.i not in roles and head.ent_type_ in OTHER_NAMES:
        return True
    if kind == "capital" and span.root.dep_ == "compound":
        # a capital naming a thing, not its government: "the Lisbon agenda", "the Washington
        # DC headquarters"; "the Tehran regime", "Beijing officials" keep their role word
        while head.dep_ == "compound" and head.pos_ == "PROPN" and head.head.i > head.i:
            head = head.head
        return head.pos_ == "NOUN" and head.i >= span.end and head.i not in roles \
            and head.lemma_.lower() not in AREA_NOUNS  # "Washington state", "the Moscow region"
    return False


_Holder = TypeVar("_Holder", Alias, Actor)
#: Words before a title that make its holder a former one: "former president", "ex-minister".
FORMER_WORDS = frozenset({"former", "ex", "erstwhile"})


def former(who: _Holder) -> _Holder:
    """A person (an alias or an actor) as a former official: role ELI (CAMEO's elites, where
    roles.yaml puts former officials), not the office held then."""
    if not who.country or who.role == "ELI":
        return who
    return replace(who, role="ELI", code=f"{who.country}ELI")
