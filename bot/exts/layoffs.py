"""/layoffs company: [year:] — a company's timeline, paginated, with fuzzy autocomplete, and a chart of it.

Pages are rebuilt from the custom_id of the Previous/Next buttons (company,
year, page, language), so paging keeps working on old messages and after a
restart.  The chart of the rounds (people laid off per month or quarter) is
attached once drawn, and stays under every page.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands
from discord.utils import MISSING

from bot.discord import logs
from bot.discord.charts import FILENAME
from bot.discord.client import LayoffBot
from bot.discord.errors import Component, reply_privately
from bot.discord.i18n import language_of, text
from bot.discord.messages import safe
from bot.discord.render import ANSWERED, DECLINED, add_lines, fit, reference_line, truncate
from knowledge import Answer

log = logging.getLogger(__name__)
PER_PAGE = 8
def timeline_page(answer: Answer, page: int) -> tuple[discord.Embed, int]:
    """One page of a timeline answer: its heading, a slice of its rounds, and the sources they cite."""
    items = answer.items
    pages = max(1, -(-len(items) // PER_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = items[page * PER_PAGE:(page + 1) * PER_PAGE]
    heading = answer.heading[0].render().rstrip(":") if answer.heading else answer.question
    body = "\n".join(line.render() for line in shown) if answer.answered else answer.body
    embed = discord.Embed(title=truncate(safe(heading), 256), colour=ANSWERED if answer.answered else DECLINED,
                          description=safe(body))
    add_lines(embed, text(answer.language, "sources"), text(answer.language, "sources_more"),
              [reference_line(r) for r in answer.references_for(shown)])
    embed.set_footer(text=text(answer.language, "page", page=page + 1, pages=pages))
    return fit(embed), pages


class PageButton(Component, template=r"pg:(?P<company>\d+):(?P<year>\d+):(?P<page>\d+):(?P<lang>en|fr):(?P<dir>[pn])"):
    def __init__(self, company_id: int, year: int, page: int, language: str, direction: str,
                 disabled: bool = False) -> None:
        super().__init__(discord.ui.Button(
            style=discord.ButtonStyle.secondary, disabled=disabled,
            label=text(language, "previous" if direction == "p" else "next"),
            emoji="◀️" if direction == "p" else "▶️",
            custom_id=f"pg:{company_id}:{year}:{page}:{language}:{direction}"))
        self.company_id, self.year, self.page, self.language = company_id, year, page, language

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str]) -> PageButton:
        return cls(int(match["company"]), int(match["year"]), int(match["page"]), match["lang"], match["dir"])

    async def run(self, interaction: discord.Interaction) -> None:
        bot: LayoffBot = interaction.client  # type: ignore[assignment]
        answer = bot.kb.timeline(self.company_id, self.language, bot.today(), self.year or None, refresh=False)
        embed, pages = timeline_page(answer, self.page)
        if interaction.message and any(a.filename == FILENAME for a in interaction.message.attachments):
            embed.set_image(url=f"attachment://{FILENAME}")  # the chart stays on the message: keep showing it
        await interaction.response.edit_message(embed=embed, view=pager(self.company_id, self.year, self.page, pages,
                                                                        self.language))


def pager(company_id: int, year: int, page: int, pages: int, language: str) -> discord.ui.View | None:
    if pages <= 1:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(PageButton(company_id, year, max(page - 1, 0), language, "p", disabled=page == 0))
    view.add_item(PageButton(company_id, year, min(page + 1, pages - 1), language, "n", disabled=page >= pages - 1))
    return view


class Layoffs(commands.Cog):
    def __init__(self, bot: LayoffBot) -> None:
        self.bot = bot

    @app_commands.command(name="layoffs", description="A company's layoffs, most recent first")
    @app_commands.describe(company="The company", year="Only this year")
    async def layoffs(self, interaction: discord.Interaction, company: app_commands.Range[str, 1, 200],
                      year: app_commands.Range[int, 1990, 2100] | None = None) -> None:
        language = language_of(interaction.locale, self.bot.kb.settings.default_language)
        found = self.bot.kb.find_company(company)
        if found is None:
            await reply_privately(interaction, text(language, "unknown_company", name=company[:100]))
            return
        company_id = found[0]
        answer = self.bot.kb.timeline(company_id, language, self.bot.today(), year, refresh=False)
        embed, pages = timeline_page(answer, 0)
        logs.for_interaction(log, interaction).info("timeline of company %s (%s pages)", company_id, pages)
        view = pager(company_id, year or 0, 0, pages, language)
        await interaction.response.send_message(embed=embed, view=view or MISSING)
        self.bot.charts.later(answer, interaction.edit_original_response, embed)

    @layoffs.autocomplete("company")
    async def company_autocomplete(self, interaction: discord.Interaction,
                                   current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=name[:100], value=str(company_id))
                for company_id, name in self.bot.kb.company_choices(current[:100], limit=25)]


async def setup(bot: LayoffBot) -> None:
    bot.add_dynamic_items(PageButton)
    await bot.add_cog(Layoffs(bot))
