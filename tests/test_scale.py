"""Several bot processes on one PostgreSQL knowledge base, and a database that goes away and comes back.

Real `python -m bot run` processes connect to the local stand-in for Discord
(two shards, one guild each) and to PostgreSQL, directly or through a TCP
proxy the test cuts and restores.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from knowledge.kb import KnowledgeBase
from tests.support.helpers import TODAY
from tests.support.standin import CALLBACK_PATH, DiscordStandIn, FakeChannel, FakeGuild, FakeRole, FakeUser
from tests.support.tcp_proxy import TcpProxy

ROOT = Path(__file__).resolve().parent.parent
SHARD_0 = 1_200_000_000_000_000_000 >> 22 << 22  # (guild_id >> 22) % 2 picks the shard
SHARD_0 += (SHARD_0 >> 22) % 2 << 22
SHARD_1 = SHARD_0 + (1 << 22)
MOD_ROLE = FakeRole(1_200_000_000_000_000_900, "Fact keepers")
MODERATOR = FakeUser(1_300_000_000_000_000_002, "mona", roles=[MOD_ROLE.id])
ALICE = FakeUser(1_300_000_000_000_000_001, "alice")
UNAVAILABLE = "The knowledge base is unavailable right now"


def guild(guild_id: int) -> FakeGuild:
    return FakeGuild(guild_id, channels=[FakeChannel(guild_id + 10)], roles=[MOD_ROLE], members=[ALICE, MODERATOR])


def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f"[answers]\nrefresh_interval = 0.5\n[discord]\nmoderator_role_ids = [{MOD_ROLE.id}]\n"
                    f"moderator_guild_ids = [{SHARD_0}, {SHARD_1}]\ncooldown_rate = 1000\n",
                    encoding="utf-8")
    return path


async def start_bot(standin: DiscordStandIn, database: str, tmp_path: Path, *args: str) -> asyncio.subprocess.Process:
    env = {**os.environ, "DISCORD_TOKEN": standin.token or "", "LAYOFFBOT_DISCORD_API": standin.api_url,
           "LAYOFFBOT_DISCORD_GATEWAY": standin.gateway_url, "PYTHONUNBUFFERED": "1"}
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "--config", str(config(tmp_path)), "--db", database, "run", *args, cwd=ROOT,
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


async def stop(process: asyncio.subprocess.Process) -> str:
    if process.returncode is None:
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), timeout=20)
        except TimeoutError:
            process.kill()
            await process.wait()
    return (await process.stderr.read()).decode()  # type: ignore[union-attr]


async def ask(standin: DiscordStandIn, guild_id: int, question: str) -> dict[str, Any]:
    await standin.dispatch("INTERACTION_CREATE", standin.slash_command("ask", {"question": question},
                                                                       channel_id=guild_id + 10))
    return (await standin.wait_for_request("POST", CALLBACK_PATH, timeout=10)).json["data"]


def seeded(url: str) -> int:
    """Create the knowledge base before the bots start; the id of the fact about AWS's cuts."""
    kb = KnowledgeBase.open(url)
    try:
        return kb.ask("How many jobs did AWS cut?", TODAY).citations[0].fact.id
    finally:
        kb.close()


async def test_a_change_through_one_process_is_what_the_other_answers(postgres_url: str, tmp_path: Path) -> None:
    fact_id = seeded(postgres_url)
    async with DiscordStandIn(token="scale.token", shard_count=2, guilds=[guild(SHARD_0), guild(SHARD_1)]) as standin:
        first = await start_bot(standin, postgres_url, tmp_path, "--shard-ids", "0", "--shard-count", "2")
        second = await start_bot(standin, postgres_url, tmp_path, "--shard-ids", "1", "--shard-count", "2")
        try:
            for _ in range(2):
                await standin.wait_for_gateway(2, timeout=30)
            for _ in range(2):
                await standin.wait_for_request("PUT", rf"/applications/{standin.application_id}/commands", timeout=30)
            assert sorted(identify["shard"][0] for identify in standin.identifies) == [0, 1]
            before = await ask(standin, SHARD_1, "How many jobs did AWS cut?")
            await standin.dispatch("INTERACTION_CREATE", standin.slash_command(
                "fact", {"id": fact_id, "reason": "test"}, subcommand="retract", user=MODERATOR,
                channel_id=SHARD_0 + 10))
            confirm = await standin.wait_for_request("POST", CALLBACK_PATH, timeout=10)
            button = confirm.json["data"]["components"][0]["components"][0]["custom_id"]
            click = standin.component_click(button, user=MODERATOR)
            await standin.dispatch("INTERACTION_CREATE", click)
            done = await standin.wait_for_request("POST", CALLBACK_PATH, timeout=10)
            changed_at = time.monotonic()
            while True:
                after = await ask(standin, SHARD_1, "How many jobs did AWS cut?")
                elapsed = time.monotonic() - changed_at
                if "several hundred" not in str(after.get("embeds")) or elapsed > 5:
                    break
                await asyncio.sleep(0.05)
        finally:
            logs = [await stop(first), await stop(second)]
    assert "several hundred" in before["embeds"][0]["description"]
    assert done.json["type"] == 7
    assert elapsed < 1.0, f"the second process answered the old fact for {elapsed:.2f} s"
    assert all("Traceback" not in log for log in logs), logs


@pytest.fixture
async def proxy(postgres_url: str) -> AsyncIterator[tuple[TcpProxy, str]]:
    parts = urlsplit(postgres_url)
    server = TcpProxy(parts.hostname or "127.0.0.1", parts.port or 5432)
    await server.start()
    through = urlunsplit(parts._replace(netloc=f"{parts.username}@127.0.0.1:{server.port}"))
    yield server, through
    await server.close()


async def test_answers_pause_while_the_database_is_away_and_resume(proxy: tuple[TcpProxy, str],
                                                                  tmp_path: Path) -> None:
    server, url = proxy
    fact_id = await asyncio.to_thread(seeded, url)  # the proxy runs on this event loop
    async with DiscordStandIn(token="outage.token", guilds=[guild(SHARD_0)]) as standin:
        bot = await start_bot(standin, url, tmp_path)
        try:
            await standin.wait_for_request("PUT", rf"/applications/{standin.application_id}/commands", timeout=30)
            answered = await ask(standin, SHARD_0, "How many jobs did AWS cut?")
            await server.cut()
            deadline = time.monotonic() + 15
            while True:
                during = await ask(standin, SHARD_0, "How many jobs did AWS cut?")
                if UNAVAILABLE in (during.get("content") or "") or time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.2)
            await standin.dispatch("INTERACTION_CREATE", standin.slash_command(
                "fact", {"id": fact_id}, subcommand="history", user=MODERATOR, channel_id=SHARD_0 + 10))
            refused = (await standin.wait_for_request("POST", CALLBACK_PATH, timeout=20)).json["data"]
            await server.restore()
            deadline = time.monotonic() + 20
            while True:
                after = await ask(standin, SHARD_0, "How many jobs did AWS cut?")
                if "embeds" in after or time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.2)
            assert bot.returncode is None  # still running
        finally:
            log = await stop(bot)
    assert "several hundred" in answered["embeds"][0]["description"]
    assert UNAVAILABLE in during["content"] and during["flags"] == 64
    assert UNAVAILABLE in (refused.get("content") or ""), refused
    assert "embeds" in after and "several hundred" in after["embeds"][0]["description"], log[-3000:]
    assert "Traceback" not in log
