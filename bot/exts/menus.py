"""The menus on a message (right-click › Apps): "Ask about this message", and for moderators "Ingest as article".

A message command gets its target's text from Discord whatever the bot's intents, so neither menu needs the
privileged Message Content intent.  The answer about a message is for whoever asked only (ephemeral): someone
else's words are not posted in a channel unless the member who asked chooses to, with the Share button.  That
button names the answer in the answer log, so sharing works on an old answer and after a restart, and what is
shared is answered again from the logged question (never read back from the rendered text).
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import logs
from bot.discord.client import LayoffBot
from bot.discord.errors import Component, reply_privately
from bot.discord.i18n import language_of, text
from bot.discord.messages import message_text
from bot.exts.ask import Ask, RowsButton, SourcesButton, answer_view, logged_answer
from bot.exts.facts import refuse_unless_moderator
from bot.exts.kb import ingest_for_review
from knowledge import Answer, ArticleMeta, has_rows

log = logging.getLogger(__name__)
DISCORD_PUBLISHER = "Discord"


def message_words(message: discord.Message) -> str:
    """A message's own text (a bot's message may have none but its embed's)."""
    if message.content.strip():
        return message.content.strip()
    for embed in message.embeds:
        words = "\n".join(part for part in (embed.title, embed.description) if part)
        if words.strip():
            return words.strip()
    return ""


def asked(bot: LayoffBot) -> Ask:
    cog = bot.get_cog(Ask.__cog_name__)
    assert isinstance(cog, Ask)
    return cog


class ShareButton(Component, template=r"share:a(?P<answer>[0-9]{1,20})"):
    """Posts a private answer in the channel, for everyone, answered again from the logged question."""

    def __init__(self, answer_id: int, language: str = "en") -> None:
        super().__init__(discord.ui.Button(style=discord.ButtonStyle.primary, label=text(language, "share"),
                                           emoji="📣", custom_id=f"share:a{answer_id}"))
        self.answer_id = answer_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str]) -> ShareButton:
        return cls(int(match["answer"]))

    async def run(self, interaction: discord.Interaction) -> None:
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        language = language_of(interaction.locale, bot.kb.settings.default_language)
        ask = asked(bot)
        given = await logged_answer(bot, interaction, self.answer_id)
        if given is None:
            await reply_privately(interaction, text(language, "answer_gone"))
            return
        answer = ask.answer(given.question, given.language)
        private = discord.ui.View(timeout=None)
        if answer.answered:
            private.add_item(SourcesButton([fact.id for fact in answer.facts]))
        await interaction.response.edit_message(content=message_text(text(language, "shared")), view=private)
        await self.post(interaction, answer)

    @staticmethod
    async def post(interaction: discord.Interaction, answer: Answer) -> None:
        """The answer in the channel, with the buttons every answer has, logged like any answer."""
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        answers = asked(bot).answers
        pending = answers.begin(interaction.id, answer, interaction.guild_id)
        outgoing = bot.charts.outgoing(answer)
        try:
            public = await interaction.followup.send(embed=outgoing.embed, wait=True, files=outgoing.files,
                                                     view=answer_view(answer, interaction.id, interaction.user.id))
        except BaseException:
            answers.failed(pending)
            raise
        answers.sent(pending, public.id)
        bot.charts.draw_later(outgoing, public.edit)
        logs.for_interaction(log, interaction).info("shared answer %s", interaction.id)


class Menus(commands.Cog):
    def __init__(self, bot: LayoffBot) -> None:
        self.bot = bot
        self.ask_menu = app_commands.ContextMenu(name="Ask about this message", callback=self.ask_about)
        self.ingest_menu = app_commands.ContextMenu(name="Ingest as article", callback=self.ingest)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.ask_menu)
        self.bot.tree.add_command(self.ingest_menu)

    async def cog_unload(self) -> None:
        for menu in (self.ask_menu, self.ingest_menu):
            self.bot.tree.remove_command(menu.name, type=menu.type)

    async def ask_about(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """An answer about the message's text, for the member who asked only, with a button to share it."""
        language = language_of(interaction.locale, self.bot.kb.settings.default_language)
        question = message_words(message)
        if not question:
            await reply_privately(interaction, text(language, "nothing_to_ask"))
            return
        wait = self.bot.cooldowns.retry_after(interaction.user.id)
        if wait:
            await reply_privately(interaction, text(language, "cooldown", seconds=f"{wait:.0f}"))
            return
        if not self.bot.kb.available:
            await reply_privately(interaction, text(language, "unavailable"))
            return
        ask = asked(self.bot)
        answer = ask.answer(question, language)
        logs.answered(log, lambda: logs.for_interaction(log, interaction), answer, "about a message: ")
        view = discord.ui.View(timeout=None)
        view.add_item(ShareButton(interaction.id, answer.language))
        if answer.answered:
            view.add_item(SourcesButton([fact.id for fact in answer.facts]))
            if has_rows(answer):
                view.add_item(RowsButton(interaction.id, answer.language))
        pending = ask.answers.begin(interaction.id, answer, interaction.guild_id)
        outgoing = self.bot.charts.outgoing(answer)
        try:
            sent = await interaction.response.send_message(embed=outgoing.embed, view=view, ephemeral=True,
                                                            files=outgoing.files)
        except BaseException:
            ask.answers.failed(pending)
            raise
        ask.answers.sent(pending, sent.message_id)
        self.bot.charts.draw_later(outgoing, interaction.edit_original_response)

    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    async def ingest(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """The message's text into the review flow, as /kb ingest does, cited to the message itself."""
        if await refuse_unless_moderator(interaction):
            return
        body = message_words(message)
        if not body:
            await reply_privately(interaction, text(language_of(interaction.locale), "nothing_to_ask"))
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        language = self.bot.kb.understand(body[:500], language=language_of(interaction.locale)).language
        meta = ArticleMeta(url=message.jump_url, title=None, publisher=DISCORD_PUBLISHER,
                           published=message.created_at.date(), language=language)
        await ingest_for_review(interaction, body, meta)


async def setup(bot: LayoffBot) -> None:
    bot.add_dynamic_items(ShareButton)
    await bot.add_cog(Menus(bot))
