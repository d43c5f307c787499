"""The Discord half of `python -m bot doctor`: log in as the bot and check what it can see.

Kept apart from `bot.cli.doctor` so that importing the command line never imports discord.py (a
fifth of a second on every `ask`); doctor loads this module when it runs.
"""

from __future__ import annotations

import asyncio
import contextlib

import discord

from bot.cli.doctor import CONNECT_TIMEOUT, FAIL, OK, WARN, Check
from bot.config import ENV_TOKEN, Settings
from bot.discord.client import intents
from bot.discord.runner import point_at


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


