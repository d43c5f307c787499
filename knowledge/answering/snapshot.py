"""An immutable, in-memory picture of the active knowledge, built for answering.

Answering a question must take a millisecond or two even with 100,000 facts,
so questions never touch the database: they read a `Snapshot`, which groups
active facts by company and keeps layoff rounds sorted by date.  The store
rebuilds a snapshot when the knowledge changes (see `Counter.generation`).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from knowledge.language.companies import CompanyMatcher, NameEntry
from knowledge.language.periods import Period
from knowledge.language.text import name_key
from knowledge.types import FactKind, Qualifier, SnapshotDelta, SnapshotRows, SourceView, Tags

VAGUE = frozenset(q.value for q in Qualifier if q.is_vague)


@dataclass(frozen=True, slots=True)
class CitationView:
    source: SourceView
    evidence: str | None


@dataclass(frozen=True, slots=True)
class CompanyView:
    id: int
    name: str
    parent_id: int | None
    aliases: tuple[str, ...] = ()
    children: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class FactView:
    """An active fact with everything an answer needs to state and cite it."""

    id: int
    company_id: int | None
    company: str | None
    kind: str
    count_min: int | None
    count_max: int | None
    qualifier: str | None
    percent: float | None
    percent_qualifier: str | None
    labels: tuple[str, ...]
    detail: str | None
    period: Period | None
    announced: date | None
    cumulative: bool
    summary: str
    caveats: tuple[dict[str, str], ...]
    note: str | None
    confidence: float
    version: int
    updated_at: datetime | None
    citations: tuple[CitationView, ...] = field(default=())
    tags: Tags | None = None
    # The date the fact is filed under: announcement, else start of its period
    # (date.min when undated). Stored, not derived: every sort reads it.
    when: date = date.min

    @property
    def years(self) -> range:
        """The calendar years the fact covers (empty when undated)."""
        if self.period is None:
            return range(0)
        return range(self.period.start.year, self.period.end.year + 1)

    @property
    def has_count(self) -> bool:
        return self.count_min is not None or self.count_max is not None

    @property
    def is_vague(self) -> bool:
        return self.qualifier in VAGUE

    @property
    def size(self) -> int:
        """A figure for ranking only (never shown): the lower bound, else the upper."""
        return self.count_min if self.count_min is not None else (self.count_max or 0)

    def as_json(self, source: SourceView | None = None) -> dict[str, object]:
        source = source or (self.citations[0].source if self.citations else None)
        return {
            "id": self.id,
            "company": self.company,
            "kind": self.kind,
            "count_min": self.count_min,
            "count_max": self.count_max,
            "qualifier": self.qualifier,
            "percent": self.percent,
            "percent_qualifier": self.percent_qualifier,
            "labels": list(self.labels),
            "detail": self.detail,
            "period_start": self.period.start.isoformat() if self.period else None,
            "period_end": self.period.end.isoformat() if self.period else None,
            "announced": self.announced.isoformat() if self.announced else None,
            "cumulative": self.cumulative,
            "summary": self.summary,
            "note": self.note,
            "source": source.as_json() if source else None,
        }


def fact_period(start: date | None, end: date | None, announced: date | None) -> Period | None:
    """The period a fact covers; a running figure with no end runs to its year's end."""
    if start and end:
        return Period(start, end, _grain(start, end))
    if start:
        return Period(start, date(start.year, 12, 31), "to_date")
    if end:
        return Period(end, end, "day")
    if announced:
        return Period(announced, announced, "day")
    return None


def _grain(start: date, end: date) -> str:
    if start == end:
        return "day"
    if start.day == 1 and start.month == 1 and end.month == 12 and end.day == 31:
        return "year" if start.year == end.year else "years"
    if start.day == 1 and (end.replace(day=28) if end.month == 2 else end).day >= 28:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months == 1:
            return "month"
        if months == 3 and start.month % 3 == 1:
            return "quarter"
    return "range"


@dataclass(frozen=True, slots=True)
class Snapshot:
    generation: int
    companies: dict[int, CompanyView]
    facts: dict[int, FactView]
    by_company: dict[int | None, tuple[FactView, ...]]  # None: industry-wide facts; each by (when, id)
    layoffs_by_date: tuple[FactView, ...]  # company layoff rounds, by (when, id)
    matcher: CompanyMatcher
    _dates: tuple[date, ...] = ()
    # Results derived from this snapshot alone (e.g. industry totals per period);
    # valid for its lifetime because a snapshot never changes.
    memo: dict[object, object] = field(default_factory=dict, compare=False)
    sources: dict[int, SourceView] = field(default_factory=dict, compare=False)  # what the facts cite, by id
    last_alias: int = 0  # the newest alias known (see `SnapshotDelta`)

    def family(self, company_id: int) -> list[int]:
        """A company and, recursively, its subsidiaries (a parent's question reaches them)."""
        found, pending = [], [company_id]
        while pending:
            current = pending.pop()
            if current in found:
                continue
            found.append(current)
            pending.extend(self.companies[current].children if current in self.companies else ())
        return found

    def facts_about(self, company_ids: Iterable[int | None]) -> list[FactView]:
        return [fact for cid in company_ids for fact in self.by_company.get(cid, ())]

    def layoffs_within(self, period: Period) -> list[FactView]:
        """Company layoff rounds dated inside `period` (by `FactView.when`)."""
        low = bisect.bisect_left(self._dates, period.start)
        high = bisect.bisect_right(self._dates, period.end)
        return list(self.layoffs_by_date[low:high])

    def company_name(self, company_id: int | None) -> str | None:
        return self.companies[company_id].name if company_id in self.companies else None

    @property
    def fact_count(self) -> int:
        return len(self.facts)

    @property
    def last_company(self) -> int:
        return max(self.companies, default=0)


