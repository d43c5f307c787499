"""Moderators keep the facts right: /fact add, edit, retract, restore, history, undo (each `id:` offers the recent
facts matching what is typed, "#123 Amazon, 18,000, Jan 2023").

Every action checks the moderator's permission where it is carried out (the
command, the confirm button, the modal submit), saves against the version
the moderator saw (a concurrent change is refused, never overwritten),
records who and why in the fact's history; the knowledge base announces
the change, and the audit channel (bot.discord.audit) posts it.
"""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands
from discord.utils import MISSING

from bot.discord import logs
from bot.discord.checks import NotModerator, actor, refusal
from bot.discord.client import LayoffBot
from bot.discord.errors import Component, Form, reply_privately
from bot.discord.i18n import either, language_of, text
from bot.discord.messages import plain, safe
from bot.discord.render import fact_embed, fit, history_embed, truncate
from knowledge import FactRecord, FactStatus, draft_from_form, edit_from_form, form_values

log = logging.getLogger(__name__)
HISTORY_PAGE = 8
LIVE_OR_WAITING = (FactStatus.ACTIVE, FactStatus.PENDING, FactStatus.RETRACTED)  # what an edit or an undo acts on


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


class FactModal(Form):
    """The fact form: adding (empty) or editing (pre-filled, saved against the version shown)."""

    def __init__(self, record: FactRecord | None = None, language: str = "en") -> None:
        title = text(language, "form_edit", id=record.id, version=record.version) if record else \
            text(language, "form_add")
        # discord.py keys open modals by custom_id: a nonce keeps two moderators' forms apart
        nonce = uuid.uuid4().hex[:10]
        super().__init__(title=title[:45], timeout=900,
                         custom_id=f"fact-form:{record.id}:{record.version}:{nonce}" if record else
                         f"fact-form:new:{nonce}")
        values = form_values(record) if record else {}
        self.record = record
        self.language = language
        self.company: discord.ui.TextInput[FactModal] = discord.ui.TextInput(
            label=text(language, "form_company"), required=False, max_length=200, default=values.get("company"))
        self.figure: discord.ui.TextInput[FactModal] = discord.ui.TextInput(
            label=text(language, "form_figure"), required=False, max_length=100, default=values.get("figure"),
            placeholder=text(language, "form_figure_hint"))
        self.when: discord.ui.TextInput[FactModal] = discord.ui.TextInput(
            label=text(language, "form_when"), max_length=60, default=values.get("when"),
            placeholder=text(language, "form_when_hint"))
        self.summary: discord.ui.TextInput[FactModal] = discord.ui.TextInput(
            label=text(language, "form_summary"), style=discord.TextStyle.paragraph, max_length=500,
            default=values.get("summary"))
        self.source: discord.ui.TextInput[FactModal] = discord.ui.TextInput(
            label=text(language, "form_source"), max_length=600, default=values.get("source"),
            placeholder=text(language, "form_source_hint"))
        for item in (self.company, self.figure, self.when, self.summary, self.source):
            self.add_item(item)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        if await refuse_unless_moderator(interaction):
            return
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        language = language_of(interaction.locale)
        who = actor(interaction.user)
        fields = (self.company.value, self.figure.value, self.when.value, self.summary.value, self.source.value)
        if self.record is None:
            change = await bot.run_db(bot.kb.add, draft_from_form(*fields), who, "added with /fact add")
            title = text(language, "fact_added", id=change.fact_id)
        else:
            edit = edit_from_form(self.record, *fields)
            change = await bot.run_db(bot.kb.edit, self.record.id, edit.state, who, "edited with /fact edit",
                                      self.record.version, edit.sources)
            title = text(language, "fact_saved", id=change.fact_id)
        await interaction.response.send_message(embed=fact_embed(change.record, title, language), ephemeral=True)
        logs.for_interaction(log, interaction).info("fact #%s %s by %s", change.fact_id,
                                                    "added" if self.record is None else "edited", who)

    def entries(self) -> str:
        """What was typed, so a refused form loses nothing: the moderator can copy it back."""
        items = zip(("form_company", "form_figure", "form_when", "form_summary", "form_source"),
                    (self.company, self.figure, self.when, self.summary, self.source), strict=True)
        return "\n".join(f"• {safe(text(self.language, key))}: {safe(item.value[:200])}"
                         for key, item in items if item.value)


