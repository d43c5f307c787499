"""Checking a backup before it is restored: every row meets the rules its own way in would have.

A backup is a file that reaches the operator from somewhere, and a restore writes straight into the
tables, past every form and importer; so the file gets the same rules (knowledge.drafts: counts, shares,
dates, statuses, kinds, qualifiers, links, lengths) plus what only a whole database can say: every
column present with its type, ids positive and unique, rows that refer to rows that exist, company keys
that match their names, authors that are names and not mention or link tricks, and a history that
explains each fact as it stands (so a fact cannot be quietly given another author, status or figure).
The first row that breaks a rule is named (table, id, field); nothing is written until all pass.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from types import SimpleNamespace
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Float, Index, Integer, String, Table, Text, UniqueConstraint

from knowledge.drafts import (
    FIRST_DAY,
    LAST_DAY,
    MAX_EVIDENCE,
    MAX_NAME,
    FactDraft,
    SourceDraft,
    check_actor,
)
from knowledge.errors import InvalidField, InvalidInput
from knowledge.language.text import name_key
from knowledge.storage.store import state_of

META = frozenset({"format", "version", "schema", "exported_at"})
MAX_TEXT = 100_000  # free text (summaries, evidence, revisions' JSON) is far shorter; this only bounds a forgery
LANGUAGES = frozenset({"en", "fr"})  # the languages questions are answered in
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # tabs and line breaks are fine in free text
_DISCORD_ID = re.compile(r"\d{1,20}")
_FACT_IDS = re.compile(r"(?:[1-9]\d{0,18}(?:,[1-9]\d{0,18})*)?")
_ACTION = re.compile(r"[a-z_]{1,20}")
_SETTING_KEY = re.compile(r"[a-z0-9_.:-]{1,100}")

Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class _Known:
    """What row checks look up in other tables."""

    company_names: dict[int, str]
    company_keys: set[str]


class _Bad(Exception):
    """One field of one row breaks a rule; `checked_rows` adds the table and the row."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field
        self.problem = problem


def checked_rows(data: Any, tables: Iterable[tuple[str, Table]]) -> Rows:
    """The backup's rows, typed for inserting, once every one passes; else InvalidInput naming the first bad row."""
    tables = tuple(tables)
    if not isinstance(data, dict):
        raise InvalidInput("This file is not a layoffbot export (it is not a JSON object).")
    unknown = sorted(set(data) - META - {name for name, _ in tables})
    if unknown:
        raise InvalidInput(f"The backup has tables this version does not know ({', '.join(map(repr, unknown[:5]))}); "
                           "nothing was restored.")
    rows: Rows = {}
    for name, table in tables:
        rows[name] = _typed_table(name, table, data.get(name))
    for name, table in tables:
        _check_unique(name, table, rows[name])
        _check_references(name, table, rows)
    known = _Known({company["id"]: company["name"] for company in rows.get("company", [])},
                   {company["key"] for company in rows.get("company", [])})
    for name, check in _TABLE_CHECKS.items():
        for index, row in enumerate(rows.get(name, ())):
            _guarded(name, index, row, partial(check, row, known))
    _check_parents(rows.get("company", []))
    _check_histories(rows)
    return rows


def _refusal(table: str, row: dict[str, Any] | None, index: int, field: str, problem: str) -> InvalidInput:
    return InvalidInput(f"The backup was not restored, nothing was changed: {table} {_which(row, index)}, "
                        f"field {field}: {problem.rstrip('.')}.")


def _which(row: dict[str, Any] | None, index: int) -> str:
    if row is not None and isinstance(row.get("id"), int) and not isinstance(row.get("id"), bool):
        return f"id {row['id']}"
    if row is not None and isinstance(row.get("key"), str):
        return f"key {row['key'][:100]!r}"
    return f"row {index + 1}"


def _guarded(table: str, index: int, row: dict[str, Any], check: Callable[[], None]) -> None:
    try:
        check()
    except _Bad as bad:
        raise _refusal(table, row, index, bad.field, bad.problem) from None
    except InvalidField as error:
        raise _refusal(table, row, index, error.field, str(error)) from None
    except InvalidInput as error:
        raise _refusal(table, row, index, "-", str(error)) from None


