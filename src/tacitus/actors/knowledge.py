"""The actor knowledge base: countries, blocs and IGOs, people with their tenures, role words.

Built-in files (``tacitus/data/``): ``countries.yaml``, ``blocs.yaml``, ``people.yaml``,
``people_generated.jsonl`` (built by ``scripts/build_people.py`` from the PETRARCH-2 dictionaries
and ``people_curated.yaml``), ``groups.yaml`` (armed groups), ``peoples.yaml`` (peoples of one
state: "the Rohingya", "Uighur activists"), ``parties.yaml`` (political
parties), ``organisations.yaml`` (NGOs and companies) with ``organisations_generated.jsonl``
(the PETRARCH-2 NGOs, built by ``scripts/build_organisations.py``), ``roles.yaml`` and ``ambiguity.yaml``; each documents its format at the top. A user file passed with ``--actors``
may hold any of them; its shape says which:

    a mapping of 3-letter codes with ``name:``            -> countries (adds or replaces)
    a mapping of codes with ``kind:`` region/bloc/igo     -> blocs (adds or replaces)
    a list of entries with ``name:`` and ``from:``/``title:`` -> people (added)
    a ``.jsonl`` file: one such entry per line, as JSON       -> people (added); read
                                                             without YAML, fast for big lists
    a list of entries with ``name:``, ``code:`` and ``kind: actor``
                                                          -> coded actors (added), as imported
                                                             from another coder's dictionary
    a mapping of role codes to lists of words             -> roles (added)
    a mapping of phrases with ``default:`` (and ``readings:``) -> ambiguity rules (adds or replaces)

An entry with the key of a built-in one replaces it whole.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tacitus.actors.ambiguity import Ambiguity
from tacitus.datafiles import builtin_path, load_jsonl, load_yaml
from tacitus.errors import DataFileError

if TYPE_CHECKING:
    from spacy.tokens import Span

#: The shortest acronym also matched in one-capital house style ("Opec"): "Eta", "Anc" are
#: too close to words and names to be read without their capitals.
HOUSE_STYLE_MIN = 4
#: An organ named with its parent's acronym is named with the parent's full name too: "UN
#: refugee agency" is also "United Nations refugee agency", "EU commission" "European Union
#: commission".
PARENT_NAMES = {"UN": ("United Nations", "U.N."), "EU": ("European Union",), "AU": ("African Union",)}
BUILTIN = ("countries.yaml", "blocs.yaml", "people.yaml", "people_generated.jsonl", "groups.yaml",
           "groups_generated.jsonl", "peoples.yaml", "parties.yaml", "organisations.yaml", "organisations_generated.jsonl",
           "roles.yaml", "ambiguity.yaml")


_SAINT = re.compile(r"\b(Saint|St\.|St)(?= [A-Z])")
_HYPHENED = re.compile(r"(?<=[A-Za-z])-(?=[A-Z])")


def fold_accents(text: str) -> str:
    """``text`` without its accents, as English news often writes names: "Chính" -> "Chinh"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


#: British and American spellings of the common words in names of organisations ("World Health
#: Organisation", "Ministry of Defense", "International Labour Organization"): a name of two
#: words or more is matched in either (one word alone is not: "Labor" is Australia's party).
#: The endings of any capitalised word ("Organisation", "Organisations"), then whole words.
_SPELLING_ENDINGS = (("isation", "ization"),)
_SPELLING_WORDS = (("Labour", "Labor"), ("Defence", "Defense"), ("Centre", "Center"), ("Programme", "Program"),
                   ("Co-operation", "Cooperation"), ("Co-operative", "Cooperative"), ("Harbour", "Harbor"),
                   ("Licence", "License"))
_SPELLED = re.compile(r"\b[A-Z][a-z-]*(?:isation|ization)s?\b|\b(?:"
                      + "|".join(w for pair in _SPELLING_WORDS for w in pair) + r")\b")


def _other_spelling(word: str) -> str:
    """The other convention's spelling of one word ``_SPELLED`` found."""
    for a, b in _SPELLING_WORDS:
        if word in (a, b):
            return b if word == a else a
    for a, b in _SPELLING_ENDINGS:
        for x, y in ((a, b), (b, a)):
            at = word.rfind(x)
            if at >= 0 and word[at + len(x):] in ("", "s"):
                return word[:at] + y + word[at + len(x):]
    return word


