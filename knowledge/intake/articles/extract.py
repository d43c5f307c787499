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
from datetime import date

from knowledge.intake.articles.announcers import Announcement, find_announcement
from knowledge.intake.articles.candidates import ArticleMeta, Candidate, Pending, draft_of, source_of
from knowledge.intake.articles.companies import (
    Mention,
    find_mentions,
    gather_descriptions,
    gather_organisations,
    gather_parents,
)
from knowledge.intake.articles.cues import LAYOFF, UNCONFIRMED, UNDECIDED
from knowledge.intake.articles.dates import Calendar, context_year, takeover_date
from knowledge.intake.articles.merge import merge
from knowledge.intake.articles.names import gather_people
from knowledge.intake.articles.sentences import Sentence, analyse, split_sentences
from knowledge.intake.articles.statements import EVENT, Context, read_sentence
from knowledge.intake.articles.summaries import summarise
from knowledge.language.companies import CompanyMatcher
from knowledge.language.text import name_key
from knowledge.types import FactKind

_TRANSLATED = re.compile(
    r"automatically generated|machine[- ]translat|translated automatically|traduit automatiquement"
    r"|traduction automatique|may still be inaccuracies|générées? automatiquement", re.IGNORECASE)


def extract_facts(text: str, meta: ArticleMeta, matcher: CompanyMatcher,
                  name_of: Callable[[int], str | None],
                  parent_of: Callable[[str], str | None] | None = None) -> list[Candidate]:
    """Candidate facts an article states, one per fact, in the order the article gives them.

    `parent_of` gives the owner the knowledge base already knows for a company name; an owner the
    article itself names ("Wondery, the podcast network Amazon bought") comes first.
    """
    sentences = _sentences(text, meta)
    if not sentences:
        return []
    calendar = Calendar(meta.published, context_year(sentences, meta.published))
    calendar = replace(calendar, takeover=takeover_date(sentences, calendar))
    people = gather_people(sentences)
    organisations = gather_organisations(sentences, matcher, people)
    mentions = [find_mentions(s, matcher, name_of, people, organisations) for s in sentences]
    parents = gather_parents(sentences, mentions)
    named: dict[str, Mention] = {}
    for found in mentions:
        for mention in found:
            named.setdefault(mention.key, mention)
    context = Context(calendar, _focus(sentences, mentions), gather_descriptions(sentences, mentions), named)
    translated = bool(_TRANSLATED.search(text))
    pending: list[Pending] = []
    last_cut = -10  # the last sentence that reported job cuts
    previous: Mention | None = None  # whom the sentence before was about
    anchor: date | None = None  # the day the sentence before dated a cut on
    for index, (sentence, found) in enumerate(zip(sentences, mentions, strict=True)):
        following = sentences[index + 1].folded if index + 1 < len(sentences) else ""
        unconfirmed, undecided = bool(UNCONFIRMED.search(following)), bool(UNDECIDED.search(following))
        topic = _topic(sentence, found, previous, context.focus)
        statements = read_sentence(sentence, found, replace(context, topic=topic, anchor=anchor),
                                   follows_cuts=index - last_cut <= 2)
        days = [st.when.start_date for st in statements if st.when is not None and st.when.is_day
                and st.kind == FactKind.LAYOFF]
        anchor = days[-1] if days else None
        previous = _subject_of_sentence(found) or (topic if _GENERIC_REFERENCE.match(sentence.folded) else None)
        if any(st.kind == FactKind.LAYOFF for st in statements) or EVENT.search(sentence.folded) \
                or LAYOFF.search(sentence.folded):
            last_cut = index
        for statement in statements:
            if statement.count or statement.share:
                # the next sentence says the company did not confirm the figures, or that nothing is decided
                statement = replace(statement, attributed=statement.attributed or unconfirmed,
                                    speculative=statement.speculative or undecided)
            pending.append(draft_of(statement, meta, translated))
    focus = context.focus.name if context.focus is not None else None
    merged = _with_round(merge(_dated_by_round(merge(pending), meta, focus, parents)))
    merged = _announced(merged, find_announcement(sentences, people), focus)
    source = source_of(meta)
    candidates = []
    for item in merged:
        evidence = " […] ".join(item.evidence)
        draft = replace(item.draft, summary=summarise(item.draft, item.plan), sources=((source, evidence),))
        parent = None
        if draft.company is not None:
            parent = parents.get(name_key(draft.company)) or (parent_of(draft.company) if parent_of else None)
        candidates.append(Candidate(draft.validated(), evidence, draft.confidence, parent))
    return candidates


# A sentence opening on "the company", "it", "l'entreprise": it goes on about the company just named.
_GENERIC_REFERENCE = re.compile(
    r"^(?:\W+ )?(?:(?:but|and|yet|mais|et) )?(?:the (?:company|firm|startup|start - up|business)|it|its|l entreprise"
    r"|la societe|la start - up|la jeune pousse|elle)\b")


def _subject_of_sentence(found: list[Mention]) -> Mention | None:
    """The company a sentence is about: the first it names in its own right (not an owner, a source, a unit)."""
    return next((m for m in found if not m.dependent and not m.listed and not m.unit), None)


