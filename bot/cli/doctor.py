"""`python -m bot doctor`: is this installation ready to go live? One line per check, each with its fix.

It reads the settings, the token's shape (never the token itself), the knowledge base (without creating
or changing anything), then logs in to Discord the way the bot does, reads the servers, channels and roles
the bot can see, and logs out.  A failed check makes the exit status 1; warnings do not.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import knowledge  # used as knowledge.NAME where called: checking the database needs SQLAlchemy, building a parser not
from bot.cli.messages import number, say
from bot.config import ENV_TOKEN, Settings, discord_token, user_config_path

OK, WARN, FAIL, SKIP = "ok", "warn", "FAIL", "skip"
CONNECT_TIMEOUT = 30.0
_CLONE_CONFIG = (Path(__file__).resolve().parent.parent / "config.toml").resolve()
_TOKEN_PART = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Check:
    status: str  # OK, WARN, FAIL or SKIP
    what: str
    detail: str
    fix: str | None = None

    def line(self) -> str:
        fix = say("check_fix", fix=self.fix) if self.fix and self.status in {WARN, FAIL} else ""
        return _printable(say("check_line", status=f"{self.status:<4}", what=self.what, detail=self.detail, fix=fix))


def add_command(commands: Any) -> None:
    """Register `doctor` on the top-level parser's subcommands."""
    doctor = commands.add_parser("doctor", help=say("help_doctor"), description=say("about_doctor"))
    doctor.add_argument("--timeout", type=float, default=CONNECT_TIMEOUT, metavar="SECONDS",
                        help=say("help_timeout", seconds=f"{CONNECT_TIMEOUT:g}"))
    doctor.set_defaults(handler=run_doctor)


def run_doctor(args: argparse.Namespace, settings: Settings) -> int:
    # discord.py is loaded only here, when doctor runs: every other command starts faster without it
    from bot.cli.discord_checks import discord_checks
    from bot.discord import logs

    token = discord_token()
    logs.configure(logging.DEBUG if args.verbose > 1 else logging.INFO if args.verbose else logging.WARNING,
                   secret=token)
    if not args.verbose:  # discord.py warns about voice support, which the bot never uses
        logging.getLogger("discord").setLevel(logging.ERROR)
    checks = [settings_check(settings), token_check(token), *database_checks(settings.database_url)]
    if token is None:
        checks.append(Check(SKIP, say("what_discord"), say("discord_skipped")))
    else:
        import asyncio

        checks += asyncio.run(discord_checks(settings, token, args.timeout))
    out: TextIO = args.stdout
    for check in checks:
        out.write(check.line() + "\n")
    failed = sum(check.status == FAIL for check in checks)
    warned = sum(check.status == WARN for check in checks)
    out.write((say("checks_failed", failed=failed, warned=warned) if failed or warned else say("checks_ready"))
              + "\n")
    return 1 if failed else 0


# -- the installation ---------------------------------------------------------------------------------


def settings_check(settings: Settings) -> Check:
    path = settings.config_path
    if path is None:
        return Check(OK, say("what_settings"), say("no_config"))
    if path.resolve() == _CLONE_CONFIG:
        return Check(WARN, say("what_settings"), say("clone_config", path=path),
                     say("clone_config_fix", path=user_config_path()))
    return Check(OK, say("what_settings"), say("config_read", path=path))


def token_check(token: str | None) -> Check:
    """The token's shape: three dot-separated parts, the first the bot's ID in base64. Never shown."""
    fix, what = say("token_copy_fix", variable=ENV_TOKEN), say("what_token")
    if token is None:
        return Check(FAIL, what, say("token_unset", variable=ENV_TOKEN), say("token_unset_fix", variable=ENV_TOKEN))
    if token.lower().startswith("bot "):
        return Check(FAIL, what, say("token_prefixed", variable=ENV_TOKEN), say("token_prefixed_fix"))
    if token[0] in "'\"" or token[-1] in "'\"":
        return Check(FAIL, what, say("token_quoted", variable=ENV_TOKEN), say("token_quoted_fix"))
    bot_id = token_bot_id(token)
    if bot_id is None:
        return Check(FAIL, what, say("token_misshapen", variable=ENV_TOKEN), fix)
    return Check(OK, what, say("token_shaped", variable=ENV_TOKEN, bot_id=bot_id))


def token_bot_id(token: str) -> int | None:
    """The bot's user ID that a bot token starts with, or None when the token is not shaped like one."""
    parts = token.split(".")
    if len(parts) != 3 or not all(_TOKEN_PART.fullmatch(part) for part in parts):
        return None
    first, second, third = parts
    if len(second) < 4 or len(third) < 20:
        return None
    try:
        decoded = base64.urlsafe_b64decode(first + "=" * (-len(first) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return int(decoded) if re.fullmatch(r"[1-9]\d{15,19}", decoded) else None


def database_checks(url: str) -> list[Check]:
    report = knowledge.check_database(url)
    if report.problem is not None:
        return [Check(FAIL, say("what_database"), say("database_problem", where=report.where, problem=report.problem),
                      report.fix)]
    checks = [Check(OK, say("what_database"), say("database_ready", where=report.where, revision=report.revision))]
    if report.own_facts == 0:
        checks.append(Check(WARN, say("what_knowledge"), say("bundled_facts_only", facts=report.facts),
                            say("bundled_facts_fix", command=knowledge.IMPORT_COMMAND)))
    else:
        latest = say("latest_export", day=report.latest_export.isoformat()) if report.latest_export else ""
        checks.append(Check(OK, say("what_knowledge"), say("facts_held", facts=number(report.facts),
                                                           companies=number(report.companies), latest=latest)))
    return checks


def _printable(text: str) -> str:
    """Names come from Discord: no control or invisible character reaches the operator's terminal."""
    return "".join(" " if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} else c for c in text)
