"""Storage: the engine, the schema, and every change to the knowledge.

One `Store` per process wraps one SQLAlchemy engine built from the configured
URL (SQLite by default, PostgreSQL for shared deployments).  Each public
method is one unit of work in its own short session, committed once.  Every
change to a fact writes a `Revision` with the full state before and after,
and moves the `generation` counter so in-memory snapshots know to reload.

Writers take turns: every change goes through `Store.write()`, which holds
the knowledge base's one write lock for the whole transaction (SQLite's
write lock, taken at BEGIN IMMEDIATE; a PostgreSQL advisory lock per schema),
so an import, an ingestion, a restore and a moderator's edit never interleave
and whatever a writer reads stays true until it commits.  A writer that
waited longer than the configured `write_wait` gives up with `Busy`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, event, func, update
from sqlalchemy import select as core_select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine, select

from knowledge.answering.snapshot import SNAPSHOT_COLUMNS, Snapshot, Tags, build_snapshot
from knowledge.drafts import FactDraft, SourceDraft
from knowledge.errors import Busy, InvalidInput, NotFound, ReadOnly, Unavailable, VersionConflict
from knowledge.language.text import name_key
from knowledge.settings import WRITE_WAIT
from knowledge.storage.causes import translate, translated
from knowledge.storage.models import (
    Alias,
    Citation,
    Company,
    Counter,
    Fact,
    Revision,
    RoundTags,
    Setting,
    Source,
    utcnow,
)
from knowledge.storage.urls import parse, redacted, require_file
from knowledge.types import FactStatus, SourceView

log = logging.getLogger(__name__)

GENERATION = "generation"
_STATE_FIELDS = (
    "kind", "count_min", "count_max", "qualifier", "percent", "percent_qualifier", "labels", "detail",
    "period_start", "period_end", "announced", "cumulative", "summary", "caveats", "note", "confidence", "status",
)
_DATE_FIELDS = {"period_start", "period_end", "announced"}
# Marks a connection whose transaction writes: on SQLite it begins IMMEDIATE (taking the write lock at once).
_WRITER = "layoffbot_writer"
# The first half of our advisory lock's key on PostgreSQL (the second is the schema's), so it cannot
# meet another application's advisory locks on the same server.
_LOCK_SPACE = 0x4C617966  # "Layf"
_SQLITE_BUSY = 5
_PG_LOCK_NOT_AVAILABLE = "55P03"


def make_engine(url: str, create: bool = True, write_wait: float = WRITE_WAIT) -> Engine:
    """The engine for a checked URL; a missing SQLite file (and its folders) is made only when `create`.

    On SQLite, `write_wait` is how long a statement waits for a lock.
    """
    target = parse(url)
    if target.path is not None:
        if create:
            _make_folder(target.path.parent)
        else:
            require_file(target)
    if target.memory or target.path is not None:
        engine = create_engine(
            target.sqlalchemy,
            connect_args={"check_same_thread": False, "timeout": write_wait},
            poolclass=StaticPool if target.memory else None,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # A short connect timeout: when the server is unreachable, callers hear it in seconds, not minutes.
    return create_engine(target.sqlalchemy, pool_pre_ping=True, pool_size=5, max_overflow=10,
                         connect_args={"connect_timeout": 5})


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise Unavailable(f"Cannot create the knowledge base in {folder}: something on that path is a file, "
                          f"not a folder.") from None
    except OSError as error:
        raise ReadOnly(f"Cannot create the folder {folder} for the knowledge base: {error.strerror or error}. "
                       f"Create it (writable for this user) or choose another path.") from None


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling begins late (at the first INSERT, never for reads) and always
    # DEFERRED; it is switched off so that `_sqlite_begin` decides how each transaction begins.
    connection.isolation_level = None
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """Reads begin DEFERRED (one consistent snapshot); writers IMMEDIATE, taking the write lock up front.

    A writer that began DEFERRED and read before writing would find, once it had waited for another
    writer, that its snapshot is stale and fail at once (SQLITE_BUSY_SNAPSHOT); beginning IMMEDIATE
    makes it wait in the busy handler, up to the busy timeout, before it reads anything.
    """
    immediate = connection.get_execution_options().get(_WRITER, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _take_write_lock(connection: Connection, wait: float) -> None:
    """On PostgreSQL, wait (at most `wait` seconds) for this schema's write lock, held until the transaction
    ends.  On SQLite the transaction already holds the write lock: it began IMMEDIATE."""
    if connection.dialect.name != "postgresql":
        return
    milliseconds = max(1, round(wait * 1000))  # 0 would mean "wait for ever"
    connection.execute(core_select(func.set_config("lock_timeout", f"{milliseconds}ms", True)))
    # current_schema() is NULL when no schema on the search path exists: the lock must still be taken.
    schema = func.coalesce(func.current_schema(), "")
    connection.execute(core_select(func.pg_advisory_xact_lock(_LOCK_SPACE, func.hashtext(schema))))


def _waited_too_long(error: OperationalError) -> bool:
    """Whether the database gave up waiting for a lock (SQLite's busy timeout, PostgreSQL's lock_timeout)."""
    cause = getattr(error, "orig", None)
    sqlite_code = getattr(cause, "sqlite_errorcode", None) or 0
    return sqlite_code & 0xFF == _SQLITE_BUSY or getattr(cause, "sqlstate", None) == _PG_LOCK_NOT_AVAILABLE


@dataclass(frozen=True)
class FactRecord:
    """A fact in any status, as moderators see it."""

    id: int
    version: int
    status: str
    company: str | None
    state: dict[str, Any]
    updated_by: str
    updated_at: datetime | None
    sources: list[tuple[SourceView, str | None]] = field(default_factory=list)


@dataclass(frozen=True)
class RevisionRecord:
    version: int
    action: str
    actor: str
    at: datetime
    reason: str | None
    before: dict[str, Any] | None
    after: dict[str, Any]

    def changes(self) -> dict[str, tuple[Any, Any]]:
        """Field -> (before, after) for the fields this revision changed."""
        before = self.before or {}
        return {key: (before.get(key), value) for key, value in self.after.items() if before.get(key) != value}


class Store:
    def __init__(self, engine: Engine, write_wait: float = WRITE_WAIT) -> None:
        self.engine = engine
        self.write_wait = write_wait

    @classmethod
    def open(cls, url: str, *, write_wait: float = WRITE_WAIT, create: bool = True) -> Store:
        """The store at `url`, its schema created when new; with `create=False` a missing SQLite file is refused.

        A change waits up to `write_wait` seconds for another writer to finish.
        """
        from knowledge.storage.schema import prepare_schema

        store = cls(make_engine(url, create, write_wait), write_wait)
        try:
            with translated(store.engine.url):
                prepare_schema(store.engine, store.write)
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work; database conditions (an outage, read-only, disk full, another writer) surface as
        the knowledge errors that name them (`Unavailable` and its kinds, `Busy`, `SchemaOutdated`)."""
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
        except DBAPIError as error:
            known = translate(error, self.engine.url)
            if known is None:
                raise
            raise known from error

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work that changes the knowledge: the only way to open one.

        It waits for the knowledge base's write lock (up to `write_wait` seconds, then `Busy`) and holds
        it until the session ends, so everything read inside stays true until the commit: concurrent
        writers, in this process or any other, run one after the other.  Commit inside; leaving without
        a commit changes nothing.
        """
        with self.session() as session:
            try:
                _take_write_lock(session.connection(execution_options={_WRITER: True}), self.write_wait)
                yield session
            except OperationalError as error:
                if not _waited_too_long(error):
                    raise
                raise Busy(
                    f"Another import, ingestion, restore or change is being written to the knowledge base, and "
                    f"it was still running after {self.write_wait:g} s. Nothing was changed; try again when it "
                    f"is done."
                ) from error

    # -- change counter -------------------------------------------------------------------------

    def generation(self) -> int:
        with self.session() as session:
            value = session.exec(select(Counter.value).where(Counter.key == GENERATION)).first()
            return int(value or 0)

    def bump_generation(self) -> None:
        """Tell every snapshot the knowledge changed (after writes that bypass the store)."""
        with self.write() as session:
            self.bump(session)
            session.commit()

    @staticmethod
    def bump(session: Session) -> None:
        """Move the generation counter inside the caller's transaction."""
        updated = session.execute(
            update(Counter).where(Counter.key == GENERATION).values(value=Counter.value + 1)
        )
        if updated.rowcount == 0:  # type: ignore[attr-defined]
            session.add(Counter(key=GENERATION, value=1))

    # -- settings ---------------------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        with self.session() as session:
            row = session.get(Setting, key)
            return row.value if row else None

    # -- companies and sources --------------------------------------------------------------------

    @staticmethod
    def company_id(session: Session, name: str, parent: str | None = None, aliases: tuple[str, ...] = (),
                   industry: str | None = None, country: str | None = None) -> int:
        """The id of the company known by `name` (a name or an alias), created if new."""
        key = name_key(name)
        if not key:
            raise InvalidInput(f"{name!r} is not a usable company name.")
        found = Store.find_company(session, name)
        if found is None:
            company = Company(name=name.strip(), key=key, industry=industry, country=country)
            if parent:
                company.parent_id = Store.company_id(session, parent)
            session.add(company)
            session.flush()
            found = company.id
        assert found is not None
        for alias in aliases:
            alias_key = name_key(alias)
            if alias_key and Store.find_company(session, alias) is None:
                session.add(Alias(company_id=found, name=alias.strip(), key=alias_key))
        session.flush()
        return found

    @staticmethod
    def find_company(session: Session, name: str) -> int | None:
        key = name_key(name)
        found = session.exec(select(Company.id).where(Company.key == key)).first()
        if found is None:
            found = session.exec(select(Alias.company_id).where(Alias.key == key)).first()
        return found

    @staticmethod
    def source_id(session: Session, draft: SourceDraft) -> int:
        """The id of the source with this link (and title, when there is no link), created if new."""
        query = select(Source).where(Source.url == draft.url) if draft.url else \
            select(Source).where(Source.url.is_(None), Source.title == draft.title,  # type: ignore[union-attr]
                                 Source.publisher == draft.publisher)
        source = session.exec(query).first()
        if source is None:
            source = Source(kind=draft.kind, url=draft.url, title=draft.title, publisher=draft.publisher,
                            published=draft.published, language=draft.language, notes=draft.notes)
            session.add(source)
            session.flush()
        else:
            for name in ("title", "publisher", "published", "language", "notes"):
                if getattr(source, name) is None and getattr(draft, name) is not None:
                    setattr(source, name, getattr(draft, name))
        assert source.id is not None
        return source.id

    # -- facts ------------------------------------------------------------------------------------

    def add_fact(self, draft: FactDraft, actor: str, reason: str | None = None) -> int:
        valid = draft.validated()
        with self.write() as session:
            fact_id = self.insert_fact(session, valid, actor, reason)
            session.commit()
            return fact_id

    def insert_fact(self, session: Session, draft: FactDraft, actor: str, reason: str | None,
                    action: str = "create") -> int:
        """Insert an already validated draft with its citations and first revision."""
        company_id = self.company_id(session, draft.company) if draft.company else None
        now = utcnow()
        fact = Fact(company_id=company_id, **draft.column_values(), version=1, created_at=now, updated_at=now,
                    updated_by=actor)
        session.add(fact)
        session.flush()
        assert fact.id is not None
        for source, evidence in draft.sources:
            self.cite(session, fact.id, self.source_id(session, source), evidence)
        session.add(Revision(fact_id=fact.id, version=1, action=action, actor=actor, at=now, reason=reason,
                             before=None, after=dump_state(fact_state(fact, draft.company))))
        self.bump(session)
        return fact.id

    @staticmethod
    def cite(session: Session, fact_id: int, source_id: int, evidence: str | None) -> bool:
        """Add a citation unless the fact already cites that source; True when added."""
        exists = session.exec(
            select(Citation.id).where(Citation.fact_id == fact_id, Citation.source_id == source_id)
        ).first()
        if exists is not None:
            return False
        session.add(Citation(fact_id=fact_id, source_id=source_id, evidence=evidence))
        return True

    def get_fact(self, fact_id: int) -> FactRecord:
        with self.session() as session:
            fact = self.fact_in(session, fact_id)
            return self.record_in(session, fact)

    def edit_fact(self, fact_id: int, changes: dict[str, Any], actor: str, reason: str | None,
                  expected_version: int | None = None) -> FactRecord:
        """Apply field changes (validated as a whole fact), refusing stale versions."""
        unknown = set(changes) - set(_STATE_FIELDS) - {"company", "sources"}
        if unknown:
            raise InvalidInput(f"These fields cannot be edited: {', '.join(sorted(unknown))}.")
        return self._change(fact_id, actor, reason, expected_version, "edit", lambda state: {**state, **changes})

    def set_status(self, fact_id: int, status: str, action: str, actor: str, reason: str | None,
                   expected_version: int | None = None, allowed_from: tuple[str, ...] = ()) -> FactRecord:
        def new_state(state: dict[str, Any]) -> dict[str, Any]:
            if allowed_from and state["status"] not in allowed_from:
                raise InvalidInput(f"Fact is {state['status']}; it cannot be {_past(action)}.")
            return {**state, "status": status}

        return self._change(fact_id, actor, reason, expected_version, action, new_state)

    def undo(self, fact_id: int, actor: str, reason: str | None, expected_version: int | None = None) -> FactRecord:
        """Return a fact to the state before its latest change, as a new revision."""
        with self.write() as session:
            fact = self.fact_in(session, fact_id)
            latest = session.exec(
                select(Revision).where(Revision.fact_id == fact_id).order_by(Revision.version.desc())  # type: ignore[attr-defined]
            ).first()
            if latest is None or latest.before is None:
                raise InvalidInput(f"Fact #{fact_id} has not been changed since it was added; there is nothing to "
                                   f"undo.")
            self._check_version(fact, expected_version)
            previous = json.loads(latest.before)
            self.change_in(session, fact, actor, reason or f"undo of version {latest.version}", "undo",
                           lambda state: {**state, **{k: previous.get(k) for k in _STATE_FIELDS + ("company",)}})
            self.commit(session, fact)
            return self.record_in(session, fact)

    def history(self, fact_id: int) -> list[RevisionRecord]:
        with self.session() as session:
            self.fact_in(session, fact_id)
            rows = session.exec(
                select(Revision).where(Revision.fact_id == fact_id).order_by(Revision.version)  # type: ignore[arg-type]
            ).all()
            return [
                RevisionRecord(r.version, r.action, r.actor, r.at, r.reason,
                               json.loads(r.before) if r.before else None, json.loads(r.after))
                for r in rows
            ]

    def _change(self, fact_id: int, actor: str, reason: str | None, expected_version: int | None, action: str,
                transform: Any) -> FactRecord:
        with self.write() as session:
            fact = self.fact_in(session, fact_id)
            self._check_version(fact, expected_version)
            self.change_in(session, fact, actor, reason, action, transform)
            self.commit(session, fact)
            return self.record_in(session, fact)

    @staticmethod
    def _check_version(fact: Fact, expected_version: int | None) -> None:
        """Refuse a change made to a version of `fact` that is no longer the current one."""
        if expected_version is not None and fact.version != expected_version:
            assert fact.id is not None
            raise VersionConflict(fact.id, expected_version, fact.version, fact.updated_by, fact.updated_at,
                                  fact.summary)

    def change_in(self, session: Session, fact: Fact, actor: str, reason: str | None, action: str,
                  transform: Any) -> None:
        """Change a fact inside the caller's transaction: validate, apply, cite, record the revision."""
        # No autoflush until commit: a concurrent change must surface at commit, where it becomes a
        # VersionConflict, not half-way through in a query.
        fact_id, seen = fact.id, fact.version
        try:
            self._apply(session, fact, actor, reason, action, transform)
        except StaleDataError as error:  # a new company or source flushed early and met the conflict
            raise self._conflict(session, fact_id, seen) from error

    def _apply(self, session: Session, fact: Fact, actor: str, reason: str | None, action: str,
               transform: Any) -> None:
        with session.no_autoflush:
            assert fact.id is not None
            company = self._company_name(session, fact.company_id)
            before = fact_state(fact, company)
            after = transform(dict(before))
            draft = _draft_from_state(after).validated()
            if _state_without_meta(after) == _state_without_meta(before) and action == "edit":
                raise InvalidInput("Nothing changed: the new values are the same as the current ones.")
            fact.company_id = self.company_id(session, draft.company) if draft.company else None
            for name, value in draft.column_values().items():
                setattr(fact, name, value)
            fact.version += 1
            fact.updated_by = actor
            fact.updated_at = utcnow()
            for source, evidence in draft.sources:
                self.cite(session, fact.id, self.source_id(session, source), evidence)
            session.add(Revision(fact_id=fact.id, version=fact.version, action=action, actor=actor,
                                 at=fact.updated_at, reason=reason, before=dump_state(before),
                                 after=dump_state(fact_state(fact, draft.company))))
            self.bump(session)

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
        current = self.fact_in(session, fact_id)
        return VersionConflict(fact_id, seen, current.version, current.updated_by, current.updated_at,
                               current.summary)

    @staticmethod
    def fact_in(session: Session, fact_id: int) -> Fact:
        fact = session.get(Fact, fact_id)
        if fact is None:
            raise NotFound(f"There is no fact #{fact_id}.")
        return fact

    @staticmethod
    def _company_name(session: Session, company_id: int | None) -> str | None:
        if company_id is None:
            return None
        company = session.get(Company, company_id)
        return company.name if company else None

    def record_in(self, session: Session, fact: Fact) -> FactRecord:
        assert fact.id is not None
        company = self._company_name(session, fact.company_id)
        rows = session.exec(
            select(Source, Citation.evidence).join(Citation, Citation.source_id == Source.id)  # type: ignore[arg-type]
            .where(Citation.fact_id == fact.id).order_by(Citation.id)
        ).all()
        return FactRecord(fact.id, fact.version, fact.status, company, fact_state(fact, company), fact.updated_by,
                          fact.updated_at, [(_source_view(source), evidence) for source, evidence in rows])

    # -- reading everything at once ---------------------------------------------------------------

    def snapshot(self, fuzzy_cutoff: float) -> Snapshot:
        """All active knowledge, read in one transaction so it is consistent."""
        with self.session() as session:
            generation = session.exec(select(Counter.value).where(Counter.key == GENERATION)).first() or 0
            companies = session.execute(select(Company.id, Company.name, Company.parent_id)).all()
            aliases = session.execute(select(Alias.company_id, Alias.name, Alias.key)).all()
            columns = [Fact.__table__.c[name] for name in SNAPSHOT_COLUMNS]
            facts = session.execute(select(*columns).where(Fact.status == FactStatus.ACTIVE)).all()
            sources = {
                row.id: SourceView(row.id, row.kind, row.url, row.title, row.publisher, row.published, row.language,
                                   row.notes)
                for row in session.execute(select(Source.id, Source.kind, Source.url, Source.title,
                                                  Source.publisher, Source.published, Source.language, Source.notes))
            }
            citations = session.execute(
                select(Citation.fact_id, Citation.source_id, Citation.evidence)
                .join(Fact, Fact.id == Citation.fact_id)  # type: ignore[arg-type]
                .where(Fact.status == FactStatus.ACTIVE).order_by(Citation.id)
            ).all()
            tags = {row.fact_id: Tags(row.industry, row.country, row.location, row.stage, row.funds_raised)
                    for row in session.execute(
                        select(RoundTags.fact_id, RoundTags.industry, RoundTags.country, RoundTags.location,
                               RoundTags.stage, RoundTags.funds_raised)
                        .join(Fact, Fact.id == RoundTags.fact_id)  # type: ignore[arg-type]
                        .where(Fact.status == FactStatus.ACTIVE))}
        return build_snapshot(
            int(generation),
            [(c.id, c.name, c.parent_id) for c in companies],
            [(a.company_id, a.name, a.key) for a in aliases],
            facts,
            [(c.fact_id, sources[c.source_id], c.evidence) for c in citations],
            fuzzy_cutoff,
            tags,
        )

    def counts(self) -> dict[str, int]:
        """How many companies, sources and facts (by status) the knowledge base holds."""
        with self.session() as session:
            result = {
                "companies": session.exec(select(func.count()).select_from(Company)).one(),
                "sources": session.exec(select(func.count()).select_from(Source)).one(),
            }
            for status, count in session.execute(select(Fact.status, func.count()).group_by(Fact.status)).all():
                result[f"facts_{status}"] = count
            return result

    def last_change(self) -> datetime | None:
        with self.session() as session:
            return session.exec(select(func.max(Revision.at))).one()


