"""A follow-up read in the light of the question it follows: "and in 2024?", "what about Google?", "et en France ?".

A reply to an answer names only what changes.  Each question of a conversation is understood on its own
(`understand`), then merged into the query the conversation had come to: what the follow-up names
replaces that part of the query, and the rest is kept.  The parts are

- who: companies, or the industries, places and funding stages that pick companies.  Naming companies
  replaces the companies (and the filters that picked companies instead); naming a filter replaces the
  filter of its kind (a place replaces a place, city or country), or, after a question about companies
  with no filter of that kind, asks about that filter instead ("et en France ?" after Amazon's layoffs);
- when: a period named replaces the period;
- what is asked: "the biggest one", "how many companies", "when" replace the intent (with what goes with
  it: the ranking's size, what is counted); a follow-up that asks nothing in particular keeps it.

A follow-up that is a complete question on its own ("How many people did Google lay off in 2024?") is
answered as it is; one that is not about layoffs keeps what understanding found wrong with it, so
composition declines it as any other question.  A conversation is rebuilt from its questions, never from
the answers' text, so it survives a restart and sees the knowledge as it is now.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from knowledge.answering.intents import Group, Intent, asks_about_industry, mentions_layoffs
from knowledge.answering.query import Query, Side
from knowledge.answering.snapshot import Snapshot
from knowledge.answering.understand import understand
from knowledge.language.companies import CompanyMatch
from knowledge.language.dimensions import Dimension, Filter, Filters
from knowledge.language.periods import Period

MAX_TURNS = 20  # the questions of a conversation read again to answer the next one (the most recent ones)

# Words that open a follow-up rather than a question of its own ("and …", "what about …", "et pour …").
_CONTINUES = re.compile(
    r"^(?:and|et|also|aussi|plus|then|alors|so|donc|but|mais|or|ou|now|maintenant|ok|okay|same|idem|pareil"
    r"|what about|how about|what of|same for|et pour|et chez|et en|et a|et au|et aux)(?!\w)"
    r"|(?<!\w)(?:what about|how about|same question|meme question|la meme chose)(?!\w)")
# A place is one thing to a follow-up: "and in Toronto?" after "in Canada" replaces the country too.
_PLACE = frozenset({Dimension.COUNTRY, Dimension.CITY})
_NO_COMPANY_INTENTS = frozenset({Intent.COMPANIES, Intent.RANKING, Intent.LIST})


@dataclass(frozen=True, slots=True)
class Turn:
    """One question of a conversation, as the answer log keeps it: what was asked, and the answer's language."""

    question: str
    language: str


@dataclass(frozen=True, slots=True)
class Conversation:
    """The questions of a conversation, oldest first, up to the answer a reply is to (`answer_id`)."""

    answer_id: int
    turns: tuple[Turn, ...]


def follow_up(question: str, turns: Sequence[Turn], snapshot: Snapshot, today: date, default_language: str,
              max_length: int = 500) -> Query:
    """`question` understood as the next question of a conversation (its earlier questions, oldest first)."""
    context = conversation(turns, snapshot, today, max_length)
    follow = understand(question, snapshot, today, context.language if context else default_language, max_length)
    query = follow if context is None else merge(context, follow)
    # The answer is logged as this turn: a reply to it finds the conversation remembered, not to be read again.
    _remember(snapshot, _key(today, max_length, (*turns, Turn(query.question, query.language))),
              query if understood(query) else context)
    return query


def conversation(turns: Sequence[Turn], snapshot: Snapshot, today: date, max_length: int = 500) -> Query | None:
    """The query a conversation has come to, or None when none of its questions was a layoff question.

    A question that was not understood as one (off-topic, a year no record can hold, the future, a company
    nobody knows) leaves the conversation where it was, so a reply to its decline goes on from the
    question before.  Each turn costs an understanding (about a millisecond), so the conversations reached
    are remembered with the snapshot: a reply costs one understanding, unless the process has just started
    (or the knowledge changed).
    """
    turns = tuple(turns)
    known, context = len(turns), None
    while known:
        recalled = _recalled(snapshot, _key(today, max_length, turns[:known]))
        if recalled is not _NOTHING:
            context = recalled if isinstance(recalled, Query) else None
            break
        known -= 1
    for end in range(known if known else max(0, len(turns) - MAX_TURNS), len(turns)):
        turn = turns[end]
        query = understand(turn.question, snapshot, today, turn.language, max_length)
        merged = query if context is None else merge(context, query)
        if understood(merged):
            context = merged
        _remember(snapshot, _key(today, max_length, turns[:end + 1]), context)
    return context


_NOTHING = object()
_REMEMBERED = 4096  # conversations remembered per snapshot (a query is a few kilobytes)


def _key(today: date, max_length: int, turns: Sequence[Turn]) -> tuple[object, ...]:
    """A conversation as it is remembered: by its latest questions, as many as the answer log gives back."""
    return today, max_length, tuple(turns)[-MAX_TURNS:]


def _recalled(snapshot: Snapshot, key: tuple[object, ...]) -> object:
    memo = snapshot.memo.get("conversations")
    return memo.get(key, _NOTHING) if isinstance(memo, OrderedDict) else _NOTHING


def _remember(snapshot: Snapshot, key: tuple[object, ...], context: Query | None) -> None:
    memo = snapshot.memo.setdefault("conversations", OrderedDict())
    if not isinstance(memo, OrderedDict):
        return
    memo[key] = context
    memo.move_to_end(key)
    while len(memo) > _REMEMBERED:
        memo.popitem(last=False)


def understood(query: Query) -> bool:
    """Whether a query is about layoffs and can be answered from facts (what a conversation can go on from)."""
    return (query.on_topic and query.off_topic is None and not query.unclear and not query.impossible_years
            and not query.future and not (query.unknown_names and not query.companies))


