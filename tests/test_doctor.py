"""`python -m bot doctor` as a real process: the real discord.py client logs in to the local stand-in."""

from __future__ import annotations

import asyncio
import base64
import io
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import discord
import pytest
from sqlalchemy import text

from bot.cli import main
from bot.cli.doctor import token_bot_id
from knowledge.facts.imports import import_tracker
from knowledge.intake.trackers import read_tracker
from knowledge.kb import KnowledgeBase
from knowledge.storage.schema import head_revision
from knowledge.storage.store import Store
from tests.support.standin import BOT_ID, DiscordStandIn, FakeChannel, FakeGuild, FakeRole, FakeUser

ROOT = Path(__file__).resolve().parent.parent
HOME, ELSEWHERE, NOT_JOINED = 1_200_000_000_000_000_001, 1_200_000_000_000_000_002, 1_200_000_000_000_000_003
GENERAL, AUDIT, READ_ONLY = 1_200_000_000_000_000_010, 1_200_000_000_000_000_011, 1_200_000_000_000_000_020
MOD_ROLE = FakeRole(1_200_000_000_000_000_100, "Fact keepers")
OTHER_ROLE = FakeRole(1_200_000_000_000_000_200, "Other mods")
UNKNOWN_ROLE = 1_200_000_000_000_000_999
# Shaped like a real bot token (the bot's ID in base64, a timestamp, a signature), and made up.
TOKEN = base64.urlsafe_b64encode(str(BOT_ID).encode()).decode().rstrip("=") + ".GdOcTr.made-up-signature_0123456789abcdef"
CURRENT = "company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,date_added"


def world() -> list[FakeGuild]:
    viewing_only = discord.Permissions(view_channel=True, read_message_history=True).value
    return [
        FakeGuild(HOME, name="Home", channels=[FakeChannel(GENERAL), FakeChannel(AUDIT, name="audit")],
                  roles=[MOD_ROLE], members=[FakeUser(1_300_000_000_000_000_001, "alice")]),
        FakeGuild(ELSEWHERE, name="Elsewhere", channels=[FakeChannel(READ_ONLY, name="news")],
                  roles=[FakeRole(ELSEWHERE, "@everyone", viewing_only, position=0), OTHER_ROLE]),
    ]


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn(token=TOKEN, guilds=world()) as server:
        yield server


@pytest.fixture
def imported(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'imported.db'}"
    kb = KnowledgeBase.open(url)
    csv = tmp_path / "fyi-2026-05-15.csv"
    csv.write_text(f"{CURRENT}\nAcme,NYC,150.0,5/15/2026,,Crypto,https://news.example/acme,Seed,1,US,5/15/2026\n",
                   encoding="utf-8")
    import_tracker(kb.facts, read_tracker(csv))
    kb.close()
    return url


def companies_in(url: str) -> int:
    """How many companies the knowledge base knows (the bundled list grows; the test need not follow it)."""
    store = Store.open(url)
    try:
        return store.counts()["companies"]
    finally:
        store.close()


async def doctor(standin: DiscordStandIn, tmp_path: Path, database: str, config: str,
                 token: str | None = TOKEN) -> tuple[int, list[str], str]:
    path = tmp_path / "config.toml"
    path.write_text(config, encoding="utf-8")
    env = {**os.environ, "LAYOFFBOT_DISCORD_API": standin.api_url, "LAYOFFBOT_DISCORD_GATEWAY": standin.gateway_url}
    env.pop("DISCORD_TOKEN", None)
    if token is not None:
        env["DISCORD_TOKEN"] = token
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "--config", str(path), "--db", database, "doctor", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), timeout=90)
    text = out.decode()
    assert token is None or (token not in text and token not in err.decode())  # never shown, whole or in part
    assert token is None or token.split(".")[-1] not in text + err.decode()
    assert err.decode() == "", err.decode()
    assert process.returncode is not None
    return process.returncode, text.splitlines(), err.decode()


async def test_a_good_configuration_passes_every_check(standin: DiscordStandIn, tmp_path: Path,
                                                       imported: str) -> None:
    code, lines, _ = await doctor(standin, tmp_path, imported, f"""
[discord]
guild_ids = [{HOME}]
moderator_role_ids = [{MOD_ROLE.id}]
audit_channel_id = {AUDIT}
""")
    assert code == 0, lines
    assert lines == [
        f"ok    settings: read from {tmp_path / 'config.toml'}.",
        f"ok    token: DISCORD_TOKEN is set and shaped like the token of the bot with ID {BOT_ID}.",
        f"ok    database: {imported} is reachable and its schema is current ({head_revision()}).",
        f"ok    knowledge: 12 active facts about {companies_in(imported)} companies; newest tracker export 2026-05-15.",
        f"ok    Discord: logged in as layoffbot (ID {BOT_ID}), in 2 server(s).",
        f"ok    server: Home ({HOME}): the bot is in it.",
        f"ok    moderation: members with Manage Server or a moderator role may change facts in Home ({HOME}); not "
        "in the 1 other server(s) the bot is in.",
        f"ok    audit channel: #audit in Home ({HOME}): the bot can post there.",
        f"ok    moderator role: @Fact keepers in Home ({HOME}).",
        "Everything checked is ready.",
    ]
    assert len(standin.identifies) == 1 and standin.identifies[0]["intents"] == 1 + (1 << 9) + (1 << 12)
    assert not standin.requests_matching("PUT", r"/applications/\d+/.*commands")  # a check never syncs commands


