"""The value types every part of the core shares: the codes a fact is made of, and how a source is named.

They sit below storage, answering, intake and the write side alike, so that none of those needs another
to say what a layoff fact, a qualifier or a source is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class FactKind(StrEnum):
    LAYOFF = "layoff"  # people laid off: a count, a share of staff, or both
    TEAMS = "teams"  # the teams, divisions or units affected
    REASON = "reason"  # why the company says (or the source reports) it cut jobs
    HEADCOUNT = "headcount"  # how many people a company or unit employs
    COMPANIES = "companies"  # how many companies cut jobs (industry-wide figures)
    CONTEXT = "context"  # a related statement, e.g. a reorganisation and who leads it
    # What the cuts cost the company (severance, charges). Its figure is a sum of money: count_min/count_max
    # hold it in the unit `detail` names ("USD million", "EUR thousand", "million"), so the figure an
    # answer shows ("about $800 million") is the fact's own.
    COST = "cost"


class Qualifier(StrEnum):
    """How exact a figure is, as the source states it."""

    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more_than"
    SLIGHTLY_MORE_THAN = "slightly_more_than"
    AT_LEAST = "at_least"
    NEARLY = "nearly"
    FEWER_THAN = "fewer_than"
    UP_TO = "up_to"
    RANGE = "range"
    DOZENS = "dozens"
    HUNDREDS = "hundreds"
    SEVERAL_HUNDRED = "several_hundred"
    THOUSANDS = "thousands"
    SEVERAL_THOUSAND = "several_thousand"

    @property
    def is_vague(self) -> bool:
        """A vague figure names an order of magnitude, never a number."""
        return self in _VAGUE


_VAGUE = {Qualifier.DOZENS, Qualifier.HUNDREDS, Qualifier.SEVERAL_HUNDRED, Qualifier.THOUSANDS,
          Qualifier.SEVERAL_THOUSAND}


class FactStatus(StrEnum):
    ACTIVE = "active"
    PENDING = "pending"  # extracted or proposed, waiting for a moderator
    RETRACTED = "retracted"
    REJECTED = "rejected"  # a pending candidate a moderator turned down
    MERGED = "merged"  # a candidate that turned out to be a fact already known: its source was added there


class SourceKind(StrEnum):
    ARTICLE = "article"
    TRACKER = "tracker"  # a row of a layoff tracker, cited to the row's own link
    DATASET = "dataset"  # a tracker export as a whole
    MANUAL = "manual"  # typed in by a moderator


@dataclass(frozen=True, slots=True)
class SourceView:
    id: int
    kind: str
    url: str | None
    title: str | None
    publisher: str | None
    published: date | None
    language: str | None
    notes: str | None

    def as_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "publisher": self.publisher,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
        }


# Who wrote a revision, besides moderators (whose actor is "name (id)") and the command line.
IMPORT_ACTOR = "import"
BUNDLED_ACTOR = "bundled"


@dataclass(frozen=True, slots=True)
class Tags:
    """What a tracker says about a round beyond its figures: industry, HQ location, country, funding."""

    industry: str | None = None
    country: str | None = None
    location: str | None = None
    stage: str | None = None
    funds_raised: float | None = None


# The fact columns a snapshot is built from, in the order each fact row holds them.
FACT_COLUMNS = (
    "id", "company_id", "kind", "count_min", "count_max", "qualifier", "percent", "percent_qualifier", "labels",
    "detail", "period_start", "period_end", "announced", "cumulative", "summary", "caveats", "note", "confidence",
    "version", "updated_at",
)


@dataclass(frozen=True)
class SnapshotRows:
    """All active knowledge as plain rows, read in one transaction: what storage hands to answering."""

    generation: int
    companies: Sequence[tuple[int, str, int | None]]  # (id, name, parent id)
    aliases: Sequence[tuple[int, str, str]]  # (company id, alias, key)
    facts: Sequence[Sequence[Any]]  # rows of FACT_COLUMNS
    citations: Sequence[tuple[int, SourceView, str | None]]  # (fact id, source, evidence), in citation order
    tags: dict[int, Tags] = field(default_factory=dict)
    last_alias: int = 0  # the newest alias's id: a snapshot catching up reads the aliases after it


@dataclass(frozen=True)
class SnapshotDelta:
    """What changed since a snapshot's generation, read in one transaction: the facts the changes touched as
    they stand now (those missing from `facts` are no longer active) and the companies and aliases added since."""

    generation: int
    fact_ids: frozenset[int]
    facts: Sequence[Sequence[Any]]  # the active ones among `fact_ids`, rows of FACT_COLUMNS
    citations: Sequence[tuple[int, SourceView, str | None]]
    tags: dict[int, Tags]
    companies: Sequence[tuple[int, str, int | None]]
    aliases: Sequence[tuple[int, str, str]]
    last_alias: int
