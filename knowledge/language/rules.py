"""One engine for pattern rules: an ordered book of (pattern, builder) pairs, tried in the order registered.

Questions and articles both read periods with such rules ("Q1 2024", "last year", "since October",
"Wednesday" in an article): the rules differ (a question is read against today, an article against its
publication day), the engine is this one.  A module keeps its own book and registers its builders with
`@book.rule(expression)`; the order of registration is the order of precedence, so the more specific
readings are written first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

B = TypeVar("B", bound=Callable[..., object])


@dataclass(frozen=True, slots=True)
class Rule(Generic[B]):
    pattern: re.Pattern[str]
    build: B


@dataclass
class RuleBook(Generic[B]):
    """Rules of one kind (e.g. periods in questions), with the way their expressions become patterns."""

    compile: Callable[[str], re.Pattern[str]]
    rules: list[Rule[B]] = field(default_factory=list)

    def rule(self, expression: str) -> Callable[[B], B]:
        """Register the decorated builder for `expression`, after the rules registered before it."""
        pattern = self.compile(expression)

        def register(build: B) -> B:
            self.rules.append(Rule(pattern, build))
            return build

        return register

    def __iter__(self) -> Iterator[Rule[B]]:
        return iter(self.rules)


def whole_words(expression: str) -> re.Pattern[str]:
    """A pattern that matches only whole words of a folded text."""
    return re.compile(rf"(?<![\w]){expression}(?![\w])")
