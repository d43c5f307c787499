"""The answer log and votes in storage, on SQLite and PostgreSQL: one vote per member per answer, only on
answers given, where they were given; nobody's id stored."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlmodel import select

from knowledge.facts.feedback import GivenAnswer, Vote, record_answers, record_vote, unanswered, voter_key
from knowledge.storage.models import Answer, Feedback, Question
from knowledge.storage.store import Store

HOME, OTHER, MEMBER = "1200000000000000001", "1400000000000000001", "1300000000000000001"
ANSWER, MESSAGE = 1_577_000_000_000_000_001, 1_577_000_000_000_000_002


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = Store.open(database_url)
    record_answers(opened, [
        GivenAnswer(id=ANSWER, question="How many jobs did AWS cut?", language="en", answered=True, fact_ids=(3, 4),
                    guild_id=HOME, message_id=MESSAGE),
        GivenAnswer(id=ANSWER + 10, question="How many people did Zorblatt lay off?", language="en",
                    answered=False, guild_id=HOME, message_id=MESSAGE + 10),
    ])
    yield opened
    opened.close()


def stored(store: Store) -> list[Feedback]:
    with store.session() as session:
        return list(session.exec(select(Feedback)).all())


def test_a_second_vote_changes_the_first(store: Store) -> None:
    outcomes = [record_vote(store, ANSWER, True, MEMBER, HOME, MESSAGE) for _ in range(30)]
    assert outcomes == [Vote.RECORDED] + [Vote.SAME] * 29
    assert record_vote(store, ANSWER, False, MEMBER, HOME, MESSAGE) == Vote.CHANGED
    assert record_vote(store, ANSWER, True, "another member", HOME, MESSAGE) == Vote.RECORDED
    votes = sorted(stored(store), key=lambda v: v.id or 0)
    assert [(v.answer_id, v.helpful, v.fact_ids, v.guild_id) for v in votes] == [
        (ANSWER, False, "3,4", HOME), (ANSWER, True, "3,4", HOME)]
    assert all(MEMBER not in v.voter for v in votes) and votes[0].voter != votes[1].voter
    assert {g.example for g in unanswered(store, guild_id=HOME)} == {"How many people did Zorblatt lay off?",
                                                                     "How many jobs did AWS cut?"}
    assert unanswered(store, guild_id=OTHER) == []


def test_votes_on_answers_not_given_there_store_nothing(store: Store) -> None:
    assert record_vote(store, ANSWER + 1, True, MEMBER, HOME, MESSAGE) == Vote.UNKNOWN  # no such answer
    assert record_vote(store, ANSWER + 10, False, MEMBER, HOME, MESSAGE + 10) == Vote.UNKNOWN  # declined
    assert record_vote(store, ANSWER, True, MEMBER, OTHER, MESSAGE) == Vote.UNKNOWN  # another server
    assert record_vote(store, ANSWER, True, MEMBER, None, MESSAGE) == Vote.UNKNOWN  # a DM
    assert record_vote(store, ANSWER, True, MEMBER, HOME, MESSAGE + 1) == Vote.UNKNOWN  # another message
    assert record_vote(store, 10**20, True, MEMBER, HOME, MESSAGE) == Vote.UNKNOWN  # no id could be that large
    assert record_vote(store, -1, True, MEMBER, HOME, MESSAGE) == Vote.UNKNOWN
    assert stored(store) == []


def test_the_same_members_clicks_at_once_store_one_vote(store: Store) -> None:
    start = threading.Barrier(8)
    outcomes: list[Vote] = []

    def click() -> None:
        start.wait()
        outcomes.append(record_vote(store, ANSWER, True, MEMBER, HOME, MESSAGE))

    threads = [threading.Thread(target=click) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == sorted([Vote.RECORDED] + [Vote.SAME] * 7)
    assert len(stored(store)) == 1


def test_answers_are_logged_without_askers_and_declined_ones_are_questions(store: Store) -> None:
    with store.session() as session:
        answers = session.exec(select(Answer).order_by(Answer.id)).all()  # type: ignore[arg-type]
        questions = session.exec(select(Question)).all()
    assert [(a.id, a.message_id, a.answered, a.fact_ids, a.guild_id) for a in answers] == [
        (ANSWER, MESSAGE, True, "3,4", HOME), (ANSWER + 10, MESSAGE + 10, False, "", HOME)]
    assert [(q.text, q.guild_id) for q in questions] == [("How many people did Zorblatt lay off?", HOME)]
    assert voter_key(store) == voter_key(store) and len(voter_key(store)) == 32
