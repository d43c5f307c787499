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
import heapq
import operator
import re
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache, cached_property
from itertools import accumulate, compress
from typing import overload

from knowledge.answering.retrieve import rounds_of
from knowledge.answering.snapshot import FactView, Snapshot, is_company_layoff, order
from knowledge.language.dimensions import Dimension, Filter, Filters, Terms, tag_keys
from knowledge.language.periods import Period
from knowledge.language.text import fold
from knowledge.types import SourceKind, SourceView

_CACHED_SELECTIONS = 512
_ROUND_REACH = timedelta(days=31)  # rows of one round lie within days of each other (see `retrieve.rounds_of`)
_VECTOR_FROM = 2048  # running sums shifted by numpy from this many rows on (see `_copy_plus`)
_FEW_SHIFTS = 64  # changes spliced in a stretch at a time; more are looked up position by position
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
    running: dict[tuple[Dimension, str] | None, Running] = field(default_factory=dict)  # None: every row
    exports: dict[int, tuple[SourceView, ...]] = field(default_factory=dict)  # fact id -> the exports it is from
    export_spans: dict[int, tuple[SourceView, FactView, FactView]] = field(default_factory=dict)  # first, last row
    position: dict[int, int] = field(default_factory=dict)  # fact id -> position
    _unions: dict[tuple[Dimension, frozenset[str]], list[int]] = field(default_factory=dict)
    next_round: int = 0  # round numbers are never reused: a change numbers the rounds it regroups afresh

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


@cache
def _vocabulary() -> Terms:
    """The vocabulary alone, which tracker values are read against (never changed once built)."""
    return Terms.build()


def _tag_keys(fact: FactView) -> tuple[tuple[str, ...], ...]:
    """A row's normalised keys in each of `_DIMENSIONS`."""
    tags = fact.tags
    if tags is None:
        return ((),) * len(_DIMENSIONS)
    return tuple(_normalised(dimension, raw) for dimension, raw in zip(
        _DIMENSIONS, (tags.industry, tags.country, tags.location, tags.stage), strict=True))


@cache
def _normalised(dimension: Dimension, raw: str | None) -> tuple[str, ...]:
    return tag_keys(_vocabulary(), dimension, raw)


def _rows_of(snapshot: Snapshot, company_id: int) -> list[FactView]:
    """A company's rows in the index, in the index's order."""
    return [f for f in snapshot.by_company.get(company_id, ()) if is_company_layoff(f) and is_tracker_fact(f)]


def _build(snapshot: Snapshot) -> TagIndex:
    rows = sorted((f for f in snapshot.layoffs_by_date if is_tracker_fact(f)), key=order)
    index = TagIndex(_vocabulary())
    index.tags = {d: [] for d in _DIMENSIONS}
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
        cited = _exports_of(fact)
        if cited:
            index.exports[fact.id] = cited
            for source in cited:
                _, first, _ = index.export_spans.get(source.id, (source, fact, fact))
                index.export_spans[source.id] = (source, first, fact)
        for dimension, keys in zip(_DIMENSIONS, _tag_keys(fact), strict=True):
            index.tags[dimension].append(keys)
            for key in keys:
                index.by_value.setdefault((dimension, key), []).append(position)
    index.terms = _terms(snapshot, set(index.by_value))
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
    index.next_round = len(firsts)
    index.round_of = [round_number[f.id] for f in rows]
    index.running[None] = _running(index, range(len(rows)))
    for value, positions in index.by_value.items():
        index.running[value] = _running(index, positions)
    return index


def _exports_of(fact: FactView) -> tuple[SourceView, ...]:
    found = tuple(c.source for c in fact.citations if c.source.kind == SourceKind.DATASET)
    return _EXPORTS.setdefault(found, found) if found else found  # a hundred thousand rows cite the same export


_EXPORTS: dict[tuple[SourceView, ...], tuple[SourceView, ...]] = {}


def _terms(snapshot: Snapshot, seen_values: set[tuple[Dimension, str]]) -> Terms:
    terms = Terms.build(sorted(seen_values))
    for dimension, key in seen_values:
        # A city that is also a company's name ("Dover") is the city only where a place is expected ("in Dover").
        if dimension is Dimension.CITY and snapshot.matcher.lookup(key) is not None:
            terms.cue_only.add(tuple(w for w in re.split(r"[\s'\-.]+", fold(key)) if w))
    return terms


