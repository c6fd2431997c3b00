"""Finding actors in a parsed article: dictionary names, titles, and noun phrases built from them.

Every name the knowledge base knows (countries, adjectives, capitals, seats of power, blocs,
IGOs) goes into two spaCy PhraseMatchers: one case-insensitive, one exact for ambiguous names
("US" but not "us"). People's names (tens of thousands) are looked up instead, word run by word
run, in a dict of their lower-cased letters: a PhraseMatcher would tokenize each of them at
start-up, seconds of work and thousands of new vocabulary entries. A match is then read in its
noun phrase:

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

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from tacitus.actors.knowledge import Alias, KnowledgeBase, RoleWord, compose_code
from tacitus.actors.names import (
    COUNTRY_KINDS,
    FORMER_WORDS,
    Descriptors,
    drop_redefined,
    former,
    inside_other_name,
    name_goes_on,
    other_first_name,
)
from tacitus.actors.period import sentence_dates
from tacitus.nlp.misparse import origin_on_verb, place_on_verb
from tacitus.records import Actor

#: Dependency labels that keep a word inside the name part of a noun phrase.
NAME_DEPS = frozenset({"compound", "amod", "nmod", "flat", "punct", "nummod", "det", "case"})
#: Runs of letters and single signs: an upper bound on the tokens of a name ("Jean-Yves": 3).
_PIECES = re.compile(r"\w+|[^\w\s]")


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
    #: per actor, its code before role words were composed into it ("DNK" for "Danish
    #: media"), for a coordinated role noun to build on ("Danish media and government")
    bases: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return self.actors[0].kind if self.actors else ""


#: What joins the two halves of a pair of states: "Turkish-Libyan", "Chile–Peru".
HYPHENS = frozenset({"-", "\u2013", "\u2010", "\u2011"})


#: Plural nouns that, after the adjectives of regions only, name the regions' states as one
#: actor each ("Asian states", "European and Asian countries"): the region.
REGION_STATE_HEADS = frozenset({"state", "country", "nation", "power"})


def _np_head(token: Token) -> Token:
    """Climb from a name to the head of the noun phrase it belongs to (not across 's)."""
    # "her Dutch, Belgian and Danish counterparts": a conjunct of a modifier modifies too
    first = token
    while first.dep_ == "conj" and first.head.i != first.i and first.head.pos_ in ("ADJ", "PROPN") \
            and first.head.i < first.i:
        first = first.head
    if first is not token and first.dep_ in ("amod", "compound", "nmod"):
        token = first
    # a person's name that heads a coordination ("US President X and Indian Prime Minister Y"
    # read as one phrase) stays a phrase of its own
    while token.head.i != token.i and token.head.i > token.i and not (
            token.ent_type_ == "PERSON" and any(c.dep_ == "cc" for c in token.children)
            and any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in token.children)) and (
            (token.dep_ in ("compound", "amod", "nmod", "flat") and token.head.pos_ in ("NOUN", "PROPN"))
            # the first of a hyphenated pair: "Turkish-Libyan agreement", "Franco-Kazakh ties"
            or (token.dep_ in ("npadvmod", "amod") and token.i + 1 < len(token.doc)
                and token.doc[token.i + 1].text in HYPHENS)):
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


def _longest_names(spans: list[Span]) -> list[Span]:
    """Non-overlapping spans, the longest first (as ``spacy.util.filter_spans``), a leading
    "the" not counted: "the West African state" is West Africa's, not "the West" and "African"."""
    def words(sp: Span) -> int:
        return len(sp) - (1 if sp[0].lower_ == "the" else 0)

    taken: set[int] = set()
    out = []
    for sp in sorted(spans, key=lambda sp: (-words(sp), sp.start)):
        if not taken.intersection(range(sp.start, sp.end)):
            out.append(sp)
            taken.update(range(sp.start, sp.end))
    return sorted(out, key=lambda sp: sp.start)


