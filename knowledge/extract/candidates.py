"""Statements turned into candidate facts: drafts, dates, confidence, citation.

Candidates enter the knowledge base as pending drafts a moderator reviews,
so each carries the sentence it came from and a confidence that says how
much to trust it: a clear "X laid off N" in the article's own news scores
high; a figure about another company, a rumour, a headline, a machine
translation or a company found only through "it" scores lower.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from knowledge.drafts import FactDraft, SourceDraft
from knowledge.extract.statements import Statement
from knowledge.models import FactKind, FactStatus, SourceKind


@dataclass(frozen=True)
class ArticleMeta:
    url: str
    title: str | None
    publisher: str | None
    published: date
    language: str  # "en" | "fr"


@dataclass(frozen=True)
class Candidate:
    draft: FactDraft
    evidence: str  # the sentence (or sentences) it came from, as written in the article
    confidence: float  # 0..1


@dataclass(frozen=True)
class Pending:
    """A candidate being assembled: its draft plus what merging and dating need to know."""

    draft: FactDraft
    evidence: tuple[str, ...]
    order: int  # sentence index (the title is -1)
    position: int  # word of the sentence where the figure starts (order within a sentence)
    dated: bool  # the article gave a date for it (not just the day it was published)
    plan: bool
    statement: Statement


_BASE = {
    FactKind.LAYOFF: 0.85, FactKind.HEADCOUNT: 0.75, FactKind.COMPANIES: 0.75, FactKind.TEAMS: 0.7,
    FactKind.REASON: 0.7, FactKind.CONTEXT: 0.5,
}


def confidence(statement: Statement, translated: bool) -> float:
    """How far to trust a statement, from how clearly the article states it."""
    score = _BASE[statement.kind]
    if statement.kind == FactKind.LAYOFF and statement.count is None and statement.share is None:
        score = 0.65
    if statement.kind in {FactKind.TEAMS, FactKind.REASON} and not statement.labels:
        score = 0.5
    company = statement.company
    if statement.how == "focus":
        score -= 0.1
    if company is not None and company.company_id is None:
        score -= 0.05
    if company is not None and company.via == "typo":
        score -= 0.15
    if statement.secondary:
        score -= 0.2
    if statement.plan and statement.kind == FactKind.LAYOFF:
        score -= 0.05
    if statement.speculative:
        score -= 0.35
    if statement.sentence.is_title:
        score -= 0.15
    if translated:
        score -= 0.1
    return round(min(0.95, max(0.05, score)), 2)


def draft_of(statement: Statement, meta: ArticleMeta, translated: bool) -> Pending:
    """The draft a statement makes, dated as the article dates it."""
    count, share, when = statement.count, statement.share, statement.when
    announced = period_start = period_end = None
    published = meta.published
    dated = when is not None
    if statement.cumulative:
        if when is not None:
            period_start, period_end = when.start_date, min(when.end_date, published)
            if period_start > period_end:
                period_start = None
        else:
            period_end = published
    elif when is not None and when.is_day:
        announced = when.start_date
    elif when is not None:
        period_start, period_end = when.start_date, when.end_date
    elif not (statement.secondary and statement.kind == FactKind.LAYOFF):
        announced = published  # the article's own news, stated without a date
    company = statement.company.name if statement.company is not None else None
    draft = FactDraft(
        kind=statement.kind,
        company=company,
        count_min=count.low if count else None,
        count_max=count.high if count else None,
        qualifier=count.qualifier.value if count else None,
        percent=share.percent if share else None,
        percent_qualifier=share.qualifier.value if share else None,
        labels=statement.labels,
        detail=statement.detail,
        period_start=period_start,
        period_end=period_end,
        announced=announced,
        cumulative=statement.cumulative or statement.kind == FactKind.COMPANIES,
        caveats=when.caveats if when is not None else (),
        confidence=confidence(statement, translated),
        status=FactStatus.PENDING,
    )
    figure = statement.count or statement.share
    position = figure.start if figure is not None else 0
    return Pending(draft, (statement.sentence.raw,), statement.sentence.index, position, dated, statement.plan,
                   statement)


def source_of(meta: ArticleMeta) -> SourceDraft:
    return SourceDraft(url=meta.url, publisher=meta.publisher, title=meta.title, published=meta.published,
                       language=meta.language, kind=SourceKind.ARTICLE)
