"""Pronouns inside a direct quote: "we" and "our" are the speaker's state or organisation,
"I" and "my" the speaker, "he" and "she" the last other person named before the quote.

Run by the pipeline after coreference (:mod:`tacitus.actors.coref`), once the quotes and their
speakers are known (:mod:`tacitus.attributes.quotes`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc

from tacitus.actors.antecedents import PERSON_PRONOUNS
from tacitus.actors.coref import RECENT_SENTENCES
from tacitus.actors.mentions import Mention
from tacitus.records import Actor

#: First-person plural pronouns: inside a quote, the speaker's state or organisation.
FIRST_PERSON = frozenset({"we", "us", "our", "ours"})
#: First-person singular pronouns: inside a quote, the speaker.
FIRST_PERSON_SINGULAR = frozenset({"i", "me", "my", "mine"})


def speaker_pronouns(doc, quotes, mentions, country_name=lambda code: None) -> list[Mention]:  # noqa: ANN001
    """ "We", "us", "our" inside a direct quote name its speaker's state (or organisation):
    "'We thank Japan for its support,' Ukrainian Prime Minister Denys Shmyhal said" makes
    Ukraine's government the one who thanks; "I", "me", "my" name the speaker ("'I condemn
    this attack,' the Arnorian president said"); "he", "she", "his", "her" name the last
    person named before, within a few sentences, who is not the speaker ("'He gave his life
    to your country,' the Arnorian president said of X"). A quote with no known speaker names
    nobody.

    Args:
        doc: the parsed article; quotes: its quotes (tacitus.attributes.quotes), with speakers;
        mentions: the actor mentions found so far; country_name: a state's name by its code.
    """
    taken = {i for m in mentions for i in range(m.start, m.end)}
    # single persons named by a name or title (not a pronoun), in text order, for "he"/"she"
    persons = sorted((m for m in mentions if m.role == "np" and len(m.actors) == 1
                      and m.actors[0].kind == "person" and doc[m.head].pos_ != "PRON"), key=lambda m: m.start)
    starts = [m.start for m in persons]
    out: list[Mention] = []
    for q in quotes:
        if q.kind != "direct" or q.speaker is None or not (q.speaker.country or q.speaker.code):
            continue
        sp = q.speaker
        name = (country_name(sp.country) or sp.country) if sp.kind == "person" else sp.name
        actor = Actor(text="", name=name, country=sp.country,
                      role=sp.role, code=sp.code, kind="country" if sp.kind == "person" else sp.kind)
        for start, end in q.parts or [(q.start, q.end)]:
            span = doc.char_span(start, end, alignment_mode="contract")
            for tok in span or []:
                if tok.lower_ in FIRST_PERSON and tok.i not in taken:
                    out.append(Mention(tok.i, tok.i + 1, tok.i, (actor.with_text(tok.text),), "np", "coref"))
                elif tok.lower_ in FIRST_PERSON_SINGULAR and tok.i not in taken and tok.pos_ == "PRON":
                    out.append(Mention(tok.i, tok.i + 1, tok.i, (sp.with_text(tok.text),), "np", "coref"))
                elif tok.lower_ in PERSON_PRONOUNS and tok.i not in taken and tok.pos_ == "PRON":
                    # "'He made a great contribution to your country,' Putin said": a third
                    # person in a quote is the last person named before it who is not the speaker
                    other = _last_person(doc, persons, starts, tok.i, sp)
                    if other is not None:
                        out.append(Mention(tok.i, tok.i + 1, tok.i, (other.with_text(tok.text),), "np", "coref"))
    return out


def _last_person(doc: Doc, persons: Sequence[Mention], starts: Sequence[int], before: int,
                 speaker: Actor) -> Actor | None:
    """The last person of ``persons`` (in text order, ``starts`` their first tokens) named
    before token ``before``, within ``RECENT_SENTENCES`` sentences, who is not ``speaker`` (by
    name, or by code for an unnamed title)."""
    first_sent = doc[before].sent.start
    for _ in range(RECENT_SENTENCES):
        if first_sent == 0:
            break
        first_sent = doc[first_sent - 1].sent.start
    for k in range(bisect_left(starts, before) - 1, -1, -1):
        m = persons[k]
        if m.start < first_sent:
            break
        a = m.actors[0]
        if (a.name and a.name == speaker.name) or a.code == speaker.code:
            continue
        return a
    return None
