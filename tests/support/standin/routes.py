"""The HTTP side as one aiohttp app: which handler answers which route, and the middleware every request goes
through (recorded, failed when a test asked for it, refused without the bot's token).

Handlers are looked up on the stand-in when the app starts, so a subclass can wrap one (the load benchmark
times interaction callbacks that way).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from multidict import CIMultiDict

from tests.support.standin.application import Application
from tests.support.standin.callbacks import Callbacks
from tests.support.standin.channels import Channels
from tests.support.standin.faults import Faults
from tests.support.standin.gateway import Gateway
from tests.support.standin.records import RECORD, RecordedRequest
from tests.support.standin.responses import error_response
from tests.support.standin.state import API_PREFIX, WS_PATH

_log = logging.getLogger(__name__)


class Routes(Application, Callbacks, Channels, Gateway, Faults):
    """The routes table and the middleware, over the handlers of every part."""

    def _add_routes(self, router: web.UrlDispatcher) -> None:
        api = API_PREFIX
        app_path = f"{api}/applications/{{app:\\d+}}"
        webhook = f"{api}/webhooks/{{app:\\d+}}/{{token}}"
        message = f"{api}/channels/{{channel:\\d+}}/messages/{{message:\\d+}}"
        router.add_get(WS_PATH, self._gateway)
        router.add_get(f"{api}/users/@me", self._get_me)
        router.add_post(f"{api}/users/@me/channels", self._create_dm)
        router.add_get(f"{api}/gateway", self._get_gateway)
        router.add_get(f"{api}/gateway/bot", self._get_gateway)
        router.add_get(f"{api}/oauth2/applications/@me", self._get_application)
        for path in (f"{app_path}/commands", f"{app_path}/guilds/{{guild:\\d+}}/commands"):
            router.add_get(path, self._get_commands)
            router.add_put(path, self._put_commands)
        callback = f"{api}/interactions/{{interaction:\\d+}}/{{token}}/callback"
        router.add_post(callback, self._interaction_callback)
        router.add_post(webhook, self._execute_webhook)
        router.add_route("*", f"{webhook}/messages/{{message}}", self._webhook_message)
        router.add_get(f"{api}/channels/{{channel:\\d+}}", self._get_channel)
        router.add_post(f"{api}/channels/{{channel:\\d+}}/messages", self._create_message)
        router.add_post(f"{api}/channels/{{channel:\\d+}}/typing", self._no_content)
        router.add_route("*", message, self._channel_message)
        router.add_route("*", f"{message}/reactions/{{emoji}}/{{user}}", self._no_content)
        router.add_get("/attachments/{attachment:\\d+}/{filename}", self._get_attachment)

    @web.middleware
    async def _middleware(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        if request.path == WS_PATH:
            return await handler(request)
        record = await _record(request)
        request[RECORD] = record
        response: web.StreamResponse
        if (failure := self._take_failure(record)) is not None:
            response = failure
        elif not self._authorized(request, record.path):
            response = error_response(401, "401: Unauthorized")
        else:
            try:
                response = await handler(request)
            except web.HTTPException as exc:  # no such route / method
                response = error_response(exc.status, f"{exc.status}: {exc.reason}")
            except Exception as exc:  # a bug in the stand-in; make it visible
                _log.exception("stand-in handler failed for %s %s", record.method, record.path)
                response = error_response(400, f"stand-in error: {exc!r}")
        record.status = response.status
        if isinstance(response, web.Response) and response.content_type == "application/json":
            record.response = json.loads(response.text or "null")
        self.requests.append(record)
        self._notify()
        return response

    def _authorized(self, request: web.Request, path: str) -> bool:
        if self.token is None or not request.path.startswith(API_PREFIX):
            return True
        if path == "/gateway" or path.startswith(("/interactions/", "/webhooks/")):
            return True  # these routes are authenticated by the interaction token in the URL
        return request.headers.get("Authorization") == f"Bot {self.token}"


async def _record(request: web.Request) -> RecordedRequest:
    """Read and parse a request body: JSON, or multipart with ``payload_json`` and files."""
    api = request.path.startswith(API_PREFIX)
    record = RecordedRequest(
        method=request.method,
        path=request.path[len(API_PREFIX) :] if api else request.path,
        query=dict(request.query),
        headers=CIMultiDict(request.headers),
    )
    if request.content_type.startswith("multipart/"):
        for name, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                record.files[value.filename] = value.file.read()
            elif name == "payload_json":
                record.json = json.loads(value)
    elif request.can_read_body:
        body = await request.text()
        try:
            record.json = json.loads(body)
        except ValueError:
            record.json = body
    return record
