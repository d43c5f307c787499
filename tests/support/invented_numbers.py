"""The "no invented numbers" check, shared by the property tests and `benchmarks.fuzz`.

Every number a reader sees in an answer's body (`Answer.body`: the notes and
the reference lines are checked elsewhere) must come from the knowledge
behind the answer.  A number is allowed when it is:

* a figure a cited fact holds: `count_min`, `count_max`, `percent` (also as
  the answer rounds a share, to a whole number or one decimal, but never to
  0% or 100%), or a number
  written in a cited fact's own summary or detail (quoted reasons, teams);
  a number followed by "%" is a share and must be one of these shares;
* a sum of cited facts' figures, each fact adding nothing, its `count_min` or
  its `count_max`: any subset sum, which covers totals of rounds and of
  companies without re-implementing how the answer chose them;
* a year, month, day or two-digit year of a date of a fact behind the answer,
  or of the question's period (`Query.period`), or, when the question names
  no period, of the first and last layoff the knowledge base holds (the span
  an industry-wide answer then covers);
* a count (of rounds, of companies) no larger than the number of facts behind
  the answer: "across 3 rounds", "…and 4 earlier";
* a citation marker "[n]" whose n is one of the answer's citation numbers;
* part of a name: digits run into letters ("23andMe", "inc42.com") are not
  figures, and the names of companies, aliases and cited sources are removed
  before scanning, as are the names the question itself wrote (only when the
  answer quotes them in the question's own words: a name the bot rewrote,
  "22 labs" for "twenty two labs", is scanned like any other text).

"Cited facts" are the facts of the answer's citations, and, for a citation of
a tracker export as a whole (how totals cite the rounds they do not list, and
industry totals their thousands of rows), the export's rows about the companies
cited or asked about, or, for an industry-wide answer, its rows in the
question's period (all of them when it names none).  "Facts behind the answer" add to these every fact about the companies
cited or asked about, with their subsidiaries: a timeline counts and dates
rounds it does not list one by one.  A decline cites nothing, so the only
numbers it may state are years the knowledge base holds facts for and the
date parts of the question's period ("I have no facts about X in 2019; I do
for 2022–2024"); those years are allowed in any answer too, as an answer
about several companies may decline for one of them.

The bounds on sums and counts are deliberately loose (a wrong but plausible
total can pass); what the check guarantees is that no number appears that no
fact, date or count behind the answer could have produced.  Numbers are read
as a reader reads them: "27,000" and "2.5%" in English, "27 000" (narrow
no-break space) and "2,5 %" in French.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from knowledge.answering.answer import Answer
from knowledge.answering.snapshot import FactView, Snapshot
from knowledge.answering.understand import Query
from knowledge.language.text import fold
from knowledge.types import SourceKind, SourceView

_NOT_ALNUM_BEFORE = r"(?<![^\W_])"
_NOT_ALNUM_AFTER = r"(?![^\W_])"
_SHARE = r"(?=[\u00a0\u202f ]?(%))?"
_ENGLISH = re.compile(
    rf"{_NOT_ALNUM_BEFORE}(\d{{1,3}}(?:,\d{{3}}(?!\d))+|\d+)(?:\.(\d+))?{_NOT_ALNUM_AFTER}{_SHARE}")
_FRENCH = re.compile(
    rf"{_NOT_ALNUM_BEFORE}(\d{{1,3}}(?:[\u202f\u00a0\u2009 ]\d{{3}}(?!\d))+|\d+)(?:,(\d+))?{_NOT_ALNUM_AFTER}{_SHARE}")
_MARKER = re.compile(r"\[(\d+)\]")
_MAX_BITSET = 20_000_000  # beyond this total, subset sums are every whole number up to it


def numbers_in(text: str, language: str) -> list[tuple[str, float]]:
    """(as written, value) for every number in `text`, read in the answer's language; shares end in "%"."""
    pattern = _FRENCH if language == "fr" else _ENGLISH
    found = []
    for match in pattern.finditer(text):
        whole = re.sub(r"\D", "", match.group(1))
        value = float(f"{whole}.{match.group(2)}") if match.group(2) else float(whole)
        found.append((match.group(0) + ("%" if match.group(3) else ""), value))
    return found


