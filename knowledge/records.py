"""Facts as moderators read them: a fact in any status with its sources, and each revision of it.

These are what the write side returns and what the faces show (a moderator's embed, `kb show`,
`/fact history`); the state inside is the typed `FactState` every revision records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from knowledge.drafts import FactState
from knowledge.types import FactStatus, SourceView


@dataclass(frozen=True)
class FactRecord:
    """A fact in any status, as moderators see it."""

    id: int
    version: int
    state: FactState
    updated_by: str
    updated_at: datetime | None
    sources: tuple[tuple[SourceView, str | None], ...] = field(default=())  # (source, evidence)

    @property
    def status(self) -> FactStatus:
        return self.state.status

    @property
    def company(self) -> str | None:
        return self.state.company

    @property
    def link(self) -> str | None:
        """The first of its sources' links, if any has one."""
        return next((source.url for source, _ in self.sources if source.url), None)


@dataclass(frozen=True)
class RevisionRecord:
    """One change to a fact: who, when, why, and its whole state before (None when created) and after."""

    version: int
    action: str
    actor: str
    at: datetime
    reason: str | None
    before: FactState | None
    after: FactState

    def changes(self) -> dict[str, tuple[Any, Any]]:
        """Field -> (before, after) for the fields this revision changed (none for the first revision)."""
        changed = self.before.differences(self.after) if self.before is not None else {}
        return dict(sorted(changed.items()))  # by name, as revisions store them
