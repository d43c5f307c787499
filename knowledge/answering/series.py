"""An answer's layoffs over time, as data a face can draw: people laid off per month or per quarter.

A total over a period ("Acme Pay in 2023", "healthcare in 2024", "in India")
and a company's timeline are easier to see than to read: Discord attaches a
bar chart of them.  What the bars hold is taken from the answer's structure,
never from its text: the terms of its headline total (the rounds it adds up,
each once, by their lower figures, as the total itself does), or, for a
timeline, the rounds it counts.  So the bars add up to the total the text
states, except for figures that belong to no one month or quarter (a total
"across 2022 and 2023", a running total to a day), which are kept apart and
said in the note under the chart, beside the rounds that gave no figure and
the sources the rounds come from.

The words on a chart (axis, bar labels, note) are the answer's language's;
the face only draws.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from knowledge.answering.answer import Answer
from knowledge.answering.derived import figure
from knowledge.answering.snapshot import FactView
from knowledge.language import phrases as ph
from knowledge.types import SourceKind, SourceView

# Kinds of question whose answer is one total over a period, or a timeline: the others (shares, comparisons,
# rankings, the biggest round, yes/no) state several scopes side by side, which one series of bars would merge.
CHARTED_INTENTS = frozenset({"count", "total", "timeline"})
MONTHS_AT_MOST = 24  # a longer span is drawn by quarter
MIN_BARS = 2  # rounds in one month or quarter are a sentence, not a chart
SOURCES_NAMED = 3

_MONTHS_SHORT = {
    "en": tuple(calendar.month_abbr[m] for m in range(1, 13)),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
}
_WORDS = {
    "en": {
        "axis_month": "People laid off per month",
        "axis_quarter": "People laid off per quarter",
        "quarter": "Q{n} {year}",
        "sources": "Sources: {names}",
        "more_sources": "{names} and {n} more",
        "unsized_none": "every round gave a figure",
        "unsized_one": "1 round gave no figure",
        "unsized_many": "{n} rounds gave no figure",
        "undrawn_one": "1 figure for a longer period is not drawn",
        "undrawn_many": "{n} figures for longer periods are not drawn",
    },
    "fr": {
        "axis_month": "Personnes licenciées par mois",
        "axis_quarter": "Personnes licenciées par trimestre",
        "quarter": "T{n} {year}",
        "sources": "Sources : {names}",
        "more_sources": "{names} et {n} autres",
        "unsized_none": "chaque vague a un chiffre",
        "unsized_one": "1 vague sans chiffre",
        "unsized_many": "{n} vagues sans chiffre",
        "undrawn_one": "1 chiffre portant sur une période plus longue n'est pas représenté",
        "undrawn_many": "{n} chiffres portant sur des périodes plus longues ne sont pas représentés",
    },
}


@dataclass(frozen=True, slots=True)
class Bar:
    """One month or quarter: the people its rounds laid off (their lower figures), and those rounds."""

    start: date
    label: str
    people: int
    rounds: tuple[FactView, ...] = ()


@dataclass(frozen=True, slots=True)
class Series:
    """What a chart of an answer shows: consecutive bars (empty months or quarters included, so the time axis is
    even), and what the bars leave out, counted."""

    language: str
    title: str
    grain: str  # "month" or "quarter"
    axis: str
    bars: tuple[Bar, ...]
    unsized: tuple[FactView, ...]  # rounds that gave no figure
    undrawn: tuple[FactView, ...]  # figures for longer than one bar (totals over years, running totals)
    sources: tuple[str, ...]  # the names of the rounds' sources, the most used first
    note: str  # the line under the chart: the sources, the rounds without a figure, what is not drawn

    @property
    def rounds(self) -> tuple[FactView, ...]:
        """Every round drawn, oldest first."""
        return tuple(fact for bar in self.bars for fact in bar.rounds)

    @property
    def total(self) -> int:
        return sum(bar.people for bar in self.bars)


def series(answer: Answer) -> Series | None:
    """The chart of an answer that adds up or lists layoff rounds over time, or None when it is not worth one.

    It runs on the bot's event loop for every total it sends, over up to thousands of rounds (a year of the
    tracker): each round's months are worked out once, as integers.
    """
    if not answer.answered or answer.intent not in CHARTED_INTENTS:
        return None
    chosen = _rounds(answer)
    if chosen is None:
        return None
    sized, unsized = chosen
    language = answer.language if answer.language in _WORDS else "en"
    placed: list[tuple[FactView, int, int]] = []  # (round, first month, last month) of the rounds drawn
    undrawn: list[FactView] = []
    for fact in sized:
        if fact.cumulative or fact.period is None:
            undrawn.append(fact)
            continue
        first, last = _month(fact.period.start), _month(fact.period.end)
        if first // 3 == last // 3:
            placed.append((fact, first, last))
        else:
            undrawn.append(fact)
    if not placed:
        return None
    months = [first for _, first, last in placed if first == last]
    by_month = len(months) == len(placed) and max(months) - min(months) < MONTHS_AT_MOST
    grain = "month" if by_month else "quarter"
    bars = _bars(placed, grain, language)
    if sum(1 for bar in bars if bar.rounds) < MIN_BARS:
        return None
    sources = _source_names([*(fact for fact, _, _ in placed), *undrawn, *unsized])
    words = _WORDS[language]
    return Series(language=language, title=answer.question, grain=grain, axis=words[f"axis_{grain}"], bars=bars,
                  unsized=tuple(unsized), undrawn=tuple(undrawn), sources=sources,
                  note=_note(language, sources, len(unsized), len(undrawn)))


def _rounds(answer: Answer) -> tuple[Sequence[FactView], list[FactView]] | None:
    """(rounds with a figure, rounds without) that the answer's headline figure stands on.

    A total: the terms of its first sum, which is the figure the text states (each round once, by its lower
    figure), and the rounds without a figure it counted beside it.  An answer adding up rounds of other
    companies too (a share of a whole, two sides compared) is not one series.  A timeline: the rounds it counts.
    """
    sums = [d for d in answer.derived if d.op == "sum"]
    if sums:
        head = sums[0]
        companies = {f.company_id for f in head.terms}
        if any(not companies.issuperset(f.company_id for f in other.terms) for other in sums[1:]):
            return None
        unsized = {f.id: f for d in answer.derived if d.op == "count" for f in d.terms if not f.has_count}
        return head.terms, sorted(unsized.values(), key=lambda f: (f.when, f.id))
    counts = [d for d in answer.derived if d.op == "count"]
    if not counts:
        return None
    rounds = counts[0].terms
    return [f for f in rounds if f.has_count], [f for f in rounds if not f.has_count]


def _month(day: date) -> int:
    """Months since year 0: consecutive months are consecutive integers, and a quarter is `month // 3`."""
    return day.year * 12 + day.month - 1


def _bars(placed: Sequence[tuple[FactView, int, int]], grain: str, language: str) -> tuple[Bar, ...]:
    """Every month (or quarter) from the first round's to the last's, empty ones included."""
    step = 1 if grain == "month" else 3
    people: dict[int, int] = {}
    rounds: dict[int, list[FactView]] = {}
    for fact, first, _ in sorted(placed, key=lambda item: (item[0].when, item[0].id)):
        key = first if step == 1 else first // 3
        people[key] = people.get(key, 0) + figure(fact)
        rounds.setdefault(key, []).append(fact)
    bars = []
    for key in range(min(people), max(people) + 1):
        year, month = divmod(key * step, 12)
        start = date(year, month + 1, 1)
        bars.append(Bar(start, _label(start, grain, language), people.get(key, 0), tuple(rounds.get(key, ()))))
    return tuple(bars)


def _label(start: date, grain: str, language: str) -> str:
    if grain == "quarter":
        return _WORDS[language]["quarter"].format(n=(start.month - 1) // 3 + 1, year=start.year)
    return f"{_MONTHS_SHORT[language][start.month - 1]} {start.year}"


def _source_of(fact: FactView) -> SourceView | None:
    """A round's source as a chart names it: the tracker it was imported from, else its first named source."""
    for cited in fact.citations:
        if cited.source.kind == SourceKind.DATASET:
            return cited.source
    for cited in fact.citations:
        if _name(cited.source):
            return cited.source
    return None


