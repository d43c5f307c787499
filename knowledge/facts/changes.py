"""What a change to the knowledge was: the value the write side returns and announces.

Every operation of `knowledge.facts.service` returns what it changed (each fact's state before and
after, who, why), and announces it as one `ChangeSet` to whoever subscribed (the Discord audit channel,
the snapshot's refresh), so no caller has to remember either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from knowledge.drafts import FactState
from knowledge.records import FactRecord


class Action(StrEnum):
    """What a revision did (its `action` column)."""

    CREATE = "create"  # a moderator's or the bundled packs' new fact
    EDIT = "edit"
    RETRACT = "retract"
    RESTORE = "restore"
    UNDO = "undo"
    APPROVE = "approve"
    REJECT = "reject"
    MERGE = "merge"  # a candidate found to report an event already known: its sources went there
    IMPORT = "import"  # a tracker row, added or updated
    EXTRACT = "extract"  # a candidate read from an article
    RESTORE_BACKUP = "restore-backup"  # a whole backup loaded into an empty knowledge base


PAST = {Action.RETRACT: "retracted", Action.RESTORE: "restored", Action.APPROVE: "approved",
        Action.REJECT: "rejected", Action.UNDO: "undone", Action.EDIT: "edited", Action.CREATE: "added",
        Action.MERGE: "merged", Action.IMPORT: "imported", Action.EXTRACT: "extracted"}


@dataclass(frozen=True)
class Change:
    """One fact changed: its whole state before (None when it was created) and after, and the fact now."""

    action: Action
    actor: str
    reason: str | None
    before: FactState | None
    record: FactRecord

    @property
    def fact_id(self) -> int:
        return self.record.id

    @property
    def after(self) -> FactState:
        return self.record.state

    def differences(self) -> dict[str, tuple[object, object]]:
        return self.before.differences(self.after) if self.before is not None else {}


@dataclass(frozen=True)
class ChangeSet:
    """Everything one operation changed, announced at once after it committed.

    A bulk operation (an import of thousands of rows, a restore) announces its `summary` and the ids it
    touched rather than a `Change` per row.
    """

    action: Action
    actor: str
    reason: str | None = None
    changes: tuple[Change, ...] = ()
    summary: str | None = None
    fact_ids: tuple[int, ...] = field(default=())

    @property
    def touched(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys([c.fact_id for c in self.changes] + list(self.fact_ids)))
