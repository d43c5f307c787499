"""The snapshot saved on disk: a new process starts from it when it is this database's, and never when it is stale
in a way changes cannot repair (another database, a migration, other code, a damaged file)."""

from __future__ import annotations

import io
import logging
import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from alembic import command

from knowledge.answering import saved
from knowledge.intake.articles.companies import Mention
from knowledge.kb import KnowledgeBase
from knowledge.language.companies import NameEntry
from knowledge.settings import AnswerSettings
from knowledge.storage.schema import alembic_config, upgrade
from knowledge.storage.store import make_engine
from tests.support.tagged_tracker import ROWS
from tests.test_snapshot_changes import assert_same, fact_of, tracker
from tests.test_snapshot_changes import rebuilds as rebuilds  # a fixture


def opened(url: str, folder: Path, bundled: bool = False) -> KnowledgeBase:
    return KnowledgeBase.open(url, AnswerSettings(refresh_interval=0, snapshot_cache=str(folder)), bundled=bundled)


@pytest.fixture
def first(database_url: str, tmp_path: Path) -> Iterator[KnowledgeBase]:
    """A knowledge base with the tagged tracker, whose snapshot was built and saved."""
    base = opened(database_url, tmp_path / "cache", bundled=True)
    base.import_file(tracker(tmp_path, "layoffs-2024-05-01.csv", ROWS))
    base.invalidate()
    base.store.bump_generation()  # a gap: the next snapshot is built from every row, and saved
    base.snapshot()
    yield base
    base.close()


def saved_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("snapshot-*.pickle"))


def test_a_new_process_starts_from_the_saved_snapshot(first: KnowledgeBase, database_url: str, tmp_path: Path,
                                                       rebuilds: list[int]) -> None:
    assert len(saved_files(tmp_path)) == 1
    second = opened(database_url, tmp_path / "cache")
    try:
        assert second.snapshot().generation == first.snapshot().generation
        assert rebuilds == []
        assert_same(second, second.snapshot())
    finally:
        second.close()


def test_a_saved_snapshot_behind_the_database_is_caught_up_not_rebuilt(
        first: KnowledgeBase, database_url: str, tmp_path: Path, rebuilds: list[int]) -> None:
    other = opened(database_url, tmp_path / "elsewhere")  # another process, saving nowhere near
    other.edit_fields(fact_of(other, "Tekion", date(2023, 8, 2)), {"count_min": 310, "count_max": 310}, "mod", None)
    other.retract(fact_of(other, "Kite", date(2023, 12, 5)), "mod", None)
    other.close()
    rebuilds.clear()
    second = opened(database_url, tmp_path / "cache")
    try:
        held = second.snapshot()
        assert rebuilds == []
        assert_same(second, held)
        assert held.facts[fact_of(second, "Tekion", date(2023, 8, 2))].count_min == 310
    finally:
        second.close()
    # closing saved the caught-up snapshot: the next process needs no change applied
    third = opened(database_url, tmp_path / "cache")
    try:
        loaded = saved.load(saved_files(tmp_path)[0])
        assert loaded is not None and loaded[1].generation == third.store.generation()
    finally:
        third.close()


def test_a_change_by_this_process_is_saved_on_closing(first: KnowledgeBase, database_url: str,
                                                      tmp_path: Path) -> None:
    first.edit_fields(fact_of(first, "Tekion", date(2023, 8, 2)), {"count_min": 320, "count_max": 320}, "mod", None)
    generation = first.snapshot().generation
    first.close()
    loaded = saved.load(saved_files(tmp_path)[0])
    assert loaded is not None and loaded[0].generation == loaded[1].generation == generation


def test_a_migration_makes_the_saved_snapshot_stale(first: KnowledgeBase, database_url: str, tmp_path: Path,
                                                    rebuilds: list[int]) -> None:
    first.close()
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:  # down a revision, then up again: the change rows go with their table
            command.downgrade(alembic_config(connection), "0006")
        upgrade(engine, "head")
    finally:
        engine.dispose()
    second = opened(database_url, tmp_path / "cache")
    try:
        assert_same(second, second.snapshot())
        assert rebuilds == [1]
    finally:
        second.close()


def test_another_database_at_the_same_place_is_not_given_its_snapshot(tmp_path: Path, rebuilds: list[int]) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    kb = opened(url, tmp_path / "cache", bundled=True)
    kb.snapshot()
    kb.close()
    for name in ("kb.db", "kb.db-wal", "kb.db-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    # made again by a process that saves no snapshot: the same bundled facts, so the same generation and change
    # numbers as the saved snapshot's; only the database's identity differs
    again = KnowledgeBase.open(url, AnswerSettings(refresh_interval=0), bundled=True)
    again.close()
    rebuilds.clear()
    kb = opened(url, tmp_path / "cache")
    try:
        assert_same(kb, kb.snapshot())
        assert rebuilds == [1]
    finally:
        kb.close()


def test_other_code_or_a_damaged_file_is_built_again(first: KnowledgeBase, database_url: str, tmp_path: Path,
                                                      rebuilds: list[int], monkeypatch: pytest.MonkeyPatch,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    first.close()
    path = saved_files(tmp_path)[0]
    with monkeypatch.context() as patched:
        patched.setattr(saved, "_VERSION", ["other code"])
        assert saved.load(path) is None
    path.write_bytes(path.read_bytes()[:1000])  # cut short, as by a full disk
    with caplog.at_level(logging.WARNING):
        second = opened(database_url, tmp_path / "cache")
        try:
            assert_same(second, second.snapshot())
        finally:
            second.close()
    assert rebuilds == [1]
    assert "could not be read" in caplog.text
    assert saved.load(path) is not None  # written again


def test_without_a_folder_nothing_is_saved(database_url: str, tmp_path: Path) -> None:
    kb = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0), bundled=True)
    try:
        kb.snapshot()
    finally:
        kb.close()
    assert not list(tmp_path.rglob("*.pickle"))


