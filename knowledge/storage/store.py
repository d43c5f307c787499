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
import random
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, String, cast, event, func, update
from sqlalchemy import select as core_select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, col, create_engine, select

from knowledge.drafts import FactState, SourceDraft
from knowledge.errors import Busy, InvalidInput, NotFound, ReadOnly, Unavailable
from knowledge.language.text import name_key
from knowledge.records import FactRecord, RevisionRecord
from knowledge.settings import WRITE_WAIT
from knowledge.storage.causes import translate, translated
from knowledge.storage.models import (
    Alias,
    Citation,
    Company,
    Counter,
    Fact,
    FactChange,
    Revision,
    RoundTags,
    Setting,
    Source,
)
from knowledge.storage.urls import parse, redacted, require_file
from knowledge.types import FACT_COLUMNS, FactStatus, SnapshotDelta, SnapshotRows, SourceView, Tags

log = logging.getLogger(__name__)

GENERATION = "generation"
_STATE_FIELDS = (
    "kind", "count_min", "count_max", "qualifier", "percent", "percent_qualifier", "labels", "detail",
    "period_start", "period_end", "announced", "cumulative", "summary", "caveats", "note", "confidence", "status",
)
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
        event.listen(engine, "connect", partial(_sqlite_pragmas, write_wait=write_wait))
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


def _sqlite_pragmas(connection: Any, _record: Any, write_wait: float) -> None:
    # pysqlite's own transaction handling begins late (at the first INSERT, never for reads) and always
    # DEFERRED; it is switched off so that `_sqlite_begin` decides how each transaction begins.
    connection.isolation_level = None
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    _write_ahead_log(cursor, write_wait)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# What another process switching the same new file to WAL makes SQLite answer: busy, or the shared-memory file
# it was making disappearing under it.
_SWITCHING = frozenset({"SQLITE_BUSY", "SQLITE_IOERR_DELETE_NOENT"})


