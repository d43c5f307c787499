"""Moderation stays in its own server; votes are one per member on answers that exist; what reaches Discord
is escaped. The real discord.py client against the stand-in, with a second server and DMs."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import discord
import pytest
from sqlmodel import select

from bot.discord.answer_log import AnswerLog
from knowledge.answering.answer import Answer as Reply
from knowledge.drafts import FactDraft, SourceDraft
from knowledge.facts.feedback import VOTER_KEY
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from knowledge.storage import backup
from knowledge.storage.models import Answer, Feedback, Question
from knowledge.types import FactStatus
from tests.support.discord_world import (
    ADMIN,
    ADMIN_ROLE,
    ALICE,
    AUDIT,
    CURRENT,
    GENERAL,
    GUILD,
    MOD_ROLE,
    MODERATOR,
    ask,
    custom_ids,
    eventually,
    make_bot,
    world,
)
from tests.support.helpers import TODAY, add
from tests.support.standin import (
    CALLBACK_PATH,
    FOLLOWUP_PATH,
    DiscordStandIn,
    FakeAttachment,
    FakeChannel,
    FakeGuild,
    FakeRole,
    FakeUser,
)

OTHER = 1_400_000_000_000_000_001
OTHER_GENERAL = 1_400_000_000_000_000_010
OTHER_ADMINS = FakeRole(1_400_000_000_000_000_100, "Their admins", discord.Permissions(manage_guild=True).value)
# The administrator of an unrelated server that added the bot too; and the home server's moderator, who is also
# an administrator there.
EVE = FakeUser(1_500_000_000_000_000_001, "eve", roles=[OTHER_ADMINS.id])
MONA = FakeUser(MODERATOR.id, MODERATOR.username, roles=[MOD_ROLE.id, OTHER_ADMINS.id])
HOSTILE = "Evil [x] [click here](https://evil.example) @everyone **bold** <@&1200000000000000100>"
HOSTILE_LINK = "https://news.example/evil?q=[click](https://evil.example)"  # a valid link, with a masked one in it
MASKED_LINK = re.compile(r"(?<!\\)\[[^\]\n]*\]\(https?://evil")


def two_servers() -> list[FakeGuild]:
    home = world()
    home.members = [ALICE, MONA, ADMIN]
    other = FakeGuild(OTHER, name="Unrelated", channels=[FakeChannel(OTHER_GENERAL)], roles=[OTHER_ADMINS],
                      members=[EVE, MONA, ALICE])
    return [home, other]


@pytest.fixture
def kb(tmp_path: Path) -> KnowledgeBase:
    return KnowledgeBase.open(f"sqlite:///{tmp_path / 'kb.db'}", AnswerSettings(refresh_interval=0.2))


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn(guilds=two_servers()) as server:
        yield server


def everything(kb: KnowledgeBase) -> str:
    """The whole knowledge base, to compare before and after."""
    data = backup.export_data(kb.store)
    data.pop("exported_at")
    return json.dumps(data, sort_keys=True)


def pending_candidate(kb: KnowledgeBase) -> int:
    return add(kb.store, FactDraft(
        kind="layoff", company="Initrode", count_min=5, count_max=5, qualifier="exact", announced=date(2024, 2, 1),
        summary="Initrode cut 5 jobs.", status=FactStatus.PENDING,
        sources=((SourceDraft(url="https://news.example/initrode", publisher="Example"), None),)), actor="x")


async def reply_to(standin: DiscordStandIn, payload: dict[str, Any]) -> dict[str, Any]:
    await standin.dispatch("INTERACTION_CREATE", payload)
    return (await standin.wait_for_request("POST", CALLBACK_PATH)).json


async def asked(standin: DiscordStandIn, question: str) -> tuple[int, dict[str, Any]]:
    """(the asking interaction's id, the answer's message data) for ALICE's /ask in GENERAL."""
    callback = await ask(standin, question)
    return int(callback.path.split("/")[2]), callback.json["data"]


