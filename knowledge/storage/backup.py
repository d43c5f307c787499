"""Export and restore: every company, alias, source, fact, citation and revision.

The JSON export is a lossless backup: `restore` loads it into an empty
database with the same ids, so revisions, citations and moderators' links to
"fact #123" stay valid.  A backup file is checked like every other way in
(knowledge.storage.backup_checks) before anything is written.  The CSV export
writes one file per table, for people who want to read the data in a
spreadsheet.  `copy` is a backup and a restore without the file: how a
knowledge base moves from SQLite to PostgreSQL.
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Table, false, func, insert, select, text, update
from sqlalchemy import inspect as sa_inspect

from knowledge import settings
from knowledge.errors import InvalidInput
from knowledge.files import read_limited
from knowledge.storage.backup_checks import checked_rows
from knowledge.storage.models import (
    SECRET_SETTING,
    Alias,
    Answer,
    Citation,
    Company,
    Counter,
    Fact,
    Feed,
    Feedback,
    Question,
    Revision,
    RoundTags,
    Setting,
    Source,
    Watch,
)
from knowledge.storage.schema import head_revision
from knowledge.storage.store import GENERATION, Store

FORMAT = "layoffbot-export"
VERSION = 1
MAX_BACKUP_BYTES = settings.MAX_BACKUP_BYTES
# In dependency order: a table only refers to tables before it.  The outbox is not kept: what it holds is
# announced within seconds, and a restored knowledge base has nothing new to announce.
_MODELS = (Setting, Counter, Company, Alias, Source, Fact, Citation, RoundTags, Revision, Question, Answer, Feedback,
           Watch, Feed)
TABLES: tuple[tuple[str, Table], ...] = tuple(
    (table.name, table) for table in (cast(Table, sa_inspect(model).local_table) for model in _MODELS))


def export_data(store: Store, guild_id: str | None = None) -> dict[str, Any]:
    """Every row of every table, ids included, as JSON-ready values.

    With `guild_id`, what that server's moderators may take away: the knowledge every server shares,
    but only that server's questions, answers, votes and feed, no secret settings, and nobody's watch list.
    """
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION, "schema": head_revision(),
                            "exported_at": datetime.now().astimezone().isoformat(timespec="seconds")}
    with store.engine.connect() as connection:
        for name, table in TABLES:
            order = list(table.primary_key.columns)
            query = select(table).order_by(*order)
            if guild_id is not None and "guild_id" in table.c:  # a feed's is a number, a question's its text
                query = query.where(table.c.guild_id == (int(guild_id) if name == Feed.__tablename__ else guild_id))
            if guild_id is not None and name == Setting.__tablename__:
                query = query.where(table.c.key.not_like(f"{SECRET_SETTING}%"))
            if guild_id is not None and name == Watch.__tablename__:
                query = query.where(false())  # members of every server, who watch for themselves
            rows = connection.execute(query).mappings().all()
            data[name] = [{key: _plain(value) for key, value in row.items()} for row in rows]
    return data


def write_json(store: Store, path: Path | None, guild_id: str | None = None) -> str:
    payload = json.dumps(export_data(store, guild_id), ensure_ascii=False, indent=1, sort_keys=True)
    if path is not None:
        path.write_text(payload + "\n", encoding="utf-8")
    return payload


def write_csv(store: Store, folder: Path) -> list[Path]:
    """One CSV per table in `folder` (created if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    data = export_data(store)
    written = []
    for name, table in TABLES:
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=[c.name for c in table.columns])
            writer.writeheader()
            writer.writerows(data[name])
        written.append(path)
    return written


def restore(store: Store, data: Any) -> dict[str, int]:
    """Load a JSON export into an empty database: every row checked first, then all written or nothing."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput("This file is not a layoffbot export (its 'format' is missing or different).")
    if data.get("version") != VERSION:
        raise InvalidInput(f"This export is in version {data.get('version')!r} of the format; this version of "
                           f"layoffbot restores version {VERSION}.")
    if data.get("schema") != head_revision():
        raise InvalidInput(f"The export was made at schema {data.get('schema')}; this version of layoffbot restores "
                           f"schema {head_revision()} exports. Restore it with the matching version, then upgrade.")
    checked = checked_rows(data, TABLES)
    counts: dict[str, int] = {}
    with store.write() as session:
        connection = session.connection()
        _refuse_unless_empty(connection)
        for name, table in TABLES:
            rows = checked[name]
            if name == "company":  # parents may come after their subsidiaries: link them afterwards
                parents = {row["id"]: row["parent_id"] for row in rows if row.get("parent_id") is not None}
                rows = [{**row, "parent_id": None} for row in rows]
            if name == "counter":
                connection.execute(table.delete())  # the one kind of row a new database may hold already
            if rows:
                connection.execute(insert(table), rows)
            if name == "company":
                for company_id, parent_id in parents.items():
                    connection.execute(update(table).where(table.c.id == company_id).values(parent_id=parent_id))
            counts[name] = len(rows)
        if connection.dialect.name == "postgresql":
            for name, table in TABLES:
                if "id" in table.c:
                    connection.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"))
        session.commit()
    return counts


def _refuse_unless_empty(connection: Connection) -> None:
    """A restore keeps the backup's ids, so it only goes into a database holding nothing of its own.

    A new database holds at most its change counter (and Alembic's record of the schema); anything else,
    a fact, a company, a stored question, would be overwritten, mixed in or deleted.
    """
    for name, table in TABLES:
        query = select(func.count()).select_from(table)
        if name == "counter":
            query = query.where(table.c.key != GENERATION)
        held = connection.execute(query).scalar_one()
        if held:
            raise InvalidInput(f"Restoring needs an empty database; this one already holds {held:,} {name} row(s). "
                               "Nothing was changed: give a new database.")


def read_json(path: Path, limit: int = MAX_BACKUP_BYTES) -> Any:
    """A backup file's JSON, read without trusting its size (a special file like /dev/zero never ends)."""
    # read_limited: a special file (/dev/zero, a FIFO) says no size and may never end
    raw = read_limited(path, limit, "a backup (database.max_backup_bytes in the configuration)")
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError as error:
        raise InvalidInput(f"{path.name} is not UTF-8 text, so not a layoffbot export.") from error
    except json.JSONDecodeError as error:
        raise InvalidInput(f"{path.name} is not valid JSON (line {error.lineno}: {error.msg}).") from error
    except RecursionError as error:
        raise InvalidInput(f"{path.name} nests too deeply to be a layoffbot export.") from error
    except ValueError as error:  # NaN, Infinity, or a number with thousands of digits
        raise InvalidInput(f"{path.name} is not a layoffbot export ({error}).") from error


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def copy(source: Store, target: Store) -> dict[str, int]:
    """Every row of `source` into the empty `target`, ids kept, checked on the way like a backup file."""
    return restore(target, json.loads(json.dumps(export_data(source), ensure_ascii=False)))
