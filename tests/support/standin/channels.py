"""Channels over HTTP: fetching one, posting, fetching, editing and deleting messages, typing, reactions,
opening a DM, and downloading attachments."""

from __future__ import annotations

from aiohttp import web

from tests.support.standin.messages import Messages
from tests.support.standin.records import RECORD
from tests.support.standin.responses import error_response, json_response
from tests.support.standin.world import FakeUser


class Channels(Messages):
    """The HTTP routes of channels, messages, DMs and attachments."""

    async def _get_channel(self, request: web.Request) -> web.Response:
        channel_id = int(request.match_info["channel"])
        if channel_id in self._dm_channels:
            return json_response(self._dm_payload(self._dm_channels[channel_id], channel_id))
        for guild in self.guilds:
            if (channel := guild.channel(channel_id)) is not None:
                return json_response(channel.to_payload(guild.id))
        return error_response(404, "Unknown Channel", 10003)

    async def _create_message(self, request: web.Request) -> web.Response:
        channel_id = int(request.match_info["channel"])
        if channel_id not in self._dm_channels and not any(g.channel(channel_id) for g in self.guilds):
            return error_response(404, "Unknown Channel", 10003)
        if channel_id in self._dm_channels and self._dm_channels[channel_id].id in self.closed_dms:
            return error_response(403, "Cannot send messages to this user", 50007)
        record = request[RECORD]
        return json_response(self._new_message(channel_id, record.json or {}, record.files))

    async def _channel_message(self, request: web.Request) -> web.Response:
        message_id = int(request.match_info["message"])
        message = self.messages.get(message_id)
        if message is None or message["channel_id"] != request.match_info["channel"]:
            return error_response(404, "Unknown Message", 10008)
        return self._message_operation(request, message_id)

    async def _create_dm(self, request: web.Request) -> web.Response:
        recipient_id = int((request[RECORD].json or {}).get("recipient_id", 0))
        known = (m for g in self.guilds for m in g.members if m.id == recipient_id)
        user = next(known, None) or FakeUser(recipient_id, f"user{recipient_id}")
        return json_response(self._dm_payload(user, self._dm_channel_id(user)))

    async def _get_attachment(self, request: web.Request) -> web.Response:
        content = self._files.get(int(request.match_info["attachment"]))
        if content is None:
            return web.Response(status=404, text="404: Not Found")
        return web.Response(body=content, content_type="application/octet-stream")

    async def _no_content(self, request: web.Request) -> web.Response:
        return web.Response(status=204)
