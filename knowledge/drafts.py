"""The shapes in which facts and sources enter the knowledge base, and their checks.

Every way in (bundled data, a moderator's form, a tracker row, an extracted
candidate) builds these drafts, so every fact meets the same rules: sizes
are bounded, counts are sane, links are http(s), periods run forwards.
"""

from __future__ import annotations

import ipaddress
import json
import re
import unicodedata
from dataclasses import dataclass, field, fields, replace
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any, Self
from urllib.parse import urlsplit

from knowledge.errors import InvalidField
from knowledge.language import phrases
from knowledge.language.vocabulary import REASONS_BY_KEY, TEAMS_BY_KEY
from knowledge.types import FactKind, FactStatus, Qualifier, SourceKind

MAX_COUNT = 5_000_000
MAX_NAME = 200
MAX_SUMMARY = 500
MAX_DETAIL = 1000
MAX_NOTE = 1000
MAX_URL = 2000
MAX_TITLE = 500
MAX_EVIDENCE = 4000
MAX_ACTOR = 200
MAX_CAVEATS = 10
LANGUAGES = frozenset({"en", "fr", "id", "de", "es", "it", "pt", "nl"})
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FIRST_DAY, LAST_DAY = date(1990, 1, 1), date(2100, 12, 31)
# C0 and C1 controls (a terminal reads \x9b as an escape) and bidirectional overrides (which reorder what
# a reader sees): never part of a name or a sentence we keep.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# A host name as browsers resolve it, once in ASCII (IDNA): letters, digits, hyphens (and the underscores
# some real sub-domains carry), labels of 1 to 63 characters, at least two labels.
_LABEL = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)")
_NETLOC = re.compile(r"(?P<host>\[[^\]]*\]|[^:@\[\]]+)(?::(?P<port>\d{1,5}))?")


@dataclass(frozen=True)
class SourceDraft:
    url: str | None
    publisher: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = None
    notes: str | None = None
    kind: str = SourceKind.ARTICLE

    def validated(self) -> SourceDraft:
        url = _text(self.url, "source link", MAX_URL, "url")
        if url is not None:
            check_url(url)
        if url is None and not (self.title or self.publisher):
            raise InvalidField("url", "A source needs a link, a title or a publisher.")
        if self.language is not None and self.language not in LANGUAGES:
            raise InvalidField("language", f"Unknown source language {self.language!r}; use a two-letter code such "
                                           "as en or fr.")
        if self.kind not in set(SourceKind):
            raise InvalidField("kind", f"Unknown source kind {self.kind!r}.")
        if self.published is not None:
            _check_day(self.published, "published")
        return replace(
            self,
            url=url,
            publisher=_text(self.publisher, "publisher", MAX_NAME, "publisher"),
            title=_text(self.title, "title", MAX_TITLE, "title"),
            notes=_text(self.notes, "source notes", MAX_NOTE, "notes"),
        )


