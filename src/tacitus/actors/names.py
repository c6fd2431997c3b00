"""Where a name is not the actor it names: inside another name, a surname, a former holder.

:mod:`tacitus.actors.mentions` finds every name the knowledge base knows; these rules say
when the words only look like a state: a country or capital inside another proper name ("New
Jersey", "the Washington Post", "the Lisbon agenda"), a surname after a title ("Mr German"),
an office its holder has left ("former president X" is one of the state's elites, ELI), a
dictionary's acronym the article defines as another name's ("the Financial Services
Authority (FSA)" is no Free Syrian Army), and the words of ``data/descriptors.yaml``
(:class:`Descriptors`): a state named as a backer ("Rohan-backed"), in a place's name ("the
Gulf of Rohan") or for its money ("Arnor dollars").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from typing import TypeVar

from spacy.tokens import Doc, Span

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


#: Small words inside a name: "Council of National Unity", "Front for the Liberation".
NAME_LINKS = frozenset({"of", "for", "the", "and", "on", "-"})


def acronym_at(doc: Doc, i: int) -> str | None:
    """The acronym written in brackets that opens at token ``i`` ("(GDF)"), if one does: two
    or more capitals."""
    if doc[i].text != "(" or i + 2 >= len(doc) or doc[i + 2].text != ")":
        return None
    word = doc[i + 1].text
    return word if word.isupper() and len(word) >= 2 else None


def defined_acronyms(doc: Doc) -> dict[str, tuple[int, int]]:
    """Acronyms the article defines in brackets after a name whose initials spell them:
    {"GDF": (start, end) of "the Gondor Defence Fund"} for "the Gondor Defence Fund (GDF)"."""
    out: dict[str, tuple[int, int]] = {}
    for tok in doc:
        i = tok.i
        acronym = acronym_at(doc, i)
        if acronym is None or not acronym.isalpha() or acronym in out:
            continue
        j = i
        while j > 0 and i - j < 10 and not doc[j - 1].is_sent_end and (
                doc[j - 1].text[:1].isupper() or doc[j - 1].lower_ in NAME_LINKS):
            j -= 1
        initials = "".join(t.text[0] for t in doc[j:i] if t.text[:1].isupper())
        if len(initials) >= 2 and initials.endswith(acronym):
            out[acronym] = (j, i)
    return out


def drop_redefined(doc: Doc, spans: list[Span], keys: dict[tuple[int, int], str],
                   aliases: dict[str, list[Alias]]) -> list[Span]:
    """The matched names without the dictionary's reading of an acronym the article defines
    as another name's: after "the Gondor Defence Fund (GDF)", "GDF" is the fund, not a
    dictionary's Gondor Democratic Front (the open-world stage gives it the fund's actor).
    The dictionary's reading stays when the article's name is the same name written another
    way: they share a distinctive word ("International Labor Office (ILO)" for the
    International Labour Organization)."""
    defined = defined_acronyms(doc)
    if not defined:
        return spans

    def name(span: Span) -> str:
        return aliases[keys[(span.start, span.end)]][0].name

    out = []
    for span in spans:
        where = defined.get(span.text) if len(span) == 1 else None
        if where is not None and not any(
                where[0] <= o.start and o.end <= where[1] and name(o) == name(span) for o in spans) \
                and not _stems(doc[where[0]:where[1]].text) & _stems(name(span)):
            continue
        out.append(span)
    return out


#: Words too common in names of bodies to tell two names apart.
_COMMON_STEMS = frozenset({"inte", "nati", "unit", "orga", "worl", "coun", "comm", "asso"})


def _stems(text: str) -> set[str]:
    """The first four letters of a name's longer words, lower-cased: "Labor" and "Labour" meet."""
    return {w[:4].lower() for w in re.findall(r"[A-Za-z]{4,}", text)} - _COMMON_STEMS


