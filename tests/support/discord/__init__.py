"""A local stand-in for Discord's gateway websocket and HTTP API, for tests.

The real discord.py client code (``discord.Client``, ``commands.Bot``, ``AutoShardedClient``,
``app_commands``, views and modals) runs unchanged against an aiohttp server on 127.0.0.1.

What it fakes
  * HTTP API v10 under ``{base_url}/api/v10``: login (``GET /users/@me``), ``/gateway`` and
    ``/gateway/bot``, ``/oauth2/applications/@me``, application command sync (PUT/GET, global and
    per guild), interaction callbacks, interaction webhooks (followups, ``messages/@original`` and
    ``messages/{id}``), channel messages (create/fetch/edit/delete), ``GET /channels/{id}``, typing,
    reactions and ``POST /users/@me/channels``. JSON bodies and multipart bodies (``payload_json``
    plus ``files[n]``) are both understood. Attachment URLs point back to the stand-in, so
    ``Attachment.read()`` works.
  * The gateway: HELLO, heartbeat ACKs, IDENTIFY -> READY + one GUILD_CREATE per guild of the
    shard, RESUME -> RESUMED (INVALID_SESSION for unknown sessions), REQUEST_GUILD_MEMBERS -> one
    GUILD_MEMBERS_CHUNK. Server-side closes and session invalidation on request.
  * Some of Discord's rules: a bad token gets 401 (HTTP) or close code 4004 (gateway); an
    interaction can be acknowledged once, with a callback type allowed for its interaction type;
    followups need an acknowledged interaction; the first followup after a defer fills the
    "thinking" message; guild message content is blanked unless the client asked for the
    MESSAGE_CONTENT intent (DMs and messages mentioning the bot keep it).

What it does not fake: rate-limit buckets (a 429 happens only when asked with ``fail_next``),
permission checks on the server, gateway compression (discord.py asks for ``compress=zlib-stream``
but ``DiscordWebSocket.received_message`` only decompresses *binary* frames, so plain text frames
are accepted), voice, presences, threads, guild/member/role management, audit logs. Unknown routes
answer ``404 {"message": "404: Not Found", "code": 0}`` and are recorded, so tests notice them.

Every HTTP request (:class:`RecordedRequest`) and every frame the client sends on the gateway
(:class:`GatewayFrame`) is recorded. ``wait_for_request`` / ``wait_for_gateway`` return the first
matching record not returned by an earlier wait, so sequential waits see successive requests.

At a glance (details in the docstrings):
  * ``DiscordStandIn(token=..., guilds=[FakeGuild(...)], shard_count=1, heartbeat_interval=1.0)``;
    ``async with`` it (start + patch discord.py) or use ``start()``/``stop()`` + ``patch_discord()``.
  * ``async with standin.running(client): ...`` starts the client, waits until ready, closes it.
  * World: ``standin.bot_user``, ``.application_id``, ``.guild``, ``.channel``, ``.user`` (alice),
    ``.messages`` (what the bot posted, by id), ``.commands`` (what it synced, by guild id or None).
  * Events: ``await standin.dispatch(event, payload)`` with payloads from ``slash_command``,
    ``autocomplete``, ``component_click``, ``modal_submit``, ``guild_message``, ``dm_message``; each
    comes from the default channel, another guild's channel (``channel_id``) or a DM (``dm``).
  * Records: ``requests``, ``requests_matching()``, ``wait_for_request()``, ``gateway_frames``,
    ``identifies``, ``resumes``, ``wait_for_gateway()``, ``connections``.
  * Faults: ``fail_next(method, path, status)``, ``close_gateway(code)``, ``invalidate_session()``.

Typical use (``discord.http.Route.BASE`` and ``DiscordWebSocket.DEFAULT_GATEWAY`` are patched while
the stand-in is entered, so only one stand-in can be active at a time)::

    async with DiscordStandIn() as standin, standin.running(bot):
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("ask", {"question": "hi"}))
        callback = await standin.wait_for_request("POST", CALLBACK_PATH)
        assert callback.json["type"] == 4
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

from tests.support.discord.callbacks import CALLBACK_PATH, FOLLOWUP_PATH
from tests.support.discord.events import ATTACHMENT_SIZE_LIMIT, Events
from tests.support.discord.gateway import MESSAGE_CONTENT_INTENT, GatewayConnection
from tests.support.discord.messages import EPHEMERAL, LOADING
from tests.support.discord.records import GatewayFrame, RecordedRequest
from tests.support.discord.routes import Routes
from tests.support.discord.state import API_PREFIX, DISCORD_EPOCH_MS, WS_PATH
from tests.support.discord.world import (
    ADMINISTRATOR,
    ALL_PERMISSIONS,
    BOT_ID,
    CHANNEL_ID,
    EVERYONE_PERMISSIONS,
    GUILD_ID,
    OWNER_ID,
    USER_ID,
    FakeAttachment,
    FakeChannel,
    FakeGuild,
    FakeRole,
    FakeUser,
    default_guilds,
)

__all__ = [
    "ADMINISTRATOR",
    "ALL_PERMISSIONS",
    "API_PREFIX",
    "ATTACHMENT_SIZE_LIMIT",
    "BOT_ID",
    "CALLBACK_PATH",
    "CHANNEL_ID",
    "DEFAULT_TOKEN",
    "DISCORD_EPOCH_MS",
    "EPHEMERAL",
    "EVERYONE_PERMISSIONS",
    "FOLLOWUP_PATH",
    "GUILD_ID",
    "LOADING",
    "MESSAGE_CONTENT_INTENT",
    "OWNER_ID",
    "USER_ID",
    "WS_PATH",
    "DiscordStandIn",
    "FakeAttachment",
    "FakeChannel",
    "FakeGuild",
    "FakeRole",
    "FakeUser",
    "GatewayConnection",
    "GatewayFrame",
    "RecordedRequest",
]

ClientT = TypeVar("ClientT", bound=discord.Client)

DEFAULT_TOKEN = "standin.bot.token"


# --------------------------------------------------------------------------- the stand-in


class DiscordStandIn(Events, Routes):
    """Fake Discord (HTTP API + gateway) for one bot; see the module docstring."""

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

    # ----------------------------------------------------------------- lifecycle

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
        if not task.cancelled() and task.exception() is not None:
            raise task.exception()  # type: ignore[misc]  # the client died during the test


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
