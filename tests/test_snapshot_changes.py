"""A snapshot catches up with each change by applying it, and ends up as if it had been built again from scratch.

Every kind of change (edit, retract, restore, undo, approve, reject, merge, import, ingestion) is applied to the
snapshot a process holds from the facts the change recorded; the result is compared, structure by structure
and answer by answer, with a snapshot built from every row.  A property-based test does the same over random
sequences of changes.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import knowledge.answering.scope as scope
import knowledge.kb as kb_module
from knowledge.answering.scope import TagIndex, tag_index
from knowledge.answering.snapshot import Snapshot, build_snapshot
from knowledge.drafts import FactDraft, SourceDraft
from knowledge.facts.review import pending
from knowledge.intake.articles import ArticleMeta
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from knowledge.types import FactStatus, SourceKind
from tests.support.helpers import TODAY
from tests.support.tagged_tracker import HEADER, ROWS

QUESTIONS = [
    "How many people did Acme Pay lay off in 2023?",
    "Acme Pay layoffs",
    "How many people were laid off in 2023?",
    "How many people were laid off in the US in 2023?",
    "How many people were laid off in healthcare in 2023?",
    "How many companies in Germany cut jobs in 2023?",
    "How many workers did Series B companies let go in 2023?",
    "Which industry had the most layoffs in 2023?",
    "Which companies laid off the most people in 2023?",
    "Biggest layoff in 2024?",
    "How many people were laid off in 2024?",
    "Did Acme Pay lay off more people than Kite in 2023?",
    "What share of layoffs in 2023 were in Canada?",
    "How many tech workers were laid off in 2022?",
    "Quillon Systems layoffs",
    "How many people did Zephyr Robotics lay off?",
    "How many people did Tekion lay off in 2023?",
    "Which teams did Quillon Systems cut?",
]
ARTICLE = ("Quillon Systems said on Tuesday it would lay off about 900 employees, roughly 15% of its workforce, "
           "as demand for its data-centre hardware slowed.")
OTHER_ARTICLE = "Quillon Systems is laying off 1,200 workers, the company confirmed on Wednesday."
MORE_ROWS = [
    # a new company, a new tag value, a round reported again with another link (same round), a new figure for
    # a known row (an update), a row in the middle of 2023 and one that opens 2025
    "Zephyr Robotics,Pittsburgh,75,4/4/2023,,Hardware,https://news.example/zephyr,Series A,30,United States,"
    "4/5/2023",
    "Acme Pay,SF Bay Area,300,1/11/2023,0.1,Finance,https://other.example/acme-1,Series B,100,United States,"
    "1/12/2023",
    "Tekion,SF Bay Area,350,8/2/2023,0.1,Transportation,https://news.example/tekion,Series E,460,United States,"
    "8/3/2023",
    "Helio,\"Toronto, Non-U.S.\",25,1/5/2025,,Travel,https://news.example/helio-2,Series B,40,Canada,1/6/2025",
]


def rebuilt(kb: KnowledgeBase) -> Snapshot:
    return build_snapshot(kb.store.snapshot_rows(), kb.settings.fuzzy_cutoff)


def canonical_rounds(index: TagIndex) -> list[int]:
    """Round numbers as the order each round first appears in: two indexes group rows alike when these match."""
    seen: dict[int, int] = {}
    return [seen.setdefault(r, len(seen)) for r in index.round_of]


def index_state(index: TagIndex) -> dict[str, Any]:
    state: dict[str, Any] = {name: getattr(index, name) for name in (
        "facts", "dates", "company", "figure", "sized", "shutdown", "tags", "shutdowns", "position", "exports")}
    state["by_value"] = {value: list(positions) for value, positions in index.by_value.items()}
    state["export_spans"] = list(index.export_spans.items())
    state["rounds"] = canonical_rounds(index)
    state["running"] = {value: (list(r.positions), r.dates, list(r.first), bytes(r.opens), list(r.rows_sum),
                                list(r.low), list(r.sized_rounds), list(r.rounds), r.years)
                        for value, r in index.running.items()}
    state["terms"] = (sorted(index.terms.values), sorted(index.terms.phrases), sorted(index.terms.cue_only))
    return state


def assert_same(kb: KnowledgeBase, held: Snapshot) -> None:
    """`held` (caught up by applying changes) says what a snapshot built from every row says."""
    fresh = rebuilt(kb)
    assert held.generation == fresh.generation
    assert held.facts == fresh.facts
    assert held.by_company == fresh.by_company
    assert held.layoffs_by_date == fresh.layoffs_by_date and held._dates == fresh._dates
    assert held.companies == fresh.companies
    assert held.matcher._exact == fresh.matcher._exact
    assert index_state(tag_index(held)) == index_state(tag_index(fresh))
    for question in QUESTIONS:
        from knowledge.answering.compose import compose
        from knowledge.answering.understand import understand

        answers = [json.dumps(compose(understand(question, snapshot, TODAY, "en", 500), snapshot,
                                      kb.settings).as_json(), sort_keys=True, default=str)
                   for snapshot in (held, fresh)]
        assert answers[0] == answers[1], question


@pytest.fixture
def rebuilds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times a knowledge base built its snapshot from every row."""
    counted: list[int] = []
    build = kb_module.build_snapshot

    def counting(*args: Any, **kwargs: Any) -> Snapshot:
        counted.append(1)
        return build(*args, **kwargs)

    monkeypatch.setattr(kb_module, "build_snapshot", counting)
    return counted


