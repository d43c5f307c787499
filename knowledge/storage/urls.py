"""Database URLs: the forms layoffbot accepts, where they point, and how they are shown.

Every engine is made from a URL checked here, so the bot and every command refuse
the same malformed URLs with the same one-line message before any driver (or
libpq's defaults, which `postgresql://` alone would reach) guesses what was meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from knowledge.errors import InvalidInput, NoDatabase

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

ACCEPTED = "sqlite:///PATH/TO/FILE.db or postgresql://USER@HOST[:PORT]/DATABASE"
_POSTGRES = ("postgresql", "postgres", "postgresql+psycopg")


@dataclass(frozen=True)
class DatabaseUrl:
    """A checked database URL."""

    sqlalchemy: str  # what the engine is made from
    path: Path | None = None  # the SQLite file; None in memory and on PostgreSQL
    memory: bool = False
    host: str | None = None
    port: int | None = None
    user: str | None = None
    database: str | None = None

    @property
    def postgres(self) -> bool:
        return not self.memory and self.path is None

    @property
    def shown(self) -> str:
        """How messages name it: the SQLite file, or the PostgreSQL URL without password or options."""
        if self.memory:
            return "an in-memory SQLite database"
        if self.path is not None:
            return str(self.path)
        user = f"{self.user}@" if self.user else ""
        return f"postgresql://{user}{self.server}/{self.database}"

    @property
    def server(self) -> str:
        host = f"[{self.host}]" if self.host and ":" in self.host else (self.host or "")
        return f"{host}:{self.port or 5432}"


# sqlite:///PATH with nothing SQLAlchemy's URL parser would read otherwise (no query, no escapes, no
# user or host): most configured URLs, told apart without importing SQLAlchemy, which costs a command-line
# question more than answering it.
_PLAIN_SQLITE = re.compile(r"sqlite:///([^?#%@]+)")


def parse(url: str | URL) -> DatabaseUrl:
    """Check a configured URL (or an engine's); raises InvalidInput naming the accepted forms."""
    if isinstance(url, str) and (plain := _PLAIN_SQLITE.fullmatch(url.strip())) and plain[1] != ":memory:":
        path = Path(plain[1]).expanduser().absolute()
        return DatabaseUrl(f"sqlite:///{path}", path=path)
    from sqlalchemy.engine import make_url

    text = url if isinstance(url, str) else url.render_as_string(hide_password=False)
    try:
        parts = make_url(text.strip()) if isinstance(url, str) else url
    except Exception:  # noqa: BLE001 (make_url raises ArgumentError, ValueError for a bad port, ...)
        raise _not_usable(text) from None
    scheme = parts.drivername
    if scheme == "sqlite":
        return _sqlite(text, parts)
    if scheme in _POSTGRES:
        return _postgres(text, parts)
    raise _not_usable(text)


def sqlite_file(url: str | URL) -> Path | None:
    """The SQLite file a URL names (None for PostgreSQL and in-memory databases)."""
    return parse(url).path


def require_file(url: DatabaseUrl) -> None:
    """Refuse a SQLite URL whose file does not exist: a misspelt path must not become a new, empty database."""
    if url.path is None:
        return
    try:
        exists = url.path.exists()
    except OSError as error:  # e.g. a folder on the way that this user cannot enter
        raise NoDatabase(f"Cannot look for the knowledge base at {url.path}: {error.strerror or error}.") from None
    if not exists:
        raise NoDatabase(
            f"There is no knowledge base at {url.path} (layoffbot creates one only when asked). Check the path, "
            f"or create it with: python -m bot --db sqlite:///{url.path} db upgrade --create "
            f"(or kb import FILE --format layoffs-fyi --create, to fill it from a tracker export)."
        )


def redacted(url: str) -> str:
    """A URL as text without its password, even when it does not parse."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}" if ":" in credentials else f"{scheme}://{user}@{host}"
    return url


def _sqlite(text: str, parts: URL) -> DatabaseUrl:
    name = parts.database
    if parts.host or parts.username or parts.port:
        raise InvalidInput(f"{redacted(text)} is not a SQLite URL layoffbot can use: a file is written "
                           f"sqlite:///relative/path.db or sqlite:////absolute/path.db (three or four slashes).")
    if name in (None, ":memory:") and text.strip() in ("sqlite://", "sqlite:///:memory:"):
        return DatabaseUrl("sqlite://", memory=True)
    if not name:
        raise InvalidInput(f"{redacted(text)} names no file: give sqlite:///PATH/TO/FILE.db.")
    path = Path(name).expanduser().absolute()
    return DatabaseUrl(f"sqlite:///{path}", path=path)


def _postgres(text: str, parts: URL) -> DatabaseUrl:
    host = parts.host or parts.query.get("host")
    if isinstance(host, tuple):
        host = host[0] if host else None
    if not host:
        raise InvalidInput(f"{redacted(text)} names no server: a PostgreSQL URL needs its host, e.g. "
                           f"postgresql://USER@HOST:5432/DATABASE (without one, libpq would pick a default).")
    if not parts.database:
        raise InvalidInput(f"{redacted(text)} names no database: add it after the server, e.g. "
                           f"postgresql://USER@{host}:5432/layoffbot.")
    engine_url = parts.set(drivername="postgresql+psycopg")
    return DatabaseUrl(engine_url.render_as_string(hide_password=False), host=host, port=parts.port,
                       user=parts.username, database=parts.database)


def _not_usable(text: str) -> InvalidInput:
    shown = redacted(text.strip())[:200] or "(empty)"
    scheme = shown.split("://", 1)[0] if "://" in shown else ""
    why = f"layoffbot works with SQLite and PostgreSQL, not {scheme}" if scheme else "it is not a URL"
    return InvalidInput(f"{shown!r} cannot be used as the database URL ({why}): give {ACCEPTED}.")
