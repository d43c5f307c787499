"""Saying no well: what the knowledge base does not hold, and what it does know instead.

A decline never states a figure; it names what is missing (a company, a
period, a kind of fact) and suggests questions the knowledge base can
answer, taken from the companies it knows best.
"""

from __future__ import annotations

import bisect
from datetime import date

from knowledge.answering.answer import Reply, Run
from knowledge.answering.context import Context
from knowledge.answering.lines import of
from knowledge.answering.retrieve import layoff_facts
from knowledge.answering.scope import tag_index
from knowledge.answering.snapshot import Snapshot
from knowledge.language import phrases as ph
from knowledge.language.companies import CompanyMatch
from knowledge.language.dimensions import Filters
from knowledge.types import FactKind


def plain(ctx: Context, text: str, suggestions: list[str] | None = None) -> Reply:
    return Reply(False, [of([Run(text)])], suggestions=suggestions if suggestions is not None else examples(ctx))


def company(ctx: Context, match: CompanyMatch, ids: list[int], what: str | None = None) -> Reply:
    """Nothing on this company for what was asked: say what is known about it instead."""
    lang = ctx.lang
    name = ctx.snapshot.company_name(match.company_id) or match.written
    facts = layoff_facts(ctx.snapshot, ids)
    period = ctx.query.period
    when = f" {ph.when(period, lang)}" if period else ""
    if ctx.query.filters == Filters(shutdown=True) and ctx.snapshot.facts_about(ids):
        lines = [ph.say(lang, "decline_no_shutdown", who=name, when=when)]
        years = sorted({y for f in facts for y in f.years})
        if years:
            lines.append(ph.say(lang, "known_years", who=name, years=ph.year_span(years, lang)))
        return plain(ctx, " ".join(lines))
    if ctx.query.filters:  # "Google's layoffs in India in 2023"
        from knowledge.language.dimensions import describe

        scope = describe(tag_index(ctx.snapshot).terms, ctx.query.filters, lang)
        when = f" {scope}{when}"
        period_words = f"{scope} {ph.when(period, lang)}" if period else scope
    else:
        period_words = ph.when(period, lang) if period else ""
    if not ctx.snapshot.facts_about(ids):
        lines = [ph.say(lang, "decline_no_facts", who=name), known_companies(ctx)]
    elif what:
        lines = [ph.say(lang, "decline_kind", what=ph.say(lang, what), who=name, when=when)]
    else:
        lines = [ph.say(lang, "decline_period", who=name, when=period_words).replace(" .", ".")]
    years = sorted({y for f in facts for y in f.years})
    suggestions = []
    if years:
        lines.append(ph.say(lang, "known_years", who=name, years=ph.year_span(years, lang)))
        suggestions.append(ph.say(lang, "example_count", who=name, year=years[-1]))
        suggestions.append(ph.say(lang, "example_open", who=name))
    return plain(ctx, " ".join(line for line in lines if line), suggestions or examples(ctx))


def unknown_company(ctx: Context, name: str) -> Reply:
    lang = ctx.lang
    lines = [ph.say(lang, "decline_unknown_company", name=name)]
    similar = [display for cid, display in ctx.snapshot.matcher.suggest(name) if ctx.snapshot.by_company.get(cid)]
    suggestions = []
    if similar:
        lines.append(ph.say(lang, "did_you_mean", names=ph.join(similar, lang)))
        suggestions += [ph.say(lang, "example_open", who=s) for s in similar]
    else:
        lines.append(known_companies(ctx))
    return plain(ctx, " ".join(line for line in lines if line), suggestions + examples(ctx))


