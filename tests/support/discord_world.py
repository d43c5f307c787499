"""The Discord world most bot tests share: one server with a general, an audit and a news channel, a member, a
moderator (by role) and an administrator (Manage Server), the bot as configured for it, and small helpers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import discord

from bot.config import DiscordSettings, Settings
from bot.discord.client import LayoffBot
from knowledge.kb import KnowledgeBase
from tests.support.helpers import TODAY
from tests.support.standin import CALLBACK_PATH, DiscordStandIn, FakeChannel, FakeGuild, FakeRole, FakeUser

GUILD = 1_200_000_000_000_000_001
GENERAL = 1_200_000_000_000_000_010
AUDIT = 1_200_000_000_000_000_011
NEWS = FakeChannel(1_200_000_000_000_000_012, name="news")
MOD_ROLE = FakeRole(1_200_000_000_000_000_100, "Fact keepers")
ADMIN_ROLE = FakeRole(1_200_000_000_000_000_101, "Admins", discord.Permissions(manage_guild=True).value)
ALICE = FakeUser(1_300_000_000_000_000_001, "alice")
MODERATOR = FakeUser(1_300_000_000_000_000_002, "mona", roles=[MOD_ROLE.id])
ADMIN = FakeUser(1_300_000_000_000_000_003, "adam", roles=[ADMIN_ROLE.id])
# An import runs in a child process started on first use; on a busy machine starting it takes seconds.
IMPORT_WAIT = 20.0
CURRENT = "company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,date_added"


def world() -> FakeGuild:
    return FakeGuild(GUILD, channels=[FakeChannel(GENERAL), FakeChannel(AUDIT, name="audit"), NEWS],
                     roles=[MOD_ROLE, ADMIN_ROLE], members=[ALICE, MODERATOR, ADMIN])


def within_limits(embed: dict[str, Any]) -> None:
    """Discord's embed limits; a message over them would be refused."""
    assert len(embed.get("title", "")) <= 256
    assert len(embed.get("description", "")) <= 4096
    assert len(embed.get("fields", [])) <= 25
    for field in embed.get("fields", []):
        assert len(field["name"]) <= 256 and len(field["value"]) <= 1024
    total = len(embed.get("title", "")) + len(embed.get("description", "")) + sum(
        len(f["name"]) + len(f["value"]) for f in embed.get("fields", [])) + len(embed.get("footer", {}).get("text", ""))
    assert total <= 6000


def custom_ids(payload: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in payload.get("components", []) for c in row["components"] if "custom_id" in c]


def make_bot(kb: KnowledgeBase, **discord_settings: Any) -> LayoffBot:
    """The bot, moderated from GUILD unless the settings say otherwise."""
    discord_settings = {"moderator_role_ids": (MOD_ROLE.id,), "audit_channel_id": AUDIT,
                        "moderator_guild_ids": (GUILD,), **discord_settings}
    settings = Settings(database_url=kb.store.engine.url.render_as_string(hide_password=False), answers=kb.settings,
                        discord=DiscordSettings(**discord_settings))
    return LayoffBot(settings, kb, today=lambda: TODAY)


async def ask(standin: DiscordStandIn, question: str, user: FakeUser = ALICE, locale: str = "en-US") -> Any:
    payload = standin.slash_command("ask", {"question": question}, user=user)
    payload["locale"] = locale
    await standin.dispatch("INTERACTION_CREATE", payload)
    return await standin.wait_for_request("POST", CALLBACK_PATH)


async def eventually(condition: Callable[[], bool], timeout: float = 3.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.02)
