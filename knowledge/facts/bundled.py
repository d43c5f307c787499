"""Loading the bundled packs into a new database, once each.

Each pack is recorded in the `setting` table when loaded, so a fact a moderator later retracts or edits
is never brought back by a restart.
"""

from __future__ import annotations

import logging

from knowledge.facts.changes import Action, Change, ChangeSet
from knowledge.facts.service import FactService
from knowledge.intake.bundled import ACTOR, PACKS, pack
from knowledge.storage.models import Setting

log = logging.getLogger(__name__)


def load_bundled(service: FactService) -> list[str]:
    """Load the packs this database has not seen yet; returns their names."""
    store = service.store
    loaded = []
    for name in PACKS:
        key = f"bundled:{name}"
        if store.setting(key) is not None:
            continue
        contents = pack(name)
        changes: list[Change] = []
        with service.writing() as session:
            # Looked at again under the write lock: a process that started at the same moment may have
            # loaded it while this one waited.
            if session.get(Setting, key) is not None:
                log.info("bundled pack %s was loaded by another process", name)
                continue
            session.add(Setting(key=key, value=contents.version))
            for company in contents.companies:
                store.company_id(session, company.name, parent=company.parent, aliases=company.aliases)
            for draft in contents.facts:
                changes.append(service.create(session, draft.validated(), ACTOR, f"bundled pack {name}",
                                              Action.CREATE))
            session.commit()
        service.announce(ChangeSet(Action.CREATE, ACTOR, f"bundled pack {name}", tuple(changes)))
        log.info("loaded bundled pack %s", name)
        loaded.append(name)
    return loaded
