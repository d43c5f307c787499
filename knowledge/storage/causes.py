"""Database errors, told as their real cause: one place that reads SQLite's and PostgreSQL's errors.

The store's sessions, the schema commands and the command line all pass what the
driver raised through `translate`, so "read-only", "disk full", "another process
is writing", "deadlock", "cannot reach the server", "login refused", "no such
database" and "older schema" each become one sentence that names the database
(never its password) and says what to do.  What is not a condition of the
database (a constraint a caller handles, a bug) is left as it is.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from knowledge.errors import (
    Busy,
    DiskFull,
    KnowledgeError,
    LoginRefused,
    NoDatabase,
    ReadOnly,
    SchemaOutdated,
    Unavailable,
)
from knowledge.storage.urls import DatabaseUrl, parse

_AGAIN = "nothing was changed; run it again"
_NEARLY_FULL = 1 << 20
_FATAL = re.compile(r"FATAL:\s+(.*)")
_LOGIN = re.compile(r"password authentication failed|no password supplied|authentication failed|"
                    r"role \"[^\"]*\" does not exist|pg_hba\.conf|permission denied for database", re.IGNORECASE)
_NO_DATABASE = re.compile(r"database \"[^\"]*\" does not exist", re.IGNORECASE)
_OLD_SCHEMA = re.compile(r"no such (table|column)|(relation|column) \"[^\"]*\" (of relation \"[^\"]*\" )?does not "
                         r"exist", re.IGNORECASE)


def translate(error: BaseException, url: str | URL | DatabaseUrl) -> KnowledgeError | None:
    """The error naming the real cause of `error` on the database at `url`; None when it is no database
    condition (let it surface: a caller handles it, or it is a bug to be logged with a reference)."""
    target = url if isinstance(url, DatabaseUrl) else parse(url)
    if isinstance(error, PoolTimeout):
        return Unavailable(f"Every connection to the knowledge base at {target.shown} is in use; try again shortly.")
    original: BaseException = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    if isinstance(original, sqlite3.Error):
        return _sqlite(original, target)
    if type(original).__module__.startswith("psycopg"):
        return _postgres(original, target)
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return Unavailable(f"The connection to the knowledge base at {target.shown} was lost ({_first_line(original)});"
                           f" try again shortly.")
    return None


@contextmanager
def translated(url: str | URL | DatabaseUrl) -> Iterator[None]:
    """Database errors raised inside become the knowledge errors that name their cause."""
    try:
        yield
    except (DBAPIError, PoolTimeout) as error:
        known = translate(error, url)
        if known is None:
            raise
        raise known from error


def _sqlite(error: sqlite3.Error, target: DatabaseUrl) -> KnowledgeError | None:
    name = getattr(error, "sqlite_errorname", "") or ""
    reason = _first_line(error)
    where = target.shown
    if name.startswith("SQLITE_READONLY"):
        why = _unwritable(target.path) if target.path else ""
        return ReadOnly(f"The knowledge base at {where} is read-only{': ' + why if why else ''}; nothing was changed. "
                        f"Make it writable for this user (or work on a copy), then run this again.")
    if name == "SQLITE_FULL" or (name.startswith("SQLITE_IOERR") and target.path and _nearly_full(target.path)):
        return DiskFull(f"The disk holding the knowledge base at {where} is full ({reason}); nothing was changed. "
                        f"Free some space there, then run this again.")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return Busy(f"Another process is writing to the knowledge base at {where} ({reason}); {_AGAIN} once it "
                    f"has finished.")
    if name.startswith("SQLITE_CANTOPEN"):
        return _cannot_open(target.path, where) if target.path else \
            Unavailable(f"Cannot open the knowledge base at {where} ({reason}).")
    if name == "SQLITE_NOTADB":
        return Unavailable(f"{where} is not a layoffbot knowledge base ({reason}): check the database URL.")
    if name.startswith("SQLITE_CORRUPT"):
        return Unavailable(f"The knowledge base at {where} is damaged ({reason}): restore it from a backup "
                           f"(python -m bot kb import BACKUP.json --format json, into a new file).")
    if name.startswith("SQLITE_IOERR"):
        return Unavailable(f"Reading or writing the knowledge base at {where} failed ({reason}): check the disk "
                           f"and the file system, then run this again.")
    if _OLD_SCHEMA.search(reason):
        return _outdated(where, reason)
    if isinstance(error, sqlite3.OperationalError) and name not in ("", "SQLITE_ERROR"):
        return Unavailable(f"The knowledge base at {where} cannot be used right now ({reason}).")
    return None  # a plain SQLITE_ERROR (a statement SQLite refused) is a bug of ours


def _postgres(error: BaseException, target: DatabaseUrl) -> KnowledgeError | None:
    import psycopg  # only once one of its errors is in hand: SQLite deployments never load it

    state = getattr(error, "sqlstate", None) or ""
    text = str(error)
    reason = _postgres_reason(text)
    where = target.shown
    server = f"the PostgreSQL server at {target.server}"
    if state == "40P01":
        return Busy(f"Another change to the knowledge base at {where} ran at the same time and PostgreSQL stopped "
                    f"this one to break a deadlock; {_AGAIN}.")
    if state in ("40001", "55P03"):
        return Busy(f"Another change to the knowledge base at {where} ran at the same time ({reason}); {_AGAIN}.")
    if state == "3D000" or (not state and _NO_DATABASE.search(text)):
        return NoDatabase(f"There is no database {target.database!r} on {server} ({where}): create it "
                          f"(createdb -h {target.host} {target.database}) or correct the URL.")
    if state.startswith("28") or (not state and _LOGIN.search(text)):
        return LoginRefused(f"{server[0].upper()}{server[1:]} refused to let user {target.user or '(default)'} in "
                            f"({reason}): check the user and password in the URL (or ~/.pgpass), and that this "
                            f"user may connect to {target.database!r}.")
    if state in ("53100", "53200"):
        return DiskFull(f"{server[0].upper()}{server[1:]} is out of space for {where} ({reason}); nothing was "
                        f"changed. Free some space there, then run this again.")
    if state == "25006":
        return ReadOnly(f"The knowledge base at {where} is read-only ({reason}; a standby server?); nothing was "
                        f"changed. Point the URL at the primary server.")
    if state in ("42P01", "42703"):
        return _outdated(where, reason)
    if isinstance(error, psycopg.OperationalError | psycopg.InterfaceError) and (not state or state[:2] in
                                                                                ("08", "57")):
        return Unavailable(f"The knowledge base at {where} cannot be opened: {server} does not answer ({reason}). "
                           f"Check that it is running and that the URL's host and port are right, then try again.")
    if isinstance(error, psycopg.OperationalError | psycopg.InterfaceError):
        return Unavailable(f"The knowledge base at {where} cannot be used right now ({reason}).")
    return None


def _outdated(where: str, reason: str) -> SchemaOutdated:
    from knowledge.storage.schema import UPGRADE_COMMAND

    return SchemaOutdated(f"The knowledge base at {where} has an older schema than this version of layoffbot "
                          f"({reason}). Back it up, then run: {UPGRADE_COMMAND}")


def _postgres_reason(text: str) -> str:
    """libpq's reason without its framing ('connection failed: connection to server at ... failed: ')."""
    fatal = _FATAL.search(text)
    if fatal:
        return fatal.group(1).strip()
    line = _first_line(text)
    return line.rsplit(" failed: ", 1)[-1].strip() if " failed: " in line else line


