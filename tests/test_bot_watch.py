"""The watch list and feeds in Discord, through the real discord.py client and the stand-in: /watch, /unwatch,
/feed, and the direct messages and feed posts a new fact brings, once each, within seconds."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from bot.config import ConfigError, load_settings
from knowledge.drafts import FactDraft, SourceDraft
from knowledge.kb import KnowledgeBase
from knowledge.news.watches import WatchKind
from knowledge.settings import AnswerSettings
from knowledge.storage.models import Outbox
from tests.support.discord_world import ADMIN, ALICE, CURRENT, MODERATOR, NEWS, custom_ids, eventually, make_bot, world
from tests.support.standin import CALLBACK_PATH, DiscordStandIn, FakeUser

DM_OPENED = "/users/@me/channels"


@pytest.fixture
def kb(tmp_path: Path) -> KnowledgeBase:
    return KnowledgeBase.open(f"sqlite:///{tmp_path / 'kb.db'}", AnswerSettings(refresh_interval=0.2))


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn(guilds=[world()]) as server:
        yield server


def layoff(company: str, count: int, day: date = date(2024, 5, 2)) -> FactDraft:
    return FactDraft(kind="layoff", company=company, count_min=count, count_max=count, qualifier="exact",
                     announced=day, summary=f"{company} cut {count} jobs.",
                     sources=((SourceDraft(url=f"https://news.example/{company.lower().replace(' ', '-')}/{count}",
                                           publisher="Example News"), None),))


async def command(standin: DiscordStandIn, name: str, options: dict[str, Any] | None = None, *,
                  subcommand: str | None = None, user: FakeUser = ALICE, locale: str = "en-US", dm: bool = False) -> Any:
    payload = standin.slash_command(name, options, subcommand=subcommand, user=user, dm=dm)
    payload["locale"] = locale
    await standin.dispatch("INTERACTION_CREATE", payload)
    return (await standin.wait_for_request("POST", CALLBACK_PATH)).json


async def autocomplete(standin: DiscordStandIn, name: str, options: dict[str, Any], focused: str, *,
                       subcommand: str | None = None, user: FakeUser = ALICE) -> list[dict[str, Any]]:
    await standin.dispatch("INTERACTION_CREATE", standin.autocomplete(name, options, focused, subcommand=subcommand,
                                                                      user=user))
    answer = (await standin.wait_for_request("POST", CALLBACK_PATH)).json
    assert answer["type"] == 8
    choices: list[dict[str, Any]] = answer["data"]["choices"]
    return choices


def direct_messages(standin: DiscordStandIn, user: FakeUser) -> list[dict[str, Any]]:
    """What the bot posted in `user`'s DM channel, with the status Discord answered."""
    channel = standin._dm_channel_id(user)
    return [r.json | {"status": r.status} for r in standin.requests_matching("POST", rf"/channels/{channel}/messages")]


def posts(standin: DiscordStandIn, channel_id: int) -> list[dict[str, Any]]:
    return [r.json for r in standin.requests_matching("POST", rf"/channels/{channel_id}/messages")]


async def test_watching_a_company_brings_one_cited_direct_message_within_seconds(standin: DiscordStandIn,
                                                                                   kb: KnowledgeBase) -> None:
    kb.add(layoff("Globex", 10, date(2023, 1, 5)), "test")
    earlier = kb.claim_news()  # announced before Alice watches
    assert earlier is not None and kb.news_delivered(earlier) == 1
    async with standin.running(make_bot(kb)):
        choices = await autocomplete(standin, "watch", {"name": "glob"}, "name", subcommand="company")
        watched = await command(standin, "watch", {"name": choices[0]["value"]}, subcommand="company")
        again = await command(standin, "watch", {"name": "Globex"}, subcommand="company")
        listed = await command(standin, "watch", subcommand="list")
        started = time.monotonic()
        change = await asyncio.to_thread(kb.add, layoff("Globex", 250), "mona (1300000000000000002)")
        await eventually(lambda: bool(direct_messages(standin, ALICE)), timeout=5)
        elapsed = time.monotonic() - started
        await asyncio.sleep(1.5)  # the next looks at the outbox find nothing more
    assert choices[0]["name"] == "Globex"
    assert watched["data"]["flags"] == 64 and "direct message when a new fact about Globex" in watched["data"]["content"]
    assert "already watch Globex" in again["data"]["content"]
    assert listed["data"]["embeds"][0]["description"] == "• Globex"
    [dm] = direct_messages(standin, ALICE)
    assert elapsed < 5 and dm["status"] == 200
    assert [r.json for r in standin.requests_matching("POST", DM_OPENED)] == [{"recipient_id": ALICE.id}]
    embed = dm["embeds"][0]
    assert embed["title"] == "New fact about Globex"
    assert "**Globex** — 250 laid off · 2 May 2024 · added by a moderator [1]\nGlobex cut 250 jobs." in embed["description"]
    assert "[news.example](https://news.example/globex/250)" in embed["fields"][0]["value"]
    assert dm["allowed_mentions"] == {"parse": []} and change.fact_id