def tracker(folder: Path, name: str, rows: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def kb(database_url: str, tmp_path: Path) -> Iterator[KnowledgeBase]:
    base = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0))
    base.import_file(tracker(tmp_path, "layoffs-2024-05-01.csv", ROWS))
    base.snapshot()
    yield base
    base.close()


def meta(url: str) -> ArticleMeta:
    return ArticleMeta(url=url, title=None, publisher="Example Wire", published=date(2024, 3, 6), language="en")


def fact_of(kb: KnowledgeBase, company: str, day: date) -> int:
    return next(f.id for f in kb.snapshot().facts.values() if f.company == company and f.when == day)


def test_edits_retractions_restores_and_undos_are_applied_not_rebuilt(kb: KnowledgeBase, rebuilds: list[int]) -> None:
    acme = fact_of(kb, "Acme Pay", date(2023, 6, 5))
    kb.edit_fields(acme, {"count_min": 250, "count_max": 250}, "mod", "corrected")
    assert_same(kb, kb.snapshot())
    kb.edit_fields(acme, {"announced": "2023-01-12"}, "mod", "the date of the first report")  # now one round
    assert_same(kb, kb.snapshot())
    kb.edit_fields(acme, {"company": "Acme Payments Europe"}, "mod", "another company")  # a new company
    assert_same(kb, kb.snapshot())
    kb.undo(acme, "mod", None)
    assert_same(kb, kb.snapshot())
    kite = fact_of(kb, "Kite", date(2023, 12, 5))
    kb.retract(kite, "mod", "duplicate")
    assert_same(kb, kb.snapshot())
    assert kite not in kb.snapshot().facts
    kb.restore(kite, "mod", None)
    assert_same(kb, kb.snapshot())
    assert rebuilds == []


def test_reviews_are_applied_not_rebuilt(kb: KnowledgeBase, rebuilds: list[int]) -> None:
    kb.ingest(ARTICLE, meta("https://wire.example/quillon"), actor="mod")
    assert_same(kb, kb.snapshot())  # pending facts are not in a snapshot; the change still moved the generation
    waiting = [f.id for f in pending(kb.store)]
    assert waiting
    kb.approve(waiting[:1], "mod")
    assert_same(kb, kb.snapshot())
    kb.reject(waiting[1:], "mod")
    assert_same(kb, kb.snapshot())
    kb.ingest(ARTICLE, meta("https://other.example/quillon"), actor="mod")  # the same event: merged when approved
    kb.approve([f.id for f in pending(kb.store)], "mod")
    assert_same(kb, kb.snapshot())
    kb.ingest(OTHER_ARTICLE, meta("https://third.example/quillon"), actor="mod", approve=True)
    assert_same(kb, kb.snapshot())
    assert rebuilds == []


