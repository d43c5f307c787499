"""What the bot sent: every HTTP request and gateway frame, and waiting until a matching one arrives.

Tests assert on what discord.py really sent, so everything is kept. A wait claims the record it returns, so
successive waits for the same route see successive requests rather than the first one again.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiohttp import web
from multidict import CIMultiDict

T = TypeVar("T")


@dataclass
class RecordedRequest:
    method: str
    path: str  # relative to /api/v10 for API routes, e.g. "/channels/1/messages"
    query: dict[str, str]
    headers: CIMultiDict[str]
    json: Any = None  # parsed JSON body, or the parsed ``payload_json`` of a multipart body
    files: dict[str, bytes] = field(default_factory=dict)  # filename -> bytes
    status: int = 0
    response: Any = None  # the JSON the stand-in answered with (None for 204)
    claimed: bool = field(default=False, repr=False)


@dataclass
class GatewayFrame:
    """A frame the client sent: op 1 heartbeat, 2 identify, 3 presence, 6 resume, 8 member request."""

    connection: int
    op: int
    data: Any
    claimed: bool = field(default=False, repr=False)


RECORD = web.RequestKey("record", RecordedRequest)  # the middleware's record, for the handlers


class Records:
    """The stand-in's records and the waits on them."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[RecordedRequest] = []
        self.gateway_frames: list[GatewayFrame] = []
        self._changed = asyncio.Event()

    @property
    def identifies(self) -> list[dict[str, Any]]:
        """IDENTIFY payloads received (token, intents, shard, properties, ...)."""
        return [frame.data for frame in self.gateway_frames if frame.op == 2]

    @property
    def resumes(self) -> list[dict[str, Any]]:
        return [frame.data for frame in self.gateway_frames if frame.op == 6]

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait(self, find: Callable[[], T | None], timeout: float, describe: Callable[[], str]) -> T:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            changed = self._changed
            found = find()
            if found is not None:
                return found
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(describe())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), remaining)

    def _summary(self) -> str:
        return ", ".join(f"{r.method} {r.path} -> {r.status}" for r in self.requests[-20:]) or "none"

    def requests_matching(self, method: str, path: str) -> list[RecordedRequest]:
        """All recorded requests whose method matches and whose path fully matches the regex ``path``."""
        pattern = re.compile(path)
        return [r for r in self.requests if r.method == method.upper() and pattern.fullmatch(r.path)]

    async def wait_for_request(
        self,
        method: str,
        path: str,
        *,
        predicate: Callable[[RecordedRequest], bool] | None = None,
        timeout: float = 2.0,
    ) -> RecordedRequest:
        """The first answered request matching (regex ``path`` in full) not returned by an earlier wait."""

        def find() -> RecordedRequest | None:
            for request in self.requests_matching(method, path):
                if not request.claimed and (predicate is None or predicate(request)):
                    request.claimed = True
                    return request
            return None

        return await self._wait(
            find, timeout, lambda: f"no {method} {path} within {timeout}s; requests: {self._summary()}"
        )

    async def wait_for_gateway(
        self,
        op: int,
        *,
        predicate: Callable[[GatewayFrame], bool] | None = None,
        timeout: float = 2.0,
    ) -> GatewayFrame:
        """The first frame with ``op`` the client sent (and the stand-in handled) not returned before."""

        def find() -> GatewayFrame | None:
            for frame in self.gateway_frames:
                if frame.op == op and not frame.claimed and (predicate is None or predicate(frame)):
                    frame.claimed = True
                    return frame
            return None

        def describe() -> str:
            return f"no gateway op {op} within {timeout}s; got ops {[f.op for f in self.gateway_frames]}"

        return await self._wait(find, timeout, describe)

