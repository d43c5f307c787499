"""Who may change facts: checked where each change is carried out, not only where it starts.

A slash command's `default_member_permissions` can be overridden by a server
admin, and a button or modal can be replayed by anyone who sees its
custom_id; so every command, button and modal submit that changes knowledge
calls `is_moderator` itself before doing anything.
"""

from __future__ import annotations

import discord


def is_moderator(interaction: discord.Interaction, moderator_role_ids: tuple[int, ...]) -> bool:
    """Manage Server, or one of the configured moderator roles, in a server (never in DMs)."""
    member = interaction.user
    if interaction.guild is None or not isinstance(member, discord.Member):
        return False
    if interaction.permissions.manage_guild or member.guild_permissions.manage_guild:
        return True
    return any(role.id in moderator_role_ids for role in member.roles)


def actor(user: discord.abc.User) -> str:
    """How a moderator is named in revisions and the audit log: name and ID, stable and unambiguous."""
    return f"{user.name} ({user.id})"
