"""No lost edits: concurrent changes and writers, on SQLite and PostgreSQL, with real sessions and threads."""

from __future__ import annotations

import json
import multiprocessing
import threading
import time
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from sqlmodel import Session, func, select

from knowledge.drafts import FactDraft, FactState, SourceDraft
from knowledge.errors import Busy, VersionConflict
from knowledge.facts import imports as upsert
from knowledge.facts.changes import Action
from knowledge.facts.imports import import_tracker
from knowledge.facts.service import FactService
from knowledge.intake.trackers import TrackerFile, read_tracker
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from knowledge.storage.backup import export_data
from knowledge.storage.models import Company, Fact, Setting
from knowledge.storage.store import Store, state_of
from knowledge.types import FactStatus
from tests.support.helpers import add, edit, set_status, undo


def draft() -> FactDraft:
    return FactDraft(kind="layoff", company="Acme", count_min=300, count_max=300, qualifier="exact",
                     announced=date(2023, 5, 2), summary="Acme cut 300 jobs.",
                     sources=((SourceDraft(url="https://news.example/acme", publisher="Example"), None),))


@pytest.fixture
def stores(database_url: str) -> tuple[Store, Store]:
    """Two stores, as two processes would have: separate engines and connections."""
    first, second = Store.open(database_url), Store.open(database_url)
    yield first, second
    first.close()
    second.close()


def test_two_sessions_saving_the_same_version_the_second_is_refused(stores: tuple[Store, Store]) -> None:
    first, second = stores
    fact_id = add(first, draft(), actor="setup")
    with first.session() as a, second.session() as b:
        mine, theirs = first.fact_in(a, fact_id), second.fact_in(b, fact_id)  # both read version 1
        a.commit()  # end the read transactions: SQLite allows one writer at a time
        b.commit()
        FactService(first).apply(a, mine, changed(first, a, mine, count_min=310, count_max=310), "alice", None,
                                 Action.EDIT)
        FactService(first).commit(a, mine)
        with pytest.raises(VersionConflict) as refused:  # bob saves what he read, after alice saved
            FactService(second).apply(b, theirs, changed(second, b, theirs, count_min=999, count_max=999), "bob", None,
                                      Action.EDIT)
            FactService(second).commit(b, theirs)
    assert "alice" in str(refused.value) and "Nothing was saved" in str(refused.value)
    record = first.get_fact(fact_id)
    assert record.state.count_min == 310 and record.version == 2
    assert [r.actor for r in first.history(fact_id)] == ["setup", "alice"]


@pytest.mark.parametrize("action", ["edit", "retract", "restore", "undo"])
def test_every_change_is_refused_against_a_stale_version(stores: tuple[Store, Store], action: str) -> None:
    first, second = stores
    fact_id = add(first, draft(), actor="setup")
    edit(first, fact_id, {"summary": "Acme cut 300 jobs in May."}, "setup", None)
    if action == "restore":
        set_status(first, fact_id, FactStatus.RETRACTED, "retract", "setup", None)
    seen = second.get_fact(fact_id).version
    edit(first, fact_id, {"note": "checked"}, "alice", "in between")  # someone else saves first
    calls = {
        "edit": lambda: edit(second, fact_id, {"count_min": 1, "count_max": 1}, "bob", None, seen),
        "retract": lambda: set_status(second, fact_id, FactStatus.RETRACTED, "retract", "bob", None, seen),
        "restore": lambda: set_status(second, fact_id, FactStatus.ACTIVE, "restore", "bob", None, seen),
        "undo": lambda: undo(second, fact_id, "bob", None, seen),
    }
    before = everything(first)
    with pytest.raises(VersionConflict) as refused:
        calls[action]()
    assert str(refused.value).startswith(f"Fact #{fact_id} was changed by alice at ")
    assert f"(now version {seen + 1}, you edited version {seen}). Nothing was saved." in str(refused.value)
    assert everything(first) == before