def with_button(message: dict[str, Any], custom_id: str) -> dict[str, Any]:
    """`message` as a forged interaction payload shows it: carrying a button it never had."""
    button = {"type": 2, "style": 2, "custom_id": custom_id}
    return {**message, "components": [{"type": 1, "components": [button]}]}


def private_refusal(reply: dict[str, Any]) -> str:
    assert reply["type"] == 4 and reply["data"]["flags"] == 64, reply
    return str(reply["data"]["content"])


# -- moderation stays in its own server -----------------------------------------------------------------------


async def home_components(standin: DiscordStandIn, fact_id: int, pending_id: int) -> tuple[dict[str, Any], ...]:
    """What a home moderator opens: the add and edit forms, a retraction to confirm, the review buttons."""
    add = await reply_to(standin, standin.slash_command("fact", subcommand="add", user=MONA))
    edit = await reply_to(standin, standin.slash_command("fact", {"id": fact_id}, subcommand="edit", user=MONA))
    retract = await reply_to(standin, standin.slash_command("fact", {"id": fact_id, "reason": "wrong"},
                                                            subcommand="retract", user=MONA))
    review = await reply_to(standin, standin.slash_command("kb", subcommand="review", user=MONA))
    assert add["type"] == edit["type"] == 9 and custom_ids(review["data"])[0] == f"review:a:{pending_id}"
    return add["data"], edit["data"], retract["data"], review["data"]


def every_moderator_action(standin: DiscordStandIn, fact_id: int, user: FakeUser,
                           where: dict[str, Any]) -> list[dict[str, Any]]:
    """Every /fact and /kb command, from `where` (a channel of some server, or a DM)."""
    csv = "\n".join([CURRENT, "Vandelay,NYC,75.0,3/3/2024,0.1,Retail,https://news.example/v,Seed,2,US,3/4/2024"])
    article = ("Quillon Systems said on Tuesday it would lay off about 900 employees, roughly 15% of its "
               "workforce.")
    commands: list[tuple[str, str, dict[str, Any] | None]] = [
        ("fact", "add", None), ("fact", "edit", {"id": fact_id}), ("fact", "retract", {"id": fact_id, "reason": "x"}),
        ("fact", "restore", {"id": fact_id}), ("fact", "undo", {"id": fact_id}), ("fact", "history", {"id": fact_id}),
        ("kb", "import", {"file": FakeAttachment("tracker.csv", csv.encode())}),
        ("kb", "ingest", {"url": "https://wire.example/q", "publisher": "Wire", "published": "2024-03-06",
                          "language": "en", "text": article}),
        ("kb", "review", None), ("kb", "export", None), ("kb", "unanswered", None),
    ]
    return [standin.slash_command(group, options, subcommand=name, user=user, **where)
            for group, name, options in commands]


def replays(standin: DiscordStandIn, components: tuple[dict[str, Any], ...], fact_id: int, user: FakeUser,
            where: dict[str, Any]) -> list[dict[str, Any]]:
    """The home moderator's forms and buttons, submitted and clicked from `where`."""
    add, edit, retract, review = components
    form = {"Company (empty: the whole industry)": "Hooli", "Figure, e.g. more than 27,000 (13%)": "999,999",
            "When: a date or a period": "2023-02-14", "Summary, in your own words": "Hooli cut 999,999.",
            "Source: link | publisher": "https://news.example/hooli | Example News"}
    modal_where = {"channel_id": where["channel_id"]} if "channel_id" in where else {"dm": True}
    buttons = [*custom_ids(retract), *custom_ids(review), f"hist:{fact_id}:1:n"]
    return [standin.modal_submit(add, form, user=user, **modal_where),
            standin.modal_submit(edit, form, user=user, **modal_where),
            *(standin.component_click(custom_id, user=user, **where) for custom_id in buttons)]