class RetractButton(Component, template=r"fact:retract:(?P<id>\d+):(?P<version>\d+)"):
    """Confirms a retraction; the reason is read back from the confirmation message."""

    def __init__(self, fact_id: int, version: int, language: str = "en") -> None:
        super().__init__(discord.ui.Button(style=discord.ButtonStyle.danger, label=text(language, "retract"),
                                           custom_id=f"fact:retract:{fact_id}:{version}"))
        self.fact_id, self.version = fact_id, version

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str]) -> RetractButton:
        return cls(int(match["id"]), int(match["version"]))

    async def run(self, interaction: discord.Interaction) -> None:
        if await refuse_unless_moderator(interaction):
            return
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        language = language_of(interaction.locale)
        reason = None
        if interaction.message and interaction.message.embeds:
            for field in interaction.message.embeds[0].fields:
                if field.name in either("field_reason") and field.value:
                    reason = plain(field.value)
        change = await bot.run_db(bot.kb.retract, self.fact_id, actor(interaction.user), reason, self.version)
        await interaction.response.edit_message(
            embed=fact_embed(change.record, text(language, "fact_retracted", id=self.fact_id), language), view=None)


def history_pager(fact_id: int, page: int, count: int) -> discord.ui.View | None:
    pages = max(1, -(-count // HISTORY_PAGE))
    if pages <= 1:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(HistoryPage(fact_id, max(page - 1, 0), "p", disabled=page == 0))
    view.add_item(HistoryPage(fact_id, min(page + 1, pages - 1), "n", disabled=page >= pages - 1))
    return view


class HistoryPage(Component, template=r"hist:(?P<id>\d+):(?P<page>\d+):(?P<dir>[pn])"):
    def __init__(self, fact_id: int, page: int, direction: str, disabled: bool = False) -> None:
        super().__init__(discord.ui.Button(style=discord.ButtonStyle.secondary, disabled=disabled,
                                           emoji="◀️" if direction == "p" else "▶️",
                                           custom_id=f"hist:{fact_id}:{page}:{direction}"))
        self.fact_id, self.page = fact_id, page

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str]) -> HistoryPage:
        return cls(int(match["id"]), int(match["page"]), match["dir"])

    async def run(self, interaction: discord.Interaction) -> None:
        if await refuse_unless_moderator(interaction):
            return
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        revisions = await bot.run_db(bot.kb.history, self.fact_id)
        embed = history_embed(self.fact_id, revisions, self.page, HISTORY_PAGE, language_of(interaction.locale))
        await interaction.response.edit_message(embed=embed,
                                                view=history_pager(self.fact_id, self.page, len(revisions)))


