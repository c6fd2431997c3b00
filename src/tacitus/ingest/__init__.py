"""The ingest stage: files, HTML, JSON Lines and stdin in; cleaned :class:`Article` records out.

    read(paths, options)      -> Iterator[Article | Skipped]   (never raises for a bad input)
    article_from_text(text)   -> Article                       (clean + hash, for API callers)
    clean(text)               -> str                           (the article's text for good)
    parse_text(text)          -> str                           (same-length copy for the parser)
    html_to_text(html)        -> (text | None, metadata)       (trafilatura)
"""

from tacitus.ingest.clean import (
    boilerplate_rules,
    clean,
    dateline_spans,
    is_boilerplate,
    parse_text,
)
from tacitus.ingest.language import detect_language, not_english
from tacitus.ingest.readers import (
    SUPPORTED_SUFFIXES,
    article_from_text,
    decode_bytes,
    html_to_text,
    parse_published,
    read,
    read_body,
)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "article_from_text",
    "boilerplate_rules",
    "clean",
    "dateline_spans",
    "decode_bytes",
    "detect_language",
    "html_to_text",
    "is_boilerplate",
    "not_english",
    "parse_published",
    "parse_text",
    "read",
    "read_body",
]
