"""Questions about the industry as a whole: how many people, how many companies, the biggest rounds.

A source's own industry-wide figure is preferred; otherwise the tracker rows
in the knowledge base are added up (each company's rounds without double
counting, see `knowledge.answering.retrieve.industry_total`), cited to the exports
they come from, with the span those exports cover.
"""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.answering import declines
from knowledge.answering.answer import Reply, Run
from knowledge.answering.answerers.registry import about_industry
from knowledge.answering.citations import Refs
from knowledge.answering.context import Context
from knowledge.answering.intents import Intent
from knowledge.answering.lines import fill, joined, line, of, sentence
from knowledge.answering.retrieve import (
    IndustryTotal,
    biggest,
    dataset_coverage,
    industry_facts,
    industry_total,
    period_fit,
)
from knowledge.answering.rounds import figure
from knowledge.answering.snapshot import FactView
from knowledge.language import phrases as ph
from knowledge.language.periods import Period
from knowledge.types import FactKind, SourceKind


@about_industry(Intent.REASON, Intent.TEAMS, Intent.SHARE, Intent.WHEN, Intent.WHO, Intent.HEADCOUNT)
def needs_company(ctx: Context) -> Reply:
    return declines.plain(ctx, ph.say(ctx.lang, "decline_needs_company"))


@about_industry(Intent.BIGGEST)
def biggest_rounds(ctx: Context) -> Reply:
    period = _period(ctx)
    top = biggest(ctx.snapshot, period) if period is not None else []
    if period is None or not top:
        return declines.industry(ctx)
    lang = ctx.lang
    first = top[0].main
    share = f" ({ph.qualified_percent(first.percent, first.percent_qualifier, lang)})" if first.percent else ""
    text = ph.say(lang, "biggest", when=ph.when(period, lang), who=first.company, what=figure(ctx, first),
                  share=share, day=ph.when(first.period, lang))
    lines = [line(text, ctx.cite.refs(first))]
    rest = [[Run(f"{r.main.company}, {figure(ctx, r.main)} {ph.when(r.main.period, lang)}", ctx.cite.refs(r.main))]
            for r in top[1:]]
    if rest:
        lines.append(of(sentence(fill(lang, "biggest_next", "items", joined(rest, "; ")))))
    return Reply(True, lines, 1.0)


@about_industry(Intent.COMPANIES)
def companies(ctx: Context) -> Reply:
    return _industry(ctx, FactKind.COMPANIES, "companies_stated", "companies_sum")


@about_industry(Intent.COUNT, Intent.TOTAL, Intent.TIMELINE)
def people(ctx: Context) -> Reply:
    return _industry(ctx, FactKind.LAYOFF, "industry_stated", "industry_sum")


def _period(ctx: Context) -> Period | None:
    """The period asked, else everything the knowledge base holds."""
    if ctx.query.period is not None:
        return ctx.query.period
    dates = ctx.snapshot._dates
    return Period(dates[0], dates[-1], "range") if dates else None


def _industry(ctx: Context, kind: str, stated_key: str, sum_key: str) -> Reply:
    """An industry-wide figure: a source's own (preferred), else what the trackers add up to.

    A running total ("so far this year", as of a source's date) answers a "so far"
    question; for a whole period the trackers' sum comes first and the running
    total follows, labelled with its date.
    """
    lang = ctx.lang
    period = _period(ctx)
    stated = ctx.rank([f for f in industry_facts(ctx.snapshot, kind) if period_fit(period, f) >= 0.9], period)
    total = industry_total(ctx.snapshot, period) if period is not None else None
    so_far = ctx.query.period is None or ctx.query.period.grain in {"to_date", "since"}
    if total is not None and (not stated or (stated[0].period and stated[0].period.grain == "to_date"
                                               and not so_far)):
        lines = [of(_tracker_runs(ctx, total, sum_key, period))]
        if stated:
            fact = stated[0]
            text = ph.say(lang, "running_total_too", publisher=_publisher(fact), what=_stated_figure(ctx, fact, kind),
                          when=ph.when(fact.period, lang))
            lines.append(line(text, ctx.cite.refs(fact)))
        return Reply(True, lines, 0.9)
    if stated:
        fact = stated[0]
        text = ph.say(lang, stated_key, what=ph.qualified(fact.count_min, fact.count_max, fact.qualifier, lang),
                      when=ph.when(fact.period, lang), publisher=_publisher(fact))
        return Reply(True, [line(text, ctx.cite.refs(fact))], 1.0)
    return declines.industry(ctx)


def _stated_figure(ctx: Context, fact: FactView, kind: str) -> str:
    qualified = ph.qualified(fact.count_min, fact.count_max, fact.qualifier, ctx.lang)
    return ph.people(qualified, ctx.lang, "companies" if kind == FactKind.COMPANIES else "people")


def _tracker_runs(ctx: Context, total: IndustryTotal, key: str, period: Period | None) -> list[Run]:
    lang = ctx.lang
    when = ph.when(period, lang)
    companies = ph.say_n(lang, "n_companies", total.companies)
    if key == "companies_sum":
        text = ph.say(lang, key, what=companies, when=when)
    else:
        text = ph.say(lang, key, what=ph.qualified(total.low, total.low, total.qualifier, lang), when=when,
                      rounds=ph.say_n(lang, "layoff_rounds", total.rounds), companies=companies)
        if total.unsized:
            text += ph.say_n(lang, "industry_unsized", total.unsized)
    runs = [Run(ph.sentence(text), _cite_datasets(ctx, total.facts))]
    coverage = [ph.say(lang, "coverage", publisher=source.publisher or source.title or "",
                       first=ph.month_name(first.year, first.month, lang),
                       last=ph.month_name(last.year, last.month, lang))
                for source, (first, last) in dataset_coverage(ctx.snapshot, total.facts)]
    if coverage:
        runs.append(Run(" " + " ".join(coverage)))
    return runs


def _cite_datasets(ctx: Context, facts: Sequence[FactView]) -> Refs:
    """Cite the tracker exports behind a total (not each of its thousands of rows)."""
    numbers: dict[int, int] = {}
    for fact in facts:
        for cited in fact.citations:
            if cited.source.kind == SourceKind.DATASET and cited.source.id not in numbers:
                numbers[cited.source.id] = ctx.cite.source(fact, cited.source)[0]
    if numbers:
        return tuple(numbers.values())
    return ctx.cite.refs(*sorted(facts, key=lambda f: f.size, reverse=True)[:3])


def _publisher(fact: FactView) -> str:
    source = fact.citations[0].source if fact.citations else None
    return (source.publisher or source.title or source.url or "") if source else ""
