"""One error path for everything a member or moderator can trigger: commands, buttons, selects and forms.

Whatever goes wrong in a handler ends here: the person is told privately, in their language, what went
wrong and what to do (a cooldown, a refusal, the core's clear message for bad input, the knowledge base
being unavailable); an error of ours is logged with a reference they can quote, never shown as a trace.
Commands reach it through the tree's error handler; buttons and selects through `Component`, forms
through `Form` (discord.py gives persistent dynamic items no error hook of their own).
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

import discord
from discord import app_commands

from bot.discord.checks import NotModerator
from bot.discord.i18n import language_of, text
from bot.discord.messages import Markup, message_text
from knowledge import KnowledgeError, Unavailable

log = logging.getLogger(__name__)


def user_message(error: BaseException, language: str = "en") -> tuple[str, bool]:
    """(message for the user, whether it is our fault and was logged) for an error in a handler.

    The core's messages are plain text that may quote facts, company names or what the user typed;
    they stay plain here, and are escaped where every message is sent (`bot.discord.messages.message_text`).
    """
    original = getattr(error, "original", error)
    if isinstance(original, Unavailable):
        return text(language, "unavailable"), False
    if isinstance(original, KnowledgeError):
        return str(original), False
    reference = uuid.uuid4().hex[:8]
    log.error("unexpected error (reference %s)", reference, exc_info=original)
    return Markup(text(language, "our_fault", reference=reference)), True


def describe(interaction: discord.Interaction, error: BaseException) -> str:
    """What to tell the person whose interaction failed."""
    language = language_of(interaction.locale)
    original = getattr(error, "original", error)
    if isinstance(original, app_commands.CommandOnCooldown):
        return text(language, "cooldown", seconds=f"{original.retry_after:.0f}")
    if isinstance(original, NotModerator):
        return original.text
    if isinstance(original, app_commands.CheckFailure):
        return text(language, "moderators_only")
    return user_message(original, language)[0]


async def report(interaction: discord.Interaction, error: BaseException) -> None:
    await reply_privately(interaction, describe(interaction, error))


async def reply_privately(interaction: discord.Interaction, content: str) -> None:
    """An ephemeral reply, whether or not the interaction was answered already; plain text is escaped."""
    shown = message_text(content)
    try:
        if interaction.response.is_done():
            await interaction.followup.send(shown, ephemeral=True)
        else:
            await interaction.response.send_message(shown, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not tell the user about an error")


class Component(discord.ui.DynamicItem[Any], template=r"(?!)"):  # a base: its own template matches nothing
    """A persistent button or select whose failures take the one error path (subclasses implement `run`)."""

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self.run(interaction)
        except Exception as error:
            await report(interaction, error)

    async def run(self, interaction: discord.Interaction) -> None:
        raise NotImplementedError


class Form(discord.ui.Modal):
    """A modal form whose failures take the one error path; `entries` lets a form repeat what was typed."""

    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        # (discord.py's Modal narrows View.on_error's signature the same way.)
        message = describe(interaction, error)
        echoed = self.entries()
        if echoed:
            message = Markup(f"{message_text(message)}\n{text(language_of(interaction.locale), 'your_entries')}\n"
                             + echoed)
        await reply_privately(interaction, message)

    def entries(self) -> str:
        """What the person typed, escaped, so a refused form loses nothing (empty when there is nothing)."""
        return ""
