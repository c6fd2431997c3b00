"""Finding actors in a parsed article: dictionary names, titles, and noun phrases built from them.

Every name the knowledge base knows (countries, adjectives, capitals, seats of power, blocs,
IGOs, people) goes into two spaCy PhraseMatchers: one case-insensitive, one exact for
ambiguous names ("US" but not "us"). A match is then read in its noun phrase:

    "French President Emmanuel Macron"      the person (FRA, GOV) names the whole phrase
    "Kremlin spokesman Dmitry Peskov"       the person, found by name
    "Uzbek Foreign Minister Bakhtiyor X"    unknown person: country (Uzbek) + role (minister)
    "the French government", "Russian troops"  country + role noun
    "Kazakhstan", "the Kremlin", "Moscow"   the name is the phrase's head
    "Western sanctions", "Kazakh source"    the name only modifies another noun: a *modifier*
                                            mention, which the coder may use ("Western
                                            sanctions against Moscow": the West sanctions)
    "Franco-Kazakh cooperation"             a hyphenated pair of two modifiers
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from tacitus.actors.knowledge import Alias, KnowledgeBase
from tacitus.records import Actor

#: Dependency labels that keep a word inside the name part of a noun phrase.
NAME_DEPS = frozenset({"compound", "amod", "nmod", "flat", "punct", "nummod", "det", "case"})
#: Alias kinds that name a state, used with a role noun ("French troops", "Kremlin spokesman").
COUNTRY_KINDS = frozenset({"name", "adjective", "prefix", "capital", "seat"})


@dataclass
class Mention:
    """Actors named at one place of a Doc (token offsets are Doc-level).

    ``head`` is the token whose noun phrase the mention names (``np``), or the token the
    mention modifies (``modifier``: "Western" in "Western sanctions"). ``actors`` has two
    entries for pairs ("the two countries", "Franco-Kazakh").
    """

    start: int
    end: int
    head: int
    actors: tuple[Actor, ...]
    role: str = "np"
    via: str = "dictionary"
    aliases: tuple[Alias, ...] = field(default=(), repr=False)

    @property
    def kind(self) -> str:
        return self.actors[0].kind if self.actors else ""


def _np_head(token: Token) -> Token:
    """Climb from a name to the head of the noun phrase it belongs to (not across 's)."""
    # "his Greek, Cypriot and French counterparts": a conjunct of a modifier modifies too
    first = token
    while first.dep_ == "conj" and first.head is not first and first.head.pos_ in ("ADJ", "PROPN") \
            and first.head.i < first.i:
        first = first.head
    if first is not token and first.dep_ in ("amod", "compound", "nmod"):
        token = first
    while token.head is not token and token.head.i > token.i and (
            (token.dep_ in ("compound", "amod", "nmod", "flat") and token.head.pos_ in ("NOUN", "PROPN"))
            # the first of a hyphenated pair: "Turkish-Libyan agreement", "Franco-Kazakh ties"
            or (token.dep_ == "npadvmod" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "-")):
        token = token.head
    return token


def _chunk(head: Token) -> list[Token]:
    """The name part of a noun phrase: the head and its left modifiers, without possessors."""
    found = [head]
    stack = [c for c in head.lefts if c.dep_ in NAME_DEPS and c.dep_ != "det"]
    while stack:
        tok = stack.pop()
        found.append(tok)
        stack.extend(c for c in tok.children if c.dep_ in NAME_DEPS and c.dep_ != "det" and c.i < head.i)
    return sorted(found, key=lambda t: t.i)


#: Entity labels of proper names that merely contain a place ("Washington Post", "Paris Agreement").
OTHER_NAMES = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
PLACE_KINDS = frozenset({"name", "capital"})


def _inside_other_name(span: Span, kind: str, roles: dict[int, str]) -> bool:
    """A country or capital that is only part of another proper name: "New Jersey",
    "the Washington Post", "China Daily", "the Paris Agreement"."""
    if kind not in PLACE_KINDS:
        return False
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].text in ("New", "Nova", "Nueva", "Nouvelle"):
        return True
    head = span.root.head
    if span.root.dep_ == "compound" and head.i >= span.end and head.pos_ == "PROPN" \
            and head.i not in roles and head.ent_type_ in OTHER_NAMES:
        return True
    return False


