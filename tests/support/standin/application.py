"""Login and discovery (``/users/@me``, ``/gateway``, the application) and application command sync.

What discord.py asks before it connects, and where ``tree.sync()`` puts the commands that the event builders
then take their ids from.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from tests.support.standin.records import RECORD
from tests.support.standin.responses import error_response, json_response
from tests.support.standin.state import StandInState


class Application(StandInState):
    """The HTTP routes about the bot itself and its commands."""

    async def _get_me(self, request: web.Request) -> web.Response:
        me = self.bot_user.to_user() | {"verified": True, "mfa_enabled": False, "flags": 0, "locale": "en-US"}
        return json_response(me)

    async def _get_gateway(self, request: web.Request) -> web.Response:
        payload: dict[str, Any] = {"url": self.gateway_url}
        if request.path.endswith("/bot"):
            limit = {"total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1}
            payload |= {"shards": self.shard_count, "session_start_limit": limit}
        return json_response(payload)

    async def _get_application(self, request: web.Request) -> web.Response:
        return json_response(
            {
                "id": str(self.application_id),
                "name": self.bot_user.username,
                "icon": None,
                "description": "",
                "summary": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "verify_key": "0" * 64,
                "owner": self.owner.to_user(),
                "team": None,
                "flags": self.application_flags,
                "bot": self.bot_user.to_user(),
                "interactions_endpoint_url": None,
                "redirect_uris": [],
                "tags": [],
            }
        )

    async def _get_commands(self, request: web.Request) -> web.Response:
        guild = request.match_info.get("guild")
        return json_response(self.commands.get(int(guild) if guild else None, []))

    async def _put_commands(self, request: web.Request) -> web.Response:
        if int(request.match_info["app"]) != self.application_id:
            return error_response(403, "Missing Access", 50001)
        guild = request.match_info.get("guild")
        guild_id = int(guild) if guild else None
        previous = {(c["name"], c["type"]): c for c in self.commands.get(guild_id, [])}
        stored = []
        for command in request[RECORD].json or []:
            kind = command.get("type", 1)
            old = previous.get((command["name"], kind))
            stored.append(
                {"description": "", "options": [], "default_member_permissions": None, "nsfw": False}
                | command
                | {
                    "id": old["id"] if old else str(self.snowflake()),
                    "type": kind,
                    "application_id": str(self.application_id),
                    "version": str(self.snowflake()),
                }
                | ({"guild_id": str(guild_id)} if guild_id else {})
            )
        self.commands[guild_id] = stored
        return json_response(stored)
