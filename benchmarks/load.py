"""Load test: the real bot process answering many /ask at once through the local Discord stand-in.

    python -m benchmarks.load [--rate 500] [--duration 20 | --count N] [--concurrency 500] [--warmup 3]
                              [--data ../shared/data] [--no-import] [--watchers 2000] [--timeline] [--pin] [--keep]

The bot runs as `python -m bot run` in its own process, pointed at the stand-in with
LAYOFFBOT_DISCORD_API / LAYOFFBOT_DISCORD_GATEWAY, on a SQLite knowledge base where
the older layoffs.fyi export was imported first.  This process runs the stand-in and
the load generator on one event loop: interactions arrive at `--rate` per second
(open loop, so a slow bot shows as latency rather than as a politely lower rate;
`--rate 0` keeps `--concurrency` in flight instead, to find the ceiling), at most
`--concurrency` unanswered at once.  Latency is the time to first response, from
sending INTERACTION_CREATE on the gateway to the stand-in receiving the
interaction callback POST: both ends are stamped on this process's clock.

A quarter of the way in, a moderator runs `/kb import` with the current export
(4,411 rows): the import is timed from its dispatch to its follow-up message, and
the answers sent while it ran are reported apart, to show they kept flowing.

Watches are in play: before the bot starts, `--watchers` members each watch a company
of the exports (one in ten an industry instead), one in twenty with DMs closed to the
bot, and the server has a feed channel.  The rows the import adds reach them as direct
messages and feed posts while the load goes on; how many, to whom, and how long after
the import they arrived is reported.

Charts are in play: totals over a period and timelines get a PNG chart, drawn by the bot's worker process
after the answer is sent and attached by editing it.  How many arrived, how long after their answers, and the
bot's own account of the drawing (time per chart, charts reused, charts skipped while the worker was behind)
are reported.

Why two processes: the bot is single-threaded (one event loop, one GIL), so it can
use one of this machine's two cores; the stand-in and the generator take the other
and must have spare capacity, or the figures would measure them (they use about a
quarter of a core at 500/s, a third at 900/s).  Running the stand-in in the bot's
process would bill its work to the bot; a third process for the generator would
only add a hop and a clock between the two stamps.  The CPU used by the bot, by this
process and by anything else on the machine is printed: other jobs running at the
same time make the bot look slower, and the run says so.  `--pin` puts the bot on
CPU 1 and this process on CPU 0.

The exports are read from `--data` at run time (never copied into the repository);
without them the knowledge base is made of synthetic tracker rows.  The knowledge
base, config and bot log go to a temporary folder, removed afterwards unless `--keep`.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import math
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from aiohttp import web

from knowledge.intake.trackers import TrackerRow, read_tracker
from knowledge.kb import KnowledgeBase
from knowledge.news.watches import WatchKind
from tests.support.standin import DiscordStandIn, FakeAttachment, FakeChannel, FakeGuild, FakeRole, FakeUser
from tests.support.standin.records import RECORD

ROOT = Path(__file__).resolve().parent.parent

GUILD, CHANNEL, FEED = 1_200_000_000_000_000_001, 1_200_000_000_000_000_010, 1_200_000_000_000_000_012
MOD_ROLE = FakeRole(1_200_000_000_000_000_100, "Fact keepers")
MODERATOR = FakeUser(1_300_000_000_000_000_002, "mona", roles=[MOD_ROLE.id])
USERS = 20_000  # each asks at most once per USERS / rate seconds: under the 5-per-minute cooldown up to 1,600/s
BASE_EXPORT, NEW_EXPORT = "layoffs-fyi-2024-05-24.csv", "layoffs-fyi-2026-05-15.csv"
ANSWERED_COLOUR = 0x2E8B57  # bot.discord.render.ANSWERED
TIMEOUT = 10.0
CHART = "chart.png"  # bot.discord.charts.FILENAME (not imported: this process never loads the bot)


class TimedStandIn(DiscordStandIn):
    """The stand-in, stamping when each interaction's callback and each follow-up arrive."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.callbacks: dict[int, asyncio.Future[tuple[float, dict[str, Any]]]] = {}
        self.followups: dict[str, asyncio.Future[tuple[float, dict[str, Any]]]] = {}
        self.news: list[tuple[float, int, int]] = []  # (arrived, channel, status) of DMs and feed posts
        # interaction token -> when its chart arrived: with the answer (drawn before) or in an edit after it
        self.charts: dict[str, float] = {}

    async def _interaction_callback(self, request: web.Request) -> web.Response:
        arrived = time.perf_counter()
        response = await super()._interaction_callback(request)
        record = request[RECORD]
        if CHART in record.files and response.status < 300:  # a chart drawn before, sent with the answer
            self.charts[request.match_info["token"]] = arrived
        waiter = self.callbacks.pop(int(request.match_info["interaction"]), None)
        if waiter is not None and not waiter.done():
            waiter.set_result((arrived, record.json or {}))  # parsed from JSON or a multipart's payload_json
        return response

    async def _execute_webhook(self, request: web.Request) -> web.Response:
        arrived = time.perf_counter()
        response = await super()._execute_webhook(request)
        waiter = self.followups.pop(request.match_info["token"], None)
        if waiter is not None and not waiter.done():
            waiter.set_result((arrived, await request.json()))
        return response

    async def _create_message(self, request: web.Request) -> web.Response:
        arrived = time.perf_counter()
        response = await super()._create_message(request)
        channel = int(request.match_info["channel"])
        if channel == FEED or channel in self._dm_channels:
            self.news.append((arrived, channel, response.status))
        return response

    async def _webhook_message(self, request: web.Request) -> web.Response:
        arrived = time.perf_counter()
        response = await super()._webhook_message(request)
        if request.method == "PATCH" and CHART in request[RECORD].files and response.status < 300:
            self.charts[request.match_info["token"]] = arrived
        return response

    def forget(self, keep: int = 2500) -> None:
        """Drop the records a long run would pile up (requests, messages and their files, answered interactions),
        but the latest `keep` messages and interactions: a chart edits its answer a moment after it was sent."""
        self.requests.clear()
        for message_id in list(self.messages)[:-keep]:
            message = self.messages.pop(message_id)
            for attachment in message.get("attachments") or ():  # a chart (a command's upload is on no message)
                self._files.pop(int(attachment["id"]), None)
        done = [k for k, state in self.interactions.items() if state.responded and not state.loading]
        for key in done[:-keep]:
            del self.interactions[key]


