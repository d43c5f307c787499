"""Reading an article file: 'key: value' header lines, a blank line, then the body.

This is the format of the project's labelled articles and of the evaluation
suites, so tests, benchmarks and the command line read articles the same way.
"""

from __future__ import annotations

from datetime import date

from knowledge.errors import InvalidInput
from knowledge.intake.articles.candidates import ArticleMeta

_KEYS = {"url", "title", "publisher", "published", "language"}


def parse_article(text: str) -> tuple[ArticleMeta, str]:
    """The article's metadata and body."""
    head, separator, body = text.replace("\r\n", "\n").partition("\n\n")
    if not separator:
        raise InvalidInput("An article file needs 'key: value' lines, a blank line, then the body.")
    values: dict[str, str] = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        if colon and key.strip().lower() in _KEYS:
            values[key.strip().lower()] = value.strip()
    if "url" not in values or "published" not in values:
        raise InvalidInput("An article file needs at least 'url:' and 'published:' lines.")
    try:
        published = date.fromisoformat(values["published"])
    except ValueError as error:
        raise InvalidInput(f"'published:' must be a date such as 2024-04-10 (got {values['published']!r}).") from error
    meta = ArticleMeta(
        url=values["url"],
        title=values.get("title") or None,
        publisher=values.get("publisher") or None,
        published=published,
        language=values.get("language") or "en",
    )
    return meta, body.strip()
