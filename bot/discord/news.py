"""Sending the news of new facts: each watcher's bulletin as one direct message, each feed's as posts.

Any process may have made the change (another bot process, an import from the command line), and any bot
process may announce it: every `news_interval` seconds this loop claims what the knowledge base's outbox holds
(`KnowledgeBase.claim_news`, which gives each change to exactly one process), sends it, and marks it done.
A change made through this process wakes the loop at once, so its watchers hear of it within a second.

A direct message Discord refuses (the member closed their DMs, or shares no server with the bot any more:
code 50007) is dropped after that one try, quietly: the member keeps their watch, and hears of the next
change if they open their DMs.  A feed channel that no longer exists is turned off.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

import discord

from bot.discord.bulletins import bulletin_embed, feed_posts
from knowledge import Bulletin, ChangeSet, Delivery, Unavailable

if TYPE_CHECKING:
    from bot.discord.client import LayoffBot

log = logging.getLogger(__name__)
CANNOT_DM = 50007  # Discord: "Cannot send messages to this user"
UNKNOWN_CHANNEL = 10003
SENDING = 8  # messages sent at once: a few, well within Discord's rate limits, which discord.py also follows


class Courier:
    def __init__(self, bot: LayoffBot) -> None:
        self.bot = bot
        self.interval = bot.settings.discord.news_interval
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._sending = asyncio.Semaphore(SENDING)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="news")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.wait({self._task})  # ended (its CancelledError stays in it; one of the caller's goes on)

    def wake(self, _: ChangeSet) -> None:
        """A knowledge base subscriber, called in the thread that made a change: look at the outbox now."""
        with contextlib.suppress(RuntimeError):  # the loop closed while the bot shut down
            self.bot.loop.call_soon_threadsafe(self._wake.set)

    async def _run(self) -> None:
        while True:
            # asyncio.timeout, not wait_for: Python 3.11's wait_for returns normally when it is cancelled just as
            # what it waits for is done, so a stop() coming with news (a change wakes the loop) was lost, and
            # stop() then waited for this loop forever
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.interval):
                    await self._wake.wait()
            self._wake.clear()
            try:
                while await self.deliver_once():  # a claim takes at most a few hundred changes: take the rest
                    pass
            except Unavailable:
                pass  # the snapshot's refresher says so already; what waits is announced once it is back
            except Exception:
                log.warning("could not announce new facts; trying again shortly", exc_info=True)

    async def deliver_once(self) -> Delivery | None:
        """Claim, send and mark done what waits in the outbox; None when nothing did."""
        delivery = await self.bot.run_db(self.bot.kb.claim_news)
        if delivery is None:
            return None
        await asyncio.gather(*(self._direct(b) for b in delivery.members), *(self._feed(b) for b in delivery.feeds))
        await self.bot.run_db(self.bot.kb.news_delivered, delivery)
        if delivery.items:
            log.info("announced %d new fact(s) to %d watcher(s) and %d feed(s)", len(delivery.items),
                     len(delivery.members), len(delivery.feeds))
        return delivery

    async def _direct(self, bulletin: Bulletin) -> None:
        assert bulletin.member_id is not None
        async with self._sending:
            try:
                channel = await self.bot.create_dm(discord.Object(bulletin.member_id))
                await channel.send(embed=bulletin_embed(bulletin), allowed_mentions=discord.AllowedMentions.none())
            except discord.Forbidden as refused:
                if refused.code != CANNOT_DM:
                    log.warning("a direct message about new facts was refused (%s)", refused.code)
            except discord.HTTPException:
                log.warning("could not send a direct message about new facts", exc_info=True)

    async def _feed(self, bulletin: Bulletin) -> None:
        assert bulletin.channel_id is not None and bulletin.guild_id is not None
        channel = self.bot.get_partial_messageable(bulletin.channel_id, guild_id=bulletin.guild_id)
        async with self._sending:
            for embed in feed_posts(bulletin):
                try:
                    await channel.send(embed=embed, allowed_mentions=discord.AllowedMentions.none())
                except discord.NotFound as gone:
                    if gone.code == UNKNOWN_CHANNEL:
                        log.warning("feed channel %s of server %s no longer exists: feed turned off",
                                    bulletin.channel_id, bulletin.guild_id)
                        await self.bot.run_db(self.bot.kb.clear_feed, bulletin.guild_id, bulletin.channel_id)
                    return
                except discord.HTTPException:
                    log.warning("could not post new facts in feed channel %s of server %s", bulletin.channel_id,
                                bulletin.guild_id, exc_info=True)
                    return
