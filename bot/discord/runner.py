"""`python -m bot run`: start the Discord bot, and stop it cleanly on SIGINT or SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import sys
from typing import Any

import discord
import yarl

from bot.config import ENV_TOKEN, Settings, discord_token
from bot.discord import logs
from bot.discord.client import LayoffBot
from knowledge import KnowledgeBase

log = logging.getLogger(__name__)
GC_YOUNG = 50_000  # allocations between collections of the youngest generation (Python's default: 700)


class StartupError(Exception):
    """The bot cannot start; the message is one line for the server owner."""


def run(settings: Settings, verbose: int = 0, **options: Any) -> None:
    token = discord_token()
    if token is None:
        raise StartupError(f"No Discord token: set the {ENV_TOKEN} environment variable to your bot's token "
                           "(Developer Portal > your application > Bot > Reset Token). See the README.")
    logs.configure(logging.DEBUG if verbose > 1 else logging.INFO, secret=token)
    # Database work and snapshot rebuilds run in threads; a thread busy in Python would otherwise keep the
    # GIL for 5 ms each time the event loop gives it up for I/O, which slows every answer meanwhile.
    sys.setswitchinterval(0.0005)
    # Each interaction allocates thousands of short-lived objects (discord.py's payloads, an answer's embed and
    # view): at the default threshold (700) the young generation is collected several times per /ask, ~0.2 ms
    # of the ~1.7 ms the bot spends on a cached answer (benchmarks/throughput.py).  The long-lived knowledge is
    # frozen out of the collector's sight (LayoffBot._freeze_new_snapshot), so collecting the young less often
    # costs a little memory, not pauses.
    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])
    asyncio.run(_serve(settings, token, **options))


def point_at(api_base: str | None, gateway: str | None) -> None:
    """Use another Discord endpoint (a local stand-in in tests) when configured."""
    if api_base:
        discord.http.Route.BASE = api_base.rstrip("/")
    if gateway:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)


async def _serve(settings: Settings, token: str, **options: Any) -> None:
    point_at(settings.discord.api_base, settings.discord.gateway)
    kb = await asyncio.to_thread(KnowledgeBase.open, settings.database_url, settings.answers,
                                 write_wait=settings.write_wait, create=not settings.database_explicit)
    bot = LayoffBot(settings, kb, **options)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sign in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not on this platform or thread
            loop.add_signal_handler(sign, stop.set)
    runner = asyncio.create_task(bot.start(token), name="discord")
    waiter = asyncio.create_task(stop.wait(), name="signals")
    try:
        done, _ = await asyncio.wait({runner, waiter}, return_when=asyncio.FIRST_COMPLETED)
        if runner in done:
            error = runner.exception()
            if isinstance(error, discord.LoginFailure):
                raise StartupError(f"Discord rejected the token in {ENV_TOKEN}: check that it is the bot's current "
                                   "token (it changes when reset).") from None
            if isinstance(error, discord.PrivilegedIntentsRequired):
                raise StartupError("Discord refused the bot's intents; see the README's set-up section.") from None
            if error is not None:
                raise StartupError(f"The bot stopped: {type(error).__name__}: {error}") from None
        else:
            log.info("stopping (signal received)")
    finally:
        waiter.cancel()
        if not bot.is_closed():
            await bot.close()
        await asyncio.to_thread(kb.close)  # idempotent: the bot closes it too when it closes normally
        if not runner.done():
            runner.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await runner
        log.info("stopped")