def _write_ahead_log(cursor: Any, write_wait: float) -> None:
    """Put the database in WAL mode, taking turns with other processes doing the same.

    Switching a new file to WAL needs an exclusive lock, and SQLite refuses at once (without its busy
    handler: "database is locked", even "disk I/O error" while another connection makes the shared-memory
    file) when several processes open the same new database together.  That is a moment's contention,
    not a real writer, so it is tried again for up to `write_wait` seconds before the error is let through;
    any other error (a full disk, a read-only file) is let through at once.
    """
    deadline = time.monotonic() + write_wait
    while True:
        try:
            mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()
            if mode and str(mode[0]).lower() in ("wal", "memory"):
                return
            error: sqlite3.OperationalError | None = None  # the mode could not be changed yet
        except sqlite3.OperationalError as refused:
            if getattr(refused, "sqlite_errorname", "") not in _SWITCHING:
                raise  # a real condition (a full disk, a read-only file): said at once, not after waiting
            error = refused
        if time.monotonic() >= deadline:
            if error is not None:
                raise error
            return  # still another mode: SQLite works in it, only with less concurrency
        time.sleep(random.uniform(0.005, 0.02))


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

    @contextmanager
    def bookkeeping(self) -> Iterator[Session]:
        """A short transaction that changes no knowledge, only the bot's own rows (the outbox's claims).

        On SQLite it begins IMMEDIATE like a writer: the database's write lock is the only lock there is, and
        holding it from the first read makes a read-then-update (a claim) atomic.  On PostgreSQL it takes no
        advisory lock, so it never queues behind an import; row locks keep its statements apart from others'.
        """
        with self.session() as session:
            session.connection(execution_options={_WRITER: True})
            yield session

    # -- change counter -------------------------------------------------------------------------

    def generation(self) -> int:
        with self.session() as session:
            value = session.exec(select(col(Counter.value)).where(col(Counter.key) == GENERATION)).first()
            return int(value or 0)

    def bump_generation(self) -> None:
        """Tell every snapshot the knowledge changed (after writes that bypass the store)."""
        with self.write() as session:
            self.bump(session)
            session.commit()

    @staticmethod
    def bump(session: Session) -> int:
        """Move the generation counter inside the caller's transaction; the new generation."""
        moved = session.execute(
            update(Counter).where(col(Counter.key) == GENERATION).values(value=col(Counter.value) + 1)
            .returning(col(Counter.value))
        ).scalar()
        if moved is None:
            session.add(Counter(key=GENERATION, value=1))
            session.flush()
            return 1
        return int(moved)

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
        found = session.exec(select(col(Company.id)).where(col(Company.key) == key)).first()
        if found is None:
            found = session.exec(select(col(Alias.company_id)).where(col(Alias.key) == key)).first()
        return found

    @staticmethod
    def source_id(session: Session, draft: SourceDraft) -> int:
        """The id of the source with this link (and title, when there is no link), created if new."""
        query = select(Source).where(col(Source.url) == draft.url) if draft.url else \
            select(Source).where(col(Source.url).is_(None), col(Source.title) == draft.title,
                                 col(Source.publisher) == draft.publisher)
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

    @staticmethod
    def cite(session: Session, fact_id: int, source_id: int, evidence: str | None) -> bool:
        """Add a citation unless the fact already cites that source; True when added."""
        exists = session.exec(
            select(col(Citation.id)).where(col(Citation.fact_id) == fact_id, col(Citation.source_id) == source_id)
        ).first()
        if exists is not None:
            return False
        session.add(Citation(fact_id=fact_id, source_id=source_id, evidence=evidence))
        return True

    def get_fact(self, fact_id: int) -> FactRecord:
        with self.session() as session:
            fact = self.fact_in(session, fact_id)
            return self.record_in(session, fact)

    def history(self, fact_id: int) -> list[RevisionRecord]:
        with self.session() as session:
            self.fact_in(session, fact_id)
            rows = session.exec(
                select(Revision).where(col(Revision.fact_id) == fact_id).order_by(col(Revision.version))
            ).all()
            return [
                RevisionRecord(r.version, r.action, r.actor, r.at, r.reason,
                               FactState.from_json(json.loads(r.before)) if r.before else None,
                               FactState.from_json(json.loads(r.after)))
                for r in rows
            ]

    def recent_facts(self, typed: str, statuses: tuple[str, ...] = (), limit: int = 25) -> list[FactRecord]:
        """The most recently changed facts whose number starts with `typed` (digits), or whose company's name
        holds it (words), in these statuses (any, when none); without their sources (a choice list needs none)."""
        typed = typed.strip().lstrip("#").strip()
        query = select(Fact, col(Company.name)).outerjoin(Company, col(Company.id) == col(Fact.company_id))
        if statuses:
            query = query.where(col(Fact.status).in_(statuses))
        if typed.isdigit():
            query = query.where(cast(col(Fact.id), String).startswith(typed))
        elif key := name_key(typed):
            query = query.where(col(Company.key).contains(key, autoescape=True))
        with self.session() as session:
            rows = session.execute(query.order_by(col(Fact.updated_at).desc(), col(Fact.id).desc())
                                   .limit(limit)).all()
        return [FactRecord(fact.id, fact.version, state_of(fact, company), fact.updated_by, fact.updated_at)
                for fact, company in rows if fact.id is not None]

    @staticmethod
    def fact_in(session: Session, fact_id: int) -> Fact:
        fact = session.get(Fact, fact_id)
        if fact is None:
            raise NotFound(f"There is no fact #{fact_id}.")
        return fact

    @staticmethod
    def company_name(session: Session, company_id: int | None) -> str | None:
        if company_id is None:
            return None
        company = session.get(Company, company_id)
        return company.name if company else None

    def record_in(self, session: Session, fact: Fact) -> FactRecord:
        assert fact.id is not None
        state = state_of(fact, self.company_name(session, fact.company_id))
        return FactRecord(fact.id, fact.version, state, fact.updated_by, fact.updated_at,
                          self.sources_of(session, fact.id))

    @staticmethod
    def source_view(session: Session, source_id: int) -> SourceView:
        source = session.get(Source, source_id)
        assert source is not None
        return _source_view(source)

    @staticmethod
    def sources_of(session: Session, fact_id: int) -> tuple[tuple[SourceView, str | None], ...]:
        """The sources a fact cites, with the evidence each gives, in the order they were cited."""
        rows = session.exec(
            select(Source, col(Citation.evidence)).join(Citation, col(Citation.source_id) == col(Source.id))
            .where(col(Citation.fact_id) == fact_id).order_by(col(Citation.id))
        ).all()
        return tuple((_source_view(source), evidence) for source, evidence in rows)

    # -- reading everything at once ---------------------------------------------------------------

    def snapshot_rows(self) -> SnapshotRows:
        """All active knowledge, read in one transaction so it is consistent (answering builds its snapshot)."""
        with self.session() as session:
            generation = session.exec(select(col(Counter.value)).where(col(Counter.key) == GENERATION)).first() or 0
            companies = session.execute(select(col(Company.id), col(Company.name), col(Company.parent_id))).all()
            aliases = session.execute(select(col(Alias.id), col(Alias.company_id), col(Alias.name),
                                             col(Alias.key))).all()
            facts, citations, tags = _fact_rows(session, None)
        return SnapshotRows(
            int(generation),
            [(c.id, c.name, c.parent_id) for c in companies],
            [(a.company_id, a.name, a.key) for a in aliases],
            facts,
            citations,
            tags,
            last_alias=max((a.id for a in aliases), default=0),
        )

    def snapshot_delta(self, since: int, last_company: int, last_alias: int, limit: int) -> SnapshotDelta | None:
        """What changed since generation `since`, for a snapshot holding it to catch up; None when it cannot.

        It cannot when a generation in between recorded no facts (a restore, a write that bypassed the one
        writer, an import too large to record: see `FactService.changed`), when the generation went back (another
        database), or when more than `limit` facts changed: a full `snapshot_rows` then.
        """
        with self.session() as session:
            generation = int(session.exec(select(col(Counter.value)).where(col(Counter.key) == GENERATION))
                             .first() or 0)
            if generation < since or generation - since > limit:
                return None
            changes = session.execute(select(col(FactChange.generation), col(FactChange.fact_id))
                                      .where(col(FactChange.generation) > since)).all()
            if len({g for g, _ in changes if g <= generation}) != generation - since:
                return None
            ids = sorted({fact_id for _, fact_id in changes})
            if len(ids) > limit:
                return None
            facts, citations, tags = _fact_rows(session, ids) if ids else ([], [], {})
            companies = session.execute(select(col(Company.id), col(Company.name), col(Company.parent_id))
                                        .where(col(Company.id) > last_company)).all()
            aliases = session.execute(select(col(Alias.id), col(Alias.company_id), col(Alias.name), col(Alias.key))
                                      .where(col(Alias.id) > last_alias)).all()
        return SnapshotDelta(
            generation, frozenset(ids), facts, citations, tags,
            [(c.id, c.name, c.parent_id) for c in companies],
            [(a.company_id, a.name, a.key) for a in aliases],
            max((a.id for a in aliases), default=last_alias),
        )

    def snapshot_stamp(self) -> tuple[str, int, int, int, str | None, int, str]:
        """What a snapshot saved on disk is checked against (`knowledge.answering.saved`): this database's identity
        (when its first revision was written: a database made again, even with the same facts, has another), the
        generation, the newest change row and the generation it records (0, 0 without one), the schema's
        revision, and the newest revision row and when it was written (0, "" without one: a copy of the file put
        back and changed as often since reaches the same generation and change numbers, not the same times).
        Reading it writes nothing: a read-only database is checked like any other."""
        from knowledge.storage.schema import stamped_revision

        with self.session() as session:
            first = session.execute(select(col(Revision.id), col(Revision.at)).order_by(col(Revision.id))
                                    .limit(1)).first()
            last = session.execute(select(col(Revision.id), col(Revision.at)).order_by(col(Revision.id).desc())
                                   .limit(1)).first()
            generation = session.exec(select(col(Counter.value)).where(col(Counter.key) == GENERATION)).first() or 0
            newest = session.exec(select(func.max(col(FactChange.id)))).one() or 0
            recorded = session.exec(select(col(FactChange.generation)).where(col(FactChange.id) == newest)).first()
            revision = stamped_revision(session.connection())
        identity = f"{first[0]}@{first[1].isoformat()}" if first else ""
        return (identity, int(generation), int(newest), int(recorded or 0), revision,
                int(last[0]) if last else 0, last[1].isoformat() if last else "")

    def change_generation(self, change_id: int) -> int | None:
        """The generation change row `change_id` recorded (None: no such row, or pruned)."""
        with self.session() as session:
            found = session.exec(select(col(FactChange.generation)).where(col(FactChange.id) == change_id)).first()
            return None if found is None else int(found)

    def revision_time(self, revision_id: int) -> str | None:
        """When revision row `revision_id` was written, as `snapshot_stamp` gives it (None: no such row)."""
        with self.session() as session:
            found = session.exec(select(col(Revision.at)).where(col(Revision.id) == revision_id)).first()
            return None if found is None else found.isoformat()

    def counts(self) -> dict[str, int]:
        """How many companies, sources and facts (by status) the knowledge base holds."""
        with self.session() as session:
            result = {
                "companies": session.exec(select(func.count()).select_from(Company)).one(),
                "sources": session.exec(select(func.count()).select_from(Source)).one(),
            }
            counted = session.execute(select(col(Fact.status), func.count()).group_by(col(Fact.status))).all()
            for status, count in counted:
                result[f"facts_{status}"] = count
            return result

    def last_change(self) -> datetime | None:
        with self.session() as session:
            return session.exec(select(func.max(col(Revision.at)))).one()


