"""One definition of "the same event", and what it means for review and for answers.

A tracker row and an article about one round become one fact with both citations when they give the
same figure, and one disputed round showing both figures when they do not; a tracker's two rows a day
apart stay two rounds.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge import ArticleMeta, KnowledgeBase
from knowledge.events import Relation, Report, relation, same_time, span

TODAY = date(2026, 12, 1)
EXPORT = """company,location,total_laid_off,date,percentage_laid_off,industry,source,country,date_added,stage,funds_raised
Zebulon Robotics,Lyon,340,2024-03-05,0.12,Hardware,https://tracker.example/zebulon,France,2024-03-06,Series C,120
Orvale,Paris,120,2024-06-12,,HR,https://tracker.example/orvale,France,2024-06-13,Series B,40
Orvale,Paris,45,2024-06-13,,HR,https://tracker.example/orvale-2,France,2024-06-14,Series B,40
"""


def report(day: date | None = date(2024, 3, 5), count: int | None = 340, *, company: int = 1, tracker: bool = False,
           cumulative: bool = False, end: date | None = None, percent: float | None = None,
           kind: str = "layoff") -> Report:
    return Report(company, kind, cumulative, day, end or day, count, count, percent, from_tracker=tracker)


@pytest.mark.parametrize(("a", "b", "expected"), [
    (report(), report(date(2024, 3, 7)), Relation.SAME),  # two days apart, same figure
    (report(), report(date(2024, 3, 9)), Relation.DIFFERENT),  # four days: another round
    (report(), report(count=400), Relation.DISPUTED),  # an article and a tracker disagree
    (report(tracker=True), report(count=400, tracker=True), Relation.DIFFERENT),  # one tracker's two rows
    (report(), report(company=2), Relation.DIFFERENT),
    (report(), report(cumulative=True), Relation.DIFFERENT),  # a running total is not a round
    (report(), report(kind="headcount"), Relation.DIFFERENT),
    (report(count=None, percent=12), report(count=None), Relation.SAME),  # shares that do not contradict
    (report(count=None, percent=12), report(count=None, percent=10), Relation.DIFFERENT),
    (report(), report(count=None, percent=12), Relation.DIFFERENT),  # a count and a share alone: not the same
    (report(None), report(None), Relation.SAME),  # two undated reports of one company
    (report(None), report(), Relation.DIFFERENT),
])
def test_relation(a: Report, b: Report, expected: Relation) -> None:
    assert relation(a, b) is expected
    assert relation(b, a) is expected


def test_running_totals_must_also_end_together() -> None:
    march = report(date(2024, 1, 1), 27_000, cumulative=True, end=date(2024, 3, 31))
    june = report(date(2024, 1, 1), 27_000, cumulative=True, end=date(2024, 6, 30))
    assert same_time(march, march) and not same_time(march, june)
    # a round's reports may disagree on when it ends ("by the end of March" in one, nothing in the other)
    assert same_time(report(end=date(2024, 3, 31)), report())


def test_span_reads_a_fact_as_its_announcement_then_its_period() -> None:
    assert span(date(2024, 3, 5), None, None) == (date(2024, 3, 5), date(2024, 3, 5))
    assert span(None, date(2024, 1, 1), None) == (date(2024, 1, 1), date(2024, 12, 31))
    assert span(date(2024, 1, 10), date(2024, 1, 1), date(2024, 3, 31)) == (date(2024, 1, 10), date(2024, 3, 31))
    assert span(None, None, None) == (None, None)


def test_a_tracker_row_and_an_article_are_one_round(database_url: str, tmp_path: Path) -> None:
    export = tmp_path / "tracker.csv"
    export.write_text(EXPORT, encoding="utf-8")
    kb = KnowledgeBase.open(database_url)
    try:
        kb.import_file(export)
        same = kb.ingest("Zebulon Robotics will lay off 340 employees, about 12% of its workforce, the company "
                         "said on Tuesday.", ArticleMeta("https://news.example/z", None, "Harbour Ledger",
                                                         date(2024, 3, 5), "en"), "mod (1)", approve=True)
        other = kb.ingest("Orvale is cutting 150 jobs in France, the payroll software maker said on Wednesday.",
                          ArticleMeta("https://news.example/o", None, "Courrier", date(2024, 6, 12), "en"),
                          "mod (1)", approve=True)
        zebulon = kb.ask("How many people did Zebulon Robotics lay off in 2024?", TODAY)
        orvale = kb.ask("How many people did Orvale lay off in June 2024?", TODAY)
    finally:
        kb.close()

    # the same figure: the article's source joined the tracker's fact
    assert [o.status for o in same.outcomes] == ["merged"]
    assert zebulon.body.startswith("Zebulon Robotics laid off 340 people") and "680" not in zebulon.text
    assert [r.label.url for r in zebulon.references] == ["https://tracker.example/zebulon", "https://news.example/z"]
    # another figure for the same round: both shown, never added; the tracker's next-day row is its own round
    assert [o.status for o in other.outcomes] == ["active"]
    assert "120 people [1] / 150 people [2] (sources disagree) on 12 June 2024" in orvale.body
    assert "45 people on 13 June 2024" in orvale.body and "between 165 and 195 people" in orvale.body
    assert "315" not in orvale.text


def test_a_stated_total_counts_the_rounds_it_includes_once(tmp_path: Path) -> None:
    export = tmp_path / "tracker.csv"
    export.write_text(EXPORT.splitlines()[0] + "\n"
                      "Quorvex,Seattle,10000,2022-11-16,,Retail,https://tracker.example/q1,United States,2022-11-17,"
                      "Post-IPO,100\n"
                      "Quorvex,Seattle,8000,2023-01-04,,Retail,https://tracker.example/q2,United States,2023-01-05,"
                      "Post-IPO,100\n", encoding="utf-8")
    kb = KnowledgeBase.open(f"sqlite:///{tmp_path / 'kb.db'}")
    try:
        kb.import_file(export)
        report = kb.ingest("Quorvex said on Wednesday that it would cut more than 18,000 jobs in all, including the "
                           "10,000 announced in November, as the retailer reins in costs.",
                           ArticleMeta("https://news.example/q", None, "Wire", date(2023, 1, 4), "en"), "mod (1)",
                           approve=True)
        total = kb.fact(report.candidates[0][0]).state
        answer = kb.ask("How many people did Quorvex lay off between November 2022 and January 2023?", TODAY)
    finally:
        kb.close()

    assert total.cumulative and total.period_end == date(2023, 1, 4) and total.count_min == 18_000
    assert answer.body == ("Quorvex had laid off more than 18,000 people in all by 4 January 2023 [1], a total that "
                           "includes 10,000 people on 16 November 2022 [2]; 8,000 people on 4 January 2023 [3].")
    for added_up in ("28,000", "36,000", "26,000"):
        assert added_up not in answer.text
