"""The knowledge base as the faces see it: questions in, answers out; changes in, announcements out.

`KnowledgeBase` wires the two sides together.  The read side answers from an immutable snapshot of the
active facts (`knowledge.answering`), rebuilt when the shared `generation` counter says the knowledge
changed, here or in another process.  The write side is one service (`knowledge.facts.service`) that
carries out every change; when it has committed one, this class refreshes the snapshot and tells its
subscribers (the Discord audit channel subscribes once), so no caller has to remember either.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from knowledge.answering import saved
from knowledge.answering.answer import Answer
from knowledge.answering.compose import company_timeline, compose
from knowledge.answering.followup import MAX_TURNS, Conversation, Turn, follow_up
from knowledge.answering.recent import RecentAnswers
from knowledge.answering.snapshot import MAX_CHANGES, FactView, Snapshot, apply_changes, build_snapshot
from knowledge.answering.understand import Query, understand
from knowledge.errors import InvalidInput, Unavailable
from knowledge.language.text import fold
from knowledge.settings import MAX_WATCHES, WRITE_WAIT, AnswerSettings
from knowledge.types import FactStatus

if TYPE_CHECKING:
    # The write side, the news and storage are imported where they are used: a command-line question reads
    # a snapshot and never needs them, and importing them (SQLAlchemy, SQLModel, Alembic) costs it more than
    # the answer does.
    from concurrent.futures import ProcessPoolExecutor

    from knowledge.drafts import FactDraft, FactState
    from knowledge.facts.changes import Change, ChangeSet
    from knowledge.facts.feedback import GivenAnswer, UnansweredGroup, Vote
    from knowledge.facts.imports import ImportReport, Progress
    from knowledge.facts.ingest import IngestReport
    from knowledge.facts.review import Outcome
    from knowledge.facts.service import FactService, Sources
    from knowledge.intake.articles import ArticleMeta, Candidate
    from knowledge.intake.trackers import TrackerFile
    from knowledge.news.deliveries import Delivery
    from knowledge.news.watches import FeedView, Watched, WatchKind, WatchView
    from knowledge.records import FactRecord, RevisionRecord
    from knowledge.storage.store import Store

log = logging.getLogger(__name__)

Subscriber = Callable[["ChangeSet"], None]


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
    def __init__(self, store: Store | None, settings: AnswerSettings | None = None, *,
                 opener: Callable[[], Store] | None = None, sqlite_file: Path | None = None) -> None:
        """`store`, or (None and) `opener`, which opens it when first needed; `sqlite_file`, the SQLite file
        whose generation can be read without opening the store (see `open`)."""
        if store is None and opener is None:
            raise ValueError("a knowledge base needs a store, or a way to open one")
        self._store = store
        self._opener = opener
        self._sqlite_file = sqlite_file
        self._facts: FactService | None = None
        self._opening = threading.Lock()
        self.settings = settings or AnswerSettings()
        self._snapshot: Snapshot | None = None
        self._recent = RecentAnswers(self.settings.recent_answers)
        self._saved_at = -1  # the generation of the snapshot saved on disk, as far as this process knows
        # When the store was last checked, on the monotonic clock; minus infinity is "never", since that
        # clock may start near zero (a machine booted minutes ago) and 0.0 would then look recent.
        self._checked_at = -math.inf
        self._lock = threading.Lock()
        self._subscribers: list[Subscriber] = []
        self._pool: ProcessPoolExecutor | None = None
        self._industries: tuple[int, dict[str, tuple[str, int]]] | None = None  # (generation, fold -> (name, facts))
        # Whether the last look at the store succeeded; answers in Discord say the knowledge base
        # is unavailable while it is False, and resume by themselves once a refresh succeeds.
        self.available = True

    @classmethod
    def open(cls, url: str, settings: AnswerSettings | None = None, bundled: bool = True,
             write_wait: float = WRITE_WAIT, create: bool = True) -> KnowledgeBase:
        """Open the knowledge base at `url`, with the bundled facts loaded once; a new one is created unless
        `create` is False (then a missing SQLite file is refused: see `knowledge.storage.urls.require_file`).
        A change waits up to `write_wait` seconds for another writer to finish.

        A SQLite file that is ready (at the current schema, the bundled packs loaded) is opened when first
        needed: a question answered from a snapshot it already has (or a cached one) never imports the
        storage layer, which costs more than the answer."""
        opener = partial(_open_store, url, write_wait, create)
        ready = _ready_sqlite_file(url, bundled)
        if ready is not None:
            return cls(None, settings, opener=opener, sqlite_file=ready)
        kb = cls(opener(), settings)
        if bundled:
            from knowledge.facts.bundled import load_bundled

            load_bundled(kb.facts)
        return kb

    def close(self) -> None:
        with contextlib.suppress(Unavailable):  # closing an unreachable database saves nothing, quietly
            self.save_snapshot()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        if self._store is not None:
            self._store.close()

    @property
    def store(self) -> Store:
        """The storage layer, opened on first use."""
        if self._store is None:
            with self._opening:
                if self._store is None:
                    assert self._opener is not None
                    self._store = self._opener()
        return self._store

    @property
    def facts(self) -> FactService:
        """The one writer every change goes through."""
        if self._facts is None:
            from knowledge.facts.service import FactService

            store = self.store  # opened first (under the same lock, taken in turn)
            with self._opening:
                if self._facts is None:
                    self._facts = FactService(store, self._changed)
        return self._facts

    @cached_property
    def news_owner(self) -> str:
        """Who this knowledge base claims the outbox's news as."""
        from knowledge.news import deliveries

        return deliveries.owner_name()

    def _generation(self) -> int:
        """The knowledge's generation: read from the SQLite file directly while the store is not open."""
        if self._store is None and self._sqlite_file is not None:
            from knowledge.storage.probe import generation

            seen = generation(self._sqlite_file)
            if seen is not None:
                return seen
        return self.store.generation()

    @property
    def url(self) -> str:
        """The database URL as the engine was made from it (password included: never show it)."""
        return self.store.engine.url.render_as_string(hide_password=False)

    # -- the snapshot -----------------------------------------------------------------------------

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
                generation = self._generation()
                if current is None or current.generation != generation:
                    current = self._caught_up(current, generation)
                    self._snapshot = current
                    # here, not at the next question: the last answers may hold the last references to facts
                    # the change replaced (all of them after a rebuild), and freeing those takes a while
                    self._recent.forget()
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

    def _caught_up(self, current: Snapshot | None, generation: int) -> Snapshot:
        """A snapshot of the knowledge at `generation` (as just read) or later: `current` (or the one saved on disk)
        with what changed since applied, when it can be, else built again from every row (and saved)."""
        started = time.perf_counter()
        if current is None:
            current = self._saved()
            if current is not None:
                log.info("knowledge snapshot %s loaded in %.0f ms", current.generation,
                         1000 * (time.perf_counter() - started))
                _settle()
                if current.generation == generation:
                    return current  # nothing to apply: a ready SQLite file's store stays closed
        if current is not None:
            delta = self.store.snapshot_delta(current.generation, current.last_company, current.last_alias,
                                              MAX_CHANGES)
            changed = apply_changes(current, delta, self.settings.fuzzy_cutoff) if delta is not None else None
            if changed is not None:
                log.debug("knowledge snapshot %s: %d facts changed since %s, applied in %.1f ms", changed.generation,
                          len(delta.fact_ids) if delta else 0, current.generation,
                          1000 * (time.perf_counter() - started))
                return changed
        stamp = self._stamp()
        built = build_snapshot(self.store.snapshot_rows(), self.settings.fuzzy_cutoff)
        log.info("knowledge snapshot %s built: %d facts in %.0f ms", built.generation, built.fact_count,
                 1000 * (time.perf_counter() - started))
        _settle()
        if stamp is not None:
            self._saved_at = stamp.generation
            saved.save(self._saved_path(), stamp, built)
        return built

    def _saved_path(self) -> Path:
        """The file of this database's saved snapshot, named without opening the store when it is not open (a
        SQLite file is named by its path, whichever way it was opened, so that both ways find the same file)."""
        if self._store is None and self._sqlite_file is not None:
            database = f"sqlite:///{self._sqlite_file}"
        else:
            from knowledge.storage.urls import sqlite_file

            url = self.store.engine.url
            path = sqlite_file(url)
            database = f"sqlite:///{path}" if path is not None else url.render_as_string(hide_password=True)
        return saved.path_for(Path(self.settings.snapshot_cache).expanduser(), database)

    def _stamp(self) -> saved.Stamp | None:
        """The database's stamp when snapshots are saved (None when they are not, or it cannot be had)."""
        if not self.settings.snapshot_cache:
            return None
        read = self._history(0, 0)
        return None if read is None else read[0]

    def _history(self, change_id: int, revision_id: int) -> tuple[saved.Stamp, int | None, str | None] | None:
        """The database's stamp, the generation its change row `change_id` records and when its revision row
        `revision_id` was written (None: no such row, or 0 asked), read from a SQLite file directly while the
        store is not open; None when they cannot be had."""
        if self._store is None and self._sqlite_file is not None:
            from knowledge.storage.probe import history

            seen = history(self._sqlite_file, change_id, revision_id)
            if seen is not None:
                return saved.Stamp(*seen.stamp), seen.recorded, seen.written
        from sqlalchemy.exc import DBAPIError  # here, not at the top: a question from a saved snapshot needs none

        try:
            stamp = saved.Stamp(*self.store.snapshot_stamp())
            return (stamp, self.store.change_generation(change_id) if change_id else None,
                    self.store.revision_time(revision_id) if revision_id else None)
        except (Unavailable, OSError, DBAPIError) as error:  # a read-only database cannot be given an identity
            log.info("snapshots of this knowledge base are not saved: %s", error)
            return None

    def _saved(self) -> Snapshot | None:
        """The snapshot saved on disk, when it is this database's, of its schema and history (possibly behind:
        the caller applies what changed since); None otherwise."""
        if not self.settings.snapshot_cache:
            return None
        found = saved.load(self._saved_path())
        if found is None:
            return None
        kept, snapshot = found
        read = self._history(kept.newest_change, kept.newest_revision)
        if read is None:
            return None
        stamp, recorded, written = read
        if (kept.instance, kept.revision) != (stamp.instance, stamp.revision) or kept.generation > stamp.generation:
            return None
        if kept.newest_revision and written != kept.newest_revision_at:
            return None  # the file was put back as it was before that revision, and changed otherwise since
        if kept.newest_change:
            if recorded != kept.newest_generation:
                return None  # another history reached the same change numbers, or the changes were pruned
        elif kept.generation != stamp.generation or stamp.newest_change:
            return None  # nothing recorded then: only the very same state can be vouched for
        self._saved_at = kept.generation
        return snapshot

    def save_snapshot(self) -> None:
        """Save the snapshot held, when snapshots are saved and it is newer than the saved one (on closing)."""
        current = self._snapshot
        if current is None or current.generation == self._saved_at or not self.settings.snapshot_cache:
            return
        stamp = self._stamp()
        if stamp is not None and stamp.generation == current.generation:
            saved.save(self._saved_path(), stamp, current)
            self._saved_at = current.generation

    def invalidate(self) -> None:
        """Forget the snapshot's freshness so the next question checks the store."""
        self._checked_at = -math.inf

    def refresh(self) -> Snapshot:
        """Check the store now and rebuild the snapshot if the knowledge changed."""
        self.invalidate()
        return self.snapshot()

    def subscribe(self, subscriber: Subscriber) -> None:
        """Be told of every change made through this knowledge base, after it committed and the snapshot
        caught up (called in the thread that made the change; keep it short)."""
        self._subscribers.append(subscriber)

    def _changed(self, changes: ChangeSet) -> None:
        try:
            if self._snapshot is None:
                # Nothing asked yet (a command-line import, the bundled packs of a new database): the first
                # question builds the snapshot; building one now would cost an import of a million rows
                # as long again, for nobody.
                self.invalidate()
            else:
                self.refresh()
        except Unavailable:
            log.warning("the snapshot could not catch up with a change: the knowledge base is unavailable")
        for subscriber in self._subscribers:
            try:
                subscriber(changes)
            except Exception:
                log.exception("a subscriber failed on a change (%s by %s)", changes.action, changes.actor)

    # -- the read side ----------------------------------------------------------------------------

    def understand(self, question: str, today: date | None = None, language: str | None = None) -> Query:
        return self._query(self.snapshot(), question, today, language)

    def ask(self, question: str, today: date | None = None, language: str | None = None,
            refresh: bool = True) -> Answer:
        """Answer a question; `language` is the default when the question itself gives no sign."""
        snapshot = self.snapshot(refresh)
        day, asked_in = today or date.today(), language or self.settings.default_language
        return self._recent.get(snapshot, (question, day, asked_in),
                                lambda: compose(self._query(snapshot, question, day, asked_in), snapshot,
                                                self.settings))

    def follow_up(self, question: str, conversation: Conversation, today: date | None = None,
                  language: str | None = None, refresh: bool = True) -> Answer:
        """Answer a reply to an answer: `question` read as the next question of `conversation` (see
        `knowledge.answering.followup`: what it names replaces that part of the question before, the rest is
        kept).  `language` is the default when neither the reply nor the conversation gives a sign."""
        snapshot = self.snapshot(refresh)
        query = follow_up(question, conversation.turns, snapshot, today or date.today(),
                          language or self.settings.default_language, self.settings.max_question_length)
        return compose(query, snapshot, self.settings)

    def _query(self, snapshot: Snapshot, question: str, today: date | None, language: str | None) -> Query:
        return understand(question, snapshot, today or date.today(),
                          language or self.settings.default_language, self.settings.max_question_length)

    def timeline(self, company_id: int, language: str, today: date | None = None, year: int | None = None,
                 refresh: bool = True) -> Answer:
        return company_timeline(self.snapshot(refresh), self.settings, company_id, language, today or date.today(),
                                year)

    def find_company(self, name: str) -> tuple[int, str] | None:
        """The company a name (or an id, as autocomplete gives it) designates, or the closest known one."""
        snapshot = self.snapshot(refresh=False)
        company_id = int(name) if name.isdigit() and int(name) in snapshot.companies else \
            snapshot.matcher.lookup(name)
        if company_id is None:
            suggestions = snapshot.matcher.suggest(name, limit=1)
            company_id = suggestions[0][0] if suggestions else None
        if company_id is None:
            return None
        return company_id, snapshot.companies[company_id].name

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

    def industries(self) -> dict[str, tuple[str, int]]:
        """Industries the live facts are tagged with: folded name -> (the tracker's spelling, how many facts)."""
        snapshot = self.snapshot(refresh=False)
        if self._industries is None or self._industries[0] != snapshot.generation:
            found: dict[str, tuple[str, int]] = {}
            for fact in snapshot.facts.values():
                name = fact.tags.industry if fact.tags else None
                if name:
                    key = fold(name)
                    found[key] = (found.get(key, (name, 0))[0], found.get(key, (name, 0))[1] + 1)
            self._industries = (snapshot.generation, found)
        return self._industries[1]

    def industry_choices(self, typed: str, limit: int = 25) -> list[str]:
        """Industries whose names start with (then hold) `typed`, the largest first when nothing is typed."""
        known = self.industries()
        key = fold(typed).strip()
        ranked = sorted(known.items(), key=lambda item: (-item[1][1], item[0]))
        if not key:
            return [name for _, (name, _) in ranked][:limit]
        starts = [name for folded, (name, _) in sorted(known.items()) if folded.startswith(key)]
        holds = [name for folded, (name, _) in sorted(known.items()) if key in folded and not folded.startswith(key)]
        return (starts + holds)[:limit]

    def find_industry(self, name: str) -> str | None:
        """The industry `name` designates, in the tracker's spelling (None when no live fact has it)."""
        found = self.industries().get(fold(name).strip())
        return found[0] if found else None

    def active_facts(self, fact_ids: Sequence[int]) -> list[FactView]:
        """The facts among these that are still active, as answers cite them (for a "Sources" button)."""
        snapshot = self.snapshot(refresh=False)
        return [snapshot.facts[i] for i in fact_ids if i in snapshot.facts]

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

    # -- what moderators read ---------------------------------------------------------------------

    def fact(self, fact_id: int) -> FactRecord:
        return self.store.get_fact(fact_id)

    def history(self, fact_id: int) -> list[RevisionRecord]:
        return self.store.history(fact_id)

    def recent_facts(self, typed: str = "", statuses: Sequence[FactStatus] = (), limit: int = 25) -> list[FactRecord]:
        """Recently changed facts whose number starts with `typed` or whose company's name holds it, for a
        moderator picking one (autocomplete); in these statuses only, when given."""
        return self.store.recent_facts(typed[:100], tuple(statuses), limit)

    def pending(self, limit: int = 50) -> list[FactRecord]:
        """Candidates waiting for review, oldest first."""
        from knowledge.facts import review

        return review.pending(self.store, limit)

    def unanswered(self, days: int = 30, limit: int = 15, guild_id: str | None = None) -> list[UnansweredGroup]:
        from knowledge.facts.feedback import unanswered

        return unanswered(self.store, days, limit, guild_id)

    def export(self, guild_id: str | None = None) -> dict[str, Any]:
        """Every row, as a lossless backup (a server's export holds only that server's questions)."""
        from knowledge.storage import backup

        return backup.export_data(self.store, guild_id)

    def export_json(self, path: Path | None, guild_id: str | None = None) -> str:
        from knowledge.storage import backup

        return backup.write_json(self.store, path, guild_id)

    def export_csv(self, folder: Path) -> list[Path]:
        from knowledge.storage import backup

        return backup.write_csv(self.store, folder)

    # -- changes: all through the one writer ------------------------------------------------------

    def add(self, draft: FactDraft, actor: str, reason: str | None = None) -> Change:
        return self.facts.add(draft, actor, reason)

    def edit(self, fact_id: int, state: FactState, actor: str, reason: str | None,
             expected_version: int | None = None, sources: Sources = ()) -> Change:
        return self.facts.edit(fact_id, state, actor, reason, expected_version, sources)

    def edit_fields(self, fact_id: int, changes: dict[str, Any], actor: str, reason: str | None,
                    expected_version: int | None = None) -> Change:
        """Change some fields by name (the command line's `kb edit --count-min 1000`)."""
        return self.facts.edit_fields(fact_id, changes, actor, reason, expected_version)

    def retract(self, fact_id: int, actor: str, reason: str | None, expected_version: int | None = None) -> Change:
        return self.facts.retract(fact_id, actor, reason, expected_version)

    def restore(self, fact_id: int, actor: str, reason: str | None, expected_version: int | None = None) -> Change:
        return self.facts.restore(fact_id, actor, reason, expected_version)

    def undo(self, fact_id: int, actor: str, reason: str | None, expected_version: int | None = None) -> Change:
        return self.facts.undo(fact_id, actor, reason, expected_version)

    def approve(self, fact_ids: list[int], actor: str, reason: str | None = None) -> list[Outcome]:
        from knowledge.facts import review

        return review.approve(self.facts, fact_ids, actor, reason)

    def reject(self, fact_ids: list[int], actor: str, reason: str | None = None) -> list[Outcome]:
        from knowledge.facts import review

        return review.reject(self.facts, fact_ids, actor, reason)

    def import_file(self, path: Path, *, max_rows: int | None = None, progress: Progress | None = None,
                    isolated: bool = False, max_bytes: int | None = None) -> ImportReport:
        """Import a tracker CSV export (of at most `max_bytes`, when given; else the reader's own limit).

        `isolated` runs the reading and writing in a child process, so their CPU time never holds this
        process's GIL (the Discord bot keeps answering meanwhile); the snapshot and subscribers still
        hear of it here.
        """
        from knowledge.facts.imports import import_tracker

        if not isolated:
            return import_tracker(self.facts, _checked_tracker(path, max_rows, max_bytes), progress)
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        report: ImportReport = self._pool.submit(_import_elsewhere, self.url, self.store.write_wait, path,
                                                 max_rows).result()
        from knowledge.facts.changes import Action, ChangeSet

        if report.added or report.updated or report.tagged or report.companies_added:
            self._changed(ChangeSet(Action.IMPORT, "import", path.name, summary=report.summary()))
        return report

    def ingest(self, text: str, meta: ArticleMeta, actor: str, approve: bool = False) -> IngestReport:
        """Extract an article's facts as candidates for review (approving the confident ones with `approve`)."""
        from knowledge.facts.ingest import ingest_article

        return ingest_article(self.facts, self._reader, text, meta, actor, approve)

    def _reader(self, text: str, meta: ArticleMeta) -> list[Candidate]:
        """Read an article against the companies known now (called inside the write transaction)."""
        snapshot = self.refresh()

        def parent_of(name: str) -> str | None:
            company_id = snapshot.matcher.lookup(name)
            parent = snapshot.companies[company_id].parent_id if company_id in snapshot.companies else None
            return snapshot.company_name(parent)

        # imported here: the reader's rules take a while to compile, and most processes (a CLI question,
        # most bot sessions) never read an article
        from knowledge.intake.articles.extract import extract_facts

        return extract_facts(text, meta, snapshot.matcher, snapshot.company_name, parent_of)

    def restore_backup(self, data: Any) -> dict[str, int]:
        """Load a backup (a `kb export`) into this empty knowledge base, all or nothing."""
        from knowledge.facts.changes import Action, ChangeSet
        from knowledge.storage import backup

        counts = backup.restore(self.store, data)
        self._changed(ChangeSet(Action.RESTORE_BACKUP, "restore", summary=", ".join(
            f"{n:,} {name} rows" for name, n in counts.items())))
        return counts

    # -- the watch list, feeds and their news --------------------------------------------------------

    def watch(self, member_id: int, kind: WatchKind, *, company_id: int | None = None, industry: str | None = None,
              language: str = "en", limit: int = MAX_WATCHES) -> Watched:
        """Start telling `member_id` of new facts about a company (by id) or an industry (by name)."""
        from knowledge.news import watches as watch_list

        return watch_list.watch(self.store, member_id, kind, company_id=company_id, industry=industry,
                             language=language, limit=limit)

    def watches(self, member_id: int) -> list[WatchView]:
        from knowledge.news import watches as watch_list

        return watch_list.watches(self.store, member_id)

    def unwatch(self, member_id: int, watch_id: int | None = None) -> int:
        """Stop one of the member's watches, or all of them (no id); how many ended."""
        from knowledge.news import watches as watch_list

        return watch_list.unwatch(self.store, member_id, watch_id)

    def set_feed(self, guild_id: int, channel_id: int, language: str) -> None:
        from knowledge.news import watches as watch_list

        watch_list.set_feed(self.store, guild_id, channel_id, language)

    def feed(self, guild_id: int) -> FeedView | None:
        from knowledge.news import watches as watch_list

        return watch_list.feed(self.store, guild_id)

    def clear_feed(self, guild_id: int, channel_id: int | None = None) -> bool:
        from knowledge.news import watches as watch_list

        return watch_list.clear_feed(self.store, guild_id, channel_id)

    def claim_news(self, lease: timedelta | None = None) -> Delivery | None:
        """The new facts queued by any process and not yet announced, now this knowledge base's to announce,
        sorted into one bulletin per watcher and per feed; None when nothing waits.  Call `news_delivered`
        once they are sent."""
        from knowledge.news import deliveries
        from knowledge.storage import outbox

        return deliveries.claim(self.store, self.news_owner, outbox.LEASE if lease is None else lease)

    def news_delivered(self, delivery: Delivery) -> int:
        from knowledge.news import deliveries

        return deliveries.delivered(self.store, delivery)

    # -- what askers did with answers -------------------------------------------------------------

    def record_answers(self, answers: Sequence[GivenAnswer]) -> None:
        from knowledge.facts.feedback import record_answers

        record_answers(self.store, answers)

    def given_answer(self, answer_id: int) -> GivenAnswer | None:
        """An answer as logged, for a button on it (None for an answer never given or not yet written)."""
        from knowledge.facts.feedback import given_answer

        return given_answer(self.store, answer_id)

    def conversation(self, message_id: int) -> Conversation | None:
        """The conversation that the answer sent as message `message_id` ends, for a reply to it to go on
        with (None when that message is no answer given, or not yet written: see `record_answers`)."""
        from knowledge.facts.feedback import answer_chain

        chain = answer_chain(self.store, message_id, MAX_TURNS)
        if not chain:
            return None
        return Conversation(chain[-1].id, tuple(Turn(given.question, given.language) for given in chain))

    def record_vote(self, answer_id: int, helpful: bool, member: str, guild_id: str | None,
                    message_id: int | None = None) -> Vote:
        from knowledge.facts.feedback import record_vote

        return record_vote(self.store, answer_id, helpful, member, guild_id, message_id)


