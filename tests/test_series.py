"""The chart data an answer carries (knowledge.answering.series): which rounds, by month or quarter, what is left
out and said in the note; and that charting costs the command line nothing (matplotlib is never imported)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from knowledge import chart_series
from knowledge.drafts import FactDraft, SourceDraft
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings

TODAY = date(2024, 4, 10)
ROOT = Path(__file__).resolve().parent.parent


def layoff(company: str, people: int | None, day: date, publisher: str, **fields: object) -> FactDraft:
    return FactDraft(kind="layoff", company=company, count_min=people, count_max=people,
                     qualifier="exact" if people else None, announced=day, summary=f"{company} cut jobs.",
                     sources=((SourceDraft(url=f"https://{publisher.lower()}.example/{company}/{day}",
                                           publisher=publisher), None),), **fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    base = KnowledgeBase.open(f"sqlite:///{tmp_path_factory.mktemp('series') / 'kb.db'}",
                              AnswerSettings(refresh_interval=0))
    for draft in [
        # Zorbex: three rounds in 2023 (two in March), one in 2021, one without a figure
        layoff("Zorbex", 120, date(2023, 3, 2), "Alpha"),
        layoff("Zorbex", 80, date(2023, 3, 20), "Alpha"),
        layoff("Zorbex", 45, date(2023, 7, 14), "Beta"),
        layoff("Zorbex", None, date(2023, 9, 1), "Gamma", percent=5.0, percent_qualifier="exact"),
        layoff("Zorbex", 300, date(2021, 5, 5), "Delta"),
        # Quillon: a stated total over two years (drawn on no bar) beside two dated rounds
        layoff("Quillon", 200, date(2022, 2, 1), "Alpha"),
        layoff("Quillon", 100, date(2022, 8, 1), "Alpha"),
        FactDraft(kind="layoff", company="Quillon", count_min=1000, count_max=1000, qualifier="more_than",
                  period_start=date(2020, 1, 1), period_end=date(2021, 12, 31), cumulative=True,
                  summary="Quillon cut more than 1,000 jobs over 2020 and 2021.",
                  sources=((SourceDraft(url="https://epsilon.example/quillon", publisher="Epsilon"), None),)),
    ]:
        base.add(draft, "test")
    yield base
    base.close()


def test_a_total_over_a_year_is_drawn_by_month_from_its_rounds(kb: KnowledgeBase) -> None:
    answer = kb.ask("How many people did Zorbex lay off in 2023?", TODAY)
    series = chart_series(answer)
    assert series is not None and series.grain == "month"
    assert [(bar.label, bar.people) for bar in series.bars] == [
        ("Mar 2023", 200), ("Apr 2023", 0), ("May 2023", 0), ("Jun 2023", 0), ("Jul 2023", 45)]
    head = next(d for d in answer.derived if d.op == "sum")
    assert sorted(f.id for f in series.rounds) == sorted(f.id for f in head.terms)  # the total's own terms
    assert series.total == head.value == 245
    assert [f.id for f in series.unsized] == [f.id for f in answer.rows if not f.has_count]
    assert series.note == "Sources: Alpha, Beta, Gamma · 1 round gave no figure"
    assert series.title == answer.question and series.axis == "People laid off per month"


def test_a_long_span_is_drawn_by_quarter_and_names_its_sources_briefly(kb: KnowledgeBase) -> None:
    series = chart_series(kb.ask("Zorbex layoffs", TODAY))
    assert series is not None and series.grain == "quarter"
    assert series.bars[0].label == "Q2 2021" and series.bars[-1].label == "Q3 2023"
    assert len(series.bars) == 10  # every quarter between, empty ones included
    assert {bar.label: bar.people for bar in series.bars if bar.people} == {"Q2 2021": 300, "Q1 2023": 200,
                                                                          "Q3 2023": 45}
    assert series.note == "Sources: Alpha, Beta, Delta and 1 more · 1 round gave no figure"


def test_a_total_for_a_longer_period_is_not_drawn_but_said(kb: KnowledgeBase) -> None:
    series = chart_series(kb.ask("Les licenciements chez Quillon", TODAY, language="fr"))
    assert series is not None and series.language == "fr"
    assert {bar.label: bar.people for bar in series.bars if bar.people} == {"févr. 2022": 200, "août 2022": 100}
    assert [f.count_min for f in series.undrawn] == [1000]
    assert series.note == ("Sources : Alpha, Epsilon · chaque vague a un chiffre · 1 chiffre portant sur une "
                           "période plus longue n'est pas représenté")


def test_rounds_of_one_month_are_no_chart(kb: KnowledgeBase) -> None:
    assert chart_series(kb.ask("How many people did Zorbex lay off in March 2023?", TODAY)) is None


def test_the_command_line_never_imports_matplotlib() -> None:
    """Charts are drawn in the bot's worker process only: starting the command line or the bot's modules must
    not pay for matplotlib's import."""
    code = ("import sys, bot.cli, bot.discord.client, bot.exts.ask, bot.exts.layoffs; "
            "print('matplotlib' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
