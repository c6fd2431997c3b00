"""Why a text was coded as it was: the parse, the actors, the patterns that fired, the events.

``explain(text)`` runs the real pipeline on a text and keeps what each stage saw, for
``tacitus explain`` and for anyone extending the dictionaries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from tacitus.events.candidates import ActorIndex, choose
from tacitus.ingest import article_from_text, parse_text
from tacitus.records import Event


@dataclass
class TokenRow:
    i: int
    text: str
    lemma: str
    pos: str
    dep: str
    head: int


@dataclass
class Fired:
    """A pattern that matched, before the sentence-level choice."""

    sentence_index: int
    trigger: str
    pattern: str
    code: str
    source: str
    target: str
    confidence: float
    negated: bool
    kept: bool
    notes: list[str] = field(default_factory=list)
    how: list[str] = field(default_factory=list)


@dataclass
class Explanation:
    model: str
    tokens: list[list[TokenRow]]
    actors: list[tuple[int, str, str, str]]  # (sentence, text, code, how)
    fired: list[Fired]
    events: list[Event]


def explain(text: str, *, published: date | str | None = None, dictionaries: str | None = None,
            domestic: bool = False, actors: Sequence[str] = (), patterns: Sequence[str] = (),
            stance: Sequence[str] = (), discards: Sequence[str] = ()) -> Explanation:
    """Code a text and keep what each stage saw.

    Args:
        text: one or more sentences.
        published: the publication date relative dates are read against.
        dictionaries: a folder of dictionaries to use instead of the built-in ones.
        domestic: keep events within one country.
        actors, patterns, stance, discards: extra data files, as for ``tacitus code``.
    """
    from tacitus import nlp
    from tacitus.pipeline import Pipeline, _pipeline
    from tacitus.records import Options

    if dictionaries is not None or domestic or actors or patterns or stance or discards:
        pipe = Pipeline(Options(domestic=domestic), dictionaries=dictionaries, actors=actors,
                        patterns=patterns, stance=stance, discards=discards)
    else:
        pipe = _pipeline(None)
    article = article_from_text(text, published=published)
    doc = next(nlp.parse([parse_text(article.text)]))
    coded = pipe._code_doc(article, doc)
    spans, sent_of, found = pipe.analyse(article, doc)
    index = ActorIndex.build(found, sent_of)
    fired: list[Fired] = []
    for i, span in enumerate(spans):
        candidates = pipe.coder.code_sentence(span, index, i)
        kept = {id(c) for c in choose(candidates, pipe.book.symmetric_codes)}
        for c in candidates:
            fired.append(Fired(i, c.trigger.text, c.pattern, c.code, c.source.code,
                               c.target.code if c.target else "-", round(c.confidence, 2), c.negated,
                               id(c) in kept, list(c.notes), list(c.how)))
    tokens = [[TokenRow(t.i - span.start, t.text, t.lemma_, t.pos_, t.dep_, t.head.i - span.start)
               for t in span] for span in spans]
    actors = [(m.sentence_index, article.text[m.start:m.end], m.actor.code, m.via) for m in coded.mentions]
    return Explanation(pipe.model_description, tokens, actors, fired, coded.events)
