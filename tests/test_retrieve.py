"""Retrieval's rules on running totals, one case at a time: which rounds a cumulative figure already includes
(`covers`), and which stated total answers a period (`stated_total`).  The answers built on them are tested in
test_answers.py and test_events.py; these pin each condition, so a changed one cannot pass unnoticed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from knowledge.answering.retrieve import CUMULATIVE_LOOKBACK, Round, covers, rank, stated_total, total_of
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


def test_ranking_puts_the_period_first_then_a_figure_the_question_names_then_its_wording() -> None:
    year = Period(date(2023, 1, 1), date(2023, 12, 31), "year")
    in_year = Period(date(2023, 3, 1), date(2023, 3, 31), "month")
    plain = replace(fact(20, date(2023, 3, 1), period=in_year), summary="Acme cut staff.", confidence=0.9)
    named = replace(fact(21, date(2023, 3, 2), period=in_year, count=350), summary="Acme cut staff.", confidence=0.9)
    worded = replace(fact(22, date(2023, 3, 3), period=in_year), summary="Acme closed its Lyon robotics lab.",
                     confidence=0.9)
    detailed = replace(worded, id=23, summary="Acme cut staff.", detail="Lyon robotics lab")
    outside = replace(fact(24, date(2022, 3, 1), period=Period(date(2022, 3, 1), date(2022, 3, 31), "month"),
                           count=350), summary="Acme closed its Lyon robotics lab.", confidence=1.0)
    assert rank([outside, plain, named], year, (350.0,))[0] is named  # the period first, then the figure
    assert rank([outside, plain], None)[0] is outside  # no period asked: confidence decides
    assert rank([plain, named], year, ())[0] is named  # nothing named: the most recent of equals
    assert rank([named, plain], year, (99.0,))[0] is named  # a figure nobody has decides nothing
    assert rank([plain, worded], year, (), "lyon robotics lab")[0] is worded
    assert rank([plain, detailed], year, (), "lyon robotics lab")[0] is detailed  # its detail counts as wording
    assert rank([worded, plain], year)[0] is worded  # no question: wording decides nothing, then the latest...
    assert rank([replace(plain, when=date(2023, 3, 9)), worded], year)[0].id == plain.id  # ...is first
    assert rank([plain], year) == [plain] and rank([], year) == []


def test_a_total_adds_each_round_once_and_keeps_only_the_widest_running_total() -> None:


    march = fact(30, date(2023, 3, 1), count=300)
    earlier_total = fact(31, date(2023, 3, 31), period=Period(date(2023, 1, 1), date(2023, 3, 31), "to_date"),
                         cumulative=True, count=500)
    total = total_of([Round((march,)), Round((earlier_total,)), Round((TOTAL,))])
    assert [r.main.id for r in total.parts] == [TOTAL.id] and total.low == total.high == 1000
    up_to = replace(fact(32, date(2023, 8, 1), count=None), count_max=200, qualifier="up_to")
    unqualified = replace(fact(33, date(2023, 9, 1), count=40), qualifier=None)
    sums = total_of([Round((up_to,)), Round((unqualified,))])
    assert (sums.low, sums.high, sums.qualifier) == (240, 240, "about")  # an upper bound adds its figure
    exact = total_of([Round((unqualified,))])
    assert (exact.low, exact.qualifier) == (40, "exact")  # a figure without a qualifier is exact
