"""When a sentence says something happened, resolved against the article's date.

Articles rarely give full dates: "on Wednesday", "in November", "late last
year", "le 3 mars".  Each is read as the most recent such day or month on or
before publication, unless the article itself names the year.  A weekday
that contradicts its date ("mercredi 3 mars" in a year when 3 March was a
Sunday) keeps the date the source states and records the contradiction, so
answers can mention it rather than silently pick one.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from knowledge.intake.articles.cues import LAYOFF, LAYOFF_VERB, NOT_WHEN, OTHER_EVENT, words
from knowledge.intake.articles.sentences import Sentence
from knowledge.language.periods import MONTHS
from knowledge.language.rules import RuleBook

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "un": 1, "une": 1}

# Month words that are also ordinary words count only after a preposition or before a day or year.
_AMBIGUOUS_MONTHS = {"may", "mar", "march", "jan", "sep", "sept", "dec", "oct", "nov", "aug", "jun", "jul", "apr",
                     "feb"}
_M = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_WD = "(?:" + "|".join(WEEKDAYS) + ")"
_Y = r"(?:19|20)\d\d"
_D = r"(?:[12]\d|3[01]|0?[1-9])"


@dataclass(frozen=True, slots=True)
class When:
    """A day or a period a sentence names, as words [start, end) of the sentence."""

    start_date: date
    end_date: date
    grain: str  # day, month, quarter, year, years, range, since, to_date
    start: int = 0
    end: int = 0
    caveats: tuple[dict[str, str], ...] = field(default=())

    @property
    def is_day(self) -> bool:
        return self.start_date == self.end_date

    @property
    def is_running(self) -> bool:
        """A period up to now or spanning a year or more: figures over it are running totals."""
        return self.grain in {"since", "to_date", "year", "years"} or (self.end_date - self.start_date).days > 120


@dataclass(frozen=True)
class Calendar:
    """What relative dates are read against: the publication day and the article's own year."""

    published: date
    context_year: int | None = None
    takeover: date | None = None  # when the article says the company changed hands, for "since the takeover"

    def last(self, month: int, day: int = 1) -> date:
        """The most recent `month`/`day` on or before publication, in the article's year if it names one."""
        if self.context_year is not None:
            candidate = _safe(self.context_year, month, day)
            if candidate is not None and candidate <= self.published:
                return candidate
        for year in (self.published.year, self.published.year - 1):
            candidate = _safe(year, month, day)
            if candidate is not None and candidate <= self.published:
                return candidate
        return _safe(self.published.year - 1, month, min(day, 28)) or self.published


def context_year(sentences: list[Sentence], published: date) -> int | None:
    """The year an article is about, when it is clearly not its publication year.

    Only an article that names one earlier year repeatedly, and never its own
    year, sets a context: a single passing mention ("founded in 2021") must not
    move every "in March" of the article a year back.
    """
    counted = Counter(int(m.group(0)) for s in sentences for m in re.finditer(rf"(?<!\d){_Y}(?!\d)", s.folded))
    if counted[published.year] or len(counted) != 1:
        return None
    year, mentions = counted.most_common(1)[0]
    return year if mentions >= 2 and published.year - 3 <= year < published.year else None


_TAKEOVER = words(
    r"takeover|took over|took control|acquisition|acquired|bought|buyout|purchase|purchased|merger|rachat|rachetee?"
    r"|reprise|repris|fusion|acquise?|prise de controle")


def takeover_date(sentences: list[Sentence], calendar_: Calendar) -> date | None:
    """When the article says the company changed hands ("bought by Stonegate in June"), if it says so once."""
    found: set[date] = set()
    for sentence in sentences:
        for event in sentence.find(_TAKEOVER):
            position = sentence.word_at(event.start())
            dates = [w for w in find_dates(sentence, calendar_, events=True)
                     if position < w.start <= position + 8 and w.grain in {"day", "month", "year"}]
            if dates:
                found.add(dates[0].start_date)
    return found.pop() if len(found) == 1 else None


