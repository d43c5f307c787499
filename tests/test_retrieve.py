"""Retrieval's rules on running totals, one case at a time: which rounds a cumulative figure already includes
(`covers`), and which stated total answers a period (`stated_total`).  The answers built on them are tested in
test_answers.py and test_events.py; these pin each condition, so a changed one cannot pass unnoticed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from knowledge.answering.retrieve import CUMULATIVE_LOOKBACK, covers, stated_total
from knowledge.answering.snapshot import FactView
from knowledge.language.periods import Period

ACME, OTHER = 1, 2


def fact(id: int, when: date, *, company_id: int | None = ACME, period: Period | None = None,
         cumulative: bool = False, count: int | None = 100) -> FactView:
    return FactView(id=id, company_id=company_id, company="Acme", kind="layoff", count_min=count, count_max=count,
                    qualifier="exact" if count is not None else None, percent=None, percent_qualifier=None, labels=(),
                    detail=None, period=period, announced=when, cumulative=cumulative, summary=f"Acme fact {id}.",
                    caveats=(), note=None, confidence=1.0, version=1, updated_at=None, when=when)


JUNE = date(2023, 6, 30)
TO_JUNE = Period(date(2023, 1, 1), JUNE, "to_date")
TOTAL = fact(1, JUNE, period=TO_JUNE, cumulative=True, count=1000)


def test_a_running_total_covers_the_rounds_of_its_own_company_within_its_period() -> None:
    assert covers(TOTAL, fact(2, date(2023, 1, 1)))  # its first day counts
    assert covers(TOTAL, fact(3, JUNE))  # and its last
    assert not covers(TOTAL, fact(4, date(2022, 12, 31)))
    assert not covers(TOTAL, fact(5, date(2023, 7, 1)))
    assert not covers(TOTAL, fact(6, date(2023, 3, 1), company_id=OTHER))
    assert not covers(TOTAL, TOTAL)  # never itself


def test_a_total_of_one_day_reaches_back_half_a_year() -> None:
    one_day = fact(7, JUNE, period=Period(JUNE, JUNE, "day"), cumulative=True)
    undated_period = replace(one_day, period=None)
    for total in (one_day, undated_period):
        assert covers(total, fact(8, JUNE - CUMULATIVE_LOOKBACK))
        assert not covers(total, fact(9, JUNE - CUMULATIVE_LOOKBACK - timedelta(days=1)))
        assert not covers(total, fact(10, JUNE + timedelta(days=1)))


def test_a_running_total_covers_another_only_when_its_period_holds_it() -> None:
    earlier = fact(11, date(2023, 3, 31), period=Period(date(2023, 1, 1), date(2023, 3, 31), "to_date"),
                   cumulative=True)
    assert covers(TOTAL, earlier)
    assert not covers(earlier, TOTAL)
    no_period = replace(earlier, period=None)
    assert not covers(TOTAL, no_period)  # a running total of unknown reach is not known to be inside
    later_start = fact(12, date(2023, 5, 1), period=Period(date(2022, 6, 1), date(2023, 5, 1), "to_date"),
                       cumulative=True)
    assert not covers(TOTAL, later_start)  # inside in time, but reaching further back than the total


def test_a_stated_total_answers_the_period_it_states() -> None:
    first_half = Period(date(2023, 1, 1), JUNE, "half")
    assert stated_total([TOTAL], first_half) is TOTAL
    assert stated_total([TOTAL], None) is None
    assert stated_total([replace(TOTAL, cumulative=False)], first_half) is None
    assert stated_total([replace(TOTAL, period=None)], first_half) is None
    assert stated_total([replace(TOTAL, count_min=None, count_max=None)], first_half) is None
    # a figure up to a day answers "so far" from the same start, however far the period asked runs on
    assert stated_total([TOTAL], Period(date(2023, 1, 1), date(2023, 12, 31), "year")) is TOTAL
    assert stated_total([TOTAL], Period(date(2023, 2, 1), date(2023, 12, 31), "range")) is None


def test_a_stated_total_must_cover_most_of_the_period_and_the_closest_wins() -> None:
    year = Period(date(2023, 1, 1), date(2023, 12, 31), "year")
    ten_months = fact(13, date(2023, 10, 31), period=Period(date(2023, 1, 1), date(2023, 10, 31), "range"),
                      cumulative=True)  # 304 of 365 days: 0.83
    nine_months = replace(ten_months, id=14, period=Period(date(2023, 1, 1), date(2023, 9, 30), "range"))  # 0.75
    whole = replace(ten_months, id=15, period=Period(date(2023, 1, 1), date(2023, 12, 31), "range"))
    skipped = fact(16, date(2023, 5, 1))  # not a running total: skipped, the search goes on
    assert stated_total([skipped, ten_months], year) is ten_months
    assert stated_total([nine_months], year) is None
    assert stated_total([ten_months, whole], year) is whole
    assert stated_total([whole, ten_months], year) is whole
    exact_to_date = replace(TOTAL, id=17, period=Period(date(2023, 1, 1), date(2023, 12, 31), "to_date"))
    assert stated_total([whole, exact_to_date], year) is whole  # equally good: the first found stays
    share = min(year.overlap_share(ten_months.period), ten_months.period.overlap_share(year))  # type: ignore[arg-type]
    assert 0.8 <= share < 1.0
