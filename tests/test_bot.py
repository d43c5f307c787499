"""The Discord bot, run with the real discord.py client against the local stand-in for Discord."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from bot.config import DiscordSettings, Settings
from knowledge.drafts import FactDraft, SourceDraft
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from knowledge.storage.models import Feedback, Question
from knowledge.types import FactStatus
from tests.support.discord_world import (
    ADMIN,
    ALICE,
    AUDIT,
    CURRENT,
    GENERAL,
    IMPORT_WAIT,
    MODERATOR,
    ask,
    custom_ids,
    eventually,
    make_bot,
    within_limits,
    world,
)
from tests.support.helpers import TODAY, add
from tests.support.standin import (
    CALLBACK_PATH,
    FOLLOWUP_PATH,
    DiscordStandIn,
    FakeAttachment,
    FakeUser,
)


@pytest.fixture
def kb(tmp_path: Path) -> KnowledgeBase:
    base = KnowledgeBase.open(f"sqlite:///{tmp_path / 'kb.db'}", AnswerSettings(refresh_interval=0.2))
    for month in range(1, 12):  # enough rounds for /layoffs to need two pages
        add(base.store, FactDraft(
            kind="layoff", company="Globex", count_min=10 * month, count_max=10 * month, qualifier="exact",
            announced=date(2023, month, 3), summary=f"Globex cut {10 * month} jobs.",
            sources=((SourceDraft(url=f"https://news.example/globex/{month}", publisher="Example News"), None),)),
            actor="test")
    return base


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn(guilds=[world()]) as server:
        yield server


# -- members ----------------------------------------------------------------------------------------


async def test_ask_answers_with_a_cited_embed_and_buttons(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        callback = await ask(standin, "How many people did Amazon cut in 2022–23?")
    data = callback.json["data"]
    embed = data["embeds"][0]
    assert callback.json["type"] == 4
    assert embed["title"] == "How many people did Amazon cut in 2022-23?"  # typography unified
    assert embed["description"].startswith("Amazon laid off more than 27,000 people across 2022 and 2023")
    sources = embed["fields"][0]
    assert sources["name"] == "Sources" and "[voi.id](https://voi.id/fr/teknologi/371187)" in sources["value"]
    assert "VOI (French edition, machine-translated from Indonesian)" in sources["value"]
    assert embed["footer"]["text"].startswith("Facts as of")
    ids = custom_ids(data)
    assert ids[0].startswith("fb:u:") and ids[1].startswith("fb:d:") and ids[2].startswith("src:")
    assert data["allowed_mentions"] == {"parse": []}
    within_limits(embed)


async def test_french_asker_gets_a_french_answer(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        french = await ask(standin, "Combien de personnes Amazon a-t-il licenciées en 2022 et 2023 ?")
        by_locale = await ask(standin, "AWS", locale="fr")
    assert "plus de 27\u202f000 personnes" in french.json["data"]["embeds"][0]["description"]
    assert "plusieurs centaines" in by_locale.json["data"]["embeds"][0]["description"]


async def test_feedback_and_sources_buttons(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        answer = await ask(standin, "How many jobs did AWS cut?")
        down, sources = custom_ids(answer.json["data"])[1:3]
        await standin.dispatch("INTERACTION_CREATE", standin.component_click(down))
        thanks = await standin.wait_for_request("POST", CALLBACK_PATH)
        await standin.dispatch("INTERACTION_CREATE", standin.component_click(sources))
        detail = await standin.wait_for_request("POST", CALLBACK_PATH)
    assert thanks.json["data"]["flags"] == 64 and "moderators" in thanks.json["data"]["content"]
    with kb.store.session() as session:
        [vote] = session.exec(select(Feedback)).all()
    assert not vote.helpful and vote.question == "How many jobs did AWS cut?" and vote.fact_ids
    sources_embed = detail.json["data"]["embeds"][0]
    assert detail.json["data"]["flags"] == 64 and "AWS cut several hundred jobs" in sources_embed["fields"][0]["value"]


async def test_layoffs_autocomplete_and_pages(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        await standin.dispatch("INTERACTION_CREATE", standin.autocomplete("layoffs", {"company": "glob"},
                                                                          focused="company"))
        choices = await standin.wait_for_request("POST", CALLBACK_PATH)
        await standin.dispatch("INTERACTION_CREATE", standin.autocomplete("layoffs", {"company": ""},
                                                                          focused="company"))
        many = await standin.wait_for_request("POST", CALLBACK_PATH)
        value = choices.json["data"]["choices"][0]["value"]
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("layoffs", {"company": value}))
        first = await standin.wait_for_request("POST", CALLBACK_PATH)
        nxt = custom_ids(first.json["data"])[1]
        await standin.dispatch("INTERACTION_CREATE", standin.component_click(nxt))
        second = await standin.wait_for_request("POST", CALLBACK_PATH)
    assert choices.json["type"] == 8 and choices.json["data"]["choices"][0]["name"] == "Globex"
    assert len(many.json["data"]["choices"]) <= 25
    page_one = first.json["data"]["embeds"][0]
    assert page_one["title"].startswith("Globex: 11 layoff rounds") and page_one["footer"]["text"] == "Page 1/2"
    assert "3 November 2023" in page_one["description"]
    assert second.json["type"] == 7 and second.json["data"]["embeds"][0]["footer"]["text"] == "Page 2/2"
    assert "3 January 2023" in second.json["data"]["embeds"][0]["description"]


async def test_about_and_sources(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("about"))
        about = await standin.wait_for_request("POST", CALLBACK_PATH)
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("sources"))
        sources = await standin.wait_for_request("POST", CALLBACK_PATH)
    fields = {f["name"]: f["value"] for f in about.json["data"]["embeds"][0]["fields"]}
    assert int(fields["Facts"]) == kb.snapshot().fact_count and "VOI" in fields["Main sources"]
    assert "Example News" in sources.json["data"]["embeds"][0]["fields"][0]["value"]


async def test_mentions_and_dms_are_answered_without_pinging_anyone(standin: DiscordStandIn,
                                                                    kb: KnowledgeBase) -> None:
    question = "@everyone <@&1200000000000000100> <@1300000000000000001> how many jobs did AWS cut?"
    async with standin.running(make_bot(kb)):
        message = await standin.dispatch("MESSAGE_CREATE", standin.guild_message(question, mention_bot=True))
        reply = await standin.wait_for_request("POST", rf"/channels/{GENERAL}/messages")
        dm = await standin.dispatch("MESSAGE_CREATE", standin.dm_message("How many jobs did AWS cut?"))
        dm_reply = await standin.wait_for_request("POST", rf"/channels/{dm['channel_id']}/messages")
        ignored = standin.guild_message("how many jobs did AWS cut?")  # no mention: not for the bot
        await standin.dispatch("MESSAGE_CREATE", ignored)
        await asyncio.sleep(0.1)
    assert reply.json["message_reference"]["message_id"] == int(message["id"])
    assert reply.json["allowed_mentions"] == {"parse": [], "replied_user": False}
    title = reply.json["embeds"][0]["title"]
    assert "@\u200beveryone" in title and "<@\u200b&1200000000000000100>" in title
    assert "several hundred" in reply.json["embeds"][0]["description"]
    assert dm_reply.json["allowed_mentions"]["parse"] == []
    assert not standin.requests_matching("POST", rf"/channels/{GENERAL}/messages")[1:]


async def test_cooldown_answers_politely(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb, cooldown_rate=2, cooldown_seconds=60)):
        answers = [await ask(standin, "How many jobs did AWS cut?") for _ in range(3)]
        other = await ask(standin, "How many jobs did AWS cut?", user=MODERATOR)
    assert [a.json["data"].get("flags") for a in answers] == [None, None, 64]
    assert "try again in" in answers[2].json["data"]["content"]
    assert "embeds" in other.json["data"]  # the limit is per member


async def test_an_over_long_answer_is_truncated_not_refused(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    for n in range(12):
        add(kb.store, FactDraft(
            kind="teams", company="Initech", detail="the " + "very long team name " * 45 + str(n),
            announced=date(2023, 5, 1), summary="x" * 400,
            sources=tuple((SourceDraft(url=f"https://news.example/{n}/{i}/" + "p" * 300,
                                       publisher="A publisher with a long name " * 5), None) for i in range(2))),
            actor="test")
    async with standin.running(make_bot(kb)):
        callback = await ask(standin, "Which Initech teams were hit in May 2023? " + "please " * 60)
    embed = callback.json["data"]["embeds"][0]
    within_limits(embed)
    assert embed["title"].endswith("…") and callback.status == 200


async def test_reconnects_after_the_gateway_closes(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        await standin.close_gateway(4000)
        await standin.wait_for_gateway(6)
        callback = await ask(standin, "How many jobs did AWS cut?")
    assert "several hundred" in callback.json["data"]["embeds"][0]["description"]


# -- moderators ----------------------------------------------------------------------------------------


async def open_modal(standin: DiscordStandIn, name: str, options: dict[str, Any] | None = None,
                     user: FakeUser = MODERATOR) -> Any:
    await standin.dispatch("INTERACTION_CREATE", standin.slash_command("fact", options, subcommand=name, user=user))
    return await standin.wait_for_request("POST", CALLBACK_PATH)


async def test_members_cannot_change_facts(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    fact_id = kb.ask("How many jobs did AWS cut?", TODAY).citations[0].fact.id
    before = kb.store.get_fact(fact_id)
    async with standin.running(make_bot(kb)):
        refused = await open_modal(standin, "add", user=ALICE)
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command(
            "fact", {"id": fact_id, "reason": "troll"}, subcommand="retract", user=ALICE))
        refused_retract = await standin.wait_for_request("POST", CALLBACK_PATH)
        # replaying a moderator's components: the confirm button, and the fact form's submit
        await standin.dispatch("INTERACTION_CREATE", standin.component_click(
            f"fact:retract:{fact_id}:{before.version}", user=ALICE))
        replayed = await standin.wait_for_request("POST", CALLBACK_PATH)
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("fact", {"id": fact_id},
                                                                           subcommand="edit", user=MODERATOR))
        modal = await standin.wait_for_request("POST", CALLBACK_PATH)
        await standin.dispatch("INTERACTION_CREATE", standin.modal_submit(
            modal.json["data"], {"Figure, e.g. more than 27,000 (13%)": "999,999"}, user=ALICE))
        replayed_modal = await standin.wait_for_request("POST", CALLBACK_PATH)
    for reply in (refused, refused_retract, replayed, replayed_modal):
        assert reply.json["type"] == 4 and reply.json["data"]["flags"] == 64
        assert "moderators" in reply.json["data"]["content"].lower()
    assert kb.store.get_fact(fact_id) == before
    assert not standin.requests_matching("POST", rf"/channels/{AUDIT}/messages")


async def test_add_a_fact_through_the_form(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)) as bot:
        modal = await open_modal(standin, "add", user=ADMIN)  # Manage Server is enough
        assert modal.json["type"] == 9
        await standin.dispatch("INTERACTION_CREATE", standin.modal_submit(modal.json["data"], {
            "Company (empty: the whole industry)": "Hooli",
            "Figure, e.g. more than 27,000 (13%)": "about 1,200 (8%)",
            "When: a date or a period": "2023-02-14",
            "Summary, in your own words": "Hooli cut about 1,200 jobs, 8% of staff.",
            "Source: link | publisher": "https://news.example/hooli | Example News",
        }, user=ADMIN))
        saved = await standin.wait_for_request("POST", CALLBACK_PATH)
        audit = await standin.wait_for_request("POST", rf"/channels/{AUDIT}/messages")
        answer = bot.kb.ask("How many people did Hooli lay off in February 2023?", TODAY, refresh=False)
    assert saved.json["data"]["embeds"][0]["title"].endswith("added")
    assert "about 1,200 people, 8% of its staff" in answer.body
    assert audit.json["embeds"][0]["title"].startswith("Fact added") and audit.json["allowed_mentions"] == {"parse": []}
    opened = next(f["value"] for f in audit.json["embeds"][0]["fields"] if f["name"] == "Open")
    assert opened.endswith(" · [news.example](https://news.example/hooli)")  # the host it opens, as everywhere
    history = kb.store.history(answer.citations[0].fact.id)
    assert history[0].actor == f"adam ({ADMIN.id})"


async def test_edit_is_prefilled_and_a_stale_edit_is_refused(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    fact_id = kb.ask("How many jobs did AWS cut?", TODAY).citations[0].fact.id
    async with standin.running(make_bot(kb)):
        first = await open_modal(standin, "edit", {"id": fact_id})
        second = await open_modal(standin, "edit", {"id": fact_id})
        labels = {c["components"][0]["label"]: c["components"][0].get("value") for c in first.json["data"]["components"]}
        assert labels["Figure, e.g. more than 27,000 (13%)"] == "several hundred"
        assert labels["When: a date or a period"] == "2024-03-03"
        await standin.dispatch("INTERACTION_CREATE", standin.modal_submit(
            first.json["data"], {**labels, "Figure, e.g. more than 27,000 (13%)": "about 600"}, user=MODERATOR))
        saved = await standin.wait_for_request("POST", CALLBACK_PATH)
        await standin.dispatch("INTERACTION_CREATE", standin.modal_submit(
            second.json["data"], {**labels, "Figure, e.g. more than 27,000 (13%)": "700"}, user=MODERATOR))
        refused = await standin.wait_for_request("POST", CALLBACK_PATH)
    assert saved.json["data"]["embeds"][0]["title"] == f"Fact #{fact_id} saved"
    assert "was changed by mona" in refused.json["data"]["content"] and "Nothing was saved" in \
        refused.json["data"]["content"]
    record = kb.store.get_fact(fact_id)
    assert record.state.count_min == 600 and record.state.qualifier == "about" and record.version == 2


REASON = "the date is *wrong*: see #12 \\ [v2] <3 @here_ 1. ok"


async def test_retract_confirm_restore_undo_history(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    fact_id = kb.ask("How many jobs did AWS cut?", TODAY).citations[0].fact.id
    async with standin.running(make_bot(kb)) as bot:
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command(
            "fact", {"id": fact_id, "reason": REASON}, subcommand="retract", user=MODERATOR))
        confirm = await standin.wait_for_request("POST", CALLBACK_PATH)
        assert kb.store.get_fact(fact_id).status == FactStatus.ACTIVE  # nothing until confirmed
        button = custom_ids(confirm.json["data"])[0]
        await standin.dispatch("INTERACTION_CREATE", standin.component_click(button, user=MODERATOR))
        done = await standin.wait_for_request("POST", CALLBACK_PATH)
        await standin.wait_for_request("POST", rf"/channels/{AUDIT}/messages")
        retracted = bot.kb.ask("How many jobs did AWS cut?", TODAY, refresh=False)
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command(
            "fact", {"id": fact_id}, subcommand="restore", user=MODERATOR))
        await standin.wait_for_request("POST", CALLBACK_PATH)
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command(
            "fact", {"id": fact_id}, subcommand="undo", user=MODERATOR))
        await standin.wait_for_request("POST", CALLBACK_PATH)
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command(
            "fact", {"id": fact_id}, subcommand="history", user=MODERATOR))
        history = await standin.wait_for_request("POST", CALLBACK_PATH)
    assert done.json["type"] == 7 and "retracted" in done.json["data"]["embeds"][0]["title"]
    assert not retracted.answered
    assert kb.store.get_fact(fact_id).status == FactStatus.RETRACTED  # undo of the restore
    names = [f["name"] for f in history.json["data"]["embeds"][0]["fields"]]
    assert [n.split(" · ")[1].split(" by ")[0] for n in names] == ["create", "retract", "restore", "undo"]
    assert kb.store.history(fact_id)[1].reason == REASON  # as typed, though the confirmation showed it escaped


async def test_kb_import_export_and_unanswered(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    csv = "\n".join([CURRENT, "Vandelay,NYC,75.0,3/3/2024,0.1,Retail,https://news.example/v,Seed,2,US,3/4/2024"])
    async with standin.running(make_bot(kb)) as bot:
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command(
            "kb", {"file": FakeAttachment("tracker.csv", csv.encode())}, subcommand="import", user=MODERATOR))
        deferred = await standin.wait_for_request("POST", CALLBACK_PATH)
        report = await standin.wait_for_request("POST", FOLLOWUP_PATH, timeout=IMPORT_WAIT)
        answer = bot.kb.ask("How many people did Vandelay lay off in March 2024?", TODAY, refresh=False)
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command(
            "kb", {"file": FakeAttachment("bad.csv", b"name,when\nx,y\n")}, subcommand="import", user=MODERATOR))
        await standin.wait_for_request("POST", CALLBACK_PATH)
        refused = await standin.wait_for_request("POST", FOLLOWUP_PATH, timeout=IMPORT_WAIT)
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("kb", subcommand="export", user=MODERATOR))
        await standin.wait_for_request("POST", CALLBACK_PATH)
        exported = await standin.wait_for_request("POST", FOLLOWUP_PATH)
        await ask(standin, "How many people did Zorblatt lay off in 2023?")
        await eventually(lambda: bool(kb.store.session().__enter__().exec(select(Question)).all()))
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("kb", subcommand="unanswered",
                                                                           user=MODERATOR))
        unanswered = await standin.wait_for_request("POST", CALLBACK_PATH)
    assert deferred.json["type"] == 5
    assert "1 added" in report.json["embeds"][0]["description"]
    assert "75 people" in answer.body
    assert "line 1: the columns" in refused.json["content"] and "Traceback" not in refused.json["content"]
    [name] = exported.files
    data = json.loads(exported.files[name])
    assert data["format"] == "layoffbot-export" and any(c["name"] == "Vandelay" for c in data["company"])
    assert "Zorblatt" in unanswered.json["data"]["embeds"][0]["fields"][0]["name"]


async def test_kb_commands_are_for_moderators(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("kb", subcommand="export", user=ALICE))
        refused = await standin.wait_for_request("POST", CALLBACK_PATH)
    assert refused.json["data"]["flags"] == 64 and "moderators" in refused.json["data"]["content"].lower()
    assert not standin.requests_matching("POST", FOLLOWUP_PATH)


async def test_review_buttons_approve_and_refuse_members(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    ids = [add(kb.store, FactDraft(
        kind="layoff", company="Initrode", count_min=n, count_max=n, qualifier="exact", announced=date(2024, 2, n // 5),
        summary=f"Initrode cut {n} jobs.", status=FactStatus.PENDING,
        sources=((SourceDraft(url=f"https://news.example/initrode/{n}", publisher="Example"), "It cut jobs."),)),
        actor="extractor") for n in (40, 50)]
    async with standin.running(make_bot(kb)) as bot:
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("kb", subcommand="review", user=MODERATOR))
        review = await standin.wait_for_request("POST", CALLBACK_PATH)
        approve_id, reject_id, _ = custom_ids(review.json["data"])
        await standin.dispatch("INTERACTION_CREATE", standin.component_click(
            f"review:a:{ids[1]}", user=ALICE))
        refused = await standin.wait_for_request("POST", CALLBACK_PATH)
        await standin.dispatch("INTERACTION_CREATE", standin.component_click(approve_id, user=MODERATOR))
        approved = await standin.wait_for_request("POST", CALLBACK_PATH)
        await standin.dispatch("INTERACTION_CREATE", standin.component_click(
            custom_ids(approved.json["data"])[1], user=MODERATOR))
        rejected = await standin.wait_for_request("POST", CALLBACK_PATH)
        answer = bot.kb.ask("How many people did Initrode lay off in February 2024?", TODAY, refresh=False)
    assert approve_id == f"review:a:{ids[0]}" and reject_id == f"review:r:{ids[0]}"
    assert "moderators" in refused.json["data"]["content"].lower()
    assert approved.json["type"] == 7 and f"Candidate #{ids[1]}" in approved.json["data"]["embeds"][0]["title"]
    assert "No more candidates" in rejected.json["data"]["content"]
    assert [kb.store.get_fact(i).status for i in ids] == [FactStatus.ACTIVE, FactStatus.REJECTED]
    assert "40 people" in answer.body and "50" not in answer.body


# -- running it -------------------------------------------------------------------------------------------


async def test_a_rejected_token_is_one_clear_line(standin: DiscordStandIn, kb: KnowledgeBase,
                                                  tmp_path: Path) -> None:
    from bot.discord.runner import StartupError, _serve

    settings = replace(Settings(database_url=f"sqlite:///{tmp_path / 'run.db'}"),
                       discord=DiscordSettings(sync_commands=False))
    with pytest.raises(StartupError, match="Discord rejected the token"):
        await _serve(settings, "not-the-token")


async def test_commands_have_french_names(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        put = await standin.wait_for_request("PUT", rf"/applications/{standin.application_id}/commands")
    commands = {c["name"]: c for c in put.json}
    assert set(commands) == {"ask", "layoffs", "about", "sources", "fact", "kb", "watch", "unwatch", "feed", "help",
                             "Ask about this message", "Ingest as article"}
    assert commands["ask"]["name_localizations"] == {"fr": "demander"}
    assert commands["ask"]["description_localizations"]["fr"].startswith("Posez une question")
    untranslated = [f"{path}: {what}" for path, item in _every_part(put.json) for what in ("name", "description")
                    if item.get(what) and "fr" not in (item.get(f"{what}_localizations") or {})]
    assert untranslated == []


def _every_part(items: list[dict[str, Any]], parent: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every command, subcommand and option of a command sync, with its path."""
    found = []
    for item in items:
        path = f"{parent} {item['name']}".strip()
        found.append((path, item))
        found += _every_part(item.get("options") or [], path)
    return found