@pytest.mark.parametrize("who, where, refusal", [
    (EVE, {"channel_id": OTHER_GENERAL}, "this server is not one of them"),  # Manage Server elsewhere
    (MONA, {"channel_id": OTHER_GENERAL}, "this server is not one of them"),  # our moderator, in their server
    (MONA, {"dm": True}, "Only moderators can change facts"),  # our moderator, in a DM
    (EVE, {"dm": True}, "Only moderators can change facts"),
], ids=["other-server-admin", "home-moderator-elsewhere", "home-moderator-dm", "stranger-dm"])
async def test_moderator_actions_from_another_server_or_a_dm_change_nothing(
        standin: DiscordStandIn, kb: KnowledgeBase, who: FakeUser, where: dict[str, Any], refusal: str) -> None:
    fact_id = kb.ask("How many jobs did AWS cut?", TODAY).citations[0].fact.id
    pending_id = pending_candidate(kb)
    async with standin.running(make_bot(kb)):
        await ask(standin, "How many people did Zorblatt lay off in 2023?")  # a question for /kb unanswered
        await eventually(lambda: bool(kb.store.session().__enter__().exec(select(Question)).all()))
        components = await home_components(standin, fact_id, pending_id)
        before = everything(kb)
        replies = [await reply_to(standin, payload) for payload in
                   every_moderator_action(standin, fact_id, who, where) +
                   replays(standin, components, fact_id, who, where)]
        await asyncio.sleep(0.2)  # time for anything that would follow up, post or write
    assert len(replies) == 11 + 2 + 5
    for reply in replies:
        text = private_refusal(reply)
        assert refusal in text and "Nothing was changed" in text and "Zorblatt" not in text, text
    assert everything(kb) == before
    assert kb.store.get_fact(pending_id).status == FactStatus.PENDING
    assert not standin.requests_matching("POST", FOLLOWUP_PATH)  # no import, ingestion or export was made
    assert not standin.requests_matching("POST", rf"/channels/{AUDIT}/messages")


async def test_a_guild_interaction_without_member_data_is_no_moderator(standin: DiscordStandIn,
                                                                       kb: KnowledgeBase) -> None:
    """In a context where Discord sends a user and no member (a user-installed app), server rights are unknown."""
    fact_id = kb.ask("How many jobs did AWS cut?", TODAY).citations[0].fact.id
    before = everything(kb)
    async with standin.running(make_bot(kb)):
        payload = standin.slash_command("fact", {"id": fact_id}, subcommand="restore", user=ADMIN)
        payload["user"] = payload.pop("member")["user"]
        click = standin.component_click(f"fact:retract:{fact_id}:1", user=ADMIN)
        click["user"] = click.pop("member")["user"]
        replies = [await reply_to(standin, payload), await reply_to(standin, click)]
    for reply in replies:
        assert "Only moderators can change facts" in private_refusal(reply)
    assert everything(kb) == before


