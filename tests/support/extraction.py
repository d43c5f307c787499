"""Scoring extraction against labelled articles: precision and recall, per kind and per dimension.

Shared by the test that guards against regressions and by the benchmark that
lists what was missed, so both count the same way.

Per kind of fact, strictly: a figure (layoff, headcount, companies) is one
unit and matches only when every value agrees: company, bounds, qualifier,
share, running total, dates.  Teams and reasons count one unit per
vocabulary label (plus one for a free-text detail), so a fact that names
three reasons and gets two right scores two of three rather than nothing.

Only confident candidates are scored: those under `REVIEW_BELOW` wait for a
moderator and never become facts on their own.  They are counted apart, with
how many of them were right, which is what makes the confidence meaningful.

Per dimension (company, figure, share, date, team, reason): each extracted
fact is first paired with the labelled fact of the same kind it agrees with
most, then each value is scored on its own, so a right figure filed under
the wrong company, or a right round with the wrong date, shows where the
error lies instead of counting as one miss and one spurious fact.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.intake.articles import REVIEW_BELOW, Candidate
from knowledge.intake.articles.articles import parse_article
from knowledge.intake.articles.extract import extract_facts
from knowledge.intake.bundled import read_pack
from knowledge.language.companies import CompanyMatcher, NameEntry
from knowledge.language.text import name_key
from knowledge.types import FactKind

Unit = tuple[Any, ...]


def bundled_parents() -> Callable[[str], str | None]:
    """The owner of each bundled well-known company ("Twitch" -> "Amazon"), as a fresh knowledge base knows it."""
    companies = read_pack("companies")["companies"]
    owners = {name_key(c["name"]): c["parent"] for c in companies if c.get("parent")}
    return lambda name: owners.get(name_key(name))


def bundled_matcher() -> tuple[CompanyMatcher, Callable[[int], str | None]]:
    """A matcher over the bundled well-known companies, as a fresh knowledge base has."""
    companies = read_pack("companies")["companies"]
    ids = {company["name"]: index for index, company in enumerate(companies, start=1)}
    entries = [NameEntry(name_key(c["name"]), ids[c["name"]], c["name"]) for c in companies]
    entries += [NameEntry(name_key(alias), ids[c["name"]], alias, alias=True)
                for c in companies for alias in c.get("aliases", ())]
    names = {index: name for name, index in ids.items()}
    return CompanyMatcher(entries, fuzzy_cutoff=0.8), names.get


def units_of_label(row: dict[str, Any]) -> list[Unit]:
    return _units(row["kind"], row.get("company"), row.get("count_min"), row.get("count_max"), row.get("qualifier"),
                  row.get("percent"), row.get("percent_qualifier"), tuple(row.get("labels", ())),
                  bool(row.get("detail")), bool(row.get("cumulative")), row.get("announced"),
                  row.get("period_start"), row.get("period_end"))


def units_of_candidate(candidate: Candidate) -> list[Unit]:
    d = candidate.draft

    def iso(day: Any) -> str | None:
        return day.isoformat() if day else None

    return _units(d.kind, d.company, d.count_min, d.count_max, d.qualifier, d.percent, d.percent_qualifier,
                  d.labels, d.detail is not None, d.cumulative, iso(d.announced), iso(d.period_start),
                  iso(d.period_end))


def _units(kind: str, company: str | None, low: int | None, high: int | None, qualifier: str | None,
           percent: float | None, percent_qualifier: str | None, labels: Iterable[str], detail: bool,
           cumulative: bool, announced: str | None, start: str | None, end: str | None) -> list[Unit]:
    who = name_key(company) if company else None
    when = (announced, start, end)
    if kind in {FactKind.TEAMS, FactKind.REASON}:
        units: list[Unit] = [(kind, who, label, when) for label in labels]
        if detail and (kind == FactKind.TEAMS or not units):
            units.append((kind, who, "<detail>", when))  # a reason's own words count only where no label does
        return units
    share = (float(percent), percent_qualifier) if percent is not None else (None, None)
    return [(kind, who, low, high, qualifier, share, cumulative, when)]


DIMENSIONS = ("company", "figure", "share", "date", "team", "reason")


@dataclass(frozen=True)
class _Values:
    """One fact's values, as the per-dimension score compares them."""

    kind: str
    company: str | None
    figure: tuple[Any, ...] | None  # (low, high, qualifier, running total)
    share: tuple[float, str | None] | None
    when: tuple[str | None, str | None, str | None]
    labels: frozenset[str]


