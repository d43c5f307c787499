"""What job cuts cost: read from reporting as a cost fact in millions of its currency, answered with the
fact's own figure, declined plainly when no source gives one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge import ArticleMeta, KnowledgeBase
from knowledge.intake.articles.costs import find_cost
from knowledge.intake.articles.extract import extract_facts
from knowledge.intake.articles.sentences import analyse
from knowledge.types import FactKind, Qualifier
from tests.support.extraction import bundled_matcher

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Severance and other termination benefits will cost the company approximately $800 million.",
     (800, 800, Qualifier.ABOUT, "USD million")),
    ("Le plan social devrait coûter entre 35 et 45 millions en indemnités.", (35, 45, Qualifier.RANGE, "million")),
    ("It expects restructuring charges of $1.2 billion to $1.5 billion.", (1200, 1500, Qualifier.RANGE, "USD million")),
    ("Le coût est estimé à 1,5 milliard d'euros.", (1500, 1500, Qualifier.EXACT, "EUR million")),
    ("The cuts will cost about £12.5 million in redundancy pay.", (12_500, 12_500, Qualifier.ABOUT, "GBP thousand")),
])
def test_a_cost_is_read_in_millions_of_its_currency(sentence: str, expected: tuple[object, ...]) -> None:
    cost = find_cost(analyse(sentence, 0))
    assert cost is not None and (cost.low, cost.high, cost.qualifier, cost.unit) == expected


@pytest.mark.parametrize("sentence", [
    "The company cut 800 jobs, about 5% of its workforce.",  # people, not money
    "Its revenue rose to $4 billion last year.",  # money, but no cost of cuts
    "Each departing employee gets $5,000 in severance.",  # a sum per person, not the company's cost
])
def test_other_numbers_are_no_cost(sentence: str) -> None:
    assert find_cost(analyse(sentence, 0)) is None


def test_an_article_gives_its_company_a_cost_fact_dated_by_its_round() -> None:
    matcher, name_of = bundled_matcher()
    meta = ArticleMeta("https://news.example/cisco", None, "Example", date(2024, 2, 15), "en")
    body = ("Cisco said on Wednesday it would cut more than 4,000 jobs as it restructures. The company expects "
            "severance and other termination benefits to cost approximately $800 million.")
    found = extract_facts(body, meta, matcher, name_of)
    costs = [c.draft for c in found if c.draft.kind == FactKind.COST]
    assert len(costs) == 1
    cost = costs[0]
    assert (cost.company, cost.count_min, cost.detail, cost.announced) == ("Cisco", 800, "USD million",
                                                                          date(2024, 2, 14))
    assert cost.summary == "Cisco put the cost of its job cuts on 14 February 2024 at about 800 million dollars."
    assert not [c for c in found if c.draft.kind == FactKind.LAYOFF and c.draft.count_min == 800]


@pytest.fixture
def costed(tmp_path: Path) -> KnowledgeBase:
    kb = KnowledgeBase.open(f"sqlite:///{tmp_path / 'kb.db'}")
    kb.ingest("Zebulon Robotics said on Tuesday it would cut 340 jobs. The restructuring is expected to cost "
              "between $37 million and $42 million, mostly in severance.",
              ArticleMeta("https://news.example/z", None, "Harbour Ledger", date(2024, 3, 5), "en"), "mod (1)",
              approve=True)
    return kb


@pytest.mark.parametrize(("question", "answer"), [
    ("How much did Zebulon Robotics' layoffs cost?",
     "Zebulon Robotics put the cost of its job cuts on 5 March 2024 at between 37 and 42 million dollars."),
    ("How much severance did Zebulon Robotics pay in 2024?",
     "Zebulon Robotics put the cost of its job cuts on 5 March 2024 at between 37 and 42 million dollars."),
    ("Combien ont coûté les licenciements de Zebulon Robotics ?",
     "Zebulon Robotics a chiffré le coût de ses suppressions d'emplois le 5 mars 2024 entre 37 et 42 millions "
     "de dollars."),
])
def test_a_cost_question_gets_the_facts_own_figure(costed: KnowledgeBase, question: str, answer: str) -> None:
    reply = costed.ask(question, TODAY)
    assert reply.answered and reply.body == answer + " [1]"
    assert reply.citations[0].fact.count_min == 37


def test_without_a_cost_on_record_the_bot_says_so(costed: KnowledgeBase) -> None:
    reply = costed.ask("How much did Amazon's layoffs cost?", TODAY)
    assert not reply.answered and "no figure for what the job cuts cost" in reply.text
    industry = costed.ask("How much did tech layoffs cost in 2023?", TODAY)
    assert not industry.answered and "name the company" in industry.text
