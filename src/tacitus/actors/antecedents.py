"""Tests of whether an earlier mention may be what a pronoun or a name stands for, used by
coreference (:mod:`tacitus.actors.coref`): a person's mention, a surname's spelling variants,
the clause a pronoun is bound in ("him" is never its own clause's subject), the body a
spokesperson speaks for, a speaker no actor names, the side of a bare "a spokesman" (that of
the last sentence's subject), the state a "there" places a government in, the plural subject
a "they" continues; quoted pronouns a speaker says whom they mean (:func:`said_of`), an "it"
that is an act rather than a state (:func:`object_meant`, :func:`act_called`), and the pairs
of states named together that "both countries" may name again (:func:`coordinated_pair`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from tacitus.actors.mentions import Mention
from tacitus.actors.names import Descriptors
from tacitus.records import Actor

#: Head nouns of a title that names one person ("the Pakistani president", "Russia's foreign
#: minister"): "he"/"his" may refer to them as to a named leader.
#: Words before a name that make it a person's ("Mr Okafor", "Dr Lopes").
PERSON_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr"})
PERSON_TITLES = frozenset("president premier chancellor minister secretary king queen emir sultan "
                          "prince leader envoy ambassador spokesman spokeswoman spokesperson "
                          "general commander senator governor mayor diplomat negotiator".split())
#: Nouns of a person who speaks: with no actor named, "he"/"she" in what they said is them.
SPEAKER_NOUNS = PERSON_TITLES | frozenset("head chief official analyst expert executive director chairman "
                                          "chairwoman lawyer researcher professor economist activist".split())
#: Nouns that describe one person: a name introduced by one of them is a person's (the titles,
#: and a few nouns that are no titles; read by the open-world stage).
PERSON_NOUNS = PERSON_TITLES | frozenset({"official", "lawmaker", "judge", "representative", "adviser", "advisor",
                                          "aide", "chief", "delegate", "mp", "mep", "deputy", "director"})

#: Shortest surname whose spelling variants are matched (shorter names differ by one letter
#: from too many others: "Kim", "Lee", "Shah").
MIN_VARIANT = 5


#: Nouns of those who speak for a body: "it" in what they say is the body.
SPOKES_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson"})


def spoken_for(doc: Doc, m: Mention) -> bool:
    """Whether ``m`` names the body a spokesperson who is a subject speaks for: "a spokesman
    for the Rohan government said it ...", "Gondor's army spokesman Hirgon said it ..." ("it"
    is the government, the army)."""
    head = doc[m.head]
    if head.dep_ == "pobj" and head.head.lower_ == "for":
        head = head.head.head
    return head.dep_ == "nsubj" and (head.lemma_.lower() in SPOKES_NOUNS or any(
        t.lemma_.lower() in SPOKES_NOUNS for t in doc[m.start:m.end]))


def with_subject(verb: Token, through: frozenset[str] = frozenset({"conj", "xcomp", "advcl", "pcomp"}),
                 steps: int = 4) -> Token:
    """The verb whose subject a clause with none of its own takes: up from a conjunct, an
    infinitive, an adverbial clause or a gerund after a preposition ("Arnor offered to mediate",
    "..., saying he would", "looks forward to working with him"), at most ``steps`` times."""
    for _ in range(steps):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) or verb.dep_ not in through \
                or verb.head.i == verb.i:
            break
        verb = verb.head.head if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" else verb.head
    return verb


def own_subject(doc: Doc, tok: Token, m: Mention, history: Sequence[tuple[int, Mention]] = ()) -> bool:
    """Whether ``m`` is the subject of the clause whose object is the pronoun ``tok``.

    "Him" and "her" as an object never mean their own clause's subject (that would be
    "himself"): in "Putin congratulated him" the man is someone named before Putin. A clause
    with no subject of its own has the one it is controlled by ("Blair looks forward to
    working with him": not Blair), also when that subject is a pronoun told before to be
    ``m``'s actor ("Blair said he looks forward to working with him").
    """
    if tok.tag_ != "PRP" or tok.dep_ not in ("dobj", "iobj", "dative", "pobj"):
        return False
    verb = with_subject(tok.head.head if tok.dep_ == "pobj" else tok.head)
    head = doc[m.head]
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.i == verb.i:
        return True
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and bool(m.actors) and any(
        x.head == subj.i and x.actors and x.actors[0].key == m.actors[0].key for _, x in history)


def unknown_speaker(tok: Token, history: list[tuple[int, Mention]]) -> bool:
    """ "he"/"she" as the subject (or owner) in what a person said, when that person is named
    by no actor: "An analyst said he expected ...", "The head of the company, Juan Soto, said
    he was happy": the pronoun is the speaker, not the last known person named before."""
    if tok.dep_ not in ("nsubj", "nsubjpass", "poss"):
        return False
    clause = tok.head if tok.dep_ != "poss" else tok.head.head
    if clause.dep_ != "ccomp" or clause.head.pos_ not in ("VERB", "AUX"):
        return False
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if speaker is None or speaker.pos_ == "PRON":
        return False
    personal = speaker.ent_type_ == "PERSON" or speaker.lemma_.lower() in SPEAKER_NOUNS or any(
        c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in speaker.children)
    if not personal:
        return False
    # the speaker, or the name in apposition to them, is a known actor's mention
    own = {speaker.i} | {c.i for c in speaker.children if c.dep_ == "appos"}
    return not any(m.start <= i < m.end for _, m in history for i in own)


def unnamed_speaker(tok: Token, history: list[tuple[int, Mention]]) -> bool:
    """ "it" as the subject of what a thing with a name no actor covers said or was told:
    "Vardacell said it would co-operate", "Kestrel Oil has been told it faces fines". The
    pronoun is that company or body, not the state named before. Not after a person's full
    name, an analyst or a pronoun ("Mr Lopes said it was a mistake": "it" is no speaker)."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ccomp" or tok.head.head.pos_ not in ("VERB", "AUX"):
        return False
    speaker = next((c for c in tok.head.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
    if speaker is None or speaker.pos_ != "PROPN" or speaker.lemma_.lower() in SPEAKER_NOUNS:
        return False
    name = [t for t in speaker.subtree if t.i <= speaker.i and t.pos_ == "PROPN"]
    # (the small model tags many a firm as a person: "Kestrel Oil" ends in a firm's word)
    firm = speaker.lower_ in Descriptors.load().org_generic_words
    if speaker.ent_type_ == "PERSON" and len(name) >= 2 and not firm or any(
            t.lower_.rstrip(".") in PERSON_HONORIFICS for t in speaker.subtree if t.i < speaker.i):
        return False  # "Ana Lopes said it ...", "Mr Lopes said it ..."
    return not any(m.start <= speaker.i < m.end for _, m in history)


def variant(word: str, surname: str) -> bool:
    """Two spellings of one name: the same first three letters and one edit apart."""
    if word[:3] != surname[:3] or abs(len(word) - len(surname)) > 1 or len(surname) < MIN_VARIANT:
        return False
    if len(word) == len(surname):
        return sum(a != b for a, b in zip(word, surname, strict=True)) == 1
    short, long_ = sorted((word, surname), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


#: Plural nouns of people that, after "the two", name the last two persons named ("Gondor's
#: king met Rohan's queen ... the two discussed"; not the states in focus).
PEOPLE_NOUNS = frozenset({"man", "woman"})
#: How many sentences back "the two men" may reach for its persons.
PEOPLE_SENTENCES = 1


def two_persons(doc: Doc, sent: int, history: Sequence[tuple[int, Mention]],
                any_states: bool = False) -> tuple[Actor, Actor] | None:
    """The last two persons named in this sentence and the one before, when they are of two
    different states ("Blair met Gaddafi in Tripoli. The two men discussed oil"); else None:
    two hostages or two suspects are no pair of states. With ``any_states``, two persons of
    one state too (whom "the pair" may name: two ministers of one government)."""
    people: list[Actor] = []
    for s, m in reversed(history):
        if sent - s > PEOPLE_SENTENCES:
            break
        # two of one state count as two with ``any_states`` (their actors' keys are one)
        if m.role == "np" and personal(doc, m) and not any(
                a.key == m.actors[0].key and (not any_states or a.name == m.actors[0].name) for a in people):
            people.append(m.actors[0])
        if len(people) == 2:
            break
    if len(people) != 2 or any(not a.country or len(a.country) != 3 or not a.role for a in people) \
            or (people[0].country == people[1].country and not any_states):
        return None
    return people[1], people[0]


def personal(doc: Doc, m: Mention) -> bool:
    """Whether a mention names one person: a known person, or a title ("the Pakistani
    president", "Uzbek Foreign Minister X" with an unknown name)."""
    if len(m.actors) != 1:
        return False
    if m.actors[0].kind == "person":
        return True
    head = doc[m.head]
    if head.tag_ in ("NN", "NNP") and head.lemma_.lower() in PERSON_TITLES:
        return True  # "the Pakistani president"
    return head.tag_ == "NNP" and any(t.lemma_.lower() in PERSON_TITLES for t in doc[m.start:m.head])


#: Verbs of telling an actor what it must do, and the modals of that obligation.
TELLING_VERBS = frozenset({"tell", "warn", "remind", "inform"})
OBLIGATION_MODALS = frozenset({"must", "should", "ought"})
#: Verbs of asking an actor to act, whose "its" in the act asked is the asked actor's.
ASKING_VERBS = frozenset({"call", "urge", "ask", "press", "tell", "encourage", "appeal", "push", "invite"})


def told_to(doc: Doc, tok: Token, history: list[tuple[int, Mention]], sent: int) -> Mention | None:
    """ "it" as the subject of what a state is told it must do is that state: "told Rohan it
    must withdraw", "warned Gondor that it should not interfere" (an obligation put on the one
    told; "told Rohan it would withdraw" may be the speaker's own plan, and is left alone)."""
    clause = tok.head
    if tok.lower_ != "it" or tok.dep_ != "nsubj" or clause.dep_ != "ccomp" or \
            clause.head.lemma_.lower() not in TELLING_VERBS or \
            not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in clause.children):
        return None
    told = next((c for c in clause.head.children if c.dep_ in ("dobj", "dative") and c.i < tok.i), None)
    return _state_named_at(doc, tok, told, history, sent) if told is not None else None


def asked_to(doc: Doc, tok: Token, history: list[tuple[int, Mention]], sent: int) -> Mention | None:
    """ "its" in what a state is asked to do is that state's: "called on Rohan to withdraw its
    troops", "urged Gondor to honour its commitments" (the one asked acts on its own things)."""
    if tok.lower_ != "its" or tok.dep_ != "poss":
        return None
    clause = next((a for a in tok.ancestors if a.dep_ == "xcomp"), None)
    if clause is None or clause.head.lemma_.lower() not in ASKING_VERBS:
        return None
    if any(a.i != clause.i and any(c.dep_ in ("nsubj", "nsubjpass") for c in a.children)
           for a in tok.ancestors if clause in a.ancestors):
        return None  # "asked Rohan to rule on tariffs that Gondor put on its wool": Gondor's clause
    verb = clause.head
    asked = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i < clause.i] + \
        [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to") and c.i < clause.i
         for g in c.children if g.dep_ == "pobj"]
    return _state_named_at(doc, tok, asked[0], history, sent) if len(asked) == 1 else None


