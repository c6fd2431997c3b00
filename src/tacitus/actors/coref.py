"""Coreference inside one article, by rules (no coreference model can be installed offline).

Read in document order, keeping track of who has been named:

    "Mr. Tokayev", "Saidov"          a surname seen before with a full name -> that person
                                     (also spelt one letter apart: "Sarea", then "Saree")
    "the two countries", "both sides", "the two presidents", "the two heads of state"
                                     -> the pair in focus: the two states most named lately
                                        (the events stage reads "both sides", "the two parties"
                                        as the sides of the last use of force it coded)
    "they", "their", "them"          -> the actors of a coordinated subject of this or the last
                                        sentence ("Kazakhstan and Uzbekistan ... they")
    "the country", "the nation"      -> the nearest state named before
    "he", "his", "she", "her"        -> the nearest person named before
    "it", "its"                      -> the nearest state or organisation named before

Pronouns inside quotation marks are left alone here (in quotes "we" and "they" speak from
the speaker's point of view), but for those the speaker says whom they mean ("... he said of
the Turks": :func:`said_of`). :func:`speaker_pronouns` reads "we" and "I" as the speaker and
"he"/"she" as the last person named before who is not the speaker.

The pair in focus: the two states of highest salience (a mention adds ``DECAY ** sentences since``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from tacitus.actors.antecedents import (
    DECAY,
    MIN_VARIANT,
    PEOPLE_NOUNS,
    PERSON_HONORIFICS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    THING_PRONOUNS,
    act_called,
    asked_to,
    craft_again,
    named_pairs,
    object_meant,
    own_speaker,
    own_subject,
    personal,
    plural_object_again,
    plural_speaker,
    plural_subject_again,
    previous_subject_state,
    said_by,
    said_of,
    salient_states,
    spoken_for,
    spokesman_of,
    subject_verb,
    there,
    told_to,
    two_persons,
    unknown_speaker,
    unnamed_speaker,
    variant,
    with_subject,
)
from tacitus.actors.groups import (
    GROUP_NOUNS,
    MEETING_NOUNS,
    ORGANISATION_KINDS,
    PAIR_NOUNS,
    gathered,
    headline_groups,
    listed,
    meeting_parties,
    members_of,
    pair_in_focus,
    subject_group,
)
from tacitus.actors.knowledge import KnowledgeBase, fold_accents
from tacitus.actors.mentions import Mention
from tacitus.actors.names import Descriptors
from tacitus.actors.officials import state_official
from tacitus.nlp.misparse import finite_clause_on_noun, main_participle
from tacitus.records import Actor

#: Salience looks this many sentences back (an older mention adds 0.6 ** 200: nothing), so coreference stays linear.
SALIENCE_WINDOW = 200
#: The pronoun and "the country" rules look at most this many sentences back.
RECENT_SENTENCES = 3
#: Where "the two" or "the pair" with no noun after them stands for a pair of actors: a
#: subject, an object or a preposition's object.
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative"})
#: "the three countries" ... "the ten nations": the group of that many named together just before.
NUMBER_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
DEFINITE_GROUP = frozenset({"the", "these", "those"})
#: How many sentences back the last group named together may be named again by a definite
#: plural ("the ministers", "the four countries"): the group stays in focus through the sentences
#: about one of its members ("Gondor, Rohan and Arnor met ... Gondor's minister said ... The
#: ministers also condemned ..."). "They" stays with the sentence just before (it names people too often).
GROUP_SENTENCES = 6
#: Meetings and the texts they issue, which as a subject speak for the group that met: "Gondor,
#: Rohan and Arnor met ... The summit condemned Harad" (a plural "talks" is a noun of these too).
GATHERING_NOUNS = MEETING_NOUNS | {"statement", "declaration", "communique", "communiqué"}
#: How many sentences back the group that met may have been named.
GATHERING_SENTENCES = 2
#: Of those, the ones that name people or governments rather than states.
OFFICIAL_NOUNS = frozenset("government leader president head minister".split())
#: Verbs that judge another's act: "its" on their object is not their subject's ("Gondor
#: closed its border. Rohan condemned its decision"); "defended its decision" is one's own.
JUDGING_VERBS = frozenset("condemn criticise criticize denounce deplore slam decry praise welcome hail "
                          "applaud endorse back support reject oppose".split())
HONORIFICS = PERSON_HONORIFICS | {f"{h}." for h in PERSON_HONORIFICS} | {"president", "minister"}


#: Quotation marks, straight and curly, as the tokenizer leaves them.
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "``", "''"})


def quote_mask(doc: Doc) -> set[int]:
    """Indices of tokens between quotation marks (straight or curly)."""
    inside: set[int] = set()
    is_open = False
    for tok in doc:
        if tok.text in QUOTE_MARKS:
            if tok.text == "\u201c":
                is_open = True
            elif tok.text == "\u201d":
                is_open = False
            else:
                is_open = not is_open
            continue
        if "\n" in tok.text:
            is_open = False
        if is_open:
            inside.add(tok.i)
    return inside


class Coreference:
    """Adds coreference mentions to the dictionary mentions of one article."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        words = Descriptors.load()
        self.weapon_nouns, self.craft_nouns, self.country_nouns = words.weapon_nouns, words.craft_nouns, words.country_nouns
        self.state_kinds = words.state_kinds
        self.title_states = words.title_states
        self.family_names = words.family_names

    def _institution(self, country: str, role: str, doc: Doc, start: int, tok: Token) -> Mention:
        """A mention (``start`` to ``tok``) of a state's institution: "the ministry" GOV, "parliament" LEG."""
        actor = Actor(text=doc[start: tok.i + 1].text, name=self.kb.country_name(country) or country, country=country,
                      role=role, code=f"{country}{role}", kind="country")
        return Mention(start, tok.i + 1, tok.i, (actor,), "np", "coref")

    def _country_actor(self, key: str, text: str, like: Actor | None, official: bool) -> Actor:
        if like is not None and like.kind == "igo":
            return like.with_text(text)  # "both sides" after "the EU and the US": the EU itself
        if official and like is not None and (like.kind == "person" or like.role in (None, "GOV")):
            return Actor(text=text, name=like.name, country=like.country, role=like.role or "GOV",
                         code=like.code if like.role else f"{key}GOV", kind=like.kind)
        name = self.kb.country_name(key) or (like.name if like else key)
        role = "GOV" if official else None  # "the two governments" after "Gondorian border guards": Gondor's
        return Actor(text=text, name=name, country=key, role=role, code=key + (role or ""), kind="country")

    def resolve(self, doc: Doc, mentions: Sequence[Mention], sent_of: Sequence[int],
                home: str | None = None) -> list[Mention]:
        """Return the coreference mentions (the input mentions are not changed). ``home``: the
        state of the outlet (:mod:`tacitus.actors.home`), whose government "the government"
        and "the prime minister" are when the article has named no state before them."""
        by_start = sorted(mentions, key=lambda m: m.start)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        quoted = quote_mask(doc)
        spoken_of, pairs = said_of(doc, mentions, quoted), named_pairs(doc, mentions, sent_of)  # ("said of X"; "X and Y")
        surnames: dict[str, Actor] = {}
        history: list[tuple[int, Mention]] = []   # (sentence, mention) seen so far, in sentence order
        sentences: list[int] = []                  # the sentence of each, to find the recent ones
        last_group: tuple[int, tuple[Actor, ...]] | None = None
        last_list: tuple[int, tuple[Actor, ...]] | None = None
        groups: list[tuple[int, tuple[Actor, ...], str]] = []  # every group and its noun, for a headline's
        found: list[Mention] = []
        by_head: dict[int, list[Mention]] = {}   # mentions by head token, for the subjects of "they"
        order: dict[int, int] = {}                # the given mentions first, then those found
        for m in mentions:
            by_head.setdefault(m.head, []).append(m)
            order[id(m)] = len(order)
        k = 0

        def since(first: int) -> list[tuple[int, Mention]]:
            return history[bisect_left(sentences, first):]

        def remember(sent: int, m: Mention) -> None:
            history.append((sent, m))
            sentences.append(sent)

        def salience(sent: int, decay: float = DECAY) -> list[tuple[str, Actor]]:
            return salient_states(since(sent - SALIENCE_WINDOW), sent, decay)

        for tok in doc:
            while k < len(by_start) and by_start[k].start <= tok.i:
                m = by_start[k]
                remember(sent_of[m.start], m)
                for a in m.actors:
                    if a.kind == "person" and a.name:
                        surnames.update(dict.fromkeys({form for last in self.family_names(a.name, a.country)
                                                       for form in (last.lower(), fold_accents(last.lower()))}, a))
                k += 1
            sent = sent_of[tok.i]
            if tok.i not in taken:
                mention = spoken_of.get(tok.i) or self._resolve_token(
                    doc, tok, sent, quoted, surnames, since(sent - RECENT_SENTENCES), last_group, salience, last_list, pairs,
                    home, by_head)
                if mention is not None:
                    found.append(mention)
                    by_head.setdefault(mention.head, []).append(mention)
                    order[id(mention)] = len(order)
                    taken.update(range(mention.start, mention.end))
                    remember(sent, mention)
            # remember coordinated subjects for "they": "Kazakhstan and Uzbekistan ...",
            # "the minister and his Greek and French counterparts ..."
            subject = tok.dep_ in ("nsubj", "nsubjpass") or gathered(tok) or subject_group(tok, by_head) \
                or finite_clause_on_noun(tok)
            if subject or (tok.dep_ != "conj" and tok.conjuncts):
                heads = {tok.i} | {c.i for c in tok.conjuncts} | (listed(tok) if subject else set())
                actors: dict[str, Actor] = {}
                for m in sorted((m for h in heads for m in by_head.get(h, ())), key=lambda m: order[id(m)]):
                    if m.start <= max(heads):
                        for a in m.actors:
                            actors.setdefault(a.key, a)
                if (len(actors) >= 2 or members_of(tok, actors.values())) and subject:
                    last_group = (sent, tuple(actors.values()))
                    groups.append((*last_group, tok.lemma_.lower()))
                elif len(actors) >= 2:
                    # a list named elsewhere ("met the leaders of Gondor, Rohan and Arnor"):
                    # only a count ("the three countries") may name it again
                    last_list = (sent, tuple(actors.values()))
            if tok.is_sent_end and (last_group is None or last_group[0] != sent):
                met = meeting_parties(tok.sent.root, [m for s_, m in since(sent) if s_ == sent])
                if met:
                    last_group = (sent, met)  # "Gondor's king met Rohan's leader ... they"
                    groups.append((*last_group, ""))
        # "Summit condemns Harad's raids": the story names who met
        found += [_group_mention(doc, t.left_edge.i, t, g) for t, g in headline_groups(doc, taken, groups, self.kb)]
        return found

    @staticmethod
    def _clause_subject_keys(tok: Token, history: list[tuple[int, Mention]]) -> set[str]:
        verb = tok
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        # "Arnor offered to mediate between both sides": Arnor's clause
        verb = with_subject(verb, frozenset({"xcomp", "conj", "advcl"}), 3)
        subjects = {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
        if main_participle(verb):
            subjects.add(verb.head.i)  # "Russia, which has troops there, called on both sides"
        return {a.key for _, m in history if m.head in subjects for a in m.actors}

    def _resolve_token(self, doc: Doc, tok: Token, sent: int, quoted: set[int],
                       surnames: dict[str, Actor], history: list[tuple[int, Mention]],
                       last_group: tuple[int, tuple[Actor, ...]] | None, salience,  # noqa: ANN001
                       last_list: tuple[int, tuple[Actor, ...]] | None = None, pairs: Sequence = (),
                       home: str | None = None, by_head: dict[int, list[Mention]] | None = None) -> Mention | None:
        lower = tok.lower_
        # a surname seen before with a full name or a title, also in another transliteration
        # ("Sarea" then "Saree", "Zelensky" then "Zelenskiy": one letter changed, added or lost)
        if tok.text[:1].isupper() and tok.pos_ == "PROPN" and lower not in surnames and len(lower) >= MIN_VARIANT:
            lower = next((s for s in surnames if variant(lower, s)), lower)
        if tok.text[:1].isupper() and lower in surnames and tok.pos_ in ("PROPN", "NOUN", "ADJ"):
            start = tok.i
            if start > 0 and doc[start - 1].lower_ in HONORIFICS:
                start -= 1
            actor = surnames[lower].with_text(doc[start: tok.i + 1].text)
            return Mention(start, tok.i + 1, tok.i, (actor,), "np", "coref")
        if tok.lemma_.lower() in PEOPLE_NOUNS and tok.tag_ == "NNS" and any(c.lower_ == "two" for c in tok.lefts) \
                and (pair := two_persons(doc, sent, history)) is not None:  # "the two men"
            start = min(c.i for c in tok.lefts)
            return Mention(start, tok.i + 1, tok.i, tuple(a.with_text(doc[start:tok.i + 1].text) for a in pair), "np", "coref")
        # "the two countries", "both sides", "the two heads of state"
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in GROUP_NOUNS and tok.tag_ in ("NNS", "NNPS"):
            lefts = {c.lower_ for c in tok.lefts}
            if tok.lemma_.lower() == "party" and sum(
                    any("PTY" in (a.role or "") for a in m.actors) for _, m in history) >= 2:
                return None  # "both parties" among political parties are two of them, not two states
            counted = next((NUMBER_WORDS[w] for w in lefts if w in NUMBER_WORDS), None)
            named = _counted(counted, sent, last_group, last_list) if counted and lefts & {"the", "all"} else None
            if named is not None:
                # "Sweden, Norway and Finland met ... Denmark joined the three countries" ("all
                # three countries"): the group of that many named together just before
                return _group_mention(doc, min(c.i for c in tok.lefts if c.lower_ in ("the", "all")), tok, named)
            group = self._bare_group(doc, tok, sent, lefts, last_group)
            if group is not None:
                return group
            if (("two" in lefts and "the" in lefts) or "both" in lefts) and tok.lemma_.lower() in PAIR_NOUNS:
                pair = pair_in_focus(tok, sent, history, salience, pairs, self._clause_subject_keys(tok, history))
                if len(pair) == 2:
                    official = tok.lemma_.lower() in OFFICIAL_NOUNS
                    start = min(c.i for c in tok.lefts if c.lower_ in ("the", "two", "both"))
                    end = tok.i + 1
                    if tok.lemma_.lower() == "head" and end + 1 < len(doc) and doc[end].lower_ == "of":
                        end += 2
                    text = doc[start:end].text
                    actors = tuple(self._country_actor(c, text, a, official) for c, a in pair)
                    return Mention(start, end, tok.i, actors, "np", "coref")
        if ((tok.lower_ == "two" and tok.pos_ == "NUM") or (tok.lower_ == "pair" and tok.tag_ == "NN")) \
                and tok.dep_ in ARGUMENT_DEPS and tok.head.lower_ != "of" \
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children) \
                and (det := next((c for c in tok.lefts if c.dep_ == "det" and c.lower_ == "the"), None)) is not None:
            # "the two", "the pair" with no noun after them: the two persons just named ("Blair
            # met Gaddafi ... the pair"; two of one state are no pair of states), else as "the
            # two countries"
            text = doc[det.i: tok.i + 1].text
            people = two_persons(doc, sent, history, any_states=True)
            if people is not None:
                if people[0].country == people[1].country:
                    return None
                return Mention(det.i, tok.i + 1, tok.i, tuple(a.with_text(text) for a in people), "np", "coref")
            pair = pair_in_focus(tok, sent, history, salience, pairs, self._clause_subject_keys(tok, history))
            if len(pair) == 2:
                return Mention(det.i, tok.i + 1, tok.i, tuple(self._country_actor(c, text, a, False) for c, a in pair),
                               "np", "coref")
        named = _counted(NUMBER_WORDS[tok.lower_], sent, last_group, last_list) \
            if tok.pos_ == "NUM" and tok.lower_ in NUMBER_WORDS and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") \
            and any(c.dep_ in ("det", "predet") and c.lower_ in ("the", "all") for c in tok.lefts) else None
        if named is not None:
            # "Sweden, Norway and Finland met ... The three agreed ...": the number alone
            return _group_mention(doc, min(c.i for c in tok.lefts if c.lower_ in ("the", "all")), tok, named)
        gathering = self._gathering(tok, sent, last_group)
        if gathering is not None:
            return gathering
        if tok.i in quoted:
            # in quotes only "they" for a group named just before is safe to resolve
            # ("The two presidents noted ... They agreed ...")
            if lower in ("they", "their") and last_group is not None and sent - last_group[0] <= 1:
                actors = tuple(a.with_text(tok.text) for a in last_group[1])
                return Mention(tok.i, tok.i + 1, tok.i, actors, "np", "coref")
            return None
        if lower == "both" and tok.dep_ in ("nsubj", "nsubjpass") and last_group is not None \
                and len(last_group[1]) == 2 and sent - last_group[0] <= 1:
            # "Gondor and Rohan clashed ... Both accused each other": the pair just named
            return Mention(tok.i, tok.i + 1, tok.i, tuple(a.with_text(tok.text) for a in last_group[1]), "np", "coref")
        if tok.pos_ == "PRON" or tok.tag_ == "PRP$":
            if lower in PLURAL_PRONOUNS:
                # only a group just named ("Kazakhstan and Uzbekistan ... they"): a plural
                # pronoun too often means people, officials or the reporters
                if last_group is not None and sent - last_group[0] <= 1:
                    actors = tuple(a.with_text(tok.text) for a in last_group[1])
                    return Mention(tok.i, tok.i + 1, tok.i, actors, "np", "coref")
                return plural_speaker(doc, tok, sent, history) or plural_subject_again(doc, tok, sent, history) \
                    or plural_object_again(doc, tok, sent, history)
            wanted = ("person",) if lower in PERSON_PRONOUNS else ("country",) if lower in THING_PRONOUNS else None
            if wanted is None:
                return None
            if wanted == ("country",):
                told = told_to(doc, tok, history, sent) or asked_to(doc, tok, history, sent)
                if told is not None or object_meant(tok, history) or act_called(tok):
                    return told  # (none for "condemned the pact, saying it ...": the pact)
                if lower == "it" and unnamed_speaker(tok, history):
                    return None  # "Vardacell said it would co-operate": the firm no actor names
                # "it"/"its" is a state only when a state was the subject of this or the last
                # sentence: companies and bodies are "it" too, and they are not in the dictionary;
                # never the subject of the verb "it" is the object of ("the ruling barred it"), nor
                # the judge of what "its" owns ("Germany condemned its decision": ``JUDGING_VERBS``)
                judge = tok.head.head
                not_it = {tok.head.i, *subject_verb(tok.head)} if tok.dep_ in ("dobj", "dative") else \
                    {judge.i, judge.head.i if judge.dep_ == "conj" else judge.i} \
                    if lower == "its" and tok.head.dep_ == "dobj" and judge.lemma_.lower() in JUDGING_VERBS else set()
                for s, m in reversed(history):
                    if sent - s > 1:
                        return None
                    # only "it" (not "its") takes a coded actor of an imported dictionary, which may be
                    # anything; an organisation subject is "it" too ("The EU said it will start talks")
                    kinds = ("country", "igo", "bloc", "actor") if lower == "it" else ("country", "igo", "bloc")
                    if doc[m.head].head.i in not_it or (s == sent and m.head in quoted):
                        continue  # (nor what a quote names: '"Rohan must stop," it said')
                    if m.role == "np" and len(m.actors) == 1 and (
                            (m.actors[0].kind in kinds and doc[m.head].dep_ in ("nsubj", "nsubjpass")
                             and not personal(doc, m))
                            or (lower == "it" and spoken_for(doc, m))):
                        return Mention(tok.i, tok.i + 1, tok.i, (m.actors[0].with_text(tok.text),), "np", "coref")
                return None
            if wanted == ("person",) and unknown_speaker(tok, history):
                return None  # "An analyst said he expected ...": the analyst, whom no actor names
            if wanted == ("person",):
                spoken = own_speaker(doc, tok, history)  # "Rohan's king said he would ..."
                if spoken is not None:
                    return spoken
                said = said_by(tok)  # no one named in what the pronoun says ("X's task is ..., he said")
                history = [(s, m) for s, m in history if s != sent or m.head not in said]
                # "Tokayev held talks with Macron ..., his first visit": the sentence's subject
                # is the likelier antecedent than the nearest name
                root = tok.sent.root
                for s, m in history:
                    if s == sent and m.role == "np" and personal(doc, m) and m.head < tok.i \
                            and not own_subject(doc, tok, m, history) \
                            and doc[m.head].dep_ == "nsubj" and doc[m.head].head.i == root.i:
                        return Mention(tok.i, tok.i + 1, tok.i, (m.actors[0].with_text(tok.text),), "np", "coref")
                if tok.dep_ in ("nsubj", "nsubjpass") and not any(
                        s == sent and m.head < tok.i and personal(doc, m) for s, m in history):
                    # "The Kenyan president met Olaf Scholz. He flies on to Oslo tomorrow":
                    # a subject pronoun continues the last sentence's subject, or the owner of
                    # it ("Ruto's first stop was Oslo. He then ...")
                    for s, m in history:
                        head = doc[m.head]
                        if head.dep_ == "poss" and head.head.dep_ in ("nsubj", "nsubjpass"):
                            head = head.head
                        if s == sent - 1 and m.role == "np" and personal(doc, m) \
                                and head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "ROOT":
                            return Mention(tok.i, tok.i + 1, tok.i, (m.actors[0].with_text(tok.text),), "np", "coref")
            for s, m in reversed(history):  # wanted is ("person",) here: "it" returned above
                if sent - s > 2:
                    break
                if m.role == "np" and personal(doc, m) and not (s == sent and own_subject(doc, tok, m, history)):
                    return Mention(tok.i, tok.i + 1, tok.i, (m.actors[0].with_text(tok.text),), "np", "coref")
            return None
        placed = there(doc, tok, history, sent)  # "the conflict in Rohan ... the government there"
        if placed is not None:
            return self._institution(placed[0], placed[1], doc, placed[2], tok)
        again = self._role_again(doc, tok, sent, history) or craft_again(doc, tok, sent, history, self.craft_nouns)
        if again is not None:
            return again
        # "the government", "the prime minister": the state most in focus, its government
        found = state_official(doc, tok, sent, history, salience, self.title_states, self._institution, home, by_head)
        if found is not None:
            return found
        spokesman = self._spokesman(doc, tok, sent, history)
        if spokesman is not None:
            return spokesman
        # "the country"; "the kingdom", the last kingdom named (descriptors.yaml state_kinds)
        if tok.lemma_.lower() in self.country_nouns and tok.tag_ == "NN":
            lefts = [c for c in tok.lefts]
            fits = self.state_kinds.get(tok.lemma_.lower())
            if lefts and lefts[0].lower_ == "the" and len(lefts) == 1:
                for s, m in reversed(history):
                    if sent - s > 3:
                        break
                    for a in m.actors:
                        if a.kind == "country" and a.country and len(a.country) == 3 and (fits is None or a.country in fits):
                            actor = self._country_actor(a.country, doc[lefts[0].i: tok.i + 1].text, None, False)
                            return Mention(lefts[0].i, tok.i + 1, tok.i, (actor,), "np", "coref")
        return None


    @staticmethod
    def _bare_group(doc: Doc, tok: Token, sent: int, lefts: set[str],
                    last_group: tuple[int, tuple[Actor, ...]] | None) -> Mention | None:
        """ "the ministers", "the foreign ministers", "the participants" with no number: the
        group named together as a subject in this sentence or the ``GROUP_SENTENCES`` before
        it, when no other group was named since ("Gondor, Rohan
        and Arnor held talks ... The leaders condemned ..."). Only a plain plural (its article
        and words such as "foreign", none naming a state or a number, no "of" phrase after
        it), and only when such a group was just named: "the ministers" of one government
        stay nobody's."""
        if last_group is None or sent - last_group[0] > GROUP_SENTENCES or \
                (len(last_group[1]) < 2 and last_group[1][0].kind not in ORGANISATION_KINDS):
            return None
        if tok.lemma_.lower() not in GROUP_NOUNS or not (lefts & DEFINITE_GROUP) or lefts & (NUMBER_WORDS.keys() | {"two", "both"}):
            return None
        if any(c.dep_ in ("poss", "nummod") or c.ent_type_ in ("NORP", "GPE", "ORG") for c in tok.lefts) or \
                any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.rights):
            return None
        return _group_mention(doc, min(c.i for c in tok.lefts if c.lower_ in DEFINITE_GROUP), tok, last_group[1])

    @staticmethod
    def _gathering(tok: Token, sent: int, last_group: tuple[int, tuple[Actor, ...]] | None) -> Mention | None:
        """ "the summit", "the meeting", "the statement" as the subject of a verb: the group
        named together as a subject just before, who met or spoke ("Gondor, Rohan and Arnor
        met in Edoras ... The summit condemned Harad"). Only a singular noun with "the" (or
        "this") and no phrase of its own ("the statement by Harad" is Harad's); and "it" as
        the subject right after one ("The declaration condemned Harad. It also urged ...")."""
        said, back = tok, 0
        if tok.lower_ == "it" and tok.dep_ in ("nsubj", "nsubjpass") and tok.sent.start > 0:
            tok = next((t for t in tok.doc[tok.sent.start - 1].sent if t.dep_ in ("nsubj", "nsubjpass")
                        and t.head.dep_ == "ROOT"), tok)
            back = 1
        if last_group is None or sent - back - last_group[0] > GATHERING_SENTENCES or len(last_group[1]) < 2:
            return None
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in GATHERING_NOUNS or tok.dep_ not in ("nsubj", "nsubjpass"):
            return None
        lefts = list(tok.lefts)
        if not lefts or lefts[0].lower_ not in ("the", "this") or \
                any(c.dep_ in ("poss", "compound", "nummod") or c.ent_type_ for c in lefts) or \
                any(c.dep_ in ("prep", "acl", "relcl", "appos") for c in tok.rights):
            return None
        return _group_mention(tok.doc, said.i if back else lefts[0].i, said, last_group[1])

    def _role_again(self, doc: Doc, tok: Token, sent: int, history: list[tuple[int, Mention]]) -> Mention | None:
        """ "the rebels", "the troops", "the police" with nothing else said of them: the last
        actor of that role named in the sentences before ("Gondorian rebels shelled Tharbad
        ... the rebels said"). Roles as in ``roles.yaml``, only those of ``AGAIN_ROLES``."""
        if tok.pos_ != "NOUN" or tok.dep_ in ("compound", "poss", "amod"):
            return None
        word = self.kb.roles.get(tok.lower_) or self.kb.roles.get(tok.lemma_.lower())
        if word is None or word.code not in AGAIN_ROLES or word.prefix or tok.lemma_.lower() in self.weapon_nouns:
            return None  # "the missiles" are whoever fired them, not the last army named (descriptors.yaml)
        lefts = list(tok.lefts)
        if len(lefts) != 1 or lefts[0].lower_ != "the" or any(c.dep_ == "prep" for c in tok.rights):
            return None
        for s, m in reversed(history):
            if sent - s > 2:
                break
            for a in m.actors:
                if a.kind != "person" and word.code in a.roles:
                    text = doc[lefts[0].i: tok.i + 1].text
                    return Mention(lefts[0].i, tok.i + 1, tok.i, (a.with_text(text),), "np", "coref")
        return None

    def _spokesman(self, doc: Doc, tok: Token, sent: int, history: list[tuple[int, Mention]]) -> Mention | None:
        """ "A spokesman said ...", "an official said ..." with no side named: the government
        of the state whose government or people the last sentence's subject was ("The Rohirric
        foreign ministry said ... A spokesman added ...")."""
        if not spokesman_of(tok):
            return None
        country = previous_subject_state(doc, sent, history)
        if country is None:
            return None
        return self._institution(country, "GOV", doc, next(iter(tok.lefts)).i, tok)


#: Roles a bare definite role noun names again ("the rebels", "the troops", "the police"):
#: the last actor of that role. Not GOV: "the government" is the state in focus
#: (``officials.state_official``).
AGAIN_ROLES = frozenset({"REB", "MIL", "COP"})


def _group_mention(doc: Doc, start: int, tok: Token, actors: tuple[Actor, ...]) -> Mention:
    """A coreference mention from ``start`` to ``tok`` naming again a group of actors."""
    text = doc[start: tok.i + 1].text
    return Mention(start, tok.i + 1, tok.i, tuple(a.with_text(text) for a in actors), "np", "coref")


def _counted(count: int, sent: int, *groups: tuple[int, tuple[Actor, ...]] | None) -> tuple[Actor, ...] | None:
    """The actors of the latest group of exactly ``count`` named together in this sentence or
    the ``GROUP_SENTENCES`` before ("the three countries" after a list of three)."""
    fits = [g for g in groups if g is not None and len(g[1]) == count and sent - g[0] <= GROUP_SENTENCES]
    return max(fits, key=lambda g: g[0])[1] if fits else None