def _lone_proper_noun(span: Span) -> bool:
    """A proper noun with no capitalised word beside it: "Opec" in "the Opec cartel" is an
    acronym in house style; "Care" opening a sentence or in "Nairobi Hospice Care" is not."""
    doc = span.doc
    near = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
    return all(t.pos_ == "PROPN" for t in span) and not any(
        t.text[:1].isupper() and t.pos_ == "PROPN" for t in near)


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
        # "an Arnor-backed militia" is not Arnor's; "jets from Gondor" are not Gondor's; the
        # open-world stage reads the same file (data/descriptors.yaml)
        self.words = Descriptors.load()
        self.weapon_nouns = self.words.weapon_nouns
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._aliases: dict[str, list[Alias]] = {}
        lower_phrases: dict[str, str] = {}
        exact_phrases: dict[str, str] = {}
        # people: their name's letters without spaces -> matcher key; see the module docstring
        self._names: dict[str, str] = {}
        self._name_tokens = 0
        # the last Doc's role words: find() and the open-world stage both ask for them
        self._last_roles: tuple[Doc | None, list[RoleSpan]] = (None, [])
        for alias in kb.aliases():
            key = alias.phrase if alias.case_sensitive else alias.phrase.lower()
            self._aliases.setdefault(("=" if alias.case_sensitive else "~") + key, []).append(alias)
            if alias.kind == "person" and not alias.case_sensitive:
                self._names["".join(key.split())] = "~" + key
                # at most as many tokens as runs of letters and single signs ("Jean-Yves" 3)
                self._name_tokens = max(self._name_tokens, len(_PIECES.findall(key)))
                continue
            (exact_phrases if alias.case_sensitive else lower_phrases)[key] = alias.phrase
        for store, matcher, mark in ((lower_phrases, self._lower, "~"), (exact_phrases, self._exact, "=")):
            docs = list(nlp.tokenizer.pipe(store.values()))
            for key, doc in zip(store, docs, strict=False):
                matcher.add(mark + key, [doc])
        self._roles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._role_of: dict[str, RoleWord] = {}
        words = kb.role_words()
        for phrase, word in words.items():
            self._role_of[phrase.lower()] = word
        role_docs = list(nlp.tokenizer.pipe(words.keys()))
        for phrase, doc in zip(words, role_docs, strict=False):
            self._roles.add(phrase.lower(), [doc])
        # plural role nouns ("ministers", "troops") are matched by lemma below, except the
        # words of dictionaries that list their plurals themselves
        self._role_lemmas = {p: r for p, r in self._role_of.items() if " " not in p and not r.forms}
        # the people's keys in order: a run of words stops growing as soon as no name starts
        # with its letters (one bisection), instead of growing to the longest name's length
        self._name_keys = sorted(self._names)

    # -- lookups ----------------------------------------------------------------------

    def _candidates(self, span: Span, key: str, published: date | None) -> list[Alias]:
        aliases = self._aliases.get(key, [])
        if not aliases:
            return []
        people = [a for a in aliases if a.kind == "person"]
        coded = [a for a in aliases if a.kind == "actor"]
        others = [a for a in aliases if a.kind not in ("person", "actor")]
        if people and published is not None:
            in_office = [a for a in people if a.in_office(published)]
            if in_office:
                people = in_office
            else:
                past = [a for a in people if a.valid_from is None or a.valid_from <= published]
                people = sorted(past or people, key=lambda a: a.valid_until or date.max, reverse=True)
        elif people:
            people = sorted(people, key=lambda a: a.valid_from or date.min, reverse=True)
        if coded:
            # a coded actor's dated codes apply in their dates, the first listed winning; its
            # undated code applies otherwise; with neither, it names no actor then
            dated = [a for a in coded if a.valid_from is not None or a.valid_until is not None]
            undated = [a for a in coded if a.valid_from is None and a.valid_until is None]
            if published is not None:
                coded = [a for a in dated if a.in_office(published)][:1] or undated[:1]
            else:
                coded = undated[:1] or dated[:1]
        return people + coded + others

    def role_spans(self, doc: Doc) -> list[RoleSpan]:
        """Title and role words ("foreign minister", "troops", "MSF"), longest first."""
        last, spans = self._last_roles
        if last is not doc:
            spans = self._role_spans(doc)
            self._last_roles = (doc, spans)
        return list(spans)

    def _role_spans(self, doc: Doc) -> list[RoleSpan]:
        found: list[Span] = []
        words: dict[tuple[int, int], RoleWord] = {}
        for match_id, start, end in self._roles(doc):
            span = doc[start:end]
            found.append(span)
            words[(start, end)] = self._role_of[doc.vocab.strings[match_id]]
        for tok in doc:
            if tok.pos_ in ("NOUN", "PROPN"):
                word = self._role_lemmas.get(tok.lemma_.lower())
                if word and (tok.i, tok.i + 1) not in words:
                    found.append(doc[tok.i: tok.i + 1])
                    words[(tok.i, tok.i + 1)] = word
        return [RoleSpan(s.start, s.end, words[(s.start, s.end)]) for s in filter_spans(found)]

    def role_tokens(self, doc: Doc) -> dict[int, str]:
        """Token index -> role code for title and role words ("foreign minister", "troops")."""
        return {i: r.word.code for r in self.role_spans(doc) for i in range(r.start, r.end)}

    def _name_runs(self, doc: Doc) -> Iterator[tuple[int, int, str]]:
        """Runs of tokens that spell a person's name (start, end, matcher key)."""
        names, keys = self._names, self._name_keys
        lowers: list[str] = []
        starts: list[int] = []  # a name starts with a letter
        for tok in doc:  # one pass: each Token read costs a Python object
            lowers.append(tok.lower_)
            if tok.is_alpha or tok.text[:1].isalpha():
                starts.append(tok.i)
        for start in starts:
            letters = ""
            for end in range(start + 1, min(len(lowers), start + self._name_tokens) + 1):
                letters += lowers[end - 1]
                key = names.get(letters)
                if key is not None:
                    yield start, end, key
                k = bisect_left(keys, letters)
                if k == len(keys) or not keys[k].startswith(letters):
                    break  # no name begins with these letters: a longer run cannot be one

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
                if not aliases or not _title_case_ok(aliases[0].phrase, span) or \
                        (aliases[0].house_style and not _lone_proper_noun(span)):
                    continue  # "Care" at the head of a sentence, "Hospice Care" are no CARE
                spans.append(span)
                keys[(start, end)] = key
        for start, end, key in self._name_runs(doc):
            span = doc[start:end]
            if _title_case_ok(self._aliases[key][0].phrase, span):
                spans.append(span)
                keys[(start, end)] = key
        spans = drop_redefined(doc, _longest_names(spans), keys, self._aliases)
        named = {i for sp in spans for i in range(sp.start, sp.end)}  # one lookup per role word, not per name
        role_spans = [r for r in self.role_spans(doc) if not any(i in named for i in range(r.start, r.end))]
        roles = {i: r.word.code for r in role_spans for i in range(r.start, r.end)}
        role_at = {i: r for r in role_spans for i in range(r.start, r.end)}
        by_head: dict[int, list[tuple[Span, list[Alias]]]] = {}
        set_on = sentence_dates(doc, published)  # "In 1978, President Carter ...": offices then
        for span in spans:
            cands = self._candidates(span, keys[(span.start, span.end)], set_on.get(span.sent.start, published))
            # ambiguous names ("Georgia", "Congo", "Jordan"): context cues pick the reading
            cands = self.kb.disambiguate(span, cands)
            if not cands or inside_other_name(span, cands[0].kind, roles) or self.words.in_place_name(span) \
                    or self.words.names_money(span):
                continue
            if self.words.backs(span):
                continue  # "Arnor-backed", "Gondor-made": the backer or maker is not the actor
            if cands[0].kind == "person" and (name_goes_on(span) or other_first_name(span, cands)):
                continue  # "Ashton Bumhira", "Bandar Abbas": another person (or a place) the surname is part of
            root = span.root
            if root.dep_ == "det" and len(span) > 1:
                # "The KU" as a name: its determiner is not where the phrase hangs
                root = max((t for t in span if t.dep_ != "det"), key=lambda t: t.i)
            head = _np_head(root)
            by_head.setdefault(head.i, []).append((span, cands))
        mentions: list[Mention] = []
        for head_i, items in sorted(by_head.items()):
            when = set_on.get(doc[head_i].sent.start)
            mentions.extend(self._compose(doc, doc[head_i], items, role_at, when or published, told_then=when is not None))
        mentions.extend(self._role_phrases(doc, mentions, role_at))
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

    def _actor(self, alias: Alias, text: str, roles: Sequence[RoleWord] = ()) -> Actor:
        """The actor an alias names, with the roles of the words around it composed into its
        code: "Russian" + "troops" = RUSMIL; "MSF" (NGO~) + "Arnor" + "diplomat" = NGOARNGOV."""
        kind = {"name": "country", "adjective": "country", "prefix": "country", "capital": "country",
                "seat": "country"}.get(alias.kind, alias.kind)
        if alias.kind == "adjective" and alias.code in self.kb.blocs:
            kind = self.kb.blocs[alias.code]["kind"]  # "Western", "West African": a region's, as its names are
        if alias.kind == "person" or (alias.country is None and alias.kind != "actor"):
            return Actor(text=text, name=alias.name, country=alias.country, role=alias.role, code=alias.code,
                         kind=kind)
        if alias.kind == "capital" and roles and alias.country:  # "Lima traders": where they are
            code, role = compose_code(alias.country, roles)  # ("Lima officials": GOV, a role word)
        else:
            code, role = compose_code(_base(alias), roles, alias.role)
        return Actor(text=text, name=alias.name, country=alias.country, role=role, code=code, kind=kind)

    def _compose(self, doc: Doc, head: Token, items: list[tuple[Span, list[Alias]]],
                 role_at: dict[int, RoleSpan], published: date | None = None,
                 told_then: bool = False) -> Iterable[Mention]:
        chunk = _chunk(head)
        start = min([chunk[0].i] + [s.start for s, _ in items])
        text = doc[start: head.i + 1].text
        chunk_roles = _roles_in(range(start, head.i + 1), role_at)
        # a known person anywhere in the name part names the whole phrase
        said_former = any(t.lower_ in FORMER_WORDS for t in doc[start: head.i])  # "former president X"
        for span, cands in items:
            if cands[0].kind == "person" and (span.root.i == head.i or head.i < span.end):
                # "US President Joe Biden and French President Emmanuel Macron" parsed as one
                # phrase: the person's own phrase starts after the last "and" before the name
                cut = max((t.i + 1 for t in doc[start: span.start] if t.pos_ == "CCONJ"), default=start)
                person = cands[0]
                # "former president X", or X out of office on the article's date with no title
                # in the text ("House Speaker X" says the office is held, whatever the data says)
                # (or, in a sentence set in the past, not yet in office then: "was born in 1924")
                left_office = published is not None and not chunk_roles and (
                    (person.valid_until is not None and person.valid_until < published)
                    or (told_then and person.valid_from is not None and person.valid_from > published))
                if said_former or left_office:
                    person = former(person)
                yield Mention(cut, head.i + 1, head.i, (self._actor(person, doc[cut: head.i + 1].text),), "np",
                              aliases=tuple(cands))
                return
        head_items = [(s, c) for s, c in items if s.start <= head.i < s.end]
        mods = [(s, c) for s, c in items if not (s.start <= head.i < s.end)]
        head_role = role_at.get(head.i)
        listed = [(sp, c) for sp, c in mods if c[0].kind in ("name", "actor") and
                  any(t.lower_ in (",", "and") for t in doc[sp.end: head.i])]
        # "EU-US seeking deal", "Chile-Peru in talks": two names joined by a hyphen head the
        # phrase as a pair, as "Chile and Peru" would
        listed += [(sp, c) for sp, c in mods if c[0].kind in ("name", "actor", "igo") and head_items
                   and sp.end + 1 == head_items[0][0].start and doc[sp.end].text in HYPHENS]
        if head_items and listed:
            # "Arnor, Calenardhon and the evil awful Gondor": a list of names the parser
            # folded into one noun phrase names each of them
            span, cands = head_items[0]
            items_all = [*listed, (span, cands)]
            yield Mention(start, head.i + 1, head.i,
                          tuple(self._actor(c[0], sp.text) for sp, c in items_all), "np",
                          aliases=tuple(cands), bases=tuple(_base(c[0]) for _, c in items_all))
            return
        if head_items:
            span, cands = head_items[0]
            # "the Kremlin" is the government; "Kremlin spokesman" too. A name may carry role
            # words before it ("MSF Arnor" in imported dictionaries)
            begin = start if mods else span.start
            yield Mention(begin, head.i + 1, head.i,
                          (self._actor(cands[0], doc[begin: head.i + 1].text, chunk_roles),),
                          "np", aliases=tuple(cands), bases=(_base(cands[0]),))
            return
        if not head_role and head.tag_ == "NNS" and head.lemma_.lower() in REGION_STATE_HEADS and mods:
            # "Asian states", "European and Asian countries": the regions themselves
            regions = [c for _, c in mods if c[0].kind == "adjective" and c[0].country
                       and self.kb.country(c[0].country) is None]
            if regions and len(regions) == len(mods):
                yield Mention(start, head.i + 1, head.i, tuple(self._actor(c[0], text) for c in regions), "np",
                              aliases=tuple(regions[0]), bases=tuple(_base(c[0]) for c in regions))
                return
        if (head_role or chunk_roles) and mods:
            # "French troops", "Kremlin spokesman", "the Kazakh foreign ministry"; and a
            # title before an unknown name: "Arnor President Umbardacil"
            countries = [c for _, c in mods if c[0].kind in COUNTRY_KINDS or c[0].country or c[0].kind == "actor"]
            if countries:
                actors = tuple(self._actor(c[0], text, chunk_roles) for c in countries)
                via = "dictionary"
                if not head_role and head.pos_ == "PROPN":
                    # an unknown person with a title: "Uzbek Foreign Minister Bakhtiyor Saidov"
                    last_role = max(i for i in range(start, head.i + 1) if i in role_at)
                    name = doc[last_role + 1: head.i + 1].text
                    actors = tuple(Actor(a.text, name, a.country, a.role, a.code, "person") for a in actors)
                    via = "title"
                elif not head_role:
                    via = "owned"  # "Russian army trucks", "a US court order": a thing of the role's actor
                if said_former:
                    # "a former French minister" is one of France's elites; "a former World Bank
                    # director" speaks for no organisation any more
                    actors = tuple(former(a) for a in actors if a.country)
                    if not actors:
                        return
                yield Mention(start, head.i + 1, head.i, actors, "np", via, aliases=tuple(countries[0]),
                              bases=tuple(_base(c[0]) for c in countries))
                return
        # the names only modify another noun: "Western sanctions", "Franco-Kazakh cooperation";
        # not an organisation its holder has left ("a former World Bank economist")
        for span, cands in mods:
            if cands[0].country is None and any(t.lower_ in FORMER_WORDS for t in doc[start: span.start]):
                continue
            yield Mention(span.start, span.end, head.i, (self._actor(cands[0], span.text),),
                          "modifier", aliases=tuple(cands))

    def _role_phrases(self, doc: Doc, mentions: list[Mention], role_at: dict[int, RoleSpan]) -> list[Mention]:
        """Role nouns whose state is named around them, not before them: "Gondor's
        government", "the government of France", "soldiers from Chad", "lawmakers in Georgia",
        and "Danish media and government" (the second takes the first one's state)."""
        np_of = {m.head: m for m in mentions if m.role == "np"}
        mods_of: dict[int, list[Mention]] = {}
        for m in mentions:
            if m.role == "modifier":
                mods_of.setdefault(m.head, []).append(m)
        covered = {i for m in mentions if m.role == "np" for i in range(m.start, m.end)}
        out: list[Mention] = []
        role_indices = sorted(role_at)
        for tok in doc:
            if tok.i in covered or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            # the name part of a noun phrase lies between its left edge and its head: with no
            # role word there, it has none (checked first: the tests below cost far more)
            k = bisect_left(role_indices, tok.left_edge.i)
            if k == len(role_indices) or role_indices[k] > tok.i:
                continue
            if _np_head(tok) is not tok:
                continue  # a role word modifying another noun ("government newspaper")
            if tok.lemma_.lower() in self.words.reaction_nouns and any(
                    c.dep_ == "prep" and c.lower_ == "from" for c in tok.children):
                continue  # "opposition from Gondor": a reaction, no actor
            chunk = _chunk(tok)
            roles = _roles_in([t.i for t in chunk], role_at)
            if not roles:
                continue  # "Gondor's government", and "Gondor's Prime Minister Falastur" too
            bases: list[Mention] = []
            # the possessor may hang on the title before a name: "Gondor's trade minister
            # Hador Lind" (the parser's "Gondor's" owns "minister", the name is the head)
            owners = [c for t in chunk if t.i != tok.i and t.dep_ == "compound" for c in t.children
                      if c.dep_ == "poss"] if tok.ent_type_ == "PERSON" else []
            # "expelled diplomats from Rohan" (the small model hangs "from Rohan" on the verb)
            for child in (*tok.children, *owners, *(origin_on_verb(tok) if tok.lemma_.lower() in self.words.envoy_nouns else ())):
                if child.dep_ == "poss" and child.i in np_of:
                    bases = [np_of[child.i]]
                elif child.dep_ == "prep" and child.lower_ in ("of", "in", "from") and not bases \
                        and not (child.lower_ == "from" and tok.lemma_.lower() in self.weapon_nouns) \
                        and not (child.lower_ == "in" and tok.lemma_.lower() in self.words.operation_nouns) \
                        and not (child.lower_ == "in" and tok.lemma_.lower() in self.words.envoy_nouns):
                    # "soldiers from Chad" are Chad's; "jets from France" were bought there;
                    # "the embassy in Chad" is another state's
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and pobj.i in np_of:
                            bases = [np_of[pobj.i]] + [np_of[c.i] for c in pobj.conjuncts if c.i in np_of]
                        elif pobj.dep_ == "pobj" and pobj.i in mods_of:
                            bases = mods_of[pobj.i]  # "soldiers from the Gondor border"
            if not bases and tok.lemma_.lower() not in self.words.envoy_nouns | self.words.operation_nouns \
                    and all(r.code in self.words.resident_roles for r in roles):
                # "urged the government in Minas Tirith to ...", "in" hung on the verb
                bases = [np_of[p.i] for prep in place_on_verb(tok) for p in prep.children
                         if p.dep_ == "pobj" and p.i in np_of][:1]
            inherited: tuple[RoleWord, ...] = ()
            from_conjunct = False
            if not bases and tok.dep_ == "conj" and tok.head.i in np_of:
                from_conjunct = True
                # "Danish media and government": the first conjunct's state, and its roles
                # other than its head's
                first = np_of[tok.head.i]
                first_head_role = role_at.get(first.head)
                bases = [first]
                inherited = tuple(r for r in _roles_in(range(first.start, first.end), role_at)
                                  if first_head_role is None or r is not first_head_role.word)
            actors = []
            codes = []
            for base in bases:
                for k, a in enumerate(base.actors):
                    if a.country is None and a.kind not in ("actor",):
                        continue  # an organisation's officials are coded as the organisation
                    if a.kind == "person":
                        base_code = a.country or a.code  # "Macron's spokesman": FRA + GOV
                    elif from_conjunct:
                        base_code = base.bases[k] if k < len(base.bases) else (a.country or a.code)
                    elif a.role == "GOV" and self.kb.is_seat(base.actors[0].text):
                        base_code = a.country or a.code  # "protesters in Minas Tirith": the city's state, not its government
                    else:
                        base_code = a.code  # "Gondor's government", "the Quibbler's editors"
                    code, role = compose_code(base_code, (*inherited, *roles))
                    kind = "country" if a.kind == "person" else a.kind
                    name = a.name
                    if owners and base.head in {o.i for o in owners}:
                        # a title and an unknown name, the state its possessor: a person of it
                        last_role = max(i for i in range(chunk[0].i, tok.i + 1) if i in role_at)
                        kind, name = "person", doc[last_role + 1: tok.i + 1].text
                    actors.append(Actor(doc[chunk[0].i: tok.i + 1].text, name, a.country, role, code, kind))
                    codes.append(base_code)
            if not bases and not from_conjunct and tok.i not in mods_of and roles \
                    and all(r.code in self.words.stateless_roles for r in roles):
                # "human rights groups condemned Gondor": the generic actor of a stateless role
                role = roles[-1].code
                actors.append(Actor(doc[chunk[0].i: tok.i + 1].text, tok.lemma_.lower(), None, role, role, "actor"))
                codes.append(role)
            if actors:
                out.append(Mention(chunk[0].i, tok.i + 1, tok.i, tuple(actors), "np", "role", bases=tuple(codes)))
                np_of[tok.i] = out[-1]
                covered |= set(range(chunk[0].i, tok.i + 1))
        return out


@dataclass(frozen=True)
class RoleSpan:
    """Where a role word or phrase is, and what it says."""

    start: int
    end: int
    word: RoleWord


def _roles_in(indices: Iterable[int], role_at: dict[int, RoleSpan]) -> tuple[RoleWord, ...]:
    """The role words over these tokens, once each, in text order."""
    seen: list[RoleSpan] = []
    for i in indices:
        r = role_at.get(i)
        if r is not None and r not in seen:
            seen.append(r)
    return tuple(r.word for r in seen)


def _base(alias: Alias) -> str:
    """The code an alias gives before role words: a coded actor's own code, else its state
    (with the alias's own role: the Kremlin is RUSGOV)."""
    if alias.kind == "actor" or alias.country is None:
        return alias.code
    return f"{alias.country}{alias.role or ''}"


def mention_char_span(doc: Doc, mention: Mention) -> tuple[int, int]:
    span = doc[mention.start: mention.end]
    return span.start_char, span.end_char


def actors_of(mentions: Sequence[Mention]) -> list[Actor]:
    return [a for m in mentions for a in m.actors]
