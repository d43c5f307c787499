"""The Discord stand-in (tests/support/standin) runs a tiny, real discord.py bot end to end."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Callable

import discord
import pytest
from discord import app_commands
from discord.ext import commands

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

COMPANIES = ["Acme", "Globex", "Initech", "Umbrella"]


class AckView(discord.ui.View):
    """Persistent view: no timeout and a fixed custom_id, registered with ``bot.add_view``."""

    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Ack", custom_id="standin:ack", style=discord.ButtonStyle.primary)
    async def ack(self, interaction: discord.Interaction, button: discord.ui.Button[AckView]) -> None:
        await interaction.response.send_message(f"acked by {interaction.user.name}", ephemeral=True)

    @discord.ui.select(custom_id="standin:pick", options=[discord.SelectOption(label=c) for c in COMPANIES])
    async def pick(self, interaction: discord.Interaction, select: discord.ui.Select[AckView]) -> None:
        await interaction.response.edit_message(content=f"picked {', '.join(select.values)}")


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    text: discord.ui.TextInput[FeedbackModal] = discord.ui.TextInput(label="Your feedback")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"thanks: {self.text.value}")


def make_bot(cls: type[commands.Bot] = commands.Bot) -> commands.Bot:
    intents = discord.Intents.default()
    intents.message_content = True
    bot = cls(command_prefix=commands.when_mentioned_or("!"), intents=intents, help_command=None)
    bot.add_view(AckView())

    @bot.tree.command(description="Ask the knowledge base")
    async def ask(interaction: discord.Interaction, question: str) -> None:
        embed = discord.Embed(title="Answer", description=f"You asked: {question}")
        await interaction.response.send_message(embed=embed, view=AckView())

    @bot.tree.command(description="Look up a company")
    async def company(interaction: discord.Interaction, name: str) -> None:
        await interaction.response.send_message(name)

    @company.autocomplete("name")
    async def company_names(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=c, value=c) for c in COMPANIES if current.lower() in c.lower()]

    @bot.tree.command(description="Send feedback")
    async def feedback(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(FeedbackModal())

    @bot.tree.command(description="Slow report")
    async def report(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send(
            "report ready", file=discord.File(io.BytesIO(b"a,b\n1,2\n"), "report.csv")
        )

    @bot.tree.command(description="Count the bytes of a file")
    async def upload(interaction: discord.Interaction, file: discord.Attachment) -> None:
        await interaction.response.send_message(f"{file.filename}: {len(await file.read())} bytes")

    @bot.tree.command(description="Show permissions")
    async def whoami(interaction: discord.Interaction) -> None:
        member = interaction.user
        assert isinstance(member, discord.Member)
        roles = [role.name for role in member.roles[1:]]  # without @everyone
        from_interaction = interaction.permissions.manage_messages
        from_roles = member.guild_permissions.manage_messages
        await interaction.response.send_message(f"{member.name} {roles} {from_interaction} {from_roles}")

    @bot.tree.command(description="Edit, follow up, fetch")
    async def steps(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("step 1")
        await interaction.edit_original_response(content="step 2")
        extra = await interaction.followup.send("extra", ephemeral=True, wait=True)
        original = await interaction.original_response()
        await extra.delete()
        await interaction.followup.send(f"original says {original.content!r}")

    kb = app_commands.Group(name="kb", description="Knowledge base")
    admin = app_commands.Group(name="admin", description="Admin", parent=kb)

    @kb.command(description="Search")
    async def search(interaction: discord.Interaction, topic: str, limit: int = 3) -> None:
        await interaction.response.send_message(f"search {topic!r} limit={limit}")

    @admin.command(description="Stats")
    async def stats(interaction: discord.Interaction, verbose: bool = False) -> None:
        await interaction.response.send_message(f"stats verbose={verbose}")

    bot.tree.add_command(kb)

    @bot.command()
    async def ping(ctx: commands.Context[commands.Bot]) -> None:
        await ctx.reply("pong", mention_author=False)

    return bot


async def eventually(condition: Callable[[], bool], timeout: float = 2.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


@pytest.fixture(autouse=True)
async def no_leftover_tasks() -> AsyncIterator[None]:
    yield
    await asyncio.sleep(0)
    leftover = asyncio.all_tasks() - {asyncio.current_task()}
    assert not leftover, leftover


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn() as server:
        yield server


async def test_logs_in_and_becomes_ready(standin: DiscordStandIn) -> None:
    bot = make_bot()
    async with standin.running(bot):
        assert bot.user is not None and bot.user.id == standin.bot_user.id
        assert bot.application_id == standin.application_id
        guild = bot.get_guild(standin.guild.id)
        assert guild is not None and guild.get_channel(standin.channel.id) is not None
        assert guild.get_member(standin.user.id) is None  # no members intent: only the bot is cached
        assert guild.me is not None
        await standin.wait_for_gateway(1)  # discord.py heartbeats right after HELLO ...
        await eventually(lambda: bot.latency < 1)  # ... and measures latency on the HEARTBEAT_ACK
    me = standin.requests_matching("GET", "/users/@me")[0]
    assert me.headers["Authorization"] == f"Bot {standin.token}"
    [identify] = standin.identifies
    assert identify["token"] == standin.token and identify["intents"] == bot.intents.value
    assert standin.connections[0].query["compress"] in ("zlib-stream", "zstd-stream")


async def test_slash_command_answers_with_an_embed(standin: DiscordStandIn) -> None:
    bot = make_bot()
    async with standin.running(bot):
        synced = await bot.tree.sync()
        put = await standin.wait_for_request("PUT", rf"/applications/{standin.application_id}/commands")
        assert {c["name"] for c in put.json} >= {"ask", "kb", "company"}
        payload = await standin.dispatch(
            "INTERACTION_CREATE", standin.slash_command("ask", {"question": "Who?"})
        )
        callback = await standin.wait_for_request("POST", CALLBACK_PATH)
    assert payload["data"]["id"] == str(next(c.id for c in synced if c.name == "ask"))
    assert callback.path == f"/interactions/{payload['id']}/{payload['token']}/callback"
    assert callback.json["type"] == 4
    embed = callback.json["data"]["embeds"][0]
    assert (embed["title"], embed["description"]) == ("Answer", "You asked: Who?")
    assert callback.json["data"]["components"][0]["components"][0]["custom_id"] == "standin:ack"
    assert callback.status == 200
    assert callback.response["resource"]["message"]["embeds"][0]["title"] == "Answer"


async def test_subcommands_groups_and_typed_options(standin: DiscordStandIn) -> None:
    async with standin.running(make_bot()):
        await standin.dispatch(
            "INTERACTION_CREATE",
            standin.slash_command("kb", {"topic": "layoffs", "limit": 5}, subcommand="search"),
        )
        first = await standin.wait_for_request("POST", CALLBACK_PATH)
        await standin.dispatch(
            "INTERACTION_CREATE",
            standin.slash_command("kb", {"verbose": True}, group="admin", subcommand="stats"),
        )
        second = await standin.wait_for_request("POST", CALLBACK_PATH)
        await standin.dispatch(
            "INTERACTION_CREATE",
            standin.slash_command("upload", {"file": FakeAttachment("data.csv", b"x,y\n1,2\n")}),
        )
        third = await standin.wait_for_request("POST", CALLBACK_PATH)
    assert first.json["data"]["content"] == "search 'layoffs' limit=5"
    assert second.json["data"]["content"] == "stats verbose=True"
    assert third.json["data"]["content"] == "data.csv: 8 bytes"


async def test_button_on_persistent_view_reaches_its_callback(standin: DiscordStandIn) -> None:
    async with standin.running(make_bot()):
        # No message with the button exists yet: the builder makes one, as if posted before a restart.
        payload = await standin.dispatch("INTERACTION_CREATE", standin.component_click("standin:ack"))
        callback = await standin.wait_for_request("POST", CALLBACK_PATH)
    assert payload["type"] == 3 and payload["data"] == {"custom_id": "standin:ack", "component_type": 2}
    assert payload["message"]["components"][0]["components"][0]["custom_id"] == "standin:ack"
    assert callback.json["type"] == 4
    assert callback.json["data"]["content"] == "acked by alice"
    assert callback.json["data"]["flags"] == 64  # ephemeral


async def test_select_on_a_sent_message_updates_it(standin: DiscordStandIn) -> None:
    async with standin.running(make_bot()):
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("ask", {"question": "Who?"}))
        answer = await standin.wait_for_request("POST", CALLBACK_PATH)
        click = standin.component_click("standin:pick", values=["Globex"])  # finds the /ask answer
        await standin.dispatch("INTERACTION_CREATE", click)
        update = await standin.wait_for_request("POST", CALLBACK_PATH)
    message_id = answer.response["resource"]["message"]["id"]
    assert click["message"]["id"] == message_id and click["data"]["component_type"] == 3
    assert update.json["type"] == 7 and update.json["data"]["content"] == "picked Globex"
    assert standin.messages[int(message_id)]["content"] == "picked Globex"


async def test_modal_submit_reaches_on_submit(standin: DiscordStandIn) -> None:
    async with standin.running(make_bot()):
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("feedback"))
        modal = await standin.wait_for_request("POST", CALLBACK_PATH)
        assert modal.json["type"] == 9 and modal.json["data"]["title"] == "Feedback"
        submit = standin.modal_submit(modal.json["data"], {"Your feedback": "more sources please"})
        await standin.dispatch("INTERACTION_CREATE", submit)
        reply = await standin.wait_for_request("POST", CALLBACK_PATH)
    assert reply.path.startswith(f"/interactions/{submit['id']}/")
    assert reply.json["type"] == 4 and reply.json["data"]["content"] == "thanks: more sources please"


async def test_autocomplete_returns_choices(standin: DiscordStandIn) -> None:
    async with standin.running(make_bot()):
        await standin.dispatch(
            "INTERACTION_CREATE", standin.autocomplete("company", {"name": "M"}, focused="name")
        )
        callback = await standin.wait_for_request("POST", CALLBACK_PATH)
    assert callback.json == {
        "type": 8,
        "data": {"choices": [{"name": "Acme", "value": "Acme"}, {"name": "Umbrella", "value": "Umbrella"}]},
    }


async def test_mention_gets_a_reply_with_allowed_mentions(standin: DiscordStandIn) -> None:
    async with standin.running(make_bot()):
        message = await standin.dispatch("MESSAGE_CREATE", standin.guild_message("ping", mention_bot=True))
        reply = await standin.wait_for_request("POST", rf"/channels/{standin.channel.id}/messages")
    assert reply.json["content"] == "pong"
    assert reply.json["message_reference"]["message_id"] == int(message["id"])
    assert reply.json["allowed_mentions"]["replied_user"] is False
    assert sorted(reply.json["allowed_mentions"]["parse"]) == ["everyone", "roles", "users"]
    assert reply.response["type"] == 19 and reply.response["referenced_message"]["id"] == message["id"]


async def test_dm_prefix_command_and_dm_slash_command(standin: DiscordStandIn) -> None:
    async with standin.running(make_bot()):
        message = await standin.dispatch("MESSAGE_CREATE", standin.dm_message("!ping"))
        reply = await standin.wait_for_request("POST", rf"/channels/{message['channel_id']}/messages")
        slash = await standin.dispatch(
            "INTERACTION_CREATE", standin.slash_command("company", {"name": "Acme"}, dm=True)
        )
        callback = await standin.wait_for_request("POST", CALLBACK_PATH)
    assert reply.json["content"] == "pong"
    assert "guild_id" not in slash and slash["channel_id"] == message["channel_id"]
    assert callback.json["data"]["content"] == "Acme"


async def test_deferred_response_then_followup_with_a_file(standin: DiscordStandIn) -> None:
    async with standin.running(make_bot()):
        payload = await standin.dispatch("INTERACTION_CREATE", standin.slash_command("report"))
        defer = await standin.wait_for_request("POST", CALLBACK_PATH)
        followup = await standin.wait_for_request("POST", FOLLOWUP_PATH)
    assert defer.json == {"type": 5}
    assert followup.path == f"/webhooks/{standin.application_id}/{payload['token']}"
    assert followup.json["content"] == "report ready"
    assert followup.files == {"report.csv": b"a,b\n1,2\n"}
    # The first followup after a defer replaces the "thinking" message.
    assert followup.response["id"] == defer.response["interaction"]["response_message_id"]
    assert followup.response["attachments"][0]["filename"] == "report.csv"


async def test_member_permissions_come_from_roles() -> None:
    moderator = FakeRole(
        1_200_000_000_000_000_100, "Moderator", discord.Permissions(manage_messages=True).value
    )
    bob = FakeUser(1_300_000_000_000_000_002, "bob", roles=[moderator.id])
    guild = FakeGuild(
        1_200_000_000_000_000_001,
        channels=[FakeChannel(1_200_000_000_000_000_010)],
        roles=[moderator],
        members=[bob],
    )
    async with DiscordStandIn(guilds=[guild]) as standin, standin.running(make_bot()):
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("whoami", user=bob))
        callback = await standin.wait_for_request("POST", CALLBACK_PATH)
    assert callback.json["data"]["content"] == "bob ['Moderator'] True True"


async def test_reconnect_with_resume_after_server_close(standin: DiscordStandIn) -> None:
    async with standin.running(make_bot()):
        await standin.close_gateway(4000)
        resume = await standin.wait_for_gateway(6)
        await standin.dispatch(
            "INTERACTION_CREATE", standin.slash_command("ask", {"question": "still there?"})
        )
        callback = await standin.wait_for_request("POST", CALLBACK_PATH)
    assert resume.data["session_id"] == standin.connections[0].session.id  # type: ignore[union-attr]
    assert len(standin.identifies) == 1 and len(standin.connections) == 2
    assert standin.connections[0].close_code == 4000
    assert callback.json["type"] == 4


@pytest.mark.parametrize("how", ["closed and session forgotten", "invalid session"])
async def test_reconnect_with_new_identify(standin: DiscordStandIn, how: str) -> None:
    async with standin.running(make_bot()) as bot:
        if how == "invalid session":
            await standin.invalidate_session()
        else:
            await standin.close_gateway(1001, forget_session=True)
            await standin.wait_for_gateway(6)  # RESUME, answered with INVALID_SESSION
        await standin.wait_for_gateway(2)  # the initial IDENTIFY
        await standin.wait_for_gateway(2)  # the new IDENTIFY
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("ask", {"question": "again?"}))
        callback = await standin.wait_for_request("POST", CALLBACK_PATH)
        assert bot.get_guild(standin.guild.id) is not None
    assert len(standin.identifies) == 2
    assert callback.json["type"] == 4


async def test_rejected_token_raises_login_failure(standin: DiscordStandIn) -> None:
    standin.fail_next("GET", "/users/@me", 401)
    with pytest.raises(discord.LoginFailure):
        async with standin.running(make_bot()):
            pass
    with pytest.raises(discord.LoginFailure):
        async with standin.running(make_bot(), token="not-the-token"):
            pass
    assert [r.status for r in standin.requests_matching("GET", "/users/@me")] == [401, 401]


async def test_fatal_close_code_stops_the_client(standin: DiscordStandIn) -> None:
    with pytest.raises(discord.ConnectionClosed) as closed:
        async with standin.running(make_bot()) as bot:
            await standin.close_gateway(4004)  # "Authentication failed": discord.py does not reconnect
            await eventually(bot.is_closed)
    assert closed.value.code == 4004 and len(standin.connections) == 1


async def test_rate_limited_callback_is_retried(standin: DiscordStandIn) -> None:
    standin.fail_next("POST", CALLBACK_PATH, 429, retry_after=0.05)
    async with standin.running(make_bot()):
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("ask", {"question": "hi"}))
        limited = await standin.wait_for_request("POST", CALLBACK_PATH)
        retried = await standin.wait_for_request("POST", CALLBACK_PATH)
    assert (limited.status, retried.status) == (429, 200)


async def test_unknown_route_answers_404(standin: DiscordStandIn) -> None:
    async with standin.running(make_bot()) as bot:
        with pytest.raises(discord.NotFound):
            await bot.fetch_guild(standin.guild.id)
    [request] = standin.requests_matching("GET", rf"/guilds/{standin.guild.id}.*")
    assert request.status == 404 and request.response == {"message": "404: Not Found", "code": 0}


async def test_auto_sharded_bot_identifies_every_shard() -> None:
    # Discord's shard formula is (guild_id >> 22) % shard_count.
    alice = FakeUser(1_300_000_000_000_000_001, "alice")
    guilds = [
        FakeGuild(
            (1000 + shard) << 22, name=f"guild {shard}", channels=[FakeChannel(500 + shard)], members=[alice]
        )
        for shard in (0, 1)
    ]
    assert [(g.id >> 22) % 2 for g in guilds] == [0, 1]
    async with DiscordStandIn(guilds=guilds, shard_count=2) as standin:
        bot = make_bot(commands.AutoShardedBot)
        async with standin.running(bot):
            assert sorted(bot.shards) == [0, 1] and len(bot.guilds) == 2
            await standin.dispatch(
                "INTERACTION_CREATE",
                standin.slash_command("ask", {"question": "?"}, channel_id=guilds[1].channels[0].id),
            )
            callback = await standin.wait_for_request("POST", CALLBACK_PATH)
            assert bot.get_guild(guilds[1].id).shard_id == 1  # type: ignore[union-attr]
    assert sorted(identify["shard"] for identify in standin.identifies) == [[0, 2], [1, 2]]
    assert callback.json["type"] == 4


async def test_followups_and_original_response_routes(standin: DiscordStandIn) -> None:
    async with standin.running(make_bot()):
        payload = await standin.dispatch("INTERACTION_CREATE", standin.slash_command("steps"))
        webhook = rf"/webhooks/{standin.application_id}/{payload['token']}"
        await standin.wait_for_request("POST", CALLBACK_PATH)
        edit = await standin.wait_for_request("PATCH", webhook + "/messages/@original")
        extra = await standin.wait_for_request("POST", webhook)
        fetched = await standin.wait_for_request("GET", webhook + "/messages/@original")
        deleted = await standin.wait_for_request("DELETE", webhook + r"/messages/\d+")
        last = await standin.wait_for_request("POST", webhook)
    assert edit.json["content"] == "step 2" and fetched.response["content"] == "step 2"
    assert extra.json["flags"] == 64 and deleted.path.endswith(extra.response["id"]) and deleted.status == 204
    assert last.json["content"] == "original says 'step 2'"


async def test_channel_routes(standin: DiscordStandIn) -> None:
    async with standin.running(make_bot()) as bot:
        channel = await bot.fetch_channel(standin.channel.id)
        assert isinstance(channel, discord.TextChannel) and channel.name == "general"
        async with channel.typing():
            message = await channel.send("hello", file=discord.File(io.BytesIO(b"hi"), "hi.txt"))
        assert await message.attachments[0].read() == b"hi"
        await message.add_reaction("\N{THUMBS UP SIGN}")
        edited = await message.edit(content="hello again")
        assert (await channel.fetch_message(message.id)).content == edited.content == "hello again"
        await message.delete()
        with pytest.raises(discord.NotFound):
            await channel.fetch_message(message.id)
        dm = await bot.create_dm(discord.Object(standin.user.id))
        await dm.send("psst")
    assert standin.requests_matching("POST", rf"/channels/{standin.channel.id}/typing")
    [reaction] = standin.requests_matching("PUT", r"/channels/\d+/messages/\d+/reactions/.+/@me")
    assert reaction.status == 204 and "\N{THUMBS UP SIGN}" in reaction.path
    assert standin.requests_matching("POST", "/users/@me/channels")[0].json == {
        "recipient_id": standin.user.id
    }
    assert standin.requests_matching("POST", r"/channels/\d+/messages")[-1].json["content"] == "psst"


async def test_message_content_needs_the_intent(standin: DiscordStandIn) -> None:
    client = discord.Client(intents=discord.Intents.default())  # no message_content intent
    seen: list[str] = []

    @client.event
    async def on_message(message: discord.Message) -> None:
        seen.append(message.content)

    async with standin.running(client):
        await standin.dispatch("MESSAGE_CREATE", standin.guild_message("hello"))
        await standin.dispatch("MESSAGE_CREATE", standin.guild_message("hello", mention_bot=True))
        await standin.dispatch("MESSAGE_CREATE", standin.dm_message("psst"))
        await eventually(lambda: len(seen) == 3)
    assert seen == ["", f"<@{standin.bot_user.id}> hello", "psst"]


async def test_message_command_carries_its_target_message(standin: DiscordStandIn) -> None:
    """A context menu on a message reaches its callback with the target's text, even without the content intent."""
    client = commands.Bot(command_prefix="!", intents=discord.Intents.default(), help_command=None)
    seen: list[tuple[str, int]] = []

    @client.tree.context_menu(name="Quote it")
    async def quote(interaction: discord.Interaction, message: discord.Message) -> None:
        seen.append((message.content, message.author.id))
        await interaction.response.send_message(f"quoted {message.content}", ephemeral=True)

    async with standin.running(client):
        await client.tree.sync()
        target = await standin.dispatch("MESSAGE_CREATE", standin.guild_message("Acme cut 300 jobs"))
        payload = standin.message_command("Quote it", int(target["id"]))
        await standin.dispatch("INTERACTION_CREATE", payload)
        callback = await standin.wait_for_request("POST", CALLBACK_PATH)
    [synced] = standin.commands[None]
    assert synced["type"] == 3 and payload["data"]["id"] == synced["id"]
    assert seen == [("Acme cut 300 jobs", standin.user.id)]
    assert callback.json["data"]["content"] == "quoted Acme cut 300 jobs" and callback.json["data"]["flags"] == 64