def test_a_ready_file_whose_saved_snapshot_is_current_is_answered_without_opening_the_store(
        tmp_path: Path, rebuilds: list[int]) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    kb = opened(url, tmp_path / "cache", bundled=True)
    kb.snapshot()
    kb.close()
    rebuilds.clear()
    second = opened(url, tmp_path / "cache", bundled=True)
    try:
        held = second.snapshot()
        assert second._store is None and rebuilds == []  # the stamp was read through the probe, no delta asked
        assert_same(second, held)
    finally:
        second.close()


def test_a_saved_snapshot_of_an_older_copy_of_the_file_is_not_used(tmp_path: Path, rebuilds: list[int]) -> None:
    """The file put back as it was (a copy taken before changes) is behind the saved snapshot: built again."""
    path = tmp_path / "kb.db"
    url = f"sqlite:///{path}"
    KnowledgeBase.open(url, AnswerSettings(refresh_interval=0), bundled=True).close()
    copy = path.read_bytes()
    kb = opened(url, tmp_path / "cache")
    kb.retract(next(iter(kb.snapshot().facts)), "mod", None)
    kb.close()  # saved at the newer generation
    for name in ("kb.db-wal", "kb.db-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    path.write_bytes(copy)
    rebuilds.clear()
    again = opened(url, tmp_path / "cache")
    try:
        held = again.snapshot()
        assert rebuilds == [1]
        assert_same(again, held)
    finally:
        again.close()


def test_a_change_by_another_process_is_applied_to_the_saved_snapshot_of_a_ready_file(
        tmp_path: Path, rebuilds: list[int]) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    first = opened(url, tmp_path / "cache", bundled=True)
    first.import_file(tracker(tmp_path, "layoffs-2024-05-01.csv", ROWS))
    first.invalidate()
    first.snapshot()
    first.close()
    other = opened(url, tmp_path / "elsewhere")
    other.edit_fields(fact_of(other, "Tekion", date(2023, 8, 2)), {"count_min": 330, "count_max": 330}, "mod", None)
    other.close()
    rebuilds.clear()
    second = opened(url, tmp_path / "cache")
    try:
        assert second._store is None
        held = second.snapshot()
        assert rebuilds == []
        assert held.facts[fact_of(second, "Tekion", date(2023, 8, 2))].count_min == 330
        assert_same(second, held)
    finally:
        second.close()


def test_frozen_dataclasses_are_saved_as_calls_of_their_class_unless_it_does_more() -> None:
    """A class whose `__init__` takes every field as it is (NameEntry) is rebuilt by calling it; one that computes
    a field (Mention's key, in `__post_init__`) is left to pickle's own handling, and both come back equal."""
    entry = NameEntry("acme", 7, "Acme", alias=True)
    mention = Mention("Acme", 7, 0, 1, "name")
    buffer = io.BytesIO()
    saved._Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump((entry, mention))
    assert pickle.loads(buffer.getvalue()) == (entry, mention)
    assert saved._init_fields(NameEntry) == ("key", "company_id", "display", "alias")
    assert saved._init_fields(Mention) is None and saved._init_fields(dict) is None


@dataclass(frozen=True, slots=True)
class _Scaled:
    """A frozen dataclass whose own __init__ takes other arguments: never rebuilt by calling it."""

    value: int

    def __init__(self, thousands: int) -> None:
        object.__setattr__(self, "value", thousands * 1000)


def test_a_frozen_dataclass_with_its_own_init_keeps_pickles_handling() -> None:
    assert saved._init_fields(_Scaled) is None
    buffer = io.BytesIO()
    saved._Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(_Scaled(3))
    assert pickle.loads(buffer.getvalue()).value == 3000


def test_an_older_copy_of_the_file_changed_as_often_since_is_not_given_the_newer_snapshot(
        tmp_path: Path, rebuilds: list[int]) -> None:
    """Put back as it was, then changed otherwise as many times: the same generation and change numbers as the
    saved snapshot's, but another history (told by the time its newest revision was written)."""
    path = tmp_path / "kb.db"
    url = f"sqlite:///{path}"
    KnowledgeBase.open(url, AnswerSettings(refresh_interval=0), bundled=True).close()
    copy = path.read_bytes()
    kb = opened(url, tmp_path / "cache")
    first, second = sorted(kb.snapshot().facts)[:2]
    kb.retract(first, "mod", None)
    kb.close()  # saved with the first fact retracted
    for name in ("kb.db-wal", "kb.db-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    path.write_bytes(copy)
    other = KnowledgeBase.open(url, AnswerSettings(refresh_interval=0))  # saves no snapshot
    other.retract(second, "mod", None)
    other.close()
    rebuilds.clear()
    again = opened(url, tmp_path / "cache")
    try:
        held = again.snapshot()
        assert first in held.facts and second not in held.facts
        assert rebuilds == [1]
        assert_same(again, held)
    finally:
        again.close()
