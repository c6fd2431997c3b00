"""The events stage: from a parsed article and its actors to CAMEO event records.

``patterns`` loads the pattern dictionary (``data/patterns.yaml``, ``data/stance.yaml``),
``coder`` matches it on the parse, ``codebook`` adds the codebook facts (name, Goldstein,
quad class, PLOVER type) to each event.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import NamedTuple

from spacy.tokens import Span, Token

from tacitus.actors.mentions import Mention
from tacitus.events import codebook
from tacitus.events.acts import VICTIM_ROOTS
from tacitus.events.candidates import ActorIndex, choose
from tacitus.events.coder import Coder
from tacitus.events.confidence import ConfidenceModel, default_model, features
from tacitus.events.patterns import PatternBook
from tacitus.records import Actor, Article, Event

__all__ = ["Coded", "code_events"]

#: Roots of the acts whose two actors are the sides of a conflict ("both sides", named later):
#: coercion and the use of force.
CONFLICT_ROOTS = frozenset({"17", "18", "19", "20"})


class Coded(NamedTuple):
    """An event with the parse it came from, for the attributes stage."""

    event: Event
    trigger: Token
    sentence: Span


def code_events(article: Article, sentences: Sequence[Span], mentions: Sequence[Mention],
                sent_of: Sequence[int], coder: Coder, book: PatternBook,
                skip: Collection[int] = (), confidence: ConfidenceModel | None = None,
                speakers: Mapping[int, Actor] | None = None) -> list[Coded]:
    """Code every sentence of an article.

    Args:
        article: the article (its text is what the sentences' offsets point into).
        sentences: the article's sentences, as spans of its Doc, in order.
        mentions: every actor mention (dictionary and coreference) of the Doc.
        sent_of: for each token of the Doc, the index of its sentence.
        coder: a :class:`Coder` built on ``book``.
        book: the pattern book (for the symmetric codes).
        skip: indices of sentences not to code (discarded: see :mod:`tacitus.events.discards`).
        confidence: the model that turns how an event was found into its confidence
            (default: ``data/confidence.yaml``).
        speakers: sentence index -> the speaker of the direct quote that sentence is, when no
            speech verb in it says who speaks (``attributes.quotes.quoted_sentences``); read by
            the evaluation rules (``evaluation.py``).

    Returns:
        Events in sentence order, each with its trigger token and sentence, without dates or
        places (the attributes stage adds them).
    """
    index = ActorIndex.build(mentions, sent_of)
    index.speakers = dict(speakers or {})
    confidence = confidence or default_model()
    events: list[Coded] = []
    for i, sent in enumerate(sentences):
        if i in skip:
            continue
        index.sides_of_conflict(sent, i)
        chosen = choose(coder.code_sentence(sent, index, i), book.symmetric_codes)
        for cand in chosen:
            if not cand.negated:
                both = cand.target is not None and (cand.code in book.symmetric_codes
                                                    or cand.code[:3] in book.symmetric_codes)
                owners = (cand.source, cand.target) if both else \
                    (cand.target,) if cand.code in coder.hosted_codes and cand.target is not None else (cand.source,)
                index.acts.append((i, cand.code, owners, cand.trigger.lemma_.lower()))
                if cand.target is not None:
                    index.told.append((i, cand.code, cand.source, cand.target))
                if cand.target is not None and cand.code.startswith(coder.aid_codes):
                    index.aid.append((i, cand.source, cand.target))
                if cand.target is not None and cand.code[:2] in CONFLICT_ROOTS:
                    index.conflicts.append((i, cand.source, cand.target))
                    if cand.code[:2] in VICTIM_ROOTS:  # uses of force: whom a later claim points at
                        index.victims.append((i, cand.code, (cand.target,)))
        for cand in chosen:
            info = codebook.describe(cand.code)
            feats = features(cand.how, source_kind=cand.source.kind,
                             target_kind=cand.target.kind if cand.target else None, code=cand.code)
            event = Event(
                article_id=article.id,
                article_path=article.path,
                sentence_index=i,
                sentence=article.text[sent.start_char:sent.end_char],
                span=(sent.start_char, sent.end_char),
                source=cand.source,
                target=cand.target,
                cameo=cand.code,
                cameo_name=info.name,
                plover=info.plover,
                quad_class=info.quad_class,
                goldstein=info.goldstein,
                negated=cand.negated,
                confidence=confidence(feats),
                pattern=cand.pattern,
                trigger=cand.trigger.text,
                publisher=article.publisher,
                published=article.published.isoformat() if article.published else None,
                url=article.url,
                how=sorted(feats),
            )
            events.append(Coded(event, cand.trigger, sent))
    return events
