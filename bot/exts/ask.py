"""Members ask: /ask, mentions and DMs, with 👍/👎 and "Sources" buttons on every answer, and 🗑 to remove it.
A reply to one of the bot's answers goes on with that conversation ("and in 2024?").

An answer that adds up or counts more facts than it cites also has a "Rows" button (the rows as a CSV file,
for whoever clicks), and one that adds up rounds over time gets a chart once it is drawn (`bot.discord.charts`).

The buttons are dynamic items: their custom_id carries what they act on (the
answer's id for a vote, the cited fact ids for "Sources"), so they keep
working on old answers and after a restart without keeping a view per answer
in memory.  Every answer is logged (`bot.discord.answer_log`), so a vote can be
checked against an answer that was really given, in that server, on that
message.
"""

from __future__ import annotations

import io
import logging
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import logs
from bot.discord.answer_log import AnswerLog
from bot.discord.checks import is_moderator
from bot.discord.client import LayoffBot
from bot.discord.errors import Component, reply_privately
from bot.discord.i18n import language_of, text
from bot.discord.messages import message_text, safe
from bot.discord.render import ANSWERED, add_lines, fit, source_line, truncate
from knowledge import Answer, Conversation, GivenAnswer, Unavailable, Vote, has_rows, rows_csv

log = logging.getLogger(__name__)
MAX_CUSTOM_ID = 100
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


class FeedbackButton(Component, template=r"fb:(?P<vote>[ud]):a(?P<answer>[0-9]{1,20})"):
    """👍 or 👎 on one answer: one vote per member, which a second click changes."""

    def __init__(self, vote: str, answer_id: int) -> None:
        super().__init__(discord.ui.Button(
            style=discord.ButtonStyle.secondary, emoji="👍" if vote == "u" else "👎",
            custom_id=f"fb:{vote}:a{answer_id}"))
        self.vote = vote
        self.answer_id = answer_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str]) -> FeedbackButton:
        return cls(match["vote"], int(match["answer"]))

    async def run(self, interaction: discord.Interaction) -> None:
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        language = language_of(interaction.locale, bot.kb.settings.default_language)
        helpful = self.vote == "u"
        cog = bot.get_cog(Ask.__cog_name__)
        if isinstance(cog, Ask):
            await cog.answers.written(self.answer_id)
        vote = await bot.run_db(bot.kb.record_vote, self.answer_id, helpful, str(interaction.user.id),
                                str(interaction.guild_id) if interaction.guild_id else None,
                                interaction.message.id if interaction.message else None)
        logs.for_interaction(log, interaction).info("feedback %s on answer %s: %s", "up" if helpful else "down",
                                                    self.answer_id, vote)
        key = ("thanks_up" if helpful else "thanks_down") if vote in (Vote.RECORDED, Vote.CHANGED) else \
            "voted_already" if vote == Vote.SAME else "unknown_answer"
        await reply_privately(interaction, text(language, key))


class OldFeedbackButton(Component, template=r"fb:(?P<vote>[ud]):(?P<ids>[0-9,]*)"):
    """The votes of answers given before answers were logged: they name facts, not an answer, so a vote
    there could not be checked nor kept to one per member; it is declined politely and nothing is stored."""

    def __init__(self, custom_id: str) -> None:
        super().__init__(discord.ui.Button(style=discord.ButtonStyle.secondary, custom_id=custom_id))

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str]) -> OldFeedbackButton:
        return cls(match.group(0))

    async def run(self, interaction: discord.Interaction) -> None:
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        language = language_of(interaction.locale, bot.kb.settings.default_language)
        await reply_privately(interaction, text(language, "unknown_answer"))


