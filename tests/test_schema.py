"""Schema versions: migrations build exactly the models' schema; old schemas are refused with advice."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from knowledge.errors import SchemaOutdated
from knowledge.storage.schema import head_revision, upgrade
from knowledge.storage.store import Store, make_engine


def test_migrations_build_the_schema_the_models_describe(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        before, after = upgrade(engine)
        assert before is None and after == head_revision()
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
        assert differences == []
    finally:
        engine.dispose()


def test_a_new_database_is_created_at_the_current_revision(database_url: str) -> None:
    store = Store.open(database_url)
    try:
        with store.engine.connect() as connection:
            assert connection.execute(text("select version_num from alembic_version")).scalar() == head_revision()
        assert {"fact", "company", "source", "citation", "revision"} <= set(inspect(store.engine).get_table_names())
    finally:
        store.close()


def test_an_outdated_schema_is_refused_with_the_command_to_run(database_url: str) -> None:
    Store.open(database_url).close()
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("update alembic_version set version_num = '0000'"))
    engine.dispose()
    with pytest.raises(SchemaOutdated, match="python -m bot db upgrade"):
        Store.open(database_url)
