"""Yes/no questions, answered yes or no first: "Did Stripe lay off staff in 2023?", "Were there layoffs in
Toronto in 2025?", "Did any crypto company shut down in 2024?".

A "yes" is what the knowledge base shows; the lack of a record is no "no"
(the trackers miss rounds), so without one the bot declines and says what it
does hold.
"""

from __future__ import annotations

from knowledge.answering.answer import Reply
from knowledge.answering.answerers.count import count
from knowledge.answering.answerers.industry import companies, people
from knowledge.answering.answerers.registry import about_company, about_industry
from knowledge.answering.context import Context
from knowledge.answering.intents import Intent, Measure
from knowledge.answering.lines import verdict
from knowledge.language.companies import CompanyMatch


@about_company(Intent.YESNO)
def company_yes_no(ctx: Context, match: CompanyMatch, ids: list[int]) -> Reply:
    return _yes(ctx, count(ctx, match, ids))


@about_industry(Intent.YESNO)
def industry_yes_no(ctx: Context) -> Reply:
    query = ctx.query
    asks_companies = query.filters.shutdown or query.measure is Measure.COMPANIES
    return _yes(ctx, companies(ctx) if asks_companies else people(ctx))


def _yes(ctx: Context, reply: Reply) -> Reply:
    """The reply with "Yes" before it, unless the question names a figure the answer does not hold
    ("Did Amazon lay off 20,000 people?": the figures are stated, without a verdict)."""
    if not reply.answered or not reply.lines:
        return reply
    held = {float(v) for c in ctx.cite.items for v in (c.fact.count_min, c.fact.count_max) if v is not None}
    held |= {float(d.value) for d in ctx.derive.items}
    asked = [n for n in ctx.query.numbers if n >= 10]
    yes = True if not asked or any(n in held for n in asked) else None
    reply.lines[0] = verdict(ctx.lang, yes, reply.lines[0])
    return reply
