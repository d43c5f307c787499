"""A look at an existing SQLite knowledge base without SQLAlchemy: its schema revision, generation, and which
of some settings it holds.

A command-line question on a knowledge base that is ready (at the current schema, the bundled packs loaded)
needs nothing from the database but its generation, to know whether the snapshot it has is current.
Importing SQLAlchemy and SQLModel to read one number costs several times what answering does, so these
three reads go through the standard library's sqlite3.  Anything unexpected (no file, a table missing, a
lock) gives None, and the caller opens the store the usual way, which explains the problem properly.
tests/test_startup.py holds these reads to the store's own.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

# The store's names for these (tests/test_startup.py checks they agree with the models and the store).
VERSION_TABLE = "alembic_version"
SETTING_TABLE = "setting"
COUNTER_TABLE = "counter"
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


def _connect(path: Path) -> sqlite3.Connection:
    # mode=rw: an existing file only (never create one); one transaction per statement is all these reads need.
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
