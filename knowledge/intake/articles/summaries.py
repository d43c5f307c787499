"""One-line summaries of extracted facts, written from their values, never copied.

A moderator reviewing candidates reads these first, so they say exactly
what the structured fields say ("about 8,000", "more than 27,000", "since
1 October 2022"): a summary that disagrees with its fact would hide an
extraction error instead of showing it.
"""

from __future__ import annotations

from datetime import date

from knowledge.drafts import FactDraft
from knowledge.language.phrases import money
from knowledge.language.vocabulary import REASONS_BY_KEY, TEAMS_BY_KEY
from knowledge.types import FactKind, Qualifier

_BEFORE = {
    Qualifier.ABOUT: "about ", Qualifier.MORE_THAN: "more than ", Qualifier.SLIGHTLY_MORE_THAN: "slightly more than ",
    Qualifier.AT_LEAST: "at least ", Qualifier.NEARLY: "nearly ", Qualifier.FEWER_THAN: "fewer than ",
    Qualifier.UP_TO: "up to ",
}
_VAGUE = {
    Qualifier.DOZENS: "dozens of", Qualifier.HUNDREDS: "hundreds of", Qualifier.SEVERAL_HUNDRED: "several hundred",
    Qualifier.THOUSANDS: "thousands of", Qualifier.SEVERAL_THOUSAND: "several thousand",
}


def figure(low: int | None, high: int | None, qualifier: str | None) -> str:
    """ "about 8,000", "between 100 and 200", "several hundred"."""
    q = Qualifier(qualifier) if qualifier else Qualifier.EXACT
    if q in _VAGUE:
        return _VAGUE[q]
    if q == Qualifier.RANGE and low is not None and high is not None:
        return f"between {low:,} and {high:,}"
    value = low if low is not None else high
    return f"{_BEFORE.get(q, '')}{value:,}" if value is not None else ""


def share(percent: float | None, qualifier: str | None) -> str:
    if percent is None:
        return ""
    q = Qualifier(qualifier) if qualifier else Qualifier.EXACT
    number = f"{percent:g}"
    return f"{_BEFORE.get(q, '')}{number}%"


def when(draft: FactDraft) -> str:
    if draft.announced:
        return f" on {_day(draft.announced)}"
    start, end = draft.period_start, draft.period_end
    if start and end:
        if start.day == 1 and end.month == start.month and end.year == start.year and end.day >= 28:
            return f" in {start:%B %Y}"
        if start == date(start.year, 1, 1) and end == date(end.year, 12, 31):
            return f" in {start.year}" if start.year == end.year else f" in {start.year}-{end.year}"
        if draft.cumulative:
            return f" between {_day(start)} and {_day(end)}"
        return f" between {_day(start)} and {_day(end)}"
    if start:
        return f" since {_day(start)}"
    if end:
        return f" as of {_day(end)}"
    return ""


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def summarise(draft: FactDraft, plan: bool) -> str:
    subject = draft.company or "Tech companies"
    period = when(draft)
    if draft.kind == FactKind.LAYOFF:
        return _layoff(draft, subject, period, plan)
    if draft.kind == FactKind.HEADCOUNT:
        return f"{subject} employed {figure(draft.count_min, draft.count_max, draft.qualifier)} people{period}."
    if draft.kind == FactKind.COMPANIES:
        amount = figure(draft.count_min, draft.count_max, draft.qualifier)
        return f"{amount} tech companies cut jobs{period}{' (running total)' if draft.cumulative else ''}."
    if draft.kind == FactKind.TEAMS:
        teams = [TEAMS_BY_KEY[key].en for key in draft.labels]
        if draft.detail:
            teams.append("a unit named in the source")
        return f"{subject}'s job cuts{period} hit {_join(teams)}."
    if draft.kind == FactKind.REASON:
        reasons = [REASONS_BY_KEY[key].en_because for key in draft.labels]
        if not reasons:
            return f"{subject} gave a reason for the job cuts{period} that is kept in the source's words."
        return f"{subject} cut jobs{period} " + _join([f"because {reason}" for reason in reasons]) + "."
    if draft.kind == FactKind.COST:
        amount = money(draft.count_min, draft.count_max, draft.qualifier, draft.detail, "en")
        return f"{subject} put the cost of its job cuts{period} at {amount}."
    return f"{subject}: {draft.detail or 'related statement'}."


def _layoff(draft: FactDraft, subject: str, period: str, plan: bool) -> str:
    amount = figure(draft.count_min, draft.count_max, draft.qualifier)
    part = share(draft.percent, draft.percent_qualifier)
    if draft.company is None:
        people = f"{amount} tech workers" if amount else "Tech workers"
        return f"{people[0].upper()}{people[1:]} were laid off across the industry{period} (running total)."
    if amount and part:
        what = f"{amount} jobs ({part} of staff)"
    elif amount:
        what = f"{amount} jobs"
    elif part:
        what = f"{part} of its staff"
    else:
        return f"{subject} {'announced job cuts' if plan else 'cut jobs'}{period}; the source gives no figure."
    if draft.cumulative:
        return f"{subject} cut {what} in all{period} (a running total)."
    if plan:
        return f"{subject} announced{period} that it plans to cut {what}."
    return f"{subject} cut {what}{period}."


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
