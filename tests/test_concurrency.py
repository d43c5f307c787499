"""No lost edits: concurrent changes to one fact, on SQLite and PostgreSQL, with real sessions."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from knowledge.drafts import FactDraft, SourceDraft
from knowledge.errors import VersionConflict
from knowledge.models import FactStatus
from knowledge.store import Store


def draft() -> FactDraft:
    return FactDraft(kind="layoff", company="Acme", count_min=300, count_max=300, qualifier="exact",
                     announced=date(2023, 5, 2), summary="Acme cut 300 jobs.",
                     sources=((SourceDraft(url="https://news.example/acme", publisher="Example"), None),))


@pytest.fixture
def stores(database_url: str) -> tuple[Store, Store]:
    """Two stores, as two processes would have: separate engines and connections."""
    first, second = Store.open(database_url), Store.open(database_url)
    yield first, second
    first.close()
    second.close()


def test_two_sessions_saving_the_same_version_the_second_is_refused(stores: tuple[Store, Store]) -> None:
    first, second = stores
    fact_id = first.add_fact(draft(), actor="setup")
    with first.session() as a, second.session() as b:
        mine, theirs = first.fact_in(a, fact_id), second.fact_in(b, fact_id)  # both read version 1
        a.commit()  # end the read transactions: SQLite allows one writer at a time
        b.commit()
        first.change_in(a, mine, "alice", None, "edit", lambda s: {**s, "count_min": 310, "count_max": 310})
        first.commit(a, mine)
        with pytest.raises(VersionConflict) as refused:  # bob saves what he read, after alice saved
            second.change_in(b, theirs, "bob", None, "edit", lambda s: {**s, "count_min": 999, "count_max": 999})
            second.commit(b, theirs)
    assert "alice" in str(refused.value) and "Nothing was saved" in str(refused.value)
    record = first.get_fact(fact_id)
    assert record.state["count_min"] == 310 and record.version == 2
    assert [r.actor for r in first.history(fact_id)] == ["setup", "alice"]


@pytest.mark.parametrize("action", ["edit", "retract", "restore", "undo"])
def test_every_change_is_refused_against_a_stale_version(stores: tuple[Store, Store], action: str) -> None:
    first, second = stores
    fact_id = first.add_fact(draft(), actor="setup")
    first.edit_fact(fact_id, {"summary": "Acme cut 300 jobs in May."}, "setup", None)
    if action == "restore":
        first.set_status(fact_id, FactStatus.RETRACTED, "retract", "setup", None)
    seen = second.get_fact(fact_id).version
    first.edit_fact(fact_id, {"note": "checked"}, "alice", "in between")  # someone else saves first
    calls = {
        "edit": lambda: second.edit_fact(fact_id, {"count_min": 1, "count_max": 1}, "bob", None, seen),
        "retract": lambda: second.set_status(fact_id, FactStatus.RETRACTED, "retract", "bob", None, seen),
        "restore": lambda: second.set_status(fact_id, FactStatus.ACTIVE, "restore", "bob", None, seen),
        "undo": lambda: second.undo(fact_id, "bob", None, seen),
    }
    before = first.get_fact(fact_id)
    with pytest.raises(VersionConflict, match="alice"):
        calls[action]()
    assert first.get_fact(fact_id) == before


def test_many_moderators_at_once_lose_nothing(stores: tuple[Store, Store]) -> None:
    """Eight threads each try to save on top of the version they read; every saved change is in the history."""
    first, second = stores
    fact_id = first.add_fact(draft(), actor="setup")
    barrier = threading.Barrier(8)
    saved: list[int] = []
    refused: list[int] = []

    def moderator(n: int) -> None:
        store = first if n % 2 else second
        for round_ in range(3):
            seen = store.get_fact(fact_id).version
            barrier.wait(timeout=30)
            value = 1000 + 10 * round_ + n
            try:
                store.edit_fact(fact_id, {"count_min": value, "count_max": value}, f"mod{n}", None, seen)
                saved.append(n)
            except VersionConflict:
                refused.append(n)

    threads = [threading.Thread(target=moderator, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    history = first.history(fact_id)
    assert len(saved) == 3 and len(refused) == 21  # one winner per round
    assert [r.version for r in history] == list(range(1, 5))
    assert [r.actor for r in history[1:]] == [f"mod{n}" for n in saved]
    assert history[-1].after["count_min"] == first.get_fact(fact_id).state["count_min"]
