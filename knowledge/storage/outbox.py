"""The outbox: new facts waiting to be announced to watchers and feeds, each announced by exactly one process.

Why an outbox.  Announcing from the process that made a change, as the audit channel does, would miss the
changes made elsewhere (an import from the command line, another bot process), and with several bot processes
on one database every listening process would announce the same change.  Instead the one writer queues what
it changed in the same transaction as the change (`enqueue`): a change that rolled back queues nothing, and
one that committed cannot be lost.  Every bot process polls the outbox and `claim`s what waits there; a claim
marks its rows with the claimer and the time inside one transaction, so each row goes to one process only:

- on PostgreSQL, `SELECT ... FOR UPDATE SKIP LOCKED`: rows another claimer has locked are skipped rather than
  waited for, and once that claimer commits they carry its mark and no longer match;
- on SQLite, the claim's transaction begins IMMEDIATE (`Store.bookkeeping`): claimers take turns under the
  database's write lock, and each sees the marks of the one before it.

The claimer delivers, then marks its rows done (`finish`).  A process that dies between its claim and
`finish` leaves its rows claimed; they are claimed again once their lease has run out, so a crash delays an
announcement rather than losing it (and may repeat what the dead process had already sent).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, delete, func, insert, or_, update
from sqlmodel import Session, col, select

from knowledge.storage.models import Outbox, utcnow
from knowledge.storage.store import Store

# How long a claim is its claimer's: longer than delivering one claim takes (a direct message per watcher,
# within Discord's rate limits), short enough that a crashed process's claims are retaken soon.
LEASE = timedelta(minutes=2)
KEEP_DONE = timedelta(days=7)  # delivered rows are kept this long (to see what was announced), then deleted
CLAIM_LIMIT = 200  # rows per claim; each may name thousands of facts (an import)


@dataclass(frozen=True)
class Entry:
    """One change's new facts, as queued: what was done, by whom, from where, and the facts."""

    id: int
    at: datetime
    action: str
    actor: str
    origin: str | None
    fact_ids: tuple[int, ...]


def enqueue(session: Session, action: str, actor: str, origin: str | None, fact_ids: Iterable[int]) -> None:
    """Queue new facts inside the writer's transaction (nothing is queued for no facts)."""
    ids = list(dict.fromkeys(fact_ids))
    if ids:
        session.execute(insert(Outbox).values(at=utcnow(), action=str(action), actor=actor[:200],
                                              origin=origin[:500] if origin else None,
                                              fact_ids=",".join(map(str, ids))))


def _claimable(now: datetime, lease: timedelta) -> ColumnElement[bool]:
    return and_(col(Outbox.done_at).is_(None),
                or_(col(Outbox.claimed_at).is_(None), col(Outbox.claimed_at) < now - lease))


def claim(store: Store, owner: str, limit: int = CLAIM_LIMIT, lease: timedelta = LEASE) -> list[Entry]:
    """The oldest rows nobody holds, now held by `owner` (none when nothing waits)."""
    now = utcnow()
    with store.session() as session:  # a plain read first: most polls find nothing, and take no lock
        if session.exec(select(col(Outbox.id)).where(_claimable(now, lease)).limit(1)).first() is None:
            return []
    with store.bookkeeping() as session:
        rows = session.exec(select(Outbox).where(_claimable(now, lease)).order_by(col(Outbox.id)).limit(limit)
                            .with_for_update(skip_locked=True)).all()
        entries = [Entry(row.id, row.at, row.action, row.actor, row.origin, _ids(row.fact_ids))
                   for row in rows if row.id is not None]
        if entries:
            session.execute(update(Outbox).where(col(Outbox.id).in_([e.id for e in entries]))
                            .values(claimed_by=owner, claimed_at=now))
        session.commit()
    return entries


def finish(store: Store, owner: str, entry_ids: Sequence[int]) -> int:
    """Mark `owner`'s delivered rows done (a row whose lease ran out and was retaken is not its any more);
    rows delivered long ago are deleted on the way.  Returns how many were marked."""
    now = utcnow()
    with store.bookkeeping() as session:
        marked = session.execute(update(Outbox).where(col(Outbox.id).in_(list(entry_ids)),
                                                      col(Outbox.claimed_by) == owner, col(Outbox.done_at).is_(None))
                                 .values(done_at=now))
        session.execute(delete(Outbox).where(col(Outbox.done_at) < now - KEEP_DONE))
        session.commit()
    return int(marked.rowcount)  # type: ignore[attr-defined]


def waiting(store: Store) -> int:
    """How many rows are not delivered yet (claimed or not)."""
    with store.session() as session:
        return session.exec(select(func.count()).select_from(Outbox).where(col(Outbox.done_at).is_(None))).one()


def _ids(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part)