def _state_named_at(doc: Doc, pronoun: Token, at: Token, history: list[tuple[int, Mention]],
                    sent: int) -> Mention | None:
    """The pronoun as a mention of the one state or organisation (not a person) named at
    ``at`` in its sentence, if one is."""
    for s, m in reversed(history):
        if s == sent and m.head == at.i and m.role == "np" and len(m.actors) == 1 \
                and m.actors[0].kind in ("country", "igo", "bloc") and not personal(doc, m):
            return Mention(pronoun.i, pronoun.i + 1, pronoun.i, (m.actors[0].with_text(pronoun.text),), "np", "coref")
    return None


#: Speakers of no named side whom the last sentence's subject says whose they are.
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "official"})
#: Words that may stand between "a" and such a speaker ("a senior official").
SPEAKER_WORDS = frozenset({"senior", "government", "ministry", "top", "second", "another"})


def spokesman_of(tok: Token) -> bool:
    """Whether a subject is a bare "a spokesman", "an official", "a senior official": one
    speaker of no named side ("for X", "of X", an adjective naming a state say whose)."""
    lefts = list(tok.lefts)
    return tok.lemma_.lower() in SPOKESPEOPLE and tok.tag_ == "NN" and tok.dep_ == "nsubj" \
        and bool(lefts) and lefts[0].lower_ in ("a", "an") \
        and all(t.lower_ in SPEAKER_WORDS for t in lefts[1:]) \
        and not any(c.dep_ in ("prep", "appos") for c in tok.rights)


