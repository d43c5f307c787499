"""The "no invented numbers" check, shared by the property tests and `benchmarks.fuzz`.

Every number a reader sees in an answer's body (`Answer.body`: the notes and
the reference lines are checked elsewhere) must be grounded.  A number is
allowed when it is:

* a figure a cited fact holds: `count_min`, `count_max`, `percent` (also as
  the answer rounds a share, to a whole number or one decimal, but never to
  0% or 100%), or a number written in a cited fact's own summary or detail
  (quoted reasons, teams); a number followed by "%" is a share and must be
  one of these shares, or a derived percentage;
* a year, month, day or two-digit year of a cited fact's dates;
* a derived figure the answer declares (`Answer.derived`, "derived" in
  `ask --json`), once the check has recomputed it from its terms: a sum of
  the terms' lower figures (or of their upper ones), a count of them, of
  their companies, their largest or smallest figure or year, or a difference
  or percentage of the two figures in `of`, each of which must be grounded
  too;
* a number of the question (as understanding read it: "twenty twenty-two"
  is 2022), or a date part of the question's period (`Query.period`);
* a citation marker "[n]" whose n is one of the answer's citation numbers;
* part of a name: digits run into letters ("23andMe", "inc42.com") are not
  figures, and the names of companies, aliases and cited sources are removed
  before scanning, as are the names the question itself wrote (only when the
  answer quotes them in the question's own words: a name the bot rewrote,
  "22 labs" for "twenty two labs", is scanned like any other text).

A decline cites nothing, so the only numbers it may state are years the
knowledge base holds facts for and the date parts and numbers of the
question ("I have no facts about X in 2019; I do for 2022–2024"); those
years are allowed in any answer too, as an answer about several companies
may decline for one of them.

`lenient=True` is the check as it was before answers declared their derived
figures (any subset sum of the cited facts and of the export rows behind a
total, any count up to the facts behind the answer, the dates of every fact
about the companies asked about): kept to compare the two, not to rely on.

Numbers are read as a reader reads them: "27,000" and "2.5%" in English,
"27 000" (narrow no-break space) and "2,5 %" in French.
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


@dataclass(frozen=True, slots=True)
class Declared:
    """One derived figure as an answer declares it: value, operation, the facts it is computed from."""

    value: float
    op: str
    terms: tuple[FactView, ...]
    of: tuple[float, ...]
    label: str


class InventedNumbers:
    """The check, over one snapshot (whose indexes it builds once)."""

    def __init__(self, snapshot: Snapshot, lenient: bool = False) -> None:
        self.snapshot = snapshot
        self.lenient = lenient
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
        declared = [Declared(d.value, d.op, d.terms, d.of, d.label) for d in answer.derived]
        return self.check(answer.body, answer.language, answer.answered, cited, query, declared)

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
        declared = []
        for item in reply.get("derived") or []:  # type: ignore[union-attr]
            terms = [self.snapshot.facts.get(fact_id) for fact_id in item["terms"]]
            if any(t is None for t in terms):
                return [f"derives {item['value']} from a fact the knowledge base does not hold"]
            declared.append(Declared(float(item["value"]), item["op"], tuple(terms), tuple(item["of"]),  # type: ignore[arg-type]
                                     item["label"]))
        return self.check(body_of(reply, len({c.number for c in cited})), str(reply.get("language")),
                          bool(reply.get("answered")), cited, query, declared)

    def check(self, body: str, language: str, answered: bool, cited: Sequence[Cited], query: Query,
              declared: Sequence[Declared] = ()) -> list[str]:
        """The numbers of `body` nothing grounds ("27,000 (not a figure, sum, date…)"), and declared derived
        figures that their terms do not give."""
        text = self._without_names(body, cited, query)
        numbers = {c.number for c in cited}
        text = _MARKER.sub(lambda m: " " if int(m.group(1)) in numbers else m.group(0), text)
        stated = numbers_in(text, language)
        asked = _question_numbers(query)
        if not answered:
            allowed = _date_parts(_period_days(query, self.snapshot)) | {float(y) for y in self._years} | asked
            return [f"{written} (a decline may state only years and the question's dates and numbers)"
                    for written, value in stated if value not in allowed]
        if self.lenient:
            return self._lenient(stated, cited, query)
        facts = {c.fact.id: c.fact for c in cited}
        shares, allowed = _figures(facts.values(), cited)
        allowed |= _date_parts([d for f in facts.values() for d in _fact_days(f)])
        allowed |= _date_parts(_period_days(query, self.snapshot)) | asked
        allowed |= {float(y) for y in self._years}  # the declining part of an answer about several companies
        wrong, derived, derived_shares = _verified(declared, allowed | shares)
        invented = list(wrong)
        for written, value in stated:
            if written.endswith("%"):
                if value not in shares and value not in derived_shares:
                    invented.append(f"{written} (not a share of staff a cited fact holds, nor a derived share)")
                continue
            if value in allowed or value in derived:
                continue
            invented.append(f"{written} (not a cited fact's figure or date, a declared derived figure, or a number "
                            f"of the question)")
        return invented

    def _lenient(self, stated: list[tuple[str, float]], cited: Sequence[Cited], query: Query) -> list[str]:
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
        allowed |= {float(y) for y in self._years}
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


def _lower(fact: FactView) -> int:
    return fact.count_min if fact.count_min is not None else (fact.count_max or 0)


def _upper(fact: FactView) -> int:
    return fact.count_max if fact.count_max is not None else (fact.count_min or 0)


def _recomputed(item: Declared) -> set[float]:
    """The values a declared operation can have over its terms (a sum of lower or of upper figures…)."""
    terms = item.terms
    if item.op == "sum":
        return {float(sum(map(_lower, terms))), float(sum(map(_upper, terms)))}
    if item.op == "count":
        return {float(len(terms))}
    if item.op == "count_companies":
        return {float(len({t.company_id for t in terms}))}
    if item.op in {"max", "min"} and terms:
        pick = max if item.op == "max" else min
        years = [y for t in terms for y in t.years] or [t.when.year for t in terms]
        return {float(pick(map(_lower, terms))), float(pick(map(_upper, terms))), float(pick(years))}
    if item.op == "difference" and len(item.of) == 2:
        return {float(item.of[0] - item.of[1])}
    if item.op == "percent" and len(item.of) == 2 and item.of[1]:
        return {round(100 * item.of[0] / item.of[1], 1)}
    return set()


def _verified(declared: Sequence[Declared], grounded: set[float]) -> tuple[list[str], set[float], set[float]]:
    """(what is wrong with the declarations, the values they ground, the shares among them).

    Sums, counts, largest and smallest come first, as differences and shares are made of them."""
    wrong: list[str] = []
    values: set[float] = set()
    shares: set[float] = set()
    for item in sorted(declared, key=lambda d: d.op in {"difference", "percent"}):
        if float(item.value) not in _recomputed(item):
            wrong.append(f"declared {item.op} {item.value} ({item.label}) is not what its {len(item.terms)} terms give")
            continue
        if item.of and not all(float(v) in grounded | values for v in item.of):
            wrong.append(f"declared {item.op} {item.value} ({item.label}) is of figures nothing grounds: {item.of}")
            continue
        if item.op == "percent":
            value = float(item.value)
            shares |= {value, float(f"{value:.0f}")} if 0 < round(value) < 100 else {value}
        else:
            values.add(abs(float(item.value)))
    return wrong, values, shares


def _question_numbers(query: Query) -> set[float]:
    """The numbers of the question as understanding read it ("three" is 3, "twenty twenty-two" 2022)."""
    found = {float(v) for v in query.numbers}
    found |= {float(t) for t in re.findall(r"(?<![\w.])\d+(?![\w.])", query.folded)}
    return found


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