# -- shape and types: what every table gets, from its definition --------------------------------------


def _typed_table(name: str, table: Table, raw: Any) -> list[dict[str, Any]]:
    if raw is None:
        raise InvalidInput(f"The backup has no {name!r} table; a `kb export` file always has every table.")
    if not isinstance(raw, list):
        raise InvalidInput(f"The backup's {name!r} table is not a list of rows; nothing was restored.")
    columns = {column.name: column for column in table.columns}
    typed = []
    for index, row in enumerate(raw):
        if not isinstance(row, dict):
            raise _refusal(name, None, index, "-", "a row must be a JSON object")
        unknown = sorted(set(row) - set(columns))
        if unknown:
            raise _refusal(name, row, index, str(unknown[0])[:50], "this version has no such column")
        missing = [column for column in columns if column not in row]
        if missing:
            raise _refusal(name, row, index, missing[0], "the column is missing")
        values: dict[str, Any] = {}
        for column_name, column in columns.items():
            try:
                values[column_name] = _typed_value(column, row[column_name])
            except _Bad as bad:
                raise _refusal(name, row, index, column_name, bad.problem) from None
        typed.append(values)
    return typed


def _typed_value(column: Any, value: Any) -> Any:
    kind = getattr(column.type, "impl", column.type)
    if value is None:
        if not column.nullable:
            raise _Bad(column.name, "a value is required")
        return None
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise _Bad(column.name, f"expected true or false, got {_shown(value)}")
        return value
    if isinstance(kind, Integer):
        if not isinstance(value, int) or isinstance(value, bool):
            raise _Bad(column.name, f"expected a whole number, got {_shown(value)}")
        # BIGINT columns (Discord ids) hold 64 bits, INTEGER columns 32.
        bits = 63 if isinstance(kind, BigInteger) else 31
        if column.primary_key or column.foreign_keys:
            if not 1 <= value <= 2**bits - 1:
                raise _Bad(column.name, f"an id must be a positive whole number, got {value}")
        elif not -(2**bits) <= value <= 2**bits - 1:
            raise _Bad(column.name, f"{value} is out of range")
        return value
    if isinstance(kind, Float):
        if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
            raise _Bad(column.name, f"expected a number, got {_shown(value)}")
        return float(value)
    if not isinstance(value, str):
        raise _Bad(column.name, f"expected text, got {_shown(value)}")
    if isinstance(kind, DateTime):
        return _moment(value, column.name)
    if isinstance(kind, Date):
        return _day(value, column.name)
    limit = kind.length if isinstance(kind, String) and not isinstance(kind, Text) and kind.length else MAX_TEXT
    if len(value) > limit:
        raise _Bad(column.name, f"the text is too long ({len(value):,} characters; at most {limit:,})")
    if _CONTROL.search(value):
        raise _Bad(column.name, "the text contains control characters")
    return value