def _values_of_label(row: dict[str, Any]) -> _Values:
    return _values(row["kind"], row.get("company"), row.get("count_min"), row.get("count_max"), row.get("qualifier"),
                   row.get("percent"), row.get("percent_qualifier"), row.get("labels", ()), bool(row.get("detail")),
                   bool(row.get("cumulative")), (row.get("announced"), row.get("period_start"), row.get("period_end")))


def _values_of_candidate(candidate: Candidate) -> _Values:
    d = candidate.draft
    when = tuple(day.isoformat() if day else None for day in (d.announced, d.period_start, d.period_end))
    return _values(d.kind, d.company, d.count_min, d.count_max, d.qualifier, d.percent, d.percent_qualifier, d.labels,
                   d.detail is not None, d.cumulative, when)


def _values(kind: str, company: str | None, low: int | None, high: int | None, qualifier: str | None,
            percent: float | None, percent_qualifier: str | None, labels: Iterable[str], detail: bool,
            cumulative: bool, when: tuple[Any, ...]) -> _Values:
    counted = low is not None or high is not None
    return _Values(
        kind, name_key(company) if company else None,
        (low, high, qualifier, cumulative) if counted else None,
        (float(percent), percent_qualifier) if percent is not None else None,
        (when[0], when[1], when[2]),
        frozenset(labels) | ({"<detail>"} if detail and (kind == FactKind.TEAMS or not labels) else frozenset()),
    )


def _agreement(a: _Values, b: _Values) -> int:
    """How much two facts of the same kind agree; 0 when nothing but the kind ties them."""
    if a.kind != b.kind:
        return 0
    anchors = 4 * (a.company == b.company) + 3 * (a.figure is not None and a.figure == b.figure) \
        + 2 * (a.share is not None and a.share == b.share) + len(a.labels & b.labels)
    close = a.figure is not None and b.figure is not None and a.figure[:2] == b.figure[:2]
    if not anchors and not close:
        return 0
    return 2 * anchors + close + (a.when == b.when)


def _pairs(extracted: list[_Values], expected: list[_Values]) -> list[tuple[int, int]]:
    """Extracted and labelled facts paired greedily, the most agreeing first; each used once."""
    scored = sorted(((_agreement(e, x), i, j) for i, e in enumerate(extracted) for j, x in enumerate(expected)),
                    reverse=True)
    used_e: set[int] = set()
    used_x: set[int] = set()
    pairs = []
    for agreement, i, j in scored:
        if agreement <= 0 or i in used_e or j in used_x:
            continue
        used_e.add(i)
        used_x.add(j)
        pairs.append((i, j))
    return pairs


def _dimension_units(values: _Values) -> Counter[str]:
    """How many units of each dimension a fact states."""
    units: Counter[str] = Counter(company=1, date=1)
    if values.figure is not None:
        units["figure"] += 1
    if values.share is not None:
        units["share"] += 1
    if values.kind == FactKind.TEAMS:
        units["team"] += len(values.labels)
    if values.kind == FactKind.REASON:
        units["reason"] += len(values.labels)
    return units


def _dimension_matches(a: _Values, b: _Values) -> Counter[str]:
    matched: Counter[str] = Counter()
    matched["company"] += a.company == b.company
    matched["date"] += a.when == b.when
    matched["figure"] += a.figure is not None and a.figure == b.figure
    matched["share"] += a.share is not None and a.share == b.share
    if a.kind == FactKind.TEAMS:
        matched["team"] += len(a.labels & b.labels)
    if a.kind == FactKind.REASON:
        matched["reason"] += len(a.labels & b.labels)
    return matched


