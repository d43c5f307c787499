"""What an answer's figures stand on, through the real discord.py client and the stand-in: the "Rows" button's CSV
file (after a restart too), and the chart attached to totals over a period and to /layoffs, checked against the
answer's own rounds (the PNG carries the values it draws)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import sys
import time
from collections.abc import AsyncIterator, Iterator
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from bot.discord.charts import BARS_KEY, FILENAME, Chart, Charts
from knowledge import Answer, chart_series
from knowledge.drafts import FactDraft, SourceDraft
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from tests.support.discord_world import ALICE, MODERATOR, ask, custom_ids, make_bot, world
from tests.support.helpers import TODAY
from tests.support.standin import CALLBACK_PATH, DiscordStandIn
from tests.support.tagged_tracker import tagged_kb

# The first chart starts the drawing process, which loads matplotlib at a lower priority than the bot's: on a
# busy machine that takes a while.
CHART_WAIT = 90.0
ROOT = Path(__file__).resolve().parent.parent
ORIGINAL = r"/webhooks/\d+/[^/]+/messages/@original"
US_2023 = "How many people were laid off in the US in 2023?"
# The tracker's rounds in the United States in 2023 (tests/support/tagged_tracker.py), each once, by month.
US_2023_BY_MONTH = {"Jan 2023": 300 + 10_000, "Mar 2023": 600, "May 2023": 716, "Jun 2023": 200, "Aug 2023": 300,
                    "Dec 2023": 145}


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    base = tagged_kb(tmp_path_factory.mktemp("charts"))
    yield base
    base.close()


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn(guilds=[world()]) as server:
        yield server


async def click(standin: DiscordStandIn, custom_id: str, user: Any = ALICE) -> Any:
    await standin.dispatch("INTERACTION_CREATE", standin.component_click(custom_id, user=user))
    return await standin.wait_for_request("POST", CALLBACK_PATH)


def table(request: Any) -> list[dict[str, str]]:
    (name, content), = request.files.items()
    assert name.endswith(".csv")
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def drawn(png: bytes) -> dict[str, Any]:
    """The bars a chart drew (the values it passed to matplotlib, kept in the PNG), after checking it decodes."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    image.load()  # decodes every pixel: a truncated or corrupt file fails here
    assert image.size == (800, 400)
    bars: dict[str, Any] = json.loads(image.text[BARS_KEY])
    return bars


def by_month(answer: Answer) -> dict[str, int]:
    """The answer's headline total split by month, from its derived terms (what the chart must show)."""
    head = next(d for d in answer.derived if d.op == "sum")
    months: dict[str, int] = {}
    for fact in head.terms:
        key = f"{fact.when:%b %Y}"
        months[key] = months.get(key, 0) + (fact.count_min or 0)
    return months


# -- the Rows button --------------------------------------------------------------------------------


async def test_rows_button_sends_the_answers_derived_terms_as_csv_privately(standin: DiscordStandIn,
                                                                           kb: KnowledgeBase) -> None:
    expected = kb.ask(US_2023, TODAY)
    async with standin.running(make_bot(kb)):
        answered = await ask(standin, US_2023)
        rows_id = next(c for c in custom_ids(answered.json["data"]) if c.startswith("rows:"))
        sent = await click(standin, rows_id, user=MODERATOR)  # anyone may look: the table goes to the clicker
    data = sent.json["data"]
    assert sent.json["type"] == 4 and data["flags"] == 64 and "9 rows" in data["content"]
    rows = table(sent)
    terms = {f.id: f for d in expected.derived for f in d.terms}
    assert len(rows) == len(terms) == 9  # seven rounds, and the second rows of Cobalt Health and Kite (the row total)
    assert [(r["company"], r["date"], r["people"]) for r in rows] == [
        (f.company, f.when.isoformat(), str(f.count_min)) for f in sorted(terms.values(), key=lambda f: (f.when, f.id))]
    assert sum(int(r["people"]) for r in rows) == 13_006  # "every row of the tracker" adds up to this, as said
    assert {r["country"] for r in rows} == {"United States"}
    assert rows[0] == {"company": "Acme Pay", "date": "2023-01-10", "people": "300", "share": "10%",
                       "industry": "Finance", "country": "United States", "source": "https://news.example/acme-1"}