def carry_over(old: Snapshot, new: Snapshot, removed: Sequence[FactView], added: Sequence[FactView],
               companies_changed: bool) -> None:
    """Give `new` (which is `old` with `removed` facts replaced by `added`) the indexes `old` had, updated for the
    change: each shares with the old one whatever the change left alone."""
    articles = old.memo.get("article_facts")
    if isinstance(articles, list):
        gone = {f.id for f in removed}
        kept = [item for item in articles if item[0].id not in gone]
        for fact in sorted(added, key=lambda f: f.id):
            if not is_tracker_fact(fact):
                bisect.insort(kept, (fact, fold(f"{fact.summary} {fact.detail or ''}")), key=lambda item: item[0].id)
        new.memo["article_facts"] = kept
    index = old.memo.get("tag_index")
    if isinstance(index, TagIndex):
        new.memo["tag_index"] = _updated(index, new, removed, added, companies_changed)
    else:
        tag_index(new)


def _updated(old: TagIndex, snapshot: Snapshot, removed: Sequence[FactView], added: Sequence[FactView],
             companies_changed: bool) -> TagIndex:
    """`old` with the rows of `removed` taken out and those of `added` put in, in (date, id) order.

    The parallel lists are spliced (slices copied, not rows visited), positions in the lists of each tag value
    are shifted by the rows inserted or removed before them, and only the companies with a changed row have
    their rounds grouped again; running totals are recomputed for the lists that hold such a company's rows,
    and kept (with shifted positions) for the others.
    """
    gone_rows = [f for f in removed if f.id in old.position]
    new_rows = sorted((f for f in added if is_company_layoff(f) and is_tracker_fact(f)), key=order)
    if not gone_rows and not new_rows:
        if not companies_changed:
            return old
        return replace(old, terms=_terms(snapshot, set(old.by_value)), _unions={})
    gone = sorted(old.position[f.id] for f in gone_rows)
    gone_set = set(gone)
    points = [bisect.bisect_left(old.facts, order(f), key=order) for f in new_rows]
    # The splice, in old positions: copy old[start:end], then the new rows [k0:k1]; `shifts` says where each
    # copied stretch of old positions lands.
    plan: list[tuple[int, int, int, int]] = []
    shifts: list[tuple[int, int, int]] = []
    prev = placed = k = 0
    for p in sorted(gone_set.union(points)):
        k1 = k
        while k1 < len(points) and points[k1] == p:
            k1 += 1
        plan.append((prev, p, k, k1))
        shifts.append((prev, p, placed - prev))
        placed += p - prev + k1 - k
        k = k1
        prev = p + 1 if p in gone_set else p
    plan.append((prev, len(old.facts), k, len(new_rows)))
    shifts.append((prev, len(old.facts), placed - prev))
    at: list[int] = []  # the new rows' positions
    placed = 0
    for start, end, k0, k1 in plan:
        placed += end - start
        at += range(placed, placed + k1 - k0)
        placed += k1 - k0

    def splice(values: list, fresh: list) -> list:  # type: ignore[type-arg]
        spliced: list = []  # type: ignore[type-arg]
        for start, end, k0, k1 in plan:  # slices: copied a block at a time, not an item at a time
            spliced += values[start:end]
            spliced += fresh[k0:k1]
        return spliced

    keys_of_new = [_tag_keys(f) for f in new_rows]
    new_ids = {f.id for f in new_rows}
    index = TagIndex(old.terms)
    index.facts = splice(old.facts, new_rows)
    index.dates = splice(old.dates, [f.when for f in new_rows])
    index.company = splice(old.company, [f.company_id or 0 for f in new_rows])
    index.figure = splice(old.figure, [f.size if f.has_count else 0 for f in new_rows])
    index.sized = splice(old.sized, [f.has_count for f in new_rows])
    shut = [f.percent is not None and f.percent >= 100 for f in new_rows]
    index.shutdown = splice(old.shutdown, shut)
    index.tags = {d: splice(old.tags[d], [keys[i] for keys in keys_of_new]) for i, d in enumerate(_DIMENSIONS)}
    index.round_of = splice(old.round_of, [-1] * len(new_rows))
    # The rows changed in place (an edit of a figure or a summary: the same facts, each where it was, under the
    # same company, year and tags)?  Then the map of positions, and each list's companies per year, are the old
    # ones: copying a map of 100,000 rows, and counting a year's companies again, was most of an edit's cost.
    was = {f.id: f for f in gone_rows}
    in_place = len(gone_rows) == len(new_rows) and not any(offset for _, _, offset in shifts) and all(
        (earlier := was.get(f.id)) is not None and old.position[f.id] == p and earlier.company_id == f.company_id
        and earlier.when.year == f.when.year and _tag_keys(earlier) == keys
        for f, p, keys in zip(new_rows, at, keys_of_new, strict=True))
    if in_place:
        index.position = old.position
    else:
        index.position = dict(old.position)
        for fact in gone_rows:
            del index.position[fact.id]
        for start, end, offset in shifts:
            if offset:
                index.position.update(zip((f.id for f in old.facts[start:end]), range(start + offset, end + offset),
                                          strict=True))
        index.position.update(zip((f.id for f in new_rows), at, strict=True))

    moved = _moved(len(old.facts), shifts) if len(shifts) > _FEW_SHIFTS else None
    index.shutdowns = _shifted(old.shutdowns, shifts, moved)
    for position, whole in zip(at, shut, strict=True):
        if whole:
            bisect.insort(index.shutdowns, position)
    dirty: set[tuple[Dimension, str]] = set()
    for fact in gone_rows:
        dirty.update(_values_of(_tag_keys(fact)))
    index.by_value = {value: _shifted(positions, shifts, moved) for value, positions in old.by_value.items()}
    for position, keys in zip(at, keys_of_new, strict=True):
        for value in _values_of(keys):
            bisect.insort(index.by_value.setdefault(value, []), position)
            dirty.add(value)

    # Rounds: the changed companies' rows grouped again; a round with the same rows as before keeps its number,
    # others are numbered afresh (and their rows' lists recomputed around them).
    index.next_round = old.next_round
    regrouped: list[int] = list(at)  # new positions whose round is new
    gone_of: dict[int, list[FactView]] = {(f.company_id or 0): [] for f in new_rows}
    for fact in gone_rows:  # grouped once: an import's thousands of changes touch thousands of companies
        gone_of.setdefault(fact.company_id or 0, []).append(fact)
    for company_id, gone_here in gone_of.items():
        before: dict[int, set[int]] = {}
        for fact in old_rows_of(old, snapshot, company_id, gone_here):
            before.setdefault(old.round_of[old.position[fact.id]], set()).add(fact.id)
        for found in rounds_of(_rows_of(snapshot, company_id)):
            ids = {f.id for f in found.facts}
            number = old.round_of[old.position[found.facts[0].id]] if found.facts[0].id in old.position else -1
            if number < 0 or before.get(number) != ids or any(f.id in new_ids for f in found.facts):
                number = index.next_round
                index.next_round += 1
                for fact in found.facts:
                    position = index.position[fact.id]
                    regrouped.append(position)
                    dirty.update(_values_of(tuple(index.tags[d][position] for d in _DIMENSIONS)))
            for fact in found.facts:
                index.round_of[index.position[fact.id]] = number

    emptied = [value for value, positions in index.by_value.items() if not positions]
    for value in emptied:
        del index.by_value[value]
    index.terms = old.terms if not companies_changed and not emptied and set(index.by_value) == set(old.by_value) \
        else _terms(snapshot, set(index.by_value))

    regrouped.sort()
    index.running[None] = _running_spliced(index, range(len(index.facts)), old.running[None], shifts, regrouped,
                                           in_place)
    for value, positions in index.by_value.items():
        kept = old.running.get(value)
        if kept is None:
            index.running[value] = _running(index, positions)
        elif value in dirty:
            index.running[value] = _running_spliced(index, positions, kept, shifts, regrouped, in_place)
        else:
            index.running[value] = replace(kept, positions=positions)

    if in_place and all(_exports_of(f) == old.exports.get(f.id, ()) for f in new_rows):
        index.exports = old.exports  # the same rows citing the same exports
    else:
        index.exports = dict(old.exports)
        for fact in gone_rows:
            index.exports.pop(fact.id, None)
        for fact in new_rows:
            cited = _exports_of(fact)
            if cited:
                index.exports[fact.id] = cited
    touched_exports = {s.id for f in (*gone_rows, *new_rows) for s in _exports_of(f)}
    index.export_spans = _export_spans(index, old, touched_exports, list(zip(at, new_rows, strict=True)))
    return index