@dataclass
class Sample:
    sent: float
    latency: float | None = None  # seconds; None: no answer in time
    error: str | None = None
    answered: bool = False
    token: str = ""  # the interaction's, which the edit attaching a chart names


@dataclass
class Run:
    samples: list[Sample] = field(default_factory=list)
    late: int = 0  # interactions sent more than 10 ms after their scheduled time (generator behind)
    started: float = 0.0
    finished: float = 0.0


# --------------------------------------------------------------------------- data and questions


def tracker_rows(data: Path, folder: Path) -> tuple[list[TrackerRow], Path, Path]:
    """Rows to ask about, the export imported first and the one a moderator imports during the run."""
    base, new = data / BASE_EXPORT, data / NEW_EXPORT
    if new.is_file():
        rows = read_tracker(new).rows
        return rows, base if base.is_file() else new, new
    print(f"(no exports in {data}: using synthetic tracker rows)")
    synthetic = folder / "synthetic.csv"
    rng = random.Random(3)
    lines = ["company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,"
             "country,date_added"]
    for i in range(4000):
        name = "".join(rng.choice(["ka", "lo", "ven", "tor", "mi", "zu", "dra", "tek"]) for _ in range(3)).title()
        day = date(2020 + i % 6, 1 + i % 12, 1 + i % 28)
        lines.append(f"{name} {i},SF Bay Area,{rng.randint(5, 5000)},{day:%m/%d/%Y},,Retail,"
                     f"https://news.example/{i},Unknown,10,United States,{day:%m/%d/%Y}")
    synthetic.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return read_tracker(synthetic).rows, synthetic, synthetic


