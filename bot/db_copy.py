"""`python -m bot db copy --to URL`: move a knowledge base to another database, e.g. SQLite to PostgreSQL.

A copy is a backup and a restore without the file (knowledge.storage.backup.copy): every row, ids kept, checked
on the way in, into a target that holds nothing yet; the target's schema is created by this command.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from bot.config import ConfigError, Settings
from knowledge.storage import backup
from knowledge.storage.health import missing_sqlite_file
from knowledge.storage.store import Store


def add_command(db_commands: Any) -> None:
    """Register `db copy` on the `db` command's actions."""
    copy = db_commands.add_parser(
        "copy", help="copy every row of the knowledge base into a new, empty database (e.g. PostgreSQL)",
        description="Copy every company, alias, source, fact, citation, revision, question and feedback row, "
                    "with their ids, from the configured database (or --db) into an empty database, whose "
                    "schema this command creates. The source is only read.")
    copy.add_argument("--to", required=True, metavar="URL",
                      help="the new database, e.g. postgresql://layoffbot@db.internal:5432/layoffbot")
    copy.set_defaults(handler=copy_database)


def copy_database(args: argparse.Namespace, settings: Settings) -> int:
    _refuse_missing_sqlite(settings.database_url)
    source = Store.open(settings.database_url, write_wait=settings.write_wait, create=False)
    try:
        target = Store.open(args.to, write_wait=settings.write_wait)
        try:
            counts = backup.copy(source, target)
        finally:
            target.close()
    finally:
        source.close()
    out: TextIO = args.stdout
    out.write("copied " + ", ".join(f"{n:,} {name} rows" for name, n in counts.items()) + "\n")
    out.write("To use it, set [database] url (or LAYOFFBOT_DATABASE_URL) to the new database's URL.\n")
    return 0


def _refuse_missing_sqlite(url: str) -> None:
    """Opening a SQLite file creates it: a mistyped source would quietly copy an empty knowledge base."""
    missing = missing_sqlite_file(url)
    if missing is not None:
        raise ConfigError(f"There is no knowledge base at {missing} to copy; check --db (or [database] url).")
