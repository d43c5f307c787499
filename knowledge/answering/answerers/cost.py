"""What a company's job cuts cost it (severance, restructuring charges), as its reporting states."""

from __future__ import annotations

from knowledge.answering import declines
from knowledge.answering.answer import Reply
from knowledge.answering.answerers.registry import about_company, about_industry
from knowledge.answering.context import Context
from knowledge.answering.intents import Intent
from knowledge.answering.lines import line
from knowledge.answering.retrieve import relevant
from knowledge.language import phrases as ph
from knowledge.language.companies import CompanyMatch
from knowledge.types import FactKind


@about_company(Intent.COST)
def cost(ctx: Context, match: CompanyMatch, ids: list[int]) -> Reply:
    period = ctx.query.period
    facts = ctx.rank(relevant(ctx.snapshot.facts_about(ids), {FactKind.COST}, period, 0.3), period)
    if not facts:
        return declines.company(ctx, match, ids, what="kind_cost")
    fact = facts[0]
    lang = ctx.lang
    amount = ph.money(fact.count_min, fact.count_max, fact.qualifier, fact.detail, lang)
    # "at about 800 million dollars", "à environ 800 millions", but "entre 35 et 45 millions" alone
    at = "" if amount.startswith("entre ") else "à " if lang == "fr" else "at "
    text = ph.say(lang, "cost", who=ctx.who(fact, match), when=ph.when(fact.period, lang), amount=at + amount)
    return Reply(True, [line(text, ctx.cite.refs(fact))], 1.0)


@about_industry(Intent.COST)
def industry_cost(ctx: Context) -> Reply:
    """Costs are each company's own: no source adds them up across the industry."""
    return declines.plain(ctx, ph.say(ctx.lang, "decline_industry_cost"))
