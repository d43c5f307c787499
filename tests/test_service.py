"""The one writer's contract: every change is announced once, after it committed, and answers see it at once.

These tests go through `KnowledgeBase`, the door the faces use, and listen as the Discord audit channel
does (`subscribe`), so a write path that forgets to announce, announces twice, announces a change that
was rolled back, or leaves the snapshot behind fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

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
