"""One candidate per fact, however often the article repeats it.

A headline figure restated in the body, a lead sentence and a quote giving
the same count and share, the same reason said twice: each becomes one
candidate holding every value the mentions gave, cited to the clearest
sentence (or the two sentences that together state it).  Figures that
differ, or dates that differ, are different facts and stay apart.

This is not `knowledge.events`, which decides whether two *reports* (facts from different sources) are
one event: within one article, mentions complete each other (a count in one sentence, the share in
the next; "thousands" in the headline, "4,100" in the body), which two sources never do.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from knowledge.drafts import FactDraft
from knowledge.intake.articles.candidates import Pending
from knowledge.intake.articles.cues import REFERS_BACK
from knowledge.language.text import name_key
from knowledge.types import FactKind, Qualifier

_CORROBORATION = 0.05
_MAX_EVIDENCE = 3


def merge(pending: list[Pending]) -> list[Pending]:
    """Fold duplicates into the first compatible candidate, in article order."""
    kept: list[Pending] = []
    for item in sorted(pending, key=_strength, reverse=True):
        for index, other in enumerate(kept):
            if _same_fact(other, item):
                kept[index] = _combined(other, item)
                break
        else:
            kept.append(item)
    return sorted(kept, key=lambda p: (p.order if p.order >= 0 else 10**6, _KIND_ORDER.get(p.draft.kind, 9),
                                       p.position))


_KIND_ORDER = {FactKind.LAYOFF: 0, FactKind.COMPANIES: 1, FactKind.HEADCOUNT: 2, FactKind.TEAMS: 3,
               FactKind.REASON: 4, FactKind.COST: 5, FactKind.CONTEXT: 6}


def _strength(item: Pending) -> tuple[int, bool, float, int]:
    """Most complete first, then the body before the title, then most trusted, then earliest."""
    draft = item.draft
    filled = sum(x is not None for x in (draft.count_min, draft.count_max, draft.percent)) + len(draft.labels)
    return filled, item.order >= 0, draft.confidence, -item.order


def _company(item: Pending) -> str | None:
    return name_key(item.draft.company) if item.draft.company else None


def _same_fact(a: Pending, b: Pending) -> bool:
    da, db = a.draft, b.draft
    if da.kind != db.kind or _company(a) != _company(b):
        return False
    if da.kind in {FactKind.TEAMS, FactKind.REASON, FactKind.CONTEXT}:
        # an undated team or reason belongs to the main round, not to a dated earlier one
        return a.dated == b.dated and _dates_agree(a, b)
    if not _dates_agree(a, b):
        return False
    if da.cumulative != db.cumulative:
        return False
    if a.statement.speculative != b.statement.speculative:
        return False  # "is weighing cutting half of its staff" never completes the cut it did confirm
    if _complementary(da, db) and abs(a.order - b.order) > 1 and min(a.order, b.order) >= 0 and not (
            a.dated and b.dated) and not _refers_back(a if not a.dated else b):
        return False  # a count and a share far apart, one of them undated: maybe two rounds ("had already ... 5%")
    if _has_count(da) and _has_count(db) and (da.count_min, da.count_max) != (db.count_min, db.count_max) \
            and not _vague_fits(da, db) and not _vague_fits(db, da):
        return False
    return not (da.percent is not None and db.percent is not None and da.percent != db.percent)


_VAGUE = {Qualifier.DOZENS, Qualifier.HUNDREDS, Qualifier.SEVERAL_HUNDRED, Qualifier.THOUSANDS,
          Qualifier.SEVERAL_THOUSAND}


def _vague_fits(vague: FactDraft, precise: FactDraft) -> bool:
    """ "thousands of employees" and "more than 4,000 employees" of one round, on one day: one fact."""
    if vague.qualifier not in _VAGUE or precise.qualifier in _VAGUE:
        return False
    low, high = vague.count_min or 0, vague.count_max or 0
    value = precise.count_min if precise.count_min is not None else precise.count_max
    return value is not None and low <= value <= high


def _refers_back(item: Pending) -> bool:
    """ "the announced cuts, which amounted to 1.5% of the workforce": the undated figure is about the round."""
    return bool(REFERS_BACK.search(item.statement.sentence.folded))


def _complementary(a: FactDraft, b: FactDraft) -> bool:
    """One gives only a count, the other only a share."""
    return (_has_count(a) and a.percent is None and not _has_count(b) and b.percent is not None) or (
        _has_count(b) and b.percent is None and not _has_count(a) and a.percent is not None)


def _has_count(draft: FactDraft) -> bool:
    return draft.count_min is not None or draft.count_max is not None


def _dates_agree(a: Pending, b: Pending) -> bool:
    da, db = a.draft, b.draft
    same = (da.announced, da.period_start, da.period_end) == (db.announced, db.period_start, db.period_end)
    return same or not a.dated or not b.dated


def _combined(keep: Pending, other: Pending) -> Pending:
    """`keep` with what `other` adds: missing values, labels, a date, corroboration."""
    draft, extra = keep.draft, other.draft
    changes: dict[str, Any] = {}  # FactDraft fields by name, for dataclasses.replace
    adds_value = False
    if (not _has_count(draft) and _has_count(extra)) or (_has_count(extra) and _vague_fits(draft, extra)):
        changes.update(count_min=extra.count_min, count_max=extra.count_max, qualifier=extra.qualifier)
        adds_value = True
    if draft.percent is None and extra.percent is not None:
        changes.update(percent=extra.percent, percent_qualifier=extra.percent_qualifier)
        adds_value = True
    new_labels = tuple(label for label in extra.labels if label not in draft.labels)
    if new_labels:
        changes["labels"] = draft.labels + new_labels
        adds_value = True
    if draft.detail is None and extra.detail is not None:
        changes["detail"] = extra.detail
    dated = keep.dated
    if not keep.dated and other.dated:
        changes.update(announced=extra.announced, period_start=extra.period_start, period_end=extra.period_end,
                       caveats=extra.caveats)
        dated = True
    evidence = keep.evidence
    if adds_value and other.evidence[0] not in evidence and len(evidence) < _MAX_EVIDENCE:
        evidence = evidence + other.evidence
    confidence = max(draft.confidence, extra.confidence)
    if other.order != keep.order:
        confidence += _CORROBORATION  # said twice in the article
    changes["confidence"] = round(min(0.95, confidence), 2)
    order, position = min((item.order, item.position) for item in (keep, other) if item.order >= 0) if max(
        keep.order, other.order) >= 0 else (keep.order, keep.position)
    return replace(keep, draft=replace(draft, **changes), evidence=evidence, dated=dated, order=order,
                   position=position, plan=keep.plan and other.plan)
