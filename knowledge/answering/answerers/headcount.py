"""How many people a company (or one of its organisations) employs."""

from __future__ import annotations

from datetime import date

from knowledge.answering import declines
from knowledge.answering.answer import Reply
from knowledge.answering.answerers.registry import about_company
from knowledge.answering.context import Context
from knowledge.answering.intents import Intent
from knowledge.answering.lines import line
from knowledge.answering.retrieve import relevant
from knowledge.language import phrases as ph
from knowledge.language.companies import CompanyMatch
from knowledge.types import FactKind


@about_company(Intent.HEADCOUNT)
def headcount(ctx: Context, match: CompanyMatch, ids: list[int]) -> Reply:
    period = ctx.query.period
    facts = ctx.rank(relevant(ctx.snapshot.facts_about(ids), {FactKind.HEADCOUNT}, period, 0.3), period)
    if not facts:
        return declines.company(ctx, match, ids, what="kind_headcount")
    fact = facts[0]
    lang = ctx.lang
    scope = ph.say(lang, "headcount_scope", scope=fact.detail) if fact.detail else ""
    as_of = ph.say(lang, "as_of", day=ph.day(fact.when, lang)) if fact.when != date.min else ""
    what = ph.people(ph.qualified(fact.count_min, fact.count_max, fact.qualifier, lang), lang)
    text = ph.say(lang, "headcount", who=ctx.who(fact, match), what=what, scope=scope, when=as_of)
    return Reply(True, [line(text, ctx.cite.refs(fact))], 1.0)
