"""Turning what the outbox holds into bulletins: one per watcher, one per feed, whatever the size of the change.

A claim (`knowledge.storage.outbox.claim`) gives this process every change waiting, each with its new facts.
They are read as they stand now (a fact retracted since it was queued is left out), and sorted to whoever
wants them: a member watching the fact's company (or the company's parent: watching Amazon covers AWS) or its
industry, and every server's feed.  Each recipient gets one bulletin holding all its facts, so an import of
4,000 rows is one message per watcher, not 4,000.  Once the face has sent them, `delivered` marks the claim
done.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, col, select

from knowledge.drafts import FactState
from knowledge.language.text import fold
from knowledge.storage import outbox
from knowledge.storage.models import Citation, Company, Fact, Feed, RoundTags, Source, Watch
from knowledge.storage.store import Store, state_of
from knowledge.types import FactStatus, SourceView

_CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class NewsItem:
    """A fact that went live, with what a bulletin names: the change, the company, the figure, one source."""

    fact_id: int
    action: str  # create (a moderator added it), approve (a candidate approved), import (a tracker row)
    origin: str | None  # the file imported, when it came from one
    company_id: int | None
    company: str | None
    parent_id: int | None
    industry: str | None
    state: FactState
    source: SourceView | None  # its citation: the first source with a link, else the first


@dataclass(frozen=True)
class Bulletin:
    """What one recipient hears of one claim: a member (`member_id`) or a server's feed (`channel_id`)."""

    language: str
    items: tuple[NewsItem, ...]
    member_id: int | None = None
    guild_id: int | None = None
    channel_id: int | None = None


@dataclass(frozen=True)
class Delivery:
    """One claim: the outbox rows this process holds, and the bulletins to send for them."""

    owner: str
    entry_ids: tuple[int, ...]
    items: tuple[NewsItem, ...]
    members: tuple[Bulletin, ...]
    feeds: tuple[Bulletin, ...]


def owner_name() -> str:
    """Who claims, unique per knowledge base opened: host, process and a random part (two in one process differ)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def claim(store: Store, owner: str, lease: timedelta = outbox.LEASE) -> Delivery | None:
    """Claim what waits in the outbox and sort it into bulletins; None when nothing waits."""
    entries = outbox.claim(store, owner, lease=lease)
    if not entries:
        return None
    with store.session() as session:
        items = _items(session, entries)
        members = _for_members(session, items)
        feeds = tuple(Bulletin(row.language, items, guild_id=row.guild_id, channel_id=row.channel_id)
                      for row in session.exec(select(Feed).order_by(col(Feed.guild_id))).all()) if items else ()
    return Delivery(owner, tuple(e.id for e in entries), items, members, feeds)


def delivered(store: Store, delivery: Delivery) -> int:
    return outbox.finish(store, delivery.owner, delivery.entry_ids)


def _items(session: Session, entries: Sequence[outbox.Entry]) -> tuple[NewsItem, ...]:
    """The facts of the claimed changes that are still live, in the order they were queued, each once."""
    queued: dict[int, outbox.Entry] = {}
    for entry in entries:
        for fact_id in entry.fact_ids:
            queued.setdefault(fact_id, entry)
    ids = list(queued)
    facts: dict[int, Fact] = {}
    for chunk in _chunks(ids):
        for fact in session.exec(select(Fact).where(col(Fact.id).in_(chunk),
                                                    col(Fact.status) == FactStatus.ACTIVE)).all():
            assert fact.id is not None
            facts[fact.id] = fact
    company_ids = {f.company_id for f in facts.values() if f.company_id is not None}
    companies = {c.id: c for chunk in _chunks(list(company_ids))
                 for c in session.exec(select(Company).where(col(Company.id).in_(chunk))).all()}
    tagged: dict[int, str | None] = {}
    sources: dict[int, SourceView] = {}
    for chunk in _chunks(list(facts)):
        tagged.update(session.execute(select(col(RoundTags.fact_id), col(RoundTags.industry))
                                      .where(col(RoundTags.fact_id).in_(chunk))).tuples().all())
        cited = session.exec(select(col(Citation.fact_id), Source).join(Source, col(Source.id) ==
                                                                        col(Citation.source_id))
                             .where(col(Citation.fact_id).in_(chunk)).order_by(col(Citation.id))).all()
        for fact_id, source in cited:
            if fact_id not in sources or (sources[fact_id].url is None and source.url is not None):
                sources[fact_id] = _view(source)
    items = []
    for fact_id in ids:
        if fact_id not in facts:
            continue
        fact = facts[fact_id]
        company = companies.get(fact.company_id) if fact.company_id is not None else None
        entry = queued[fact_id]
        items.append(NewsItem(
            fact_id=fact_id, action=entry.action, origin=entry.origin, company_id=fact.company_id,
            company=company.name if company else None, parent_id=company.parent_id if company else None,
            industry=tagged.get(fact_id) or (company.industry if company else None),
            state=state_of(fact, company.name if company else None), source=sources.get(fact_id)))
    return tuple(items)


def _for_members(session: Session, items: Sequence[NewsItem]) -> tuple[Bulletin, ...]:
    """One bulletin per member watching any of these facts' companies (or their parents) or industries."""
    companies = {i.company_id for i in items if i.company_id is not None} | \
        {i.parent_id for i in items if i.parent_id is not None}
    industries = {fold(i.industry) for i in items if i.industry}
    if not companies and not industries:
        return ()
    watches = [row for chunk in _chunks(sorted(companies))
               for row in session.exec(select(Watch).where(col(Watch.company_id).in_(chunk))).all()]
    if industries:
        watches += session.exec(select(Watch).where(col(Watch.industry).is_not(None))).all()
    by_company: dict[int, set[int]] = {}
    by_industry: dict[str, set[int]] = {}
    language: dict[int, tuple[int, str]] = {}  # member -> (their latest watch, its language)
    for row in watches:
        if row.company_id is not None:
            by_company.setdefault(row.company_id, set()).add(row.member_id)
        elif row.industry and fold(row.industry) in industries:
            by_industry.setdefault(fold(row.industry), set()).add(row.member_id)
        else:
            continue
        assert row.id is not None
        if row.id > language.get(row.member_id, (0, ""))[0]:
            language[row.member_id] = (row.id, row.language)
    wanted: dict[int, list[NewsItem]] = {}
    for item in items:
        members = by_company.get(item.company_id or 0, set()) | by_company.get(item.parent_id or 0, set()) | \
            by_industry.get(fold(item.industry or ""), set())
        for member in members:
            wanted.setdefault(member, []).append(item)
    return tuple(Bulletin(language[member][1], tuple(found), member_id=member)
                 for member, found in sorted(wanted.items()))


def _chunks(ids: Sequence[int]) -> list[Sequence[int]]:
    return [ids[start:start + _CHUNK] for start in range(0, len(ids), _CHUNK)]


def _view(source: Source) -> SourceView:
    assert source.id is not None
    return SourceView(source.id, source.kind, source.url, source.title, source.publisher, source.published,
                      source.language, source.notes)
