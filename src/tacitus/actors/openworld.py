"""Open-world actors: names the dictionaries do not know, when the article says whose they are.

The knowledge base cannot list every airline, militia, minister or envoy in the news. An
article usually says whose they are the first time it names them, and then uses a short form.
This stage reads spaCy's named entities (people and organisations) that no dictionary mention
covers and gives one an actor when its own noun phrase ties it to a known state:

    "Iranian carrier Mahan Qeshm"             a nationality or country modifier   -> IRN
    "Ana Lopes, Portugal's foreign minister"  an apposition naming a state's role -> PRTGOV
    "the Chilean leader, Mario Rojas,"        (the same, the other way round)
    "Ana Lopes of Portugal"                   "of"/"from" a state                 -> PRT
    "Portugal's Ana Lopes"                    a possessive state                  -> PRT

A business described by its state right before its name ("the Dutch chip maker Vellorix") or
a sentence before it ("a British company ... the Hartley Group said") is that state's firm
(:mod:`tacitus.actors.firms`).

A state joined to the name by "-backed", "-led", "-made"... ("an Iran-backed militia") is the
backer, maker or leader, not the group: the finder makes no mention of it (``backer_words`` in
``data/descriptors.yaml``), so no actor is made from it here either.

Later in the article the same actor is recognised by its full name, a person's surname, an
acronym given in brackets or made of the name's initials ("Syrian Liberation Front (SLF)",
later "the SLF"), and a definite description by the noun that introduced it ("the carrier",
"the minister") or, for blocs and organisations, by a noun of their kind ("the bloc", "the
alliance"), within a few sentences. Every such mention has ``via = "introduced"``: the coder
marks the events it takes part in (``how``: ``open-world-actor``), which lowers their confidence,
and ``tacitus explain`` shows it.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from tacitus.actors.antecedents import FOCUS_NOUNS, PERSON_HONORIFICS, PERSON_NOUNS
from tacitus.actors.firms import UnnamedFirms, described_firm, owned_after, owned_firm
from tacitus.actors.groups import ORGANISATION_KINDS, unowned_members
from tacitus.actors.knowledge import KnowledgeBase
from tacitus.actors.mentions import ActorFinder, Mention, _chunk, _np_head
from tacitus.actors.names import NAME_LINKS, acronym_at
from tacitus.records import Actor

#: spaCy entity labels that may name an actor the dictionaries lack.
ENTITY_LABELS = frozenset({"PERSON", "ORG"})
#: How many sentences a definite description ("the carrier") may reach back.
DESCRIPTION_REACH = 3
#: ... and how far back "the league" may name the organisation whose own name ends in League:
#: the name's noun is specific, so it reaches further than a kind noun.
NAME_NOUN_REACH = 8
#: The dependencies of the words a definite description may have between "the" and its noun
#: ("the regional bloc", "the 15-member bloc", "the military junta"); not a noun, which names
#: a kind of its own ("the rights body" after the UN is its rights council, not the UN).
DESCRIBING_DEPS = frozenset({"amod", "nummod", "npadvmod", "advmod", "punct"})
#: The ``via`` of every mention this stage makes.
VIA = "introduced"
#: How many words a title before a person's name may have ("Arnorian Special Envoy for Gondor").
TITLE_TOKENS = 7


class OpenWorld:
    """Finds the open-world actors of one article (after the dictionary mentions)."""

    def __init__(self, kb: KnowledgeBase, finder: ActorFinder) -> None:
        self.kb = kb
        self.finder = finder
        self.words = finder.words  # data/descriptors.yaml, read once by the finder

    # -- first mentions ---------------------------------------------------------------------

    def _state_of(self, doc: Doc, ent: Span, head: Token, np_of: dict[int, Mention],
                  mods_of: dict[int, list[Mention]]) -> tuple[Actor, Mention | None, str | None] | None:
        """The state actor the entity's phrase ties it to, the modifier mention used (to be
        absorbed; None for a tie by apposition, possessive or "of") and the noun that
        described it ("carrier", "minister")."""
        for m in mods_of.get(head.i, ()):
            a = m.actors[0]
            if m.start > 0 and doc[m.start - 1].lower_ in ("for", "to"):
                continue  # "Special Envoy for Gondor Ana Lopes": where the title is posted
            if len(m.actors) == 1 and a.country and a.kind == "country":
                noun = next((t.lemma_.lower() for t in doc[m.end: ent.start] if t.pos_ == "NOUN"), None)
                if m.start >= ent.start and m.aliases and m.aliases[0].kind == "capital":
                    a = a.as_place()  # "the Nairobi Securities Exchange": a place in its name
                return a, m, noun
        for tok in (*head.children, head):
            other = None
            if tok is head and head.dep_ == "appos":
                host = head.head
                other = np_of.get(host.i)
                # "Spain's envoy to Rabat, Ana Lopes": the apposition hangs on the last noun,
                # but names the envoy, who is the sender's
                if host.dep_ == "pobj" and host.head.lower_ == "to" and host.head.head.i in np_of:
                    other = np_of[host.head.head.i]
                if other is None and host.lemma_.lower() in TITLE_NOUNS:
                    # "the Arab League's deputy chief, Hossam Zaki", "the head of the Arnorian
                    # delegation, Ana Lopes": the body whose title it is
                    other = _title_body(host, np_of)
            elif tok.dep_ == "appos" or tok.dep_ in ("acl", "relcl"):
                owner = owned_firm(tok, np_of, mods_of)  # "X, a subsidiary of the British firm Y"
                if owner is not None:
                    return owner, None, "company"
                other = np_of.get(tok.i) if tok.dep_ == "appos" else None
                if other is None and tok.dep_ == "appos" and tok.lemma_.lower() in TITLE_NOUNS:
                    # "Hossam Zaki, deputy head of the Arab League": the body the title is of
                    other = _title_body(tok, np_of)
            elif tok.dep_ == "poss":
                other = np_of.get(tok.i)
                if other is not None and other.actors[0].kind != "country":
                    other = None
            elif tok.dep_ == "prep" and tok.lower_ in ("of", "from"):
                pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
                home = self._hometown(pobj) if pobj is not None and tok.lower_ == "from" and ent.label_ == "PERSON" else None
                if home is not None:  # "Mr Okafor, 41, from Lagos,": a citizen of the town's state
                    return home, None, None
                other = np_of.get(pobj.i) if pobj is not None else None
                if other is not None and other.actors[0].kind != "country":
                    other = None
            if other is not None and len(other.actors) == 1 and (
                    other.actors[0].country or other.actors[0].kind in ("igo", "bloc")):
                noun = doc[other.head].lemma_.lower() if doc[other.head].pos_ == "NOUN" else None
                return other.actors[0], None, noun
        owner = owned_after(doc, ent, np_of, mods_of)  # "X, a subsidiary of ...", however it is hung
        if owner is not None:
            return owner, None, "company"
        return self._predicate_title(head, np_of, mods_of) \
            or described_firm(doc, ent, np_of, mods_of, self.words.firm_nouns)

    def _hometown(self, place: Token) -> Actor | None:
        """The state of the town a person is said to be "from", when the town (or the city
        after it) is a notable one of it (``attributes.places.notable``); not an organisation
        ("from Oxfam")."""
        from tacitus.attributes.places import _place_of, notable

        # "from Wembley, London": a small town may come with the city it is in
        for town in (place, *(c for c in place.children if c.dep_ == "appos")):
            where = _place_of(town, ())
            if where is not None and where.country and town.ent_type_ == "GPE" and notable(town.text, where.country):
                return Actor(town.text, self.kb.country_name(where.country) or where.country, where.country, None,
                             where.country, "country")
        return None

    def _predicate_title(self, head: Token, np_of: dict[int, Mention],
                         mods_of: dict[int, list[Mention]]) -> tuple[Actor, None, str] | None:
        """A title the clause gives its subject: "X was sworn in as Gondor's president", "X
        became Rohan's prime minister" (the title's state and role), "X won Gondor's
        presidential election", "X was declared the winner of Rohan's election" (its
        government); verbs of ``descriptors.title_verbs``."""
        # the clause the name is the subject of, or its own "who" clause ("X, who won ...")
        verbs = [head.head] if head.dep_ in ("nsubj", "nsubjpass") else []
        verbs += [c for c in head.children if c.dep_ == "relcl" and any(
            s.dep_ in ("nsubj", "nsubjpass") and s.lower_ == "who" for s in c.children)]
        verb = next((v for v in verbs if v.lemma_.lower() in self.words.title_verbs), None)
        if verb is None:
            return None
        slots = [c for c in verb.children if c.dep_ in ("attr", "oprd", "dobj", "xcomp")]
        slots += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
        slots += [g for s in list(slots) for c in s.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]  # "the winner of Rohan's election"
        for slot in slots:
            titled = np_of.get(slot.i)
            if titled is not None and len(titled.actors) == 1 and titled.actors[0].country and titled.actors[0].role:
                return titled.actors[0], None, slot.lemma_.lower()  # "as Gondor's president"
            if slot.lemma_.lower() not in self.words.election_nouns:
                continue
            owners = [np_of[c.i] for c in slot.children if c.dep_ == "poss" and c.i in np_of] + mods_of.get(slot.i, [])
            state = next((m.actors[0] for m in owners if len(m.actors) == 1 and m.actors[0].kind == "country"
                          and m.actors[0].country), None)
            if state is not None:  # the winner of a state's election leads its government
                c = state.country
                return Actor(state.text, state.name, c, "GOV", f"{c}GOV", "country"), None, "president"
        return None

    def _state_word(self, word: str) -> bool:
        """A word that names a state or its people ("Chile", "Peruvian")."""
        return any(a.kind in ("name", "adjective") for a in self.kb.lookup(word))

    def resolve(self, doc: Doc, mentions: Sequence[Mention], sent_of: Sequence[int]) -> list[Mention]:
        """The dictionary mentions plus the open-world ones, in text order; a modifier that a
        first mention absorbed ("Iranian" in "Iranian carrier X") is left out."""
        found, absorbed = self.introduce(doc, mentions, sent_of)
        kept = [m for m in mentions if id(m) not in absorbed]
        return sorted([*kept, *found], key=lambda m: (m.start, m.head))

    def introduce(self, doc: Doc, mentions: Sequence[Mention],
                  sent_of: Sequence[int]) -> tuple[list[Mention], set[int]]:
        """The open-world mentions of a Doc (first mentions, then later ones), and the ids of
        the modifier mentions the first mentions absorbed."""
        taken = {i for m in mentions if m.role == "np" for i in range(m.start, m.end)}
        # names of known states ("Chile-Peru" in "Chile-Peru trade") are no new actor, and
        # neither is the phrase they modify
        known = {i for m in mentions for i in range(m.start, m.end)}
        np_of = {m.head: m for m in mentions if m.role == "np"}
        mods_of: dict[int, list[Mention]] = {}
        for m in mentions:
            if m.role == "modifier":
                mods_of.setdefault(m.head, []).append(m)
        roles = self.finder.role_tokens(doc)
        found: list[Mention] = []
        aliases: list[tuple[int, tuple[str, ...], Actor]] = []   # (from token, words, actor)
        # (sentence, noun, actor): "the minister" for a titled person named before
        described: list[tuple[int, str, Actor]] = [
            (sent_of[m.head], doc[i].lower_, m.actors[0]) for m in mentions
            if m.role == "np" and len(m.actors) == 1 and m.actors[0].kind == "person"
            for i in range(m.start, m.head) if i in roles and doc[i].lower_ in PERSON_NOUNS]
        # "the junta" for "Gondor's junta", "the regime" for "the Rohirric regime": any actor
        # named by a role noun is named again by that noun (the government, the country and
        # the like are read by coreference: the state in focus)
        described += [(sent_of[m.head], doc[m.head].lemma_.lower(), m.actors[0]) for m in mentions
                      if m.role == "np" and len(m.actors) == 1 and m.actors[0].kind != "person"
                      and m.head in roles and doc[m.head].pos_ == "NOUN"
                      and doc[m.head].lemma_.lower() not in FOCUS_NOUNS]
        absorbed: set[int] = set()
        candidates = _candidates(doc, self.words.firm_nouns)
        firms = UnnamedFirms(doc, mentions, sent_of, self.words.firm_nouns)
        titles = self._titles(doc, candidates, np_of, mods_of, roles)
        for ent in candidates:
            if any(t.start <= ent.start and ent.end <= t.end for t, _ in titles.values()):
                continue  # "Arnorian Special Envoy" is the title of the name after it
            # "Ana Lopes of Portugal" may come as one entity: the name is the part before "of"
            cut = next((t.i for t in ent if t.lower_ == "of" and t.i > ent.start), None)
            if ent.label_ == "PERSON" and cut is not None and any(t.i in taken for t in doc[cut:ent.end]):
                ent = doc[ent.start:cut]
            if any(t.i in taken for t in ent) or all(t.is_punct or t.i in known or self._state_word(t.text)
                                                     for t in ent):
                continue
            head = _np_head(ent.root)
            if head.i in taken or head.i >= ent.end + 2:
                continue
            state = self._state_of(doc, ent, head, np_of, mods_of)
            if state is None and ent.start in titles:
                # "Arnorian Special Envoy for Gondor Ana Lopes", "Tory leader Ann Pryce":
                # the title before the name says whose the person is
                title, (base_t, modifier_t, noun_t) = titles[ent.start]
                state = base_t, modifier_t, noun_t
            if state is None and ent.label_ == "ORG" and head.i not in roles:
                state = firms.name(ent)
            if state is None:
                continue
            base, modifier, noun = state
            if head.pos_ == "PROPN":
                # the whole name: the proper nouns that end at the phrase's head ("Ana" and
                # "Quintela" may come as two candidates; either gives "Ana Quintela")
                first = head.i
                while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].dep_ in ("compound", "flat"):
                    first -= 1
                label = ent.label_ or next((e.label_ for e in doc.ents if e.start <= head.i < e.end), "")
                ent = doc[first: head.i + 1]
                if label and not ent.label_:
                    ent.label_ = label
            chunk = [t for t in _chunk(head) if t.i >= (modifier.start if modifier else ent.start)]
            role = next((roles[t.i] for t in chunk if t.i in roles), None) or base.role
            start = min([ent.start] + [t.i for t in chunk])
            # a name the model did not label, tied by apposition, possessive or "of", is
            # mostly a person's ("Ana Lopes of Portugal"); one under a modifier mostly not
            unlabelled = not getattr(ent, "label_", "") and modifier is None and len(ent) <= 3
            kind = "person" if (ent.label_ == "PERSON" and (noun or "") not in self.words.firm_nouns) \
                or (noun or "") in PERSON_NOUNS or unlabelled \
                else "country"
            code = f"{base.country}{role or ''}" if base.country and len(base.country) == 3 else base.code
            actor = Actor(doc[start: head.i + 1].text, ent.text, base.country, role, code, kind)
            mention = Mention(start, head.i + 1, head.i, (actor,), "np", VIA)
            found.append(mention)
            taken.update(range(start, head.i + 1))
            if modifier is not None:
                absorbed.add(id(modifier))
            aliases += [(head.i + 1, words, actor) for words in _short_forms(
                ent, kind, self.words.org_generic_words, self.words.family_names(ent.text, base.country))]
            if noun:
                described.append((sent_of[head.i], noun, actor))
        # acronyms given in brackets after any named actor: "the Syrian Liberation Front (SLF)"
        bracketed: dict[int, Mention] = {}  # the nearest mention before each bracket names it
        for m in sorted([*mentions, *found], key=lambda m: m.start):
            if m.role == "np" and len(m.actors) == 1 and (at := _bracketed(doc, m)) is not None:
                bracketed[at] = m
        aliases += [(at + 3, (doc[at + 1].text,), m.actors[0]) for at, m in bracketed.items()]
        found += _compass_halves(doc, mentions, taken, known)
        # companies the dictionaries know, named by name: "the company", "the firm" after them
        named_firms = [(sent_of[m.head], m.actors[0]) for m in mentions if m.role == "np" and len(m.actors) == 1
                       and m.actors[0].role == "BUS" and doc[m.head].pos_ == "PROPN"]
        found += self._later(doc, taken, aliases, described, mentions, sent_of, named_firms)
        return found, absorbed

    def _titles(self, doc: Doc, candidates: Sequence[Span], np_of: dict[int, Mention],
                mods_of: dict[int, list[Mention]], roles: dict[int, str],
                ) -> dict[int, tuple[Span, tuple[Actor, Mention | None, str]]]:
        """Person names with a title right before them that names a state: {the name's
        first token: (the title span, (the state actor, its mention, the title noun))}.

        The title is the run of nouns, adjectives, proper nouns and "for"/"of" that ends where
        the name begins ("Arnorian Special Envoy for Gondor"), in one sentence; it needs a
        person's title word (``PERSON_NOUNS`` or a role word) and a state named before that
        word: the sender, not the state the title is "for" or "to". The parser's reading of such
        runs varies (apposition, conjunction, compound), so the words are read in order."""
        out: dict[int, tuple[Span, tuple[Actor, Mention | None, str]]] = {}
        by_token: dict[int, Mention] = {}
        for m in [*np_of.values(), *(m for ms in mods_of.values() for m in ms)]:
            for i in range(m.start, m.end):
                by_token.setdefault(i, m)
        for ent in candidates:
            if ent.label_ != "PERSON" or ent.start == 0:
                continue
            start = ent.start
            while start > 0 and ent.start - start < TITLE_TOKENS and not doc[start - 1].is_sent_end and (
                    doc[start - 1].pos_ in ("PROPN", "NOUN", "ADJ") or doc[start - 1].lower_ in ("for", "of")):
                start -= 1
            if start == ent.start:
                continue
            words = doc[start: ent.start]
            title_at = next((t.i for t in words if t.i in roles or t.lower_ in PERSON_NOUNS
                             or t.lemma_.lower() in PERSON_NOUNS), None)
            if title_at is None:
                continue
            state = next((by_token[t.i] for t in words if t.i < title_at and t.i in by_token
                          and len(by_token[t.i].actors) == 1 and by_token[t.i].actors[0].country
                          and len(by_token[t.i].actors[0].country) == 3), None)
            if state is None and not any(t.pos_ == "PROPN" and not t.is_lower and t.i not in roles for t in words):
                # a bare title ("Foreign Minister Ana Lopes said ...") is of the state the last
                # sentence was about: its main subject, when that is one state
                named = {a.name.split()[-1].lower() for m in np_of.values() if m.start < ent.start
                         for a in m.actors if a.kind == "person" and a.name}
                state = _focus_state(doc, ent.sent, np_of) if ent[-1].lower_ not in named else None
                if state is not None and _addressed(state, ent, np_of):
                    # "Beijing imposed duties ... Trade Minister Ana Lopes urged China to ...":
                    # not the state her own clause addresses; the one the article opened with
                    lead = _focus_state(doc, next(doc.sents), np_of, lead=True)
                    state = lead if lead is not None and lead.actors[0].country != state.actors[0].country else None
                if state is None and ent[-1].lower_ not in named:
                    # ... else of the state whose body the title names, named before ("China's
                    # foreign ministry ... Foreign ministry spokesperson Geng Shuang")
                    bodies = {t.lemma_.lower() for t in words if (t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.is_lower))
                              and t.lemma_.lower() not in PERSON_NOUNS}
                    state = next((m for h, m in sorted(np_of.items(), reverse=True) if h < ent.start
                                  and doc[h].lemma_.lower() in bodies and len(m.actors) == 1
                                  and len(m.actors[0].country or "") == 3), None)
                if state is None:
                    continue  # "President Kirchner" after "Argentine President Nestor Kirchner"
                out[ent.start] = (words, (state.actors[0], None, doc[title_at].lemma_.lower()))
                continue
            if state is None:
                continue
            actor = state.actors[0]
            out[ent.start] = (words, (actor, state if state.role != "np" else None, doc[title_at].lemma_.lower()))
        return out

    # -- later mentions ---------------------------------------------------------------------

    def _later(self, doc: Doc, taken: set[int], aliases: list[tuple[int, tuple[str, ...], Actor]],
               described: list[tuple[int, str, Actor]], mentions: Sequence[Mention],
               sent_of: Sequence[int], named_firms: Sequence[tuple[int, Actor]] = ()) -> list[Mention]:
        by_first: dict[str, list[tuple[int, tuple[str, ...], Actor]]] = {}
        for item in aliases:
            by_first.setdefault(item[1][0], []).append(item)
        # an organisation named as such, not by the city that hosts it ("Brussels" is the EU)
        groups = [(sent_of[m.head], m.actors[0], _name_noun(doc, m, self.words.name_nouns)) for m in mentions
                  if len(m.actors) == 1 and m.actors[0].kind in self.words.kind_nouns
                  and doc[m.start].ent_type_ not in ("GPE", "LOC")]
        named = {i for m in mentions for i in range(m.start, m.end)}  # modifiers too ("Arnorian")
        out: list[Mention] = []
        for tok in doc:
            if tok.i in taken:
                continue
            for start, words, actor in sorted(by_first.get(tok.text, ()), key=lambda a: -len(a[1])):
                end = tok.i + len(words)
                if tok.i >= start and end <= len(doc) and tuple(t.text for t in doc[tok.i:end]) == words \
                        and not any(i in taken for i in range(tok.i, end)):
                    out.append(Mention(tok.i, end, end - 1, (actor.with_text(doc[tok.i:end].text),), "np", VIA))
                    taken.update(range(tok.i, end))
                    break
            else:
                mention = self._description(doc, tok, described, groups, sent_of, named | taken, named_firms) \
                    or _members(tok, groups, sent_of)
                if mention is not None:
                    out.append(mention)
                    taken.update(range(mention.start, mention.end))
        return out

    def _description(self, doc: Doc, tok: Token, described: list[tuple[int, str, Actor]],
                     groups: list[tuple[int, Actor, str]], sent_of: Sequence[int], named: set[int],
                     named_firms: Sequence[tuple[int, Actor]] = ()) -> Mention | None:
        """ "the carrier" for an actor introduced as a carrier; "the bloc" for the last bloc;
        "the league" for the last organisation whose name ends in League ("the Northern League");
        "the company", "the firm" for the last company named (``named_firms``: the dictionaries' own,
        after the groups, so that "the group" is an armed group or an NGO named as one first)."""
        # (a common noun the tagger took for a name, "the bloc" as NNP, is one too; capitalised,
        # "the Commission", "the Fund", it names only an organisation whose name ends in it)
        own_only = tok.pos_ == "PROPN" and tok.is_title and tok.lower_ in self.words.name_nouns
        if not ((tok.pos_ == "NOUN" and tok.tag_ == "NN") or (tok.pos_ == "PROPN" and tok.is_lower) or own_only):
            return None
        lefts = list(tok.lefts)
        if not lefts or lefts[0].lower_ != "the" or _np_head(tok) is not tok or any(
                (t.dep_ not in DESCRIBING_DEPS and not any(w.like_num for w in t.subtree))  # "27-nation"
                or t.lower_ in self.words.other_words
                or any(w.i in named for w in t.subtree) for t in lefts[1:]):
            return None  # "the regional bloc", "the 15-member bloc"; not "the other bloc", "the Arnorian bloc"
        sent, noun = sent_of[tok.i], (tok.lower_ if own_only else tok.lemma_.lower())
        if own_only:
            described, named_firms = [], ()
            groups = [g for g in groups if g[2] == noun]
        firms = self.words.firm_nouns  # "the company" for a firm introduced as a carmaker
        for s, word, actor in reversed(described):
            if (word == noun or word in firms and noun in firms) and 0 <= sent - s <= DESCRIPTION_REACH and s < sent:
                return Mention(lefts[0].i, tok.i + 1, tok.i, (actor.with_text(f"the {tok.text}"),), "np", VIA)
        called = self.words.called_nouns  # "the alliance" is NATO's, even after the EU was named
        for s, actor, own in [g for g in reversed(groups) if noun in called.get(g[1].code, ())] + groups[::-1]:
            if s >= sent or sent - s > (NAME_NOUN_REACH if noun == own or noun in called.get(actor.code, ())
                                        else DESCRIPTION_REACH):
                continue
            if noun == own or (noun in self.words.kind_nouns.get(actor.kind, ())
                               and noun in called.get(actor.code, (noun,))):
                return Mention(lefts[0].i, tok.i + 1, tok.i, (actor.with_text(f"the {tok.text}"),), "np", VIA)
        if noun in self.words.firm_nouns:
            for s, actor in reversed(named_firms):
                if s < sent and sent - s <= DESCRIPTION_REACH:
                    return Mention(lefts[0].i, tok.i + 1, tok.i, (actor.with_text(f"the {tok.text}"),), "np", VIA)
        return None


def _members(tok: Token, groups: list[tuple[int, Actor, str]], sent_of: Sequence[int]) -> Mention | None:
    """ "Member states", "the members" whose organisation the sentence does not name: the
    organisation or bloc named last in the few sentences before ("The EU opened talks with
    Rohan. Several member states criticised Gondor" is the EU's)."""
    if not unowned_members(tok):
        return None
    sent = sent_of[tok.i]
    for s, actor, _own in reversed(groups):
        if actor.kind in ORGANISATION_KINDS and s < sent and sent - s <= DESCRIPTION_REACH:
            start = min([tok.i, *(c.i for c in tok.lefts if c.dep_ in ("det", "amod", "nummod", "compound"))])
            return Mention(start, tok.i + 1, tok.i, (actor.with_text(tok.doc[start:tok.i + 1].text),), "np", VIA)
    return None


#: How many words of a name may follow its actor's mention before the acronym in brackets:
#: "Gondor's Council (GC)" has none, "Gondor's Council of National Unity (CNU)" three.
ACRONYM_REACH = 6


def _name_noun(doc: Doc, m: Mention, nouns: frozenset[str]) -> str:
    """The common noun that ends an organisation's name ("league" for "the Northern League",
    "council" for "the Security Council"), or "" when the name ends in a proper name."""
    last = doc[m.end - 1]
    if m.end - m.start < 2 or not last.is_title or not last.is_alpha or last.ent_type_ in ("GPE", "NORP"):
        return ""
    word = last.lower_
    return word if word in nouns else ""


def _focus_state(doc: Doc, sent: Span, np_of: dict[int, Mention], lead: bool = False) -> Mention | None:
    """The mention of the one state that the sentence before ``sent`` is about (with ``lead``,
    ``sent`` itself: the article's first): the subject of its main verb (not a person, not a
    list)."""
    if sent.start == 0 and not lead:
        return None
    root = sent.root if lead else doc[sent.start - 1].sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    m = np_of.get(subj.i) if subj is not None else None
    if m is None or len(m.actors) != 1 or m.actors[0].kind != "country" or len(m.actors[0].country or "") != 3 \
            or any(c.dep_ == "conj" for c in subj.children):
        return None
    return m


def _addressed(state: Mention, ent: Span, np_of: dict[int, Mention]) -> bool:
    """Whether the clause a name is the subject of names ``state`` after it ("X urged China to
    ...", "X criticised Beijing"): then X is not that state's."""
    verb = ent.root.head
    if ent.root.dep_ not in ("nsubj", "nsubjpass") or verb.i < ent.end:
        return False
    country = state.actors[0].country
    return any(m.actors and m.actors[0].country == country for t in verb.subtree
               if t.i >= ent.end and (m := np_of.get(t.i)) is not None)


#: The words that open the name of one half of a divided land ("North Korea", "South Sudan"),
#: by which the article calls that state again: "talks with the North".
COMPASS_WORDS = frozenset({"North", "South", "East", "West"})


def _compass_halves(doc: Doc, mentions: Sequence[Mention], taken: set[int], known: set[int]) -> list[Mention]:
    """"the North" after "North Korea", "the South" after "South Sudan": the state whose name
    the article gave with that compass word, when it gave only one such state; not a word of a
    longer name ("the North Atlantic"), and never before the state is named. Marks what it
    takes in ``taken``."""
    named: dict[str, tuple[int, Actor | None]] = {}
    for m in mentions:
        if m.role != "np" or len(m.actors) != 1 or m.actors[0].kind != "country" or m.end - m.start < 2:
            continue
        word = doc[m.start].text if doc[m.start].lower_ != "the" else doc[m.start + 1].text
        if word in COMPASS_WORDS:
            first, actor = named.get(word, (m.end, m.actors[0]))
            same = actor is not None and actor.code == m.actors[0].code
            named[word] = (min(first, m.end), actor if same else None)  # two such states: neither
    out = []
    for tok in doc:
        first, actor = named.get(tok.text, (len(doc), None))
        if actor is None or tok.i < first or tok.i in taken or tok.i in known or tok.i == 0 \
                or doc[tok.i - 1].lower_ != "the" or tok.dep_ in ("compound", "amod"):
            continue
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if after is not None and (after.pos_ == "PROPN" or (after.is_title and after.is_alpha)):
            continue  # "the North Atlantic", "the South China Sea"
        out.append(Mention(tok.i, tok.i + 1, tok.i, (actor.with_text(tok.text),), "np", VIA))
        taken.add(tok.i)
    return out


def _bracketed(doc: Doc, m: Mention) -> int | None:
    """Where the acronym given in brackets for a mention's name opens, if it has one: right
    after the mention ("the Syrian Liberation Front (SLF)"), inside it (the parser may hang
    the brackets on the name), or after the rest of the name the mention's head begins:
    "Gondor's Council of National Unity (CNU)", where the actor is "Gondor's Council"."""
    i = m.start + 1
    while i < len(doc) and i - m.end <= ACRONYM_REACH:
        tok = doc[i]
        if tok.text == "(":
            return i if acronym_at(doc, i) is not None else None
        if i >= m.end and (tok.is_sent_start or not (tok.text[:1].isupper() or tok.lower_ in NAME_LINKS)):
            return None
        i += 1
    return None


def _candidates(doc: Doc, firm_nouns: frozenset[str] = frozenset()) -> list[Span]:
    """Names that may be actors: spaCy's people and organisations, and runs of proper nouns
    the small model left untagged ("Ana Lopes" before "of Portugal")."""
    spans = [e for e in doc.ents if e.label_ in ENTITY_LABELS]
    # a name right after a business's noun is the business's, whatever the model took it for
    # ("the mining group Ferrovale" tagged a place); a known place is no candidate (introduce)
    spans += [Span(doc, e.start, e.end, label="ORG") for e in doc.ents
              if e.label_ not in ENTITY_LABELS and e.start > 0 and doc[e.start - 1].pos_ == "NOUN"
              and doc[e.start - 1].lemma_.lower() in firm_nouns]
    # "Mr Mubanga" is a person's name whatever label the small model gave it
    spans += [Span(doc, e.start, e.end, label="PERSON") for e in doc.ents
              if e.label_ not in ENTITY_LABELS and e.start > 0 and doc[e.start - 1].lower_.rstrip(".") in PERSON_HONORIFICS]
    in_ent = {t.i for e in doc.ents for t in e}
    start = None
    for tok in doc:
        if tok.pos_ == "PROPN" and tok.i not in in_ent and tok.text[:1].isupper() and tok.is_alpha:
            start = tok.i if start is None else start
            if tok.i + 1 == len(doc) or doc[tok.i + 1].pos_ != "PROPN" or doc[tok.i + 1].i in in_ent \
                    or doc[tok.i + 1].is_sent_start:
                spans.append(doc[start: tok.i + 1])
                start = None
        else:
            start = None
    return sorted(spans, key=lambda s: s.start)


#: Nouns of a title held in a body: "the head of the delegation, Ana Lopes", "Ana Lopes,
#: deputy head of the League".
TITLE_NOUNS = PERSON_NOUNS | frozenset({"head", "secretary-general"})
#: Titles of those who serve someone, whose "to" names whom: "an adviser to the president".
SERVING_NOUNS = frozenset({"adviser", "advisor", "aide", "assistant", "counsellor", "counselor"})


def _title_body(title: Token, np_of: dict[int, Mention]) -> Mention | None:
    """The named body a title noun is held in: its possessor ("the League's chief") or the
    object of its "of", "for" or "at" ("chief of the League", "spokesman for the ministry")."""
    for c in title.children:
        if c.dep_ == "poss" and c.i in np_of:
            return np_of[c.i]
    # "adviser to the prime minister" serves there; "envoy to Rabat" is posted there
    preps = ("of", "for", "at", "to") if title.lemma_.lower() in SERVING_NOUNS else ("of", "for", "at")
    body = next((g for c in title.children if c.dep_ == "prep" and c.lower_ in preps
                 for g in c.children if g.dep_ == "pobj"), None)
    return np_of.get(body.i) if body is not None else None


def _short_forms(ent: Span, kind: str, generic: frozenset[str] = frozenset(),
                 family: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """How an introduced name may come back: whole, a person's family name (``family``: the
    last word, or the first where the person's state puts it first), an organisation's
    initials, or its name without a generic last word ("Arnor Air": "Arnor")."""
    words = tuple(t.text for t in ent if t.text not in ("the", "The"))
    forms = [words]
    if kind == "person" and len(words) >= 2:
        forms += [(w,) for w in family or words[-1:] if w[:1].isupper()]
    capitals = [w for w in words if w[:1].isupper()]
    if kind != "person" and len(words) >= 2 and words[-1].lower() in generic and words[0][:1].isupper():
        forms.append(words[:-1])
    if getattr(ent, "label_", "") == "ORG" and len(capitals) >= 2 and len(capitals) == len(words):
        forms.append(("".join(w[0] for w in capitals),))
    return forms
