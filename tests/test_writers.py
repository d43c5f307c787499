"""Writers take turns: imports, an ingestion and a restore started together as real processes, on SQLite and
PostgreSQL, end with the knowledge base one run after the other would give; a writer that waited longer
than `write_wait` says so in one line and changes nothing."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from bot.cli.kb import CLI_ACTOR
from bot.config import ConfigError, load_settings
from knowledge.errors import InvalidInput
from knowledge.facts.imports import import_tracker
from knowledge.intake.articles import ArticleMeta
from knowledge.intake.trackers import read_tracker
from knowledge.kb import KnowledgeBase
from knowledge.storage import backup
from knowledge.storage.store import Store
from tests.test_ingest import ENGLISH

ROOT = Path(__file__).resolve().parent.parent
HEADER = "company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,date_added"
ARTICLE_URL = "https://wire.example/quillon"
Step = Callable[[str], None]


def tracker_export(path: Path, rows: int = 600) -> Path:
    """A made-up export in the layoffs.fyi layout; one row is the event the test article reports."""
    lines = [HEADER, "Quillon Systems,Austin,900.0,3/5/2024,0.15,Hardware,https://news.example/quillon,Post-IPO,50,"
                     "United States,3/6/2024"]
    for n in range(rows - 1):
        lines.append(f"Maker {n % 400},City,{10 + n}.0,{n % 12 + 1}/{n % 28 + 1}/{2020 + n % 5},,Data,"
                     f"https://news.example/{n},Seed,10,United States,3/6/2024")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def fresh_url(database_url: str, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """More empty databases of the same kind, for the runs one after the other."""
    made: list[str] = []

    def make() -> str:
        if database_url.startswith("sqlite"):
            return f"sqlite:///{tmp_path / f'sequential-{uuid.uuid4().hex[:8]}.db'}"
        import psycopg

        schema = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(database_url.split("?", 1)[0], autocommit=True) as connection:
            connection.execute(f'CREATE SCHEMA "{schema}"')
        made.append(schema)
        return f"{database_url.split('?', 1)[0]}?options={quote(f'-csearch_path={schema}')}"

    yield make
    if made:
        import psycopg

        with psycopg.connect(database_url.split("?", 1)[0], autocommit=True) as connection:
            for schema in made:
                connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


def config(tmp_path: Path, write_wait: float) -> Path:
    path = tmp_path / f"config-{write_wait:g}.toml"
    path.write_text(f"[database]\nwrite_wait = {write_wait}\n", encoding="utf-8")
    return path


def bot(url: str, settings: Path, *argv: str) -> list[str]:
    return [sys.executable, "-m", "bot", "--config", str(settings), "--db", url, *argv]


def together(*commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Start every command at once, then wait for them all."""
    started = [(command, subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                          text=True)) for command in commands]
    done = []
    for command, process in started:
        out, err = process.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(command, process.returncode, out, err))
    return done


def contents(url: str) -> dict[str, list[str]]:
    """Everything the knowledge base holds, without ids and timestamps (which differ from run to run)."""
    store = Store.open(url)
    try:
        data = backup.export_data(store)
    finally:
        store.close()
    companies = {row["id"]: row["name"] for row in data["company"]}
    sources = {row["id"]: [row[k] for k in ("kind", "url", "title", "publisher", "published", "notes")]
               for row in data["source"]}
    facts = {row["id"]: {**{k: v for k, v in row.items() if k not in {"id", "company_id", "created_at",
                                                                       "updated_at"}},
                         "company": companies.get(row["company_id"])} for row in data["fact"]}
    tables: dict[str, list[Any]] = {
        "company": [[row["name"], row["key"], companies.get(row["parent_id"])] for row in data["company"]],
        "alias": [[companies[row["company_id"]], row["name"], row["key"]] for row in data["alias"]],
        "source": list(sources.values()),
        "fact": list(facts.values()),
        "citation": [[facts[row["fact_id"]], sources[row["source_id"]], row["evidence"]] for row in data["citation"]],
        "revision": [[facts[row["fact_id"]], *(row[k] for k in ("version", "action", "actor", "reason", "before",
                                                                "after"))] for row in data["revision"]],
        "setting": data["setting"],
        "counter": data["counter"],
    }
    return {name: sorted(json.dumps(row, sort_keys=True) for row in rows) for name, rows in tables.items()}


def one_after_the_other(make_url: Callable[[], str], *steps: Step) -> dict[str, list[str]]:
    url = make_url()
    for step in steps:
        step(url)
    return contents(url)


def importing(path: Path) -> Step:
    def step(url: str) -> None:
        kb = KnowledgeBase.open(url)
        try:
            import_tracker(kb.facts, read_tracker(path))
        finally:
            kb.close()
    return step


