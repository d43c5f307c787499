"""Answer latency on synthetic knowledge bases of 1k, 10k and 100k facts.

    python -m benchmarks.latency [--sizes 1000 10000 100000] [--questions 2000]

For each size it writes a fresh SQLite knowledge base (bulk inserts: the
benchmark is about answering, not about the write path), with each round
tagged as a tracker tags it (industry, country, city, funding stage, drawn
with the skew of the layoffs.fyi data: most rounds in the United States),
builds the in-memory snapshot, then times `KnowledgeBase.ask` over two mixes
of questions:

* "mix": company counts with periods, typos, shares, timelines, industry
  totals, the biggest layoff, and questions it must decline;
* "filtered": totals narrowed by industry, country, city or stage ("layoffs
  in the US in 2023", "healthcare in 2024"), rankings and comparisons;
* "totals": whole-year totals, and years narrowed by industry, country or both;
* "all": the three mixes interleaved (the figure the targets are set on).

Each mix asks some questions more than once (a year's total, the questions to decline), which a process
answers from its recent answers (`answers.recent_answers`); `--recent 0` times every question afresh.

Each mix is timed from a fresh snapshot (its per-snapshot indexes are built
by the first question that needs them, and that question is timed too: p99
includes it).  Prints the time to build the snapshot, the median,
99th-percentile and largest answer times, and the process's peak memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert

from knowledge.kb import KnowledgeBase
from knowledge.language.text import name_key
from knowledge.settings import AnswerSettings
from knowledge.storage.models import Citation, Company, Fact, RoundTags, Source, utcnow
from knowledge.types import SourceKind

# (value, weight): roughly the layoffs.fyi mix.
COUNTRIES = [("United States", 63), ("India", 8), ("Canada", 4), ("Israel", 4), ("United Kingdom", 3),
             ("Germany", 3), ("Brazil", 2), ("Australia", 2), ("Singapore", 1), ("Sweden", 1), ("France", 1)]
CITIES = {"United States": ["SF Bay Area", "New York City", "Seattle", "Boston", "Austin"],
          "India": ["Bengaluru, Non-U.S.", "Mumbai, Non-U.S."], "Canada": ["Toronto, Non-U.S."],
          "Israel": ["Tel Aviv, Non-U.S."], "United Kingdom": ["London, Non-U.S."], "Germany": ["Berlin, Non-U.S."],
          "Brazil": ["Sao Paulo, Non-U.S."], "Australia": ["Sydney, Non-U.S."], "Singapore": ["Singapore, Non-U.S."],
          "Sweden": ["Stockholm, Non-U.S."], "France": ["Paris, Non-U.S."]}
INDUSTRIES = ["Finance", "Retail", "Healthcare", "Other", "Consumer", "Transportation", "Food", "Marketing",
              "Real Estate", "Crypto", "Education", "Media", "Security", "Data", "HR", "Travel"]
STAGES = ["Post-IPO", "Unknown", "Series B", "Series C", "Acquired", "Series D", "Series A", "Seed"]
SYLLABLES = ["ka", "lo", "ri", "ven", "tor", "mi", "zu", "pel", "dra", "no", "qua", "sen", "bri", "tek", "lux", "ora"]
SUFFIXES = ["", "", "", " Labs", " AI", " Health", " Pay", " Cloud", " Systems", " Robotics"]
TODAY = date(2026, 6, 1)


def company_names(count: int, rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        names.add(word + rng.choice(SUFFIXES))
    return sorted(names)


def build(path: Path, facts: int, seed: int = 7, recent: int = AnswerSettings().recent_answers
          ) -> tuple[KnowledgeBase, list[str]]:
    rng = random.Random(seed)
    kb = KnowledgeBase.open(f"sqlite:///{path}", AnswerSettings(refresh_interval=60, recent_answers=recent))
    names = company_names(max(facts // 4, 10), rng)
    now = utcnow()
    with kb.store.engine.begin() as connection:
        connection.execute(insert(Company), [{"name": n, "key": name_key(n), "created_at": now} for n in names])
        ids = dict(connection.execute(Company.__table__.select().with_only_columns(Company.name, Company.id)).all())
        connection.execute(insert(Source), [
            {"kind": SourceKind.TRACKER, "url": f"https://news.example/{i}", "publisher": "Example News",
             "created_at": now} for i in range(facts)])
        first_source = connection.execute(Source.__table__.select().with_only_columns(Source.id)
                                          .where(Source.url == "https://news.example/0")).scalar_one()
        # Rows of an export cite their own link and the export as a whole, as `kb import` makes them.
        connection.execute(insert(Source), [{"kind": SourceKind.DATASET, "title": "synthetic export",
                                             "publisher": "layoffs.fyi", "created_at": now}])
        export = connection.execute(Source.__table__.select().with_only_columns(Source.id)
                                    .where(Source.kind == SourceKind.DATASET)).scalar_one()
        rows = []
        for i in range(facts):
            name = names[i % len(names)]
            day = date(2020, 1, 1) + timedelta(days=rng.randrange(6 * 365))
            count = rng.choice([None, rng.randint(5, 20000)])
            rows.append({
                "company_id": ids[name], "kind": "layoff", "count_min": count, "count_max": count,
                "qualifier": "exact" if count else None, "percent": rng.choice([None, float(rng.randint(1, 60))]),
                "labels": "", "announced": day, "cumulative": False, "summary": f"{name} cut jobs",
                "caveats": "[]", "confidence": 1.0, "status": "active", "version": 1, "created_at": now,
                "updated_at": now, "updated_by": "benchmark",
            })
        connection.execute(insert(Fact), rows)
        fact_ids = [r[0] for r in connection.execute(Fact.__table__.select().with_only_columns(Fact.id)
                                                     .where(Fact.updated_by == "benchmark").order_by(Fact.id))]
        connection.execute(insert(Citation), [
            {"fact_id": fid, "source_id": first_source + i, "created_at": now} for i, fid in enumerate(fact_ids)])
        connection.execute(insert(Citation), [{"fact_id": fid, "source_id": export, "created_at": now}
                                              for fid in fact_ids])
        countries, weights = zip(*COUNTRIES, strict=True)
        tags = []
        for fid in fact_ids:
            country = rng.choices(countries, weights)[0]
            tags.append({"fact_id": fid, "industry": rng.choice(INDUSTRIES), "country": country,
                         "location": rng.choice(CITIES[country]), "stage": rng.choice(STAGES)})
        connection.execute(insert(RoundTags), tags)
    kb.store.bump_generation()
    return kb, names


def questions(names: list[str], count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        name = rng.choice(names)
        year = rng.randint(2020, 2025)
        typo = name[:2] + name[3] + name[2] + name[4:] if len(name) > 6 else name
        out.append([
            f"How many people did {name} lay off in {year}?",
            f"Combien de personnes {name} a-t-elle licenciées en {year} ?",
            f"how many people did {typo.lower()} cut in {year}",
            f"What percent of its workforce did {name} cut in {year}?",
            f"{name} layoffs",
            f"How many tech workers were laid off in {year}?",
            f"Biggest layoff in {year}?",
            f"How many employees did Zorblatt Quux lay off in {year}?",
            "What is the capital of France?",
            f"How many people did {name} lay off between March {year} and June {year + 1}?",
        ][i % 10])
    return out


def filtered_questions(names: list[str], count: int, seed: int = 13) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        year = rng.randint(2020, 2025)
        a, b = rng.sample(names, 2)
        out.append([
            f"How many people were laid off in the US in {year}?",
            f"How many people were laid off in healthcare in {year}?",
            f"fintech layoffs in India in {year}",
            f"How many companies in Germany cut jobs in {year}?",
            f"How many workers did Series B companies let go in {year}?",
            f"How many employees did companies based in Bengaluru let go in {year}?",
            f"Combien de licenciements dans la crypto en {year} ?",
            f"Which industry had the most layoffs in {year}?",
            f"Did {a} lay off more people than {b} in {year}?",
            f"What share of layoffs in {year} were in India?",
        ][i % 10])
    return out


def totals_questions(count: int, seed: int = 17) -> list[str]:
    """Totals of a whole year, and of a year narrowed by industry, by country, or both: the questions most asked."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        year = rng.randint(2020, 2025)
        industry = rng.choice(INDUSTRIES).lower()
        country = rng.choice([c for c, _ in COUNTRIES])
        out.append([
            f"How many people were laid off in {year}?",
            f"Total layoffs in {year}",
            f"How many people were laid off in {industry} in {year}?",
            f"How many people were laid off in {country} in {year}?",
            f"How many {industry} employees were laid off in {country} in {year}?",
            f"Combien de personnes ont été licenciées en {year} ?",
            f"How many companies cut jobs in {year}?",
            f"{industry} layoffs in {year}",
        ][i % 8])
    return out


