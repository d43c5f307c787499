"""The one thing every face of the bot renders: an `Answer`.

The command line prints it, `--json` serialises it, and Discord turns it
into an embed.  It carries the sentences, the numbered citations behind
them, the notes a reader must see (disputed figures, a date the source got
wrong) and, when the bot declines, what it does know instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.snapshot import FactView, SourceView


@dataclass(frozen=True, slots=True)
class Citation:
    number: int
    fact: FactView
    source: SourceView


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    language: str
    answered: bool
    body: str  # the sentences, with [n] markers
    citations: tuple[Citation, ...] = ()
    notes: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    confidence: float = 0.0
    intent: str = ""
    references: tuple[str, ...] = field(default=())  # one line per citation, already worded

    @property
    def text(self) -> str:
        """Exactly what a person reads: sentences, notes, then numbered references."""
        parts = [self.body]
        if self.notes:
            parts.append("\n".join(self.notes))
        if self.references:
            parts.append("\n".join(self.references))
        return "\n".join(part for part in parts if part)

    @property
    def facts(self) -> tuple[FactView, ...]:
        """Distinct cited facts, in citation order."""
        return tuple({c.fact.id: c.fact for c in self.citations}.values())

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
