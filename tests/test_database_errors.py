"""Database URLs are checked in one place, and database errors are told as their real cause."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError

from knowledge.errors import (
    Busy,
    DiskFull,
    InvalidInput,
    LoginRefused,
    NoDatabase,
    ReadOnly,
    SchemaOutdated,
    Unavailable,
)
from knowledge.storage.causes import translate
from knowledge.storage.store import Store, make_engine
from knowledge.storage.urls import parse

# -- URLs -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "engine_url"), [
    ("sqlite:////srv/layoffbot/kb.db", "sqlite:////srv/layoffbot/kb.db"),
    ("postgres://bot@db.example/layoffbot", "postgresql+psycopg://bot@db.example/layoffbot"),
    ("postgresql://bot:pw@db.example:6543/layoffbot", "postgresql+psycopg://bot:pw@db.example:6543/layoffbot"),
    ("postgresql+psycopg://bot@db.example/layoffbot?options=-csearch_path%3Dx",
     "postgresql+psycopg://bot@db.example/layoffbot?options=-csearch_path%3Dx"),
    ("postgresql://bot@/layoffbot?host=/var/run/postgresql",
     "postgresql+psycopg://bot@/layoffbot?host=%2Fvar%2Frun%2Fpostgresql"),
    ("sqlite://", "sqlite://"),
])
def test_accepted_urls(url: str, engine_url: str) -> None:
    assert parse(url).sqlalchemy == engine_url


def test_a_relative_sqlite_path_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert parse("sqlite:///data/kb.db").path == tmp_path / "data" / "kb.db"


@pytest.mark.parametrize(("url", "message"), [
    ("notaurl", "'notaurl' cannot be used as the database URL (it is not a URL): give sqlite:///PATH/TO/FILE.db or "
                "postgresql://USER@HOST[:PORT]/DATABASE."),
    ("", "(empty)"),
    ("mysql://root:hunter2@db.example/kb", "'mysql://root:***@db.example/kb' cannot be used as the database URL "
                                           "(layoffbot works with SQLite and PostgreSQL, not mysql)"),
    ("http://example.com/kb.db", "not http"),
    ("postgresql+psycopg2://u@h/db", "not postgresql+psycopg2"),
    ("postgresql://", "postgresql:// names no server"),
    ("postgresql:///layoffbot", "names no server"),
    ("postgresql://bot:hunter2@db.example", "postgresql://bot:***@db.example names no database"),
    ("postgresql://u@h:port/db", "cannot be used as the database URL"),
    ("sqlite:///", "names no file"),
    ("sqlite://host/kb.db", "three or four slashes"),
])
def test_refused_urls_say_which_forms_work(url: str, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse(url)
    assert message in str(refused.value) and "hunter2" not in str(refused.value)


def test_the_engine_is_made_only_from_a_checked_url() -> None:
    with pytest.raises(InvalidInput, match="names no server"):
        make_engine("postgresql://")  # libpq would otherwise reach whatever local database its defaults name


def test_a_missing_sqlite_file_is_made_only_when_asked(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'typo' / 'kb.db'}"
    with pytest.raises(NoDatabase, match="There is no knowledge base at .*typo/kb.db.*db upgrade --create"):
        Store.open(url, create=False)
    assert not (tmp_path / "typo").exists()
    Store.open(url).close()
    assert (tmp_path / "typo" / "kb.db").is_file()


# -- SQLite -----------------------------------------------------------------------------------------


def sqlite_error(path: Path, *statements: str, uri: bool = False, timeout: float = 5) -> sqlite3.Error:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro" if uri else str(path), uri=uri, timeout=timeout)
    except sqlite3.Error as error:
        return error
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    except sqlite3.Error as error:
        return error
    finally:
        connection.close()
    raise AssertionError("no error")


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Path:
    path = tmp_path / "kb.db"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE t (x)")
    return path


def test_sqlite_read_only(sqlite_file: Path) -> None:
    error = sqlite_error(sqlite_file, "INSERT INTO t VALUES (1)", uri=True)
    known = translate(error, f"sqlite:///{sqlite_file}")
    assert isinstance(known, ReadOnly) and isinstance(known, Unavailable)
    assert str(known).startswith(f"The knowledge base at {sqlite_file} is read-only")
    assert "nothing was changed" in str(known)


def test_sqlite_disk_full(sqlite_file: Path) -> None:
    # A page limit is how SQLite reports a full disk without filling one.
    error = sqlite_error(sqlite_file, "PRAGMA max_page_count = 3", "INSERT INTO t VALUES (randomblob(100000))")
    known = translate(error, f"sqlite:///{sqlite_file}")
    assert isinstance(known, DiskFull) and "is full (database or disk is full)" in str(known)


def test_sqlite_locked_by_another_writer(sqlite_file: Path) -> None:
    holder = sqlite3.connect(sqlite_file)
    holder.execute("BEGIN IMMEDIATE")
    try:
        error = sqlite_error(sqlite_file, "BEGIN IMMEDIATE", timeout=0)
    finally:
        holder.close()
    known = translate(error, f"sqlite:///{sqlite_file}")
    assert isinstance(known, Busy) and "Another process is writing" in str(known)


def test_sqlite_not_a_database_and_a_missing_folder(tmp_path: Path) -> None:
    garbage = tmp_path / "notes.txt"
    garbage.write_bytes(b"certainly not SQLite " * 100)
    known = translate(sqlite_error(garbage, "SELECT * FROM sqlite_master"), f"sqlite:///{garbage}")
    assert isinstance(known, Unavailable) and "is not a layoffbot knowledge base" in str(known)
    nowhere = tmp_path / "missing" / "kb.db"
    known = translate(sqlite_error(nowhere, "SELECT 1"), f"sqlite:///{nowhere}")
    assert isinstance(known, Unavailable) and f"the folder {nowhere.parent} does not exist" in str(known)
    with pytest.raises(Unavailable, match="that is a folder, not a database file"):
        Store.open(f"sqlite:///{tmp_path}", create=False)


def test_sqlite_older_schema_and_errors_that_are_not_the_database_s(sqlite_file: Path) -> None:
    known = translate(sqlite_error(sqlite_file, "SELECT summary FROM fact"), f"sqlite:///{sqlite_file}")
    assert isinstance(known, SchemaOutdated) and "python -m bot db upgrade" in str(known)
    constraint = IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed: t.x"))
    assert translate(constraint, f"sqlite:///{sqlite_file}") is None  # the caller's to handle
    assert translate(ValueError("a bug"), f"sqlite:///{sqlite_file}") is None


def test_the_store_s_sessions_name_the_cause(sqlite_url: str) -> None:
    store = Store.open(sqlite_url)
    try:
        with pytest.raises(DiskFull, match="is full"), store.session() as session:
            session.execute(text("PRAGMA max_page_count = 1"))
            session.execute(text("CREATE TABLE filler (x)"))
            session.execute(text("INSERT INTO filler VALUES (randomblob(200000))"))
    finally:
        store.close()


# -- PostgreSQL -------------------------------------------------------------------------------------

UNREACHABLE = "postgresql://layoffbot:s3cret@127.0.0.1:1/layoffbot"


def test_postgresql_unreachable() -> None:
    with pytest.raises(Unavailable) as refused:
        Store.open(UNREACHABLE)
    message = str(refused.value)
    assert message.startswith("The knowledge base at postgresql://layoffbot@127.0.0.1:1/layoffbot cannot be opened: "
                              "the PostgreSQL server at 127.0.0.1:1 does not answer (Connection refused)")
    assert "s3cret" not in message


@pytest.mark.parametrize(("error", "kind", "words"), [
    (psycopg.OperationalError('connection failed: connection to server at "127.0.0.1", port 1 failed: FATAL:  '
                              'password authentication failed for user "layoffbot"'), LoginRefused,
     "refused to let user layoffbot in (password authentication failed for user \"layoffbot\")"),
    (psycopg.OperationalError('connection failed: connection to server at "127.0.0.1", port 1 failed: FATAL:  '
                              'database "layoffbot" does not exist'), NoDatabase, "There is no database 'layoffbot'"),
    (psycopg.errors.DeadlockDetected("deadlock detected"), Busy, "to break a deadlock; nothing was changed"),
    (psycopg.errors.DiskFull("could not extend file"), DiskFull, "is out of space"),
    (psycopg.errors.ReadOnlySqlTransaction("cannot execute INSERT in a read-only transaction"), ReadOnly,
     "is read-only"),
    (psycopg.errors.UndefinedColumn('column "origin_key" does not exist'), SchemaOutdated, "older schema"),
    (psycopg.errors.AdminShutdown("terminating connection due to administrator command"), Unavailable,
     "does not answer"),
])
def test_postgresql_causes(error: Exception, kind: type[Exception], words: str) -> None:
    known = translate(error, UNREACHABLE)
    assert type(known) is kind and words in str(known) and "s3cret" not in str(known)


def test_postgresql_unique_violation_is_left_to_the_caller() -> None:
    assert translate(psycopg.errors.UniqueViolation("duplicate key"), UNREACHABLE) is None


def with_database(url: str, name: str) -> str:
    base, query = url.split("?", 1) if "?" in url else (url, "")
    return f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


def test_postgresql_missing_database_and_unknown_user(postgres_url: str) -> None:
    with pytest.raises(NoDatabase, match="There is no database 'no_such_database'"):
        Store.open(with_database(postgres_url, "no_such_database"))
    scheme, rest = postgres_url.split("://", 1)
    with pytest.raises(LoginRefused, match='role "no_such_role" does not exist'):
        Store.open(f"{scheme}://no_such_role@{rest.split('@', 1)[-1]}")


def test_postgresql_read_only_and_older_schema_through_the_store(postgres_url: str) -> None:
    store = Store.open(postgres_url)
    try:
        with pytest.raises(ReadOnly, match="is read-only"), store.session() as session:
            session.execute(text("SET TRANSACTION READ ONLY"))
            session.execute(text("INSERT INTO setting (key, value) VALUES ('x', 'y')"))
        with pytest.raises(SchemaOutdated, match="db upgrade"), store.session() as session:
            session.execute(text("SELECT no_such_column FROM fact"))
    finally:
        store.close()


def test_postgresql_deadlock_through_the_store(postgres_url: str) -> None:
    store = Store.open(postgres_url)
    try:
        with store.session() as session:
            session.execute(text("INSERT INTO setting (key, value) VALUES ('a', '0'), ('b', '0')"))
            session.commit()
        both_hold_one = threading.Barrier(2, timeout=10)
        outcomes: list[BaseException | None] = []

        def writer(first: str, second: str) -> None:
            try:
                with store.session() as session:
                    session.execute(text("UPDATE setting SET value = '1' WHERE key = :k"), {"k": first})
                    both_hold_one.wait()
                    session.execute(text("UPDATE setting SET value = '1' WHERE key = :k"), {"k": second})
                    session.commit()
                outcomes.append(None)
            except BaseException as error:  # noqa: BLE001 (the outcome is what the test checks)
                outcomes.append(error)

        threads = [threading.Thread(target=writer, args=pair) for pair in (("a", "b"), ("b", "a"))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    finally:
        store.close()
    failed = [outcome for outcome in outcomes if outcome is not None]
    assert len(outcomes) == 2 and len(failed) == 1, outcomes
    assert isinstance(failed[0], Busy) and "to break a deadlock" in str(failed[0])


def test_a_statement_sqlite_refuses_is_ours_not_an_outage(sqlite_file: Path) -> None:
    refused = OperationalError("SELEC 1", {}, sqlite_error(sqlite_file, "SELEC 1"))  # as SQLAlchemy raises it
    assert translate(refused, f"sqlite:///{sqlite_file}") is None
