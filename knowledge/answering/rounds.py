"""Saying layoff rounds: one round, a disputed round, a stated total, a sum of rounds, a timeline.

Several kinds of question state rounds (how many, when, what share, the
biggest, an open request), so their wording lives here once.  Every figure
is written beside the references of the facts that give it; a disputed
round shows each source's figure with that source's number.
"""

from __future__ import annotations

from collections.abc import Callable

from knowledge.answering.answer import Line, Reply, Run
from knowledge.answering.context import Context
from knowledge.answering.lines import fill, joined, line, of, sentence
from knowledge.answering.retrieve import Round, Total, covers, rounds_of, total_of
from knowledge.answering.snapshot import FactView
from knowledge.language import phrases as ph
from knowledge.language.companies import CompanyMatch
from knowledge.language.periods import Period
from knowledge.language.vocabulary import REASONS_BY_KEY
from knowledge.types import FactKind


def figure(ctx: Context, fact: FactView) -> str:
    """ "more than 27,000 people", or "a round of undisclosed size"."""
    if not fact.has_count:
        return ph.say(ctx.lang, "unknown_size")
    return ph.people(ph.qualified(fact.count_min, fact.count_max, fact.qualifier, ctx.lang), ctx.lang)


def round_line(ctx: Context, round_: Round, match: CompanyMatch | None) -> Line:
    fact = round_.main
    who = ctx.who(fact, match)
    when = ph.when(fact.period, ctx.lang)
    if round_.disputed:
        items = [[Run(figure(ctx, f), ctx.cite.refs(f))] for f in round_.facts]
        return of(sentence(fill(ctx.lang, "dispute", "items", joined(items, "; "), who=who, when=when)))
    return line(round_text(ctx, fact, who, when), ctx.cite.refs(*round_.facts))


def round_text(ctx: Context, fact: FactView, who: str, when: str) -> str:
    share = ph.qualified_percent(fact.percent, fact.percent_qualifier, ctx.lang) if fact.percent else None
    if fact.has_count:
        key = "laid_off_share" if share else "laid_off"
        return ph.say(ctx.lang, key, who=who, what=figure(ctx, fact), share=share, when=when)
    if share:
        return ph.say(ctx.lang, "cut_share", who=who, share=share, when=when)
    return ph.say(ctx.lang, "round_on", who=who, when=when)


def stated_line(ctx: Context, fact: FactView, match: CompanyMatch | None) -> Line:
    """A figure a source gives for a whole period, with the reason stated for it if there is one."""
    what = ph.people(ph.qualified(fact.count_min, fact.count_max, fact.qualifier, ctx.lang), ctx.lang)
    text = ph.say(ctx.lang, "stated_total", who=ctx.who(fact, match), what=what, when=ph.when(fact.period, ctx.lang))
    reason = reason_for(ctx, fact)
    refs = ctx.cite.refs(fact)
    if reason is not None:
        clause = ph.join([reason_clause(ctx, key, "after") for key in reason.labels], ctx.lang)
        if clause:
            text += f", {clause}"
        refs = ctx.cite.refs(fact, reason)
    return line(text, refs)


def reason_for(ctx: Context, fact: FactView) -> FactView | None:
    """A reason stated for the same company and period as a figure."""
    if fact.company_id is None or fact.period is None:
        return None
    for other in ctx.snapshot.by_company.get(fact.company_id, ()):
        if other.kind == FactKind.REASON and other.labels and other.period == fact.period:
            return other
    return None


def reason_clause(ctx: Context, key: str, form: str) -> str:
    """ "because it wanted to cut costs" / "to cut costs" (form "after"), in either language."""
    reason = REASONS_BY_KEY.get(key)
    if reason is None:
        return ""
    if ctx.lang == "fr":
        if form == "after":
            return reason.fr_after
        clause = reason.fr_because
        return f"parce qu'{clause}" if clause[:1] in "aeéiouy" else f"parce que {clause}"
    return reason.en_after if form == "after" else f"because {reason.en_because}"