@dataclass(frozen=True)
class Descriptors:
    """The words of ``data/descriptors.yaml`` (what each list means is said there)."""

    backer_words: frozenset[str]
    weapon_nouns: frozenset[str]
    kind_nouns: dict[str, frozenset[str]]
    org_generic_words: frozenset[str]
    landform_words: frozenset[str] = frozenset()
    money_words: frozenset[str] = frozenset()
    reaction_nouns: frozenset[str] = frozenset()
    measure_nouns: frozenset[str] = frozenset()
    led_groups: frozenset[str] = frozenset()
    resident_roles: frozenset[str] = frozenset()
    envoy_nouns: frozenset[str] = frozenset()
    name_nouns: frozenset[str] = frozenset()
    craft_nouns: dict[str, frozenset[str]] = field(default_factory=dict)
    stateless_roles: frozenset[str] = frozenset()
    country_nouns: frozenset[str] = frozenset({"country", "nation"})
    title_verbs: frozenset[str] = frozenset()
    election_nouns: frozenset[str] = frozenset()
    backing_participles: frozenset[str] = frozenset()
    called_nouns: dict[str, frozenset[str]] = field(default_factory=dict)
    other_words: frozenset[str] = frozenset()
    family_name_first: frozenset[str] = frozenset()
    operation_nouns: frozenset[str] = frozenset()
    state_kinds: dict[str, frozenset[str]] = field(default_factory=dict)
    firm_nouns: frozenset[str] = frozenset()
    title_states: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    @functools.cache
    def load(cls) -> Descriptors:
        """The built-in file, read once per process (the finder, coreference and the coder
        all ask for it)."""
        from tacitus.datafiles import builtin_path, load_yaml

        data = load_yaml(builtin_path("descriptors.yaml")) or {}

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in data.get(key) or ())

        kinds = {str(k): frozenset(str(w).lower() for w in v) for k, v in (data.get("kind_nouns") or {}).items()}
        craft = {str(k): frozenset(str(w).lower() for w in v) for k, v in (data.get("craft_nouns") or {}).items()}
        return cls(words("backer_words"), words("weapon_nouns"), kinds, words("org_generic_words"),
                   words("landform_words"), words("money_words"), words("reaction_nouns"),
                   words("measure_nouns"), words("led_groups"),
                   frozenset(str(w).upper() for w in data.get("resident_roles") or ()), words("envoy_nouns"),
                   words("name_nouns"), craft,
                   stateless_roles=frozenset(str(w).upper() for w in data.get("stateless_roles") or ()),
                   country_nouns=words("country_nouns") or cls.country_nouns,
                   title_verbs=words("title_verbs"), election_nouns=words("election_nouns"),
                   backing_participles=words("backing_participles"),
                   called_nouns={str(k): frozenset(str(w).lower() for w in v)
                                 for k, v in (data.get("called_nouns") or {}).items()},
                   other_words=words("other_words"),
                   family_name_first=frozenset(str(w).upper() for w in data.get("family_name_first") or ()),
                   operation_nouns=words("operation_nouns"), firm_nouns=words("firm_nouns"),
                   state_kinds={str(k).lower(): frozenset(str(c).upper() for c in v)
                                for k, v in (data.get("state_kinds") or {}).items()},
                   title_states={str(k).lower(): frozenset(str(c).upper() for c in v)
                                 for k, v in (data.get("title_states") or {}).items()})

    def family_names(self, name: str, country: str | None) -> tuple[str, ...]:
        """The words a person's full name comes back as later in an article: the last word,
        and the first where the person's state puts the family name first ("Wang Yi": Wang)."""
        words = name.split()
        if len(words) < 2:
            return tuple(words)
        if country in self.family_name_first and words[0][:1].isupper():
            return words[-1], words[0]
        return (words[-1],)

    def backs(self, span: Span) -> bool:
        """A state joined by "-backed", "-made"... to the word after it: its backer or maker,
        not the actor. "-led" before a group it leads ("the Arnor-led coalition") is the
        leader acting with others, and stays the actor."""
        doc = span.doc
        if span.end + 1 >= len(doc) or doc[span.end].text != "-" or doc[span.end + 1].lower_ not in self.backer_words:
            return False
        word = doc[span.end + 1]
        # the noun it modifies, or the noun right after it ("Arnor-led coalition jets": the
        # coalition's jets)
        groups = {word.head.lower_} if word.head.i > word.i else set()
        groups |= {doc[word.i + 1].lower_} if word.i + 1 < len(doc) else set()
        return not (word.lower_ == "led" and groups & self.led_groups)

    def in_place_name(self, span: Span) -> bool:
        """A state named only as part of a place's name: "the Gondorian Sea", "the Gulf of Rohan"."""
        doc = span.doc
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.text[:1].isupper() and after.lower_ in self.landform_words:
            return True
        return span.start >= 2 and doc[span.start - 1].lower_ == "of" and \
            doc[span.start - 2].text[:1].isupper() and doc[span.start - 2].lower_ in self.landform_words

    def names_money(self, span: Span) -> bool:
        """A state named only to say whose money: "the Gondorian crown", "Arnor dollars". The
        word after it must be a noun ("the Korean won the vote" is a person) that heads its
        phrase: "the Gondorian crown policy" is still Gondor's policy."""
        doc = span.doc
        after = doc[span.end] if span.end < len(doc) else None
        return after is not None and after.lower_ in self.money_words and after.pos_ in ("NOUN", "PROPN") \
            and after.dep_ != "compound"


def name_goes_on(span: Span) -> bool:
    """Whether a one-word person's name is the first word of a longer person's name the
    tagger reads as one ("Ashton Bumhira"): the known person's surname there names another."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    return len(span) == 1 and nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title \
        and nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "I" and span[0].ent_type_ == "PERSON"


def other_first_name(span: Span, cands: list) -> bool:  # noqa: ANN001 - knowledge.Alias
    """Whether a known person's surname ends a longer name the tagger reads as one person
    whose other words are none of that person's ("Bandar Abbas", a port, is not Mahmoud
    Abbas; "Hillary Rodham Clinton" is Hillary Clinton). Initials ("George W. Bush") say nothing."""
    doc = span.doc
    if len(span) != 1 or span[0].ent_type_ != "PERSON" or span[0].ent_iob_ != "I":
        return False
    ent = next((e for e in doc.ents if e.start <= span.start < e.end), None)
    words = {t.lower_ for t in ent[: span.start - ent.start] if len(t.text.rstrip(".")) > 1} if ent is not None else set()
    names = {w for a in cands for w in a.name.lower().split()}
    return bool(words) and not words & names
