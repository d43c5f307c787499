"""Scoring extraction against labelled articles: precision and recall, per kind.

Shared by the test that guards against regressions and by the benchmark that
lists what was missed, so both count the same way.  A figure (layoff,
headcount, companies) is one unit and matches only when every value agrees:
company, bounds, qualifier, share, running total, dates.  Teams and reasons
count one unit per vocabulary label (plus one for a free-text detail), so a
fact that names three reasons and gets two right scores two of three rather
than nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.companies import CompanyMatcher, NameEntry
from knowledge.extract import Candidate, extract_facts
from knowledge.extract.articles import parse_article
from knowledge.models import FactKind
from knowledge.text import name_key

_BUNDLED = Path(__file__).resolve().parent.parent / "bundled" / "companies.json"
Unit = tuple[Any, ...]


def bundled_matcher() -> tuple[CompanyMatcher, Callable[[int], str | None]]:
    """A matcher over the bundled well-known companies, as a fresh knowledge base has."""
    companies = json.loads(_BUNDLED.read_text(encoding="utf-8"))["companies"]
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
        if detail:
            units.append((kind, who, "<detail>", when))
        return units
    share = (float(percent), percent_qualifier) if percent is not None else (None, None)
    return [(kind, who, low, high, qualifier, share, cumulative, when)]


@dataclass
class Score:
    matched: Counter[str] = field(default_factory=Counter)
    expected: Counter[str] = field(default_factory=Counter)
    extracted: Counter[str] = field(default_factory=Counter)
    missed: list[tuple[str, Unit]] = field(default_factory=list)
    spurious: list[tuple[str, Unit, str]] = field(default_factory=list)  # (article, unit, evidence)

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


def evaluate(folder: Path) -> Score:
    """Extract every article of `folder` and score it against `labels.jsonl`."""
    matcher, name_of = bundled_matcher()
    labels = load_labels(folder)
    score = Score()
    for path in sorted(folder.glob("*.txt")):
        meta, body = parse_article(path.read_text(encoding="utf-8"))
        candidates = extract_facts(body, meta, matcher, name_of)
        expected = Counter(unit for row in labels.get(path.name, ()) for unit in units_of_label(row))
        found: list[tuple[Unit, str]] = [(u, c.evidence) for c in candidates for u in units_of_candidate(c)]
        remaining = Counter(expected)
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
