"""Export/restore round trip, and reviewing candidates: approve, merge, dispute, reject."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.cli import main
from knowledge.drafts import FactDraft, SourceDraft
from knowledge.errors import InvalidInput
from knowledge.facts.review import pending
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from knowledge.storage.backup import export_data, restore, write_csv
from knowledge.storage.store import Store
from knowledge.types import FactStatus
from tests.support.helpers import TODAY, add, approve, edit, reject, set_status


def article(url: str, publisher: str, language: str = "en") -> SourceDraft:
    return SourceDraft(url=url, publisher=publisher, published=date(2022, 11, 9), language=language)


def candidate(count: int | None, url: str, publisher: str, percent: float | None = None, day: int = 9,
              kind: str = "layoff", labels: tuple[str, ...] = ()) -> FactDraft:
    return FactDraft(kind=kind, company="Meta", count_min=count, count_max=count,
                     qualifier="exact" if count is not None else None, percent=percent,
                     announced=date(2022, 11, day), labels=labels, summary=f"Meta cut {count} jobs.",
                     status=FactStatus.PENDING, confidence=0.9,
                     sources=((article(url, publisher), f"Meta said it would cut {count} jobs."),))


def strip_time(data: dict[str, object]) -> str:
    return json.dumps({k: v for k, v in data.items() if k != "exported_at"}, sort_keys=True)


def test_export_then_restore_is_lossless(database_url: str, tmp_path: Path) -> None:
    source = KnowledgeBase.open(f"sqlite:///{tmp_path / 'source.db'}", AnswerSettings(refresh_interval=0))
    fact_id = source.ask("How many jobs did AWS cut?", TODAY).citations[0].fact.id
    edit(source.store, fact_id, {"note": "checked"}, actor="mod", reason="review")
    set_status(source.store, fact_id, FactStatus.RETRACTED, "retract", actor="mod", reason="test")
    exported = export_data(source.store)
    source.close()

    target = Store.open(database_url)
    try:
        counts = restore(target, json.loads(json.dumps(exported)))
        assert counts["fact"] == len(exported["fact"]) and counts["revision"] == len(exported["revision"])
        assert strip_time(export_data(target)) == strip_time(exported)
        assert [r.action for r in target.history(fact_id)] == ["create", "edit", "retract"]
        new_id = add(target, FactDraft(kind="layoff", company="Acme", count_min=1, count_max=1,
                                           qualifier="exact", announced=date(2024, 1, 1)), actor="mod")
        assert new_id > max(f["id"] for f in exported["fact"])  # sequences continue after restored ids
    finally:
        target.close()
    reopened = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0))
    try:  # bundled packs are not loaded twice into a restored database
        assert reopened.store.counts()["facts_retracted"] == 1
    finally:
        reopened.close()


def test_restore_needs_an_empty_database(sqlite_url: str) -> None:
    kb = KnowledgeBase.open(sqlite_url)
    data = export_data(kb.store)
    with pytest.raises(InvalidInput, match="empty database"):
        restore(kb.store, data)
    with pytest.raises(InvalidInput, match="not a layoffbot export"):
        restore(kb.store, {"format": "something else"})
    kb.close()


def test_csv_export_writes_a_file_per_table(sqlite_url: str, tmp_path: Path) -> None:
    kb = KnowledgeBase.open(sqlite_url)
    written = write_csv(kb.store, tmp_path / "csv")
    kb.close()
    assert {p.name for p in written} == {"setting.csv", "counter.csv", "company.csv", "alias.csv", "source.csv",
                                         "fact.csv", "citation.csv", "round_tags.csv", "revision.csv", "question.csv", "answer.csv",
                                         "feedback.csv", "watch.csv", "feed.csv"}
    assert "voi.id" in (tmp_path / "csv" / "source.csv").read_text(encoding="utf-8")


@pytest.fixture
def kb(database_url: str) -> KnowledgeBase:
    base = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0), bundled=False)
    yield base
    base.close()


def test_two_reports_of_one_event_become_one_fact_with_two_citations(kb: KnowledgeBase) -> None:
    first = add(kb.store, candidate(11000, "https://a.example/meta", "BusinessDay", percent=13), "extractor")
    second = add(kb.store, candidate(11000, "https://b.example/meta", "Le Soir"), "extractor")
    assert [r.id for r in pending(kb.store)] == [first, second]
    outcomes = approve(kb.store, [first, second], actor="mod")
    assert [o.status for o in outcomes] == ["active", "merged"] and outcomes[1].merged_into == first
    assert pending(kb.store) == []
    answer = kb.ask("How many people did Meta lay off in November 2022?", TODAY)
    assert "11,000 people, 13% of its staff" in answer.body
    assert {c.source.publisher for c in answer.citations} == {"BusinessDay", "Le Soir"}
    assert kb.store.get_fact(second).status == FactStatus.MERGED


def test_a_merge_fills_in_what_the_first_report_lacked(kb: KnowledgeBase) -> None:
    first = add(kb.store, candidate(11000, "https://a.example/meta", "A"), "extractor")
    second = add(kb.store, candidate(11000, "https://b.example/meta", "B", percent=13, day=10), "extractor")
    approve(kb.store, [first, second], actor="mod")
    record = kb.store.get_fact(first)
    assert record.state.percent == 13 and record.version == 3
    assert kb.store.history(first)[-1].action == "merge"


def test_different_figures_for_one_event_are_kept_and_shown_as_disputed(kb: KnowledgeBase) -> None:
    ids = [add(kb.store, candidate(11000, "https://a.example/meta", "A"), "extractor"),
           add(kb.store, candidate(12000, "https://b.example/meta", "B"), "extractor")]
    assert [o.status for o in approve(kb.store, ids, actor="mod")] == ["active", "active"]
    answer = kb.ask("How many people did Meta lay off in November 2022?", TODAY)
    assert "disagree" in answer.body and "11,000" in answer.body and "12,000" in answer.body


def test_reject_and_refusals(kb: KnowledgeBase) -> None:
    fact_id = add(kb.store, candidate(500, "https://a.example/meta", "A"), "extractor")
    assert reject(kb.store, [fact_id], actor="mod", reason="rumour")[0].status == FactStatus.REJECTED
    assert not kb.ask("How many people did Meta lay off in November 2022?", TODAY).answered
    with pytest.raises(InvalidInput, match="not waiting for review"):
        approve(kb.store, [fact_id], actor="mod")
    with pytest.raises(InvalidInput, match=f"Nothing was rejected: #{fact_id} is rejected, not waiting for review"):
        reject(kb.store, [fact_id], actor="mod")


@pytest.mark.parametrize("action", [approve, reject])
def test_several_ids_are_all_checked_before_any_changes(kb: KnowledgeBase, action: object) -> None:
    first = add(kb.store, candidate(11000, "https://a.example/meta", "A"), "extractor")
    live = add(kb.store, candidate(500, "https://b.example/meta", "B", day=20), "extractor")
    approve(kb.store, [live], actor="mod")
    last = add(kb.store, candidate(12000, "https://c.example/meta", "C", day=28), "extractor")
    before = strip_time(export_data(kb.store))
    verb = "approved" if action is approve else "rejected"
    with pytest.raises(InvalidInput) as refused:
        action(kb.store, [first, live, 999, last], actor="mod")  # type: ignore[operator]
    assert str(refused.value) == (f"Nothing was {verb}: #{live} is active, not waiting for review; "
                                  f"there is no fact #999.")
    assert strip_time(export_data(kb.store)) == before
    assert [r.id for r in pending(kb.store)] == [first, last]


def test_the_command_line_approves_all_or_nothing(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    kb = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0), bundled=False)
    try:
        first = add(kb.store, candidate(11000, "https://a.example/meta", "A"), "extractor")
        live = add(kb.store, candidate(500, "https://b.example/meta", "B", day=20), "extractor")
        approve(kb.store, [live], actor="mod")
        last = add(kb.store, candidate(12000, "https://c.example/meta", "C", day=28), "extractor")
        code = main(["--db", database_url, "kb", "approve", str(first), str(live), str(last)])
        assert code == 2
        assert capsys.readouterr().err == f"error: Nothing was approved: #{live} is active, not waiting for review.\n"
        assert [r.id for r in pending(kb.store)] == [first, last]
        assert main(["--db", database_url, "kb", "approve", str(first), str(last)]) == 0
        assert capsys.readouterr().out == f"#{first} is now live\n#{last} is now live\n"
    finally:
        kb.close()
