"""The one writer's contract: every change is announced once, after it committed, and answers see it at once.

These tests go through `KnowledgeBase`, the door the faces use, and listen as the Discord audit channel
does (`subscribe`), so a write path that forgets to announce, announces twice, announces a change that
was rolled back, or leaves the snapshot behind fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import col

from knowledge import (
    Action,
    AnswerSettings,
    ChangeSet,
    FactDraft,
    FactStatus,
    InvalidInput,
    KnowledgeBase,
    SourceDraft,
    VersionConflict,
)
from knowledge.language.text import name_key
from knowledge.storage.models import Company, Fact

TODAY = date(2026, 12, 1)
SOURCE = SourceDraft(url="https://news.example/zebulon", publisher="Example News", title="Zebulon cuts jobs",
                     published=date(2024, 3, 4), language="en")


def draft(**changes: object) -> FactDraft:
    values: dict[str, object] = dict(kind="layoff", company="Zebulon Robotics", count_min=340, count_max=340,
                                     qualifier="exact", announced=date(2024, 3, 4),
                                     summary="Zebulon Robotics cut 340 jobs.",
                                     sources=((SOURCE, "Zebulon Robotics said it would cut 340 jobs."),))
    values.update(changes)
    return FactDraft(**values)  # type: ignore[arg-type]


class Heard:
    """A subscriber that also checks, when told, that the change is already committed and answered."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.sets: list[ChangeSet] = []
        self.answers: list[str] = []

    def __call__(self, changes: ChangeSet) -> None:
        self.sets.append(changes)
        # the snapshot must already have caught up: the audit channel and the answers agree
        self.answers.append(self.kb.ask("How many jobs did Zebulon Robotics cut?", TODAY).text)

    @property
    def actions(self) -> list[Action]:
        return [s.action for s in self.sets]


@pytest.fixture
def kb(database_url: str) -> Iterator[KnowledgeBase]:
    base = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=3600), bundled=False)
    yield base
    base.close()


@pytest.fixture
def heard(kb: KnowledgeBase) -> Heard:
    listener = Heard(kb)
    kb.subscribe(listener)
    return listener


def test_each_change_is_announced_once_with_what_it_changed(kb: KnowledgeBase, heard: Heard) -> None:
    added = kb.add(draft(), "mod#1", "from the press release")
    edited = kb.edit_fields(added.fact_id, {"count_min": 350, "count_max": 350,
                                            "summary": "Zebulon Robotics cut 350 jobs."}, "mod#2", "corrected",
                            expected_version=1)
    kb.retract(added.fact_id, "mod#1", "wrong company", expected_version=2)
    kb.restore(added.fact_id, "mod#1", None, expected_version=3)
    kb.undo(added.fact_id, "mod#2", None, expected_version=4)

    assert heard.actions == [Action.CREATE, Action.EDIT, Action.RETRACT, Action.RESTORE, Action.UNDO]
    first, second = heard.sets[0], heard.sets[1]
    assert first.actor == "mod#1" and first.reason == "from the press release"
    assert first.touched == (added.fact_id,) and first.changes[0].before is None
    assert second.changes[0].differences()["count_min"] == (340, 350)
    assert edited.record.version == 2 and heard.sets[-1].changes[0].record.version == 5
    # the undo returned the fact to its state before the restore: retracted
    assert kb.fact(added.fact_id).state.status == FactStatus.RETRACTED


def test_answers_see_every_change_before_anyone_is_told(kb: KnowledgeBase, heard: Heard) -> None:
    # refresh_interval is an hour: only the writer's own refresh can make the answers current
    added = kb.add(draft(), "mod#1")
    kb.edit_fields(added.fact_id, {"count_min": 350, "count_max": 350, "summary": "Zebulon Robotics cut 350 jobs."},
                   "mod#1", None)
    kb.retract(added.fact_id, "mod#1", "duplicate")

    assert "340" in heard.answers[0]
    assert "350" in heard.answers[1] and "340" not in heard.answers[1]
    assert "350" not in heard.answers[2]


def test_a_refused_change_announces_nothing_and_changes_nothing(kb: KnowledgeBase, heard: Heard) -> None:
    added = kb.add(draft(), "mod#1")
    heard.sets.clear()

    with pytest.raises(VersionConflict):
        kb.retract(added.fact_id, "mod#2", "stale", expected_version=7)
    with pytest.raises(InvalidInput):
        kb.edit_fields(added.fact_id, {"count_min": -5}, "mod#2", None)
    with pytest.raises(InvalidInput):
        kb.restore(added.fact_id, "mod#2", None)  # it is not retracted
    with pytest.raises(InvalidInput):
        kb.undo(added.fact_id, "mod#2", None)  # nothing to undo yet

    assert heard.sets == []
    record = kb.fact(added.fact_id)
    assert record.version == 1 and record.state.count_min == 340
    assert [r.version for r in kb.history(added.fact_id)] == [1]