def previous_subject_state(doc: Doc, sent: int, history: list[tuple[int, Mention]]) -> str | None:
    """The state of the last sentence's main subject, when it names one state (itself, its
    government or one of its people)."""
    states = {a.country for s, m in history if s == sent - 1 and m.role == "np" and doc[m.head].dep_ in ("nsubj", "nsubjpass")
              and doc[m.head].head.dep_ == "ROOT" for a in m.actors if a.country and len(a.country) == 3}
    return states.pop() if len(states) == 1 else None


#: Nouns of a state's rulers, forces or people that "there" may place in the state just named
#: ("the conflict in Rohan ... the military government there"), with their role.
THERE_ROLES = {"government": "GOV", "regime": "GOV", "administration": "GOV", "authority": "GOV",
               "official": "GOV", "leader": "GOV", "leadership": "GOV", "junta": "MIL",
               "military": "MIL", "army": "MIL", "troop": "MIL", "force": "MIL", "police": "COP",
               "rebel": "REB", "opposition": "OPP"}
#: Prepositions that name where something is or goes.
PLACE_PREPOSITIONS = frozenset({"in", "to", "into", "inside", "across", "from"})


def there(doc: Doc, tok: Token, history: list[tuple[int, Mention]], sent: int) -> tuple[str, str, int] | None:
    """ "the government there", "troops there": the state last named as a place ("in Rohan",
    "to Rohan") in this or the last sentence, the role, and where the phrase starts."""
    role = THERE_ROLES.get(tok.lemma_.lower())
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None  # the parser may hang it on the verb
    if role is None or tok.pos_ != "NOUN" or not (any(c.lower_ == "there" and c.dep_ == "advmod" for c in tok.children)
                                                  or (after is not None and after.lower_ == "there" and after.dep_ == "advmod")):
        return None
    for s, m in reversed(history):
        head = doc[m.head]
        if sent - s > 1 or m.head > tok.i:
            continue
        if m.role == "np" and len(m.actors) == 1 and m.actors[0].kind == "country" and m.actors[0].country \
                and head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPOSITIONS:
            return m.actors[0].country, role, min((c.i for c in tok.lefts if c.dep_ == "det"), default=tok.i)
    return None


