"""The bulk write path of imports: what it writes is what the one-fact-at-a-time rules would have written.

New rows are written from a template state with the row's fields filled in, with ids taken up front and
inserted without RETURNING; these tests hold every stored column and first revision to the state the row
drafts (`TrackerRow.state`) as the service's rules store it (`state_of`, `revision_text`), and check that
the ids it takes are the ones the database goes on from.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import col, select

from knowledge.drafts import FactDraft, SourceDraft, check_url, url_host
from knowledge.facts.imports import _Publishers, _stated, import_tracker, template
from knowledge.intake.trackers import TrackerRow, read_tracker
from knowledge.kb import KnowledgeBase
from knowledge.language.text import fold, name_key
from knowledge.settings import AnswerSettings
from knowledge.storage.models import Citation, Fact, Revision, RoundTags
from knowledge.storage.store import revision_text, state_of
from knowledge.types import FactKind, Qualifier
from tests.test_import import CURRENT, write

ROWS = [
    "Zebulon,SF Bay Area,1200.0,1/5/2024,0.12,Retail,https://news.example/zebulon,Series B,120,United States,1/6/2024",
    "Zébulon Café & Co,Paris,,2/5/2024,0.3,Food,https://news.example/cafe?x=1,Unknown,,France,2/6/2024",
    "Quux,Berlin,,3/5/2024,,Data,Internal memo,Seed,3,Germany,3/6/2024",
    "Ünïcode GmbH,Munich,45,4/5/2024,,,,,,Germany,",
    "Zebulon,SF Bay Area,300,5/5/2024,,Retail,https://news.example/zebulon-2,Series B,120,United States,5/6/2024",
]


@pytest.fixture
def kb(database_url: str) -> Iterator[KnowledgeBase]:
    base = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0), bundled=False)
    yield base
    base.close()


def test_each_new_fact_holds_the_state_its_row_drafts_and_its_first_revision_says_so(kb: KnowledgeBase,
                                                                                    tmp_path: Path) -> None:
    tracker = read_tracker(write(tmp_path, "t-2024-06-01.csv", CURRENT, *ROWS))
    import_tracker(kb.facts, tracker)

    with kb.store.session() as session:
        facts = {fact.origin_key: fact for fact in session.exec(select(Fact)).all()}
        for row in tracker.rows:
            fact = next(f for key, f in facts.items() if key and key.startswith(f"tracker:{name_key(row.company)}|"
                                                                                 f"{row.announced.isoformat()}|"))
            drafted = row.state().column_values()
            assert {name: getattr(fact, name) for name in drafted} == drafted
            revision = session.exec(select(Revision).where(col(Revision.fact_id) == fact.id)).one()
            assert revision.after == revision_text(state_of(Fact(**drafted), row.company))
            assert json.loads(revision.after)["company"] == row.company
            assert (revision.version, revision.before, revision.actor) == (1, None, "import")
            cited = session.exec(select(col(Citation.source_id)).where(col(Citation.fact_id) == fact.id)).all()
            assert len(cited) == (2 if row.source_url or row.source_text else 1)
            tags = session.get(RoundTags, fact.id)
            assert (tags.industry if tags else None) == row.industry


def test_ids_taken_up_front_are_the_ones_the_database_goes_on_from(kb: KnowledgeBase, tmp_path: Path) -> None:
    import_tracker(kb.facts, read_tracker(write(tmp_path, "a-2024-06-01.csv", CURRENT, *ROWS[:2])))
    import_tracker(kb.facts, read_tracker(write(tmp_path, "b-2024-07-01.csv", CURRENT, *ROWS[2:])))
    added = kb.add(FactDraft(kind=FactKind.LAYOFF, company="Later Inc", count_min=5, count_max=5,
                             qualifier=Qualifier.EXACT, announced=date(2024, 8, 1), summary="Later cut 5.",
                             sources=((SourceDraft("https://news.example/later"), None),)), "mona")

    with kb.store.session() as session:
        fact_ids = session.exec(select(col(Fact.id)).order_by(col(Fact.id))).all()
        revisions = session.exec(select(Revision.id, Revision.fact_id).order_by(col(Revision.id))).all()
    assert fact_ids == list(range(fact_ids[0], fact_ids[0] + len(ROWS) + 1)) and added.fact_id == fact_ids[-1]
    assert [fact_id for _, fact_id in revisions] == fact_ids  # one first revision each, in the same order


@settings(max_examples=300, deadline=None)
@given(company=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
       .filter(lambda name: name_key(name) != ""),
       count=st.none() | st.integers(0, 10_000_000),
       percent=st.none() | st.floats(0.01, 100, allow_nan=False).map(lambda p: round(p, 2)),
       day=st.dates(date(1990, 1, 1), date(2100, 12, 31)),
       source=st.sampled_from([None, "https://news.example/a", "Internal memo"]))
def test_the_template_gives_every_row_the_columns_and_revision_of_its_own_state(
        company: str, count: int | None, percent: float | None, day: date, source: str | None) -> None:
    row = TrackerRow(line=2, company=company, announced=day, count=count, percent=percent,
                     source_url=source if source and source.startswith("http") else None,
                     source_text=source if source and not source.startswith("http") else None,
                     industry=None, country=None, location=None)
    columns, revision = template()
    stated = _stated(row)
    drafted = row.state().column_values()
    assert {**columns, **stated} == drafted
    after = {**revision, **stated, "company": row.company, "announced": row.announced.isoformat()}
    assert json.dumps(after, ensure_ascii=False, sort_keys=True, default=str) == \
        revision_text(state_of(Fact(**drafted), row.company))


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(max_codepoint=127), max_size=40))
def test_ascii_names_are_keyed_as_folding_them_would(name: str) -> None:
    import re

    assert name_key(name) == " ".join(re.findall(r"[^\W_]+", fold(name).replace("&", " and ")))


@pytest.mark.parametrize("url", [
    "https://www.cnbc.com/2023/03/20/amazon.html", "http://Example.COM:8080/a?b=c#d", "https://example.com?x=1",
    "https://example.com#top", "https://[2001:db8::1]/path", "https://bücher.example/a", "https://10.0.0.1/x",
    "https://example.com./a", "HTTPS://WWW.Example.org", "https://example.com:443",
])
def test_each_link_is_filed_under_the_host_its_own_check_gives(url: str) -> None:
    check_url(url)
    publishers = _Publishers()
    assert publishers(url) == (url_host(url) or url)
    assert publishers(url + "/more") == (url_host(url + "/more") or url + "/more")


def test_times_and_days_are_stored_as_the_one_writer_stores_them(kb: KnowledgeBase, tmp_path: Path) -> None:
    """The bulk path binds each column as the ORM does (the dialect's own conversions): one text form per column
    type in the database, whichever path wrote the row."""
    import re

    from sqlalchemy import text

    if kb.store.engine.dialect.name != "sqlite":
        pytest.skip("the stored text form is SQLite's")
    kb.import_file(write(tmp_path, "tracker-2024-06-02.csv", CURRENT, *ROWS))
    stamp = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")
    with kb.store.engine.connect() as connection:
        for table, column in (("fact", "created_at"), ("source", "created_at"), ("citation", "created_at"),
                              ("company", "created_at"), ("revision", "at"), ("fact", "announced")):
            stored = connection.execute(text(f"SELECT DISTINCT {column} FROM {table}")).scalars().all()
            form = re.compile(r"\d{4}-\d\d-\d\d") if column == "announced" else stamp
            assert stored and all(form.fullmatch(value) for value in stored), (table, column, stored[:3])
