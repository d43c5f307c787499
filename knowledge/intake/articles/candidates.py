"""Statements turned into candidate facts: drafts, dates, confidence, citation.

Candidates enter the knowledge base as pending drafts a moderator reviews,
so each carries the sentence it came from and a confidence that says how
much to trust it.  The confidence starts from how reliably each kind of fact
is read and loses a fixed amount for every reason to doubt it, each a named
rule below: the company found only through "it" or "the firm", a figure
about another company than the article's, unnamed sources, a headline, a
machine translation, and above all speculation ("could cut half"), which
alone takes any candidate below `REVIEW_BELOW`.  Candidates under that
threshold are the doubtful ones: approval at ingestion leaves them pending
for a moderator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from knowledge.drafts import FactDraft, SourceDraft
from knowledge.types import FactKind, FactStatus, SourceKind

if TYPE_CHECKING:  # the statement reader compiles many rules: only the extractor needs it loaded
    from knowledge.intake.articles.statements import Statement


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
    parent: str | None = None  # the company's owner, when the article (or the knowledge base) names one


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


# Below this, a candidate is doubtful: it waits for a moderator even when ingestion approves the rest.
REVIEW_BELOW = 0.6

_BASE = {
    FactKind.LAYOFF: 0.85, FactKind.HEADCOUNT: 0.8, FactKind.COMPANIES: 0.75, FactKind.TEAMS: 0.8,
    FactKind.REASON: 0.8, FactKind.CONTEXT: 0.6, FactKind.COST: 0.75,
}
# What each reason for doubt takes off.
_FOUND_BY_REFERENCE = 0.05  # "the company", "the Seattle-based firm", or nothing: no name in the sentence
_UNKNOWN_COMPANY = 0.05  # not in the knowledge base: the name itself may be misread
_TYPO = 0.15  # a known company reached through a misspelling
_OTHER_COMPANY = 0.15  # a figure about another company than the article's own news
_EARLIER_ROUND = 0.05  # the article's company, but an earlier round mentioned in passing
_PLANNED = 0.05  # announced for later, may still change
_UNNAMED_SOURCES = 0.1  # "according to people familiar", "selon des sources": not confirmed by the company
_SPECULATION = 0.4  # "could cut", "is considering", "pourrait": never a fact without a moderator
_HEADLINE = 0.15  # only the title says it
_TRANSLATED = 0.1  # machine translation
_INFERRED = 0.05  # read from a sentence that only refers back to the cuts ("the decision", "most of them")


def confidence(statement: Statement, translated: bool) -> float:
    """How far to trust a statement: its kind's base, less a fixed amount per reason for doubt."""
    score = _BASE[statement.kind]
    if statement.kind == FactKind.LAYOFF and statement.count is None and statement.share is None:
        score -= 0.15  # a round without a figure
    if statement.kind in {FactKind.TEAMS, FactKind.REASON} and not statement.labels:
        score -= 0.1  # only the source's words, nothing from the vocabulary
    company = statement.company
    doubts = (
        (statement.how in {"focus", "reference"}, _FOUND_BY_REFERENCE),
        (company is not None and company.company_id is None, _UNKNOWN_COMPANY),
        (company is not None and company.via == "typo", _TYPO),
        (statement.secondary and not statement.earlier, _OTHER_COMPANY),
        (statement.secondary and statement.earlier, _EARLIER_ROUND),
        (statement.plan and statement.kind == FactKind.LAYOFF, _PLANNED),
        (statement.attributed, _UNNAMED_SOURCES),
        (statement.speculative and statement.kind in {FactKind.LAYOFF, FactKind.COMPANIES}, _SPECULATION),
        (statement.sentence.is_title, _HEADLINE),
        (translated, _TRANSLATED),
        (statement.inferred, _INFERRED),
    )
    score -= sum(amount for doubted, amount in doubts if doubted)
    return round(min(0.95, max(0.05, score)), 2)


def draft_of(statement: Statement, meta: ArticleMeta, translated: bool) -> Pending:
    """The draft a statement makes, dated as the article dates it."""
    count, share, when = statement.count, statement.share, statement.when
    announced = period_start = period_end = None
    published = meta.published
    dated = when is not None
    if statement.cumulative:
        if when is not None and when.is_day:
            period_end = min(when.start_date, published)  # the day the total was given: counted up to then
        elif when is not None:
            period_start, period_end = when.start_date, min(when.end_date, published)
            if period_start > period_end:
                period_start = None
        else:
            period_end = published
    elif when is not None and when.is_day:
        announced = when.start_date
    elif when is not None:
        period_start, period_end = when.start_date, when.end_date
    elif not (statement.secondary and statement.kind == FactKind.LAYOFF) or statement.current:
        announced = published  # the article's own news, or another company's cut told as news ("is cutting")
    company = statement.company.name if statement.company is not None else None
    draft = FactDraft(
        kind=statement.kind,
        company=company,
        count_min=count.low if count else None,
        count_max=count.high if count else None,
        qualifier=count.qualifier if count else None,
        percent=share.percent if share else None,
        percent_qualifier=share.qualifier if share else None,
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
