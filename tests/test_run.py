"""`python -m bot run` as a real process against the local stand-in for Discord."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from knowledge.kb import KnowledgeBase
from tests.support.standin import CALLBACK_PATH, DiscordStandIn

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def database(tmp_path: Path) -> str:
    """A knowledge base made beforehand: `run` never creates one at a path given with --db."""
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    KnowledgeBase.open(url).close()
    return url


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn(token="run.test.token") as server:
        yield server


async def start_bot(standin: DiscordStandIn, database: str, *args: str) -> asyncio.subprocess.Process:
    env = {**os.environ, "DISCORD_TOKEN": standin.token or "", "LAYOFFBOT_DISCORD_API": standin.api_url,
           "LAYOFFBOT_DISCORD_GATEWAY": standin.gateway_url, "PYTHONUNBUFFERED": "1"}
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "--db", database, "run", *args, cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
async def test_runs_answers_and_stops_cleanly(standin: DiscordStandIn, database: str, stop: signal.Signals) -> None:
    process = await start_bot(standin, database)
    try:
        await standin.wait_for_gateway(2, timeout=30)  # IDENTIFY
        await standin.wait_for_request("PUT", rf"/applications/{standin.application_id}/commands", timeout=30)
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("ask", {"question": "How many jobs did AWS cut?"}))
        answer = await standin.wait_for_request("POST", CALLBACK_PATH, timeout=10)
        process.send_signal(stop)
        code = await asyncio.wait_for(process.wait(), timeout=20)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    stderr = (await process.stderr.read()).decode()  # type: ignore[union-attr]
    assert "several hundred" in answer.json["data"]["embeds"][0]["description"]
    assert code == 0, stderr
    assert "stopped" in stderr and "Traceback" not in stderr
    assert standin.token not in stderr  # type: ignore[operator]
    assert "[guild=" in stderr


async def test_a_rejected_token_is_one_line_and_never_logged(standin: DiscordStandIn, database: str) -> None:
    fake = "MTIzNDU2.fake-token-that-discord-rejects.abcdef"
    env = {**os.environ, "DISCORD_TOKEN": fake, "LAYOFFBOT_DISCORD_API": standin.api_url,
           "LAYOFFBOT_DISCORD_GATEWAY": standin.gateway_url}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "-vv", "--db", database, "run", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    text = (out + err).decode()
    assert process.returncode == 2
    assert fake not in text and "fake-token" not in text
    errors = [line for line in text.splitlines() if line.startswith("error:")]
    assert errors == ["error: Discord rejected the token in DISCORD_TOKEN: check that it is the bot's current token "
                      "(it changes when reset)."]
    assert "Traceback" not in text
