"""Comparisons: did one company (industry, country, period) lay off more people than another?

The verdict comes first ("Yes: PayPal laid off 2,000 people in 2023, more than
Zoom's 1,300"), then, for a company whose figure adds up several rounds, the
rounds themselves.  Each side's figure is what a question about that side
alone would state: a source's own total for the period, else its rounds added
up once each (companies), or the selected tracker rounds (everything else).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.answering import declines
from knowledge.answering.answer import Reply, Run
from knowledge.answering.answerers.count import count
from knowledge.answering.answerers.industry import cite_datasets
from knowledge.answering.citations import Refs
from knowledge.answering.context import Context
from knowledge.answering.lines import line, of, verdict
from knowledge.answering.query import Side
from knowledge.answering.retrieve import layoff_facts, period_fit, rounds_of, stated_total, total_of
from knowledge.answering.rounds import figure
from knowledge.answering.scope import select, tag_index
from knowledge.answering.snapshot import FactView
from knowledge.language import phrases as ph
from knowledge.language.dimensions import describe
from knowledge.types import Qualifier


@dataclass(frozen=True, slots=True)
class Amount:
    """How many people one side laid off, and the facts that say so."""

    low: int
    high: int
    qualifier: str
    facts: Sequence[FactView]
    stated: FactView | None = None  # one fact's own figure
    unsized: int = 0  # rounds without a figure, not in the total
    rounds: int = 0

    @property
    def bound(self) -> bool:
        """Whether the side may be larger than its figure (rounds without figures, "more than", "at least")."""
        return bool(self.unsized) or self.qualifier != Qualifier.EXACT


def compare(ctx: Context) -> Reply:
    query = ctx.query
    first, second = query.sides[:2]
    left, right = _amount(ctx, first), _amount(ctx, second)
    if left is None and right is None:
        when = ph.when(query.period, ctx.lang) if query.period else ""
        return declines.plain(ctx, ph.say(ctx.lang, "decline_compare", when=when).replace(" .", "."))
    a_value = left.low if left else 0
    b_value = right.low if right else 0
    asks_fewer = query.polarity == "fewer"
    yes: bool | None = (a_value < b_value) if asks_fewer else (a_value > b_value)
    if not query.yes_no:
        yes = None
        if a_value < b_value:  # the larger side first: "Meta laid off 21,000 people, more than Google's 12,000"
            first, second, left, right = second, first, right, left
            a_value, b_value = b_value, a_value
    relation = "more_than" if a_value > b_value else "fewer_than" if a_value < b_value else "as_many_as"
    runs = _sentence(ctx, first, second, left, right, relation)
    lines = [verdict(ctx.lang, yes, of(runs))]
    if (left and left.bound) or (right and right.bound):
        lines.append(line(ph.say(ctx.lang, "lower_bounds")))
    for side, amount in ((first, left), (second, right)):
        if amount is not None and side.companies and amount.stated is None and amount.rounds > 1:
            lines += count(ctx, side.companies[0], ctx.snapshot.family(side.companies[0].company_id)).lines
    return Reply(True, lines, min(m.score for s in query.sides for m in s.companies) if any(
        s.companies for s in query.sides) else 0.9)


def _amount(ctx: Context, side: Side) -> Amount | None:
    if side.number is not None:
        return Amount(int(side.number), int(side.number), Qualifier.EXACT, ())
    if side.companies and side.filters == ctx.query.filters:
        return _company(ctx, side)
    chosen = select(ctx.snapshot, side.filters, side.period)
    if chosen.empty:
        return None
    qualifier = Qualifier.AT_LEAST if chosen.unsized_rounds else Qualifier.EXACT
    label = f"people laid off {_scope(ctx, side)} {ph.when(side.period, 'en')}, each round once"
    low = int(ctx.derive.add(chosen.low, "sum", chosen.sized, label))
    return Amount(low, low, qualifier, chosen.rows, None, chosen.unsized_rounds, chosen.rounds)


def _company(ctx: Context, side: Side) -> Amount | None:
    match = side.companies[0]
    index = tag_index(ctx.snapshot)
    facts = [f for f in layoff_facts(ctx.snapshot, ctx.snapshot.family(match.company_id))
             if index.fact_matches(f, side.filters)]
    period = side.period
    if period is not None:
        own = [f for f in facts if f.company_id == match.company_id] or facts
        stated = stated_total(own, period)
        if stated is not None:
            return Amount(stated.size, stated.size, stated.qualifier or Qualifier.EXACT, (stated,), stated)
        facts = [f for f in facts if period_fit(period, f) >= 0.9]
    if not facts:
        return None
    total = total_of(rounds_of(facts))
    if not total.parts:
        return None if not total.unsized else Amount(0, 0, Qualifier.AT_LEAST, (), None, len(total.unsized),
                                                    len(total.rounds))
    if len(total.parts) == 1 and not total.parts[0].disputed:
        main = total.parts[0].main
        return Amount(main.size, main.size, main.qualifier or Qualifier.EXACT, (main,), main, len(total.unsized),
                      len(total.rounds))
    name = ctx.name(match)
    when = ph.when(period, "en")
    lows = [min((f for f in r.facts if f.has_count), key=lambda f: f.size) for r in total.parts]
    low = ctx.derive.sum(lows, f"{name}: people laid off {when}, each round once")
    high = low
    if total.high != total.low:
        highs = [max((f for f in r.facts if f.has_count), key=lambda f: f.size) for r in total.parts]
        high = ctx.derive.sum(highs, f"{name}: people laid off {when}, the larger figure of each disputed round")
    return Amount(low, high, total.qualifier, tuple(lows), None, len(total.unsized), len(total.rounds))


def _sentence(ctx: Context, first: Side, second: Side, left: Amount | None, right: Amount | None,
              relation: str) -> list[Run]:
    lang = ctx.lang
    when = ph.when(ctx.query.period, lang) if ctx.query.period else ""
    fa, fb = _said(ctx, left), _said(ctx, right)
    refs = tuple(sorted(set(_refs(ctx, left) + _refs(ctx, right))))
    words = ph.say(lang, relation)
    if first.companies and second.companies and first.number is None and second.number is None \
            and first.period == second.period:
        a, b = ctx.name(first.companies[0]), ctx.name(second.companies[0])
        if left is None or right is None:
            known, missing = (a, b) if left is not None else (b, a)
            text = ph.say(lang, "compare_none", a=known, fa=fa or fb, b=missing, when=when)
        else:
            text = ph.say(lang, "compare_companies", a=a, fa=fa, b=b, fb=_bare(ctx, right), when=when,
                          relation=words)
    elif second.number is not None:
        text = ph.say(lang, "compare_number", a=ctx.name(first.companies[0]) if first.companies else first.label,
                      fa=fa or "0", when=when, relation=words, b=ph.number(second.number, lang))
    elif first.period != second.period:
        # one company in two periods is who laid off; else the scope the filters name ("across all industries")
        alone = bool(first.companies) and first.companies == second.companies
        who = ctx.name(first.companies[0]) if alone else ""
        scope = "" if alone else describe(tag_index(ctx.snapshot).terms, ctx.query.filters, lang)
        key = ("compare_company_periods" if alone else "compare_periods") + ("" if left is not None else "_none_first")
        text = ph.say(lang, key, who=who, fa=fa, scope=scope, a=ph.when(first.period, lang), relation=words,
                      b=ph.when(second.period, lang), fb=_bare(ctx, right) or ph.say(lang, "none_on_record"))
    else:
        key = "compare_scopes" if left is not None else "compare_scopes_none_first"
        text = ph.say(lang, key, fa=fa, a=_scope(ctx, first), when=when, relation=words, b=_scope(ctx, second),
                      fb=_bare(ctx, right) or ph.say(lang, "none_on_record"))
    text += _difference(ctx, left, right, relation)
    return [Run(ph.sentence(text.replace("  ", " ")), refs)]


def _said(ctx: Context, amount: Amount | None) -> str:
    if amount is None:
        return ""
    if amount.stated is not None:
        return figure(ctx, amount.stated)
    return ph.people(ph.qualified(amount.low, amount.high, amount.qualifier, ctx.lang), ctx.lang)


def _bare(ctx: Context, amount: Amount | None) -> str:
    """The second side's figure without its noun ("Google's 12,000")."""
    if amount is None:
        return ""
    if amount.stated is not None:
        fact = amount.stated
        return ph.qualified(fact.count_min, fact.count_max, fact.qualifier, ctx.lang)
    return ph.qualified(amount.low, amount.high, amount.qualifier, ctx.lang)


def _difference(ctx: Context, left: Amount | None, right: Amount | None, relation: str) -> str:
    """ " (700 more)": only between two figures that are exact."""
    if left is None or right is None or relation == "as_many_as" or left.bound or right.bound \
            or left.low != left.high or right.low != right.high or not left.facts:
        return ""
    larger, smaller = max(left.low, right.low), min(left.low, right.low)
    value = ctx.derive.difference(larger, smaller, [*left.facts, *right.facts], "the larger side less the smaller")
    key = "difference_more" if left.low > right.low else "difference_fewer"
    return ph.say(ctx.lang, key, n=ph.number(value, ctx.lang))


def _refs(ctx: Context, amount: Amount | None) -> Refs:
    if amount is None or not amount.facts:
        return ()
    if len(amount.facts) <= 5:
        return ctx.cite.refs(*amount.facts)
    return cite_datasets(ctx, amount.facts)


def _scope(ctx: Context, side: Side) -> str:
    return describe(tag_index(ctx.snapshot).terms, side.filters, ctx.lang)
