"""Errors the core raises on purpose, each with a message fit to show a user."""

from __future__ import annotations

from datetime import datetime


class KnowledgeError(Exception):
    """Base class: the message is written for the person who caused it."""


class InvalidInput(KnowledgeError):
    """Input that cannot be accepted as given (bad URL, negative count, ...)."""


class InvalidField(InvalidInput):
    """Input that breaks the rule of one named field, so a check of many rows (a backup) can say which."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field

    def __reduce__(self) -> tuple[type[InvalidField], tuple[str, str]]:  # crosses to and from import processes
        return type(self), (self.field, str(self))


class NotFound(KnowledgeError):
    pass


class VersionConflict(KnowledgeError):
    """Someone else changed the fact since it was read; nothing was overwritten."""

    def __init__(self, fact_id: int, expected: int, current: int, updated_by: str, updated_at: datetime | None,
                 summary: str) -> None:
        when = updated_at.strftime("%Y-%m-%d %H:%M UTC") if updated_at else "an unknown time"
        super().__init__(
            f"Fact #{fact_id} was changed by {updated_by} at {when} (now version {current}, you edited "
            f"version {expected}). Nothing was saved. Its current text: {summary}"
        )
        self.fact_id = fact_id
        self.expected = expected
        self.current = current
        self.updated_by = updated_by
        self.updated_at = updated_at
        self.summary = summary


class SchemaOutdated(KnowledgeError):
    """The database was made by an older version and needs `python -m bot db upgrade`."""


class Unavailable(KnowledgeError):
    """The database cannot be used right now; the message names the cause (the subclasses below, or an
    unreachable server). In Discord every kind reads "unavailable, try again shortly"."""


class Busy(KnowledgeError):
    """Another writer (an import, an ingestion, a restore, an edit) held the knowledge base longer than
    the configured wait; nothing was changed, and trying again once it is done will work."""


class ReadOnly(Unavailable):
    """The database (or its file, folder or disk) cannot be written by this process."""


class DiskFull(Unavailable):
    """The disk holding the database has no room left; the change was not saved."""


class NoDatabase(Unavailable):
    """There is no database where the URL points (a missing SQLite file, a PostgreSQL database not created)."""


class LoginRefused(Unavailable):
    """The PostgreSQL server refused the URL's user or password."""
