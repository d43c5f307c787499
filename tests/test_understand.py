"""What a question asks, in which language, about whom and when."""

from __future__ import annotations

import pytest

from knowledge.answering.intents import Intent, detect_intent
from knowledge.kb import KnowledgeBase
from knowledge.language.text import fold
from knowledge.language.topics import is_understood
from tests.support.helpers import TODAY


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("How many people did Amazon cut in 2022–23?", Intent.COUNT),
        ("Combien de personnes Amazon a-t-il licenciées en 2022 et 2023 ?", Intent.COUNT),
        ("What share of its staff did Meta cut in 2022?", Intent.SHARE),
        ("What percent of its workforce did Amazon cut?", Intent.SHARE),
        ("Quel pourcentage des effectifs Amazon a-t-il supprimé ?", Intent.SHARE),
        ("When did Twitter's layoffs start?", Intent.WHEN),
        ("Quand AWS a-t-il annoncé des suppressions ?", Intent.WHEN),
        ("Which AWS teams were affected by the 2024 cuts?", Intent.TEAMS),
        ("Quelles équipes d'AWS ont été touchées ?", Intent.TEAMS),
        ("Why did Amazon lay off so many people in 2022-2023?", Intent.REASON),
        ("Pourquoi Amazon a-t-il licencié ?", Intent.REASON),
        ("Who is leading the AWS reorganisation?", Intent.WHO),
        ("Which company had the biggest layoff in 2023?", Intent.BIGGEST),
        ("Biggest layoff in 2020?", Intent.BIGGEST),
        ("What was the total number of Amazon layoffs in 2023?", Intent.TOTAL),
        ("How many employees did Twitter have before the layoffs?", Intent.HEADCOUNT),
        ("How many people work in AWS sales?", Intent.HEADCOUNT),
        ("How many layoffs did Amazon have last year?", Intent.COUNT),  # cuts, not staff
        ("how many job cuts did Meta have in 2022", Intent.COUNT),
        ("How many companies cut jobs so far this year?", Intent.COMPANIES),
        ("Combien d'entreprises ont licencié depuis le début de l'année ?", Intent.COMPANIES),
        ("Amazon layoffs", Intent.TIMELINE),
        ("licenciements Amazon", Intent.TIMELINE),
    ],
)
def test_intents(seed_kb: KnowledgeBase, question: str, intent: Intent) -> None:
    assert seed_kb.understand(question, TODAY).intent is intent


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("How many people did Amazon cut in 2022–23?", "en"),
        ("Combien de personnes Amazon a-t-il licenciées en 2022 et 2023 ?", "fr"),
        ("Pourquoi AWS a supprimé des postes", "fr"),
        ("licenciements chez Amazon en 2023", "fr"),
        ("amazn layoffs 2022-23", "en"),
        ("Amazon", "en"),  # no sign either way: the configured default
    ],
)
def test_language(seed_kb: KnowledgeBase, question: str, language: str) -> None:
    assert seed_kb.understand(question, TODAY).language == language


def test_a_parent_question_names_the_parent(seed_kb: KnowledgeBase) -> None:
    query = seed_kb.understand("How many people did Amazon Web Services cut?", TODAY)
    snapshot = seed_kb.snapshot()
    assert [snapshot.company_name(m.company_id) for m in query.companies] == ["AWS"]


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("How many employees did Zentrico Labs lay off in 2023?", "Zentrico Labs"),
        ("how many employees did fablewick lay off in 2023", "fablewick"),
        ("Combien de personnes Orranta Cloud a-t-elle licenciées en 2023 ?", "Orranta Cloud"),
    ],
)
def test_unknown_companies_are_named(seed_kb: KnowledgeBase, question: str, name: str) -> None:
    query = seed_kb.understand(question, TODAY)
    assert query.companies == ()
    assert query.unknown_names[0] == name


@pytest.mark.parametrize(
    ("question", "industry"),
    [
        ("How many tech workers have been laid off so far this year?", True),
        ("How many people were laid off in 2023?", True),
        ("Combien de salariés de la tech ont été licenciés en 2024 ?", True),
        ("How many people did Amazon cut?", False),
    ],
)
def test_industry_questions(seed_kb: KnowledgeBase, question: str, industry: bool) -> None:
    assert seed_kb.understand(question, TODAY).industry is industry


def test_off_topic(seed_kb: KnowledgeBase) -> None:
    assert not seed_kb.understand("What is the capital of France?", TODAY).on_topic
    assert seed_kb.understand("layoffs in 2023", TODAY).on_topic


def test_numbers_in_the_question_are_hints_not_years(seed_kb: KnowledgeBase) -> None:
    query = seed_kb.understand("When did Meta lay off 11,000 people in 2022?", TODAY)
    assert query.numbers == (11000.0,)


@pytest.mark.parametrize("question", [
    "Which studio did Ubisoft close in January 2025?",
    "Which offices did Zebulon Robotics shut?",
    "Quel studio Ubisoft ferme-t-il définitivement en janvier 2025 ?",
    "Quelles usines Zebulon Robotics a-t-il fermées ?",
])
def test_a_unit_of_a_company_asks_which_teams(question: str) -> None:
    assert detect_intent(fold(question), True) is Intent.TEAMS
    assert all(is_understood(word) for word in ("studio", "offices", "usines", "filiale"))


def test_two_letters_typed_the_wrong_way_round_in_a_short_word_are_understood(seed_kb: KnowledgeBase) -> None:
    """Short words get no similarity allowance (too many near neighbours), but one swap of neighbouring letters
    is undone: "Waht about Amazon in 2023?" is a question about Amazon, not words nothing understood."""
    assert is_understood("waht") and is_understood("hwo")
    assert not is_understood("wxht") and not is_understood("zqxw")
    answer = seed_kb.ask("Waht about Amazon in 2023?", TODAY)
    assert answer.answered and "Amazon" in answer.body
