"""Moderators bring facts in and review them: /kb import, ingest, review, export, unanswered.

Imports and ingestion can take longer than Discord's 3-second window, so
they defer first and follow up.  Review buttons carry the candidate's id in
their custom_id and check the moderator's permission when clicked.
"""

from __future__ import annotations

import asyncio
import gzip
import io
import logging
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import logs
from bot.discord.checks import actor
from bot.discord.client import LayoffBot
from bot.discord.errors import Component, reply_privately
from bot.discord.i18n import language_of
from bot.discord.i18n import text as say  # `text` is also /kb ingest's option
from bot.discord.messages import Markup, message_text, safe
from bot.discord.render import ANSWERED, MODERATION, fact_embed, fit, link, truncate
from bot.exts.facts import check_moderator, refuse_unless_moderator
from knowledge import ArticleMeta, FactRecord, InvalidInput, Stated, check_url, fetch_article

log = logging.getLogger(__name__)
MAX_FILE = 8 * 1024 * 1024  # what a bot may upload to any server


def review_view(fact_id: int, language: str = "en") -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for act in "ars":
        view.add_item(ReviewButton(act, fact_id, language))
    return view


def candidate_embed(record: FactRecord, language: str, remaining: int | None = None) -> discord.Embed:
    title = say(language, "candidate_title", id=record.id, confidence=f"{record.state.confidence:.2f}")
    embed = fact_embed(record, title, language)
    if remaining is not None:
        embed.set_footer(text=say(language, "waiting", footer=embed.footer.text, count=remaining))
    return embed


class ReviewButton(Component, template=r"review:(?P<act>[ars]):(?P<id>\d+)"):
    LABELS = {"a": ("approve", discord.ButtonStyle.success), "r": ("reject", discord.ButtonStyle.danger),
              "s": ("next", discord.ButtonStyle.secondary)}

    def __init__(self, act: str, fact_id: int, language: str = "en") -> None:
        label, style = self.LABELS[act]
        super().__init__(discord.ui.Button(label=say(language, label), style=style,
                                           custom_id=f"review:{act}:{fact_id}"))
        self.act, self.fact_id = act, fact_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str]) -> ReviewButton:
        return cls(match["act"], int(match["id"]), language_of(interaction.locale))

    async def run(self, interaction: discord.Interaction) -> None:
        if await refuse_unless_moderator(interaction):
            return
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        language = language_of(interaction.locale)
        who = actor(interaction.user)
        note = ""
        if self.act in {"a", "r"}:
            action = bot.kb.approve if self.act == "a" else bot.kb.reject
            note = (await bot.run_db(action, [self.fact_id], who, "reviewed in Discord"))[0].message
        waiting = await bot.run_db(bot.kb.pending, 200)
        later = [r for r in waiting if r.id > self.fact_id] or waiting
        if not later:
            done = f"{note}\n{say(language, 'no_more_candidates')}".strip()
            await interaction.response.edit_message(content=message_text(done), embed=None, view=None)
            return
        await interaction.response.edit_message(content=message_text(note) if note else None,
                                                embed=candidate_embed(later[0], language, len(waiting)),
                                                view=review_view(later[0].id, language))


