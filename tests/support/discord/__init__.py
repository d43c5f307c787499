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
import secrets
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import discord
import discord.gateway
import discord.http
import yarl
from aiohttp import web

from tests.support.discord.callbacks import CALLBACK_PATH, FOLLOWUP_PATH
from tests.support.discord.gateway import MESSAGE_CONTENT_INTENT, GatewayConnection
from tests.support.discord.messages import EPHEMERAL, LOADING, timestamp
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
ATTACHMENT_SIZE_LIMIT = 25 * 1024 * 1024



# --------------------------------------------------------------------------- the stand-in


class DiscordStandIn(Routes):
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

    # ----------------------------------------------------------------- payload builders

    def _locate(self, channel_id: int | None) -> tuple[FakeGuild, FakeChannel]:
        if channel_id is None:
            return self.guild, self.channel
        for guild in self.guilds:
            if (channel := guild.channel(channel_id)) is not None:
                return guild, channel
        raise ValueError(f"unknown guild channel {channel_id}")

    def _interaction(
        self,
        kind: int,
        data: dict[str, Any],
        *,
        user: FakeUser | None,
        channel_id: int | None,
        dm: bool,
        message: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        user = user or self.user
        interaction_id = self.snowflake()
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(self.application_id),
            "type": kind,
            "token": f"standin-{interaction_id}-{secrets.token_urlsafe(24)}",
            "version": 1,
            "data": data,
            "locale": "en-US",
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        }
        if dm:
            dm_id = channel_id or self._dm_channel_id(user)
            payload |= {
                "channel_id": str(dm_id),
                "channel": self._dm_payload(user, dm_id),
                "user": user.to_user(),
                "context": 1,
                "app_permissions": str(ALL_PERMISSIONS),
            }
        else:
            guild, channel = self._locate(channel_id)
            permissions = str(self.permissions_for(user, guild))
            payload |= {
                "guild_id": str(guild.id),
                "guild": {"id": str(guild.id), "locale": "en-US", "features": []},
                "guild_locale": "en-US",
                "channel_id": str(channel.id),
                "channel": channel.to_payload(guild.id) | {"permissions": permissions},
                "member": user.to_member() | {"permissions": permissions},
                "app_permissions": str(self.permissions_for(self.bot_user, guild)),
                "authorizing_integration_owners": {"0": str(guild.id)},
                "context": 0,
            }
        if message is not None:
            payload["message"] = dict(message)
        return payload

    def slash_command(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        group: str | None = None,
        subcommand: str | None = None,
        user: FakeUser | None = None,
        channel_id: int | None = None,
        dm: bool = False,
    ) -> dict[str, Any]:
        """INTERACTION_CREATE payload (type 2) for ``/name [group] [subcommand] options...``.

        Option types come from the values: str 3, int 4, bool 5, float 10, FakeUser 6 (resolved
        user + member), FakeAttachment 11 (resolved attachment, downloadable). A Mapping value is a
        raw option payload (``{"type": 8, "value": "123"}``). The command id (and ``guild_id`` for
        guild commands) is taken from commands the bot synced, when it did.
        """
        return self._command(2, name, options, None, group, subcommand, user, channel_id, dm)

    def autocomplete(
        self,
        name: str,
        options: Mapping[str, Any],
        focused: str,
        *,
        group: str | None = None,
        subcommand: str | None = None,
        user: FakeUser | None = None,
        channel_id: int | None = None,
        dm: bool = False,
    ) -> dict[str, Any]:
        """INTERACTION_CREATE payload (type 4): like ``slash_command``, with option ``focused`` focused."""
        return self._command(4, name, options, focused, group, subcommand, user, channel_id, dm)

    def _command(
        self,
        kind: int,
        name: str,
        options: Mapping[str, Any] | None,
        focused: str | None,
        group: str | None,
        subcommand: str | None,
        user: FakeUser | None,
        channel_id: int | None,
        dm: bool,
    ) -> dict[str, Any]:
        if group and not subcommand:
            raise ValueError("a subcommand group needs a subcommand")
        payload = self._interaction(kind, {}, user=user, channel_id=channel_id, dm=dm)
        guild_id = int(payload["guild_id"]) if "guild_id" in payload else None
        resolved: dict[str, dict[str, Any]] = {}
        values = (options or {}).items()
        leaf = [self._option(key, value, key == focused, resolved, guild_id) for key, value in values]
        if subcommand:
            leaf = [{"type": 1, "name": subcommand, "options": leaf}]
        if group:
            leaf = [{"type": 2, "name": group, "options": leaf}]
        candidates = [*self.commands.get(guild_id, []), *self.commands.get(None, [])]
        command = next((c for c in candidates if c["name"] == name and c["type"] == 1), None)
        command_id = command["id"] if command else str(self.snowflake())
        data: dict[str, Any] = {"id": command_id, "name": name, "type": 1, "options": leaf}
        if command and "guild_id" in command:
            data["guild_id"] = command["guild_id"]
        if resolved:
            data["resolved"] = resolved
        payload["data"] = data
        return payload

    def _option(
        self, name: str, value: Any, focused: bool, resolved: dict[str, dict[str, Any]], guild_id: int | None
    ) -> dict[str, Any]:
        option: dict[str, Any]
        if isinstance(value, Mapping):
            option = dict(value)
        elif isinstance(value, FakeAttachment):
            attachment = self._attachment(value.filename, value.content, value.content_type)
            attachment["ephemeral"] = True  # uploaded with the command, not posted anywhere
            resolved.setdefault("attachments", {})[attachment["id"]] = attachment
            option = {"type": 11, "value": attachment["id"]}
        elif isinstance(value, FakeUser):
            resolved.setdefault("users", {})[str(value.id)] = value.to_user()
            guild = next((g for g in self.guilds if g.id == guild_id), None)
            if guild is not None:
                member = value.to_member(with_user=False)
                member["permissions"] = str(self.permissions_for(value, guild))
                resolved.setdefault("members", {})[str(value.id)] = member
            option = {"type": 6, "value": str(value.id)}
        elif isinstance(value, bool):
            option = {"type": 5, "value": value}
        elif isinstance(value, int):
            option = {"type": 4, "value": value}
        elif isinstance(value, float):
            option = {"type": 10, "value": value}
        elif isinstance(value, str):
            option = {"type": 3, "value": value}
        else:
            raise TypeError(f"cannot infer the option type of {value!r}; pass a raw option mapping")
        option["name"] = name
        if focused:
            option["focused"] = True
        return option

    def component_click(
        self,
        custom_id: str,
        *,
        values: Sequence[str] | None = None,
        component_type: int | None = None,
        message: Mapping[str, Any] | int | None = None,
        user: FakeUser | None = None,
        channel_id: int | None = None,
        dm: bool = False,
    ) -> dict[str, Any]:
        """INTERACTION_CREATE payload (type 3): a click on a button (or a select with ``values``).

        ``message`` (payload or stored message id) is the message the component is on; by default
        the latest stored message having ``custom_id``, else a new bot message with that button in
        the default channel. With ``channel_id`` (a guild channel) or ``dm`` (``user``'s DM with the
        bot), the click comes from there, on a new bot message carrying the component: what a
        component replayed or forged elsewhere looks like.
        """
        button = {"type": 2, "style": 1, "label": custom_id, "custom_id": custom_id}
        row = {"type": 1, "components": [button]}
        if isinstance(message, int):
            target: Mapping[str, Any] = self.messages[message]
        elif message is not None:
            target = message
        elif channel_id is not None or dm:
            where = self._dm_channel_id(user or self.user) if dm else channel_id
            target = self._new_message(where, {"components": [row]}, {})  # type: ignore[arg-type]
        else:
            found = (m for m in reversed(self.messages.values()) if custom_id in _custom_ids(m["components"]))
            target = next(found, None) or self._new_message(self.channel.id, {"components": [row]}, {})
        kind = component_type or (3 if values is not None else 2)
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": kind}
        if values is not None:
            data["values"] = list(values)
        channel_id = int(target["channel_id"])
        dm = channel_id in self._dm_channels
        return self._interaction(3, data, user=user, channel_id=channel_id, dm=dm, message=target)

    def modal_submit(
        self,
        modal: str | Mapping[str, Any],
        values: Mapping[str, str],
        *,
        message: Mapping[str, Any] | None = None,
        user: FakeUser | None = None,
        channel_id: int | None = None,
        dm: bool = False,
    ) -> dict[str, Any]:
        """INTERACTION_CREATE payload (type 5) submitting text inputs.

        ``modal`` is the modal's custom_id, or the modal payload the bot sent (``callback.json["data"]``
        of the type 9 callback); with the payload, ``values`` may be keyed by text input label.
        """
        if isinstance(modal, str):
            custom_id = modal
        else:
            custom_id = modal["custom_id"]
            by_label = {label: input_id for input_id, label in _text_inputs(modal.get("components", []))}
            values = {by_label.get(key, key): value for key, value in values.items()}
        inputs = [{"type": 4, "custom_id": input_id, "value": value} for input_id, value in values.items()]
        data = {"custom_id": custom_id, "components": [{"type": 1, "components": [i]} for i in inputs]}
        return self._interaction(5, data, user=user, channel_id=channel_id, dm=dm, message=message)

    def guild_message(
        self,
        content: str,
        *,
        user: FakeUser | None = None,
        channel_id: int | None = None,
        mention_bot: bool = False,
        attachments: Sequence[FakeAttachment] = (),
    ) -> dict[str, Any]:
        """MESSAGE_CREATE payload from a user in a guild channel; ``mention_bot`` prefixes ``<@bot>``."""
        guild, channel = self._locate(channel_id)
        user = user or self.user
        message = self._user_message(content, channel.id, user, attachments, mention_bot)
        message["guild_id"] = str(guild.id)
        message["member"] = user.to_member(with_user=False)
        for mention in message["mentions"]:
            mention["member"] = self.bot_user.to_member(with_user=False)
        return message

    def dm_message(
        self, content: str, *, user: FakeUser | None = None, attachments: Sequence[FakeAttachment] = ()
    ) -> dict[str, Any]:
        """MESSAGE_CREATE payload of a direct message from ``user`` to the bot."""
        user = user or self.user
        return self._user_message(content, self._dm_channel_id(user), user, attachments, False)

    def _user_message(
        self,
        content: str,
        channel_id: int,
        user: FakeUser,
        attachments: Sequence[FakeAttachment],
        mention_bot: bool,
    ) -> dict[str, Any]:
        message_id = self.snowflake()
        return {
            "id": str(message_id),
            "channel_id": str(channel_id),
            "type": 0,
            "author": user.to_user(),
            "content": f"<@{self.bot_user.id}> {content}" if mention_bot else content,
            "mentions": [self.bot_user.to_user()] if mention_bot else [],
            "mention_roles": [],
            "mention_everyone": False,
            "attachments": [self._attachment(a.filename, a.content, a.content_type) for a in attachments],
            "embeds": [],
            "components": [],
            "timestamp": timestamp(),
            "edited_timestamp": None,
            "tts": False,
            "pinned": False,
            "flags": 0,
            "nonce": str(message_id),
        }


# --------------------------------------------------------------------------- helpers


def _custom_ids(node: Any) -> set[str]:
    """Every custom_id in a (possibly nested) component payload."""
    if isinstance(node, list):
        return set().union(*(_custom_ids(item) for item in node))
    if isinstance(node, dict):
        found = {node["custom_id"]} if "custom_id" in node else set()
        children = [node[key] for key in ("components", "component", "accessory") if key in node]
        return found.union(*map(_custom_ids, children))
    return set()


def _text_inputs(node: Any, label: str | None = None) -> Iterator[tuple[str, str | None]]:
    """(custom_id, label) of every text input in a modal payload (action rows or Label components)."""
    if isinstance(node, list):
        for item in node:
            yield from _text_inputs(item, label)
    elif isinstance(node, dict):
        if node.get("type") == 4:
            yield node["custom_id"], node.get("label") or label
            return
        label = node.get("label", label) if node.get("type") == 18 else label
        for key in ("components", "component"):
            if key in node:
                yield from _text_inputs(node[key], label)


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
