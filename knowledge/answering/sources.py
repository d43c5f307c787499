"""Naming a source the way a reader can find it, in the answer's language (every face shows this)."""

from __future__ import annotations

from knowledge.answering.answer import SourceLabel
from knowledge.language import phrases as ph
from knowledge.types import SourceView


def label(source: SourceView, language: str) -> SourceLabel:
    """ "Publisher (notes), “Title”, date" and the link."""
    publisher = source.publisher or ""
    if source.notes:
        publisher = f"{publisher} ({source.notes})" if publisher else source.notes
    parts = [p for p in (publisher, f"“{source.title}”" if source.title else "",
                         ph.day(source.published, language) if source.published else "") if p]
    return SourceLabel(", ".join(parts), source.url)