def find_dates(sentence: Sentence, calendar_: Calendar, anchor: date | None = None,
               events: bool = False) -> list[When]:
    """Dates and periods the sentence names, in order; the first rule to claim words keeps them.

    Deadlines ("by the end of March") and founding years are left out: they
    say when something must be done or began, not when cuts happened.
    "Since" before any date makes it the start of a period running to now.
    """
    found: list[When] = []
    taken: list[tuple[int, int]] = []
    for rule in _RULES:
        for match in sentence.find(rule.pattern):
            start, end = sentence.span(match.start(), match.end())
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            before = " ".join(w.text for w in sentence.words[max(0, start - 5):start])
            if re.search(rf"(?:{NOT_WHEN.pattern})(?: in| en| on| le| the| la| l| of)?$", before):
                continue
            if not events and _of_another_event(sentence, start):
                continue
            previous = max((w for w in found if w.end <= start), key=lambda w: w.end, default=None)
            reference = previous.end_date if previous else anchor
            when = rule.build(match, calendar_, reference)
            if when is None:
                continue
            if re.search(r"(?:^| )(?:since|depuis)$", before) and when.grain not in {"since", "to_date"}:
                when = When(when.start_date, max(when.start_date, calendar_.published), "since")
            if when.grain == "since" and _WHEN_CLAUSE.match(" ".join(w.text for w in sentence.words[end:end + 3])):
                when = _at_that_time(match, when)
            found.append(When(when.start_date, when.end_date, when.grain, start, end, when.caveats))
    return sorted(found, key=lambda w: w.start)


_LAYOFF_VERB = re.compile(rf"(?<![\w])(?:{LAYOFF_VERB})")
# "its first layoff since May 2023, when it cut 3% of staff": what the clause tells happened at that date.
_WHEN_CLAUSE = re.compile(r"^, (?:when|lorsque|quand|ou) ")
_NAMED_MONTH = words(_M)


def _at_that_time(match: re.Match[str], when: When) -> When:
    """The month or year a "since" date names, for the clause that says what happened then."""
    start = when.start_date
    if _NAMED_MONTH.search(match.group(0)):
        return When(start, _month_end(start.year, start.month), "month")
    if start.month == 1 and start.day == 1:
        return When(start, date(start.year, 12, 31), "year")
    return When(start, start, "day")


def _of_another_event(sentence: Sentence, start: int) -> bool:
    """Whether the words just before a date tie it to another event than job cuts.

    "Norvik, which went public in 2006 and now employs ...", "Wondery, the podcast network Amazon
    bought in 2020, is laying off ...": the year is the listing's or the purchase's.  A layoff word
    between the event and the date gives the date back to the cuts ("founded in 1998, it cut 300
    jobs in 2023").
    """
    words = sentence.words
    first = start
    while first > 0 and start - first < 7 and words[first - 1].text not in {",", ";", ":", "(", ")"}:
        first -= 1
    lead = " ".join(w.text for w in words[first:start])
    events = list(OTHER_EVENT.finditer(lead))
    if not events:
        return False
    tail = lead[events[-1].end():]
    return not (_LAYOFF_VERB.search(tail) or LAYOFF.search(tail))


# A rule reads a date or period in an article against its calendar and the date the sentence refers to.
Build = Callable[[re.Match[str], Calendar, date | None], "When | None"]
_RULES: RuleBook[Build] = RuleBook(words)
_rule = _RULES.rule


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _day(d: date) -> When:
    return When(d, d, "day")


def _weekday_check(weekday: str | None, stated: date, published: date) -> tuple[dict[str, str], ...]:
    """A caveat when the weekday the source gives is not the weekday of the date it gives."""
    if not weekday:
        return ()
    wanted = WEEKDAYS[weekday]
    if stated.weekday() == wanted:
        return ()
    caveat = {"code": "weekday_mismatch", "weekday": _WEEKDAY_NAMES[wanted], "date": stated.isoformat(),
              "actual": _WEEKDAY_NAMES[stated.weekday()]}
    likely = _likely(stated, wanted, published)
    if likely is not None:
        caveat["likely"] = likely.isoformat()
    return (caveat,)


