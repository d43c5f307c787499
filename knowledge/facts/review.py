"""Moderating candidate facts: approving, rejecting, and merging reports of one event.

A candidate (extracted from an article, or proposed) waits as a pending
fact.  Approving it first looks for an active fact about the same event
(same company and kind, dates within a few days, the same figure): if there
is one, the candidate's sources are added to it as citations, missing
details are filled in, and the candidate is marked merged, so one event has
one fact with several citations.  A different figure for the same event is
kept as its own fact; answers then show both figures as disputed.

Approving or rejecting several candidates is all or nothing: every id is
checked before anything changes, and all of them are changed in one write
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlmodel import Session, col, select

from knowledge.drafts import FactState
from knowledge.errors import InvalidInput
from knowledge.events import Relation, Report, relation, span
from knowledge.facts.changes import Action, Change, ChangeSet
from knowledge.facts.service import FactService
from knowledge.records import FactRecord
from knowledge.storage.models import Citation, Fact
from knowledge.storage.store import Store, state_of
from knowledge.types import FactStatus

_FILLABLE = ("percent", "percent_qualifier", "detail", "period_start", "period_end", "announced")


@dataclass(frozen=True)
class Outcome:
    fact_id: int
    status: str  # active, merged, rejected
    merged_into: int | None = None
    message: str = ""


def pending(store: Store, limit: int = 50) -> list[FactRecord]:
    """Candidates waiting for review, oldest first."""
    with store.session() as session:
        facts = session.exec(select(Fact).where(col(Fact.status) == FactStatus.PENDING)
                             .order_by(col(Fact.id)).limit(limit)).all()
        return [store.record_in(session, fact) for fact in facts]


def approve(service: FactService, fact_ids: list[int], actor: str, reason: str | None = None) -> list[Outcome]:
    """Make candidates live (merging reports of one event), all or none."""
    with service.writing() as session:
        outcomes, changes = approve_in(service, session, fact_ids, actor, reason)
        session.commit()
    service.announce(ChangeSet(Action.APPROVE, actor, reason, tuple(changes)))
    return outcomes


def approve_in(service: FactService, session: Session, fact_ids: list[int], actor: str,
               reason: str | None = None) -> tuple[list[Outcome], list[Change]]:
    """Approve inside the caller's write transaction (which commits), after checking every id; the candidates
    that went live (not those merged into a fact already known) are queued as news in the same transaction."""
    outcomes: list[Outcome] = []
    changes: list[Change] = []
    for candidate in _waiting(session, fact_ids, "approved"):
        outcome, done = _approve_one(service, session, candidate, actor, reason)
        outcomes.append(outcome)
        changes += done
    service.queue_news(session, Action.APPROVE, actor, None,
                       [o.fact_id for o in outcomes if o.status == FactStatus.ACTIVE])
    return outcomes, changes


def reject(service: FactService, fact_ids: list[int], actor: str, reason: str | None = None) -> list[Outcome]:
    """Turn candidates down, all or none."""
    changes = []
    with service.writing() as session:
        outcomes = []
        for candidate in _waiting(session, fact_ids, "rejected"):
            changes.append(service.apply(session, candidate, replace(_state(service, session, candidate),
                                                                     status=FactStatus.REJECTED),
                                         actor, reason, Action.REJECT))
            service.flush(session, candidate)
            assert candidate.id is not None
            outcomes.append(Outcome(candidate.id, FactStatus.REJECTED, message=f"#{candidate.id} rejected"))
        session.commit()
    service.announce(ChangeSet(Action.REJECT, actor, reason, tuple(changes)))
    return outcomes


def _state(service: FactService, session: Session, fact: Fact) -> FactState:
    return state_of(fact, service.store.company_name(session, fact.company_id))


def _waiting(session: Session, fact_ids: list[int], verb: str) -> list[Fact]:
    """The candidates with these ids; if any id is not a candidate waiting for review, nothing is done and
    the refusal names each such id and why."""
    candidates, wrong = [], []
    for fact_id in dict.fromkeys(fact_ids):
        fact = session.get(Fact, fact_id)
        if fact is None:
            wrong.append(f"there is no fact #{fact_id}")
        elif fact.status != FactStatus.PENDING:
            wrong.append(f"#{fact_id} is {fact.status}, not waiting for review")
        else:
            candidates.append(fact)
    if wrong:
        raise InvalidInput(f"Nothing was {verb}: {'; '.join(wrong)}.")
    return candidates


def _approve_one(service: FactService, session: Session, candidate: Fact, actor: str,
                 reason: str | None) -> tuple[Outcome, list[Change]]:
    fact_id = candidate.id
    assert fact_id is not None
    target = same_event(session, candidate)
    if target is None:
        change = service.apply(session, candidate, replace(_state(service, session, candidate),
                                                            status=FactStatus.ACTIVE), actor, reason, Action.APPROVE)
        service.flush(session, candidate)
        return Outcome(fact_id, FactStatus.ACTIVE, message=f"#{fact_id} is now live"), [change]
    assert target.id is not None
    store = service.store
    for citation in session.exec(select(Citation).where(col(Citation.fact_id) == fact_id)).all():
        store.cite(session, target.id, citation.source_id, citation.evidence)
    filled: dict[str, Any] = {name: getattr(candidate, name) for name in _FILLABLE
                              if getattr(target, name) is None and getattr(candidate, name) is not None}
    labels = _union(target.labels, candidate.labels)
    if labels != target.labels:
        filled["labels"] = tuple(labels.split(","))
    why = f"same event as candidate #{fact_id}: its source was added"
    changes = []
    if filled:
        changes.append(service.apply(session, target, replace(_state(service, session, target), **filled), actor,
                                     why, Action.MERGE))
        service.flush(session, target)
    else:
        service.changed(session, [target.id])  # its new citations
    changes.append(service.apply(session, candidate, replace(_state(service, session, candidate),
                                                             status=FactStatus.MERGED),
                                 actor, f"merged into #{target.id}", Action.MERGE))
    service.flush(session, candidate)
    return Outcome(fact_id, FactStatus.MERGED, target.id,
                   f"#{fact_id} reports the same event as #{target.id}: its source was added there"), changes


def same_event(session: Session, candidate: Fact) -> Fact | None:
    """An active fact reporting the candidate's event with the same figure, if there is one.

    Only the same figure merges: a report of the event with another figure stays a fact of its own, and
    answers show the two as one disputed round (`knowledge.events` says when reports are one event).
    """
    query = select(Fact).where(col(Fact.status) == FactStatus.ACTIVE, col(Fact.kind) == candidate.kind,
                               col(Fact.id) != candidate.id)
    query = query.where(col(Fact.company_id) == candidate.company_id) if candidate.company_id is not None \
        else query.where(col(Fact.company_id).is_(None))
    report = _report(candidate)
    for other in session.exec(query).all():
        if relation(report, _report(other)) is Relation.SAME:
            return other
    return None


def _report(fact: Fact) -> Report:
    start, end = span(fact.announced, fact.period_start, fact.period_end)
    return Report(fact.company_id, fact.kind, fact.cumulative, start, end, fact.count_min, fact.count_max,
                  fact.percent, frozenset(x for x in fact.labels.split(",") if x), fact.detail)


def _union(first: str, second: str) -> str:
    return ",".join(dict.fromkeys([x for x in first.split(",") + second.split(",") if x]))