def fact_choice(record: FactRecord, language: str) -> str:
    """How a fact is offered to a moderator picking it: "#123 Amazon, 18,000, Jan 2023" (and its status when it
    is not live)."""
    state = record.state
    what = state.figure(language) or truncate(state.summary, 40)
    day = state.announced or state.period_start
    when = f"{text(language, 'months').split()[day.month - 1]} {day.year}" if day else ""
    parts = [record.company or text(language, "whole_industry"), what, when]
    label = f"#{record.id} " + ", ".join(part for part in parts if part)
    if record.status != FactStatus.ACTIVE:
        label += f" · {text(language, f'status_{record.status}')}"
    return truncate(label, 100)


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Facts(commands.GroupCog, group_name="fact", group_description="Moderators: keep the facts right"):
    """Hidden from members and DMs by Discord; the check below still runs on every use."""

    def __init__(self, bot: LayoffBot) -> None:
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return check_moderator(interaction)

    @app_commands.command(name="add", description="Add a fact")
    async def add(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(FactModal(language=language_of(interaction.locale)))

    @app_commands.command(name="edit", description="Edit a fact")
    @app_commands.describe(id="The fact's number")
    async def edit(self, interaction: discord.Interaction, id: app_commands.Range[int, 1]) -> None:  # noqa: A002
        record = await self.bot.run_db(self.bot.kb.fact, id)
        await interaction.response.send_modal(FactModal(record, language_of(interaction.locale)))

    @app_commands.command(name="retract", description="Retract a fact (asks to confirm)")
    @app_commands.describe(id="The fact's number", reason="Why (kept in the history)")
    async def retract(self, interaction: discord.Interaction, id: app_commands.Range[int, 1],  # noqa: A002
                      reason: app_commands.Range[str, 1, 500]) -> None:
        language = language_of(interaction.locale)
        record = await self.bot.run_db(self.bot.kb.fact, id)
        embed = fact_embed(record, text(language, "retract_confirm", id=id), language)
        embed.add_field(name=text(language, "field_reason"), value=truncate(safe(reason), 1024), inline=False)
        view = discord.ui.View(timeout=None)
        view.add_item(RetractButton(record.id, record.version, language))
        await interaction.response.send_message(embed=fit(embed), view=view, ephemeral=True)

    @app_commands.command(name="restore", description="Restore a retracted fact")
    @app_commands.describe(id="The fact's number", reason="Why (kept in the history)")
    async def restore(self, interaction: discord.Interaction, id: app_commands.Range[int, 1],  # noqa: A002
                      reason: app_commands.Range[str, 1, 500] | None = None) -> None:
        language = language_of(interaction.locale)
        before = await self.bot.run_db(self.bot.kb.fact, id)
        change = await self.bot.run_db(self.bot.kb.restore, id, actor(interaction.user), reason, before.version)
        await interaction.response.send_message(
            embed=fact_embed(change.record, text(language, "fact_restored", id=id), language), ephemeral=True)

    @app_commands.command(name="undo", description="Return a fact to its previous version")
    @app_commands.describe(id="The fact's number", reason="Why (kept in the history)")
    async def undo(self, interaction: discord.Interaction, id: app_commands.Range[int, 1],  # noqa: A002
                   reason: app_commands.Range[str, 1, 500] | None = None) -> None:
        language = language_of(interaction.locale)
        before = await self.bot.run_db(self.bot.kb.fact, id)
        change = await self.bot.run_db(self.bot.kb.undo, id, actor(interaction.user), reason, before.version)
        await interaction.response.send_message(
            embed=fact_embed(change.record, text(language, "fact_undone", id=id), language), ephemeral=True)

    @app_commands.command(name="history", description="Every change to a fact")
    @app_commands.describe(id="The fact's number")
    async def history(self, interaction: discord.Interaction, id: app_commands.Range[int, 1]) -> None:  # noqa: A002
        revisions = await self.bot.run_db(self.bot.kb.history, id)
        view = history_pager(id, 0, len(revisions))
        embed = history_embed(id, revisions, 0, HISTORY_PAGE, language_of(interaction.locale))
        await interaction.response.send_message(embed=embed, ephemeral=True, view=view or MISSING)


    async def _choices(self, interaction: discord.Interaction, typed: object,
                       statuses: tuple[FactStatus, ...] = ()) -> list[app_commands.Choice[int]]:
        """Recent facts matching what the moderator typed (a number, or a company's name); nothing for anyone
        else (autocomplete runs no group check, so it is checked here)."""
        if refusal(interaction, self.bot.settings.discord) is not None:
            return []
        language = language_of(interaction.locale)
        records = await self.bot.run_db(self.bot.kb.recent_facts, str(typed or ""), statuses, 25)
        return [app_commands.Choice(name=fact_choice(record, language), value=record.id) for record in records]

    @edit.autocomplete("id")
    async def edit_ids(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[int]]:
        return await self._choices(interaction, current, LIVE_OR_WAITING)

    @retract.autocomplete("id")
    async def retract_ids(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[int]]:
        return await self._choices(interaction, current, (FactStatus.ACTIVE,))

    @restore.autocomplete("id")
    async def restore_ids(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[int]]:
        return await self._choices(interaction, current, (FactStatus.RETRACTED,))

    @undo.autocomplete("id")
    async def undo_ids(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[int]]:
        return await self._choices(interaction, current, LIVE_OR_WAITING)

    @history.autocomplete("id")
    async def history_ids(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[int]]:
        return await self._choices(interaction, current)


async def setup(bot: LayoffBot) -> None:
    bot.add_dynamic_items(RetractButton, HistoryPage)
    await bot.add_cog(Facts(bot))
