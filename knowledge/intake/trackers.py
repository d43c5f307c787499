"""Reading layoff-tracker CSV exports into checked rows.

Three layouts are known (all under `--format layoffs-fyi`): the current
layoffs.fyi export (11 lower-case columns, m/d/yyyy dates, counts written as
floats), the 2024 export (12 capitalised columns, ISO dates) and the Kaggle
copy of the data (9 columns, NULL for blanks, no source column).  The whole
file is read and checked before anything is written, so a malformed file is
refused with the line at fault and leaves the knowledge base untouched.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from knowledge.drafts import MAX_COUNT, MAX_NAME, MAX_URL, FactState, check_url
from knowledge.errors import InvalidInput
from knowledge.files import read_limited
from knowledge.language.text import name_key
from knowledge.settings import MAX_IMPORT_BYTES
from knowledge.types import FactKind, Qualifier

MAX_ROWS = 2_000_000
MAX_BYTES = MAX_IMPORT_BYTES  # the default; the command line's is `[database] max_import_bytes`
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # controls, C1 and bidi overrides
_BLANK = {"", "null", "none", "n/a", "na", "nan", "unknown", "-"}
_LINK = re.compile(r"https?://", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    publisher: str  # who compiled the data, cited for the export as a whole
    width: int  # how many columns the export has
    columns: dict[str, str]  # our field -> the file's column


LAYOUTS = (
    Layout("layoffs.fyi (current)", "layoffs.fyi", 11, {
        "company": "company", "location": "location", "count": "total_laid_off", "date": "date",
        "percent": "percentage_laid_off", "industry": "industry", "source": "source", "country": "country",
        "added": "date_added", "stage": "stage", "funds": "funds_raised"}),
    Layout("layoffs.fyi (2024)", "layoffs.fyi", 12, {
        "company": "Company", "location": "Location_HQ", "count": "Laid_Off_Count", "date": "Date",
        "percent": "Percentage", "industry": "Industry", "source": "Source", "country": "Country",
        "added": "Date_Added", "stage": "Stage", "funds": "Funds_Raised"}),
    Layout("Kaggle layoffs dataset", "Kaggle (layoffs.fyi data)", 9, {
        "company": "company", "location": "location", "count": "total_laid_off", "date": "date",
        "percent": "percentage_laid_off", "industry": "industry", "country": "country", "stage": "stage",
        "funds": "funds_raised_millions"}),
)


@dataclass(frozen=True, slots=True)
class TrackerRow:
    line: int  # line number in the file (the header is line 1)
    company: str
    announced: date
    count: int | None  # None: the tracker does not know; never 0 for unknown
    percent: float | None  # share of staff in percent (0.06 in the file -> 6.0)
    source_url: str | None
    source_text: str | None  # "Internal memo", "LinkedIn": a source without a link
    industry: str | None
    country: str | None
    location: str | None
    added: date | None = None  # when the tracker recorded the row, where the export says
    stage: str | None = None  # funding stage: "Series B", "Post-IPO"
    funds_raised: float | None = None  # millions of US dollars
    dropped_link: str | None = None  # why the row's link was left out (the row is kept, cited to the export)

    def state(self) -> FactState:
        """The layoff fact the row states, summarised in our words (the tracker's own text is not kept)."""
        return FactState(kind=FactKind.LAYOFF, company=self.company, count_min=self.count, count_max=self.count,
                         qualifier=Qualifier.EXACT if self.count is not None else None, percent=self.percent,
                         announced=self.announced, summary=self.summary())

    def summary(self) -> str:
        share = f" ({self.percent:g}% of staff)" if self.percent else ""
        day = self.announced.isoformat()
        if self.count is not None:
            return f"{self.company} laid off {self.count:,} people{share} on {day}, as a layoff tracker records."
        if self.percent:
            return f"{self.company} cut{share.replace('(', '').replace(')', '')} on {day}, as a layoff tracker records."
        return f"{self.company} announced layoffs on {day}; the tracker gives no figure."

    def identity(self) -> tuple[object, ...]:
        """Everything the row says: two rows with the same identity are exact repeats."""
        return (self.company.casefold(), self.announced, self.count, self.percent, self.source_url,
                self.source_text, self.industry, self.country, self.location, self.stage, self.funds_raised)


@dataclass(frozen=True)
class TrackerFile:
    path: Path
    layout: Layout
    rows: tuple[TrackerRow, ...]
    skipped: tuple[tuple[int, str], ...] = ()  # (line, reason): rows that cannot become a fact

    @cached_property
    def exported(self) -> date | None:
        """How recent the export is: the latest day a row was added, else the date in the file's name,
        else its latest layoff (worked out once: an import asks for each row it compares, and it is a pass over
        every row)."""
        added = [row.added for row in self.rows if row.added]
        if added:
            return max(added)
        named = re.search(r"(\d{4})-(\d{2})-(\d{2})", self.path.name)
        if named:
            try:
                return date(int(named[1]), int(named[2]), int(named[3]))
            except ValueError:
                pass
        return max((row.announced for row in self.rows), default=None)


class _Unusable(Exception):
    """A well-formed row that says too little to be a fact (no date): skipped and reported."""


def read_tracker(path: Path, max_bytes: int = MAX_BYTES) -> TrackerFile:
    """Parse and check a whole export of at most `max_bytes`; raises InvalidInput naming the line at fault."""
    raw = read_limited(path, max_bytes, "a tracker export")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return parse_tracker(text, path)


def parse_tracker(text: str, path: Path) -> TrackerFile:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInput(f"{path.name} is empty.") from None
    except csv.Error as error:
        raise InvalidInput(f"{path.name}, line 1: not a CSV file ({error}).") from None
    layout = _layout_of([h.strip() for h in header], path)
    index = {name.strip(): i for i, name in enumerate(header)}
    rows: list[TrackerRow] = []
    seen = _Seen()
    skipped: list[tuple[int, str]] = []
    errors: list[str] = []
    try:
        for line, values in _numbered(reader):
            if not any(v.strip() for v in values):
                continue
            if len(rows) >= MAX_ROWS:
                raise InvalidInput(f"{path.name} has more than {MAX_ROWS:,} rows; split it into smaller files.")
            if len(values) != len(header):
                errors.append(f"line {line}: {len(values)} fields where the header has {len(header)}")
                continue
            try:
                rows.append(_row(line, {field: values[index[column]] for field, column in layout.columns.items()},
                                 seen))
            except InvalidInput as error:
                errors.append(f"line {line}: {error}")
            except _Unusable as reason:
                skipped.append((line, str(reason)))
            if len(errors) >= 10:
                break
    except csv.Error as error:
        errors.append(f"line {reader.line_num}: {error}")
    if errors:
        more = " (and maybe more)" if len(errors) >= 10 else ""
        raise InvalidInput(f"{path.name} was not imported, nothing was changed: " + "; ".join(errors) + more + ".")
    return TrackerFile(path, layout, tuple(rows), tuple(skipped))


def _numbered(reader: Any) -> Iterator[tuple[int, list[str]]]:
    """(line number, values) of each row; `reader` is a csv.reader (its type is not public)."""
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        yield reader.line_num, values


def _layout_of(header: list[str], path: Path) -> Layout:
    for layout in LAYOUTS:
        if set(layout.columns.values()) <= set(header) and len(header) == layout.width:
            return layout
    for layout in LAYOUTS:
        if set(layout.columns.values()) <= set(header):
            return layout
    known = "; ".join(f"{layout.name}: {', '.join(layout.columns.values())}" for layout in LAYOUTS)
    raise InvalidInput(
        f"{path.name}, line 1: the columns ({', '.join(header[:12])}) match no known tracker layout. "
        f"Expected the columns of one of: {known}."
    )


# Duplicated spreadsheet rows come back as "Impossible Foods copy": a lower-case
# "copy" suffix is the spreadsheet's doing, not part of the company's name.
_COPY_SUFFIX = re.compile(r"\s+copy(?:\s*\d+)?$")


class _Seen:
    """What the rows read so far wrote in their repeating columns, read once each.

    A tracker writes the same few hundred industries, places, stages and days, and a company's name on
    each of its rounds: reading each distinct text once makes a million-row export several times faster
    to check, and its rows share one string for one value instead of a copy each.
    """

    def __init__(self) -> None:
        self.companies: dict[str, str] = {}
        self.texts: dict[str | None, str | None] = {}
        self.dates: dict[str, date] = {}
        self.added: dict[str | None, date | None] = {}

    def company(self, written: str) -> str:
        found = self.companies.get(written)
        if found is None:
            found = self.companies[written] = _company(written)
        return found

    def text(self, value: str | None) -> str | None:
        if value in self.texts:
            return self.texts[value]
        found = self.texts[value] = _optional(value)
        return found

    def day(self, value: str) -> date:
        found = self.dates.get(value)
        if found is None:
            found = self.dates[value] = _date(value)  # a date that is refused is not remembered
        return found

    def added_on(self, value: str | None) -> date | None:
        if value in self.added:
            return self.added[value]
        found = self.added[value] = _added(value)
        return found


def _company(written: str) -> str:
    written = " ".join(_CONTROL.sub(" ", written).split())
    company = _COPY_SUFFIX.sub("", written) or written
    if not company or company.casefold() in _BLANK:
        raise InvalidInput("the company name is empty")
    key = name_key(company)
    if len(company) > MAX_NAME or len(key) > MAX_NAME:
        raise InvalidInput(f"the company name is longer than {MAX_NAME} characters")
    if not key:
        raise InvalidInput(f"the company name {company!r} has no letters or digits")
    return company


def _row(line: int, values: dict[str, str], seen: _Seen | None = None) -> TrackerRow:
    seen = seen or _Seen()
    company = seen.company(values["company"])
    url, text, dropped = _source(values.get("source", ""))
    return TrackerRow(
        line=line,
        company=company,
        announced=seen.day(values["date"]),
        count=_count(values["count"]),
        percent=_percent(values["percent"]),
        source_url=url,
        source_text=text,
        industry=seen.text(values.get("industry")),
        country=seen.text(values.get("country")),
        location=seen.text(values.get("location")),
        added=seen.added_on(values.get("added")),
        stage=seen.text(values.get("stage")),
        funds_raised=_funds(values.get("funds")),
        dropped_link=dropped,
    )


def _optional(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(_CONTROL.sub(" ", value).split())
    return None if value.casefold() in _BLANK else value[:100]


def _date(value: str) -> date:
    value = value.strip()
    if value.casefold() in _BLANK:
        raise _Unusable("the row gives no date")
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            parsed = date.fromisoformat(value)
        elif match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value):
            parsed = date(int(match[3]), int(match[1]), int(match[2]))
        else:
            raise ValueError
    except ValueError:
        raise InvalidInput(f"{value!r} is not a date (expected YYYY-MM-DD or M/D/YYYY)") from None
    if not date(1990, 1, 1) <= parsed <= date(2100, 12, 31):
        raise InvalidInput(f"the date {value} is out of range")
    return parsed


def _added(value: str | None) -> date | None:
    """The day a row was added ("5/15/2026", "2024-05-24 15:47:21"); None when absent or unreadable."""
    if not value or value.strip().casefold() in _BLANK:
        return None
    try:
        return _date(value.strip().split(" ")[0])
    except (InvalidInput, _Unusable):
        return None


def _number(value: str, what: str) -> float | None:
    """A finite, non-negative number, or None for a blank; anything else names the problem."""
    if value.casefold() in _BLANK:
        return None
    try:
        number = float(value)
    except ValueError:
        raise InvalidInput(f"the {what} {value!r} is not a number") from None
    if not math.isfinite(number):
        raise InvalidInput(f"the {what} {value!r} is not a number")
    if number < 0:
        raise InvalidInput(f"the {what} {value} is negative")
    return number


def _funds(value: str | None) -> float | None:
    """Money raised, in millions of dollars ("134", "1300.0"); a value the file garbles is left out, not refused:
    it describes the company, it is not the fact."""
    if value is None:
        return None
    try:
        number = _number(value.strip().lstrip("$").replace(",", ""), "funds raised")
    except InvalidInput:
        return None
    return number if number is not None and number < 10_000_000 else None


def _count(value: str) -> int | None:
    number = _number(value.strip().replace(",", ""), "head count")
    if number is None:
        return None
    if number != int(number):
        raise InvalidInput(f"the head count {value.strip()} is not a whole number")
    if number > MAX_COUNT:
        raise InvalidInput(f"the head count {value.strip()} is implausibly large")
    return int(number)


def _percent(value: str) -> float | None:
    number = _number(value.strip().rstrip("%").strip(), "share of staff")
    if number is None:
        return None
    if number > 1:
        raise InvalidInput(f"the share of staff {value.strip()} is more than 100% (the exports write 25% as 0.25)")
    share = number * 100
    if share == 0:
        return None
    return round(share, 2)


def _source(value: str) -> tuple[str | None, str | None, str | None]:
    """(link, text, why a link was dropped): a row whose link is unsafe keeps its figures, not the link.

    One hostile or mistyped link (a user-info part, a backslash) must not cost a 4,000-row import, nor be
    shown as a source: the row is imported cited to the export as a whole, and the report names the line.
    """
    value = " ".join(value.split())
    if value.casefold() in _BLANK:
        return None, None, None
    if not _LINK.match(value):
        return None, value[:200], None
    if len(value) > MAX_URL:
        return None, None, f"The link is longer than {MAX_URL} characters."
    try:
        check_url(value)
    except InvalidInput as error:
        return None, None, str(error)
    return value, None, None