def test_imports_and_additions_are_applied_not_rebuilt(kb: KnowledgeBase, tmp_path: Path,
                                                      rebuilds: list[int]) -> None:
    report = kb.import_file(tracker(tmp_path, "layoffs-2025-02-01.csv", ROWS + MORE_ROWS))
    assert report.added == 3 and report.updated == 1
    held = kb.snapshot()
    assert_same(kb, held)
    assert "Zephyr Robotics" in {c.name for c in held.companies.values()}
    kb.add(FactDraft(kind="layoff", company="Zephyr Robotics", count_min=20, count_max=20, qualifier="exact",
                     announced=date(2024, 2, 1), summary="Zephyr Robotics cut 20 jobs.",
                     sources=((SourceDraft(kind=SourceKind.ARTICLE, url="https://news.example/zephyr-2",
                                           publisher="Example News"), None),)), "mod")
    assert_same(kb, kb.snapshot())
    assert rebuilds == []


def test_another_process_s_changes_are_applied_too(kb: KnowledgeBase, database_url: str, tmp_path: Path,
                                                   rebuilds: list[int]) -> None:
    other = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0), bundled=False)
    try:
        other.edit_fields(fact_of(other, "Tekion", date(2023, 8, 2)), {"count_min": 310, "count_max": 310}, "mod",
                          None)
        other.import_file(tracker(tmp_path, "layoffs-2025-02-01.csv", MORE_ROWS))
        rebuilds.clear()  # the other process built its own
        assert_same(kb, kb.refresh())
        assert rebuilds == []
    finally:
        other.close()


def generated_rows(count: int, seed: int) -> list[str]:
    """Tracker rows spread over companies, tags and three years, so an import of them changes the index all over."""
    industries, countries = ["Finance", "Retail", "Healthcare", "Crypto", "Travel"], ["United States", "Canada", "India"]
    rows = []
    for n in range(count):
        pick = (n * 7919 + seed) % 10_007
        company = f"Gen{pick % (count // 3 + 1)} Labs"
        day = date(2022 + pick % 3, 1 + pick % 12, 1 + pick % 28)
        rows.append(f"{company},Somewhere,{10 + pick % 900},{day.month}/{day.day}/{day.year},,"
                    f"{industries[pick % 5]},https://gen.example/{seed}/{n},Series B,10,{countries[pick % 3]},"
                    f"{day.month}/{day.day}/{day.year}")
    return rows


def test_an_import_of_many_rows_all_over_the_index_is_applied_not_rebuilt(kb: KnowledgeBase, tmp_path: Path,
                                                                          rebuilds: list[int]) -> None:
    """Thousands of changes are spliced in by looking each position up rather than a stretch at a time (see
    `scope._FEW_SHIFTS`): a first import of hundreds of rows, then one that adds as many again among them."""
    first = generated_rows(240, 1)
    kb.import_file(tracker(tmp_path, "layoffs-2025-01-01.csv", ROWS + first))
    assert_same(kb, kb.snapshot())
    report = kb.import_file(tracker(tmp_path, "layoffs-2025-02-01.csv", ROWS + first + generated_rows(200, 2)))
    assert report.added > 150
    assert_same(kb, kb.snapshot())
    assert rebuilds == []


def test_what_cannot_be_applied_is_rebuilt(kb: KnowledgeBase, rebuilds: list[int]) -> None:
    kb.store.bump_generation()  # a write that recorded no facts: a gap
    assert_same(kb, kb.refresh())
    assert rebuilds == [1]


# -- random sequences of changes ---------------------------------------------------------------------------------

STEPS = st.lists(st.tuples(st.sampled_from(["edit", "date", "company", "retract", "restore", "undo", "ingest",
                                            "approve", "reject", "import", "add"]),
                           st.integers(0, 10_000)), min_size=1, max_size=6)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(STEPS)
