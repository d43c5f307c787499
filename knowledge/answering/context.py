"""What every answerer works from: the understood question, the snapshot, and the citations so far."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from knowledge.answering.citations import Citations
from knowledge.answering.derived import Derivations
from knowledge.answering.query import Query
from knowledge.answering.retrieve import rank
from knowledge.answering.scope import tag_index
from knowledge.answering.snapshot import FactView, Snapshot
from knowledge.language.companies import CompanyMatch
from knowledge.language.periods import Period
from knowledge.settings import AnswerSettings


@dataclass
class Context:
    query: Query
    snapshot: Snapshot
    settings: AnswerSettings
    cite: Citations = field(default_factory=Citations)
    derive: Derivations = field(default_factory=Derivations)

    @property
    def lang(self) -> str:
        return self.query.language

    def rank(self, facts: Sequence[FactView], period: Period | None) -> list[FactView]:
        return rank(facts, period, self.query.numbers, self.query.folded)

    def within_filters(self, facts: Sequence[FactView]) -> list[FactView]:
        """The facts that pass the question's filters (all of them when it names none)."""
        filters = self.query.filters
        if not filters:
            return list(facts)
        index = tag_index(self.snapshot)
        return [f for f in facts if index.fact_matches(f, filters)]

    def who(self, fact: FactView | None, match: CompanyMatch | None = None) -> str:
        """The entity a figure is about, as the asker will recognise it (a misspelt name as it is known)."""
        if fact is None or fact.company is None:
            if match is None:
                return ""
            return self.snapshot.company_name(match.company_id) or match.written
        if match and match.company_id == fact.company_id and match.via == "alias":
            return f"{fact.company} ({match.written})"
        return fact.company

    def name(self, match: CompanyMatch) -> str:
        """A company as it is known, whatever the question wrote ("Mircosoft" is Microsoft)."""
        known = self.snapshot.company_name(match.company_id) or match.written
        if match.via == "alias":
            return f"{known} ({match.written})"
        return known
