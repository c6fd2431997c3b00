"""The pipeline: ingest -> nlp -> actors -> events -> attributes -> store.

:func:`code` is the library entry point for one text; :class:`Pipeline` codes many articles
with one loaded model; :func:`run` reads paths, codes and stores, and reports what it did.
Each stage is its own module; this one only passes records from one to the next.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tacitus import nlp
from tacitus.actors.coref import Coreference
from tacitus.actors.home import home_state
from tacitus.actors.knowledge import KnowledgeBase
from tacitus.actors.mentions import ActorFinder, Mention
from tacitus.actors.openworld import OpenWorld
from tacitus.actors.speakers import speaker_pronouns
from tacitus.attributes import dates, places
from tacitus.attributes.figures import find_figures
from tacitus.attributes.quotes import Quote, find_quotes, quote_of, quoted_sentences
from tacitus.attributes.sectors import COOPERATION_ROOTS, sectors_of_sentence
from tacitus.cache import compiled_dictionaries
from tacitus.errors import InputError
from tacitus.events import code_events
from tacitus.events.candidates import ActorIndex
from tacitus.events.coder import Coder
from tacitus.events.discards import Discards
from tacitus.events.patterns import PatternBook
from tacitus.ingest import article_from_text, parse_text
from tacitus.records import (
    ActorMention,
    Article,
    Event,
    Location,
    Options,
    Sentence,
    Skipped,
)
from tacitus.runner import RunReport, code_and_store, event_from_dict, run  # noqa: F401 - importable here too

log = logging.getLogger(__name__)


@dataclass
class CodedArticle:
    """Everything the pipeline learnt from one article."""

    article: Article
    sentences: list[Sentence]
    mentions: list[ActorMention]
    events: list[Event]
    quotes: list[Quote] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    #: sentences not coded: (sentence index, "sentence" or "story", the discard phrase)
    discarded: list[tuple[int, str, str]] = field(default_factory=list)


class Pipeline:
    """Loads the model and the dictionaries once, then codes articles.

    Args:
        options: run settings (see :class:`tacitus.records.Options`).
        actors: extra actor dictionary files (same format as the built-in ones).
        patterns: extra pattern files (same format as ``data/patterns.yaml``).
        stance: stance files laid over ``data/stance.yaml``.
        discards: extra discard files (same format as ``data/discards.yaml``).
        dictionaries: a folder written by ``tacitus import`` (or by hand): its
            ``patterns*.yaml``, ``actors.yaml``, ``roles.yaml``, ``discards.yaml`` replace
            the built-in dictionaries and its ``stance.yaml`` is laid over the built-in rules.
    """

    def __init__(self, options: Options | None = None, *, actors: Sequence[str] = (),
                 patterns: Sequence[str] = (), stance: Sequence[str] = (), discards: Sequence[str] = (),
                 dictionaries: str | None = None) -> None:
        self.options = options or Options()
        builtin = True
        if dictionaries is not None:
            folder = dictionary_folder(dictionaries)
            builtin = False
            patterns = [*sorted(str(p) for p in folder.glob("patterns*.yaml")), *patterns]
            actors = [str(folder / n) for n in ("actors.yaml", "roles.yaml") if (folder / n).exists()] + list(actors)
            stance = [str(folder / "stance.yaml")] * (folder / "stance.yaml").exists() + list(stance)
            discards = [str(folder / "discards.yaml")] * (folder / "discards.yaml").exists() + list(discards)
        self.model = nlp.load()
        # compiled once, then read from tacitus's cache (keyed by the files and tacitus's code):
        # a second or so in every process for the built-in ones, 30 s for imported Phoenix ones
        self.kb: KnowledgeBase
        self.book: PatternBook
        self.discards: Discards
        self.kb, self.book, self.discards = compiled_dictionaries(actors, patterns, stance, discards,
                                                                  builtin=builtin)
        if self.options.home and not self.kb.country_name(self.options.home.strip().upper()):
            raise InputError(f"home {self.options.home!r} is not a state code: give its ISO 3166 alpha-3 "
                             "code, as GBR or USA")
        self.finder = ActorFinder(self.kb, self.model.nlp)
        self.openworld = OpenWorld(self.kb, self.finder)
        self.coref = Coreference(self.kb)
        self.coder = Coder(self.book, domestic=self.options.domestic, monadic=self.options.monadic,
                           generalise=self.options.generalise and builtin)
        self.quote_verbs = self.coder.speech_verbs | self.book.stance_words("speech", "quote_verbs")

    @property
    def model_description(self) -> str:
        return self.model.description

    def code_articles(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        """Code articles in order, parsing them in batches with ``nlp.pipe``."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= nlp.BATCH_SIZE:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def code_article(self, article: Article) -> CodedArticle:
        return next(self._code_batch([article]))

    def code_many(self, articles: Sequence[Article]) -> Iterator[CodedArticle | Skipped]:
        """Code a batch parsed in one ``nlp.pipe`` call; an article that fails is skipped with
        its reason (like spaCy's per-component error handler), and the others are coded."""
        docs, failed = nlp.parse_each([parse_text(a.text) for a in articles])
        yield from self.code_parsed(articles, docs, failed)

    def code_parsed(self, articles: Sequence[Article], docs: Sequence, failed: dict[int, str] | None = None,
                    ) -> Iterator[CodedArticle | Skipped]:
        """Code a batch already parsed (:func:`tacitus.nlp.parse_each`, here or in another
        process): ``docs[k]`` is ``articles[k]``'s Doc, None where its parse failed
        (``failed[k]`` says why). An article that fails is skipped with its reason."""
        failed = failed or {}
        for k, (article, doc) in enumerate(zip(articles, docs, strict=True)):
            try:
                if doc is None:
                    raise RuntimeError(failed.get(k, "the article could not be parsed"))
                yield self._code_doc(article, doc)
            except Exception as err:  # noqa: BLE001 - one bad article must not stop the run
                log.exception("coding failed for %s", article.path)
                yield Skipped(article.path or article.id, f"coding failed: {err}", article.line)

    def _code_batch(self, batch: list[Article]) -> Iterator[CodedArticle]:
        docs = nlp.parse([parse_text(a.text) for a in batch])
        for article, doc in zip(batch, docs, strict=False):
            yield self._code_doc(article, doc)

    def analyse(self, article: Article, doc) -> tuple[list, list[int], list[Mention]]:  # noqa: ANN001
        """The sentences of a parsed article, each token's sentence, and its actor mentions."""
        spans = nlp.sentence_spans(doc)
        sent_of = nlp.sentence_index(doc, spans)
        found: list[Mention] = self.finder.find(doc, article.published)
        found = self.openworld.resolve(doc, found, sent_of)
        found += self.coref.resolve(doc, found, sent_of,
                                    home_state(article.publisher or self.options.publisher, self.options.home))
        return spans, sent_of, found

    def _code_doc(self, article: Article, doc) -> CodedArticle:  # noqa: ANN001 - spaCy Doc
        spans, sent_of, found = self.analyse(article, doc)
        sentences = [Sentence(article.id, i, s.start_char, s.end_char, article.text[s.start_char:s.end_char])
                     for i, s in enumerate(spans)]
        verdicts = {i: v for i, s in enumerate(spans) if (v := self.discards.verdict(s.text)) is not None}
        story = next((v for v in verdicts.values() if v[0] == "story"), None)
        skip = range(len(spans)) if story else verdicts
        # quotes are found before the events: "we" in a quote is its speaker's state ("'We
        # thank Japan,' Shmyhal said"), and the events said in a quote carry it
        index = ActorIndex.build(found, sent_of)
        quotes = find_quotes(doc, article.id, article.text, spans, sent_of, self.quote_verbs,
                             lambda verb: [a for a, _ in self.coder.subject(verb, index).actors],
                             self.coder.statement_nouns)
        found += speaker_pronouns(doc, quotes, found, self.kb.country_name)
        coded = code_events(article, spans, found, sent_of, self.coder, self.book, skip=skip,
                            speakers=quoted_sentences(quotes, spans, self.quote_verbs))
        figures: dict[int, list[dict]] = {}
        for i, span in enumerate(spans):
            for f in find_figures(article.text[span.start_char:span.end_char]):
                figures.setdefault(i, []).append(
                    {**f.to_dict(), "sentence_index": i, "start": span.start_char + f.start,
                     "end": span.start_char + f.end})
        events: list[Event] = []
        countries = _article_countries(found)
        dateline = _dateline_place(article.text, countries)
        # a date the text gives holds for the sentences after it in the same paragraph
        # ("... arrived on Wednesday. At a meeting with Tokayev, ...")
        context_date: dict[int, dates.DateResolution] = {}
        last: dates.DateResolution | None = None
        for i, span in enumerate(spans):
            if i > 0 and "\n" in article.text[spans[i - 1].end_char:span.start_char]:
                last = None
            found_dates = dates.find_dates(article.text[span.start_char:span.end_char], article.published)
            if found_dates:
                # only a day that has happened carries over: "expected to open in 2025" does not
                # date the next sentence's events
                last = found_dates[-1]
                if last.precision != "day" or (article.published and last.date and last.date > article.published):
                    last = None
            elif last is not None:
                context_date[i] = last
        for item in coded:
            event = item.event
            if event.negated and not self.options.keep_negated:
                continue
            anchor = item.trigger.idx - item.sentence.start_char
            when = dates.resolve_date(_clause_text(item.trigger, item.sentence), article.published,
                                      anchor=anchor, future=_future(item.trigger))
            if when.source == "published" and event.sentence_index in context_date:
                inherited = context_date[event.sentence_index]
                when = dates.DateResolution(inherited.date, inherited.precision, "context", inherited.text)
            if when.date is not None:
                event.date = when.date.isoformat()
                event.date_source = when.source
                event.date_precision = when.precision
            event.location = places.event_location(item.sentence, item.trigger, context_countries=countries)
            if event.location is None and dateline is not None and item.sentence.start_char < dateline[0] \
                    and event.cameo_root == "04":
                # talks and visits of the lead paragraph happened where the story was filed;
                # what they react to (a strike, a decision in another capital) often did not
                event.location = dateline[1]
            if event.cameo_root in COOPERATION_ROOTS:
                event.sectors = sectors_of_sentence(item.sentence)
            event.figures = [{k: v for k, v in f.items() if k not in ("sentence_index",)}
                             for f in figures.get(event.sentence_index, [])]
            quote = quote_of(quotes, item.trigger.idx)
            if quote is not None:
                event.quote_id, event.speaker = quote.id, quote.speaker
            events.append(event)
        _date_relative_to_events(events)
        mentions = [ActorMention(article.id, sent_of[m.start], doc[m.start].idx,
                                 doc[m.end - 1].idx + len(doc[m.end - 1].text), a, m.via)
                    for m in found for a in m.actors]
        return CodedArticle(article, sentences, mentions, events, quotes,
                            [f for i in sorted(figures) for f in figures[i]],
                            discarded=[(i, scope, phrase) for i, (scope, phrase) in sorted(verdicts.items())])


