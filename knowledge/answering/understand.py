"""Question -> Query: language, companies, period and what is asked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from knowledge.answering.intents import Intent, asks_about_industry, detect_intent, detect_language, mentions_layoffs
from knowledge.language.companies import CompanyMatch, CompanyMatcher
from knowledge.language.lexicon import is_ordinary
from knowledge.language.periods import MONTHS, Period, find_period
from knowledge.language.text import Token, clean, folded_text, tokenize

# In lower-case questions a name can only be found by where it sits.
_SUBJECT = re.compile(
    r"(?:did|does|do|has|have|at|chez|for|about|sur) (?P<name>[a-z0-9][\w.&-]*(?: [\w.&-]+){0,3}?)"
    r" (?:lay|laid|cut|fire|fired|let|shed|slash|have|had|announce|employ|layoffs?|job)\b"
    r"|^(?P<lead>[a-z0-9][\w.&-]*(?: [\w.&-]+){0,2}?) (?:layoffs?|job cuts|licenciements)\b"
    r"|combien (?:de |d )?\w+ (?P<fr>[a-z0-9][\w.&-]*(?: [\w.&-]+){0,3}?) (?:a|ont)(?: t (?:il|elle))? "
)


_FIRST = re.compile(r"\b(?:start|started|begin|began|first|commence|debut|premier|premiere)\b")


@dataclass(frozen=True, slots=True)
class Query:
    question: str  # as asked, cleaned of control characters
    folded: str
    language: str
    intent: Intent
    companies: tuple[CompanyMatch, ...]
    period: Period | None
    industry: bool  # about the whole industry rather than one company
    on_topic: bool  # mentions layoffs or a known company
    unknown_names: tuple[str, ...]  # names that look like companies we do not know
    numbers: tuple[float, ...]  # figures the question itself mentions (not years)
    today: date
    first: bool = False  # asks for the first or starting round ("when did it start")


def understand(question: str, matcher: CompanyMatcher, today: date, default_language: str = "en",
               max_length: int = 500) -> Query:
    text = clean(question)[:max_length]
    tokens = tokenize(text)
    folded = folded_text(tokens)
    companies = tuple(matcher.find(tokens))
    period = find_period(folded, today)
    intent = detect_intent(folded, bool(companies))
    unknown = () if companies else _unknown_names(tokens, folded)
    industry = not companies and not unknown and (asks_about_industry(folded) or intent in {
        Intent.BIGGEST, Intent.COMPANIES})
    return Query(
        question=text,
        folded=folded,
        language=detect_language(text, tokens, default_language),
        intent=intent,
        companies=companies,
        period=period,
        industry=industry,
        on_topic=bool(companies) or mentions_layoffs(folded),
        unknown_names=unknown,
        numbers=tuple(t.value for t in tokens if t.value is not None and not _is_year(t.value) and t.value > 0),
        today=today,
        first=bool(_FIRST.search(folded)),
    )


def _is_year(value: float) -> bool:
    return value == int(value) and 1990 <= value <= 2100


def _unknown_names(tokens: list[Token], folded: str) -> tuple[str, ...]:
    """Words that look like a company name, so a decline can say which one is unknown."""
    names: list[str] = []
    run: list[str] = []
    for index, token in enumerate(tokens):
        word = token.text
        # "Orranta Cloud": an ordinary word may continue a name, not start one
        looks_like_name = (
            token.is_capitalised and not token.is_number and index > 0 and word not in MONTHS and len(word) > 1
            and (bool(run) or not is_ordinary(word))
        )
        if looks_like_name:
            run.append(token.raw)
        elif run:
            names.append(" ".join(run))
            run = []
    if run:
        names.append(" ".join(run))
    if not names:
        name = _subject(tokens, folded)
        if name:
            names.append(name)
    return tuple(dict.fromkeys(names))


def _subject(tokens: list[Token], folded: str) -> str | None:
    """In a lower-case question, the name where a subject sits ("did zentrico labs lay off"), as written.

    The folded text has one word per token, so the words matched map back to
    tokens: the name is their words as typed, never the folded form ("twenty
    two" stays as typed, not "22"), without what lies between them (brackets,
    markup), and numbers at its edges are a figure beside the name, not part
    of it ("did 20 acme lay off").
    """
    match = _SUBJECT.search(folded)
    if not match:
        return None
    group = "name" if match["name"] else "lead" if match["lead"] else "fr"
    first = folded[:match.start(group)].count(" ")
    last = first + match[group].count(" ")
    while first <= last and tokens[first].is_number:
        first += 1
    while last >= first and tokens[last].is_number:
        last -= 1
    words = tokens[first:last + 1]
    if not any(not is_ordinary(t.text) and not t.is_number and t.text not in MONTHS for t in words):
        return None
    return " ".join(t.raw for t in words)