def old_rows_of(old: TagIndex, snapshot: Snapshot, company_id: int, gone: Sequence[FactView]) -> list[FactView]:
    """A company's rows as the old index held them: those it still has that the old index knew, and `gone`, its
    rows the change took out."""
    return [f for f in _rows_of(snapshot, company_id) if f.id in old.position] + list(gone)


def _running_spliced(index: TagIndex, positions: Sequence[int], old: Running, shifts: list[tuple[int, int, int]],
                     regrouped: list[int], same_companies: bool = False) -> Running:
    """`_running` for a list some rows were spliced into or out of, reusing the old one's work.

    Between changes the old figures hold, shifted: the rows of a stretch that no change touched are copied, and
    its running sums moved by what the changes before it added.  Only rows just after a change (within a round's
    reach) and rows of regrouped rounds are worked out one by one.  With `same_companies` (the rows were changed
    in place, each keeping its company, year and tags) each year's count of companies stands as it was.
    """
    n = len(positions)
    if len(shifts) > _FEW_SHIFTS and len(shifts) * 4 > n:
        return _running(index, positions)  # changes all over the list: working it all out again is less work
    old_positions = old.positions
    stretches = []  # (old start, old end, new start) of each run of rows that moved as one
    for start, end, offset in shifts:
        a, b = bisect.bisect_left(old_positions, start), bisect.bisect_left(old_positions, end)
        if a < b:
            stretches.append((a, b, bisect.bisect_left(positions, start + offset)))
    copied = bytearray(n)  # 1: the row comes from the old list
    for a, b, new_start in stretches:
        copied[new_start:new_start + b - a] = b"\x01" * (b - a)
    dates = _spliced_dates(index, positions, old, stretches, copied)
    # Rows worked out one by one: those not copied, those of regrouped rounds, and those within a round's reach
    # after the start of a stretch (their round may have begun before it, where positions moved differently).
    starts = [new_start for _, _, new_start in stretches if new_start > 0]
    starts += [j for p in regrouped if (j := bisect.bisect_left(positions, p)) < n and positions[j] == p]
    j = copied.find(0)
    while j >= 0:
        starts.append(j)
        j = copied.find(0, j + 1)
    recompute = bytearray(n)
    for j in sorted(starts):
        if not recompute[j]:
            end = bisect.bisect_right(dates, dates[j] + _ROUND_REACH, j)
            recompute[j:end] = b"\x01" * (end - j)
    first = array("q", bytes(8 * n))
    opens = bytearray(n)
    figure, sized, round_of = index.figure, index.sized, index.round_of
    rows_sum, low, sized_rounds, rounds = (array("q", bytes(8 * (n + 1))) for _ in range(4))
    origin = [(new_start, a, b) for a, b, new_start in stretches]
    origin_starts = [new_start for new_start, _, _ in origin]
    j = 0
    while j < n:
        stop = recompute.find(1, j)
        stop = n if stop < 0 else stop
        while j < stop:  # copied rows, a stretch at a time
            new_start, a, b = origin[bisect.bisect_right(origin_starts, j) - 1]
            a += j - new_start
            length = min(stop - j, b - a)
            shift = j - a  # where nothing moved or added up differently, a plain copy
            _copy_plus(first, j, old.first, a, length, shift)
            opens[j:j + length] = old.opens[a:a + length]
            for target, source in ((rows_sum, old.rows_sum), (low, old.low), (sized_rounds, old.sized_rounds),
                                   (rounds, old.rounds)):
                _copy_plus(target, j + 1, source, a + 1, length, target[j] - source[a])
            j += length
        if j >= n:
            break
        stop = recompute.find(0, j)
        stop = n if stop < 0 else stop
        # the rounds begun within reach before this run, by their first row
        seen: dict[int, int] = {}
        k, limit = j - 1, dates[j] - _ROUND_REACH
        while k >= 0 and dates[k] >= limit:
            seen.setdefault(round_of[positions[k]], first[k])
            k -= 1
        for i in range(j, stop):
            p = positions[i]
            begun = seen.setdefault(round_of[p], i)
            first[i] = begun
            opened = begun == i
            opens[i] = opened
            rows_sum[i + 1] = rows_sum[i] + figure[p]
            low[i + 1] = low[i] + (figure[p] if opened else 0)
            sized_rounds[i + 1] = sized_rounds[i] + (1 if opened and sized[p] else 0)
            rounds[i + 1] = rounds[i] + opened
        j = stop
    running = Running(positions, dates, first, opens, rows_sum, low, sized_rounds, rounds)
    old_years = {old.dates[start].year: (start, end, count) for (start, end), count in old.years.items()}
    if dates:
        for year in range(dates[0].year, dates[-1].year + 1):
            start = bisect.bisect_left(dates, date(year, 1, 1))
            end = bisect.bisect_left(dates, date(year + 1, 1, 1)) if year < date.max.year else len(dates)
            if start < end:
                was = old_years.get(year)
                if was is not None and was[1] - was[0] == end - start and \
                        (same_companies or recompute.find(1, start, end) < 0):
                    running.years[(start, end)] = was[2]
                else:
                    running.years[(start, end)] = len(set(map(index.company.__getitem__, positions[start:end])))
    return running


