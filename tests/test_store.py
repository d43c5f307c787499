"""The store on SQLite and PostgreSQL: facts, citations, revisions, undo, bundled data."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.drafts import FactDraft, SourceDraft
from knowledge.errors import InvalidInput, NotFound, VersionConflict
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from knowledge.storage.store import Store
from knowledge.types import FactStatus
from tests.support.helpers import TODAY, add, edit, set_status, undo

SOURCE = SourceDraft(url="https://news.example/acme", publisher="Example News", title="Acme cuts jobs",
                     published=date(2023, 5, 2), language="en")


def draft(**changes: object) -> FactDraft:
    values: dict[str, object] = dict(kind="layoff", company="Acme", count_min=300, count_max=300, qualifier="exact",
                                     announced=date(2023, 5, 2), summary="Acme cut 300 jobs.",
                                     sources=((SOURCE, "Acme said it would cut 300 jobs."),))
    values.update(changes)
    return FactDraft(**values)  # type: ignore[arg-type]


@pytest.fixture
def store(database_url: str) -> Store:
    opened = Store.open(database_url)
    yield opened
    opened.close()


def test_add_and_read_a_fact(store: Store) -> None:
    fact_id = add(store, draft(), actor="mod#1", reason="from the article")
    record = store.get_fact(fact_id)
    assert record.version == 1 and record.status == FactStatus.ACTIVE and record.company == "Acme"
    assert record.state.count_min == 300 and record.state.announced == date(2023, 5, 2)
    assert [(s.url, evidence) for s, evidence in record.sources] == [
        ("https://news.example/acme", "Acme said it would cut 300 jobs.")]
    history = store.history(fact_id)
    assert [(r.version, r.action, r.actor, r.before) for r in history] == [(1, "create", "mod#1", None)]


def test_every_change_keeps_a_revision_with_the_state_before(store: Store) -> None:
    fact_id = add(store, draft(), actor="mod#1")
    edit(store, fact_id, {"count_min": 350, "count_max": 350}, actor="mod#2", reason="corrected figure",
                    expected_version=1)
    set_status(store, fact_id, FactStatus.RETRACTED, "retract", actor="mod#3", reason="wrong company")
    set_status(store, fact_id, FactStatus.ACTIVE, "restore", actor="mod#1", reason="it was right")
    history = store.history(fact_id)
    assert [(r.version, r.action, r.actor) for r in history] == [
        (1, "create", "mod#1"), (2, "edit", "mod#2"), (3, "retract", "mod#3"), (4, "restore", "mod#1")]
    assert history[1].before.count_min == 300 and history[1].after.count_min == 350
    assert history[1].changes() == {"count_min": (300, 350), "count_max": (300, 350)}
    assert history[2].reason == "wrong company" and history[2].after.status == "retracted"


def test_undo_returns_to_the_previous_revision(store: Store) -> None:
    fact_id = add(store, draft(), actor="mod#1")
    with pytest.raises(InvalidInput, match="nothing to undo"):
        undo(store, fact_id, actor="mod#1", reason=None)
    edit(store, fact_id, {"summary": "Acme cut 3,000 jobs.", "count_min": 3000, "count_max": 3000},
                    actor="mod#2", reason=None)
    record = undo(store, fact_id, actor="mod#1", reason="typo in the figure")
    assert record.version == 3 and record.state.count_min == 300 and record.state.summary == "Acme cut 300 jobs."
    assert store.history(fact_id)[-1].action == "undo"


def test_a_stale_version_is_refused_and_nothing_is_overwritten(store: Store) -> None:
    fact_id = add(store, draft(), actor="mod#1")
    edit(store, fact_id, {"count_min": 310, "count_max": 310}, actor="alice", reason=None, expected_version=1)
    with pytest.raises(VersionConflict) as refused:
        edit(store, fact_id, {"count_min": 999, "count_max": 999}, actor="bob", reason=None, expected_version=1)
    assert "alice" in str(refused.value) and "Nothing was saved" in str(refused.value)
    assert store.get_fact(fact_id).state.count_min == 310


def test_a_version_that_was_never_saved_is_refused_too(store: Store) -> None:
    fact_id = add(store, draft(), actor="mod#1")
    with pytest.raises(VersionConflict, match="now version 1, you edited version 2"):
        edit(store, fact_id, {"count_min": 999, "count_max": 999}, actor="bob", reason=None, expected_version=2)
    assert store.get_fact(fact_id).version == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"count_min": -5}, "between 0 and"),
        ({"count_min": 500, "count_max": 100}, "lower bound"),
        ({"percent": 140.0}, "at most 100%"),
        ({"qualifier": "roughly"}, "Unknown qualifier"),
        ({"period_start": "2023-06-01", "period_end": "2023-01-01"}, "end before it starts"),
        ({"summary": "x" * 600}, "too long"),
        ({"labels": ["space_lasers"]}, "Unknown team or reason"),
        ({"sources": ((SourceDraft(url="javascript:alert(1)"), None),)}, "http:// or https://"),
        ({"version": 7}, "cannot be edited"),
        ({"summary": "Acme cut 300 jobs."}, "Nothing changed"),
    ],
)
def test_bad_edits_are_refused_with_a_reason(store: Store, changes: dict[str, object], message: str) -> None:
    fact_id = add(store, draft(), actor="mod#1")
    with pytest.raises(InvalidInput, match=message):
        edit(store, fact_id, changes, actor="mod#1", reason=None)
    assert store.get_fact(fact_id).version == 1


def test_unlinked_sources_of_one_publisher_stay_apart(store: Store) -> None:
    memo, blog = (SourceDraft(url=None, title=title, publisher="Acme", kind="manual") for title in ("Staff memo", "Blog post"))
    first = add(store, draft(sources=((memo, None),)), actor="mod#1")
    second = add(store, draft(summary="Acme cut 300 jobs, its blog said.", sources=((blog, None),)), actor="mod#1")
    again = add(store, draft(summary="Acme cut 300 jobs, a memo said.", sources=((memo, None),)), actor="mod#1")
    titles = [[s.title for s, _ in store.get_fact(fact_id).sources] for fact_id in (first, second, again)]
    assert titles == [["Staff memo"], ["Blog post"], ["Staff memo"]]
    assert store.counts()["sources"] == 2


def test_unknown_fact(store: Store) -> None:
    with pytest.raises(NotFound):
        store.get_fact(12345)


def test_companies_aliases_and_case_twins(store: Store) -> None:
    with store.session() as session:
        amazon = store.company_id(session, "Amazon", aliases=("Amazon.com",))
        aws = store.company_id(session, "AWS", parent="Amazon", aliases=("Amazon Web Services",))
        assert store.company_id(session, "amazon.com") == amazon
        assert store.company_id(session, "UIPath") == store.company_id(session, "UiPath ")
        assert store.find_company(session, "AMAZON WEB SERVICES") == aws
        session.commit()


def test_generation_moves_with_every_change(store: Store) -> None:
    before = store.generation()
    fact_id = add(store, draft(), actor="mod#1")
    set_status(store, fact_id, FactStatus.RETRACTED, "retract", actor="mod#1", reason=None)
    assert store.generation() == before + 2


def test_bundled_facts_load_once_and_retractions_stick(database_url: str) -> None:
    kb = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0))
    question = "How many people did Amazon cut in 2022–23?"
    fact_id = kb.ask(question, TODAY).citations[0].fact.id
    set_status(kb.store, fact_id, FactStatus.RETRACTED, "retract", actor="mod#1", reason="test")
    facts = kb.store.counts()
    kb.close()
    reopened = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0))
    try:
        assert reopened.store.counts() == facts
        answer = reopened.ask(question, TODAY)
        assert "27,000" not in answer.body
    finally:
        reopened.close()


def test_snapshot_sees_changes(database_url: str) -> None:
    kb = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0), bundled=False)
    try:
        assert not kb.ask("How many people did Acme lay off in 2023?", TODAY).answered
        fact_id = add(kb.store, draft(), actor="mod#1")
        assert "300" in kb.ask("How many people did Acme lay off in 2023?", TODAY).body
        edit(kb.store, fact_id, {"qualifier": "about"}, actor="mod#1", reason=None)
        assert "about 300" in kb.ask("How many people did Acme lay off in 2023?", TODAY).body
        set_status(kb.store, fact_id, FactStatus.RETRACTED, "retract", actor="mod#1", reason=None)
        assert not kb.ask("How many people did Acme lay off in 2023?", TODAY).answered
    finally:
        kb.close()