def order(fact: FactView) -> tuple[date, int]:
    """How facts are kept in order: by date, then by id (the same after any sequence of changes)."""
    return fact.when, fact.id


def is_company_layoff(fact: FactView) -> bool:
    return fact.kind == FactKind.LAYOFF and fact.company_id is not None


class _Shared:
    """Equal values made once and shared by every fact holding them: periods, citations without evidence."""

    def __init__(self, sources: dict[int, SourceView]) -> None:
        self.sources = sources
        self.periods: dict[tuple[date | None, date | None, date | None], Period | None] = {}
        self.citations: dict[int, CitationView] = {}

    def period(self, start: date | None, end: date | None, announced: date | None) -> Period | None:
        key = (start, end, announced)
        found = self.periods.get(key, _MISSING)
        if found is _MISSING:
            found = self.periods[key] = fact_period(start, end, announced)
        return found  # type: ignore[return-value]

    def citation(self, source: SourceView, evidence: str | None) -> CitationView:
        source = self.sources.setdefault(source.id, source)
        if evidence is not None:
            return CitationView(source, evidence)
        found = self.citations.get(source.id)
        if found is None or found.source is not source:
            found = self.citations[source.id] = CitationView(source, None)
        return found


_MISSING = object()


def build_snapshot(rows: SnapshotRows, fuzzy_cutoff: float) -> Snapshot:
    """Assemble a snapshot from the plain rows storage read (see `knowledge.storage.store.Store.snapshot_rows`)."""
    generation, facts, citations, tags = rows.generation, rows.facts, rows.citations, rows.tags
    company_rows = list(rows.companies)
    alias_rows = list(rows.aliases)
    children: dict[int, list[int]] = {}
    for cid, _, parent in company_rows:
        if parent is not None:
            children.setdefault(parent, []).append(cid)
    alias_names: dict[int, list[str]] = {}
    for cid, name, _ in alias_rows:
        alias_names.setdefault(cid, []).append(name)
    company_views = {
        cid: CompanyView(cid, name, parent, tuple(alias_names.get(cid, ())), tuple(children.get(cid, ())))
        for cid, name, parent in company_rows
    }
    entries = [NameEntry(name_key(name), cid, name) for cid, name, _ in company_rows]
    entries += [NameEntry(key, cid, name, alias=True) for cid, name, key in alias_rows]
    matcher = CompanyMatcher(entries, fuzzy_cutoff)

    shared = _Shared({})
    views = _views(facts, citations, tags or {}, company_views, shared)
    by_company: dict[int | None, list[FactView]] = {}
    for view in views.values():
        by_company.setdefault(view.company_id, []).append(view)
    layoffs = sorted((v for v in views.values() if is_company_layoff(v)), key=order)
    snapshot = Snapshot(
        generation=generation,
        companies=company_views,
        facts=views,
        by_company={cid: tuple(sorted(fs, key=order)) for cid, fs in by_company.items()},
        layoffs_by_date=tuple(layoffs),
        matcher=matcher,
        _dates=tuple(v.when for v in layoffs),
        sources=shared.sources,
        last_alias=rows.last_alias,
    )
    # The trackers' rounds indexed by tag value, with running totals, built with the snapshot (where a bot
    # builds it: in the background) rather than by the first question that needs them.
    from knowledge.answering.scope import tag_index  # scope reads snapshots: imported here, not at the top

    tag_index(snapshot)
    return snapshot


def _views(facts: Iterable[Any], citations: Iterable[tuple[int, SourceView, str | None]], tags: dict[int, Tags],
           companies: dict[int, CompanyView], shared: _Shared) -> dict[int, FactView]:
    cited: dict[int, list[CitationView]] = {}
    for fact_id, source, evidence in citations:
        cited.setdefault(fact_id, []).append(shared.citation(source, evidence))
    views: dict[int, FactView] = {}
    for row in facts:
        view = _fact_view(row, companies, tuple(cited.get(row[0], ())), tags.get(row[0]), shared)
        views[view.id] = view
    return views


# Past this many facts changed at once, rebuilding is as cheap as applying the changes.
MAX_CHANGES = 5_000


