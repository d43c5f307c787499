"""The knowledge base as the rest of the program sees it: one way in, one way out.

`KnowledgeBase` owns the store and the current snapshot.  Questions go in
through `ask` and come out as `Answer` values; moderators' changes go
through the store and invalidate the snapshot, which is rebuilt when the
shared `generation` counter says another process changed something too.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import date

from knowledge.answer import Answer
from knowledge.bundled import load_bundled
from knowledge.compose import compose
from knowledge.settings import AnswerSettings
from knowledge.snapshot import Snapshot
from knowledge.store import Store
from knowledge.understand import Query, understand

log = logging.getLogger(__name__)


class KnowledgeBase:
    def __init__(self, store: Store, settings: AnswerSettings | None = None) -> None:
        self.store = store
        self.settings = settings or AnswerSettings()
        self._snapshot: Snapshot | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    @classmethod
    def open(cls, url: str, settings: AnswerSettings | None = None, bundled: bool = True) -> KnowledgeBase:
        """Open (creating if new) the knowledge base at `url`, with the bundled facts loaded once."""
        store = Store.open(url)
        if bundled:
            load_bundled(store)
        return cls(store, settings)

    def close(self) -> None:
        self.store.close()

    def snapshot(self) -> Snapshot:
        """The current snapshot, rebuilt when the knowledge changed since it was built."""
        now = time.monotonic()
        current = self._snapshot
        if current is not None and now - self._checked_at < self.settings.refresh_interval:
            return current
        with self._lock:
            current = self._snapshot
            if current is not None and time.monotonic() - self._checked_at < self.settings.refresh_interval:
                return current
            generation = self.store.generation()
            if current is None or current.generation != generation:
                started = time.perf_counter()
                current = self.store.snapshot(self.settings.fuzzy_cutoff)
                log.info("knowledge snapshot %s built: %d facts in %.0f ms", current.generation,
                         current.fact_count, 1000 * (time.perf_counter() - started))
                self._snapshot = current
            self._checked_at = time.monotonic()
            return current

    def invalidate(self) -> None:
        """Forget the snapshot's freshness so the next question checks the store."""
        self._checked_at = 0.0

    def understand(self, question: str, today: date | None = None) -> Query:
        snapshot = self.snapshot()
        return understand(question, snapshot.matcher, today or date.today(), self.settings.default_language,
                          self.settings.max_question_length)

    def ask(self, question: str, today: date | None = None) -> Answer:
        snapshot = self.snapshot()
        query = understand(question, snapshot.matcher, today or date.today(), self.settings.default_language,
                           self.settings.max_question_length)
        return compose(query, snapshot, self.settings)
