"""Who watches what: a member's companies and industries, and each server's feed channel.

A watch names a company by id (a company renamed or found under another name stays watched) or an industry by
the tracker's spelling.  A member holds at most `MAX_WATCHES`; asking for more is refused with a reason the
face can say politely, never an error.  These are the bot's own rows, not knowledge: changing them takes no
write lock and moves no generation.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import delete, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from knowledge import settings
from knowledge.language.text import fold
from knowledge.storage.models import Company, Feed, Watch, utcnow
from knowledge.storage.store import Store

MAX_WATCHES = settings.MAX_WATCHES


class WatchKind(StrEnum):
    COMPANY = "company"
    INDUSTRY = "industry"


class Watched(StrEnum):
    """What asking to watch something did."""

    ADDED = "added"
    ALREADY = "already"  # the member watched it already: nothing changed
    FULL = "full"  # the member holds the most watches allowed: nothing changed


@dataclass(frozen=True)
class WatchView:
    id: int
    kind: WatchKind
    name: str  # the company's name as known now, or the industry's spelling
    company_id: int | None = None


@dataclass(frozen=True)
class FeedView:
    guild_id: int
    channel_id: int
    language: str


def subject(kind: WatchKind, company_id: int | None = None, industry: str | None = None) -> str:
    """The key that keeps one watch per member and subject."""
    if kind == WatchKind.COMPANY:
        return f"company:{company_id}"
    return f"industry:{fold(industry or '')}"[:120]


def watch(store: Store, member_id: int, kind: WatchKind, *, company_id: int | None = None,
          industry: str | None = None, language: str = "en", limit: int = MAX_WATCHES) -> Watched:
    """Start watching a company (by id) or an industry (by name) for `member_id`, within `limit`."""
    key = subject(kind, company_id, industry)
    with store.bookkeeping() as session:
        held = session.exec(select(col(Watch.subject)).where(col(Watch.member_id) == member_id)).all()
        if key in held:
            return Watched.ALREADY
        if len(held) >= limit:
            return Watched.FULL
        session.add(Watch(member_id=member_id, subject=key, company_id=company_id if kind == WatchKind.COMPANY
                          else None, industry=industry if kind == WatchKind.INDUSTRY else None,
                          language=language, created_at=utcnow()))
        try:
            session.commit()
        except IntegrityError:  # the same watch, asked for twice at once
            session.rollback()
            return Watched.ALREADY
    return Watched.ADDED


def watches(store: Store, member_id: int) -> list[WatchView]:
    """A member's watches, oldest first."""
    with store.session() as session:
        rows = session.execute(
            select(col(Watch.id), col(Watch.company_id), col(Watch.industry), col(Company.name))
            .outerjoin(Company, col(Company.id) == col(Watch.company_id))
            .where(col(Watch.member_id) == member_id).order_by(col(Watch.id))).all()
    return [WatchView(row.id, WatchKind.COMPANY, row.name or "?", row.company_id) if row.company_id is not None
            else WatchView(row.id, WatchKind.INDUSTRY, row.industry or "?") for row in rows]


def unwatch(store: Store, member_id: int, watch_id: int | None = None) -> int:
    """Stop one of a member's watches (another member's id matches nothing), or all of them; how many ended."""
    with store.bookkeeping() as session:
        query = delete(Watch).where(col(Watch.member_id) == member_id)
        if watch_id is not None:
            query = query.where(col(Watch.id) == watch_id)
        ended = session.execute(query).rowcount  # type: ignore[attr-defined]
        session.commit()
    return int(ended)


def watch_count(store: Store) -> tuple[int, int]:
    """(watches, members watching something): for /about and the benchmarks."""
    with store.session() as session:
        return (session.exec(select(func.count()).select_from(Watch)).one(),
                session.exec(select(func.count(func.distinct(col(Watch.member_id))))).one())


def set_feed(store: Store, guild_id: int, channel_id: int, language: str) -> None:
    """Post every new fact in `channel_id`, for the server `guild_id` (replacing its feed channel, if any)."""
    with store.bookkeeping() as session:
        row = session.get(Feed, guild_id)
        if row is None:
            session.add(Feed(guild_id=guild_id, channel_id=channel_id, language=language, updated_at=utcnow()))
        else:
            row.channel_id, row.language, row.updated_at = channel_id, language, utcnow()
        session.commit()


def feed(store: Store, guild_id: int) -> FeedView | None:
    with store.session() as session:
        row = session.get(Feed, guild_id)
        return FeedView(row.guild_id, row.channel_id, row.language) if row else None


def clear_feed(store: Store, guild_id: int, channel_id: int | None = None) -> bool:
    """Turn a server's feed off (only if it still posts to `channel_id`, when given); whether one was on."""
    with store.bookkeeping() as session:
        query = delete(Feed).where(col(Feed.guild_id) == guild_id)
        if channel_id is not None:
            query = query.where(col(Feed.channel_id) == channel_id)
        ended = session.execute(query).rowcount  # type: ignore[attr-defined]
        session.commit()
    return bool(ended)