def _copy_plus(target: array[int], at: int, source: array[int], start: int, length: int, amount: int) -> None:
    """target[at:at + length] = source[start:start + length] + amount.

    An edit's running sums after it all move by the change in its figure: at 100,000 rows, adding it one value at
    a time in Python was most of the edit's catch-up; a long stretch is added by numpy (imported then: a question
    asked of a current snapshot never needs it)."""
    if not amount:
        target[at:at + length] = source[start:start + length]
    elif length < _VECTOR_FROM:
        target[at:at + length] = array("q", map(amount.__add__, source[start:start + length]))
    else:
        import numpy

        numpy.add(numpy.frombuffer(source, numpy.int64)[start:start + length], amount,
                  out=numpy.frombuffer(target, numpy.int64)[at:at + length])


def _spliced_dates(index: TagIndex, positions: Sequence[int], old: Running, stretches: list[tuple[int, int, int]],
                   copied: bytearray) -> list[date]:
    """The list's dates: the index's own for the list of every row, else the old dates a stretch at a time."""
    if isinstance(positions, range):
        return index.dates
    dates: list[date] = []
    for a, b, new_start in sorted(stretches, key=lambda stretch: stretch[2]):
        while len(dates) < new_start:  # rows that were not in the old list
            dates.append(index.dates[positions[len(dates)]])
        dates += old.dates[a:b]
    dates += map(index.dates.__getitem__, positions[len(dates):])
    return dates


