"""The one writer: every change to the facts goes through `FactService`, and its rules live here once.

A change is validated as a whole fact, saved against the version its author saw (a newer version makes
it a `VersionConflict` and saves nothing), cited to its sources, recorded as a revision holding the
whole state before and after, and counted in the generation every snapshot compares with; all inside
one write transaction behind the knowledge base's write lock.  Moderators' edits, reviews, tracker
imports, article ingestion, bundled packs and backups all pass through `apply`/`create` here, so the
rules cannot drift apart.  After it commits, each operation announces what it changed (a `ChangeSet`)
to the subscriber it was given; `KnowledgeBase` refreshes its snapshot there and tells its own
subscribers (the Discord audit channel).  New facts (added, approved, imported) are also queued for the
watch list and the feeds in the change's own transaction (`queue_news`, `knowledge.storage.outbox`), so that
changes made by any process are announced once, by one bot process.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import fields, replace
from datetime import date
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from knowledge.drafts import FactDraft, FactState, SourceDraft
from knowledge.errors import InvalidInput, VersionConflict
from knowledge.facts.changes import PAST, Action, Change, ChangeSet
from knowledge.records import FactRecord, RevisionRecord
from knowledge.storage import outbox
from knowledge.storage.models import Fact, FactChange, Revision, utcnow
from knowledge.storage.store import Store, revision_text, state_of
from knowledge.types import BUNDLED_ACTOR, FactStatus, SourceView

Announce = Callable[[ChangeSet], None]
# Generations of change rows kept: a snapshot further behind than this rebuilds (it would anyway: see
# `knowledge.answering.snapshot.MAX_CHANGES`).
CHANGES_KEPT = 20_000
# Facts one change may record: a change touching more (a large import) costs a snapshot less to rebuild from
# scratch than to apply, so it records none.
RECORDED_AT_MOST = 5_000
_PRUNE_EVERY = 500
Sources = Sequence[tuple[SourceDraft, str | None]]


def _silent(_: ChangeSet) -> None:
    """Nobody listening (command-line tools that exit after one change)."""


class FactService:
    def __init__(self, store: Store, announce: Announce = _silent) -> None:
        self.store = store
        self.announce = announce

    # -- one fact at a time ---------------------------------------------------------------------

    def add(self, draft: FactDraft, actor: str, reason: str | None = None) -> Change:
        valid = draft.validated()
        with self.store.write() as session:
            change = self.create(session, valid, actor, reason, Action.CREATE)
            if valid.status == FactStatus.ACTIVE:
                self.queue_news(session, Action.CREATE, actor, None, [change.fact_id])
            session.commit()
        return self._announced(change)

    def edit(self, fact_id: int, state: FactState, actor: str, reason: str | None,
             expected_version: int | None = None, sources: Sources = ()) -> Change:
        """Save a fact's new state (and cite new sources), refusing a stale version or no change at all."""
        return self._change(fact_id, actor, reason, expected_version, Action.EDIT, lambda _: state, sources)

    def edit_fields(self, fact_id: int, changes: Mapping[str, Any], actor: str, reason: str | None,
                    expected_version: int | None = None) -> Change:
        """Change some fields by name (`kb edit --count-min 1000`): the names are checked, the result validated
        as a whole fact like any other edit."""
        return self._change(fact_id, actor, reason, expected_version, Action.EDIT,
                            lambda state: edited(state, changes))

    def retract(self, fact_id: int, actor: str, reason: str | None, expected_version: int | None = None) -> Change:
        return self._status(fact_id, FactStatus.RETRACTED, Action.RETRACT, actor, reason, expected_version,
                            (FactStatus.ACTIVE,))

    def restore(self, fact_id: int, actor: str, reason: str | None, expected_version: int | None = None) -> Change:
        return self._status(fact_id, FactStatus.ACTIVE, Action.RESTORE, actor, reason, expected_version,
                            (FactStatus.RETRACTED,))

    def undo(self, fact_id: int, actor: str, reason: str | None, expected_version: int | None = None) -> Change:
        """Return a fact to its state before its latest change, as a new revision."""
        with self.store.write() as session:
            fact = self.store.fact_in(session, fact_id)
            latest = session.exec(select(Revision).where(col(Revision.fact_id) == fact_id)
                                  .order_by(col(Revision.version).desc())).first()
            if latest is None or latest.before is None:
                raise InvalidInput(f"Fact #{fact_id} has not been changed since it was added; there is nothing to "
                                   f"undo.")
            check_version(fact, expected_version)
            previous = FactState.from_json(_json(latest.before))
            change = self.apply(session, fact, previous, actor, reason or f"undo of version {latest.version}",
                                Action.UNDO)
            self.commit(session, fact)
        return self._announced(change)

    def _status(self, fact_id: int, status: FactStatus, action: Action, actor: str, reason: str | None,
                expected_version: int | None, allowed_from: tuple[FactStatus, ...]) -> Change:
        def new_state(state: FactState) -> FactState:
            if state.status not in allowed_from:
                raise InvalidInput(f"Fact #{fact_id} is {state.status}; it cannot be {PAST[action]}.")
            return replace(state, status=status)

        return self._change(fact_id, actor, reason, expected_version, action, new_state)

    def _change(self, fact_id: int, actor: str, reason: str | None, expected_version: int | None, action: Action,
                new_state: Callable[[FactState], FactState], sources: Sources = ()) -> Change:
        with self.store.write() as session:
            fact = self.store.fact_in(session, fact_id)
            check_version(fact, expected_version)
            current = state_of(fact, self.store.company_name(session, fact.company_id))
            change = self.apply(session, fact, new_state(current), actor, reason, action, sources)
            self.commit(session, fact)
        return self._announced(change)

    def _announced(self, change: Change) -> Change:
        self.announce(ChangeSet(change.action, change.actor, change.reason, (change,)))
        return change

    # -- the rules, once --------------------------------------------------------------------------

    def create(self, session: Session, draft: FactDraft, actor: str, reason: str | None, action: Action,
               origin_key: str | None = None) -> Change:
        """Insert an already validated draft with its citations and first revision, in the caller's transaction."""
        store = self.store
        company_id = store.company_id(session, draft.company) if draft.company else None
        now = utcnow()
        fact = Fact(company_id=company_id, **draft.column_values(), origin_key=origin_key, version=1, created_at=now,
                    updated_at=now, updated_by=actor)
        session.add(fact)
        session.flush()
        assert fact.id is not None
        for source, evidence in draft.sources:
            store.cite(session, fact.id, store.source_id(session, source), evidence)
        after = state_of(fact, draft.company)
        session.add(Revision(fact_id=fact.id, version=1, action=action, actor=actor, at=now, reason=reason,
                             before=None, after=revision_text(after)))
        self.changed(session, [fact.id])
        return Change(action, actor, reason, None, store.record_in(session, fact))

    def apply(self, session: Session, fact: Fact, new: FactState, actor: str, reason: str | None, action: Action,
              sources: Sources = ()) -> Change:
        """Change a fact inside the caller's transaction: validate, apply, cite, record the revision.

        Nothing is flushed until the caller commits (or `flush`es): a concurrent change must surface there,
        where it becomes a VersionConflict, not half-way through in a query.
        """
        fact_id, seen = fact.id, fact.version
        assert fact_id is not None
        try:
            with session.no_autoflush:
                store = self.store
                before = state_of(fact, store.company_name(session, fact.company_id))
                after = new.validated()
                if after == before and action == Action.EDIT and not sources:
                    raise InvalidInput("Nothing changed: the new values are the same as the current ones.")
                fact.company_id = store.company_id(session, after.company) if after.company else None
                for name, value in after.column_values().items():
                    setattr(fact, name, value)
                fact.version += 1
                fact.updated_by = actor
                fact.updated_at = utcnow()
                # the new citations are not flushed yet, so the record lists them after the stored ones
                added: dict[int, tuple[SourceView, str | None]] = {}
                for source, evidence in sources:
                    source_id = store.source_id(session, source.validated())
                    if source_id not in added and store.cite(session, fact_id, source_id, evidence):
                        added[source_id] = (store.source_view(session, source_id), evidence)
                session.add(Revision(fact_id=fact_id, version=fact.version, action=action, actor=actor,
                                     at=fact.updated_at, reason=reason, before=revision_text(before),
                                     after=revision_text(after)))
                self.changed(session, [fact_id])
                record = FactRecord(fact_id, fact.version, after, actor, fact.updated_at,
                                    store.sources_of(session, fact_id) + tuple(added.values()))
        except StaleDataError as error:  # a new company or source flushed early and met the conflict
            raise self._conflict(session, fact_id, seen) from error
        return Change(action, actor, reason, before, record)

    def commit(self, session: Session, fact: Fact) -> None:
        """Commit, turning a concurrent change to `fact` into a VersionConflict that saved nothing."""
        fact_id, seen = fact.id, fact.version - 1  # read now: after a failed flush the object is unusable
        try:
            session.commit()
        except StaleDataError as error:
            raise self._conflict(session, fact_id, seen) from error
        except IntegrityError as error:
            session.rollback()
            raise InvalidInput("That change conflicts with another fact; nothing was saved.") from error

    def flush(self, session: Session, fact: Fact) -> None:
        """Write a change to `fact` so later queries in the transaction see it; like `commit` for conflicts."""
        fact_id, seen = fact.id, fact.version - 1
        try:
            session.flush()
        except StaleDataError as error:
            raise self._conflict(session, fact_id, seen) from error

    def _conflict(self, session: Session, fact_id: int | None, seen: int) -> VersionConflict:
        """What to tell someone whose save met a newer version: who saved it, when, and what it says now."""
        session.rollback()
        assert fact_id is not None
        current = self.store.fact_in(session, fact_id)
        return VersionConflict(fact_id, seen, current.version, current.updated_by, current.updated_at,
                               current.summary)

    def changed(self, session: Session, fact_ids: Iterable[int]) -> int:
        """Move the generation and record which facts moved it (their state, citations or tags), in the caller's
        transaction; the new generation.

        Every process's snapshot reads these rows to re-read only those facts (`knowledge.answering.snapshot`);
        whatever moves the generation without them makes the snapshots rebuild.  Rows far behind the newest are
        pruned now and then: a snapshot that far behind rebuilds anyway.
        """
        generation = self.store.bump(session)
        ids = sorted(set(fact_ids))
        if 0 < len(ids) <= RECORDED_AT_MOST:  # more: every snapshot rebuilds, told so by the gap
            session.execute(insert(FactChange), [{"generation": generation, "fact_id": i} for i in ids])
        if generation % _PRUNE_EVERY == 0:
            session.execute(delete(FactChange).where(col(FactChange.generation) <= generation - CHANGES_KEPT))
        return generation

    @staticmethod
    def queue_news(session: Session, action: Action, actor: str, origin: str | None, fact_ids: Sequence[int]) -> None:
        """Queue facts that just went live for the watch list and the feeds, inside the change's transaction.

        The bundled packs are what every new knowledge base starts from, not news.
        """
        if actor != BUNDLED_ACTOR:
            outbox.enqueue(session, action, actor, origin, fact_ids)

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """The write transaction bulk operations (imports, ingestion, reviews) run in."""
        with self.store.write() as session:
            yield session

    # -- reading what moderators need ------------------------------------------------------------

    def fact(self, fact_id: int) -> FactRecord:
        return self.store.get_fact(fact_id)

    def history(self, fact_id: int) -> list[RevisionRecord]:
        return self.store.history(fact_id)


def edited(state: FactState, changes: Mapping[str, Any]) -> FactState:
    """`state` with some fields changed by name; a name that is not a field of a fact is refused."""
    unknown = sorted(set(changes) - {f.name for f in fields(FactState)})
    if unknown:
        raise InvalidInput(f"These fields cannot be edited: {', '.join(unknown)}.")
    values = dict(changes)
    for name in ("period_start", "period_end", "announced"):
        if isinstance(values.get(name), str):
            try:
                values[name] = date.fromisoformat(values[name])
            except ValueError:
                raise InvalidInput(f"{values[name]!r} is not a date (use YYYY-MM-DD).") from None
    if "labels" in values:
        labels = values["labels"]
        values["labels"] = tuple(x.strip() for x in labels.split(",") if x.strip()) if isinstance(labels, str) \
            else tuple(labels)
    return replace(state, **values)


def check_version(fact: Fact, expected_version: int | None) -> None:
    """Refuse a change made to a version of `fact` that is no longer the current one."""
    if expected_version is not None and fact.version != expected_version:
        assert fact.id is not None
        raise VersionConflict(fact.id, expected_version, fact.version, fact.updated_by, fact.updated_at, fact.summary)


def _json(text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text)
    return data
