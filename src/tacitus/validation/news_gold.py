"""A development gold set of real news, hand-coded in CAMEO: precision and recall of tacitus.

``tests/data/news_gold/`` lists sentences of two corpora in ``../shared/corpora`` (the
Wikinews articles of 2019-2020 and the BBC politics articles of 2004-2005), each with every
event a careful CAMEO 1.1b3 coder codes from it: source, target, code. The file holds no text
of the corpora (the project keeps them out of the repository; the BBC's terms forbid
republishing): a sentence is named by its corpus, its article (the Wikinews URL, or the BBC
file as ``politics/NNN.txt``), its index among the pipeline's sentences and the hash of its
words (:func:`sentence_hash`), and this module reads the text back from the corpora to find it. ``scripts/news_sentences.py`` lists the sentences
worth annotating; the header of the YAML file gives the coding rules.

Judging (:func:`judge`), for every annotated sentence found again by its hash:

* each non-negated event tacitus codes there is *right* when it matches a gold event of the
  sentence: source and target name the gold actors (a country or region code is matched to
  the actor's country, an IGO code to the actor's IGO code or its organisation part, as
  :func:`tacitus.evaluate.names` does), either way round for the symmetric codes of
  ``data/patterns.yaml`` (meet, agree, cooperate); the code is the gold code or under it (a
  2-digit root takes its family, a 3-digit code its 4-digit children); a gold event marked
  ``negated`` (the text says it did not happen) is never matched;
* recall is the share of the gold events found, each by a different event of the sentence;
  negated gold events are not counted, and domestic ones (same state on both sides) only when
  the pipeline keeps domestic events;
* an article's events outside the annotated sentences are not judged.

This is a development set: engineers read its errors to improve the coder. Its figures move
when the coder does; the floors in ``tests/test_validation_news_gold.py`` only catch regressions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tacitus.errors import DataFileError
from tacitus.evaluate import names
from tacitus.records import Actor, Event
from tacitus.validation.score import max_matching

if TYPE_CHECKING:
    from tacitus.pipeline import CodedArticle, Pipeline

#: Gold actor codes that name a kind of actor, not one: an international NGO ("human rights
#: groups") is "NGO" and matches any actor coded as an NGO.
GENERIC_CODES = frozenset({"NGO"})

# the corpora the gold names its sentences in (validation/corpora.py), re-exported here
from tacitus.validation.corpora import (  # noqa: E402, F401 - the public names of this module
    ARTICLE_SECONDS,
    BBC_CATEGORIES,
    BBC_DATE,
    CORPORA,
    HASH_LENGTH,
    SHARED_ENV,
    WIKINEWS_FILES,
    CodingTimeout,
    CorpusArticle,
    code_corpora,
    code_with_limit,
    corpus_missing,
    default_shared,
    read_corpus,
    sentence_hash,
    to_article,
)

# ---------------------------------------------------------------------------- the gold file


@dataclass(frozen=True)
class GoldEvent:
    """One event a coder codes from a sentence.

    Attributes:
        source, target: actor codes: ISO 3166-1 alpha-3 ("FRA"), a CAMEO region ("WST") or
            tacitus' IGO code ("IGOUNO").
        code: a CAMEO code ("042"), or a 2-digit root ("04") where coders would differ.
        domestic: the same state on both sides; counted only when domestic events are kept.
        negated: the text says it did not happen; never matched, never counted.
        note: why the choice was debatable, if it was.
    """

    source: str
    target: str
    code: str
    domestic: bool = False
    negated: bool = False
    note: str | None = None

    @property
    def root(self) -> str:
        return self.code[:2]

    def describe(self) -> str:
        flags = "".join(f" {f}" for f, on in (("domestic", self.domestic), ("negated", self.negated)) if on)
        return f"{self.source} {self.code} {self.target}{flags}"


@dataclass(frozen=True)
class GoldSentence:
    """One annotated sentence, named by its corpus, article, index and hash (never its text)."""

    corpus: str
    article: str
    sentence: int
    hash: str
    events: tuple[GoldEvent, ...]
    note: str | None = None
    line: int | None = None
    #: from a file of whole articles (every sentence of the article coded, ``[]`` included)
    whole: bool = False
    #: the file it was read from
    file: str = ""

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.corpus, self.article, self.sentence)

    @property
    def half(self) -> str:
        """``tune`` or ``check``: :func:`half` of its article."""
        return half(self.corpus, self.article)

    def where(self) -> str:
        return f"{self.corpus} {self.article} #{self.sentence} {self.hash}"


_HEX = set("0123456789abcdef")

#: The two halves of the dev gold. Engineers read the errors of the tune half only; the check
#: half gives figures and nothing else, and the gap between the two is how much the coder was
#: fitted to what was read.
HALVES = ("tune", "check")


def half(corpus: str, article: str) -> str:
    """The half of the dev gold an article belongs to, fixed by a hash of its key.

    Every sentence of an article falls in the same half, so that reading an error never shows
    a sentence of a check article.
    """
    digest = hashlib.sha1(f"{corpus}:{article}".encode()).hexdigest()
    return HALVES[int(digest, 16) % 2]


def collection(corpus: str, article: str) -> str:
    """The collection an article was drawn from: "wikinews", or the BBC category ("bbc
    politics", "bbc business"). Collections were added to the gold at different times: one
    no rule was read from measures tacitus on unseen news (tests/data/news_gold/README.md)."""
    return f"{corpus} {article.split('/')[0]}" if corpus == "bbc" and "/" in article else corpus


def _actor_code_ok(code: str) -> bool:
    return code.isalpha() and code.isupper() and (len(code) == 3 or (code.startswith("IGO") and len(code) >= 6))


def load_all(folder: str | Path) -> list[GoldSentence]:
    """Every gold file (``*.yaml``) of a folder, in name order; a sentence may be in one only.

    Raises:
        DataFileError: as :func:`load`, or a sentence is in two files.
    """
    out: list[GoldSentence] = []
    seen: dict[tuple[str, str, Any], str] = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        for s in load(path):
            for key in ((s.corpus, s.article, s.sentence), (s.corpus, s.article, s.hash)):
                if key in seen:
                    raise DataFileError(str(path), f"{s.corpus} {s.article} {key[2]} is also in {seen[key]}",
                                        line=s.line)
                seen[key] = f"{path.name}:{s.line}"
            out.append(s)
    return out


def load(path: str | Path) -> list[GoldSentence]:
    """Read a gold file (format in tests/data/news_gold/README.md).

    The file is a YAML list of sentences (a sample of an article's sentences), or a mapping
    ``{whole_articles: true, sentences: [...]}`` whose articles are coded sentence by sentence,
    every one of them.

    Raises:
        DataFileError: the file is not such a list, or an entry is malformed (a missing field,
            an unknown corpus or CAMEO code, a hash that is not 12 hex digits, a domestic flag
            that disagrees with the actors, a sentence listed twice), with its line.
    """
    from tacitus.datafiles import load_yaml
    from tacitus.events.codebook import is_code

    where = str(path)
    data = load_yaml(path, with_lines=True)
    whole = False
    if isinstance(data, dict):
        whole = data.get("whole_articles") is True
        if not whole or not isinstance(data.get("sentences"), list):
            raise DataFileError(where, "a mapping must be {whole_articles: true, sentences: [...]}",
                                line=data.get("__line__"))
        data = data["sentences"]
    if not isinstance(data, list):
        raise DataFileError(where, "expected a list of sentences",
                            hint="each entry: {corpus, article, sentence, hash, events}")
    out: list[GoldSentence] = []
    seen: dict[tuple[str, str, Any], int] = {}
    for item, line in zip(data, getattr(data, "lines", [None] * len(data)), strict=True):
        if not isinstance(item, dict):
            raise DataFileError(where, "an entry must be a mapping", line=line)
        missing = [k for k in ("corpus", "article", "sentence", "hash", "events") if k not in item]
        if missing:
            raise DataFileError(where, f"entry lacks {', '.join(missing)}", line=line)
        corpus, article, index, digest = item["corpus"], str(item["article"]), item["sentence"], str(item["hash"])
        if corpus not in CORPORA:
            raise DataFileError(where, f"unknown corpus {corpus!r}", line=line, hint=f"known: {', '.join(CORPORA)}")
        if not isinstance(index, int) or isinstance(index, bool) or index < 0:
            raise DataFileError(where, f"sentence must be an index (0, 1, ...), not {index!r}", line=line)
        if len(digest) != HASH_LENGTH or not set(digest) <= _HEX:
            raise DataFileError(where, f"hash {digest!r} is not {HASH_LENGTH} lower-case hex digits", line=line,
                                hint="scripts/news_sentences.py prints each sentence's hash")
        for key in ((corpus, article, index), (corpus, article, digest)):
            if key in seen:
                raise DataFileError(where, f"{corpus} {article} {key[2]} is listed twice (line {seen[key]})",
                                    line=line)
            seen[key] = line or 0
        if not isinstance(item["events"], list):
            raise DataFileError(where, "events must be a list ([] when nothing is coded)", line=line)
        events = []
        for ev in item["events"]:
            if not isinstance(ev, dict) or not {"source", "target", "code"} <= set(ev):
                raise DataFileError(where, "an event needs source, target and code", line=line)
            code, src, tgt = str(ev["code"]), str(ev["source"]), str(ev["target"])
            if not is_code(code) or len(code) < 2:
                raise DataFileError(where, f"{code!r} is not a CAMEO code", line=line,
                                    hint='quote codes to keep their zeros: code: "042"')
            for actor in (src, tgt):
                if not _actor_code_ok(actor):
                    raise DataFileError(where, f"{actor!r} is not an actor code", line=line,
                                        hint="ISO alpha-3 (FRA), a CAMEO region (WST) or an IGO code (IGOUNO)")
            domestic = bool(ev.get("domestic", False))
            if domestic != (src == tgt):
                raise DataFileError(where, f"{src} {code} {tgt}: domestic must be true exactly when "
                                    "source and target are the same", line=line)
            events.append(GoldEvent(src, tgt, code, domestic, bool(ev.get("negated", False)), ev.get("note")))
        out.append(GoldSentence(corpus, article, index, digest, tuple(events), item.get("note"), line,
                                whole, Path(path).name))
    return out


# ---------------------------------------------------------------------------- matching


def symmetric_codes() -> frozenset[str]:
    """The codes whose two actors play the same part: ``symmetric: true`` in data/patterns.yaml."""
    from tacitus.datafiles import builtin_path, load_yaml

    blocks = load_yaml(builtin_path("patterns.yaml")) or {}
    return frozenset(str(k) for k, v in blocks.items() if isinstance(v, dict) and v.get("symmetric"))


def actor_matches(gold: str, actor: Actor | None) -> bool:
    """A gold actor code names the actor: its country (or region), or its IGO code.

    A full IGO code matches the actor's code or an organ of it (IGOEUREEC: IGOEUREECLEG) and,
    as :func:`tacitus.evaluate.names` does, an IGO code with the same organisation part. A
    generic code (:data:`GENERIC_CODES`: "NGO") matches any actor of that kind or role.
    """
    if actor is None:
        return False
    if gold in GENERIC_CODES:
        return actor.code.startswith(gold) or actor.role == gold
    if gold.startswith("IGO"):
        return actor.code.startswith(gold) or names(gold[-3:], {"country": None, "code": actor.code})
    return names(gold, actor.to_dict())


def code_matches(gold: GoldEvent, event: Event) -> bool:
    """The gold code or a code under it: a root takes its family ("04": "042"), a 3-digit
    code its 4-digit children ("033": "0331"); the gold file codes at most 3 digits."""
    return event.cameo.startswith(gold.code)


def event_matches(gold: GoldEvent, event: Event, symmetric: Iterable[str] = ()) -> bool:
    """Code and actors agree (either way round for a symmetric code); a negated gold never matches."""
    if gold.negated or not code_matches(gold, event):
        return False
    if actor_matches(gold.source, event.source) and actor_matches(gold.target, event.target):
        return True
    sym = set(symmetric)
    either = event.cameo in sym or event.cameo[:3] in sym or gold.code in sym
    return either and actor_matches(gold.target, event.source) and actor_matches(gold.source, event.target)


def _assign(golds: Sequence[GoldEvent], events: Sequence[Event], symmetric: frozenset[str]) -> dict[int, int]:
    """A largest one-to-one matching of gold events to events: {gold index: event index}."""
    return max_matching(len(golds), len(events), lambda g, e: event_matches(golds[g], events[e], symmetric))


# ---------------------------------------------------------------------------- judging


@dataclass
class JudgedEvent:
    """One event tacitus coded in an annotated sentence, and whether a gold event backs it."""

    event: Event
    right: bool
    sentence: GoldSentence
    gold: GoldEvent | None = None  # the gold event it matches, if any


@dataclass
class SentenceResult:
    """One annotated sentence, found again (or not) and judged."""

    gold: GoldSentence
    found: bool
    index: int | None = None  # its index in today's split (may differ from the file's)
    text: str = ""  # read from the corpus at run time, never stored
    events: list[JudgedEvent] = field(default_factory=list)
    counted: list[GoldEvent] = field(default_factory=list)  # gold events recall counts
    matched: list[GoldEvent] = field(default_factory=list)  # ... and those an event found
    negated: int = 0  # tacitus' negated events here (ignored)
    reason: str = ""  # why it was not found
    coded: list[Event] = field(default_factory=list)  # every event coded here, negated ones too
    actors: list[Actor] = field(default_factory=list)  # the actors the pipeline found here

    @property
    def missed(self) -> list[GoldEvent]:
        return [g for g in self.counted if g not in self.matched]

    def cause(self, gold: GoldEvent) -> str:
        """Why a missed gold event was missed: the first of :data:`CAUSES` that holds."""
        if not all(any(actor_matches(code, a) for a in self.actors) for code in (gold.source, gold.target)):
            return "actor unknown"
        same_pair = [e for e in self.coded
                     if (actor_matches(gold.source, e.source) and actor_matches(gold.target, e.target))
                     or (actor_matches(gold.target, e.source) and actor_matches(gold.source, e.target))]
        if any(e.negated or e.cameo[:2] in STANCE_ROOTS or gold.root in STANCE_ROOTS for e in same_pair):
            return "stance"
        if same_pair:
            return "other code"
        if any(e.cameo.startswith(gold.root) for e in self.coded):
            return "arguments"
        return "no trigger"


#: Why a gold event was missed, in the order :meth:`SentenceResult.cause` tries them:
#: a gold actor is not among the actors found in the sentence; the pair was coded but as
#: negated, intended, refused or threatened, or the gold is such a stance and the act was
#: coded; the pair was coded with another code; the act was coded between other actors
#: (arguments: the parse or the argument rules); nothing coded the act at all.
CAUSES = ("actor unknown", "stance", "other code", "arguments", "no trigger")
#: The roots a stance rule turns an act into: intent, appeal, demand, refusal, threat.
STANCE_ROOTS = frozenset({"02", "03", "10", "12", "13"})


@dataclass
class RootCounts:
    """Per CAMEO root: gold events counted and found; events coded and right."""

    gold: int = 0
    found: int = 0
    emitted: int = 0
    right: int = 0


@dataclass
class NewsScore:
    sentences: list[SentenceResult]
    domestic: bool
    label: str = ""
    #: sentences of whole articles that no gold entry covers (corpus, article, index, text)
    gaps: list[tuple[str, str, int, str]] = field(default_factory=list)

    @property
    def judged(self) -> list[JudgedEvent]:
        return [j for s in self.sentences for j in s.events]

    @property
    def lost(self) -> list[SentenceResult]:
        """Annotated sentences whose hash is no longer found (the splitter may have changed)."""
        return [s for s in self.sentences if not s.found]

    @property
    def gold_events(self) -> int:
        return sum(len(s.counted) for s in self.sentences if s.found)

    @property
    def found_events(self) -> int:
        return sum(len(s.matched) for s in self.sentences if s.found)

    @property
    def right(self) -> int:
        return sum(j.right for j in self.judged)

    @property
    def precision(self) -> float:
        judged = self.judged
        return self.right / len(judged) if judged else 0.0

    @property
    def recall(self) -> float:
        return self.found_events / self.gold_events if self.gold_events else 0.0

    @property
    def found_share(self) -> float:
        return (len(self.sentences) - len(self.lost)) / len(self.sentences) if self.sentences else 0.0

    def only(self, which: str) -> NewsScore:
        """The score of one half of the gold (:func:`half`): ``tune`` or ``check``."""
        if which not in HALVES:
            raise ValueError(f"unknown half {which!r}: {', '.join(HALVES)}")
        return NewsScore([s for s in self.sentences if s.gold.half == which], self.domestic,
                         f"{self.label} {which}".strip(),
                         [g for g in self.gaps if half(g[0], g[1]) == which])

    def collections(self) -> dict[str, NewsScore]:
        """The score of each collection of the gold (:func:`collection`), in name order."""
        names = sorted({collection(s.gold.corpus, s.gold.article) for s in self.sentences})
        return {name: NewsScore([s for s in self.sentences if collection(s.gold.corpus, s.gold.article) == name],
                                self.domestic, f"{self.label} {name}".strip(),
                                [g for g in self.gaps if collection(g[0], g[1]) == name])
                for name in names}

    def whole_articles(self) -> NewsScore:
        """The score of the sentences of whole articles only (no sample chosen by the coder)."""
        return NewsScore([s for s in self.sentences if s.gold.whole], self.domestic,
                         f"{self.label} whole-articles".strip(), self.gaps)

    def per_cause(self) -> dict[str, int]:
        """Missed gold events by :data:`CAUSES`."""
        table = dict.fromkeys(CAUSES, 0)
        for s in self.sentences:
            for g in s.missed:
                table[s.cause(g)] += 1
        return table

    def per_article(self) -> list[tuple[str, int, int]]:
        """Missed gold events by article, most first: (corpus and article, missed, of them
        with an actor the sentence does not name). A few articles often hold many of a half's
        misses: a figure to read before taking a cause for a general one."""
        table: dict[str, list[int]] = {}
        for s in self.sentences:
            for g in s.missed:
                row = table.setdefault(f"{s.gold.corpus} {s.gold.article}", [0, 0])
                row[0] += 1
                row[1] += s.cause(g) == "actor unknown"
        return sorted(((k, v[0], v[1]) for k, v in table.items()), key=lambda r: (-r[1], r[0]))

    def per_root(self) -> dict[str, RootCounts]:
        table: dict[str, RootCounts] = {}
        for s in self.sentences:
            for g in s.counted:
                table.setdefault(g.root, RootCounts()).gold += 1
            for g in s.matched:
                table[g.root].found += 1
            for j in s.events:
                row = table.setdefault(j.event.cameo_root, RootCounts())
                row.emitted += 1
                row.right += j.right
        return dict(sorted(table.items()))


def _default_pipeline() -> Pipeline:
    import tacitus

    return tacitus.Pipeline(tacitus.Options(domestic=True))


def code_gold_articles(sentences: Sequence[GoldSentence], pipeline: Pipeline, shared: Path | None = None,
                       ) -> dict[tuple[str, str], CodedArticle | str]:
    """Code the articles the gold sentences come from, one at a time (:func:`code_with_limit`).

    Returns:
        {(corpus, key): the CodedArticle, or why it could not be coded}.

    Raises:
        FileNotFoundError: the corpora are absent (see :func:`corpus_missing`).
    """
    reason = corpus_missing(shared)
    if reason:
        raise FileNotFoundError(reason)
    wanted = {(s.corpus, s.article) for s in sentences}
    generaliser = getattr(pipeline.coder, "generaliser", None)
    if generaliser is not None:
        generaliser.warm()  # the per-article time limit is for coding, not for loading its model
    out: dict[tuple[str, str], CodedArticle | str] = {}

    def gave_up(item: CorpusArticle, err: Exception) -> None:
        out[(item.corpus, item.key)] = f"coding gave up: {err}"

    for corpus in sorted({c for c, _ in wanted}):
        keys = [k for c, k in wanted if c == corpus]
        for item, coded in code_corpora(pipeline, [corpus], keys, gave_up, shared):
            out[(corpus, item.key)] = coded
    return out


def judge_sentence(gold: GoldSentence, events: Sequence[Event], *, domestic: bool,
                   symmetric: Iterable[str] | None = None, index: int | None = None,
                   text: str = "") -> SentenceResult:
    """Judge the events coded in one annotated sentence (negated ones are set aside).

    Args:
        gold: the annotated sentence.
        events: every event the pipeline coded in it.
        domestic: the pipeline keeps domestic events (domestic gold events then count).
        symmetric: the codes judged either way round; default :func:`symmetric_codes`.
        index, text: where the sentence is in today's split, and its text (for reports).
    """
    sym = frozenset(symmetric_codes() if symmetric is None else symmetric)
    positive = [e for e in events if not e.negated]
    counted = [g for g in gold.events if not g.negated and (domestic or not g.domestic)]
    pairs = _assign(counted, positive, sym)
    result = SentenceResult(gold, True, gold.sentence if index is None else index, text, counted=counted,
                            matched=[counted[g] for g in sorted(pairs)], negated=len(events) - len(positive),
                            coded=list(events))
    for event in positive:
        backing = next((g for g in gold.events if event_matches(g, event, sym)), None)
        result.events.append(JudgedEvent(event, backing is not None, gold, backing))
    return result


def judge(sentences: Sequence[GoldSentence], pipeline: Pipeline | None = None, *,
          shared: Path | None = None, label: str = "") -> NewsScore:
    """Code the gold sentences' articles and judge every event coded in an annotated sentence.

    Each sentence is found by its hash (the one nearest its recorded index if the hash occurs
    twice); one not found is reported in :attr:`NewsScore.lost` and not judged.

    Args:
        sentences: from :func:`load`.
        pipeline: the pipeline under test; default ``Pipeline(Options(domestic=True))``.
        shared: the shared folder holding ``corpora/`` (default :func:`default_shared`).
        label: a name for the run, shown in reports.

    Raises:
        FileNotFoundError: the corpora are absent.
    """
    pipeline = pipeline or _default_pipeline()
    domestic = bool(pipeline.options.domestic)
    symmetric = symmetric_codes()
    coded = code_gold_articles(sentences, pipeline, shared)
    results = []
    for gold in sentences:
        article = coded.get((gold.corpus, gold.article))
        if article is None or isinstance(article, str):
            results.append(SentenceResult(gold, False, reason=article or "article not in the corpus"))
            continue
        same = [s for s in article.sentences if sentence_hash(s.text) == gold.hash]
        if not same:
            results.append(SentenceResult(gold, False, reason="no sentence of the article has this hash"))
            continue
        sent = min(same, key=lambda s: abs(s.index - gold.sentence))
        events = [e for e in article.events if e.sentence_index == sent.index]
        result = judge_sentence(gold, events, domestic=domestic, symmetric=symmetric,
                                index=sent.index, text=sent.text)
        result.actors = [m.actor for m in article.mentions if m.sentence_index == sent.index]
        results.append(result)
    covered = {(r.gold.corpus, r.gold.article, r.index) for r in results if r.found}
    gaps = []
    for corpus, key in sorted({(g.corpus, g.article) for g in sentences if g.whole}):
        article = coded.get((corpus, key))
        if article is not None and not isinstance(article, str):
            gaps += [(corpus, key, s.index, s.text) for s in article.sentences
                     if (corpus, key, s.index) not in covered]
    return NewsScore(results, domestic, label, gaps)