@dataclass
class Score:
    matched: Counter[str] = field(default_factory=Counter)
    expected: Counter[str] = field(default_factory=Counter)
    extracted: Counter[str] = field(default_factory=Counter)
    missed: list[tuple[str, Unit]] = field(default_factory=list)
    spurious: list[tuple[str, Unit, str]] = field(default_factory=list)  # (article, unit, evidence)
    by_dimension: Counter[tuple[str, str]] = field(default_factory=Counter)  # (dimension, matched|extracted|expected)
    seconds: float = 0.0  # extraction CPU time over all the articles
    articles: int = 0
    doubtful: int = 0  # candidates under the review threshold, left out of the scores above
    doubtful_right: int = 0  # of those, how many state a labelled fact exactly
    held: list[tuple[str, Unit, float, bool]] = field(default_factory=list)  # (article, unit, confidence, right)

    def dimension(self, name: str) -> tuple[float, float]:
        """Precision and recall of one dimension (company, figure, share, date, team, reason)."""
        matched = self.by_dimension[name, "matched"]
        extracted, expected = self.by_dimension[name, "extracted"], self.by_dimension[name, "expected"]
        return (matched / extracted if extracted else 1.0), (matched / expected if expected else 1.0)

    def precision(self, kind: str | None = None) -> float:
        extracted = self.extracted[kind] if kind else sum(self.extracted.values())
        matched = self.matched[kind] if kind else sum(self.matched.values())
        return matched / extracted if extracted else 1.0

    def recall(self, kind: str | None = None) -> float:
        expected = self.expected[kind] if kind else sum(self.expected.values())
        matched = self.matched[kind] if kind else sum(self.matched.values())
        return matched / expected if expected else 1.0


def load_labels(folder: Path) -> dict[str, list[dict[str, Any]]]:
    labels: dict[str, list[dict[str, Any]]] = {}
    for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            labels.setdefault(row["article"], []).append(row)
    return labels


def evaluate(folder: Path, threshold: float = REVIEW_BELOW) -> Score:
    """Extract every article of `folder` and score its confident candidates against `labels.jsonl`."""
    matcher, name_of = bundled_matcher()
    parent_of = bundled_parents()
    labels = load_labels(folder)
    score = Score()
    for path in sorted(folder.glob("*.txt")):
        meta, body = parse_article(path.read_text(encoding="utf-8"))
        started = time.process_time()  # CPU time: the machine may be busy with other work
        extracted = extract_facts(body, meta, matcher, name_of, parent_of)
        score.seconds += time.process_time() - started
        score.articles += 1
        candidates = [c for c in extracted if c.confidence >= threshold]
        _score_dimensions(score, candidates, labels.get(path.name, []))
        expected = Counter(unit for row in labels.get(path.name, ()) for unit in units_of_label(row))
        found: list[tuple[Unit, str]] = [(u, c.evidence) for c in candidates for u in units_of_candidate(c)]
        remaining = Counter(expected)
        for doubtful in (c for c in extracted if c.confidence < threshold):
            right = all(expected[unit] for unit in units_of_candidate(doubtful))
            score.doubtful += 1
            score.doubtful_right += right
            score.held.extend((path.name, unit, doubtful.confidence, right) for unit in units_of_candidate(doubtful))
        for unit, evidence in found:
            kind = unit[0]
            score.extracted[kind] += 1
            if remaining[unit] > 0:
                remaining[unit] -= 1
                score.matched[kind] += 1
            else:
                score.spurious.append((path.name, unit, evidence))
        for unit, count in expected.items():
            score.expected[unit[0]] += count
            score.missed.extend((path.name, unit) for _ in range(remaining[unit]))
    return score


def _score_dimensions(score: Score, candidates: list[Candidate], rows: list[dict[str, Any]]) -> None:
    extracted = [_values_of_candidate(c) for c in candidates]
    expected = [_values_of_label(row) for row in rows]
    for values in extracted:
        for name, count in _dimension_units(values).items():
            score.by_dimension[name, "extracted"] += count
    for values in expected:
        for name, count in _dimension_units(values).items():
            score.by_dimension[name, "expected"] += count
    for i, j in _pairs(extracted, expected):
        for name, count in _dimension_matches(extracted[i], expected[j]).items():
            score.by_dimension[name, "matched"] += count