def scope(ctx: Context) -> Reply:
    """No tracker round passes the question's filters in its period: say so, and the years there are some."""
    from knowledge.answering.scope import select
    from knowledge.language.dimensions import describe

    lang = ctx.lang
    terms = tag_index(ctx.snapshot).terms
    words = describe(terms, ctx.query.filters, lang)
    when = ph.when(ctx.query.period, lang) if ctx.query.period else ""
    lines = [ph.say(lang, "decline_scope", scope=words, when=when).replace(" .", ".")]
    anywhen = select(ctx.snapshot, ctx.query.filters, None)
    years = sorted({f.when.year for f in anywhen.rows})
    if years and ctx.query.period is not None:
        lines.append(ph.say(lang, "known_scope_years", scope=words, years=ph.year_span(years, lang)))
    return plain(ctx, " ".join(lines))


def misunderstood(ctx: Context) -> Reply | None:
    """A decline for what the question asks that no layoff fact can answer, or None when it can be answered.

    In order: a year no calendar of the data holds ("in 1066"), the future, a
    subject no layoff fact covers (revenue, hiring, who runs a company), and,
    in a question that does not talk about layoffs, words nothing understood.
    """
    query, lang = ctx.query, ctx.lang
    first, last = _span(ctx.snapshot)
    if query.impossible_years:
        return plain(ctx, ph.say(lang, "decline_impossible_year", year=query.impossible_years[0],
                                 first=first.year if first else "?", last=last.year if last else "?"))
    period = query.period
    # A period after today is the future, unless the knowledge base holds facts there (a pinned `today`).
    future = period is not None and period.start > query.today and (last is None or period.start > last)
    if future or (query.future and (period is None or period.end > query.today)):
        when = ph.month_name(last.year, last.month, lang) if last else ""
        return plain(ctx, ph.say(lang, "decline_future", last=when))
    if query.off_topic is not None:
        concept = query.off_topic.concept
        return plain(ctx, ph.say(lang, "decline_concept", what=concept.fr if lang == "fr" else concept.en))
    if query.unclear and not query.unknown_names:
        words = " ".join(word for word in query.unclear if word)
        return plain(ctx, ph.say(lang, "decline_unclear_words", words=words) if words else
                     ph.say(lang, "decline_off_topic"))
    return None


def _span(snapshot: Snapshot) -> tuple[date | None, date | None]:
    """The first and last dated layoff on record (the dates are sorted; undated ones sort first)."""
    dates = snapshot._dates
    first = bisect.bisect_right(dates, date.min)
    return (dates[first], dates[-1]) if first < len(dates) else (None, None)


def industry(ctx: Context) -> Reply:
    when = ph.when(ctx.query.period, ctx.lang) if ctx.query.period else ""
    return plain(ctx, ph.say(ctx.lang, "decline_industry", when=when).replace(" .", "."))


def known_companies(ctx: Context) -> str:
    """The companies the knowledge base knows most about, with their years."""
    known = []
    for _, cid in busiest(ctx.snapshot)[:3]:
        years = sorted({y for f in ctx.snapshot.by_company[cid] for y in f.years})
        name = ctx.snapshot.company_name(cid)
        known.append(f"{name} ({ph.year_span(years, ctx.lang)})" if years else str(name))
    return ph.say(ctx.lang, "known_companies", names=ph.join(known, ctx.lang)) if known else ""


def examples(ctx: Context) -> list[str]:
    """Questions the knowledge base can answer, from the companies it knows best."""
    found = []
    for _, cid in busiest(ctx.snapshot)[:2]:
        name = ctx.snapshot.company_name(cid)
        facts = [f for f in ctx.snapshot.by_company[cid] if f.kind == FactKind.LAYOFF and f.when != date.min]
        if name and facts:
            found.append(ph.say(ctx.lang, "example_count", who=name, year=facts[-1].when.year))
    return found


def busiest(snapshot: Snapshot) -> list[tuple[int, int]]:
    """(fact count, company id) of the companies with the most facts, most first; once per snapshot."""
    found = snapshot.memo.get("busiest")
    if found is None:
        found = snapshot.memo["busiest"] = sorted(
            ((len(v), cid) for cid, v in snapshot.by_company.items() if cid is not None), reverse=True)[:3]
    return found  # type: ignore[return-value]
