"""Reading articles from files, directories, HTML, JSON Lines and standard input.

Bad inputs never stop a run: each becomes a :class:`~tacitus.records.Skipped` with a one-line
reason naming the file (and line), and reading goes on. That includes a path that does not
exist: the CLI prints Skipped lines and carries on with the other paths.

What is read:

- a file with a suffix in :data:`TEXT_SUFFIXES`, :data:`HTML_SUFFIXES` or :data:`JSONL_SUFFIXES`;
- a file named on the command line without any suffix, as plain text (or HTML if it starts
  like an HTML page); in a directory such files are skipped with a reason, as are files
  with other suffixes (a folder often holds notes, images and PDFs next to the articles);
- a directory, recursively, in sorted path order; hidden files and folders (".git",
  ".DS_Store") are passed over silently;
- ``-``: standard input, as JSON Lines if every non-empty line is a JSON object, else as one
  text (or HTML) article.

Metadata: a JSON Lines field wins over what trafilatura finds in an HTML page, which wins
over the defaults given as flags (:class:`~tacitus.records.Options`).
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tacitus.errors import InputError
from tacitus.ingest.clean import clean
from tacitus.ingest.language import not_english
from tacitus.records import Article, Options, Skipped, article_id_for

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
#: The Article.path of text read from standard input.
STDIN = "<stdin>"

#: Binary detection reads the first SNIFF_BYTES: a NUL byte, more than CONTROL_SHARE control
#: characters or more than UNDECODABLE_SHARE bytes that are not UTF-8 mean "not text". A
#: Latin-1 or Windows-1252 English article has well under 1% such bytes (the BBC corpus's
#: one Latin-1 file has a single "£"); a French one in Latin-1 has a few percent.
SNIFF_BYTES = 65536
CONTROL_SHARE = 0.01
UNDECODABLE_SHARE = 0.10
_MIN_BAD = 8

#: An input text longer than this is coded as numbered articles of at most this length, cut
#: at paragraph breaks ("report.txt (part 2 of 10)"): one article's parse, events and mentions
#: are held in memory together, about 240 MB a million characters on top of the 900 MB the
#: models take (benchmarks/long_text.py), so a part of 500,000 characters keeps a run under
#: 1.5 GB whatever the input. No news article comes near it (the longest are ~50,000).
MAX_ARTICLE_CHARS = 500_000

#: HTML larger than this is refused before parsing, with its size as the reason. A news page
#: with its scripts and styles is well under 1 MB; trafilatura took 225 s on a 28 MB page (and
#: found almost nothing in it), about 8 s a MB. Save a huge page's article as text instead.
MAX_HTML_CHARS = 5_000_000
#: libxml2, which parses the HTML for trafilatura, stops descending at 256 levels of nesting:
#: below that, it drops the content, so a page nested deeper yields no text.
MAX_HTML_DEPTH = 255
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*?(/?)>")
#: Elements without an end tag, or whose end tag HTML lets a page leave out: not counted as nesting.
_UNNESTED = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                       "track", "wbr", "p", "li", "td", "th", "tr", "dt", "dd", "option"})

_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_DOCUMENT = re.compile(r"<(?:html|body)\b", re.IGNORECASE)
_SURROGATE = re.compile(r"[\udc80-\udcff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_ENGLISH_CODES = frozenset({"en", "eng", "english"})


def _byte_as_cp1252(byte: int) -> str:
    # Windows-1252 first (curly quotes 0x91-0x94 are common in old newsroom files); its five
    # undefined bytes fall back to Latin-1
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


_STRAY_BYTES = {0xDC00 + b: _byte_as_cp1252(b) for b in range(0x80, 0x100)}


def decode_bytes(data: bytes) -> str | None:
    """Text from bytes: UTF-8 (or UTF-16 with a byte-order mark), stray bytes as Windows-1252.

    A file that is UTF-8 but for the odd Latin-1 byte ("£" as 0xA3) is read, each stray byte
    taken as Windows-1252/Latin-1, so the rest of the UTF-8 text is not garbled.

    Args:
        data: the raw bytes of a file or of standard input.

    Returns:
        The text (without a byte-order mark), or None if the data looks binary: NUL bytes, or
        a high share of control characters or of bytes that are not UTF-8.
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                return None if codec != "utf-8" else decode_bytes(data[len(bom):])
    sample = data[:SNIFF_BYTES]
    if b"\x00" in sample:
        return None
    text = data.decode("utf-8", errors="surrogateescape")
    head = text[:SNIFF_BYTES]
    if head:
        undecodable = len(_SURROGATE.findall(head))
        control = len(_CONTROL.findall(head))
        # shares, with a floor, so that a one-line text with two stray bytes is still text
        if (undecodable > max(UNDECODABLE_SHARE * len(head), _MIN_BAD)
                or control > max(CONTROL_SHARE * len(head), _MIN_BAD)):
            return None
    return text.translate(_STRAY_BYTES) if _SURROGATE.search(text) else text


