"""A trivial discord.py bot that answers /ask with one fixed embed: discord.py's own ceiling, measured.

    DISCORD_TOKEN=... LAYOFFBOT_DISCORD_API=... LAYOFFBOT_DISCORD_GATEWAY=... python -m benchmarks.reference_bot

It does what layoffbot does around an answer and nothing else: the same intents and default allowed
mentions, an application command tree with `/ask question:`, and an embed of an answer's usual size sent as
the interaction's response.  No knowledge base, no cooldown, no logging of answers, no buttons: whatever
layoffbot sustains below this bot's rate is the cost of its own work per interaction
(benchmarks/throughput.py runs both through the local stand-in in one run).  Logs "ready as NAME" on
standard error when connected, as `python -m bot run` does.
"""

from __future__ import annotations

import asyncio
import logging
import os

import discord
import yarl
from discord import app_commands

ANSWERED_COLOUR = 0x2E8B57  # the colour of an answered question in layoffbot's embeds
EMBED = discord.Embed(
    colour=ANSWERED_COLOUR,
    description=("Amazon laid off 17,260 people in 2023, across 4 rounds. The rounds: 8,000 people on 4 January "
                 "2023 [1]; 9,000 people on 20 March 2023 [2]; 80 people on 13 July 2023 [3]; 180 people on 13 "
                 "November 2023 [4]. Plus 4 more rounds of undisclosed size. [5]"),
).add_field(name="Sources", value=("[1] wsj.com (via layoffs.fyi)\n[2] cnbc.com (via layoffs.fyi)\n"
                                   "[3] news.yahoo.com (via layoffs.fyi)\n[4] cnbc.com (via layoffs.fyi)\n"
                                   "[5] layoffs.fyi export"), inline=False)

log = logging.getLogger("reference")


class ReferenceBot(discord.AutoShardedClient):
    def __init__(self) -> None:
        intents = discord.Intents.none()
        intents.guilds = intents.guild_messages = intents.dm_messages = True
        super().__init__(intents=intents, allowed_mentions=discord.AllowedMentions.none())
        self.tree = app_commands.CommandTree(self)

        @self.tree.command(name="ask", description="Ask about tech layoffs")
        async def ask(interaction: discord.Interaction, question: str) -> None:
            await interaction.response.send_message(embed=EMBED)

    async def on_ready(self) -> None:
        log.info("ready as %s in %d server(s)", self.user, len(self.guilds))


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("discord").setLevel(logging.WARNING)
    if api := os.environ.get("LAYOFFBOT_DISCORD_API"):
        discord.http.Route.BASE = api.rstrip("/")
    if gateway := os.environ.get("LAYOFFBOT_DISCORD_GATEWAY"):
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    asyncio.run(ReferenceBot().start(os.environ["DISCORD_TOKEN"]))  # stopped by a signal, as the benchmark does


if __name__ == "__main__":
    main()
