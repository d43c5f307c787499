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
from bot.cli.messages import number, say
from bot.config import ConfigError, Settings


def add_commands(commands: Any) -> None:
    db = commands.add_parser("db", help=say("help_db_command"), description=say("about_db_command"))
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION")
    db_commands.required = True
    upgrade = db_commands.add_parser("upgrade", help=say("help_upgrade"))
    upgrade.add_argument("--create", action="store_true", help=say("help_upgrade_create"))
    upgrade.set_defaults(handler=_db_upgrade)
    db_commands.add_parser("status", help=say("help_status")) \
        .set_defaults(handler=_db_status)
    copy = db_commands.add_parser("copy", help=say("help_copy"), description=say("about_copy"))
    copy.add_argument("--to", required=True, metavar="URL", help=say("help_to"))
    copy.set_defaults(handler=copy_database)


def copy_database(args: argparse.Namespace, settings: Settings) -> int:
    missing = knowledge.missing_sqlite_file(settings.database_url)
    if missing is not None:  # opening a SQLite file creates it: a mistyped source would copy an empty one
        raise ConfigError(say("nothing_to_copy", path=missing))
    counts = knowledge.copy_database(settings.database_url, args.to, settings.write_wait)
    out: TextIO = args.stdout
    out.write(say("copied", rows=", ".join(say("rows", count=number(n), name=name) for name, n in counts.items()))
              + "\n")
    out.write(say("copy_next") + "\n")
    return 0


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    created = new_file(settings, args.create)
    before, after = knowledge.upgrade_database(settings.database_url,
                                               create=args.create or not settings.database_explicit)
    announce_created(args.stdout, created)
    out: TextIO = args.stdout
    if before == after:
        out.write(say("schema_already", revision=after) + "\n")
    else:
        out.write((say("schema_created", revision=after) if before is None
                   else say("schema_upgraded", before=before, after=after)) + "\n")
    return 0


def _db_status(args: argparse.Namespace, settings: Settings) -> int:
    head = knowledge.head_revision()
    path = knowledge.sqlite_path(settings.database_url)
    if path is not None and not settings.database_explicit and not path.exists():
        args.stdout.write(say("status_none_yet", path=path, head=head) + "\n")
        return 0
    current = knowledge.database_revision(settings.database_url)
    state = say("status_current") if current == head else say("status_behind")
    args.stdout.write(say("status", current=current or say("status_empty"), head=head, state=state) + "\n")
    return 0