#: "the day after their meeting", "a week before the summit": a date relative to another event.
RELATIVE_TO_EVENT = re.compile(
    r"\b(?:the|a) (?P<unit>day|week) (?P<dir>after|before) (?:the |their |his |her |its |this )?"
    r"(?P<what>meeting|visit|talks|summit|signing|agreement|deal)\b", re.IGNORECASE)
#: Which coded events such a phrase refers to, by CAMEO root.
EVENT_WORDS = {"meeting": "04", "visit": "04", "talks": "04", "summit": "04", "signing": "05",
               "agreement": "05", "deal": "05"}


def _date_relative_to_events(events: list[Event]) -> None:
    """Date events told relative to another event of the article that has a date from the text."""
    from bisect import bisect_left
    from datetime import date, timedelta

    # the anchors of each root in sentence order, found once: a long article has thousands
    anchors: dict[str, list[Event]] = {}
    for e in events:
        if e.date_source == "text":
            anchors.setdefault(e.cameo_root, []).append(e)
    for found in anchors.values():
        found.sort(key=lambda e: e.sentence_index)
    for event in events:
        if event.date_source == "text":
            continue
        m = RELATIVE_TO_EVENT.search(event.sentence)
        if m is None:
            continue
        near = anchors.get(EVENT_WORDS[m.group("what").lower()])
        if not near:
            continue
        k = bisect_left(near, event.sentence_index, key=lambda e: e.sentence_index)
        anchor = min(near[max(k - 1, 0):k + 1], key=lambda e: abs(e.sentence_index - event.sentence_index))
        step = timedelta(days=1) if m.group("unit").lower() == "day" else timedelta(weeks=1)
        when = date.fromisoformat(anchor.date) + (step if m.group("dir").lower() == "after" else -step)
        event.date, event.date_source = when.isoformat(), "context"
        event.date_precision = "day" if m.group("unit").lower() == "day" else "week"