def _values_of(keys: tuple[tuple[str, ...], ...]) -> list[tuple[Dimension, str]]:
    return [(d, key) for d, values in zip(_DIMENSIONS, keys, strict=True) for key in values]


def _moved(size: int, shifts: list[tuple[int, int, int]]) -> array[int]:
    """Where the splice put each old position (-1: removed), for changes too many to look up one by one."""
    moved = array("q", [-1]) * size
    for start, end, offset in shifts:
        moved[start:end] = array("q", range(start + offset, end + offset))
    return moved


def _shifted(positions: list[int], shifts: list[tuple[int, int, int]], moved: array[int] | None = None) -> list[int]:
    """Old positions moved where the splice put them (removed rows are left out).

    A stretch at a time (two searches each) when the changes are few next to the positions; else each position
    looked up in `moved`, so that an import of thousands of rows costs each tag value's list one pass, not a
    search per change."""
    if moved is not None and len(shifts) > len(positions):
        return [to for to in map(moved.__getitem__, positions) if to >= 0]
    moved_positions: list[int] = []
    for start, end, offset in shifts:
        a = bisect.bisect_left(positions, start)
        b = bisect.bisect_left(positions, end)
        moved_positions += positions[a:b] if offset == 0 else map(offset.__add__, positions[a:b])
    return moved_positions


def _export_spans(index: TagIndex, old: TagIndex, touched: set[int],
                  new_rows: Sequence[tuple[int, FactView]]) -> dict[int, tuple[SourceView, FactView, FactView]]:
    """Each export's first and last row, in the order of their first rows; only the touched exports are looked
    for again, from the ends of their old spans."""
    spans = {sid: span for sid, span in old.export_spans.items() if sid not in touched}
    renewed = {f.id for _, f in new_rows}
    for sid in touched:
        ends = _span_ends(index, old.export_spans.get(sid), sid,
                          [p for p, f in new_rows if any(s.id == sid for s in index.exports.get(f.id, ()))], renewed)
        if ends is not None:
            first, last = index.facts[ends[0]], index.facts[ends[1]]
            source = next(s for s in index.exports[first.id] if s.id == sid)
            spans[sid] = (source, first, last)
    ordered = sorted(spans.items(), key=lambda item: (index.position[item[1][1].id], [
        s.id for s in index.exports[item[1][1].id]].index(item[0])))
    return dict(ordered)


def _span_ends(index: TagIndex, span: tuple[SourceView, FactView, FactView] | None, sid: int,
               added: list[int], renewed: set[int]) -> tuple[int, int] | None:
    """The first and last positions of rows citing export `sid` (None: none does), given its old span and the
    positions of the new rows citing it: only an end removed or changed (`renewed`: a new date moves it away from
    the end) makes a walk, from where it was."""
    def cites(p: int) -> bool:
        return any(s.id == sid for s in index.exports.get(index.facts[p].id, ()))

    candidates = list(added)
    if span is not None:
        _, first, last = span
        if first.id in index.position and first.id not in renewed:
            candidates.append(index.position[first.id])
        else:
            start = bisect.bisect_left(index.facts, order(first), key=order)
            candidates += [next((p for p in range(start, len(index.facts)) if cites(p)), len(index.facts))]
        if last.id in index.position and last.id not in renewed:
            candidates.append(index.position[last.id])
        else:
            end = bisect.bisect_right(index.facts, order(last), key=order) - 1
            candidates += [next((p for p in range(end, -1, -1) if cites(p)), -1)]
    found = [p for p in candidates if 0 <= p < len(index.facts)]
    return (min(found), max(found)) if found else None


