"""The messages the bot posts (channel messages, interaction responses, followups), their files, and DM channels.

Kept by id, so tests read what the bot said and the bot fetches, edits and deletes what it posted. Attachment
URLs point back at the stand-in, so ``Attachment.read()`` works; a DM channel is opened on first use, and
refuses messages to a user in ``closed_dms``.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from aiohttp import web

from tests.support.standin.records import RECORD
from tests.support.standin.responses import error_response, json_response
from tests.support.standin.state import InteractionState, StandInState
from tests.support.standin.world import FakeUser

EPHEMERAL = 1 << 6  # message flags
LOADING = 1 << 7


def timestamp() -> str:
    return datetime.now(UTC).isoformat()


class Messages(StandInState):
    """Creating, editing and serving the bot's messages and the files on them."""

    def __init__(self) -> None:
        super().__init__()
        self._dm_channels: dict[int, FakeUser] = {}
        self._files: dict[int, bytes] = {}  # attachment id -> content
        # Users who accept no direct message from the bot (closed DMs, or no server shared): Discord opens the
        # DM channel but refuses every message posted there with 403, code 50007.
        self.closed_dms: set[int] = set()

    def _attachment(self, filename: str, content: bytes, content_type: str | None = None) -> dict[str, Any]:
        attachment_id = self.snowflake()
        self._files[attachment_id] = content
        url = f"{self.base_url}/attachments/{attachment_id}/{quote(filename)}"
        return {
            "id": str(attachment_id),
            "filename": filename,
            "size": len(content),
            "url": url,
            "proxy_url": url,
            "content_type": content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream",
        }

    def _new_message(
        self,
        channel_id: int,
        body: Mapping[str, Any],
        files: Mapping[str, bytes],
        *,
        interaction: InteractionState | None = None,
    ) -> dict[str, Any]:
        """A message the bot created (channel message, interaction response or followup); stored."""
        message: dict[str, Any] = {
            "id": str(self.snowflake()),
            "channel_id": str(channel_id),
            "type": 0,
            "author": self.bot_user.to_user(),
            "content": body.get("content") or "",
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "attachments": [self._attachment(name, content) for name, content in files.items()],
            "timestamp": timestamp(),
            "edited_timestamp": None,
            "tts": bool(body.get("tts")),
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
            "flags": body.get("flags") or 0,
        }
        if "nonce" in body:
            message["nonce"] = body["nonce"]
        if interaction is not None:
            payload = interaction.payload
            user = payload["member"]["user"] if "member" in payload else payload["user"]
            message["webhook_id"] = message["application_id"] = str(self.application_id)
            message["type"] = 20 if payload["type"] == 2 else 0
            message["interaction_metadata"] = {
                "id": payload["id"],
                "type": payload["type"],
                "user": user,
                "authorizing_integration_owners": payload.get("authorizing_integration_owners", {}),
            }
        if reference := body.get("message_reference"):
            message["type"] = 19
            keys = [key for key in ("message_id", "channel_id", "guild_id") if key in reference]
            message["message_reference"] = {"type": 0, "channel_id": str(channel_id)} | {
                key: str(reference[key]) for key in keys
            }
            if referenced := self.messages.get(int(reference["message_id"])):
                message["referenced_message"] = referenced
        self.messages[int(message["id"])] = message
        return message

    def _edit_message(
        self, message: dict[str, Any], body: Mapping[str, Any], files: Mapping[str, bytes]
    ) -> dict[str, Any]:
        for key, empty in (("content", ""), ("embeds", []), ("components", []), ("flags", 0)):
            if key in body:
                message[key] = body[key] if body[key] is not None else empty
        if "attachments" in body or files:
            keep = {str(a.get("id")) for a in body.get("attachments") or []}
            message["attachments"] = [a for a in message["attachments"] if a["id"] in keep] + [
                self._attachment(name, content) for name, content in files.items()
            ]
        message["flags"] &= ~LOADING
        message["edited_timestamp"] = timestamp()
        return message


    def _message_operation(self, request: web.Request, message_id: int) -> web.Response:
        if request.method == "GET":
            return json_response(self.messages[message_id])
        if request.method == "PATCH":
            record = request[RECORD]
            return json_response(self._edit_message(self.messages[message_id], record.json or {}, record.files))
        if request.method == "DELETE":
            del self.messages[message_id]
            return web.Response(status=204)
        return error_response(405, "405: Method Not Allowed")


    def _dm_channel_id(self, user: FakeUser) -> int:
        for channel_id, recipient in self._dm_channels.items():
            if recipient.id == user.id:
                return channel_id
        channel_id = self.snowflake()
        self._dm_channels[channel_id] = user
        return channel_id

    def _dm_payload(self, user: FakeUser, channel_id: int) -> dict[str, Any]:
        recipients = [user.to_user()]
        return {"id": str(channel_id), "type": 1, "recipients": recipients, "last_message_id": None}
