"""/help: what members can do, and, for those who may, what moderators and a server's admins can do.

Each part is shown only to whom it concerns (moderators' commands to the bot's moderators in a moderation
server, the feed channel to a server's admins), in the member's Discord language.
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.checks import is_moderator, server_refusal
from bot.discord.client import LayoffBot
from bot.discord.i18n import language_of, text
from bot.discord.render import ANSWERED, fit


class Help(commands.Cog):
    def __init__(self, bot: LayoffBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What I can do, for members and moderators")
    async def help(self, interaction: discord.Interaction) -> None:
        language = language_of(interaction.locale, self.bot.kb.settings.default_language)
        embed = discord.Embed(title=text(language, "help_title"), description=text(language, "help_intro"),
                              colour=ANSWERED)
        embed.add_field(name=text(language, "help_members"), value=text(language, "help_member_lines"), inline=False)
        settings = self.bot.settings.discord
        if is_moderator(interaction, settings):
            embed.add_field(name=text(language, "help_moderators"), value=text(language, "help_moderator_lines"),
                            inline=False)
        if interaction.guild_id is not None and server_refusal(interaction, settings) is None:
            embed.add_field(name=text(language, "help_admins"), value=text(language, "help_admin_lines"),
                            inline=False)
        await interaction.response.send_message(embed=fit(embed), ephemeral=True)


async def setup(bot: LayoffBot) -> None:
    await bot.add_cog(Help(bot))
