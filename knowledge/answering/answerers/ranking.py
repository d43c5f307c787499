"""Rankings and lists across companies: the top companies, industries, countries, cities, stages, years or
months by people laid off (or by companies, or rounds), and "which … cut jobs" lists.

The selected tracker rounds are split by what is asked (`scope.grouped`):
each group's figure is its rounds added up once each, declared with its terms;
a company with one round is stated with that round's own figure and date.
"""

from __future__ import annotations

from typing import Any

from knowledge.answering import declines
from knowledge.answering.answer import Reply, Run
from knowledge.answering.answerers.industry import cite_datasets, period_asked, scope_words
from knowledge.answering.answerers.registry import about_industry
from knowledge.answering.context import Context
from knowledge.answering.intents import Group, Intent, Measure
from knowledge.answering.lines import fill, joined, of, sentence
from knowledge.answering.scope import Part, Selection, grouped, select, tag_index
from knowledge.answering.snapshot import FactView
from knowledge.language import phrases as ph
from knowledge.language.dimensions import Dimension
from knowledge.types import Qualifier

_LISTED = 10  # a list names this many, then says how many more


@about_industry(Intent.RANKING, Intent.LIST)
def ranking(ctx: Context) -> Reply:
    query = ctx.query
    group = query.group or Group.COMPANY
    period = period_asked(ctx)
    chosen = select(ctx.snapshot, query.filters, period) if period is not None else None
    if chosen is None or chosen.empty:
        return declines.scope(ctx) if query.filters else declines.industry(ctx)
    measure = query.measure
    parts = [(part.key, part) for part in grouped(ctx.snapshot, chosen, group.value)]
    if measure is not Measure.PEOPLE:
        parts = sorted(parts, key=lambda item: (-_size(item[1], measure), str(item[0])))
    if query.order == "least":
        parts = [p for p in reversed(parts) if _size(p[1], measure)]
    lang = ctx.lang
    when = ph.when(period, lang)
    shut = query.filters.shutdown and group is Group.COMPANY and query.intent is Intent.LIST
    scope = "" if group is Group.INDUSTRY and not query.filters else scope_words(ctx, shutdown=not shut)
    if shut and not any(not item.exclude for item in query.filters.items):
        scope = ""
    where = " ".join(part for part in (scope, when) if part)
    if query.intent is Intent.LIST:
        shown = parts[:_LISTED]
        what = ph.say(lang, "shut_down_companies" if shut else f"with_layoffs_{group.value}")
        head = ph.say(lang, "list_head", what=what[:1].upper() + what[1:], where=where)
        lines = [of([Run(head)])]
        lines += [of(_item(ctx, group, key, part.selection, measure), item=True) for key, part in shown]
        if len(parts) > len(shown):
            rest = [f for _, part in parts[len(shown):] for f in part.selection.rows]
            more = _count_groups(ctx, group, parts[len(shown):], rest)
            lines.append(of([Run(ph.say_n(lang, "list_more", more), cite_datasets(ctx, rest))]))
        return Reply(True, lines, 0.9)
    top = query.top or 1
    if top == 1:
        key, part = parts[0]
        verb = ph.say(lang, f"rank_verb_{_verb(group, measure)}{'_least' if query.order == 'least' else ''}")
        lines = [of(sentence(fill(lang, "rank_first", "figure", _figure(ctx, group, key, part.selection, measure),
                                  first=_name(ctx, group, key), verb=verb, where=where)))]
        following = [_item(ctx, group, k, p.selection, measure, capital=False) for k, p in parts[1:3]]
        if following:
            lines.append(of(sentence(fill(lang, "rank_next", "items", joined(following, "; ")))))
        return Reply(True, lines, 0.9)
    shown = parts[:top]
    key_head = "rank_head_least" if query.order == "least" else "rank_head"
    head = ph.say(lang, key_head, n=ph.number(len(shown), lang), groups=ph.say(lang, f"group_{group.value}"),
                  where=where)
    if len(shown) < top:
        head = head.replace(f" {ph.number(len(shown), lang)} ", " ", 1)
    lines = [of([Run(head)])]
    lines += [of(_item(ctx, group, key, part.selection, measure), item=True) for key, part in shown]
    return Reply(True, lines, 0.9)