async def test_a_bad_configuration_fails_with_a_fix_for_each_problem(standin: DiscordStandIn,
                                                                      tmp_path: Path) -> None:
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    KnowledgeBase.open(fresh).close()  # a fresh install: the bundled facts only
    code, lines, _ = await doctor(standin, tmp_path, fresh, f"""
[discord]
guild_ids = [{HOME}, {NOT_JOINED}]
moderator_guild_ids = [{HOME}]
moderator_role_ids = [{OTHER_ROLE.id}, {UNKNOWN_ROLE}]
audit_channel_id = {READ_ONLY}
""")
    assert code == 1
    by_check = {line.split(":")[0]: line for line in lines}
    assert by_check["warn  knowledge"].startswith("warn  knowledge: only the 11 bundled facts")
    assert "Fix: import a current layoffs.fyi export" in by_check["warn  knowledge"]
    assert by_check["FAIL  server"].startswith(
        f"FAIL  server: {NOT_JOINED}: the bot is not in it (or the ID is wrong). Fix: invite the bot with the link")
    assert f"ok    moderator server: Home ({HOME}): the bot is in it." in lines
    assert by_check["FAIL  audit channel"] == (
        f"FAIL  audit channel: the bot cannot post in #news in Elsewhere ({ELSEWHERE}) (missing Send Messages, Embed "
        "Links). Fix: allow these for the bot's role in that channel")
    roles = [line for line in lines if line.startswith("FAIL  moderator role")]
    assert roles == [
        f"FAIL  moderator role: @Other mods is in Elsewhere ({ELSEWHERE}), where moderation is off, so it grants "
        f"nothing. Fix: add {ELSEWHERE} to [discord] moderator_guild_ids, or remove the role from moderator_role_ids",
        f"FAIL  moderator role: {UNKNOWN_ROLE}: no server the bot is in has it. Fix: copy the role's ID (Server "
        "Settings > Roles > right-click > Copy Role ID) into [discord] moderator_role_ids"]
    assert lines[-1] == "4 check(s) failed, 1 warning(s)."


async def test_moderation_off_and_no_audit_channel_are_warnings(standin: DiscordStandIn, tmp_path: Path,
                                                                imported: str) -> None:
    code, lines, _ = await doctor(standin, tmp_path, imported, "")
    assert code == 0
    warnings = [line for line in lines if line.startswith("warn")]
    assert [line.split(":")[0] for line in warnings] == ["warn  servers", "warn  moderation", "warn  audit channel"]
    assert "moderation: off: nobody can change facts from Discord" in warnings[1]
    assert "Fix: to let your server's moderators change facts, set [discord] moderator_guild_ids" in warnings[1]


async def test_without_a_token_the_rest_is_still_checked(standin: DiscordStandIn, tmp_path: Path,
                                                         imported: str) -> None:
    code, lines, _ = await doctor(standin, tmp_path, imported, "", token=None)
    assert code == 1
    assert lines[1].startswith("FAIL  token: DISCORD_TOKEN is not set. Fix: set DISCORD_TOKEN to the bot's token")
    assert lines[2].startswith("ok    database:") and lines[4] == "skip  Discord: not checked without a token."
    assert not standin.requests and not standin.connections


async def test_a_rejected_or_misshapen_token_fails_without_being_shown(standin: DiscordStandIn, tmp_path: Path,
                                                                       imported: str) -> None:
    rejected = TOKEN[:-6] + "XXXXXX"
    code, lines, _ = await doctor(standin, tmp_path, imported, "", token=rejected)
    assert code == 1
    assert "FAIL  Discord: Discord rejected the token in DISCORD_TOKEN. Fix: copy the bot's current token" in lines[-2]
    code, lines, _ = await doctor(standin, tmp_path, imported, "", token="Bot " + TOKEN)
    assert code == 1 and lines[1] == "FAIL  token: DISCORD_TOKEN starts with 'Bot '. Fix: set it to the token alone"


@pytest.mark.parametrize(("token", "bot_id"), [
    (TOKEN, BOT_ID),
    ("MTEwMDAwMDAwMDAwMDAwMDAwMQ.GdOcTr.short", None),  # signature too short
    ("standin.bot.token", None),
    ("MTEwMDAwMDAwMDAwMDAwMDAwMQ.GdOcTr.made-up-signature_0123456789abcdef.extra", None),
    ("bm90IGFuIGlk.GdOcTr.made-up-signature_0123456789abcdef", None),  # the first part is not an ID
    ("MTEwMDAwMDAwMDAwMDAwMDAwMQ.Gd Tr.made-up-signature_0123456789abcdef", None),
    ("", None),
])
def test_the_shape_of_a_bot_token(token: str, bot_id: int | None) -> None:
    assert token_bot_id(token) == bot_id


def test_database_problems_fail_with_their_fix_and_create_nothing(tmp_path: Path, sqlite_url: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    typo = tmp_path / "typo" / "kb.db"
    outdated = sqlite_url
    KnowledgeBase.open(outdated).close()
    store = Store.open(outdated)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    store.close()
    cases = {
        f"sqlite:///{typo}": f"FAIL  database: sqlite:///{typo}: there is no database at {typo} yet. Fix: importing "
                             "a tracker export creates it: python -m bot kb import FILE --format layoffs-fyi",
        outdated: f"FAIL  database: {outdated}: its schema is at 0001; this version needs {head_revision()}. Fix: back it up, then "
                  "run python -m bot db upgrade",
        "postgresql://nobody@127.0.0.1:1/none": "FAIL  database: postgresql://nobody@127.0.0.1:1/none: cannot open "
                                                "it: The knowledge base at postgresql://nobody@127.0.0.1:1/none cannot be opened: "
                                                "the PostgreSQL server at 127.0.0.1:1 does not answer",
    }
    for url, expected in cases.items():
        out = io.StringIO()
        assert main(["--db", url, "doctor"], stdout=out) == 1
        assert out.getvalue().splitlines()[2].startswith(expected), out.getvalue()
    assert not typo.parent.exists()