def _dateline_place(text: str, countries: Sequence[str]) -> tuple[int, Location] | None:
    """The place of a wire dateline ("ASTANA, Nov 1 (Reuters) - "), with the end of its paragraph."""
    from tacitus.ingest.clean import dateline_spans

    spans = dateline_spans(text)
    if not spans or spans[0][0] > text.find("\n\n") + 2 + 200:
        return None  # only a dateline opening the article's first paragraphs
    start, end = spans[0]
    name = re.split(r"[,(\-\u2013\u2014]", text[start:end])[0].strip()
    where = places.geocode(name.title(), context_countries=countries)
    if where is None:
        return None
    para_end = text.find("\n\n", start)
    return (para_end if para_end != -1 else len(text)), where


def _future(trigger) -> bool:  # noqa: ANN001 - spaCy Token
    """Told in the present or future tense: "travels on Thursday", "will meet on Friday"."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in verb.children):
        return True
    # a present-tense verb in a paragraph, not a headline (headlines use the present for the past)
    return verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" for c in verb.children) \
        and verb.sent.text.rstrip()[-1:] in ".!?\"\u201d"


def _clause_text(trigger, sentence) -> str:  # noqa: ANN001 - spaCy Token, Span
    """The sentence with everything outside the trigger's clause blanked (same length).

    "Macron spoke about agreements reached ..., the university, which will open in September
    2024": the date of the relative clause is not the date of the agreements.
    """
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    keep = {t.i for t in verb.subtree}
    for child in verb.children:
        if child.dep_ in ("relcl", "ccomp", "advcl", "conj", "parataxis") and trigger.i not in \
                {t.i for t in child.subtree}:
            keep -= {t.i for t in child.subtree}
    chars = list(sentence.text)
    base = sentence.start_char
    for tok in sentence:
        if tok.i not in keep:
            for k in range(tok.idx - base, tok.idx - base + len(tok.text)):
                chars[k] = " "
    return "".join(chars)


def _article_countries(mentions: Sequence[Mention]) -> list[str]:
    """The article's states, most named first: they rank same-name places ("Paris")."""
    counts: dict[str, int] = {}
    for m in mentions:
        for a in m.actors:
            if a.country and len(a.country) == 3:
                counts[a.country] = counts.get(a.country, 0) + 1
    return sorted(counts, key=lambda c: -counts[c])


