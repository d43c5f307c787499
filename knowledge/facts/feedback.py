"""What askers got and did not get: the answers given, 👍/👎 votes on them, and declined questions grouped
for moderators.

Nothing here keeps who asked; a vote keeps only a keyed hash of the member and the answer, which is all
"one vote per member per answer" needs.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from rapidfuzz import fuzz
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from knowledge.language.text import fold
from knowledge.storage.models import SECRET_SETTING, Answer, Feedback, Question, Setting, utcnow
from knowledge.storage.store import Store

MAX_STORED_QUESTION = 500
MAX_FACT_IDS = 500
MAX_ANSWER_ID = 2**63 - 1  # a BIGINT: a larger id, as a forged button may carry, names no answer
_SAME_QUESTION = 88  # token-set similarity above which two questions are the same request
VOTER_KEY = SECRET_SETTING + "voter-key"


@dataclass(frozen=True)
class GivenAnswer:
    """An answer as the answer log keeps it (see `knowledge.storage.models.Answer`)."""

    id: int
    question: str
    language: str
    answered: bool
    fact_ids: tuple[int, ...] = ()
    guild_id: str | None = None
    message_id: int | None = None
    at: datetime = field(default_factory=utcnow)
    follows: int | None = None  # the answer this one's question replied to (a follow-up)


class Vote(StrEnum):
    RECORDED = "recorded"
    CHANGED = "changed"  # the member had voted the other way: the vote now says this
    SAME = "same"  # the member had voted this way already: nothing changed
    UNKNOWN = "unknown"  # no such answer (here): nothing was stored


@dataclass(frozen=True)
class UnansweredGroup:
    example: str  # the most recent wording
    count: int
    last: datetime
    why: str  # "declined" or "👎"


def record_answers(store: Store, answers: Sequence[GivenAnswer]) -> None:
    """Answers given, in one transaction: into the answer log, and the declined ones among the questions
    moderators review."""
    if not answers:
        return
    rows = [{"id": given.id, "at": given.at, "message_id": given.message_id, "guild_id": given.guild_id,
             "question": given.question[:MAX_STORED_QUESTION], "language": given.language,
             "answered": given.answered, "fact_ids": _ids_text(given.fact_ids), "follows": given.follows}
            for given in answers]
    declined = [{"at": row["at"], "text": row["question"], "language": row["language"], "answered": False,
                 "guild_id": row["guild_id"]} for row in rows if not row["answered"]]
    # plain inserts of the tables' rows (not the ORM's bulk path, which works over each row for the mapper):
    # a second's answers cost a millisecond, in a thread that holds the bot's GIL meanwhile
    with store.session() as session:
        session.execute(insert(Answer.__table__), rows)  # type: ignore[attr-defined]
        if declined:
            session.execute(insert(Question.__table__), declined)  # type: ignore[attr-defined]
        session.commit()


def given_answer(store: Store, answer_id: int) -> GivenAnswer | None:
    """An answer as it was logged (None when there is no such answer): what a button on it can act on again."""
    if not 0 < answer_id <= MAX_ANSWER_ID:
        return None
    with store.session() as session:
        row = session.get(Answer, answer_id)
    return None if row is None else _given(row)


def answer_chain(store: Store, message_id: int, limit: int) -> list[GivenAnswer]:
    """The answer given as message `message_id` and, before it, the answers it followed up, oldest first (at
    most `limit`); empty when that message is no answer the bot gave."""
    if not 0 < message_id <= MAX_ANSWER_ID:
        return []
    chain: list[GivenAnswer] = []
    with store.session() as session:
        row = session.exec(select(Answer).where(col(Answer.message_id) == message_id)).first()
        while row is not None and len(chain) < limit:
            chain.append(_given(row))
            earlier = row.follows
            if earlier is None or any(given.id == earlier for given in chain):
                break
            row = session.get(Answer, earlier)
    return chain[::-1]


def _given(row: Answer) -> GivenAnswer:
    return GivenAnswer(id=row.id, question=row.question, language=row.language, answered=row.answered,
                       fact_ids=tuple(int(i) for i in row.fact_ids.split(",") if i), guild_id=row.guild_id,
                       message_id=row.message_id, at=row.at, follows=row.follows)


def record_vote(store: Store, answer_id: int, helpful: bool, member: str, guild_id: str | None,
                message_id: int | None = None) -> Vote:
    """A member's 👍 or 👎 on an answer the bot gave, where it gave it (the same server, and the same message
    when both are known); a second vote replaces the first.  Anything else stores nothing."""
    if not 0 < answer_id <= MAX_ANSWER_ID:
        return Vote.UNKNOWN
    voter = pseudonym(voter_key(store), answer_id, member)
    retried = False
    while True:
        # Read and write under the write lock: on SQLite a read transaction that then writes fails at once
        # when another writer committed in between.
        with store.write() as session:
            answer = session.get(Answer, answer_id)
            if answer is None or not answer.answered or answer.guild_id != guild_id or (
                    answer.message_id is not None and message_id is not None and answer.message_id != message_id):
                return Vote.UNKNOWN
            earlier = session.exec(select(Feedback).where(col(Feedback.answer_id) == answer_id,
                                                          col(Feedback.voter) == voter)).first()
            if earlier is not None:
                if earlier.helpful == helpful:
                    return Vote.SAME
                earlier.helpful, earlier.at = helpful, utcnow()
                session.commit()
                return Vote.CHANGED
            session.add(Feedback(answer_id=answer_id, question=answer.question, helpful=helpful,
                                 fact_ids=answer.fact_ids, voter=voter, guild_id=guild_id))
            try:
                session.commit()
            except IntegrityError:
                if retried:
                    raise
                retried = True  # the same member's other click was stored first: look again
                continue
            return Vote.RECORDED


def voter_key(store: Store) -> bytes:
    """The secret that voters' hashes are keyed with, made on first use and kept in the `setting` table."""
    with store.session() as session:
        row = session.get(Setting, VOTER_KEY)
        if row is not None:
            return bytes.fromhex(row.value)
    retried = False
    while True:
        with store.write() as session:
            row = session.get(Setting, VOTER_KEY)
            if row is not None:
                return bytes.fromhex(row.value)
            session.add(Setting(key=VOTER_KEY, value=secrets.token_hex(32)))
            try:
                session.commit()
            except IntegrityError:
                if retried:
                    raise
                retried = True  # another process made it first: use theirs