def rounds_reply(ctx: Context, rounds: list[Round], match: CompanyMatch, period: Period) -> Reply:
    """Rounds inside a period: one round stated, or their total with the rounds listed."""
    total = total_of(rounds) if len(rounds) > 1 else None
    only = rounds[0] if total is None else total.rounds[0] if len(total.rounds) == 1 else None
    if only is not None and running(only.main):
        covered = [r for r in rounds if r is not only and covers(only.main, r.main)]
        return Reply(True, [running_total_line(ctx, only, covered, match)], 1.0)
    if only is not None:
        return Reply(True, [round_line(ctx, only, match)], 1.0)
    assert total is not None
    return Reply(True, [total_line(ctx, total, match, period)], 1.0)


def running(fact: FactView) -> bool:
    """A running total counted up to a day, its start unsaid ("18,000 in all, including the 10,000 of November")."""
    return fact.cumulative and (fact.period is None or fact.period.start == fact.period.end)


def running_total_line(ctx: Context, total: Round, covered: list[Round], match: CompanyMatch | None) -> Line:
    """A source's running total, saying it is one and which of the rounds on record it already counts."""
    fact = total.main
    day = ph.day(fact.period.end if fact.period is not None else fact.when, ctx.lang)
    head = [Run(ph.say(ctx.lang, "running_total", who=ctx.who(fact, match), what=figure(ctx, fact), day=day),
                ctx.cite.refs(*total.facts))]
    if not covered:
        return of(sentence(head))
    items = [round_item(ctx, r, match) for r in sorted(covered, key=lambda r: r.main.when)]
    return of(sentence(head + fill(ctx.lang, "running_total_includes", "items", joined(items, "; "))))


def total_line(ctx: Context, total: Total, match: CompanyMatch, period: Period) -> Line:
    lang = ctx.lang
    companies = {r.main.company_id for r in total.rounds}
    who = ctx.who(total.rounds[0].main, match) if len(companies) == 1 else ctx.name(match)
    when = ph.when(period, lang)
    sentences: list[list[Run]] = []
    if total.parts:
        # When sources disagree on a round, an exact total is the range their figures give, not one side's sum.
        lows = [min((f for f in r.facts if f.has_count), key=figure_of) for r in total.parts]
        highs = [max((f for f in r.facts if f.has_count), key=figure_of) for r in total.parts]
        low = ctx.derive.sum(lows, f"{who}: people laid off {when}, each round once")
        high = ctx.derive.sum(highs, f"{who}: people laid off {when}, the larger figure of each disputed round") \
            if total.high != total.low else low
        n = ctx.derive.count([r.main for r in total.parts], f"{who}: rounds with a figure {when}")
        what = ph.people(ph.qualified(low, high, total.qualifier, lang), lang)
        sentences.append(sentence([Run(ph.say_n(lang, "total_rounds", n, who=who, what=what, when=when))]))
    shown, rest = total.parts[: ctx.settings.max_citations], total.parts[ctx.settings.max_citations:]
    items = [round_item(ctx, r, match) for r in shown]
    if rest:  # the total adds these up too, so they are cited too
        more = ctx.derive.count([r.main for r in rest], f"{who}: rounds {when} not listed one by one")
        items.append([Run(ph.say_n(lang, "rounds_more", more), ctx.cite.counted(*[f for r in rest for f in r.facts]))])
    if items:
        sentences.append(sentence(fill(lang, "rounds_list", "items", joined(items, "; "))))
    extras = [round_item(ctx, r, match) for r in total.vague]
    if extras:
        key = "plus_vague" if total.parts else "vague_only"
        sentences.append(sentence(fill(lang, key, "items", joined(extras, "; "), who=who, when=when)))
    if total.unsized:
        refs = ctx.cite.counted(*[r.main for r in total.unsized])
        n = ctx.derive.count([r.main for r in total.unsized], f"{who}: rounds without a figure {when}")
        key = "plus_unsized" if total.parts or total.vague else "unsized_only"
        sentences.append([Run(ph.sentence(ph.say_n(lang, key, n, who=who, when=when)), refs)])
    return of(joined(sentences, " "))


