"""Reading articles from files, directories, JSON Lines and standard input.

Bad inputs never stop a run: each becomes a :class:`~tacitus.records.Skipped` with a one-line
reason naming the file (and line), and reading goes on.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tacitus.errors import InputError
from tacitus.ingest.clean import clean
from tacitus.records import Article, Options, Skipped, article_id_for

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
#: py3langid must be at least this sure before a text is skipped as not English; shorter
#: texts than MIN_LANGUAGE_CHARS are never skipped for language (a headline is too little).
LANGUAGE_CONFIDENCE = 0.90
MIN_LANGUAGE_CHARS = 200


def parse_published(value: Any) -> date | None:
    """A publication date from a flag or a JSON field: ISO date or datetime, else dateparser.

    Raises:
        InputError: the value is not a date.
    """
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(text, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    if parsed is None:
        raise InputError(f"published {text!r} is not a date", hint="write it as YYYY-MM-DD")
    return parsed.date()


@functools.lru_cache(maxsize=1)
def _identifier():  # noqa: ANN202 - py3langid is imported lazily
    from py3langid import langid

    # normalised probabilities, so LANGUAGE_CONFIDENCE is a probability (the default gives log scores)
    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


def _language(text: str) -> tuple[str, float]:
    lang, prob = _identifier().classify(text[:5000])
    return lang, float(prob)


def article_from_text(text: str, *, path: str | None = None, title: str | None = None,
                      url: str | None = None, publisher: str | None = None,
                      published: date | str | None = None, line: int | None = None) -> Article:
    """Clean a text and make it an Article (its id is the hash of the cleaned text).

    Raises:
        InputError: nothing is left after cleaning, or ``published`` is not a date.
    """
    cleaned = clean(text)
    if not cleaned.strip():
        raise InputError("the text is empty after cleaning", hint="check that the file holds article text")
    return Article(id=article_id_for(cleaned), text=cleaned, path=path, title=title, url=url,
                   publisher=publisher, published=parse_published(published), line=line)


def html_to_text(html: str) -> tuple[str | None, dict[str, Any]]:
    """Main text of an HTML page (trafilatura, comments and tables left out) and its metadata."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    meta: dict[str, Any] = {}
    try:
        found = trafilatura.extract_metadata(html)
    except Exception:  # noqa: BLE001 - metadata is a bonus; the text matters
        found = None
    if found is not None:
        meta = {"title": found.title, "url": found.url, "publisher": found.sitename}
    # the publication date only from the page's own metadata: an extensive search guesses
    # from copyright lines and links ("Copyright 2024" is not a publication date)
    from htmldate import find_date

    try:
        meta["published"] = find_date(html, extensive_search=False, original_date=True)
    except Exception:  # noqa: BLE001
        pass
    return text, {k: v for k, v in meta.items() if v}


def _decode(data: bytes) -> str | None:
    """UTF-8, else latin-1 for the odd byte; None for binary data."""
    if b"\x00" in data[:8192]:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    sample = text[:8192]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if sample and control / len(sample) > 0.01:
        return None
    return text


