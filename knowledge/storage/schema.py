"""The schema's versions: creating new databases, checking and upgrading old ones.

Migrations live in `knowledge/migrations` (Alembic) and run on SQLite and
PostgreSQL alike.  A new, empty database is created directly at the current
schema and stamped with the latest revision; an existing database must be at
that revision, otherwise start-up stops with the command that upgrades it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, column, inspect, select, table
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel

import knowledge.storage.models  # noqa: F401  (registers the tables)
from knowledge.errors import SchemaOutdated
from knowledge.storage.probe import written_head

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
UPGRADE_COMMAND = "python -m bot db upgrade"
# Alembic's own bookkeeping table, read directly when a database is opened: Alembic itself (and the
# migration scripts it parses to find the head) is imported only to create, stamp or upgrade a schema.
_VERSION_TABLE = table("alembic_version", column("version_num"))


def alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def stamped_revision(connection: Connection) -> str | None:
    """The revision the database is stamped with, read without Alembic (an open store's schema is current, so
    its version table exists); None when it holds no single revision."""
    stamped = connection.execute(select(_VERSION_TABLE.c.version_num)).scalars().all()
    return str(stamped[0]) if len(stamped) == 1 else None


def _at_written_head(connection: Connection) -> bool:
    """Whether the database is stamped at the head revision, told by one query (False when unsure)."""
    head = written_head()
    if head is None:
        return False
    try:
        stamped = connection.execute(select(_VERSION_TABLE.c.version_num)).scalars().all()
    except DBAPIError:  # no such table yet: a new database (the caller looks again, the long way)
        connection.rollback()
        return False
    return stamped == [head]


def prepare_schema(engine: Engine, write: Callable[[], AbstractContextManager[Session]]) -> None:
    """Create a new database at the current schema; refuse an outdated one with advice.

    `write` opens the store's write transaction: two processes opening the same new database at once
    take turns, so the second finds the schema complete and stamped instead of half made.
    """
    with engine.connect() as connection:
        if _at_written_head(connection):
            return
        current = _revision_if_created(connection)
    if current is None:
        with write() as session:
            connection = session.connection()
            current = _revision_if_created(connection)
            if current is None:
                from alembic import command

                SQLModel.metadata.create_all(connection)
                command.stamp(alembic_config(connection), "head")
                session.commit()
                return
    head = head_revision()
    if current != head:
        raise SchemaOutdated(
            f"The knowledge base's schema is at revision {current or 'unknown'}, but this version of layoffbot "
            f"needs {head}. Back it up, then run: {UPGRADE_COMMAND}"
        )


def _revision_if_created(connection: Connection) -> str | None:
    """None for a new database; otherwise its revision ("" when its tables were made without one)."""
    if "fact" not in inspect(connection).get_table_names():
        return None
    return current_revision(connection) or ""


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str]:
    """Migrate a database to `revision`; returns (before, after) revisions."""
    from alembic import command

    with engine.begin() as connection:
        before = current_revision(connection)
        command.upgrade(alembic_config(connection), revision)
        after = current_revision(connection)
    assert after is not None
    return before, after


def database_revision(url: str) -> str | None:
    """The schema revision of the existing database at `url` (None when it holds no schema yet)."""
    from knowledge.storage.causes import translated
    from knowledge.storage.store import make_engine

    engine = make_engine(url, create=False)
    try:
        with translated(engine.url), engine.connect() as connection:
            return current_revision(connection)
    finally:
        engine.dispose()


def upgrade_database(url: str, create: bool = False) -> tuple[str | None, str]:
    """Migrate the database at `url` to the current schema (a new one when `create`); (before, after)."""
    from knowledge.storage.causes import translated
    from knowledge.storage.store import make_engine

    engine = make_engine(url, create)
    try:
        with translated(engine.url):
            return upgrade(engine)
    finally:
        engine.dispose()
