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
    MESSAGE_CONTENT intent (DMs and messages mentioning the bot keep it); a message to a user in
    ``closed_dms`` is refused with 403, code 50007.

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
    ``message_command`` (a context menu on a message), ``autocomplete``, ``component_click``,
    ``modal_submit``, ``guild_message``, ``dm_message``; each comes from the default channel, another
    guild's channel (``channel_id``) or a DM (``dm``).
  * Records: ``requests``, ``requests_matching()``, ``wait_for_request()``, ``gateway_frames``,
    ``identifies``, ``resumes``, ``wait_for_gateway()``, ``connections``.
  * Faults: ``fail_next(method, path, status)``, ``close_gateway(code)``, ``invalidate_session()``.

Typical use (``discord.http.Route.BASE`` and ``DiscordWebSocket.DEFAULT_GATEWAY`` are patched while
the stand-in is entered, so only one stand-in can be active at a time)::

    async with DiscordStandIn() as standin, standin.running(bot):
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("ask", {"question": "hi"}))
        callback = await standin.wait_for_request("POST", CALLBACK_PATH)
        assert callback.json["type"] == 4

The modules, from the data up. ``DiscordStandIn`` is one class whose parts are mixins, so that a test holds
one object and a subclass can wrap any handler:
  * ``world``: the fake users, roles, channels, guilds and attachments, their payloads, the default ids.
  * ``records``: recorded requests and gateway frames, and the waits that claim them.
  * ``state``: what the parts share: configuration, addresses, snowflakes, synced commands, messages and
    interactions.
  * ``messages``: the messages the bot posts, the files on them, DM channels.
  * ``responses``: JSON and error answers in the shape discord.py reads.
  * ``faults``: HTTP failures on request (``fail_next``).
  * ``application``, ``callbacks``, ``channels``: the HTTP API (login and command sync; interaction
    callbacks and webhooks; channels, messages, DMs and attachments); ``routes``: its table and middleware.
  * ``gateway``: the websocket, sessions, ``dispatch``, server-side closes and invalidated sessions.
  * ``events``: payload builders for what users do.
  * ``server``: ``DiscordStandIn`` itself: start and stop, patching discord.py, ``running(client)``.

The package is named ``discord`` inside ``tests.support``: imported as ``tests.support.standin`` it hides
nothing, but a script run from ``tests/support/`` would find it instead of discord.py, so support scripts
run as modules (``python -m tests.support.forked_cli``).
"""

from tests.support.standin.callbacks import CALLBACK_PATH, FOLLOWUP_PATH
from tests.support.standin.events import ATTACHMENT_SIZE_LIMIT
from tests.support.standin.gateway import MESSAGE_CONTENT_INTENT, GatewayConnection
from tests.support.standin.messages import EPHEMERAL, LOADING
from tests.support.standin.records import GatewayFrame, RecordedRequest
from tests.support.standin.server import DEFAULT_TOKEN, DiscordStandIn
from tests.support.standin.state import API_PREFIX, DISCORD_EPOCH_MS, WS_PATH
from tests.support.standin.world import (
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