def figure_of(fact: FactView) -> int:
    """A fact's figure in a total: its lower bound, else its upper bound."""
    return fact.count_min if fact.count_min is not None else (fact.count_max or 0)


def round_item(ctx: Context, round_: Round, match: CompanyMatch | None) -> list[Run]:
    """A round inside a sentence listing several: "AWS, several hundred people on 3 March 2024 [2]"."""
    fact = round_.main
    prefix = f"{ctx.who(fact, match)}, " if match and fact.company_id != match.company_id else ""
    when = ph.when(fact.period, ctx.lang)
    if round_.disputed:
        return [Run(prefix), *alternatives(ctx, round_, lambda f: figure(ctx, f)), Run(f" {when}")]
    return [Run(f"{prefix}{figure(ctx, fact)} {when}", ctx.cite.refs(*round_.facts))]


def alternatives(ctx: Context, round_: Round, figure_of: Callable[[FactView], str]) -> list[Run]:
    """A disputed round in a list: each source's figure beside that source's marker, never one figure
    cited to a source that gives another ("11,000 people [1] / 12,000 people [2] (sources disagree)")."""
    items = [[Run(figure_of(f), ctx.cite.refs(f))] for f in round_.facts]
    return fill(ctx.lang, "disputed_item", "items", joined(items, " / "))


def timeline(ctx: Context, match: CompanyMatch, facts: list[FactView]) -> Reply:
    """Every round of `facts`, most recent first, under a heading naming the company and the years."""
    rounds = sorted(rounds_of(facts), key=lambda r: r.main.when, reverse=True)
    name = ctx.snapshot.company_name(match.company_id) or match.written
    mains = [r.main for r in rounds]
    dated = [f for f in mains if f.years]
    span = ""
    if dated:
        first, last = ctx.derive.years(dated, f"{name}: layoff rounds on record")
        span = f" ({ph.year_span(range(first, last + 1), ctx.lang)})"
    n = ctx.derive.count(mains, f"{name}: layoff rounds on record")
    lines = [of([Run(ph.say_n(ctx.lang, "timeline_head", n, who=name, span=span))])]
    shown = rounds[: ctx.settings.max_citations]
    for round_ in shown:
        when = short_when(ctx, round_.main)
        if round_.disputed:
            label = _label(round_.main, match)
            what = [Run(label), *alternatives(ctx, round_, lambda f: item_figure(ctx, f))]
            lines.append(of(fill(ctx.lang, "timeline_item", "what", what, when=when), item=True))
            continue
        item = ph.say(ctx.lang, "timeline_item", when=when, what=_label(round_.main, match) +
                      item_figure(ctx, round_.main))
        lines.append(of([Run(item, ctx.cite.refs(*round_.facts))], item=True))
    if len(rounds) > len(shown):
        earlier = ctx.derive.count([r.main for r in rounds[len(shown):]], f"{name}: earlier rounds not listed")
        lines.append(of([Run(ph.say(ctx.lang, "timeline_more", n=ph.number(earlier, ctx.lang)))]))
    return Reply(True, lines, 1.0)


def _label(fact: FactView, match: CompanyMatch | None) -> str:
    """ "AWS, " before a subsidiary's round in a list about its parent."""
    return f"{fact.company}, " if match and fact.company_id != match.company_id and fact.company else ""


def item_figure(ctx: Context, fact: FactView) -> str:
    """A round in a list: "14,000 people (1% of staff)", "6% of staff", "layoffs, no figure given"."""
    share = ""
    if fact.percent:
        share = ph.say(ctx.lang, "share_of_staff",
                       share=ph.qualified_percent(fact.percent, fact.percent_qualifier, ctx.lang))
    if fact.has_count:
        return figure(ctx, fact) + (f" ({share})" if share else "")
    return share or ph.say(ctx.lang, "no_figure")


def short_when(ctx: Context, fact: FactView) -> str:
    if fact.period is None:
        return "?"
    if fact.period.start == fact.period.end:
        return ph.day(fact.period.start, ctx.lang)
    return ph.when(fact.period, ctx.lang)