def _size(part: Part, measure: Measure) -> int:
    if measure is Measure.COMPANIES:
        return part.companies
    if measure is Measure.ROUNDS:
        return part.rounds
    return part.low


def _verb(group: Group, measure: Measure) -> str:
    if group is Group.COMPANY:
        return "company"
    return measure.value


def _name(ctx: Context, group: Group, key: str | int) -> str:
    if group is Group.COMPANY:
        return ctx.snapshot.company_name(int(key)) or "?"
    if group is Group.YEAR:
        return str(key)
    if group is Group.MONTH:
        year, month = str(key).split("-")
        return ph.month_name(int(year), int(month), ctx.lang)
    if group is Group.STAGE:
        return str(key)  # the tracker's own label: "Post-IPO", "Series B"
    return tag_index(ctx.snapshot).terms.value(Dimension(group.value), str(key)).name(ctx.lang)


def _item(ctx: Context, group: Group, key: str | int, part: Selection, measure: Measure,
          capital: bool = True) -> list[Run]:
    """ "Philips, 4,000 people on 24 October 2022 [2]", "Hardware, at least 26,806 people, in 30 rounds at 25
    companies [1]"."""
    name = _name(ctx, group, key)
    if capital:  # a list item starts a line
        name = name[:1].upper() + name[1:]
    return [Run(f"{name}, "), *_figure(ctx, group, key, part, measure)]


def _figure(ctx: Context, group: Group, key: str | int, part: Selection, measure: Measure) -> list[Run]:
    lang = ctx.lang
    label = f"{_name(ctx, group, key)}"
    if group is Group.COMPANY and measure is Measure.PEOPLE and part.sized_rounds == 1 and not part.unsized_rounds:
        fact = part.sized[0]
        what = ph.people(ph.qualified(fact.count_min, fact.count_max, fact.qualifier, lang), lang)
        return [Run(f"{what} {ph.when(fact.period, lang)}", ctx.cite.refs(fact))]
    refs = ctx.cite.refs(*part.round_facts) if len(part.round_facts) <= 3 else cite_datasets(ctx, part)
    if group is Group.COMPANY and not part.sized_rounds:
        if part.rounds == 1:
            fact = part.round_facts[0]
            return [Run(f"{ph.say(lang, 'no_figure')} {ph.when(fact.period, lang)}", refs)]
        rounds = ctx.derive.count(part.round_facts, f"{label}: layoff rounds, none with a figure")
        return [Run(ph.say_n(lang, "unsized_rounds", rounds), refs)]
    rounds = int(ctx.derive.add(part.rounds, "count", part.round_facts, f"{label}: layoff rounds"))
    rounds_text = ph.say_n(lang, "layoff_rounds", rounds)
    companies = ph.say_n(lang, "n_companies", int(ctx.derive.add(part.companies, "count_companies", part.rows,
                                                                 f"{label}: companies")))
    if measure is not Measure.PEOPLE or not part.sized_rounds:
        return [Run(ph.say(lang, "rounds_only", rounds=rounds_text, companies=companies), refs)]
    low = int(ctx.derive.add(part.low, "sum", part.sized, f"{label}: people laid off, each round once"))
    qualifier = Qualifier.AT_LEAST if part.unsized_rounds else Qualifier.EXACT
    text = ph.say(lang, "group_figure", what=ph.qualified(low, low, qualifier, lang))
    if group is not Group.COMPANY:
        text += ph.say(lang, "group_rounds", rounds=rounds_text, companies=companies)
    elif part.rounds > 1:
        text += ph.say(lang, "company_rounds", rounds=rounds_text)
    return [Run(text, refs)]


def _count_groups(ctx: Context, group: Group, parts: list[tuple[Any, Part]], rest: list[FactView]) -> int:
    """How many groups a list leaves out: companies are counted from their rounds, other groups from the
    rows' tags (a count of rounds would not be theirs)."""
    if group is Group.COMPANY:
        return ctx.derive.companies(rest, "companies not listed one by one")
    return int(ctx.derive.add(len(parts), "count", [p.selection.round_facts[0] for _, p in parts],
                              f"{ph.say('en', f'group_{group.value}')} not listed one by one (one round of each)"))