def _likely(stated: date, wanted: int, published: date) -> date | None:
    """The nearest date with the stated weekday and day of the month, within two months either side."""
    options = []
    for shift in range(-2, 3):
        month_index = stated.year * 12 + stated.month - 1 + shift
        candidate = _safe(month_index // 12, month_index % 12 + 1, stated.day)
        if candidate and candidate.weekday() == wanted and (candidate <= published or stated > published):
            options.append(candidate)
    return min(options, key=lambda d: (abs((d - stated).days), d), default=None)


@_rule(rf"(?:(?P<wd>{_WD}) (?:, )?)?(?:the )?(?P<m>{_M}) (?:\. )?(?P<d>{_D})(?:st|nd|rd|th)?(?: ,? ?(?P<y>{_Y}))?"
       rf"|(?:(?P<wd2>{_WD}) (?:, )?)?(?:le |the )?(?P<d2>{_D})(?:st|nd|rd|th|er)? (?:of )?(?P<m2>{_M})"
       rf"(?: ,? ?(?P<y2>{_Y}))?")
def _explicit_day(match: re.Match[str], cal: Calendar, reference: date | None) -> When | None:
    weekday = match["wd"] or match["wd2"]
    month_word, day_text, year_text = (match["m"], match["d"], match["y"]) if match["m"] else (
        match["m2"], match["d2"], match["y2"])
    month, day = MONTHS[month_word], int(day_text)
    stated = _safe(int(year_text), month, day) if year_text else cal.last(month, day)
    if stated is None:
        return None
    return When(stated, stated, "day", caveats=_weekday_check(weekday, stated, cal.published))


@_rule(r"(?:at )?(?:the )?end of last year")
def _end_of_last_year(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    return _day(date(cal.published.year - 1, 12, 31))


@_rule(r"late last year|(?:a la )?fin (?:de )?l (?:annee|an) (?:derniere|dernier|passee|passe)"
       r"|fin (?:de l annee )?derniere")
def _late_last_year(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    year = cal.published.year - 1
    return When(date(year, 10, 1), date(year, 12, 31), "range")


@_rule(r"early last year|(?:au )?debut (?:de )?l (?:annee|an) (?:derniere|dernier|passee|passe)")
def _early_last_year(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    year = cal.published.year - 1
    return When(date(year, 1, 1), date(year, 3, 31), "range")


@_rule(rf"(?:at )?the end of (?P<y>{_Y})|end of (?P<y2>{_Y})")
def _end_of_year(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    return _day(date(int(match["y"] or match["y2"]), 12, 31))


@_rule(rf"(?:at )?the (?:start|beginning) of (?P<y>{_Y})")
def _start_of_named_year(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    return _day(date(int(match["y"]), 1, 1))


@_rule(rf"(?:in )?(?P<m>{_M}) (?:of )?(?:last year|l annee derniere|l an dernier|de l annee derniere)")
def _month_last_year(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    year, month = cal.published.year - 1, MONTHS[match["m"]]
    return When(date(year, month, 1), _month_end(year, month), "month")


@_rule(rf"(?:the )?(?:third|second|first|fourth|1st|2nd|3rd|4th|q[1-4]) (?:quarter )?(?:of )?(?:its )?fiscal(?: year)?"
       rf"(?: {_Y})?|fiscal (?:year )?(?:{_Y}|q[1-4])(?: {_Y})?|(?:its |the )?(?:last |next |current )?fiscal year"
       rf"|exercice (?:fiscal )?{_Y}")
def _fiscal(match: re.Match[str], cal: Calendar, reference: date | None) -> None:
    """Fiscal periods follow each company's own calendar: claimed so no calendar date is read from them."""
    return None


@_rule(rf"(?P<late>late|fin|early|debut|au debut de|a la fin de|mid|mi)(?: -)? (?P<y>{_Y})")
def _part_of_year(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    year = int(match["y"])
    if match["late"] in {"early", "debut", "au debut de"}:
        return When(date(year, 1, 1), date(year, 3, 31), "range")
    if match["late"] in {"mid", "mi"}:
        return When(date(year, 5, 1), date(year, 8, 31), "range")
    return When(date(year, 10, 1), date(year, 12, 31), "range")


_SEASONS = {"spring": 3, "printemps": 3, "summer": 6, "ete": 6, "autumn": 9, "fall": 9, "automne": 9, "winter": 12,
            "hiver": 12}


@_rule(r"(?:last|this|au|a l|l|en|in the|cet|ce|cette) (?P<s>spring|summer|autumn|fall|winter|printemps|ete|automne"
       r"|hiver)(?P<last> dernier| passe)?|(?P<s2>spring|summer|autumn|winter) of (?P<y>(?:19|20)\d\d)")
def _season(match: re.Match[str], cal: Calendar, reference: date | None) -> When | None:
    """A season: the most recent one that has started (ended, for "last spring") by publication."""
    name = match["s"] or match["s2"]
    first_month = _SEASONS[name]
    if match["y"]:
        year = int(match["y"])
    else:
        year = cal.published.year
        finished = match.group(0).startswith("last") or bool(match["last"])
        while True:
            start = date(year, first_month, 1)
            end_index = year * 12 + first_month + 1
            end = _month_end(end_index // 12, end_index % 12 + 1)
            if (end < cal.published) if finished else (start <= cal.published):
                break
            year -= 1
    end_index = year * 12 + first_month + 1
    return When(date(year, first_month, 1), _month_end(end_index // 12, end_index % 12 + 1), "range")


@_rule(rf"(?:at )?(?:the )?end of (?P<m>{_M})(?: (?P<y>{_Y}))?|(?:a )?la fin (?:du mois )?(?:de |d )(?P<m2>{_M})"
       rf"(?: (?P<y2>{_Y}))?")
def _end_of_month(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    month = MONTHS[match["m"] or match["m2"]]
    year_text = match["y"] or match["y2"]
    year = int(year_text) if year_text else cal.last(month).year
    end = _month_end(year, month)
    return When(end, end, "day")


@_rule(rf"(?:since|depuis) (?:(?:the )?(?:start|beginning) of |le debut (?:de |d )?|debut )?(?P<m>{_M})"
       rf"(?: (?P<y>{_Y}))?")
def _since_month(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    month = MONTHS[match["m"]]
    start = date(int(match["y"]), month, 1) if match["y"] else cal.last(month)
    return When(start, cal.published, "since")


@_rule(rf"(?:since|depuis) (?:(?:the )?(?:start|beginning) of |le debut (?:de |d )?)?(?P<y>{_Y})")
def _since_year(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    return When(date(int(match["y"]), 1, 1), cal.published, "since")


@_rule(r"(?:since|depuis) (?:the|its|their|son|sa|leur|le|la|l) (?:[\w-]+ ){0,2}?(?:takeover|acquisition|buyout"
       r"|purchase|merger|sale|rachat|reprise|fusion|cession|prise de controle)(?: by| par)?")
def _since_takeover(match: re.Match[str], cal: Calendar, reference: date | None) -> When | None:
    if cal.takeover is None or cal.takeover > cal.published:
        return None
    return When(cal.takeover, cal.published, "since")


@_rule(r"(?:at )?the (?:start|beginning) of (?:the|this) year|au debut de cette annee"
       r"|(?:au|en) debut (?:de l|d) (?:annee|an)(?! (?:derniere|dernier|passee|passe|precedente|prochaine))")
def _start_of_year(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    return _day(date(cal.published.year, 1, 1))


@_rule(r"earlier this year|plus tot cette annee|earlier in the year")
def _earlier_this_year(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    return When(date(cal.published.year, 1, 1), cal.published, "range")


@_rule(r"(?:so far )?this year(?: so far)?|so far in \d{4}|year to date|depuis (?:le )?debut (?:de )?l (?:annee|an)"
       r"|jusqu (?:a present|ici) cette annee|cette annee(?: jusqu (?:a present|ici))?|since the (?:start|beginning)"
       r" of the year|en \d{4} jusqu (?:a present|ici)|depuis janvier")
def _this_year(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    return When(date(cal.published.year, 1, 1), cal.published, "to_date")


@_rule(r"last year|previous year|l (?:annee|an) (?:derniere|dernier|passee|passe|precedente)")
def _last_year(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    year = cal.published.year - 1
    return When(date(year, 1, 1), date(year, 12, 31), "year")


@_rule(r"earlier this month|plus tot ce mois(?: - ci| ci)?|earlier in the month|au debut du mois|en debut de mois"
       r"|depuis (?:le )?debut du mois|since the (?:start|beginning) of the month|month to date"
       r"|this month|ce mois(?: - ci| ci)?")
def _this_month(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    return When(cal.published.replace(day=1), cal.published, "range")


@_rule(r"last month|le mois dernier|le mois passe|previous month")
def _last_month(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    end = cal.published.replace(day=1) - timedelta(days=1)
    return When(end.replace(day=1), end, "month")


@_rule(r"last week|la semaine derniere|la semaine passee|previous week")
def _last_week(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    monday = cal.published - timedelta(days=cal.published.weekday() + 7)
    return When(monday, monday + timedelta(days=6), "range")


@_rule(r"this week|cette semaine|earlier this week|plus tot cette semaine|en debut de semaine")
def _this_week(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    return When(cal.published - timedelta(days=cal.published.weekday()), cal.published, "range")


@_rule(r"in recent months|recent months|(?:over |in )?the past (?:few|several) months|ces derniers mois"
       r"|au cours des derniers mois|ces (?:trois|3) derniers mois|these last months|in the last months")
def _recent_months(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    end = cal.published.replace(day=1) - timedelta(days=1)
    start_index = end.year * 12 + end.month - 3
    return When(date(start_index // 12, start_index % 12 + 1, 1), end, "range")


@_rule(r"(?:a|one|the) day (?:earlier|before|later|after)|the (?:previous|prior|next|following) day|la veille"
       r"|le lendemain|(?P<n>2|3|two|three|deux|trois) days? (?:earlier|before|later|after)"
       r"|(?P<n2>2|3|deux|trois) jours (?:plus tot|auparavant|avant|plus tard|apres)")
def _days_apart(match: re.Match[str], cal: Calendar, reference: date | None) -> When | None:
    """ "A day earlier, eBay announced ...", "two days later": counted from the day the sentence (or the one
    before) names; never past the publication day."""
    if reference is None:
        return None
    amount = {"2": 2, "two": 2, "deux": 2, "3": 3, "three": 3, "trois": 3}.get(match["n"] or match["n2"] or "", 1)
    later = re.search(r"later|after|next|following|lendemain|plus tard|apres", match.group(0))
    day = reference + timedelta(days=amount) if later else reference - timedelta(days=amount)
    return _day(day) if day <= cal.published else None


@_rule(r"today|aujourd hui|ce jour")
def _today(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    return _day(cal.published)


@_rule(r"yesterday|hier")
def _yesterday(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    return _day(cal.published - timedelta(days=1))


@_rule(r"(?P<n>\d+|a|an|one|un|une) (?P<unit>years?|ans?|annees?|months?|mois) "
       r"(?P<dir>earlier|before|plus tot|auparavant"
       r"|avant|ago)|il y a (?P<n2>\d+|un|une) (?P<unit2>ans?|annees?|mois)")
def _shifted(match: re.Match[str], cal: Calendar, reference: date | None) -> When | None:
    amount_text = match["n"] or match["n2"]
    amount = int(amount_text) if amount_text.isdigit() else _NUMBERS[amount_text]
    unit = match["unit"] or match["unit2"]
    if not 0 < amount <= 30:
        return None
    base = cal.published if (match["n2"] or match["dir"] == "ago" or reference is None) else reference
    months = amount * (1 if unit.startswith("mo") else 12)
    index = base.year * 12 + base.month - 1 - months
    year, month = index // 12, index % 12 + 1
    day = min(base.day, calendar.monthrange(year, month)[1])
    shifted = date(year, month, day)
    return _day(shifted)


@_rule(rf"(?:last |this past )?(?P<wd>{_WD})(?: dernier)?")
def _weekday(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    """The most recent such day on or before publication; "last Thursday", "jeudi dernier": strictly before."""
    text = match.group(0)
    past = text.endswith("dernier") or text.startswith(("last ", "this past "))
    before = cal.published - timedelta(days=1) if past else cal.published
    back = (before.weekday() - WEEKDAYS[match["wd"]]) % 7
    return _day(before - timedelta(days=back))


@_rule(rf"(?P<q>(?:the )?(?:first|second|third|fourth|1st|2nd|3rd|4th|premier|deuxieme|troisieme|quatrieme|1er|2e"
       rf"|3e|4e)"
       rf") (?:quarter|trimestre)(?: (?:of |de |d )?(?P<y>{_Y}))?|(?:q|t)(?P<n>[1-4])(?: (?P<y2>{_Y}))?")
def _quarter(match: re.Match[str], cal: Calendar, reference: date | None) -> When | None:
    order = {"first": 1, "1st": 1, "premier": 1, "1er": 1, "second": 2, "2nd": 2, "deuxieme": 2, "2e": 2, "third": 3,
             "3rd": 3, "troisieme": 3, "3e": 3, "fourth": 4, "4th": 4, "quatrieme": 4, "4e": 4}
    number = int(match["n"]) if match["n"] else order[match["q"].split()[-1]]
    year_text = match["y"] or match["y2"]
    year = int(year_text) if year_text else (cal.context_year or cal.published.year)
    start = date(year, 3 * number - 2, 1)
    return When(start, _month_end(year, 3 * number), "quarter")


@_rule(rf"(?:in |en |of |from |between |entre |de )?(?P<m1>{_M})(?: (?P<y1>{_Y}))? (?:to|and|through|-|a|et|au) "
       rf"(?P<m2>{_M})(?: (?P<y2>{_Y}))?")
def _month_range(match: re.Match[str], cal: Calendar, reference: date | None) -> When | None:
    if match["m1"] in _AMBIGUOUS_MONTHS and match["m2"] in _AMBIGUOUS_MONTHS and not (match["y1"] or match["y2"]):
        return None
    m1, m2 = MONTHS[match["m1"]], MONTHS[match["m2"]]
    y2 = int(match["y2"]) if match["y2"] else cal.last(m2).year
    y1 = int(match["y1"]) if match["y1"] else (y2 if m1 <= m2 else y2 - 1)
    start, end = date(y1, m1, 1), _month_end(y2, m2)
    return When(start, end, "range") if start <= end else None


@_rule(rf"(?P<m>{_M}) (?:of |de |d )?(?P<y>{_Y})")
def _month_year(match: re.Match[str], cal: Calendar, reference: date | None) -> When:
    month, year = MONTHS[match["m"]], int(match["y"])
    return When(date(year, month, 1), _month_end(year, month), "month")


@_rule(rf"(?:in|en|during|since|pendant|durant|au mois (?:de|d)|in early|in late|in mid|early|late|mid|fin|debut"
       rf"|mi|de|d|last|this|until|through|by|en date du|courant) (?:- )?(?P<m>{_M})")
def _bare_month(match: re.Match[str], cal: Calendar, reference: date | None) -> When | None:
    month = MONTHS[match["m"]]
    if match["m"] in {"mar", "sept", "jun", "jul", "jan", "dec", "oct", "nov", "aug", "apr", "feb", "sep"}:
        return None  # abbreviations only count with a day or a year
    start = cal.last(month)
    if reference is not None and reference.year < start.year and date(reference.year, month, 1) >= \
            reference.replace(day=1):
        start = date(reference.year, month, 1)  # "in January 2023 and 200 in March": March of that year
    return When(start, _month_end(start.year, month), "month")


@_rule(rf"(?P<y1>{_Y}) (?:and|et|to|-|a) (?P<y2>{_Y})|(?P<y3>{_Y}) - (?P<yy>\d\d)")
def _years(match: re.Match[str], cal: Calendar, reference: date | None) -> When | None:
    first = int(match["y1"] or match["y3"])
    last = int(match["y2"]) if match["y2"] else 2000 + int(match["yy"]) if match["yy"] else 0
    if not first < last <= first + 10:
        return None
    return When(date(first, 1, 1), date(last, 12, 31), "years")


@_rule(rf"(?P<y>{_Y})")
def _year(match: re.Match[str], cal: Calendar, reference: date | None) -> When | None:
    year = int(match["y"])
    if not 1995 <= year <= cal.published.year + 1:
        return None
    return When(date(year, 1, 1), date(year, 12, 31), "year")
