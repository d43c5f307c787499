"""How the bot answers interactions: the one callback (of a type Discord allows for the interaction) and the
interaction webhooks (followups, the original response and its edits).

Discord's rules are kept here because a bot breaks them easily: an interaction is acknowledged once, followups
need an acknowledged interaction, and the first followup after a defer fills the "thinking" message.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from tests.support.standin.messages import EPHEMERAL, LOADING, Messages
from tests.support.standin.records import RECORD
from tests.support.standin.responses import error_response, json_response
from tests.support.standin.state import InteractionState

#: Regexes (for ``wait_for_request``) of the interaction callback and followup routes.
CALLBACK_PATH = r"/interactions/\d+/[^/]+/callback"
FOLLOWUP_PATH = r"/webhooks/\d+/[^/]+"

# Interaction type -> callback types Discord accepts for it.
_ALLOWED_CALLBACKS = {2: {4, 5, 9, 12}, 3: {4, 5, 6, 7, 9}, 4: {8}, 5: {4, 5, 6, 7}}


class Callbacks(Messages):
    """The HTTP routes of interaction responses."""

    async def _interaction_callback(self, request: web.Request) -> web.Response:
        state = self.interactions.get(int(request.match_info["interaction"]))
        if state is None or state.payload["token"] != request.match_info["token"]:
            return error_response(404, "Unknown interaction", 10062)
        if state.responded:
            return error_response(400, "Interaction has already been acknowledged.", 40060)
        body = request[RECORD].json or {}
        kind, data = body.get("type"), body.get("data") or {}
        if kind not in _ALLOWED_CALLBACKS.get(state.payload["type"], set()):
            reason = f"Invalid Form Body: callback type {kind} for interaction type {state.payload['type']}"
            return error_response(400, reason, 50035)
        state.responded = True
        channel_id = int(state.payload["channel_id"])
        message: dict[str, Any] | None = None
        if kind == 4:
            message = self._new_message(channel_id, data, request[RECORD].files, interaction=state)
        elif kind == 5:
            placeholder = {"flags": LOADING | (data.get("flags", 0) & EPHEMERAL)}
            message = self._new_message(channel_id, placeholder, {}, interaction=state)
            state.loading = True
        elif kind in (6, 7) and "message" in state.payload:
            target = state.payload["message"]
            message = self.messages.setdefault(int(target["id"]), target)
            if kind == 7:
                message = self._edit_message(message, data, request[RECORD].files)
        if message is not None:
            state.original_message_id = int(message["id"])
        if request.query.get("with_response") not in ("1", "true", "True"):
            return web.Response(status=204)
        resource: dict[str, Any] = {"type": kind}
        if message is not None and kind in (4, 7):
            resource["message"] = message
        return json_response(
            {
                "interaction": {
                    "id": state.payload["id"],
                    "type": state.payload["type"],
                    "activity_instance_id": None,
                    "response_message_id": message["id"] if message else None,
                    "response_message_loading": kind == 5,
                    "response_message_ephemeral": bool(message and message["flags"] & EPHEMERAL),
                },
                "resource": resource,
            }
        )

    def _webhook_interaction(self, request: web.Request) -> InteractionState | None:
        if int(request.match_info["app"]) != self.application_id:
            return None
        token = request.match_info["token"]
        state = next((s for s in self.interactions.values() if s.payload["token"] == token), None)
        return state if state is not None and state.responded else None

    async def _execute_webhook(self, request: web.Request) -> web.Response:
        state = self._webhook_interaction(request)
        if state is None:
            return error_response(404, "Unknown Webhook", 10015)
        record = request[RECORD]
        body = dict(record.json or {})
        if state.loading and state.original_message_id in self.messages:
            # Discord: the first followup after a defer replaces the "thinking" message.
            body.pop("flags", None)
            message = self._edit_message(self.messages[state.original_message_id], body, record.files)
            state.loading = False
        else:
            channel_id = int(state.payload["channel_id"])
            message = self._new_message(channel_id, body, record.files, interaction=state)
        if request.query.get("wait") not in ("1", "true", "True"):
            return web.Response(status=204)
        return json_response(message)

    async def _webhook_message(self, request: web.Request) -> web.Response:
        state = self._webhook_interaction(request)
        if state is None:
            return error_response(404, "Unknown Webhook", 10015)
        raw = request.match_info["message"]
        message_id = state.original_message_id if raw == "@original" else int(raw) if raw.isdigit() else None
        if message_id is None or message_id not in self.messages:
            return error_response(404, "Unknown Message", 10008)
        if raw == "@original" and request.method == "PATCH":
            state.loading = False
        return self._message_operation(request, message_id)