class SourcesButton(Component, template=r"src:(?P<ids>[0-9,]*)"):
    def __init__(self, fact_ids: list[int], label: str = "Sources") -> None:
        super().__init__(discord.ui.Button(style=discord.ButtonStyle.primary, label=label, emoji="📚",
                                           custom_id="src:" + _ids_field(fact_ids, "src:")))
        self.fact_ids = fact_ids

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str]) -> SourcesButton:
        return cls(_parse_ids(match["ids"]))

    async def run(self, interaction: discord.Interaction) -> None:
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        language = language_of(interaction.locale, bot.kb.settings.default_language)
        facts = bot.kb.active_facts(self.fact_ids)
        if not facts:
            await reply_privately(interaction, text(language, "facts_gone"))
            return
        embed = discord.Embed(title=text(language, "sources"), colour=ANSWERED)
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


class RemoveButton(Component, template=r"rm:u(?P<asker>[0-9]{1,20})"):
    """🗑 on an answer: removes it, for whoever asked (named in the custom_id) or a moderator.

    A moderator here is one of the bot's (`is_moderator`), or anyone allowed to manage messages in that channel,
    who could delete the answer by hand anyway.  On an answer to a slash command Discord also names who used
    it, and the two must agree, so a button copied onto someone else's answer removes nothing.
    """

    def __init__(self, asker_id: int) -> None:
        super().__init__(discord.ui.Button(style=discord.ButtonStyle.secondary, emoji="🗑",
                                           custom_id=f"rm:u{asker_id}"))
        self.asker_id = asker_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str]) -> RemoveButton:
        return cls(int(match["asker"]))

    async def run(self, interaction: discord.Interaction) -> None:
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        metadata = interaction.message.interaction_metadata if interaction.message else None
        asker = interaction.user.id == self.asker_id and (metadata is None or metadata.user.id == self.asker_id)
        if not (asker or interaction.permissions.manage_messages or is_moderator(interaction, bot.settings.discord)):
            logs.for_interaction(log, interaction).info("refused to remove an answer for someone else")
            await reply_privately(interaction, text(language_of(interaction.locale, bot.kb.settings.default_language),
                                                    "remove_refused"))
            return
        await interaction.response.defer()
        await interaction.delete_original_response()  # after a deferred click: the message the button is on
        logs.for_interaction(log, interaction).info("answer removed by %s", "its asker" if asker else "a moderator")


async def logged_answer(bot: LayoffBot, interaction: discord.Interaction, answer_id: int) -> GivenAnswer | None:
    """The logged answer a button on it names, written first if it is still in the log's batch; None when there
    is none, or when it was given in another server or DM than the click comes from (a forged or copied id)."""
    cog = bot.get_cog(Ask.__cog_name__)
    if isinstance(cog, Ask):
        await cog.answers.written(answer_id)
    given = await bot.run_db(bot.kb.given_answer, answer_id)
    if given is None or given.guild_id != (str(interaction.guild_id) if interaction.guild_id else None):
        return None
    return given


