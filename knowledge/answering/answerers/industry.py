"""Questions across companies: how many people, how many companies, shutdowns, the biggest rounds, a share.

A question may narrow the rounds by industry, place, funding stage or
shutdown (`knowledge.answering.scope`); every answer says which rounds it
counted ("in healthcare", "across all industries").  A source's own
industry-wide figure answers a question with no filter; otherwise the tracker
rounds in the knowledge base are added up, each round once, cited to the
exports they come from, and every figure computed is declared with its terms
(`knowledge.answering.derived`).
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Sequence

from knowledge.answering import declines
from knowledge.answering.answer import Reply, Run
from knowledge.answering.answerers.registry import about_industry
from knowledge.answering.citations import Refs
from knowledge.answering.context import Context
from knowledge.answering.intents import Intent
from knowledge.answering.lines import fill, joined, line, of, sentence
from knowledge.answering.retrieve import industry_facts, period_fit, rounds_of
from knowledge.answering.rounds import figure
from knowledge.answering.scope import Selection, select, tag_index
from knowledge.answering.snapshot import FactView
from knowledge.language import phrases as ph
from knowledge.language.dimensions import Dimension, describe
from knowledge.language.periods import Period
from knowledge.types import FactKind, Qualifier, SourceView

_NAMED = 5  # companies named in a sentence ("Acme, Quill, … and 12 more")


@about_industry(Intent.REASON, Intent.TEAMS, Intent.WHEN, Intent.WHO, Intent.HEADCOUNT)
def needs_company(ctx: Context) -> Reply:
    return declines.plain(ctx, ph.say(ctx.lang, "decline_needs_company"))


@about_industry(Intent.SHARE)
def share_of_total(ctx: Context) -> Reply:
    """ "What share of 2023's layoffs were in India?": the selection's people over everyone's, same period."""
    if not ctx.query.filters:
        return needs_company(ctx)
    period = period_asked(ctx)
    part = select(ctx.snapshot, ctx.query.filters, period)
    whole = select(ctx.snapshot, type(ctx.query.filters)(), period)
    if part.empty or not whole.low:
        return declines.scope(ctx)
    lang = ctx.lang
    scope, when = scope_words(ctx), ph.when(period, lang)
    low = int(ctx.derive.add(part.low, "sum", part.sized, f"people laid off {scope} {when}, each round once"))
    total = int(ctx.derive.add(whole.low, "sum", whole.sized, f"people laid off {when}, each round once"))
    pct = ctx.derive.percent(low, total, [*part.sized, *whole.sized], f"share of the people laid off {when} {scope}")
    text = ph.say(lang, "share_of_total", pct=ph.percent(pct, lang), when=when, scope=scope,
                  part=ph.qualified(low, low, _qualifier(part), lang),
                  whole=ph.qualified(total, total, _qualifier(whole), lang))
    return Reply(True, [of([Run(ph.sentence(text), cite_datasets(ctx, [*part.rows[:1], *whole.rows[:1]]))])], 0.9)


@about_industry(Intent.BIGGEST)
def biggest_rounds(ctx: Context) -> Reply:
    """The largest rounds with a figure among those selected, largest first."""
    period = period_asked(ctx)
    chosen = select(ctx.snapshot, ctx.query.filters, period) if period is not None else None
    if chosen is None or not chosen.sized_rounds:
        return declines.scope(ctx) if ctx.query.filters else declines.industry(ctx)
    candidates = chosen.sized
    top = chosen.biggest[: max(min(ctx.query.top or 3, 10), 1)]
    lang = ctx.lang
    first = top[0]
    scope = scope_words(ctx) if ctx.query.filters else ""
    when = ph.when(period, lang) if not scope else f"{scope} {ph.when(period, lang)}"
    if len(candidates) > 1:
        ctx.derive.add(first.size, "max", candidates, f"the biggest round {when}")
    share = f" ({ph.qualified_percent(first.percent, first.percent_qualifier, lang)})" if first.percent else ""
    text = ph.say(lang, "biggest", when=when, who=first.company, what=figure(ctx, first), share=share,
                  day=ph.when(first.period, lang))
    lines = [line(text, ctx.cite.refs(first))]
    rest = [[Run(_named_round(ctx, f), ctx.cite.refs(f))] for f in top[1:]]
    if rest:
        lines.append(of(sentence(fill(lang, "biggest_next", "items", joined(rest, "; ")))))
    return Reply(True, lines, 1.0)


@about_industry(Intent.LATEST)
def latest_rounds(ctx: Context) -> Reply:
    """The most recent rounds on record, newest first: up to today (or the end of the period asked), within the
    filters.  Every layoff round counts, an article's as well as a tracker's (news ingested this morning is the
    latest), and the reports of one round are one round; a cumulative total ("27,000 across 2022-23") is none."""
    n = max(min(ctx.query.top or 3, 10), 1)
    period, dates, facts = ctx.query.period, ctx.snapshot._dates, ctx.snapshot.layoffs_by_date
    end = min(period.end, ctx.query.today) if period is not None else ctx.query.today
    chosen: list[FactView] = []
    if ctx.query.filters:
        # an industry, place or stage is a tracker's tag: the index holds those rows in date order
        start = period.start if period is not None else (dates[0] if dates else end)
        rows = select(ctx.snapshot, ctx.query.filters, Period(start, end, "range")).rows if start <= end else []
        chosen = [fact for fact in rows[-4 * n:] if not fact.cumulative]
    else:
        low = bisect.bisect_left(dates, period.start) if period is not None else 0
        for at in range(bisect.bisect_right(dates, end) - 1, low - 1, -1):  # newest first
            if len(chosen) >= 4 * n and dates[at] < chosen[-1].when:  # enough, and the last day's reports all in
                break
            if not facts[at].cumulative:  # a total over months is no round
                chosen.append(facts[at])
    if not chosen:
        return declines.scope(ctx) if ctx.query.filters else declines.industry(ctx)
    rounds = sorted(rounds_of(chosen), key=lambda r: (r.main.when, r.main.id), reverse=True)[:n]
    lang = ctx.lang
    scope = scope_words(ctx) if ctx.query.filters else ""
    when = " ".join(part for part in (scope, ph.when(period, lang) if period is not None else "") if part)
    text = ph.say(lang, "latest", when=when, round=_named_round(ctx, rounds[0].main)).replace("  ", " ")
    lines = [line(text, ctx.cite.refs(*rounds[0].facts))]
    before = [[Run(_named_round(ctx, r.main), ctx.cite.refs(*r.facts))] for r in rounds[1:]]
    if before:
        lines.append(of(sentence(fill(lang, "latest_before", "items", joined(before, "; ")))))
    return Reply(True, lines, 1.0)


def _named_round(ctx: Context, fact: FactView) -> str:
    """ "PayPal, 4,760 people on 5 May 2026": a round in a list of rounds of several companies."""
    return f"{fact.company}, {figure(ctx, fact)} {ph.when(fact.period, ctx.lang)}"


@about_industry(Intent.COMPANIES)
def companies(ctx: Context) -> Reply:
    if ctx.query.filters.shutdown:
        return shutdowns(ctx)
    return _industry(ctx, FactKind.COMPANIES, "companies_stated")


@about_industry(Intent.COUNT, Intent.TOTAL, Intent.TIMELINE)
def people(ctx: Context) -> Reply:
    return _industry(ctx, FactKind.LAYOFF, "industry_stated")


def period_asked(ctx: Context) -> Period | None:
    """The period asked, else everything the knowledge base holds."""
    if ctx.query.period is not None:
        return ctx.query.period
    dates = ctx.snapshot._dates
    return Period(dates[0], dates[-1], "range") if dates else None


def scope_words(ctx: Context, shutdown: bool = True) -> str:
    return describe(tag_index(ctx.snapshot).terms, ctx.query.filters, ctx.lang, shutdown)


def _industry(ctx: Context, kind: str, stated_key: str) -> Reply:
    """An industry-wide figure: a source's own (preferred when nothing narrows the question), else what the
    trackers add up to.

    A running total ("so far this year", as of a source's date) answers a "so far"
    question; for a whole period the trackers' sum comes first and the running
    total follows, labelled with its date.
    """
    lang = ctx.lang
    period = period_asked(ctx)
    stated = [] if ctx.query.filters else ctx.rank(
        [f for f in industry_facts(ctx.snapshot, kind) if period_fit(period, f) >= 0.9], period)
    chosen = select(ctx.snapshot, ctx.query.filters, period) if period is not None else None
    total = chosen if chosen is not None and not chosen.empty else None
    so_far = ctx.query.period is None or ctx.query.period.grain in {"to_date", "since"}
    if total is not None and (not stated or (stated[0].period and stated[0].period.grain == "to_date"
                                             and not so_far)):
        lines = [of(tracker_runs(ctx, total, kind, period))]
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
    return declines.scope(ctx) if ctx.query.filters else declines.industry(ctx)


def shutdowns(ctx: Context) -> Reply:
    """Companies whose round laid off the whole staff, named, with the people they laid off."""
    lang = ctx.lang
    period = period_asked(ctx)
    chosen = select(ctx.snapshot, ctx.query.filters, period) if period is not None else None
    if chosen is None or chosen.empty:
        return declines.scope(ctx)
    scope, when = scope_words(ctx, shutdown=False), ph.when(period, lang)
    if not any(not item.exclude for item in ctx.query.filters.items):
        scope = ""  # "105 shutdowns in 2023", not "across all industries"
    rows = chosen.rows
    n = int(ctx.derive.add(chosen.companies, "count_companies", rows, f"companies that shut down {scope} {when}"))
    text = ph.say(lang, "shutdowns_sum", what=ph.say_n(lang, "n_shutdowns", n), scope=scope, when=when)
    text = " ".join(text.split())
    if chosen.sized_rounds:
        low = int(ctx.derive.add(chosen.low, "sum", chosen.sized,
                                 f"people laid off by companies that shut down {scope} {when}"))
        text += ph.say(lang, "shutdown_people", what=ph.qualified(low, low, _qualifier(chosen), lang))
    runs = [Run(ph.sentence(text.replace(" ,", ",")), cite_datasets(ctx, chosen))]
    runs += named_companies(ctx, chosen)
    return Reply(True, [of(runs)], 0.9)


def named_companies(ctx: Context, chosen: Selection) -> list[Run]:
    """ " Acme (150 people) [1], Quill [2] and 3 more." — the largest first, each cited."""
    by_company: dict[int | None, list[FactView]] = {}
    for fact in chosen.round_facts:
        by_company.setdefault(fact.company_id, []).append(fact)
    ordered = sorted(by_company.values(), key=lambda fs: (-sum(f.size for f in fs if f.has_count), fs[0].when))
    items = []
    for facts in ordered[:_NAMED]:
        name = facts[0].company or "?"
        sized = [f for f in facts if f.has_count]
        if len(sized) == 1:
            shown = f"{name} ({figure(ctx, sized[0])})"
        elif sized:
            low = ctx.derive.sum(sized, f"{name}: people laid off")
            shown = f"{name} ({ph.people(ph.number(low, ctx.lang), ctx.lang)})"
        else:
            shown = name
        items.append([Run(shown, ctx.cite.refs(*facts))])
    if len(ordered) > _NAMED:
        rest = [f for fs in ordered[_NAMED:] for f in fs]
        more = ctx.derive.companies(rest, "companies not named one by one")
        items.append([Run(ph.say_n(ctx.lang, "and_more", more), cite_datasets(ctx, rest))])
    return [Run(" "), *sentence(joined(items, ", "))]


def _stated_figure(ctx: Context, fact: FactView, kind: str) -> str:
    qualified = ph.qualified(fact.count_min, fact.count_max, fact.qualifier, ctx.lang)
    return ph.people(qualified, ctx.lang, "companies" if kind == FactKind.COMPANIES else "people")


def _qualifier(chosen: Selection) -> str:
    return Qualifier.AT_LEAST if chosen.unsized_rounds else Qualifier.EXACT


def tracker_runs(ctx: Context, total: Selection, kind: str, period: Period | None) -> list[Run]:
    """ "The trackers in my knowledge base record at least N people laid off in healthcare in 2024, in R rounds
    at C companies; K more rounds gave no figure." with every figure declared, and the exports cited."""
    lang = ctx.lang
    when = ph.when(period, lang)
    scope = scope_words(ctx)
    n_companies = int(ctx.derive.add(total.companies, "count_companies", total.rows,
                                     f"companies with layoffs {scope} {when}"))
    companies = ph.say_n(lang, "n_companies", n_companies)
    if kind == FactKind.COMPANIES:
        rounds = int(ctx.derive.add(total.rounds, "count", total.round_facts, f"layoff rounds {scope} {when}"))
        stage = ctx.query.filters.on(Dimension.STAGE)
        if stage is not None and not stage.exclude and len(stage.keys) == 1:  # "at 297 publicly listed companies"
            adjective = tag_index(ctx.snapshot).terms.value(Dimension.STAGE, next(iter(stage.keys))).name(lang)
            companies = ph.say_n(lang, "n_adjective_companies", n_companies, adjective=adjective)
            filters = ctx.query.filters.without(Dimension.STAGE)
            scope = describe(tag_index(ctx.snapshot).terms, filters, lang) if filters else ""
        text = ph.say(lang, "companies_sum", what=companies, when=" ".join(p for p in (scope, when) if p))
        text += ph.say(lang, "companies_rounds", rounds=ph.say_n(lang, "layoff_rounds", rounds))
    elif not total.sized_rounds:
        rounds = int(ctx.derive.add(total.unsized_rounds, "count", total.unsized,
                                    f"layoff rounds without a figure {scope} {when}"))
        text = ph.say(lang, "industry_no_figure", rounds=ph.say_n(lang, "layoff_rounds", rounds), scope=scope,
                      when=when, companies=companies)
    else:
        low = int(ctx.derive.add(total.low, "sum", total.sized, f"people laid off {scope} {when}, each round once"))
        rounds = int(ctx.derive.add(total.rounds, "count", total.round_facts, f"layoff rounds {scope} {when}"))
        text = ph.say(lang, "industry_sum", what=ph.qualified(low, low, _qualifier(total), lang), when=when,
                      scope=scope, rounds=ph.say_n(lang, "layoff_rounds", rounds), companies=companies)
        if total.unsized_rounds:
            unsized = int(ctx.derive.add(total.unsized_rounds, "count", total.unsized,
                                         f"layoff rounds without a figure {scope} {when}"))
            text += ph.say_n(lang, "industry_unsized", unsized)
        if total.rows_sum != total.low:
            rows = int(ctx.derive.add(total.rows_sum, "sum", total.sized_rows,
                                      f"people laid off {scope} {when}, every row of the tracker"))
            text += ph.say(lang, "rows_differ", rows=ph.number(rows, lang))
    runs = [Run(ph.sentence(text), cite_datasets(ctx, total))]
    coverage = _coverage(ctx, total, period)
    if coverage:
        runs.append(Run(" " + " ".join(coverage)))
    return runs


def _coverage(ctx: Context, total: Selection, period: Period | None) -> list[str]:
    """The span each export covers, when the question's period is not inside it: its first and last rows,
    cited through the export, so the dates are theirs."""
    lang = ctx.lang
    said = []
    for source, first, last in export_spans(ctx, total.rows):
        if ctx.query.period is not None and first.when <= ctx.query.period.start \
                and ctx.query.period.end <= last.when:
            continue
        ctx.cite.source(first, source)
        ctx.cite.source(last, source)
        said.append(ph.say(lang, "coverage", publisher=source.publisher or source.title or "",
                           first=ph.month_name(first.when.year, first.when.month, lang),
                           last=ph.month_name(last.when.year, last.when.month, lang)))
    return said


def export_spans(ctx: Context, facts: Sequence[FactView]) -> list[tuple[SourceView, FactView, FactView]]:
    """For each export behind `facts` (read off their first and last rows): (export, its first row, its last)."""
    index = tag_index(ctx.snapshot)
    used = {source.id for f in (*facts[:1], *facts[-1:]) for source in index.exports.get(f.id, ())}
    return [span for sid, span in index.export_spans.items() if sid in used]


def cite_datasets(ctx: Context, chosen: Sequence[FactView] | Selection) -> Refs:
    """Cite the tracker exports behind a total (not each of its thousands of rows), each through the first
    of the rows that comes from it; rows from no export are cited by their largest three."""
    facts = chosen.rows if isinstance(chosen, Selection) else chosen
    index = tag_index(ctx.snapshot)
    numbers: dict[int, int] = {}
    if index.export_spans:
        for fact in facts:
            for source in index.exports.get(fact.id, ()):
                if source.id not in numbers:
                    numbers[source.id] = ctx.cite.source(fact, source)[0]
            if len(numbers) == len(index.export_spans):
                break
    if numbers:
        return tuple(numbers.values())
    if isinstance(chosen, Selection):
        return ctx.cite.refs(*chosen.largest)
    return ctx.cite.refs(*heapq.nlargest(3, facts, key=lambda f: f.size))


def _publisher(fact: FactView) -> str:
    source = fact.citations[0].source if fact.citations else None
    return (source.publisher or source.title or source.url or "") if source else ""
