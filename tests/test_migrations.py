"""Schema changes without data loss: a database made at the first migration upgrades with every row intact."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import MetaData, insert, select

from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from knowledge.storage.schema import head_revision, upgrade
from knowledge.storage.store import make_engine
from tests.support.helpers import TODAY

NOW = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
ROWS = {
    "company": [
        {"id": 1, "name": "Acme", "key": "acme", "parent_id": None, "industry": "Data", "country": "US", "created_at": NOW},
        {"id": 2, "name": "Acme Cloud", "key": "acme cloud", "parent_id": 1, "industry": None, "country": None,
         "created_at": NOW},
    ],
    "alias": [{"id": 1, "company_id": 1, "name": "Acme Corp", "key": "acme corp"}],
    "source": [{"id": 1, "kind": "article", "url": "https://news.example/acme", "title": "Acme cuts", "publisher":
                "Example", "published": date(2023, 5, 2), "language": "en", "notes": None, "created_at": NOW}],
    "fact": [
        {"id": 1, "company_id": 2, "kind": "layoff", "count_min": 300, "count_max": 300, "qualifier": "exact",
         "percent": 5.0, "percent_qualifier": "about", "labels": "", "detail": None, "period_start": None,
         "period_end": None, "announced": date(2023, 5, 2), "cumulative": False, "summary": "Acme Cloud cut 300.",
         "caveats": "[]", "note": None, "confidence": 1.0, "status": "active", "version": 2, "created_at": NOW,
         "updated_at": NOW, "updated_by": "mod"},
        {"id": 2, "company_id": 1, "kind": "reason", "count_min": None, "count_max": None, "qualifier": None,
         "percent": None, "percent_qualifier": None, "labels": "cost_cutting", "detail": "costs", "period_start":
         date(2023, 1, 1), "period_end": date(2023, 12, 31), "announced": None, "cumulative": False, "summary":
         "To cut costs.", "caveats": "[]", "note": "checked", "confidence": 0.8, "status": "retracted", "version": 2,
         "created_at": NOW, "updated_at": NOW, "updated_by": "mod"},
    ],
    "citation": [{"id": 1, "fact_id": 1, "source_id": 1, "evidence": "Acme said it cut 300.", "created_at": NOW},
                 {"id": 2, "fact_id": 2, "source_id": 1, "evidence": None, "created_at": NOW}],
    "revision": [
        {"id": 1, "fact_id": 1, "version": 1, "action": "create", "actor": "mod", "at": NOW, "reason": None,
         "before": None, "after": "{}"},
        {"id": 2, "fact_id": 1, "version": 2, "action": "edit", "actor": "mod", "at": NOW, "reason": "fix",
         "before": "{}", "after": "{}"},
        {"id": 3, "fact_id": 2, "version": 2, "action": "retract", "actor": "mod", "at": NOW, "reason": "wrong",
         "before": "{}", "after": "{}"},
    ],
    "setting": [{"key": "bundled:companies", "value": "1"}, {"key": "bundled:seed", "value": "1"}],
    "counter": [{"key": "generation", "value": 7}],
}


def test_first_migration_filled_then_upgraded_keeps_every_row(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine, "0001")
        tables = MetaData()
        tables.reflect(engine)
        assert "origin_key" not in tables.tables["fact"].c and "question" not in tables.tables
        with engine.begin() as connection:
            for name, rows in ROWS.items():
                connection.execute(insert(tables.tables[name]), rows)
        before, after = upgrade(engine)
        assert (before, after) == ("0001", head_revision())
        upgraded = MetaData()
        upgraded.reflect(engine)
        with engine.connect() as connection:
            for name, rows in ROWS.items():
                table = upgraded.tables[name]
                stored = [dict(r) for r in connection.execute(select(table).order_by(*table.primary_key.columns))
                          .mappings()]
                assert len(stored) == len(rows), name
                for original, kept in zip(rows, stored, strict=True):
                    for column, value in original.items():
                        if isinstance(value, datetime):
                            assert kept[column].replace(tzinfo=UTC) == value, (name, column)
                        else:
                            assert kept[column] == value, (name, column)
            assert connection.execute(select(upgraded.tables["fact"].c.origin_key)).scalars().all() == [None, None]
        assert {"question", "feedback", "answer", "round_tags"} <= set(upgraded.tables)
    finally:
        engine.dispose()
    kb = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0))
    try:  # the upgraded database is used as is, bundled packs are not loaded again
        answer = kb.ask("How many people did Acme Corp lay off in May 2023?", TODAY)
        assert "Acme Cloud" in answer.body and "300 people" in answer.body
        assert kb.store.counts()["companies"] == 2
    finally:
        kb.close()


def test_answers_and_votes_migration_forgets_askers_and_voters_and_keeps_the_rest(database_url: str) -> None:
    """0004: the answer log and one vote per member per answer; the user ids kept so far are cleared.
    (Rows are inserted without ids, as the bot does, so PostgreSQL's sequences know them.)"""
    from alembic import command

    from knowledge.facts.feedback import GivenAnswer, Vote, record_answers, record_vote
    from knowledge.storage.schema import alembic_config
    from knowledge.storage.store import Store

    questions = [{"at": NOW, "text": f"How many people did Zorblatt {n} lay off?", "language": "en",
                  "answered": False, "asker": f"13000000000000000{n:02d}", "guild_id": "1200000000000000001"}
                 for n in (1, 2)]
    feedback = [{"at": NOW, "question": "How many jobs did AWS cut?", "helpful": n == 1, "fact_ids": "3,4",
                 "voter": "1300000000000000001", "guild_id": "1200000000000000001"} for n in (1, 2)]
    engine = make_engine(database_url)
    try:
        upgrade(engine, "0003")
        tables = MetaData()
        tables.reflect(engine)
        with engine.begin() as connection:
            connection.execute(insert(tables.tables["question"]), questions)
            connection.execute(insert(tables.tables["feedback"]), feedback)
        assert upgrade(engine) == ("0003", head_revision())
        upgraded = MetaData()
        upgraded.reflect(engine)
        assert "asker" not in upgraded.tables["question"].c and "answer" in upgraded.tables
        with engine.connect() as connection:
            kept = connection.execute(select(upgraded.tables["question"]).order_by("id")).mappings().all()
            votes = connection.execute(select(upgraded.tables["feedback"]).order_by("id")).mappings().all()
        assert [(q["text"], q["guild_id"]) for q in kept] == [(q["text"], q["guild_id"]) for q in questions]
        assert [(v["voter"], v["answer_id"], v["helpful"], v["fact_ids"]) for v in votes] == [
            ("", None, True, "3,4"), ("", None, False, "3,4")]
    finally:
        engine.dispose()
    store = Store.open(database_url)
    try:  # the migrated database takes answers and votes
        record_answers(store, [GivenAnswer(id=10**18, question="How many jobs did AWS cut?", language="en",
                                           answered=True, fact_ids=(3,), guild_id="1200000000000000001",
                                           message_id=10**18 + 1)])
        assert record_vote(store, 10**18, True, "1300000000000000001", "1200000000000000001", 10**18 + 1) == \
            Vote.RECORDED
        assert record_vote(store, 10**18, False, "1300000000000000001", "1200000000000000001") == Vote.CHANGED
    finally:
        store.close()
    engine = make_engine(database_url)
    try:  # and it can go back
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0003")
        downgraded = MetaData()
        downgraded.reflect(engine)
        assert "answer" not in downgraded.tables and "asker" in downgraded.tables["question"].c
        assert "answer_id" not in downgraded.tables["feedback"].c
    finally:
        engine.dispose()


def test_watches_feeds_and_outbox_migration_adds_its_tables_and_can_go_back(database_url: str) -> None:
    """0006: three new tables, nothing else touched; the upgraded database queues, claims and announces news.
    (Rows are inserted without ids, in order, so PostgreSQL's sequences know them and give the same ids.)"""
    from alembic import command

    from knowledge.drafts import FactDraft, SourceDraft
    from knowledge.news.watches import WatchKind
    from knowledge.storage.schema import alembic_config

    engine = make_engine(database_url)
    try:
        upgrade(engine, "0005")
        tables = MetaData()
        tables.reflect(engine)
        assert not {"watch", "feed", "outbox"} & set(tables.tables)
        with engine.begin() as connection:
            for name in ("setting", "counter", "company", "source", "fact", "citation"):
                rows = [{k: v for k, v in row.items() if k != "id"} for row in ROWS[name]]
                connection.execute(insert(tables.tables[name]), rows)
        assert upgrade(engine) == ("0005", head_revision())
        upgraded = MetaData()
        upgraded.reflect(engine)
        assert {"watch", "feed", "outbox"} <= set(upgraded.tables)
        assert {c.name for c in upgraded.tables["outbox"].c} >= {"fact_ids", "claimed_by", "claimed_at", "done_at"}
    finally:
        engine.dispose()
    kb = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0))
    try:  # the migrated database takes watches and announces a new fact to them
        assert kb.claim_news() is None  # the facts it held before are not news
        kb.watch(1300000000000000001, WatchKind.COMPANY, company_id=2)
        kb.restore(2, "mod", "checked again")  # a restored fact is not news either
        assert kb.claim_news() is None
        added = kb.add(FactDraft(kind="layoff", company="Acme Cloud", count_min=50, count_max=50, qualifier="exact",
                                 announced=date(2024, 2, 1), summary="Acme Cloud cut 50.",
                                 sources=((SourceDraft(url="https://news.example/acme-2"), None),)), "mod")
        delivery = kb.claim_news()
        assert delivery is not None and [b.member_id for b in delivery.members] == [1300000000000000001]
        assert [i.fact_id for i in delivery.items] == [added.fact_id]
        kb.news_delivered(delivery)
    finally:
        kb.close()
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0005")
        downgraded = MetaData()
        downgraded.reflect(engine)
        assert not {"watch", "feed", "outbox"} & set(downgraded.tables) and "round_tags" in downgraded.tables
    finally:
        engine.dispose()
