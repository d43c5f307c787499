"""The one thing every face of the bot renders: an `Answer`, as data.

An answer is lines of runs: each run is words and the reference numbers of
the sources behind them, so the command line prints "… 2023. [1]", Discord
links the same numbers to its sources field, and a paginated listing takes
its rounds one `Line` at a time — nobody parses rendered text back.  Beside
the lines it carries the numbered citations (which fact, which source), the
notes a reader must see, and, when the bot declines, what it knows instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from knowledge.answering.snapshot import FactView
from knowledge.types import SourceView


@dataclass(frozen=True, slots=True)
class Run:
    """Words of an answer and the references that back them (shown right after the words)."""

    text: str
    refs: tuple[int, ...] = ()

    def render(self) -> str:
        if not self.refs:
            return self.text
        markers = "".join(f"[{n}]" for n in self.refs)
        return f"{self.text} {markers}" if self.text else markers


@dataclass(frozen=True, slots=True)
class Line:
    """A paragraph of an answer, or one item of a list (a layoff round in a timeline)."""

    runs: tuple[Run, ...]
    item: bool = False  # a list item: shown with a bullet, and paginated one by one

    def render(self) -> str:
        text = "".join(run.render() for run in self.runs)
        return f"• {text}" if self.item else text

    @property
    def refs(self) -> tuple[int, ...]:
        return tuple(sorted({n for run in self.runs for n in run.refs}))


@dataclass(frozen=True, slots=True)
class Citation:
    """One fact cited through one of its sources, under the source's reference number."""

    number: int
    fact: FactView
    source: SourceView


@dataclass(frozen=True, slots=True)
class SourceLabel:
    """How a source is named, in the answer's language: "Publisher (notes), “Title”, date", and its link."""

    head: str
    url: str | None


@dataclass(frozen=True, slots=True)
class Reference:
    number: int
    source: SourceView
    label: SourceLabel

    def render(self) -> str:
        url = self.label.url
        head = self.label.head or url or ""  # a source with nothing else to be named by is named by its link
        return f"[{self.number}] {head} — {url}" if url and head != url else f"[{self.number}] {head}"


@dataclass(frozen=True, slots=True)
class Derived:
    """A figure an answer computed from facts rather than read from one, with everything needed to check it.

    `op` is how: "sum" (of the terms' lower figures, `count_min`, or of their
    upper ones, `count_max`, for an upper bound: see `label`), "count" (the
    rounds the terms are, one fact each), "count_companies" (the companies
    the terms are about), "max" or "min" (of the terms' figures, or of their
    years when `label` says so), "difference" or "percent" (of the two figures
    in `of`: first minus second, first as a share of second, to one decimal).
    """

    value: float
    op: str
    terms: Sequence[FactView]
    label: str
    of: tuple[float, ...] = ()

    def as_json(self) -> dict[str, object]:
        value: float | int = int(self.value) if self.value == int(self.value) else self.value
        return {"value": value, "op": self.op, "terms": [f.id for f in self.terms],
                "of": [int(v) if v == int(v) else v for v in self.of], "label": self.label}


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    language: str
    answered: bool
    lines: tuple[Line, ...]
    citations: tuple[Citation, ...] = ()
    references: tuple[Reference, ...] = ()
    notes: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    confidence: float = 0.0
    intent: str = ""
    derived: tuple[Derived, ...] = ()
    asked: str = ""  # the question exactly as asked; `question` is it as understood (one line, plain dashes)

    @property
    def rows(self) -> tuple[FactView, ...]:
        """Every fact a derived figure adds up or counts, oldest first: what a reader checks a total against
        (the Discord "Rows" button sends them as a table)."""
        found = {f.id: f for d in self.derived for f in d.terms}
        return tuple(sorted(found.values(), key=lambda f: (f.when, f.id)))

    @property
    def body(self) -> str:
        """The sentences, with [n] markers, as plain text."""
        return "\n".join(line.render() for line in self.lines)

    @property
    def text(self) -> str:
        """Exactly what a person reads: sentences, notes, then numbered references."""
        parts = [self.body, "\n".join(self.notes), "\n".join(r.render() for r in self.references)]
        return "\n".join(part for part in parts if part)

    @property
    def facts(self) -> tuple[FactView, ...]:
        """Distinct cited facts, in citation order."""
        return tuple({c.fact.id: c.fact for c in self.citations}.values())

    @property
    def heading(self) -> tuple[Line, ...]:
        """The lines before a list of items (a timeline's title), or every line when there is no list."""
        return tuple(line for line in self.lines if not line.item)

    @property
    def items(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.item)

    def references_for(self, lines: Iterable[Line]) -> tuple[Reference, ...]:
        """The references some lines cite (a page of a listing shows only its own sources)."""
        wanted = {n for line in lines for n in line.refs}
        return tuple(r for r in self.references if r.number in wanted)

    def as_json(self) -> dict[str, object]:
        return {
            "question": self.asked or self.question,
            "language": self.language,
            "answered": self.answered,
            "text": self.text,
            "facts": [c.fact.as_json(c.source) | {"citation": c.number} for c in self.citations],
            "suggestions": list(self.suggestions),
            "notes": list(self.notes),
            "confidence": round(self.confidence, 3),
            "derived": [d.as_json() for d in self.derived],
        }


@dataclass
class Reply:
    """What an answerer found to say, before citations are numbered into an `Answer`."""

    answered: bool
    lines: list[Line] = field(default_factory=list)
    confidence: float = 0.0
    suggestions: list[str] = field(default_factory=list)