class RowsButton(Component, template=r"rows:a(?P<answer>[0-9]{1,20})"):
    """The rows an answer's totals and counts stand on, as a CSV file, for whoever clicks (privately).

    The custom_id names the answer in the answer log; the rows come from answering the logged question again,
    as of the day it was asked, so they are the answer's own derived terms, never read back from its text.
    """

    def __init__(self, answer_id: int, language: str = "en") -> None:
        super().__init__(discord.ui.Button(style=discord.ButtonStyle.secondary, label=text(language, "rows"),
                                           emoji="🧾", custom_id=f"rows:a{answer_id}"))
        self.answer_id = answer_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str]) -> RowsButton:
        return cls(int(match["answer"]))

    async def run(self, interaction: discord.Interaction) -> None:
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        language = language_of(interaction.locale, bot.kb.settings.default_language)
        given = await logged_answer(bot, interaction, self.answer_id)
        if given is None:
            await reply_privately(interaction, text(language, "rows_gone"))
            return
        # the day it was asked, on the bot's calendar: "this year" then, not now
        days = (datetime.now(UTC).date() - given.at.date()).days
        asked_on = bot.today() - timedelta(days=max(days, 0))
        answer: Answer | None = None
        if given.follows is not None and given.message_id is not None:  # a reply: its question read in its thread
            chain = await bot.run_db(bot.kb.conversation, given.message_id)
            if chain is not None and len(chain.turns) > 1:
                before = Conversation(given.follows, chain.turns[:-1])
                answer = bot.kb.follow_up(given.question, before, today=asked_on, language=given.language,
                                          refresh=False)
        if answer is None:
            answer = bot.kb.ask(given.question, today=asked_on, language=given.language, refresh=False)
        if not has_rows(answer):
            await reply_privately(interaction, text(language, "rows_none"))
            return
        table = io.BytesIO(rows_csv(answer).encode("utf-8-sig"))  # the mark tells spreadsheets it is UTF-8
        logs.for_interaction(log, interaction).info("rows of answer %s: %d", self.answer_id, len(answer.rows))
        await interaction.response.send_message(text(language, "rows_file", n=len(answer.rows)), ephemeral=True,
                                                file=discord.File(table, f"rows-{self.answer_id}.csv"))


def answer_view(answer: Answer, answer_id: int, asker_id: int) -> discord.ui.View:
    """Every answer can be removed (🗑); an answer that cites facts can also be rated and its sources shown, and
    one built on more facts than it cites offers them as rows."""
    view = discord.ui.View(timeout=None)
    if answer.answered:
        view.add_item(FeedbackButton("u", answer_id))
        view.add_item(FeedbackButton("d", answer_id))
        view.add_item(SourcesButton([fact.id for fact in answer.facts]))
        if has_rows(answer):
            view.add_item(RowsButton(answer_id, answer.language))
    view.add_item(RemoveButton(asker_id))
    return view


def thread_title(conversation: Conversation, reply: str) -> str:
    """What a follow-up's chart is titled: the question its conversation started from, then the reply ("How many
    people did Amazon lay off in 2023? → and in 2022?"), as the reply's words alone do not say what is drawn."""
    first = conversation.turns[0].question if conversation.turns else ""
    between = " → … → " if len(conversation.turns) > 1 else " → "
    return f"{first}{between}{reply}" if first else reply


