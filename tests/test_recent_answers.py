"""Recent answers are given again at once, and never once the knowledge, the day or the language differ."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import knowledge.kb as kb_module
from bot.config import ConfigError, load_settings
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from tests.support.helpers import TODAY

AMAZON = "How many people did Amazon cut in 2022-23?"


@pytest.fixture
def composed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The questions really composed (not given again from memory)."""
    asked: list[str] = []
    compose = kb_module.compose

    def counted(query, snapshot, settings):  # type: ignore[no-untyped-def]
        asked.append(query.question)
        return compose(query, snapshot, settings)

    monkeypatch.setattr(kb_module, "compose", counted)
    return asked


def open_kb(tmp_path: Path, size: int = 2048) -> KnowledgeBase:
    return KnowledgeBase.open(f"sqlite:///{tmp_path / 'kb.db'}", AnswerSettings(recent_answers=size,
                                                                                refresh_interval=0))


@pytest.fixture
def kb(tmp_path: Path) -> Iterator[KnowledgeBase]:
    knowledge = open_kb(tmp_path)
    yield knowledge
    knowledge.close()


def test_the_same_question_the_same_day_is_answered_once(kb: KnowledgeBase, composed: list[str]) -> None:
    first = kb.ask(AMAZON, today=TODAY, language="en")
    again = kb.ask(AMAZON, today=TODAY, language="en")
    assert again is first and composed == [AMAZON]
    assert "27,000" in first.text


def test_another_day_language_or_wording_is_answered_afresh(kb: KnowledgeBase, composed: list[str]) -> None:
    kb.ask(AMAZON, today=TODAY, language="en")
    kb.ask(AMAZON, today=date(2025, 1, 1), language="en")  # "this year" would mean another year
    kb.ask(AMAZON, today=TODAY, language="fr")  # the default language of a question with no sign of its own
    kb.ask(AMAZON.lower(), today=TODAY, language="en")
    assert len(composed) == 4


def test_a_change_forgets_every_answer(kb: KnowledgeBase, composed: list[str]) -> None:
    before = kb.ask(AMAZON, today=TODAY, language="en")
    fact = before.facts[0]
    assert len(kb._recent) == 1
    kb.retract(fact.id, "mod", "checking that answers follow")
    # forgotten as the snapshot changed, not at the next question (they may hold the old facts' last references)
    assert len(kb._recent) == 0
    after = kb.ask(AMAZON, today=TODAY, language="en")
    assert composed == [AMAZON, AMAZON]
    assert fact.id not in [f.id for f in after.facts]
    kb.restore(fact.id, "mod", "back")
    assert fact.id in [f.id for f in kb.ask(AMAZON, today=TODAY, language="en").facts]


def test_the_least_recently_used_answer_goes_first(tmp_path: Path, composed: list[str]) -> None:
    kb = open_kb(tmp_path, size=2)
    try:
        for question in ("Amazon layoffs", "Meta layoffs", "Amazon layoffs", "Google layoffs", "Amazon layoffs",
                         "Meta layoffs"):
            kb.ask(question, today=TODAY, language="en")
    finally:
        kb.close()
    # Amazon was used again before Google came, so Meta went; Meta comes back as a new answer
    assert composed == ["Amazon layoffs", "Meta layoffs", "Google layoffs", "Meta layoffs"]


def test_none_are_kept_when_the_setting_is_zero(tmp_path: Path, composed: list[str]) -> None:
    kb = open_kb(tmp_path, size=0)
    try:
        first, again = (kb.ask(AMAZON, today=TODAY, language="en") for _ in range(2))
    finally:
        kb.close()
    assert composed == [AMAZON, AMAZON] and first == again and first is not again


@pytest.mark.parametrize("value", ["-1", "true", "2.5", '"many"'])
def test_the_setting_must_be_a_whole_number(tmp_path: Path, value: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f"[answers]\nrecent_answers = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="answers.recent_answers must be a whole number"):
        load_settings(str(config))
