"""Which teams, divisions or units a company's layoffs hit."""

from __future__ import annotations

from knowledge.answering import declines
from knowledge.answering.answer import Reply
from knowledge.answering.answerers.registry import about_company
from knowledge.answering.context import Context
from knowledge.answering.intents import Intent
from knowledge.answering.lines import line
from knowledge.answering.retrieve import layoff_facts, relevant
from knowledge.language import phrases as ph
from knowledge.language.companies import CompanyMatch
from knowledge.language.vocabulary import TEAMS_BY_KEY
from knowledge.types import FactKind


@about_company(Intent.TEAMS)
def teams(ctx: Context, match: CompanyMatch, ids: list[int]) -> Reply:
    """Facts naming the teams; failing those, rounds whose detail says where the cuts fell."""
    period = ctx.query.period
    facts = ctx.rank(relevant(ctx.snapshot.facts_about(ids), {FactKind.TEAMS}, period, 0.9), period)
    if not facts:
        detailed = [f for f in relevant(layoff_facts(ctx.snapshot, ids), {FactKind.LAYOFF}, period, 0.9) if f.detail]
        if not detailed:
            return declines.company(ctx, match, ids, what="kind_teams")
        facts = ctx.rank(detailed, period)
    lines = []
    for fact in facts[:2]:
        names = [team_name(ctx, key) for key in fact.labels] or ([fact.detail] if fact.detail else [])
        text = ph.say(ctx.lang, "teams", when=ph.when(fact.period, ctx.lang), who=ctx.who(fact, match),
                      items=ph.join(names, ctx.lang))
        lines.append(line(text, ctx.cite.refs(fact)))
    return Reply(True, lines, 1.0)


def team_name(ctx: Context, key: str) -> str:
    team = TEAMS_BY_KEY.get(key)
    if team is None:
        return key
    return team.fr if ctx.lang == "fr" else team.en
