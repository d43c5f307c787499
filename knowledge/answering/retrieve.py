"""Query -> the facts that answer it, ranked, grouped into rounds, and totalled.

Three ideas carry the arithmetic:

* a *round* is one layoff event; several facts reporting the same figure
  for it (a tracker row, two articles) are one round with several citations,
  and facts giving different figures for it are one *disputed* round;
* a *stated total* ("more than 27,000 across 2022 and 2023") is preferred to
  any sum when it covers the period asked;
* a cumulative figure ("brings the total to 18,000") is never added to the
  rounds it already contains.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz

from knowledge.answering.snapshot import FactView, Snapshot
from knowledge.events import SAME_EVENT_DAYS, Relation, Report, relation, span
from knowledge.language.periods import Period
from knowledge.language.text import fold
from knowledge.types import FactKind, Qualifier, SourceKind

CUMULATIVE_LOOKBACK = timedelta(days=183)  # a running total with no start covers about half a year


def period_fit(asked: Period | None, fact: FactView) -> float:
    """How well a fact's period answers the period asked (0: not at all, 1: exactly)."""
    if asked is None:
        return 1.0
    covered = fact.period
    if covered is None:
        return 0.0
    if asked.contains(covered):
        return 1.0
    if covered.grain == "to_date" and covered.start == asked.start:
        return 1.0  # "so far this year" answered by a running total for that year
    if not asked.overlaps(covered):
        return 0.0
    inside = asked.overlap_share(covered)  # share of the fact's period that was asked about
    if inside >= 0.9:
        return 0.9
    return 0.4 if covered.contains(asked) else 0.3 * inside


def relevant(facts: Iterable[FactView], kinds: set[str], period: Period | None, minimum: float = 1.0) -> list[FactView]:
    return [f for f in facts if f.kind in kinds and period_fit(period, f) >= minimum]


def rank(facts: Sequence[FactView], period: Period | None, numbers: Sequence[float] = (),
         question: str = "") -> list[FactView]:
    """Best first: period fit, a figure the question mentions, wording closest to the question
    (rapidfuzz over the fact's summary and detail), confidence, then the most recent."""
    def key(fact: FactView) -> tuple[float, int, float, float, date]:
        mentioned = int(bool(numbers) and any(n in (fact.count_min, fact.count_max, fact.percent) for n in numbers))
        wording = fuzz.token_set_ratio(question, fold(f"{fact.summary} {fact.detail or ''}")) if question else 0.0
        return (period_fit(period, fact), mentioned, wording, fact.confidence, fact.when)

    if len(facts) < 2:
        return list(facts)
    return sorted(facts, key=key, reverse=True)


def source_kind(fact: FactView) -> str:
    return fact.citations[0].source.kind if fact.citations else SourceKind.MANUAL


@dataclass(frozen=True, slots=True)
class Round:
    """One layoff event as one or more facts report it; the first fact is the one stated."""

    facts: tuple[FactView, ...]
    disputed: bool = False

    @property
    def main(self) -> FactView:
        return self.facts[0]


def report_of(fact: FactView) -> Report:
    """A fact as `knowledge.events` compares reports."""
    period = fact.period
    start, end = span(fact.announced, period.start if period else None, period.end if period else None)
    return Report(fact.company_id, fact.kind, fact.cumulative, start, end, fact.count_min, fact.count_max,
                  fact.percent, frozenset(fact.labels), fact.detail, source_kind(fact) == SourceKind.TRACKER)


def rounds_of(facts: Iterable[FactView]) -> list[Round]:
    """Group layoff facts into rounds, oldest first.

    Facts are visited by date, so a fact can only join one of the rounds begun
    in the last few days: the scan stays linear even over a whole year of a
    tracker.
    """
    groups: list[list[FactView]] = []
    disputed: list[bool] = []
    reports: list[Report] = []  # each group's first report
    window_start = 0
    for fact in sorted(facts, key=lambda f: (f.when, -f.confidence, f.id)):
        while window_start < len(groups) and (fact.when - groups[window_start][0].when).days > SAME_EVENT_DAYS:
            window_start += 1
        report = report_of(fact)
        for index in range(window_start, len(groups)):
            found = relation(reports[index], report)
            if found is not Relation.DIFFERENT:
                groups[index].append(fact)
                disputed[index] = disputed[index] or found is Relation.DISPUTED
                break
        else:
            groups.append([fact])
            disputed.append(False)
            reports.append(report)
    return [Round(tuple(sorted(g, key=lambda f: (-len(f.citations), -f.confidence, f.id))) if len(g) > 1
                  else (g[0],), d) for g, d in zip(groups, disputed, strict=True)]