def test_log_lines_name_guild_channel_and_command(capfd: pytest.CaptureFixture[str]) -> None:
    import logging

    from bot.discord import logs

    # configure() sets up the process's logging: put back what it changes, for the tests that follow
    touched = [logging.getLogger(name) for name in ("", "discord", "discord.gateway")]
    before = [(logger.level, logger.handlers[:]) for logger in touched]
    logs.configure(logging.INFO, secret="sekrit-token")
    try:
        adapter = logs._Adapter(logging.getLogger("bot.test"), {"guild": 1, "channel": 2, "command": "ask"})
        adapter.info("answered with token %s", "sekrit-token")
        logging.getLogger("other").warning("no context here")
    finally:
        for logger, (level, handlers) in zip(touched, before, strict=True):
            logger.setLevel(level)
            logger.handlers[:] = handlers
    err = capfd.readouterr().err
    assert "[guild=1 channel=2 command=ask] answered with token [token]" in err
    assert "[guild=- channel=- command=-] no context here" in err and "sekrit" not in err


def test_each_answer_is_one_debug_line_naming_where_it_was_asked(kb: KnowledgeBase,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from bot.discord import logs

    answer = kb.ask("How many jobs did AWS cut?", TODAY)
    logger = logging.getLogger("bot.test.answers")
    made = []

    def context() -> logging.LoggerAdapter:  # type: ignore[type-arg]
        made.append(1)
        return logs._Adapter(logger, {"guild": 1, "channel": 2, "command": "ask"})

    with caplog.at_level(logging.INFO, logger="bot.test.answers"):
        logs.answered(logger, context, answer)
    assert not made and not caplog.records  # at the default level: no line, and nothing made for one
    with caplog.at_level(logging.DEBUG, logger="bot.test.answers"):
        logs.answered(logger, context, answer, "follow-up of answer 7: ")
    (record,) = caplog.records
    assert record.levelno == logging.DEBUG and record.__dict__["guild"] == 1
    assert record.getMessage() == (f"follow-up of answer 7: answered=True intent={answer.intent} "
                                   f"facts={[fact.id for fact in answer.facts]}")


async def test_kb_ingest_shows_candidates_with_buttons(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    text = ("Quillon Systems said on Tuesday it would lay off about 900 employees, roughly 15% of its workforce, "
            "as demand for its data-centre hardware slowed.")
    async with standin.running(make_bot(kb)) as bot:
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("kb", {
            "url": "https://wire.example/quillon", "publisher": "Example Wire", "published": "2024-03-06",
            "language": "en", "text": text}, subcommand="ingest", user=MODERATOR))
        deferred = await standin.wait_for_request("POST", CALLBACK_PATH)
        intro = await standin.wait_for_request("POST", FOLLOWUP_PATH)
        first = await standin.wait_for_request("POST", FOLLOWUP_PATH)
        approve_id = custom_ids(first.json)[0]
        await standin.dispatch("INTERACTION_CREATE", standin.component_click(approve_id, user=MODERATOR))
        await standin.wait_for_request("POST", CALLBACK_PATH)
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("kb", {
            "url": "javascript:alert(1)", "publisher": "x", "published": "2024-03-06", "language": "en",
            "text": text}, subcommand="ingest", user=MODERATOR))
        refused = await standin.wait_for_request("POST", CALLBACK_PATH)
        answer = bot.kb.ask("How many people did Quillon Systems lay off in March 2024?", TODAY, refresh=False)
    assert deferred.json["type"] == 5 and "waiting for review" in intro.json["content"]
    assert first.json["embeds"][0]["title"].startswith("Candidate #") and approve_id.startswith("review:a:")
    assert "about 900 people" in answer.body
    assert refused.json["data"]["flags"] == 64 and "http:// or https://" in refused.json["data"]["content"]


