"""Reading periods out of questions, with 'today' pinned."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from knowledge.language.periods import _RULES, Period, _built, find_period, periods_named
from knowledge.language.text import folded_text, tokenize

TODAY = date(2026, 11, 25)


def period_of(text: str, today: date = TODAY) -> tuple[date, date] | None:
    found = find_period(folded_text(tokenize(text)), today)
    return (found.start, found.end) if found else None


D = date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("How many people did Amazon cut in 2022–23?", (D(2022, 1, 1), D(2023, 12, 31))),
        ("amazon layoffs 22-23", (D(2022, 1, 1), D(2023, 12, 31))),
        ("in 2022 and 2023", (D(2022, 1, 1), D(2023, 12, 31))),
        ("en 2022 et 2023", (D(2022, 1, 1), D(2023, 12, 31))),
        ("from 2020 to 2022", (D(2020, 1, 1), D(2022, 12, 31))),
        ("between November 2022 and March 2023", (D(2022, 11, 1), D(2023, 3, 31))),
        ("entre novembre 2022 et mars 2023", (D(2022, 11, 1), D(2023, 3, 31))),
        ("in January 2023", (D(2023, 1, 1), D(2023, 1, 31))),
        ("en février 2024", (D(2024, 2, 1), D(2024, 2, 29))),
        ("Q1 2024", (D(2024, 1, 1), D(2024, 3, 31))),
        ("the third quarter of 2023", (D(2023, 7, 1), D(2023, 9, 30))),
        ("premier trimestre 2024", (D(2024, 1, 1), D(2024, 3, 31))),
        ("H2 2023", (D(2023, 7, 1), D(2023, 12, 31))),
        ("on November 4, 2022", (D(2022, 11, 4), D(2022, 11, 4))),
        ("le 4 novembre 2022", (D(2022, 11, 4), D(2022, 11, 4))),
        ("le 1er novembre 2022", (D(2022, 11, 1), D(2022, 11, 1))),
        ("November 4th, 2022", (D(2022, 11, 4), D(2022, 11, 4))),
        ("since October 2025", (D(2025, 10, 1), TODAY)),
        ("depuis octobre 2025", (D(2025, 10, 1), TODAY)),
        ("this year", (D(2026, 1, 1), D(2026, 12, 31))),
        ("cette année", (D(2026, 1, 1), D(2026, 12, 31))),
        ("last year", (D(2025, 1, 1), D(2025, 12, 31))),
        ("l'an dernier", (D(2025, 1, 1), D(2025, 12, 31))),
        ("so far this year", (D(2026, 1, 1), TODAY)),
        ("depuis le début de l'année", (D(2026, 1, 1), TODAY)),
        ("in twenty twenty two", (D(2022, 1, 1), D(2022, 12, 31))),
        ("in 2019", (D(2019, 1, 1), D(2019, 12, 31))),
        ("last month", (D(2026, 10, 1), D(2026, 10, 31))),
    ],
)
def test_periods(text: str, expected: tuple[date, date]) -> None:
    assert period_of(text) == expected


def test_relative_periods_follow_today() -> None:
    assert period_of("so far this year", date(2024, 4, 10)) == (D(2024, 1, 1), D(2024, 4, 10))
    assert period_of("last year", date(2024, 4, 10)) == (D(2023, 1, 1), D(2023, 12, 31))


def test_a_month_without_year_is_the_latest_one_that_has_begun() -> None:
    assert period_of("in December", date(2026, 11, 25)) == (D(2025, 12, 1), D(2025, 12, 31))
    assert period_of("in March", date(2026, 11, 25)) == (D(2026, 3, 1), D(2026, 3, 31))


@pytest.mark.parametrize("text", ["Amazon layoffs", "How many people did AWS cut?", "in 2023 and 50 people"])
def test_no_false_ranges(text: str) -> None:
    found = period_of(text)
    assert found is None or found == (D(2023, 1, 1), D(2023, 12, 31))


def test_period_relations() -> None:
    year = Period(D(2023, 1, 1), D(2023, 12, 31), "year")
    january = Period(D(2023, 1, 1), D(2023, 1, 31), "month")
    assert year.contains(january) and not january.contains(year)
    assert year.overlap_share(january) == 1.0
    assert round(january.overlap_share(year), 3) == round(31 / 365, 3)


_FRAGMENTS = ["in", "2022", "2023", "2019", "and", "or", "than", "january", "march", "dec", "q1", "q3", "h1", "h2",
              "last year", "this year", "from", "to", "until", "between", "since", "the first half of", "-", "23",
              "ago", "months", "3", "past", "the last", "fiscal", "fy2023", "2022-23", "en", "depuis", "mars",
              "l'annee derniere", "debut", "fin", "of", "week", "weeks", "quarter", "so far", "1066", "spring"]


def _every_period(folded: str, today: date) -> list[Period]:
    """Each rule in turn, each of its matches that no earlier rule's period overlaps (the definition)."""
    taken: list[tuple[int, int, Period]] = []
    for rule in _RULES:
        for match in rule.pattern.finditer(folded):
            if any(match.start() < end and start < match.end() for start, end, _ in taken):
                continue
            period = _built(rule, match, today)
            if period is not None:
                taken.append((match.start(), match.end(), period))
    return [period for _, _, period in sorted(taken, key=lambda item: item[0])]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=9))
# the first rule's first match makes no period ("30 - 20"), its second does ("22 - 23"), and a later rule's first
# match overlaps that second one ("23 march 2022"): the single period is still that later rule's
@example(["30 - 20", "22 - 23", "march", "2022"])
def test_one_pass_finds_what_each_search_finds(words: list[str]) -> None:
    folded = folded_text(tokenize(" ".join(words)))
    today = date(2024, 4, 10)
    assert periods_named(folded, today) == (_every_period(folded, today), find_period(folded, today))
