"""The gateway websocket: HELLO and heartbeats, IDENTIFY and RESUME, member requests, dispatching events to
the shard that owns them, and the server-side closes and invalidated sessions a test asks for.

Events reach the bot only through here, so this is also where Discord's gateway rules live: sessions survive a
reconnect when resumed, a bad token closes with 4004, and guild message content is blanked unless the client
asked for the MESSAGE_CONTENT intent.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.support.standin.records import GatewayFrame, Records
from tests.support.standin.state import InteractionState, StandInState
from tests.support.standin.world import FakeGuild, FakeUser

MESSAGE_CONTENT_INTENT = 1 << 15


@dataclass
class Session:
    """An identified gateway session, resumable from another connection."""

    id: str
    shard: tuple[int, int]
    intents: int
    seq: int = 0


@dataclass
class GatewayConnection:
    id: int
    query: dict[str, str]  # v, encoding, compress as requested by the client
    ws: web.WebSocketResponse = field(repr=False)
    shard: tuple[int, int] | None = None
    session: Session | None = field(default=None, repr=False)
    ready: bool = False  # identified or resumed
    close_code: int | None = None  # the stand-in's code if it closed the socket, else the client's
    lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)

    @property
    def live(self) -> bool:
        return self.ready and not self.ws.closed


class Gateway(StandInState, Records):
    """The gateway's connections and sessions, mixed into the stand-in."""

    def __init__(self) -> None:
        super().__init__()
        self.connections: list[GatewayConnection] = []
        self._sessions: dict[str, Session] = {}

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        conn = GatewayConnection(id=len(self.connections) + 1, query=dict(request.query), ws=ws)
        self.connections.append(conn)
        self._notify()
        try:
            hello = {"heartbeat_interval": int(self.heartbeat_interval * 1000)}
            await self._send(conn, {"op": 10, "d": hello})
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    frame = json.loads(msg.data)
                    await self._on_frame(conn, frame.get("op"), frame.get("d"))
        finally:
            if conn.close_code is None:  # closed by the client
                conn.close_code = ws.close_code
            self._notify()
        return ws

    async def _send(self, conn: GatewayConnection, frame: dict[str, Any]) -> None:
        async with conn.lock:  # sequence numbers go out in order
            frame = {"s": None, "t": None} | frame
            if frame["op"] == 0 and conn.session is not None:
                conn.session.seq += 1
                frame["s"] = conn.session.seq
            await conn.ws.send_str(json.dumps(frame))

    async def _send_event(self, conn: GatewayConnection, event: str, data: Any) -> None:
        await self._send(conn, {"op": 0, "t": event, "d": data})

    async def _on_frame(self, conn: GatewayConnection, op: int, data: Any) -> None:
        if op == 1:
            await self._send(conn, {"op": 11})
        elif op == 2:
            await self._identify(conn, data)
        elif op == 6:
            await self._resume(conn, data)
        elif op == 8:
            await self._send_member_chunk(conn, data)
        self.gateway_frames.append(GatewayFrame(conn.id, op, data))
        self._notify()

    async def _identify(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        if self.token is not None and data.get("token") != self.token:
            await self._close(conn, 4004, "Authentication failed.")
            return
        shard = (int(data["shard"][0]), int(data["shard"][1])) if data.get("shard") else (0, 1)
        if shard[0] >= shard[1]:
            await self._close(conn, 4010, "Invalid shard.")
            return
        session = Session(uuid.uuid4().hex, shard, int(data.get("intents", 0)))
        self._sessions[session.id] = session
        conn.shard, conn.session = shard, session
        guilds = [g for g in self.guilds if _on_shard(g.id, shard)]
        ready: dict[str, Any] = {
            "v": 10,
            "user": self.bot_user.to_user() | {"verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.application_id), "flags": self.application_flags},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "user_settings": {},
            "geo_ordered_rtc_regions": [],
            "_trace": ["discord-standin"],
        }
        if data.get("shard"):
            ready["shard"] = list(shard)
        await self._send_event(conn, "READY", ready)
        for guild in guilds:
            await self._send_event(conn, "GUILD_CREATE", self._guild_create(guild))
        conn.ready = True

    async def _resume(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        session = self._sessions.get(data.get("session_id", ""))
        if session is None or (self.token is not None and data.get("token") != self.token):
            await self._send(conn, {"op": 9, "d": False})  # INVALID_SESSION, not resumable
            return
        for other in self.connections:
            if other.session is session:
                other.ready = False
        conn.shard, conn.session = session.shard, session
        await self._send_event(conn, "RESUMED", {"_trace": ["discord-standin"]})
        conn.ready = True

    async def _send_member_chunk(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        guild = next((g for g in self.guilds if g.id == int(data["guild_id"])), None)
        members = self._members(guild) if guild else []
        if data.get("user_ids"):
            wanted = {int(u) for u in data["user_ids"]}
            members = [m for m in members if m.id in wanted]
        else:
            query = (data.get("query") or "").lower()
            members = [m for m in members if m.username.lower().startswith(query)]
            members = members[: data["limit"]] if data.get("limit") else members
        chunk = {
            "guild_id": str(data["guild_id"]),
            "members": [m.to_member() for m in members],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if data.get("nonce"):
            chunk["nonce"] = data["nonce"]
        await self._send_event(conn, "GUILD_MEMBERS_CHUNK", chunk)

    def _members(self, guild: FakeGuild) -> list[FakeUser]:
        if any(m.id == self.bot_user.id for m in guild.members):
            return list(guild.members)
        return [*guild.members, self.bot_user]

    def _guild_create(self, guild: FakeGuild) -> dict[str, Any]:
        members = self._members(guild)
        return {
            "id": str(guild.id),
            "name": guild.name,
            "icon": None,
            "owner_id": str(guild.owner_id),
            "unavailable": False,
            "large": False,
            "member_count": len(members),  # equals the members sent, so discord.py sees the guild as chunked
            "joined_at": "2024-01-01T00:00:00+00:00",
            "roles": [role.to_payload() for role in guild.roles],
            "channels": [channel.to_payload() for channel in guild.channels],
            "members": [member.to_member() for member in members],
            "threads": [],
            "presences": [],
            "voice_states": [],
            "emojis": [],
            "stickers": [],
            "features": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "preferred_locale": "en-US",
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "afk_timeout": 300,
            "system_channel_id": None,
        }

    def _live(self, guild_id: int | None, shard_id: int | None) -> GatewayConnection | None:
        for conn in reversed(self.connections):
            if not conn.live or conn.shard is None:
                continue
            if conn.shard[0] == shard_id if shard_id is not None else _on_shard(guild_id, conn.shard):
                return conn
        return None

    async def dispatch(
        self, event: str, data: dict[str, Any], *, shard_id: int | None = None, timeout: float = 5.0
    ) -> dict[str, Any]:
        """Send a DISPATCH event (e.g. ``INTERACTION_CREATE``, ``MESSAGE_CREATE``) and return ``data``.

        It goes to the shard owning ``data["guild_id"]`` (shard 0 without one) unless ``shard_id``
        is given, and waits up to ``timeout`` for that shard to be connected (e.g. while resuming).
        """
        guild_id = int(data["guild_id"]) if data.get("guild_id") else None
        conn = await self._wait(
            lambda: self._live(guild_id, shard_id),
            timeout,
            lambda: f"no identified gateway connection for guild {guild_id} / shard {shard_id}",
        )
        if event == "INTERACTION_CREATE":
            self.interactions[int(data["id"])] = InteractionState(data)
        elif event == "MESSAGE_CREATE":
            self.messages[int(data["id"])] = data
            if conn.session is not None and not self._gets_content(conn.session, data):
                data = data | {"content": "", "embeds": [], "attachments": [], "components": []}
        await self._send_event(conn, event, data)
        return data

    def _gets_content(self, session: Session, message: Mapping[str, Any]) -> bool:
        mentioned = any(int(user["id"]) == self.bot_user.id for user in message.get("mentions", []))
        return bool(session.intents & MESSAGE_CONTENT_INTENT) or "guild_id" not in message or mentioned

    def _live_connections(self, shard_id: int | None) -> list[GatewayConnection]:
        live = [c for c in self.connections if c.live and c.shard is not None]
        return [c for c in live if shard_id is None or c.shard and c.shard[0] == shard_id]

    async def close_gateway(
        self, code: int = 4000, *, shard_id: int | None = None, forget_session: bool = False
    ) -> None:
        """Close live gateway sockets from the server side (all shards unless ``shard_id``).

        discord.py reconnects and RESUMEs for most codes (4000, 1001, ...) but gives up on 4004,
        4010-4014. With ``forget_session`` the RESUME gets INVALID_SESSION, so the client re-IDENTIFYs.
        """
        for conn in self._live_connections(shard_id):
            if forget_session and conn.session is not None:
                self._sessions.pop(conn.session.id, None)
            await self._close(conn, code, "closed by the stand-in")

    async def _close(self, conn: GatewayConnection, code: int, reason: str) -> None:
        conn.ready, conn.close_code = False, code
        await conn.ws.close(code=code, message=reason.encode())

    async def invalidate_session(self, *, resumable: bool = False, shard_id: int | None = None) -> None:
        """Send op 9 INVALID_SESSION; discord.py reconnects and re-IDENTIFYs (RESUMEs if resumable)."""
        for conn in self._live_connections(shard_id):
            conn.ready = False
            if not resumable and conn.session is not None:
                self._sessions.pop(conn.session.id, None)
            await self._send(conn, {"op": 9, "d": resumable})


def _on_shard(guild_id: int | None, shard: tuple[int, int]) -> bool:
    """Discord's shard formula; events without a guild (DMs) go to shard 0."""
    return shard[0] == (0 if guild_id is None else (guild_id >> 22) % shard[1])
