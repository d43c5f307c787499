"""The answers the bot gives, written to the knowledge base in batches, and found before they are written.

Writing each answer as it is given would cost a thread hop and a commit per question on the hot path;
instead answers wait here and are written once a second, all in one transaction.  An answer's buttons
name it, and a click can come before its batch is written (even before the answer's own send has
returned): `written` then waits for the send and writes the batch at once, so the click finds it.  A reply
to an answer (a follow-up) likewise writes the batch holding it first (`message_written`), so the
conversation it continues is read from the database, as it is after a restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from knowledge import Answer, GivenAnswer

log = logging.getLogger(__name__)
SEND_WAIT = 5.0  # seconds a click waits for the send of the answer it is on


@dataclass(eq=False, slots=True)
class _Pending:
    """An answer given and not yet written, kept as it came (the log's row is made when it is written)."""

    id: int
    answer: Answer
    guild_id: int | None
    at: float = field(default_factory=time.time)
    sent: asyncio.Event = field(default_factory=asyncio.Event)  # the send returned (message id known, or not)
    message_id: int | None = None
    follows: int | None = None  # the answer a follow-up replied to

    def given(self) -> GivenAnswer:
        return GivenAnswer(
            id=self.id,
            question=self.answer.question,
            language=self.answer.language,
            answered=self.answer.answered,
            fact_ids=tuple(fact.id for fact in self.answer.facts),
            guild_id=str(self.guild_id) if self.guild_id else None,
            message_id=self.message_id,
            at=datetime.fromtimestamp(self.at, UTC),
            follows=self.follows,
        )


class AnswerLog:
    def __init__(
        self, record: Callable[[list[GivenAnswer]], None], run_db: Callable[..., Awaitable[Any]], interval: float = 1.0
    ) -> None:
        self.record = record  # KnowledgeBase.record_answers: writes a batch in one transaction
        self.run_db = run_db
        self.interval = interval
        self._pending: dict[int, _Pending] = {}
        self._lock = asyncio.Lock()  # one write at a time; a click waits for the write under way
        self._writer: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._writer = asyncio.create_task(self._write_every_interval(), name="answer-log")

    async def stop(self) -> None:
        """Stop writing on a timer, then write what was sent."""
        if self._writer is not None:
            self._writer.cancel()
            await asyncio.wait({self._writer})  # ended; a cancellation of the caller's own still goes through
        await self.flush()

    def begin(self, answer_id: int, answer: Answer, guild_id: int | None, follows: int | None = None) -> _Pending:
        """An answer about to be sent (a follow-up of the answer `follows`); call `sent` or `failed` once the send
        returns."""
        pending = _Pending(answer_id, answer, guild_id, follows=follows)
        self._pending[answer_id] = pending
        return pending

    def sent(self, pending: _Pending, message_id: int | None) -> None:
        pending.message_id = message_id
        pending.sent.set()

    def failed(self, pending: _Pending) -> None:
        """The answer never reached Discord: nothing to log, and nothing can be clicked."""
        self._pending.pop(pending.id, None)
        pending.sent.set()

    async def written(self, answer_id: int) -> None:
        """Make sure the answer `answer_id` is in the database if it was given here (a click on it came)."""
        pending = self._pending.get(answer_id)
        if pending is None and not self._lock.locked():
            return
        if pending is not None and not pending.sent.is_set():
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(SEND_WAIT):  # not wait_for, which can swallow a cancellation (3.11)
                    await pending.sent.wait()
        await self.flush()

    async def message_written(self, message_id: int) -> None:
        """Make sure the answer sent as message `message_id` is in the database if it was given here (a reply to
        it came, maybe before its batch was written)."""
        if self._lock.locked() or any(p.message_id == message_id for p in self._pending.values()):
            await self.flush()

    async def flush(self) -> None:
        """Write every answer whose send has returned; those still being sent wait for the next flush."""
        async with self._lock:
            ready = [p for p in self._pending.values() if p.sent.is_set()]
            if not ready:
                return
            for pending in ready:
                del self._pending[pending.id]
            try:
                await self.run_db(self._record, ready)
            except Exception:
                log.warning("could not record %d answer(s)", len(ready), exc_info=True)

    async def _write_every_interval(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            await self.flush()

    def _record(self, answers: list[_Pending]) -> None:
        """In a thread: making the rows is work the event loop need not do."""
        self.record([pending.given() for pending in answers])
