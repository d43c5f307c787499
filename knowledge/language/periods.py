"""Periods of time, and reading them out of folded English or French text.

A question names its period in many ways ("2022–23", "22-23", "between
November 2022 and March 2023", "Q1 2024", "since October 2025", "so far this
year"); all become a closed `Period` of calendar dates.  Relative periods are
resolved against a `today` that callers pass in, so answers are reproducible.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from knowledge.language.rules import Rule, RuleBook, whole_words

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "janvier": 1, "janv": 1,
    "february": 2, "feb": 2, "fevrier": 2, "fevr": 2, "fev": 2,
    "march": 3, "mar": 3, "mars": 3,
    "april": 4, "apr": 4, "avril": 4, "avr": 4,
    "may": 5, "mai": 5,
    "june": 6, "jun": 6, "juin": 6,
    "july": 7, "jul": 7, "juillet": 7, "juil": 7,
    "august": 8, "aug": 8, "aout": 8,
    "september": 9, "sep": 9, "sept": 9, "septembre": 9,
    "october": 10, "oct": 10, "octobre": 10,
    "november": 11, "nov": 11, "novembre": 11,
    "december": 12, "dec": 12, "decembre": 12,
}
_ORDINALS = {
    "first": 1, "1st": 1, "premier": 1, "1er": 1, "second": 2, "2nd": 2, "deuxieme": 2, "2e": 2,
    "third": 3, "3rd": 3, "troisieme": 3, "3e": 3, "fourth": 4, "4th": 4, "quatrieme": 4, "4e": 4,
}

_M = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_Y = r"(?:19|20)\d{2}"
_ORD = "(?:" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + ")"
_TO = r"(?:-|to|and|through|thru|until|till|et|a|au|jusqu a|jusqu en|jusqu au)"
_FROM = r"(?:between|from|entre|de|du|d)"


@dataclass(frozen=True, slots=True)
class Period:
    """A closed range of dates, and how it was expressed (for wording answers)."""

    start: date
    end: date
    grain: str  # day, month, quarter, half, year, years, range, since, to_date

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def overlap_share(self, other: Period) -> float:
        """How much of `other` falls inside this period (0..1)."""
        start, end = max(self.start, other.start), min(self.end, other.end)
        if end < start:
            return 0.0
        return ((end - start).days + 1) / ((other.end - other.start).days + 1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31), "year")


def month(y: int, m: int) -> Period:
    return Period(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month")


def day(d: date) -> Period:
    return Period(d, d, "day")


def quarter(y: int, q: int) -> Period:
    start = date(y, 3 * q - 2, 1)
    end_month = 3 * q
    return Period(start, date(y, end_month, calendar.monthrange(y, end_month)[1]), "quarter")


def half(y: int, h: int) -> Period:
    return Period(date(y, 1, 1), date(y, 6, 30), "half") if h == 1 else Period(date(y, 7, 1), date(y, 12, 31), "half")


def years(first: int, last: int) -> Period:
    return Period(date(first, 1, 1), date(last, 12, 31), "years")


def find_period(folded: str, today: date) -> Period | None:
    """The period a folded question names, or None when it names none."""
    for rule in _RULES:
        match = rule.pattern.search(folded)
        if match:
            period = _built(rule, match, today)
            if period is not None:
                return period
    return None


def find_periods(folded: str, today: date) -> list[Period]:
    """Every period a folded question names, in the order written ("in 2023 than in 2022": two).

    Rules are tried most specific first, as in `find_period`, and a later rule
    never reads words an earlier one has read ("2022 and 2023" is one period).
    """
    return periods_named(folded, today)[0]


def periods_named(folded: str, today: date) -> tuple[list[Period], Period | None]:
    """`find_periods` and `find_period` of the same question, in one pass over the rules (a question is read for
    both; each rule's search is most of the cost)."""
    taken: list[tuple[int, int, Period]] = []
    first: Period | None = None  # find_period's: the first rule whose leftmost match makes a period
    for rule in _RULES:
        leftmost = True
        for match in rule.pattern.finditer(folded):
            overlaps = any(match.start() < end and start < match.end() for start, end, _ in taken)
            if not overlaps or (leftmost and first is None):
                period = _built(rule, match, today)
                if period is not None:
                    if leftmost and first is None:
                        first = period
                    if not overlaps or (leftmost and first is None):
                        taken.append((match.start(), match.end(), period))
            leftmost = False
    return [period for _, _, period in sorted(taken, key=lambda item: item[0])], first


def _built(rule: Rule[Build], match: re.Match[str], today: date) -> Period | None:
    try:
        return rule.build(match, today)
    except (ValueError, OverflowError):
        return None  # a relative period that would start before year 1 (with `today` pinned near it)


# A year is written after words like these; a number there that no calendar of ours holds ("in 1066",
# "en 3024") is a year the question asks about all the same, and must not be dropped.
_YEAR_CUE = re.compile(
    r"(?<!\w)(?:in|en|of|during|durant|pendant|since|depuis|year|annee|for|pour|before|avant|after|apres|until"
    r"|jusqu en|from|de|du|between|entre|by|circa|back in|au cours de) (?P<y>\d{3,4})(?!\w)"
    r"(?! (?:people|persons|employees|workers|staff|jobs|positions|roles|layoffs|personnes|salaries|employes"
    r"|emplois|postes|licenciements|companies|entreprises|rounds|vagues|%|percent))"
)
EARLIEST_YEAR = 1900  # the period rules read years 1900-2099 (`_Y`); anything else is no year we can hold
LATEST_YEAR = 2099


def unreadable_years(folded: str) -> list[int]:
    """Years a question names that fall outside any calendar the knowledge base could hold ("in 1066")."""
    return [int(m["y"]) for m in _YEAR_CUE.finditer(folded)
            if not EARLIEST_YEAR <= int(m["y"]) <= LATEST_YEAR]


def _month_of(word: str) -> int:
    return MONTHS[word]


def _last_month_named(m: int, today: date) -> int:
    """The year of the most recent month `m` that has started by `today`."""
    return today.year if m <= today.month else today.year - 1


def _full_year(text: str, reference: int | None = None) -> int:
    value = int(text)
    if value >= 100:
        return value
    century = (reference // 100) * 100 if reference else 2000
    return century + value


Build = Callable[[re.Match[str], date], "Period | None"]
_RULES: RuleBook[Build] = RuleBook(whole_words)
_rule = _RULES.rule



@_rule(rf"(?:{_FROM} )?(?P<m1>{_M})(?: (?P<y1>{_Y}))? {_TO} (?P<m2>{_M}) (?P<y2>{_Y})")
def _month_range(match: re.Match[str], today: date) -> Period | None:
    m1, m2, y2 = _month_of(match["m1"]), _month_of(match["m2"]), int(match["y2"])
    y1 = int(match["y1"]) if match["y1"] else (y2 if m1 <= m2 else y2 - 1)
    start, end = month(y1, m1).start, month(y2, m2).end
    return Period(start, end, "range") if start <= end else None


@_rule(rf"(?:since|depuis) (?:(?:le )?debut (?:de |d )?)?(?:(?P<m>{_M}) )?(?P<y>{_Y})")
def _since(match: re.Match[str], today: date) -> Period | None:
    y = int(match["y"])
    start = date(y, _month_of(match["m"]), 1) if match["m"] else date(y, 1, 1)
    return Period(start, today, "since") if start <= today else None


@_rule(rf"(?:since|depuis) (?:le mois d |the start of |the beginning of )?(?P<m>{_M})")
def _since_month(match: re.Match[str], today: date) -> Period | None:
    m = _month_of(match["m"])
    return Period(date(_last_month_named(m, today), m, 1), today, "since")


@_rule(r"so far this year|this year so far|year to date|ytd|depuis le debut de (?:l )?(?:annee|an)"
       r"|depuis janvier|cette annee jusqu ici|jusqu ici cette annee|so far in \d{4}")
def _to_date(match: re.Match[str], today: date) -> Period | None:
    return Period(date(today.year, 1, 1), today, "to_date")


@_rule(rf"(?:{_FROM} )?(?P<y1>{_Y}) ?(?:{_TO} ?(?P<y2>{_Y})|- ?(?P<yy>\d{{2}}))")
def _year_range(match: re.Match[str], today: date) -> Period | None:
    y1 = int(match["y1"])
    y2 = _full_year(match["y2"] or match["yy"], y1)
    return years(y1, y2) if y1 < y2 <= y1 + 30 else None


@_rule(r"(?P<y1>\d{2}) - (?P<y2>\d{2})")
def _short_year_range(match: re.Match[str], today: date) -> Period | None:
    y1, y2 = int(match["y1"]), int(match["y2"])
    if not (y1 < y2 <= y1 + 5 and 0 <= y1 <= today.year % 100 + 1):
        return None
    return years(2000 + y1, 2000 + y2)


@_rule(rf"(?:q|t)(?P<q>[1-4]) (?:of |de |d )?(?P<y>{_Y})|(?P<y2>{_Y}) (?:q|t)(?P<q2>[1-4])")
def _quarter(match: re.Match[str], today: date) -> Period | None:
    if match["q"]:
        return quarter(int(match["y"]), int(match["q"]))
    return quarter(int(match["y2"]), int(match["q2"]))


@_rule(rf"(?:the )?(?P<o>{_ORD}) (?:quarter|trimestre) (?:of |de |d )?(?P<y>{_Y})")
def _quarter_words(match: re.Match[str], today: date) -> Period | None:
    return quarter(int(match["y"]), _ORDINALS[match["o"]])


@_rule(rf"(?:h|s)(?P<h>[12]) (?:of |de )?(?P<y>{_Y})|(?:the )?(?P<o>first|second|premier|second|1er|2e) "
       rf"(?:half|semestre) (?:of |de |d )?(?P<y2>{_Y})")
def _half(match: re.Match[str], today: date) -> Period | None:
    if match["h"]:
        return half(int(match["y"]), int(match["h"]))
    return half(int(match["y2"]), _ORDINALS[match["o"]])


@_rule(rf"(?P<d>[0-3]?\d)(?:er)? (?P<m>{_M}) (?P<y>{_Y})"
       rf"|(?P<m2>{_M}) (?P<d2>[0-3]?\d)(?:st|nd|rd|th)? (?P<y2>{_Y})")
def _day(match: re.Match[str], today: date) -> Period | None:
    try:
        if match["d"]:
            return day(date(int(match["y"]), _month_of(match["m"]), int(match["d"])))
        return day(date(int(match["y2"]), _month_of(match["m2"]), int(match["d2"])))
    except ValueError:
        return None


@_rule(rf"(?P<m>{_M}) (?:of |de |d )?(?P<y>{_Y})")
def _month_year(match: re.Match[str], today: date) -> Period | None:
    return month(int(match["y"]), _month_of(match["m"]))


@_rule(r"(?:this|current|cette|en cours) (?:annee|year)|l annee en cours|this year s")
def _this_year(match: re.Match[str], today: date) -> Period | None:
    return Period(date(today.year, 1, 1), date(today.year, 12, 31), "year")


@_rule(r"last year|previous year|past year|l annee (?:derniere|passee|precedente)|l an (?:dernier|passe)"
       r"|annee derniere")
def _last_year(match: re.Match[str], today: date) -> Period | None:
    return year(today.year - 1)


@_rule(r"(?:in the )?(?:last|past) (?P<n>\d+) (?P<unit>months?|years?)"
       r"|(?:les|ces|au cours des) (?P<n2>\d+) (?P<unit2>derniers mois|dernieres annees|mois|ans)")
def _last_n(match: re.Match[str], today: date) -> Period | None:
    n = int(match["n"] or match["n2"])
    unit = match["unit"] or match["unit2"]
    if not 0 < n <= 50:
        return None
    days = 30.44 * n if unit.startswith("mo") or unit.startswith("derniers mois") else 365.25 * n
    return Period(today - timedelta(days=round(days)), today, "range")


@_rule(r"next year|the coming year|l annee prochaine|l an prochain|annee prochaine")
def _next_year(match: re.Match[str], today: date) -> Period | None:
    return year(today.year + 1)


@_rule(r"next month|le mois prochain")
def _next_month(match: re.Match[str], today: date) -> Period | None:
    following = today.replace(day=28) + timedelta(days=4)
    return month(following.year, following.month)


@_rule(r"this month|ce mois(?:-ci| ci)?")
def _this_month(match: re.Match[str], today: date) -> Period | None:
    return month(today.year, today.month)


@_rule(r"last month|le mois dernier|previous month")
def _last_month(match: re.Match[str], today: date) -> Period | None:
    first = today.replace(day=1) - timedelta(days=1)
    return month(first.year, first.month)


@_rule(rf"(?:in|en|of|during|pendant|durant|au mois de|in early|in late|fin|debut) (?P<m>{_M})")
def _bare_month(match: re.Match[str], today: date) -> Period | None:
    m = _month_of(match["m"])
    return month(_last_month_named(m, today), m)


@_rule(rf"(?P<y>{_Y})")
def _year(match: re.Match[str], today: date) -> Period | None:
    return year(int(match["y"]))
