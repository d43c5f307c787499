"""Hearing of new facts: /watch company, /watch industry, /watch list, /unwatch, and servers' /feed channel.

A member's watches are theirs, wherever they asked (a server or a DM): every answer here is private.  The news
itself is sent by the courier this extension starts (`bot.discord.news`), whichever process made the change.
A server's feed channel is that server's setting: its administrators choose it, and turn it off with the
button `/feed` shows (a persistent button that checks who clicks it again).
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import logs
from bot.discord.checks import server_refusal
from bot.discord.client import LayoffBot
from bot.discord.errors import Component, reply_privately
from bot.discord.i18n import language_of, text
from bot.discord.messages import Markup, message_text, safe
from bot.discord.news import Courier
from bot.discord.render import ANSWERED, fit
from knowledge import Watched, WatchKind, WatchView

log = logging.getLogger(__name__)
EVERYTHING = "all"


def watch_name(watch: WatchView, language: str) -> str:
    return watch.name if watch.kind == WatchKind.COMPANY else text(language, "watch_industry", name=watch.name)


class FeedOffButton(Component, template=r"feed:off:(?P<guild>\d+):(?P<channel>\d+)"):
    """Turns a server's feed off; only for those who may choose it, and only in that server."""

    def __init__(self, guild_id: int, channel_id: int, language: str = "en") -> None:
        super().__init__(discord.ui.Button(style=discord.ButtonStyle.danger, label=text(language, "feed_off"),
                                           custom_id=f"feed:off:{guild_id}:{channel_id}"))
        self.guild_id, self.channel_id = guild_id, channel_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str]) -> FeedOffButton:
        return cls(int(match["guild"]), int(match["channel"]))

    async def run(self, interaction: discord.Interaction) -> None:
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        language = language_of(interaction.locale, bot.kb.settings.default_language)
        why = server_refusal(interaction, bot.settings.discord)
        if why is None and interaction.guild_id != self.guild_id:  # another server's button, replayed here
            why = text(language, "feed_refused")
        if why is not None:
            await reply_privately(interaction, why)
            return
        ended = await bot.run_db(bot.kb.clear_feed, self.guild_id)
        logs.for_interaction(log, interaction).info("feed turned off: %s", ended)
        said = text(language, "feed_turned_off", channel=f"<#{self.channel_id}>") if ended else \
            text(language, "feed_was_off")
        await interaction.response.edit_message(content=message_text(Markup(said)), view=None)


