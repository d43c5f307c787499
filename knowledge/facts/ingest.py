"""Feeding a news article in: extract candidate facts, store them for review (or approve them).

Extraction, storing and approving run in one write transaction: the companies
the article is read against are those known when it is stored (as if no other
writer ran at the same time), and a process stopped half-way leaves nothing,
neither candidates nor half the approvals.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from knowledge.errors import InvalidInput
from knowledge.facts.review import Outcome, approve_in
from knowledge.intake.articles import ArticleMeta, Candidate, extract_facts
from knowledge.kb import KnowledgeBase
from knowledge.types import FactStatus

MAX_ARTICLE_CHARS = 100_000


@dataclass
class IngestReport:
    candidates: list[tuple[int, Candidate]] = field(default_factory=list)  # (pending fact id, candidate)
    outcomes: list[Outcome] = field(default_factory=list)  # when approved at once


def ingest_article(kb: KnowledgeBase, text: str, meta: ArticleMeta, actor: str,
                   approve_now: bool = False) -> IngestReport:
    """Store the facts an article states as pending candidates; with `approve_now`, make them live."""
    if not text.strip():
        raise InvalidInput("The article is empty.")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InvalidInput(f"The article is {len(text):,} characters long; the limit is {MAX_ARTICLE_CHARS:,}.")
    report = IngestReport()
    with kb.store.write() as session:
        snapshot = kb.refresh()
        candidates = extract_facts(text, meta, snapshot.matcher, snapshot.company_name)
        for candidate in candidates:
            draft = replace(candidate.draft, status=FactStatus.PENDING).validated()
            fact_id = kb.store.insert_fact(session, draft, actor, f"extracted from {meta.url}", action="extract")
            report.candidates.append((fact_id, candidate))
        if approve_now:
            report.outcomes = approve_in(kb.store, session, [fact_id for fact_id, _ in report.candidates], actor,
                                         "approved at ingestion")
        session.commit()
    kb.invalidate()
    return report