async def ingest_for_review(interaction: discord.Interaction, body: str, meta: ArticleMeta) -> None:
    """Read an article into candidate facts and show each to the moderator with its review buttons, privately
    (/kb ingest, and the "Ingest as article" menu on a message); the moderator was checked, and the interaction
    deferred (privately), already."""
    bot: LayoffBot = interaction.client  # type: ignore[assignment]
    shown = language_of(interaction.locale)
    report = await bot.run_db(bot.kb.ingest, body, meta, actor(interaction.user))
    logs.for_interaction(log, interaction).info("ingested %s: %d candidates", meta.url, len(report.candidates))
    if not report.candidates:
        await interaction.followup.send(message_text(say(shown, "no_candidates")), ephemeral=True)
        return
    await interaction.followup.send(message_text(Markup(
        say(shown, "candidates_waiting", count=len(report.candidates), link=link(meta.url)))), ephemeral=True)
    for fact_id, _ in report.candidates[:10]:
        record = await bot.run_db(bot.kb.fact, fact_id)
        await interaction.followup.send(embed=candidate_embed(record, shown), view=review_view(fact_id, shown),
                                        ephemeral=True)
    if len(report.candidates) > 10:
        await interaction.followup.send(message_text(say(shown, "candidates_more", count=len(report.candidates) - 10)),
                                        ephemeral=True)


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class KnowledgeAdmin(commands.GroupCog, group_name="kb",
                     group_description="Moderators: bring facts in and review them"):
    """Hidden from members and DMs by Discord; the check below still runs on every use."""

    def __init__(self, bot: LayoffBot) -> None:
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return check_moderator(interaction)

    async def _read(self, attachment: discord.Attachment, suffixes: tuple[str, ...], language: str) -> bytes:
        limit = self.bot.settings.discord.max_attachment_bytes
        if attachment.size > limit:
            raise InvalidInput(say(language, "file_too_large", name=attachment.filename, size=f"{attachment.size:,}",
                                   limit=f"{limit:,}"))
        if not attachment.filename.lower().endswith(suffixes):
            raise InvalidInput(say(language, "wrong_file", kinds=f" {say(language, 'or')} ".join(suffixes),
                                   name=attachment.filename))
        return await attachment.read()

    @app_commands.command(name="import", description="Import a layoff tracker's CSV export")
    @app_commands.describe(file="The CSV file")
    async def import_(self, interaction: discord.Interaction, file: discord.Attachment) -> None:
        language = language_of(interaction.locale)
        data = await self._read(file, (".csv",), language)
        await interaction.response.defer(ephemeral=True, thinking=True)
        name = Path(file.filename).name
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            # In a child process, so the import's CPU time never holds the bot's GIL. Measured with
            # benchmarks.load: in a thread, a 4,411-row import took 8 s and lifted the p99 of answers given
            # meanwhile to ~0.9 s; in a child process it takes ~2 s and p99 stays under 100 ms.
            report = await self.bot.run_db(self.bot.kb.import_file, path,
                                           max_rows=self.bot.settings.discord.max_import_rows, isolated=True)
        logs.for_interaction(log, interaction).info("imported %s: %d added, %d updated", name, report.added,
                                                    report.updated)
        embed = discord.Embed(title=truncate(say(language, "imported", name=safe(name)), 256), colour=MODERATION,
                              description=truncate(safe(report.summary()), 4000))
        await interaction.followup.send(embed=fit(embed), ephemeral=True)

    @app_commands.command(name="ingest", description="Extract facts from a news article for review")
    @app_commands.describe(url="The article's link (fetched when no text or file is given)",
                           publisher="Who published it (default: the page's site name)",
                           published="Publication date, YYYY-MM-DD (default: the page's date)",
                           language="The article's language (default: the page's)",
                           file="The article as a text file", text="Or the article's text, pasted",
                           title="The article's title")
    async def ingest(self, interaction: discord.Interaction, url: app_commands.Range[str, 1, 2000],
                     publisher: app_commands.Range[str, 1, 200] | None = None,
                     published: app_commands.Range[str, 8, 10] | None = None,
                     language: Literal["en", "fr"] | None = None, file: discord.Attachment | None = None,
                     text: app_commands.Range[str, 1, 4000] | None = None,
                     title: app_commands.Range[str, 1, 500] | None = None) -> None:
        shown = language_of(interaction.locale)
        check_url(url)
        day = None
        if published is not None:
            try:
                day = date.fromisoformat(published)
            except ValueError:
                raise InvalidInput(say(shown, "not_a_date", value=repr(published))) from None
        if file is not None and text is not None:
            raise InvalidInput(say(shown, "article_one_of"))
        body = None
        if file is not None:
            body = (await self._read(file, (".txt", ".md"), shown)).decode("utf-8", "replace")
        elif text is not None:
            body = text
        if body is not None and (day is None or language is None):
            raise InvalidInput(say(shown, "article_needs_date"))
        await interaction.response.defer(ephemeral=True, thinking=True)
        if body is None:
            # the page is fetched in a thread, bounded by [articles] fetch_timeout: the bot keeps answering
            stated = Stated(title=title, publisher=publisher, published=day, language=language)
            meta, body = await asyncio.to_thread(fetch_article, url, stated, self.bot.settings.pages)
        else:
            assert day is not None and language is not None
            meta = ArticleMeta(url=url, title=title, publisher=publisher, published=day, language=language)
        assert body is not None  # fetched, or given
        await ingest_for_review(interaction, body, meta)

    @app_commands.command(name="review", description="Candidate facts waiting for review")
    async def review(self, interaction: discord.Interaction) -> None:
        language = language_of(interaction.locale)
        waiting = await self.bot.run_db(self.bot.kb.pending, 200)
        if not waiting:
            await reply_privately(interaction, say(language, "none_waiting"))
            return
        await interaction.response.send_message(embed=candidate_embed(waiting[0], language, len(waiting)),
                                                view=review_view(waiting[0].id, language), ephemeral=True)

    @app_commands.command(name="export", description="Download every fact, source and revision")
    async def export(self, interaction: discord.Interaction) -> None:
        """Everything every server shares, and only this server's questions and votes."""
        language = language_of(interaction.locale)
        await interaction.response.defer(ephemeral=True, thinking=True)
        payload = (await self.bot.run_db(self.bot.kb.export_json, None, str(interaction.guild_id))).encode("utf-8")
        name = f"layoffbot-export-{date.today().isoformat()}.json"
        if len(payload) > MAX_FILE:
            payload, name = gzip.compress(payload), name + ".gz"
        if len(payload) > MAX_FILE:
            await interaction.followup.send(message_text(Markup(say(language, "export_too_large"))), ephemeral=True)
            return
        await interaction.followup.send(message_text(Markup(say(language, "export_done", size=f"{len(payload):,}"))),
            file=discord.File(io.BytesIO(payload), filename=name), ephemeral=True)

    @app_commands.command(name="unanswered", description="Questions the bot declined or got a 👎")
    @app_commands.describe(days="How many days back")
    async def unanswered_(self, interaction: discord.Interaction,
                          days: app_commands.Range[int, 1, 365] = 30) -> None:
        language = language_of(interaction.locale)
        groups = await self.bot.run_db(self.bot.kb.unanswered, days, 15, str(interaction.guild_id))
        embed = discord.Embed(title=say(language, "unanswered_title", days=days), colour=ANSWERED)
        if not groups:
            embed.description = say(language, "unanswered_none")
        for group in groups:
            embed.add_field(name=truncate(safe(group.example), 256), inline=False,
                            value=say(language, "unanswered_line", count=group.count, why=group.why,
                                      day=f"{group.last:%Y-%m-%d}"))
        await interaction.response.send_message(embed=fit(embed), ephemeral=True)


async def setup(bot: LayoffBot) -> None:
    bot.add_dynamic_items(ReviewButton)
    await bot.add_cog(KnowledgeAdmin(bot))
