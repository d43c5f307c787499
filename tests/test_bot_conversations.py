"""Follow-up questions in Discord: a reply to one of the bot's answers continues its conversation, run with the
real discord.py client against the local stand-in (replies carry `message_reference`, as Discord sends them)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from knowledge.drafts import FactDraft, SourceDraft
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from knowledge.storage.models import Answer
from tests.support.discord_world import ALICE, GENERAL, MODERATOR, ask, make_bot, world
from tests.support.helpers import add
from tests.support.standin import DiscordStandIn, RecordedRequest

# Globex: 300 + 200 people in 2023, 150 in 2024; Initech: 400 in 2023.
ROUNDS = [("Globex", 300, date(2023, 1, 10)), ("Globex", 200, date(2023, 6, 5)), ("Globex", 150, date(2024, 3, 4)),
          ("Initech", 400, date(2023, 2, 7))]
CHANNEL = rf"/channels/{GENERAL}/messages"


def filled(url: str) -> KnowledgeBase:
    base = KnowledgeBase.open(url, AnswerSettings(refresh_interval=0.2))
    for company, people, day in ROUNDS:
        add(base.store, FactDraft(
            kind="layoff", company=company, count_min=people, count_max=people, qualifier="exact", announced=day,
            summary=f"{company} cut {people} jobs.",
            sources=((SourceDraft(url=f"https://news.example/{company.lower()}/{day}", publisher="Example News"),
                      None),)), actor="test")
    return base


@pytest.fixture
def kb(tmp_path: Path) -> KnowledgeBase:
    return filled(f"sqlite:///{tmp_path / 'kb.db'}")


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn(guilds=[world()]) as server:
        yield server


def described(request: RecordedRequest) -> str:
    """The answer's text, from a channel message or an interaction's response."""
    payload = request.json.get("data", request.json)
    return str(payload["embeds"][0]["description"]) if payload.get("embeds") else str(payload.get("content"))


def message_of(request: RecordedRequest) -> dict[str, Any]:
    """The message Discord made of a request (a channel message, or the response to an interaction)."""
    assert request.response is not None
    return dict(request.response["resource"]["message"] if "resource" in request.response else request.response)


async def reply(standin: DiscordStandIn, to: RecordedRequest, text: str, **options: Any) -> RecordedRequest:
    await standin.dispatch("MESSAGE_CREATE", standin.guild_message(text, reply_to=message_of(to), **options))
    return await standin.wait_for_request("POST", CHANNEL)


async def test_a_reply_to_an_ask_answer_continues_it_and_chains(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        first = await ask(standin, "How many people did Globex lay off in 2023?")
        in_2024 = await reply(standin, first, "and in 2024?")
        initech = await reply(standin, in_2024, "what about Initech in 2023?")
        biggest = await reply(standin, first, "and the biggest one?", user=MODERATOR)  # anyone may go on
        french = await reply(standin, initech, "et en 2024 ?")
    assert "500 people" in described(first)
    assert described(in_2024).startswith("Globex laid off 150 people") and "2023" not in described(in_2024)
    assert described(initech).startswith("Initech laid off 400 people")
    assert "300 people" in described(biggest) and "200" not in described(biggest)  # Globex's biggest of 2023
    assert "Initech" in described(french) and "2024" in described(french) and "licenci" in described(french)
    # each reply answers the message it replies to, and pings no one
    assert in_2024.json["message_reference"]["message_id"] == int(standin.requests_matching(
        "POST", CHANNEL)[0].json["message_reference"]["message_id"])
    assert all(r.json["allowed_mentions"] == {"parse": [], "replied_user": False} for r in (in_2024, initech))
    await asyncio.sleep(0)
    with kb.store.session() as session:
        rows = {row.question: row for row in session.exec(select(Answer)).all()}
    asked = rows["How many people did Globex lay off in 2023?"]
    assert rows["and in 2024?"].follows == asked.id and rows["and the biggest one?"].follows == asked.id
    assert rows["what about Initech in 2023?"].follows == rows["and in 2024?"].id
    assert rows["et en 2024 ?"].follows == rows["what about Initech in 2023?"].id
    assert rows["et en 2024 ?"].language == "fr"


async def test_a_follow_up_in_a_dm_and_to_a_mention(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb, cooldown_rate=10)):
        dm = await standin.dispatch("MESSAGE_CREATE", standin.dm_message("Combien de personnes Globex a-t-il "
                                                                         "licenciées en 2023 ?"))
        dm_path = rf"/channels/{dm['channel_id']}/messages"
        dm_answer = await standin.wait_for_request("POST", dm_path)
        # in a DM the reply button does not ping: the message reaches the bot anyway
        await standin.dispatch("MESSAGE_CREATE", standin.dm_message("et en 2024 ?", reply_to=message_of(dm_answer),
                                                                    reply_ping=False))
        dm_follow = await standin.wait_for_request("POST", dm_path)
        forward = standin.dm_message("and in 2024?", reply_to=message_of(dm_answer), reply_ping=False)
        forward["message_reference"]["type"] = 1  # forwarding an answer is no reply to it
        await standin.dispatch("MESSAGE_CREATE", forward)
        forwarded = await standin.wait_for_request("POST", dm_path)
        await standin.dispatch("MESSAGE_CREATE", standin.guild_message("How many people did Initech cut in 2023?",
                                                                       mention_bot=True))
        mentioned = await standin.wait_for_request("POST", CHANNEL)
        follow = await reply(standin, mentioned, "what about Globex?")
        # mentioning the bot in the reply, with the reply's own ping off, continues it too
        named = await reply(standin, follow, "and in 2024?", mention_bot=True, reply_ping=False)
    assert "500" in described(dm_answer) and "licenci" in described(dm_answer)
    assert "Globex" in described(dm_follow) and "150" in described(dm_follow) and "licenci" in described(dm_follow)
    assert "Globex" not in described(forwarded) and "150" not in described(forwarded)
    assert described(mentioned).startswith("Initech laid off 400 people")
    assert described(follow).startswith("Globex laid off 500 people")
    assert described(named).startswith("Globex laid off 150 people")


async def test_replies_that_are_not_to_an_answer(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        someone = standin.guild_message("Globex is hiring again", user=MODERATOR)
        await standin.dispatch("MESSAGE_CREATE", someone)
        # a reply to a member's message, not for the bot: nothing
        await standin.dispatch("MESSAGE_CREATE", standin.guild_message("and in 2024?", reply_to=someone))
        # the bot's own message that is no answer (asked nothing), replied to with the ping on: nothing either
        await standin.dispatch("MESSAGE_CREATE", standin.guild_message("", mention_bot=True))
        notice = await standin.wait_for_request("POST", CHANNEL)
        await standin.dispatch("MESSAGE_CREATE", standin.guild_message("and in 2024?", reply_to=message_of(notice)))
        # a reply to a member's message that mentions the bot is an ordinary question
        await standin.dispatch("MESSAGE_CREATE", standin.guild_message(
            "how many people did Globex lay off in 2024?", reply_to=someone, mention_bot=True))
        plain = await standin.wait_for_request("POST", CHANNEL)
        await asyncio.sleep(0.2)
    assert described(plain).startswith("Globex laid off 150 people")
    assert len(standin.requests_matching("POST", CHANNEL)) == 2  # the notice and the plain answer only


async def test_an_off_topic_reply_is_declined_and_the_conversation_goes_on(standin: DiscordStandIn,
                                                                          kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        first = await ask(standin, "How many people did Globex lay off in 2023?")
        off = await reply(standin, first, "what's the capital of France?")
        after = await reply(standin, off, "and in 2024?")
    assert "capital" in described(off) and "layoffs" in described(off)
    assert described(after).startswith("Globex laid off 150 people")


async def restart_keeps_conversations(standin: DiscordStandIn, url: str) -> None:
    first_kb = filled(url)
    try:
        async with standin.running(make_bot(first_kb)):
            first = await ask(standin, "How many people did Globex lay off in 2023?")
    finally:
        first_kb.close()
    again = KnowledgeBase.open(url, AnswerSettings(refresh_interval=0.2))  # a new process would do the same
    try:
        async with standin.running(make_bot(again)):
            follow = await reply(standin, first, "and in 2024?", user=ALICE)
            chained = await reply(standin, follow, "what about Initech in 2023?")
    finally:
        again.close()
    assert described(follow).startswith("Globex laid off 150 people")
    assert described(chained).startswith("Initech laid off 400 people")


async def test_conversations_survive_a_restart(standin: DiscordStandIn, database_url: str) -> None:
    await restart_keeps_conversations(standin, database_url)
