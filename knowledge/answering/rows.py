"""The rows behind an answer's derived figures, as a table anyone can check a total against.

A total over a year of a tracker cites the export once; the rounds it adds up
are the terms of its derived figures (`Answer.rows`).  This lays them out one
per line (company, date, people, share, industry, country, link), for a reader
to open in a spreadsheet: the Discord "Rows" button sends it as a CSV file.
"""

from __future__ import annotations

import csv
import io

from knowledge.answering.answer import Answer
from knowledge.answering.snapshot import FactView
from knowledge.types import SourceKind

COLUMNS = ("company", "date", "people", "share", "industry", "country", "source")


def has_rows(answer: Answer) -> bool:
    """Whether the answer adds up or counts facts it does not cite one by one (the Rows button is worth showing)."""
    cited = {fact.id for fact in answer.facts}
    # asked of every answer the bot sends: stops at the first uncited term, without gathering and sorting the rows
    return any(fact.id not in cited for derived in answer.derived for fact in derived.terms)


def rows_table(answer: Answer) -> list[dict[str, str]]:
    return [_row(fact) for fact in answer.rows]


def rows_csv(answer: Answer) -> str:
    """The rows as CSV text, with a header line; cells that a spreadsheet would run as formulas are quoted."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows_table(answer):
        writer.writerow({key: _inert(value) for key, value in row.items()})
    return out.getvalue()


def _row(fact: FactView) -> dict[str, str]:
    if fact.count_min is not None and fact.count_max is not None and fact.count_min != fact.count_max:
        people = f"{fact.count_min}-{fact.count_max}"
    else:
        figure = fact.count_min if fact.count_min is not None else fact.count_max
        people = "" if figure is None else str(figure)
    share = "" if fact.percent is None else f"{fact.percent:g}%"
    tags = fact.tags
    return {
        "company": fact.company or "",
        "date": fact.when.isoformat() if fact.period is not None else "",
        "people": people,
        "share": share,
        "industry": (tags.industry or "") if tags else "",
        "country": (tags.country or "") if tags else "",
        "source": _link(fact),
    }


def _link(fact: FactView) -> str:
    """The row's own link, else any source's link, else the export's name."""
    own = [c.source for c in fact.citations if c.source.kind != SourceKind.DATASET and c.source.url]
    if own:
        return own[0].url or ""
    linked = [c.source.url for c in fact.citations if c.source.url]
    if linked:
        return linked[0]
    named = [c.source.title or c.source.publisher for c in fact.citations if c.source.title or c.source.publisher]
    return named[0] or "" if named else ""


def _inert(value: str) -> str:
    """A cell starting with =, +, - or @ is a formula to a spreadsheet: prefix it so it stays text."""
    return f"'{value}" if value[:1] in {"=", "+", "-", "@"} else value
