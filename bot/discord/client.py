"""The Discord bot: owns the knowledge base, loads one extension per feature, closes cleanly.

Answers come from the in-memory snapshot, so answering never waits on the
database; a background task keeps the snapshot fresh (and moderators'
changes refresh it at once).  Database work always runs in a thread, off
the event loop.  No reply can ping anyone: the client's default allowed
mentions are none.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from bot.discord.audit import AuditChannel
from bot.discord.charts import Charts
from bot.discord.cooldowns import Cooldowns
from bot.discord.errors import report
from bot.discord.i18n import FrenchTranslator, text
from bot.discord.render import AnswerEmbeds
from knowledge import ChangeSet, KnowledgeBase, Unavailable

log = logging.getLogger(__name__)
T = TypeVar("T")

EXTENSIONS = ("bot.exts.ask", "bot.exts.layoffs", "bot.exts.about", "bot.exts.facts", "bot.exts.kb", "bot.exts.watch",
              "bot.exts.help", "bot.exts.menus")


def intents() -> discord.Intents:
    """Guilds (to know servers, channels and roles) and messages (mentions and DMs).

    No privileged intent is needed: Discord includes the content of messages
    that mention the bot, and of DMs, without the Message Content intent.
    """
    chosen = discord.Intents.none()
    chosen.guilds = True
    chosen.guild_messages = True
    chosen.dm_messages = True
    return chosen


class LayoffBot(commands.AutoShardedBot):
    def __init__(self, settings: Settings, kb: KnowledgeBase, today: Callable[[], date] = date.today,
                 **options: Any) -> None:
        shard_options: dict[str, Any] = {}
        if settings.discord.shard_count:
            shard_options["shard_count"] = settings.discord.shard_count
            if settings.discord.shard_ids:
                shard_options["shard_ids"] = list(settings.discord.shard_ids)
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            tree_cls=Tree,
            # what members see under the bot's name: how to start (one line for every server, in the bot's language)
            activity=discord.CustomActivity(name=text(settings.answers.default_language, "presence")),
            **shard_options,
            **options,
        )
        self.settings = settings
        self.kb = kb
        self.today = today  # what "this year" means; tests pin it
        self.cooldowns = Cooldowns(settings.discord.cooldown_rate, settings.discord.cooldown_seconds)
        # its worker process starts with the first chart; an answer's chart changes with the knowledge and the day
        self.charts = Charts(lambda: (self.kb.snapshot(refresh=False).generation, self.today()),
                             render=AnswerEmbeds())
        self._refresher: asyncio.Task[None] | None = None
        self._frozen_generation: int | None = None

    async def setup_hook(self) -> None:
        if not self.settings.discord.moderation_guilds:
            log.warning("changing facts from Discord is off: no server is trusted with it; set moderator_guild_ids "
                        "(or guild_ids) in the [discord] settings to the servers whose moderators may change facts")
        await self.run_db(self.kb.refresh)
        gc.collect()
        self._freeze_new_snapshot()
        # Changes made here are announced by the knowledge base once committed (its snapshot has caught up):
        # the audit channel posts them, and the new snapshot leaves the garbage collector's sight.
        self.kb.subscribe(AuditChannel(self))
        self.kb.subscribe(self._snapshot_changed)
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        await self.tree.set_translator(FrenchTranslator())
        self._refresher = asyncio.create_task(self._keep_fresh(), name="knowledge-refresh")
        if self.settings.discord.sync_commands:
            await self.sync_commands()

    async def sync_commands(self) -> None:
        guilds = self.settings.discord.guild_ids
        if guilds:
            for guild_id in guilds:
                guild = discord.Object(id=guild_id)
                self.tree.copy_global_to(guild=guild)
                synced = await self.tree.sync(guild=guild)
                log.info("synced %d commands to guild %s", len(synced), guild_id)
        else:
            synced = await self.tree.sync()
            log.info("synced %d global commands (they can take up to an hour to appear)", len(synced))

    async def on_message(self, message: discord.Message) -> None:
        """Prefix commands are not used; mentions and DMs are answered by the ask extension."""

    async def on_ready(self) -> None:
        log.info("ready as %s in %d server(s)", self.user, len(self.guilds))

    async def close(self) -> None:
        if self._refresher:
            self._refresher.cancel()
        await self.charts.close()
        await super().close()
        await asyncio.to_thread(self.kb.close)

    async def run_db(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Database work, off the event loop."""
        return await asyncio.to_thread(function, *args, **kwargs)

    def _snapshot_changed(self, _: ChangeSet) -> None:
        """Called in the thread that made a change: freeze the new snapshot on the event loop."""
        self.loop.call_soon_threadsafe(self._freeze_new_snapshot)

    def _freeze_new_snapshot(self) -> None:
        """Move a new snapshot out of the garbage collector's sight.

        A snapshot is hundreds of thousands of long-lived objects; full collections
        scanning them paused the bot for 65-150 ms (the whole of its p99 in
        benchmarks.load). Frozen, they are never scanned; pauses fall to 6-20 ms.
        """
        snapshot = self.kb.snapshot(refresh=False)
        if snapshot.generation != self._frozen_generation:
            gc.freeze()
            self._frozen_generation = snapshot.generation

    async def _keep_fresh(self) -> None:
        interval = max(self.kb.settings.refresh_interval, 0.2)
        while True:
            await asyncio.sleep(interval)
            try:
                await self.run_db(self.kb.refresh)
                self._freeze_new_snapshot()
            except Unavailable:
                log.warning("knowledge base unreachable; answering from the last snapshot")
            except Exception:
                log.exception("refreshing the knowledge snapshot failed")


class Tree(app_commands.CommandTree):
    """Commands' errors take the one error path every component and form takes too."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await report(interaction, error)