async def test_moderator_groups_are_hidden_from_members_and_dms(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        put = await standin.wait_for_request("PUT", rf"/applications/{standin.application_id}/commands")
    commands = {c["name"]: c for c in put.json}
    manage_guild = discord.Permissions(manage_guild=True).value
    for name in ("fact", "kb"):
        assert int(commands[name]["default_member_permissions"]) == manage_guild
        assert commands[name]["dm_permission"] is False and commands[name]["contexts"] == [0]
    for name in ("ask", "layoffs", "about", "sources"):
        assert commands[name]["default_member_permissions"] is None and commands[name]["dm_permission"] is True


async def test_with_no_moderation_server_an_admin_is_told_how_to_turn_it_on(
        standin: DiscordStandIn, kb: KnowledgeBase, caplog: pytest.LogCaptureFixture) -> None:
    fact_id = kb.ask("How many jobs did AWS cut?", TODAY).citations[0].fact.id
    before = everything(kb)
    caplog.set_level(logging.WARNING, logger="bot.discord.client")
    async with standin.running(make_bot(kb, moderator_guild_ids=())):
        admin = await reply_to(standin, standin.slash_command("fact", subcommand="add", user=ADMIN))
        moderator = await reply_to(standin, standin.slash_command("kb", subcommand="export", user=MONA))
        button = await reply_to(standin, standin.component_click(f"fact:retract:{fact_id}:1", user=ADMIN))
        member = await reply_to(standin, standin.slash_command("fact", subcommand="add", user=ALICE))
        await standin.close_gateway(4000)  # a reconnection does not repeat the start-up warning
        await standin.wait_for_gateway(6)
    for reply in (admin, moderator, button):
        text = private_refusal(reply)
        assert "turned off" in text and "`moderator_guild_ids`" in text and str(GUILD) in text, text
    assert "turned off" not in private_refusal(member) and "Only moderators" in private_refusal(member)
    assert everything(kb) == before
    warnings = [r.getMessage() for r in caplog.records if "changing facts from Discord is off" in r.getMessage()]
    assert len(warnings) == 1 and "moderator_guild_ids" in warnings[0]


async def test_guild_ids_alone_make_those_servers_the_moderators(standin: DiscordStandIn, kb: KnowledgeBase,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="bot.discord.client")
    async with standin.running(make_bot(kb, moderator_guild_ids=(), guild_ids=(GUILD,))):
        home = await reply_to(standin, standin.slash_command("fact", subcommand="add", user=ADMIN))
        other = await reply_to(standin, standin.slash_command("fact", subcommand="add", user=EVE,
                                                              channel_id=OTHER_GENERAL))
    assert home["type"] == 9  # the form
    assert "this server is not one of them" in private_refusal(other)
    assert not [r for r in caplog.records if "changing facts from Discord is off" in r.getMessage()]


# -- each server's moderators see their own server's questions -------------------------------------------------


async def test_export_and_unanswered_hold_only_this_servers_questions(standin: DiscordStandIn,
                                                                      kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb, moderator_guild_ids=(GUILD, OTHER))):
        await ask(standin, "How many people did Zorblatt lay off in 2023?")
        _, answered = await asked(standin, "How many jobs did AWS cut?")
        await reply_to(standin, standin.component_click(custom_ids(answered)[1], user=ALICE))  # 👎
        theirs = standin.slash_command("ask", {"question": "How many people did Quuxcorp lay off in 2023?"},
                                       user=EVE, channel_id=OTHER_GENERAL)
        await reply_to(standin, theirs)
        their_answer = await reply_to(standin, standin.slash_command(
            "ask", {"question": "How many jobs did Amazon cut in 2022?"}, user=EVE, channel_id=OTHER_GENERAL))
        await reply_to(standin, standin.component_click(custom_ids(their_answer["data"])[1], user=EVE))  # 👎
        await eventually(lambda: len(kb.store.session().__enter__().exec(select(Question)).all()) == 2)
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("kb", subcommand="export", user=MONA))
        await standin.wait_for_request("POST", CALLBACK_PATH)
        exported = await standin.wait_for_request("POST", FOLLOWUP_PATH)
        unanswered = await reply_to(standin, standin.slash_command("kb", subcommand="unanswered", user=MONA))
        theirs_unanswered = await reply_to(standin, standin.slash_command(
            "kb", subcommand="unanswered", user=EVE, channel_id=OTHER_GENERAL))
    [data] = [json.loads(content) for content in exported.files.values()]
    assert [q["text"] for q in data["question"]] == ["How many people did Zorblatt lay off in 2023?"]
    assert [f["question"] for f in data["feedback"]] == ["How many jobs did AWS cut?"]
    assert {a["guild_id"] for a in data["answer"]} == {str(GUILD)} and len(data["answer"]) == 2
    assert not any(s["key"].startswith("secret:") for s in data["setting"])
    assert any(c["name"] == "Amazon" for c in data["company"])  # the shared knowledge is all there
    names = [f["name"] for f in unanswered["data"]["embeds"][0]["fields"]]
    assert any("Zorblatt" in n for n in names) and any("AWS" in n for n in names)
    assert not any("Quuxcorp" in n or "Amazon" in n for n in names)
    their_names = [f["name"] for f in theirs_unanswered["data"]["embeds"][0]["fields"]]
    assert any("Quuxcorp" in n for n in their_names) and not any("Zorblatt" in n for n in their_names)
    full = backup.export_data(kb.store)  # the operator's own backup keeps everything
    assert len(full["question"]) == 2 and len(full["feedback"]) == 2 and any(s["key"] == VOTER_KEY
                                                                              for s in full["setting"])