def parse_published(value: Any) -> date | None:
    """A publication date from a flag, a JSON field or page metadata.

    Accepts a date, an ISO date ("2023-11-01"), an ISO date-time ("2023-11-01T09:30:00Z",
    whose date is taken as written, in the publisher's time zone), or, failing those, a full
    date that dateparser reads in strict mode ("1 November 2023", "Nov 1, 2023").

    Args:
        value: None or "" (unknown), a date or datetime, or a string.

    Returns:
        The date, or None when the value is empty.

    Raises:
        InputError: the value is not a date with day, month and year.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if isinstance(value, str):
        for parse in (date.fromisoformat, lambda s: datetime.fromisoformat(s).date()):
            try:
                return parse(text)
            except ValueError:
                pass
        import dateparser  # slow to import; only needed for dates not written in ISO form

        # absolute dates only: "yesterday" in a publication-date field has nothing to be relative to
        parsed = dateparser.parse(text, languages=["en"], settings={
            "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["custom-formats", "absolute-time"]})
        if parsed is not None:
            return parsed.date()
    raise InputError(f"published {text!r} is not a date", hint="write it as YYYY-MM-DD")


def article_from_text(text: str, *, path: str | None = None, title: str | None = None,
                      url: str | None = None, publisher: str | None = None,
                      published: date | str | None = None, line: int | None = None,
                      boilerplate: Sequence[str | Path] = ()) -> Article:
    """Clean a text and make it an Article, whose id is the hash of the cleaned text.

    Args:
        text: the raw article text.
        path: where it came from (file path, URL or "file.jsonl:3").
        title, url, publisher: metadata, or None.
        published: the publication date (a date or a string that :func:`parse_published` reads).
        line: the JSON Lines line number, if any.
        boilerplate: further boilerplate rule files for :func:`~tacitus.ingest.clean.clean`.

    Returns:
        The Article.

    Raises:
        InputError: nothing is left after cleaning, or ``published`` is not a date.
    """
    cleaned = clean(text, boilerplate=boilerplate)
    if not cleaned:
        raise InputError("no article text left after removing boilerplate lines",
                         hint="check that the input holds the article's text")
    return Article(id=article_id_for(cleaned), text=cleaned, path=path, title=title, url=url,
                   publisher=publisher, published=parse_published(published), line=line)


class _LogReasons(logging.Handler):
    """Collects what trafilatura logs while it extracts, to say why it found no text."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def html_depth(html: str) -> int:
    """How deeply the page's elements nest (end tags a page may leave out are not counted)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m.group(3) or m.group(2).lower() in _UNNESTED:
            continue
        if m.group(1):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _extract(html: str) -> tuple[str | None, dict[str, Any], str]:
    """trafilatura's text and metadata, and the reason when it found no text."""
    import trafilatura

    if len(html) > MAX_HTML_CHARS:
        return None, {}, (f"HTML of {len(html) / 1e6:.1f} MB, over the {MAX_HTML_CHARS / 1e6:.0f} MB tacitus reads "
                          "(a news page is well under 1 MB): save the article's text as .txt")

    if not _HTML_DOCUMENT.search(html):
        html = f"<html><body>{html}</body></html>"  # trafilatura finds nothing in a bare fragment
    logger = logging.getLogger("trafilatura.core")
    found = None
    reasons = _LogReasons()
    for precision in (True, False):
        if not precision:
            # trafilatura only logs why it gave up (STYLE.md): listen on the last try only
            level = logger.level
            logger.addHandler(reasons)
            logger.setLevel(logging.DEBUG)
        try:
            found = trafilatura.bare_extraction(
                html, with_metadata=True, include_comments=False, include_tables=False,
                favor_precision=precision,
                date_extraction_params={"extensive_search": False, "original_date": True})
        finally:
            if not precision:
                logger.removeHandler(reasons)
                logger.setLevel(level)
        if found is not None and (found.text or "").strip():
            break
    text = (found.text or "").strip() if found is not None else ""
    if not text:
        depth = html_depth(html)
        if depth > MAX_HTML_DEPTH:
            return None, {}, (f"HTML nested {depth:,} elements deep: the HTML parser (libxml2) reads "
                              f"{MAX_HTML_DEPTH} levels at most, so no text was found below them; "
                              "save the article's text as .txt")
        why = next((m for m in reasons.messages if "not long enough" in m or "discard" in m.lower()), "")
        why = why.removesuffix(" None").strip()
        return None, {}, f"no main text found in the HTML (trafilatura: {why})" if why else \
            "no main text found in the HTML"
    meta = {"title": found.title, "url": found.url, "publisher": found.sitename, "published": found.date}
    meta = {k: v.strip() for k, v in meta.items() if isinstance(v, str) and v.strip()}
    # trafilatura puts each block (heading, paragraph, list item) on its own line
    return "\n\n".join(text.splitlines()), meta, ""


