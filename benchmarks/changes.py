"""What a change costs a process holding the snapshot, and what answers cost while changes keep arriving.

    python -m benchmarks.changes [--size 100000] [--seconds 30] [--rate 1]

On a synthetic knowledge base shaped like the latency benchmark's (tagged tracker rounds, see
`benchmarks.latency.build`), one process holds the snapshot and another makes changes through the one writer,
as a moderator or an import would.  It prints:

* the snapshot's first build (wall and CPU seconds) and the process's resident memory holding it;
* for each kind of change (an edit of an old round and of a recent one, a retraction, a restore, an approval,
  an import of 100 new rows), the CPU the holding process spends catching up (`KnowledgeBase.refresh`), median
  and largest over several changes;
* answer latency (median, p99, max) over the latency benchmark's two mixes while another process edits a fact
  `--rate` times a second and a thread of this one catches up once a second, as the bot's does.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import random
import statistics
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks.latency import TODAY, build, filtered_questions, percentile, questions
from knowledge.drafts import FactDraft, SourceDraft
from knowledge.errors import InvalidInput
from knowledge.facts import review
from knowledge.facts.imports import import_tracker
from knowledge.facts.service import FactService
from knowledge.intake.trackers import read_tracker
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from knowledge.storage.store import Store
from knowledge.types import FactStatus, SourceKind

HEADER = ("company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,"
          "date_added")


def resident_mb() -> float:
    """The process's resident memory now (not its peak): what holding the snapshot costs."""
    with open(f"/proc/{os.getpid()}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_ms(action: object) -> float:
    started = time.process_time()
    action()  # type: ignore[operator]
    return 1000 * (time.process_time() - started)


def import_file(folder: Path, names: list[str], number: int, rng: random.Random) -> Path:
    """100 new rounds dated in the last weeks, as a tracker's newest export adds them."""
    path = folder / f"layoffs-2026-05-{number:02d}.csv"
    lines = [HEADER]
    for i in range(100):
        day = TODAY - timedelta(days=rng.randrange(60))
        lines.append(f"{rng.choice(names)},SF Bay Area,{rng.randint(5, 900)},{day.month}/{day.day}/{day.year},,"
                     f"Finance,https://new.example/{number}/{i},Series B,10,United States,"
                     f"{day.month}/{day.day}/{day.year}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def figure(rng: random.Random) -> dict[str, object]:
    count = rng.randint(1, 9000)
    return {"count_min": count, "count_max": count, "qualifier": "exact"}


def pending_draft(name: str, number: int) -> FactDraft:
    return FactDraft(kind="layoff", company=name, count_min=40 + number, count_max=40 + number, qualifier="exact",
                     announced=TODAY - timedelta(days=number), summary=f"{name} cut {40 + number} jobs.",
                     status=FactStatus.PENDING,
                     sources=((SourceDraft(kind=SourceKind.ARTICLE, url=f"https://wire.example/{number}",
                                           publisher="Example Wire"), None),))


def measure_changes(url: str, folder: Path, names: list[str], repeats: int) -> None:
    reader = KnowledgeBase.open(url, AnswerSettings(refresh_interval=3600), bundled=False)
    # The writer is the one service alone, as in another process: it holds no snapshot of its own here.
    store = Store.open(url)
    writer = FactService(store)
    started, cpu = time.perf_counter(), time.process_time()
    snapshot = reader.snapshot()
    print(f"first build: {time.perf_counter() - started:.2f} s ({time.process_time() - cpu:.2f} s CPU), "
          f"{snapshot.fact_count:,} facts, resident {resident_mb():.0f} MB")
    rng = random.Random(5)
    facts = sorted(snapshot.facts)
    recent = sorted((f for f in snapshot.facts.values() if f.when >= date(2025, 6, 1)), key=lambda f: f.id)
    retracted: list[int] = []
    waiting = [writer.add(pending_draft(rng.choice(names), n), "benchmark").fact_id for n in range(repeats)]
    reader.refresh()

    def edit(pool: list[int]) -> None:
        writer.edit_fields(rng.choice(pool), figure(rng), "benchmark",
                           None)

    def retract() -> None:
        fact_id = rng.choice(facts)
        writer.retract(fact_id, "benchmark", None)
        retracted.append(fact_id)
        facts.remove(fact_id)

    kinds = {
        "edit (any round)": lambda: edit(facts),
        "edit (a recent round)": lambda: edit([f.id for f in recent]),
        "retract": retract,
        "restore": lambda: writer.restore(retracted.pop(), "benchmark", None),
        "approve": lambda: review.approve(writer, [waiting.pop()], "benchmark"),
        "import 100 rows": lambda: import_tracker(writer, read_tracker(import_file(
            folder, names, len(waiting) + rng.randrange(99), rng))),
    }
    print(f"{'change':<24} {'catch-up CPU ms: median':>24} {'max':>8}")
    for kind, make in kinds.items():
        costs = []
        for _ in range(repeats):
            make()
            costs.append(cpu_ms(reader.refresh))
        print(f"{kind:<24} {statistics.median(costs):>24.1f} {max(costs):>8.1f}")
    print(f"resident after the changes: {resident_mb():.0f} MB")
    store.close()
    reader.close()


def _edit_every(url: str, period: float, seconds: float, seed: int) -> None:
    """In another process: edit a random fact every `period` seconds, for `seconds`."""
    store = Store.open(url)
    writer = FactService(store)
    rng = random.Random(seed)
    ids = [row[0] for row in store.snapshot_rows().facts]
    deadline = time.monotonic() + seconds + 1
    while time.monotonic() < deadline:
        tick = time.monotonic()
        with contextlib.suppress(InvalidInput):  # the same figure drawn again
            writer.edit_fields(rng.choice(ids), figure(rng), "benchmark", None)
        time.sleep(max(0.0, period - (time.monotonic() - tick)))
    store.close()


def _refresh_until(kb: KnowledgeBase, deadline: float) -> None:
    while time.monotonic() < deadline:
        kb.refresh()
        time.sleep(1.0)


def measure_answers_under_changes(url: str, names: list[str], seconds: float, rate: float) -> None:
    reader = KnowledgeBase.open(url, AnswerSettings(refresh_interval=1.0), bundled=False)
    reader.snapshot()
    asked = questions(names, 2000) + filtered_questions(names, 2000)
    random.Random(3).shuffle(asked)
    for question in asked[:200]:  # warm the per-snapshot indexes a running bot has already built
        reader.ask(question, TODAY)
    editor = multiprocessing.get_context("spawn").Process(target=_edit_every, args=(url, 1 / rate, seconds, 9))
    before = reader.store.generation()
    editor.start()
    while reader.store.generation() == before:  # the editor's own start-up is not what is measured
        time.sleep(0.1)
    timings, cpu, generations = [], [], set()
    deadline = time.monotonic() + seconds
    # As the bot does: a thread catches up once a second, questions read the snapshot held.
    refresher = threading.Thread(target=_refresh_until, args=(reader, deadline), daemon=True)
    refresher.start()
    i = 0
    while time.monotonic() < deadline:
        started, used = time.perf_counter(), time.thread_time()
        reader.ask(asked[i % len(asked)], TODAY, refresh=False)
        cpu.append(1000 * (time.thread_time() - used))
        timings.append(1000 * (time.perf_counter() - started))
        generations.add(reader.snapshot(refresh=False).generation)
        i += 1
    editor.join()
    print(f"answers while another process edits {rate:g}/s for {seconds:g} s: {len(timings):,} asked, "
          f"{len(generations)} snapshots; median {statistics.median(timings):.3f} ms, "
          f"p99 {percentile(timings, 0.99):.3f} ms, max {max(timings):.2f} ms (CPU: median "
          f"{statistics.median(cpu):.3f}, p99 {percentile(cpu, 0.99):.3f}, max {max(cpu):.2f} ms)")
    reader.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--rate", type=float, default=1.0, help="changes per second while answering")
    parser.add_argument("--repeats", type=int, default=5, help="changes of each kind")
    parser.add_argument("--database", type=Path, help="reuse (or make) the knowledge base in this file")
    parser.add_argument("--part", choices=("all", "changes", "answers"), default="all")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = args.database or folder / "bench.db"
        if not path.exists():
            kb, names = build(path, args.size)
            kb.close()
            (path.parent / f"{path.name}.names").write_text("\n".join(names), encoding="utf-8")
        names = (path.parent / f"{path.name}.names").read_text(encoding="utf-8").split("\n")
        url = f"sqlite:///{path}"
        if args.part in ("all", "changes"):
            measure_changes(url, folder, names, args.repeats)
        if args.part in ("all", "answers"):
            measure_answers_under_changes(url, names, args.seconds, args.rate)


if __name__ == "__main__":
    main()
