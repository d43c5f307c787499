"""What a question's filters select among the trackers' rounds, fast: per-snapshot indexes and selections.

A tracker row is one round, filed under the industry, country, city and
funding stage of that row (a company's German office's cuts are tagged
Germany), so filters follow each round's own tags.  Several rows reporting
one round (two links, the same figure, the same week) are one round: totals
add each round once, and also say what the rows add up to when that differs,
since that is the figure a reader summing the tracker would find.

The snapshot never changes, so everything here is computed once per snapshot
and kept in `Snapshot.memo`: the vocabulary with the data's own values, the
rows' normalised tags as parallel lists, one list of rows per tag value, and
the rounds.  A selection is then a slice of a sorted list, a filter over the
smaller side, and sums done by the interpreter's builtins; recent selections
are kept too (a bounded cache: questions vary without end).
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from knowledge.answering.retrieve import rounds_of
from knowledge.answering.snapshot import FactView, Snapshot
from knowledge.language.dimensions import Dimension, Filter, Filters, Terms, tag_keys
from knowledge.language.periods import Period
from knowledge.types import SourceKind

_CACHED_SELECTIONS = 512
_TRACKER_KINDS = frozenset({SourceKind.TRACKER, SourceKind.DATASET})


def is_tracker_fact(fact: FactView) -> bool:
    """A round as a tracker lists it (a row of an export), as opposed to an article's report."""
    return fact.tags is not None or any(c.source.kind in _TRACKER_KINDS for c in fact.citations)


@dataclass
class TagIndex:
    """The trackers' rounds of one snapshot as parallel lists, oldest first, with an index per tag value."""

    terms: Terms
    facts: list[FactView] = field(default_factory=list)
    dates: list[date] = field(default_factory=list)
    company: list[int] = field(default_factory=list)
    figure: list[int] = field(default_factory=list)  # 0: no figure
    sized: list[bool] = field(default_factory=list)
    shutdown: list[bool] = field(default_factory=list)
    round_of: list[int] = field(default_factory=list)
    tags: dict[Dimension, list[tuple[str, ...]]] = field(default_factory=dict)
    by_value: dict[tuple[Dimension, str], list[int]] = field(default_factory=dict)
    shutdowns: list[int] = field(default_factory=list)
    position: dict[int, int] = field(default_factory=dict)  # fact id -> position
    _unions: dict[tuple[Dimension, frozenset[str]], list[int]] = field(default_factory=dict)

    def positions(self, dimension: Dimension, keys: frozenset[str]) -> list[int]:
        """Rows tagged with any of `keys`, oldest first."""
        if len(keys) == 1:
            return self.by_value.get((dimension, next(iter(keys))), [])
        found = self._unions.get((dimension, keys))
        if found is None:
            found = sorted({p for key in keys for p in self.by_value.get((dimension, key), ())})
            self._unions[(dimension, keys)] = found
        return found

    def matches(self, position: int, item: Filter) -> bool:
        hit = any(key in item.keys for key in self.tags[item.dimension][position])
        return hit != item.exclude

    def fact_matches(self, fact: FactView, filters: Filters) -> bool:
        """Whether any fact (a company's too) passes the filters: dimensions need a tracker's tags."""
        if filters.shutdown and not (fact.percent is not None and fact.percent >= 100):
            return False
        if not filters.items:
            return True
        position = self.position.get(fact.id)
        if position is None:
            return False
        return all(self.matches(position, item) for item in filters.items)


def tag_index(snapshot: Snapshot) -> TagIndex:
    """The index of a snapshot, built on first use (a few hundred milliseconds for 100,000 rounds)."""
    found = snapshot.memo.get("tag_index")
    if found is None:
        found = snapshot.memo["tag_index"] = _build(snapshot)
    return found  # type: ignore[return-value]


def terms_of(snapshot: Snapshot) -> Terms:
    """The vocabulary of industries, places and stages, with the values this snapshot's data holds."""
    return tag_index(snapshot).terms


_DIMENSIONS = (Dimension.INDUSTRY, Dimension.COUNTRY, Dimension.CITY, Dimension.STAGE)


def _build(snapshot: Snapshot) -> TagIndex:
    vocabulary = Terms.build()
    rows = sorted((f for f in snapshot.layoffs_by_date if is_tracker_fact(f)), key=lambda f: (f.when, f.id))
    index = TagIndex(vocabulary)
    index.tags = {d: [] for d in _DIMENSIONS}
    normalised: dict[tuple[Dimension, str | None], tuple[str, ...]] = {}
    seen_values: set[tuple[Dimension, str]] = set()
    for position, fact in enumerate(rows):
        index.facts.append(fact)
        index.dates.append(fact.when)
        index.company.append(fact.company_id or 0)
        index.figure.append(fact.size if fact.has_count else 0)
        index.sized.append(fact.has_count)
        whole = fact.percent is not None and fact.percent >= 100
        index.shutdown.append(whole)
        if whole:
            index.shutdowns.append(position)
        index.position[fact.id] = position
        tags = fact.tags
        for dimension in _DIMENSIONS:
            raw = None if tags is None else {Dimension.INDUSTRY: tags.industry, Dimension.COUNTRY: tags.country,
                                             Dimension.CITY: tags.location, Dimension.STAGE: tags.stage}[dimension]
            keys = normalised.get((dimension, raw))
            if keys is None:
                keys = normalised[(dimension, raw)] = tag_keys(vocabulary, dimension, raw)
            index.tags[dimension].append(keys)
            for key in keys:
                index.by_value.setdefault((dimension, key), []).append(position)
                seen_values.add((dimension, key))
    index.terms = Terms.build(sorted(seen_values))
    by_company: dict[int, list[FactView]] = {}
    for fact in rows:
        by_company.setdefault(fact.company_id or 0, []).append(fact)
    round_number: dict[int, int] = {}
    groups = []
    for facts in by_company.values():
        groups += [r.facts for r in rounds_of(facts)]
    # Rounds are numbered by their first row's position, so numbers run oldest first.
    firsts = sorted((min(index.position[f.id] for f in group), group) for group in groups)
    for number, (_, group) in enumerate(firsts):
        for fact in group:
            round_number[fact.id] = number
    index.round_of = [round_number[f.id] for f in rows]
    return index


