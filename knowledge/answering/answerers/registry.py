"""Which answerer takes which kind of question: one small module per intent, registered here.

Understanding decides the intent; composition looks the answerer up and
never reads the question again.  Adding a kind of question is adding a
module with a decorated function (and importing it in `__init__`).
"""

from __future__ import annotations

from collections.abc import Callable

from knowledge.answering.answer import Reply
from knowledge.answering.context import Context
from knowledge.answering.intents import Intent
from knowledge.language.companies import CompanyMatch

CompanyAnswerer = Callable[[Context, CompanyMatch, list[int]], Reply]
IndustryAnswerer = Callable[[Context], Reply]

COMPANY: dict[Intent, CompanyAnswerer] = {}
INDUSTRY: dict[Intent, IndustryAnswerer] = {}


def about_company(*intents: Intent) -> Callable[[CompanyAnswerer], CompanyAnswerer]:
    """Register an answerer for questions about one company (and its subsidiaries: `ids`)."""
    def register(answerer: CompanyAnswerer) -> CompanyAnswerer:
        for intent in intents:
            if intent in COMPANY:
                raise RuntimeError(f"two answerers for company questions of intent {intent}")
            COMPANY[intent] = answerer
        return answerer

    return register


def about_industry(*intents: Intent) -> Callable[[IndustryAnswerer], IndustryAnswerer]:
    """Register an answerer for questions about the industry as a whole."""
    def register(answerer: IndustryAnswerer) -> IndustryAnswerer:
        for intent in intents:
            if intent in INDUSTRY:
                raise RuntimeError(f"two answerers for industry questions of intent {intent}")
            INDUSTRY[intent] = answerer
        return answerer

    return register
