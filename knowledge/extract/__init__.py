"""Fact extraction from news articles, by rules, in English and French.

`extract_facts` reads an article's body (and title) and returns candidate
facts for moderators to review: layoff rounds with the qualifiers the source
uses, shares of staff, head counts, running totals, industry-wide figures,
the teams hit and the reasons given, each dated against the article's
publication day and cited to the sentence it came from.  No network, no
model: every rule is in this package, so a wrong extraction can be traced
to the rule that made it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from knowledge.companies import CompanyMatcher
from knowledge.extract.candidates import ArticleMeta, Candidate, Pending, draft_of, source_of
from knowledge.extract.companies import Mention, find_mentions, gather_organisations
from knowledge.extract.cues import UNCONFIRMED
from knowledge.extract.dates import Calendar, context_year
from knowledge.extract.merge import merge
from knowledge.extract.names import gather_people
from knowledge.extract.sentences import Sentence, analyse, split_sentences
from knowledge.extract.statements import EVENT, Context, read_sentence
from knowledge.extract.summaries import summarise
from knowledge.models import FactKind

__all__ = ["ArticleMeta", "Candidate", "extract_facts"]

_TRANSLATED = re.compile(
    r"automatically generated|machine[- ]translat|translated automatically|traduit automatiquement"
    r"|traduction automatique|may still be inaccuracies|générées? automatiquement", re.IGNORECASE)


def extract_facts(text: str, meta: ArticleMeta, matcher: CompanyMatcher,
                  name_of: Callable[[int], str | None]) -> list[Candidate]:
    """Candidate facts an article states, one per fact, in the order the article gives them."""
    sentences = _sentences(text, meta)
    if not sentences:
        return []
    calendar = Calendar(meta.published, context_year(sentences, meta.published))
    people = gather_people(sentences)
    organisations = gather_organisations(sentences, matcher, people)
    mentions = [find_mentions(s, matcher, name_of, people, organisations) for s in sentences]
    context = Context(calendar, _focus(sentences, mentions))
    translated = bool(_TRANSLATED.search(text))
    pending: list[Pending] = []
    for index, (sentence, found) in enumerate(zip(sentences, mentions, strict=True)):
        doubted = index + 1 < len(sentences) and bool(UNCONFIRMED.search(sentences[index + 1].folded))
        for statement in read_sentence(sentence, found, context):
            if doubted and (statement.count or statement.share):
                statement = replace(statement, speculative=True)  # the next sentence says it is unconfirmed
            pending.append(draft_of(statement, meta, translated))
    merged = _with_round(merge(_dated_by_round(merge(pending), meta)))
    source = source_of(meta)
    candidates = []
    for item in merged:
        evidence = " […] ".join(item.evidence)
        draft = replace(item.draft, summary=summarise(item.draft, item.plan), sources=((source, evidence),))
        candidates.append(Candidate(draft.validated(), evidence, draft.confidence))
    return candidates


def _sentences(text: str, meta: ArticleMeta) -> list[Sentence]:
    sentences = []
    if meta.title and meta.title.strip():
        sentences.append(analyse(meta.title.strip(), -1))
    for index, (_, raw) in enumerate(split_sentences(text)):
        if _TRANSLATED.search(raw):
            continue  # the publisher's note about translation states no fact
        sentences.append(analyse(raw, index))
    return sentences


def _focus(sentences: list[Sentence], mentions: list[list[Mention]]) -> Mention | None:
    """The company the article is about: the subject of its first layoff sentence, else its most named."""
    for sentence, found in zip(sentences, mentions, strict=True):
        if EVENT.search(sentence.folded) or re.search(r"\bfir(?:es|ed|ing)\b", sentence.folded):
            subjects = [m for m in found if not m.dependent and not m.listed]
            if subjects:
                return subjects[0]
    named = Counter(m.key for found in mentions for m in found if not m.dependent)
    if not named:
        return None
    key = named.most_common(1)[0][0]
    return next(m for found in mentions for m in found if m.key == key)


def _with_round(pending: list[Pending]) -> list[Pending]:
    """Teams and reasons only for companies the article reports cutting jobs (not a quoted analyst firm)."""
    cutting = {item.draft.company for item in pending if item.draft.kind == FactKind.LAYOFF}
    return [item for item in pending
            if item.draft.kind not in {FactKind.TEAMS, FactKind.REASON} or item.draft.company in cutting]


def _dated_by_round(pending: list[Pending], meta: ArticleMeta) -> list[Pending]:
    """Teams and reasons stated without a date take the date of their company's round."""
    rounds: dict[str | None, Pending] = {}
    for item in pending:
        draft = item.draft
        if draft.kind == FactKind.LAYOFF and not draft.cumulative and not item.statement.secondary:
            rounds.setdefault(draft.company, item)
    dated = []
    for item in pending:
        draft = item.draft
        if draft.kind in {FactKind.TEAMS, FactKind.REASON} and not item.dated:
            layoff = rounds.get(draft.company)
            if layoff is not None:
                draft = replace(draft, announced=layoff.draft.announced, period_start=layoff.draft.period_start,
                                period_end=layoff.draft.period_end, caveats=layoff.draft.caveats)
            else:
                draft = replace(draft, announced=meta.published, period_start=None, period_end=None)
            item = replace(item, draft=draft, dated=True)
        dated.append(item)
    return dated