def _title_case_ok(alias: str, span: Span) -> bool:
    """A capitalised word of the alias must be capitalised in the text too ("turkey" is a bird)."""
    words = alias.split()
    if len(words) != len(span):
        return not span.text.islower()
    for word, tok in zip(words, span, strict=False):
        if word[:1].isupper() and not (tok.text[:1].isupper() or tok.is_upper):
            return False
    return True


class ActorFinder:
    """Builds the matchers once per knowledge base and finds the actors of a Doc."""

    def __init__(self, kb: KnowledgeBase, vocab_nlp) -> None:  # noqa: ANN001 - spaCy Language
        self.kb = kb
        nlp = vocab_nlp
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._aliases: dict[str, list[Alias]] = {}
        lower_phrases: dict[str, str] = {}
        exact_phrases: dict[str, str] = {}
        for alias in kb.aliases():
            key = alias.phrase if alias.case_sensitive else alias.phrase.lower()
            self._aliases.setdefault(("=" if alias.case_sensitive else "~") + key, []).append(alias)
            (exact_phrases if alias.case_sensitive else lower_phrases)[key] = alias.phrase
        for store, matcher, mark in ((lower_phrases, self._lower, "~"), (exact_phrases, self._exact, "=")):
            docs = list(nlp.tokenizer.pipe(store.values()))
            for key, doc in zip(store, docs, strict=False):
                matcher.add(mark + key, [doc])
        self._roles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._role_of: dict[str, str] = {}
        phrases = kb.role_phrases()
        for phrase, role in phrases.items():
            self._role_of[phrase.lower()] = role
        role_docs = list(nlp.tokenizer.pipe(phrases.keys()))
        for phrase, doc in zip(phrases, role_docs, strict=False):
            self._roles.add(phrase.lower(), [doc])
        # plural role nouns ("ministers", "troops") are matched by lemma below
        self._role_lemmas = {p: r for p, r in self._role_of.items() if " " not in p}

    # -- lookups ----------------------------------------------------------------------

    def _candidates(self, span: Span, key: str, published: date | None) -> list[Alias]:
        aliases = self._aliases.get(key, [])
        if not aliases:
            return []
        people = [a for a in aliases if a.kind == "person"]
        others = [a for a in aliases if a.kind != "person"]
        if people and published is not None:
            in_office = [a for a in people if (a.valid_from is None or a.valid_from <= published)
                         and (a.valid_until is None or published <= a.valid_until)]
            if in_office:
                people = in_office
            else:
                past = [a for a in people if a.valid_from is None or a.valid_from <= published]
                people = sorted(past or people, key=lambda a: a.valid_until or date.max, reverse=True)
        elif people:
            people = sorted(people, key=lambda a: a.valid_from or date.min, reverse=True)
        return people + others

    def role_tokens(self, doc: Doc) -> dict[int, str]:
        """Token index -> role code for title and role words ("foreign minister", "troops")."""
        roles: dict[int, str] = {}
        for match_id, start, end in self._roles(doc):
            phrase = doc.vocab.strings[match_id]
            for i in range(start, end):
                roles[i] = self._role_of[phrase]
        for tok in doc:
            if tok.i not in roles and tok.pos_ in ("NOUN", "PROPN"):
                role = self._role_lemmas.get(tok.lemma_.lower())
                if role:
                    roles[tok.i] = role
        return roles

    # -- the main entry ---------------------------------------------------------------

    def find(self, doc: Doc, published: date | None = None) -> list[Mention]:
        """All dictionary and title mentions of a Doc, in order."""
        spans: list[Span] = []
        keys: dict[tuple[int, int], str] = {}
        for matcher in (self._lower, self._exact):
            for match_id, start, end in matcher(doc):
                key = doc.vocab.strings[match_id]
                span = doc[start:end]
                aliases = self._aliases.get(key, [])
                if not aliases or not _title_case_ok(aliases[0].phrase, span):
                    continue
                spans.append(span)
                keys[(start, end)] = key
        spans = filter_spans(spans)
        roles = self.role_tokens(doc)
        by_head: dict[int, list[tuple[Span, list[Alias]]]] = {}
        for span in spans:
            cands = self._candidates(span, keys[(span.start, span.end)], published)
            # ambiguous names ("Georgia", "Congo", "Jordan"): context cues pick the reading
            cands = self.kb.ambiguity.choose(self.kb, span, cands)
            if not cands or _inside_other_name(span, cands[0].kind, roles):
                continue
            head = _np_head(span.root)
            by_head.setdefault(head.i, []).append((span, cands))
        mentions: list[Mention] = []
        for head_i, items in sorted(by_head.items()):
            mentions.extend(self._compose(doc, doc[head_i], items, roles))
        # unknown people with a title and a country: "Uzbek Foreign Minister Bakhtiyor Saidov"
        taken = {m.head for m in mentions if m.role == "np"}
        for ent in doc.ents:
            if ent.label_ != "PERSON" or ent.root.i in taken:
                continue
            head = _np_head(ent.root)
            if head.i in taken:
                continue
            chunk = _chunk(head)
            role = next((roles[t.i] for t in chunk if t.i in roles), None)
            country_m = next((m for m in mentions if m.role == "modifier" and m.head == head.i), None)
            if role and country_m and country_m.actors[0].country:
                base = country_m.actors[0]
                actor = Actor(text=doc[chunk[0].i: head.i + 1].text, name=ent.text,
                              country=base.country, role=role, code=f"{base.country}{role}", kind="person")
                mentions = [m for m in mentions if m is not country_m]
                mentions.append(Mention(chunk[0].i, head.i + 1, head.i, (actor,), "np", "title"))
        mentions.sort(key=lambda m: (m.start, m.head))
        return mentions

    def _actor(self, alias: Alias, text: str, role: str | None = None) -> Actor:
        role = role or alias.role
        if alias.kind == "person" or alias.country is None:
            code = alias.code
        else:
            code = f"{alias.country}{role}" if role else alias.country
        kind = {"name": "country", "adjective": "country", "prefix": "country", "capital": "country",
                "seat": "country"}.get(alias.kind, alias.kind)
        return Actor(text=text, name=alias.name, country=alias.country, role=role, code=code, kind=kind)

    def _compose(self, doc: Doc, head: Token, items: list[tuple[Span, list[Alias]]],
                 roles: dict[int, str]) -> Iterable[Mention]:
        chunk = _chunk(head)
        start = min([chunk[0].i] + [s.start for s, _ in items])
        text = doc[start: head.i + 1].text
        # a known person anywhere in the name part names the whole phrase
        for span, cands in items:
            if cands[0].kind == "person" and (span.root.i == head.i or head.i < span.end):
                yield Mention(start, head.i + 1, head.i, (self._actor(cands[0], text),), "np",
                              aliases=tuple(cands))
                return
        head_items = [(s, c) for s, c in items if s.start <= head.i < s.end]
        mods = [(s, c) for s, c in items if not (s.start <= head.i < s.end)]
        head_role = roles.get(head.i)
        if head_items:
            span, cands = head_items[0]
            role = None
            # "the Kremlin" is the government; "Kremlin spokesman" too. A country name with a
            # role word before it ("the Russian Foreign Ministry" has the role at the head)
            yield Mention(start if mods else span.start, head.i + 1, head.i,
                          (self._actor(cands[0], doc[start if mods else span.start: head.i + 1].text, role),),
                          "np", aliases=tuple(cands))
            return
        if head_role and mods:
            # "French troops", "Kremlin spokesman", "the Kazakh foreign ministry"
            countries = [c for _, c in mods if c[0].kind in COUNTRY_KINDS or c[0].country]
            if countries:
                actors = tuple(self._actor(c[0], text, head_role) for c in countries)
                yield Mention(start, head.i + 1, head.i, actors, "np", aliases=tuple(countries[0]))
                return
        # the names only modify another noun: "Western sanctions", "Franco-Kazakh cooperation"
        for span, cands in mods:
            yield Mention(span.start, span.end, head.i, (self._actor(cands[0], span.text),),
                          "modifier", aliases=tuple(cands))


def mention_char_span(doc: Doc, mention: Mention) -> tuple[int, int]:
    span = doc[mention.start: mention.end]
    return span.start_char, span.end_char


def actors_of(mentions: Sequence[Mention]) -> list[Actor]:
    return [a for m in mentions for a in m.actors]