@dataclass
class Running:
    """One list of rows (a tag value's, or every row) with running totals, so that the totals of any stretch
    of dates are two subtractions: what a question with one filter and a period costs, whatever the size.

    `first[j]` is where the round of row j first appears in this list; a row is its round's first when that is
    j.  The totals count rounds by their first row, and a stretch that starts in the middle of a round (rows
    of one round lie within days of each other) adds that round from its first row inside the stretch.
    """

    positions: Sequence[int]
    dates: list[date]
    first: array[int]
    opens: bytearray  # 1: the row is the first of its round in this list
    rows_sum: array[int]  # running sums: element i is the total of rows before i
    low: array[int]
    sized_rounds: array[int]
    rounds: array[int]
    years: dict[tuple[int, int], int] = field(default_factory=dict)  # (start, end) of a calendar year -> companies


def _running(index: TagIndex, positions: Sequence[int]) -> Running:
    # Machine-integer arrays: a hundred thousand rounds under five dimensions fit in a few megabytes.
    seen: dict[int, int] = {}
    first = array("q", [seen.setdefault(r, j) for j, r in enumerate(map(index.round_of.__getitem__, positions))])
    opens = bytearray(start == j for j, start in enumerate(first))
    figures = list(map(index.figure.__getitem__, positions))
    dates = index.dates if positions == range(len(index.dates)) else list(map(index.dates.__getitem__, positions))
    running = Running(
        positions, dates, first, opens,
        rows_sum=array("q", [0, *accumulate(figures)]),
        low=array("q", [0, *accumulate(map(operator.mul, figures, opens))]),
        sized_rounds=array("q", [0, *accumulate(map(operator.and_, opens, map(index.sized.__getitem__, positions)))]),
        rounds=array("q", [0, *accumulate(opens)]),
    )
    # How many companies each calendar year holds: the question most asked ("in 2023") needs no counting.
    if dates:
        for year in range(dates[0].year, dates[-1].year + 1):
            start = bisect.bisect_left(dates, date(year, 1, 1))
            end = bisect.bisect_left(dates, date(year + 1, 1, 1)) if year < date.max.year else len(dates)
            if start < end:
                running.years[(start, end)] = len(set(map(index.company.__getitem__, positions[start:end])))
    return running


class FactRows(Sequence[FactView]):
    """Facts of the index at some positions, made only when read: a total over thousands of rounds names them
    as its terms (see `knowledge.answering.derived`) without building a list no one may read."""

    __slots__ = ("_facts", "_positions", "_make")

    def __init__(self, facts: list[FactView], positions: Sequence[int] | Callable[[], Sequence[int]]) -> None:
        self._facts = facts
        self._positions: Sequence[int] | None = None if callable(positions) else positions
        self._make = positions if callable(positions) else None

    @property
    def positions(self) -> Sequence[int]:
        if self._positions is None:
            assert self._make is not None
            self._positions = self._make()
        return self._positions

    def __len__(self) -> int:
        return len(self.positions)

    @overload
    def __getitem__(self, item: int) -> FactView: ...

    @overload
    def __getitem__(self, item: slice) -> list[FactView]: ...

    def __getitem__(self, item: int | slice) -> FactView | list[FactView]:
        if isinstance(item, slice):
            return list(map(self._facts.__getitem__, self.positions[item]))
        return self._facts[self.positions[item]]

    def __iter__(self) -> Iterator[FactView]:
        return map(self._facts.__getitem__, self.positions)


