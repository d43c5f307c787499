"""Export and restore: every company, alias, source, fact, citation and revision.

The JSON export is a lossless backup: `restore` loads it into an empty
database with the same ids, so revisions, citations and moderators' links to
"fact #123" stay valid.  The CSV export writes one file per table, for
people who want to read the data in a spreadsheet.
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Table, func, insert, select, text, update

from knowledge.errors import InvalidInput
from knowledge.files import read_limited
from knowledge.models import Alias, Citation, Company, Counter, Fact, Feedback, Question, Revision, Setting, Source
from knowledge.schema import head_revision
from knowledge.store import Store

FORMAT = "layoffbot-export"
# Largest backup read: far above the exports of today's trackers, and far below what would exhaust memory.
MAX_JSON_BYTES = 64 * 1024 * 1024
VERSION = 1
# In dependency order: a table only refers to tables before it.
TABLES: tuple[tuple[str, Table], ...] = tuple(
    (model.__tablename__, model.__table__)  # type: ignore[attr-defined]
    for model in (Setting, Counter, Company, Alias, Source, Fact, Citation, Revision, Question, Feedback)
)


def export_data(store: Store) -> dict[str, Any]:
    """Every row of every table, ids included, as JSON-ready values."""
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION, "schema": head_revision(),
                            "exported_at": datetime.now().astimezone().isoformat(timespec="seconds")}
    with store.engine.connect() as connection:
        for name, table in TABLES:
            order = list(table.primary_key.columns)
            rows = connection.execute(select(table).order_by(*order)).mappings().all()
            data[name] = [{key: _plain(value) for key, value in row.items()} for row in rows]
    return data


def write_json(store: Store, path: Path | None) -> str:
    payload = json.dumps(export_data(store), ensure_ascii=False, indent=1, sort_keys=True)
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


def restore(store: Store, data: dict[str, Any]) -> dict[str, int]:
    """Load a JSON export into an empty database; all or nothing."""
    if data.get("format") != FORMAT:
        raise InvalidInput("This file is not a layoffbot export (its 'format' is missing or different).")
    if data.get("schema") != head_revision():
        raise InvalidInput(f"The export was made at schema {data.get('schema')}; this version of layoffbot restores "
                           f"schema {head_revision()} exports. Restore it with the matching version, then upgrade.")
    counts: dict[str, int] = {}
    with store.engine.begin() as connection:
        existing = connection.execute(select(func.count()).select_from(Fact.__table__)).scalar_one() + \
            connection.execute(select(func.count()).select_from(Company.__table__)).scalar_one()
        if existing:
            raise InvalidInput("Restoring needs an empty database; this one already holds companies or facts. "
                               "Use --db with a new database.")
        for name, table in TABLES:
            rows = [_typed(table, row) for row in data.get(name, [])]
            if name == "company":  # parents may come after their subsidiaries: link them afterwards
                parents = {row["id"]: row["parent_id"] for row in rows if row.get("parent_id") is not None}
                rows = [{**row, "parent_id": None} for row in rows]
            connection.execute(table.delete())  # a new database may hold its counter row already
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
    return counts


def read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(read_limited(path, MAX_JSON_BYTES, "a JSON backup").decode("utf-8"))
    except UnicodeDecodeError as error:
        raise InvalidInput(f"{path.name} is not UTF-8 text.") from error
    except json.JSONDecodeError as error:
        raise InvalidInput(f"{path.name} is not valid JSON (line {error.lineno}: {error.msg}).") from error


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _typed(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    typed: dict[str, Any] = {}
    for column in table.columns:
        value = row.get(column.name)
        python_type = _python_type(column)
        if value is not None and python_type is datetime:
            value = datetime.fromisoformat(value)
        elif value is not None and python_type is date:
            value = date.fromisoformat(value)
        typed[column.name] = value
    return typed


def _python_type(column: Any) -> type | None:
    kind = getattr(column.type, "impl", column.type)  # decorated types (UTC datetimes) name their base
    if isinstance(kind, DateTime):
        return datetime
    if isinstance(kind, Date):
        return date
    return None
