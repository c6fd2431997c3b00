"""The ingest stage: files, HTML, JSON Lines and stdin in; cleaned :class:`Article` records out."""

from tacitus.ingest.clean import clean, is_boilerplate, parse_text
from tacitus.ingest.readers import article_from_text, html_to_text, parse_published, read

__all__ = ["article_from_text", "clean", "html_to_text", "is_boilerplate", "parse_published",
           "parse_text", "read"]