def plural_subject_again(doc: Doc, tok: Token, sent: int, history: list[tuple[int, Mention]]) -> Mention | None:
    """ "they" opening a sentence as its main subject continues the last sentence's plural
    subject when that named one actor: "Gondorian troops crossed the river. They attacked ..."
    (Gondor's military), "Rohirric officials met ... They said ..." (a group of several
    actors is read before, by coreference's last group)."""
    root = tok.sent.root
    if tok.lower_ != "they" or tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.i != root.i \
            or any(t.dep_ in ("nsubj", "nsubjpass") for t in doc[tok.sent.start: tok.i]):
        return None
    for s, m in reversed(history):
        if s < sent - 1:
            return None
        head = doc[m.head]
        subject = _group_subject(head) if m.role == "np" else None
        if s == sent - 1 and len(m.actors) == 1 and subject is not None \
                and subject.dep_ in ("nsubj", "nsubjpass") and subject.head.i == subject.sent.root.i:
            return Mention(tok.i, tok.i + 1, tok.i, (m.actors[0].with_text(tok.text),), "np", "coref")
    return None


#: Singular nouns of a body of people that "they" names again: "The Rohirric delegation
#: arrived ... They met ...".
COLLECTIVE_NOUNS = frozenset({"delegation", "team", "contingent", "crew"})


