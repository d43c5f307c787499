"""The command line: ask questions, look after the knowledge base, run the bot.

    python -m bot [--db URL] [--config PATH] ask "QUESTION" [--json] [--today YYYY-MM-DD]
    python -m bot [--db URL] ask --batch FILE --json [--today YYYY-MM-DD]
    python -m bot [--db URL] kb import|export|ingest|review|approve|reject|edit|show|history ...
    python -m bot [--db URL] db upgrade | status | copy --to URL
    python -m bot run [--shard-ids N,N --shard-count N]
    python -m bot doctor

Errors a user can cause (a bad date, an unreachable database) end with one
clear line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import uuid
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from bot.config import ConfigError, Settings, load_settings
from bot.db_copy import add_command as add_copy_command
from bot.doctor import add_command as add_doctor_command
from bot.kb_commands import add_commands as add_kb_commands
from knowledge.answering.answer import Answer
from knowledge.errors import KnowledgeError
from knowledge.kb import KnowledgeBase
from knowledge.schema import current_revision, head_revision, upgrade
from knowledge.store import make_engine

log = logging.getLogger("bot.cli")

Handler = Callable[[argparse.Namespace, Settings], int]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; use YYYY-MM-DD, e.g. 2024-04-10") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
    db_commands.add_parser("upgrade", help="migrate the database to the current schema (back it up first)") \
        .set_defaults(handler=_db_upgrade)
    db_commands.add_parser("status", help="show the schema revision of the database and of this version") \
        .set_defaults(handler=_db_status)
    add_copy_command(db_commands)
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=(logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)],
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        settings = load_settings(args.config, args.db)
        handler: Handler = args.handler
        args.stdout = stdout
        return handler(args, settings)
    except (ConfigError, KnowledgeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception:
        reference = uuid.uuid4().hex[:8]
        log.exception("unexpected error (reference %s)", reference)
        print(f"error: something went wrong on our side (reference {reference}); the log has the details.",
              file=sys.stderr)
        return 1


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    if bool(args.question) == bool(args.batch):
        print("error: give either a QUESTION or --batch FILE", file=sys.stderr)
        return 2
    questions = _read_batch(args.batch) if args.batch else [args.question]
    kb = KnowledgeBase.open(settings.database_url, settings.answers, write_wait=settings.write_wait)
    try:
        out: TextIO = args.stdout
        for question in questions:
            try:
                answer = kb.ask(question, today=args.today)
            except KnowledgeError:
                raise
            except Exception:  # one bad question must not cost the rest of a batch their answers
                reference = uuid.uuid4().hex[:8]
                log.exception("unexpected error answering a question (reference %s)", reference)
                failed = {"question": question, "language": kb.settings.default_language, "answered": False,
                          "text": f"Something went wrong on our side (reference {reference}).", "facts": [],
                          "suggestions": [], "error": reference}
                out.write(json.dumps(failed, ensure_ascii=False) + "\n" if args.json else failed["text"] + "\n\n")
                continue
            out.write(json.dumps(answer.as_json(), ensure_ascii=False) + "\n" if args.json else _readable(answer))
            out.flush()
    finally:
        kb.close()
    return 0


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
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    engine = make_engine(settings.database_url)
    try:
        before, after = upgrade(engine)
    finally:
        engine.dispose()
    out: TextIO = args.stdout
    out.write(f"schema already at {after}\n" if before == after else f"schema upgraded from {before} to {after}\n")
    return 0


def _db_status(args: argparse.Namespace, settings: Settings) -> int:
    engine = make_engine(settings.database_url)
    try:
        with engine.connect() as connection:
            current = current_revision(connection)
    finally:
        engine.dispose()
    head = head_revision()
    state = "up to date" if current == head else "needs: python -m bot db upgrade"
    args.stdout.write(f"database: {current or 'empty'}; this version: {head} ({state})\n")
    return 0


def _read_batch(name: str) -> list[str]:
    """One question per line; only a newline ends a line (not the other characters str.splitlines takes)."""
    if name == "-":
        text = sys.stdin.read()
    else:
        path = Path(name)
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            raise ConfigError(f"Cannot read {path}: {error.strerror or error}") from error
    lines = text.replace("\r\n", "\n").split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def _readable(answer: Answer) -> str:
    lines = [answer.text]
    if not answer.answered and answer.suggestions:
        lines.append("")
        lines += [f"  • {suggestion}" for suggestion in answer.suggestions]
    return "\n".join(lines) + "\n\n"
