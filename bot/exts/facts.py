"""Moderators keep the facts right: /fact add, edit, retract, restore, history, undo.

Every action checks the moderator's permission where it is carried out (the
command, the confirm button, the modal submit), saves against the version
the moderator saw (a concurrent change is refused, never overwritten),
records who and why in the fact's history, and is posted to the audit
channel.
"""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import logs
from bot.checks import NotModerator, actor, refusal
from bot.client import LayoffBot, reply_privately, user_message
from bot.embeds import MODERATION, fact_embed, fit, history_embed, link, safe, truncate
from bot.messages import Markup, escaped, plain
from knowledge.intake.forms import changes_from_form, draft_from_form, form_values
from knowledge.storage.store import FactRecord
from knowledge.types import FactStatus

log = logging.getLogger(__name__)


async def refuse_unless_moderator(interaction: discord.Interaction) -> bool:
    """True (and a polite private refusal) when the user may not act as a moderator here."""
    bot: LayoffBot = interaction.client  # type: ignore[assignment]
    why = refusal(interaction, bot.settings.discord)
    if why is None:
        return False
    logs.for_interaction(log, interaction).warning("refused a non-moderator")
    await reply_privately(interaction, why)
    return True


def check_moderator(interaction: discord.Interaction) -> bool:
    """The moderator groups' check: passes, or raises with the refusal the tree's error handler shows."""
    bot: LayoffBot = interaction.client  # type: ignore[assignment]
    why = refusal(interaction, bot.settings.discord)
    if why is not None:
        logs.for_interaction(log, interaction).warning("refused a non-moderator")
        raise NotModerator(why)
    return True


async def post_audit(bot: LayoffBot, interaction: discord.Interaction, embed: discord.Embed) -> None:
    """Post to the audit channel, naming who acted; a missing channel or a refused post is logged, not raised."""
    channel_id = bot.settings.discord.audit_channel_id
    if not channel_id:
        return
    channel = bot.get_channel(channel_id)
    if not isinstance(channel, discord.abc.Messageable):
        logs.for_interaction(log, interaction).warning("audit channel %s not found", channel_id)
        return
    embed.insert_field_at(0, name="Who", value=f"{interaction.user.mention} ({safe(interaction.user.name)})",
                          inline=True)
    try:
        await channel.send(embed=fit(embed), allowed_mentions=discord.AllowedMentions.none())
    except discord.HTTPException:
        logs.for_interaction(log, interaction).warning("could not post to the audit channel", exc_info=True)


async def audit(bot: LayoffBot, interaction: discord.Interaction, title: str, record: FactRecord,
                before: dict[str, Any] | None = None, why: str | None = None) -> None:
    """Post a change to a fact: who, what, before and after."""
    embed = discord.Embed(title=truncate(f"{title} · fact #{record.id}", 256), colour=MODERATION)
    embed.add_field(name="Version", value=f"v{record.version} · {record.status}", inline=True)
    if why:
        embed.add_field(name="Why", value=truncate(safe(why), 1024), inline=False)
    after = record.state
    changed = {k: (before.get(k), v) for k, v in after.items() if before is not None and before.get(k) != v}
    if changed:
        embed.add_field(name="Before", value=truncate("\n".join(f"{k}: {safe(str(b))}" for k, (b, _) in
                                                                 changed.items()), 1024), inline=True)
        embed.add_field(name="After", value=truncate("\n".join(f"{k}: {safe(str(a))}" for k, (_, a) in
                                                                changed.items()), 1024), inline=True)
    else:
        embed.add_field(name="Fact", value=truncate(safe(after.get("summary") or ""), 1024), inline=False)
    source = link(next((s.url for s, _ in record.sources if s.url), None))  # the host it opens, as everywhere
    embed.add_field(name="Open", value=f"`/fact history id:{record.id}`" + (f" · {source}" if source else ""),
                    inline=False)
    await post_audit(bot, interaction, embed)