def _topic(sentence: Sentence, found: list[Mention], previous: Mention | None, focus: Mention | None) -> Mention | None:
    """The company a sentence that names none means by "the company" or "it": the one the sentence just before was
    about, when that was another company than the article's (in a roundup, the company of the item before)."""
    if previous is None or any(not m.dependent for m in found) or not _GENERIC_REFERENCE.match(sentence.folded):
        return None
    return None if focus is not None and previous.key == focus.key else previous


def _announced(pending: list[Pending], announcement: Announcement | None, focus: str | None) -> list[Pending]:
    """The article's main round notes who announced it ("Announced by chief executive ..., in a memo")."""
    if announcement is None:
        return pending
    for index, item in enumerate(pending):
        draft = item.draft
        if draft.kind == FactKind.LAYOFF and draft.company == focus and not draft.cumulative \
                and not item.statement.secondary:
            pending[index] = replace(item, draft=replace(draft, note=announcement.note()))
            break
    return pending


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
    """The company the article is about: the one its headline and its layoff sentences are most about.

    Each sentence names its subject (first company named in its own right) once; a subject counts
    more in the headline and in a sentence about job cuts.  Ties go to the company named first.
    """
    weights: Counter[str] = Counter()
    first: dict[str, Mention] = {}
    for sentence, found in zip(sentences, mentions, strict=True):
        named = [m for m in found if not m.dependent]
        if not named:
            continue
        about_cuts = bool(EVENT.search(sentence.folded) or LAYOFF.search(sentence.folded))
        # "Le groupe Maestral réduit la voilure chez sa filiale Nuvio": the cuts are the unit's (but in
        # "Solvane : 600 suppressions, dont 150 dans sa filiale Datavista" the unit has only its share)
        units = [m for m in named if m.unit and about_cuts and not any(w.is_number for w in sentence.words)]
        subjects = units + [m for m in named if not m.listed]
        for mention in named:
            first.setdefault(mention.key, mention)
        for key in {m.key for m in named}:
            weights[key] += 1
        if subjects:
            weights[subjects[0].key] += 2 * about_cuts + 2 * sentence.is_title
    if not weights:
        return None
    order = list(first)
    key = max(weights, key=lambda k: (weights[k], -order.index(k)))
    return first[key]


_OF_A_ROUND = frozenset({FactKind.TEAMS, FactKind.REASON, FactKind.COST})  # facts about a round, dated by it


def _with_round(pending: list[Pending]) -> list[Pending]:
    """Teams and reasons only for companies the article reports cutting jobs (not a quoted analyst firm)."""
    cutting = {item.draft.company for item in pending if item.draft.kind == FactKind.LAYOFF}
    return [item for item in pending
            if item.draft.kind not in _OF_A_ROUND or item.draft.company in cutting]


def _owner_round(unit: str | None, rounds: dict[str | None, Pending], told: dict[str | None, Pending],
                 owners: dict[str, str], focus: str | None) -> Pending | None:
    """The round a unit's share belongs to: its owner's, if the article names one, else the article's."""
    owner = owners.get(name_key(unit)) if unit else None
    return (told.get(owner) if owner else None) or rounds.get(focus)


def _dated_by_round(pending: list[Pending], meta: ArticleMeta, focus: str | None,
                    parents: dict[str, str] | None = None) -> list[Pending]:
    """Undated teams and reasons take the date of their company's round; a unit's undated share of the
    article's round ("including several hundred at AWS") takes the date of that round: its owner's, when the
    article names the owner ("dont 60 chez sa filiale Kelvio"), else the article's company's."""
    owners = parents or {}
    rounds: dict[str | None, Pending] = {}
    shares: dict[str | None, Pending] = {}  # a unit's share of the round: its own teams are dated by it
    told: dict[str | None, Pending] = {}  # every company's round, the article's or not: an owner's round
    for item in pending:
        draft = item.draft
        if draft.kind == FactKind.LAYOFF and not draft.cumulative and item.statement.how != "unit" and item.dated \
                and not item.statement.earlier:
            told.setdefault(draft.company, item)
        if draft.kind == FactKind.LAYOFF and not draft.cumulative and not item.statement.secondary:
            (shares if item.statement.how == "unit" else rounds).setdefault(draft.company, item)
    dated = []
    for item in pending:
        draft = item.draft
        if item.dated:
            dated.append(item)
            continue
        if draft.kind in _OF_A_ROUND:
            layoff = rounds.get(draft.company) or told.get(draft.company)  # another company's: its own round
            if layoff is None and draft.company in shares:  # dated as the unit's share is: by its own words or
                share = shares[draft.company]  # by the round it is a share of
                layoff = share if share.dated else _owner_round(draft.company, rounds, told, owners, focus)
        elif draft.kind == FactKind.LAYOFF and item.statement.how == "unit":
            layoff = _owner_round(draft.company, rounds, told, owners, focus)
        else:
            dated.append(item)
            continue
        if layoff is not None:
            draft = replace(draft, announced=layoff.draft.announced, period_start=layoff.draft.period_start,
                            period_end=layoff.draft.period_end, caveats=layoff.draft.caveats)
        elif draft.kind != FactKind.LAYOFF:
            draft = replace(draft, announced=meta.published, period_start=None, period_end=None)
        dated.append(replace(item, draft=draft, dated=layoff is not None or draft.kind != FactKind.LAYOFF))
    return dated
