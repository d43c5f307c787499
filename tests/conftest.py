"""Shared fixtures: knowledge bases on SQLite and, when available, PostgreSQL.

PostgreSQL tests read the server's URL from LAYOFFBOT_TEST_POSTGRES_URL
(`.ci/run` sets it); without it they are skipped with that reason.  Each test
gets its own schema, dropped afterwards, so tests never see each other's data.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import settings

from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings

# Every property test runs the same examples on every run and keeps no database of past failures, so the suite
# is deterministic (a failure found once is pinned with @example where it was found).
settings.register_profile("layoffbot", derandomize=True, database=None)
settings.load_profile("layoffbot")

POSTGRES_ENV = "LAYOFFBOT_TEST_POSTGRES_URL"
# A developer's own ~/.config/layoffbot/config.toml must not change what the tests (and the commands they
# start) read: point the user configuration folder somewhere empty for the whole run.
os.environ["XDG_CONFIG_HOME"] = str(Path(__file__).resolve().parent / ".no-user-config")
# Snapshots the commands save ("auto": the user's cache folder) go to a folder of this run's own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="layoffbot-test-cache-")
os.environ.pop("LAYOFFBOT_CONFIG", None)
os.environ.pop("LAYOFFBOT_DATABASE_URL", None)
# Nor must a French locale: the command line speaks English unless a test asks for French.
os.environ["LAYOFFBOT_LANGUAGE"] = "en"


def postgres_base_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'kb.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    base = postgres_base_url()
    if not base:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV} (e.g. postgresql://root@127.0.0.1:5432/test)")
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    plain = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(plain, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """The same test on SQLite and on PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return request.getfixturevalue(name)


@pytest.fixture
def kb(sqlite_url: str) -> Iterator[KnowledgeBase]:
    """A fresh knowledge base with the bundled facts, answering instantly after changes."""
    base = KnowledgeBase.open(sqlite_url, AnswerSettings(refresh_interval=0))
    yield base
    base.close()


@pytest.fixture(scope="module")
def seed_kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    """The bundled knowledge base, shared by read-only tests of a module."""
    path = tmp_path_factory.mktemp("seed") / "kb.db"
    base = KnowledgeBase.open(f"sqlite:///{path}", AnswerSettings(refresh_interval=0))
    yield base
    base.close()
