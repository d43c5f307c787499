"""What askers did not get: declined questions and 👍/👎 feedback, grouped for moderators."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from rapidfuzz import fuzz
from sqlmodel import select

from knowledge.models import Feedback, Question, utcnow
from knowledge.store import Store
from knowledge.text import fold

MAX_STORED_QUESTION = 500
_SAME_QUESTION = 88  # token-set similarity above which two questions are the same request


@dataclass(frozen=True)
class UnansweredGroup:
    example: str  # the most recent wording
    count: int
    last: datetime
    why: str  # "declined" or "👎"


def record_questions(store: Store, rows: list[tuple[str, str, bool, str | None, str | None]]) -> None:
    """Several (text, language, answered, asker, guild_id) at once: one transaction, one commit."""
    with store.session() as session:
        session.add_all([Question(text=text[:MAX_STORED_QUESTION], language=language, answered=answered, asker=asker,
                                  guild_id=guild) for text, language, answered, asker, guild in rows])
        session.commit()


def record_feedback(store: Store, question: str, helpful: bool, fact_ids: list[int], voter: str,
                    guild_id: str | None) -> None:
    with store.session() as session:
        session.add(Feedback(question=question[:MAX_STORED_QUESTION], helpful=helpful,
                             fact_ids=",".join(str(i) for i in fact_ids)[:500], voter=voter, guild_id=guild_id))
        session.commit()


def unanswered(store: Store, days: int = 30, limit: int = 15, guild_id: str | None = None) -> list[UnansweredGroup]:
    """Recent declined or 👎 questions, near-identical wordings grouped, most asked first."""
    since = utcnow() - timedelta(days=days)
    with store.session() as session:
        declined = select(Question.text, Question.at).where(
            Question.at >= since, Question.answered.is_(False))  # type: ignore[union-attr]
        disliked = select(Feedback.question, Feedback.at).where(
            Feedback.at >= since, Feedback.helpful.is_(False))  # type: ignore[union-attr]
        if guild_id is not None:
            declined = declined.where(Question.guild_id == guild_id)
            disliked = disliked.where(Feedback.guild_id == guild_id)
        newest_declined = declined.order_by(Question.at.desc()).limit(2000)  # type: ignore[attr-defined]
        newest_disliked = disliked.order_by(Feedback.at.desc()).limit(2000)  # type: ignore[attr-defined]
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
