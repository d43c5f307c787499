"""How many people a company laid off: in a period, in all, or in its biggest round."""

from __future__ import annotations

from knowledge.answering import declines
from knowledge.answering.answer import Reply
from knowledge.answering.answerers.registry import about_company
from knowledge.answering.context import Context
from knowledge.answering.intents import Intent
from knowledge.answering.lines import fill, of
from knowledge.answering.retrieve import Round, layoff_facts, period_fit, relevant, rounds_of, stated_total
from knowledge.answering.rounds import round_line, rounds_reply, stated_line, timeline
from knowledge.language import phrases as ph
from knowledge.language.companies import CompanyMatch
from knowledge.language.periods import Period
from knowledge.types import FactKind


@about_company(Intent.COUNT, Intent.TOTAL, Intent.COMPANIES)
def count(ctx: Context, match: CompanyMatch, ids: list[int]) -> Reply:
    """A source's own total for the period when there is one, else the rounds inside it added up."""
    facts = ctx.within_filters(layoff_facts(ctx.snapshot, ids))
    if not facts:
        return declines.company(ctx, match, ids)
    period = ctx.query.period
    if period is None:
        rounds = rounds_of(facts)
        if len(rounds) == 1:
            return Reply(True, [round_line(ctx, rounds[0], match)], 1.0)
        if ctx.query.intent is Intent.TOTAL:  # "in total", "altogether": every round on record added up
            return rounds_reply(ctx, rounds, match, Period(min(f.when for f in facts), max(f.when for f in facts),
                                                           "range"))
        return timeline(ctx, match, facts)
    stated = stated_total([f for f in facts if f.company_id == match.company_id] or facts, period)
    if stated is not None:
        return Reply(True, [stated_line(ctx, stated, match)], 1.0)
    inside = [f for f in facts if period_fit(period, f) >= 0.9]
    if inside:
        return rounds_reply(ctx, rounds_of(inside), match, period)
    broader = [f for f in facts if f.period and f.period.contains(period) and f.has_count]
    if broader:
        best = ctx.rank(broader, period)[0]
        runs = stated_line(ctx, best, match).runs
        return Reply(True, [of(fill(ctx.lang, "broader_only", "sentence", runs, when=ph.when(period, ctx.lang)))],
                     0.6)
    return declines.company(ctx, match, ids)


@about_company(Intent.BIGGEST)
def biggest(ctx: Context, match: CompanyMatch, ids: list[int]) -> Reply:
    facts = [f for f in relevant(ctx.within_filters(layoff_facts(ctx.snapshot, ids)), {FactKind.LAYOFF},
                                 ctx.query.period, 0.9) if f.has_count and not f.cumulative]
    if not facts:
        return count(ctx, match, ids)
    best = max(facts, key=lambda f: f.size)
    return Reply(True, [round_line(ctx, Round((best,)), match)], 1.0)
