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
        fix = f" Fix: {self.fix}" if self.fix and self.status in {WARN, FAIL} else ""
        return _printable(f"{self.status:<4}  {self.what}: {self.detail}.{fix}")


def add_command(commands: Any) -> None:
    """Register `doctor` on the top-level parser's subcommands."""
    doctor = commands.add_parser(
        "doctor", help="check the settings, token, database and Discord set-up before going live",
        description="Check, one line each with a fix: the settings file, the Discord token's shape, the database "
                    "and its schema, and (logging in to Discord) the configured servers, channel and roles and "
                    "where moderation is on. Exits with status 1 when a check fails.")
    doctor.add_argument("--timeout", type=float, default=CONNECT_TIMEOUT, metavar="SECONDS",
                        help=f"how long to wait for Discord (default {CONNECT_TIMEOUT:g})")
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
        checks.append(Check(SKIP, "Discord", "not checked without a token"))
    else:
        import asyncio

        checks += asyncio.run(discord_checks(settings, token, args.timeout))
    out: TextIO = args.stdout
    for check in checks:
        out.write(check.line() + "\n")
    failed = sum(check.status == FAIL for check in checks)
    warned = sum(check.status == WARN for check in checks)
    out.write(f"{failed} check(s) failed, {warned} warning(s).\n" if failed or warned else "Everything checked is "
              "ready.\n")
    return 1 if failed else 0


# -- the installation ---------------------------------------------------------------------------------


def settings_check(settings: Settings) -> Check:
    path = settings.config_path
    if path is None:
        return Check(OK, "settings", "no configuration file; the built-in defaults apply")
    if path.resolve() == _CLONE_CONFIG:
        return Check(WARN, "settings", f"read from the clone's own {path}, whose edits conflict with git pull",
                     f"copy it to {user_config_path()} (or point LAYOFFBOT_CONFIG at a copy) and edit that")
    return Check(OK, "settings", f"read from {path}")


def token_check(token: str | None) -> Check:
    """The token's shape: three dot-separated parts, the first the bot's ID in base64. Never shown."""
    fix = f"copy the token again (Developer Portal > your application > Bot > Reset Token) into {ENV_TOKEN}"
    if token is None:
        return Check(FAIL, "token", f"{ENV_TOKEN} is not set", f"set {ENV_TOKEN} to the bot's token "
                     "(Developer Portal > your application > Bot > Reset Token), e.g. in the service's "
                     "EnvironmentFile")
    if token.lower().startswith("bot "):
        return Check(FAIL, "token", f"{ENV_TOKEN} starts with 'Bot '", "set it to the token alone")
    if token[0] in "'\"" or token[-1] in "'\"":
        return Check(FAIL, "token", f"{ENV_TOKEN} is wrapped in quotes", "remove the quotes around the token")
    bot_id = token_bot_id(token)
    if bot_id is None:
        return Check(FAIL, "token", f"{ENV_TOKEN} is set but is not shaped like a bot token (three parts "
                     "separated by dots, the first naming the bot)", fix)
    return Check(OK, "token", f"{ENV_TOKEN} is set and shaped like the token of the bot with ID {bot_id}")


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
        return [Check(FAIL, "database", f"{report.where}: {report.problem}", report.fix)]
    checks = [Check(OK, "database", f"{report.where} is reachable and its schema is current ({report.revision})")]
    if report.own_facts == 0:
        checks.append(Check(WARN, "knowledge", f"only the {report.facts} bundled facts (the article the project "
                            "started from, about Amazon)", f"import a current layoffs.fyi export (see the README, "
                            f"Going live): {knowledge.IMPORT_COMMAND}"))
    else:
        latest = f"; newest tracker export {report.latest_export.isoformat()}" if report.latest_export else ""
        checks.append(Check(OK, "knowledge", f"{report.facts:,} active facts about {report.companies:,} "
                            f"companies{latest}"))
    return checks


def _printable(text: str) -> str:
    """Names come from Discord: no control or invisible character reaches the operator's terminal."""
    return "".join(" " if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} else c for c in text)
