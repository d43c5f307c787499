"""Members ask: /ask, mentions and DMs, with 👍/👎 and "Sources" buttons on every answer.

The buttons are dynamic items: their custom_id carries the cited fact ids,
so they keep working on old answers and after a restart without keeping a
view per answer in memory.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import logs
from bot.client import UNAVAILABLE, LayoffBot, reply_privately, user_message
from bot.embeds import ANSWERED, add_lines, answer_embed, fit, safe, source_line, truncate
from knowledge.answering.answer import Answer
from knowledge.questions import record_feedback, record_questions

log = logging.getLogger(__name__)
MAX_CUSTOM_ID = 100
_WORDS = {
    "en": {"sources": "Sources", "thanks_up": "Thanks, glad it helped.",
           "thanks_down": "Thanks — the moderators will see this question.", "cooldown":
           "You're asking quickly — please try again in {s:.0f} s.", "empty": "Ask me a question about tech "
           "layoffs, e.g. “How many people did Amazon cut in 2022–23?”", "gone": "These facts are no longer "
           "in the knowledge base."},
    "fr": {"sources": "Sources", "thanks_up": "Merci, ravi que cela ait servi.",
           "thanks_down": "Merci — les modérateurs verront cette question.", "cooldown":
           "Vous posez beaucoup de questions : réessayez dans {s:.0f} s.", "empty": "Posez-moi une question sur "
           "les licenciements dans la tech, p. ex. « Combien de personnes Amazon a-t-elle licenciées en 2023 ? »",
           "gone": "Ces faits ne sont plus dans la base."},
}


def language_of(locale: discord.Locale | str | None, fallback: str) -> str:
    return "fr" if str(locale or "").startswith("fr") else fallback


def _ids_field(fact_ids: list[int], prefix: str) -> str:
    """As many fact ids as fit in a custom_id after `prefix`."""
    text = ""
    for fact_id in fact_ids:
        candidate = f"{text},{fact_id}" if text else str(fact_id)
        if len(prefix) + len(candidate) > MAX_CUSTOM_ID:
            break
        text = candidate
    return text


def _parse_ids(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.isdigit()][:25]


class FeedbackButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"fb:(?P<vote>[ud]):(?P<ids>[0-9,]*)"):
    def __init__(self, vote: str, fact_ids: list[int]) -> None:
        prefix = f"fb:{vote}:"
        super().__init__(discord.ui.Button(
            style=discord.ButtonStyle.secondary, emoji="👍" if vote == "u" else "👎",
            custom_id=prefix + _ids_field(fact_ids, prefix)))
        self.vote = vote
        self.fact_ids = fact_ids

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button[Any],
                             match: re.Match[str]) -> FeedbackButton:
        return cls(match["vote"], _parse_ids(match["ids"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        language = language_of(interaction.locale, bot.kb.settings.default_language)
        question = ""
        if interaction.message and interaction.message.embeds:
            question = interaction.message.embeds[0].title or ""
        helpful = self.vote == "u"
        try:
            await bot.run_db(record_feedback, bot.kb.store, question, helpful, self.fact_ids,
                             f"{interaction.user.id}", str(interaction.guild_id) if interaction.guild_id else None)
        except Exception as error:  # feedback is best effort; say so instead of failing silently
            await reply_privately(interaction, user_message(error, language)[0])
            return
        logs.for_interaction(log, interaction).info("feedback %s on facts %s", "up" if helpful else "down",
                                                    self.fact_ids)
        await reply_privately(interaction, _WORDS[language]["thanks_up" if helpful else "thanks_down"])


class SourcesButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"src:(?P<ids>[0-9,]*)"):
    def __init__(self, fact_ids: list[int], label: str = "Sources") -> None:
        super().__init__(discord.ui.Button(style=discord.ButtonStyle.primary, label=label, emoji="📚",
                                           custom_id="src:" + _ids_field(fact_ids, "src:")))
        self.fact_ids = fact_ids

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button[Any],
                             match: re.Match[str]) -> SourcesButton:
        return cls(_parse_ids(match["ids"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        language = language_of(interaction.locale, bot.kb.settings.default_language)
        snapshot = bot.kb.snapshot(refresh=False)
        facts = [snapshot.facts[i] for i in self.fact_ids if i in snapshot.facts]
        if not facts:
            await reply_privately(interaction, _WORDS[language]["gone"])
            return
        embed = discord.Embed(title=_WORDS[language]["sources"], colour=ANSWERED)
        for fact in facts[:10]:
            lines = [safe(fact.summary)]
            for number, cited in enumerate(fact.citations[:3], start=1):
                lines.append(source_line(number, cited.source, language))
                if cited.evidence:
                    lines.append(f"> {safe(truncate(cited.evidence, 280))}")
            if fact.note:
                lines.append(f"*{safe(fact.note)}*")
            add_lines(embed, truncate(f"#{fact.id} · {safe(fact.company or 'industry')}", 256), f"#{fact.id}", lines)
        await interaction.response.send_message(embed=fit(embed), ephemeral=True)


def answer_view(answer: Answer) -> discord.ui.View | None:
    if not answer.answered:
        return None
    fact_ids = [fact.id for fact in answer.facts]
    view = discord.ui.View(timeout=None)
    view.add_item(FeedbackButton("u", fact_ids))
    view.add_item(FeedbackButton("d", fact_ids))
    view.add_item(SourcesButton(fact_ids))
    return view


class Ask(commands.Cog):
    def __init__(self, bot: LayoffBot) -> None:
        self.bot = bot
        self._declined: list[tuple[str, str, bool, str | None, str | None]] = []
        self._writer: asyncio.Task[None] | None = None

    async def cog_load(self) -> None:
        self._writer = asyncio.create_task(self._write_declined(), name="declined-questions")

    async def cog_unload(self) -> None:
        if self._writer:
            self._writer.cancel()
        await self._flush()

    async def _write_declined(self) -> None:
        """Declined questions go to the database in batches: one thread hop and commit a second, not one each."""
        while True:
            await asyncio.sleep(1.0)
            await self._flush()

    async def _flush(self) -> None:
        rows, self._declined = self._declined, []
        if not rows:
            return
        try:
            await self.bot.run_db(record_questions, self.bot.kb.store, rows)
        except Exception:
            log.warning("could not record %d declined question(s)", len(rows), exc_info=True)

    def answer(self, question: str, language: str) -> Answer:
        """In memory, never blocking: the snapshot is refreshed in the background."""
        return self.bot.kb.ask(question, today=self.bot.today(), language=language, refresh=False)

    async def remember(self, answer: Answer, asker: int, guild_id: int | None) -> None:
        if not answer.answered:
            self._declined.append((answer.question, answer.language, False, str(asker),
                                   str(guild_id) if guild_id else None))

    @app_commands.command(name="ask", description="Ask a question about tech layoffs (English or French)")
    @app_commands.describe(question="Your question, e.g. How many people did Amazon cut in 2022-23?")
    async def ask(self, interaction: discord.Interaction, question: app_commands.Range[str, 1, 500]) -> None:
        language = language_of(interaction.locale, self.bot.kb.settings.default_language)
        wait = self.bot.cooldowns.retry_after(interaction.user.id)
        if wait:
            await interaction.response.send_message(_WORDS[language]["cooldown"].format(s=wait), ephemeral=True)
            return
        if not self.bot.kb.available:
            await interaction.response.send_message(UNAVAILABLE[language], ephemeral=True)
            return
        answer = self.answer(question, language)
        logs.for_interaction(log, interaction).info("answered=%s intent=%s facts=%s", answer.answered,
                                                    answer.intent, [f.id for f in answer.facts])
        view = answer_view(answer)
        await interaction.response.send_message(embed=answer_embed(answer), **({"view": view} if view else {}))
        await self.remember(answer, interaction.user.id, interaction.guild_id)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        bot_user = self.bot.user
        if message.author.bot or bot_user is None or not self.bot.settings.discord.answer_mentions:
            return
        direct = message.guild is None
        if not direct and not any(user.id == bot_user.id for user in message.mentions):
            return
        question = re.sub(rf"<@!?{bot_user.id}>", " ", message.content).strip()
        language = self.bot.kb.settings.default_language
        log_ = logs.for_message(log, message)
        if not question:
            await self._reply(message, content=_WORDS[language]["empty"])
            return
        wait = self.bot.cooldowns.retry_after(message.author.id)
        if wait:
            await self._reply(message, content=_WORDS[language]["cooldown"].format(s=wait))
            return
        if not self.bot.kb.available:
            await self._reply(message, content=UNAVAILABLE[language])
            return
        answer = self.answer(question, language)
        log_.info("answered=%s intent=%s facts=%s", answer.answered, answer.intent, [f.id for f in answer.facts])
        view = answer_view(answer)
        await self._reply(message, embed=answer_embed(answer), **({"view": view} if view else {}))
        await self.remember(answer, message.author.id, message.guild.id if message.guild else None)

    async def _reply(self, message: discord.Message, **content: Any) -> None:
        try:
            await message.reply(mention_author=False, allowed_mentions=discord.AllowedMentions.none(), **content)
        except discord.HTTPException:
            logs.for_message(log, message).warning("could not reply", exc_info=True)


async def setup(bot: LayoffBot) -> None:
    bot.add_dynamic_items(FeedbackButton, SourcesButton)
    await bot.add_cog(Ask(bot))
