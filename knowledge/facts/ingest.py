"""Feeding a news article in: extract candidate facts, store them for review, approve the confident ones.

Extraction, storing and approving run in one write transaction: the companies the article is read
against are those known when it is stored (as if no other writer ran at the same time), and a process
stopped half-way leaves nothing, neither candidates nor half the approvals.  Reading the article is
intake's work (`knowledge.intake.articles`); this module only applies what it drafted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from knowledge.errors import InvalidInput
from knowledge.facts.changes import Action, Change, ChangeSet
from knowledge.facts.review import Outcome, approve_in
from knowledge.facts.service import FactService
from knowledge.intake.articles import REVIEW_BELOW, ArticleMeta, Candidate
from knowledge.types import FactStatus

MAX_ARTICLE_CHARS = 100_000
# Reads an article against the companies known now (called inside the write transaction).
Reader = Callable[[str, ArticleMeta], list[Candidate]]


@dataclass
class IngestReport:
    candidates: list[tuple[int, Candidate]] = field(default_factory=list)  # (pending fact id, candidate)
    outcomes: list[Outcome] = field(default_factory=list)  # when approved at once
    held: list[int] = field(default_factory=list)  # candidates too doubtful to approve at once: left pending


def ingest_article(service: FactService, read: Reader, text: str, meta: ArticleMeta, actor: str,
                   approve_now: bool = False) -> IngestReport:
    """Store the facts an article states as pending candidates; with `approve_now`, make the confident ones
    live (a candidate below `REVIEW_BELOW` waits for a moderator whatever the flag says)."""
    if not text.strip():
        raise InvalidInput("The article is empty.")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InvalidInput(f"The article is {len(text):,} characters long; the limit is {MAX_ARTICLE_CHARS:,}.")
    report = IngestReport()
    changes: list[Change] = []
    with service.writing() as session:
        for candidate in read(text, meta):
            draft = replace(candidate.draft, status=FactStatus.PENDING).validated()
            if candidate.parent and draft.company:  # a subsidiary the article names with its owner
                service.store.company_id(session, draft.company, parent=candidate.parent)
            change = service.create(session, draft, actor, f"extracted from {meta.url}", Action.EXTRACT)
            changes.append(change)
            report.candidates.append((change.fact_id, candidate))
        if approve_now:
            confident = [fact_id for fact_id, c in report.candidates if c.confidence >= REVIEW_BELOW]
            report.held = [fact_id for fact_id, c in report.candidates if c.confidence < REVIEW_BELOW]
            report.outcomes, approved = approve_in(service, session, confident, actor, "approved at ingestion")
            changes += approved
        session.commit()
    service.announce(ChangeSet(Action.EXTRACT, actor, f"from {meta.url}", tuple(changes)))
    return report
