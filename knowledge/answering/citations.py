"""Numbering the sources an answer cites, in the order its text first cites them.

Facts share their source's number, so two facts from one article are one
reference; a fact cites at most two of its own sources, enough to show
agreement without drowning the answer.
"""

from __future__ import annotations

from knowledge.answering.answer import Citation
from knowledge.answering.snapshot import FactView
from knowledge.types import SourceKind, SourceView

SOURCES_PER_FACT = 2

Refs = tuple[int, ...]


class Citations:
    def __init__(self) -> None:
        self.items: list[Citation] = []
        self._numbers: dict[int, int] = {}  # source id -> reference number
        self._pairs: set[tuple[int, int]] = set()

    def refs(self, *facts: FactView) -> Refs:
        """The references of facts stated one by one: each fact's own sources."""
        return _sorted({number for fact in facts for number in self._own(fact)})

    def source(self, fact: FactView, source: SourceView) -> Refs:
        """Cite one particular source of a fact (e.g. a tracker export behind a total)."""
        return (self._number(fact, source),)

    def counted(self, *facts: FactView) -> Refs:
        """Cite facts a sentence adds up without listing them one by one.

        Tracker rows cite their export, one reference for all of them, so a total
        over dozens of rounds stays readable and every figure in it is still cited.
        """
        numbers: set[int] = set()
        for fact in facts:
            exports = [c.source for c in fact.citations if c.source.kind == SourceKind.DATASET]
            numbers |= {self._number(fact, exports[0])} if exports else self._own(fact)
        return _sorted(numbers)

    def _own(self, fact: FactView) -> set[int]:
        # A row's own link says more than the export it sits in; the export is
        # cited only for facts with no other source (and for totals, separately).
        own = [c for c in fact.citations if c.source.kind != SourceKind.DATASET] or list(fact.citations)
        return {self._number(fact, cited.source) for cited in own[:SOURCES_PER_FACT]}

    def _number(self, fact: FactView, source: SourceView) -> int:
        number = self._numbers.setdefault(source.id, len(self._numbers) + 1)
        if (fact.id, source.id) not in self._pairs:
            self._pairs.add((fact.id, source.id))
            self.items.append(Citation(number, fact, source))
        return number


def _sorted(numbers: set[int]) -> Refs:
    return tuple(sorted(numbers))
