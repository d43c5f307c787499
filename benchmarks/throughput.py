"""layoffbot's /ask ceiling against a trivial discord.py bot's, through the local stand-in, in one run.

    python -m benchmarks.throughput [--count 6000] [--concurrency 300] [--duration 15] [--data ../shared/data]
                                    [--pin]

Three measurements, one after the other, each bot in its own process against a fresh stand-in (the
machinery of benchmarks/load.py: the generator and the stand-in share this process, on the other core):

1. the ceiling of benchmarks/reference_bot.py (a fixed embed per /ask): `--count` interactions with
   `--concurrency` in flight (closed loop), answers per second over the whole burst;
2. the same for `python -m bot run` on a knowledge base holding the older layoffs.fyi export, asked the
   load benchmark's mix of questions (counts, periods, typos, French, totals, declines);
3. layoffbot at 80% of the reference's ceiling (open loop, `--duration` seconds): time to first response,
   p50 / p99 / max, which should stay under 100 ms at p99.

Printed: each ceiling, their ratio (target: at least 0.90), the open-loop latencies, and the CPU each bot
process used per interaction.  A machine shared with other work lowers both ceilings, not always equally:
the CPU used by other processes during each phase is printed too.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import signal
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.load import (
    CHANNEL,
    GUILD,
    MOD_ROLE,
    MODERATOR,
    ROOT,
    USERS,
    Run,
    TimedStandIn,
    cpu_seconds,
    import_first,
    load,
    percentile,
    questions,
    start_process,
    tracker_rows,
    write_config,
)
from tests.support.standin import FakeChannel, FakeGuild, FakeUser

SHARED = next((up / "shared" for up in Path(__file__).resolve().parents if (up / "shared" / "data").is_dir()),
              ROOT.parent / "shared")


async def stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 30)


def summary(label: str, run: Run, cpu: tuple[float, float]) -> float:
    """Print one phase's figures; returns its answers per second."""
    wall = run.finished - run.started
    answered = [s for s in run.samples if s.latency is not None and not s.error]
    latencies = sorted(1000 * s.latency for s in answered if s.latency is not None)
    rate = len(answered) / wall if wall > 0 else 0.0
    errors = len(run.samples) - len(answered)
    print(f"{label:<34} {len(run.samples):>6,} {rate:>9,.0f} {percentile(latencies, 0.5):>7.1f} "
          f"{percentile(latencies, 0.99):>7.1f} {latencies[-1] if latencies else float('nan'):>7.1f} {errors:>6,} "
          f"{1000 * cpu[0] / max(1, len(run.samples)):>8.2f} {cpu[1] / wall:>7.2f}")
    return rate


async def phase(standin: TimedStandIn, process: asyncio.subprocess.Process, asked: list[tuple[str, str]],
                users: list[FakeUser], rate: float, count: int, concurrency: int) -> tuple[Run, tuple[float, float]]:
    """One measured burst, with the bot's CPU seconds and the other processes' CPU (in cores) over it."""
    before = (cpu_seconds(process.pid), time.process_time(), cpu_seconds())
    run = await load(standin, asked, users, rate, count, concurrency)
    bot_cpu = cpu_seconds(process.pid) - before[0]
    others = max(0.0, cpu_seconds() - before[2] - bot_cpu - (time.process_time() - before[1]))
    return run, (bot_cpu, others)


async def measure(args: argparse.Namespace, folder: Path) -> None:
    rows, base, _ = tracker_rows(args.data, folder)
    config = write_config(folder)
    print(f"knowledge base: {import_first(config, base)}")
    asked = questions(rows, 4000)
    users = [FakeUser(1_400_000_000_000_000_000 + i, f"member{i}") for i in range(USERS)]
    guild = FakeGuild(GUILD, channels=[FakeChannel(CHANNEL)], roles=[MOD_ROLE], members=[MODERATOR])
    bots = {"reference (fixed embed)": [sys.executable, "-m", "benchmarks.reference_bot"],
            "layoffbot": [sys.executable, "-m", "bot", "--config", str(config), "run"]}
    ceilings: dict[str, float] = {}
    print(f"\n{'phase':<34} {'asks':>6} {'answers/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'errors':>6} "
          f"{'bot ms/ask':>8} {'others':>7}")
    for name, command in bots.items():
        async with TimedStandIn(guilds=[guild], heartbeat_interval=5.0) as standin:
            process = await start_process(standin, command, folder / f"{command[-1]}.log", args.pin, command[-1],
                                          ready_within=90)
            gc.collect()
            gc.freeze()
            try:
                await load(standin, asked[::-1], users[::-1], 0, args.count // 4, args.concurrency)  # warm-up
                run, cpu = await phase(standin, process, asked, users, 0, args.count, args.concurrency)
                ceilings[name] = summary(f"{name}: ceiling", run, cpu)
                if name == "layoffbot":
                    rate = 0.8 * ceilings["reference (fixed embed)"]
                    run, cpu = await phase(standin, process, asked, users, rate, int(rate * args.duration),
                                           args.concurrency)
                    summary(f"{name}: at {rate:,.0f}/s (80% of ref.)", run, cpu)
            finally:
                await stop(process)
    ratio = ceilings["layoffbot"] / ceilings["reference (fixed embed)"] if ceilings["reference (fixed embed)"] else 0
    print(f"\nlayoffbot's ceiling is {ratio:.0%} of the reference's (target: at least 90%)")
    print("'bot ms/ask': CPU of the bot process per interaction; 'others': cores used meanwhile by processes other "
          "than the bot and this one")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=6000, help="interactions in each ceiling burst")
    parser.add_argument("--concurrency", type=int, default=300, help="most interactions unanswered at once")
    parser.add_argument("--duration", type=float, default=15, help="seconds at 80%% of the reference's ceiling")
    parser.add_argument("--data", type=Path, default=SHARED / "data", help="tracker exports")
    parser.add_argument("--pin", action="store_true", help="the bot on CPU 1, this process on CPU 0")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="layoffbot-throughput-") as tmp:
        asyncio.run(measure(args, Path(tmp)))


if __name__ == "__main__":
    main()
