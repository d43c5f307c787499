"""`python -m bot db status | upgrade | copy --to URL`: the database itself, its schema, and moving it.

A copy is a backup and a restore without the file: every row, ids kept, checked on the way in, into a
target that holds nothing yet (e.g. SQLite to PostgreSQL); the target's schema is created by the command.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

# Used as knowledge.NAME where called: the schema's tools (Alembic) are imported by the commands that need them,
# not by every command that builds this parser.
import knowledge
from bot.cli.kb import announce_created, new_file
from bot.config import ConfigError, Settings


def add_commands(commands: Any) -> None:
    db = commands.add_parser("db", help="the database: schema and copies",
                             description="Check or upgrade the schema, or copy the database.")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION")
    db_commands.required = True
    upgrade = db_commands.add_parser("upgrade", help="migrate the database to the current schema (back it up first)")
    upgrade.add_argument("--create", action="store_true",
                         help="create the database if the SQLite file named by --db or LAYOFFBOT_DATABASE_URL "
                              "does not exist yet")
    upgrade.set_defaults(handler=_db_upgrade)
    db_commands.add_parser("status", help="show the schema revision of the database and of this version") \
        .set_defaults(handler=_db_status)
    copy = db_commands.add_parser(
        "copy", help="copy every row of the knowledge base into a new, empty database (e.g. PostgreSQL)",
        description="Copy every company, alias, source, fact, citation, revision, question and feedback row, "
                    "with their ids, from the configured database (or --db) into an empty database, whose "
                    "schema this command creates. The source is only read.")
    copy.add_argument("--to", required=True, metavar="URL",
                      help="the new database, e.g. postgresql://layoffbot@db.internal:5432/layoffbot")
    copy.set_defaults(handler=copy_database)


def copy_database(args: argparse.Namespace, settings: Settings) -> int:
    missing = knowledge.missing_sqlite_file(settings.database_url)
    if missing is not None:  # opening a SQLite file creates it: a mistyped source would copy an empty one
        raise ConfigError(f"There is no knowledge base at {missing} to copy; check --db (or [database] url).")
    counts = knowledge.copy_database(settings.database_url, args.to, settings.write_wait)
    out: TextIO = args.stdout
    out.write("copied " + ", ".join(f"{n:,} {name} rows" for name, n in counts.items()) + "\n")
    out.write("To use it, set [database] url (or LAYOFFBOT_DATABASE_URL) to the new database's URL.\n")
    return 0


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    created = new_file(settings, args.create)
    before, after = knowledge.upgrade_database(settings.database_url,
                                               create=args.create or not settings.database_explicit)
    announce_created(args.stdout, created)
    out: TextIO = args.stdout
    if before == after:
        out.write(f"schema already at {after}\n")
    else:
        out.write(f"schema created at {after}\n" if before is None else f"schema upgraded from {before} to {after}\n")
    return 0


def _db_status(args: argparse.Namespace, settings: Settings) -> int:
    head = knowledge.head_revision()
    path = knowledge.sqlite_path(settings.database_url)
    if path is not None and not settings.database_explicit and not path.exists():
        args.stdout.write(f"database: none yet at {path} (created on first use); this version: {head}\n")
        return 0
    current = knowledge.database_revision(settings.database_url)
    state = "up to date" if current == head else "needs: python -m bot db upgrade"
    args.stdout.write(f"database: {current or 'empty'}; this version: {head} ({state})\n")
    return 0