class _Reader:
    def __init__(self, options: Options) -> None:
        self.options = options

    def _article(self, text: str, where: str, line: int | None = None, **meta: Any) -> Article | Skipped:
        meta = {k: v for k, v in meta.items() if v not in (None, "")}
        try:
            article = article_from_text(
                text, path=meta.get("path", where), title=meta.get("title"),
                url=meta.get("url") or self.options.url, publisher=meta.get("publisher") or self.options.publisher,
                published=meta.get("published") or self.options.published, line=line)
        except InputError as err:
            return Skipped(where, err.message, line)
        if len(article.text) >= MIN_LANGUAGE_CHARS:
            lang, prob = _language(article.text)
            if lang != "en" and prob >= LANGUAGE_CONFIDENCE:
                return Skipped(where, f"language looks like {lang!r} ({prob:.2f}); tacitus codes English only", line)
        return article

    def file(self, path: Path, shown: str) -> Iterator[Article | Skipped]:
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from self.jsonl(path, shown)
            return
        try:
            data = path.read_bytes()
        except OSError as err:
            yield Skipped(shown, f"cannot read: {err.strerror}")
            return
        text = _decode(data)
        if text is None:
            yield Skipped(shown, "binary file, not text")
            return
        if not text.strip():
            yield Skipped(shown, "empty file")
            return
        if suffix in HTML_SUFFIXES or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
            body, meta = html_to_text(text)
            if not body:
                yield Skipped(shown, "no main text found in the HTML")
                return
            yield self._article(body, shown, **meta)
            return
        yield self._article(text, shown)

    def jsonl(self, path: Path, shown: str, lines: list[str] | None = None) -> Iterator[Article | Skipped]:
        if lines is None:
            try:
                lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError as err:
                yield Skipped(shown, f"cannot read: {err.strerror}")
                return
        for n, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as err:
                yield Skipped(shown, f"not valid JSON ({err.msg})", n)
                continue
            if not isinstance(obj, dict):
                yield Skipped(shown, "a line must be a JSON object", n)
                continue
            try:
                published = parse_published(obj.get("published"))
            except InputError as err:
                yield Skipped(shown, err.message, n)
                continue
            meta = {"title": obj.get("title"), "url": obj.get("url"), "publisher": obj.get("publisher"),
                    "published": published}
            where = f"{shown}:{n}"
            if isinstance(obj.get("text"), str) and obj["text"].strip():
                yield self._article(obj["text"], shown, n, path=obj.get("url") or obj.get("path") or where, **meta)
            elif isinstance(obj.get("html"), str) and obj["html"].strip():
                body, found = html_to_text(obj["html"])
                if not body:
                    yield Skipped(shown, "no main text found in the HTML", n)
                    continue
                merged = {**found, **{k: v for k, v in meta.items() if v}}
                yield self._article(body, shown, n, path=obj.get("url") or where, **merged)
            elif isinstance(obj.get("path"), str):
                target = (path.parent / obj["path"]) if path.name else Path(obj["path"])
                shown_target = str(Path(shown).parent / obj["path"]) if path.name else obj["path"]
                for item in self.file(target, shown_target):
                    if isinstance(item, Article):
                        from dataclasses import replace

                        item = replace(item, title=meta["title"] or item.title, url=meta["url"] or item.url,
                                       publisher=meta["publisher"] or item.publisher,
                                       published=published or item.published, line=n)
                    elif not target.exists():
                        item = Skipped(shown, f"path {obj['path']!r} does not exist", n)
                    yield item
            else:
                yield Skipped(shown, "a line needs \"text\", \"html\" or \"path\"", n)

    def stdin(self) -> Iterator[Article | Skipped]:
        data = sys.stdin.read()
        lines = [ln for ln in data.splitlines() if ln.strip()]
        if lines and all(ln.lstrip().startswith("{") for ln in lines):
            yield from self.jsonl(Path(""), "<stdin>", lines)
        elif data.strip():
            yield self._article(data, "<stdin>")
        else:
            yield Skipped("<stdin>", "empty input")


def read(paths: Sequence[str], options: Options | None = None) -> Iterator[Article | Skipped]:
    """Articles from files, directories (recursively), JSON Lines files, or "-" for stdin.

    Hidden files and folders are passed over; a directory's files of other types are skipped
    with a reason; a path that does not exist is reported as skipped and the run goes on.
    """
    reader = _Reader(options or Options())
    for given in paths:
        if given == "-":
            yield from reader.stdin()
            continue
        path = Path(given)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                rel = found.relative_to(path)
                if any(part.startswith(".") for part in rel.parts) or not found.is_file():
                    continue
                shown = str(Path(given) / rel)
                if found.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
                    yield from reader.file(found, shown)
                else:
                    yield Skipped(shown, f"unsupported file type {found.suffix or '(none)'!r}")
        elif path.is_file():
            yield from reader.file(path, given)
        else:
            yield Skipped(given, "no such file or directory")
