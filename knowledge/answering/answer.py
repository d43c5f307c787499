"""The one thing every face of the bot renders: an `Answer`, as data.

An answer is lines of runs: each run is words and the reference numbers of
the sources behind them, so the command line prints "… 2023. [1]", Discord
links the same numbers to its sources field, and a paginated listing takes
its rounds one `Line` at a time — nobody parses rendered text back.  Beside
the lines it carries the numbered citations (which fact, which source), the
notes a reader must see, and, when the bot declines, what it knows instead.
"""

from __future__ import annotations

from collections.abc import Iterable
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
            "question": self.question,
            "language": self.language,
            "answered": self.answered,
            "text": self.text,
            "facts": [c.fact.as_json(c.source) | {"citation": c.number} for c in self.citations],
            "suggestions": list(self.suggestions),
            "notes": list(self.notes),
            "confidence": round(self.confidence, 3),
        }


@dataclass
class Reply:
    """What an answerer found to say, before citations are numbered into an `Answer`."""

    answered: bool
    lines: list[Line] = field(default_factory=list)
    confidence: float = 0.0
    suggestions: list[str] = field(default_factory=list)
