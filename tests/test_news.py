"""The watch list and the feeds in the core: who watches what, and every new fact announced once, to whoever
wants it, in one bulletin per recipient, whichever process or how many of them claim the outbox."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from knowledge.drafts import FactDraft, SourceDraft
from knowledge.errors import InvalidInput
from knowledge.intake.articles import ArticleMeta
from knowledge.kb import KnowledgeBase
from knowledge.news.deliveries import Delivery
from knowledge.news.watches import Watched, WatchKind
from knowledge.settings import AnswerSettings
from knowledge.storage import outbox
from knowledge.storage.backup import export_data
from knowledge.types import FactStatus
from tests.test_ingest import ENGLISH

HEADER = "company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,date_added"
ALICE, BOB, CAROL = 1_300_000_000_000_000_001, 1_300_000_000_000_000_002, 1_300_000_000_000_000_003
GUILD, NEWS = 1_200_000_000_000_000_001, 1_200_000_000_000_000_020


@pytest.fixture
def kb(database_url: str) -> Iterator[KnowledgeBase]:
    base = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0))
    yield base
    base.close()


def layoff(company: str, count: int, day: date, status: FactStatus = FactStatus.ACTIVE,
           url: str = "https://news.example/a") -> FactDraft:
    return FactDraft(kind="layoff", company=company, count_min=count, count_max=count, qualifier="exact",
                     announced=day, summary=f"{company} cut {count} jobs.", status=status,
                     sources=((SourceDraft(url=url, publisher="Example News"), None),))


def export(tmp_path: Path, rows: list[str], name: str = "fyi-2026-05-15.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def company_id(kb: KnowledgeBase, name: str) -> int:
    found = kb.refresh().matcher.lookup(name)
    assert found is not None
    return found


def drained(kb: KnowledgeBase) -> Delivery | None:
    """Claim what waits, and mark it delivered, as the bot does once it has sent it."""
    delivery = kb.claim_news()
    if delivery is not None:
        kb.news_delivered(delivery)
    return delivery


def test_a_new_knowledge_base_has_no_news(kb: KnowledgeBase) -> None:
    assert kb.claim_news() is None  # the bundled facts are where every knowledge base starts, not news
    assert outbox.waiting(kb.store) == 0


def test_watches_have_a_limit_and_end_one_or_all(kb: KnowledgeBase) -> None:
    kb.add(layoff("Globex", 10, date(2024, 1, 5)), "test")
    globex, amazon = company_id(kb, "Globex"), company_id(kb, "Amazon")
    assert kb.watch(ALICE, WatchKind.COMPANY, company_id=globex, limit=2) == Watched.ADDED
    assert kb.watch(ALICE, WatchKind.COMPANY, company_id=globex, limit=2) == Watched.ALREADY
    assert kb.watch(ALICE, WatchKind.INDUSTRY, industry="Retail", limit=2) == Watched.ADDED
    assert kb.watch(ALICE, WatchKind.INDUSTRY, industry="retail", limit=2) == Watched.ALREADY  # one spelling
    assert kb.watch(ALICE, WatchKind.COMPANY, company_id=amazon, limit=2) == Watched.FULL
    assert kb.watch(BOB, WatchKind.COMPANY, company_id=amazon, limit=2) == Watched.ADDED  # the limit is per member
    listed = kb.watches(ALICE)
    assert [(w.kind, w.name) for w in listed] == [(WatchKind.COMPANY, "Globex"), (WatchKind.INDUSTRY, "Retail")]
    assert kb.unwatch(BOB, listed[0].id) == 0  # someone else's watch is not Bob's to end
    assert kb.unwatch(ALICE, listed[0].id) == 1 and [w.name for w in kb.watches(ALICE)] == ["Retail"]
    assert kb.unwatch(ALICE) == 1 and kb.watches(ALICE) == [] and len(kb.watches(BOB)) == 1


def test_a_fact_added_reaches_its_companys_watchers_its_parents_and_every_feed(kb: KnowledgeBase) -> None:
    amazon = company_id(kb, "Amazon")
    kb.watch(ALICE, WatchKind.COMPANY, company_id=amazon, language="fr")
    kb.watch(BOB, WatchKind.COMPANY, company_id=company_id(kb, "Google"))
    kb.set_feed(GUILD, NEWS, "en")
    change = kb.add(layoff("AWS", 400, date(2024, 3, 5), url="https://news.example/aws"), "mona (1)")
    delivery = drained(kb)
    assert delivery is not None
    [item] = delivery.items
    assert (item.fact_id, item.action, item.company, item.state.count_min) == (change.fact_id, "create", "AWS", 400)
    assert item.source is not None and item.source.url == "https://news.example/aws"
    [bulletin] = delivery.members  # AWS belongs to Amazon: Alice hears of it; Bob watches Google
    assert (bulletin.member_id, bulletin.language, bulletin.items) == (ALICE, "fr", (item,))
    [feed] = delivery.feeds
    assert (feed.guild_id, feed.channel_id, feed.items) == (GUILD, NEWS, (item,))
    assert kb.claim_news() is None and outbox.waiting(kb.store) == 0  # announced once


def test_an_import_is_one_bulletin_per_watcher_and_matches_industries(kb: KnowledgeBase, tmp_path: Path) -> None:
    rows = [f"Maker {n},SF Bay Area,{10 + n}.0,3/{n % 28 + 1}/2024,,{'Retail' if n % 2 else 'Data'},"
            f"https://news.example/{n},Seed,10,United States,3/6/2024" for n in range(400)]
    kb.import_file(export(tmp_path, rows))
    drained(kb)  # what the first import added
    kb.watch(ALICE, WatchKind.COMPANY, company_id=company_id(kb, "Maker 7"))
    assert kb.find_industry("retail") == "Retail" and "Retail" in kb.industry_choices("ret")
    kb.watch(BOB, WatchKind.INDUSTRY, industry="Retail")
    kb.watch(CAROL, WatchKind.COMPANY, company_id=company_id(kb, "Maker 8"))  # in the export, but not new
    newer = [f"Newco {n},SF Bay Area,{100 + n}.0,4/{n % 28 + 1}/2024,,{'Retail' if n % 2 else 'Data'},"
             f"https://news.example/new/{n},Seed,10,United States,4/6/2024" for n in range(600)]
    newer.append("Maker 7,SF Bay Area,90.0,5/1/2024,,Retail,https://news.example/m7,Seed,10,United States,5/2/2024")
    kb.import_file(export(tmp_path, rows + newer, "fyi-2026-06-01.csv"))
    delivery = drained(kb)
    assert delivery is not None and len(delivery.entry_ids) == 1 and len(delivery.items) == 601
    bulletins = {b.member_id: b for b in delivery.members}
    assert set(bulletins) == {ALICE, BOB}
    assert [i.company for i in bulletins[ALICE].items] == ["Maker 7"]
    assert len(bulletins[BOB].items) == 301 and {i.industry for i in bulletins[BOB].items} == {"Retail"}
    assert {i.origin for i in delivery.items} == {"fyi-2026-06-01.csv"}


def test_approved_candidates_are_news_merged_rejected_and_pending_ones_are_not(kb: KnowledgeBase) -> None:
    kb.watch(ALICE, WatchKind.COMPANY, company_id=company_id(kb, "Amazon"))
    live = kb.add(layoff("Amazon", 9_000, date(2023, 3, 20)), "mona (1)").fact_id
    pending = [kb.add(layoff("Amazon", 100 + n, date(2024, 6, n), FactStatus.PENDING), "mona (1)").fact_id
               for n in (1, 2)]
    twin = kb.add(layoff("Amazon", 9_000, date(2023, 3, 21), FactStatus.PENDING), "mona (1)").fact_id
    first = drained(kb)
    assert first is not None and [i.fact_id for i in first.items] == [live]  # pending additions are not news
    kb.approve([pending[0], twin], "mona (1)")  # the twin reports the live fact's event: merged into it
    kb.reject([pending[1]], "mona (1)")
    approved = drained(kb)
    assert approved is not None and [(i.fact_id, i.action) for i in approved.items] == [(pending[0], "approve")]
    assert drained(kb) is None


def test_an_article_approved_at_ingestion_is_news(kb: KnowledgeBase) -> None:
    kb.set_feed(GUILD, NEWS, "en")
    meta = ArticleMeta(url="https://wire.example/quillon", title="Quillon cuts", publisher="Wire",
                       published=date(2024, 3, 5), language="en")
    report = kb.ingest(ENGLISH, meta, "mona (1)", approve=True)
    live = [o.fact_id for o in report.outcomes if o.status == FactStatus.ACTIVE]
    delivery = drained(kb)
    assert live and delivery is not None and [i.fact_id for i in delivery.items] == live
    assert {i.action for i in delivery.items} == {"approve"} and [len(f.items) for f in delivery.feeds] == [len(live)]


def test_a_refused_change_queues_nothing(kb: KnowledgeBase) -> None:
    candidate = kb.add(layoff("Amazon", 100, date(2024, 6, 1), FactStatus.PENDING), "mona (1)").fact_id
    with pytest.raises(InvalidInput):
        kb.approve([candidate, 999_999], "mona (1)")  # one wrong id: nothing approved, nothing queued
    assert outbox.waiting(kb.store) == 0


def test_a_fact_retracted_before_it_is_announced_is_left_out(kb: KnowledgeBase) -> None:
    kb.watch(ALICE, WatchKind.COMPANY, company_id=company_id(kb, "Amazon"))
    wrong = kb.add(layoff("Amazon", 1, date(2024, 6, 1)), "mona (1)").fact_id
    kb.retract(wrong, "mona (1)", "a typo")
    delivery = drained(kb)
    assert delivery is not None and delivery.items == () and delivery.members == ()
    assert outbox.waiting(kb.store) == 0


def test_a_claim_whose_claimer_died_is_taken_again_after_its_lease(database_url: str) -> None:
    first = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0))
    second = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0))
    try:
        first.add(layoff("Amazon", 5, date(2024, 6, 1)), "mona (1)")
        held = first.claim_news()  # and never delivered: the process died
        assert held is not None
        assert second.claim_news() is None  # its lease still runs
        retaken = second.claim_news(lease=timedelta(0))
        assert retaken is not None and retaken.entry_ids == held.entry_ids
        assert first.news_delivered(held) == 0  # too late: the row is the second process's now
        assert second.news_delivered(retaken) == 1 and outbox.waiting(second.store) == 0
    finally:
        first.close()
        second.close()


def test_two_processes_claiming_at_once_announce_each_change_once(database_url: str) -> None:
    """Two knowledge bases (two engines, as two bot processes have) claim in threads while changes are made:
    every queued change is delivered by exactly one of them."""
    writer = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0))
    claimers = [KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0), bundled=False)
                for _ in range(2)]
    delivered: list[list[int]] = [[], []]
    done = threading.Event()
    errors: list[BaseException] = []

    def claim_until_done(index: int) -> None:
        try:
            while True:
                finished = done.is_set()
                delivery = claimers[index].claim_news()
                if delivery is not None:
                    delivered[index] += [item.fact_id for item in delivery.items]
                    claimers[index].news_delivered(delivery)
                elif finished:
                    return
        except BaseException as error:  # noqa: BLE001 (reported by the test below)
            errors.append(error)

    threads = [threading.Thread(target=claim_until_done, args=(i,)) for i in range(2)]
    try:
        for thread in threads:
            thread.start()
        added = [writer.add(layoff(f"Company {n}", n + 1, date(2024, 1, 1 + n % 28)), "mona (1)").fact_id
                 for n in range(40)]
        done.set()
        for thread in threads:
            thread.join(60)
        assert not errors
        assert sorted(delivered[0] + delivered[1]) == added  # each once: none twice, none lost
        assert outbox.waiting(writer.store) == 0
    finally:
        done.set()
        for base in (writer, *claimers):
            base.close()


def test_feeds_are_set_replaced_and_turned_off(kb: KnowledgeBase) -> None:
    assert kb.feed(GUILD) is None
    kb.set_feed(GUILD, NEWS, "en")
    kb.set_feed(GUILD, NEWS + 1, "fr")
    feed = kb.feed(GUILD)
    assert feed is not None and (feed.channel_id, feed.language) == (NEWS + 1, "fr")
    assert not kb.clear_feed(GUILD, NEWS)  # not its channel any more: left as it is
    assert kb.clear_feed(GUILD) and kb.feed(GUILD) is None and not kb.clear_feed(GUILD)


def test_recent_facts_by_number_or_company(kb: KnowledgeBase) -> None:
    ids = [kb.add(layoff("Globex", 10 * n, date(2023, n, 3)), "test").fact_id for n in range(1, 4)]
    kb.retract(ids[0], "test", "wrong")
    assert [r.id for r in kb.recent_facts("glob")] == [ids[0], ids[2], ids[1]]  # the latest change first
    assert [r.id for r in kb.recent_facts("glob", [FactStatus.RETRACTED])] == [ids[0]]
    assert [r.id for r in kb.recent_facts(f"#{ids[1]}")] == [ids[1]]
    assert kb.recent_facts("zzz-nobody") == []
    assert len(kb.recent_facts("", limit=3)) == 3


def test_a_servers_export_holds_its_feed_and_nobodys_watch_list(kb: KnowledgeBase) -> None:
    kb.watch(ALICE, WatchKind.COMPANY, company_id=company_id(kb, "Amazon"))
    kb.set_feed(GUILD, NEWS, "en")
    kb.set_feed(GUILD + 1, NEWS + 1, "fr")
    everything, theirs = export_data(kb.store), export_data(kb.store, str(GUILD))
    assert [w["member_id"] for w in everything["watch"]] == [ALICE] and len(everything["feed"]) == 2
    assert theirs["watch"] == [] and [f["guild_id"] for f in theirs["feed"]] == [GUILD]
    assert "outbox" not in everything  # what it holds is announced within seconds, not kept
