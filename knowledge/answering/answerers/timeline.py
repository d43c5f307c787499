"""An open request about a company ("Amazon layoffs"): every round on record, most recent first."""

from __future__ import annotations

from knowledge.answering import declines
from knowledge.answering.answer import Reply
from knowledge.answering.answerers.count import count
from knowledge.answering.answerers.registry import about_company
from knowledge.answering.context import Context
from knowledge.answering.intents import Intent
from knowledge.answering.retrieve import layoff_facts, relevant
from knowledge.answering.rounds import timeline as rounds_timeline
from knowledge.language.companies import CompanyMatch
from knowledge.types import FactKind


@about_company(Intent.TIMELINE, Intent.LATEST)  # a company's rounds are listed most recent first
def open_request(ctx: Context, match: CompanyMatch, ids: list[int]) -> Reply:
    """With a period the asker wants that period's figure; without one, the whole timeline."""
    if ctx.query.period is not None:
        return count(ctx, match, ids)
    return timeline(ctx, match, ids)


def timeline(ctx: Context, match: CompanyMatch, ids: list[int]) -> Reply:
    facts = relevant(ctx.within_filters(layoff_facts(ctx.snapshot, ids)), {FactKind.LAYOFF}, ctx.query.period, 0.9)
    if not facts:
        return declines.company(ctx, match, ids)
    return rounds_timeline(ctx, match, facts)
