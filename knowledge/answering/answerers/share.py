"""What share of its staff a company cut."""

from __future__ import annotations

from knowledge.answering import declines
from knowledge.answering.answer import Reply
from knowledge.answering.answerers.registry import about_company
from knowledge.answering.context import Context
from knowledge.answering.intents import Intent
from knowledge.answering.retrieve import layoff_facts, relevant, rounds_of
from knowledge.answering.rounds import round_line
from knowledge.language.companies import CompanyMatch
from knowledge.types import FactKind


@about_company(Intent.SHARE)
def share(ctx: Context, match: CompanyMatch, ids: list[int]) -> Reply:
    period = ctx.query.period
    facts = [f for f in relevant(ctx.within_filters(layoff_facts(ctx.snapshot, ids)), {FactKind.LAYOFF}, period, 0.9)
             if f.percent]
    if not facts:
        return declines.company(ctx, match, ids, what="kind_share")
    rounds = sorted(rounds_of(ctx.rank(facts, period)), key=lambda r: r.main.when, reverse=True)
    return Reply(True, [round_line(ctx, r, match) for r in rounds[:3]], 1.0)