def _settle() -> None:
    """Keep the collector from walking a freshly built snapshot's objects again and again: they are a few hundred
    thousand objects that mostly live as long as the process (changes share them), and a full collection over
    them paused answers for most of a second at 100,000 facts.  Frozen objects are still freed when no longer
    referenced (a snapshot and its indexes hold no reference cycles); only cycles among them would outlive their
    use, so it is done after a full build, not after every change."""
    gc.collect(0)
    gc.freeze()


def _open_store(url: str, write_wait: float, create: bool) -> Store:
    from knowledge.storage.store import Store

    return Store.open(url, write_wait=write_wait, create=create)


def _ready_sqlite_file(url: str, bundled: bool) -> Path | None:
    """The SQLite file `url` names, when it exists at the current schema with the bundled packs loaded (when
    they are wanted): then opening it needs no writing and no check the store would make; else None."""
    from knowledge.storage.probe import probe, written_head
    from knowledge.storage.urls import parse

    try:
        path = parse(url).path
    except InvalidInput:
        return None
    if path is None or not path.is_file():
        return None
    from knowledge.intake.bundled import PACKS

    keys = [f"bundled:{name}" for name in PACKS] if bundled else []
    seen = probe(path, keys)
    if seen is None or seen.revision is None or seen.revision != written_head() or len(seen.settings) < len(keys):
        return None
    return path


def _checked_tracker(path: Path, max_rows: int | None, max_bytes: int | None = None) -> TrackerFile:
    from knowledge.intake.trackers import read_tracker

    tracker = read_tracker(path) if max_bytes is None else read_tracker(path, max_bytes)
    if max_rows is not None and len(tracker.rows) > max_rows:
        raise InvalidInput(f"{path.name} has {len(tracker.rows):,} rows; the limit here is {max_rows:,}. Nothing "
                           f"was imported; split the file or import it from the command line.")
    return tracker


def _import_elsewhere(url: str, write_wait: float, path: Path, max_rows: int | None) -> ImportReport:
    """In a child process: read and import a tracker export on a store of its own."""
    from knowledge.facts.imports import import_tracker
    from knowledge.facts.service import FactService
    from knowledge.storage.store import Store

    store = Store.open(url, write_wait=write_wait)
    try:
        return import_tracker(FactService(store), _checked_tracker(path, max_rows))
    finally:
        store.close()


__all__ = ["KnowledgeBase", "KnowledgeStats"]