class Ask(commands.Cog):
    def __init__(self, bot: LayoffBot) -> None:
        self.bot = bot
        self.answers = AnswerLog(bot.kb.record_answers, bot.run_db)

    async def cog_load(self) -> None:
        self.answers.start()

    async def cog_unload(self) -> None:
        await self.answers.stop()

    def answer(self, question: str, language: str) -> Answer:
        """In memory, never blocking: the snapshot is refreshed in the background."""
        return self.bot.kb.ask(question, today=self.bot.today(), language=language, refresh=False)

    @app_commands.command(name="ask", description="Ask a question about tech layoffs (English or French)")
    @app_commands.describe(question="Your question, e.g. How many people did Amazon cut in 2022-23?")
    async def ask(self, interaction: discord.Interaction, question: app_commands.Range[str, 1, 500]) -> None:
        language = language_of(interaction.locale, self.bot.kb.settings.default_language)
        wait = self.bot.cooldowns.retry_after(interaction.user.id)
        if wait:
            await reply_privately(interaction, text(language, "cooldown", seconds=f"{wait:.0f}"))
            return
        if not self.bot.kb.available:
            await reply_privately(interaction, text(language, "unavailable"))
            return
        answer = self.answer(question, language)
        logs.answered(log, lambda: logs.for_interaction(log, interaction), answer)
        view = answer_view(answer, interaction.id, interaction.user.id)
        pending = self.answers.begin(interaction.id, answer, interaction.guild_id)
        outgoing = self.bot.charts.outgoing(answer)
        try:
            sent = await interaction.response.send_message(embed=outgoing.embed, view=view, files=outgoing.files)
        except BaseException:
            self.answers.failed(pending)
            raise
        self.answers.sent(pending, sent.message_id)
        self.bot.charts.draw_later(outgoing, interaction.edit_original_response)

    def follow_up(self, question: str, conversation: Conversation, language: str) -> Answer:
        """In memory, like `answer`: the conversation was read from the answer log before."""
        return self.bot.kb.follow_up(question, conversation, today=self.bot.today(), language=language,
                                     refresh=False)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Mentions and DMs are questions; a reply to one of the bot's answers (Discord's reply pings the bot by
        default, which is what lets a server's message through without the Message Content intent) continues
        that answer's conversation.  A reply that only pings the bot, to a message that is no answer, is not
        for it."""
        bot_user = self.bot.user
        if message.author.bot or bot_user is None or not self.bot.settings.discord.answer_mentions:
            return
        direct = message.guild is None
        if not direct and not any(user.id == bot_user.id for user in message.mentions):
            return
        named = re.compile(rf"<@!?{bot_user.id}>")
        question = named.sub(" ", message.content).strip()
        language = self.bot.kb.settings.default_language
        log_ = logs.for_message(log, message)
        conversation: Conversation | None = None
        reference = message.reference
        # a forwarded message refers to what it forwards: it is no reply
        replied = reference.message_id if reference is not None and \
            reference.type is discord.MessageReferenceType.reply else None
        if replied is not None:
            try:
                conversation = await self._conversation(replied)
            except Unavailable:
                await self._reply(message, content=message_text(text(language, "unavailable")))
                return
            if conversation is None and not direct and not named.search(message.content):
                return  # a reply pinging the bot on something that is not one of its answers
        if not question:
            await self._reply(message, content=message_text(text(language, "empty_question")))
            return
        wait = self.bot.cooldowns.retry_after(message.author.id)
        if wait:
            await self._reply(message, content=message_text(text(language, "cooldown", seconds=f"{wait:.0f}")))
            return
        if not self.bot.kb.available:
            await self._reply(message, content=message_text(text(language, "unavailable")))
            return
        if conversation is not None:
            answer = self.follow_up(question, conversation, language)
            logs.answered(log, lambda: log_, answer, f"follow-up of answer {conversation.answer_id}: ")
        else:
            answer = self.answer(question, language)
            logs.answered(log, lambda: log_, answer)
        view = answer_view(answer, message.id, message.author.id)
        pending = self.answers.begin(message.id, answer, message.guild.id if message.guild else None,
                                     conversation.answer_id if conversation is not None else None)
        title = thread_title(conversation, question) if conversation is not None else None
        outgoing = self.bot.charts.outgoing(answer, title)
        try:
            reply = await self._reply(message, embed=outgoing.embed, view=view, files=outgoing.files)
        except BaseException:
            self.answers.failed(pending)
            raise
        if reply is None:
            self.answers.failed(pending)
        else:
            self.answers.sent(pending, reply.id)
            self.bot.charts.draw_later(outgoing, reply.edit)

    async def _conversation(self, message_id: int) -> Conversation | None:
        """The conversation the answer sent as `message_id` ends, from the answer log (None for any other
        message); an answer given a moment ago is written first, so the log is the one place it is read from."""
        await self.answers.message_written(message_id)
        return await self.bot.run_db(self.bot.kb.conversation, message_id)

    async def _reply(self, message: discord.Message, **content: Any) -> discord.Message | None:
        try:
            return await message.reply(mention_author=False, allowed_mentions=discord.AllowedMentions.none(),
                                       **content)
        except discord.HTTPException:
            logs.for_message(log, message).warning("could not reply", exc_info=True)
            return None


async def setup(bot: LayoffBot) -> None:
    bot.add_dynamic_items(FeedbackButton, OldFeedbackButton, SourcesButton, RemoveButton, RowsButton)
    await bot.add_cog(Ask(bot))
