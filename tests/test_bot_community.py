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
from tests.support.discord_world import ADMIN, ALICE, MODERATOR, make_bot, world
from tests.support.standin import CALLBACK_PATH, DiscordStandIn, FakeChannel, FakeGuild, FakeUser

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
