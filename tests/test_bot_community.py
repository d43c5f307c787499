"""What a community expects of a bot it lives with, through the real discord.py client and the stand-in: /help
and a presence line, the message menus, removing an answer, and choosing a fact by what it says."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from knowledge.drafts import FactDraft, SourceDraft
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from tests.support.discord_world import ADMIN, ALICE, MODERATOR, ask, custom_ids, make_bot, world
from tests.support.lived_in import ENGLISH
from tests.support.standin import CALLBACK_PATH, FOLLOWUP_PATH, DiscordStandIn, FakeChannel, FakeGuild, FakeUser

OTHER_GUILD = 1_500_000_000_000_000_001
OTHER_ADMIN = FakeUser(1_500_000_000_000_000_003, "otto", permissions=0x20)  # Manage Server, in the other server


@pytest.fixture
def kb(tmp_path: Path) -> KnowledgeBase:
    base = KnowledgeBase.open(f"sqlite:///{tmp_path / 'kb.db'}", AnswerSettings(refresh_interval=0.2))
    for month in (1, 3):
        base.add(FactDraft(kind="layoff", company="Globex", count_min=18_000 * month, count_max=18_000 * month,
                           qualifier="exact", announced=date(2023, month, 4), summary="Globex cut jobs.",
                           sources=((SourceDraft(url=f"https://news.example/globex/{month}"), None),)), "test")
    return base


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    other = FakeGuild(OTHER_GUILD, channels=[FakeChannel(1_500_000_000_000_000_010)], members=[OTHER_ADMIN])
    async with DiscordStandIn(guilds=[world(), other]) as server:
        yield server


async def help_for(standin: DiscordStandIn, user: FakeUser, locale: str = "en-US", **where: Any) -> dict[str, Any]:
    payload = standin.slash_command("help", user=user, **where)
    payload["locale"] = locale
    await standin.dispatch("INTERACTION_CREATE", payload)
    data: dict[str, Any] = (await standin.wait_for_request("POST", CALLBACK_PATH)).json["data"]
    return data


def field_names(data: dict[str, Any]) -> list[str]:
    return [field["name"] for field in data["embeds"][0]["fields"]]


async def test_help_shows_each_part_to_whom_it_concerns_in_their_language(standin: DiscordStandIn,
                                                                           kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        member = await help_for(standin, ALICE)
        moderator = await help_for(standin, MODERATOR)
        admin_fr = await help_for(standin, ADMIN, locale="fr")
        other_admin = await help_for(standin, OTHER_ADMIN, channel_id=1_500_000_000_000_000_010)
        in_dm = await help_for(standin, ALICE, dm=True)
    assert member["flags"] == 64 and field_names(member) == ["For everyone"]
    assert "`/watch company`" in member["embeds"][0]["fields"][0]["value"]
    assert "reply to my answer" in member["embeds"][0]["fields"][0]["value"]  # conversations, rows and charts too
    assert "🧾" in member["embeds"][0]["fields"][0]["value"] and "chart" in member["embeds"][0]["fields"][0]["value"]
    assert field_names(moderator) == ["For everyone", "For moderators", "For this server's admins"]
    assert "`/fact add`" in moderator["embeds"][0]["fields"][1]["value"]
    assert field_names(admin_fr) == ["Pour tout le monde", "Pour les modérateurs",
                                     "Pour les administrateurs de ce serveur"]
    assert admin_fr["embeds"][0]["title"] == "Ce que je sais faire"
    assert "`/publications salon:`" in admin_fr["embeds"][0]["fields"][2]["value"]
    assert field_names(other_admin) == ["For everyone", "For this server's admins"]  # its feed, not the facts
    assert field_names(in_dm) == ["For everyone"]
    for data in (member, moderator, admin_fr, other_admin):
        assert not any(f["value"].endswith("…") for f in data["embeds"][0]["fields"])


async def test_the_presence_line_says_how_to_start(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        identify = standin.identifies[0]
    # discord.py sends the activity it was built with in IDENTIFY's presence (as "game")
    assert identify["presence"]["game"] == {"type": 4, "name": "Custom Status", "state": "/ask about tech layoffs"}


# -- the message menus ------------------------------------------------------------------------------


def menus(standin: DiscordStandIn) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in standin.commands[None] if c["type"] == 3}


async def use_menu(standin: DiscordStandIn, name: str, target: dict[str, Any], user: FakeUser = ALICE,
                   locale: str = "en-US") -> Any:
    """The menu `name` on the message `target` (as posted: the bot's copy of it had no content to read)."""
    payload = standin.message_command(name, int(target["id"]), user=user)
    payload["locale"] = locale
    await standin.dispatch("INTERACTION_CREATE", payload)
    return await standin.wait_for_request("POST", CALLBACK_PATH)


async def click(standin: DiscordStandIn, custom_id: str, user: FakeUser = ALICE, **where: Any) -> Any:
    await standin.dispatch("INTERACTION_CREATE", standin.component_click(custom_id, user=user, **where))
    return await standin.wait_for_request("POST", CALLBACK_PATH)


async def test_ask_about_a_message_answers_privately_and_shares_on_request(standin: DiscordStandIn,
                                                                           kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        said = await standin.dispatch("MESSAGE_CREATE", standin.guild_message(
            "how many jobs did Globex cut in March 2023?", user=MODERATOR))
        private = await use_menu(standin, "Ask about this message", said)
        empty = await use_menu(standin, "Ask about this message",
                               await standin.dispatch("MESSAGE_CREATE", standin.guild_message("")))
        share, sources = custom_ids(private.json["data"])
        shared = await click(standin, share)
        public = await standin.wait_for_request("POST", FOLLOWUP_PATH)
        synced = menus(standin)
    data = private.json["data"]
    assert private.json["type"] == 4 and data["flags"] == 64  # for the member who asked only
    assert "54,000 people" in data["embeds"][0]["description"] and sources.startswith("src:")
    assert share.startswith("share:a")
    assert "no text I can read" in empty.json["data"]["content"]
    assert shared.json["type"] == 7 and shared.json["data"]["content"] == "Shared in the channel."
    assert custom_ids(shared.json["data"]) == [sources]  # the private copy keeps its sources, not the share button
    assert not public.json.get("flags") and "54,000 people" in public.json["embeds"][0]["description"]
    vote, _, cited, remove = custom_ids(public.json)  # the buttons every answer has
    assert vote.startswith("fb:u:a") and cited == sources and remove == f"rm:u{ALICE.id}"  # the sharer may remove it
    assert synced["Ask about this message"]["name_localizations"] == {"fr": "Demander à propos du message"}
    assert synced["Ingest as article"]["name_localizations"] == {"fr": "Lire comme article"}
    assert int(synced["Ingest as article"]["default_member_permissions"]) == 32  # Manage Server
    assert synced["Ingest as article"]["contexts"] == [0]  # in servers only


async def test_a_share_works_after_a_restart(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        said = await standin.dispatch("MESSAGE_CREATE", standin.guild_message("Globex layoffs", user=MODERATOR))
        private = await use_menu(standin, "Ask about this message", said)
    share = custom_ids(private.json["data"])[0]
    async with standin.running(make_bot(kb)):
        shared = await click(standin, share)
        public = await standin.wait_for_request("POST", FOLLOWUP_PATH)
        forged = await click(standin, "share:a123456789")
    assert shared.json["type"] == 7 and "Globex" in public.json["embeds"][0]["description"]
    assert forged.json["data"]["flags"] == 64 and "can't find that answer" in forged.json["data"]["content"]


async def test_ingest_as_article_is_for_moderators_and_feeds_the_review(standin: DiscordStandIn,
                                                                        kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        said = await standin.dispatch("MESSAGE_CREATE", standin.guild_message(ENGLISH, user=ALICE))
        refused = await use_menu(standin, "Ingest as article", said, user=ALICE)
        deferred = await use_menu(standin, "Ingest as article", said, user=MODERATOR)
        waiting = await standin.wait_for_request("POST", FOLLOWUP_PATH)
        candidate = await standin.wait_for_request("POST", FOLLOWUP_PATH)
    assert refused.json["data"]["flags"] == 64 and "Only moderators can change facts" in refused.json["data"]["content"]
    assert deferred.json == {"type": 5, "data": {"flags": 64}}
    assert "candidate fact(s) from [discord.com](https://discord.com/channels/" in waiting.json["content"]
    pending = kb.pending()[0]  # the layoff (the teams it hit are a second candidate)
    assert custom_ids(candidate.json) == [f"review:a:{pending.id}", f"review:r:{pending.id}", f"review:s:{pending.id}"]
    assert pending.company == "Quillon Systems" and pending.state.count_min == 900
    [(source, evidence)] = pending.sources
    assert source.publisher == "Discord" and source.url == f"https://discord.com/channels/{standin.guild.id}/" \
        f"{standin.channel.id}/{said['id']}" and evidence and "900 employees" in evidence
    assert pending.updated_by == f"{MODERATOR.username} ({MODERATOR.id})"


# -- removing an answer -----------------------------------------------------------------------------


async def test_the_asker_or_a_moderator_removes_an_answer_others_are_refused(kb: KnowledgeBase) -> None:
    bob = FakeUser(1_300_000_000_000_000_009, "bob")
    guild = world()
    guild.members.append(bob)
    async with DiscordStandIn(guilds=[guild]) as standin:
        async with standin.running(make_bot(kb)):
            answer = await ask(standin, "How many jobs did Globex cut in 2023?")
            remove = custom_ids(answer.json["data"])[-1]
            answered = int(answer.response["resource"]["message"]["id"])
            refused = await click(standin, remove, user=bob)
            mention = await standin.dispatch("MESSAGE_CREATE", standin.guild_message("Globex layoffs", user=bob,
                                                                                      mention_bot=True))
            reply = await standin.wait_for_request("POST", rf"/channels/{standin.channel.id}/messages")
        async with standin.running(make_bot(kb)):  # after a restart, the buttons still work
            removed = await click(standin, remove, message=answered)
            deleted = await standin.wait_for_request("DELETE", r"/webhooks/\d+/[^/]+/messages/@original")
            by_moderator = await click(standin, f"rm:u{bob.id}", user=MODERATOR, message=int(reply.response["id"]))
            await standin.wait_for_request("DELETE", r"/webhooks/\d+/[^/]+/messages/@original")
    assert refused.json["data"]["flags"] == 64
    assert refused.json["data"]["content"] == "Only the person who asked, or a moderator, can remove this answer."
    assert remove == f"rm:u{ALICE.id}" and reply.json["components"][0]["components"][-1]["custom_id"] == f"rm:u{bob.id}"
    assert removed.json == {"type": 6} and deleted.status == 204 and answered not in standin.messages
    assert by_moderator.json == {"type": 6} and int(reply.response["id"]) not in standin.messages
    assert mention["id"] in {str(i) for i in standin.messages}  # the question itself stays


async def test_a_remove_button_copied_onto_someone_elses_answer_removes_nothing(standin: DiscordStandIn,
                                                                                 kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        theirs = await ask(standin, "How many jobs did Globex cut in 2023?", user=ADMIN)
        message = standin.messages[int(theirs.response["resource"]["message"]["id"])]
        forged = {**message, "components": [{"type": 1, "components": [
            {"type": 2, "style": 2, "custom_id": f"rm:u{ALICE.id}"}]}]}
        refused = await click(standin, f"rm:u{ALICE.id}", message=forged)
    assert "Only the person who asked" in refused.json["data"]["content"]
    assert int(message["id"]) in standin.messages


# -- choosing a fact ---------------------------------------------------------------------------------


async def fact_ids(standin: DiscordStandIn, subcommand: str, typed: str, user: FakeUser = MODERATOR,
                   locale: str = "en-US", **where: Any) -> list[dict[str, Any]]:
    payload = standin.autocomplete("fact", {"id": {"type": 4, "value": typed}}, "id", subcommand=subcommand,
                                   user=user, **where)
    payload["locale"] = locale
    await standin.dispatch("INTERACTION_CREATE", payload)
    answer = (await standin.wait_for_request("POST", CALLBACK_PATH)).json
    assert answer["type"] == 8
    choices: list[dict[str, Any]] = answer["data"]["choices"]
    return choices


async def test_fact_ids_are_offered_as_what_the_facts_say(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    january, march = [r.id for r in kb.recent_facts("globex")][::-1]
    kb.retract(january, "mona (1)", "a duplicate")
    async with standin.running(make_bot(kb)):
        edit = await fact_ids(standin, "edit", "glob")
        by_number = await fact_ids(standin, "history", str(march))
        retract = await fact_ids(standin, "retract", "globex")
        restore = await fact_ids(standin, "restore", "")
        french = await fact_ids(standin, "undo", "glob", locale="fr")
        member = await fact_ids(standin, "edit", "glob", user=ALICE)
        elsewhere = await fact_ids(standin, "edit", "glob", user=OTHER_ADMIN, channel_id=1_500_000_000_000_000_010)
    assert edit == [{"name": f"#{january} Globex, 18,000, Jan 2023 · retracted", "value": january},
                    {"name": f"#{march} Globex, 54,000, Mar 2023", "value": march}]
    assert [c["value"] for c in by_number] == [march]
    assert retract == [{"name": f"#{march} Globex, 54,000, Mar 2023", "value": march}]  # only live facts
    assert [c["value"] for c in restore] == [january]  # only retracted ones
    assert [c["name"] for c in french] == [f"#{january} Globex, 18\u202f000, janv. 2023 · retiré",
                                           f"#{march} Globex, 54\u202f000, mars 2023"]
    assert member == [] and elsewhere == []  # nothing of the facts' state for anyone else


def test_every_word_is_in_both_languages() -> None:
    from bot.discord.i18n import FRENCH, TEXT

    assert set(TEXT["en"]) == set(TEXT["fr"])
    same = sorted(key for key in TEXT["en"] if TEXT["fr"][key] == TEXT["en"][key])
    assert same == ["audit_version", "page", "sources"]  # words French shares with English; every other is translated
    assert all(1 <= len(name) <= 32 for name in (FRENCH["Ask about this message"], FRENCH["Ingest as article"]))
