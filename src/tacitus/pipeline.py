"""The pipeline: ingest -> nlp -> actors -> events -> attributes -> store.

:func:`code` is the library entry point for one text; :class:`Pipeline` codes many articles
with one loaded model; :func:`run` reads paths, codes and stores, and reports what it did.
Each stage is its own module; this one only passes records from one to the next.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tacitus import nlp
from tacitus.actors.coref import Coreference, speaker_pronouns
from tacitus.actors.knowledge import KnowledgeBase
from tacitus.actors.mentions import ActorFinder, Mention
from tacitus.actors.openworld import OpenWorld
from tacitus.attributes import dates, places
from tacitus.attributes.figures import find_figures
from tacitus.attributes.quotes import Quote, find_quotes, quote_of
from tacitus.attributes.sectors import COOPERATION_ROOTS, sectors_of_sentence
from tacitus.cache import compiled_dictionaries
from tacitus.errors import InputError
from tacitus.events import code_events
from tacitus.events.candidates import ActorIndex
from tacitus.events.coder import Coder
from tacitus.events.discards import Discards
from tacitus.events.patterns import PatternBook
from tacitus.events.patterns import load as load_patterns
from tacitus.ingest import article_from_text, parse_text, read
from tacitus.records import (
    Actor,
    ActorMention,
    Article,
    Event,
    Location,
    Options,
    Sentence,
    Skipped,
)

if TYPE_CHECKING:
    from tacitus.store import Store

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


@dataclass
class RunReport:
    """What a run did: counts, the reasons for every skipped input, and the events coded."""

    read: int = 0
    coded: int = 0
    stored: int = 0
    duplicates: int = 0
    events: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    model: str = ""
    coded_events: list[Event] = field(default_factory=list)
    #: events the run gave out (coded, or already stored), whether kept in coded_events or not
    output_events: int = 0
    #: articles with no publication date (relative dates in them cannot be resolved)
    undated: int = 0
    workers: int = 1
    #: articles an earlier (killed) run stored but had not linked, linked at the start of this one
    relinked: int = 0


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
        if dictionaries is not None:  # large imported dictionaries: compiled once, then cached
            self.kb, self.book, self.discards = compiled_dictionaries(actors, patterns, stance, discards,
                                                                      builtin=builtin)
        else:
            self.kb = KnowledgeBase.load(extra=actors, builtin=builtin)
            self.book: PatternBook = load_patterns(patterns, builtin=builtin, stance=stance)
            self.discards = Discards.load(discards, builtin=builtin)
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
        try:
            docs = list(nlp.parse([parse_text(a.text) for a in articles]))
        except Exception:  # noqa: BLE001 - find the article that broke the parse, one at a time
            docs = [None] * len(articles)
        for article, doc in zip(articles, docs, strict=True):
            try:
                yield self._code_doc(article, doc) if doc is not None else self.code_article(article)
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
        found += self.coref.resolve(doc, found, sent_of)
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
                             lambda verb: [a for a, _ in self.coder.subject(verb, index).actors])
        found += speaker_pronouns(doc, quotes, found, self.kb.country_name)
        coded = code_events(article, spans, found, sent_of, self.coder, self.book, skip=skip)
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


def _with_defaults(article: Article, options: Options) -> Article:
    from dataclasses import replace

    return replace(article,
                   published=article.published or options.published,
                   publisher=article.publisher or options.publisher,
                   url=article.url or options.url)


def run(paths: Sequence[str], options: Options | None = None, store: Store | None = None,
        progress: bool | None = False, *, actors: Sequence[str] = (), patterns: Sequence[str] = (),
        boilerplate: Sequence[str] = (), stance: Sequence[str] = (), discards: Sequence[str] = (),
        dictionaries: str | None = None, workers: int | None = 1, engine: str = "local",
        scheduler: str | None = None, shards: str | None = None,
        on_events: Callable[[list[Event]], None] | None = None, keep_events: bool = True) -> RunReport:
    """Read, code, store and link articles; bad inputs are skipped and reported, never fatal.

    Articles stream through: they are read lazily, coded in batches of
    ``tacitus.parallel.BATCH_ARTICLES`` (by ``workers`` processes, or on a Dask cluster), and
    each batch is written in one transaction and linked in another, in input order. A failure
    loses nothing stored before.
    A run first links what an earlier run stored but did not link (``report.relinked``), so a
    run killed at any point and run again leaves the store as one clean run would.

    Args:
        paths: files, directories, or "-" for standard input.
        options: run settings and default metadata.
        store: where to store; None codes without storing.
        progress: show a progress bar on standard error (None: when it is a terminal).
        actors, patterns, stance, discards: extra dictionary files.
        boilerplate: extra boilerplate rule files (format of ``data/boilerplate.yaml``).
        dictionaries: a folder of dictionaries that replaces the built-in ones (see
            :class:`Pipeline`).
        workers: processes that parse and code (1: this process; None: the machine's cores,
            or 1 for a small run). With ``engine="dask"``, the local cluster's workers.
        engine: ``"local"`` or ``"dask"`` (:mod:`tacitus.parallel.cluster`).
        scheduler: the Dask scheduler's address; a local cluster is started without it.
        shards: the folder the Dask workers write their Parquet shards to.
        on_events: called with each batch's events, in input order (to write them out as
            they come).
        keep_events: keep every event in ``RunReport.coded_events`` (a long run may not want to).
    """
    from tacitus.parallel import LocalEngine, PipelineSpec, batches, default_workers
    from tacitus.progress import Progress, count_inputs

    options = options or Options()
    spec = PipelineSpec(options, tuple(actors), tuple(patterns), tuple(stance), tuple(discards), dictionaries)
    report = RunReport()
    if store is not None:
        from tacitus.link import resume

        report.relinked = resume(store)  # what a killed run stored but did not link
    total = count_inputs(paths) if progress is not False or workers is None else None
    report.workers = workers = workers if workers is not None else default_workers(total)
    if engine == "dask":
        from tacitus.parallel.cluster import DaskEngine

        coder = DaskEngine(spec, scheduler=scheduler, workers=workers, shards=shards)
    elif engine == "local":
        coder = LocalEngine(spec, workers)
    else:
        raise InputError(f"unknown engine {engine!r}", hint="use local or dask")

    def emit(events: list[Event]) -> None:
        report.output_events += len(events)
        if keep_events:
            report.coded_events.extend(events)
        if on_events is not None and events:
            on_events(events)

    with Progress("articles", total, show=progress) as bar:
        def todo() -> Iterator[Article]:
            seen: set[str] = set()
            for item in read(paths, options, boilerplate=boilerplate):
                report.read += 1
                if isinstance(item, Skipped):
                    report.skipped.append(item)
                    bar.advance()
                    continue
                article = _with_defaults(item, options)
                report.undated += article.published is None
                if store is not None and (article.id in seen or store.has_article(article.id)):
                    report.duplicates += 1
                    report.coded += 1
                    bar.advance()
                    emit(_stored_events(store, article) if article.id not in seen else [])
                    continue
                seen.add(article.id)
                yield article

        writer = _Writer(store)
        if store is not None and (workers > 1 or engine == "dask"):
            writer.warm_up()  # this process only writes: load the linker's model while workers parse
        for batch in coder.run(batches(todo())):
            report.model = report.model or batch.model
            report.skipped += batch.skipped
            new = writer.write(batch, report) if store is not None else None
            report.coded += batch.coded
            report.events += len(batch.events) if new is None else \
                sum(e.article_id in new for e in batch.events)
            emit(batch.events)
            bar.advance(batch.coded + len(batch.skipped))
    if not report.model:
        report.model = nlp.describe()
    return report


def code_and_store(items: Iterable[Article | Skipped], pipeline: Pipeline, store: Store | None = None, *,
                   progress: bool = False, deadline: float | None = None) -> RunReport:
    """Code articles (as :func:`~tacitus.ingest.read` or :func:`~tacitus.ingest.read_body`
    yields them) with a loaded pipeline in this process, store and link each; bad inputs are
    reported. The server codes uploads with it; it stores through the run's own writer
    (:func:`run` with one worker, an article per batch), so that its deadline is checked
    between articles.

    Args:
        items: articles, and Skipped inputs (carried into the report).
        pipeline: a loaded :class:`Pipeline`; its options give the default metadata.
        store: where to store; None codes without storing.
        progress: show a progress bar on the terminal.
        deadline: a ``time.monotonic()`` value; articles not begun by then are skipped with the
            reason "time limit" (the server's limit on a coding request).
    """
    import time

    from tacitus.parallel import code_batch
    from tacitus.progress import Progress

    options = pipeline.options
    report = RunReport(model=pipeline.model_description)
    articles: list[Article] = []
    for item in items:
        if isinstance(item, Skipped):
            report.skipped.append(item)
        else:
            articles.append(_with_defaults(item, options))
    report.read = len(articles) + len(report.skipped)
    todo = []
    for article in articles:
        if store is not None and store.has_article(article.id):
            report.duplicates += 1
            report.coded += 1
            report.coded_events.extend(_stored_events(store, article))
        else:
            todo.append(article)
    writer = _Writer(store)
    with Progress("articles", len(todo), show=None if progress else False) as bar:
        for article in todo:
            if deadline is not None and time.monotonic() > deadline:
                report.skipped.append(Skipped(article.path or article.id, "time limit of the request reached "
                                              "before this article: send it again", article.line))
                continue
            batch = code_batch(pipeline, [article])
            report.skipped += batch.skipped
            new = writer.write(batch, report) if store is not None else None
            report.coded += batch.coded
            report.events += len(batch.events) if new is None else \
                sum(e.article_id in new for e in batch.events)
            report.coded_events.extend(batch.events)
            bar.advance()
    return report


class _Writer:
    """The one writer of a run: stores each coded batch in one transaction, then links it."""

    def __init__(self, store: Store | None) -> None:
        self.store = store
        self.linker = None  # built on first use: linking loads the sentence model lazily

    def warm_up(self) -> None:
        """Load the sentence model in a background thread (importing it takes seconds).

        Linking asks the model about the pairs of sentences the lexical test cannot settle;
        a run of more than a few articles nearly always has some. The model's loader holds a
        lock, so the first batch's linking waits for this load instead of starting another.
        """
        import threading

        from tacitus.link.agreement import Embedder

        def load() -> None:
            try:
                Embedder.model()
            except Exception:  # noqa: BLE001 - the linker loads it again and reports the error
                log.debug("sentence model not preloaded", exc_info=True)

        threading.Thread(target=load, name="tacitus-embedder", daemon=True).start()

    def write(self, batch, report: RunReport) -> set[str]:  # noqa: ANN001 - parallel.CodedBatch
        """Store and link a batch; returns the ids of the articles it added to the store."""
        from tacitus.errors import StoreError
        from tacitus.link import Linker

        assert self.store is not None
        articles = batch.tables.get("articles")
        try:
            new = self.store.add_tables(batch.tables)
        except StoreError as err:  # reported; earlier batches stay stored
            report.skipped += [Skipped(p or i, f"could not store: {err.message}")
                               for i, p in zip(articles.column("id").to_pylist(),
                                               articles.column("path").to_pylist(), strict=True)]
            batch.coded = 0
            return set()
        report.stored += len(new)
        report.duplicates += batch.coded - len(new)
        if new:
            self.linker = self.linker or Linker(self.store)
            try:
                self.linker.link(new)  # merge its mentions into events and stories
            except StoreError as err:
                report.skipped.append(Skipped(", ".join(new[:3]), f"stored, but not linked ({err.message}): "
                                                                  "`tacitus link` links it"))
        return set(new)


def _stored_events(store: Store, article: Article) -> list[Event]:
    """Events already stored for an article, as records (for --out on a re-run)."""
    return [event_from_dict(d) for d in store.events(article_id=article.id, include_negated=True)]


def event_from_dict(d: dict) -> Event:
    """Rebuild an Event from its ``to_dict()`` form (the store and the JSON Lines export)."""

    def actor(a: dict | None) -> Actor | None:
        if not a:
            return None
        return Actor(a.get("text") or "", a.get("name"), a.get("country"), a.get("role"), a.get("code") or "")

    loc = d.get("location")
    return Event(
        article_id=d["article_id"], article_path=d.get("article_path"),
        sentence_index=int(d["sentence_index"]), sentence=d["sentence"],
        span=(int(d["span"][0]), int(d["span"][1])), source=actor(d.get("source")),
        target=actor(d.get("target")), cameo=d["cameo"], cameo_name=d.get("cameo_name") or "",
        plover=d.get("plover"), quad_class=d.get("quad_class"), goldstein=d.get("goldstein"),
        negated=bool(d.get("negated")), date=d.get("date"), date_source=d.get("date_source"),
        date_precision=d.get("date_precision"),
        location=Location(loc["name"], loc.get("country"), loc.get("lat"), loc.get("lon")) if loc else None,
        confidence=float(d.get("confidence") or 0.0), pattern=d.get("pattern"), trigger=d.get("trigger"),
        publisher=d.get("publisher"), published=d.get("published"), url=d.get("url"),
        sectors=list(d.get("sectors") or []), figures=list(d.get("figures") or []),
        quote_id=d.get("quote_id"), speaker=actor(d.get("speaker")),
    )