@example(steps=[("import", 2), ("date", 66)])  # an export's first row moved later: its span must be looked for again
def test_any_sequence_of_changes_ends_where_a_rebuild_does(steps: list[tuple[str, int]]) -> None:
    changes_end_where_a_rebuild_does(steps)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(STEPS)
def test_changes_taken_as_many_end_where_a_rebuild_does(steps: list[tuple[str, int]]) -> None:
    """The same, with every change set spliced as a large one is (positions looked up one by one, running figures
    worked out again where the changes are many next to a list's length), and every stretch of running sums
    moved as a long one is (by numpy)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scope, "_FEW_SHIFTS", 0)
        patch.setattr(scope, "_VECTOR_FROM", 1)
        changes_end_where_a_rebuild_does(steps)


def changes_end_where_a_rebuild_does(steps: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        kb = KnowledgeBase.open(f"sqlite:///{Path(folder) / 'kb.db'}", AnswerSettings(refresh_interval=0),
                                bundled=False)
        try:
            kb.import_file(tracker(Path(folder), "layoffs-2024-05-01.csv", ROWS))
            kb.snapshot()
            for number, (step, pick) in enumerate(steps):
                change(kb, Path(folder), number, step, pick)
                assert_same(kb, kb.snapshot())
        finally:
            kb.close()


def change(kb: KnowledgeBase, folder: Path, number: int, step: str, pick: int) -> None:
    """One change of kind `step`, on the fact `pick` chooses; a change that does not apply is left out."""
    from knowledge.errors import InvalidInput

    facts = sorted(kb.snapshot().facts)
    chosen = facts[pick % len(facts)] if facts else None
    try:
        if step == "edit" and chosen:
            kb.edit_fields(chosen, {"count_min": 100 + pick, "count_max": 100 + pick}, "mod", None)
        elif step == "date" and chosen:
            kb.edit_fields(chosen, {"announced": date(2022 + pick % 3, 1 + pick % 12, 1 + pick % 28).isoformat()},
                           "mod", None)
        elif step == "company" and chosen:
            kb.edit_fields(chosen, {"company": ["Acme Pay", "Kite", f"Newco {pick % 3}"][pick % 3]}, "mod", None)
        elif step == "retract" and chosen:
            kb.retract(chosen, "mod", None)
        elif step in ("restore", "undo"):
            gone = [r.id for r in kb.recent_facts("", (FactStatus.RETRACTED,))] if step == "restore" else facts
            if gone:
                target = gone[pick % len(gone)]
                (kb.restore if step == "restore" else kb.undo)(target, "mod", None)
        elif step == "ingest":
            kb.ingest(ARTICLE if pick % 2 else OTHER_ARTICLE, meta(f"https://wire.example/{number}"), actor="mod",
                      approve=pick % 3 == 0)
        elif step in ("approve", "reject"):
            waiting = [f.id for f in pending(kb.store)]
            if waiting:
                (kb.approve if step == "approve" else kb.reject)(waiting[:1 + pick % 2], "mod")
        elif step == "import":
            rows = [row.replace("2023", str(2020 + pick % 5)) for row in MORE_ROWS[: 1 + pick % 4]]
            kb.import_file(tracker(folder, f"layoffs-2025-0{1 + number % 9}-01.csv", rows))
        elif step == "add":
            kb.add(FactDraft(kind="layoff", company=["Acme Pay", "Tekion", "Orbit"][pick % 3], count_min=pick,
                             count_max=pick, qualifier="exact", announced=date(2023, 1 + pick % 12, 1),
                             summary="Cuts.", sources=((SourceDraft(kind=SourceKind.ARTICLE,
                                                                    url=f"https://n.example/{number}"), None),)),
                   "mod")
    except InvalidInput:
        pass


def test_snapshot_fields_are_all_compared() -> None:
    """A new field of `Snapshot` must be looked at by `assert_same` (or said here to need no comparison)."""
    compared = {"generation", "facts", "by_company", "layoffs_by_date", "_dates", "companies", "matcher", "memo"}
    unchecked = {"sources", "last_alias"}  # what the snapshot holds to catch up, not what it answers from
    assert {f.name for f in fields(Snapshot)} == compared | unchecked
