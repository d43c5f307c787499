"""A million tracker rows: importing them (SQLite and PostgreSQL), then the snapshot and answers at that size.

    python -m benchmarks.import_million [--rows 1000000] [--postgres URL] [--questions 2000] [--csv PATH]

Writes a synthetic tracker-shaped export (benchmarks/synthetic_tracker.py: the real export's rows repeated
under other company names, each row with its own link) unless `--csv` names one, then:

* imports it with the command line (`python -m bot --db URL kb import FILE --format layoffs-fyi`) into a new
  SQLite file, and into a new schema of the PostgreSQL server at `--postgres` (or $LAYOFFBOT_TEST_POSTGRES_URL;
  skipped without either), each timed as a whole process: wall and CPU seconds, and its peak memory;
* in a fresh process on the SQLite knowledge base: the time to build the snapshot, the process's memory
  before and after, and the latency of answering the tracker benchmark's mix of questions (company counts by
  year and month, typos, French, shares, timelines, industry totals, the biggest layoff, declines): median,
  99th percentile and largest.

No targets for the second part: it is for planning.  The import's target is under 60 s on each database.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from benchmarks.synthetic_tracker import DATA, write

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-06-01"

# Run in a fresh interpreter, so that its memory is the answering process's alone.
_ANSWERING = """
import json, resource, statistics, sys, time
from datetime import date
from benchmarks.tracker import questions
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings

def rss():
    return int(open("/proc/self/statm").read().split()[1]) * 4096 / 1e6

before = rss()
kb = KnowledgeBase.open(sys.argv[1], AnswerSettings(refresh_interval=3600))
started = time.perf_counter()
snapshot = kb.snapshot()
built = time.perf_counter() - started
after = rss()
asked = questions(kb, int(sys.argv[2]))
times = []
for question in asked:
    started = time.perf_counter()
    kb.ask(question, today=date.fromisoformat(sys.argv[3]))
    times.append(1000 * (time.perf_counter() - started))
times.sort()
print(json.dumps({"facts": snapshot.fact_count, "build_s": built, "rss_before_mb": before, "rss_after_mb": after,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "p50_ms": statistics.median(times), "p99_ms": times[int(0.99 * (len(times) - 1))],
                  "max_ms": times[-1], "questions": len(times)}))
"""


def whole_process(command: list[str]) -> tuple[float, float, float, str]:
    """(wall s, CPU s, peak MB, stdout) of a child process, from the kernel's accounting of that child alone."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode:
            raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{err.read()[-3000:]}")
        return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read()


def postgres_schema(base: str) -> tuple[str, str]:
    """A new, empty schema on the server; (its URL, its name)."""
    import psycopg

    schema = f"million_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options={quote(f'-csearch_path={schema}')}", schema


def drop_schema(base: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(base.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--csv", type=Path, help="an export to import instead of a synthetic one")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--postgres", default=os.environ.get("LAYOFFBOT_TEST_POSTGRES_URL"))
    parser.add_argument("--questions", type=int, default=2000)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="layoffbot-million-") as tmp:
        folder = Path(tmp)
        export = args.csv or write(args.rows, folder / "tracker-2026-06-01.csv", args.data)
        print(f"export: {export.name}, {export.stat().st_size / 1e6:.0f} MB")
        targets = {"SQLite": f"sqlite:///{folder / 'kb.db'}"}
        schema = None
        if args.postgres:
            targets["PostgreSQL"], schema = postgres_schema(args.postgres)
        try:
            for name, url in targets.items():
                wall, cpu, peak, out = whole_process([python, "-m", "bot", "--db", url, "kb", "import", str(export),
                                                      "--format", "layoffs-fyi", "--create"])
                summary = next((line for line in out.splitlines() if " rows in " in line), out[:200])
                print(f"import into {name}: {wall:.1f} s wall, {cpu:.1f} s CPU, peak {peak:,.0f} MB\n  {summary}")
            wall, cpu, peak, out = whole_process([python, "-c", _ANSWERING, targets["SQLite"], str(args.questions),
                                                  TODAY])
            found = json.loads(out.strip().splitlines()[-1])
            print(f"snapshot of {found['facts']:,} facts: built in {found['build_s']:.1f} s; memory "
                  f"{found['rss_before_mb']:.0f} MB before, {found['rss_after_mb']:.0f} MB after, peak "
                  f"{found['peak_mb']:.0f} MB")
            print(f"answers ({found['questions']:,} questions): p50 {found['p50_ms']:.1f} ms, p99 "
                  f"{found['p99_ms']:.1f} ms, max {found['max_ms']:.1f} ms")
        finally:
            if schema and args.postgres:
                drop_schema(args.postgres, schema)


if __name__ == "__main__":
    main()