async def test_every_moderator_component_replayed_by_a_member_is_refused(standin: DiscordStandIn,
                                                                         kb: KnowledgeBase) -> None:
    fact_id = kb.ask("How many jobs did AWS cut?", TODAY).citations[0].fact.id
    pending_id = add(kb.store, FactDraft(
        kind="layoff", company="Initrode", count_min=5, count_max=5, qualifier="exact", announced=date(2024, 2, 1),
        summary="Initrode cut 5 jobs.", status=FactStatus.PENDING,
        sources=((SourceDraft(url="https://news.example/initrode", publisher="Example"), None),)), actor="x")
    before = json.dumps([kb.store.get_fact(fact_id).state.to_json(), kb.store.get_fact(pending_id).state.to_json()], sort_keys=True)
    replays = [f"fact:retract:{fact_id}:1", f"review:a:{pending_id}", f"review:r:{pending_id}",
               f"review:s:{pending_id}", f"hist:{fact_id}:1:n"]
    async with standin.running(make_bot(kb)):
        replies = []
        for custom_id in replays:
            await standin.dispatch("INTERACTION_CREATE", standin.component_click(custom_id, user=ALICE))
            replies.append(await standin.wait_for_request("POST", CALLBACK_PATH))
    for reply in replies:
        assert reply.json["type"] == 4 and reply.json["data"]["flags"] == 64
        assert "Only moderators" in reply.json["data"]["content"]
    assert json.dumps([kb.store.get_fact(fact_id).state.to_json(), kb.store.get_fact(pending_id).state.to_json()],
                      sort_keys=True) == before


