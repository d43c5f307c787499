"""A question understood: what it is about, which rounds it selects, and what it asks of them.

Understanding (`knowledge.answering.understand`) builds a `Query`;
composition reads it and never reads the question again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from knowledge.answering.intents import Group, Intent, Measure
from knowledge.language.companies import CompanyMatch
from knowledge.language.dimensions import Filters
from knowledge.language.periods import Period
from knowledge.language.topics import OffTopic


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a comparison: a company, one value of a filter, a period, or a figure the question gives."""

    label: str  # as answers name it: "Meta", "India", "2023", "10,000"
    companies: tuple[CompanyMatch, ...] = ()
    filters: Filters = Filters()
    period: Period | None = None
    number: float | None = None


@dataclass(frozen=True, slots=True)
class Query:
    question: str  # as understanding read it: one line, typographic characters unified (see `text.clean`)
    folded: str
    language: str
    intent: Intent
    companies: tuple[CompanyMatch, ...]
    period: Period | None
    industry: bool  # about the whole industry rather than one company
    on_topic: bool  # mentions layoffs, a known company, an industry, a place or a stage
    unknown_names: tuple[str, ...]  # names that look like companies we do not know
    numbers: tuple[float, ...]  # figures the question itself mentions (not years)
    today: date
    first: bool = False  # asks for the first or starting round ("when did it start")
    filters: Filters = Filters()
    group: Group | None = None  # what a ranking or a list is made of
    top: int | None = None  # how many a ranking names ("the three biggest")
    order: str = "most"  # a ranking's order: "most" or "least"
    measure: Measure = Measure.PEOPLE
    sides: tuple[Side, ...] = ()  # a comparison's two sides
    polarity: str = "more"  # a comparison asks whether the first side is "more" or "fewer"
    yes_no: bool = False  # to be answered yes or no first
    teams: tuple[str, ...] = ()  # teams or divisions named (vocabulary keys)
    off_topic: OffTopic | None = None  # something asked about that no layoff fact holds
    future: bool = False  # asks what will happen
    impossible_years: tuple[int, ...] = ()  # years named that no calendar of the data holds ("in 1066")
    unclear: tuple[str, ...] = ()  # words of a question not about layoffs that were not understood ("": a question
    # about a company that asks something else than its layoffs)
    asked: str = ""  # exactly as asked (what `ask --json` echoes)
    intent_named: bool = False  # the words asked something ("how many", "the biggest"), not only named a subject
