"""/about (what the bot knows and how it works) and /sources (where the facts come from)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.client import LayoffBot
from bot.discord.i18n import language_of, text
from bot.discord.messages import safe
from bot.discord.render import ANSWERED, add_lines, day_text, fit


class About(commands.Cog):
    def __init__(self, bot: LayoffBot) -> None:
        self.bot = bot

    @app_commands.command(name="about", description="What this bot knows and how it works")
    async def about(self, interaction: discord.Interaction) -> None:
        language = language_of(interaction.locale, self.bot.kb.settings.default_language)
        stats = await self.bot.run_db(self.bot.kb.stats)
        embed = discord.Embed(title=text(language, "about_title"), description=text(language, "about"),
                              colour=ANSWERED)
        embed.add_field(name=text(language, "facts"), value=f"{stats.facts:,}")
        embed.add_field(name=text(language, "companies"), value=f"{stats.companies:,}")
        embed.add_field(name=text(language, "sources"), value=f"{stats.sources:,}")
        embed.add_field(name=text(language, "covers"), value=f"{day_text(stats.first, language)} – "
                                                             f"{day_text(stats.last, language)}")
        embed.add_field(name=text(language, "last_change"),
                        value=day_text(stats.updated.date() if stats.updated else None, language))
        if stats.pending:
            embed.add_field(name=text(language, "awaiting_review"), value=f"{stats.pending:,}")
        add_lines(embed, text(language, "main_sources"), text(language, "main_sources"),
                  [f"{safe(name)} — {count:,}" for name, count in stats.top_sources])
        await interaction.response.send_message(embed=fit(embed), ephemeral=True)

    @app_commands.command(name="sources", description="Where the facts come from")
    async def sources(self, interaction: discord.Interaction) -> None:
        language = language_of(interaction.locale, self.bot.kb.settings.default_language)
        stats = await self.bot.run_db(self.bot.kb.stats)
        embed = discord.Embed(title=text(language, "sources_title"), colour=ANSWERED)
        add_lines(embed, text(language, "main_sources"), text(language, "main_sources"),
                  ["• " + text(language, "n_facts", name=safe(name), count=f"{count:,}")
                   for name, count in stats.top_sources])
        embed.set_footer(text=f"{text(language, 'covers')}: {day_text(stats.first, language)} – "
                              f"{day_text(stats.last, language)}")
        await interaction.response.send_message(embed=fit(embed), ephemeral=True)


async def setup(bot: LayoffBot) -> None:
    await bot.add_cog(About(bot))
