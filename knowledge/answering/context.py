"""What every answerer works from: the understood question, the snapshot, and the citations so far."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from knowledge.answering.citations import Citations
from knowledge.answering.retrieve import rank
from knowledge.answering.snapshot import FactView, Snapshot
from knowledge.answering.understand import Query
from knowledge.language.companies import CompanyMatch
from knowledge.language.periods import Period
from knowledge.settings import AnswerSettings


@dataclass
class Context:
    query: Query
    snapshot: Snapshot
    settings: AnswerSettings
    cite: Citations = field(default_factory=Citations)

    @property
    def lang(self) -> str:
        return self.query.language

    def rank(self, facts: Sequence[FactView], period: Period | None) -> list[FactView]:
        return rank(facts, period, self.query.numbers, self.query.folded)

    def who(self, fact: FactView | None, match: CompanyMatch | None = None) -> str:
        """The entity a figure is about, as the asker will recognise it."""
        if fact is None or fact.company is None:
            return match.written if match else ""
        if match and match.company_id == fact.company_id and match.via == "alias":
            return f"{fact.company} ({match.written})"
        return fact.company
