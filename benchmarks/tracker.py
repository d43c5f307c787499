"""Import speed for the real tracker exports, and answers on the knowledge base they produce.

    python -m benchmarks.tracker [--data ../shared/data] [--questions 2000]

Reads the exports from ../shared/data at run time (they are never copied into
the repository), imports each into a fresh SQLite knowledge base (and the
current export a second time, to time a re-import), then times start-up (the
snapshot build) and answers to a mix of questions about companies from the
data: counts per year and month, typos, shares, timelines, industry totals,
the biggest layoff, and questions it must decline.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from knowledge.facts.imports import import_tracker
from knowledge.intake.trackers import read_tracker
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings

HERE = Path(__file__).resolve().parent
TODAY = date(2026, 6, 1)


def questions(kb: KnowledgeBase, count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    snapshot = kb.snapshot()
    rounds = [f for f in snapshot.layoffs_by_date if f.company]
    asked = []
    for i in range(count):
        fact = rng.choice(rounds)
        name, day = fact.company or "", fact.when
        typo = name[:2] + name[3] + name[2] + name[4:] if len(name) > 6 else name
        asked.append([
            f"How many people did {name} lay off in {day.year}?",
            f"{name} layoffs in {day:%B %Y}",
            f"Combien de personnes {name} a-t-elle licenciées en {day.year} ?",
            f"how many people did {typo.lower()} cut in {day:%B %Y}",
            f"What percent of its workforce did {name} cut in {day:%B %Y}?",
            f"{name} layoffs",
            f"How many tech workers were laid off in {day.year}?",
            f"Biggest layoff in {day.year}?",
            f"How many employees did Zorblatt Quux lay off in {day.year}?",
            "What is the capital of France?",
        ][i % 10])
    return asked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data")
    parser.add_argument("--questions", type=int, default=2000)
    args = parser.parse_args()
    files = sorted(args.data.glob("*.csv"))
    if not files:
        raise SystemExit(f"no CSV exports in {args.data}")
    current = max(files, key=lambda p: p.stat().st_size)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/tracker.db"
        kb = KnowledgeBase.open(url, AnswerSettings(refresh_interval=60))
        print(f"{'file':<32} {'rows':>6} {'read s':>7} {'import s':>9} {'added':>6} {'updated':>8} {'unchanged':>9} "
              f"{'skipped':>7}")
        for path in [current, current] + [p for p in files if p != current]:
            started = time.perf_counter()
            tracker = read_tracker(path)
            read = time.perf_counter() - started
            report = import_tracker(kb.facts, tracker)
            print(f"{path.name:<32} {report.rows:>6} {read:>7.2f} {report.seconds:>9.2f} {report.added:>6} "
                  f"{report.updated:>8} {report.unchanged:>9} {len(report.skipped):>7}")
        kb.close()
        started = time.perf_counter()
        kb = KnowledgeBase.open(url, AnswerSettings(refresh_interval=60))
        snapshot = kb.snapshot()
        startup = time.perf_counter() - started
        asked = questions(kb, args.questions)
        for question in asked[:50]:
            kb.ask(question, TODAY)
        timings, answered = [], 0
        for question in asked:
            started = time.perf_counter()
            answered += kb.ask(question, TODAY).answered
            timings.append(1000 * (time.perf_counter() - started))
        timings.sort()
        print(f"\nknowledge base: {snapshot.fact_count:,} active facts, {len(snapshot.companies):,} companies; "
              f"start-up (open + snapshot) {startup:.2f} s")
        print(f"answers: {len(asked):,} questions, median {statistics.median(timings):.3f} ms, "
              f"p99 {timings[int(0.99 * len(timings))]:.3f} ms, max {timings[-1]:.1f} ms, "
              f"{answered / len(asked):.0%} answered")
        print(f"peak memory (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        kb.close()


if __name__ == "__main__":
    main()