@dataclass(frozen=True, slots=True)
class Selection:
    """The tracker rounds a question selects: its rows, its distinct rounds, and what they add up to."""

    index: TagIndex
    positions: tuple[int, ...]  # matching rows, oldest first
    firsts: tuple[int, ...]  # the first matching row of each distinct round, oldest first
    low: int  # each round once: the sum of the rounds' figures
    rows_sum: int  # every row: what the tracker's rows add up to
    sized_rounds: int
    unsized_rounds: int
    companies: int

    @property
    def rows(self) -> list[FactView]:
        return [self.index.facts[p] for p in self.positions]

    @property
    def round_facts(self) -> list[FactView]:
        """One row per distinct round (the first that matches)."""
        return [self.index.facts[p] for p in self.firsts]

    @property
    def sized(self) -> list[FactView]:
        return [self.index.facts[p] for p in self.firsts if self.index.sized[p]]

    @property
    def unsized(self) -> list[FactView]:
        return [self.index.facts[p] for p in self.firsts if not self.index.sized[p]]

    @property
    def sized_rows(self) -> list[FactView]:
        return [self.index.facts[p] for p in self.positions if self.index.sized[p]]

    @property
    def empty(self) -> bool:
        return not self.positions

    @property
    def rounds(self) -> int:
        return self.sized_rounds + self.unsized_rounds


def select(snapshot: Snapshot, filters: Filters, period: Period | None) -> Selection:
    """The tracker rounds in `period` (all when None) that pass `filters`."""
    index = tag_index(snapshot)
    low = 0 if period is None else bisect.bisect_left(index.dates, period.start)
    high = len(index.dates) if period is None else bisect.bisect_right(index.dates, period.end)
    key = ("selection", filters, low, high)
    cache = snapshot.memo.setdefault("selections", OrderedDict())
    assert isinstance(cache, OrderedDict)
    found = cache.get(key)
    if found is not None:
        cache.move_to_end(key)
        return found  # type: ignore[no-any-return]
    selection = _selection(index, _positions(index, filters, low, high))
    cache[key] = selection
    if len(cache) > _CACHED_SELECTIONS:
        cache.popitem(last=False)
    return selection


def _positions(index: TagIndex, filters: Filters, low: int, high: int) -> Sequence[int]:
    including = [f for f in filters.items if not f.exclude]
    excluding = [f for f in filters.items if f.exclude]
    lists: list[tuple[list[int], Filter | None]] = [(index.positions(f.dimension, f.keys), f) for f in including]
    if filters.shutdown:
        lists.append((index.shutdowns, None))
    if not lists:
        chosen: Sequence[int] = range(low, high)
        rest: list[Filter | None] = []
    else:
        base, used = min(lists, key=lambda item: len(item[0]))
        chosen = base[bisect.bisect_left(base, low):bisect.bisect_left(base, high)]
        rest = [f for _, f in lists if f is not used]
    for item in rest:
        if item is None:
            chosen = [p for p in chosen if index.shutdown[p]]
        else:
            chosen = [p for p in chosen if index.matches(p, item)]
    for item in excluding:
        chosen = [p for p in chosen if index.matches(p, item)]
    return chosen


def _selection(index: TagIndex, positions: Sequence[int]) -> Selection:
    rounds = list(map(index.round_of.__getitem__, positions))
    # The first matching row of each round: later rows are written first, earlier ones overwrite them.
    first_of = dict(zip(reversed(rounds), reversed(positions), strict=True))
    firsts = tuple(sorted(first_of.values()))
    sized = sum(map(index.sized.__getitem__, firsts))
    return Selection(
        index=index,
        positions=tuple(positions),
        firsts=firsts,
        low=sum(map(index.figure.__getitem__, firsts)),
        rows_sum=sum(map(index.figure.__getitem__, positions)),
        sized_rounds=sized,
        unsized_rounds=len(firsts) - sized,
        companies=len(set(map(index.company.__getitem__, positions))),
    )


def grouped(snapshot: Snapshot, selection: Selection, group: str) -> list[tuple[str | int, Selection]]:
    """A selection split by company (ids), tag value (keys), year or month ("2023-04"), largest first."""
    key = ("grouped", selection.positions, group)
    found = snapshot.memo.get(key) if len(selection.positions) < 50_000 else None
    if found is not None:
        return found  # type: ignore[return-value]
    index = selection.index
    parts: dict[str | int, list[int]] = {}
    for position in selection.positions:
        for value in _group_keys(index, position, group):
            parts.setdefault(value, []).append(position)
    result = sorted(((value, _selection(index, members)) for value, members in parts.items()),
                    key=lambda item: (-item[1].low, -item[1].rounds, str(item[0])))
    if len(selection.positions) < 50_000:
        snapshot.memo[key] = result
    return result


def _group_keys(index: TagIndex, position: int, group: str) -> Iterable[str | int]:
    if group == "company":
        return (index.company[position],)
    if group == "year":
        return (str(index.dates[position].year),)
    if group == "month":
        day = index.dates[position]
        return (f"{day.year}-{day.month:02d}",)
    return index.tags[Dimension(group)][position]