@dataclass(frozen=True)
class Selection:
    """The tracker rounds a question selects: its rows, its distinct rounds, and what they add up to.

    The totals are computed when the selection is made; the lists of rows and rounds (what derived figures
    name as their terms) only when asked for, once: selections are cached on the snapshot.
    """

    index: TagIndex
    low: int  # each round once: the sum of the rounds' figures
    rows_sum: int  # every row: what the tracker's rows add up to
    sized_rounds: int
    unsized_rounds: int
    _rows: Sequence[int]  # matching rows, oldest first
    _firsts: Sequence[int] | None = None  # the first matching row of each round; None: worked out from `_running`
    _running: tuple[Running, int, int] | None = None
    _begun: tuple[int, ...] = ()  # rounds begun before the stretch: their first row inside it stands for them
    _bounds: tuple[int, int] | None = None  # every row between these positions, with no filter (see `grouped`)

    @cached_property
    def positions(self) -> tuple[int, ...]:
        return tuple(self._rows)

    @cached_property
    def _first_rows(self) -> _FirstRows:
        return _FirstRows(self._firsts, self._running, self._begun)

    @property
    def firsts(self) -> tuple[int, ...]:
        return self._first_rows.value

    @cached_property
    def companies(self) -> int:
        if self._running is not None:
            running, low, high = self._running
            counted = running.years.get((low, high))
            if counted is not None:
                return counted
        return len(set(map(self.index.company.__getitem__, self._rows)))

    @cached_property
    def rows(self) -> FactRows:
        return FactRows(self.index.facts, self._rows)

    # The lazy lists below hold what they need, never the selection itself: no reference cycle, so a selection is
    # freed the moment it is dropped (see `knowledge.kb._settle`).
    @cached_property
    def round_facts(self) -> FactRows:
        """One row per distinct round (the first that matches)."""
        return FactRows(self.index.facts, self._first_rows.get)

    @cached_property
    def sized(self) -> FactRows:
        sized, firsts = self.index.sized, self._first_rows
        return FactRows(self.index.facts, lambda: list(compress(firsts.value, map(sized.__getitem__, firsts.value))))

    @cached_property
    def unsized(self) -> FactRows:
        sized, firsts = self.index.sized, self._first_rows
        return FactRows(self.index.facts, lambda: [p for p in firsts.value if not sized[p]])

    @cached_property
    def sized_rows(self) -> FactRows:
        sized, rows = self.index.sized, self._rows
        return FactRows(self.index.facts, lambda: list(compress(rows, map(sized.__getitem__, rows))))

    @cached_property
    def biggest(self) -> list[FactView]:
        """The ten largest rounds with a figure, largest first (the earlier of two the same size first)."""
        sized = compress(self.firsts, map(self.index.sized.__getitem__, self.firsts))
        top = heapq.nlargest(10, sized, key=self.index.figure.__getitem__)  # ties: the earlier first
        return [self.index.facts[p] for p in top]

    @cached_property
    def largest(self) -> list[FactView]:
        """The three largest rounds (what a total cites when its rows come from no export)."""
        return [self.index.facts[p] for p in heapq.nlargest(3, self.firsts, key=self.index.figure.__getitem__)]

    @property
    def empty(self) -> bool:
        return not self._rows

    @property
    def rounds(self) -> int:
        return self.sized_rounds + self.unsized_rounds


class _FirstRows:
    """The first matching row of each round of a selection, worked out once, when first read."""

    __slots__ = ("_firsts", "_running", "_begun", "_value")

    def __init__(self, firsts: Sequence[int] | None, running: tuple[Running, int, int] | None,
                 begun: tuple[int, ...]) -> None:
        self._firsts, self._running, self._begun = firsts, running, begun
        self._value: tuple[int, ...] | None = None

    @property
    def value(self) -> tuple[int, ...]:
        if self._value is None:
            if self._firsts is not None:
                self._value = tuple(self._firsts)
            else:
                assert self._running is not None
                running, low, high = self._running
                opened = compress(running.positions[low:high], running.opens[low:high])
                self._value = tuple(sorted([*self._begun, *opened]))
        return self._value

    def get(self) -> tuple[int, ...]:
        return self.value


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
    selection = _from_running(index, filters, low, high)
    if selection is None:
        selection = _selection(index, _positions(index, filters, low, high))
    cache[key] = selection
    if len(cache) > _CACHED_SELECTIONS:
        cache.popitem(last=False)
    return selection


def _from_running(index: TagIndex, filters: Filters, low: int, high: int) -> Selection | None:
    """A selection read off running totals: no filter, or one (one value, not excluding) and nothing else."""
    if filters.shutdown or len(filters.items) > 1 or (filters.items and (filters.items[0].exclude or len(
            filters.items[0].keys) != 1)):
        return None
    key = (filters.items[0].dimension, next(iter(filters.items[0].keys))) if filters.items else None
    running = index.running.get(key)
    if running is None:
        return _selection(index, []) if key is not None else None
    positions = running.positions
    a = bisect.bisect_left(positions, low) if key is not None else low
    b = bisect.bisect_left(positions, high) if key is not None else high
    low_sum = running.low[b] - running.low[a]
    sized_rounds = running.sized_rounds[b] - running.sized_rounds[a]
    rounds = running.rounds[b] - running.rounds[a]
    # Rounds that began before the stretch and go on inside it: counted from their first row inside.
    begun: dict[int, int] = {}
    if a < b:
        limit = running.dates[a] + _ROUND_REACH
        j = a
        while j < b and running.dates[j] <= limit:
            if running.first[j] < a and running.first[j] not in begun:
                p = begun[running.first[j]] = positions[j]
                low_sum += index.figure[p]
                sized_rounds += index.sized[p]
                rounds += 1
            j += 1
    return Selection(index, low_sum, running.rows_sum[b] - running.rows_sum[a], sized_rounds, rounds - sized_rounds,
                     positions[a:b], None, (running, a, b), tuple(begun.values()), (low, high) if key is None else None)


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
            chosen = list(compress(chosen, map(index.shutdown.__getitem__, chosen)))
        else:
            tags, keys = index.tags[item.dimension], item.keys
            chosen = [p for p in chosen if not keys.isdisjoint(tags[p])]
    for item in excluding:
        tags, keys = index.tags[item.dimension], item.keys
        chosen = [p for p in chosen if keys.isdisjoint(tags[p])]
    return chosen


