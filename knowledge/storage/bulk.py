"""Writing many new rows at once (a tracker import): ids taken up front, then inserts that return nothing.

An insert that returns each new row's id makes the database send a million ids back, in order, and makes
SQLAlchemy match them to their rows; when the writer knows the ids before it inserts, the rows go in as
one plain `executemany` (SQLite) or one `COPY` (PostgreSQL), several times faster.  The ids are the ones
the database itself would have given, in the same order: the writer holds the knowledge base's write lock
(`Store.write`), so no other writer adds to these tables meanwhile; on SQLite a new row's id is one more
than the largest, and on PostgreSQL the ids are drawn from the table's own sequence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from enum import Enum
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, insert, select
from sqlmodel import Session

_COPY_CHUNK = 5000  # rows handed to the driver at a time
_LARGE_CACHE_KB = 256 * 1024  # SQLite's page cache during a large import


def reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    """The ids the next `count` rows of `table` get, in order (call inside the write transaction)."""
    if count <= 0:
        return []
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        sequence = func.pg_get_serial_sequence(table.name, "id")
        drawn = connection.execute(select(func.nextval(sequence)).select_from(func.generate_series(1, count)))
        return sorted(drawn.scalars().all())
    largest = connection.execute(select(func.max(table.c.id))).scalar() or 0
    return list(range(largest + 1, largest + count + 1))


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert rows that all set the same columns (ids included), returning nothing."""
    if not rows:
        return
    connection = session.connection()
    columns = list(rows[0])
    if connection.dialect.name != "postgresql":
        _executemany(connection, table, columns, rows)
        return
    driver = connection.connection.driver_connection
    assert driver is not None
    names = ", ".join(f'"{name}"' for name in columns)
    # COPY is PostgreSQL's bulk load: the table and column names are the model's own, never user input.
    with driver.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for start in range(0, len(rows), _COPY_CHUNK):
            for row in rows[start:start + _COPY_CHUNK]:
                copy.write_row(_plain(row[name] for name in columns))


def _plain(values: Iterable[Any]) -> tuple[Any, ...]:
    """Codes (StrEnum members) as their text, as SQLAlchemy would bind them."""
    return tuple(value.value if isinstance(value, Enum) else value for value in values)


def _executemany(connection: Connection, table: Table, columns: list[str], rows: Sequence[Mapping[str, Any]]) -> None:
    """One compiled INSERT, executed for every row with its values bound as SQLAlchemy binds them (its
    column types' own conversions, e.g. dates as text on SQLite), without building parameters row by row."""
    dialect = connection.dialect
    statement = insert(table).values({name: bindparam(name) for name in columns}).compile(dialect=dialect)
    order = list(statement.positiontup or columns)
    values = itemgetter(*order) if len(order) > 1 else (lambda row: (row[order[0]],))
    # the dialect's own form of each type, as the ORM binds it: on SQLite a timestamp is stored as SQLAlchemy's
    # text ("2026-12-02 01:52:04.174248"), where the generic type left it to sqlite3's deprecated default
    # adapter, which wrote another form ("...+00:00") into the same columns, one value at a time
    converted = [(i, _converter(process)) for i, name in enumerate(order)
                 if (process := table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None]
    if converted:
        bound: list[tuple[Any, ...]] = []
        for row in rows:
            line = list(values(row))
            for i, convert in converted:
                line[i] = convert(line[i])
            bound.append(tuple(line))
    else:
        bound = [values(row) for row in rows]
    connection.exec_driver_sql(str(statement), bound)


def _converter(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A column type's bind conversion, remembered per value: a batch's rows share their days and times."""
    seen: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        if value is None:
            return None
        try:
            return seen[value]
        except KeyError:
            converted = seen[value] = process(value)
            return converted
        except TypeError:  # unhashable: converted each time
            return process(value)

    return convert


@contextmanager
def large_writes(session: Session) -> Iterator[None]:
    """A bigger page cache for this connection while a large import writes (SQLite; nothing elsewhere).

    SQLite's default cache is 2 MB: a million-row import then spends much of its time reading back the index
    pages it keeps inserting into (a source's link, a fact's origin key).  The connection goes back to the
    pool with its cache as it was.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    # The driver's connection itself: the import commits (ending SQLAlchemy's hold on it) before this resets it.
    driver = connection.connection.driver_connection
    assert driver is not None
    before = driver.execute("PRAGMA cache_size").fetchone()[0]
    driver.execute(f"PRAGMA cache_size = {-_LARGE_CACHE_KB}")
    try:
        yield
    finally:
        driver.execute(f"PRAGMA cache_size = {int(before)}")
