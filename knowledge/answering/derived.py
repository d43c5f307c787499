"""The figures an answer computes (totals, counts, biggest, differences, shares), each with its terms.

An answer states facts' own figures and dates, and figures it computed from
facts; the second kind is declared here as the text is written, with the
facts behind it, so anyone can check the arithmetic (`ask --json` lists them
under "derived"), and the Discord "Rows" button can send them.  Answerers
call these functions where they write the figure, as they cite facts where
they state them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from knowledge.answering.answer import Derived
from knowledge.answering.snapshot import FactView


class Derivations:
    def __init__(self) -> None:
        self.items: list[Derived] = []
        self._seen: set[tuple[object, ...]] = set()

    def add(self, value: float, op: str, terms: Iterable[FactView], label: str, of: Sequence[float] = ()) -> float:
        # A selection's rows are a sequence read only when needed (ask --json, the Rows button): kept as they are.
        item = Derived(value, op, terms if isinstance(terms, Sequence) else tuple(terms), label, tuple(of))
        # The same figure said twice is declared once; comparing thousands of terms would cost more than the answer.
        key = (value, op, label, len(item.terms), item.terms[0].id if item.terms else None, item.of)
        if key not in self._seen:
            self._seen.add(key)
            self.items.append(item)
        return value

    def sum(self, facts: Sequence[FactView], label: str, upper: bool = False) -> int:
        """The facts' lower figures added up (`count_min`, else `count_max`), or their upper ones."""
        return int(self.add(sum(figure(f, upper) for f in facts), "sum", facts, label))

    def count(self, facts: Sequence[FactView], label: str) -> int:
        """How many rounds: one fact per round."""
        return int(self.add(len(facts), "count", facts, label))

    def companies(self, facts: Sequence[FactView], label: str) -> int:
        return int(self.add(len({f.company_id for f in facts}), "count_companies", facts, label))

    def years(self, facts: Sequence[FactView], label: str) -> tuple[int, int]:
        """The first and last years the facts cover (a timeline's span)."""
        years = [y for f in facts for y in f.years] or [f.when.year for f in facts]
        first, last = min(years), max(years)
        self.add(first, "min", facts, f"{label}: first year")
        if last != first:
            self.add(last, "max", facts, f"{label}: last year")
        return first, last

    def difference(self, first: float, second: float, facts: Sequence[FactView], label: str) -> float:
        return self.add(first - second, "difference", facts, label, (first, second))

    def percent(self, part: float, whole: float, facts: Sequence[FactView], label: str) -> float:
        return self.add(round(100 * part / whole, 1), "percent", facts, label, (part, whole))


def figure(fact: FactView, upper: bool = False) -> int:
    """A fact's figure in a sum: `count_min` (else `count_max`), or for an upper bound `count_max` (else min)."""
    if upper:
        return fact.count_max if fact.count_max is not None else (fact.count_min or 0)
    return fact.count_min if fact.count_min is not None else (fact.count_max or 0)
