"""Follow-up questions in the core: a reply understood as the next question of a conversation, merged with the
question before it (`knowledge.answering.followup`), and conversations kept in the answer log."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from knowledge import Conversation, GivenAnswer, Turn
from knowledge.answering.followup import MAX_TURNS, follow_up
from knowledge.answering.intents import Group, Intent
from knowledge.answering.query import Query
from knowledge.kb import KnowledgeBase
from knowledge.language.dimensions import Dimension
from knowledge.language.periods import year
from knowledge.settings import AnswerSettings
from tests.support.helpers import TODAY
from tests.support.tagged_tracker import tagged_kb

MICROSOFT_2023 = "How many people did Microsoft lay off in 2023?"
CANADA_2023 = "How many people were laid off in Canada in 2023?"


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    base = tagged_kb(tmp_path_factory.mktemp("followup"))
    yield base
    base.close()


def conversation(kb: KnowledgeBase, *questions: str) -> Conversation:
    """The conversation these questions make, each with the language its answer was in."""
    return Conversation(1, tuple(Turn(q, kb.ask(q, TODAY).language) for q in questions))


def followed(kb: KnowledgeBase, question: str, *before: str) -> Query:
    return follow_up(question, conversation(kb, *before).turns, kb.snapshot(), TODAY, "en")


def names(query: Query) -> list[str]:
    return [kb_name.written for kb_name in query.companies]


def places(query: Query) -> set[str]:
    return {key for item in query.filters.items if item.dimension in {Dimension.COUNTRY, Dimension.CITY}
            for key in item.keys}


# -- each part replaced, the rest kept ----------------------------------------------------------------


def test_a_period_named_replaces_the_period_and_keeps_who_and_what(kb: KnowledgeBase) -> None:
    query = followed(kb, "and in 2022?", MICROSOFT_2023)
    assert query.period == year(2022) and names(query) == ["Microsoft"] and query.intent is Intent.COUNT
    answer = kb.follow_up("and in 2024?", conversation(kb, CANADA_2023), TODAY)
    assert answer.language == "en" and not answer.answered and "Canada" in answer.text and "2024" in answer.text


def test_a_company_named_replaces_the_companies_and_keeps_the_period(kb: KnowledgeBase) -> None:
    query = followed(kb, "what about Acme Pay?", MICROSOFT_2023)
    assert names(query) == ["Acme Pay"] and query.period == year(2023) and query.intent is Intent.COUNT
    answer = kb.follow_up("what about Acme Pay?", conversation(kb, MICROSOFT_2023), TODAY)
    assert answer.text.startswith("Acme Pay laid off 500 people in 2023")
    assert [d.value for d in answer.derived if d.op == "sum"] == [500] and len(answer.citations) == 2
    # after a question about a place, a company is asked about instead of the place
    after_place = followed(kb, "what about Acme Pay?", CANADA_2023)
    assert names(after_place) == ["Acme Pay"] and not after_place.filters and not after_place.industry


def test_a_filter_named_replaces_the_filter_of_its_kind(kb: KnowledgeBase) -> None:
    query = followed(kb, "and in Germany?", CANADA_2023)
    assert places(query) == {"Germany"} and query.period == year(2023) and query.industry
    answer = kb.follow_up("and in Germany?", conversation(kb, CANADA_2023), TODAY)
    assert answer.text.startswith("The trackers in my knowledge base record 80 people laid off in Germany in 2023")
    # a city replaces a country: a place is one part
    assert places(followed(kb, "and in Toronto?", "How many people were laid off in Germany in 2023?")) == {"Toronto"}
    # another kind of filter is added to the place
    fintech = followed(kb, "and in fintech?", "How many people were laid off in the US in 2023?")
    assert places(fintech) == {"United States"} and fintech.filters.on(Dimension.INDUSTRY) is not None


def test_a_filter_after_a_question_about_companies_asks_about_the_filter(kb: KnowledgeBase) -> None:
    query = followed(kb, "and in the US?", MICROSOFT_2023)
    assert not query.companies and places(query) == {"United States"} and query.period == year(2023)
    answer = kb.follow_up("and in the US?", conversation(kb, MICROSOFT_2023), TODAY)
    assert "12,261 people laid off in the United States in 2023" in answer.text
    everyone = followed(kb, "and across the tech industry?", MICROSOFT_2023)
    assert not everyone.companies and everyone.industry and everyone.period == year(2023)


@pytest.mark.parametrize(
    ("follow", "intent", "text"),
    [
        ("and the biggest one?", Intent.BIGGEST, "Microsoft laid off 10,000 people, 5% of its staff, on 18 January "
                                                 "2023"),
        ("when?", Intent.WHEN, "on 18 January 2023"),
        ("and how many companies?", None, None),
    ],
)
def test_what_is_asked_replaces_the_intent(kb: KnowledgeBase, follow: str, intent: Intent | None,
                                           text: str | None) -> None:
    if intent is None:  # how many companies: asked of a place
        query = followed(kb, follow, CANADA_2023)
        assert query.intent is Intent.COMPANIES and places(query) == {"Canada"} and query.period == year(2023)
        answer = kb.follow_up(follow, conversation(kb, CANADA_2023), TODAY)
        assert answer.text.startswith("The trackers in my knowledge base record layoffs at 2 companies in Canada")
        return
    query = followed(kb, follow, MICROSOFT_2023)
    assert query.intent is intent and names(query) == ["Microsoft"] and query.period == year(2023)
    assert text in kb.follow_up(follow, conversation(kb, MICROSOFT_2023), TODAY).text


def test_a_ranking_goes_on_with_another_period_or_length(kb: KnowledgeBase) -> None:
    ranking = "Which 3 countries had the most layoffs in 2023?"
    longer = followed(kb, "and the top 5?", ranking)
    assert (longer.intent, longer.group, longer.top, longer.period) == (Intent.RANKING, Group.COUNTRY, 5, year(2023))
    last_year = followed(kb, "what about last year?", ranking)  # a period, not a list of years
    assert (last_year.intent, last_year.group, last_year.top, last_year.period) == (
        Intent.RANKING, Group.COUNTRY, 3, year(2023))
    in_2022 = kb.follow_up("and in 2022?", conversation(kb, ranking), TODAY)
    assert in_2022.text.startswith("The 3 countries with the most people laid off across all industries in 2022")


def test_a_comparison_goes_on_with_another_period_or_becomes_a_count(kb: KnowledgeBase) -> None:
    compared = "Did Acme Pay lay off more people than Kite in 2023?"
    later = followed(kb, "and in 2024?", compared)
    assert later.intent is Intent.COMPARE and [s.period for s in later.sides] == [year(2024)] * 2
    assert [s.label for s in later.sides] == ["Acme Pay", "Kite"]
    other = followed(kb, "what about Tekion?", compared)
    assert other.intent is Intent.COUNT and not other.sides and names(other) == ["Tekion"]
    both = followed(kb, "and Tekion or Cobalt Health?", compared)
    assert [s.label for s in both.sides] == ["Tekion", "Cobalt Health"] and both.sides[0].period == year(2023)


def test_french_follow_ups_are_answered_in_french(kb: KnowledgeBase) -> None:
    answer = kb.follow_up("et en Allemagne ?", conversation(kb, CANADA_2023), TODAY)
    assert answer.language == "fr"
    assert answer.text.startswith("Les suivis de ma base recensent 80 personnes licenciées en Allemagne en 2023")
    # a French conversation goes on in French when the reply gives no sign of its language
    french = "Combien de personnes ont été licenciées au Canada en 2023 ?"
    assert kb.follow_up("2022 ?", conversation(kb, french), TODAY).language == "fr"
    english = kb.follow_up("and in 2022?", conversation(kb, french), TODAY)
    assert english.language == "en" and "Canada in 2022" in english.text


def test_a_complete_question_is_answered_as_it_is(kb: KnowledgeBase) -> None:
    question = "How many people did Acme Pay lay off?"
    query = followed(kb, question, MICROSOFT_2023)
    assert query == kb.understand(question, TODAY)  # no period inherited: it names none
    # opening as a follow-up does ("and …"), the same words go on from the conversation
    assert followed(kb, "and how many people did Acme Pay lay off?", MICROSOFT_2023).period == year(2023)


def test_an_off_topic_reply_is_declined_as_usual(kb: KnowledgeBase) -> None:
    answer = kb.follow_up("what's the capital of France?", conversation(kb, MICROSOFT_2023), TODAY)
    assert not answer.answered and "capital" in answer.text and not answer.citations
    assert kb.follow_up("what was Microsoft's revenue?", conversation(kb, MICROSOFT_2023), TODAY).answered is False
    # and the conversation goes on from the question before it
    after = kb.follow_up("and the biggest one?", conversation(kb, MICROSOFT_2023, "what's the capital of France?"),
                         TODAY)
    assert after.text.startswith("Microsoft laid off 10,000 people")


def test_a_reply_to_a_decline_goes_on_from_its_question(kb: KnowledgeBase) -> None:
    declined = "How many people did Microsoft lay off in 2021?"
    assert not kb.ask(declined, TODAY).answered
    assert kb.follow_up("and in 2023?", conversation(kb, declined), TODAY).text.startswith(
        "Microsoft laid off 10,716 people in 2023")


def test_a_conversation_of_follow_ups_accumulates(kb: KnowledgeBase) -> None:
    turns = (CANADA_2023, "and in Germany?", "and in 2022?")
    query = followed(kb, "and the biggest one?", *turns)
    assert (places(query), query.period, query.intent) == ({"Germany"}, year(2022), Intent.BIGGEST)
    assert "Fjord Data" in kb.follow_up("and the biggest one?", conversation(kb, *turns), TODAY).text


def test_without_a_conversation_a_reply_is_a_question(kb: KnowledgeBase) -> None:
    assert followed(kb, "and in 2024?") == kb.understand("and in 2024?", TODAY)
    assert not kb.follow_up("and in 2024?", Conversation(1, ()), TODAY).answered


# -- conversations in the answer log ------------------------------------------------------------------


def given(answer_id: int, question: str, message_id: int, follows: int | None = None,
          language: str = "en") -> GivenAnswer:
    return GivenAnswer(id=answer_id, question=question, language=language, answered=True, guild_id="7",
                       message_id=message_id, at=datetime(2024, 4, 10, tzinfo=UTC), follows=follows)


def test_the_answer_log_keeps_conversations(database_url: str) -> None:
    kb = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0))
    try:
        kb.record_answers([given(10, MICROSOFT_2023, 110), given(11, "and in 2022?", 111, follows=10)])
        kb.record_answers([given(12, "et en 2024 ?", 112, follows=11, language="fr"),
                           given(13, "what about Acme Pay?", 113, follows=10)])
        assert kb.conversation(112) == Conversation(12, (Turn(MICROSOFT_2023, "en"), Turn("and in 2022?", "en"),
                                                         Turn("et en 2024 ?", "fr")))
        assert kb.conversation(113) == Conversation(13, (Turn(MICROSOFT_2023, "en"), Turn("what about Acme Pay?",
                                                                                          "en")))
        assert kb.conversation(110) == Conversation(10, (Turn(MICROSOFT_2023, "en"),))
        assert kb.conversation(12) is None and kb.conversation(999) is None and kb.conversation(2**64) is None
        assert kb.given_answer(12) == given(12, "et en 2024 ?", 112, follows=11, language="fr")
    finally:
        kb.close()


def test_a_long_conversation_keeps_its_latest_questions(sqlite_url: str) -> None:
    kb = KnowledgeBase.open(sqlite_url, AnswerSettings(refresh_interval=0))
    try:
        kb.record_answers([given(1, "q1", 101)] + [given(n, f"q{n}", 100 + n, follows=n - 1) for n in range(2, 31)])
        found = kb.conversation(130)
        assert found is not None and len(found.turns) == MAX_TURNS
        assert found.turns[0].question == f"q{31 - MAX_TURNS}" and found.turns[-1].question == "q30"
        # an answer that (wrongly) follows itself ends its chain rather than looping
        kb.record_answers([given(40, "loop", 140, follows=40)])
        assert kb.conversation(140) == Conversation(40, (Turn("loop", "en"),))
    finally:
        kb.close()


def test_the_follows_migration_keeps_answers_and_votes_and_can_go_back(database_url: str) -> None:
    """0007: one nullable column; answers logged before it follow nothing, and going back keeps them (and the
    votes that refer to them)."""
    from alembic import command
    from sqlalchemy import MetaData, insert, select

    from knowledge.storage.schema import alembic_config, upgrade
    from knowledge.storage.store import make_engine

    answer = {"id": 10**18, "at": datetime(2024, 4, 10, tzinfo=UTC), "message_id": 10**18 + 1, "guild_id": "7",
              "question": MICROSOFT_2023, "language": "en", "answered": True, "fact_ids": "3"}
    vote = {"at": answer["at"], "question": MICROSOFT_2023, "helpful": True, "fact_ids": "3", "voter": "h",
            "guild_id": "7", "answer_id": 10**18}
    engine = make_engine(database_url)
    try:
        upgrade(engine, "0006")
        tables = MetaData()
        tables.reflect(engine)
        with engine.begin() as connection:
            connection.execute(insert(tables.tables["answer"]), [answer])
            connection.execute(insert(tables.tables["feedback"]), [vote])
        assert upgrade(engine)[0] == "0006"
        upgraded = MetaData()
        upgraded.reflect(engine)
        with engine.connect() as connection:
            [row] = connection.execute(select(upgraded.tables["answer"])).mappings().all()
        assert row["follows"] is None and row["question"] == MICROSOFT_2023 and row["message_id"] == 10**18 + 1
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0006")
        downgraded = MetaData()
        downgraded.reflect(engine)
        assert "follows" not in downgraded.tables["answer"].c
        with engine.connect() as connection:
            assert connection.execute(select(downgraded.tables["answer"].c.id)).scalars().all() == [10**18]
            assert connection.execute(select(downgraded.tables["feedback"].c.answer_id)).scalars().all() == [10**18]
    finally:
        engine.dispose()


def test_a_reply_to_a_follow_up_reads_only_itself_again(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    """The conversation a follow-up reached is remembered as the answer log will give it back, so the next reply
    costs one understanding, however long the conversation; a new snapshot reads it again."""
    from knowledge.answering import followup

    read: list[str] = []
    real = followup.understand

    def counting(question: str, *args: object, **kwargs: object) -> Query:
        read.append(question)
        return real(question, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(followup, "understand", counting)
    snapshot = replace(kb.snapshot(), memo={})  # nothing remembered from the other tests
    turns: tuple[Turn, ...] = (Turn("How many people were laid off in Canada in 2023?", "en"),)
    for reply in ("and in Germany?", "et en 2022 ?", "and the biggest one?"):
        read.clear()
        query = follow_up(reply, turns, snapshot, TODAY, "en")
        assert read == ([turns[0].question] if len(turns) == 1 else []) + [reply]
        turns = (*turns, Turn(query.question, query.language))  # as the answer log keeps it
    assert places(query) == {"Germany"} and query.period == year(2022) and query.intent is Intent.BIGGEST
    read.clear()
    assert follow_up("and in 2023?", turns, replace(snapshot, memo={}), TODAY, "en").period == year(2023)
    assert read == [t.question for t in turns] + ["and in 2023?"]