def questions(rows: list[TrackerRow], count: int, seed: int = 5) -> list[tuple[str, str]]:
    """(question, locale): counts by year and month, typos, shares, French, totals, and some to decline."""
    rng = random.Random(seed)
    asked = []
    for i in range(count):
        row = rng.choice(rows)
        name, day = row.company, row.announced
        typo = name[:2] + name[3] + name[2] + name[4:] if len(name) > 6 else name
        asked.append([
            (f"How many people did {name} lay off in {day.year}?", "en-US"),
            (f"{name} layoffs in {day:%B %Y}", "en-US"),
            (f"Combien de personnes {name} a-t-elle licenciées en {day.year} ?", "fr"),
            (f"how many people did {typo.lower()} cut in {day:%B %Y}", "en-GB"),
            (f"What percent of its workforce did {name} cut in {day:%B %Y}?", "en-US"),
            (f"{name} layoffs", "fr"),
            (f"How many tech workers were laid off in {day.year}?", "en-US"),
            (f"Quel a été le plus gros licenciement en {day.year} ?", "fr"),
            (f"How many employees did Zorblatt Quux lay off in {day.year}?", "en-US"),
            ("What is the capital of France?", "en-US"),
        ][i % 10])
    rng.shuffle(asked)
    return asked


# --------------------------------------------------------------------------- the bot process


def write_config(folder: Path) -> Path:
    path = folder / "config.toml"
    path.write_text(f"[database]\nurl = \"sqlite:///{folder / 'kb.db'}\"\n\n[discord]\nguild_ids = [{GUILD}]\n"
                    f"moderator_role_ids = [{MOD_ROLE.id}]\n", encoding="utf-8")
    return path


def watchers(database: str, rows: list[TrackerRow], users: list[FakeUser], count: int) -> set[int]:
    """`count` members watching a company of the exports (one in ten an industry), and a feed channel; the news
    of the first import is marked delivered, as a bot running then would have.  Returns who has DMs closed."""
    kb = KnowledgeBase.open(database, bundled=False)
    try:
        snapshot = kb.refresh()
        companies = sorted({found for row in rows if (found := snapshot.matcher.lookup(row.company)) is not None})
        industries = sorted({row.industry for row in rows if row.industry})
        rng = random.Random(11)
        for user in users[:count]:
            if user.id % 10 == 0 and industries:
                kb.watch(user.id, WatchKind.INDUSTRY, industry=rng.choice(industries))
            else:
                kb.watch(user.id, WatchKind.COMPANY, company_id=rng.choice(companies))
        kb.set_feed(GUILD, FEED, "en")
        while (waiting := kb.claim_news()) is not None:
            kb.news_delivered(waiting)
    finally:
        kb.close()
    return {user.id for user in users[:count:20]}