class FactModal(discord.ui.Modal):
    """The fact form: adding (empty) or editing (pre-filled, saved against the version shown)."""

    def __init__(self, record: FactRecord | None = None) -> None:
        title = f"Edit fact #{record.id} (v{record.version})" if record else "Add a fact"
        # discord.py keys open modals by custom_id: a nonce keeps two moderators' forms apart
        nonce = uuid.uuid4().hex[:10]
        super().__init__(title=title[:45], timeout=900,
                         custom_id=f"fact-form:{record.id}:{record.version}:{nonce}" if record else
                         f"fact-form:new:{nonce}")
        values = form_values(record) if record else {}
        self.record = record
        self.company = discord.ui.TextInput(label="Company (empty: the whole industry)", required=False,
                                            max_length=200, default=values.get("company"))
        self.figure = discord.ui.TextInput(label="Figure, e.g. more than 27,000 (13%)", required=False,
                                           max_length=100, default=values.get("figure"),
                                           placeholder="several hundred · about 10,000 · 6% · 1,200 (5%)")
        self.when = discord.ui.TextInput(label="When: a date or a period", max_length=60, default=values.get("when"),
                                         placeholder="2023-01-04 · January 2023 · 2022-2023 · Q1 2024")
        self.summary = discord.ui.TextInput(label="Summary, in your own words", style=discord.TextStyle.paragraph,
                                            max_length=500, default=values.get("summary"))
        self.source = discord.ui.TextInput(label="Source: link | publisher", max_length=600,
                                           default=values.get("source"),
                                           placeholder="https://example.com/article | Example News")
        for item in (self.company, self.figure, self.when, self.summary, self.source):
            self.add_item(item)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        if await refuse_unless_moderator(interaction):
            return
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        who = actor(interaction.user)
        fields = (self.company.value, self.figure.value, self.when.value, self.summary.value, self.source.value)
        if self.record is None:
            draft = draft_from_form(*fields)
            fact_id = await bot.run_db(bot.kb.store.add_fact, draft, who, "added with /fact add")
            record = await bot.run_db(bot.kb.store.get_fact, fact_id)
            await bot.changed()
            await interaction.response.send_message(embed=fact_embed(record, f"Fact #{fact_id} added"), ephemeral=True)
            await audit(bot, interaction, "Fact added", record)
        else:
            changes = changes_from_form(self.record, *fields)
            record = await bot.run_db(bot.kb.store.edit_fact, self.record.id, changes, who, "edited with /fact edit",
                                      self.record.version)
            await bot.changed()
            await interaction.response.send_message(embed=fact_embed(record, f"Fact #{record.id} saved"),
                                                    ephemeral=True)
            await audit(bot, interaction, "Fact edited", record, before=self.record.state)
        logs.for_interaction(log, interaction).info("fact #%s %s by %s", record.id,
                                                    "added" if self.record is None else "edited", who)

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        text, _ = user_message(error)
        names = ("Company", "Figure", "When", "Summary", "Source")
        entries = zip(names, (self.company, self.figure, self.when, self.summary, self.source), strict=True)
        await reply_privately(interaction, Markup(escaped(text) + "\nYour entries were:\n" + "\n".join(
            f"• {name}: {safe(item.value[:200])}" for name, item in entries if item.value)))


class RetractButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                    template=r"fact:retract:(?P<id>\d+):(?P<version>\d+)"):
    """Confirms a retraction; the reason is read back from the confirmation message."""

    def __init__(self, fact_id: int, version: int) -> None:
        super().__init__(discord.ui.Button(style=discord.ButtonStyle.danger, label="Retract",
                                           custom_id=f"fact:retract:{fact_id}:{version}"))
        self.fact_id, self.version = fact_id, version

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button[Any],
                             match: re.Match[str]) -> RetractButton:
        return cls(int(match["id"]), int(match["version"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        if await refuse_unless_moderator(interaction):
            return
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        reason = None
        if interaction.message and interaction.message.embeds:
            for field in interaction.message.embeds[0].fields:
                if field.name == "Reason":
                    reason = plain(field.value)
        try:
            before = await bot.run_db(bot.kb.store.get_fact, self.fact_id)
            record = await bot.run_db(bot.kb.store.set_status, self.fact_id, FactStatus.RETRACTED, "retract",
                                      actor(interaction.user), reason, self.version, (FactStatus.ACTIVE,))
        except Exception as error:
            await reply_privately(interaction, user_message(error)[0])
            return
        await bot.changed()
        await interaction.response.edit_message(embed=fact_embed(record, f"Fact #{record.id} retracted"), view=None)
        await audit(bot, interaction, "Fact retracted", record, before=before.state, why=reason)


HISTORY_PAGE = 8


def history_pager(fact_id: int, page: int, count: int) -> discord.ui.View | None:
    pages = max(1, -(-count // HISTORY_PAGE))
    if pages <= 1:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(HistoryPage(fact_id, max(page - 1, 0), "p", disabled=page == 0))
    view.add_item(HistoryPage(fact_id, min(page + 1, pages - 1), "n", disabled=page >= pages - 1))
    return view


class HistoryPage(discord.ui.DynamicItem[discord.ui.Button[Any]],
                  template=r"hist:(?P<id>\d+):(?P<page>\d+):(?P<dir>[pn])"):
    def __init__(self, fact_id: int, page: int, direction: str, disabled: bool = False) -> None:
        super().__init__(discord.ui.Button(style=discord.ButtonStyle.secondary, disabled=disabled,
                                           emoji="◀️" if direction == "p" else "▶️",
                                           custom_id=f"hist:{fact_id}:{page}:{direction}"))
        self.fact_id, self.page = fact_id, page

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button[Any],
                             match: re.Match[str]) -> HistoryPage:
        return cls(int(match["id"]), int(match["page"]), match["dir"])

    async def callback(self, interaction: discord.Interaction) -> None:
        if await refuse_unless_moderator(interaction):
            return
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        revisions = await bot.run_db(bot.kb.store.history, self.fact_id)
        await interaction.response.edit_message(embed=history_embed(self.fact_id, revisions, self.page,
                                                                    HISTORY_PAGE),
                                                view=history_pager(self.fact_id, self.page, len(revisions)))


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Facts(commands.GroupCog, group_name="fact", group_description="Moderators: keep the facts right"):
    """Hidden from members and DMs by Discord; the check below still runs on every use."""

    def __init__(self, bot: LayoffBot) -> None:
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:  # type: ignore[override]
        return check_moderator(interaction)

    @app_commands.command(name="add", description="Add a fact")
    async def add(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(FactModal())

    @app_commands.command(name="edit", description="Edit a fact")
    @app_commands.describe(id="The fact's number")
    async def edit(self, interaction: discord.Interaction, id: app_commands.Range[int, 1]) -> None:  # noqa: A002
        record = await self.bot.run_db(self.bot.kb.store.get_fact, id)
        await interaction.response.send_modal(FactModal(record))

    @app_commands.command(name="retract", description="Retract a fact (asks to confirm)")
    @app_commands.describe(id="The fact's number", reason="Why (kept in the history)")
    async def retract(self, interaction: discord.Interaction, id: app_commands.Range[int, 1],  # noqa: A002
                      reason: app_commands.Range[str, 1, 500]) -> None:
        record = await self.bot.run_db(self.bot.kb.store.get_fact, id)
        embed = fact_embed(record, f"Retract fact #{id}?")
        embed.add_field(name="Reason", value=truncate(safe(reason), 1024), inline=False)
        view = discord.ui.View(timeout=None)
        view.add_item(RetractButton(record.id, record.version))
        await interaction.response.send_message(embed=fit(embed), view=view, ephemeral=True)

    @app_commands.command(name="restore", description="Restore a retracted fact")
    @app_commands.describe(id="The fact's number", reason="Why (kept in the history)")
    async def restore(self, interaction: discord.Interaction, id: app_commands.Range[int, 1],  # noqa: A002
                      reason: app_commands.Range[str, 1, 500] | None = None) -> None:
        before = await self.bot.run_db(self.bot.kb.store.get_fact, id)
        record = await self.bot.run_db(self.bot.kb.store.set_status, id, FactStatus.ACTIVE, "restore",
                                       actor(interaction.user), reason, before.version, (FactStatus.RETRACTED,))
        await self.bot.changed()
        await interaction.response.send_message(embed=fact_embed(record, f"Fact #{id} restored"), ephemeral=True)
        await audit(self.bot, interaction, "Fact restored", record, before=before.state, why=reason)

    @app_commands.command(name="undo", description="Return a fact to its previous version")
    @app_commands.describe(id="The fact's number", reason="Why (kept in the history)")
    async def undo(self, interaction: discord.Interaction, id: app_commands.Range[int, 1],  # noqa: A002
                   reason: app_commands.Range[str, 1, 500] | None = None) -> None:
        before = await self.bot.run_db(self.bot.kb.store.get_fact, id)
        record = await self.bot.run_db(self.bot.kb.store.undo, id, actor(interaction.user), reason, before.version)
        await self.bot.changed()
        await interaction.response.send_message(embed=fact_embed(record, f"Fact #{id} is back to its previous state"),
                                                ephemeral=True)
        await audit(self.bot, interaction, "Fact change undone", record, before=before.state, why=reason)

    @app_commands.command(name="history", description="Every change to a fact")
    @app_commands.describe(id="The fact's number")
    async def history(self, interaction: discord.Interaction, id: app_commands.Range[int, 1]) -> None:  # noqa: A002
        revisions = await self.bot.run_db(self.bot.kb.store.history, id)
        view = history_pager(id, 0, len(revisions))
        await interaction.response.send_message(embed=history_embed(id, revisions, 0), ephemeral=True,
                                                **({"view": view} if view else {}))


async def setup(bot: LayoffBot) -> None:
    bot.add_dynamic_items(RetractButton, HistoryPage)
    await bot.add_cog(Facts(bot))