def ingesting(path: Path) -> Step:
    def step(url: str) -> None:
        kb = KnowledgeBase.open(url)
        try:
            meta = ArticleMeta(url=ARTICLE_URL, title=None, publisher="Example Wire", published=date(2024, 3, 6),
                               language="en")
            kb.ingest(path.read_text(encoding="utf-8"), meta, CLI_ACTOR, approve=True)
        finally:
            kb.close()
    return step


def restoring(path: Path) -> Step:
    def step(url: str) -> None:
        store = Store.open(url)
        try:
            backup.restore(store, backup.read_json(path))
        except InvalidInput:  # refused: the database is not empty any more
            pass
        finally:
            store.close()
    return step


def assert_clean(*runs: subprocess.CompletedProcess[str]) -> None:
    for run in runs:
        assert "Traceback" not in run.stderr, run.stderr
        assert run.returncode == 0, run.stderr


def test_two_imports_of_one_export_at_once(database_url: str, tmp_path: Path, fresh_url: Any) -> None:
    export = tracker_export(tmp_path / "layoffs.csv")
    settings = config(tmp_path, 30)
    runs = together(*[bot(database_url, settings, "kb", "import", str(export), "--format", "layoffs-fyi")] * 2)
    assert_clean(*runs)
    reports = sorted(run.stdout.split("—")[1].strip() for run in runs)
    assert reports == ["0 added, 0 updated, 600 unchanged, 0 skipped; 0 new companies.",
                       "600 added, 0 updated, 0 unchanged, 0 skipped; 401 new companies."]
    assert contents(database_url) == one_after_the_other(fresh_url, importing(export), importing(export))


def test_an_import_and_an_ingestion_at_once(database_url: str, tmp_path: Path, fresh_url: Any) -> None:
    export = tracker_export(tmp_path / "layoffs.csv")
    article = tmp_path / "article.txt"
    article.write_text(ENGLISH, encoding="utf-8")
    settings = config(tmp_path, 30)
    runs = together(bot(database_url, settings, "kb", "import", str(export), "--format", "layoffs-fyi"),
                    bot(database_url, settings, "kb", "ingest", str(article), "--url", ARTICLE_URL, "--publisher",
                        "Example Wire", "--published", "2024-03-06", "--language", "en", "--approve"))
    assert_clean(*runs)
    final = contents(database_url)
    assert final == one_after_the_other(fresh_url, importing(export), ingesting(article)) or \
        final == one_after_the_other(fresh_url, ingesting(article), importing(export))


def test_an_import_and_a_restore_at_once(database_url: str, tmp_path: Path, fresh_url: Any) -> None:
    export = tracker_export(tmp_path / "layoffs.csv")
    saved = tmp_path / "backup.json"
    older = tracker_export(tmp_path / "older.csv", rows=40)
    kb = KnowledgeBase.open(fresh_url())
    try:
        import_tracker(kb.facts, read_tracker(older))
        backup.write_json(kb.store, saved)
    finally:
        kb.close()
    settings = config(tmp_path, 30)
    imported, restored = together(bot(database_url, settings, "kb", "import", str(export), "--format", "layoffs-fyi"),
                                  bot(database_url, settings, "kb", "import", str(saved), "--format", "json"))
    assert_clean(imported)
    assert "Traceback" not in restored.stderr
    if restored.returncode == 0:  # the restore went first
        expected = one_after_the_other(fresh_url, restoring(saved), importing(export))
    else:  # the import went first, so the restore found a database that was no longer empty
        assert restored.returncode == 2 and restored.stderr.startswith("error: ") and restored.stderr.count("\n") == 1
        expected = one_after_the_other(fresh_url, importing(export), restoring(saved))
    assert contents(database_url) == expected


def test_a_writer_that_waited_too_long_says_so_in_one_line(database_url: str, tmp_path: Path) -> None:
    export = tracker_export(tmp_path / "layoffs.csv", rows=20)
    KnowledgeBase.open(database_url).close()
    before = contents(database_url)
    store = Store.open(database_url)
    try:
        with store.write():  # another writer, holding the knowledge base
            done = subprocess.run(bot(database_url, config(tmp_path, 0.5), "kb", "import", str(export), "--format",
                                      "layoffs-fyi"), cwd=ROOT, capture_output=True, text=True, timeout=60)
    finally:
        store.close()
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == ("error: Another import, ingestion, restore or change is being written to the knowledge "
                           "base, and it was still running after 0.5 s. Nothing was changed; try again when it is "
                           "done.\n")
    assert contents(database_url) == before


@pytest.mark.parametrize("value", ["-1", "true", '"soon"', "7200"])
def test_a_bad_write_wait_is_refused_naming_the_setting(tmp_path: Path, value: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[database]\nwrite_wait = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^database\.write_wait must be a number of seconds from 0 to 3600\.$"):
        load_settings(str(path))
    path.write_text("[database]\nwrite_wait = 2.5\n", encoding="utf-8")
    assert load_settings(str(path)).write_wait == 2.5