def dictionary_folder(path: str | Path) -> Path:
    """A dictionary folder, checked: it must hold at least a patterns or actors file.

    Raises:
        InputError: the folder is missing or holds none of the dictionary files.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise InputError(f"{path}: no such folder of dictionaries",
                         hint="make one with `tacitus import FILES... --out FOLDER`")
    if not list(folder.glob("patterns*.yaml")) and not (folder / "actors.yaml").exists():
        raise InputError(f"{path}: no patterns*.yaml or actors.yaml in this folder",
                         hint="make one with `tacitus import FILES... --out FOLDER`")
    return folder


_default: Pipeline | None = None


def _pipeline(options: Options | None) -> Pipeline:
    global _default
    if options is not None:
        return Pipeline(options)
    if _default is None:
        _default = Pipeline()
    return _default


def code(text: str, *, published: date | str | None = None, publisher: str | None = None,
         url: str | None = None, path: str | None = None, options: Options | None = None) -> list[Event]:
    """Code one article's text into events.

    Args:
        text: the article (plain text; it is cleaned first, as ``tacitus code`` does).
        published: publication date (``date`` or ``"YYYY-MM-DD"``); relative dates in the text
            ("on Wednesday", "last week") are resolved against it.
        publisher, url, path: metadata carried into the events.
        options: run settings; the default pipeline is reused between calls when omitted.

    Returns:
        The events, in sentence order, each with its sentence and offsets into the cleaned text.

    Raises:
        tacitus.errors.InputError: the text is empty after cleaning, or ``published`` is not a date.
    """
    article = article_from_text(text, path=path, url=url, publisher=publisher, published=published)
    return _pipeline(options).code_article(article).events