def import_first(config: Path, export: Path) -> str:
    """The export the knowledge base starts from, imported with the command line."""
    done = subprocess.run([sys.executable, "-m", "bot", "--config", str(config), "kb", "import", str(export),
                           "--format", "layoffs-fyi"], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.splitlines()[0] if done.stdout else export.name


async def start_bot(standin: DiscordStandIn, config: Path, log: Path, pin: bool) -> asyncio.subprocess.Process:
    return await start_process(standin, [sys.executable, "-m", "bot", "--config", str(config), "run"], log, pin,
                               "the bot", ready_within=60)


async def start_process(standin: DiscordStandIn, command: list[str], log: Path, pin: bool, name: str,
                        ready_within: float) -> asyncio.subprocess.Process:
    """A bot (`command`) pointed at the stand-in, logging to `log`, once it says it is ready (as `python -m bot
    run` and benchmarks/reference_bot.py both do)."""
    env = {**os.environ, "DISCORD_TOKEN": standin.token or "", "LAYOFFBOT_DISCORD_API": standin.api_url,
           "LAYOFFBOT_DISCORD_GATEWAY": standin.gateway_url, "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as stderr:
        process = await asyncio.create_subprocess_exec(*command, cwd=ROOT, env=env,
                                                       stdout=asyncio.subprocess.DEVNULL, stderr=stderr)
    if pin:
        os.sched_setaffinity(process.pid, {1})
        os.sched_setaffinity(0, {0})
    deadline = time.monotonic() + ready_within
    while b"ready as" not in log.read_bytes():
        if process.returncode is not None or time.monotonic() > deadline:
            raise SystemExit(f"{name} did not become ready; its log:\n{log.read_text(errors='replace')[-3000:]}")
        await asyncio.sleep(0.05)
    return process


def cpu_seconds(pid: int | None = None) -> float:
    """User + system CPU time of a process (all its threads), or of the whole machine, from /proc."""
    if pid is None:
        busy = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        return (sum(int(x) for x in busy[:8]) - int(busy[3]) - int(busy[4])) / os.sysconf("SC_CLK_TCK")
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --------------------------------------------------------------------------- load


async def ask(standin: TimedStandIn, question: str, locale: str, user: FakeUser, run: Run) -> None:
    payload = standin.slash_command("ask", {"question": question}, user=user)
    payload["locale"] = locale
    loop = asyncio.get_running_loop()
    waiter: asyncio.Future[tuple[float, dict[str, Any]]] = loop.create_future()
    standin.callbacks[int(payload["id"])] = waiter
    sample = Sample(time.perf_counter(), token=payload["token"])
    run.samples.append(sample)
    await standin.dispatch("INTERACTION_CREATE", payload)
    try:
        arrived, body = await asyncio.wait_for(waiter, TIMEOUT)
    except TimeoutError:
        sample.error = "timeout"
        return
    sample.latency = arrived - sample.sent
    data = body.get("data") or {}
    embeds = data.get("embeds") or []
    if body.get("type") != 4 or not embeds or data.get("flags", 0) & 64:
        sample.error = (data.get("content") or f"callback type {body.get('type')}")[:60]
    else:
        sample.answered = embeds[0].get("color") == ANSWERED_COLOUR


async def load(standin: TimedStandIn, asked: list[tuple[str, str]], users: list[FakeUser], rate: float,
               count: int, concurrency: int) -> Run:
    """`count` /ask at `rate` per second (0: as fast as `concurrency` in flight allows)."""
    run, slots, tasks = Run(), asyncio.Semaphore(concurrency), set()
    loop = asyncio.get_running_loop()

    async def one(i: int) -> None:
        try:
            question, locale = asked[i % len(asked)]
            await ask(standin, question, locale, users[i % len(users)], run)
        finally:
            slots.release()

    run.started, began = time.perf_counter(), loop.time()
    for i in range(count):
        if rate:
            due = began + i / rate
            if (delay := due - loop.time()) > 0:
                await asyncio.sleep(delay)
        await slots.acquire()
        if rate and loop.time() - (began + i / rate) > 0.01:
            run.late += 1
        task = asyncio.create_task(one(i))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
        if i % 500 == 499:
            standin.forget()
    await asyncio.gather(*tasks)
    run.finished = time.perf_counter()
    standin.forget()
    return run


@dataclass
class Import:
    sent: float = 0.0
    acknowledged: float | None = None
    finished: float | None = None
    summary: str = ""
    longest_gap: float = 0.0  # seconds without any answer while it ran


async def moderator_import(standin: TimedStandIn, export: Path, after: float) -> Import:
    await asyncio.sleep(after)
    payload = standin.slash_command("kb", {"file": FakeAttachment(export.name, export.read_bytes())},
                                    subcommand="import", user=MODERATOR)
    loop = asyncio.get_running_loop()
    acknowledged = standin.callbacks[int(payload["id"])] = loop.create_future()
    followed = standin.followups[payload["token"]] = loop.create_future()
    result = Import(time.perf_counter())
    await standin.dispatch("INTERACTION_CREATE", payload)
    result.acknowledged = (await asyncio.wait_for(acknowledged, TIMEOUT))[0]
    arrived, body = await asyncio.wait_for(followed, 600)
    result.finished = arrived
    embeds = body.get("embeds") or [{}]
    result.summary = (embeds[0].get("description") or body.get("content") or "").splitlines()[0]
    return result


# --------------------------------------------------------------------------- report


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))] if ordered else math.nan


def row(label: str, samples: list[Sample], answers: int, seconds: float) -> str:
    """Latencies of the asks sent in a phase, and the answers that arrived in it per second."""
    latencies = sorted(1000 * s.latency for s in samples if s.latency is not None)
    errors = sum(1 for s in samples if s.error)
    answered = sum(s.answered for s in samples) / max(1, len(samples))
    return (f"{label:<16} {len(samples):>7,} {answers / seconds if seconds > 0 else 0:>10,.0f} "
            f"{percentile(latencies, 0.5):>7.1f} {percentile(latencies, 0.9):>7.1f} {percentile(latencies, 0.99):>7.1f}"
            f" {latencies[-1] if latencies else math.nan:>7.1f} {errors:>7,} {answered:>9.0%}")