def _group_subject(head: Token) -> Token | None:
    """The plural or collective subject a mention's head stands in, if any: the head itself
    ("Gondorian troops"), the people it is "of" or "from" ("hundreds of Gondorian protesters",
    "ministers from the League", "leaders of the League's member states")."""
    t = head
    if t.dep_ == "poss":
        t = t.head
    if t.dep_ == "pobj" and t.head.lower_ in ("of", "from") and t.head.head.dep_ in ("nsubj", "nsubjpass"):
        t = t.head.head
    if t.tag_ in ("NNS", "NNPS") or (t.tag_ == "NN" and t.lemma_.lower() in COLLECTIVE_NOUNS):
        return t
    return None


def subject_verb(verb: Token) -> tuple[int, ...]:
    """The verb a participle or a conjunct with no subject of its own takes its subject from
    ("Gondor cut ties with Rohan, accusing it of ...": "cut"), as a 1-tuple; else ()."""
    if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return (verb.head.i,)
    return ()


def plural_object_again(doc: Doc, tok: Token, sent: int, history: list[tuple[int, Mention]]) -> Mention | None:
    """ "them" as an object names again the plural object of a verb just before, one actor's
    people: "Gondor expelled two Rohirric diplomats, accusing them of spying", "Gondor
    detained three Rohirric sailors. It later released them" (not the subject of its own
    clause, and only in this sentence or the last)."""
    if tok.lower_ != "them" or tok.dep_ not in ("dobj", "dative", "pobj"):
        return None
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    subjects = {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
    for s, m in reversed(history):
        if s < sent - 1:
            return None
        head = doc[m.head]
        if m.head >= tok.i or m.head in subjects or len(m.actors) != 1:
            continue  # (the noun itself or its adjective: "two Rohirric sailors")
        if head.tag_ in ("NNS", "NNPS") and head.dep_ in ("dobj", "nsubjpass", "dative"):
            return Mention(tok.i, tok.i + 1, tok.i, (m.actors[0].with_text(tok.text),), "np", "coref")
    return None


def plural_speaker(doc: Doc, tok: Token, sent: int, history: list[tuple[int, Mention]]) -> Mention | None:
    """ "they" as the subject of what a plural subject said: "the rebels said they had
    shelled the town" (the rebels); or of a clause joined to that subject's ("Gondorian
    ships seized a Rohirric boat, and then they detained its crew"). "Gondor and Rohan said
    they ..." is a group, read before."""
    verb = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ not in ("ccomp", "conj") or \
            verb.head.pos_ not in ("VERB", "AUX"):
        return None
    if verb.dep_ == "conj" and tok.dep_ == "nsubjpass":
        return None  # "fired at Rohirric farmers, but they were not hurt": the farmers
    subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.tag_ not in ("NNS", "NNPS"):
        return None
    for s, m in reversed(history):
        if s == sent and m.head == subj.i and m.role == "np" and len(m.actors) == 1:
            return Mention(tok.i, tok.i + 1, tok.i, (m.actors[0].with_text(tok.text),), "np", "coref")
    return None


#: Verbs of saying whose subject "he"/"she" in the clause said is: "Katsav said he would ...".
SAYING_VERBS = frozenset("say tell add insist claim argue state declare announce warn stress explain "
                         "reply respond write tweet".split())


def own_speaker(doc: Doc, tok: Token, history: Sequence[tuple[int, Mention]]) -> Mention | None:
    """ "he"/"she" as the subject of what a person says is that person: "Gondor's king refused
    to meet him, saying he would only receive him at home" (the king, the subject the
    participle "saying" takes from its clause), not the last person named."""
    clause = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SAYING_VERBS:
        return None
    # "..., saying he ...": the participle's subject is its clause's
    verb = with_subject(clause.head, frozenset({"advcl", "conj", "xcomp"}), 3)
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    for _, m in reversed(history):
        if m.head == subj.i and m.role == "np" and len(m.actors) == 1 and personal(doc, m):
            return Mention(tok.i, tok.i + 1, tok.i, (m.actors[0].with_text(tok.text),), "np", "coref")
    return None


#: How many sentences back a craft ("the ships") may have been named with its state.
CRAFT_SENTENCES = 3
#: How a state is named on a noun: "Gondorian tankers", "Gondor's ships", "Gondor-flagged vessels".
OWNER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})