def _name(source: SourceView) -> str | None:
    return source.publisher or source.title or _host(source.url)


def _host(url: str | None) -> str | None:
    if not url or "//" not in url:
        return None
    host = url.split("//", 1)[1].split("/", 1)[0].split("@")[-1].split(":")[0]
    return host.removeprefix("www.") or None


def _source_names(facts: Iterable[FactView]) -> tuple[str, ...]:
    """The rounds' sources by name, the one most rounds come from first (thousands of rows name one export)."""
    by_source: Counter[int] = Counter()
    sources: dict[int, SourceView] = {}
    for fact in facts:
        source = _source_of(fact)
        if source is not None:
            by_source[source.id] += 1
            sources[source.id] = source
    by_name: Counter[str] = Counter()
    for source_id, rounds in by_source.items():
        name = _name(sources[source_id])
        if name:
            by_name[name] += rounds
    return tuple(name for name, _ in sorted(by_name.items(), key=lambda item: (-item[1], item[0])))


def _note(language: str, sources: Sequence[str], unsized: int, undrawn: int) -> str:
    words = _WORDS[language]
    parts = []
    if sources:
        names = ", ".join(sources[:SOURCES_NAMED])
        if len(sources) > SOURCES_NAMED:
            names = words["more_sources"].format(names=names, n=ph.number(len(sources) - SOURCES_NAMED, language))
        parts.append(words["sources"].format(names=names))
    key = "unsized_none" if unsized == 0 else "unsized_one" if unsized == 1 else "unsized_many"
    parts.append(words[key].format(n=ph.number(unsized, language)))
    if undrawn:
        parts.append(words["undrawn_one" if undrawn == 1 else "undrawn_many"].format(n=ph.number(undrawn, language)))
    return " · ".join(parts)