@pytest.mark.parametrize("new_source", [False, True], ids=["plain", "with-a-new-source"])
def test_a_conflict_found_while_saving_saves_nothing(stores: tuple[Store, Store], new_source: bool) -> None:
    """Bob read version 1 before Alice saved version 2; his save meets her change when it is written (at the
    commit, or earlier when a new source is flushed) and is refused whole: no fact change, source,
    revision or generation of his survives."""
    first, second = stores
    fact_id = add(first, draft(), actor="setup")
    with first.session() as a, second.session() as b:
        mine, theirs = first.fact_in(a, fact_id), second.fact_in(b, fact_id)
        a.commit()
        b.commit()
        FactService(first).apply(a, mine, changed(first, a, mine, note="checked with the company"), "alice", None,
                                 Action.EDIT)
        FactService(first).commit(a, mine)
        saved = everything(first)
        sources = ((SourceDraft(url="https://other.example/acme", publisher="Other"), None),) if new_source else ()
        with pytest.raises(VersionConflict) as refused:
            FactService(second).apply(b, theirs, changed(second, b, theirs, count_min=999, count_max=999), "bob", None,
                                      Action.EDIT, sources)
            FactService(second).commit(b, theirs)
    assert refused.value.updated_by == "alice" and (refused.value.expected, refused.value.current) == (1, 2)
    assert "Nothing was saved" in str(refused.value)
    assert everything(first) == saved


def everything(store: Store) -> str:
    data = export_data(store)
    data.pop("exported_at")
    return json.dumps(data, sort_keys=True)