def _selection(index: TagIndex, positions: Sequence[int]) -> Selection:
    rounds = list(map(index.round_of.__getitem__, positions))
    # The first matching row of each round: later rows are written first, earlier ones overwrite them.
    first_of = dict(zip(reversed(rounds), reversed(positions), strict=True))
    firsts = sorted(first_of.values())
    sized = sum(map(index.sized.__getitem__, firsts))
    return Selection(index, sum(map(index.figure.__getitem__, firsts)), sum(map(index.figure.__getitem__, positions)),
                     sized, len(firsts) - sized, positions, firsts)


@dataclass
class Part:
    """One group of a selection ("Healthcare", a company, "2023"): its totals, and its selection when asked for."""

    key: str | int
    low: int
    rounds: int
    rows: list[int]
    firsts: list[int]
    index: TagIndex
    _selection: Selection | None = None

    @property
    def selection(self) -> Selection:
        if self._selection is None:
            sized = sum(map(self.index.sized.__getitem__, self.firsts))
            self._selection = Selection(self.index, self.low, sum(map(self.index.figure.__getitem__, self.rows)),
                                        sized, len(self.firsts) - sized, self.rows, self.firsts)
        return self._selection

    @property
    def companies(self) -> int:
        return self.selection.companies


def grouped(snapshot: Snapshot, selection: Selection, group: str) -> list[Part]:
    """A selection split by company (ids), tag value (keys), year or month ("2023-04"), largest first.

    Only totals are worked out for every group (one pass over the rows, one over the rounds); a group's
    own selection, with its lists of facts, is made when an answer names it.
    """
    key = ("grouped", id(selection), group)
    found = snapshot.memo.get(key)
    if found is not None and found[0] is selection:  # type: ignore[index]
        return found[1]  # type: ignore[index, no-any-return]
    index = selection.index
    if selection._bounds is not None and group != "company":
        result = _grouped_by_running(index, selection._bounds, group)
        snapshot.memo[key] = (selection, result)
        return result
    parts: dict[str | int, Part] = {}
    keys_of = _keys_of(index, group)
    for position in selection.positions:
        for value in keys_of(position):
            part = parts.get(value)
            if part is None:
                part = parts[value] = Part(value, 0, 0, [], [], index)
            part.rows.append(position)
    figure = index.figure
    for position in selection.firsts:
        for value in keys_of(position):
            part = parts[value]
            part.firsts.append(position)
            part.low += figure[position]
            part.rounds += 1
    result = sorted(parts.values(), key=lambda part: (-part.low, -part.rounds, str(part.key)))
    snapshot.memo[key] = (selection, result)
    return result


def _grouped_by_running(index: TagIndex, bounds: tuple[int, int], group: str) -> list[Part]:
    """Every row of a stretch of dates, by year, month or tag value: each group read off its running totals."""
    low, high = bounds
    if group in {"year", "month"}:
        parts = []
        if low < high:
            day = index.dates[low]
            while day <= index.dates[high - 1]:
                following = date(day.year + 1, 1, 1) if group == "year" else \
                    (date(day.year, day.month, 28) + timedelta(days=4)).replace(day=1)
                start = max(low, bisect.bisect_left(index.dates, day))
                end = min(high, bisect.bisect_left(index.dates, following))
                if start < end:
                    label = str(day.year) if group == "year" else f"{day.year}-{day.month:02d}"
                    parts.append(_part(label, _from_running(index, Filters(), start, end)))
                day = following
    else:
        dimension = Dimension(group)
        parts = [_part(value, _from_running(index, Filters((Filter(dimension, frozenset({value})),)), low, high))
                 for (d, value) in index.by_value if d is dimension]
    chosen = [p for p in parts if p.rows]
    return sorted(chosen, key=lambda part: (-part.low, -part.rounds, str(part.key)))


def _part(key: str, selection: Selection | None) -> Part:
    assert selection is not None
    return Part(key, selection.low, selection.rounds, selection._rows, [], selection.index, selection)  # type: ignore[arg-type]


def _keys_of(index: TagIndex, group: str):  # type: ignore[no-untyped-def]
    """What a row is grouped under: one key for a company, a year or a month; a tag value's keys otherwise."""
    if group == "company":
        return lambda p: (index.company[p],)
    if group == "year":
        return lambda p: (str(index.dates[p].year),)
    if group == "month":
        return lambda p: (f"{index.dates[p].year}-{index.dates[p].month:02d}",)
    tags = index.tags[Dimension(group)]
    return tags.__getitem__
