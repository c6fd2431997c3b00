"""The real news of ``../shared/corpora`` that the news gold is annotated on: reading the
Wikinews and BBC articles (:func:`read_corpus`), naming sentences by a hash of their words
(:func:`sentence_hash`) and coding articles one at a time under a time limit
(:func:`code_corpora`). Nothing of the corpora is copied into the repository: tests and
benchmarks read them from the shared folder and skip with :func:`corpus_missing`'s reason
when it is absent.
"""

from __future__ import annotations

import csv
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tacitus.records import Article

if TYPE_CHECKING:
    from tacitus.pipeline import CodedArticle, Pipeline

#: The corpora, by the name the gold file gives them.
CORPORA = ("wikinews", "bbc")
#: The Wikinews files under ``corpora/wikinews-2019-2020``.
WIKINEWS_FILES = ("wikinews_2019.csv", "wikinews_2020.csv")
#: The BBC categories read, under ``corpora/bbc-news-2005/bbc``: politics (the first gold) and
#: business (trade disputes, sanctions, aid, the bodies of the world economy).
BBC_CATEGORIES = ("politics", "business")
#: The BBC files carry no date; all are from 2004-2005. Relative dates resolve against this one.
BBC_DATE = "2005-03-01"
#: Length of a sentence hash (hex digits of SHA-1).
HASH_LENGTH = 12
#: The environment variable that points at the shared folder, when it is not ../shared.
SHARED_ENV = "TACITUS_SHARED"
#: Seconds one article may take to code before it is given up and reported. The whole of
#: both corpora (about 700 articles) codes in about 90 s, the longest article in about 5 s;
#: on 2026-11-30 one BBC article (politics/254.txt) never finished: the walk up to a clause's
#: verb in actors/coref.py (``verb.head is not verb``) does not stop at a root that is no verb.
ARTICLE_SECONDS = 60


def default_shared() -> Path:
    """``$TACITUS_SHARED``, else ``shared`` next to the repository of this source file."""
    if os.environ.get(SHARED_ENV):
        return Path(os.environ[SHARED_ENV])
    return Path(__file__).resolve().parents[4] / "shared"


def sentence_hash(text: str) -> str:
    """The hash that names a sentence: SHA-1 of its words joined by single spaces, 12 hex digits."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:HASH_LENGTH]


# ---------------------------------------------------------------------------- the corpora


@dataclass(frozen=True)
class CorpusArticle:
    """One article of a corpus, with the key the gold file names it by."""

    corpus: str
    key: str
    title: str
    text: str  # title + "\n\n" + body, as tests/test_pipeline_corpus.py builds it
    published: str


def corpus_missing(shared: Path | None = None) -> str | None:
    """Why the corpora cannot be read (a reason to skip), or None when they are there."""
    shared = shared or default_shared()
    wanted = [shared / "corpora" / "wikinews-2019-2020" / n for n in WIKINEWS_FILES]
    wanted += [shared / "corpora" / "bbc-news-2005" / "bbc" / c for c in BBC_CATEGORIES]
    absent = [str(p) for p in wanted if not p.exists()]
    return f"{', '.join(absent)} absent: the news gold set reads its sentences from the shared corpora" \
        if absent else None


def read_corpus(corpus: str, shared: Path | None = None) -> Iterator[CorpusArticle]:
    """The articles of one corpus, in file order.

    Wikinews: both CSV files, rows titled "TEST PAGE..." left out, keyed by URL. BBC: the
    politics files, then the business files, keyed ``politics/NNN.txt`` and
    ``business/NNN.txt``; a file whose text repeats an earlier one (politics has 14 such
    copies) is left out, so each sentence has one key.
    """
    shared = shared or default_shared()
    if corpus == "wikinews":
        for name in WIKINEWS_FILES:
            path = shared / "corpora" / "wikinews-2019-2020" / name
            with path.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    if row["title"].startswith("TEST PAGE"):
                        continue
                    yield CorpusArticle("wikinews", row["url"], row["title"],
                                        row["title"] + "\n\n" + row["text"], row["date"])
    elif corpus == "bbc":
        seen: set[str] = set()
        paths = [(category, path) for category in BBC_CATEGORIES
                 for path in sorted((shared / "corpora" / "bbc-news-2005" / "bbc" / category).glob("*.txt"))]
        for category, path in paths:
            raw = path.read_bytes()
            try:
                content = raw.decode("utf-8")
            except UnicodeDecodeError:
                content = raw.decode("latin-1")
            digest = hashlib.sha1(raw).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            title, _, body = content.strip().partition("\n")
            yield CorpusArticle("bbc", f"{category}/{path.name}", title.strip(),
                                title.strip() + "\n\n" + body.strip(), BBC_DATE)
    else:
        raise ValueError(f"unknown corpus {corpus!r}: known {', '.join(CORPORA)}")


class CodingTimeout(Exception):
    """An article took longer than :data:`ARTICLE_SECONDS` to code."""


def code_with_limit(pipeline: Pipeline, article: Article, seconds: float = ARTICLE_SECONDS) -> CodedArticle:
    """Code one article with ``pipeline.code_articles``, giving up after ``seconds``.

    The limit uses SIGALRM, so it holds only in the main thread of a Unix process; elsewhere
    the article is coded without one.

    Raises:
        CodingTimeout: the article took longer.
    """
    import signal
    import threading

    def code() -> CodedArticle:
        return next(iter(pipeline.code_articles([article])))

    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        return code()

    def expire(signum: int, frame: Any) -> None:
        raise CodingTimeout(f"{article.path}: not coded in {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return code()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def code_corpora(pipeline: Pipeline, corpora: Iterable[str] = CORPORA, keys: Iterable[str] = (),
                 on_skip: Any = None, shared: Path | None = None) -> Iterator[tuple[CorpusArticle, CodedArticle]]:
    """Each article of the corpora (only ``keys`` when given) with the pipeline's coding of it,
    one at a time under :func:`code_with_limit`; an article that takes too long is passed to
    ``on_skip(item, error)`` and left out (the scripts that list sentences use this).

    Raises:
        FileNotFoundError: the corpora are absent (see :func:`corpus_missing`).
    """
    reason = corpus_missing(shared)
    if reason:
        raise FileNotFoundError(reason)
    wanted = set(keys)
    for corpus in corpora:
        for item in read_corpus(corpus, shared):
            if wanted and item.key not in wanted:
                continue
            try:
                yield item, code_with_limit(pipeline, to_article(item))
            except CodingTimeout as err:
                if on_skip is not None:
                    on_skip(item, err)


#: The outlet of each corpus: what a user coding its articles would give as their publisher
#: (a BBC article's "the government" before any state is named is Britain's: actors/home.py).
PUBLISHERS = {"bbc": "BBC News", "wikinews": "Wikinews"}


def to_article(item: CorpusArticle) -> Article:
    """The pipeline's Article for a corpus article (path = its key, published = its date)."""
    from tacitus.ingest import article_from_text

    return article_from_text(item.text, path=item.key, published=item.published,
                             publisher=PUBLISHERS.get(item.corpus))
