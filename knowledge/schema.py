"""Creating the schema of a new database."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import SQLModel

import knowledge.models  # noqa: F401  (registers the tables)


def prepare_schema(engine: Engine) -> None:
    """Create the tables of a new database; leave an existing one as it is."""
    SQLModel.metadata.create_all(engine)