async def test_no_asker_is_stored(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        await ask(standin, "How many people did Zorblatt lay off in 2023?")
        _, answered = await asked(standin, "How many jobs did AWS cut?")
        await reply_to(standin, standin.component_click(custom_ids(answered)[0], user=ALICE))
        await eventually(lambda: bool(kb.store.session().__enter__().exec(select(Question)).all()))
    stored = json.dumps(backup.export_data(kb.store))
    assert str(ALICE.id) not in stored and "alice" not in stored


# -- votes --------------------------------------------------------------------------------------------------


def votes(kb: KnowledgeBase) -> list[Feedback]:
    with kb.store.session() as session:
        return list(session.exec(select(Feedback).order_by(Feedback.id)).all())  # type: ignore[arg-type]


async def test_one_vote_per_member_per_answer_which_a_second_click_changes(standin: DiscordStandIn,
                                                                          kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        answer_id, answered = await asked(standin, "How many jobs did AWS cut?")
        up, down = custom_ids(answered)[:2]
        first = await reply_to(standin, standin.component_click(up, user=ALICE))
        again = [await reply_to(standin, standin.component_click(up, user=ALICE)) for _ in range(29)]
        after_thirty = votes(kb)
        changed = await reply_to(standin, standin.component_click(down, user=ALICE))
        other_member = await reply_to(standin, standin.component_click(up, user=MONA))
    assert "glad it helped" in first["data"]["content"] and all("already" in r["data"]["content"] for r in again)
    assert len(after_thirty) == 1 and after_thirty[0].helpful
    assert "moderators will see" in changed["data"]["content"] and "glad" in other_member["data"]["content"]
    stored = votes(kb)
    assert [v.helpful for v in stored] == [False, True] and stored[0].id == after_thirty[0].id
    assert stored[0].question == "How many jobs did AWS cut?" and stored[0].fact_ids
    assert stored[0].voter != stored[1].voter and str(ALICE.id) not in stored[0].voter
    assert up == f"fb:u:a{answer_id}" and stored[0].answer_id == answer_id


async def test_forged_or_misplaced_votes_are_refused_and_store_nothing(standin: DiscordStandIn,
                                                                       kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb, moderator_guild_ids=(GUILD, OTHER))):
        answer_id, answered = await asked(standin, "How many jobs did AWS cut?")
        declined_id, declined = await asked(standin, "How many people did Zorblatt lay off in 2023?")
        up = custom_ids(answered)[0]
        assert custom_ids(declined) == [f"rm:u{ALICE.id}"]  # a declined answer can be removed, not rated
        [real] = [i for i, m in standin.messages.items() if up in json.dumps(m["components"])]
        [said_no] = [i for i, m in standin.messages.items() if m["embeds"] and "Zorblatt" in m["embeds"][0]["title"]]
        other_message = standin.component_click(up, user=ALICE, channel_id=GENERAL)  # the same id, another message
        forged = [
            standin.component_click("fb:u:a123456789012345678", user=ALICE),  # no such answer
            standin.component_click("fb:u:a99999999999999999999", user=ALICE),  # nor one that could be stored
            standin.component_click(f"fb:d:a{declined_id}", message=with_button(standin.messages[said_no],
                                                                                 f"fb:d:a{declined_id}"), user=ALICE),
            standin.component_click("fb:u:999999,424242", user=ALICE),  # an old-style button naming no real facts
            standin.component_click("fb:d:", user=ALICE),
            standin.component_click(up, user=EVE, channel_id=OTHER_GENERAL),  # replayed in another server
            standin.component_click(up, user=ALICE, dm=True),  # replayed in a DM
            other_message,
        ]
        replies = [await reply_to(standin, payload) for payload in forged]
        honest = await reply_to(standin, standin.component_click(up, user=ALICE, message=real))
    for reply in replies:
        assert reply["data"]["flags"] == 64 and "can't find that answer" in reply["data"]["content"], reply
    assert "glad" in honest["data"]["content"]
    assert [(v.answer_id, v.helpful) for v in votes(kb)] == [(answer_id, True)]


async def test_a_vote_that_comes_before_its_answer_is_written_counts(standin: DiscordStandIn,
                                                                     kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)) as bot:
        log = bot.get_cog("Ask").answers  # type: ignore[union-attr]
        await log.stop()  # no timed writes: only the click can write the answer
        answer_id, answered = await asked(standin, "How many jobs did AWS cut?")
        down = custom_ids(answered)[1]
        [message] = [m for m in standin.messages.values() if down in json.dumps(m["components"])]
        with kb.store.session() as session:
            assert session.get(Answer, answer_id) is None
        thanks = await reply_to(standin, standin.component_click(down, user=ALICE))
    assert "moderators will see" in thanks["data"]["content"]
    with kb.store.session() as session:
        logged = session.get(Answer, answer_id)
        assert logged is not None and logged.guild_id == str(GUILD) and logged.answered
        assert logged.message_id == int(message["id"]) and logged.question == "How many jobs did AWS cut?"
    assert [v.helpful for v in votes(kb)] == [False]


