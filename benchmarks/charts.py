"""Chart cost: the chart data taken from answers (on the bot's event loop) and the drawing (in its worker process).

    python -m benchmarks.charts [--charts 300] [--repeat 3] [--data ../shared/data]

Imports the newer layoffs.fyi export from `--data` (synthetic tracker rows without it) into a temporary SQLite
knowledge base, then asks the questions that get a chart in Discord: a company's year and its timeline, an
industry's, a country's and the whole tracker's year, in English and French.  For each answer it times
`chart_series` (what the bot does on its event loop before handing the chart on), and draws each distinct chart
`--repeat` times in one worker process started as the bot starts it (spawned, `bot.discord.charts.draw`, after
a warm-up drawing), timing each drawing there: wall time (what an answer waits for its chart) and CPU time
(what it costs the machine).  The machine's load average is printed: other jobs on the same cores make the
wall times longer than the drawing itself.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import os
import random
import shutil
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from benchmarks.load import ROOT, tracker_rows
from bot.discord.charts import Chart, chart_of, draw
from knowledge import chart_series
from knowledge.intake.trackers import TrackerRow
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings

TODAY = date(2026, 6, 1)


def questions(rows: list[TrackerRow], count: int, seed: int = 13) -> list[tuple[str, str]]:
    """(question, language) of each kind that gets a chart, drawn from the export's own companies, tags and years."""
    rng = random.Random(seed)
    by_company = Counter((row.company, row.announced.year) for row in rows)
    company_years = [key for key, n in by_company.items() if n >= 2] or list(by_company)
    industries = sorted({row.industry for row in rows if row.industry})
    countries = sorted({row.country for row in rows if row.country})
    years = sorted({row.announced.year for row in rows})
    asked: list[tuple[str, str]] = []
    for i in range(count):
        company, year = rng.choice(company_years)
        asked.append([
            (f"How many people did {company} lay off in {year}?", "en"),
            (f"Combien de personnes {company} a-t-elle licenciées en {year} ?", "fr"),
            (f"{company} layoffs", "en"),
            (f"How many people were laid off in {rng.choice(industries)} in {rng.choice(years)}?", "en"),
            (f"How many people were laid off in {rng.choice(countries)} in {rng.choice(years)}?", "en"),
            (f"Combien de licenciements en {rng.choice(years)} ?", "fr"),
        ][i % 6])
    return asked


def timed_draw(chart: Chart) -> tuple[float, float, int]:
    """In the worker: (wall seconds, CPU seconds, PNG bytes) of one drawing."""
    cpu = time.process_time()
    png, wall = draw(chart)
    return wall, time.process_time() - cpu, len(png)


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    if not ordered:
        return "none"

    def at(share: float) -> float:
        return 1000 * ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]

    return f"p50 {at(0.5):6.1f} ms  p90 {at(0.9):6.1f} ms  p99 {at(0.99):6.1f} ms  max {1000 * ordered[-1]:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--charts", type=int, default=300, help="questions asked (distinct charts are drawn)")
    parser.add_argument("--repeat", type=int, default=3, help="drawings of each distinct chart")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="tracker exports")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="layoffbot-charts-"))
    try:
        rows, _, export = tracker_rows(args.data, folder)
        kb = KnowledgeBase.open(f"sqlite:///{folder / 'kb.db'}", AnswerSettings(refresh_interval=3600))
        print(kb.import_file(export).summary().splitlines()[0])
        kb.refresh()
        extraction: list[float] = []
        charts: dict[Chart, None] = {}
        grains: Counter[str] = Counter()
        bars: list[int] = []
        for question, language in questions(rows, args.charts):
            answer = kb.ask(question, TODAY, language=language)
            started = time.perf_counter()
            series = chart_series(answer)
            extraction.append(time.perf_counter() - started)
            if series is not None and (chart := chart_of(series)) not in charts:
                charts[chart] = None
                grains[series.grain] += 1
                bars.append(len(series.bars))
        kb.close()
        print(f"{args.charts} answers; chart data taken in {percentiles(extraction)}")
        median = sorted(bars)[len(bars) // 2] if bars else 0
        print(f"{len(charts)} distinct charts ({', '.join(f'{n} by {g}' for g, n in grains.items())}; "
              f"{min(bars, default=0)}–{max(bars, default=0)} bars, median {median})")
        walls, cpus, sizes = [], [], []
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            pool.submit(timed_draw, Chart("", "", ("a", "b"), (1, 2), "", "en")).result()  # import and fonts
            load_before = os.getloadavg()[0]
            for _ in range(args.repeat):
                for chart in charts:
                    wall, cpu, size = pool.submit(timed_draw, chart).result()
                    walls.append(wall)
                    cpus.append(cpu)
                    sizes.append(size)
            load_after = os.getloadavg()[0]
        print(f"{len(walls)} drawings in the worker process")
        print(f"  wall {percentiles(walls)}")
        print(f"  CPU  {percentiles(cpus)}")
        print(f"  PNG {min(sizes, default=0) // 1024}–{max(sizes, default=0) // 1024} KiB")
        print(f"load average {load_before:.1f} before, {load_after:.1f} after, on {os.cpu_count()} cores")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
