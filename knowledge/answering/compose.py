"""Query + snapshot -> Answer: the answerer the intent calls for, then citations, notes and references.

Composition picks the answerer registered for what understanding decided
(a company's question or the industry's, and the intent); answerers pick
facts through `knowledge.answering.retrieve` and word them through
`knowledge.language.phrases`, and every figure they write carries the references of
the facts it came from.  A figure no fact holds is never written; when the
knowledge does not answer, the reply declines and says what is known.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from knowledge.answering import declines
from knowledge.answering.answer import Answer, Reference, Reply, Run
from knowledge.answering.answerers import COMPANY, INDUSTRY
from knowledge.answering.answerers.compare import compare
from knowledge.answering.answerers.count import count
from knowledge.answering.answerers.mentions import mentioned
from knowledge.answering.answerers.timeline import timeline
from knowledge.answering.context import Context
from knowledge.answering.intents import Intent
from knowledge.answering.lines import of
from knowledge.answering.notes import notes
from knowledge.answering.query import Query
from knowledge.answering.snapshot import Snapshot
from knowledge.answering.sources import label
from knowledge.language import phrases as ph
from knowledge.language.companies import CompanyMatch
from knowledge.language.periods import years
from knowledge.settings import AnswerSettings

_MOST_COMPANIES = 3  # "Meta, Google and Amazon in 2023" answers each; more would not be read


def compose(query: Query, snapshot: Snapshot, settings: AnswerSettings) -> Answer:
    ctx = Context(query, snapshot, settings)
    reply = declines.misunderstood(ctx) or _answer(ctx)
    if reply.answered and reply.confidence < settings.min_confidence:
        reply = Reply(False, [of([Run(ph.say(ctx.lang, "decline_unclear"))])], reply.confidence,
                      reply.suggestions or declines.examples(ctx))
    return _finish(ctx, reply)


def _answer(ctx: Context) -> Reply:
    query = ctx.query
    if query.intent is Intent.COMPARE and query.sides:
        return compare(ctx)
    if query.companies:
        return _about_companies(ctx)
    if query.teams or query.unknown_names:
        found = mentioned(ctx)
        if found is not None:
            return found
    if not query.on_topic:
        return declines.plain(ctx, ph.say(ctx.lang, "decline_off_topic"))
    if query.unknown_names:
        return declines.unknown_company(ctx, query.unknown_names[0])
    return INDUSTRY.get(query.intent, INDUSTRY[Intent.COUNT])(ctx)


def company_timeline(snapshot: Snapshot, settings: AnswerSettings, company_id: int, language: str, today: date,
                     year: int | None = None) -> Answer:
    """All of a company's layoff rounds (optionally one year's), for paginated listings."""
    name = snapshot.company_name(company_id) or "?"
    match = CompanyMatch(company_id, name, 1.0, "name", 0, 1)
    query = Query(question=f"{name} {year or ''}".strip(), folded="", language=language, intent=Intent.TIMELINE,
                  companies=(match,), period=years(year, year) if year else None, industry=False, on_topic=True,
                  unknown_names=(), numbers=(), today=today, first=False)
    ctx = Context(query, snapshot, replace(settings, max_citations=10_000))
    return _finish(ctx, timeline(ctx, match, snapshot.family(company_id)))


def _about_companies(ctx: Context) -> Reply:
    seen: dict[int, CompanyMatch] = {}
    for match in ctx.query.companies:
        seen.setdefault(match.company_id, match)
    replies = [_about_company(ctx, match) for match in list(seen.values())[:_MOST_COMPANIES]]
    answered = [r for r in replies if r.answered]
    lines = [line for r in replies for line in r.lines]
    suggestions = [s for r in replies for s in r.suggestions]
    if not answered:
        return Reply(False, lines, suggestions=suggestions)
    return Reply(True, lines, min(r.confidence for r in answered), suggestions)


def _about_company(ctx: Context, match: CompanyMatch) -> Reply:
    ids = ctx.snapshot.family(match.company_id)
    reply = COMPANY.get(ctx.query.intent, count)(ctx, match, ids)
    reply.confidence *= match.score
    if match.via == "typo":
        reply.suggestions.insert(0, ph.say(ctx.lang, "did_you_mean", names=ctx.snapshot.company_name(
            match.company_id)))
    return reply


def _finish(ctx: Context, reply: Reply) -> Answer:
    citations = tuple(ctx.cite.items) if reply.answered else ()
    derived = tuple(ctx.derive.items) if reply.answered else ()
    numbered = {c.number: c for c in citations}
    return Answer(
        question=ctx.query.question,
        language=ctx.lang,
        answered=reply.answered,
        lines=tuple(reply.lines),
        citations=citations,
        references=tuple(Reference(n, c.source, label(c.source, ctx.lang)) for n, c in numbered.items()),
        notes=notes(citations, ctx.lang),
        suggestions=tuple(dict.fromkeys(reply.suggestions)),
        confidence=reply.confidence,
        intent=ctx.query.intent.value,
        derived=derived,
        asked=ctx.query.asked,
    )
