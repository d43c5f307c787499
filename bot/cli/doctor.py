"""`python -m bot doctor`: is this installation ready to go live? One line per check, each with its fix.

It reads the settings, the token's shape (never the token itself), the knowledge base (without creating
or changing anything), then logs in to Discord the way the bot does, reads the servers, channels and roles
the bot can see, and logs out.  A failed check makes the exit status 1; warnings do not.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import binascii
import contextlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import discord

from bot.config import ENV_TOKEN, Settings, discord_token, user_config_path
from bot.discord import logs
from bot.discord.client import intents
from bot.discord.runner import point_at
from knowledge import IMPORT_COMMAND, check_database

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
    token = discord_token()
    logs.configure(logging.DEBUG if args.verbose > 1 else logging.INFO if args.verbose else logging.WARNING,
                   secret=token)
    if not args.verbose:  # discord.py warns about voice support, which the bot never uses
        logging.getLogger("discord").setLevel(logging.ERROR)
    checks = [settings_check(settings), token_check(token), *database_checks(settings.database_url)]
    if token is None:
        checks.append(Check(SKIP, "Discord", "not checked without a token"))
    else:
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
    report = check_database(url)
    if report.problem is not None:
        return [Check(FAIL, "database", f"{report.where}: {report.problem}", report.fix)]
    checks = [Check(OK, "database", f"{report.where} is reachable and its schema is current ({report.revision})")]
    if report.own_facts == 0:
        checks.append(Check(WARN, "knowledge", f"only the {report.facts} bundled facts (the article the project "
                            "started from, about Amazon)", f"import a current layoffs.fyi export (see the README, "
                            f"Going live): {IMPORT_COMMAND}"))
    else:
        latest = f"; newest tracker export {report.latest_export.isoformat()}" if report.latest_export else ""
        checks.append(Check(OK, "knowledge", f"{report.facts:,} active facts about {report.companies:,} "
                            f"companies{latest}"))
    return checks


# -- Discord --------------------------------------------------------------------------------------------


async def discord_checks(settings: Settings, token: str, timeout: float = CONNECT_TIMEOUT) -> list[Check]:
    """Log in like the bot (same intents, same endpoints), read what it can see, and log out."""
    point_at(settings.discord.api_base, settings.discord.gateway)
    count = settings.discord.shard_count or None  # None: as many shards as Discord recommends
    client = discord.AutoShardedClient(intents=intents(), shard_count=count)
    ready = asyncio.Event()

    async def on_ready() -> None:
        ready.set()

    client.event(on_ready)
    runner = asyncio.create_task(client.start(token), name="doctor-discord")
    waiter = asyncio.create_task(ready.wait(), name="doctor-ready")
    try:
        done, _ = await asyncio.wait({runner, waiter}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if waiter in done:
            return world_checks(client, settings)
        if runner in done:
            return [_connect_failure(runner.exception())]
        return [Check(FAIL, "Discord", f"not ready after {timeout:g} s", "check the machine's connection to "
                      "discord.com, or try again with a longer --timeout")]
    finally:
        waiter.cancel()
        with contextlib.suppress(Exception):
            await client.close()
        if not runner.done():
            runner.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await runner


def _connect_failure(error: BaseException | None) -> Check:
    if isinstance(error, discord.LoginFailure):
        return Check(FAIL, "Discord", f"Discord rejected the token in {ENV_TOKEN}", "copy the bot's current token "
                     "(it changes when reset) from the Developer Portal > your application > Bot")
    if isinstance(error, discord.PrivilegedIntentsRequired):
        return Check(FAIL, "Discord", "Discord refused the bot's intents", "see the README's set-up section, step 2")
    return Check(FAIL, "Discord", f"could not connect ({type(error).__name__}: {error})",
                 "check the machine's connection to discord.com")


def world_checks(client: discord.Client, settings: Settings) -> list[Check]:
    """The configured servers, audit channel and moderator roles, as the bot sees them."""
    config = settings.discord
    assert client.user is not None
    checks = [Check(OK, "Discord", f"logged in as {client.user.name} (ID {client.user.id}), in "
                    f"{len(client.guilds)} server(s)")]
    if not config.guild_ids:
        checks.append(Check(WARN, "servers", "guild_ids is empty, so slash commands are synced globally and can "
                            "take an hour to appear", "put your server's ID in [discord] guild_ids"))
    for what, ids in (("server", config.guild_ids), ("moderator server", config.moderator_guild_ids)):
        for guild_id in ids:
            guild = client.get_guild(guild_id)
            checks.append(Check(OK, what, f"{_guild(guild)}: the bot is in it") if guild else Check(
                FAIL, what, f"{guild_id}: the bot is not in it (or the ID is wrong)", "invite the bot with the link "
                "from the README (Running it in Discord, step 3), or correct the ID in [discord]"))
    checks.append(_moderation(client, settings))
    checks.append(_audit_channel(client, settings))
    checks += _moderator_roles(client, settings)
    return checks


def _moderation(client: discord.Client, settings: Settings) -> Check:
    guilds = settings.discord.moderation_guilds
    if not guilds:
        return Check(WARN, "moderation", "off: nobody can change facts from Discord (moderator_guild_ids and "
                     "guild_ids are empty); the command line still can", "to let your server's moderators change "
                     "facts, set [discord] moderator_guild_ids = [YOUR_SERVER_ID]")
    seen = [client.get_guild(guild_id) for guild_id in sorted(guilds)]
    names = ", ".join(_guild(guild) if guild else f"{guild_id} (not joined)"
                      for guild_id, guild in zip(sorted(guilds), seen, strict=True))
    others = len([guild for guild in client.guilds if guild.id not in guilds])
    who = "members with Manage Server" + (" or a moderator role" if settings.discord.moderator_role_ids else "")
    elsewhere = f"; not in the {others} other server(s) the bot is in" if others else ""
    return Check(OK, "moderation", f"{who} may change facts in {names}{elsewhere}")


def _audit_channel(client: discord.Client, settings: Settings) -> Check:
    channel_id = settings.discord.audit_channel_id
    if not channel_id:
        return Check(WARN, "audit channel", "none: changes are kept in each fact's history but not posted",
                     "set [discord] audit_channel_id to a channel moderators read")
    channel = client.get_channel(channel_id)
    if channel is None or not isinstance(channel, discord.abc.GuildChannel):
        return Check(FAIL, "audit channel", f"{channel_id}: the bot cannot see it", "check the ID (right-click the "
                     "channel > Copy Channel ID) and that the bot's role may view that channel")
    where = f"#{channel.name} in {_guild(channel.guild)}"
    if not isinstance(channel, discord.abc.Messageable):
        return Check(FAIL, "audit channel", f"{where} is not a text channel", "choose a text channel")
    allowed = channel.permissions_for(channel.guild.me)
    missing = [name for name, flag in (("View Channel", allowed.view_channel), ("Send Messages",
               allowed.send_messages), ("Embed Links", allowed.embed_links)) if not flag]
    if missing:
        return Check(FAIL, "audit channel", f"the bot cannot post in {where} (missing {', '.join(missing)})",
                     "allow these for the bot's role in that channel")
    if channel.guild.id not in settings.discord.moderation_guilds:
        return Check(WARN, "audit channel", f"{where} is in a server where moderation is off",
                     "use a channel of a server in moderator_guild_ids")
    return Check(OK, "audit channel", f"{where}: the bot can post there")


def _moderator_roles(client: discord.Client, settings: Settings) -> list[Check]:
    checks = []
    for role_id in settings.discord.moderator_role_ids:
        role = next((r for guild in client.guilds if (r := guild.get_role(role_id)) is not None), None)
        if role is None:
            checks.append(Check(FAIL, "moderator role", f"{role_id}: no server the bot is in has it",
                                "copy the role's ID (Server Settings > Roles > right-click > Copy Role ID) into "
                                "[discord] moderator_role_ids"))
        elif role.guild.id not in settings.discord.moderation_guilds:
            checks.append(Check(FAIL, "moderator role", f"@{role.name} is in {_guild(role.guild)}, where moderation "
                                "is off, so it grants nothing", f"add {role.guild.id} to [discord] "
                                "moderator_guild_ids, or remove the role from moderator_role_ids"))
        else:
            checks.append(Check(OK, "moderator role", f"@{role.name} in {_guild(role.guild)}"))
    return checks


def _guild(guild: discord.Guild | None) -> str:
    return f"{guild.name} ({guild.id})" if guild else "?"


def _printable(text: str) -> str:
    """Names come from Discord: no control or invisible character reaches the operator's terminal."""
    return "".join(" " if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} else c for c in text)