def html_to_text(html: str) -> tuple[str | None, dict[str, Any]]:
    """The main text of an HTML page and the metadata trafilatura finds in it.

    trafilatura extracts the text with comments and tables left out and ``favor_precision``
    on: a news page's teasers, link lists and captions would otherwise become "sentences"
    that the coder reads events from. If that finds nothing (a very short page), a second
    try without ``favor_precision`` is made. The publication date comes from the page's own
    metadata only: an extensive search guesses from copyright lines and links.

    Args:
        html: an HTML page or fragment.

    Returns:
        The text, blocks separated by blank lines (None if trafilatura found no main text),
        and a dict with any of "title", "url", "publisher" (the site name) and "published"
        (a date string as the page gives it).
    """
    text, meta, _ = _extract(html)
    return text, meta


#: JSON's names for Python's types, for the reasons ("must be a string, not a number").
_JSON_TYPES = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object"}


def _field(obj: dict[str, Any], key: str) -> str | None:
    """A string field of a JSON Lines object, or None when absent or null.

    Raises:
        InputError: the field holds another JSON type: ``{"text": 5}`` is a mistake in the
            file, not an article "5".
    """
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"field {key!r} must be a string, not {_JSON_TYPES.get(type(value), type(value).__name__)}",
                         hint=f'write it in quotes: "{key}": "..."')
    return value.strip() or None


def _is_english(code: str) -> bool:
    return re.split(r"[-_]", code.strip().lower())[0] in _ENGLISH_CODES