@dataclass(frozen=True, kw_only=True)
class FactState:
    """What a fact says, as moderators see and change it and as every revision records it.

    One typed shape for the whole core: forms and extraction build it (as a `FactDraft`, with sources), the
    write side validates and stores it, history and undo read it back from revisions (`from_json`).
    """

    kind: FactKind
    company: str | None = None  # None: the whole industry
    count_min: int | None = None
    count_max: int | None = None
    qualifier: Qualifier | None = None
    percent: float | None = None
    percent_qualifier: Qualifier | None = None
    labels: tuple[str, ...] = ()
    detail: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    announced: date | None = None
    cumulative: bool = False
    summary: str = ""
    caveats: tuple[dict[str, str], ...] = ()
    note: str | None = None
    confidence: float = 1.0
    status: FactStatus = FactStatus.ACTIVE

    def validated(self) -> Self:
        """The same state with its codes as enums and its text cleaned, or InvalidField naming what is wrong."""
        if self.kind not in set(FactKind):
            raise InvalidField("kind", f"Unknown kind of fact {self.kind!r}; use one of: {', '.join(FactKind)}.")
        if self.status not in set(FactStatus):
            raise InvalidField("status", f"Unknown status {self.status!r}; use one of: {', '.join(FactStatus)}.")
        for name in ("qualifier", "percent_qualifier"):
            value = getattr(self, name)
            if value is not None and value not in set(Qualifier):
                raise InvalidField(name, f"Unknown qualifier {value!r}; use one of: {', '.join(Qualifier)}.")
        for name in ("count_min", "count_max"):
            value = getattr(self, name)
            if value is not None and not (0 <= value <= MAX_COUNT):
                raise InvalidField(name, f"A head count must be between 0 and {MAX_COUNT:,} (got {value:,}).")
        if self.count_min is not None and self.count_max is not None and self.count_min > self.count_max:
            raise InvalidField("count_max", "The lower bound of a figure cannot exceed its upper bound.")
        if self.percent is not None and not (0 < self.percent <= 100):
            raise InvalidField("percent", f"A share of staff must be more than 0% and at most 100% "
                                          f"(got {self.percent}).")
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise InvalidField("period_end", "A period cannot end before it starts.")
        for name in ("period_start", "period_end", "announced"):
            if getattr(self, name) is not None:
                _check_day(getattr(self, name), name)
        unknown = [label for label in self.labels if label not in TEAMS_BY_KEY and label not in REASONS_BY_KEY]
        if unknown:
            raise InvalidField("labels", f"Unknown team or reason label(s): {', '.join(unknown)}.")
        if not 0 <= self.confidence <= 1:
            raise InvalidField("confidence", "Confidence must be between 0 and 1.")
        check_caveats(self.caveats)
        return replace(
            self,
            kind=FactKind(self.kind),
            status=FactStatus(self.status),
            qualifier=Qualifier(self.qualifier) if self.qualifier is not None else None,
            percent_qualifier=Qualifier(self.percent_qualifier) if self.percent_qualifier is not None else None,
            labels=tuple(dict.fromkeys(self.labels)),
            company=_text(self.company, "company name", MAX_NAME, "company"),
            summary=_text(self.summary, "summary", MAX_SUMMARY, "summary") or "",
            detail=_text(self.detail, "detail", MAX_DETAIL, "detail"),
            note=_text(self.note, "note", MAX_NOTE, "note"),
        )

    def figure(self, language: str = "en") -> str:
        """Its figure as a person writes it: "more than 27,000 (13%)", "about 800 million dollars" (the one way
        figures are written)."""
        if self.kind == FactKind.COST and (self.count_min is not None or self.count_max is not None):
            return phrases.money(self.count_min, self.count_max, self.qualifier, self.detail, language)
        return phrases.figure(self.count_min, self.count_max, self.qualifier, self.percent, self.percent_qualifier,
                              language)

    @property
    def state(self) -> FactState:
        """Only what the fact says (a draft without its sources)."""
        return FactState(**{f.name: getattr(self, f.name) for f in fields(FactState)})

    def column_values(self) -> dict[str, Any]:
        """The values of the `Fact` columns this state sets (all but the company, stored as a reference)."""
        values = {f.name: getattr(self, f.name) for f in fields(FactState) if f.name != "company"}
        values["labels"] = ",".join(dict.fromkeys(self.labels))
        values["caveats"] = json.dumps(list(self.caveats), ensure_ascii=False, sort_keys=True)
        return values

    def to_json(self) -> dict[str, Any]:
        """The state as revisions store it: JSON-ready, dates as ISO text, labels and caveats as lists."""
        data: dict[str, Any] = {}
        for item in fields(FactState):
            value = getattr(self, item.name)
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, StrEnum):
                value = value.value
            data[item.name] = value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FactState:
        """A state from a revision's JSON (keys it does not know are ignored; missing ones take defaults)."""
        values: dict[str, Any] = {}
        for item in fields(FactState):
            if item.name not in data:
                continue
            value = data[item.name]
            if item.name in _DATES and isinstance(value, str):
                try:
                    value = date.fromisoformat(value)
                except ValueError as error:
                    raise InvalidField(item.name, f"{value!r} is not a date (use YYYY-MM-DD).") from error
            elif item.name in {"labels", "caveats"}:
                value = tuple(value.split(",") if isinstance(value, str) else value or ())
                value = tuple(v for v in value if v) if item.name == "labels" else value
            elif item.name in _CODES and value is not None:
                value = _code(_CODES[item.name], value)
            values[item.name] = value
        if "kind" not in values:
            raise InvalidField("kind", "A fact needs a kind.")
        return FactState(**values)

    def differences(self, other: FactState) -> dict[str, tuple[Any, Any]]:
        """Field -> (this value, the other's) for every field the two states do not share."""
        return {f.name: (getattr(self, f.name), getattr(other, f.name)) for f in fields(FactState)
                if getattr(self, f.name) != getattr(other, f.name)}


_DATES = frozenset({"period_start", "period_end", "announced"})
_CODES: dict[str, type[StrEnum]] = {"kind": FactKind, "status": FactStatus, "qualifier": Qualifier,
                                    "percent_qualifier": Qualifier}


def _code(enum: type[StrEnum], value: Any) -> Any:
    """A stored code as its enum; one this version does not know is kept as written (validation names it)."""
    try:
        return enum(value)
    except ValueError:
        return value


@dataclass(frozen=True, kw_only=True)
class FactDraft(FactState):
    """A new fact as it enters, with the sources (and the evidence each gives) that cite it."""

    sources: tuple[tuple[SourceDraft, str | None], ...] = field(default=())  # (source, evidence)

    def validated(self) -> Self:
        valid = super().validated()
        return replace(valid, sources=tuple((source.validated(), _text(evidence, "evidence", MAX_EVIDENCE,
                                                                              "evidence"))
                                            for source, evidence in self.sources))


def check_url(url: str) -> None:
    """Links must be plain http(s) addresses that open the host they show.

    Browsers read a backslash as a slash and drop a user-info part, so
    `https://evil.example\\@reuters.com/` opens evil.example while naive parsing says reuters.com:
    such links, and any with spaces, control or invisible characters, are refused.
    """
    problem = _url_problem(url)
    if problem:
        raise InvalidField("url", f"Source links must be plain http:// or https:// addresses ({problem}; "
                                  f"got {_shown(url)}).")


