"""Start-up imports only what the command needs: the package door is lazy, a ready SQLite knowledge base is
opened without the storage layer until something needs it, and the cheap reads agree with the store's own.
"""

from __future__ import annotations

import importlib
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import knowledge
from knowledge.drafts import FactDraft, SourceDraft
from knowledge.errors import SchemaOutdated
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from knowledge.storage import probe
from knowledge.storage.models import Counter, FactChange, Revision, Setting
from knowledge.storage.schema import current_revision, head_revision
from knowledge.storage.store import GENERATION
from knowledge.types import FactKind, Qualifier

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "pydantic", "discord", "asyncio", "multiprocessing", "email")


def loaded_after(code: str) -> set[str]:
    """The top-level packages of HEAVY a fresh interpreter holds after running `code`."""
    script = f"import sys\n{code}\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=True)
    return set(result.stdout.split()) & set(HEAVY)


def test_every_public_name_is_where_the_door_says_and_nothing_else_is() -> None:
    where = knowledge._WHERE
    assert set(where) == set(knowledge.__all__)
    for name, (module, attribute) in where.items():
        assert getattr(knowledge, name) is getattr(importlib.import_module(module), attribute), name
    with pytest.raises(AttributeError):
        knowledge.no_such_name  # type: ignore[attr-defined]  # noqa: B018


def test_building_the_command_line_imports_no_storage_discord_or_network_code() -> None:
    assert loaded_after("import bot.cli; bot.cli.build_parser()") == set()


def test_a_question_on_a_ready_knowledge_base_never_imports_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    KnowledgeBase.open(url).close()
    code = (f"from bot.cli import main\nstatus = main(['--db', {url!r}, 'ask', 'How many people did Amazon lay off "
            f"in 2023?', '--today', '2024-04-10'])\nassert status == 0, status")
    assert "alembic" not in loaded_after(code)


def test_a_question_answered_from_a_current_saved_snapshot_never_imports_the_storage_layer(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    KnowledgeBase.open(url).close()
    config = tmp_path / "layoffbot.toml"
    config.write_text(f"[answers]\nsnapshot_cache = {str(tmp_path / 'cache')!r}\n", encoding="utf-8")
    code = (f"from bot.cli import main\nstatus = main(['--config', {str(config)!r}, '--db', {url!r}, 'ask', 'How many "
            f"people did Amazon lay off in 2023?', '--today', '2024-04-10'])\nassert status == 0, status")
    assert "sqlalchemy" in loaded_after(code)  # the first question builds the snapshot from the store, and saves it
    assert list((tmp_path / "cache").glob("snapshot-*.pickle"))
    assert loaded_after(code) == set()
    write_side = ("knowledge.drafts", "knowledge.records", "knowledge.facts", "knowledge.storage.store")
    script = f"import sys\n{code}\nprint('loaded:', *(m for m in {write_side!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=True)
    assert result.stdout.splitlines()[-1] == "loaded:"  # nor the write side's drafts and records


def test_the_cheap_reads_agree_with_the_store(tmp_path: Path) -> None:
    assert (Counter.__tablename__, Setting.__tablename__, GENERATION) == \
        (probe.COUNTER_TABLE, probe.SETTING_TABLE, probe.GENERATION)
    assert probe.written_head() == head_revision()
    kb = KnowledgeBase.open(f"sqlite:///{tmp_path / 'kb.db'}")
    try:
        seen = probe.probe(tmp_path / "kb.db", ["bundled:seed", "bundled:nothing"])
        assert seen is not None
        with kb.store.engine.connect() as connection:
            assert seen.revision == current_revision(connection)
        assert seen.generation == kb.store.generation() == probe.generation(tmp_path / "kb.db")
        assert seen.settings == {"bundled:seed"}
    finally:
        kb.close()
    assert probe.probe(tmp_path / "missing.db") is None and probe.generation(tmp_path / "missing.db") is None


def test_the_snapshot_stamp_read_without_the_store_is_the_stores(tmp_path: Path) -> None:
    assert (Revision.__tablename__, FactChange.__tablename__) == (probe.REVISION_TABLE, probe.CHANGE_TABLE)
    path = tmp_path / "kb.db"
    kb = KnowledgeBase.open(f"sqlite:///{path}")
    try:
        kb.add(FactDraft(kind=FactKind.LAYOFF, company="Zebulon", count_min=40, count_max=40,
                         qualifier=Qualifier.EXACT, announced=date(2024, 3, 1), summary="Zebulon cut 40.",
                         sources=((SourceDraft("https://news.example/z"), None),)), "mona")
        stamp = kb.store.snapshot_stamp()
        newest, last = stamp[2], stamp[5]
        assert newest > 0 and last > 1 and stamp[6]
        for change_id, revision_id in ((newest, last), (1, 1), (newest + 1, last + 1)):
            seen = probe.history(path, change_id, revision_id)
            assert seen is not None and seen.stamp == stamp
            assert seen.recorded == kb.store.change_generation(change_id)
            assert seen.written == kb.store.revision_time(revision_id)
        assert kb.store.revision_time(last) == stamp[6] and kb.store.revision_time(last + 1) is None
    finally:
        kb.close()
    assert probe.history(tmp_path / "missing.db") is None


def test_a_ready_knowledge_base_opens_its_store_when_needed_and_sees_other_processes_changes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    writer = KnowledgeBase.open(url, AnswerSettings(refresh_interval=0))
    reader = KnowledgeBase.open(url, AnswerSettings(refresh_interval=0))
    try:
        assert reader._store is None  # ready: nothing to create or load
        before = reader._generation()
        writer.add(FactDraft(kind=FactKind.LAYOFF, company="Zebulon", count_min=40, count_max=40,
                             qualifier=Qualifier.EXACT, announced=date(2024, 3, 1), summary="Zebulon cut 40.",
                             sources=((SourceDraft("https://news.example/z"), None),)), "mona")
        assert reader._store is None and reader._generation() == before + 1
        answer = reader.ask("How many people did Zebulon lay off in 2024?", today=date(2024, 4, 10))
        assert answer.answered and "40" in answer.text
    finally:
        writer.close()
        reader.close()


def test_an_outdated_schema_is_still_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "kb.db"
    KnowledgeBase.open(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
    with pytest.raises(SchemaOutdated):
        KnowledgeBase.open(f"sqlite:///{path}")


def test_a_knowledge_base_missing_a_bundled_pack_loads_it_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "kb.db"
    KnowledgeBase.open(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM setting WHERE key = 'bundled:companies'")
    kb = KnowledgeBase.open(f"sqlite:///{path}")
    try:
        assert kb._store is not None and kb.store.setting("bundled:companies") is not None
    finally:
        kb.close()
