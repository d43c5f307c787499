"""Why a company cut jobs, as it (or the source) says."""

from __future__ import annotations

from knowledge.answering import declines
from knowledge.answering.answer import Reply
from knowledge.answering.answerers.registry import about_company
from knowledge.answering.context import Context
from knowledge.answering.intents import Intent
from knowledge.answering.lines import line
from knowledge.answering.retrieve import relevant
from knowledge.answering.rounds import reason_clause
from knowledge.language import phrases as ph
from knowledge.language.companies import CompanyMatch
from knowledge.types import FactKind


@about_company(Intent.REASON)
def reason(ctx: Context, match: CompanyMatch, ids: list[int]) -> Reply:
    period = ctx.query.period
    facts = ctx.rank(relevant(ctx.snapshot.facts_about(ids), {FactKind.REASON}, period, 0.9), period)
    if not facts:
        return declines.company(ctx, match, ids, what="kind_reason")
    lines = []
    for fact in facts[:2]:
        who, when = ctx.who(fact, match), ph.when(fact.period, ctx.lang)
        if fact.labels:
            clause = ph.join([reason_clause(ctx, key, "because") for key in fact.labels], ctx.lang)
            text = ph.say(ctx.lang, "reason", who=who, when=when, clause=clause)
            if fact.detail:  # the vocabulary's words, then the source's own
                words = " ".join(fact.detail.replace('"', " ").replace("«", " ").replace("»", " ").split())
                text += ph.say(ctx.lang, "in_their_words", text=words)
        else:
            text = ph.say(ctx.lang, "reason_free", who=who, when=when, text=fact.detail or fact.summary)
        lines.append(line(text, ctx.cite.refs(fact)))
    return Reply(True, lines, 1.0)