def url_host(url: str | None) -> str | None:
    """The host a link opens, as it is shown beside the link (None for a link that fails `check_url`).

    A host written in another script is shown in its ASCII (IDNA) form, which is what is looked up and cannot
    pass for a look-alike Latin name.
    """
    if not url or _url_problem(url):
        return None
    host = _host(urlsplit(url).netloc)
    return host.removeprefix("www.") if host else None


def check_actor(actor: str) -> None:
    """Who made a change, as history and the audit log name them.

    Our own writers name a person "name (Discord ID)" or a process ("import", "bundled", "command line").
    An author that carries mention or link syntax (`@everyone`, `<@&id>`, `[x](https://...)`), control or
    invisible characters, or more than MAX_ACTOR characters is not one we wrote: it is refused as forged.
    """
    if not actor or actor != actor.strip() or len(actor) > MAX_ACTOR:
        raise InvalidField("actor", f"An author must be 1 to {MAX_ACTOR} characters without surrounding spaces.")
    if any(unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} for c in actor):
        raise InvalidField("actor", "An author cannot contain control or invisible characters.")
    if any(c in "@<>[]`|\\" for c in actor) or "://" in actor:
        raise InvalidField("actor", f"An author cannot contain mention or link syntax (got {_shown(actor)}).")


def check_caveats(caveats: tuple[dict[str, str], ...] | list[Any]) -> None:
    """Caveats are read by answers: each must be one they know how to say (a weekday that contradicts a date)."""
    if len(caveats) > MAX_CAVEATS:
        raise InvalidField("caveats", f"A fact has at most {MAX_CAVEATS} caveats.")
    for caveat in caveats:
        if not isinstance(caveat, dict) or caveat.get("code") != "weekday_mismatch":
            raise InvalidField("caveats", "The only known caveat is a weekday that contradicts its date "
                                          '({"code": "weekday_mismatch", ...}).')
        if set(caveat) - {"code", "weekday", "date", "actual", "likely"} or \
                caveat.get("weekday") not in WEEKDAYS or caveat.get("actual") not in WEEKDAYS:
            raise InvalidField("caveats", "A weekday caveat names its weekday, actual weekday and date only.")
        for key in ("date", "likely"):
            if key in caveat:
                try:
                    _check_day(date.fromisoformat(caveat[key]), "caveats")
                except (TypeError, ValueError):
                    raise InvalidField("caveats", f"The caveat's {key} {caveat[key]!r} is not a date.") from None


# In ASCII the spaces and the control characters (Cc; ASCII has no Cf, Zl or Zp) are exactly these: a link
# that is plain ASCII, as nearly every link is, is checked with one search instead of a look at each character
# (a tracker import checks a million).
_ASCII_SPACE_OR_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_UNSAFE_IN_URL = re.compile(r'[\\<>"`]')


def _url_problem(url: str) -> str | None:
    if _ASCII_SPACE_OR_CONTROL.search(url) if url.isascii() else \
            any(c.isspace() or unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} for c in url):
        return "no spaces, control or invisible characters"
    if _UNSAFE_IN_URL.search(url):
        return "no backslashes, angle brackets or quotes"
    try:
        parts = urlsplit(url)
    except ValueError:  # a bracketed host that is not an IP address
        return "the host is not a valid name or address"
    if parts.scheme.lower() not in {"http", "https"} or not url.lower().startswith(parts.scheme.lower() + "://"):
        return "the address must start with http:// or https://"
    if "@" in parts.netloc:
        return "no user name or password before the host"
    if not _host(parts.netloc):
        return "the host is not a valid name or address"
    return None


@lru_cache(maxsize=8192)  # a tracker's million links name a few thousand hosts
def _host(netloc: str) -> str | None:
    """The host of a user-info-free netloc in lower-case ASCII, or None when it is not a usable host or port."""
    match = _NETLOC.fullmatch(netloc)
    if not match:
        return None
    if match["port"] is not None and not 0 < int(match["port"]) <= 65535:
        return None
    host = match["host"].lower()
    if host.startswith("["):
        try:
            return f"[{ipaddress.IPv6Address(host[1:-1])}]"
        except ValueError:
            return None
    if re.fullmatch(r"[\d.]+", host):
        try:
            return str(ipaddress.IPv4Address(host))
        except ValueError:
            return None
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = ascii_host.removesuffix(".").split(".")  # "example.com." is the fully qualified example.com
    if len(labels) < 2 or len(ascii_host) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        return None
    return ".".join(labels)


def _check_day(day: date, name: str) -> None:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidField(name, f"The date {day.isoformat()} is out of range.")


def _shown(text: str) -> str:
    """A value quoted in an error message: short, and with invisible characters made visible."""
    return ascii(text[:80])


def _text(value: str | None, what: str, limit: int, name: str) -> str | None:
    if value is None:
        return None
    value = _CONTROL.sub(" ", value).strip()
    if len(value) > limit:
        raise InvalidField(name, f"The {what} is too long ({len(value)} characters; at most {limit}).")
    return value or None