def spelling_variants(phrase: str) -> list[str]:
    """Other ways the news writes ``phrase``, one convention apart.

    Accents dropped ("Curacao" for "Curaçao", "Sao Tome"), "Saint" / "St." / "St" for one
    another ("St Lucia"), a hyphen between capitalised parts written as a space ("Guinea
    Bissau", "Timor Leste"), and in a name of several words the British or American spelling
    of its common words ("Organisation" / "Organization"). Data files keep one spelling;
    these come free.
    """
    out: list[str] = []
    folded = fold_accents(phrase)
    for form in {phrase, folded}:
        forms = {form}
        if " " in form and _SPELLED.search(form):
            forms.add(_SPELLED.sub(lambda m: _other_spelling(m.group()), form))
        if _SAINT.search(form):
            forms |= {_SAINT.sub(word, form) for word in ("Saint", "St.", "St")}
        if _HYPHENED.search(form):
            forms |= {_HYPHENED.sub(" ", f) for f in list(forms)}
        out.extend(f for f in forms if f != phrase and f not in out)
    return sorted(out)


@dataclass(frozen=True)
class Alias:
    """One way the news names an actor."""

    phrase: str
    kind: str  # name | adjective | prefix | capital | seat | person | region | bloc | igo
    name: str
    country: str | None
    role: str | None
    code: str
    title: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    case_sensitive: bool = False
    #: an acronym as some outlets write it ("Opec", "Farc" for OPEC, FARC): only a proper noun
    house_style: bool = False

    def in_office(self, on: date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and \
            (self.valid_until is None or on <= self.valid_until)


@dataclass(frozen=True)
class RoleWord:
    """A word or phrase that gives an actor a role ("troops" MIL, "MSF" NGO before the state).

    ``prefix``: the code goes before the actor's code (``NGO~`` in PETRARCH's agents: "MSF
    Arnor" is NGOARN); otherwise after it ("Arnor diplomat" is ARNGOV). ``forms``: the phrase
    is matched as written only (imported dictionaries list their plurals), not by lemma.
    """

    code: str
    prefix: bool = False
    forms: bool = False


@dataclass(frozen=True)
class CountryInfo:
    code: str
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    prefixes: tuple[str, ...]
    capitals: tuple[str, ...]


def _date(value: Any, path: str, line: int | None, key: str, *, end: bool = False) -> date | None:
    """A tenure date. ``YYYY-MM`` is allowed when only the month is known (a minister "in post
    since July 2001"): it stands for the month's first day, or its last day when ``end``."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    text = str(value)
    try:
        if len(text) == 7 and text[4] == "-":
            first = date.fromisoformat(f"{text}-01")
            if not end:
                return first
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date.fromisoformat(text)
    except ValueError as err:
        raise DataFileError(path, f"{key}: {value!r} is not a date", line=line,
                            hint="write dates as YYYY-MM-DD (or YYYY-MM when only the month is known)") from err


def _list(entry: dict, key: str) -> list:
    value = entry.get(key) or []
    return [value] if isinstance(value, str) else list(value)


class KnowledgeBase:
    """Every alias of every actor, with lookups by phrase and date."""

    def __init__(self) -> None:
        self.countries: dict[str, dict] = {}
        self.blocs: dict[str, dict] = {}
        self.people: list[dict] = []
        self.roles: dict[str, RoleWord] = {}
        self.ambiguity = Ambiguity()
        self._aliases: list[Alias] | None = None
        self._index: dict[str, list[Alias]] | None = None

    # -- loading ------------------------------------------------------------------------

    @classmethod
    def load(cls, extra: Sequence[str | Path] = (), *, builtin: bool = True) -> KnowledgeBase:
        """Load the built-in files (unless ``builtin`` is False), then each user file in ``extra``.

        Raises:
            DataFileError: a file is malformed (file and line in the message).
        """
        kb = cls()
        for name in BUILTIN if builtin else ():
            kb.add_file(builtin_path(name))
        for path in extra:
            kb.add_file(Path(path))
        kb.ambiguity.check(lambda code: kb.parse_code(code) is not None)
        return kb

    def add_file(self, path: Path) -> None:
        where = str(path)
        if path.suffix == ".jsonl":
            self._add_people(load_jsonl(path), where)
            self._aliases = None
            self._index = None
            return
        data = load_yaml(path, with_lines=True)
        if isinstance(data, list):
            self._add_people(data, where)
        elif isinstance(data, dict):
            values = [v for k, v in data.items() if k not in ("__line__", "__keylines__", "settings")]
            if values and all(isinstance(v, list) for v in values):
                self._add_roles(data, where)
            elif values and all(isinstance(v, dict) and "default" in v for v in values):
                self.ambiguity.add(data, where)
            elif values and all(isinstance(v, dict) and "kind" in v for v in values):
                self._add_blocs(data, where)
            elif values and all(isinstance(v, dict) for v in values):
                self._add_countries(data, where)
            else:
                raise DataFileError(where, "cannot tell which kind of actor file this is",
                                    hint="see the comments at the top of tacitus/data/countries.yaml, "
                                         "blocs.yaml, people.yaml, roles.yaml or ambiguity.yaml for the formats")
        else:
            raise DataFileError(where, "expected a list (people) or a mapping (countries, blocs, roles)")
        self._aliases = None
        self._index = None

    def _add_countries(self, data: dict, where: str) -> None:
        for code, entry in data.items():
            if code in ("__line__", "__keylines__"):
                continue
            line = data["__keylines__"].get(code)
            if not (isinstance(code, str) and len(code) == 3 and code.isupper()):
                raise DataFileError(where, f"{code!r} is not an ISO alpha-3 code", line=line)
            if not entry.get("name"):
                raise DataFileError(where, f"{code} has no name:", line=line)
            self.countries[code] = entry

    def _add_blocs(self, data: dict, where: str) -> None:
        for code, entry in data.items():
            if code in ("__line__", "__keylines__"):
                continue
            line = data["__keylines__"].get(code)
            if entry.get("kind") not in ("region", "bloc", "igo"):
                raise DataFileError(where, f"{code}: kind must be region, bloc or igo", line=line)
            if not entry.get("name"):
                raise DataFileError(where, f"{code} has no name:", line=line)
            self.blocs[str(code)] = entry

    def _add_people(self, data: list, where: str) -> None:
        for entry in data:
            line = entry.get("__line__") if isinstance(entry, dict) else None
            if not isinstance(entry, dict) or not entry.get("name"):
                raise DataFileError(where, "each person needs a name:", line=line)
            if not entry.get("country") and not entry.get("code"):
                raise DataFileError(where, f"{entry['name']}: give country: (ISO code) or code: (IGO code)",
                                    line=line)
            kind = entry.get("kind") or "person"
            if kind not in ("person", "actor"):
                raise DataFileError(where, f"{entry['name']}: kind must be person or actor, not {kind!r}",
                                    line=line)
            country = entry.get("country")
            if country and country not in self.countries and kind == "person":
                raise DataFileError(where, f"{entry['name']}: unknown country code {country!r}", line=line,
                                    hint="use the ISO 3166-1 alpha-3 code, as in countries.yaml")
            start = _date(entry.get("from"), where, line, "from")
            end = _date(entry.get("until"), where, line, "until", end=True)
            if start and end and end < start:
                raise DataFileError(where, f"{entry['name']}: until is before from", line=line)
            self.people.append({**entry, "from": start, "until": end})

    def _add_roles(self, data: dict, where: str) -> None:
        settings = data.get("settings") or {}
        forms = isinstance(settings, dict) and settings.get("match") == "forms"
        for role, words in data.items():
            if role in ("__line__", "__keylines__", "settings"):
                continue
            code = str(role)
            prefix = code.endswith("~")
            code = code.strip("~")
            if not code.isalnum() or not code.isupper():
                raise DataFileError(where, f"{role!r} is not a role code", line=data["__keylines__"].get(role),
                                    hint="role codes are upper-case letters (GOV, MIL); end one with ~ to put "
                                         "it before the actor's code (NGO~)")
            for w in words:
                self.roles[str(w).lower()] = RoleWord(code, prefix, forms)

    # -- aliases --------------------------------------------------------------------------

    def aliases(self) -> Iterator[Alias]:
        """Every alias, countries first, then blocs, then people."""
        if self._aliases is None:
            self._aliases = list(self._build())
        return iter(self._aliases)

    def _build(self) -> Iterator[Alias]:
        written = list(self._build_written())
        # a variant never takes a name another entry writes ("Labor Party" stays Israel's and
        # Australia's when "Labour Party" is Britain's)
        codes: dict[str, set[str]] = {}
        for a in written:
            codes.setdefault(a.phrase.lower(), set()).add(a.code)
        for a in written:
            yield a
            for phrase in spelling_variants(a.phrase):
                if codes.get(phrase.lower(), {a.code}) <= {a.code}:
                    yield replace(a, phrase=phrase)
            first, _, rest = a.phrase.partition(" ")
            if rest and a.kind in ("igo", "bloc"):
                for parent in PARENT_NAMES.get(first, ()):
                    yield replace(a, phrase=f"{parent} {rest}", case_sensitive=False)
            if a.case_sensitive and a.phrase.isalpha() and a.phrase.isupper() and len(a.phrase) >= HOUSE_STYLE_MIN:
                # the BBC, The Guardian and The Economist write acronyms they pronounce as words
                # with one capital: "Opec", "Farc", "Unesco"
                yield replace(a, phrase=a.phrase.capitalize(), house_style=True)

    def _build_written(self) -> Iterator[Alias]:
        for code, e in self.countries.items():
            name = e["name"]
            exact = set(_list(e, "ambiguous"))

            def alias(phrase: str, kind: str, role: str | None = None, *, c: str = code, n: str = name,
                      ex: set = exact) -> Alias:
                actor_code = f"{c}{role}" if role else c
                return Alias(phrase, kind, n, c, role, actor_code,
                             case_sensitive=phrase in ex or (phrase.isupper() and len(phrase) <= 4))

            yield alias(name, "name")
            for p in _list(e, "names"):
                yield alias(p, "name")
            for p in _list(e, "adjectives"):
                yield alias(p, "adjective")
            for p in _list(e, "prefixes"):
                yield alias(p, "prefix")
            for p in _list(e, "capitals"):
                yield alias(p, "capital", "GOV")
            for s in _list(e, "seats"):
                if isinstance(s, dict):
                    yield alias(str(s["phrase"]), "seat", str(s.get("role") or "GOV"))
                else:
                    yield alias(str(s), "seat", "GOV")
        for key, e in self.blocs.items():
            code = str(e.get("code") or key)  # two organs may share a code: UN Security Council
            kind = e["kind"]
            exact = set(_list(e, "ambiguous"))
            country = e.get("country") if kind != "igo" else None
            for p in [e["name"], *_list(e, "names")]:
                yield Alias(p, kind, e["name"], country, e.get("role"), code,
                            case_sensitive=p in exact or (p.isupper() and len(p) <= 4))
            for p in _list(e, "adjectives"):
                yield Alias(p, "adjective", e["name"], country, e.get("role"), code,
                            case_sensitive=p in exact)
        for e in self.people:
            country = e.get("country")
            role = e.get("role")
            code = e.get("code") or f"{country}{role or ''}"
            kind = e.get("kind") or "person"
            for p in [e["name"], *_list(e, "aliases")]:
                yield Alias(p, kind, e["name"], country, role, code, title=e.get("title"),
                            valid_from=e["from"], valid_until=e["until"],
                            # an acronym is matched as written: "CARE" is not "care" nor "Care"
                            case_sensitive=p.isupper() and len(p) <= (4 if kind == "person" else 6))

    def lookup(self, phrase: str, on: date | None = None) -> list[Alias]:
        """Aliases written as ``phrase``; people filtered to those in office on ``on``.

        Case-insensitive, except for case-sensitive aliases ("US" is not "us"). With a date,
        people in office then come first; if none was, those whose office ended before it
        (most recent first), since a former president is still that country's person; if
        none had ended, the first office to come, since a future one was that country's too.
        """
        if self._index is None:
            index: dict[str, list[Alias]] = {}
            for a in self.aliases():
                index.setdefault(a.phrase.lower(), []).append(a)
            self._index = index
        found = [a for a in self._index.get(phrase.lower(), [])
                 if not a.case_sensitive or a.phrase == phrase]
        people = [a for a in found if a.kind in ("person", "actor")]
        others = [a for a in found if a.kind not in ("person", "actor")]
        if on is not None and people:
            current = [a for a in people if a.in_office(on)]
            if current:
                people = current
            else:
                past = [a for a in people if a.valid_until is not None and a.valid_until < on]
                # someone known only by a later office was of that state before it ("Foreign
                # Minister X", later its president): the nearest office to come
                later = sorted((a for a in people if a.valid_from is not None and a.valid_from > on),
                               key=lambda a: a.valid_from or date.max)
                people = sorted(past, key=lambda a: a.valid_until or date.min, reverse=True) or later[:1]
        else:
            people.sort(key=lambda a: a.valid_from or date.min, reverse=True)
        return people + others

    def parse_code(self, code: str) -> tuple[str, str | None] | None:
        """``(entry, role)`` of an actor code: a country ("USA"), a country and a role
        ("USAGOV"), or a bloc or IGO ("IGOEUREEC"); None when the knowledge base has no such actor."""
        if code in self.countries or code in self.blocs:
            return code, None
        if code[:3] in self.countries and code[3:] in {w.code for w in self.roles.values()}:
            return code[:3], code[3:]
        return None

    def alias_for(self, code: str, like: Alias) -> Alias | None:
        """An alias of the actor ``code`` written as ``like`` is (same phrase and kind): the
        reading that an ambiguity rule picks for a name listed under another actor."""
        parsed = self.parse_code(code)
        if parsed is None:
            return None
        entry, role = parsed
        if entry in self.countries:
            kind = like.kind if like.kind in ("name", "adjective", "prefix", "capital", "seat") else "name"
            return Alias(like.phrase, kind, self.countries[entry]["name"], entry, role, code,
                         case_sensitive=like.case_sensitive)
        e = self.blocs[entry]
        country = e.get("country") if e["kind"] != "igo" else None
        return Alias(like.phrase, e["kind"], e["name"], country, e.get("role"), str(e.get("code") or code),
                     case_sensitive=like.case_sensitive)

    def disambiguate(self, span: Span, cands: list[Alias]) -> list[Alias]:
        """The candidates of a matched name after its ambiguity rule (unchanged when it has
        none), the reading the rule picks first.

        Returns an empty list when the name is not an actor here ("the Jordan River").
        """
        reading = self.ambiguity.reading(span, cands)
        if reading is None:
            return cands
        if not reading.is_actor:
            return []
        chosen = [a for a in cands if a.code == reading.code]
        if chosen:
            return chosen + [a for a in cands if a not in chosen]
        made = self.alias_for(reading.code, like=cands[0])
        return [made, *cands] if made is not None else cands

    def country(self, code: str) -> CountryInfo | None:
        e = self.countries.get(code)
        if e is None:
            return None
        return CountryInfo(code, e["name"], tuple(_list(e, "names")), tuple(_list(e, "adjectives")),
                           tuple(_list(e, "prefixes")), tuple(_list(e, "capitals")))

    def is_seat(self, phrase: str) -> bool:
        """Whether a phrase names a capital or seat of government ("Minas Tirith", "Edoras"):
        where a state's government sits, or where a meeting was, not a state itself."""
        return any(a.kind in ("capital", "seat") for a in self.lookup(phrase))

    def country_name(self, code: str) -> str | None:
        if code in self.countries:
            return self.countries[code]["name"]
        if code in self.blocs:
            return self.blocs[code]["name"]
        return None

    def role_of(self, phrase: str) -> str | None:
        word = self.roles.get(phrase.lower())
        return word.code if word else None

    def role_phrases(self) -> dict[str, str]:
        return {p: w.code for p, w in self.roles.items()}

    def role_words(self) -> dict[str, RoleWord]:
        return dict(self.roles)


@functools.lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The built-in knowledge base, loaded once (compiled once, then from tacitus's cache)."""
    from tacitus.cache import cached

    return cached("knowledge", [], KnowledgeBase.load)


def compose_code(base: str, roles: Sequence[RoleWord], own_role: str | None = None) -> tuple[str, str | None]:
    """An actor code with role codes composed in: ``("ARN", [GOV]) -> ("ARNGOV", "GOV")``.

    Prefix roles go before the base ("NGO" + "ARN"), others after it, in text order; a role
    the code already has is not added again ("USAGOV" + GOV stays USAGOV). Returns the code and
    the actor's role part (the roles after its state or organisation). A people's civilians
    take a role word's role instead of adding it: "Chechen" (RUSCVL) "fighters" are RUSREB.
    """
    if base.endswith("CVL") and len(base) > 3 and any(not r.prefix and r.code != "CVL" for r in roles):
        base, own_role = base[:-3], None
    parts = [base[i:i + 3] for i in range(0, len(base), 3)]
    prefix = ""
    suffix = ""
    for r in roles:
        chunks = [r.code[i:i + 3] for i in range(0, len(r.code), 3)]
        have = parts + [prefix[i:i + 3] for i in range(0, len(prefix), 3)] + \
            [suffix[i:i + 3] for i in range(0, len(suffix), 3)]
        if all(c in have for c in chunks):
            continue
        if r.prefix:
            prefix += r.code
        else:
            suffix += r.code
    role = ((own_role or "") + suffix) or None
    if own_role is None and len(base) > 3 and not suffix:
        role = None
    return prefix + base + suffix, role