class _Reader:
    def __init__(self, options: Options, boilerplate: Sequence[str | Path], *, paths: bool = True) -> None:
        self.options = options
        self.boilerplate = tuple(boilerplate)
        self.paths = paths  # whether a JSON Lines line's "path" may be read (never for a request body)

    def article(self, text: str, where: str, line: int | None = None, *, path: str,
                meta: dict[str, Any], check_language: bool = True) -> Article | Skipped:
        """An Article from raw text, with metadata over the flags' defaults, or why not."""
        if not text.strip():
            return Skipped(where, "empty text" if line else "empty file", line)
        published = meta.get("published") or self.options.published
        try:
            article = article_from_text(
                text, path=path, title=meta.get("title"), url=meta.get("url") or self.options.url,
                publisher=meta.get("publisher") or self.options.publisher, published=published,
                line=line, boilerplate=self.boilerplate)
        except InputError as err:
            return Skipped(where, err.message, line)
        reason = not_english(article.text) if check_language else None
        return Skipped(where, reason, line) if reason else article

    def text_or_html(self, text: str, where: str, line: int | None = None, *, path: str,
                     meta: dict[str, Any], is_html: bool, check_language: bool = True) -> Article | Skipped:
        if is_html:
            body, found, why = _extract(text)
            if not body:
                return Skipped(where, why, line)
            try:
                found["published"] = parse_published(found.get("published"))
            except InputError:
                found.pop("published")  # a page's odd date string is no reason to drop the article
            meta = {**found, **{k: v for k, v in meta.items() if v}}
            text = body
        return self.article(text, where, line, path=path, meta=meta, check_language=check_language)

    def file(self, path: Path, shown: str, meta: dict[str, Any] | None = None, line: int | None = None,
             *, article_path: str | None = None, check_language: bool = True) -> Iterator[Article | Skipped]:
        """Articles from one file; ``meta``/``line`` are given when a JSON Lines line points here."""
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            if meta is not None:
                yield Skipped(shown, "a JSON Lines line cannot point to another JSON Lines file", line)
            else:
                yield from self.jsonl(path, shown)
            return
        try:
            data = path.read_bytes()
        except OSError as err:
            yield Skipped(shown, f"cannot read the file ({err.strerror or err})", line)
            return
        text = decode_bytes(data)
        if text is None:
            yield Skipped(shown, "binary file, not text", line)
            return
        if not text.strip():
            yield Skipped(shown, "empty file", line)
            return
        is_html = suffix in HTML_SUFFIXES or bool(_HTML_START.match(text))
        yield self.text_or_html(text, shown, line, path=article_path or shown, meta=meta or {},
                                is_html=is_html, check_language=check_language)

    def jsonl(self, path: Path, shown: str) -> Iterator[Article | Skipped]:
        try:
            handle = path.open("rb")
        except OSError as err:
            yield Skipped(shown, f"cannot read the file ({err.strerror or err})")
            return
        with handle:
            yield from self.jsonl_lines(handle, shown, path.parent, Path(shown).parent)

    def jsonl_lines(self, lines: Iterable[bytes | str], shown: str, folder: Path,
                    shown_folder: Path | None) -> Iterator[Article | Skipped]:
        """Articles from JSON Lines; a line's ``path`` is relative to ``folder``."""
        seen = False
        for n, raw in enumerate(lines, start=1):
            text = decode_bytes(raw) if isinstance(raw, bytes) else raw
            if text is None:
                yield Skipped(shown, "binary data, not a JSON line", n)
                continue
            if not text.strip():
                continue
            seen = True
            yield from self.jsonl_line(text, n, shown, folder, shown_folder)
        if not seen:
            yield Skipped(shown, "empty file")

    def jsonl_line(self, raw: str, n: int, shown: str, folder: Path,
                   shown_folder: Path | None) -> Iterator[Article | Skipped]:
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as err:
            yield Skipped(shown, f"not valid JSON ({err.msg} at column {err.colno})", n)
            return
        if not isinstance(obj, dict):
            yield Skipped(shown, f"a line must be a JSON object, not {type(obj).__name__}", n)
            return
        try:
            meta: dict[str, Any] = {key: _field(obj, key) for key in ("title", "url", "publisher")}
            meta["published"] = parse_published(obj.get("published"))
            language = _field(obj, "language")
            text, html, rel = (_field(obj, key) for key in ("text", "html", "path"))
        except InputError as err:
            hint = f" ({err.hint})" if err.hint else ""
            yield Skipped(shown, err.message + hint, n)
            return
        if language and not _is_english(language):
            yield Skipped(shown, f"the line gives language {language!r}, tacitus codes English only", n)
            return
        # the line's own "language": "en" is trusted over a guess from the text
        check = not language
        joined = (str(shown_folder / rel) if shown_folder is not None else rel) if rel else None
        article_path = meta["url"] or joined or f"{shown}:{n}"
        if text or html:
            yield self.text_or_html(html or text or "", shown, n, path=article_path, meta=meta,
                                    is_html=not text, check_language=check)
        elif rel and not self.paths:
            yield Skipped(shown, f"path {rel!r}: a file named in a request is not read; send its \"text\" or "
                                 f"\"html\"", n)
        elif rel:
            target = folder / rel
            if target.suffix and target.suffix.lower() not in SUPPORTED_SUFFIXES:
                yield Skipped(shown, f"path {rel!r}: unsupported file type {target.suffix!r}", n)
                return
            if not target.is_file():
                what = "is not a file" if target.exists() else "does not exist"
                yield Skipped(shown, f"path {rel!r} {what} (paths are relative to the JSON Lines file's folder)", n)
                return
            for item in self.file(target, str(joined), meta, n, article_path=article_path, check_language=check):
                yield item if isinstance(item, Article) else replace(item, path=shown, reason=f"{rel}: {item.reason}")
        else:
            yield Skipped(shown, 'a line needs "text", "html" or "path"', n)

    def stdin(self) -> Iterator[Article | Skipped]:
        stream = sys.stdin
        buffer = getattr(stream, "buffer", None)
        text = decode_bytes(buffer.read()) if buffer is not None else stream.read()
        if text is None:
            yield Skipped(STDIN, "binary data, not text")
            return
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        if not lines:
            yield Skipped(STDIN, "empty input")
        elif all(ln.startswith("{") and ln.endswith("}") for ln in lines):
            yield from self.jsonl_lines(text.splitlines(), STDIN, Path.cwd(), None)
        else:
            yield self.text_or_html(text, STDIN, path=STDIN, meta={}, is_html=bool(_HTML_START.match(text)))