_CHUNK = 500  # ids per IN (...) list
_SHARED = (str, date, datetime)
Cited = tuple[int, SourceView, str | None]


def _fact_rows(session: Session, ids: Sequence[int] | None) -> tuple[list[Any], list[Cited], dict[int, Tags]]:
    """The active facts among `ids` (all when None) as rows of `FACT_COLUMNS`, their citations (in citation order,
    each source read once and shared) and their tracker tags."""
    fact = Fact.__table__.c  # type: ignore[attr-defined]
    columns = [fact[name] for name in FACT_COLUMNS]
    active = col(Fact.status) == FactStatus.ACTIVE
    chunks: list[Any] = [None] if ids is None else [ids[i:i + _CHUNK] for i in range(0, len(ids), _CHUNK)]
    facts: list[Any] = []
    citations: list[Cited] = []
    tags: dict[int, Tags] = {}
    sources: dict[int, SourceView] = {}
    strings: dict[Any, Any] = {}
    shared = strings.setdefault  # the same few words (kinds, publishers, places) on 100,000 rows: stored once
    for chunk in chunks:
        query = select(*columns).where(active)
        cited = core_select(col(Citation.fact_id), col(Citation.evidence), col(Source.id), col(Source.kind),
                            col(Source.url), col(Source.title), col(Source.publisher), col(Source.published),
                            col(Source.language), col(Source.notes)) \
            .join(Source, col(Source.id) == col(Citation.source_id)) \
            .join(Fact, col(Fact.id) == col(Citation.fact_id)).where(active).order_by(col(Citation.id))
        tagged = core_select(col(RoundTags.fact_id), col(RoundTags.industry), col(RoundTags.country),
                             col(RoundTags.location), col(RoundTags.stage), col(RoundTags.funds_raised)) \
            .join(Fact, col(Fact.id) == col(RoundTags.fact_id)).where(active)
        if chunk is not None:
            query = query.where(col(Fact.id).in_(chunk))
            cited = cited.where(col(Citation.fact_id).in_(chunk))
            tagged = tagged.where(col(RoundTags.fact_id).in_(chunk))
        facts += [tuple(shared(value, value) if type(value) in _SHARED else value for value in row)
                  for row in session.execute(query)]
        for fact_id, evidence, source_id, *values in session.execute(cited):
            source = sources.get(source_id)
            if source is None:
                source = sources[source_id] = SourceView(source_id, *(
                    shared(v, v) if type(v) is str and len(v) < 200 else v for v in values))
            citations.append((fact_id, source, evidence))
        for fact_id, *values in session.execute(tagged):
            found = Tags(*(shared(v, v) for v in values))
            tags[fact_id] = shared(found, found)
    return facts, citations, tags


def state_of(fact: Fact, company: str | None) -> FactState:
    """What a stored fact says, typed (the company is given by name: facts refer to it by id)."""
    return FactState.from_json({**{name: getattr(fact, name) for name in _STATE_FIELDS}, "company": company,
                                "labels": fact.labels or "", "caveats": json.loads(fact.caveats or "[]")})


def revision_text(state: FactState) -> str:
    """A state as a revision stores it: JSON with sorted keys (exports and backups compare it as text)."""
    return revision_json(state.to_json())


def revision_json(data: dict[str, Any]) -> str:
    """A state's `to_json()` as a revision stores it (a bulk writer builds those dicts itself)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def _source_view(source: Source) -> SourceView:
    assert source.id is not None
    return SourceView(source.id, source.kind, source.url, source.title, source.publisher, source.published,
                      source.language, source.notes)


_redacted = redacted  # a database URL without its password, for messages and logs
