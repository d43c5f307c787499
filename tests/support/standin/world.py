"""The world the stand-in serves: users, roles, channels, guilds and attachments, as tests describe them.

Plain data a test builds and hands to the stand-in, each with the payload Discord would send for it. The
default world (one guild, one text channel, alice) has fixed ids so that tests can name them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import discord

OWNER_ID = 1_000_000_000_000_000_001  # default world: application owner (also guild owner, not a member)
BOT_ID = 1_100_000_000_000_000_001  # bot user and application
GUILD_ID = 1_200_000_000_000_000_001
CHANNEL_ID = 1_200_000_000_000_000_010
USER_ID = 1_300_000_000_000_000_001  # "alice"

ALL_PERMISSIONS = discord.Permissions.all().value
ADMINISTRATOR = discord.Permissions(administrator=True).value
EVERYONE_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    embed_links=True,
    attach_files=True,
    read_message_history=True,
    add_reactions=True,
    use_application_commands=True,
).value


@dataclass
class FakeUser:
    """A user; ``roles``/``nick``/``permissions`` describe them as a member of the guilds they are in.

    ``permissions`` is what interactions report as the member's resolved permissions; ``None``
    computes it from the guild's roles (owner and administrator get everything), which keeps
    ``interaction.permissions`` and ``member.guild_permissions`` consistent.
    """

    id: int
    username: str
    global_name: str | None = None
    bot: bool = False
    roles: list[int] = field(default_factory=list)
    permissions: int | None = None
    nick: str | None = None

    def to_user(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.username,
            "global_name": self.global_name,
            "discriminator": "0",
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
        }

    def to_member(self, *, with_user: bool = True) -> dict[str, Any]:
        member: dict[str, Any] = {
            "roles": [str(role) for role in self.roles],
            "nick": self.nick,
            "avatar": None,
            "joined_at": "2024-01-01T00:00:00+00:00",
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
        }
        if with_user:
            member["user"] = self.to_user()
        return member


@dataclass
class FakeRole:
    id: int
    name: str
    permissions: int = 0
    position: int = 1

    def to_payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "permissions": str(self.permissions),
            "position": self.position,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "icon": None,
            "unicode_emoji": None,
            "flags": 0,
        }


@dataclass
class FakeChannel:
    id: int
    name: str = "general"
    type: int = 0  # 0 text, 2 voice, 4 category, 5 news, 15 forum
    position: int = 0
    topic: str | None = None
    parent_id: int | None = None

    def to_payload(self, guild_id: int | None = None) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "id": str(self.id),
            "type": self.type,
            "name": self.name,
            "position": self.position,
            "topic": self.topic,
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "permission_overwrites": [],
            "nsfw": False,
            "rate_limit_per_user": 0,
            "last_message_id": None,
            "flags": 0,
        }
        if guild_id is not None:
            payload["guild_id"] = str(guild_id)
        return payload


@dataclass
class FakeGuild:
    """A guild. The ``@everyone`` role (id == guild id) is added when missing; the bot is always a member."""

    id: int
    name: str = "Stand-in Guild"
    owner_id: int = OWNER_ID
    channels: list[FakeChannel] = field(default_factory=list)
    roles: list[FakeRole] = field(default_factory=list)
    members: list[FakeUser] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not any(role.id == self.id for role in self.roles):
            self.roles.insert(0, FakeRole(self.id, "@everyone", EVERYONE_PERMISSIONS, position=0))

    def channel(self, channel_id: int) -> FakeChannel | None:
        return next((c for c in self.channels if c.id == channel_id), None)


@dataclass
class FakeAttachment:
    """A file a user attached (slash command option or message attachment); served by the stand-in."""

    filename: str
    content: bytes = b""
    content_type: str | None = None


def permissions_for(user: FakeUser, guild: FakeGuild) -> int:
    """What Discord resolves for ``user`` in ``guild``: their own override, else owner, administrator or roles."""
    if user.permissions is not None:
        return user.permissions
    if user.id == guild.owner_id:
        return ALL_PERMISSIONS
    value = 0
    for role in guild.roles:
        if role.id == guild.id or role.id in user.roles:
            value |= role.permissions
    return ALL_PERMISSIONS if value & ADMINISTRATOR else value


def default_guilds() -> list[FakeGuild]:
    """One guild with one text channel and one member, alice."""
    alice = FakeUser(USER_ID, "alice")
    return [FakeGuild(GUILD_ID, channels=[FakeChannel(CHANNEL_ID)], members=[alice])]