async def test_an_import_of_thousands_is_one_summary_per_watcher_and_per_feed(standin: DiscordStandIn,
                                                                               kb: KnowledgeBase,
                                                                               tmp_path: Path) -> None:
    """Another process imports 4,000 rows: each watcher gets one direct message, the feed one post."""
    rows = [f"Maker {n},SF Bay Area,{10 + n}.0,{n % 12 + 1}/{n % 28 + 1}/2024,,{'Retail' if n % 2 else 'Data'},"
            f"https://news.example/{n},Seed,10,United States,6/1/2024" for n in range(4000)]
    export = tmp_path / "fyi-2024-06-01.csv"
    export.write_text("\n".join([CURRENT, *rows]) + "\n", encoding="utf-8")
    kb.add(layoff("Maker 7", 1, date(2023, 1, 1)), "test")  # Maker 7 exists before the import: it can be watched
    kb.add(layoff("Shopify", 1, date(2023, 1, 1)), "test")
    earlier = kb.claim_news()  # what those additions queued is not this test's news
    assert earlier is not None and kb.news_delivered(earlier) == 2
    kb.set_feed(standin.guild.id, NEWS.id, "en")
    kb.watch(ALICE.id, WatchKind.COMPANY, company_id=kb.refresh().matcher.lookup("Maker 7"))
    kb.watch(MODERATOR.id, WatchKind.INDUSTRY, industry="Retail")
    async with standin.running(make_bot(kb)):
        elsewhere = KnowledgeBase.open(kb.url, AnswerSettings(refresh_interval=0), bundled=False)
        try:
            report = await asyncio.to_thread(elsewhere.import_file, export)
        finally:
            elsewhere.close()
        started = time.monotonic()
        await eventually(lambda: bool(direct_messages(standin, ALICE) and direct_messages(standin, MODERATOR)
                                      and posts(standin, NEWS.id)), timeout=5)
        elapsed = time.monotonic() - started
        await asyncio.sleep(1.5)
    assert report.added == 4000 and elapsed < 5
    [alice] = direct_messages(standin, ALICE)
    [moderator] = direct_messages(standin, MODERATOR)
    [feed] = posts(standin, NEWS.id)
    assert alice["embeds"][0]["title"] == "New fact about Maker 7"
    assert "imported from fyi-2024-06-01.csv" in alice["embeds"][0]["description"]
    assert moderator["embeds"][0]["title"] == "2,000 new facts about what you watch"
    assert "…and 1,990 more." in moderator["embeds"][0]["description"]
    assert feed["embeds"][0]["title"] == "4,000 new facts" and "footer" not in feed["embeds"][0]


async def test_a_refused_direct_message_is_dropped_once_and_the_watch_kept(standin: DiscordStandIn,
                                                                           kb: KnowledgeBase,
                                                                           caplog: pytest.LogCaptureFixture) -> None:
    kb.add(layoff("Globex", 10, date(2023, 1, 5)), "test")
    earlier = kb.claim_news()
    assert earlier is not None and kb.news_delivered(earlier) == 1
    company = kb.refresh().matcher.lookup("Globex")
    kb.watch(ALICE.id, WatchKind.COMPANY, company_id=company)
    kb.watch(MODERATOR.id, WatchKind.COMPANY, company_id=company)
    standin.closed_dms.add(ALICE.id)
    async with standin.running(make_bot(kb)):
        await asyncio.to_thread(kb.add, layoff("Globex", 250), "mona (1300000000000000002)")
        await eventually(lambda: bool(direct_messages(standin, ALICE) and direct_messages(standin, MODERATOR)),
                         timeout=5)
        await asyncio.sleep(1.5)
        await asyncio.to_thread(kb.add, layoff("Globex", 300), "mona (1300000000000000002)")
        await eventually(lambda: len(direct_messages(standin, MODERATOR)) == 2, timeout=5)
        await asyncio.sleep(0.5)
    assert [dm["status"] for dm in direct_messages(standin, ALICE)] == [403, 403]  # one try per change
    assert [dm["status"] for dm in direct_messages(standin, MODERATOR)] == [200, 200]
    assert [w.name for w in kb.watches(ALICE.id)] == ["Globex"]  # the watch is kept
    assert not [r for r in caplog.records if r.levelno >= 30 and r.name.startswith("bot")]  # quietly


