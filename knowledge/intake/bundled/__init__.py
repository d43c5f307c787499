"""Knowledge that ships with the bot, loaded into a new database once.

Each pack (a JSON file beside this module) is recorded in the `setting`
table when loaded, so a fact a moderator later retracts or edits is never
brought back by a restart.  Packs are written in our own words and cite
their sources.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path
from typing import Any

from knowledge.drafts import FactDraft, SourceDraft
from knowledge.storage.models import Setting
from knowledge.storage.store import Store

log = logging.getLogger(__name__)

PACKS = ("companies", "seed")
ACTOR = "bundled"
_HERE = Path(__file__).resolve().parent


def read_pack(pack: str) -> dict[str, Any]:
    """A bundled pack as it ships ("companies": well-known companies, their aliases and parents)."""
    data: dict[str, Any] = json.loads((_HERE / f"{pack}.json").read_text(encoding="utf-8"))
    return data


def load_bundled(store: Store) -> list[str]:
    """Load the packs this database has not seen yet; returns their names."""
    loaded = []
    for pack in PACKS:
        key = f"bundled:{pack}"
        if store.setting(key) is not None:
            continue
        data = read_pack(pack)
        with store.write() as session:
            # Looked at again under the write lock: a process that started at the same moment may have
            # loaded it while this one waited.
            if session.get(Setting, key) is not None:
                log.info("bundled pack %s was loaded by another process", pack)
                continue
            session.add(Setting(key=key, value=str(data["version"])))
            _load_pack(store, session, data)
            session.commit()
        log.info("loaded bundled pack %s", pack)
        loaded.append(pack)
    return loaded


def _load_pack(store: Store, session: Any, data: dict[str, Any]) -> None:
    for company in data.get("companies", ()):
        store.company_id(session, company["name"], parent=company.get("parent"),
                         aliases=tuple(company.get("aliases", ())))
    sources = {key: _source(value) for key, value in data.get("sources", {}).items()}
    for raw in data.get("facts", ()):
        store.insert_fact(session, _fact(raw, sources).validated(), ACTOR, f"bundled pack {data['pack']}")


def _source(raw: dict[str, Any]) -> SourceDraft:
    published = raw.get("published")
    return SourceDraft(
        url=raw.get("url"), publisher=raw.get("publisher"), title=raw.get("title"),
        published=date.fromisoformat(published) if published else None,
        language=raw.get("language"), notes=raw.get("notes"),
    )


def _fact(raw: dict[str, Any], sources: dict[str, SourceDraft]) -> FactDraft:
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