def apply_changes(snapshot: Snapshot, delta: SnapshotDelta, fuzzy_cutoff: float) -> Snapshot | None:
    """`snapshot` with what changed since its generation applied: a new snapshot sharing every structure the
    changes left alone (the old one stays as it was, for whoever is still reading it).

    None when the changes cannot be applied: a source's description changed under facts that did not change
    (a rebuild then reads them all again).
    """
    companies, matcher = snapshot.companies, snapshot.matcher
    if delta.companies or delta.aliases:
        companies, matcher = _with_companies(snapshot, delta, fuzzy_cutoff)
    # Shared with the old snapshot, and only ever added to: each source once, whichever snapshot made it.
    sources = snapshot.sources
    if any(sources.get(source.id, source) != source for _, source, _ in delta.citations):
        return None
    views = _views(delta.facts, delta.citations, delta.tags, companies, _Shared(sources))
    old = {i: snapshot.facts[i] for i in delta.fact_ids if i in snapshot.facts}
    facts = dict(snapshot.facts)
    for fact_id in old:
        del facts[fact_id]
    facts.update(views)

    by_company = dict(snapshot.by_company)
    arrived: dict[int | None, list[FactView]] = {v.company_id: [] for v in old.values()}
    for view in views.values():  # grouped once: an import's thousands of changes touch thousands of companies
        arrived.setdefault(view.company_id, []).append(view)
    for cid, fresh in arrived.items():
        kept = [f for f in by_company.get(cid, ()) if f.id not in delta.fact_ids]
        kept += fresh
        if kept:
            by_company[cid] = tuple(sorted(kept, key=order))
        else:
            by_company.pop(cid, None)

    layoffs = list(snapshot.layoffs_by_date)
    dates = list(snapshot._dates)
    for view in sorted((v for v in old.values() if is_company_layoff(v)), key=order, reverse=True):
        at = bisect.bisect_left(layoffs, order(view), key=order)
        del layoffs[at], dates[at]
    for view in sorted((v for v in views.values() if is_company_layoff(v)), key=order):
        at = bisect.bisect_left(layoffs, order(view), key=order)
        layoffs.insert(at, view)
        dates.insert(at, view.when)

    changed = Snapshot(
        generation=delta.generation,
        companies=companies,
        facts=facts,
        by_company=by_company,
        layoffs_by_date=tuple(layoffs),
        matcher=matcher,
        _dates=tuple(dates),
        sources=sources,
        last_alias=delta.last_alias,
    )
    from knowledge.answering.scope import carry_over  # scope reads snapshots: imported here, not at the top

    carry_over(snapshot, changed, list(old.values()), list(views.values()), bool(delta.companies or delta.aliases))
    return changed


def _with_companies(snapshot: Snapshot, delta: SnapshotDelta,
                    fuzzy_cutoff: float) -> tuple[dict[int, CompanyView], CompanyMatcher]:
    """The companies and the matcher with the companies and aliases added since (they are never changed)."""
    companies = dict(snapshot.companies)
    for cid, name, parent in delta.companies:
        companies[cid] = CompanyView(cid, name, parent)
    for cid, _, parent in delta.companies:
        if parent is not None and parent in companies:
            found = companies[parent]
            companies[parent] = replace(found, children=(*found.children, cid))
    for cid, name, _ in delta.aliases:
        if cid in companies:
            found = companies[cid]
            companies[cid] = replace(found, aliases=(*found.aliases, name))
    entries = [NameEntry(name_key(name), cid, name) for cid, name, _ in delta.companies]
    entries += [NameEntry(key, cid, name, alias=True) for cid, name, key in delta.aliases]
    return companies, snapshot.matcher.extended(entries)


def _fact_view(row: Any, companies: dict[int, CompanyView], citations: tuple[CitationView, ...],
               tags: Tags | None, shared: _Shared | None = None) -> FactView:
    """`row` is a result row of the fact table's columns, in `FACT_COLUMNS` order."""
    (fact_id, company_id, kind, count_min, count_max, qualifier, percent, percent_qualifier, labels, detail,
     period_start, period_end, announced, cumulative, summary, caveats, note, confidence, version, updated_at) = row
    company = companies.get(company_id) if company_id is not None else None
    period = shared.period(period_start, period_end, announced) if shared else \
        fact_period(period_start, period_end, announced)
    return FactView(
        id=fact_id,
        company_id=company_id,
        company=company.name if company else None,
        kind=kind,
        count_min=count_min,
        count_max=count_max,
        qualifier=qualifier,
        percent=percent,
        percent_qualifier=percent_qualifier,
        labels=tuple(label for label in labels.split(",") if label) if labels else (),
        detail=detail,
        period=period,
        announced=announced,
        cumulative=bool(cumulative),
        summary=summary or "",
        caveats=tuple(json.loads(caveats)) if caveats and caveats != "[]" else (),
        note=note,
        confidence=float(confidence),
        version=version,
        updated_at=updated_at,
        citations=citations,
        tags=tags,
        when=announced or (period.start if period else date.min),
    )
