"""Knowledge that ships with the bot: well-known companies (names, aliases, parents) and the facts of the
article the project started from, written in our own words and cited.

This module reads the packs (JSON files beside it) into drafts; `knowledge.facts.bundled` loads them
into a new database once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Imported where drafts are made: every command opening a ready knowledge base reads PACKS (to know the
    # packs are loaded), and a question needs no drafts (knowledge.kb._ready_sqlite_file).
    from knowledge.drafts import FactDraft, SourceDraft

PACKS = ("companies", "seed")
ACTOR = "bundled"
_HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class BundledCompany:
    name: str
    parent: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Pack:
    name: str
    version: str
    companies: tuple[BundledCompany, ...]
    facts: tuple[FactDraft, ...]


def read_pack(pack: str) -> dict[str, Any]:
    """A bundled pack as it ships ("companies": well-known companies, their aliases and parents)."""
    data: dict[str, Any] = json.loads((_HERE / f"{pack}.json").read_text(encoding="utf-8"))
    return data


def pack(name: str) -> Pack:
    """A pack as drafts the write side applies."""
    data = read_pack(name)
    sources = {key: _source(value) for key, value in data.get("sources", {}).items()}
    return Pack(
        name=name,
        version=str(data["version"]),
        companies=tuple(BundledCompany(c["name"], c.get("parent"), tuple(c.get("aliases", ())))
                        for c in data.get("companies", ())),
        facts=tuple(_fact(raw, sources) for raw in data.get("facts", ())),
    )


def _source(raw: dict[str, Any]) -> SourceDraft:
    from knowledge.drafts import SourceDraft

    published = raw.get("published")
    return SourceDraft(
        url=raw.get("url"), publisher=raw.get("publisher"), title=raw.get("title"),
        published=date.fromisoformat(published) if published else None,
        language=raw.get("language"), notes=raw.get("notes"),
    )


def _fact(raw: dict[str, Any], sources: dict[str, SourceDraft]) -> FactDraft:
    from knowledge.drafts import FactDraft

    def day(name: str) -> date | None:
        return date.fromisoformat(raw[name]) if raw.get(name) else None

    return FactDraft(
        kind=raw["kind"], company=raw.get("company"), count_min=raw.get("count_min"),
        count_max=raw.get("count_max"), qualifier=raw.get("qualifier"), percent=raw.get("percent"),
        percent_qualifier=raw.get("percent_qualifier"), labels=tuple(raw.get("labels", ())),
        detail=raw.get("detail"), period_start=day("period_start"), period_end=day("period_end"),
        announced=day("announced"), cumulative=bool(raw.get("cumulative")), summary=raw.get("summary", ""),
        caveats=tuple(raw.get("caveats", ())), note=raw.get("note"),
        sources=((sources[raw["source"]], None),),
    )