@dataclass(frozen=True, slots=True)
class Cited:
    """One citation of an answer: its marker number, the fact and the source it cites."""

    number: int
    fact: FactView
    source: SourceView


class InventedNumbers:
    """The check, over one snapshot (whose indexes it builds once)."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self._rows: dict[int, list[FactView]] = {}
        for fact in snapshot.facts.values():
            for cited in fact.citations:
                if cited.source.kind == SourceKind.DATASET:
                    self._rows.setdefault(cited.source.id, []).append(fact)
        self._years = {y for fact in snapshot.facts.values() for y in fact.years}
        self._years |= {f.announced.year for f in snapshot.facts.values() if f.announced}
        names = {c.name for c in snapshot.companies.values()} | {a for c in snapshot.companies.values()
                                                                   for a in c.aliases}
        self._names_with_digits = sorted((n for n in names if re.search(r"\d", n) and re.search(r"[^\W\d_]", n)),
                                         key=len, reverse=True)
        self._sums: dict[frozenset[int], int] = {}

    # -- entry points ---------------------------------------------------------------------------

    def in_answer(self, answer: Answer, query: Query) -> list[str]:
        cited = [Cited(c.number, c.fact, c.source) for c in answer.citations]
        return self.check(answer.body, answer.language, answer.answered, cited, query)

    def in_reply(self, reply: dict[str, object], query: Query) -> list[str]:
        """The same check on one line of `ask --json` output (the body is the text less notes and references)."""
        cited = []
        for item in reply.get("facts") or []:  # type: ignore[union-attr]
            fact = self.snapshot.facts.get(item["id"])
            if fact is None:
                return [f"cites fact #{item['id']}, which the knowledge base does not hold"]
            source = next((c.source for c in fact.citations if c.source.as_json() == item["source"]), None)
            if source is None:
                return [f"cites fact #{item['id']} with a source it does not have"]
            cited.append(Cited(int(item["citation"]), fact, source))
        return self.check(body_of(reply, len({c.number for c in cited})), str(reply.get("language")),
                          bool(reply.get("answered")), cited, query)

    def check(self, body: str, language: str, answered: bool, cited: Sequence[Cited], query: Query) -> list[str]:
        """The numbers of `body` that nothing behind the answer holds ("27,000 (not a figure, sum, date…)")."""
        text = self._without_names(body, cited, query)
        numbers = {c.number for c in cited}
        text = _MARKER.sub(lambda m: " " if int(m.group(1)) in numbers else m.group(0), text)
        stated = numbers_in(text, language)
        if not stated:
            return []
        if not answered:
            allowed = _date_parts(_period_days(query, self.snapshot)) | {float(y) for y in self._years}
            return [f"{written} (a decline may state only years and the question's dates)"
                    for written, value in stated if value not in allowed]
        facts = {c.fact.id: c.fact for c in cited}
        # A citation of an export names one of its rows only to point at the export: not a company asked about.
        companies = {c.fact.company_id for c in cited if c.fact.company_id is not None
                     and c.source.kind != SourceKind.DATASET}
        companies |= {m.company_id for m in query.companies}
        family = {member for company in companies for member in self.snapshot.family(company)}
        days = _period_days(query, self.snapshot)
        for source in {c.source.id: c.source for c in cited if c.source.kind == SourceKind.DATASET}.values():
            rows = self._rows.get(source.id, [])
            days += [min(r.when for r in rows), max(r.when for r in rows)] if rows else []  # its coverage
            facts.update((f.id, f) for f in _rows_behind(rows, family, query))
        behind = dict(facts)
        behind.update((f.id, f) for f in self.snapshot.facts_about(family))
        shares, allowed = _figures(facts.values(), cited)
        allowed |= _date_parts(days + [d for f in behind.values() for d in _fact_days(f)])
        allowed |= {float(y) for y in self._years}  # the declining part of an answer about several companies
        invented = []
        for written, value in stated:
            if written.endswith("%"):
                if value not in shares:
                    invented.append(f"{written} (not a share of staff a cited fact holds)")
                continue
            if value in allowed or (value == int(value) and 1 <= value <= len(behind)):
                continue
            if value == int(value) and self._is_subset_sum(int(value), facts.values()):
                continue
            invented.append(f"{written} (not a figure, sum, date or count of the {len(facts)} cited facts)")
        return invented

    # -- pieces ---------------------------------------------------------------------------------

    def _without_names(self, body: str, cited: Sequence[Cited], query: Query) -> str:
        asked = set(re.findall(r"[^\W_]+", fold(query.question)))
        names = [*self._names_with_digits, *(m.written for m in query.companies)]
        names += [n for n in query.unknown_names if set(fold(n).split()) <= asked]  # the question's own words
        for c in cited:
            names += [n for n in (c.fact.company, c.source.publisher, c.source.title, c.source.url) if n]
        for name in sorted({n for n in names if n}, key=len, reverse=True):
            body = body.replace(name, " ")
        return body

    def _is_subset_sum(self, value: int, facts: Iterable[FactView]) -> bool:
        facts = list(facts)
        key = frozenset(f.id for f in facts)
        if key not in self._sums:
            choices = [{v for v in (f.count_min, f.count_max) if v} for f in facts]
            total = sum(max(c) for c in choices if c)
            if total > _MAX_BITSET:
                self._sums[key] = -total  # too many to enumerate: every whole number up to the total
            else:
                reachable = 1
                for options in choices:
                    reachable |= _shifted(reachable, options)
                self._sums[key] = reachable
        sums = self._sums[key]
        if sums < 0:
            return 0 <= value <= -sums
        return bool(sums >> value & 1)


def _shifted(bits: int, options: set[int]) -> int:
    result = 0
    for option in options:
        result |= bits << option
    return result


def _figures(facts: Iterable[FactView], cited: Sequence[Cited]) -> tuple[set[float], set[float]]:
    """(shares, other figures) the facts hold, or their own words write."""
    shares: set[float] = set()
    allowed: set[float] = set()
    for fact in facts:
        allowed |= {float(v) for v in (fact.count_min, fact.count_max) if v is not None}
        if fact.percent is not None:
            shares |= {fact.percent} | {rounded for rounded in (float(f"{fact.percent:.1f}"), float(
                f"{fact.percent:.0f}")) if 0 < rounded < 100}  # "0%" or "100%" is no rounding of 0.04% or 99.96%
    for c in cited:
        for text in (c.fact.summary, c.fact.detail or ""):
            for language in ("en", "fr"):
                for written, value in numbers_in(text, language):
                    (shares if written.endswith("%") else allowed).add(value)
    return shares, allowed | shares


def _rows_behind(rows: list[FactView], family: set[int], query: Query) -> list[FactView]:
    """The rows of a cited export an answer can have added up: its companies' rows, else the period's."""
    if family:
        return [r for r in rows if r.company_id in family]
    if query.period is not None:
        return [r for r in rows if query.period.start <= r.when <= query.period.end]
    return rows


def _fact_days(fact: FactView) -> list[date]:
    days = [fact.announced] if fact.announced else []
    if fact.period is not None:
        days += [fact.period.start, fact.period.end]
    return days


def _period_days(query: Query, snapshot: Snapshot) -> list[date]:
    if query.period is not None:
        return [query.period.start, query.period.end]
    rounds = snapshot.layoffs_by_date
    return [rounds[0].when, rounds[-1].when] if rounds else []


def _date_parts(days: Iterable[date]) -> set[float]:
    return {float(part) for day in days for part in (day.year, day.month, day.day, day.year % 100)}


def body_of(reply: dict[str, object], references: int) -> str:
    """An `ask --json` reply's body: its text less the note lines and the `references` reference lines."""
    lines = str(reply.get("text") or "").split("\n")
    notes = len(reply.get("notes") or [])  # type: ignore[arg-type]
    return "\n".join(lines[: max(0, len(lines) - references - notes)])