def report(run: Run, imported: Import | None, rate: float, cpu: tuple[float, float, float],
           timeline: bool) -> None:
    wall = run.finished - run.started
    print(f"\n{'phase':<16} {'asks':>7} {'answers/s':>10} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} {'max ms':>7} "
          f"{'errors':>7} {'answered':>9}")
    arrivals = sorted(s.sent + s.latency for s in run.samples if s.latency is not None)
    print(row("all", run.samples, len(arrivals), wall))
    if imported and imported.finished:
        start, end = imported.sent, imported.finished
        during = [s for s in run.samples if start <= s.sent <= end]
        outside = [s for s in run.samples if not start <= s.sent <= end]
        inside = [t for t in arrivals if start <= t <= end]
        print(row("outside import", outside, len(arrivals) - len(inside), wall - (end - start)))
        print(row("during import", during, len(inside), end - start))
        gaps = [b - a for a, b in zip([start, *inside], [*inside, end], strict=True)]
        imported.longest_gap = max(gaps)
    errors: dict[str, int] = {}
    for sample in run.samples:
        if sample.error:
            errors[sample.error] = errors.get(sample.error, 0) + 1
    for text, times in sorted(errors.items(), key=lambda item: -item[1])[:5]:
        print(f"  {times:>6,} × {text}")
    if timeline and imported and imported.finished:
        print("\nwhile importing (time from its dispatch: asks sent, answers received, p99 of those asks)")
        step = 0.25
        for k in range(-2, math.ceil((imported.finished - imported.sent) / step) + 2):
            low = imported.sent + k * step
            sent = [s for s in run.samples if low <= s.sent < low + step]
            got = sum(1 for t in arrivals if low <= t < low + step)
            p99 = percentile(sorted(1000 * s.latency for s in sent if s.latency is not None), 0.99)
            print(f"  {k * step:+6.2f} s {len(sent):>5} {got:>5} {p99:>8.1f} ms")
    offered = f"{rate:,.0f}/s offered" if rate else "closed loop"
    print(f"\n{offered}; {run.late:,} interactions sent more than 10 ms late (generator or concurrency limit)")
    if imported and imported.finished and imported.acknowledged:
        print(f"/kb import: deferred in {1000 * (imported.acknowledged - imported.sent):.0f} ms, finished in "
              f"{imported.finished - imported.sent:.2f} s; longest time without an answer meanwhile "
              f"{1000 * imported.longest_gap:.0f} ms\n  {imported.summary}")
    others = max(0.0, cpu[2] - cpu[0] - cpu[1]) / wall
    print(f"CPU over the run (in cores): bot process {cpu[0] / wall:.2f}, stand-in + generator {cpu[1] / wall:.2f}, "
          f"other processes {others:.2f} of {os.cpu_count()}")
    if others > 0.1:
        print("  warning: other processes were busy during the run; the figures understate the bot")


def charts_report(standin: TimedStandIn, run: Run, log: Path) -> None:
    """The charts that reached the answers, how long after them, and the bot's own account of drawing them."""
    delays = sorted(1000 * (standin.charts[s.token] - (s.sent + s.latency)) for s in run.samples
                    if s.latency is not None and s.token in standin.charts)
    answered = sum(1 for s in run.samples if s.answered)
    edited = [delay for delay in delays if delay > 0.5]  # ms: one sent with its answer arrived with it
    print(f"charts: {len(delays):,} attached, to {len(delays) / max(1, answered):.0%} of the {answered:,} answers: "
          f"{len(delays) - len(edited):,} with the answer (drawn before), {len(edited):,} edited in after it, "
          f"p50 {percentile(edited, 0.5):.0f} ms, p99 {percentile(edited, 0.99):.0f} ms after the answer")
    account = [line.split("charts: ", 1)[1] for line in log.read_text(errors="replace").splitlines()
               if "bot.discord.charts" in line and "charts: " in line]
    if account:
        print(f"  the bot (warm-up and run): {account[-1]}")