def test_a_failing_subscriber_neither_undoes_the_change_nor_silences_the_others(kb: KnowledgeBase) -> None:
    told: list[Action] = []

    def broken(_: ChangeSet) -> None:
        raise RuntimeError("the audit channel was deleted")

    kb.subscribe(broken)
    kb.subscribe(lambda changes: told.append(changes.action))
    added = kb.add(draft(), "mod#1")

    assert told == [Action.CREATE]
    assert kb.fact(added.fact_id).version == 1
    assert "340" in kb.ask("How many jobs did Zebulon Robotics cut?", TODAY).text


def test_reviews_announce_one_set_for_all_they_decided(kb: KnowledgeBase, heard: Heard) -> None:
    first = kb.add(draft(status="pending"), "reader")
    second = kb.add(draft(status="pending", count_min=20, count_max=20, announced=date(2024, 9, 1),
                          summary="Zebulon Robotics cut 20 more jobs."), "reader")
    heard.sets.clear()

    outcomes = kb.approve([first.fact_id, second.fact_id], "mod#1", "checked")

    assert [o.status for o in outcomes] == [FactStatus.ACTIVE, FactStatus.ACTIVE]
    assert heard.actions == [Action.APPROVE]
    assert set(heard.sets[0].touched) == {first.fact_id, second.fact_id}


def test_an_import_is_announced_as_one_summary(kb: KnowledgeBase, heard: Heard, tmp_path: Path) -> None:
    export = tmp_path / "tracker.csv"
    export.write_text(
        "company,location,total_laid_off,date,percentage_laid_off,industry,source,country,date_added,stage,"
        "funds_raised\n"
        "Zebulon Robotics,Lyon,340,2024-03-04,0.12,Hardware,https://news.example/zebulon,France,2024-03-05,"
        "Series C,120\n"
        "Quillfeather,Leeds,45,2024-05-20,,Media,https://news.example/quill,United Kingdom,2024-05-21,Seed,3\n",
        encoding="utf-8")

    report = kb.import_file(export)

    assert report.added == 2
    assert heard.actions == [Action.IMPORT]
    assert len(heard.sets[0].touched) == 2 and heard.sets[0].summary
    assert "340" in heard.answers[0]
    # importing the same export again changes nothing, and says nothing
    kb.import_file(export)
    assert heard.actions == [Action.IMPORT]


# -- what each change records ------------------------------------------------------------------------


def test_history_keeps_who_why_and_when_of_every_change(kb: KnowledgeBase) -> None:
    added = kb.add(draft(), "mod#1", "from the press release")
    edited = kb.edit_fields(added.fact_id, {"count_min": 350, "count_max": 350}, "mod#2", "corrected figure")
    retracted = kb.retract(added.fact_id, "mod#1", "wrong company")
    restored = kb.restore(added.fact_id, "mod#3", "right company after all")
    undone = kb.undo(added.fact_id, "mod#2", None)
    explained = kb.undo(added.fact_id, "mod#2", "back again")

    history = kb.history(added.fact_id)
    assert [(r.version, r.action, r.actor, r.reason) for r in history] == [
        (1, "create", "mod#1", "from the press release"),
        (2, "edit", "mod#2", "corrected figure"),
        (3, "retract", "mod#1", "wrong company"),
        (4, "restore", "mod#3", "right company after all"),
        (5, "undo", "mod#2", "undo of version 4"),
        (6, "undo", "mod#2", "back again"),
    ]
    assert [c.reason for c in (edited, retracted, restored, undone, explained)] == [
        "corrected figure", "wrong company", "right company after all", "undo of version 4", "back again"]
    # each revision is stamped with the time the fact says it was last changed
    record = kb.fact(added.fact_id)
    assert record.updated_at is not None and history[-1].at == record.updated_at
    assert all(r.at is not None for r in history) and history[0].at <= history[-1].at
    assert explained.record.updated_at == record.updated_at


def test_an_edit_can_cite_new_sources_with_their_evidence(kb: KnowledgeBase) -> None:
    added = kb.add(draft(), "mod#1")
    second = SourceDraft(url="https://wire.example/zebulon", publisher="Example Wire", title="Zebulon confirms",
                         published=date(2024, 3, 5), language="en")
    state = kb.fact(added.fact_id).state

    change = kb.edit(added.fact_id, state, "mod#2", "second source", 1,
                     sources=[(second, "The company confirmed 340 job cuts.")])

    cited = {source.url: evidence for source, evidence in change.record.sources}
    assert cited == {"https://news.example/zebulon": "Zebulon Robotics said it would cut 340 jobs.",
                     "https://wire.example/zebulon": "The company confirmed 340 job cuts."}
    assert dict((s.url, evidence) for s, evidence in kb.fact(added.fact_id).sources) == cited  # as stored
    assert change.reason == "second source" and kb.history(added.fact_id)[-1].reason == "second source"


def test_a_fact_can_be_moved_off_any_company(kb: KnowledgeBase) -> None:
    added = kb.add(draft(), "mod#1")
    change = kb.edit_fields(added.fact_id, {"company": None, "summary": "Robot makers cut 340 jobs."}, "mod#1", None)
    assert change.after.company is None and kb.fact(added.fact_id).state.company is None


