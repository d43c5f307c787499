"""The stand-in as one object: its parts joined, served on 127.0.0.1, discord.py pointed at it, a client run.

This is the only place that knows every part (the routes bring the HTTP handlers and the gateway, the events
bring the builders) and the only one that touches discord.py's globals.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any, TypeVar

import discord
import discord.gateway
import discord.http
import yarl
from aiohttp import web

from tests.support.standin.events import Events
from tests.support.standin.routes import Routes
from tests.support.standin.world import BOT_ID, OWNER_ID, FakeGuild, FakeUser, default_guilds

ClientT = TypeVar("ClientT", bound=discord.Client)

DEFAULT_TOKEN = "standin.bot.token"


class DiscordStandIn(Events, Routes):
    """Fake Discord (HTTP API + gateway) for one bot; see the package docstring."""

    def __init__(
        self,
        *,
        token: str | None = DEFAULT_TOKEN,
        bot_user: FakeUser | None = None,
        application_id: int | None = None,
        guilds: Sequence[FakeGuild] | None = None,
        shard_count: int = 1,
        heartbeat_interval: float = 1.0,
        application_flags: int = 0,
    ) -> None:
        """``token=None`` accepts any token. ``heartbeat_interval`` is in seconds."""
        super().__init__()
        self.token = token
        self.bot_user = bot_user or FakeUser(BOT_ID, "layoffbot", bot=True)
        self.application_id = application_id or self.bot_user.id
        self.application_flags = application_flags
        self.owner = FakeUser(OWNER_ID, "owner")
        self.guilds = list(default_guilds() if guilds is None else guilds)
        self.shard_count = shard_count
        self.heartbeat_interval = heartbeat_interval

        self._runner: web.AppRunner | None = None
        self._exit_stack = contextlib.ExitStack()

    async def start(self) -> None:
        app = web.Application(middlewares=[self._middleware], client_max_size=64 * 1024 * 1024)
        self._add_routes(app.router)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        for conn in self.connections:
            if not conn.ws.closed:
                await conn.ws.close(code=1001, message=b"stand-in stopping")
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> DiscordStandIn:
        await self.start()
        self._exit_stack.enter_context(self.patch_discord())
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._exit_stack.close()
        await self.stop()

    @contextlib.contextmanager
    def patch_discord(self) -> Iterator[None]:
        """Point discord.py's HTTP routes and default gateway at the stand-in; restore afterwards."""
        websocket = discord.gateway.DiscordWebSocket
        old_base, old_gateway = discord.http.Route.BASE, websocket.DEFAULT_GATEWAY
        discord.http.Route.BASE = self.api_url
        websocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        try:
            yield
        finally:
            discord.http.Route.BASE, websocket.DEFAULT_GATEWAY = old_base, old_gateway

    @contextlib.asynccontextmanager
    async def running(
        self,
        client: ClientT,
        *,
        token: str | None = None,
        ready_timeout: float = 5.0,
        fast_startup: bool = True,
    ) -> AsyncIterator[ClientT]:
        """Run ``client.start()`` in a task until the client is ready; close it and await the task on exit.

        Errors from ``start()`` (e.g. ``discord.LoginFailure``) are raised here. ``fast_startup``
        lowers the client's ``guild_ready_timeout`` (2 s by default) to 0.1 s and removes the 5 s sleep
        discord.py's default ``before_identify_hook`` does before every IDENTIFY except the first one.
        Tasks started meanwhile and still pending after the close (discord.py's delayed-ready task,
        view timeouts, command invocations) get 0.2 s to finish and are then cancelled.
        Do not enter the client (``async with client``) yourself.
        """
        if fast_startup:
            _make_startup_fast(client)
        tasks_before = asyncio.all_tasks()
        task = asyncio.create_task(client.start(token or self.token or DEFAULT_TOKEN), name="standin-client")
        try:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + ready_timeout
            while not client.is_ready():
                if task.done():
                    task.result()
                    raise RuntimeError("client.start() returned before the client became ready")
                if loop.time() > deadline:
                    raise TimeoutError(f"not ready after {ready_timeout}s; requests: {self._summary()}")
                await asyncio.sleep(0.01)
            yield client
        finally:
            await client.close()
            await asyncio.wait({task}, timeout=5.0)
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await _settle(asyncio.all_tasks() - tasks_before - {asyncio.current_task()})
        if not task.cancelled() and (error := task.exception()) is not None:
            raise error  # the client died during the test


async def _settle(tasks: set[asyncio.Task[Any]], grace: float = 0.2) -> None:
    if not tasks:
        return
    _, pending = await asyncio.wait(tasks, timeout=grace)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)


def _make_startup_fast(client: discord.Client) -> None:
    state = client._connection  # there is no public setter after construction
    state.guild_ready_timeout = min(state.guild_ready_timeout, 0.1)
    if type(client).before_identify_hook is discord.Client.before_identify_hook:

        async def no_identify_delay(shard_id: int | None, *, initial: bool = False) -> None:
            return None

        client.before_identify_hook = no_identify_delay  # type: ignore[method-assign]