def standalone(follow: Query) -> bool:
    """A complete question: it names who and talks about layoffs, and does not open as a follow-up does."""
    who = bool(follow.companies or follow.unknown_names or follow.filters.items) or asks_about_industry(follow.folded)
    about_layoffs = mentions_layoffs(follow.folded) or follow.filters.shutdown
    return who and about_layoffs and not _CONTINUES.search(follow.folded)


def merge(previous: Query, follow: Query) -> Query:
    """`previous` with what `follow` names in place of what it had; the rest of `previous` kept."""
    if standalone(follow):
        return follow
    companies, filters = _who(previous, follow)
    same_who = companies == previous.companies and filters.items == previous.filters.items
    period = follow.period or previous.period
    asked = _asks(previous, follow)
    if asked:
        intent, group, top, order, measure = follow.intent, follow.group, follow.top, follow.order, follow.measure
        yes_no, polarity, first, numbers = follow.yes_no, follow.polarity, follow.first, follow.numbers
        sides = follow.sides
    else:
        intent, group, order, measure = previous.intent, previous.group, previous.order, previous.measure
        top = follow.top or previous.top  # "and the top 5?" after a ranking
        yes_no, polarity, first = previous.yes_no, previous.polarity, previous.first or follow.first
        numbers = follow.numbers or previous.numbers
        sides = previous.sides if same_who else ()
    if intent is Intent.COMPARE:
        sides = _sides(sides, follow, companies, filters, period)
        if not sides:  # "what about Tekion?" after "did Acme Pay cut more than Kite?": how many Tekion cut
            intent, yes_no = Intent.COUNT, False
    if companies and intent in _NO_COMPANY_INTENTS and not asked:
        intent, group, top = Intent.COUNT, None, None  # "what about Stripe?" after "which companies …": its count
    unknown = () if follow.companies else follow.unknown_names
    return replace(
        previous,
        question=follow.question,
        folded=f"{previous.folded} {follow.folded}".strip(),
        language=follow.language,
        intent=intent,
        companies=companies,
        period=period,
        industry=not companies and not unknown and (previous.industry or follow.industry or bool(filters)
                                                    or intent in {Intent.BIGGEST, *_NO_COMPANY_INTENTS}),
        on_topic=previous.on_topic or follow.on_topic,
        unknown_names=unknown,
        numbers=numbers,
        today=follow.today,
        first=first,
        filters=filters,
        group=group,
        top=top,
        order=order,
        measure=measure,
        sides=sides,
        polarity=polarity,
        yes_no=yes_no,
        teams=follow.teams or (previous.teams if companies == previous.companies else ()),
        off_topic=follow.off_topic,
        future=follow.future,
        impossible_years=follow.impossible_years,
        unclear=follow.unclear,
        asked=follow.asked,
        intent_named=previous.intent_named or asked,
    )


def _asks(previous: Query, follow: Query) -> bool:
    """Whether the follow-up asks something of its own.  "What about last year?" names a period, not a list
    of years; "and the top 5?" after a ranking asks for a longer one, not for the biggest layoff."""
    if not follow.intent_named:
        return False
    if follow.intent is Intent.LIST and follow.group in {Group.YEAR, Group.MONTH} and follow.period is not None:
        return False
    return not (follow.intent is Intent.BIGGEST and follow.group is None and follow.top is not None
                and previous.intent in {Intent.RANKING, Intent.LIST})


def _who(previous: Query, follow: Query) -> tuple[tuple[CompanyMatch, ...], Filters]:
    """The companies and filters after the follow-up: what it names in place of what it replaces."""
    shutdown = follow.filters.shutdown or previous.filters.shutdown
    if follow.companies or follow.unknown_names:
        return follow.companies, Filters(follow.filters.items, shutdown)
    named = follow.filters.items
    if not named:  # "and across the industry?" asks about every company instead
        industry = asks_about_industry(follow.folded)
        return () if industry else previous.companies, Filters(previous.filters.items, shutdown)
    kinds = {_kind(item.dimension) for item in named}
    kept = tuple(item for item in previous.filters.items if _kind(item.dimension) not in kinds)
    # After a question about companies, a filter of a kind it did not have asks about that filter instead.
    replaces = any(_kind(item.dimension) in kinds for item in previous.filters.items)
    companies = previous.companies if replaces else ()
    return companies, Filters((*kept, *named), shutdown)


def _kind(dimension: Dimension) -> str:
    return "place" if dimension in _PLACE else dimension.value


def _sides(sides: tuple[Side, ...], follow: Query, companies: tuple[CompanyMatch, ...], filters: Filters,
           period: Period | None) -> tuple[Side, ...]:
    """A comparison's two sides after the follow-up: companies it names make new sides; the period and filters
    of the conversation apply to both sides, except where the sides themselves differ (two periods, two
    countries)."""
    distinct = {m.company_id: m for m in companies}
    if follow.companies and len(distinct) >= 2 and not follow.sides:
        return tuple(Side(m.written, (m,), filters, period) for m in list(distinct.values())[:2])
    if len(sides) != 2:
        return ()
    periods_compared = sides[0].period != sides[1].period
    out = []
    for side in sides:
        side_filters = filters
        for item in side.filters.items:
            side_filters = _replaced(side_filters, item)
        out.append(replace(side, period=side.period if periods_compared else period, filters=side_filters))
    return tuple(out)


def _replaced(filters: Filters, item: Filter) -> Filters:
    kept = tuple(f for f in filters.items if _kind(f.dimension) != _kind(item.dimension))
    return Filters((*kept, item), filters.shutdown)