async def test_watch_limits_industries_unwatch_and_french(standin: DiscordStandIn, kb: KnowledgeBase,
                                                          tmp_path: Path) -> None:
    export = tmp_path / "fyi.csv"
    export.write_text(f"{CURRENT}\nAcme,SF Bay Area,150.0,5/15/2024,,Fintech,https://news.example/acme,Unknown,134,"
                      "United States,5/15/2024\n", encoding="utf-8")
    kb.import_file(export)
    async with standin.running(make_bot(kb, max_watches=2)):
        industries = await autocomplete(standin, "watch", {"name": "fin"}, "name", subcommand="industry")
        unknown = await command(standin, "watch", {"name": "Basket weaving"}, subcommand="industry")
        fintech = await command(standin, "watch", {"name": "fintech"}, subcommand="industry")
        await command(standin, "watch", {"name": "Acme"}, subcommand="company")
        full = await command(standin, "watch", {"name": "Amazon"}, subcommand="company")
        french = await command(standin, "watch", {"name": "Amazon"}, subcommand="company", locale="fr")
        mine = await autocomplete(standin, "unwatch", {"what": ""}, "what")
        theirs = await autocomplete(standin, "unwatch", {"what": ""}, "what", user=MODERATOR)
        one = await command(standin, "unwatch", {"what": mine[0]["value"]})
        not_theirs = await command(standin, "unwatch", {"what": mine[1]["value"]}, user=MODERATOR)
        everything = await command(standin, "unwatch", {"what": "all"})
        empty = await command(standin, "watch", subcommand="list", locale="fr", dm=True)  # a member's own, anywhere
    assert industries == [{"name": "Fintech", "value": "Fintech"}]
    assert "don't know an industry called “Basket weaving”" in unknown["data"]["content"]
    assert "the Fintech industry" in fintech["data"]["content"]
    assert "already watch 2 companies and industries, the most one member can" in full["data"]["content"]
    assert "Vous suivez déjà 2 entreprises et secteurs" in french["data"]["content"]
    assert [c["name"] for c in mine] == ["Fintech (industry)", "Acme", "Everything"] and theirs == []
    assert one["data"]["content"] == "You no longer watch Fintech (industry)."
    assert "You don't watch that" in not_theirs["data"]["content"]
    assert everything["data"]["content"] == "You no longer watch anything (1 stopped)."
    assert empty["data"]["embeds"][0]["title"] == "Ce que vous suivez"
    assert "Vous ne suivez rien" in empty["data"]["embeds"][0]["description"]