def _first_line(error: BaseException | str) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def _unwritable(path: Path) -> str:
    """Why SQLite could not write at `path`, as far as the file system tells."""
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return f"it is on a read-only file system ({folder})"
    except OSError:
        pass
    if path.exists() and not os.access(path, os.W_OK):
        return "this user may not write to the file"
    if not os.access(folder, os.W_OK):
        return f"this user may not write to its folder {folder}, where SQLite keeps its journal"
    return ""


def _nearly_full(path: Path) -> bool:
    """Whether the disk holding `path` has under a megabyte left: an I/O error there is most likely that
    (SQLite reports a full disk as an I/O error when it cannot even extend its shared-memory file)."""
    try:
        info = os.statvfs(path.parent)
    except OSError:
        return False
    return info.f_bavail * info.f_frsize < _NEARLY_FULL


def _cannot_open(path: Path, where: str) -> KnowledgeError:
    """Why SQLite could not open `path`: the folder, the file's permissions, or a read-only file system."""
    folder = path.parent
    if path.is_dir():
        return Unavailable(f"Cannot open the knowledge base at {where}: that is a folder, not a database file.")
    if not folder.is_dir():
        return Unavailable(f"Cannot open the knowledge base at {where}: the folder {folder} does not exist.")
    if path.exists() and not os.access(path, os.R_OK):
        return Unavailable(f"Cannot open the knowledge base at {where}: this user may not read the file.")
    why = _unwritable(path)
    if why:  # SQLite keeps its shared-memory file beside the database, even to read it
        return ReadOnly(f"Cannot open the knowledge base at {where}: {why}, and SQLite needs to write beside the "
                        f"file even to read it. Make it writable for this user, or work on a copy.")
    return Unavailable(f"Cannot open the knowledge base at {where}: SQLite cannot open the file there.")