def _walk(top: str) -> list[tuple[tuple[str, ...], str]]:
    """Files under ``top`` as (relative parts, path as shown), sorted, hidden ones left out."""
    found = []
    for folder, dirs, files in os.walk(top, onerror=None, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = Path(os.path.relpath(folder, top)).parts if folder != top else ()
        found.extend(((*rel, name), os.path.join(folder, name)) for name in files if not name.startswith("."))
    return sorted(found)


def read(paths: Sequence[str], options: Options | None = None, *,
         boilerplate: Sequence[str | Path] = ()) -> Iterator[Article | Skipped]:
    """Articles from files, directories (recursively), HTML, JSON Lines, or "-" for stdin.

    Args:
        paths: the inputs as the user gave them.
        options: default metadata (``published``, ``publisher``, ``url``) for articles that
            carry none.
        boilerplate: further boilerplate rule files (format of ``tacitus/data/boilerplate.yaml``).

    Yields:
        An Article for each article read, in input order, or a Skipped saying why an input
        (file, or JSON Lines line) was not read. Nothing is raised for bad inputs, including
        a path that does not exist (a Skipped that says to check the path). A text longer
        than MAX_ARTICLE_CHARS comes as numbered articles (:func:`split_article`).

    Raises:
        DataFileError: a boilerplate rule file is malformed.
    """
    for item in _read(paths, _Reader(options or Options(), boilerplate)):
        if isinstance(item, Article) and len(item.text) > MAX_ARTICLE_CHARS:
            yield from split_article(item)
        else:
            yield item


def split_article(article: Article, limit: int | None = None) -> list[Article]:
    """A text too long for one article as numbered articles, cut at paragraph breaks.

    Each part is an article of its own (its id the hash of its text, its path the input's with
    "(part K of N)"), with the input's metadata; offsets are into the part's text.
    """
    from dataclasses import replace as with_

    from tacitus.ingest.clean import split_parts

    texts = [t.strip() for t in split_parts(article.text, limit or MAX_ARTICLE_CHARS)]
    texts = [t for t in texts if t]
    where = article.path or article.url or article.id
    return [with_(article, id=article_id_for(text), text=text, path=f"{where} (part {k} of {len(texts)})")
            for k, text in enumerate(texts, 1)]


def _read(paths: Sequence[str], reader: _Reader) -> Iterator[Article | Skipped]:
    for given in paths:
        if given == "-":
            yield from reader.stdin()
            continue
        path = Path(given)
        if path.is_dir():
            for _, shown in _walk(given):
                found = Path(shown)
                if found.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield from reader.file(found, shown)
                elif not found.suffix:
                    yield Skipped(shown, "unsupported file type (no suffix); name the file on the command "
                                         "line to read it as plain text")
                else:
                    yield Skipped(shown, f"unsupported file type {found.suffix!r}; tacitus reads "
                                         f"{', '.join(sorted(SUPPORTED_SUFFIXES))}")
        elif path.is_file():
            if path.suffix and path.suffix.lower() not in SUPPORTED_SUFFIXES:
                yield Skipped(given, f"unsupported file type {path.suffix!r}; tacitus reads "
                                     f"{', '.join(sorted(SUPPORTED_SUFFIXES))}")
            else:
                yield from reader.file(path, given)
        elif path.exists():
            yield Skipped(given, "not a regular file or directory")
        else:
            yield Skipped(given, "no such file or directory; check the path")


#: The kinds of body :func:`read_body` takes.
BODY_KINDS = ("text", "html", "jsonl")


def read_body(data: bytes, kind: str, options: Options | None = None, *, name: str = "<request>",
              meta: dict[str, Any] | None = None) -> Iterator[Article | Skipped]:
    """Articles from the bytes of a request (an HTTP upload): one text or HTML article, or
    JSON Lines. Like :func:`read`, bad input becomes a Skipped with its reason; unlike it, a
    JSON Lines line's ``path`` is never read (a client must not make the server read files).

    Args:
        data: the body.
        kind: "text", "html" or "jsonl".
        options: default metadata (``published``, ``publisher``, ``url``).
        name: how the input is named in reasons and in ``Article.path``.
        meta: ``title``, ``url``, ``publisher``, ``published`` for a text or HTML article.

    Raises:
        InputError: ``kind`` is not one of :data:`BODY_KINDS`.
    """
    if kind not in BODY_KINDS:
        raise InputError(f"cannot read a body of kind {kind!r}", hint=f"send one of {', '.join(BODY_KINDS)}")
    reader = _Reader(options or Options(), (), paths=False)
    text = decode_bytes(data)
    if text is None:
        yield Skipped(name, "binary data, not text")
        return
    if kind == "jsonl":
        yield from reader.jsonl_lines(text.splitlines(), name, Path("."), None)
        return
    if not text.strip():
        yield Skipped(name, "empty text")
        return
    meta = {k: v for k, v in (meta or {}).items() if v}
    try:
        meta["published"] = parse_published(meta.get("published"))
    except InputError as err:
        yield Skipped(name, err.message + (f" ({err.hint})" if err.hint else ""))
        return
    yield reader.text_or_html(text, name, path=meta.get("url") or name, meta=meta, is_html=kind == "html")
