"""/about (what the bot knows and how it works) and /sources (where the facts come from)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.client import LayoffBot
from bot.discord.render import ANSWERED, add_lines, day_text, fit, safe
from bot.exts.ask import language_of

_WORDS = {
    "en": {
        "about_title": "About layoffbot",
        "about": ("I answer questions about tech-industry layoffs, in English or French, from a curated knowledge "
                  "base. Every figure comes with its source; when I don't know, I say so. Ask with /ask, by "
                  "mentioning me, or in a DM. Moderators keep the facts right with /fact and /kb; every change "
                  "is kept."),
        "facts": "Facts", "companies": "Companies", "sources": "Sources", "covers": "Covers",
        "updated": "Last change", "pending": "Awaiting review", "top": "Main sources",
        "sources_title": "Where the facts come from",
    },
    "fr": {
        "about_title": "À propos de layoffbot",
        "about": ("Je réponds aux questions sur les licenciements dans la tech, en français ou en anglais, à partir "
                  "d'une base de faits vérifiés. Chaque chiffre est sourcé ; quand je ne sais pas, je le dis. "
                  "Demandez avec /ask, en me mentionnant ou en message privé. Les modérateurs tiennent les faits à "
                  "jour avec /fact et /kb ; chaque modification est conservée."),
        "facts": "Faits", "companies": "Entreprises", "sources": "Sources", "covers": "Période couverte",
        "updated": "Dernière modification", "pending": "En attente de relecture", "top": "Principales sources",
        "sources_title": "D'où viennent les faits",
    },
}


class About(commands.Cog):
    def __init__(self, bot: LayoffBot) -> None:
        self.bot = bot

    @app_commands.command(name="about", description="What this bot knows and how it works")
    async def about(self, interaction: discord.Interaction) -> None:
        language = language_of(interaction.locale, self.bot.kb.settings.default_language)
        words = _WORDS[language]
        stats = await self.bot.run_db(self.bot.kb.stats)
        embed = discord.Embed(title=words["about_title"], description=words["about"], colour=ANSWERED)
        embed.add_field(name=words["facts"], value=f"{stats.facts:,}")
        embed.add_field(name=words["companies"], value=f"{stats.companies:,}")
        embed.add_field(name=words["sources"], value=f"{stats.sources:,}")
        embed.add_field(name=words["covers"], value=f"{day_text(stats.first, language)} – "
                                                     f"{day_text(stats.last, language)}")
        embed.add_field(name=words["updated"],
                        value=day_text(stats.updated.date() if stats.updated else None, language))
        if stats.pending:
            embed.add_field(name=words["pending"], value=f"{stats.pending:,}")
        add_lines(embed, words["top"], words["top"],
                  [f"{safe(name)} — {count:,}" for name, count in stats.top_sources])
        await interaction.response.send_message(embed=fit(embed), ephemeral=True)

    @app_commands.command(name="sources", description="Where the facts come from")
    async def sources(self, interaction: discord.Interaction) -> None:
        language = language_of(interaction.locale, self.bot.kb.settings.default_language)
        words = _WORDS[language]
        stats = await self.bot.run_db(self.bot.kb.stats)
        embed = discord.Embed(title=words["sources_title"], colour=ANSWERED)
        add_lines(embed, words["top"], words["top"],
                  [f"• {safe(name)} — {count:,} {words['facts'].lower()}" for name, count in stats.top_sources])
        embed.set_footer(text=f"{words['covers']}: {day_text(stats.first, language)} – "
                              f"{day_text(stats.last, language)}")
        await interaction.response.send_message(embed=fit(embed), ephemeral=True)


async def setup(bot: LayoffBot) -> None:
    await bot.add_cog(About(bot))
