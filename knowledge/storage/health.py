"""What an operator needs to know about a knowledge base before going live, read without changing it.

`python -m bot doctor` asks this: is the database there and reachable, is its schema the one this
version needs, and does it know more than the bundled facts (a fresh install knows only the article
the project started from, about Amazon).  Nothing here creates a file, a schema or a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, inspect, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlmodel import col

from knowledge.errors import InvalidInput
from knowledge.storage.causes import translate
from knowledge.storage.models import Company, Fact, Revision, Source
from knowledge.storage.schema import UPGRADE_COMMAND, current_revision, head_revision
from knowledge.storage.store import make_engine
from knowledge.storage.urls import parse, redacted
from knowledge.types import BUNDLED_ACTOR, FactStatus, SourceKind

IMPORT_COMMAND = "python -m bot kb import FILE --format layoffs-fyi"


@dataclass(frozen=True)
class DatabaseReport:
    where: str  # the URL, without its password
    head: str  # the schema this version needs
    problem: str | None = None  # why it cannot be used as it is; None when it can
    fix: str | None = None
    revision: str | None = None
    facts: int = 0  # active facts
    companies: int = 0
    own_facts: int = 0  # active facts that did not come with the bundled packs
    latest_export: date | None = None  # the newest tracker export imported


def check_database(url: str) -> DatabaseReport:
    where, head = redacted(url), head_revision()
    try:
        missing = missing_sqlite_file(url)
    except InvalidInput as error:
        return DatabaseReport(where, head, f"{where} is not a database URL layoffbot can use ({error})",
                              "use sqlite:///PATH or postgresql://USER@HOST:5432/DATABASE")
    if missing is not None:
        return DatabaseReport(where, head, f"there is no database at {missing} yet",
                              f"importing a tracker export creates it: {IMPORT_COMMAND}")
    engine = make_engine(url, create=False)
    try:
        with engine.connect() as connection:
            if "fact" not in inspect(connection).get_table_names():
                return DatabaseReport(where, head, "the database holds no knowledge base (no tables)",
                                      f"importing a tracker export creates one: {IMPORT_COMMAND}")
            revision = current_revision(connection)
            if revision != head:
                return DatabaseReport(where, head, f"its schema is at {revision or 'an unknown revision'}; this "
                                      f"version needs {head}", f"back it up, then run {UPGRADE_COMMAND}",
                                      revision=revision)
            active = col(Fact.status) == FactStatus.ACTIVE
            bundled = select(col(Revision.fact_id)).where(col(Revision.version) == 1,
                                                          col(Revision.actor) == BUNDLED_ACTOR)
            return DatabaseReport(
                where, head, revision=revision,
                facts=connection.execute(select(func.count()).select_from(Fact).where(active)).scalar_one(),
                companies=connection.execute(select(func.count()).select_from(Company)).scalar_one(),
                own_facts=connection.execute(select(func.count()).select_from(Fact).where(
                    active, col(Fact.id).not_in(bundled))).scalar_one(),
                latest_export=connection.execute(select(func.max(col(Source.published))).where(
                    col(Source.kind) == SourceKind.DATASET)).scalar_one())
    except DBAPIError as error:
        reason = str(translate(error, url) or error.orig).strip().splitlines()[0].rstrip(".")
        return DatabaseReport(where, head, f"cannot open it: {reason}",
                              "check the URL, that the server is running and reachable, and the user's rights")
    except SQLAlchemyError as error:
        return DatabaseReport(where, head, f"cannot open it: {error}", "check the URL")
    finally:
        engine.dispose()


def missing_sqlite_file(url: str) -> Path | None:
    """A SQLite file that does not exist; opening it would create it, which a check must not do."""
    path = parse(url).path
    return None if path is None or path.is_file() else path
