"""Import rules the mutation run found untested: large imports in batches, progress, matching rows again
by their exact origin, revisions of imported facts, and exports of the same day.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.facts.imports import ImportReport, import_tracker, origin_key
from knowledge.intake.trackers import read_tracker
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from tests.test_import import CURRENT, tags_of, write


@pytest.fixture
def kb(database_url: str) -> Iterator[KnowledgeBase]:
    base = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0), bundled=False)
    yield base
    base.close()


def load(kb: KnowledgeBase, path: Path, progress: list[tuple[str, int, int]] | None = None) -> ImportReport:
    return import_tracker(kb.facts, read_tracker(path),
                          (lambda *step: progress.append(step)) if progress is not None else None)


def rows(n: int) -> list[str]:
    return [f"Company {i:04d},Lyon,{10 + i},2024-{1 + i % 12:02d}-{1 + i % 28:02d},,Retail,"
            f"https://news.example/{i},Series B,12,France,2024-12-31" for i in range(n)]


def test_a_large_import_is_written_in_batches_and_reports_its_progress(kb: KnowledgeBase, tmp_path: Path) -> None:
    steps: list[tuple[str, int, int]] = []
    report = load(kb, write(tmp_path, "big-2024-12-31.csv", CURRENT, *rows(1_200)), steps)

    assert report.added == 1_200 and report.file == "big-2024-12-31.csv" and report.layout == "layoffs.fyi (current)"
    assert report.summary().startswith("big-2024-12-31.csv (layoffs.fyi (current)): 1,200 rows in ")
    assert [s for s in steps if s[0] == "checking"] == [("checking", 500, 1_200), ("checking", 1_000, 1_200)]
    assert [s for s in steps if s[0] == "writing"] == [("writing", 500, 1_200), ("writing", 1_000, 1_200),
                                                      ("writing", 1_200, 1_200)]
    snapshot = kb.refresh()
    assert len(snapshot.facts) == 1_200
    assert all(f.tags is not None and f.tags.industry == "Retail" for f in snapshot.facts.values())  # every batch


def test_imported_facts_start_at_version_one_with_a_revision_naming_the_line(kb: KnowledgeBase,
                                                                           tmp_path: Path) -> None:
    load(kb, write(tmp_path, "t-2024-12-31.csv", CURRENT, *rows(2)))
    fact_id = next(f.id for f in kb.refresh().facts.values() if f.company == "Company 0001")
    record = kb.fact(fact_id)
    history = kb.history(fact_id)
    assert record.version == 1 and record.updated_by == "import" and record.updated_at is not None
    assert [(r.version, r.action, r.actor, r.reason) for r in history] == [(1, "import", "import",
                                                                            "t-2024-12-31.csv, line 3")]
    assert history[0].at is not None and history[0].before is None and history[0].after.company == "Company 0001"
    assert {s.url for s, _ in record.sources} == {"https://news.example/1", None}  # its link and the export
    assert all(evidence is None for _, evidence in record.sources)


def test_two_rounds_of_one_day_are_matched_again_by_their_own_links(kb: KnowledgeBase, tmp_path: Path) -> None:
    lines = ["Acme,NYC,100,2024-06-01,,Data,https://news.example/a,Series C,50,United States,2024-06-02",
             "Acme,NYC,40,2024-06-01,,Data,https://news.example/b,Series C,50,United States,2024-06-02"]
    first = load(kb, write(tmp_path, "t-2024-06-02.csv", CURRENT, *lines))
    again = load(kb, write(tmp_path, "t-2024-06-03.csv", CURRENT, *lines))
    assert first.added == 2 and (again.added, again.unchanged, again.updated) == (0, 2, 0)


def test_rounds_recorded_without_a_link_are_told_apart_by_their_text(kb: KnowledgeBase, tmp_path: Path) -> None:
    lines = ["Acme,NYC,100,2024-06-01,,Data,Internal memo,Series C,50,United States,2024-06-02",
             "Acme,NYC,40,2024-06-01,,Data,Company blog,Series C,50,United States,2024-06-02"]
    first = load(kb, write(tmp_path, "t-2024-06-02.csv", CURRENT, *lines))
    again = load(kb, write(tmp_path, "t-2024-06-03.csv", CURRENT, *lines))
    keys = {origin_key(row) for row in read_tracker(tmp_path / "t-2024-06-02.csv").rows}
    assert keys == {"tracker:acme|2024-06-01|Internal memo", "tracker:acme|2024-06-01|Company blog"}
    assert first.added == 2 and (again.added, again.unchanged) == (0, 2)


def test_a_round_whose_link_changed_is_the_same_round(kb: KnowledgeBase, tmp_path: Path) -> None:
    load(kb, write(tmp_path, "t-2024-06-02.csv", CURRENT,
                   "Acme,NYC,100,2024-06-01,,Data,https://news.example/old,Series C,50,United States,2024-06-02"))
    again = load(kb, write(tmp_path, "t-2024-06-09.csv", CURRENT,
                           "Acme,NYC,120,2024-06-01,,Data,https://news.example/new,Series C,50,United States,"
                           "2024-06-09"))
    assert (again.added, again.updated) == (0, 1)
    assert [f.count_min for f in kb.refresh().facts.values() if f.company == "Acme"] == [120]


def test_an_export_of_the_same_day_may_correct_tags(kb: KnowledgeBase, tmp_path: Path) -> None:
    row = "Acme,NYC,100,2024-06-01,,{industry},https://news.example/acme,Series C,50,United States,2024-06-02"
    load(kb, write(tmp_path, "t-2024-06-02.csv", CURRENT, row.format(industry="Data")))
    load(kb, write(tmp_path, "t-2024-06-02-fixed.csv", CURRENT, row.format(industry="AI")))
    assert tags_of(kb, "Acme")[0].industry == "AI"
