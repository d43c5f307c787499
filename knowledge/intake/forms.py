"""Reading a moderator's fact form (five short fields) into a fact, and back.

The form is what a person types: "more than 27,000 (13%)", "several
hundred", "January 2023", "2022-2023", "https://… | Reuters".  The same
qualifier and period vocabulary as the rest of the core reads it, and a field
that cannot be read gets a message saying which and how to write it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from knowledge.drafts import FactDraft, FactState, SourceDraft, check_url, url_host
from knowledge.errors import InvalidInput
from knowledge.language import qualifiers
from knowledge.language.periods import find_period
from knowledge.language.phrases import figure
from knowledge.language.text import folded_text, tokenize
from knowledge.records import FactRecord
from knowledge.types import FactKind, Qualifier, SourceKind

_NUMBER = r"\d+(?:\.\d+)?"
_COUNT = re.compile(rf"^(?:(?P<q>{qualifiers.QUALIFIER}) )?(?:between |entre |from |de )?"
                    rf"(?:(?P<vague>{qualifiers.VAGUE_WORDS})|(?P<n>{_NUMBER}))"
                    rf"(?: (?:-|to|a|and|et) (?P<high>{_NUMBER}))?(?: (?:people|employees|jobs|personnes|postes))?")
_SHARE = re.compile(rf"(?:(?P<q>{qualifiers.QUALIFIER}) )?(?P<n>{_NUMBER}) ?(?:%|percent|pour cent)")


@dataclass(frozen=True)
class Figure:
    count_min: int | None = None
    count_max: int | None = None
    qualifier: Qualifier | None = None
    percent: float | None = None
    percent_qualifier: Qualifier | None = None


def parse_figure(text: str) -> Figure:
    """ "more than 27,000 (13%)" -> count_min 27000, more_than, percent 13; "" -> no figure."""
    folded = folded_text(tokenize(text))
    if not folded:
        return Figure()
    share = _SHARE.search(folded)
    percent: float | None = None
    percent_qualifier: Qualifier | None = None
    if share:
        percent = float(share["n"])
        if not 0 < percent <= 100:
            raise InvalidInput(f"A share of staff must be between 0% and 100% (got {share['n']}%).")
        percent_qualifier = qualifiers.qualifier_of(share["q"])
        folded = (folded[:share.start()] + folded[share.end():]).strip()
    folded = folded.strip("()[] ,;")
    if not folded:
        return Figure(percent=percent, percent_qualifier=percent_qualifier)
    count = _COUNT.match(folded)
    if count is None or count.end() < len(folded.rstrip(" )")):
        raise InvalidInput(f"I can't read the figure {text!r}. Write it like: 1,200 · about 10,000 · more than "
                           f"27,000 · several hundred · between 100 and 200 · 6% · 1,200 (5%).")
    if count["vague"]:
        vague, floor, ceiling = qualifiers.vague_of(count["vague"])
        return Figure(floor, ceiling, vague, percent, percent_qualifier)
    low: int | None = int(float(count["n"]))
    high: int | None = int(float(count["high"])) if count["high"] else None
    qualifier = Qualifier.RANGE if high is not None else qualifiers.qualifier_of(count["q"])
    if qualifier in {Qualifier.EXACT, Qualifier.ABOUT}:
        high = low
    elif qualifier in {Qualifier.NEARLY, Qualifier.FEWER_THAN, Qualifier.UP_TO}:
        low, high = None, low
    return Figure(low, high, qualifier, percent, percent_qualifier)


def parse_when(text: str, today: date | None = None) -> tuple[date | None, date | None, date | None]:
    """(period_start, period_end, announced) from a date or a period as a person writes it."""
    text = text.strip()
    if not text:
        return None, None, None
    try:
        return None, None, date.fromisoformat(text)
    except ValueError:
        pass
    iso_range = re.fullmatch(r"(\d{4}-\d{2}-\d{2})\s*(?:to|-|–|—|/|\.\.)\s*(\d{4}-\d{2}-\d{2})", text)
    if iso_range:
        try:
            start, end = date.fromisoformat(iso_range[1]), date.fromisoformat(iso_range[2])
        except ValueError:
            start = end = None  # type: ignore[assignment]
        if start and end and start <= end:
            return start, end, None
    period = find_period(folded_text(tokenize(text)), today or date.today())
    if period is None:
        raise InvalidInput(f"I can't read {text!r} as a date or a period. Write it like: 2023-01-04 · January 2023 "
                           f"· Q1 2024 · 2022-2023 · 2023-01-04 to 2023-02-15.")
    if period.start == period.end:
        return None, None, period.start
    return period.start, period.end, None


def parse_source(text: str) -> SourceDraft:
    """ "https://… | Publisher" (the publisher is optional: the link's host is used)."""
    url, _, publisher = text.partition("|")
    url, publisher = url.strip(), publisher.strip()
    if not url:
        raise InvalidInput("Every fact needs a source: give its link, e.g. https://example.com/article | Publisher.")
    check_url(url)
    return SourceDraft(url=url, publisher=publisher or url_host(url),
                       kind=SourceKind.MANUAL)


def draft_from_form(company: str, figure: str, when: str, summary: str, source: str) -> FactDraft:
    parsed = parse_figure(figure)
    start, end, announced = parse_when(when)
    if not summary.strip():
        raise InvalidInput("Write a one-line summary of the fact in your own words.")
    return FactDraft(
        kind=FactKind.LAYOFF, company=company.strip() or None, count_min=parsed.count_min,
        count_max=parsed.count_max, qualifier=parsed.qualifier, percent=parsed.percent,
        percent_qualifier=parsed.percent_qualifier, period_start=start, period_end=end, announced=announced,
        summary=summary.strip(), sources=((parse_source(source), None),),
    ).validated()


@dataclass(frozen=True)
class FormEdit:
    """What an edit form asks for: the fact's new state, and a new source to cite if one was given."""

    state: FactState
    sources: tuple[tuple[SourceDraft, str | None], ...] = ()


def edit_from_form(record: FactRecord, company: str, figure: str, when: str, summary: str,
                   source: str) -> FormEdit:
    """The fact as the edit form leaves it (a new source link is added as a citation, the old ones stay)."""
    parsed = parse_figure(figure)
    start, end, announced = parse_when(when)
    state = replace(record.state, company=company.strip() or None, count_min=parsed.count_min,
                    count_max=parsed.count_max, qualifier=parsed.qualifier, percent=parsed.percent,
                    percent_qualifier=parsed.percent_qualifier, period_start=start, period_end=end,
                    announced=announced, summary=summary.strip())
    current = form_values(record)
    if source.strip() and source.strip() != current.get("source"):
        return FormEdit(state, ((parse_source(source), None),))
    return FormEdit(state)


def form_values(record: FactRecord) -> dict[str, str]:
    """A fact as the form shows it (its five fields), so editing starts from what is there."""
    state = record.state
    shown = figure(state.count_min, state.count_max, state.qualifier, state.percent, state.percent_qualifier, "en")
    if state.announced:
        when = state.announced.isoformat()
    elif state.period_start:
        when = f"{state.period_start.isoformat()} to {(state.period_end or state.period_start).isoformat()}"
    else:
        when = ""
    source = next(((s, e) for s, e in record.sources if s.url), None)
    return {
        "company": record.company or "",
        "figure": shown,
        "when": when,
        "summary": state.summary or "",
        "source": f"{source[0].url} | {source[0].publisher}" if source and source[0].publisher else
        (source[0].url or "" if source else ""),
    }