def _moment(value: str, field: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _Bad(field, f"{_shown(value)} is not a date and time (ISO 8601)") from None
    if not FIRST_DAY <= moment.date() <= LAST_DAY:
        raise _Bad(field, f"{value} is out of range")
    return moment


def _day(value: str, field: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise _Bad(field, f"{_shown(value)} is not a date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _Bad(field, f"{_shown(value)} is not a date (YYYY-MM-DD)") from None


def _check_unique(name: str, table: Table, rows: list[dict[str, Any]]) -> None:
    """Primary keys and unique columns: a duplicate would fail half-way through the inserts."""
    groups = [[column.name for column in table.primary_key.columns]]
    groups += [[c.name for c in constraint.columns] for constraint in table.constraints
               if isinstance(constraint, UniqueConstraint)]
    groups += [[c.name for c in index.columns] for index in table.indexes if isinstance(index, Index) and index.unique]
    groups += [[column.name] for column in table.columns if column.unique]
    for group in groups:
        seen: set[tuple[Any, ...]] = set()
        for index, row in enumerate(rows):
            values = tuple(row[column] for column in group)
            if any(value is None for value in values):  # NULLs never clash
                continue
            if values in seen:
                raise _refusal(name, row, index, ", ".join(group), "another row has the same value")
            seen.add(values)


def _check_references(name: str, table: Table, rows: Rows) -> None:
    for column in table.columns:
        for foreign in column.foreign_keys:
            target_table, target_column = foreign.target_fullname.split(".")
            existing = {row[target_column] for row in rows.get(target_table, [])}
            for index, row in enumerate(rows[name]):
                if row[column.name] is not None and row[column.name] not in existing:
                    raise _refusal(name, row, index, column.name,
                                   f"refers to {target_table} {target_column} {row[column.name]}, which the backup "
                                   "does not have")


# -- what each table means ----------------------------------------------------------------------------


def _setting(row: dict[str, Any], known: _Known) -> None:
    if not _SETTING_KEY.fullmatch(row["key"]):
        raise _Bad("key", "a setting's key is lower-case letters, digits and . _ : -")


def _counter(row: dict[str, Any], known: _Known) -> None:
    if row["value"] < 0:
        raise _Bad("value", "a counter cannot be negative")


def _company(row: dict[str, Any], known: _Known) -> None:
    _name(row)
    for field in ("industry", "country"):
        if row[field] is not None and row[field] != row[field].strip():
            raise _Bad(field, "the text has surrounding spaces")


def _alias(row: dict[str, Any], known: _Known) -> None:
    _name(row)
    if row["key"] in known.company_keys:
        raise _Bad("key", "the key is also a company's: a name must lead to one company")


def _name(row: dict[str, Any]) -> None:
    name = row["name"]
    if not name_key(name) or name != name.strip() or len(name) > MAX_NAME:
        raise _Bad("name", f"{_shown(name)} is not a usable company name")
    if row["key"] != name_key(name):
        raise _Bad("key", f"the key of {_shown(name)} is {name_key(name)!r}, not {_shown(row['key'])}")


def _source(row: dict[str, Any], known: _Known) -> None:
    SourceDraft(url=row["url"], publisher=row["publisher"], title=row["title"], published=row["published"],
                language=row["language"], notes=row["notes"], kind=row["kind"]).validated()


def _fact(row: dict[str, Any], known: _Known) -> None:
    caveats = _json(row["caveats"], "caveats")
    if not isinstance(caveats, list):
        raise _Bad("caveats", "caveats are a JSON list")
    labels = tuple(label for label in row["labels"].split(",") if label)
    FactDraft(kind=row["kind"], company=known.company_names.get(row["company_id"]), count_min=row["count_min"],
              count_max=row["count_max"], qualifier=row["qualifier"], percent=row["percent"],
              percent_qualifier=row["percent_qualifier"], labels=labels, detail=row["detail"],
              period_start=row["period_start"], period_end=row["period_end"], announced=row["announced"],
              cumulative=row["cumulative"], summary=row["summary"], caveats=tuple(caveats), note=row["note"],
              confidence=row["confidence"], status=row["status"]).validated()
    if row["version"] < 1:
        raise _Bad("version", "a fact's version starts at 1")
    _author(row["updated_by"], "updated_by")


def _citation(row: dict[str, Any], known: _Known) -> None:
    if row["evidence"] is not None and len(row["evidence"]) > MAX_EVIDENCE:
        raise _Bad("evidence", f"the evidence is longer than {MAX_EVIDENCE:,} characters")


def _revision(row: dict[str, Any], known: _Known) -> None:
    if row["version"] < 1:
        raise _Bad("version", "a revision's version starts at 1")
    if not _ACTION.fullmatch(row["action"]):
        raise _Bad("action", f"{_shown(row['action'])} is not an action")
    _author(row["actor"], "actor")
    if not isinstance(_json(row["after"], "after"), dict):
        raise _Bad("after", "a revision records the fact's state as a JSON object")
    if row["before"] is not None and not isinstance(_json(row["before"], "before"), dict):
        raise _Bad("before", "a revision records the fact's state as a JSON object")


def _question(row: dict[str, Any], known: _Known) -> None:
    if row["language"] not in LANGUAGES:
        raise _Bad("language", f"questions are answered in {' or '.join(sorted(LANGUAGES))}")
    for field in ("asker", "guild_id"):
        if row.get(field) is not None and not _DISCORD_ID.fullmatch(row[field]):
            raise _Bad(field, "expected a Discord ID (digits)")


def _feedback(row: dict[str, Any], known: _Known) -> None:
    if not _FACT_IDS.fullmatch(row["fact_ids"]):
        raise _Bad("fact_ids", "expected fact ids separated by commas")
    _author(row["voter"], "voter")
    if row["guild_id"] is not None and not _DISCORD_ID.fullmatch(row["guild_id"]):
        raise _Bad("guild_id", "expected a Discord ID (digits)")


def _author(value: str, field: str) -> None:
    try:
        check_actor(value)
    except InvalidField as error:
        raise _Bad(field, str(error)) from None


def _json(text: str, field: str) -> Any:
    try:
        return json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise _Bad(field, "not well-formed JSON (or nested too deeply)") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


_TABLE_CHECKS: dict[str, Callable[[dict[str, Any], _Known], None]] = {
    "setting": _setting, "counter": _counter, "company": _company, "alias": _alias, "source": _source,
    "fact": _fact, "citation": _citation, "revision": _revision, "question": _question, "feedback": _feedback,
}


# -- what only the whole database can say ------------------------------------------------------------


def _check_parents(companies: list[dict[str, Any]]) -> None:
    """A company's parents lead up to a company without one, never round in a loop."""
    parents = {company["id"]: company["parent_id"] for company in companies}
    for index, company in enumerate(companies):
        seen = {company["id"]}
        current = company["parent_id"]
        while current is not None:
            if current in seen:
                raise _refusal("company", company, index, "parent_id", "its parents lead back to itself")
            seen.add(current)
            current = parents.get(current)


def _check_histories(rows: Rows) -> None:
    """Each fact is what its latest revision recorded, by that revision's author.

    Every writer changes a fact and records the revision in one transaction, so a fact whose status,
    figures or author differ from its latest revision was edited in the file, not through layoffbot. Its
    author matters beyond display: an import leaves alone a fact a person changed last.
    """
    history: dict[int, dict[int, dict[str, Any]]] = {}
    for index, revision in enumerate(rows.get("revision", [])):
        versions = history.setdefault(revision["fact_id"], {})
        if revision["version"] in versions:
            raise _refusal("revision", revision, index, "version",
                           f"fact {revision['fact_id']} already has a revision {revision['version']}")
        versions[revision["version"]] = revision
    companies = {company["id"]: company["name"] for company in rows.get("company", [])}
    for index, fact in enumerate(rows.get("fact", [])):
        versions = history.get(fact["id"], {})
        latest = versions.get(fact["version"])
        if latest is None or max(versions) != fact["version"]:
            raise _refusal("fact", fact, index, "version",
                           f"the fact is at version {fact['version']} but its history "
                           f"{'ends at ' + str(max(versions)) if versions else 'is empty'}")
        if latest["actor"] != fact["updated_by"]:
            raise _refusal("fact", fact, index, "updated_by",
                           f"names {_shown(fact['updated_by'])} but its latest revision was by "
                           f"{_shown(latest['actor'])}")
        recorded = json.loads(latest["after"])
        current = state_of(SimpleNamespace(**fact), companies.get(fact["company_id"])).to_json()  # type: ignore[arg-type]
        for field, value in current.items():
            if field != "company" and recorded.get(field) != value:
                raise _refusal("fact", fact, index, field,
                               f"is {_shown(value)} but its latest revision recorded {_shown(recorded.get(field))}")


def _shown(value: Any) -> str:
    text = ascii(value)
    return text if len(text) <= 60 else text[:59] + "…"
