"""A look at an existing SQLite knowledge base without SQLAlchemy: its schema revision, generation, which of
some settings it holds, and the stamp a snapshot saved on disk is checked against.

A command-line question on a knowledge base that is ready (at the current schema, the bundled packs loaded)
needs nothing from the database but its generation and that stamp, to know whether the snapshot it has (in
memory or on disk) is current.  Importing SQLAlchemy and SQLModel to read a few numbers costs several times
what answering does, so these reads go through the standard library's sqlite3.  Anything unexpected (no file,
a table missing, a lock) gives None, and the caller opens the store the usual way, which explains the problem
properly.
tests/test_startup.py holds these reads to the store's own.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from urllib.parse import quote

# The store's names for these (tests/test_startup.py checks they agree with the models and the store).
VERSION_TABLE = "alembic_version"
SETTING_TABLE = "setting"
COUNTER_TABLE = "counter"
REVISION_TABLE = "revision"
CHANGE_TABLE = "fact_change"
GENERATION = "generation"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?(\w+)['\"]?", re.MULTILINE)


@dataclass(frozen=True)
class Probe:
    revision: str | None  # the schema revision stamped in the database
    generation: int  # the knowledge's change counter
    settings: frozenset[str]  # which of the setting keys asked about the database holds


def probe(path: Path, keys: Sequence[str] = ()) -> Probe | None:
    """The revision, generation and present settings of the SQLite file at `path`; None when unsure."""
    try:
        connection = _connect(path)
    except sqlite3.Error:
        return None
    try:
        stamped = [row[0] for row in connection.execute(f"SELECT version_num FROM {VERSION_TABLE}")]
        present = frozenset(row[0] for row in connection.execute(
            f"SELECT key FROM {SETTING_TABLE} WHERE key IN ({', '.join('?' for _ in keys)})", tuple(keys))) \
            if keys else frozenset()
        return Probe(stamped[0] if len(stamped) == 1 else None, _generation(connection), present)
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def generation(path: Path) -> int | None:
    """The generation counter of the SQLite file at `path`; None when it cannot be read this way."""
    try:
        connection = _connect(path)
    except sqlite3.Error:
        return None
    try:
        return _generation(connection)
    except sqlite3.Error:
        return None
    finally:
        connection.close()


@dataclass(frozen=True)
class History:
    """What a saved snapshot is checked against, read in one transaction."""

    stamp: tuple[str, int, int, int, str | None, int, str]  # as `knowledge.storage.store.Store.snapshot_stamp` gives it
    recorded: int | None  # the generation the change row asked about records (None: no such row, or none asked)
    written: str | None  # when the revision row asked about was written (None: no such row, or none asked)


def history(path: Path, change_id: int = 0, revision_id: int = 0) -> History | None:
    """The snapshot stamp of the SQLite file at `path`, the generation its change row `change_id` records and when
    its revision row `revision_id` was written (when not 0); None when they cannot be read this way.
    tests/test_startup.py holds them to the store's."""
    try:
        connection = _connect(path)
    except sqlite3.Error:
        return None
    try:
        connection.execute("BEGIN")  # one consistent state: the stamp's parts and the rows asked about agree
        first = connection.execute(f"SELECT id, at FROM {REVISION_TABLE} ORDER BY id LIMIT 1").fetchone()
        last = connection.execute(f"SELECT id, at FROM {REVISION_TABLE} ORDER BY id DESC LIMIT 1").fetchone()
        newest = connection.execute(f"SELECT max(id) FROM {CHANGE_TABLE}").fetchone()[0] or 0
        newest_generation = _recorded(connection, newest) if newest else None
        recorded = _recorded(connection, change_id) if change_id else None
        written = connection.execute(f"SELECT at FROM {REVISION_TABLE} WHERE id = ?", (revision_id,)).fetchone() \
            if revision_id else None
        stamped = [row[0] for row in connection.execute(f"SELECT version_num FROM {VERSION_TABLE}")]
        generation = _generation(connection)
        connection.execute("COMMIT")
        identity = f"{first[0]}@{_utc(first[1]).isoformat()}" if first else ""
        newest_revision = (int(last[0]), _utc(last[1]).isoformat()) if last else (0, "")
        written_at = _utc(written[0]).isoformat() if written else None
    except (sqlite3.Error, TypeError, ValueError):  # a missing table, a lock, a value the store did not write
        return None
    finally:
        connection.close()
    stamp = (identity, generation, int(newest), newest_generation or 0, stamped[0] if len(stamped) == 1 else None,
             *newest_revision)
    return History(stamp, recorded, written_at)


def _utc(stored: str) -> datetime:
    """A time as the store reads it back (SQLModel's UTCDateTime): SQLite holds UTC as text without an offset."""
    at = datetime.fromisoformat(stored)
    return at.replace(tzinfo=UTC) if at.utcoffset() is None else at.astimezone(UTC)


def _recorded(connection: sqlite3.Connection, change_id: int) -> int | None:
    row = connection.execute(f"SELECT generation FROM {CHANGE_TABLE} WHERE id = ?", (change_id,)).fetchone()
    return None if row is None else int(row[0])


def _connect(path: Path) -> sqlite3.Connection:
    # mode=rw: an existing file only (never create one); autocommit: one transaction per statement, unless one is
    # begun explicitly (`history`, whose reads must agree).
    return sqlite3.connect(f"file:{quote(str(path))}?mode=rw", uri=True, timeout=5.0, isolation_level=None)


def _generation(connection: sqlite3.Connection) -> int:
    row = connection.execute(f"SELECT value FROM {COUNTER_TABLE} WHERE key = ?", (GENERATION,)).fetchone()
    return int(row[0]) if row else 0


@cache
def written_head() -> str | None:
    """The head revision as the migration scripts state it (`revision = '0006'` that no script names as its
    `down_revision`), read from their text without Alembic; None when that does not name exactly one.
    tests/test_startup.py holds it to Alembic's own `head_revision()`."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        stated = dict((name, value) for name, value in _REVISION_LINE.findall(script.read_text(encoding="utf-8")))
        if "revision" in stated:
            revisions.add(stated["revision"])
            parents.add(stated.get("down_revision", "None"))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None