def news_report(standin: TimedStandIn, imported: Import, closed: int) -> None:
    """The direct messages and feed posts the import brought: how many, and when, from the import's end."""
    assert imported.finished is not None
    direct = [(at, status) for at, channel, status in standin.news if channel != FEED]
    feed = [at for at, channel, _ in standin.news if channel == FEED]
    refused = sum(1 for _, status in direct if status == 403)
    recipients = len({channel for _, channel, _ in standin.news if channel != FEED})
    delays = sorted(at - imported.finished for at, _ in direct) + sorted(at - imported.finished for at in feed)
    print(f"news: {len(direct):,} direct messages to {recipients:,} watchers ({refused:,} refused: DMs closed, of "
          f"{closed:,} closed), {len(feed):,} feed post(s)")
    if delays:
        print(f"  arrived {min(delays):+.2f} s to {max(delays):+.2f} s from the import's follow-up "
              f"(the import commits just before it)")


async def main_async(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="layoffbot-load-"))
    try:
        await measure(args, folder)
    finally:
        if args.keep:
            print(f"knowledge base, config and bot log kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


async def measure(args: argparse.Namespace, folder: Path) -> None:
    rows, base, new = tracker_rows(args.data, folder)
    config = write_config(folder)
    print(f"knowledge base: {import_first(config, base)}")
    count = args.count or int(args.rate * args.duration) or 10_000
    asked = questions(rows, 4000)
    users = [FakeUser(1_400_000_000_000_000_000 + i, f"member{i}") for i in range(USERS)]
    closed = watchers(f"sqlite:///{folder / 'kb.db'}", rows, users, args.watchers) if args.watchers else set()
    guild = FakeGuild(GUILD, channels=[FakeChannel(CHANNEL), FakeChannel(FEED, name="news")], roles=[MOD_ROLE],
                      members=[MODERATOR])
    async with TimedStandIn(guilds=[guild], heartbeat_interval=5.0) as standin:
        standin.closed_dms |= closed
        process = await start_bot(standin, config, folder / "bot.log", args.pin)
        print(f"bot pid {process.pid}")
        gc.collect()
        gc.freeze()  # this process's garbage collector then skips the long-lived set-up, and pauses less
        run: Run | None = None
        try:
            if args.warmup:
                warm = await load(standin, asked[::-1], users[::-1], args.rate or 0, int(args.warmup * (
                    args.rate or 300)), args.concurrency)
                print(f"warm-up: {len(warm.samples):,} asks, {sum(s.error is not None for s in warm.samples)} errors")
            before = (cpu_seconds(process.pid), time.process_time(), cpu_seconds())
            importing = None
            if not args.no_import:
                expected = count / args.rate if args.rate else args.duration
                importing = asyncio.create_task(moderator_import(standin, new, expected / 4))
            run = await load(standin, asked, users, args.rate, count, args.concurrency)
            cpu = (cpu_seconds(process.pid) - before[0], time.process_time() - before[1], cpu_seconds() - before[2])
            imported = await importing if importing else None
            report(run, imported, args.rate, cpu, args.timeline)
            if args.watchers and imported and imported.finished:
                await asyncio.sleep(5)  # what the import queued has had time to arrive
                news_report(standin, imported, len(closed))
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
            if code := await asyncio.wait_for(process.wait(), 30):
                log = (folder / "bot.log").read_text(errors="replace")
                print(f"the bot exited with {code}; the end of its log:\n{log[-3000:]}")
        if run is not None:  # the bot's account of its charts is the last thing it logs
            charts_report(standin, run, folder / "bot.log")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=500, help="interactions per second offered (0: closed loop)")
    parser.add_argument("--duration", type=float, default=20, help="seconds measured")
    parser.add_argument("--count", type=int, default=0,
                        help="interactions measured (instead of --duration; 10,000 by default with --rate 0)")
    parser.add_argument("--concurrency", type=int, default=500, help="most interactions unanswered at once")
    parser.add_argument("--warmup", type=float, default=3, help="seconds of unmeasured load first")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="tracker exports")
    parser.add_argument("--no-import", action="store_true", help="no moderator import during the run")
    parser.add_argument("--watchers", type=int, default=2000,
                        help="members watching a company or an industry (0: no watches, no feed)")
    parser.add_argument("--timeline", action="store_true", help="answers and p99 every 0.25 s around the import")
    parser.add_argument("--pin", action="store_true", help="bot on CPU 1, stand-in and generator on CPU 0")
    parser.add_argument("--keep", action="store_true", help="keep the knowledge base, config and bot log")
    args = parser.parse_args()
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
