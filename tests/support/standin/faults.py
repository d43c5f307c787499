"""HTTP failures a test asks for (``fail_next``): how the bot copes with a 401, a 403 or a rate limit.

Discord fails rarely and never on cue, so the stand-in fails only when told to. The gateway's faults (closes,
invalidated sessions) belong to the gateway module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aiohttp import web

from tests.support.standin.records import RecordedRequest
from tests.support.standin.responses import error_response, json_response


@dataclass
class Failure:
    method: str
    path: re.Pattern[str]
    status: int
    times: int
    retry_after: float
    is_global: bool


class Faults:
    """The failures still to give, consulted for every HTTP request."""

    def __init__(self) -> None:
        super().__init__()
        self._failures: list[Failure] = []

    def fail_next(
        self,
        method: str,
        path: str,
        status: int,
        *,
        times: int = 1,
        retry_after: float = 0.05,
        is_global: bool = False,
    ) -> None:
        """Answer the next ``times`` matching requests with ``status`` (401 bad token, 429 rate limit, ...).

        A 429 carries the headers discord.py needs to treat it as a Discord rate limit (``Via``)
        and a ``retry_after`` in seconds; discord.py then sleeps and retries.
        """
        failure = Failure(method.upper(), re.compile(path), status, times, retry_after, is_global)
        self._failures.append(failure)

    def _take_failure(self, record: RecordedRequest) -> web.Response | None:
        for failure in self._failures:
            if failure.times > 0 and failure.method == record.method and failure.path.fullmatch(record.path):
                failure.times -= 1
                return _failure_response(failure)
        return None


def _failure_response(failure: Failure) -> web.Response:
    if failure.status == 429:
        headers = {
            "Via": "1.1 google",  # without it discord.py assumes a Cloudflare ban and does not retry
            "Retry-After": str(max(1, round(failure.retry_after))),
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset-After": str(failure.retry_after),
            "X-RateLimit-Scope": "global" if failure.is_global else "user",
        }
        if failure.is_global:
            headers["X-RateLimit-Global"] = "true"
        body = {
            "message": "You are being rate limited.",
            "retry_after": failure.retry_after,
            "global": failure.is_global,
        }
        return json_response(body, 429, headers)
    known = {401: ("401: Unauthorized", 0), 403: ("Missing Permissions", 50013), 404: ("404: Not Found", 0)}
    message, code = known.get(failure.status, (f"{failure.status}: stand-in failure", 0))
    return error_response(failure.status, message, code)
