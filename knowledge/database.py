"""Looking after the database itself, for the command line and `doctor`: where it is, its schema, copies.

These are the operator's operations, not the knowledge's: checking a URL, whether a SQLite file exists
(a misspelt path must never quietly become a new, empty knowledge base), the schema revision and its
upgrade, reading a backup file, copying every row into a new database, and telling a database error's
real cause.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from knowledge.settings import MAX_BACKUP_BYTES, WRITE_WAIT
from knowledge.storage.urls import parse, require_file

# The schema's, health's and errors' own names (check_database, head_revision, translate, ...) are exported by
# the package door straight from knowledge.storage; the functions here import storage when called, so that
# checking a URL or a file (every command does) costs no SQLAlchemy.

__all__ = ["copy_database", "read_backup", "require_sqlite_file", "sqlite_path"]


def sqlite_path(url: str) -> Path | None:
    """The SQLite file a database URL names (None for PostgreSQL and in-memory databases); checks the URL."""
    return parse(url).path


def require_sqlite_file(url: str) -> None:
    """Refuse (NoDatabase, naming the command that creates it) a SQLite URL whose file does not exist."""
    require_file(parse(url))


def read_backup(path: Path, limit: int = MAX_BACKUP_BYTES) -> Any:
    """A `kb export` file's JSON, read within `limit` bytes (special files included)."""
    from knowledge.storage import backup

    return backup.read_json(path, limit)


def copy_database(source_url: str, target_url: str, write_wait: float = WRITE_WAIT) -> dict[str, int]:
    """Every row of the knowledge base at `source_url` into a new, empty database at `target_url`."""
    from knowledge.storage import backup
    from knowledge.storage.store import Store

    source = Store.open(source_url, write_wait=write_wait, create=False)
    try:
        target = Store.open(target_url, write_wait=write_wait)
        try:
            return backup.copy(source, target)
        finally:
            target.close()
    finally:
        source.close()
