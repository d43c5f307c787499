"""When two reports are about the same event: the one definition review and answering share.

A layoff round is often reported several times: a tracker row, the company's announcement, a news
story, a second story a day later. Review merges a candidate into the fact already reporting its
event (its source is added there); answering groups the facts it holds into rounds so a total counts
each round once. Both ask the same question of two reports, so both ask it here:

- Different companies, kinds, or a running total against a single round: different events.
- Reports of one event begin within a few days of each other (the day announced, else the start of
  the period reported; running totals must also end about the same day); further apart, two events.
- The same figure (the same count, or compatible shares when neither gives a count): the same event.
- Different counts: one tracker's two rows are two rounds (trackers list each round once); any other
  pair is one event told two ways, *disputed*: answers show both figures and never add them up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from knowledge.types import FactKind

SAME_EVENT_DAYS = 3  # reports of one round rarely differ by more than a few days
_FIGURED = frozenset({FactKind.LAYOFF, FactKind.HEADCOUNT, FactKind.COMPANIES})


class Relation(Enum):
    DIFFERENT = "different"
    SAME = "same"
    DISPUTED = "disputed"  # the same event, with figures that disagree


@dataclass(frozen=True, slots=True)
class Report:
    """What two reports are compared on, read from a stored fact or a snapshot's view of one."""

    company_id: int | None
    kind: str
    cumulative: bool
    start: date | None  # the day announced, else the first day of the period reported
    end: date | None  # the last day of the period reported, else `start`
    count_min: int | None
    count_max: int | None
    percent: float | None
    labels: frozenset[str] = frozenset()
    detail: str | None = None
    from_tracker: bool = False

    @property
    def has_count(self) -> bool:
        return self.count_min is not None or self.count_max is not None


def relation(a: Report, b: Report) -> Relation:
    """How report `b` relates to report `a` (symmetric)."""
    if a.company_id != b.company_id or a.kind != b.kind or a.cumulative != b.cumulative:
        return Relation.DIFFERENT
    if not same_time(a, b):
        return Relation.DIFFERENT
    if a.kind not in _FIGURED:
        same = bool(a.labels & b.labels) if a.labels and b.labels else \
            (a.detail or "").casefold() == (b.detail or "").casefold()
        return Relation.SAME if same else Relation.DIFFERENT
    if same_figure(a, b):
        return Relation.SAME
    if a.from_tracker and b.from_tracker:
        return Relation.DIFFERENT
    return Relation.DISPUTED if a.has_count and b.has_count else Relation.DIFFERENT


def same_time(a: Report, b: Report) -> bool:
    """Begun within `SAME_EVENT_DAYS` of each other (running totals: and counted up to about the same day).

    A round's reports agree on when it was announced, not always on when it ends ("by the end of March"
    in one, nothing in the other); a running total is a different total a month later. Two undated
    reports of one company agree.
    """
    if a.start is None or b.start is None:
        return a.start is None and b.start is None
    if abs((a.start - b.start).days) > SAME_EVENT_DAYS:
        return False
    if a.cumulative and a.end is not None and b.end is not None:
        return abs((a.end - b.end).days) <= SAME_EVENT_DAYS
    return True


def same_figure(a: Report, b: Report) -> bool:
    """The same count; or, when neither gives a count, shares that do not contradict each other."""
    if a.has_count and b.has_count:
        return (a.count_min, a.count_max) == (b.count_min, b.count_max)
    if not a.has_count and not b.has_count:
        return a.percent is None or b.percent is None or a.percent == b.percent
    return False


def span(announced: date | None, period_start: date | None,
         period_end: date | None) -> tuple[date | None, date | None]:
    """A report's (start, end) for `Report`: the day announced (else the period's start) to the period's end."""
    start = announced or period_start or period_end
    end = period_end or (date(period_start.year, 12, 31) if period_start else None) or start
    return start, end