def test_many_moderators_at_once_lose_nothing(stores: tuple[Store, Store]) -> None:
    """Eight threads each try to save on top of the version they read; every saved change is in the history."""
    first, second = stores
    fact_id = add(first, draft(), actor="setup")
    barrier = threading.Barrier(8)
    saved: list[int] = []
    refused: list[int] = []

    def moderator(n: int) -> None:
        store = first if n % 2 else second
        for round_ in range(3):
            seen = store.get_fact(fact_id).version
            barrier.wait(timeout=30)
            value = 1000 + 10 * round_ + n
            try:
                edit(store, fact_id, {"count_min": value, "count_max": value}, f"mod{n}", None, seen)
                saved.append(n)
            except VersionConflict:
                refused.append(n)

    threads = [threading.Thread(target=moderator, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    history = first.history(fact_id)
    assert len(saved) == 3 and len(refused) == 21  # one winner per round
    assert [r.version for r in history] == list(range(1, 5))
    assert [r.actor for r in history[1:]] == [f"mod{n}" for n in saved]
    assert history[-1].after.count_min == first.get_fact(fact_id).state.count_min


# -- writers take turns -------------------------------------------------------------------------------------

CSV_HEADER = ("company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,"
              "date_added")


def tracker(path: Path, beta: int) -> TrackerFile:
    path.write_text(f"{CSV_HEADER}\nAcme,NYC,300.0,6/1/2024,,Data,https://news.example/acme,Seed,2,United States,6/1/2024\n"
                    f"Beta,NYC,{beta}.0,6/1/2024,,Data,https://news.example/beta,Seed,2,United States,6/1/2024\n",
                    encoding="utf-8")
    return read_tracker(path)


def changed(store: Store, session: Session, fact: Fact, **values: Any) -> FactState:
    """What `fact` says, with some fields changed (as a moderator's form would leave it)."""
    return replace(state_of(fact, store.company_name(session, fact.company_id)), **values)


def beta_id(store: Store) -> int:
    with store.session() as session:
        return session.exec(select(Fact.id).join(Company).where(Company.name == "Beta")).one()


def test_an_import_never_writes_over_an_edit_made_while_it_ran(stores: tuple[Store, Store], tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The race made wide: the import stops between reading the facts and writing them, while a moderator
    edits one of them from another connection (as another process would)."""
    importer, moderator = stores
    import_tracker(FactService(importer), tracker(tmp_path / "first.csv", 20))
    beta = beta_id(importer)
    has_read, edit_started = threading.Event(), threading.Event()
    real_existing = upsert._existing

    def read_then_pause(session: Session) -> Any:
        found = real_existing(session)
        has_read.set()
        edit_started.wait(timeout=10)
        time.sleep(0.5)  # long enough for an edit that does not wait for the import to be saved
        return found

    monkeypatch.setattr(upsert, "_existing", read_then_pause)
    errors: list[BaseException] = []

    def moderate() -> None:
        has_read.wait(timeout=10)
        edit_started.set()
        try:
            edit(moderator, beta, {"count_min": 25, "count_max": 25}, "mod", "the company confirmed 25")
        except BaseException as error:  # noqa: BLE001 (reported below)
            errors.append(error)

    thread = threading.Thread(target=moderate)
    thread.start()
    report = import_tracker(FactService(importer), tracker(tmp_path / "second.csv", 22))
    thread.join(timeout=30)
    assert not errors and report.updated == 1  # the import went first: the moderator's edit waited for it
    record = importer.get_fact(beta)
    assert record.state.count_min == 25 and record.updated_by == "mod"
    assert [(r.version, r.actor) for r in importer.history(beta)] == [(1, "import"), (2, "import"), (3, "mod")]


def test_an_import_update_names_the_version_it_read(database_url: str, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Even an import whose reading went stale (a writer that skipped the lock) cannot overwrite an edit."""
    store = Store.open(database_url)
    try:
        import_tracker(FactService(store), tracker(tmp_path / "first.csv", 20))
        beta = beta_id(store)
        with store.session() as session:
            stale = upsert._existing(session)
        edit(store, beta, {"count_min": 25, "count_max": 25}, "mod", "the company confirmed 25")
        monkeypatch.setattr(upsert, "_existing", lambda session: stale)
        report = import_tracker(FactService(store), tracker(tmp_path / "second.csv", 22))
        record = store.get_fact(beta)
    finally:
        store.close()
    assert report.updated == 0
    assert report.skipped == [(3, f"fact #{beta} was changed by mod while this import ran; their version is kept")]
    assert (record.state.count_min, record.version, record.updated_by) == (25, 2, "mod")


def test_a_writer_waits_for_the_one_before_it_then_says_busy(database_url: str) -> None:
    holder, waiter = Store.open(database_url), Store.open(database_url, write_wait=0.3)
    try:
        fact_id = add(holder, draft(), actor="setup")
        before = holder.get_fact(fact_id)
        with holder.write():
            started = time.monotonic()
            with pytest.raises(Busy) as refused:
                edit(waiter, fact_id, {"count_min": 1, "count_max": 1}, "bob", None)
            waited = time.monotonic() - started
        assert 0.25 <= waited < 5
        assert str(refused.value) == ("Another import, ingestion, restore or change is being written to the knowledge "
                                      "base, and it was still running after 0.3 s. Nothing was changed; try again "
                                      "when it is done.")
        assert waiter.get_fact(fact_id) == before
        # once the first is done, the same change goes through
        assert edit(waiter, fact_id, {"count_min": 1, "count_max": 1}, "bob", None).state.count_min == 1
    finally:
        holder.close()
        waiter.close()


def test_writers_in_separate_postgresql_schemas_do_not_wait_for_each_other(postgres_url: str) -> None:
    other_url, drop = another_schema(postgres_url)
    first, second = Store.open(postgres_url), Store.open(other_url, write_wait=0.3)
    try:
        with first.write():
            add(second, draft(), actor="elsewhere")  # would be Busy if the lock were server-wide
    finally:
        first.close()
        second.close()
        drop()


def another_schema(url: str) -> tuple[str, Any]:
    import psycopg

    base, _ = url.split("?", 1)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')

    def drop() -> None:
        with psycopg.connect(base, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')

    return f"{base}?options={quote(f'-csearch_path={schema}')}", drop


def test_processes_opening_a_new_database_at_once_all_find_it_complete(database_url: str) -> None:
    barrier = threading.Barrier(4)
    opened: list[KnowledgeBase] = []
    errors: list[BaseException] = []

    def open_it() -> None:
        barrier.wait(timeout=30)
        try:
            opened.append(KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0)))
        except BaseException as error:  # noqa: BLE001 (reported below)
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert errors == [] and len(opened) == 4
        counts = {json.dumps(kb.store.counts(), sort_keys=True) for kb in opened}
        assert len(counts) == 1  # the bundled packs were loaded once, not once per process
        with opened[0].store.session() as session:
            assert session.exec(select(func.count()).select_from(Setting)).one() == 2
    finally:
        for kb in opened:
            kb.close()


def _open_at(url: str, start: float) -> str:
    """Open the store at `url` when the clock reaches `start` (in a process of its own); '' or the error."""
    while time.time() < start:
        pass
    try:
        Store.open(url, write_wait=30).close()
    except Exception as error:  # noqa: BLE001 (returned to the test, which shows it)
        return f"{type(error).__name__}: {error}"
    return ""


def test_separate_processes_making_the_same_new_sqlite_file_at_once_all_open_it(tmp_path: Path) -> None:
    # Switching a new file to WAL is refused at once, not after the busy timeout, while another process
    # is doing the same ("database is locked", even "disk I/O error"); it used to fail about one time in
    # ten here, so twelve new files make a regression show almost surely.
    context = multiprocessing.get_context("fork")
    with context.Pool(4) as pool:
        for n in range(12):
            url = f"sqlite:///{tmp_path / f'new-{n}.db'}"
            start = time.time() + 0.05
            failures = [error for error in pool.starmap(_open_at, [(url, start)] * 4) if error]
            assert failures == [], (n, failures)
