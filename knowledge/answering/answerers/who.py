"""Who leads or announced a company's cuts, and what they belong to (context facts)."""

from __future__ import annotations

from knowledge.answering.answer import Reply
from knowledge.answering.answerers.registry import about_company
from knowledge.answering.answerers.teams import teams
from knowledge.answering.context import Context
from knowledge.answering.intents import Intent
from knowledge.answering.lines import line
from knowledge.answering.retrieve import relevant
from knowledge.language import phrases as ph
from knowledge.language.companies import CompanyMatch
from knowledge.types import FactKind


@about_company(Intent.WHO)
def who(ctx: Context, match: CompanyMatch, ids: list[int]) -> Reply:
    """Context facts; "who was affected" questions without any fall back to the teams hit."""
    period = ctx.query.period
    facts = ctx.rank(relevant(ctx.snapshot.facts_about(ids), {FactKind.CONTEXT}, period, 0.9), period)
    if not facts:
        return teams(ctx, match, ids)
    lines = []
    for fact in facts[:2]:
        if ctx.lang == "en" and fact.summary:
            text = fact.summary
        else:
            text = ph.say(ctx.lang, "context", who=ctx.who(fact, match), when=ph.when(fact.period, ctx.lang),
                          text=fact.detail or fact.summary)
        lines.append(line(text, ctx.cite.refs(fact)))
    return Reply(True, lines, 1.0)