def test_edit_fields_reads_dates_and_labels_and_names_what_it_refuses(kb: KnowledgeBase) -> None:
    added = kb.add(draft(), "mod#1")
    change = kb.edit_fields(added.fact_id, {"announced": "2024-03-06"}, "mod#1", None)
    assert change.after.announced == date(2024, 3, 6)
    with pytest.raises(InvalidInput) as refused:
        kb.edit_fields(added.fact_id, {"announced": "2024-13-01"}, "mod#1", None)
    assert str(refused.value) == "'2024-13-01' is not a date (use YYYY-MM-DD)."
    with pytest.raises(InvalidInput) as unknown:
        kb.edit_fields(added.fact_id, {"colour": "red", "bogus": 1}, "mod#1", None)
    assert str(unknown.value) == "These fields cannot be edited: bogus, colour."
    reason = kb.add(draft(kind="reason", count_min=None, count_max=None, qualifier=None, labels=("efficiency",),
                          summary="Zebulon Robotics cut jobs to become leaner."), "mod#1")
    relabelled = kb.edit_fields(reason.fact_id, {"labels": "cost_cutting, restructuring"}, "mod#1", None)
    assert relabelled.after.labels == ("cost_cutting", "restructuring")


def test_refusals_say_exactly_why(kb: KnowledgeBase) -> None:
    added = kb.add(draft(), "mod#1")
    with pytest.raises(InvalidInput) as same:
        kb.edit_fields(added.fact_id, {"count_min": 340}, "mod#1", None)
    assert str(same.value) == "Nothing changed: the new values are the same as the current ones."
    kb.retract(added.fact_id, "mod#1", "duplicate")
    with pytest.raises(InvalidInput) as twice:
        kb.retract(added.fact_id, "mod#2", "duplicate")
    assert str(twice.value) == f"Fact #{added.fact_id} is retracted; it cannot be retracted."


def test_a_stale_version_is_refused_with_who_changed_it_when_and_what_it_says(kb: KnowledgeBase) -> None:
    added = kb.add(draft(), "mod#1")
    kb.edit_fields(added.fact_id, {"summary": "Zebulon Robotics cut 340 jobs in Lyon."}, "mod#2", None)
    current = kb.fact(added.fact_id)

    with pytest.raises(VersionConflict) as conflict:
        kb.retract(added.fact_id, "mod#3", "stale", expected_version=1)

    error = conflict.value
    assert (error.fact_id, error.expected, error.current, error.updated_by) == (added.fact_id, 1, 2, "mod#2")
    assert error.updated_at == current.updated_at and error.summary == "Zebulon Robotics cut 340 jobs in Lyon."
    assert "changed by mod#2 at" in str(error) and "Its current text: Zebulon Robotics cut 340 jobs in Lyon." \
        in str(error)


def test_a_change_that_breaks_a_rule_of_the_database_saves_nothing_and_says_so(kb: KnowledgeBase) -> None:
    added = kb.add(draft(), "mod#1")
    service = kb.facts
    with pytest.raises(InvalidInput) as refused, service.writing() as session:
        fact = service.store.fact_in(session, added.fact_id)
        service.apply(session, fact, replace(kb.fact(added.fact_id).state, count_min=350, count_max=350),
                      "mod#2", "corrected", Action.EDIT)
        session.add(Company(name="Zebulon Robotics again", key=name_key("Zebulon Robotics")))  # a duplicate key
        service.commit(session, fact)
    assert str(refused.value) == "That change conflicts with another fact; nothing was saved."
    assert kb.fact(added.fact_id).state.count_min == 340 and [r.version for r in kb.history(added.fact_id)] == [1]


@pytest.mark.parametrize("finish", ["commit", "flush"])
def test_a_writer_that_bypassed_the_lock_is_caught_and_nothing_is_saved(postgres_url: str, finish: str) -> None:
    """The version check holds even against a writer that skipped the write lock (PostgreSQL: the lock is
    advisory, so a stray connection can update a row while a change is being prepared)."""
    kb = KnowledgeBase.open(postgres_url, bundled=False)
    try:
        added = kb.add(draft(), "mod#1")
        service = kb.facts
        with pytest.raises(VersionConflict) as conflict, service.writing() as session:
            fact = service.store.fact_in(session, added.fact_id)
            service.apply(session, fact, replace(kb.fact(added.fact_id).state, count_min=350, count_max=350),
                          "mod#2", "corrected", Action.EDIT)
            with kb.store.engine.begin() as stray:
                stray.execute(update(Fact).where(col(Fact.id) == added.fact_id).values(
                    version=2, updated_by="stray writer", summary="Text the stray writer left."))
            getattr(service, finish)(session, fact)
        after, history = kb.fact(added.fact_id), kb.history(added.fact_id)
    finally:
        kb.close()

    error = conflict.value
    assert (error.fact_id, error.expected, error.current) == (added.fact_id, 1, 2)
    assert error.updated_by == "stray writer" and error.summary == "Text the stray writer left."
    assert error.updated_at is not None and error.updated_at == after.updated_at
    assert after.state.count_min == 340 and [r.version for r in history] == [1]