class Watching(commands.Cog):
    watch = app_commands.Group(name="watch",
                               description="Hear of new facts about a company or an industry, by direct message")

    def __init__(self, bot: LayoffBot) -> None:
        self.bot = bot
        self.courier = Courier(bot)

    async def cog_load(self) -> None:
        self.bot.kb.subscribe(self.courier.wake)
        self.courier.start()

    async def cog_unload(self) -> None:
        await self.courier.stop()

    def language(self, interaction: discord.Interaction) -> str:
        return language_of(interaction.locale, self.bot.kb.settings.default_language)

    async def _watch(self, interaction: discord.Interaction, kind: WatchKind, name: str, *,
                     company_id: int | None = None, industry: str | None = None) -> None:
        language = self.language(interaction)
        limit = self.bot.settings.discord.max_watches
        watched = await self.bot.run_db(self.bot.kb.watch, interaction.user.id, kind, company_id=company_id,
                                        industry=industry, language=language, limit=limit)
        logs.for_interaction(log, interaction).info("watch %s: %s", kind, watched)
        shown = name if kind == WatchKind.COMPANY else text(language, "watch_industry", name=name)
        if watched == Watched.ADDED:
            key = "watch_added_company" if kind == WatchKind.COMPANY else "watch_added_industry"
            said = Markup(text(language, key, name=safe(name)))
        elif watched == Watched.ALREADY:
            said = Markup(text(language, "watch_already", name=safe(shown)))
        else:
            said = Markup(text(language, "watch_full", count=limit))
        await reply_privately(interaction, said)

    @watch.command(name="company", description="A direct message when a new fact about this company is added")
    @app_commands.describe(name="The company")
    async def company(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 200]) -> None:
        found = self.bot.kb.find_company(name)
        if found is None:
            await reply_privately(interaction, text(self.language(interaction), "unknown_company", name=name[:100]))
            return
        await self._watch(interaction, WatchKind.COMPANY, found[1], company_id=found[0])

    @company.autocomplete("name")
    async def company_names(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=name[:100], value=str(company_id))
                for company_id, name in self.bot.kb.company_choices(current[:100], limit=25)]

    @watch.command(name="industry", description="A direct message when a new fact about this industry is added")
    @app_commands.describe(name="The industry, as the trackers name it")
    async def industry(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 100]) -> None:
        found = self.bot.kb.find_industry(name)
        if found is None:
            await reply_privately(interaction, text(self.language(interaction), "unknown_industry", name=name[:100]))
            return
        await self._watch(interaction, WatchKind.INDUSTRY, found, industry=found)

    @industry.autocomplete("name")
    async def industry_names(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=name[:100], value=name[:100])
                for name in self.bot.kb.industry_choices(current[:100], limit=25)]

    @watch.command(name="list", description="What you watch")
    async def list_(self, interaction: discord.Interaction) -> None:
        language = self.language(interaction)
        held = await self.bot.run_db(self.bot.kb.watches, interaction.user.id)
        embed = discord.Embed(title=text(language, "watch_list_title"), colour=ANSWERED)
        embed.description = "\n".join(f"• {safe(watch_name(w, language))}" for w in held) or \
            text(language, "watch_list_empty")
        embed.set_footer(text=text(language, "watch_list_footer", count=len(held),
                                   limit=self.bot.settings.discord.max_watches))
        await interaction.response.send_message(embed=fit(embed), ephemeral=True)

    @app_commands.command(name="unwatch", description="Stop hearing about a company or an industry")
    @app_commands.describe(what="What to stop watching")
    async def unwatch(self, interaction: discord.Interaction, what: app_commands.Range[str, 1, 200]) -> None:
        language = self.language(interaction)
        member = interaction.user.id
        if what == EVERYTHING:
            ended = await self.bot.run_db(self.bot.kb.unwatch, member)
            await reply_privately(interaction, text(language, "unwatched_all", count=ended))
            return
        held = await self.bot.run_db(self.bot.kb.watches, member)
        chosen = next((w for w in held if str(w.id) == what), None) or \
            next((w for w in held if w.name.casefold() == what.strip().casefold()), None)
        if chosen is None or not await self.bot.run_db(self.bot.kb.unwatch, member, chosen.id):
            await reply_privately(interaction, Markup(text(language, "unwatch_unknown")))
            return
        await reply_privately(interaction, text(language, "unwatched", name=watch_name(chosen, language)))

    @unwatch.autocomplete("what")
    async def what_names(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        language = self.language(interaction)
        held = await self.bot.run_db(self.bot.kb.watches, interaction.user.id)
        typed = current.casefold().strip()
        choices = [app_commands.Choice(name=watch_name(w, language)[:100], value=str(w.id)) for w in held
                   if typed in w.name.casefold()]
        if held:
            choices.append(app_commands.Choice(name=text(language, "unwatch_everything"), value=EVERYTHING))
        return choices[:25]

    @app_commands.command(name="feed",
                          description="Moderators: post every new fact in a channel (alone: show it, turn it off)")
    @app_commands.describe(channel="Where to post new facts")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    async def feed(self, interaction: discord.Interaction,
                   channel: discord.TextChannel | None = None) -> None:
        language = self.language(interaction)
        why = server_refusal(interaction, self.bot.settings.discord)
        if why is not None:
            logs.for_interaction(log, interaction).warning("refused a feed change")
            await reply_privately(interaction, why)
            return
        assert interaction.guild_id is not None
        if channel is not None:
            await self.bot.run_db(self.bot.kb.set_feed, interaction.guild_id, channel.id, language)
            logs.for_interaction(log, interaction).info("feed channel set to %s", channel.id)
            await reply_privately(interaction, Markup(text(language, "feed_set", channel=channel.mention)))
            return
        current = await self.bot.run_db(self.bot.kb.feed, interaction.guild_id)
        if current is None:
            await reply_privately(interaction, Markup(text(language, "feed_none")))
            return
        view = discord.ui.View(timeout=None)
        view.add_item(FeedOffButton(current.guild_id, current.channel_id, language))
        await interaction.response.send_message(
            message_text(Markup(text(language, "feed_is", channel=f"<#{current.channel_id}>"))), view=view,
            ephemeral=True)


async def setup(bot: LayoffBot) -> None:
    bot.add_dynamic_items(FeedOffButton)
    await bot.add_cog(Watching(bot))