def covers(total: FactView, part: FactView) -> bool:
    """Whether a cumulative figure already includes another round."""
    if total.company_id != part.company_id or total.id == part.id:
        return False
    end = total.period.end if total.period else total.when
    start = total.period.start if total.period and total.period.start != total.period.end else end - CUMULATIVE_LOOKBACK
    return start <= part.when <= end and (not part.cumulative or (part.period is not None and total.period is not None
                                                                   and total.period.contains(part.period)))


@dataclass(frozen=True, slots=True)
class Total:
    """A sum of distinct rounds, never counting a round twice."""

    parts: tuple[Round, ...]  # rounds with a precise figure, summed
    vague: tuple[Round, ...]  # "several hundred": named, not summed
    unsized: tuple[Round, ...]  # no figure at all
    low: int
    qualifier: str
    high: int  # above `low` when sources disagree on a round: the larger figures, summed

    @property
    def rounds(self) -> tuple[Round, ...]:
        return self.parts + self.vague + self.unsized


def total_of(rounds: Sequence[Round]) -> Total:
    cumulative = [r for r in rounds if r.main.cumulative]
    kept = [c for c in cumulative if not any(covers(other.main, c.main) for other in cumulative if other is not c)]
    plain = [r for r in rounds if not r.main.cumulative and not any(covers(c.main, r.main) for c in kept)]
    chosen = sorted(kept + plain, key=lambda r: r.main.when)
    parts = tuple(r for r in chosen if r.main.has_count and not r.main.is_vague)
    vague = tuple(r for r in chosen if r.main.has_count and r.main.is_vague)
    unsized = tuple(r for r in chosen if not r.main.has_count)
    low = sum(min(_figure(f) for f in r.facts if f.has_count) for r in parts)
    high = sum(max(_figure(f) for f in r.facts if f.has_count) for r in parts)
    return Total(parts, vague, unsized, low, _combined_qualifier([r.main for r in parts]), high)


def _figure(fact: FactView) -> int:
    """The figure a total adds for a fact: its lower bound, else its upper bound."""
    return fact.count_min if fact.count_min is not None else (fact.count_max or 0)


_APPROXIMATE = frozenset({Qualifier.ABOUT, Qualifier.NEARLY, Qualifier.UP_TO, Qualifier.FEWER_THAN, Qualifier.RANGE})
_LOWER_BOUND = frozenset({Qualifier.MORE_THAN, Qualifier.SLIGHTLY_MORE_THAN})


def _combined_qualifier(facts: Sequence[FactView]) -> str:
    """The qualifier of a sum: approximate if any part is, a lower bound if any part is."""
    qualifiers = {f.qualifier or Qualifier.EXACT for f in facts}
    if qualifiers & _APPROXIMATE:
        return Qualifier.ABOUT
    if qualifiers & _LOWER_BOUND:
        return Qualifier.MORE_THAN
    if Qualifier.AT_LEAST in qualifiers:
        return Qualifier.AT_LEAST
    return Qualifier.EXACT


def stated_total(facts: Sequence[FactView], period: Period | None) -> FactView | None:
    """A cumulative figure a source gives for (nearly) exactly the period asked."""
    if period is None:
        return None
    best: tuple[float, FactView] | None = None
    for fact in facts:
        if not fact.cumulative or fact.period is None or not fact.has_count:
            continue
        if fact.period.grain == "to_date" and fact.period.start == period.start:
            score = 1.0
        else:
            score = min(period.overlap_share(fact.period), fact.period.overlap_share(period))
        if score >= 0.8 and (best is None or score > best[0]):
            best = (score, fact)
    return best[1] if best else None


def layoff_facts(snapshot: Snapshot, company_ids: Iterable[int]) -> list[FactView]:
    return [f for f in snapshot.facts_about(company_ids) if f.kind == FactKind.LAYOFF]


def industry_facts(snapshot: Snapshot, kind: str) -> list[FactView]:
    return [f for f in snapshot.by_company.get(None, ()) if f.kind == kind]
