"""When a company cut jobs, or when its layoffs started."""

from __future__ import annotations

from datetime import date

from knowledge.answering import declines
from knowledge.answering.answer import Reply
from knowledge.answering.answerers.registry import about_company
from knowledge.answering.context import Context
from knowledge.answering.intents import Intent
from knowledge.answering.lines import line
from knowledge.answering.retrieve import layoff_facts, relevant, rounds_of
from knowledge.answering.rounds import round_line
from knowledge.language import phrases as ph
from knowledge.language.companies import CompanyMatch
from knowledge.types import FactKind


@about_company(Intent.WHEN)
def when(ctx: Context, match: CompanyMatch, ids: list[int]) -> Reply:
    period = ctx.query.period
    facts = relevant(ctx.within_filters(layoff_facts(ctx.snapshot, ids)), {FactKind.LAYOFF}, period, 0.9)
    facts = [f for f in facts if f.when != date.min and not f.cumulative] or facts
    if not facts:
        return declines.company(ctx, match, ids, what="kind_dates")
    rounds = rounds_of(facts)
    if ctx.query.first or len(rounds) == 1:
        first = rounds[0].main
        if first.period and first.period.start == first.period.end:
            text = ph.say(ctx.lang, "started", who=ctx.who(first, match), day=ph.day(first.period.start, ctx.lang))
            return Reply(True, [line(text, ctx.cite.refs(*rounds[0].facts))], 1.0)
        return Reply(True, [round_line(ctx, rounds[0], match)], 1.0)
    ordered = sorted(rounds, key=lambda r: r.main.when, reverse=True)
    return Reply(True, [round_line(ctx, r, match) for r in ordered[:3]], 1.0)