def resident_mb() -> float:
    """Resident memory now (the peak is reported beside it)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def timed(kb: KnowledgeBase, asked: list[str]) -> tuple[list[float], list[float], int]:
    """Each answer's wall time and CPU time (ms): on a shared machine the wall time also counts other processes'
    turns, the CPU time only this one's work."""
    timings, cpu, answered = [], [], 0
    for question in asked:
        started, used = time.perf_counter(), time.thread_time()
        answer = kb.ask(question, TODAY)
        cpu.append(1000 * (time.thread_time() - used))
        timings.append(1000 * (time.perf_counter() - started))
        answered += answer.answered
    return timings, cpu, answered


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--recent", type=int, default=AnswerSettings().recent_answers,
                        help="recent answers remembered (0: every question answered afresh, even when asked again)")
    args = parser.parse_args()
    print(f"{'facts':>8} {'mix':>9} {'build s':>8} {'snap cpu s':>10} {'median ms':>10} {'p99 ms':>8} {'max ms':>8} "
          f"{'answered':>8} {'peak RSS MB':>11} {'RSS MB':>7}  (CPU median, p99, max)")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            kb, names = build(Path(tmp) / "bench.db", size, recent=args.recent)
            built = time.perf_counter() - started
            mixes = {"mix": questions(names, args.questions), "filtered": filtered_questions(names, args.questions),
                     "totals": totals_questions(args.questions)}
            everything = [q for group in zip(*mixes.values(), strict=True) for q in group]
            for mix, asked in (*mixes.items(), ("all", everything)):
                kb.invalidate()
                kb.store.bump_generation()  # a fresh snapshot: its indexes are built inside the timed questions
                started = time.process_time()
                kb.snapshot()
                loaded = time.process_time() - started  # CPU seconds (see `timed`)
                timings, cpu, answered = timed(kb, asked)
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(f"{size:>8} {mix:>9} {built:>8.2f} {loaded:>10.2f} {statistics.median(timings):>10.3f} "
                      f"{percentile(timings, 0.99):>8.3f} {max(timings):>8.2f} {answered / len(asked):>8.0%} "
                      f"{peak:>11.0f} {resident_mb():>7.0f}  cpu ms: {statistics.median(cpu):.3f} "
                      f"{percentile(cpu, 0.99):.3f} {max(cpu):.2f}")
            kb.close()


if __name__ == "__main__":
    main()
