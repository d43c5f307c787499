"""The Discord half of `python -m bot doctor`: log in as the bot and check what it can see.

Kept apart from `bot.cli.doctor` so that importing the command line never imports discord.py (a
fifth of a second on every `ask`); doctor loads this module when it runs.
"""

from __future__ import annotations

import asyncio
import contextlib

import discord

from bot.cli.doctor import CONNECT_TIMEOUT, FAIL, OK, WARN, Check
from bot.cli.messages import say
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
        return [Check(FAIL, say("what_discord"), say("not_ready", seconds=f"{timeout:g}"), say("not_ready_fix"))]
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
        return Check(FAIL, say("what_discord"), say("token_rejected", variable=ENV_TOKEN), say("token_rejected_fix"))
    if isinstance(error, discord.PrivilegedIntentsRequired):
        return Check(FAIL, say("what_discord"), say("intents_refused"), say("intents_refused_fix"))
    return Check(FAIL, say("what_discord"), say("no_connection", error=f"{type(error).__name__}: {error}"),
                 say("no_connection_fix"))


def world_checks(client: discord.Client, settings: Settings) -> list[Check]:
    """The configured servers, audit channel and moderator roles, as the bot sees them."""
    config = settings.discord
    assert client.user is not None
    checks = [Check(OK, say("what_discord"), say("logged_in", name=client.user.name, id=client.user.id,
                                                  count=len(client.guilds)))]
    if not config.guild_ids:
        checks.append(Check(WARN, say("what_servers"), say("no_guild_ids"), say("no_guild_ids_fix")))
    for what, ids in ((say("what_server"), config.guild_ids),
                      (say("what_moderator_server"), config.moderator_guild_ids)):
        for guild_id in ids:
            guild = client.get_guild(guild_id)
            checks.append(Check(OK, what, say("guild_joined", guild=_guild(guild))) if guild else Check(
                FAIL, what, say("guild_missing", id=guild_id), say("guild_missing_fix")))
    checks.append(_moderation(client, settings))
    checks.append(_audit_channel(client, settings))
    checks += _moderator_roles(client, settings)
    return checks


def _moderation(client: discord.Client, settings: Settings) -> Check:
    guilds = settings.discord.moderation_guilds
    if not guilds:
        return Check(WARN, say("what_moderation"), say("moderation_off"), say("moderation_off_fix"))
    seen = [client.get_guild(guild_id) for guild_id in sorted(guilds)]
    names = ", ".join(_guild(guild) if guild else say("not_joined", id=guild_id)
                      for guild_id, guild in zip(sorted(guilds), seen, strict=True))
    others = len([guild for guild in client.guilds if guild.id not in guilds])
    who = say("moderators_and_roles" if settings.discord.moderator_role_ids else "moderators")
    elsewhere = say("moderation_elsewhere", count=others) if others else ""
    return Check(OK, say("what_moderation"), say("moderation_on", who=who, guilds=names, elsewhere=elsewhere))


def _audit_channel(client: discord.Client, settings: Settings) -> Check:
    channel_id = settings.discord.audit_channel_id
    if not channel_id:
        return Check(WARN, say("what_audit_channel"), say("no_audit_channel"), say("no_audit_channel_fix"))
    channel = client.get_channel(channel_id)
    if channel is None or not isinstance(channel, discord.abc.GuildChannel):
        return Check(FAIL, say("what_audit_channel"), say("audit_unseen", id=channel_id), say("audit_unseen_fix"))
    where = say("channel_in", channel=channel.name, guild=_guild(channel.guild))
    if not isinstance(channel, discord.abc.Messageable):
        return Check(FAIL, say("what_audit_channel"), say("audit_not_text", where=where), say("audit_not_text_fix"))
    allowed = channel.permissions_for(channel.guild.me)
    missing = [name for name, flag in (("View Channel", allowed.view_channel), ("Send Messages",
               allowed.send_messages), ("Embed Links", allowed.embed_links)) if not flag]
    if missing:
        return Check(FAIL, say("what_audit_channel"), say("audit_cannot_post", where=where, missing=", ".join(missing)),
                     say("audit_cannot_post_fix"))
    if channel.guild.id not in settings.discord.moderation_guilds:
        return Check(WARN, say("what_audit_channel"), say("audit_unmoderated", where=where),
                     say("audit_unmoderated_fix"))
    return Check(OK, say("what_audit_channel"), say("audit_ready", where=where))


def _moderator_roles(client: discord.Client, settings: Settings) -> list[Check]:
    checks = []
    for role_id in settings.discord.moderator_role_ids:
        role = next((r for guild in client.guilds if (r := guild.get_role(role_id)) is not None), None)
        if role is None:
            checks.append(Check(FAIL, say("what_moderator_role"), say("role_missing", id=role_id),
                                say("role_missing_fix")))
        elif role.guild.id not in settings.discord.moderation_guilds:
            checks.append(Check(FAIL, say("what_moderator_role"),
                                say("role_unmoderated", role=role.name, guild=_guild(role.guild)),
                                say("role_unmoderated_fix", id=role.guild.id)))
        else:
            checks.append(Check(OK, say("what_moderator_role"), say("role_ready", role=role.name,
                                                                    guild=_guild(role.guild))))
    return checks


def _guild(guild: discord.Guild | None) -> str:
    return f"{guild.name} ({guild.id})" if guild else "?"