def craft_again(doc: Doc, tok: Token, sent: int, history: Sequence[tuple[int, Mention]],
                classes: dict[str, frozenset[str]]) -> Mention | None:
    """ "the ships", "the vessel", "the planes" with "the" and nothing else said of them:
    the state named on craft of the same class (``craft_nouns`` in descriptors.yaml) in the
    last ``CRAFT_SENTENCES`` sentences ("Arnor seized two Gondor-flagged tankers ... the
    ships had entered Arnorian waters")."""
    lemma = tok.lemma_.lower()
    kind = next((k for k, words in classes.items() if lemma in words), None)
    lefts = list(tok.lefts)
    if kind is None or tok.pos_ != "NOUN" or len(lefts) != 1 or lefts[0].lower_ != "the" or \
            any(c.dep_ == "prep" for c in tok.rights):
        return None
    for s, m in reversed(history):
        if sent - s > CRAFT_SENTENCES:
            break
        # a modifier's mention has the noun it modifies as its head ("Gondorian tankers"), a
        # name its own ("Gondor's ships"; "Gondorian jets" as one mention); a subject owns
        # the craft it sends ("Gondor sent two frigates")
        head = doc[m.head]
        craft = head if m.role == "modifier" or head.lemma_.lower() in classes[kind] else \
            head.head if head.dep_ in OWNER_DEPS else \
            next((c for c in head.head.children if c.dep_ == "dobj"), None) if head.dep_ == "nsubj" else None
        for _ in range(3):  # "Gondor-flagged oil tankers": up to the head noun
            if craft is None or (craft.pos_ == "NOUN" and craft.dep_ != "compound") or craft.head.i == craft.i:
                break
            craft = craft.head
        if s < sent and craft is not None and craft.lemma_.lower() in classes[kind] \
                and all(a.kind == "country" for a in m.actors):
            text = doc[lefts[0].i: tok.i + 1].text
            return Mention(lefts[0].i, tok.i + 1, tok.i, tuple(a.with_text(text) for a in m.actors), "np", "coref")
    return None


#: Heads of a definite phrase that names a state's government or its leader ("the government",
#: "the prime minister") when no state is named in it.
OFFICIAL_HEADS = frozenset("government administration cabinet ministry president premier chancellor "
                           "minister secretary authority".split())
#: A state's institutions named with no state ("the Supreme Court", "parliament", "Congress"):
#: those of the state most in focus, with their role.
INSTITUTIONS = {"parliament": "LEG", "senate": "LEG", "congress": "LEG", "legislature": "LEG",
                "commons": "LEG", "treasury": "GOV", "judiciary": "JUD", "court": "JUD"}
#: Members of a legislature named in the plural with no state ("MPs voted to ...", "the
#: lawmakers"): the legislature of the state most in focus, as "parliament" is.
LEGISLATORS = frozenset({"mp", "lawmaker", "legislator", "parliamentarian"})
#: The role nouns of the state in focus: read by coreference (the official or institution of
#: the state most in focus), never as the actor last introduced by that noun.
FOCUS_NOUNS = OFFICIAL_HEADS | frozenset(INSTITUTIONS) | LEGISLATORS