async def test_a_feed_channel_gets_new_facts_and_is_for_the_servers_admins(standin: DiscordStandIn,
                                                                           kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        refused = await command(standin, "feed", {"channel": NEWS})
        none_yet = await command(standin, "feed", user=ADMIN)
        chosen = await command(standin, "feed", {"channel": NEWS}, user=ADMIN)
        for n in range(3):  # a few facts at once: one post each
            await asyncio.to_thread(kb.add, layoff(f"Initech {n}", 10 + n), "mona (1300000000000000002)")
        await eventually(lambda: len(posts(standin, NEWS.id)) == 3, timeout=5)
        shown = await command(standin, "feed", user=MODERATOR)
        [turn_off] = custom_ids(shown["data"])
        await standin.dispatch("INTERACTION_CREATE", standin.component_click(turn_off, user=ALICE))
        member_click = (await standin.wait_for_request("POST", CALLBACK_PATH)).json
        await standin.dispatch("INTERACTION_CREATE", standin.component_click(turn_off, user=ADMIN))
        turned_off = (await standin.wait_for_request("POST", CALLBACK_PATH)).json
        await asyncio.to_thread(kb.add, layoff("Initech 9", 99), "mona (1300000000000000002)")
        await asyncio.sleep(1.5)
    assert refused["data"]["flags"] == 64 and "Only this server's moderators" in refused["data"]["content"]
    assert "No feed channel is set" in none_yet["data"]["content"]
    assert chosen["data"]["content"] == f"New facts will be posted in <#{NEWS.id}>."
    titles = sorted(p["embeds"][0]["title"] for p in posts(standin, NEWS.id))
    assert titles == ["New fact about Initech 0", "New fact about Initech 1", "New fact about Initech 2"]
    assert shown["data"]["content"] == f"New facts are posted in <#{NEWS.id}>." and shown["data"]["flags"] == 64
    assert "Only this server's moderators" in member_click["data"]["content"]
    assert turned_off["type"] == 7 and "The feed is off" in turned_off["data"]["content"]
    assert len(posts(standin, NEWS.id)) == 3 and kb.feed(standin.guild.id) is None


async def test_a_feed_refusal_speaks_the_members_language_in_a_server_and_in_a_dm(standin: DiscordStandIn,
                                                                                 kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        member = await command(standin, "feed", {"channel": NEWS}, locale="fr")
        in_dm = await command(standin, "feed", user=ADMIN, locale="fr", dm=True)
        english_dm = await command(standin, "feed", user=ADMIN, dm=True)
    french = "Seuls les modérateurs de ce serveur (Gérer le serveur) peuvent choisir son salon"
    assert member["data"]["flags"] == 64 and french in member["data"]["content"]
    assert in_dm["data"]["flags"] == 64 and french in in_dm["data"]["content"]
    assert "Only this server's moderators" in english_dm["data"]["content"]
    assert kb.feed(standin.guild.id) is None


async def test_two_bot_processes_announce_each_new_fact_once(database_url: str) -> None:
    """Two bots, each with its own knowledge base on one database (as two processes sharing PostgreSQL run, one
    shard each), and a third writer (the command line): every new fact reaches its watcher and the feed once."""
    opened = [KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0.2)) for _ in range(3)]
    first, second, writer = opened
    companies = [f"Quillon {n}" for n in range(8)]
    try:
        for name in companies:
            writer.add(layoff(name, 1, date(2023, 1, 1)), "test")
        earlier = writer.claim_news()
        assert earlier is not None and writer.news_delivered(earlier) == len(companies)
        for name in companies:
            writer.watch(ALICE.id, WatchKind.COMPANY, company_id=writer.refresh().matcher.lookup(name))
        writer.set_feed(world().id, NEWS.id, "en")
        async with DiscordStandIn(guilds=[world()], shard_count=2) as standin, \
                standin.running(make_bot(first, shard_count=2, shard_ids=(0,), news_interval=0.2)), \
                standin.running(make_bot(second, shard_count=2, shard_ids=(1,), news_interval=0.2,
                                         sync_commands=False)):
            for n, name in enumerate(companies):  # separate changes, some claimed by one bot, some by the other
                await asyncio.to_thread(writer.add, layoff(name, 100 + n), "cli")
                await asyncio.sleep(0.1 * (n % 3))
            await eventually(lambda: sum(_facts_in(dm) for dm in direct_messages(standin, ALICE)) >= 8, timeout=10)
            await asyncio.sleep(1.0)  # time for a second announcement, were there to be one
            told = " ".join(dm["embeds"][0]["description"] for dm in direct_messages(standin, ALICE))
            posted = " ".join(p["embeds"][0]["description"] for p in posts(standin, NEWS.id))
        with writer.store.session() as session:
            claimers = set(session.exec(select(col(Outbox.claimed_by)).where(col(Outbox.id) > max(earlier.entry_ids)))
                           .all())
    finally:
        for base in opened:
            base.close()
    # Which process claims a fact is a race: either may take all of them, and the test must not depend on
    # who wins. What must hold is that only these two claimed, and each fact was told exactly once (below).
    assert claimers and claimers <= {first.news_owner, second.news_owner}
    for n, name in enumerate(companies):
        assert told.count(f"**{name}** — {100 + n} laid off") == 1, name
        assert posted.count(f"**{name}** — {100 + n} laid off") == 1, name


def _facts_in(message: dict[str, Any]) -> int:
    title = message["embeds"][0]["title"]
    return 1 if title.startswith("New fact") else int(title.split()[0].replace(",", ""))


@pytest.mark.parametrize(("setting", "refusal"), [
    ("max_watches = 26", "discord.max_watches must be a whole number from 1 to 25."),
    ("max_watches = 0", "discord.max_watches must be a whole number from 1 to 25."),
    ("news_interval = 0", "discord.news_interval must be a number of seconds from 0.1 to 60."),
])
def test_watch_settings_are_checked(tmp_path: Path, setting: str, refusal: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f"[discord]\n{setting}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_settings(str(config))
    assert str(refused.value) == refusal
    config.write_text("[discord]\nmax_watches = 5\nnews_interval = 0.5\n", encoding="utf-8")
    assert (load_settings(str(config)).discord.max_watches, load_settings(str(config)).discord.news_interval) == (5, 0.5)


async def test_stopping_as_news_arrives_stops_the_courier(kb: KnowledgeBase) -> None:
    """The bot stopping in the same turn of the event loop as a change wakes its news loop (an approval just
    before a shutdown; a test's last step) must still end that loop: on Python 3.11, asyncio.wait_for swallowed
    such a cancellation, and the bot's close then waited forever (a CI run hung 90 minutes on it)."""
    from bot.discord.news import Courier

    courier = Courier(make_bot(kb))
    courier.start()
    await asyncio.sleep(0.05)  # the loop has looked at the outbox and waits for news
    courier._wake.set()  # news...
    stopping = asyncio.create_task(courier.stop())  # ...and the stop, before the loop runs again
    await asyncio.wait({stopping}, timeout=3)
    assert courier._task is not None and courier._task.done() and stopping.done()
