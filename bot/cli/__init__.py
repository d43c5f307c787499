"""The command line: ask questions, look after the knowledge base, run the bot.

    python -m bot [--db URL] [--config PATH] ask "QUESTION" [--json] [--today YYYY-MM-DD]
    python -m bot [--db URL] ask --batch FILE --json [--today YYYY-MM-DD]
    python -m bot [--db URL] kb import|export|ingest|review|approve|reject|edit|show|history ...
    python -m bot [--db URL] db upgrade | status | copy --to URL
    python -m bot run [--shard-ids N,N --shard-count N]
    python -m bot doctor

Whatever goes wrong ends with one line on stderr that names the real cause
(a bad date, a misspelt database path, a read-only file, an unreachable
server) and what to do, and a non-zero exit status.  An error of ours gets a
reference instead; its traceback is logged only with -v.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import NoReturn, TextIO

import knowledge
from bot.cli.ask import add_command as add_ask_command
from bot.cli.db import add_commands as add_db_commands
from bot.cli.doctor import add_command as add_doctor_command
from bot.cli.kb import add_commands as add_kb_commands
from bot.cli.messages import language_from, say, use
from bot.cli.terminal import one_line
from bot.config import ConfigError, Settings, load_settings
from knowledge import KnowledgeError, sqlite_path

log = logging.getLogger("bot.cli")

Handler = Callable[[argparse.Namespace, Settings], int]


class _Parser(argparse.ArgumentParser):
    """argparse with its complaints on one line: the usage is one --help away."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, say("usage_error", message=one_line(message), prog=self.prog) + "\n")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say("not_a_date", text=text)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m bot",
        description=say("help_program"),
    )
    parser.add_argument("--db", metavar="URL", help=say("help_db"))
    parser.add_argument("--config", metavar="PATH", help=say("help_config"))
    parser.add_argument("-v", "--verbose", action="count", default=0, help=say("help_verbose"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    add_ask_command(commands, _day)

    add_kb_commands(commands, _day)

    run = commands.add_parser("run", help=say("help_run"), description=say("about_run"))
    run.add_argument("--shard-ids", metavar="N,N", help=say("help_shard_ids"))
    run.add_argument("--shard-count", type=int, metavar="N", help=say("help_shard_count"))
    run.set_defaults(handler=_run)
    add_doctor_command(commands)

    add_db_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    use(language_from(os.environ))  # before the parser, whose help is in the operator's language too
    parser = build_parser()
    args = parser.parse_args(argv)
    # Quiet by default: the one line a command ends with is its report, and a warning logged on the way (or
    # a library's warning) would make it two. -v shows them, with the traceback of an error of ours.
    logging.basicConfig(level=(logging.ERROR, logging.INFO, logging.DEBUG)[min(args.verbose, 2)],
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    logging.captureWarnings(True)
    settings: Settings | None = None
    try:
        settings = load_settings(args.config, args.db)
        handler: Handler = args.handler
        args.stdout = stdout
        return handler(args, settings)
    except (ConfigError, KnowledgeError) as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`... | head`): nothing left to say to anyone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as error:
        known = knowledge.database_error(error, settings.database_url) \
            if settings is not None and _parses(settings) else None
        if known is not None:  # a database condition met outside the store's own sessions
            return _fail(str(known))
        import uuid  # only for an error of ours

        reference = uuid.uuid4().hex[:8]
        # The line below is the report; the traceback is for whoever runs it again with -v.
        log.info("unexpected error (reference %s)", reference, exc_info=True)
        return _fail(say("our_fault", reference=reference), 1)


def _fail(message: str, status: int = 2) -> int:
    print(say("error", message=one_line(message)), file=sys.stderr)
    return status


def _parses(settings: Settings) -> bool:
    try:
        sqlite_path(settings.database_url)
    except KnowledgeError:
        return False
    return True


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import replace

    from bot.discord.runner import StartupError, run

    discord_settings = settings.discord
    if args.shard_count is not None:
        discord_settings = replace(discord_settings, shard_count=args.shard_count)
    if args.shard_ids:
        try:
            ids = tuple(int(part) for part in args.shard_ids.split(","))
        except ValueError:
            raise ConfigError(say("shard_ids_numbers")) from None
        discord_settings = replace(discord_settings, shard_ids=ids)
    if discord_settings.shard_ids and (not discord_settings.shard_count or
                                       any(i >= discord_settings.shard_count for i in discord_settings.shard_ids)):
        raise ConfigError(say("shard_ids_count"))
    try:
        run(replace(settings, discord=discord_settings), args.verbose)
    except StartupError as error:
        return _fail(str(error))
    return 0