async def test_a_click_waits_for_the_send_of_its_answer(kb: KnowledgeBase) -> None:
    async def run_db(function: Any, *args: Any) -> Any:
        return await asyncio.to_thread(function, *args)

    log = AnswerLog(kb.record_answers, run_db)
    reply = kb.ask("How many jobs did AWS cut?", TODAY)
    assert isinstance(reply, Reply) and reply.answered
    pending = log.begin(42, reply, GUILD)
    click = asyncio.create_task(log.written(42))
    await asyncio.sleep(0.05)
    assert not click.done()  # waiting for the send
    log.sent(pending, 4242)
    await asyncio.wait_for(click, 2)
    with kb.store.session() as session:
        logged = session.get(Answer, 42)
        assert logged is not None and logged.message_id == 4242


# -- what reaches Discord is escaped ---------------------------------------------------------------------------


def shown(reply: dict[str, Any]) -> str:
    data = reply.get("data", reply)
    parts = [data.get("content") or ""]
    for embed in data.get("embeds") or []:
        parts += [embed.get("title", ""), embed.get("description", ""), embed.get("footer", {}).get("text", "")]
        parts += [f"{f['name']}\n{f['value']}" for f in embed.get("fields", [])]
    return "\n".join(parts)


def assert_escaped(text: str) -> None:
    assert "@everyone" not in text and "<@&" not in text, text
    assert not MASKED_LINK.search(text), text
    assert "**bold**" not in text, text


