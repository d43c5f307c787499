"""The shapes in which facts and sources enter the knowledge base, and their checks.

Every way in (bundled data, a moderator's form, a tracker row, an extracted
candidate) builds these drafts, so every fact meets the same rules: sizes
are bounded, counts are sane, links are http(s), periods run forwards.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from knowledge.errors import InvalidInput
from knowledge.models import FactKind, FactStatus, Qualifier, SourceKind
from knowledge.vocabulary import REASONS_BY_KEY, TEAMS_BY_KEY

MAX_COUNT = 5_000_000
MAX_NAME = 200
MAX_SUMMARY = 500
MAX_DETAIL = 1000
MAX_NOTE = 1000
MAX_URL = 2000
MAX_TITLE = 500
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class SourceDraft:
    url: str | None
    publisher: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = None
    notes: str | None = None
    kind: str = SourceKind.ARTICLE

    def validated(self) -> SourceDraft:
        url = _text(self.url, "source link", MAX_URL)
        if url is not None:
            check_url(url)
        if url is None and not (self.title or self.publisher):
            raise InvalidInput("A source needs a link, a title or a publisher.")
        if self.language is not None and self.language not in {"en", "fr", "id", "de", "es", "it", "pt", "nl"}:
            raise InvalidInput(f"Unknown source language {self.language!r}; use a two-letter code such as en or fr.")
        if self.kind not in set(SourceKind):
            raise InvalidInput(f"Unknown source kind {self.kind!r}.")
        return replace(
            self,
            url=url,
            publisher=_text(self.publisher, "publisher", MAX_NAME),
            title=_text(self.title, "title", MAX_TITLE),
            notes=_text(self.notes, "source notes", MAX_NOTE),
        )


@dataclass(frozen=True)
class FactDraft:
    kind: str
    company: str | None = None  # None: the whole industry
    count_min: int | None = None
    count_max: int | None = None
    qualifier: str | None = None
    percent: float | None = None
    percent_qualifier: str | None = None
    labels: tuple[str, ...] = ()
    detail: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    announced: date | None = None
    cumulative: bool = False
    summary: str = ""
    caveats: tuple[dict[str, str], ...] = ()
    note: str | None = None
    confidence: float = 1.0
    status: str = FactStatus.ACTIVE
    sources: tuple[tuple[SourceDraft, str | None], ...] = field(default=())  # (source, evidence)

    def validated(self) -> FactDraft:
        if self.kind not in set(FactKind):
            raise InvalidInput(f"Unknown kind of fact {self.kind!r}; use one of: {', '.join(FactKind)}.")
        if self.status not in set(FactStatus):
            raise InvalidInput(f"Unknown status {self.status!r}.")
        for name in ("qualifier", "percent_qualifier"):
            value = getattr(self, name)
            if value is not None and value not in set(Qualifier):
                raise InvalidInput(f"Unknown qualifier {value!r}; use one of: {', '.join(Qualifier)}.")
        for name in ("count_min", "count_max"):
            value = getattr(self, name)
            if value is not None and not (0 <= value <= MAX_COUNT):
                raise InvalidInput(f"A head count must be between 0 and {MAX_COUNT:,} (got {value:,}).")
        if self.count_min is not None and self.count_max is not None and self.count_min > self.count_max:
            raise InvalidInput("The lower bound of a figure cannot exceed its upper bound.")
        if self.percent is not None and not (0 < self.percent <= 100):
            raise InvalidInput(f"A share of staff must be more than 0% and at most 100% (got {self.percent}).")
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise InvalidInput("A period cannot end before it starts.")
        for day in (self.period_start, self.period_end, self.announced):
            if day is not None and not (date(1990, 1, 1) <= day <= date(2100, 12, 31)):
                raise InvalidInput(f"The date {day.isoformat()} is out of range.")
        unknown = [label for label in self.labels if label not in TEAMS_BY_KEY and label not in REASONS_BY_KEY]
        if unknown:
            raise InvalidInput(f"Unknown team or reason label(s): {', '.join(unknown)}.")
        if not 0 <= self.confidence <= 1:
            raise InvalidInput("Confidence must be between 0 and 1.")
        company = _text(self.company, "company name", MAX_NAME)
        summary = _text(self.summary, "summary", MAX_SUMMARY) or ""
        return replace(
            self,
            company=company,
            summary=summary,
            detail=_text(self.detail, "detail", MAX_DETAIL),
            note=_text(self.note, "note", MAX_NOTE),
            sources=tuple((source.validated(), _text(evidence, "evidence", 4000)) for source, evidence in self.sources),
        )

    def column_values(self) -> dict[str, Any]:
        """The values of the `Fact` columns this draft sets."""
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in {"company", "sources"}}
        values["labels"] = ",".join(dict.fromkeys(self.labels))
        values["caveats"] = json.dumps(list(self.caveats), ensure_ascii=False, sort_keys=True)
        return values


def check_url(url: str) -> None:
    """Links must be plain http(s) addresses: no javascript:, data:, or spaces."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc or re.search(r"\s", url):
        raise InvalidInput(f"Source links must be http:// or https:// addresses (got {url[:80]!r}).")


def _text(value: str | None, what: str, limit: int) -> str | None:
    if value is None:
        return None
    value = _CONTROL.sub(" ", value).strip()
    if len(value) > limit:
        raise InvalidInput(f"The {what} is too long ({len(value)} characters; at most {limit}).")
    return value or None