async def test_a_closed_dm_is_refused_with_50007(standin: DiscordStandIn) -> None:
    standin.closed_dms.add(standin.user.id)
    async with standin.running(make_bot()) as bot:
        dm = await bot.create_dm(discord.Object(standin.user.id))
        with pytest.raises(discord.Forbidden) as refused:
            await dm.send("psst")
    assert refused.value.code == 50007
    assert standin.requests_matching("POST", r"/channels/\d+/messages")[-1].status == 403


async def test_channel_option_resolves_to_the_guild_channel() -> None:
    news = FakeChannel(1_200_000_000_000_000_020, name="news")
    guild = FakeGuild(1_200_000_000_000_000_001, channels=[FakeChannel(1_200_000_000_000_000_010), news],
                      members=[FakeUser(1_300_000_000_000_000_001, "alice")])
    client = commands.Bot(command_prefix="!", intents=discord.Intents.default(), help_command=None)

    @client.tree.command(description="Pick a channel")
    async def pick(interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        await interaction.response.send_message(f"{channel.name} {channel.id}")

    async with DiscordStandIn(guilds=[guild]) as standin, standin.running(client):
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("pick", {"channel": news}))
        callback = await standin.wait_for_request("POST", CALLBACK_PATH)
    assert callback.json["data"]["content"] == f"news {news.id}"