async def test_errors_quoting_facts_reach_discord_escaped(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    fact_id = add(kb.store, FactDraft(
        kind="layoff", company=HOSTILE, count_min=10, count_max=10, qualifier="exact", announced=date(2024, 2, 1),
        summary=HOSTILE, sources=((SourceDraft(url=HOSTILE_LINK, publisher=HOSTILE), HOSTILE),)),
        actor="x")
    async with standin.running(make_bot(kb)):
        first = await reply_to(standin, standin.slash_command("fact", {"id": fact_id}, subcommand="edit", user=MONA))
        second = await reply_to(standin, standin.slash_command("fact", {"id": fact_id}, subcommand="edit", user=MONA))
        form = {c["components"][0]["label"]: c["components"][0].get("value") for c in first["data"]["components"]}
        saved = await reply_to(standin, standin.modal_submit(
            first["data"], {**form, "Figure, e.g. more than 27,000 (13%)": "20"}, user=MONA))
        conflict = await reply_to(standin, standin.modal_submit(  # VersionConflict quotes the summary
            second["data"], {**form, "Figure, e.g. more than 27,000 (13%)": "30"}, user=MONA))
        third = await reply_to(standin, standin.slash_command("fact", {"id": fact_id}, subcommand="edit", user=MONA))
        unreadable = await reply_to(standin, standin.modal_submit(  # InvalidInput quotes what was typed
            third["data"], {**form, "Figure, e.g. more than 27,000 (13%)": HOSTILE}, user=MONA))
        audit = await standin.wait_for_request("POST", rf"/channels/{AUDIT}/messages")
        history = await reply_to(standin, standin.slash_command("fact", {"id": fact_id}, subcommand="history",
                                                                user=MONA))
    assert saved["data"]["embeds"][0]["title"] == f"Fact #{fact_id} saved"
    assert "was changed by mona" in conflict["data"]["content"] and "Nothing was saved" in conflict["data"]["content"]
    assert "I can't read the figure" in unreadable["data"]["content"]
    for reply in (saved, conflict, unreadable, audit.json, history):
        assert_escaped(shown(reply))
    assert "\\[click here\\]" in conflict["data"]["content"]  # shown as written, not as a link


async def test_review_and_ingest_messages_are_escaped(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    text = ("Quillon Systems said on Tuesday it would lay off about 900 employees, roughly 15% of its workforce, "
            "as demand for its data-centre hardware slowed.")
    async with standin.running(make_bot(kb)):
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("kb", {
            "url": "https://wire.example/quillon?x=[click](https://evil.example)", "publisher": HOSTILE,
            "published": "2024-03-06", "language": "en", "text": text, "title": HOSTILE}, subcommand="ingest",
            user=MONA))
        await standin.wait_for_request("POST", CALLBACK_PATH)
        intro = await standin.wait_for_request("POST", FOLLOWUP_PATH)
        first = await standin.wait_for_request("POST", FOLLOWUP_PATH)
        approved = await reply_to(standin, standin.component_click(custom_ids(first.json)[0], user=MONA))
    for reply in (intro.json, first.json, approved):
        assert_escaped(shown(reply))
    assert "[wire.example](https://wire.example/quillon" in intro.json["content"]  # the link shows its own host


def test_is_moderator_needs_rights_in_a_moderation_server() -> None:
    """The decision itself, for every kind of user and place (the stand-in tests cover each path to it)."""
    from types import SimpleNamespace

    from bot.config import DiscordSettings
    from bot.discord.checks import is_moderator

    settings = DiscordSettings(moderator_guild_ids=(GUILD,), moderator_role_ids=(MOD_ROLE.id,))

    class Member(discord.Member):
        def __init__(self, roles: list[int], manage: bool) -> None:
            self._test = SimpleNamespace(roles=[SimpleNamespace(id=r) for r in roles],
                                         guild_permissions=discord.Permissions(manage_guild=manage))

        roles = property(lambda self: self._test.roles)  # type: ignore[assignment]
        guild_permissions = property(lambda self: self._test.guild_permissions)  # type: ignore[assignment]

    def interaction(guild: int | None, user: Any, manage: bool = False) -> Any:
        return SimpleNamespace(guild_id=guild, user=user, permissions=discord.Permissions(manage_guild=manage),
                               locale=discord.Locale.american_english)

    role, admin, nobody = Member([MOD_ROLE.id], False), Member([ADMIN_ROLE.id], True), Member([], False)
    assert is_moderator(interaction(GUILD, role), settings)
    assert is_moderator(interaction(GUILD, admin, manage=True), settings)
    assert is_moderator(interaction(GUILD, nobody, manage=True), settings)  # Manage Server in this channel
    assert not is_moderator(interaction(GUILD, nobody), settings)
    assert not is_moderator(interaction(OTHER, role), settings)
    assert not is_moderator(interaction(OTHER, admin, manage=True), settings)
    assert not is_moderator(interaction(None, admin, manage=True), settings)  # a DM
    assert not is_moderator(interaction(GUILD, SimpleNamespace(id=1, roles=[]), manage=True), settings)
    assert not is_moderator(interaction(GUILD, role), DiscordSettings(moderator_role_ids=(MOD_ROLE.id,)))
    assert is_moderator(interaction(GUILD, role), DiscordSettings(guild_ids=(GUILD,),
                                                                  moderator_role_ids=(MOD_ROLE.id,)))



async def test_answers_to_mentions_and_dms_take_votes_where_they_were_given(standin: DiscordStandIn,
                                                                           kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        asked_in_dm = await standin.dispatch("MESSAGE_CREATE", standin.dm_message("How many jobs did AWS cut?"))
        dm_reply = await standin.wait_for_request("POST", rf"/channels/{asked_in_dm['channel_id']}/messages")
        mention = await standin.dispatch("MESSAGE_CREATE", standin.guild_message("How many jobs did AWS cut?",
                                                                                 mention_bot=True))
        channel_reply = await standin.wait_for_request("POST", rf"/channels/{GENERAL}/messages")
        in_dm = await reply_to(standin, standin.component_click(custom_ids(dm_reply.json)[0], user=ALICE,
                                                                message=int(dm_reply.response["id"])))
        in_channel = await reply_to(standin, standin.component_click(custom_ids(channel_reply.json)[1], user=ALICE,
                                                                     message=int(channel_reply.response["id"])))
        dm_button_in_server = await reply_to(standin, standin.component_click(custom_ids(dm_reply.json)[1],
                                                                              user=ALICE, channel_id=GENERAL))
    assert custom_ids(dm_reply.json)[0] == f"fb:u:a{asked_in_dm['id']}"
    assert custom_ids(channel_reply.json)[0] == f"fb:u:a{mention['id']}"
    assert "glad" in in_dm["data"]["content"] and "moderators will see" in in_channel["data"]["content"]
    assert "can't find that answer" in dm_button_in_server["data"]["content"]
    assert [(v.guild_id, v.helpful) for v in votes(kb)] == [(None, True), (str(GUILD), False)]


async def test_refusals_speak_the_members_language(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    """Each refusal is read in the language of whoever was refused, wherever it comes from."""
    def french(payload: dict[str, Any]) -> dict[str, Any]:
        payload["locale"] = "fr"
        return payload

    async with standin.running(make_bot(kb)):
        member = await reply_to(standin, french(standin.slash_command("fact", subcommand="add", user=ALICE)))
        elsewhere = await reply_to(standin, french(standin.slash_command(
            "fact", subcommand="add", user=EVE, channel_id=OTHER_GENERAL)))
        nobody_elsewhere = await reply_to(standin, french(standin.slash_command(
            "fact", subcommand="add", user=ALICE, channel_id=OTHER_GENERAL)))
    async with standin.running(make_bot(kb, moderator_guild_ids=())):
        off = await reply_to(standin, french(standin.slash_command("fact", subcommand="add", user=ADMIN)))
    assert "Seuls les modérateurs peuvent modifier les faits" in private_refusal(member)
    assert "Seuls les modérateurs du serveur du bot" in private_refusal(elsewhere)
    # A member with no rights anywhere is simply refused: where moderation happens is for those who would have them.
    assert private_refusal(nobody_elsewhere) == private_refusal(member)
    assert "La modification des faits depuis Discord est désactivée" in private_refusal(off)
