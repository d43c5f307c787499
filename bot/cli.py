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
import json
import logging
import os
import sys
import uuid
from collections.abc import Callable, Sequence
from datetime import date
from typing import NoReturn, TextIO

from bot.config import ConfigError, Settings, load_settings
from bot.db_copy import add_command as add_copy_command
from bot.doctor import add_command as add_doctor_command
from bot.kb_commands import add_commands as add_kb_commands
from bot.kb_commands import announce_created, new_file
from bot.terminal import json_for_terminal, one_line, printable, printable_lines
from knowledge.answering.answer import Answer
from knowledge.errors import KnowledgeError, NoDatabase
from knowledge.files import read_limited, read_stream
from knowledge.kb import KnowledgeBase
from knowledge.storage.causes import translate
from knowledge.storage.schema import database_revision, head_revision, upgrade_database
from knowledge.storage.urls import parse, require_file

log = logging.getLogger("bot.cli")

Handler = Callable[[argparse.Namespace, Settings], int]
# Largest question batch read (a question is at most a few hundred characters; 16 MB is tens of thousands).
MAX_BATCH_BYTES = 16 * 1024 * 1024


class _Parser(argparse.ArgumentParser):
    """argparse with its complaints on one line: the usage is one --help away."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {one_line(message)} (see: {self.prog} --help)\n")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; use YYYY-MM-DD, e.g. 2024-04-10") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m bot",
        description="layoffbot: cited answers about tech-industry layoffs, on the command line and in Discord.",
    )
    parser.add_argument("--db", metavar="URL", help="database URL (default: config.toml's [database] url; "
                        "e.g. sqlite:///data/layoffbot.db or postgresql://user@host/db)")
    parser.add_argument("--config", metavar="PATH", help="configuration file (default: ./config.toml)")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log more (-v info, -vv debug)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    ask = commands.add_parser("ask", help="answer a question from the knowledge base",
                              description="Answer a question (English or French) with cited facts.")
    ask.add_argument("question", nargs="?", help='the question, e.g. "How many people did Amazon cut in 2022-23?"')
    ask.add_argument("--batch", metavar="FILE", help="answer every line of FILE (one question per line; - for stdin)")
    ask.add_argument("--json", action="store_true", help="print one JSON object per answer")
    ask.add_argument("--today", type=_day, metavar="YYYY-MM-DD",
                     help="the date relative periods ('this year') are read against (default: today)")
    ask.set_defaults(handler=_ask)

    add_kb_commands(commands, _day)

    run = commands.add_parser("run", help="run the Discord bot (token from the DISCORD_TOKEN environment variable)",
                              description="Connect to Discord and answer there. The token is read from the "
                                          "DISCORD_TOKEN environment variable; config.toml's [discord] section "
                                          "holds the rest.")
    run.add_argument("--shard-ids", metavar="N,N", help="shards this process runs (default: config, else all)")
    run.add_argument("--shard-count", type=int, metavar="N", help="total number of shards")
    run.set_defaults(handler=_run)
    add_doctor_command(commands)

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
    add_copy_command(db_commands)
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
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
        known = translate(error, settings.database_url) if settings is not None and _parses(settings) else None
        if known is not None:  # a database condition met outside the store's own sessions
            return _fail(str(known))
        reference = uuid.uuid4().hex[:8]
        # The line below is the report; the traceback is for whoever runs it again with -v.
        log.info("unexpected error (reference %s)", reference, exc_info=True)
        return _fail(f"something went wrong on our side (reference {reference}); run the command again with -v "
                     f"to see the details, and quote the reference if you report it.", 1)


def _fail(message: str, status: int = 2) -> int:
    print(f"error: {one_line(message)}", file=sys.stderr)
    return status


def _parses(settings: Settings) -> bool:
    try:
        parse(settings.database_url)
    except KnowledgeError:
        return False
    return True


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    if bool(args.question) == bool(args.batch):
        print("error: give either a QUESTION or --batch FILE", file=sys.stderr)
        return 2
    questions = _read_batch(args.batch) if args.batch else [args.question]
    kb = _answering(settings)
    try:
        out: TextIO = args.stdout
        for question in questions:
            try:
                answer = kb.ask(question, today=args.today)
            except KnowledgeError:
                raise
            except Exception:  # one bad question must not cost the rest of a batch their answers
                reference = uuid.uuid4().hex[:8]
                # The reference is in the reply; the traceback is for -v, as for every error of ours.
                log.info("unexpected error answering a question (reference %s)", reference, exc_info=True)
                failed = {"question": question, "language": kb.settings.default_language, "answered": False,
                          "text": f"Something went wrong on our side (reference {reference}).", "facts": [],
                          "suggestions": [], "error": reference}
                out.write(json.dumps(failed, ensure_ascii=False) + "\n" if args.json else f"{failed['text']}\n\n")
                continue
            out.write(json_for_terminal(json.dumps(answer.as_json(), ensure_ascii=False)) + "\n" if args.json
                      else _readable(answer))
            out.flush()
    finally:
        kb.close()
    return 0


def _answering(settings: Settings) -> KnowledgeBase:
    """The knowledge base questions are answered from.

    A SQLite file named with --db that does not exist is never created by a question; the answer then
    comes from the bundled facts held in memory, and standard error says so (the scoring script asks a
    fresh database about the bundled article, so this must not be an error).
    """
    if settings.database_explicit:
        try:
            require_file(parse(settings.database_url))
        except NoDatabase as missing:
            print(f"note: {one_line(str(missing))} Meanwhile, answers come from the bundled facts alone.",
                  file=sys.stderr)
            return KnowledgeBase.open("sqlite://", settings.answers)
    return KnowledgeBase.open(settings.database_url, settings.answers, write_wait=settings.write_wait,
                              create=not settings.database_explicit)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import replace

    from bot.runner import StartupError, run

    discord_settings = settings.discord
    if args.shard_count is not None:
        discord_settings = replace(discord_settings, shard_count=args.shard_count)
    if args.shard_ids:
        try:
            ids = tuple(int(part) for part in args.shard_ids.split(","))
        except ValueError:
            raise ConfigError("--shard-ids takes numbers separated by commas, e.g. 0,1") from None
        discord_settings = replace(discord_settings, shard_ids=ids)
    if discord_settings.shard_ids and (not discord_settings.shard_count or
                                       any(i >= discord_settings.shard_count for i in discord_settings.shard_ids)):
        raise ConfigError("--shard-ids need --shard-count (the total), and each id must be below it.")
    try:
        run(replace(settings, discord=discord_settings), args.verbose)
    except StartupError as error:
        return _fail(str(error))
    return 0


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    created = new_file(settings, args.create)
    before, after = upgrade_database(settings.database_url, create=args.create or not settings.database_explicit)
    announce_created(args.stdout, created)
    out: TextIO = args.stdout
    if before == after:
        out.write(f"schema already at {after}\n")
    else:
        out.write(f"schema created at {after}\n" if before is None else f"schema upgraded from {before} to {after}\n")
    return 0


def _db_status(args: argparse.Namespace, settings: Settings) -> int:
    head = head_revision()
    path = parse(settings.database_url).path
    if path is not None and not settings.database_explicit and not path.exists():
        args.stdout.write(f"database: none yet at {path} (created on first use); this version: {head}\n")
        return 0
    current = database_revision(settings.database_url)
    state = "up to date" if current == head else "needs: python -m bot db upgrade"
    args.stdout.write(f"database: {current or 'empty'}; this version: {head} ({state})\n")
    return 0


def _read_batch(name: str) -> list[str]:
    """One question per line; only a newline ends a line (not the other characters str.splitlines takes)."""
    what = "a batch of questions"
    raw = read_stream(sys.stdin.buffer, MAX_BATCH_BYTES, what) if name == "-" else \
        read_limited(name, MAX_BATCH_BYTES, what)
    text = raw.decode("utf-8", errors="replace")
    lines = text.replace("\r\n", "\n").split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def _readable(answer: Answer) -> str:
    lines = [printable_lines(answer.text)]
    if not answer.answered and answer.suggestions:
        lines.append("")
        lines += [f"  • {printable(suggestion)}" for suggestion in answer.suggestions]
    return "\n".join(lines) + "\n\n"
