"""`db copy --to URL`: a knowledge base moves from SQLite to PostgreSQL with every row, id and revision."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from pathlib import Path

from bot.cli import main
from knowledge.drafts import FactDraft
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from knowledge.storage.backup import export_data
from knowledge.storage.store import Store
from tests.support.helpers import TODAY, add
from tests.support.lived_in import lived_in

ROOT = Path(__file__).resolve().parent.parent


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), stdout=out), out.getvalue()


def test_copy_carries_every_row_id_and_revision_into_a_new_database(tmp_path: Path, database_url: str) -> None:
    source_url = f"sqlite:///{tmp_path / 'source.db'}"
    before = lived_in(source_url, tmp_path)
    code, out = run("--db", source_url, "db", "copy", "--to", database_url)
    assert code == 0, out
    assert f"{len(before['fact']):,} fact rows" in out and f"{len(before['feedback']):,} feedback rows" in out
    target = Store.open(database_url)
    source = Store.open(source_url)
    try:
        after = export_data(target)
        for table in ("setting", "counter", "company", "alias", "source", "fact", "citation", "revision", "question",
                      "feedback", "watch", "feed"):
            assert len(after[table]) == len(before[table]) > 0, table
            assert after[table] == before[table], table
        edited = next(f["id"] for f in before["fact"] if f["summary"].startswith("Dune laid off"))
        assert [(r.version, r.action, r.actor, r.at, r.reason, r.before, r.after) for r in target.history(edited)] \
            == [(r.version, r.action, r.actor, r.at, r.reason, r.before, r.after) for r in source.history(edited)]
        assert len(target.history(edited)) == 4  # import, edit, undo, edit
        new_id = add(target, FactDraft(kind="layoff", company="Acme", count_min=1, count_max=1,
                                           qualifier="exact", announced=date(2024, 1, 1)), actor="mod")
        assert new_id == max(f["id"] for f in before["fact"]) + 1  # sequences continue after the copied ids
    finally:
        target.close()
        source.close()
    moved = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0))
    try:  # the bundled packs are not loaded a second time into the copy
        answer = moved.ask("How many people did Dune lay off in April 2024?", TODAY)
        assert "80 people" in answer.body and moved.store.counts()["facts_active"] == \
            sum(f["status"] == "active" for f in before["fact"]) + 1
    finally:
        moved.close()


def test_copy_refuses_a_target_that_holds_anything_and_changes_nothing(tmp_path: Path, database_url: str) -> None:
    source_url = f"sqlite:///{tmp_path / 'source.db'}"
    lived_in(source_url, tmp_path)
    target = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0))  # holds the bundled facts
    held = export_data(target.store)
    target.close()
    done = subprocess.run([sys.executable, "-m", "bot", "--db", source_url, "db", "copy", "--to", database_url],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["error: Restoring needs an empty database; this one already holds 2 setting "
                                        "row(s). Nothing was changed: give a new database."]
    target = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0))
    try:
        assert {k: v for k, v in export_data(target.store).items() if k != "exported_at"} == \
            {k: v for k, v in held.items() if k != "exported_at"}
    finally:
        target.close()


def test_copy_from_a_mistyped_sqlite_path_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "kb.db"
    code, _ = run("--db", f"sqlite:///{missing}", "db", "copy", "--to", f"sqlite:///{tmp_path / 'new.db'}")
    assert code == 2
    assert not missing.parent.exists() and not (tmp_path / "new.db").exists()
