"""Ingesting articles end to end: candidates wait for review, one event from two articles is one fact."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from knowledge.errors import InvalidInput
from knowledge.facts.review import pending
from knowledge.intake.articles import ArticleMeta
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from knowledge.storage.backup import export_data
from knowledge.types import FactStatus
from tests.support.helpers import TODAY, approve

# Short wire-style reports we wrote for these tests: two of the same event, one disagreeing.
ENGLISH = ("Quillon Systems said on Tuesday it would lay off about 900 employees, roughly 15% of its workforce, "
           "as demand for its data-centre hardware slowed.")
FRENCH = ("Quillon Systems a annoncé mardi la suppression d'environ 900 postes, soit près de 15 % de ses effectifs, "
          "en raison d'une demande en baisse.")
OTHER = "Quillon Systems is laying off 1,200 workers, the company confirmed on Wednesday."


def meta(url: str, language: str = "en", day: date = date(2024, 3, 6)) -> ArticleMeta:
    return ArticleMeta(url=url, title=None, publisher="Example Wire", published=day, language=language)


@pytest.fixture
def kb(database_url: str) -> KnowledgeBase:
    base = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0))
    yield base
    base.close()


def test_candidates_wait_for_review_until_approved(kb: KnowledgeBase) -> None:
    report = kb.ingest(ENGLISH, meta("https://wire.example/quillon"), actor="mod")
    [layoff] = [c for _, c in report.candidates if c.draft.kind == "layoff"]
    assert (layoff.draft.count_min, layoff.draft.qualifier, layoff.draft.percent) == (900, "about", 15)
    assert layoff.draft.announced == date(2024, 3, 5)  # "on Tuesday", against the publication date
    assert layoff.evidence.startswith("Quillon Systems said on Tuesday")
    assert not kb.ask("How many people did Quillon Systems lay off in March 2024?", TODAY).answered
    assert {r.id for r in pending(kb.store)} == {fact_id for fact_id, _ in report.candidates}
    approve(kb.store, [fact_id for fact_id, _ in report.candidates], actor="mod")
    answer = kb.ask("How many people did Quillon Systems lay off in March 2024?", TODAY)
    assert "about 900 people" in answer.body
    assert answer.citations[0].fact.citations[0].evidence == layoff.evidence


def test_the_same_event_in_two_articles_is_one_fact_with_two_citations(kb: KnowledgeBase) -> None:
    kb.ingest(ENGLISH, meta("https://wire.example/quillon"), actor="mod", approve=True)
    second = kb.ingest(FRENCH, meta("https://fil.example/quillon", "fr"), actor="mod", approve=True)
    assert "merged" in {o.status for o in second.outcomes}
    answer = kb.ask("How many people did Quillon Systems lay off in March 2024?", TODAY)
    assert "about 900" in answer.body
    assert {c.source.url for c in answer.citations} == {"https://wire.example/quillon", "https://fil.example/quillon"}


def test_a_different_figure_for_the_same_event_is_shown_as_disputed(kb: KnowledgeBase) -> None:
    kb.ingest(ENGLISH, meta("https://wire.example/quillon"), actor="mod", approve=True)
    kb.ingest(OTHER, meta("https://other.example/quillon"), actor="mod", approve=True)
    answer = kb.ask("How many people did Quillon Systems lay off in March 2024?", TODAY)
    assert "disagree" in answer.body and "about 900" in answer.body and "1,200" in answer.body
    assert "2,100" not in answer.body


def test_empty_or_huge_articles_are_refused(kb: KnowledgeBase) -> None:
    with pytest.raises(InvalidInput, match="empty"):
        kb.ingest("   ", meta("https://wire.example/x"), actor="mod")
    with pytest.raises(InvalidInput, match="limit"):
        kb.ingest("word " * 30_000, meta("https://wire.example/x"), actor="mod")


def test_the_command_line_review_cycle(sqlite_url: str, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ENGLISH, encoding="utf-8")

    def run(*argv: str) -> str:
        out = io.StringIO()
        assert main(["--db", sqlite_url, *argv], stdout=out) == 0
        return out.getvalue()

    ingested = run("kb", "ingest", str(article), "--url", "https://wire.example/quillon", "--publisher",
                   "Example Wire", "--published", "2024-03-06", "--language", "en")
    assert "pending review" in ingested
    ids = [int(part[1:]) for part in ingested.split() if part.startswith("#") and part[1:].isdigit()]
    assert "Quillon Systems" in run("kb", "review")
    layoff = next(i for i in ids if "layoff" in run("kb", "show", str(i)))
    run("kb", "edit", str(layoff), "--count-min", "950", "--count-max", "950", "--reason", "company's own figure")
    assert "now live" in run("kb", "approve", str(layoff))
    others = [i for i in ids if i != layoff]
    if others:
        assert "rejected" in run("kb", "reject", *map(str, others), "--reason", "not needed")
    history = run("kb", "history", str(layoff))
    assert "edit by command line (company's own figure): count_max: 900 -> 950" in history
    assert "approve" in history
    kb = KnowledgeBase.open(sqlite_url, AnswerSettings(refresh_interval=0))
    try:
        assert "about 950 people" in kb.ask("How many people did Quillon Systems lay off in March 2024?", TODAY).body
        assert kb.store.get_fact(layoff).status == FactStatus.ACTIVE
    finally:
        kb.close()


def test_ingesting_with_approval_is_one_transaction(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped between two approvals (here by an error), an ingestion leaves neither candidates nor approvals."""
    from knowledge.facts import review

    before = strip_time(export_data(kb.store))
    approved: list[Any] = []
    real = review._approve_one

    def approve_then_stop(*args: Any) -> Any:
        if approved:
            raise RuntimeError("stopped half-way")
        approved.append(real(*args))
        return approved[-1]

    monkeypatch.setattr(review, "_approve_one", approve_then_stop)
    with pytest.raises(RuntimeError):
        kb.ingest(ENGLISH, meta("https://wire.example/quillon"), actor="mod", approve=True)
    assert approved  # the first candidate was approved before the stop
    assert strip_time(export_data(kb.store)) == before
    monkeypatch.undo()
    report = kb.ingest(ENGLISH, meta("https://wire.example/quillon"), actor="mod", approve=True)
    assert len(report.outcomes) == len(report.candidates) >= 2 and pending(kb.store) == []


def strip_time(data: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in data.items() if k != "exported_at"}, sort_keys=True)
