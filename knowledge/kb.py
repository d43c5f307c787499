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
from dataclasses import dataclass
from datetime import date, datetime

from rapidfuzz import fuzz, process

from knowledge.answering.answer import Answer
from knowledge.answering.compose import company_timeline, compose
from knowledge.answering.snapshot import Snapshot
from knowledge.answering.understand import Query, understand
from knowledge.errors import Unavailable
from knowledge.intake.bundled import load_bundled
from knowledge.language.text import fold
from knowledge.settings import WRITE_WAIT, AnswerSettings
from knowledge.storage.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class KnowledgeStats:
    facts: int
    companies: int
    sources: int
    pending: int
    first: date | None
    last: date | None
    updated: datetime | None
    top_sources: list[tuple[str, int]]


class KnowledgeBase:
    def __init__(self, store: Store, settings: AnswerSettings | None = None) -> None:
        self.store = store
        self.settings = settings or AnswerSettings()
        self._snapshot: Snapshot | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()
        # Whether the last look at the store succeeded; answers in Discord say the knowledge base
        # is unavailable while it is False, and resume by themselves once a refresh succeeds.
        self.available = True

    @classmethod
    def open(cls, url: str, settings: AnswerSettings | None = None, bundled: bool = True,
             write_wait: float = WRITE_WAIT, create: bool = True) -> KnowledgeBase:
        """Open the knowledge base at `url`, with the bundled facts loaded once; a new one is created unless
        `create` is False (then a missing SQLite file is refused: see `knowledge.storage.urls.require_file`). A change
        waits up to `write_wait` seconds for another writer to finish."""
        store = Store.open(url, write_wait=write_wait, create=create)
        if bundled:
            load_bundled(store)
        return cls(store, settings)

    def close(self) -> None:
        self.store.close()

    def snapshot(self, refresh: bool = True) -> Snapshot:
        """The current snapshot, rebuilt when the knowledge changed since it was built.

        With `refresh=False` the snapshot in memory is returned without touching
        the database (the Discord bot refreshes in the background instead, so
        answering never blocks its event loop).
        """
        now = time.monotonic()
        current = self._snapshot
        if current is not None and (not refresh or now - self._checked_at < self.settings.refresh_interval):
            return current
        with self._lock:
            current = self._snapshot
            if current is not None and time.monotonic() - self._checked_at < self.settings.refresh_interval:
                return current
            try:
                generation = self.store.generation()
                if current is None or current.generation != generation:
                    started = time.perf_counter()
                    current = self.store.snapshot(self.settings.fuzzy_cutoff)
                    log.info("knowledge snapshot %s built: %d facts in %.0f ms", current.generation,
                             current.fact_count, 1000 * (time.perf_counter() - started))
                    self._snapshot = current
            except Unavailable:
                if self.available:
                    log.warning("the knowledge base became unavailable")
                self.available = False
                raise
            if not self.available:
                log.info("the knowledge base is available again")
            self.available = True
            self._checked_at = time.monotonic()
            return current

    def invalidate(self) -> None:
        """Forget the snapshot's freshness so the next question checks the store."""
        self._checked_at = 0.0

    def refresh(self) -> Snapshot:
        """Check the store now and rebuild the snapshot if the knowledge changed."""
        self.invalidate()
        return self.snapshot()

    def understand(self, question: str, today: date | None = None, language: str | None = None) -> Query:
        return self._query(self.snapshot(), question, today, language)

    def ask(self, question: str, today: date | None = None, language: str | None = None,
            refresh: bool = True) -> Answer:
        """Answer a question; `language` is the default when the question itself gives no sign."""
        snapshot = self.snapshot(refresh)
        return compose(self._query(snapshot, question, today, language), snapshot, self.settings)

    def _query(self, snapshot: Snapshot, question: str, today: date | None, language: str | None) -> Query:
        return understand(question, snapshot, today or date.today(),
                          language or self.settings.default_language, self.settings.max_question_length)

    def timeline(self, company_id: int, language: str, today: date | None = None, year: int | None = None,
                 refresh: bool = True) -> Answer:
        return company_timeline(self.snapshot(refresh), self.settings, company_id, language, today or date.today(),
                                year)

    def company_choices(self, typed: str, limit: int = 25) -> list[tuple[int, str]]:
        """Companies with facts whose names start with or look like `typed` (for autocomplete)."""
        snapshot = self.snapshot(refresh=False)
        with_facts = [(cid, c.name) for cid, c in snapshot.companies.items() if snapshot.by_company.get(cid)]
        key = fold(typed).strip()
        if not key:
            ranked = sorted(with_facts, key=lambda item: len(snapshot.by_company[item[0]]), reverse=True)
            return ranked[:limit]
        folded = {cid: fold(name) for cid, name in with_facts}
        starts = sorted(((cid, name) for cid, name in with_facts if folded[cid].startswith(key)),
                        key=lambda item: (len(item[1]), item[1]))
        words = sorted(((cid, name) for cid, name in with_facts if not folded[cid].startswith(key)
                        and any(word.startswith(key) for word in folded[cid].split())), key=lambda item: item[1])
        chosen = starts + words
        if len(key) >= 4 and len(chosen) < limit:  # typos: "gogle" -> Google
            seen = {cid for cid, _ in chosen}
            rest = {cid: text for cid, text in folded.items() if cid not in seen}
            fuzzy = process.extract(key, rest, scorer=fuzz.ratio, limit=limit, score_cutoff=70, processor=None)
            chosen += [(cid, snapshot.companies[cid].name) for _, _, cid in fuzzy]
        return chosen[:limit]

    def stats(self) -> KnowledgeStats:
        """What the knowledge base holds, for /about."""
        snapshot = self.snapshot(refresh=False)
        counts = self.store.counts()
        sources: dict[str, int] = {}
        for fact in snapshot.facts.values():
            for cited in fact.citations:
                if cited.source.kind in {"dataset", "article", "manual"}:
                    name = cited.source.publisher or cited.source.title or cited.source.url or "?"
                    sources[name] = sources.get(name, 0) + 1
        dates = [f.when for f in snapshot.facts.values() if f.when != date.min]
        return KnowledgeStats(
            facts=snapshot.fact_count,
            companies=sum(1 for cid in snapshot.by_company if cid is not None),
            sources=counts.get("sources", 0),
            pending=counts.get("facts_pending", 0),
            first=min(dates) if dates else None,
            last=max(dates) if dates else None,
            updated=self.store.last_change(),
            top_sources=sorted(sources.items(), key=lambda item: item[1], reverse=True)[:8],
        )