#: How fast salience fades per sentence; 0.6 lets a state named twice two sentences ago
#: (2 x 0.36) still lose to one named once in the current sentence plus once before.
DECAY = 0.6


def salient_states(seen: Iterable[tuple[int, Mention]], sent: int, decay: float = DECAY) -> list[tuple[str, Actor]]:
    """States named so far, most salient first, each with the latest actor that named it.

    ``seen``: (sentence index, mention) pairs; mentions after ``sent`` are ignored. Each
    mention of a state (a country, or a person of one) adds ``decay ** sentences_ago`` (1.0
    counts the mentions)."""
    score: dict[str, float] = {}
    latest: dict[str, Actor] = {}
    for s, m in seen:
        if s > sent:
            continue
        for a in m.actors:
            if a.kind not in ("country", "person") or not a.country or len(a.country) != 3:
                continue
            score[a.country] = score.get(a.country, 0.0) + decay ** (sent - s)
            # the latest person of each state stands for it ("the two leaders"), else its latest name
            if a.kind == "person" or a.country not in latest or latest[a.country].kind != "person":
                latest[a.country] = a
    return [(c, latest[c]) for c in sorted(score, key=lambda c: -score[c])]


#: Verbs of saying whose "of" phrase names whom a quote is about ("'They are pirates,' he
#: said of the Turks"), and verbs that do so with "to" ("..., referring to the Turkish ships").
SAID_OF_VERBS = frozenset({"say", "add", "remark", "write", "tell", "declare", "tweet"})
REFERRING_VERBS = frozenset({"refer", "speak", "talk"})
#: The third-person pronouns (coreference reads them, and :func:`said_of`): "they" for anyone,
#: "it" for no person, "he" and "she" for persons.
PLURAL_PRONOUNS = frozenset({"they", "their", "them", "theirs"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
THING_PRONOUNS = frozenset({"it", "its"})


def said_of(doc: Doc, mentions: Sequence[Mention], quoted: set[int]) -> dict[int, Mention]:
    """Quoted pronouns whose speaker says whom they mean: "'They are behaving like pirates,'
    the president said of the Turks", "'They have no right to be there,' the minister said,
    referring to the Turkish ships". The pronoun's index -> its mention, of the actors that
    phrase names (an actor's own mention, or the state of a modified noun), for the
    third-person pronouns of the quoted clause of that verb."""
    at = {m.head: m for m in mentions if m.role in ("np", "modifier")}
    out: dict[int, Mention] = {}
    for verb in doc:
        if verb.lemma_.lower() not in SAID_OF_VERBS or verb.pos_ != "VERB":
            continue
        phrases = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"] + [
            p for c in verb.children if c.dep_ == "advcl" and c.lemma_.lower() in REFERRING_VERBS
            for p in c.children if p.dep_ == "prep" and p.lower_ == "to"]
        named = next((at[g.i] for p in phrases for g in p.children if g.dep_ == "pobj" and g.i in at), None)
        if named is None:
            continue
        persons = all(a.kind == "person" for a in named.actors) or doc[named.head].lemma_.lower() in PERSON_TITLES
        for clause in verb.children:
            if clause.dep_ != "ccomp":
                continue
            for tok in clause.subtree:
                word = tok.lower_
                if tok.i in quoted and (word in PLURAL_PRONOUNS or (word in THING_PRONOUNS and not persons)
                                       or (word in PERSON_PRONOUNS and persons)):
                    out[tok.i] = Mention(tok.i, tok.i + 1, tok.i, tuple(a.with_text(tok.text) for a in named.actors),
                                         "np", "coref")
    return out


def said_by(tok: Token) -> set[int]:
    """The words a pronoun that says something says: "Rohan's first task is to rebuild
    trust, he said" (the clause "he said" is set in) or "he said Rohan must ..." (the clause
    it reports). A speaker does not name himself in the third person in his own words, so
    no one named there is the pronoun's antecedent."""
    verb = tok.head
    if tok.dep_ != "nsubj" or verb.lemma_.lower() not in SAYING_VERBS:
        return set()
    if verb.dep_ in ("parataxis", "ccomp") and verb.head.i != verb.i and verb.i > verb.head.i:
        inside = {t.i for t in verb.subtree}
        return {t.i for t in verb.sent if t.i not in inside}
    return {t.i for c in verb.children if c.dep_ == "ccomp" for t in c.subtree}


def object_meant(tok: Token, history: Sequence[tuple[int, Mention]]) -> bool:
    """Whether "it" is what its sentence's verb acted on, not a state: "Gondor condemned the
    pact, saying it breaks the law" (the pact). "It" as the subject of what a participle of
    saying says, when the verb the participle hangs on has an object that names no actor."""
    if tok.lower_ != "it" or tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ccomp":
        return False
    saying = tok.head.head
    if saying.tag_ != "VBG" or saying.dep_ not in ("advcl", "xcomp", "conj"):
        return False
    heads = {m.head for _, m in history}
    return any(c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i not in heads for c in saying.head.children)


#: How many sentences back "both countries" may find the pair named together ("X and Y").
PAIR_SENTENCES = 10


def named_pairs(doc: Doc, mentions: Sequence[Mention], sent_of: Sequence[int]) -> list[tuple[int, tuple[Actor, Actor]]]:
    """Every two states (or a state and an organisation) named together as a pair ("Gondor
    and Rohan", "between Gondor and Rohan"), with their sentence, in text order."""
    at = {m.head: m.actors[0] for m in mentions if m.role == "np" and len(m.actors) == 1}
    out = []
    for head, a in at.items():
        tok = doc[head]
        # (not the end of a longer list the parser broke: "Chile, Colombia and Bolivia")
        if tok.dep_ != "conj" and len(tok.conjuncts) == 1 and tok.conjuncts[0].i in at \
                and not (tok.i > 0 and doc[tok.i - 1].text == ","):
            b = at[tok.conjuncts[0].i]
            # (an organisation may be one side: "the EU and the US ... both sides")
            if all((x.kind == "country" and x.country and len(x.country) == 3) or x.kind == "igo" for x in (a, b)) \
                    and a.key != b.key:
                out.append((sent_of[head], (a, b)))
    return sorted(out, key=lambda p: p[0])


def coordinated_pair(pairs: Sequence[tuple[int, tuple[Actor, Actor]]], sent: int,
                     exclude: set[str], latest: dict[str, Actor]) -> list[tuple[str, Actor]]:
    """The last pair of :func:`named_pairs` before ``sent``, within ``PAIR_SENTENCES``, neither
    excluded: who "both countries" and "the two sides" are when the sentence before named
    other states (third parties reacting to the two). Each state with the latest actor that
    named it (``latest``: a leader named since stands for it in "the two presidents")."""
    for s, pair in reversed(pairs):
        if s < sent and sent - s <= PAIR_SENTENCES and not any(a.key in exclude for a in pair):
            return [(a.key, latest.get(a.key, a)) for a in pair]
        if sent - s > PAIR_SENTENCES:
            break
    return []


#: Verbs that name what their object is ("called it a good day", "described it as a mistake").
QUALIFYING_VERBS = frozenset({"call", "describe", "term", "dub", "label", "brand", "hail"})
#: Predicate nouns that may still make "it" a state: "called it a rogue state", "described it
#: as a reliable partner".
STATE_PREDICATES = frozenset("state country nation regime government partner ally neighbour neighbor friend "
                             "enemy power member democracy dictatorship".split())


def act_called(tok: Token) -> bool:
    """Whether "it" is the act or the moment a speaker names: "called it a good day",
    "described it as a turning point" (the object of a verb of naming whose predicate noun
    names no state), not the last state named."""
    if tok.lower_ != "it" or tok.dep_ != "dobj" or tok.head.lemma_.lower() not in QUALIFYING_VERBS:
        return False
    verb = tok.head
    preds = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "attr", "dobj") and c.i > tok.i] + [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
    return any(p.pos_ == "NOUN" and p.lemma_.lower() not in STATE_PREDICATES for p in preds)
