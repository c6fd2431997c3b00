"""``tacitus code --server URL``: read articles here, have a running ``tacitus serve`` code and
store them (the server holds the store, and DuckDB lets one process write it).

Articles are read with :func:`tacitus.ingest.read` (files, folders, JSON Lines, stdin) and
posted as JSON Lines, a batch at a time, to ``URL/api/articles`` with the token. Standard
library only (urllib): no HTTP client to install.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from tacitus.errors import InputError
from tacitus.ingest import read
from tacitus.records import Article, Options, Skipped

#: Articles per request: well within the server's body limit and time limit for news articles.
BATCH = 20


@dataclass
class PostReport:
    """What the server did with the posted articles (summed over the batches)."""

    read: int = 0
    coded: int = 0
    stored: int = 0
    duplicates: int = 0
    skipped: list[str] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)


def _line(article: Article) -> str:
    record = {"text": article.text, "title": article.title, "url": article.url, "publisher": article.publisher,
              "published": article.published.isoformat() if article.published else None}
    return json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False)


def _batches(items: Iterator[Article | Skipped], report: PostReport, size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        report.read += 1
        if isinstance(item, Skipped):
            report.skipped.append(str(item))
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def post(url: str, token: str | None, body: bytes, timeout: float = 600.0) -> dict[str, Any]:
    """POST JSON Lines to ``url/api/articles``; the server's JSON answer.

    Raises:
        InputError: the server cannot be reached, or refused the request (its message and hint).
    """
    request = urllib.request.Request(url.rstrip("/") + "/api/articles", data=body, method="POST",
                                     headers={"content-type": "application/x-ndjson",
                                              **({"authorization": f"Bearer {token}"} if token else {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - the user's server URL
            return json.loads(response.read())
    except urllib.error.HTTPError as err:
        try:
            problem = json.loads(err.read())
        except ValueError:
            problem = {"message": f"HTTP {err.code}", "hint": None}
        if problem.get("code") == "nothing_coded":
            return {"read": 0, "coded": 0, "stored": 0, "already_stored": 0, "events": [],
                    "skipped": [{"input": "batch", "line": None, "reason": problem["message"]}]}
        raise InputError(f"the server refused the articles: {problem.get('message')}", hint=problem.get("hint")) from None
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise InputError(f"cannot reach the server at {url}: {reason}",
                         hint="is `tacitus serve` running there? check the URL and port") from None


def post_articles(paths: Sequence[str], server: str, token: str | None, options: Options | None = None,
                  batch: int = BATCH) -> PostReport:
    """Read articles from ``paths`` and have the server at ``server`` code and store them.

    Raises:
        InputError: the server cannot be reached or refused a batch (earlier batches stay stored).
    """
    report = PostReport()
    for articles in _batches(read(paths, options or Options()), report, batch):
        answer = post(server, token, "".join(_line(a) + "\n" for a in articles).encode("utf-8"))
        report.coded += answer["coded"]
        report.stored += answer["stored"]
        report.duplicates += answer["already_stored"]
        report.events.extend(answer["events"])
        report.skipped.extend(f"{s['input']}{':' + str(s['line']) if s.get('line') else ''}: {s['reason']}"
                              for s in answer["skipped"])
    return report
