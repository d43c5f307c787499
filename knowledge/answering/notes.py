"""Notes a reader must see beside an answer: what its sources get wrong or leave open."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from knowledge.answering.answer import Citation
from knowledge.language import phrases as ph


def notes(citations: Sequence[Citation], language: str) -> tuple[str, ...]:
    found: list[str] = []
    for fact in {c.fact.id: c.fact for c in citations}.values():
        for caveat in fact.caveats:
            note = _caveat(caveat, language)
            if note and note not in found:
                found.append(note)
    return tuple(found)


def _caveat(caveat: dict[str, str], language: str) -> str | None:
    """A weekday the source gives that contradicts its own date: say which day it probably meant."""
    if caveat.get("code") != "weekday_mismatch":
        return None
    stated = date.fromisoformat(caveat["date"])
    likely = ph.day(date.fromisoformat(caveat["likely"]), language) if caveat.get("likely") else "?"
    stated_day = ph.day(stated, language).rsplit(" ", 1)[0]
    return ph.say(language, "note_weekday", stated_weekday=ph.weekday(caveat["weekday"], language),
                  stated_day=stated_day, date=ph.day(stated, language),
                  actual_weekday=ph.weekday(caveat["actual"], language), likely=likely)
