"""Constants and small helpers shared by the tests.

The helpers below change facts through the one writer (`knowledge.facts.service.FactService`) on a bare
store, in the terms tests think in: an id back from an add, a record back from a change.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from knowledge.drafts import FactDraft
from knowledge.facts import review
from knowledge.facts.review import Outcome
from knowledge.facts.service import FactService, edited
from knowledge.records import FactRecord
from knowledge.storage.store import Store

TODAY = date(2024, 4, 10)  # the seed article's time: "so far this year" means 2024


def add(store: Store, draft: FactDraft, actor: str, reason: str | None = None) -> int:
    return FactService(store).add(draft, actor, reason).fact_id


def edit(store: Store, fact_id: int, changes: Mapping[str, Any], actor: str, reason: str | None,
         expected_version: int | None = None) -> FactRecord:
    """Change fields by name; a "sources" entry is cited as a moderator's form would add a new link."""
    service, values = FactService(store), dict(changes)
    sources = values.pop("sources", ())
    if not sources:
        return service.edit_fields(fact_id, values, actor, reason, expected_version).record
    state = edited(store.get_fact(fact_id).state, values)
    return service.edit(fact_id, state, actor, reason, expected_version, sources).record


def set_status(store: Store, fact_id: int, status: str, action: str, actor: str, reason: str | None,
               expected_version: int | None = None) -> FactRecord:
    service = FactService(store)
    change = {"retract": service.retract, "restore": service.restore}[action]
    return change(fact_id, actor, reason, expected_version).record


def undo(store: Store, fact_id: int, actor: str, reason: str | None, expected_version: int | None = None) -> FactRecord:
    return FactService(store).undo(fact_id, actor, reason, expected_version).record


def approve(store: Store, fact_ids: list[int], actor: str, reason: str | None = None) -> list[Outcome]:
    return review.approve(FactService(store), fact_ids, actor, reason)


def reject(store: Store, fact_ids: list[int], actor: str, reason: str | None = None) -> list[Outcome]:
    return review.reject(FactService(store), fact_ids, actor, reason)
