"""What every part of the stand-in shares: who the bot is, the guilds, the addresses, fresh ids, and what the
bot and the users created (synced commands, messages, interactions).

Tests hold one ``standin`` object, so the stand-in is one class whose parts (records, faults, the HTTP routes,
the gateway, the event builders) are mixins in their own modules. This base holds the state more than one part
reads; a part keeps the rest to itself.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from tests.support.standin.world import FakeChannel, FakeGuild, FakeUser, permissions_for

API_PREFIX = "/api/v10"
WS_PATH = "/ws"
DISCORD_EPOCH_MS = 1_420_070_400_000


@dataclass
class InteractionState:
    """An interaction sent to the bot, and how far the bot has answered it."""

    payload: dict[str, Any]
    responded: bool = False
    loading: bool = False  # deferred; the original message is the "thinking" placeholder
    original_message_id: int | None = None


class StandInState:
    """The shared state; the configuration is set by ``DiscordStandIn``."""

    token: str | None
    bot_user: FakeUser
    application_id: int
    application_flags: int
    owner: FakeUser
    guilds: list[FakeGuild]
    shard_count: int
    heartbeat_interval: float

    def __init__(self) -> None:
        super().__init__()
        self.commands: dict[int | None, list[dict[str, Any]]] = {}  # guild id (None: global) -> commands
        self.messages: dict[int, dict[str, Any]] = {}
        self.interactions: dict[int, InteractionState] = {}
        self.base_url = ""
        self._last_snowflake = 0

    @property
    def guild(self) -> FakeGuild:
        return self.guilds[0]

    @property
    def channel(self) -> FakeChannel:
        return next(c for c in self.guild.channels if c.type == 0)

    @property
    def user(self) -> FakeUser:
        """The default (non-bot) user that builders act as."""
        return next((m for m in self.guild.members if not m.bot), self.owner)

    @property
    def api_url(self) -> str:
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        return self.base_url.replace("http://", "ws://", 1) + WS_PATH

    def snowflake(self) -> int:
        """A fresh, increasing snowflake for the current time."""
        now = (int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22
        self._last_snowflake = max(self._last_snowflake + 1, now)
        return self._last_snowflake

    def permissions_for(self, user: FakeUser, guild: FakeGuild) -> int:
        return permissions_for(user, guild)