async def test_text_from_facts_cannot_ping_or_hide_links(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    add(kb.store, FactDraft(
        kind="layoff", company="Evil @everyone Corp", count_min=10, count_max=10, qualifier="exact",
        announced=date(2024, 2, 1), summary="[click here](https://evil.example) @here ```code``` <@&1200000000000000100>",
        sources=((SourceDraft(url="https://news.example/evil", publisher="[Trusted](https://evil.example)"),
                  "@everyone see `x`"),)), actor="x")
    async with standin.running(make_bot(kb)):
        answer = await ask(standin, "How many people did Evil @everyone Corp lay off in February 2024?")
        sources = custom_ids(answer.json["data"])[2]
        await standin.dispatch("INTERACTION_CREATE", standin.component_click(sources))
        detail = await standin.wait_for_request("POST", CALLBACK_PATH)
    for embed in (answer.json["data"]["embeds"][0], detail.json["data"]["embeds"][0]):
        text = "\n".join([embed.get("title", ""), embed.get("description", "")] +
                         [f"{f['name']}\n{f['value']}" for f in embed.get("fields", [])])
        assert "@everyone" not in text and "@here" not in text and "<@&" not in text
        assert not re.search(r"(?<!\\)\[[^\]\n]*\]\(https?://evil", text), text  # no live masked link
        assert "```" not in text
    assert answer.json["data"]["allowed_mentions"] == {"parse": []}


async def test_attachments_and_questions_are_bounded(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    rows = "\n".join(f"C{n},NYC,10.0,1/2/2024,,Data,https://n.example/{n},Seed,1,US,1/3/2024" for n in range(30))
    async with standin.running(make_bot(kb, max_attachment_bytes=5000, max_import_rows=20)):
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command(
            "kb", {"file": FakeAttachment("big.csv", b"x" * 9000)}, subcommand="import", user=MODERATOR))
        too_big = await standin.wait_for_request("POST", CALLBACK_PATH)
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command(
            "kb", {"file": FakeAttachment("rows.csv", (CURRENT + "\n" + rows).encode())}, subcommand="import",
            user=MODERATOR))
        await standin.wait_for_request("POST", CALLBACK_PATH)
        too_many = await standin.wait_for_request("POST", FOLLOWUP_PATH, timeout=IMPORT_WAIT)
    assert "the limit is 5,000" in too_big.json["data"]["content"]
    assert "the limit here is 20" in too_many.json["content"] and "Nothing was imported" in too_many.json["content"]
    assert kb.store.counts().get("facts_active", 0) == kb.snapshot().fact_count
    assert not kb.ask("How many people did C1 lay off in January 2024?", TODAY).answered