async def test_rows_button_works_after_a_restart_and_only_on_answers_given(standin: DiscordStandIn,
                                                                          kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        answered = await ask(standin, "Combien de personnes ont été licenciées dans la santé en 2023 ?", locale="fr")
        cited = await ask(standin, "How many people did Tekion lay off in 2023?")  # one round, cited: no rows
    buttons = {c.split(":")[0]: c for c in custom_ids(answered.json["data"])}
    labels = [c.get("label") for row in answered.json["data"]["components"] for c in row["components"]]
    async with standin.running(make_bot(kb)):
        sent = await click(standin, buttons["rows"])
        forged = await click(standin, "rows:a123456789")
    assert "Lignes" in labels
    assert [(r["company"], r["date"], r["people"]) for r in table(sent)] == [
        ("Cobalt Health", "2023-03-03", "600"), ("Cobalt Health", "2023-03-04", "600")]
    assert not any(c.startswith("rows:") for c in custom_ids(cited.json["data"]))
    assert forged.json["data"]["flags"] == 64 and "can't find that answer" in forged.json["data"]["content"]
    assert not forged.files


# -- charts -----------------------------------------------------------------------------------------


async def test_a_total_over_a_year_gets_a_chart_of_its_rounds_by_month(standin: DiscordStandIn,
                                                                       kb: KnowledgeBase) -> None:
    bot = make_bot(kb)
    async with standin.running(bot):
        answered = await ask(standin, US_2023)
        edited = await standin.wait_for_request("PATCH", ORIGINAL, timeout=CHART_WAIT)
        patches = len(standin.requests_matching("PATCH", ORIGINAL))
        again = await ask(standin, US_2023)  # drawn already: sent with the answer, not edited in after
        await standin.dispatch("MESSAGE_CREATE", standin.guild_message(US_2023, mention_bot=True))
        mention = await standin.wait_for_request("POST", r"/channels/\d+/messages")
    assert not answered.files and "12,261 people" in answered.json["data"]["embeds"][0]["description"]
    bars = drawn(edited.files[FILENAME])
    assert dict(zip(bars["labels"], bars["values"], strict=True)) == {
        **{f"{m} 2023": 0 for m in ("Feb", "Apr", "Jul", "Sep", "Oct", "Nov")}, **US_2023_BY_MONTH}
    assert bars["labels"][0] == "Jan 2023" and bars["labels"][-1] == "Dec 2023"  # every month between, in order
    assert {k: v for k, v in zip(bars["labels"], bars["values"], strict=True) if v} == by_month(kb.ask(US_2023, TODAY))
    embed = edited.json["embeds"][0]
    assert embed["image"]["url"] == f"attachment://{FILENAME}" and "12,261 people" in embed["description"]
    assert again.files[FILENAME] == edited.files[FILENAME]
    assert again.json["data"]["embeds"][0]["image"]["url"] == f"attachment://{FILENAME}"
    assert mention.files[FILENAME] == edited.files[FILENAME]
    assert len(standin.requests_matching("PATCH", ORIGINAL)) == patches  # no edit for the charts drawn before
    assert not standin.requests_matching("PATCH", r"/channels/\d+/messages/\d+")
    assert len(bot.charts.seconds) == 1 and bot.charts.cached == 2  # drawn once, then remembered


async def test_a_french_total_is_charted_in_french_with_rounds_without_a_figure_counted(standin: DiscordStandIn,
                                                                                       kb: KnowledgeBase) -> None:
    question = "Combien de personnes ont été licenciées en 2023 ?"
    async with standin.running(make_bot(kb)):
        await ask(standin, question, locale="fr")
        edited = await standin.wait_for_request("PATCH", ORIGINAL, timeout=CHART_WAIT)
    series = chart_series(kb.ask(question, TODAY, language="fr"))
    assert series is not None and series.note == "Sources : layoffs.fyi · 2 vagues sans chiffre"
    assert series.axis == "Personnes licenciées par mois"
    bars = drawn(edited.files[FILENAME])
    assert bars["labels"][:3] == ["janv. 2023", "févr. 2023", "mars 2023"]
    assert bars["values"] == [bar.people for bar in series.bars] and sum(bars["values"]) == 12_551


async def test_a_mention_gets_its_chart_on_the_reply(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        await standin.dispatch("MESSAGE_CREATE", standin.guild_message(US_2023, mention_bot=True))
        reply = await standin.wait_for_request("POST", r"/channels/\d+/messages")
        edited = await standin.wait_for_request("PATCH", r"/channels/\d+/messages/\d+", timeout=CHART_WAIT)
    assert edited.path.endswith(str(reply.response["id"]))
    assert {k: v for k, v in zip(*drawn(edited.files[FILENAME]).values(), strict=True) if v} == US_2023_BY_MONTH


async def test_layoffs_charts_a_companys_rounds(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command("layoffs", {"company": "Microsoft"}))
        listed = await standin.wait_for_request("POST", CALLBACK_PATH)
        edited = await standin.wait_for_request("PATCH", ORIGINAL, timeout=CHART_WAIT)
    assert "Microsoft: 2 layoff rounds" in listed.json["data"]["embeds"][0]["title"]
    bars = drawn(edited.files[FILENAME])
    assert {k: v for k, v in zip(bars["labels"], bars["values"], strict=True) if v} == {"Jan 2023": 10_000,
                                                                                        "May 2023": 716}
    assert edited.json["embeds"][0]["title"] == listed.json["data"]["embeds"][0]["title"]


def test_answers_of_one_round_or_of_several_scopes_get_no_chart(kb: KnowledgeBase) -> None:
    for question in ["How many people did Tekion lay off in 2023?",  # one round
                     "What share of layoffs in 2023 were in healthcare?",  # a part and its whole
                     "Did Microsoft cut more than Tekion in 2023?",  # two sides
                     "Top 3 countries by layoffs in 2023",  # a ranking
                     "What is the capital of France?"]:  # declined
        assert chart_series(kb.ask(question, TODAY)) is None, question


async def test_charts_are_skipped_rather_than_queued_when_the_drawing_is_behind() -> None:
    charts = Charts(max_waiting=0)
    chart = Chart("Busy", "People laid off per month", ("Jan 2023", "Feb 2023"), (1, 2), "", "en")
    assert await charts.png(chart) is None and charts.skipped == 1 and not charts.seconds
    await charts.close()


async def test_paging_a_charted_timeline_keeps_showing_its_chart(standin: DiscordStandIn, tmp_path: Path) -> None:
    paged = KnowledgeBase.open(f"sqlite:///{tmp_path / 'kb.db'}", AnswerSettings(refresh_interval=0.2))
    for month in range(1, 12):  # enough rounds for two pages
        paged.add(FactDraft(kind="layoff", company="Globex", count_min=10 * month, count_max=10 * month,
                            qualifier="exact", announced=date(2023, month, 3), summary="Globex cut jobs.",
                            sources=((SourceDraft(url=f"https://news.example/globex/{month}"), None),)), "test")
    try:
        async with standin.running(make_bot(paged)):
            await standin.dispatch("INTERACTION_CREATE", standin.slash_command("layoffs", {"company": "Globex"}))
            first = await standin.wait_for_request("POST", CALLBACK_PATH)
            edited = await standin.wait_for_request("PATCH", ORIGINAL, timeout=CHART_WAIT)
            second = await click(standin, custom_ids(first.json["data"])[1])
    finally:
        paged.close()
    assert drawn(edited.files[FILENAME])["values"] == [10 * month for month in range(1, 12)]
    page_two = second.json["data"]["embeds"][0]
    assert page_two["footer"]["text"] == "Page 2/2" and page_two["image"]["url"] == f"attachment://{FILENAME}"
    assert not second.files  # the chart is the message's already: only the embed changes


async def test_a_worker_that_died_is_replaced_by_the_next_chart() -> None:
    charts = Charts()
    chart = Chart("Replaced", "People laid off per month", ("Jan 2023", "Feb 2023"), (1, 2), "", "en")
    try:
        first = await charts.png(chart)
        worker = charts._pool
        assert worker is not None and first is not None
        for process in list(worker._processes.values()):  # as the system's out-of-memory killer would
            process.kill()
        with pytest.raises(BrokenProcessPool):
            await charts.png(Chart("Lost", "", ("a", "b"), (3, 4), "", "en"))
        again = await charts.png(Chart("Drawn again", "", ("a", "b"), (5, 6), "", "en"))
    finally:
        await charts.close()
    assert again is not None and drawn(again)["values"] == [5, 6] and charts._pool is not worker


async def test_the_rows_of_a_follow_up_are_those_of_its_own_question(standin: DiscordStandIn,
                                                                      kb: KnowledgeBase) -> None:
    """"and in 2022?" after a question about the United States: the rows are the US's in 2022, after a restart too
    (the question is read again in its conversation, from the answer log)."""
    async with standin.running(make_bot(kb)):
        first = await ask(standin, US_2023)
        answer = first.response["resource"]["message"]
        await standin.dispatch("MESSAGE_CREATE", standin.guild_message("and in 2022?", reply_to=answer))
        followed = await standin.wait_for_request("POST", r"/channels/\d+/messages")
    rows_id = next(c for c in custom_ids(followed.json) if c.startswith("rows:"))
    async with standin.running(make_bot(kb)):
        sent = await click(standin, rows_id)
    assert "2022" in followed.json["embeds"][0]["description"]
    assert [(r["company"], r["date"], r["people"]) for r in table(sent)] == [
        ("Clarify Health", "2022-07-01", "30"), ("Ion Motors", "2022-11-01", "1000")]


def _gone(pid: int) -> bool:
    """Whether a process has exited (a zombie waiting for whoever adopted it counts as exited)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


async def test_the_drawing_worker_ends_with_the_bot_however_the_bot_ends() -> None:
    """Closing the charts waits for the worker to leave; a bot that dies without closing them (killed, or ended
    with os._exit) leaves no worker behind either: it notices and ends within seconds."""
    charts = Charts()
    assert await charts.png(Chart("Closed", "", ("a", "b"), (1, 2), "", "en")) is not None
    assert charts._pool is not None
    closed = [process.pid for process in charts._pool._processes.values()]
    await charts.close()
    assert closed and all(_gone(pid) for pid in closed)

    script = ("import asyncio, os, sys\n"
              "from bot.discord.charts import Chart, Charts\n"
              "charts = Charts()\n"
              "assert asyncio.run(charts.png(Chart('Left', '', ('a', 'b'), (1, 2), '', 'en'))) is not None\n"
              "print(*[p.pid for p in charts._pool._processes.values()], flush=True)\n"
              "os._exit(0)\n")
    done = await asyncio.create_subprocess_exec(sys.executable, "-c", script, cwd=ROOT,
                                                stdout=asyncio.subprocess.PIPE)
    out, _ = await asyncio.wait_for(done.communicate(), CHART_WAIT)
    left = [int(pid) for pid in out.split()]
    assert done.returncode == 0 and left
    deadline = time.monotonic() + 10
    while not all(_gone(pid) for pid in left) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    assert all(_gone(pid) for pid in left)


async def test_a_private_answer_about_a_message_has_its_rows_and_chart_and_so_has_its_share(
        standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        said = await standin.dispatch("MESSAGE_CREATE", standin.guild_message(US_2023, user=MODERATOR))
        await standin.dispatch("INTERACTION_CREATE",
                               standin.message_command("Ask about this message", int(said["id"]), user=ALICE))
        private = await standin.wait_for_request("POST", CALLBACK_PATH)
        edited = await standin.wait_for_request("PATCH", ORIGINAL, timeout=CHART_WAIT)  # the private answer's
        share, _, rows_id = custom_ids(private.json["data"])
        rows = await click(standin, rows_id)
        await click(standin, share)
        public = await standin.wait_for_request("POST", r"/webhooks/\d+/[^/]+", timeout=10)
    assert private.json["data"]["flags"] == 64 and rows_id.startswith("rows:a")
    assert len(table(rows)) == 9 and rows.json["data"]["flags"] == 64
    assert edited.json["embeds"][0]["image"]["url"] == f"attachment://{FILENAME}"
    assert {k: v for k, v in zip(*drawn(edited.files[FILENAME]).values(), strict=True) if v} == US_2023_BY_MONTH
    assert public.files[FILENAME] == edited.files[FILENAME]  # drawn already: posted with the shared answer
    assert "rows:a" in " ".join(custom_ids(public.json))


async def test_a_follow_ups_chart_is_titled_with_its_conversation(standin: DiscordStandIn, kb: KnowledgeBase) -> None:
    async with standin.running(make_bot(kb)):
        first = await ask(standin, US_2023)
        await standin.wait_for_request("PATCH", ORIGINAL, timeout=CHART_WAIT)
        answer = first.response["resource"]["message"]
        await standin.dispatch("MESSAGE_CREATE", standin.guild_message("and in 2022?", reply_to=answer))
        edited = await standin.wait_for_request("PATCH", r"/channels/\d+/messages/\d+", timeout=CHART_WAIT)
    png = edited.files[FILENAME]
    assert {k: v for k, v in zip(*drawn(png).values(), strict=True) if v} == {"Jul 2022": 30, "Nov 2022": 1000}
    assert Image.open(io.BytesIO(png)).text["Title"] == f"{US_2023} → and in 2022?"