def fact_state(fact: Fact, company: str | None) -> dict[str, Any]:
    """The full state of a fact as revisions record it (JSON-ready)."""
    state: dict[str, Any] = {"company": company}
    for name in _STATE_FIELDS:
        value = getattr(fact, name)
        state[name] = value.isoformat() if isinstance(value, date) else value
    state["labels"] = [label for label in (fact.labels or "").split(",") if label]
    state["caveats"] = json.loads(fact.caveats or "[]")
    return state


def _state_without_meta(state: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in state.items() if k != "sources"}


def _draft_from_state(state: dict[str, Any]) -> FactDraft:
    values = {k: v for k, v in state.items() if k in _STATE_FIELDS}
    for name in _DATE_FIELDS:
        if isinstance(values.get(name), str):
            try:
                values[name] = date.fromisoformat(values[name])
            except ValueError as error:
                raise InvalidInput(f"{values[name]!r} is not a date (use YYYY-MM-DD).") from error
    labels = values.get("labels") or ()
    values["labels"] = tuple(labels.split(",") if isinstance(labels, str) else labels)
    values["caveats"] = tuple(values.get("caveats") or ())
    sources = tuple(state.get("sources") or ())
    return FactDraft(company=state.get("company"), sources=sources, **values)


def dump_state(state: dict[str, Any]) -> str:
    return json.dumps(state, ensure_ascii=False, sort_keys=True, default=str)


def _source_view(source: Source) -> SourceView:
    assert source.id is not None
    return SourceView(source.id, source.kind, source.url, source.title, source.publisher, source.published,
                      source.language, source.notes)


def _past(action: str) -> str:
    return {"retract": "retracted", "restore": "restored", "approve": "approved", "reject": "rejected"}.get(
        action, action + "ed")


_redacted = redacted  # a database URL without its password, for messages and logs
