"""Who may change facts: checked where each change is carried out, not only where it starts.

Every server that adds the bot shares one knowledge base, so moderator rights
count only in the servers the bot's owner chose (`moderation_guilds`); an
administrator elsewhere is nobody here.  A slash command's
`default_member_permissions` can be overridden by a server admin, and a
button or modal can be replayed by anyone who sees its custom_id, from any
server or a DM; so every command, button and modal submit that changes or
reveals moderators' data calls `refusal` itself before doing anything.
"""

from __future__ import annotations

import discord
from discord import app_commands

from bot.config import DiscordSettings
from bot.discord.i18n import language_of, text
from bot.discord.messages import Markup


class NotModerator(app_commands.CheckFailure):
    """Raised by the moderator groups' checks; `text` is the polite refusal to show."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text  # kept as given: str() would lose its being Markup


def refusal(interaction: discord.Interaction, settings: DiscordSettings) -> str | None:
    """Why this user may not act as a moderator here (a message fit to show them), or None when they may."""
    language = language_of(interaction.locale)
    refused = text(language, "refused")
    member = interaction.user
    if interaction.guild_id is None or not isinstance(member, discord.Member):
        return refused
    would_be = _has_rights(interaction, member, settings.moderator_role_ids)
    guilds = settings.moderation_guilds
    if not guilds:
        return Markup(text(language, "turned_off", guild=interaction.guild_id)) if would_be else refused
    if interaction.guild_id not in guilds:
        return text(language, "not_here") if would_be else refused
    return None if would_be else refused


def server_refusal(interaction: discord.Interaction, settings: DiscordSettings) -> str | None:
    """Why this user may not change this server's own settings (its feed channel), or None when they may.

    Unlike the facts every server shares, a server's feed is that server's business: its own administrators
    (Manage Server) decide, wherever the bot is, as do the bot's moderators in the moderation servers.
    """
    member = interaction.user
    if interaction.guild_id is None or not isinstance(member, discord.Member):
        return text(language_of(interaction.locale), "feed_refused")
    if interaction.permissions.manage_guild or member.guild_permissions.manage_guild or \
            is_moderator(interaction, settings):
        return None
    return text(language_of(interaction.locale), "feed_refused")


def is_moderator(interaction: discord.Interaction, settings: DiscordSettings) -> bool:
    """Manage Server or a moderator role, in one of the moderation servers (never in DMs, never a non-member)."""
    return refusal(interaction, settings) is None


def _has_rights(interaction: discord.Interaction, member: discord.Member, role_ids: tuple[int, ...]) -> bool:
    if interaction.permissions.manage_guild or member.guild_permissions.manage_guild:
        return True
    return any(role.id in role_ids for role in member.roles)


def actor(user: discord.abc.User) -> str:
    """How a moderator is named in revisions and the audit log: name and ID, stable and unambiguous."""
    return f"{user.name} ({user.id})"
