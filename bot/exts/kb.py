"""Moderators bring facts in and review them: /kb import, ingest, review, export, unanswered.

Imports and ingestion can take longer than Discord's 3-second window, so
they defer first and follow up.  Review buttons carry the candidate's id in
their custom_id and check the moderator's permission when clicked.
"""

from __future__ import annotations

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
from bot.discord.client import LayoffBot, reply_privately, user_message
from bot.discord.messages import Markup, message_text
from bot.discord.render import ANSWERED, MODERATION, fact_embed, fit, link, safe, truncate
from bot.exts.facts import check_moderator, refuse_unless_moderator
from knowledge import ArticleMeta, FactRecord, InvalidInput, check_url

log = logging.getLogger(__name__)
MAX_FILE = 8 * 1024 * 1024  # what a bot may upload to any server


def review_view(fact_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(ReviewButton("a", fact_id))
    view.add_item(ReviewButton("r", fact_id))
    view.add_item(ReviewButton("s", fact_id))
    return view


def candidate_embed(record: FactRecord, remaining: int | None = None) -> discord.Embed:
    embed = fact_embed(record, f"Candidate #{record.id} · confidence {record.state.confidence:.2f}")
    if remaining is not None:
        embed.set_footer(text=f"{embed.footer.text} · {remaining} waiting")
    return embed


class ReviewButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"review:(?P<act>[ars]):(?P<id>\d+)"):
    LABELS = {"a": ("Approve", discord.ButtonStyle.success), "r": ("Reject", discord.ButtonStyle.danger),
              "s": ("Next", discord.ButtonStyle.secondary)}

    def __init__(self, act: str, fact_id: int) -> None:
        label, style = self.LABELS[act]
        super().__init__(discord.ui.Button(label=label, style=style, custom_id=f"review:{act}:{fact_id}"))
        self.act, self.fact_id = act, fact_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button[Any],
                             match: re.Match[str]) -> ReviewButton:
        return cls(match["act"], int(match["id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        if await refuse_unless_moderator(interaction):
            return
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        who = actor(interaction.user)
        note = ""
        try:
            if self.act in {"a", "r"}:
                action = bot.kb.approve if self.act == "a" else bot.kb.reject
                note = (await bot.run_db(action, [self.fact_id], who, "reviewed in Discord"))[0].message
            waiting = await bot.run_db(bot.kb.pending, 200)
        except Exception as error:
            await reply_privately(interaction, user_message(error)[0])
            return
        later = [r for r in waiting if r.id > self.fact_id] or waiting
        if not later:
            await interaction.response.edit_message(content=message_text(f"{note}\nNo more candidates waiting."
                                                                         .strip()), embed=None, view=None)
            return
        await interaction.response.edit_message(content=message_text(note) if note else None,
                                                embed=candidate_embed(later[0], len(waiting)),
                                                view=review_view(later[0].id))


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class KnowledgeAdmin(commands.GroupCog, group_name="kb",
                     group_description="Moderators: bring facts in and review them"):
    """Hidden from members and DMs by Discord; the check below still runs on every use."""

    def __init__(self, bot: LayoffBot) -> None:
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:  # type: ignore[override]
        return check_moderator(interaction)

    async def _read(self, attachment: discord.Attachment, suffixes: tuple[str, ...]) -> bytes:
        limit = self.bot.settings.discord.max_attachment_bytes
        if attachment.size > limit:
            raise InvalidInput(f"{attachment.filename} is {attachment.size:,} bytes; the limit is {limit:,}.")
        if not attachment.filename.lower().endswith(suffixes):
            raise InvalidInput(f"Expected a {' or '.join(suffixes)} file, got {attachment.filename}.")
        return await attachment.read()

    @app_commands.command(name="import", description="Import a layoff tracker's CSV export")
    @app_commands.describe(file="The CSV file")
    async def import_(self, interaction: discord.Interaction, file: discord.Attachment) -> None:
        data = await self._read(file, (".csv",))
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
        embed = discord.Embed(title=truncate(f"Imported {safe(name)}", 256), colour=MODERATION,
                              description=truncate(safe(report.summary()), 4000))
        await interaction.followup.send(embed=fit(embed), ephemeral=True)

    @app_commands.command(name="ingest", description="Extract facts from a news article for review")
    @app_commands.describe(url="The article's link", publisher="Who published it",
                           published="Publication date, YYYY-MM-DD", language="The article's language",
                           file="The article as a text file", text="Or the article's text, pasted",
                           title="The article's title")
    async def ingest(self, interaction: discord.Interaction, url: app_commands.Range[str, 1, 2000],
                     publisher: app_commands.Range[str, 1, 200], published: app_commands.Range[str, 8, 10],
                     language: Literal["en", "fr"], file: discord.Attachment | None = None,
                     text: app_commands.Range[str, 1, 4000] | None = None,
                     title: app_commands.Range[str, 1, 500] | None = None) -> None:
        check_url(url)
        try:
            day = date.fromisoformat(published)
        except ValueError:
            raise InvalidInput(f"{published!r} is not a date: use YYYY-MM-DD, e.g. 2024-04-03.") from None
        if (file is None) == (text is None):
            raise InvalidInput("Give the article either as a text file or as pasted text (one of the two).")
        body = text if text is not None else (await self._read(file, (".txt", ".md"))).decode("utf-8", "replace")  # type: ignore[arg-type]
        await interaction.response.defer(ephemeral=True, thinking=True)
        meta = ArticleMeta(url=url, title=title, publisher=publisher, published=day, language=language)
        report = await self.bot.run_db(self.bot.kb.ingest, body, meta, actor(interaction.user))
        logs.for_interaction(log, interaction).info("ingested %s: %d candidates", url, len(report.candidates))
        if not report.candidates:
            await interaction.followup.send(message_text("I found no layoff facts in that article. Nothing was "
                                                         "added."), ephemeral=True)
            return
        await interaction.followup.send(message_text(Markup(
            f"{len(report.candidates)} candidate fact(s) from {link(url)} are waiting for review. Approve or reject "
            f"each:")), ephemeral=True)
        for fact_id, _ in report.candidates[:10]:
            record = await self.bot.run_db(self.bot.kb.fact, fact_id)
            await interaction.followup.send(embed=candidate_embed(record), view=review_view(fact_id), ephemeral=True)
        if len(report.candidates) > 10:
            await interaction.followup.send(message_text(f"…and {len(report.candidates) - 10} more: use /kb review."),
                                            ephemeral=True)

    @app_commands.command(name="review", description="Candidate facts waiting for review")
    async def review(self, interaction: discord.Interaction) -> None:
        waiting = await self.bot.run_db(self.bot.kb.pending, 200)
        if not waiting:
            await reply_privately(interaction, "No candidate facts are waiting for review.")
            return
        await interaction.response.send_message(embed=candidate_embed(waiting[0], len(waiting)),
                                                view=review_view(waiting[0].id), ephemeral=True)

    @app_commands.command(name="export", description="Download every fact, source and revision")
    async def export(self, interaction: discord.Interaction) -> None:
        """Everything every server shares, and only this server's questions and votes."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        payload = (await self.bot.run_db(self.bot.kb.export_json, None, str(interaction.guild_id))).encode("utf-8")
        name = f"layoffbot-export-{date.today().isoformat()}.json"
        if len(payload) > MAX_FILE:
            payload, name = gzip.compress(payload), name + ".gz"
        if len(payload) > MAX_FILE:
            await interaction.followup.send(message_text(Markup(
                "The export is too large for Discord; run `python -m bot kb export` on the server instead.")),
                ephemeral=True)
            return
        await interaction.followup.send(message_text(Markup(
            f"Every company, source, fact and revision, and this server's questions and votes ({len(payload):,} "
            f"bytes). Restore with `python -m bot kb import FILE --format json`.")),
            file=discord.File(io.BytesIO(payload), filename=name), ephemeral=True)

    @app_commands.command(name="unanswered", description="Questions the bot declined or got a 👎")
    @app_commands.describe(days="How many days back")
    async def unanswered_(self, interaction: discord.Interaction,
                          days: app_commands.Range[int, 1, 365] = 30) -> None:
        groups = await self.bot.run_db(self.bot.kb.unanswered, days, 15, str(interaction.guild_id))
        embed = discord.Embed(title=f"Unanswered in the last {days} day(s)", colour=ANSWERED)
        if not groups:
            embed.description = "Nothing: every question got an answer nobody disliked."
        for group in groups:
            embed.add_field(name=truncate(safe(group.example), 256),
                            value=f"{group.count}× · {group.why} · last {group.last:%Y-%m-%d}", inline=False)
        await interaction.response.send_message(embed=fit(embed), ephemeral=True)


async def setup(bot: LayoffBot) -> None:
    bot.add_dynamic_items(ReviewButton)
    await bot.add_cog(KnowledgeAdmin(bot))