def pseudonym(key: bytes, answer_id: int, member: str) -> str:
    """Who voted on an answer, as a keyed hash: the same for one member's clicks on that answer, unrelated
    across answers, and not reversible without the key."""
    return hmac.new(key, f"{answer_id}:{member}".encode(), hashlib.sha256).hexdigest()[:40]


def _ids_text(fact_ids: Sequence[int]) -> str:
    """As many fact ids as fit the column, whole."""
    text = ""
    for fact_id in fact_ids:
        candidate = f"{text},{fact_id}" if text else str(fact_id)
        if len(candidate) > MAX_FACT_IDS:
            break
        text = candidate
    return text


def unanswered(store: Store, days: int = 30, limit: int = 15, guild_id: str | None = None) -> list[UnansweredGroup]:
    """Recent declined or 👎 questions, near-identical wordings grouped, most asked first."""
    since = utcnow() - timedelta(days=days)
    with store.session() as session:
        declined = select(col(Question.text), col(Question.at)).where(
            col(Question.at) >= since, col(Question.answered).is_(False))
        disliked = select(col(Feedback.question), col(Feedback.at)).where(
            col(Feedback.at) >= since, col(Feedback.helpful).is_(False))
        if guild_id is not None:
            declined = declined.where(col(Question.guild_id) == guild_id)
            disliked = disliked.where(col(Feedback.guild_id) == guild_id)
        newest_declined = declined.order_by(col(Question.at).desc()).limit(2000)
        newest_disliked = disliked.order_by(col(Feedback.at).desc()).limit(2000)
        rows = [(text, at, "declined") for text, at in session.execute(newest_declined)]
        rows += [(text, at, "👎") for text, at in session.execute(newest_disliked)]
    groups: list[tuple[str, list[tuple[str, datetime, str]]]] = []
    for text, at, why in sorted(rows, key=lambda r: r[1], reverse=True):
        key = fold(text)
        for group_key, members in groups:
            if fuzz.token_set_ratio(key, group_key) >= _SAME_QUESTION:
                members.append((text, at, why))
                break
        else:
            groups.append((key, [(text, at, why)]))
    result = [UnansweredGroup(members[0][0], len(members), members[0][1],
                              " and ".join(sorted({m[2] for m in members}))) for _, members in groups]
    return sorted(result, key=lambda g: (g.count, g.last), reverse=True)[:limit]
